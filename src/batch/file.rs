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
use crate::output::FileReport;
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

/// One file, finished: its report, for the sinks.
pub(super) struct Done {
    pub skipped: bool,
    pub report: FileReport,
    /// The key nouns the cross-year pass needs, taken at extraction.
    pub nouns: Option<YearNouns>,
    /// Why the report could not be written, when it could not.
    pub unwritten: Option<String>,
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
                report,
                nouns: None,
                unwritten: None,
            }
        })
    };
    // The report, and the bytes of its file exactly as written.
    let (report, json, nouns) = match ctx.engine {
        Engine::InProcess(guard) => {
            // The nouns are taken while the file's texts are still segmented.
            let _memo = FileScope::begin();
            match extract_guarded_if_changed(&input.path, &input.display, cfg, guard, known) {
                Some(report) => {
                    let json = to_json(&report);
                    let nouns = YearNouns::of(&report.submissions);
                    (report, json, Some(nouns))
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
                Ok(Outcome::Report(Finished { json, nouns, .. })) => {
                    match serde_json::from_slice::<FileReport>(&json) {
                        Ok(report) => (report, json, YearNouns::from_bytes(&nouns)),
                        Err(e) => with_no_nouns(failed(
                            input,
                            crate::output::ErrorCode::Corrupt,
                            format!("{}: the worker's report cannot be read: {e}", input.display),
                        )),
                    }
                }
                Err(Killed::Cancelled) => return Ok(None),
                Err(Killed::NoWorker(why)) => {
                    return Err(BatchError::Pool(format!(
                        "cannot start a worker process: {why}"
                    )))
                }
                Err(killed) => {
                    with_no_nouns(failed(input, killed.code(), killed.message(&input.display)))
                }
            }
        }
    };
    let unwritten = write::write_atomically(ctx.out_root, target, &json)
        .err()
        .map(|e| format!("{}: {NOT_WRITTEN} ({})", target.display(), write::why(&e)));
    ctx.progress
        .done(report.error.is_some() || unwritten.is_some());
    Ok(Some(Done {
        skipped: false,
        report,
        nouns,
        unwritten,
    }))
}

fn with_no_nouns(
    (report, json): (FileReport, Vec<u8>),
) -> (FileReport, Vec<u8>, Option<YearNouns>) {
    (report, json, None)
}

/// The report of a file that yielded none, and its bytes.
fn failed(input: &Input, code: crate::output::ErrorCode, message: String) -> (FileReport, Vec<u8>) {
    let source = extract::unread_source(&input.path, &input.display);
    let report = extract::failed(source, code, message);
    let json = to_json(&report);
    (report, json)
}
