//! PostgreSQL (`SHIRYO_TEST_PG`, started by .ci/run): the same load as SQLite,
//! the same answers to the same queries (tests/sql/compare.sql), idempotence,
//! a unix-socket URL, a killed load rerun. Without a server each test prints a
//! notice and returns.

mod common;
#[path = "common/db.rs"]
mod db;

use db::{
    compare_queries, dump_pg, fixture_outputs, pg_base, query_pg, query_sqlite, shiryo, PgDb,
};
use std::path::Path;
use std::time::{Duration, Instant};

fn load(target: &str, inputs: &[&Path]) -> String {
    let out = shiryo()
        .arg("load")
        .args(inputs)
        .args(["--db", target])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "load: {err}");
    err
}

#[test]
fn sqlite_and_postgres_give_the_same_answers() {
    let Some(base) = pg_base("sqlite_and_postgres_give_the_same_answers") else {
        return;
    };
    let pg = PgDb::create(&base, "same");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let lite = tmp.path().join("a.sqlite");
    load(lite.to_str().expect("utf8"), &[&out]);
    load(&pg.url, &[&out]);
    let conn = rusqlite::Connection::open(&lite).expect("open");
    let mut client = postgres::Client::connect(&pg.url, postgres::NoTls).expect("connect");
    let queries = compare_queries();
    assert!(queries.len() >= 20, "{} queries", queries.len());
    for q in &queries {
        let a = query_sqlite(&conn, q);
        let b = query_pg(&mut client, q);
        assert!(!a.is_empty(), "{q}: no rows");
        assert_eq!(a, b, "SQLite and PostgreSQL differ on:\n{q}");
    }
    // Every table holds the same rows.
    assert_eq!(db::dump_sqlite(&lite), dump_pg(&pg.url));
    // The overview page of either database is the same page (JSONB keeps the
    // reports whole; only the source's name differs).
    let lite_name = lite.to_str().expect("utf8");
    let a = shiryo::report::report_db(lite_name)
        .expect("sqlite page")
        .html;
    let pg_name = shiryo::sink::postgres::redact(&pg.url);
    let b = shiryo::report::report_db(&pg.url)
        .expect("postgres page")
        .html;
    assert_eq!(a.replace(lite_name, "ROOT"), b.replace(&pg_name, "ROOT"));
    assert!(a.contains("id=\"review-list\""));
}

#[test]
fn postgres_load_is_idempotent_and_replaces_a_changed_file() {
    let Some(base) = pg_base("postgres_load_is_idempotent_and_replaces_a_changed_file") else {
        return;
    };
    let pg = PgDb::create(&base, "idem");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    load(&pg.url, &[&out]);
    let first = dump_pg(&pg.url);
    let note = load(&pg.url, &[&out]);
    assert!(note.contains("0 new, 0 replaced"), "{note}");
    assert_eq!(dump_pg(&pg.url), first);
    let target = out.join("fixtures/xlsx/2-5_daito.xlsx.json");
    let mut report: shiryo::output::FileReport =
        serde_json::from_slice(&std::fs::read(&target).expect("read")).expect("json");
    report.submissions[0].hubs.push("追加の拠点".into());
    std::fs::write(&target, serde_json::to_vec(&report).expect("json")).expect("write");
    let note = load(&pg.url, &[&out]);
    assert!(note.contains("1 replaced"), "{note}");
    let mut c = postgres::Client::connect(&pg.url, postgres::NoTls).expect("connect");
    let rows = query_pg(
        &mut c,
        "SELECT count(*) FROM submission_names WHERE name = '追加の拠点'",
    );
    assert_eq!(rows, vec![vec!["1".to_string()]]);
    // A newer schema is refused with a clear message.
    c.batch_execute("UPDATE shiryo_schema SET version = 99")
        .expect("bump");
    let o = shiryo()
        .arg("load")
        .arg(&out)
        .args(["--db", &pg.url])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("newer"));
}

