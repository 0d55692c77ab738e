//! `--db postgres://…`: the relational schema in a PostgreSQL database, over a
//! loopback TCP connection or a unix socket (no TLS).
//!
//! Owns: connecting (with a timeout, the password never shown), creating the
//! schema on first use and refusing a newer version, loading one report per
//! transaction with one statement per table (rows passed as arrays), and the
//! counts of what was done.
//!
//! Must not know: readers, threads, other dialects (`rows` gives the values).

use super::rows::{rows, Rows};
use super::sql::{
    self, statement, LoadCounts, Outcome, POSTGRES_LOAD, POSTGRES_SCHEMA, POSTGRES_UPGRADES,
    SCHEMA_VERSION,
};
use super::{Sink, SinkError};
use crate::output::FileReport;
use postgres::types::ToSql;
use postgres::{Client, NoTls, Statement, Transaction};
use std::collections::HashMap;
use std::time::Duration;

/// Whether `target` names a PostgreSQL database rather than an SQLite file.
pub fn is_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

/// `target` with any password (in the user part or as `password=`) replaced by `***`.
pub fn redact(target: &str) -> String {
    let Some((scheme, rest)) = target.split_once("://") else {
        return target.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _password)) => format!("{name}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some(("password", _)) => "password=***".to_string(),
                    _ => p.to_string(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

/// A PostgreSQL error with the server's own message when there is one.
fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(d) => format!("{}: {} ({d})", db.severity(), db.message()),
            None => format!("{}: {}", db.severity(), db.message()),
        },
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                s.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            s
        }
    }
}

/// An open PostgreSQL database with the shiryo schema.
pub struct PostgresSink {
    target: String,
    client: Client,
    statements: HashMap<&'static str, Statement>,
    counts: LoadCounts,
}

const STATEMENTS: &[&str] = &[
    "file_digest",
    "delete_file",
    "insert_file",
    "insert_diagnostics",
    "insert_submissions",
    "insert_names",
    "insert_sections",
    "insert_items",
    "insert_categories",
    "insert_dates",
    "insert_counts",
    "insert_warnings",
    "insert_plan_status",
    "insert_links",
    "insert_review",
    "insert_reasons",
    "insert_report",
];

/// A connection to `url` (a 10 s connect timeout unless the URL sets one);
/// errors name `target`, the URL without its password.
fn connect(url: &str, target: &str) -> Result<Client, SinkError> {
    let fail = |what: &str, e: &postgres::Error| {
        SinkError::new(target, format!("{what}: {}", describe(e)))
    };
    let mut config: postgres::Config = url
        .parse()
        .map_err(|e| fail("not a PostgreSQL connection URL", &e))?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(Duration::from_secs(10));
    }
    config.application_name("shiryo");
    config
        .connect(NoTls)
        .map_err(|e| fail("cannot connect", &e))
}

impl PostgresSink {
    /// Connect to `url`; create the schema when absent.
    pub fn open(url: &str) -> Result<Self, SinkError> {
        let target = redact(url);
        let fail = |what: &str, e: &postgres::Error| {
            SinkError::new(&target, format!("{what}: {}", describe(e)))
        };
        let mut client = connect(url, &target)?;
        ensure_schema(&mut client).map_err(|m| SinkError::new(&target, m))?;
        let mut statements = HashMap::new();
        for name in STATEMENTS {
            let st = client
                .prepare(statement(POSTGRES_LOAD, name))
                .map_err(|e| fail(&format!("preparing {name}"), &e))?;
            statements.insert(*name, st);
        }
        Ok(PostgresSink {
            target,
            client,
            statements,
            counts: LoadCounts::default(),
        })
    }
}

/// Create the schema in one transaction, or check the version of the one found
/// and upgrade an older one (docs/DATABASE.md).
fn ensure_schema(client: &mut Client) -> Result<(), String> {
    let mut tx = client.transaction().map_err(|e| describe(&e))?;
    let has: i64 = tx
        .query_one(statement(POSTGRES_LOAD, "has_schema"), &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| format!("cannot read the database: {}", describe(&e)))?;
    let found = if has == 0 {
        tx.batch_execute(POSTGRES_SCHEMA)
            .map_err(|e| format!("cannot create the schema: {}", describe(&e)))?;
        1
    } else {
        let found: Option<i64> = tx
            .query_one(statement(POSTGRES_LOAD, "schema_version"), &[])
            .and_then(|r| r.try_get(0))
            .map_err(|e| format!("cannot read the schema version: {}", describe(&e)))?;
        found.unwrap_or(0)
    };
    let upgrades = sql::upgrades_from(found, POSTGRES_UPGRADES)?;
    for (version, script) in &upgrades {
        tx.batch_execute(script).map_err(|e| {
            format!(
                "cannot upgrade the schema to version {version}: {}",
                describe(&e)
            )
        })?;
    }
    if has == 0 || !upgrades.is_empty() {
        tx.execute(
            statement(POSTGRES_LOAD, "set_schema_version"),
            &[&SCHEMA_VERSION],
        )
        .map_err(|e| describe(&e))?;
    }
    tx.commit().map_err(|e| describe(&e))
}

