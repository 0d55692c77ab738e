//! Destinations of finished reports: NDJSON, SQLite, PostgreSQL, CSV, xlsx.
//!
//! Owns: the [`Sink`] interface (begin / one report at a time, in input order /
//! finish), the fan-out [`Sinks`], choosing a database by its target, reading
//! the stored reports back from a database ([`database_reports`], for
//! `report --db`), and the stderr line naming a failed file.
//!
//! Must not know: readers, forms, threads. The batch engine (and `load`) drive
//! the sinks from one thread, in input order; a sink only knows its own format.
//! The JSON archive under `--out` is written by the batch engine's workers
//! (in parallel, and read back by `--skip-existing`), not by a sink.

pub mod csv;
pub mod ndjson;
pub mod postgres;
pub mod rows;
pub mod sql;
pub mod sqlite;
pub mod table;
pub mod xlsx;

use crate::output::{FileError, FileReport};

/// A destination of reports.
pub trait Sink {
    /// Called once before the first report.
    fn begin(&mut self) -> Result<(), SinkError> {
        Ok(())
    }
    /// One finished report; called in input order.
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError>;
    /// Whether [`Sink::report`] does anything: when not, the batch does not
    /// read the written reports back for it.
    fn wants_reports(&self) -> bool {
        true
    }
    /// Called once after the last report: flush, close, and say what was done
    /// (a line for the run summary, or nothing).
    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        Ok(None)
    }
}

/// A failure of one destination; `target` names it (a path or a redacted URL).
#[derive(Debug, thiserror::Error)]
#[error("{target}: {message}")]
pub struct SinkError {
    pub target: String,
    pub message: String,
    /// The destination was a pipe whose reader closed it (`--ndjson - | head`):
    /// not a failure of the run, a reader that had read enough.
    pub pipe_closed: bool,
}

impl SinkError {
    pub fn new(target: impl Into<String>, message: impl std::fmt::Display) -> Self {
        SinkError {
            target: target.into(),
            message: message.to_string(),
            pipe_closed: false,
        }
    }

    /// A failed write: a closed pipe is marked as such, a full disk said in words.
    pub fn io(target: impl Into<String>, e: &std::io::Error) -> Self {
        SinkError {
            pipe_closed: e.kind() == std::io::ErrorKind::BrokenPipe,
            ..SinkError::new(target, describe_io(e))
        }
    }
}

/// Why a write failed, for a person: a full disk, a quota or a file-size
/// limit said as such (with the system's words after), anything else as the
/// system says it.
pub fn describe_io(e: &std::io::Error) -> String {
    #[cfg(unix)]
    {
        let what = match e.raw_os_error() {
            Some(libc::ENOSPC) => Some("the disk is full"),
            Some(libc::EDQUOT) => Some("the disk quota is used up"),
            Some(libc::EFBIG) => Some("the file would pass the largest file size allowed"),
            _ => None,
        };
        if let Some(what) = what {
            return format!("{what} ({e})");
        }
    }
    e.to_string()
}

/// Several sinks driven as one, in the order they were added.
#[derive(Default)]
pub struct Sinks {
    sinks: Vec<Box<dyn Sink>>,
}

impl Sinks {
    pub fn push(&mut self, sink: Box<dyn Sink>) {
        self.sinks.push(sink);
    }

    pub fn is_empty(&self) -> bool {
        self.sinks.is_empty()
    }
}

impl Sink for Sinks {
    fn wants_reports(&self) -> bool {
        self.sinks.iter().any(|s| s.wants_reports())
    }

    fn begin(&mut self) -> Result<(), SinkError> {
        self.sinks.iter_mut().try_for_each(|s| s.begin())
    }

    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        self.sinks.iter_mut().try_for_each(|s| s.report(report))
    }

    /// Every sink is finished, even after one fails; the first error is returned.
    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        let mut notes = Vec::new();
        let mut first_error = None;
        for s in &mut self.sinks {
            match s.finish() {
                Ok(Some(note)) => notes.push(note),
                Ok(None) => {}
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None if notes.is_empty() => Ok(None),
            None => Ok(Some(notes.join("\n"))),
        }
    }
}

/// Open the database named by `target`: a `postgres://` or `postgresql://` URL,
/// else the path of an SQLite file (created when missing). The schema is created
/// on first use; a database of a newer schema version is refused.
pub fn open_database(target: &str) -> Result<Box<dyn Sink>, SinkError> {
    if postgres::is_url(target) {
        Ok(Box::new(postgres::PostgresSink::open(target)?))
    } else {
        Ok(Box::new(sqlite::SqliteSink::open(std::path::Path::new(
            target,
        ))?))
    }
}

/// Every report loaded into the database named by `target` (as for
/// [`open_database`]), in path order: what `report --db` renders. The
/// database is only read; an SQLite file must already exist.
pub fn database_reports(target: &str) -> Result<Vec<FileReport>, SinkError> {
    if postgres::is_url(target) {
        postgres::read_reports(target)
    } else {
        sqlite::read_reports(std::path::Path::new(target))
    }
}

/// A report as stored in `file_reports`.
fn parse_report(json: &str) -> Result<FileReport, String> {
    serde_json::from_str(json)
        .map_err(|e| format!("a stored report is not a shiryo/v1 report: {e}"))
}

/// A temporary file in `target`'s directory, to be renamed over `target` when
/// complete (so `target` is never half written). Write through `as_file_mut()`
/// (or the file of `into_parts()`): the temporary file's own `Write` wraps
/// errors with its name, hiding the system's error (a full disk). Readable like any new file
/// (0666 less the umask), not only by its owner.
pub fn temp_beside(target: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut b = tempfile::Builder::new();
    b.prefix(".shiryo-").suffix(".partial");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir)
}

/// The stderr line for a file that could not be read: `shiryo: PATH: CODE: REASON`.
pub fn failure_line(path: &str, error: Option<&FileError>) -> Option<String> {
    let e = error?;
    let reason = e
        .message
        .strip_prefix(path)
        .and_then(|m| m.strip_prefix(": "))
        .unwrap_or(&e.message);
    Some(format!("shiryo: {path}: {}: {reason}", e.code))
}
