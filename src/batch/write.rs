//! Writing reports: atomically (a temporary file in the target directory,
//! then a rename), inside `--out` only, and reading back an earlier report
//! for `--skip-existing`.
//!
//! Must not know: formats, threads, workers.

use crate::output::FileReport;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Temporary files of unfinished writes: `.shiryo-XXXX.partial`, never `*.json`.
const PARTIAL_PREFIX: &str = ".shiryo-";
const PARTIAL_SUFFIX: &str = ".partial";

/// Serialise a report the way every output file is written.
pub fn to_json(report: &FileReport) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(report).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Write `bytes` to `target` (under `out_root`) through a temporary file.
pub(super) fn write_atomically(
    out_root: &Path,
    target: &Path,
    bytes: &[u8],
) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(out_root);
    std::fs::create_dir_all(dir)?;
    // A symlink planted inside the output tree must not lead writes outside it.
    let real = dir.canonicalize()?;
    if !real.starts_with(out_root) {
        return Err(std::io::Error::other(
            "output directory escapes --out through a symlink",
        ));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(PARTIAL_PREFIX)
        .suffix(PARTIAL_SUFFIX)
        .tempfile_in(&real)?;
    tmp.write_all(bytes)?;
    let name = target.file_name().unwrap_or_default();
    tmp.persist(real.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// Remove the temporary files a killed earlier run left behind.
pub(super) fn remove_partials(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        match e.file_type() {
            Ok(ft) if ft.is_dir() => remove_partials(&e.path()),
            Ok(ft)
                if ft.is_file()
                    && name.starts_with(PARTIAL_PREFIX)
                    && name.ends_with(PARTIAL_SUFFIX) =>
            {
                let _ = std::fs::remove_file(e.path());
            }
            _ => {}
        }
    }
}

/// The previous report for `input` when its sha256 still matches the file
/// and this version of shiryo wrote it (another version may read the file
/// differently); the input is read only if it is a regular file within `max`
/// bytes.
pub(super) fn existing_report(input: &Path, target: &Path, max: u64) -> Option<FileReport> {
    let text = std::fs::read(target).ok()?;
    let report: FileReport = serde_json::from_slice(&text).ok()?;
    if report.source.sha256.is_empty() || report.generator != crate::output::GENERATOR {
        return None;
    }
    let bytes = crate::extract::input::read(input, max).ok()?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    (report.source.sha256 == hex).then_some(report)
}
