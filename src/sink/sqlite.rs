//! `--db FILE`: the relational schema in an SQLite file (bundled SQLite; nothing
//! to install).
//!
//! Owns: opening (creating the schema on first use, refusing a newer version),
//! loading one report per transaction — unchanged reports are left alone, changed
//! ones replace their file's rows — and the counts of what was done.
//!
//! Must not know: readers, threads, other dialects (`rows` gives the values).

use super::rows::{rows, Rows};
use super::sql::{
    self, statement, LoadCounts, Outcome, SCHEMA_VERSION, SQLITE_LOAD, SQLITE_SCHEMA,
    SQLITE_UPGRADES,
};
use super::{Sink, SinkError};
use crate::output::FileReport;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use std::path::Path;

/// An open SQLite database with the shiryo schema.
pub struct SqliteSink {
    target: String,
    conn: Connection,
    counts: LoadCounts,
}

impl SqliteSink {
    /// Open or create `path`; create the schema when absent.
    pub fn open(path: &Path) -> Result<Self, SinkError> {
        let target = path.display().to_string();
        let err =
            |e: rusqlite::Error| SinkError::new(&target, format!("cannot open database: {e}"));
        let mut conn = Connection::open(path).map_err(err)?;
        // WAL: a commit per file without waiting for the disk twice; readers are
        // not blocked. A killed load keeps every committed file.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
             PRAGMA busy_timeout = 10000;",
        )
        .map_err(err)?;
        ensure_schema(&mut conn).map_err(|m| SinkError::new(&target, m))?;
        Ok(SqliteSink {
            target,
            conn,
            counts: LoadCounts::default(),
        })
    }
}

/// Create the schema in one transaction, or check the version of the one found
/// and upgrade an older one (docs/DATABASE.md).
fn ensure_schema(conn: &mut Connection) -> Result<(), String> {
    let tx = conn.transaction().map_err(|e| e.to_string())?;
    let has: i64 = tx
        .query_row(statement(SQLITE_LOAD, "has_schema"), [], |r| r.get(0))
        .map_err(|e| format!("cannot read the database: {e}"))?;
    let found = if has == 0 {
        tx.execute_batch(SQLITE_SCHEMA)
            .map_err(|e| format!("cannot create the schema: {e}"))?;
        1
    } else {
        let found: Option<i64> = tx
            .query_row(statement(SQLITE_LOAD, "schema_version"), [], |r| r.get(0))
            .map_err(|e| format!("cannot read the schema version: {e}"))?;
        found.unwrap_or(0)
    };
    let upgrades = sql::upgrades_from(found, SQLITE_UPGRADES)?;
    for (version, script) in &upgrades {
        tx.execute_batch(script)
            .map_err(|e| format!("cannot upgrade the schema to version {version}: {e}"))?;
    }
    if has == 0 || !upgrades.is_empty() {
        tx.execute(
            statement(SQLITE_LOAD, "set_schema_version"),
            [SCHEMA_VERSION],
        )
        .map_err(|e| e.to_string())?;
    }
    tx.commit().map_err(|e| e.to_string())
}

impl Sink for SqliteSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        let rows = rows(report);
        let path = report.source.path.as_str();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| SinkError::new(&self.target, e))?;
        let outcome = load(&tx, &rows).and_then(|o| tx.commit().map(|()| o));
        match outcome {
            Ok(Outcome::New) => self.counts.new += 1,
            Ok(Outcome::Replaced) => self.counts.replaced += 1,
            Ok(Outcome::Unchanged) => self.counts.unchanged += 1,
            Err(e) => return Err(SinkError::new(&self.target, format!("loading {path}: {e}"))),
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(|e| SinkError::new(&self.target, e))?;
        Ok(Some(self.counts.note(&self.target)))
    }
}

