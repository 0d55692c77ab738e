//! The in-process guard: an optional time limit per file, for runs without
//! worker processes (`--in-process`, the audit, embedding). It cannot stop a
//! runaway reader — the thread is abandoned and keeps its memory — and it
//! cannot survive an abort; worker processes (`crate::worker`) can.
//!
//! Owns: running [`crate::extract::extract_file`] under the limit and turning
//! a timeout into that file's `error`.
//!
//! Must not know: rayon, output paths, formats.

use crate::extract;
use crate::output::{ErrorCode, FileReport};
use crate::Config;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How each file is protected in process.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guard {
    /// Give up on a file after this long (`too_large`).
    pub timeout: Option<Duration>,
}

/// Extract one file under `guard`.
pub fn extract_guarded(path: &Path, display: &str, cfg: &Config, guard: &Guard) -> FileReport {
    match guard.timeout {
        None => extract::extract_file(path, display, cfg),
        Some(limit) => with_timeout(path, display, cfg, limit, String::new())
            .unwrap_or_else(|| extract::extract_file(path, display, cfg)),
    }
}

/// As [`extract_guarded`], unless the file still hashes to `known` (see
/// [`extract::extract_file_if_changed`]): the hashing is under the same guard.
pub fn extract_guarded_if_changed(
    path: &Path,
    display: &str,
    cfg: &Config,
    guard: &Guard,
    known: &str,
) -> Option<FileReport> {
    match guard.timeout {
        None => extract::extract_file_if_changed(path, display, cfg, known),
        Some(limit) => with_timeout(path, display, cfg, limit, known.to_string()),
    }
}

/// In-process time limit: the extraction runs on its own thread; when it overruns,
/// the file is reported and the thread is left to finish on its own.
fn with_timeout(
    path: &Path,
    display: &str,
    cfg: &Config,
    limit: Duration,
    known: String,
) -> Option<FileReport> {
    let (tx, rx) = mpsc::channel();
    let (p, d, c) = (path.to_path_buf(), display.to_string(), cfg.clone());
    let spawned = std::thread::Builder::new()
        .name("shiryo-file".into())
        .spawn(move || {
            let _ = tx.send(extract::extract_file_if_changed(&p, &d, &c, &known));
        });
    if spawned.is_err() {
        return Some(extract::extract_file(path, display, cfg));
    }
    match rx.recv_timeout(limit) {
        Ok(report) => report,
        Err(_) => Some(extract::failed(
            extract::unread_source(path, display),
            ErrorCode::TooLarge,
            format!(
                "{display}: gave up after the time limit of {:.1}s",
                limit.as_secs_f64()
            ),
        )),
    }
}
