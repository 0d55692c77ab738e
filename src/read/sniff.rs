//! Format recognition from content, not from the file name.
//!
//! Owns: telling a Word package from a workbook, an encrypted Office file, a
//! legacy binary, a PDF or a text file under an Office name, and applying the
//! zip limits before any reader inflates the content (a reader handed a zip
//! that is not its format can misbehave: docx-rs issue #852 hangs).
//!
//! Must not know: what is inside a recognised document.

pub(crate) mod container;
pub(crate) mod ole;

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

/// The most the sniffer inflates of `mimetype` or `[Content_Types].xml`
/// (each is under 2 KB in practice); the reader that follows has its own budget.
const SMALL_PART: u64 = 1 << 20;

const ODS_MIME: &str = "application/vnd.oasis.opendocument.spreadsheet";

/// Decide the format of `bytes` named with extension `ext` (lower case, no dot).
/// The extension only breaks ties (.xlsm vs .xlsx); the content decides.
pub fn sniff(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Corrupt("empty file".into()));
    }
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ReadError::TooLarge(format!(
            "{} bytes is over the limit of {} bytes",
            bytes.len(),
            limits.max_file_bytes
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return sniff_zip(bytes, ext, limits);
    }
    if bytes.starts_with(&ole::MAGIC) {
        return sniff_ole(bytes);
    }
    Err(not_office(bytes))
}

fn sniff_zip(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Format, ReadError> {
    let mut zip = container::open(bytes, limits)?;
    let (mut word, mut workbook, mut vba, mut xlsb, mut mimetype, mut types, mut ppt) =
        (false, false, false, false, false, false, false);
    for name in zip.names() {
        match name.as_str() {
            "word/document.xml" => word = true,
            "xl/workbook.xml" => workbook = true,
            "xl/vbaProject.bin" => vba = true,
            "xl/workbook.bin" => xlsb = true,
            "mimetype" => mimetype = true,
            "[Content_Types].xml" => types = true,
            "ppt/presentation.xml" => ppt = true,
            _ => {}
        }
    }
    let excel = |macro_enabled: bool| {
        if macro_enabled || vba || ext == "xlsm" {
            Format::Xlsm
        } else {
            Format::Xlsx
        }
    };
    if word {
        return Ok(Format::Docx);
    }
    if workbook {
        return Ok(excel(false));
    }
    if mimetype {
        let mime = zip
            .read_at_most("mimetype", SMALL_PART)?
            .unwrap_or_default();
        let mime = String::from_utf8_lossy(&mime);
        let mime = mime.trim();
        if mime == ODS_MIME {
            return Ok(Format::Ods);
        }
        return Err(ReadError::Unsupported(match mime {
            "application/vnd.oasis.opendocument.text" => {
                "an OpenDocument text (.odt) file is not supported; save it as .docx".into()
            }
            other => format!("an OpenDocument file of type {other}, not a spreadsheet"),
        }));
    }
    if xlsb {
        return Err(ReadError::Unsupported(
            "a binary Excel workbook (.xlsb) is not supported; save it as .xlsx".into(),
        ));
    }
    if ppt {
        return Err(ReadError::Unsupported(
            "a PowerPoint file, not a Word or Excel file".into(),
        ));
    }
    if types {
        // An OOXML package whose main part sits elsewhere: ask its content types.
        let ct = zip
            .read_at_most("[Content_Types].xml", SMALL_PART)?
            .unwrap_or_default();
        let ct = String::from_utf8_lossy(&ct);
        if ct.contains("wordprocessingml.document.main+xml") {
            return Ok(Format::Docx);
        }
        if ct.contains("spreadsheetml.sheet.main+xml") {
            return Ok(excel(false));
        }
        if ct.contains("ms-excel.sheet.macroEnabled.main+xml") {
            return Ok(excel(true));
        }
        return Err(ReadError::Corrupt(
            "an Office package with neither word/document.xml nor xl/workbook.xml".into(),
        ));
    }
    Err(ReadError::Unsupported(
        "a zip archive, not a Word or Excel file".into(),
    ))
}

fn sniff_ole(bytes: &[u8]) -> Result<Format, ReadError> {
    let names = ole::root_entries(bytes).map_err(ReadError::Corrupt)?;
    let has = |n: &str| names.iter().any(|x| x == n);
    if has("EncryptionInfo") || has("EncryptedPackage") {
        return Err(ReadError::Encrypted(
            "the file is password-protected (encrypted); remove the password and save it again"
                .into(),
        ));
    }
    if has("Workbook") || has("Book") {
        return Ok(Format::Xls);
    }
    if has("WordDocument") {
        return Err(ReadError::Unsupported(
            "legacy Word .doc is not supported; save it as .docx".into(),
        ));
    }
    if has("PowerPoint Document") {
        return Err(ReadError::Unsupported(
            "a legacy PowerPoint file, not a Word or Excel file".into(),
        ));
    }
    Err(ReadError::Unsupported(
        "an OLE compound file that is neither a Word nor an Excel document".into(),
    ))
}

/// The error for content that is no Office container at all.
fn not_office(bytes: &[u8]) -> ReadError {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = lower.trim_start_matches('\u{feff}').trim_start();
    let what = if head.starts_with(b"%PDF") {
        "a PDF, not an Office file".to_string()
    } else if bytes.starts_with(b"PK") {
        "a damaged zip archive (bad signature)".to_string()
    } else if trimmed.starts_with("{\\rtf") {
        "an RTF file, not a Word .docx; save it as .docx".to_string()
    } else if trimmed.contains("progid=\"word.document\"") {
        "a Word 2003 XML file; save it as .docx".to_string()
    } else if trimmed.contains("progid=\"excel.sheet\"") {
        "an Excel 2003 XML file; save it as .xlsx".to_string()
    } else if trimmed.starts_with("<!doctype html")
        || trimmed.starts_with("<html")
        || trimmed.contains("<html")
    {
        "an HTML file under an Office name, not an Office file".to_string()
    } else if trimmed.starts_with('<') {
        "an XML file, not an Office file".to_string()
    } else if looks_like_text(head) {
        "a plain text file, not an Office file".to_string()
    } else {
        "unrecognised content, not a Word or Excel file".to_string()
    };
    if bytes.starts_with(b"PK") {
        ReadError::Corrupt(what)
    } else {
        ReadError::Unsupported(what)
    }
}

/// True when `head` reads as text: valid UTF-8 (or Shift_JIS-like bytes
/// without control characters) with no NUL bytes.
fn looks_like_text(head: &[u8]) -> bool {
    !head.contains(&0)
        && head
            .iter()
            .all(|&b| b >= 0x20 || b == b'\n' || b == b'\r' || b == b'\t' || b == 0x1B)
}
