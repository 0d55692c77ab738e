//! Writing reports: atomically (a temporary file in the target directory,
//! then a rename; the file gets the usual permissions, 0666 less the umask),
//! inside `--out` only; saying why a write failed in words a person reads
//! (a full disk); and reading back an earlier report for `--skip-existing`.
//!
//! Must not know: formats, threads, workers.

use crate::output::FileReport;
use std::io::Write;
use std::path::Path;

/// Temporary files of unfinished writes: `.shiryo-XXXX.partial`, never `*.json`
/// (the prefix and suffix of `sink::temp_beside`).
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
    let name = target.file_name().unwrap_or_default();
    // Dropped (so removed) on any error: a failed write leaves nothing.
    let mut tmp = crate::sink::temp_beside(&real.join(name))?;
    tmp.as_file_mut().write_all(bytes)?;
    tmp.persist(real.join(name)).map_err(|e| e.error)?;
    Ok(())
}

/// Why a write failed, for a person: a full disk, a quota or a file-size
/// limit said as such, anything else as the system says it.
pub fn why(e: &std::io::Error) -> String {
    crate::sink::describe_io(e)
}

/// Remove the temporary files a killed earlier run left behind (only while
/// holding the lock on `--out`: another run's files in flight look the same).
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

/// The previous report at `target`, when it may stand for its input: this
/// version of shiryo wrote it (another may read the file differently) and it
/// records the input's SHA-256. Whether the input still has that hash is for
/// whoever reads the input to say, under the limits of reading
/// (`extract::extract_file_if_changed`, in a worker by default).
pub(super) fn existing_report(target: &Path) -> Option<FileReport> {
    let text = std::fs::read(target).ok()?;
    let report: FileReport = serde_json::from_slice(&text).ok()?;
    (!report.source.sha256.is_empty() && report.generator == crate::output::GENERATOR)
        .then_some(report)
}
