//! The zip container of .docx/.xlsx/.xlsm/.ods files.
//!
//! Owns: opening a zip archive from memory and checking it against the
//! [`Limits`] before any reader inflates a byte (entry count, declared total
//! size and compression ratio, duplicate part names, entries sharing bytes),
//! and reading entries while counting what really comes out: an entry stops
//! at its declared size (a header that lies is refused) and all entries read
//! through one [`Archive`] together stop at `max_unzipped_bytes`.
//!
//! calamine opens the same bytes with the same zip crate, which also stops
//! every entry at its declared size, so the declared-size checks here bound
//! what calamine inflates too.
//!
//! Must not know: what the entries mean (that is `sniff`, `docx`, `sheet`).

use crate::read::{Limits, ReadError};
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Entries smaller than this are exempt from the ratio check: a small,
/// repetitive XML part compresses far better than `max_ratio` without being a bomb.
const RATIO_FLOOR: u64 = 1 << 20;

/// Most memory reserved up front for one entry; past this the buffer grows
/// with what is really inflated, not with what the header declares.
const INITIAL_RESERVE: u64 = 1 << 20;

/// An opened, checked zip archive over borrowed bytes, with the count of the
/// bytes inflated from it so far.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    inflated: u64,
}

/// Open `bytes` as a zip archive and check it against `limits`.
pub fn open<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Archive<'a>, ReadError> {
    let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        ReadError::Corrupt(format!(
            "the zip container is truncated or damaged ({})",
            zip_reason(&e)
        ))
    })?;
    let mut archive = Archive {
        zip,
        limits: *limits,
        inflated: 0,
    };
    archive.check()?;
    Ok(archive)
}

impl Archive<'_> {
    /// Check entry count, names, overlaps, declared total size and per-entry ratio.
    fn check(&mut self) -> Result<(), ReadError> {
        let limits = self.limits;
        let n = self.zip.len();
        if n > limits.max_entries {
            return Err(ReadError::TooLarge(format!(
                "the zip container has {n} entries, over the limit of {}",
                limits.max_entries
            )));
        }
        if self.zip.has_duplicate_names() {
            return Err(ReadError::Corrupt(
                "the zip container holds two entries with the same name".into(),
            ));
        }
        let mut total: u64 = 0;
        for i in 0..n {
            let f = self.zip.by_index_raw(i).map_err(|e| {
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
                    f.name().unwrap_or_default(),
                    size / packed,
                    packed,
                    size,
                    limits.max_ratio
                )));
            }
        }
        // Entries that share compressed bytes multiply what a small file
        // inflates to (the "overlapping files" zip bomb); Office never writes them.
        match self.zip.has_overlapping_entries() {
            Ok(false) => {}
            Ok(true) => {
                return Err(ReadError::Corrupt(
                    "zip entries overlap (two parts share the same bytes)".into(),
                ))
            }
            Err(e) => {
                return Err(ReadError::Corrupt(format!(
                    "a zip entry's local header is damaged ({})",
                    zip_reason(&e)
                )))
            }
        }
        Ok(())
    }

    /// The names of all entries (names that cannot be decoded are left out).
    pub fn names(&self) -> impl Iterator<Item = String> + '_ {
        self.zip
            .file_names()
            .filter_map(|n| n.ok().map(|n| n.into_owned()))
    }

    /// Whether the archive has an entry called `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The declared (uncompressed) size of entry `name`.
    pub fn declared_size(&mut self, name: &str) -> Option<u64> {
        let i = self.zip.index_for_name(name)?;
        self.zip.by_index_raw(i).ok().map(|f| f.size())
    }

    /// Read entry `name` fully, or `None` when the archive has no such entry.
    /// The entry stops at its declared size and the archive at
    /// `max_unzipped_bytes` in all, counted while inflating.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.read_at_most(name, u64::MAX)
    }

    /// As [`Archive::read`], but refuse the entry (`TooLarge`) past `most` bytes.
    pub fn read_at_most(&mut self, name: &str, most: u64) -> Result<Option<Vec<u8>>, ReadError> {
        let Some((out, declared)) = self.inflate(name, most)? else {
            return Ok(None);
        };
        if out.len() as u64 > most {
            return Err(ReadError::TooLarge(format!(
                "zip entry {name} unpacks to more than {most} bytes"
            )));
        }
        if out.len() as u64 > declared {
            return Err(past_declared(name, declared));
        }
        Ok(Some(out))
    }

    /// The first `most` bytes of entry `name` (fewer when it is shorter),
    /// empty when there is no such entry.
    pub fn read_prefix(&mut self, name: &str, most: u64) -> Result<Vec<u8>, ReadError> {
        let Some((mut out, _)) = self.inflate(name, most.saturating_sub(1))? else {
            return Ok(Vec::new());
        };
        out.truncate(most as usize);
        Ok(out)
    }

    /// Inflate up to `most + 1` bytes of entry `name`, counting them against
    /// the archive's budget; the bytes and the declared size.
    fn inflate(&mut self, name: &str, most: u64) -> Result<Option<(Vec<u8>, u64)>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let budget = self.limits.max_unzipped_bytes.saturating_sub(self.inflated);
        let file = self.zip.by_index(index).map_err(|e| {
            ReadError::Corrupt(format!(
                "zip entry {name} cannot be opened ({})",
                zip_reason(&e)
            ))
        })?;
        let declared = file.size();
        let cap = budget.min(most);
        let mut out = Vec::with_capacity(declared.min(cap).min(INITIAL_RESERVE) as usize);
        let read = file.take(cap.saturating_add(1)).read_to_end(&mut out);
        self.inflated = self.inflated.saturating_add(out.len() as u64);
        if let Err(e) = read {
            // The zip reader stops an entry that inflates past its declared size.
            if out.len() as u64 >= declared || e.to_string().contains("declared") {
                return Err(past_declared(name, declared));
            }
            return Err(ReadError::Corrupt(format!(
                "zip entry {name} is damaged ({e})"
            )));
        }
        if out.len() as u64 > budget {
            return Err(ReadError::TooLarge(format!(
                "the zip container inflates to more than {} bytes (the limit) by {name}",
                self.limits.max_unzipped_bytes
            )));
        }
        Ok(Some((out, declared)))
    }

    /// The same archive with the entries of `replaced` holding new content
    /// (stored); every other entry is copied as it is, compressed.
    pub fn repack(&mut self, replaced: &[(String, Vec<u8>)]) -> Result<Vec<u8>, ReadError> {
        let fail = |e: zip::result::ZipError| {
            ReadError::Corrupt(format!(
                "the zip container cannot be repacked ({})",
                zip_reason(&e)
            ))
        };
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..self.zip.len() {
            let f = self.zip.by_index_raw(i).map_err(fail)?;
            let name = f.name().map_err(fail)?.into_owned();
            match replaced.iter().find(|(n, _)| *n == name) {
                Some((_, content)) => {
                    drop(f);
                    w.start_file(name, stored).map_err(fail)?;
                    std::io::Write::write_all(&mut w, content)
                        .map_err(|e| fail(zip::result::ZipError::Io(e)))?;
                }
                None => w.raw_copy_file(f).map_err(fail)?,
            }
        }
        Ok(w.finish().map_err(fail)?.into_inner())
    }
}

fn past_declared(name: &str, declared: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "zip entry {name} inflates past its declared size of {declared} bytes"
    ))
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
