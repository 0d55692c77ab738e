//! The SQL the program runs, kept in `sql/*.sql` and embedded: the schema of
//! each dialect and its named load statements.
//!
//! Owns: finding a statement by the `-- name: NAME` line above it, the schema
//! version and what loading a file did.
//!
//! Must not know: connections, reports.

/// Version of the relational schema written into `shiryo_schema`.
pub const SCHEMA_VERSION: i64 = 2;

/// Version 1 of each dialect's schema; a new database runs it and then every
/// upgrade.
pub const SQLITE_SCHEMA: &str = include_str!("../../sql/sqlite.sql");
pub const SQLITE_LOAD: &str = include_str!("../../sql/sqlite_load.sql");
pub const POSTGRES_SCHEMA: &str = include_str!("../../sql/postgres.sql");
pub const POSTGRES_LOAD: &str = include_str!("../../sql/postgres_load.sql");

/// Each later version and the SQL that takes version − 1 to it, per dialect.
pub const SQLITE_UPGRADES: &[(i64, &str)] = &[(2, include_str!("../../sql/sqlite_v2.sql"))];
pub const POSTGRES_UPGRADES: &[(i64, &str)] = &[(2, include_str!("../../sql/postgres_v2.sql"))];

/// The upgrades a database at version `found` needs, in order (none for a
/// current one), or why it cannot be used.
pub fn upgrades_from(
    found: i64,
    upgrades: &'static [(i64, &'static str)],
) -> Result<Vec<(i64, &'static str)>, String> {
    if let Some(problem) = version_problem(found) {
        return Err(problem);
    }
    Ok(upgrades
        .iter()
        .filter(|(v, _)| *v > found)
        .copied()
        .collect())
}

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

/// Whether reports can be read from a database at version `found`: only the
/// current version holds every report (an older one is upgraded by a load).
pub fn readable_version(found: i64) -> Result<(), String> {
    match version_problem(found) {
        Some(p) => Err(p),
        None if found < SCHEMA_VERSION => Err(format!(
            "the database has schema version {found}, which keeps no reports for the page; \
             load the JSON files into it once (`shiryo load`) to upgrade it"
        )),
        None => Ok(()),
    }
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

/// The refusal of a database whose schema version this program cannot use:
/// newer than its own, or not a version at all. Older versions are upgraded.
pub fn version_problem(found: i64) -> Option<String> {
    if found > SCHEMA_VERSION {
        Some(format!(
            "the database has schema version {found}, newer than this shiryo's ({SCHEMA_VERSION}); \
             use a newer shiryo or another database"
        ))
    } else if found < 1 {
        Some(format!(
            "the database has schema version {found}, which no shiryo wrote; load into a new database"
        ))
    } else {
        None
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
                "insert_plan_status",
                "insert_links",
                "insert_review",
                "insert_reasons",
                "insert_report",
                "read_reports",
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
        assert!(version_problem(0).is_some());
        let from_1 = upgrades_from(1, SQLITE_UPGRADES).expect("upgradable");
        assert_eq!(from_1.iter().map(|u| u.0).collect::<Vec<_>>(), [2]);
        assert!(upgrades_from(SCHEMA_VERSION, POSTGRES_UPGRADES)
            .expect("current")
            .is_empty());
        assert_eq!(
            SQLITE_UPGRADES.last().map(|u| u.0),
            Some(SCHEMA_VERSION),
            "an upgrade file per version"
        );
        assert_eq!(POSTGRES_UPGRADES.last().map(|u| u.0), Some(SCHEMA_VERSION));
    }
}
