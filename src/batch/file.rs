//! One input of a batch: keep its report (`--skip-existing`, decided where
//! the file is read, under the same limits), or extract it in a worker (or in
//! process) and write its report; or abandon it when the run is stopping.
//!
//! Must not know: rayon, sinks, formats.

use super::signals;
use super::write::{self, to_json};
use super::{BatchError, Engine, Input, NOT_WRITTEN};
use crate::extract;
use crate::guard::extract_guarded_if_changed;
use crate::link::nouns::YearNouns;
use crate::link::pass::FileKeys;
use crate::output::{FileError, FileReport};
use crate::text::tokenize::FileScope;
use crate::worker::{Finished, Killed, Outcome};
use crate::Config;
use std::path::Path;

/// What every file of a run shares.
pub(super) struct Ctx<'a> {
    pub cfg: &'a Config,
    pub skip_existing: bool,
    pub out_root: &'a Path,
    pub engine: &'a Engine,
    pub progress: &'a super::progress::Progress,
}

/// One file, finished: what the summary and the cross-year pass need of its
/// report (the report itself is on disk; a worker's is never parsed here).
pub(super) struct Done {
    pub skipped: bool,
    pub brief: Brief,
    /// The key nouns the cross-year pass needs, taken at extraction.
    pub nouns: Option<YearNouns>,
    /// Why the report could not be written, and the report (for the
    /// sinks, from memory), when it could not.
    pub unwritten: Option<(String, FileReport)>,
}

/// What the batch keeps of one report.
pub(super) struct Brief {
    pub forms: usize,
    pub items: usize,
    pub error: Option<FileError>,
    pub keys: FileKeys,
}

impl Brief {
    fn of(report: &FileReport) -> Brief {
        Brief {
            forms: report.submissions.len(),
            items: report.item_count(),
            error: report.error.clone(),
            keys: FileKeys::of(report),
        }
    }
}

/// Process one input; `None` when the run is stopping and the file was not
/// started, or was abandoned in flight (nothing of it is written).
pub(super) fn process(
    input: &Input,
    target: &Path,
    ctx: &Ctx<'_>,
) -> Result<Option<Done>, BatchError> {
    if signals::stopping() {
        return Ok(None);
    }
    let cfg = ctx.cfg;
    // The earlier report, when it may stand: the input is hashed where it
    // is read, against the SHA-256 the report records.
    let earlier = if ctx.skip_existing {
        write::existing_report(target)
    } else {
        None
    };
    let known = earlier.as_ref().map_or("", |r| r.source.sha256.as_str());
    let kept = |earlier: Option<FileReport>| {
        earlier.map(|report| {
            ctx.progress.done(report.error.is_some());
            Done {
                skipped: true,
                brief: Brief::of(&report),
                nouns: None,
                unwritten: None,
            }
        })
    };
    // What is kept of the report, the bytes of its file exactly as written,
    // and the report itself when it is at hand.
    let (brief, json, nouns, report) = match ctx.engine {
        Engine::InProcess(guard) => {
            // The nouns are taken while the file's texts are still segmented.
            let _memo = FileScope::begin();
            match extract_guarded_if_changed(&input.path, &input.display, cfg, guard, known) {
                Some(report) => {
                    let json = to_json(&report);
                    let nouns = YearNouns::of(&report.submissions);
                    (Brief::of(&report), json, Some(nouns), Some(report))
                }
                None => return Ok(kept(earlier)),
            }
        }
        Engine::Workers(pool) => {
            match pool.run(
                &input.path,
                &input.display,
                Some(known).filter(|k| !k.is_empty()),
            ) {
                Ok(Outcome::Unchanged) => return Ok(kept(earlier)),
                Ok(Outcome::Report(done)) => from_worker(input, done),
                Err(Killed::Cancelled) => return Ok(None),
                Err(Killed::NoWorker(why)) => {
                    return Err(BatchError::Pool(format!(
                        "cannot start a worker process: {why}"
                    )))
                }
                Err(killed) => failed(input, killed.code(), killed.message(&input.display)),
            }
        }
    };
    let unwritten = write::write_atomically(ctx.out_root, target, &json)
        .err()
        .map(|e| format!("{}: {NOT_WRITTEN} ({})", target.display(), write::why(&e)));
    ctx.progress
        .done(brief.error.is_some() || unwritten.is_some());
    // A report that is not on disk goes to the sinks from memory.
    let unwritten = unwritten.map(|why| {
        let report = match report.or_else(|| serde_json::from_slice(&json).ok()) {
            Some(report) => report,
            None => {
                let why = format!("{}: the worker's report cannot be read", input.display);
                failed_report(input, crate::output::ErrorCode::Corrupt, why)
            }
        };
        (why, report)
    });
    Ok(Some(Done {
        skipped: false,
        brief,
        nouns,
        unwritten,
    }))
}

type Made = (Brief, Vec<u8>, Option<YearNouns>, Option<FileReport>);

/// What a worker sent: its figures and keys as they came, the report left
/// unparsed (it is parsed only when the keys do not read back).
fn from_worker(input: &Input, done: Finished) -> Made {
    let nouns = YearNouns::from_bytes(&done.nouns);
    if let Some(keys) = FileKeys::from_bytes(&done.keys) {
        let brief = Brief {
            forms: done.forms,
            items: done.items,
            error: done.error,
            keys,
        };
        return (brief, done.json, nouns, None);
    }
    match serde_json::from_slice::<FileReport>(&done.json) {
        Ok(report) => (Brief::of(&report), done.json, nouns, Some(report)),
        Err(e) => failed(
            input,
            crate::output::ErrorCode::Corrupt,
            format!("{}: the worker's report cannot be read: {e}", input.display),
        ),
    }
}

/// The report of a file that yielded none, and its bytes.
fn failed(input: &Input, code: crate::output::ErrorCode, message: String) -> Made {
    let report = failed_report(input, code, message);
    let json = to_json(&report);
    (Brief::of(&report), json, None, Some(report))
}

fn failed_report(input: &Input, code: crate::output::ErrorCode, message: String) -> FileReport {
    let source = extract::unread_source(&input.path, &input.display);
    extract::failed(source, code, message)
}
