//! The zip container of .docx/.xlsx/.xlsm/.ods files.
//!
//! Owns: opening a zip archive from memory, checking it against the
//! [`Limits`] before any reader inflates a byte (entry count, total
//! uncompressed size, compression ratio), and reading one entry with a hard cap
//! so that a header that lies about its size cannot inflate past the limit.
//!
//! Must not know: what the entries mean (that is `sniff`, `docx`, `sheet`).

use crate::read::{Limits, ReadError};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// An opened, checked zip archive over borrowed bytes.
pub type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Entries smaller than this are exempt from the ratio check: a small,
/// repetitive XML part compresses far better than `max_ratio` without being a bomb.
const RATIO_FLOOR: u64 = 1 << 20;

/// Open `bytes` as a zip archive and check it against `limits`.
pub fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ReadError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        ReadError::Corrupt(format!(
            "the zip container is truncated or damaged ({})",
            zip_reason(&e)
        ))
    })?;
    check(&mut zip, limits)?;
    Ok(zip)
}

/// Check entry count, total uncompressed size and per-entry ratio.
fn check(zip: &mut Archive<'_>, limits: &Limits) -> Result<(), ReadError> {
    let n = zip.len();
    if n > limits.max_entries {
        return Err(ReadError::TooLarge(format!(
            "the zip container has {n} entries, over the limit of {}",
            limits.max_entries
        )));
    }
    let mut total: u64 = 0;
    for i in 0..n {
        let f = zip.by_index_raw(i).map_err(|e| {
            ReadError::Corrupt(format!(
                "zip entry {i} is truncated or damaged ({})",
                zip_reason(&e)
            ))
        })?;
        let size = f.size();
        let packed = f.compressed_size().max(1);
        total = total.saturating_add(size);
        if total > limits.max_unzipped_bytes {
            return Err(ReadError::TooLarge(format!(
                "the zip container unpacks to more than {} bytes (limit {})",
                total, limits.max_unzipped_bytes
            )));
        }
        if size >= RATIO_FLOOR && size / packed > limits.max_ratio {
            return Err(ReadError::TooLarge(format!(
                "zip entry {} expands {}:1 ({} → {} bytes), over the limit of {}:1",
                f.name(),
                size / packed,
                packed,
                size,
                limits.max_ratio
            )));
        }
    }
    Ok(())
}

/// The names of all entries.
pub fn names<'z>(zip: &'z Archive<'_>) -> impl Iterator<Item = &'z str> {
    zip.file_names()
}

/// Read entry `name` fully, or `None` when the archive has no such entry.
/// Reading stops with `TooLarge` past `limits.max_unzipped_bytes`, whatever the
/// entry's header claimed.
pub fn read_entry(
    zip: &mut Archive<'_>,
    name: &str,
    limits: &Limits,
) -> Result<Option<Vec<u8>>, ReadError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let file = zip.by_index(index).map_err(|e| {
        ReadError::Corrupt(format!(
            "zip entry {name} cannot be opened ({})",
            zip_reason(&e)
        ))
    })?;
    let cap = limits.max_unzipped_bytes;
    let mut out = Vec::with_capacity(file.size().min(cap) as usize);
    file.take(cap.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Corrupt(format!("zip entry {name} is damaged ({e})")))?;
    if out.len() as u64 > cap {
        return Err(ReadError::TooLarge(format!(
            "zip entry {name} unpacks to more than {cap} bytes"
        )));
    }
    Ok(Some(out))
}

/// A short reason for a zip error, without the crate's own prefixes.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError as Z;
    match e {
        Z::Io(io) => io.to_string(),
        Z::InvalidArchive(m) => m.to_string(),
        Z::UnsupportedArchive(m) => format!("unsupported: {m}"),
        Z::FileNotFound => "entry not found".into(),
        Z::InvalidPassword => "password-protected entry".into(),
        other => other.to_string(),
    }
}
