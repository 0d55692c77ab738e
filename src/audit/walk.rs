//! Finding what to audit on disk: inputs with an expected file beside them, and
//! pairs of output files in two directory trees.
//!
//! Must not know: what the files contain beyond "JSON or not".

use super::AuditError;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The suffix of an expected file: `NAME.expected.json`.
pub const EXPECTED_SUFFIX: &str = ".expected.json";

/// One input to extract and the expected file to compare it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditCase {
    /// The input file.
    pub input: PathBuf,
    /// `NAME.ext.expected.json` if present, else `NAME.expected.json`.
    pub expected: PathBuf,
    /// The path to write into `source.path`: relative to the audited
    /// directory's parent, `/`-separated (`fixtures/docx/a.docx`).
    pub display: String,
}

/// The cases of a directory, and notes on files that are not cases.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub cases: Vec<AuditCase>,
    pub notes: Vec<String>,
}

/// Every input under `dir` (recursively, sorted by path) with an expected file
/// beside it, plus notes on inputs without one and expected files without an
/// input.
pub fn find_cases(dir: &Path) -> Result<Found, AuditError> {
    let files = list_files(dir)?;
    let base = base_name(dir);
    let present: BTreeSet<&PathBuf> = files.iter().collect();
    let mut claimed: BTreeSet<PathBuf> = BTreeSet::new();
    let mut found = Found::default();
    let mut without = Vec::new();
    for path in &files {
        let name = file_name(path);
        if name.ends_with(EXPECTED_SUFFIX) || name.ends_with(".json") || name.ends_with(".md") {
            continue;
        }
        let display = display_path(&base, dir, path);
        match expected_for(path, &present) {
            Some(expected) => {
                claimed.insert(expected.clone());
                found.cases.push(AuditCase {
                    input: path.clone(),
                    expected,
                    display,
                });
            }
            None => without.push(display),
        }
    }
    if !without.is_empty() {
        found.notes.push(format!(
            "{} input(s) without an expected file (not audited): {}",
            without.len(),
            without.join(", ")
        ));
    }
    for path in &files {
        if file_name(path).ends_with(EXPECTED_SUFFIX) && !claimed.contains(path) {
            found.notes.push(format!(
                "{}: expected file without an input beside it",
                display_path(&base, dir, path)
            ));
        }
    }
    Ok(found)
}

fn expected_for(input: &Path, present: &BTreeSet<&PathBuf>) -> Option<PathBuf> {
    let name = file_name(input);
    let full = input.with_file_name(format!("{name}{EXPECTED_SUFFIX}"));
    if present.contains(&full) {
        return Some(full);
    }
    let stem = input.file_stem()?.to_string_lossy().into_owned();
    let short = input.with_file_name(format!("{stem}{EXPECTED_SUFFIX}"));
    present.contains(&short).then_some(short)
}

/// `.json` files of both trees by relative path.
pub struct Pairs {
    pub both: Vec<String>,
    pub expected_only: Vec<String>,
    pub actual_only: Vec<String>,
}

/// Pair the `.json` files of two output trees by relative path.
pub fn json_pairs(expected: &Path, actual: &Path) -> Result<Pairs, AuditError> {
    let exp = json_files(expected)?;
    let act = json_files(actual)?;
    let mut pairs = Pairs {
        both: Vec::new(),
        expected_only: Vec::new(),
        actual_only: Vec::new(),
    };
    for rel in exp.keys() {
        if act.contains_key(rel) {
            pairs.both.push(rel.clone());
        } else {
            pairs.expected_only.push(rel.clone());
        }
    }
    pairs.actual_only = act
        .keys()
        .filter(|r| !exp.contains_key(*r))
        .cloned()
        .collect();
    Ok(pairs)
}

fn json_files(dir: &Path) -> Result<BTreeMap<String, PathBuf>, AuditError> {
    Ok(list_files(dir)?
        .into_iter()
        .filter(|p| file_name(p).ends_with(".json"))
        .map(|p| (relative(dir, &p), p))
        .collect())
}

/// Read and parse a JSON file; the error is a one-line problem description.
pub fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not valid JSON: {e}", path.display()))
}

/// Every regular file under `dir`, sorted; hidden entries and symbolic links
/// to directories are skipped.
fn list_files(dir: &Path) -> Result<Vec<PathBuf>, AuditError> {
    if !dir.is_dir() {
        return Err(AuditError::NotADirectory(dir.to_path_buf()));
    }
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let io = |source| AuditError::Io {
            path: d.clone(),
            source,
        };
        for entry in std::fs::read_dir(&d).map_err(io)? {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            if file_name(&path).starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The audited directory's own name (`fixtures` for `./fixtures/` or, run from
/// inside it, `.`).
fn base_name(dir: &Path) -> String {
    let named = dir.file_name().map(|n| n.to_string_lossy().into_owned());
    named
        .or_else(|| {
            let canon = dir.canonicalize().ok()?;
            canon.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

fn display_path(base: &str, dir: &Path, path: &Path) -> String {
    let rel = relative(dir, path);
    if base.is_empty() {
        rel
    } else {
        format!("{base}/{rel}")
    }
}
