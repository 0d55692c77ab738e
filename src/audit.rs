//! Audit: extraction results against expected files written by people (SPEC §4).
//!
//! Owns: finding the audited inputs (`NAME.ext` with `NAME.expected.json` beside
//! it), comparing an expected JSON tree with an actual one fact by fact, the
//! precision / recall / F1 figures per field, and the report renderers (text,
//! JSON, one self-contained HTML page), and the link audit against the
//! expected links of `testdata/links/` ([`audit_links`]). `docs/AUDIT.md` is
//! the user's guide.
//!
//! Must not know: the command line (the binary maps [`passes`] to the exit code),
//! threads (the caller may run the extraction in parallel through
//! [`audit_dir_with`]), how documents are read or forms recognised.
//!
//! The comparison works on `serde_json::Value` on both sides: expected files are
//! written by people and may leave keys out, and a key absent from the expected
//! side is never compared. Warning and diagnostic messages are never compared.

mod align;
mod compare;
mod html;
mod link_render;
mod links;
mod render;
mod review;
mod walk;

use crate::output::FileReport;
use crate::Config;
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};

pub use align::{align_items, dice, Group, CONTAIN_MIN, DICE_MIN};
pub use html::{escape, render_html};
pub use link_render::{render_links_json, render_links_text, LINK_AUDIT_SCHEMA};
pub use links::{
    audit_links, FormLinks, LinkAudit, LinkFinding, LinkSet, TARGET_PRECISION, TARGET_RECALL,
};
pub use render::AUDIT_SCHEMA;
pub use render::{render_json, render_text};
pub use review::{
    FormReview, ReviewCounts, BAD_F1, TARGET_GOOD_FLAGGED, TARGET_RECALL as REVIEW_TARGET_RECALL,
};
pub use walk::{find_cases, AuditCase, Found};

/// What one fact is about. The order here is the order of every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `source.*` keys the expected file names (path, format, bytes, sha256).
    Source,
    /// The file's `error.code`.
    Error,
    /// File diagnostics as (level, code).
    Diagnostics,
    /// Submissions, matched by `locator`.
    Submissions,
    /// A submission's `material_id`.
    MaterialId,
    /// A submission's `target_areas`, as a set of names.
    TargetAreas,
    /// A submission's `hubs`, as a set of names.
    Hubs,
    /// A submission's `contractors`, as a set of names.
    Contractors,
    /// Sections' number, kind, heading and fiscal_year, one fact per key.
    Sections,
    /// Items, aligned by text (split or merged items still align).
    Items,
    /// (aligned item, category).
    Categories,
    /// (aligned item, category_source).
    CategorySource,
    /// (aligned item, start, end, planned).
    Dates,
    /// (aligned item, value, per, every, planned, event).
    Counts,
    /// (aligned item, `at`), only where the expected file gives `at`.
    At,
    /// (code, section, aligned item).
    Warnings,
}

impl Field {
    /// Every field, in report order.
    pub const ALL: [Field; 16] = [
        Field::Source,
        Field::Error,
        Field::Diagnostics,
        Field::Submissions,
        Field::MaterialId,
        Field::TargetAreas,
        Field::Hubs,
        Field::Contractors,
        Field::Sections,
        Field::Items,
        Field::Categories,
        Field::CategorySource,
        Field::Dates,
        Field::Counts,
        Field::At,
        Field::Warnings,
    ];

    /// The field's name in reports (the JSON key it is about).
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Source => "source",
            Field::Error => "error",
            Field::Diagnostics => "diagnostics",
            Field::Submissions => "submissions",
            Field::MaterialId => "material_id",
            Field::TargetAreas => "target_areas",
            Field::Hubs => "hubs",
            Field::Contractors => "contractors",
            Field::Sections => "sections",
            Field::Items => "items",
            Field::Categories => "categories",
            Field::CategorySource => "category_source",
            Field::Dates => "dates",
            Field::Counts => "counts",
            Field::At => "at",
            Field::Warnings => "warnings",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Matched, missed and extra facts of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// On both sides.
    pub matched: usize,
    /// In the expected file only (lowers recall).
    pub missed: usize,
    /// In the actual output only (lowers precision).
    pub extra: usize,
}

