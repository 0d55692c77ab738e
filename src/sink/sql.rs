//! The SQL the program runs, kept in `sql/*.sql` and embedded: the schema of
//! each dialect and its named load statements.
//!
//! Owns: finding a statement by the `-- name: NAME` line above it, the schema
//! version and what loading a file did.
//!
//! Must not know: connections, reports.

/// Version of the relational schema written into `shiryo_schema`.
pub const SCHEMA_VERSION: i64 = 1;

pub const SQLITE_SCHEMA: &str = include_str!("../../sql/sqlite.sql");
pub const SQLITE_LOAD: &str = include_str!("../../sql/sqlite_load.sql");
pub const POSTGRES_SCHEMA: &str = include_str!("../../sql/postgres.sql");
pub const POSTGRES_LOAD: &str = include_str!("../../sql/postgres_load.sql");

/// The statement after `-- name: NAME` in `file`, up to the next name line,
/// without comments and the final `;`. Empty when the name is absent (a test
/// checks every name the sinks use).
pub fn statement(file: &'static str, name: &str) -> &'static str {
    let marker = format!("-- name: {name}\n");
    let Some(start) = file.find(&marker).map(|i| i + marker.len()) else {
        return "";
    };
    let rest = &file[start..];
    let end = rest.find("-- name: ").unwrap_or(rest.len());
    rest[..end].trim().trim_end_matches(';').trim()
}

/// What a load did, per file.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct LoadCounts {
    pub new: usize,
    pub replaced: usize,
    pub unchanged: usize,
}

impl LoadCounts {
    /// `database X: 3 files (1 new, 1 replaced, 1 unchanged)`.
    pub fn note(&self, target: &str) -> String {
        format!(
            "database {target}: {} files ({} new, {} replaced, {} unchanged)",
            self.new + self.replaced + self.unchanged,
            self.new,
            self.replaced,
            self.unchanged
        )
    }
}

/// What loading one file did.
pub enum Outcome {
    New,
    Replaced,
    Unchanged,
}

/// The refusal of a database whose schema version is not this program's.
pub fn version_problem(found: i64) -> Option<String> {
    use std::cmp::Ordering;
    match found.cmp(&SCHEMA_VERSION) {
        Ordering::Equal => None,
        Ordering::Greater => Some(format!(
            "the database has schema version {found}, newer than this shiryo's ({SCHEMA_VERSION}); \
             use a newer shiryo or another database"
        )),
        Ordering::Less => Some(format!(
            "the database has schema version {found}, older than this shiryo's ({SCHEMA_VERSION}) \
             and there is no upgrade; load into a new database"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_statement_exists() {
        for file in [SQLITE_LOAD, POSTGRES_LOAD] {
            for name in [
                "has_schema",
                "schema_version",
                "set_schema_version",
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
            ] {
                let s = statement(file, name);
                assert!(!s.is_empty(), "missing statement {name}");
                assert!(!s.contains("-- name"), "{name} runs into the next one");
            }
        }
    }

    #[test]
    fn versions() {
        assert!(version_problem(SCHEMA_VERSION).is_none());
        assert!(version_problem(SCHEMA_VERSION + 1).is_some_and(|m| m.contains("newer")));
    }
}
