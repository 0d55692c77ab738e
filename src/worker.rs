//! Worker processes: each file is read in a long-lived child process (this
//! same binary, started with the hidden `__worker` subcommand) under an
//! address-space and a CPU-time limit, so that a reader that aborts on a
//! failed allocation, overflows its stack or hangs ends only its worker.
//!
//! - [`protocol`]: length-prefixed frames over the child's stdin/stdout.
//! - `pool`: one worker per job, started on demand and replaced when it dies
//!   or passes the file's time limit; [`Pool::run`] gives back either the
//!   file's [`Finished`] report (or that the file is [`Outcome::Unchanged`])
//!   or the [`Killed`] reason.
//! - `child`: starting one worker (rlimits set between fork and exec),
//!   talking to it, stopping it and reading how it ended.
//! - `serve`: the child's side, a loop of requests.
//!
//! Owns: process isolation and the per-file limits enforced by the kernel.
//! Must not know: rayon, output paths, formats, forms.

mod child;
mod pool;
pub mod protocol;
mod serve;

pub use pool::{Killed, Pool, PoolConfig};
pub use serve::serve;

use crate::output::{FileError, FileReport};

/// What a worker made of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file went through the pipeline (its report may carry an error).
    Report(Finished),
    /// The file's SHA-256 is the one the caller already has a report for:
    /// it was hashed, not extracted (`--skip-existing`).
    Unchanged,
}

/// One file's outcome as the batch engine needs it: summary figures, the
/// bytes to write and what the cross-year pass needs, so that the parent
/// never parses the report (in-process runs build the same from the report).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finished {
    pub forms: usize,
    pub items: usize,
    /// The report's error, when the file failed.
    pub error: Option<FileError>,
    /// The report file, exactly as written (`batch::to_json`).
    pub json: Vec<u8>,
    /// The cross-year keys of its forms (`link::pass::FileKeys` as bytes).
    pub keys: Vec<u8>,
    /// The key nouns the cross-year pass needs (`link::nouns::YearNouns`
    /// as bytes; empty when not taken).
    pub nouns: Vec<u8>,
}

impl Finished {
    /// Summarise and serialise `report`, with the key nouns of its plans and
    /// results (call it inside the file's `tokenize::FileScope`, where they
    /// cost little).
    pub fn of(report: &FileReport) -> Finished {
        Finished {
            forms: report.submissions.len(),
            items: report.item_count(),
            error: report.error.clone(),
            json: crate::batch::to_json(report),
            keys: crate::link::pass::FileKeys::of(report).to_bytes(),
            nouns: crate::link::nouns::YearNouns::of(&report.submissions).to_bytes(),
        }
    }
}