impl Counts {
    /// matched / (matched + extra); 1.0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.matched + self.extra)
    }

    /// matched / (matched + missed); 1.0 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.matched + self.missed)
    }

    /// Harmonic mean of precision and recall; 1.0 for a field with no facts
    /// on either side.
    pub fn f1(&self) -> f64 {
        ratio(
            2 * self.matched,
            2 * self.matched + self.missed + self.extra,
        )
    }

    /// No fact on either side.
    pub fn is_empty(&self) -> bool {
        self.matched + self.missed + self.extra == 0
    }

    fn add_status(&mut self, status: Status) {
        match status {
            Status::Matched => self.matched += 1,
            Status::Missed => self.missed += 1,
            Status::Extra => self.extra += 1,
        }
    }

    fn add(&mut self, other: Counts) {
        self.matched += other.matched;
        self.missed += other.missed;
        self.extra += other.extra;
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

/// [`Counts`] for every [`Field`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scores([Counts; Field::ALL.len()]);

impl Scores {
    /// The counts of one field.
    pub fn get(&self, field: Field) -> Counts {
        self.0[field.index()]
    }

    /// Every field with its counts, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (Field, Counts)> + '_ {
        Field::ALL.iter().map(move |&f| (f, self.get(f)))
    }

    /// All fields together (micro average).
    pub fn total(&self) -> Counts {
        let mut t = Counts::default();
        for c in &self.0 {
            t.add(*c);
        }
        t
    }

    fn add(&mut self, other: &Scores) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0.iter()) {
            mine.add(*theirs);
        }
    }

    fn bump(&mut self, field: Field, status: Status) {
        self.0[field.index()].add_status(status);
    }
}

/// Whether a fact was found on both sides or on one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Matched,
    /// In the expected file only.
    Missed,
    /// In the actual output only.
    Extra,
}

impl Status {
    /// The status's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Matched => "matched",
            Status::Missed => "missed",
            Status::Extra => "extra",
        }
    }
}

/// One compared fact, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub status: Status,
    pub field: Field,
    /// The submission's locator; `None` for file-level facts.
    pub locator: Option<String>,
    /// The section number; `None` above section level.
    pub section: Option<u8>,
    /// The (aligned) item's text: the expected one when there is one.
    pub item: Option<String>,
    /// The fact as the expected file has it (`None` when extra).
    pub expected: Option<String>,
    /// The fact as the actual output has it (`None` when missed).
    pub actual: Option<String>,
    /// Sort key: submission, section, item position, field, sequence.
    #[serde(skip)]
    pub(crate) order: (usize, u8, usize, Field, usize),
}

/// The comparison of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileAudit {
    /// The input's path (audit of a fixture directory) or the output file's
    /// relative path (comparison of two output directories).
    pub file: String,
    /// Why the file could not be compared (unreadable expected file, missing
    /// output …). A file with a problem fails [`passes`].
    pub problem: Option<String>,
    pub scores: Scores,
    /// Every fact, matched ones included, sorted by position in the file.
    pub findings: Vec<Finding>,
    /// Each form's own F1 beside the output's `review` verdict.
    pub reviews: Vec<FormReview>,
}

impl FileAudit {
    /// The missed and extra findings.
    pub fn differences(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status != Status::Matched)
    }

    fn with_problem(file: &str, problem: String) -> FileAudit {
        FileAudit {
            file: file.to_string(),
            problem: Some(problem),
            scores: Scores::default(),
            findings: Vec::new(),
            reviews: Vec::new(),
        }
    }
}

/// What was audited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Extraction of a fixture directory against `NAME.expected.json` files.
    Fixtures,
    /// An output directory against a directory of accepted outputs.
    Compare,
}

/// The result of an audit run.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditReport {
    pub mode: Mode,
    /// The audited directory (fixtures) or `EXPECTED vs ACTUAL` (compare).
    pub root: String,
    /// One entry per compared file, sorted by file.
    pub files: Vec<FileAudit>,
    /// Things worth knowing that are not facts: inputs without an expected file,
    /// expected files without an input, outputs without an accepted counterpart.
    pub notes: Vec<String>,
}

impl AuditReport {
    /// Counts over every file (micro average).
    pub fn scores(&self) -> Scores {
        let mut s = Scores::default();
        for f in &self.files {
            s.add(&f.scores);
        }
        s
    }

    /// How well the `review` verdicts pick the forms below [`BAD_F1`].
    pub fn review_counts(&self) -> ReviewCounts {
        ReviewCounts::of(self.files.iter().flat_map(|f| &f.reviews))
    }

    /// Files that could not be compared.
    pub fn problems(&self) -> impl Iterator<Item = &FileAudit> {
        self.files.iter().filter(|f| f.problem.is_some())
    }
}

/// How reports are judged and rendered.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditOptions {
    /// Lowest F1 every field must reach (`--min-f1`).
    pub min_f1: f64,
    /// Most differences listed by [`render_text`].
    pub max_findings: usize,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            min_f1: 1.0,
            max_findings: 50,
        }
    }
}

/// Why an audit could not run at all. A single bad expected file is not an
/// error: it becomes that file's [`FileAudit::problem`].
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The directory does not exist or is not a directory.
    #[error("{0}: not a directory")]
    NotADirectory(PathBuf),
    /// A directory could not be listed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Nothing to audit: no input has an expected file beside it (or the
    /// expected output directory holds no `.json` file).
    #[error("{0}: nothing to audit (no NAME.expected.json beside any input)")]
    NothingToAudit(PathBuf),
    /// The extraction callback of [`audit_dir_with`] returned the wrong number
    /// of reports.
    #[error("extraction returned {got} reports for {cases} inputs")]
    ReportCount { cases: usize, got: usize },
}