impl Sink for PostgresSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        let rows = rows(report);
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| SinkError::new(&self.target, describe(&e)))?;
        let outcome = load(&mut tx, &self.statements, &rows).and_then(|o| tx.commit().map(|()| o));
        match outcome {
            Ok(Outcome::New) => self.counts.new += 1,
            Ok(Outcome::Replaced) => self.counts.replaced += 1,
            Ok(Outcome::Unchanged) => self.counts.unchanged += 1,
            Err(e) => {
                return Err(SinkError::new(
                    &self.target,
                    format!("loading {}: {}", report.source.path, describe(&e)),
                ))
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        Ok(Some(self.counts.note(&self.target)))
    }
}

/// Every report loaded into the database at `url`, in path order (for
/// `report --db`).
pub fn read_reports(url: &str) -> Result<Vec<FileReport>, SinkError> {
    let target = redact(url);
    let fail = |what: &str, e: &postgres::Error| {
        SinkError::new(&target, format!("{what}: {}", describe(e)))
    };
    let mut client = connect(url, &target)?;
    let has: i64 = client
        .query_one(statement(POSTGRES_LOAD, "has_schema"), &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| fail("cannot read the database", &e))?;
    if has == 0 {
        return Err(SinkError::new(
            &target,
            "not a shiryo database (no shiryo_schema table)",
        ));
    }
    let found: Option<i64> = client
        .query_one(statement(POSTGRES_LOAD, "schema_version"), &[])
        .and_then(|r| r.try_get(0))
        .map_err(|e| fail("cannot read the schema version", &e))?;
    sql::readable_version(found.unwrap_or(0)).map_err(|m| SinkError::new(&target, m))?;
    let rows = client
        .query(statement(POSTGRES_LOAD, "read_reports"), &[])
        .map_err(|e| fail("cannot read the reports", &e))?;
    rows.iter()
        .map(|row| {
            let text: String = row
                .try_get(0)
                .map_err(|e| fail("cannot read a report", &e))?;
            super::parse_report(&text).map_err(|m| SinkError::new(&target, m))
        })
        .collect()
}

/// One column of a table's rows, as a PostgreSQL array parameter.
fn col<'r, T, U>(rows: &'r [T], f: impl Fn(&'r T) -> U) -> Vec<U> {
    rows.iter().map(f).collect()
}

