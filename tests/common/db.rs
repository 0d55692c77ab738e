//! Database helpers shared by the SQLite and PostgreSQL tests: the fixtures'
//! reports on disk, whole-database dumps, the cross-dialect queries, throwaway
//! PostgreSQL databases.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The tables of the schema, parents first.
pub const TABLES: &[&str] = &[
    "shiryo_schema",
    "files",
    "diagnostics",
    "submissions",
    "submission_names",
    "sections",
    "items",
    "categories",
    "item_categories",
    "item_dates",
    "item_counts",
    "warnings",
    "plan_status",
    "item_links",
    "submission_review",
    "review_reasons",
];

pub fn shiryo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shiryo"))
}

/// Extract every fixture plus two unreadable files into `dir/out` (JSON files)
/// and return that directory. Run from the repository, so paths start at
/// `fixtures/`; the bad files are in `dir/bad/`.
pub fn fixture_outputs(dir: &Path) -> PathBuf {
    let bad = dir.join("bad");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(bad.join("empty.docx"), b"").expect("write");
    std::fs::write(bad.join("text.xlsx"), "テキスト".as_bytes()).expect("write");
    let out = dir.join("out");
    let o = shiryo()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("extract")
        .arg("fixtures")
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .arg("-q")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "two files fail");
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 2);
    out
}

/// Every report under `out`, parsed.
pub fn reports(out: &Path) -> Vec<shiryo::output::FileReport> {
    let mut files = crate::common::walk(out);
    files.sort();
    files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_slice(&std::fs::read(p).expect("read")).expect("report"))
        .collect()
}

/// One SQL result as text rows: NULL → `NULL`, booleans → 0/1.
pub type Answer = Vec<Vec<String>>;

/// Every table of an SQLite database, each row as text, sorted.
pub fn dump_sqlite(path: &Path) -> Vec<(String, Answer)> {
    let conn = rusqlite::Connection::open(path).expect("open");
    TABLES
        .iter()
        .map(|t| {
            let mut rows = query_sqlite(&conn, &format!("SELECT * FROM {t}"));
            rows.sort();
            (t.to_string(), rows)
        })
        .collect()
}

pub fn query_sqlite(conn: &rusqlite::Connection, sql: &str) -> Answer {
    use rusqlite::types::ValueRef;
    let mut st = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
    let n = st.column_count();
    let mut out = Vec::new();
    let mut rows = st.query([]).expect("query");
    while let Some(row) = rows.next().expect("row") {
        out.push(
            (0..n)
                .map(|i| match row.get_ref(i).expect("value") {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(v) => v.to_string(),
                    ValueRef::Real(v) => v.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                })
                .collect(),
        );
    }
    out
}

pub fn query_pg(client: &mut postgres::Client, sql: &str) -> Answer {
    use postgres::types::Type;
    let rows = client
        .query(sql, &[])
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
    rows.iter()
        .map(|row| {
            (0..row.len())
                .map(|i| {
                    let ty = row.columns()[i].type_().clone();
                    let text = if ty == Type::INT8 {
                        row.get::<_, Option<i64>>(i).map(|v| v.to_string())
                    } else if ty == Type::INT4 {
                        row.get::<_, Option<i32>>(i).map(|v| v.to_string())
                    } else if ty == Type::BOOL {
                        row.get::<_, Option<bool>>(i)
                            .map(|v| i64::from(v).to_string())
                    } else if ty == Type::NUMERIC {
                        panic!("{sql}: NUMERIC column {i}; cast it to bigint")
                    } else {
                        row.get::<_, Option<String>>(i)
                    };
                    text.unwrap_or_else(|| "NULL".into())
                })
                .collect()
        })
        .collect()
}

pub fn dump_pg(url: &str) -> Vec<(String, Answer)> {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("connect");
    TABLES
        .iter()
        .map(|t| {
            let mut rows = query_pg(&mut client, &format!("SELECT * FROM {t}"));
            rows.sort();
            (t.to_string(), rows)
        })
        .collect()
}

/// The queries both dialects must answer alike (tests/sql/compare.sql).
pub fn compare_queries() -> Vec<String> {
    include_str!("../sql/compare.sql")
        .split(";\n")
        .map(|q| {
            q.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .map(|q| q.trim().to_string())
        .filter(|q| !q.is_empty())
        .collect()
}

/// The PostgreSQL server of the tests (`SHIRYO_TEST_PG`), or a notice and None.
pub fn pg_base(test: &str) -> Option<String> {
    match std::env::var("SHIRYO_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            eprintln!(
                "notice: {test} skipped: SHIRYO_TEST_PG is not set (.ci/run starts a PostgreSQL server and sets it)"
            );
            None
        }
    }
}

/// A fresh database on the server of `base`, dropped when this is dropped.
pub struct PgDb {
    base: String,
    name: String,
    pub url: String,
}

impl PgDb {
    pub fn create(base: &str, tag: &str) -> PgDb {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("shiryo_t_{tag}_{}_{nanos}", std::process::id());
        let mut c =
            postgres::Client::connect(base, postgres::NoTls).expect("connect to SHIRYO_TEST_PG");
        c.batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        PgDb {
            base: base.to_string(),
            url: with_database(base, &name),
            name,
        }
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `base` (a postgresql:// URL) with its database replaced by `name`.
pub fn with_database(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, format!("?{q}")),
        None => (base, String::new()),
    };
    let scheme_end = head.find("://").map(|i| i + 3).unwrap_or(0);
    let path_start = head[scheme_end..].find('/').map(|i| i + scheme_end);
    let authority = match path_start {
        Some(i) => &head[..i],
        None => head,
    };
    format!("{authority}/{name}{query}")
}
