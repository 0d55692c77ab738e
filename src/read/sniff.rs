//! Format recognition from content. PLACEHOLDER until the readers land.

use super::{Limits, ReadError};

/// A readable format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Xlsm,
    Xls,
    Ods,
}

impl Format {
    /// The name written in `source.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Xlsm => "xlsm",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// Decide the format of `bytes` named with extension `ext` (lower case, no dot).
pub fn sniff(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Format, ReadError> {
    let _ = (bytes, limits);
    match ext {
        "docx" => Ok(Format::Docx),
        "xlsx" => Ok(Format::Xlsx),
        "xlsm" => Ok(Format::Xlsm),
        "xls" => Ok(Format::Xls),
        "ods" => Ok(Format::Ods),
        other => Err(ReadError::Unsupported(format!("unsupported extension .{other}"))),
    }
}