fn load(
    tx: &mut Transaction<'_>,
    st: &HashMap<&'static str, Statement>,
    r: &Rows<'_>,
) -> Result<Outcome, postgres::Error> {
    let f = &r.file;
    let old: Option<String> = tx
        .query_opt(&st["file_digest"], &[&f.path])?
        .map(|row| row.try_get(0))
        .transpose()?;
    let outcome = match old {
        Some(d) if d == f.report_sha256 => return Ok(Outcome::Unchanged),
        Some(_) => Outcome::Replaced,
        None => Outcome::New,
    };
    if matches!(outcome, Outcome::Replaced) {
        tx.execute(&st["delete_file"], &[&f.path])?;
    }
    tx.execute(
        &st["insert_file"],
        &[
            &f.path,
            &f.format,
            &f.bytes,
            &f.sha256,
            &f.report_sha256,
            &f.schema,
            &f.generator,
            &f.error_code,
            &f.error_message,
        ],
    )?;
    let mut run = |name: &str, empty: bool, params: &[&(dyn ToSql + Sync)]| {
        if empty {
            Ok(0)
        } else {
            tx.execute(&st[name], params)
        }
    };
    let d = &r.diagnostics;
    run(
        "insert_diagnostics",
        d.is_empty(),
        &[
            &f.path,
            &col(d, |x| x.ord),
            &col(d, |x| x.level),
            &col(d, |x| x.code),
            &col(d, |x| x.message),
        ],
    )?;
    let s = &r.submissions;
    run(
        "insert_submissions",
        s.is_empty(),
        &[
            &f.path,
            &col(s, |x| x.id.as_str()),
            &col(s, |x| x.ord),
            &col(s, |x| x.locator),
            &col(s, |x| x.material_id),
        ],
    )?;
    let n = &r.names;
    run(
        "insert_names",
        n.is_empty(),
        &[
            &col(n, |x| x.submission_id.as_str()),
            &col(n, |x| x.role),
            &col(n, |x| x.ord),
            &col(n, |x| x.name),
        ],
    )?;
    let s = &r.sections;
    run(
        "insert_sections",
        s.is_empty(),
        &[
            &col(s, |x| x.submission_id.as_str()),
            &col(s, |x| x.number),
            &col(s, |x| x.kind),
            &col(s, |x| x.heading),
            &col(s, |x| x.fiscal_year),
        ],
    )?;
    let i = &r.items;
    run(
        "insert_items",
        i.is_empty(),
        &[
            &col(i, |x| x.id.as_str()),
            &col(i, |x| x.submission_id.as_str()),
            &col(i, |x| x.section_number),
            &col(i, |x| x.item_index),
            &col(i, |x| x.text),
            &col(i, |x| x.category_source),
            &col(i, |x| x.at_sheet),
            &col(i, |x| x.at_table),
            &col(i, |x| x.at_row),
            &col(i, |x| x.at_col),
            &col(i, |x| x.at_paragraph),
        ],
    )?;
    let c = &r.categories;
    run(
        "insert_categories",
        c.is_empty(),
        &[&col(c, |x| x.item_id.as_str()), &col(c, |x| x.category)],
    )?;
    let d = &r.dates;
    run(
        "insert_dates",
        d.is_empty(),
        &[
            &col(d, |x| x.item_id.as_str()),
            &col(d, |x| x.ord),
            &col(d, |x| x.text),
            &col(d, |x| x.start_date),
            &col(d, |x| x.end_date),
            &col(d, |x| x.planned),
        ],
    )?;
    let k = &r.counts;
    run(
        "insert_counts",
        k.is_empty(),
        &[
            &col(k, |x| x.item_id.as_str()),
            &col(k, |x| x.ord),
            &col(k, |x| x.text),
            &col(k, |x| x.value),
            &col(k, |x| x.per),
            &col(k, |x| x.every),
            &col(k, |x| x.planned),
            &col(k, |x| x.event),
        ],
    )?;
    let w = &r.warnings;
    run(
        "insert_warnings",
        w.is_empty(),
        &[
            &col(w, |x| x.submission_id.as_str()),
            &col(w, |x| x.ord),
            &col(w, |x| x.code),
            &col(w, |x| x.section_number),
            &col(w, |x| x.item_index),
            &col(w, |x| x.message),
        ],
    )?;
    let x = &r.plan_status;
    run(
        "insert_plan_status",
        x.is_empty(),
        &[
            &col(x, |x| x.item_id.as_str()),
            &col(x, |x| x.kind),
            &col(x, |x| x.status),
        ],
    )?;
    let l = &r.links;
    run(
        "insert_links",
        l.is_empty(),
        &[
            &col(l, |x| x.plan_item_id.as_str()),
            &col(l, |x| x.kind),
            &col(l, |x| x.report_item_id.as_str()),
            &col(l, |x| x.report_path.as_str()),
            &col(l, |x| x.report_locator.as_str()),
            &col(l, |x| x.report_section),
            &col(l, |x| x.report_index),
        ],
    )?;
    let v = &r.reviews;
    run(
        "insert_review",
        v.is_empty(),
        &[
            &col(v, |x| x.submission_id.as_str()),
            &col(v, |x| x.verdict),
        ],
    )?;
    let x = &r.reasons;
    run(
        "insert_reasons",
        x.is_empty(),
        &[
            &col(x, |x| x.submission_id.as_str()),
            &col(x, |x| x.ord),
            &col(x, |x| x.code),
            &col(x, |x| x.level),
            &col(x, |x| x.section_number),
            &col(x, |x| x.count),
            &col(x, |x| x.message),
        ],
    )?;
    run("insert_report", false, &[&f.path, &r.report_json])?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_never_shown() {
        assert_eq!(
            redact("postgresql://me:secret@127.0.0.1:5432/db"),
            "postgresql://me:***@127.0.0.1:5432/db"
        );
        assert_eq!(
            redact("postgres://me:p%40ss@h/db?host=/tmp"),
            "postgres://me:***@h/db?host=/tmp"
        );
        assert_eq!(redact("postgresql://me@h/db"), "postgresql://me@h/db");
        assert_eq!(
            redact("postgresql://h/db?user=me&password=secret&port=5"),
            "postgresql://h/db?user=me&password=***&port=5"
        );
        assert_eq!(
            redact("postgresql:///db?host=/tmp"),
            "postgresql:///db?host=/tmp"
        );
    }

    #[test]
    fn urls_choose_postgres() {
        assert!(is_url("postgres://h/db") && is_url("postgresql:///db"));
        assert!(!is_url("shiryo.db") && !is_url("/tmp/postgres.db"));
    }
}