fn load(tx: &Transaction<'_>, r: &Rows<'_>) -> rusqlite::Result<Outcome> {
    let f = &r.file;
    let old: Option<String> = tx
        .prepare_cached(statement(SQLITE_LOAD, "file_digest"))?
        .query_row([f.path], |row| row.get(0))
        .optional()?;
    let outcome = match old {
        Some(d) if d == f.report_sha256 => return Ok(Outcome::Unchanged),
        Some(_) => Outcome::Replaced,
        None => Outcome::New,
    };
    if matches!(outcome, Outcome::Replaced) {
        tx.prepare_cached(statement(SQLITE_LOAD, "delete_file"))?
            .execute([f.path])?;
    }
    let st = |name| tx.prepare_cached(statement(SQLITE_LOAD, name));
    st("insert_file")?.execute(params![
        f.path,
        f.format,
        f.bytes,
        f.sha256,
        f.report_sha256,
        f.schema,
        f.generator,
        f.error_code,
        f.error_message
    ])?;
    let mut s = st("insert_diagnostics")?;
    for d in &r.diagnostics {
        s.execute(params![f.path, d.ord, d.level, d.code, d.message])?;
    }
    let mut s = st("insert_submissions")?;
    for x in &r.submissions {
        s.execute(params![x.id, f.path, x.ord, x.locator, x.material_id])?;
    }
    let mut s = st("insert_names")?;
    for n in &r.names {
        s.execute(params![n.submission_id, n.role, n.ord, n.name])?;
    }
    let mut s = st("insert_sections")?;
    for x in &r.sections {
        s.execute(params![
            x.submission_id,
            x.number,
            x.kind,
            x.heading,
            x.fiscal_year
        ])?;
    }
    let mut s = st("insert_items")?;
    for i in &r.items {
        s.execute(params![
            i.id,
            i.submission_id,
            i.section_number,
            i.item_index,
            i.text,
            i.category_source,
            i.at_sheet,
            i.at_table,
            i.at_row,
            i.at_col,
            i.at_paragraph
        ])?;
    }
    let mut s = st("insert_categories")?;
    for c in &r.categories {
        s.execute(params![c.item_id, c.category])?;
    }
    let mut s = st("insert_dates")?;
    for d in &r.dates {
        s.execute(params![
            d.item_id,
            d.ord,
            d.text,
            d.start_date,
            d.end_date,
            d.planned
        ])?;
    }
    let mut s = st("insert_counts")?;
    for c in &r.counts {
        s.execute(params![
            c.item_id, c.ord, c.text, c.value, c.per, c.every, c.planned, c.event
        ])?;
    }
    let mut s = st("insert_warnings")?;
    for w in &r.warnings {
        s.execute(params![
            w.submission_id,
            w.ord,
            w.code,
            w.section_number,
            w.item_index,
            w.message
        ])?;
    }
    let mut s = st("insert_plan_status")?;
    for x in &r.plan_status {
        s.execute(params![x.item_id, x.kind, x.status])?;
    }
    let mut s = st("insert_links")?;
    for l in &r.links {
        s.execute(params![
            l.plan_item_id,
            l.kind,
            l.report_item_id,
            l.report_path,
            l.report_locator,
            l.report_section,
            l.report_index
        ])?;
    }
    let mut s = st("insert_review")?;
    for x in &r.reviews {
        s.execute(params![x.submission_id, x.verdict])?;
    }
    let mut s = st("insert_reasons")?;
    for x in &r.reasons {
        s.execute(params![
            x.submission_id,
            x.ord,
            x.code,
            x.level,
            x.section_number,
            x.count,
            x.message
        ])?;
    }
    st("insert_report")?.execute(params![f.path, r.report_json])?;
    Ok(outcome)
}

/// Every report loaded into the SQLite file `path`, in path order (for
/// `report --db`). The file must exist and hold the shiryo schema.
pub fn read_reports(path: &Path) -> Result<Vec<FileReport>, SinkError> {
    let target = path.display().to_string();
    let err = |e: String| SinkError::new(&target, e);
    if !path.is_file() {
        return Err(err("no such database file".into()));
    }
    let mut conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| err(format!("cannot open database: {e}")))?;
    check_readable(&mut conn).map_err(err)?;
    let mut st = conn
        .prepare(statement(SQLITE_LOAD, "read_reports"))
        .map_err(|e| err(e.to_string()))?;
    let texts = st
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|e| err(e.to_string()))?;
    let mut out = Vec::new();
    for t in texts {
        let t = t.map_err(|e| err(e.to_string()))?;
        out.push(super::parse_report(&t).map_err(err)?);
    }
    Ok(out)
}

/// A database this program can read reports from: the shiryo schema at the
/// current version (an older one is upgraded by the next load, not by a read).
fn check_readable(conn: &mut Connection) -> Result<(), String> {
    let has: i64 = conn
        .query_row(statement(SQLITE_LOAD, "has_schema"), [], |r| r.get(0))
        .map_err(|e| format!("cannot read the database: {e}"))?;
    if has == 0 {
        return Err("not a shiryo database (no shiryo_schema table)".into());
    }
    let found: Option<i64> = conn
        .query_row(statement(SQLITE_LOAD, "schema_version"), [], |r| r.get(0))
        .map_err(|e| format!("cannot read the schema version: {e}"))?;
    super::sql::readable_version(found.unwrap_or(0))
}
