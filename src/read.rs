//! Readers: bytes of one file → the neutral [`Document`].
//!
//! Owns: recognising the format from the content (not only the name), enforcing
//! the size limits, and dispatching to the one module per format. Only the
//! modules under `read/` know WordprocessingML (quick-xml), calamine or the zip container.
//!
//! Must not know: forms, sections, categories, JSON.

pub mod docx;
pub mod sheet;
pub mod sniff;

use crate::model::Document;

pub use sniff::{sniff, Format};

/// Limits that protect a batch from one hostile file. Configurable from the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest input file, in bytes.
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of a zip container's entries.
    pub max_unzipped_bytes: u64,
    /// Most entries in a zip container.
    pub max_entries: usize,
    /// Highest uncompressed/compressed ratio of any one zip entry.
    pub max_ratio: u64,
    /// Most non-empty cells read from one worksheet.
    pub max_cells: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 64 << 20,
            max_unzipped_bytes: 256 << 20,
            max_entries: 10_000,
            max_ratio: 200,
            max_cells: 2_000_000,
        }
    }
}

/// Why a file could not be read. Each variant maps to one SPEC error code.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// Empty, truncated or malformed → `corrupt`.
    #[error("{0}")]
    Corrupt(String),
    /// Password-protected → `encrypted`.
    #[error("{0}")]
    Encrypted(String),
    /// Not a format shiryo reads (legacy .doc, PDF, text under an Office name …) → `unsupported_format`.
    #[error("{0}")]
    Unsupported(String),
    /// Over a configured limit → `too_large`.
    #[error("{0}")]
    TooLarge(String),
}

/// Read `bytes` as `format`, enforcing `limits`.
pub fn read(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    match format {
        Format::Docx => docx::read(bytes, limits),
        Format::Xlsx | Format::Xlsm | Format::Xls | Format::Ods => {
            sheet::read(bytes, format, limits)
        }
    }
}