/// Every field's F1 (over all files) is at least `min_f1` and no file had a
/// problem. A field with no facts on either side counts as 1.0.
pub fn passes(report: &AuditReport, min_f1: f64) -> bool {
    report.problems().next().is_none() && failing_fields(report, min_f1).is_empty()
}

/// The fields whose F1 (over all files) is below `min_f1`.
pub fn failing_fields(report: &AuditReport, min_f1: f64) -> Vec<(Field, f64)> {
    let scores = report.scores();
    scores
        .iter()
        .map(|(f, c)| (f, c.f1()))
        // A tiny tolerance so that a printed 1.0000 never fails --min-f1 1.
        .filter(|&(_, f1)| f1 + 1e-12 < min_f1)
        .collect()
}

/// Audit a fixture directory: extract every input that has an expected file
/// beside it (one after another, in this thread) and compare.
pub fn audit_dir(dir: &Path, cfg: &Config) -> Result<AuditReport, AuditError> {
    audit_dir_with(dir, &|cases: &[AuditCase]| {
        cases
            .iter()
            .map(|c| crate::extract::extract_file(&c.input, &c.display, cfg))
            .collect()
    })
}

/// [`audit_dir`] with the extraction left to the caller: `extract` gets every
/// case at once (so it may run them in parallel) and must return one report per
/// case, in the same order.
pub fn audit_dir_with(
    dir: &Path,
    extract: &dyn Fn(&[AuditCase]) -> Vec<FileReport>,
) -> Result<AuditReport, AuditError> {
    let found = walk::find_cases(dir)?;
    if found.cases.is_empty() {
        return Err(AuditError::NothingToAudit(dir.to_path_buf()));
    }
    let reports = extract(&found.cases);
    if reports.len() != found.cases.len() {
        return Err(AuditError::ReportCount {
            cases: found.cases.len(),
            got: reports.len(),
        });
    }
    let mut files: Vec<FileAudit> = found
        .cases
        .iter()
        .zip(reports.iter())
        .map(|(case, report)| match walk::read_json(&case.expected) {
            Ok(expected) => compare_named(&case.display, &expected, report),
            Err(problem) => FileAudit::with_problem(&case.display, problem),
        })
        .collect();
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(AuditReport {
        mode: Mode::Fixtures,
        root: dir.display().to_string(),
        files,
        notes: found.notes,
    })
}

/// Compare two trees of output JSON files: `expected` holds accepted outputs,
/// `actual` new ones, matched by relative path.
pub fn compare_dirs(expected: &Path, actual: &Path) -> Result<AuditReport, AuditError> {
    let pairs = walk::json_pairs(expected, actual)?;
    if pairs.expected_only.is_empty() && pairs.both.is_empty() {
        return Err(AuditError::NothingToAudit(expected.to_path_buf()));
    }
    let mut files = Vec::new();
    let mut notes = Vec::new();
    for rel in &pairs.both {
        let exp = walk::read_json(&expected.join(rel));
        let act = walk::read_json(&actual.join(rel));
        files.push(match (exp, act) {
            (Ok(e), Ok(a)) => compare::compare_values(rel, &e, &a),
            (Err(p), _) => FileAudit::with_problem(rel, p),
            (_, Err(p)) => FileAudit::with_problem(rel, p),
        });
    }
    for rel in &pairs.expected_only {
        let problem = format!("no actual output {}", actual.join(rel).display());
        notes.push(format!("{rel}: {problem}"));
        files.push(FileAudit::with_problem(rel, problem));
    }
    for rel in &pairs.actual_only {
        notes.push(format!(
            "{rel}: new output without an accepted counterpart (not compared)"
        ));
    }
    files.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(AuditReport {
        mode: Mode::Compare,
        root: format!("{} vs {}", expected.display(), actual.display()),
        files,
        notes,
    })
}

/// Compare one expected JSON tree with one extraction result.
pub fn compare(expected: &Value, actual: &FileReport) -> FileAudit {
    compare_named(&actual.source.path, expected, actual)
}

fn compare_named(file: &str, expected: &Value, actual: &FileReport) -> FileAudit {
    match serde_json::to_value(actual) {
        Ok(a) => compare::compare_values(file, expected, &a),
        Err(e) => FileAudit::with_problem(file, format!("cannot serialise the report: {e}")),
    }
}

/// Compare two JSON trees (expected, actual) of the `shiryo/v1` shape.
pub fn compare_values(file: &str, expected: &Value, actual: &Value) -> FileAudit {
    compare::compare_values(file, expected, actual)
}

/// Round to four decimals, the precision every report shows.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
