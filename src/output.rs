//! The JSON contract, schema `shiryo/v1` (SPEC §2), and nothing else.
//!
//! Owns: the serde types written to `output/…json` and to `--ndjson`, their key
//! order (field order below = key order in the file) and the error codes.
//!
//! Must not know: how documents are read or forms recognised. The internal model
//! (`crate::model`) never derives `Serialize`; stages build these types at the end.

use serde::{Deserialize, Serialize};

/// The schema identifier written into every output file.
pub const SCHEMA: &str = "shiryo/v1";

/// One output file: everything learnt from one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub schema: String,
    pub source: Source,
    pub submissions: Vec<Submission>,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<FileError>,
}

/// The input file the report is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Path as given on the command line (or relative to the walked directory's parent), `/`-separated.
    pub path: String,
    /// `docx`, `xlsx`, `xlsm`, `xls`, `ods`, or the extension as found when unsupported.
    pub format: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// One `--ndjson` line: a submission with the source it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NdjsonLine<'a> {
    pub source: &'a Source,
    pub submission: &'a Submission,
}

/// A file-level note that did not stop extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// `info` or `warning`.
    pub level: String,
    pub code: String,
    pub message: String,
}

/// Why a file yielded nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileError {
    /// One of [`ErrorCode`]'s names.
    pub code: String,
    pub message: String,
}

/// The error codes of SPEC §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// Empty, truncated or malformed.
    Corrupt,
    /// Password-protected.
    Encrypted,
    /// Legacy .doc, a PDF or a text file under an Office name, or an unknown extension.
    UnsupportedFormat,
    /// Over the configured limits (size, entries, compression ratio, time).
    TooLarge,
    /// Readable, but holds no form.
    NoFormFound,
}

impl ErrorCode {
    /// The code as written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::Encrypted => "encrypted",
            ErrorCode::UnsupportedFormat => "unsupported_format",
            ErrorCode::TooLarge => "too_large",
            ErrorCode::NoFormFound => "no_form_found",
        }
    }
}

/// One form (one municipality's submission).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Submission {
    /// `body`, `body#2` (second form in a Word body), `sheet:NAME`, `sheet:NAME#2`.
    pub locator: String,
    pub material_id: Option<String>,
    pub target_areas: Vec<String>,
    pub hubs: Vec<String>,
    pub contractors: Vec<String>,
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
}

/// One of the four numbered sections.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub number: u8,
    /// `results`, `issues`, `plan` or `progress`, by number.
    pub kind: String,
    pub heading: String,
    pub fiscal_year: Option<i32>,
    pub items: Vec<Item>,
}

/// One activity statement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub text: String,
    pub categories: Vec<u8>,
    /// `marker`, `heading`, `column`, `inherited` or `classifier`.
    pub category_source: String,
    pub dates: Vec<DateOut>,
    pub counts: Vec<CountOut>,
    pub at: At,
    /// Plan ↔ progress ↔ next year's results (docs/LINKS.md): on every item of
    /// sections 3 and 4, on section-1 items when last year's form was linked
    /// to them; absent otherwise (an addition to `shiryo/v1`, additive only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<Links>,
}

/// The links of one item (docs/LINKS.md). Which keys appear depends on the
/// item's section; every key is absent where it does not apply.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Links {
    /// Plan item: `reported` when a progress item of the same form reports on
    /// it, else `not_reported`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Plan item: the section-4 items (index in section 4) reporting on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Vec<usize>>,
    /// Progress item: the section-3 items (index in section 3) it reports on;
    /// empty when it reports on nothing planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plans: Option<Vec<usize>>,
    /// Plan item, when next year's form of the same target areas was found:
    /// `reported` when one of its section-1 items reports on it, else
    /// `not_reported`. Absent when no such form was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results_status: Option<String>,
    /// Plan item: next year's section-1 items reporting how it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<Vec<ItemRef>>,
    /// Result item (section 1): last year's section-3 items it reports on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_plans: Option<Vec<ItemRef>>,
}

/// An item of another form: its file's `source.path`, its submission's
/// `locator` and its index in the section the key names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ItemRef {
    pub path: String,
    pub locator: String,
    pub index: usize,
}

/// A calendar day, month or range named in an item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateOut {
    pub text: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub planned: bool,
}

/// How many times something is or will be held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountOut {
    pub text: String,
    pub value: u32,
    /// `year`, `month`, `week` or null.
    pub per: Option<String>,
    pub every: u32,
    pub planned: bool,
    pub event: Option<String>,
}

/// Where an item came from, zero-based. Word: `table`/`row`/`col`/`paragraph`
/// (a body paragraph has null `table`/`row`/`col` and its body paragraph index).
/// Excel: `sheet`/`row`/`col` in sheet coordinates and the line within the cell as
/// `paragraph`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum At {
    Sheet {
        sheet: String,
        row: usize,
        col: usize,
        paragraph: usize,
    },
    Word {
        table: Option<usize>,
        row: Option<usize>,
        col: Option<usize>,
        paragraph: usize,
    },
}

/// A per-submission warning.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub section: Option<u8>,
    pub item: Option<usize>,
    pub message: String,
}
