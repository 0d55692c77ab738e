//! `shiryo load`: reports already written — the JSON files of `extract --out`,
//! or `--ndjson` files — handed to the sinks (a database, tables), as if they
//! had just been extracted.
//!
//! Owns: finding report files (directories walked for `*.json`, `*.ndjson`,
//! `*.jsonl`, in path order), reading them back (a file's consecutive NDJSON
//! lines become one report), and naming every file that is not a shiryo report.
//!
//! Must not know: readers, forms, threads, any destination's format.

use crate::batch::{signals, StopReason, Stopped, Summary};
use crate::output::{FileReport, NdjsonRecord, SCHEMA};
use crate::sink::{failure_line, Sink, SinkError};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// What a load did.
#[derive(Debug, Clone, Default)]
pub struct LoadSummary {
    /// The reports handed to the sinks (`files` counts them).
    pub reports: Summary,
    /// Inputs (or NDJSON lines) that were not shiryo reports; each was named on stderr.
    pub unreadable: usize,
}

/// Errors that stop a load.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A path given on the command line does not exist.
    #[error("{0}: no such file or directory")]
    Missing(String),
    /// A destination failed.
    #[error(transparent)]
    Sink(#[from] SinkError),
}

/// The report files named by `paths`, sorted, without repeats.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|_| LoadError::Missing(p.display().to_string()))?;
        if meta.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let path = e.path();
        match e.file_type() {
            Ok(ft) if ft.is_dir() => walk(&path, out),
            Ok(ft) if ft.is_file() && (is_ndjson(&path) || has_ext(&path, "json")) => {
                out.push(path)
            }
            _ => {}
        }
    }
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn is_ndjson(path: &Path) -> bool {
    has_ext(path, "ndjson") || has_ext(path, "jsonl")
}

/// Hand every report in `files` to `sink`, in order.
///
/// A stop asked for by signal (`batch::signals`) is taken between reports:
/// the reports delivered so far stay delivered (a database commits each
/// file on its own), the sinks are not finished (a table file is not
/// written; its temporary file goes with it), and the summary says how far
/// the load got. A closed NDJSON pipe ends the load the same way.
pub fn run(files: &[PathBuf], sink: &mut dyn Sink) -> Result<LoadSummary, LoadError> {
    let started = Instant::now();
    let mut summary = LoadSummary::default();
    sink.begin()?;
    for path in files {
        if signals::stopping() {
            break;
        }
        let mut deliver = |report: FileReport| -> Result<(), SinkError> {
            if signals::stopping() {
                return Ok(());
            }
            summary.reports.files += 1;
            summary.reports.add(&report);
            if let Some(line) = failure_line(&report.source.path, report.error.as_ref()) {
                eprintln!("{line}");
            }
            sink.report(&report)
        };
        let problems = if is_ndjson(path) {
            read_ndjson(path, &mut deliver)
        } else {
            match read_json(path) {
                Ok(report) => deliver(report).map(|()| Vec::new()),
                Err(problem) => Ok(vec![problem]),
            }
        };
        let problems = match problems {
            Err(e) if e.pipe_closed => {
                return Ok(summary.stopped(StopReason::PipeClosed, started));
            }
            other => other?,
        };
        for p in &problems {
            eprintln!("shiryo: {}: not loaded: {p}", path.display());
        }
        summary.unreadable += problems.len();
    }
    if let Some(sig) = signals::requested() {
        return Ok(summary.stopped(StopReason::Signal(sig), started));
    }
    match sink.finish() {
        Err(e) if e.pipe_closed => return Ok(summary.stopped(StopReason::PipeClosed, started)),
        notes => summary.reports.notes.extend(notes?),
    }
    summary.reports.elapsed = started.elapsed();
    Ok(summary)
}

impl LoadSummary {
    /// The summary of a load that ended early, after the reports counted.
    fn stopped(mut self, why: StopReason, started: Instant) -> LoadSummary {
        let done = self.reports.files;
        self.reports.stopped = Some(Stopped { why, done });
        self.reports.elapsed = started.elapsed();
        self
    }
}

fn check(mut report: FileReport) -> Result<FileReport, String> {
    if report.schema != SCHEMA {
        return Err(format!("schema {:?} is not {SCHEMA}", report.schema));
    }
    report.assign_ids();
    // Reports written before the review existed get it from their content.
    crate::review::fill_missing(&mut report.submissions);
    Ok(report)
}

/// One output file of `extract`.
fn read_json(path: &Path) -> Result<FileReport, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let report: FileReport =
        serde_json::from_slice(&bytes).map_err(|e| format!("not a shiryo report: {e}"))?;
    check(report)
}

/// An NDJSON file: consecutive lines of one `source.path` make one report
/// (diagnostics are not in NDJSON). Returns the problems of bad lines.
fn read_ndjson(
    path: &Path,
    deliver: &mut dyn FnMut(FileReport) -> Result<(), SinkError>,
) -> Result<Vec<String>, SinkError> {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Ok(vec![e.to_string()]),
    };
    let mut problems = Vec::new();
    let mut current: Option<FileReport> = None;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        if signals::stopping() {
            return Ok(problems);
        }
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                problems.push(format!("line {}: {e}", n + 1));
                break;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let record: NdjsonRecord = match serde_json::from_str(&line) {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("line {}: not a shiryo NDJSON line: {e}", n + 1));
                continue;
            }
        };
        let same = current
            .as_ref()
            .is_some_and(|c| c.source.path == record.source.path);
        if !same {
            if let Some(done) = current.take() {
                deliver_checked(done, &mut problems, deliver)?;
            }
            current = Some(FileReport {
                schema: record.schema,
                generator: record.generator,
                source: record.source,
                submissions: Vec::new(),
                diagnostics: Vec::new(),
                error: record.error,
            });
        }
        if let (Some(report), Some(sub)) = (current.as_mut(), record.submission) {
            report.submissions.push(sub);
        }
    }
    if let Some(done) = current.take() {
        deliver_checked(done, &mut problems, deliver)?;
    }
    Ok(problems)
}

fn deliver_checked(
    report: FileReport,
    problems: &mut Vec<String>,
    deliver: &mut dyn FnMut(FileReport) -> Result<(), SinkError>,
) -> Result<(), SinkError> {
    let path = report.source.path.clone();
    match check(report) {
        Ok(r) => deliver(r),
        Err(p) => {
            problems.push(format!("{path}: {p}"));
            Ok(())
        }
    }
}
