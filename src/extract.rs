//! One file through the whole pipeline: sniff → read → form → output.
//!
//! Owns: turning every failure of one file into that file's `error`, so the
//! caller always gets a complete [`FileReport`]. A panic inside a reader or the
//! form stage is caught here and reported as `corrupt`.
//!
//! Must not know: threads, the command line, where output is written.

pub mod input;

use crate::output::{self, ErrorCode, FileError, FileReport, Source};
use crate::read::{self, ReadError};
use crate::{form, Config};
use sha2::{Digest, Sha256};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Extract one file from disk. `display` is the path written into `source.path`.
pub fn extract_file(path: &Path, display: &str, cfg: &Config) -> FileReport {
    extract_file_if_changed(path, display, cfg, "").unwrap_or_else(|| {
        // Unreachable: no hash equals the empty string.
        failed(
            unread_source(path, display),
            ErrorCode::Corrupt,
            format!("{display}: cannot read file"),
        )
    })
}

/// As [`extract_file`], unless the file's bytes hash to `known` (SHA-256 in
/// hex, as `source.sha256` records it; empty: never): then `None`, the file
/// only read and hashed, within the same size limit (`--skip-existing`).
pub fn extract_file_if_changed(
    path: &Path,
    display: &str,
    cfg: &Config,
    known: &str,
) -> Option<FileReport> {
    let unread = unread_source(path, display);
    Some(match input::read(path, cfg.limits.max_file_bytes) {
        Ok(bytes) => {
            let sha256 = hex_sha256(&bytes);
            if !known.is_empty() && sha256 == known {
                return None;
            }
            extract_inner(&bytes, display, &unread.format, cfg, true, sha256)
        }
        Err(input::InputError::TooLarge(n)) => {
            let msg = format!(
                "{display}: {n} bytes is over the limit of {} bytes",
                cfg.limits.max_file_bytes
            );
            failed(unread, ErrorCode::TooLarge, msg)
        }
        Err(input::InputError::NotRegular(what)) => failed(
            Source { bytes: 0, ..unread },
            ErrorCode::UnsupportedFormat,
            format!("{display}: {what}, not a regular file; it was not read"),
        ),
        Err(input::InputError::Io(e)) => failed(
            Source { bytes: 0, ..unread },
            ErrorCode::Corrupt,
            format!("{display}: cannot read file: {e}"),
        ),
    })
}

/// The `source` of a file whose content was not read: no hash, its size from
/// the file system (0 when unknown), the extension as its format.
pub fn unread_source(path: &Path, display: &str) -> Source {
    Source {
        path: display.to_string(),
        format: extension(path),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        sha256: String::new(),
    }
}

/// Lower-case extension of `path`, without the dot.
pub fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Extract from bytes already in memory; `ext` is the file name's extension.
/// A panic in a reader or the form stage becomes this file's `corrupt` error.
pub fn extract_bytes(bytes: &[u8], display: &str, ext: &str, cfg: &Config) -> FileReport {
    extract_inner(bytes, display, ext, cfg, true, hex_sha256(bytes))
}

/// As [`extract_bytes`], but a panic propagates: for fuzzing, which must see it.
pub fn extract_bytes_unguarded(bytes: &[u8], display: &str, ext: &str, cfg: &Config) -> FileReport {
    extract_inner(bytes, display, ext, cfg, false, hex_sha256(bytes))
}

/// `sha256`: of `bytes`, already taken.
fn extract_inner(
    bytes: &[u8],
    display: &str,
    ext: &str,
    cfg: &Config,
    catch: bool,
    sha256: String,
) -> FileReport {
    let mut source = Source {
        path: display.to_string(),
        format: ext.to_string(),
        bytes: bytes.len() as u64,
        sha256,
    };
    let format = match read::sniff(bytes, ext, &cfg.limits) {
        Ok(f) => f,
        Err(e) => return failed(source, code_of(&e), format!("{display}: {e}")),
    };
    source.format = format.as_str().to_string();
    let stages = || {
        // One file's texts are segmented once, whichever stage asks first.
        let _memo = crate::text::tokenize::FileScope::begin();
        read::read(bytes, format, &cfg.limits).map(|doc| {
            let mut subs = form::recognize(&doc);
            crate::link::link_forms(&mut subs);
            (doc, subs)
        })
    };
    let run = if catch {
        catch_unwind(AssertUnwindSafe(stages))
    } else {
        Ok(stages())
    };
    match run {
        Err(_) => failed(
            source,
            ErrorCode::Corrupt,
            format!("{display}: the reader failed on malformed content"),
        ),
        Ok(Err(e)) => failed(source, code_of(&e), format!("{display}: {e}")),
        Ok(Ok((doc, submissions))) => {
            let diagnostics = doc.diagnostics.iter().map(output_diagnostic).collect();
            let error = if submissions.is_empty() {
                Some(FileError {
                    code: ErrorCode::NoFormFound.as_str().into(),
                    message: format!(
                        "{display}: no form found (no 連携の拠点 header or numbered sections)"
                    ),
                })
            } else {
                None
            };
            let mut report = FileReport {
                schema: output::SCHEMA.into(),
                generator: output::GENERATOR.into(),
                source,
                submissions,
                diagnostics,
                error,
            };
            report.assign_ids();
            report
        }
    }
}

fn output_diagnostic(d: &crate::model::Diagnostic) -> output::Diagnostic {
    let level = match d.level {
        crate::model::Level::Info => "info",
        crate::model::Level::Warning => "warning",
    };
    output::Diagnostic {
        level: level.into(),
        code: d.code.clone(),
        message: d.message.clone(),
    }
}

fn code_of(e: &ReadError) -> ErrorCode {
    match e {
        ReadError::Corrupt(_) => ErrorCode::Corrupt,
        ReadError::Encrypted(_) => ErrorCode::Encrypted,
        ReadError::Unsupported(_) => ErrorCode::UnsupportedFormat,
        ReadError::TooLarge(_) => ErrorCode::TooLarge,
    }
}

/// A report for a file that yielded nothing.
pub fn failed(source: Source, code: ErrorCode, message: String) -> FileReport {
    FileReport {
        schema: output::SCHEMA.into(),
        generator: output::GENERATOR.into(),
        source,
        submissions: Vec::new(),
        diagnostics: Vec::new(),
        error: Some(FileError {
            code: code.as_str().into(),
            message,
        }),
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}
