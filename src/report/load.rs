//! Reading a directory of output JSON files for the overview page.
//!
//! Owns: walking the directory (recursively, in name order, `.json` files
//! only, names starting with `.` skipped) and telling `shiryo/v1` reports from
//! other JSON (an audit report, a manifest), which is listed, not read.
//!
//! Must not know: what the page shows.

use super::ReportError;
use crate::output::{FileReport, SCHEMA};
use std::path::{Path, PathBuf};

/// What a directory holds.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The reports, in path order.
    pub reports: Vec<FileReport>,
    /// JSON files under the directory that are not `shiryo/v1` reports, with
    /// the reason, relative to the directory.
    pub skipped: Vec<(String, String)>,
}

/// Every `shiryo/v1` report under `dir`.
pub fn load_dir(dir: &Path) -> Result<Loaded, ReportError> {
    if !dir.is_dir() {
        return Err(ReportError::NotADirectory(dir.to_path_buf()));
    }
    let mut files = Vec::new();
    walk(dir, &mut files).map_err(|e| ReportError::Io(dir.to_path_buf(), e))?;
    files.sort();
    let mut loaded = Loaded::default();
    for path in files {
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        match read_report(&path) {
            Ok(r) => loaded.reports.push(r),
            Err(why) => loaded.skipped.push((rel, why)),
        }
    }
    Ok(loaded)
}

fn read_report(path: &Path) -> Result<FileReport, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|e| format!("not JSON: {e}"))?;
    if value.get("schema").and_then(|s| s.as_str()) != Some(SCHEMA) {
        return Err(format!("not a {SCHEMA} report"));
    }
    serde_json::from_value(value).map_err(|e| format!("not a valid {SCHEMA} report: {e}"))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with('.') {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&e.path(), out)?;
        } else if ft.is_file() && name.ends_with(".json") {
            out.push(e.path());
        }
    }
    Ok(())
}