#[test]
fn extract_into_postgres_over_a_unix_socket() {
    let Ok(socket) = std::env::var("SHIRYO_TEST_PG_SOCKET") else {
        eprintln!("notice: extract_into_postgres_over_a_unix_socket skipped: SHIRYO_TEST_PG_SOCKET is not set");
        return;
    };
    let pg = PgDb::create(&socket, "sock");
    let tmp = tempfile::tempdir().expect("tmp");
    let o = shiryo()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "fixtures/docx", "--out"])
        .arg(tmp.path().join("out"))
        .args(["--db", &pg.url])
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut c = postgres::Client::connect(&pg.url, postgres::NoTls).expect("connect");
    let rows = query_pg(
        &mut c,
        "SELECT count(*) FROM files WHERE path LIKE 'docx/%'",
    );
    assert_eq!(
        rows,
        vec![vec!["7".to_string()]],
        "paths start at the named directory"
    );
}

#[test]
fn killed_postgres_load_then_rerun_equals_one_clean_load() {
    let Some(base) = pg_base("killed_postgres_load_then_rerun_equals_one_clean_load") else {
        return;
    };
    let clean = PgDb::create(&base, "clean");
    let killed = PgDb::create(&base, "killed");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let corpus = tmp.path().join("corpus.ndjson");
    // One NDJSON file of many copies of the fixtures' reports.
    let mut lines = Vec::new();
    for i in 0..20 {
        for mut r in db::reports(&out) {
            r.source.path = format!("corpus/{i:02}/{}", r.source.path);
            r.assign_ids();
            for l in r.ndjson_lines() {
                lines.extend(serde_json::to_vec(&l).expect("json"));
                lines.push(b'\n');
            }
        }
    }
    std::fs::write(&corpus, lines).expect("write");
    load(&clean.url, &[&corpus]);
    let mut child = shiryo()
        .arg("load")
        .arg(&corpus)
        .args(["--db", &killed.url, "-q"])
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    let mut seen = 0i64;
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(mut c) = postgres::Client::connect(&killed.url, postgres::NoTls) {
            seen = c
                .query_one("SELECT count(*) FROM files", &[])
                .and_then(|r| r.try_get(0))
                .unwrap_or(0);
            if seen >= 20 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("kill -9");
    let _ = child.wait();
    let files = |url: &str| -> i64 {
        let mut c = postgres::Client::connect(url, postgres::NoTls).expect("connect");
        c.query_one("SELECT count(*) FROM files", &[])
            .and_then(|r| r.try_get(0))
            .expect("count")
    };
    let (partial, total) = (files(&killed.url), files(&clean.url));
    assert!(
        seen >= 20 && partial < total,
        "killed mid-load: {partial} of {total}"
    );
    load(&killed.url, &[&corpus]);
    assert_eq!(dump_pg(&killed.url), dump_pg(&clean.url));
}

#[test]
fn a_version_1_postgres_database_is_upgraded_by_the_next_load() {
    let Some(base) = pg_base("a_version_1_postgres_database_is_upgraded_by_the_next_load") else {
        return;
    };
    let fresh = PgDb::create(&base, "fresh");
    let old = PgDb::create(&base, "old");
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    load(&fresh.url, &[&out]);
    load(&old.url, &[&out]);
    let mut client = postgres::Client::connect(&old.url, postgres::NoTls).expect("connect");
    client
        .batch_execute(
            "DROP VIEW plan_links; DROP VIEW forms_to_check; DROP TABLE plan_status; \
             DROP TABLE item_links; DROP TABLE review_reasons; DROP TABLE submission_review; \
             DROP TABLE file_reports; DELETE FROM shiryo_schema; \
             INSERT INTO shiryo_schema (version) VALUES (1);",
        )
        .expect("downgrade");
    let err = load(&old.url, &[&out]);
    assert!(
        err.contains("0 new") && err.contains("0 unchanged"),
        "{err}"
    );
    let strip = |d: Vec<(String, db::Answer)>| -> Vec<(String, db::Answer)> {
        d.into_iter()
            .filter(|(t, _)| t != "shiryo_schema")
            .collect()
    };
    assert_eq!(strip(dump_pg(&old.url)), strip(dump_pg(&fresh.url)));
    let v = query_pg(&mut client, "SELECT max(version) FROM shiryo_schema");
    assert_eq!(v, vec![vec!["2".to_string()]]);
}
