//! The JSON contract, schema `shiryo/v1` (SPEC §2), and nothing else.
//!
//! Owns: the serde types written to `output/…json` and to `--ndjson`, their key
//! order (field order below = key order in the file) and the error codes.
//!
//! Must not know: how documents are read or forms recognised. The internal model
//! (`crate::model`) never derives `Serialize`; stages build these types at the end.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The schema identifier written into every output file.
pub const SCHEMA: &str = "shiryo/v1";

/// The program that writes the output: `shiryo X.Y.Z`.
pub const GENERATOR: &str = concat!("shiryo ", env!("CARGO_PKG_VERSION"));

/// One output file: everything learnt from one input file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub schema: String,
    /// The program that wrote the file (`shiryo 0.1.0`); empty in files written
    /// before it was recorded.
    #[serde(default)]
    pub generator: String,
    pub source: Source,
    pub submissions: Vec<Submission>,
    pub diagnostics: Vec<Diagnostic>,
    pub error: Option<FileError>,
}

/// The input file the report is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// `/`-separated path starting at the directory named on the command line
    /// (keeping that directory's own name), or the file name of a file named directly.
    pub path: String,
    /// `docx`, `xlsx`, `xlsm`, `xls`, `ods`, or the extension as found when unsupported.
    pub format: String,
    pub bytes: u64,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// One `--ndjson` line: a submission with the source it came from, or — for a
/// file that could not be read — `submission: null` and the file's `error`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NdjsonLine<'a> {
    pub schema: &'a str,
    pub generator: &'a str,
    pub source: &'a Source,
    pub submission: Option<&'a Submission>,
    pub error: Option<&'a FileError>,
}

/// An NDJSON line read back (see [`NdjsonLine`]).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct NdjsonRecord {
    pub schema: String,
    #[serde(default)]
    pub generator: String,
    pub source: Source,
    pub submission: Option<Submission>,
    #[serde(default)]
    pub error: Option<FileError>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Stable id: see [`submission_id`]. Recomputed on load when absent.
    #[serde(default)]
    pub id: String,
    /// `body`, `body#2` (second form in a Word body), `sheet:NAME`, `sheet:NAME#2`.
    pub locator: String,
    pub material_id: Option<String>,
    pub target_areas: Vec<String>,
    pub hubs: Vec<String>,
    pub contractors: Vec<String>,
    pub sections: Vec<Section>,
    pub warnings: Vec<Warning>,
    /// Whether a person should read this form beside its extraction, and why
    /// ([`crate::review`], docs/REVIEW.md). Absent in files written before it;
    /// recomputed from the submission on load when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<Review>,
}

/// The program's own verdict on how well it read a form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// `check` (read the form beside its extraction) or `ok`.
    pub verdict: String,
    /// What the program observed about its reading, strongest first; empty when `ok`
    /// and nothing was observed.
    pub reasons: Vec<ReviewReason>,
}

/// One observation behind a [`Review`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewReason {
    /// Stable code (docs/REVIEW.md lists them with their Japanese labels).
    pub code: String,
    /// `check` when this reason alone sends the form to a person, else `note`.
    pub level: String,
    /// The section it is about, or null for the whole form.
    pub section: Option<u8>,
    /// How many (items, cells, characters …, as the code says).
    pub count: usize,
    pub message: String,
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
    /// Stable id: see [`item_id`].
    #[serde(default)]
    pub id: String,
    /// 0-based position of the item in its section.
    #[serde(default)]
    pub index: usize,
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

/// The stable id of a submission: the first 16 hex digits of the SHA-256 of
/// `source.path`, a NUL byte and `locator`. It does not change when the same
/// file is extracted again, nor when its content changes.
pub fn submission_id(source_path: &str, locator: &str) -> String {
    let mut h = Sha256::new();
    h.update(source_path.as_bytes());
    h.update([0u8]);
    h.update(locator.as_bytes());
    h.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The stable id of an item: `SUBMISSION-SECTION-INDEX` (`3f0c…9a-1-0` is the
/// first item of section 1).
pub fn item_id(submission_id: &str, section: u8, index: usize) -> String {
    format!("{submission_id}-{section}-{index}")
}

impl FileReport {
    /// How many items its forms hold, in every section.
    pub fn item_count(&self) -> usize {
        (self.submissions.iter())
            .flat_map(|s| &s.sections)
            .map(|s| s.items.len())
            .sum()
    }

    /// Fill in every id and `index` from the report's own paths and positions.
    /// Idempotent; extraction calls it once, loaders call it on files written
    /// before ids were recorded.
    pub fn assign_ids(&mut self) {
        for sub in &mut self.submissions {
            sub.id = submission_id(&self.source.path, &sub.locator);
            for section in &mut sub.sections {
                for (index, item) in section.items.iter_mut().enumerate() {
                    item.index = index;
                    item.id = item_id(&sub.id, section.number, index);
                }
            }
        }
    }

    /// The report as NDJSON lines: one per submission, or one carrying the
    /// `error` of a file that yielded no submission.
    pub fn ndjson_lines(&self) -> Vec<NdjsonLine<'_>> {
        let line = |submission| NdjsonLine {
            schema: &self.schema,
            generator: &self.generator,
            source: &self.source,
            submission,
            error: self.error.as_ref(),
        };
        if self.submissions.is_empty() {
            vec![line(None)]
        } else {
            self.submissions.iter().map(|s| line(Some(s))).collect()
        }
    }
}
