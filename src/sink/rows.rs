//! A report as the rows of the relational schema (`sql/*.sql`,
//! docs/DATABASE.md), the same for every SQL dialect.
//!
//! Owns: which value goes into which column: ids (recomputed from the report's
//! paths and positions, see [`crate::output::submission_id`]), orders, `at`
//! split into columns, the report's digest that detects a changed file.
//!
//! Must not know: SQL dialects, connections.

use crate::output::{At, FileReport};
use sha2::{Digest, Sha256};

/// `files`: one per report.
pub struct FileRow<'a> {
    pub path: &'a str,
    pub format: &'a str,
    pub bytes: i64,
    pub sha256: &'a str,
    pub report_sha256: String,
    pub schema: &'a str,
    pub generator: &'a str,
    pub error_code: Option<&'a str>,
    pub error_message: Option<&'a str>,
}

pub struct DiagnosticRow<'a> {
    pub ord: i64,
    pub level: &'a str,
    pub code: &'a str,
    pub message: &'a str,
}

pub struct SubmissionRow<'a> {
    pub id: String,
    pub ord: i64,
    pub locator: &'a str,
    pub material_id: Option<&'a str>,
}

/// `submission_names`; `role` is `target_area`, `hub` or `contractor`.
pub struct NameRow<'a> {
    pub submission_id: String,
    pub role: &'static str,
    pub ord: i64,
    pub name: &'a str,
}

pub struct SectionRow<'a> {
    pub submission_id: String,
    pub number: i64,
    pub kind: &'a str,
    pub heading: &'a str,
    pub fiscal_year: Option<i64>,
}

pub struct ItemRow<'a> {
    pub id: String,
    pub submission_id: String,
    pub section_number: i64,
    pub item_index: i64,
    pub text: &'a str,
    pub category_source: &'a str,
    pub at_sheet: Option<&'a str>,
    pub at_table: Option<i64>,
    pub at_row: Option<i64>,
    pub at_col: Option<i64>,
    pub at_paragraph: i64,
}

pub struct CategoryRow {
    pub item_id: String,
    pub category: i64,
}

pub struct DateRow<'a> {
    pub item_id: String,
    pub ord: i64,
    pub text: &'a str,
    pub start_date: Option<&'a str>,
    pub end_date: Option<&'a str>,
    pub planned: bool,
}

pub struct CountRow<'a> {
    pub item_id: String,
    pub ord: i64,
    pub text: &'a str,
    pub value: i64,
    pub per: Option<&'a str>,
    pub every: i64,
    pub planned: bool,
    pub event: Option<&'a str>,
}

pub struct WarningRow<'a> {
    pub submission_id: String,
    pub ord: i64,
    pub code: &'a str,
    pub section_number: Option<i64>,
    pub item_index: Option<i64>,
    pub message: &'a str,
}

/// `plan_status`: a plan item's status against its progress or next year's results.
pub struct PlanStatusRow<'a> {
    pub item_id: String,
    pub kind: &'static str,
    pub status: &'a str,
}

/// `item_links`: one plan ↔ report link (docs/LINKS.md).
pub struct LinkRow {
    pub plan_item_id: String,
    pub kind: &'static str,
    pub report_item_id: String,
    pub report_path: String,
    pub report_locator: String,
    pub report_section: i64,
    pub report_index: i64,
}

/// `submission_review`.
pub struct ReviewRow<'a> {
    pub submission_id: String,
    pub verdict: &'a str,
}

/// `review_reasons`.
pub struct ReasonRow<'a> {
    pub submission_id: String,
    pub ord: i64,
    pub code: &'a str,
    pub level: &'a str,
    pub section_number: Option<i64>,
    pub count: i64,
    pub message: &'a str,
}

/// Every row of one report, table by table, in insertion order (parents first).
pub struct Rows<'a> {
    pub file: FileRow<'a>,
    pub diagnostics: Vec<DiagnosticRow<'a>>,
    pub submissions: Vec<SubmissionRow<'a>>,
    pub names: Vec<NameRow<'a>>,
    pub sections: Vec<SectionRow<'a>>,
    pub items: Vec<ItemRow<'a>>,
    pub categories: Vec<CategoryRow>,
    pub dates: Vec<DateRow<'a>>,
    pub counts: Vec<CountRow<'a>>,
    pub warnings: Vec<WarningRow<'a>>,
    pub plan_status: Vec<PlanStatusRow<'a>>,
    pub links: Vec<LinkRow>,
    pub reviews: Vec<ReviewRow<'a>>,
    pub reasons: Vec<ReasonRow<'a>>,
    /// `file_reports.report`: the report as compact JSON.
    pub report_json: String,
}

/// Lower-case hex SHA-256 of the report as compact JSON: equal for the same
/// report, different when the file or the program's reading of it changed.
fn digest_of(json: &str) -> String {
    Sha256::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn int(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The rows of `report`.
pub fn rows(report: &FileReport) -> Rows<'_> {
    let src = &report.source;
    let report_json = serde_json::to_string(report).unwrap_or_default();
    let mut r = Rows {
        file: FileRow {
            path: &src.path,
            format: &src.format,
            bytes: i64::try_from(src.bytes).unwrap_or(i64::MAX),
            sha256: &src.sha256,
            report_sha256: digest_of(&report_json),
            schema: &report.schema,
            generator: &report.generator,
            error_code: report.error.as_ref().map(|e| e.code.as_str()),
            error_message: report.error.as_ref().map(|e| e.message.as_str()),
        },
        diagnostics: report
            .diagnostics
            .iter()
            .enumerate()
            .map(|(i, d)| DiagnosticRow {
                ord: int(i),
                level: &d.level,
                code: &d.code,
                message: &d.message,
            })
            .collect(),
        submissions: Vec::new(),
        names: Vec::new(),
        sections: Vec::new(),
        items: Vec::new(),
        categories: Vec::new(),
        dates: Vec::new(),
        counts: Vec::new(),
        warnings: Vec::new(),
        plan_status: Vec::new(),
        links: Vec::new(),
        reviews: Vec::new(),
        reasons: Vec::new(),
        report_json,
    };
    for (ord, sub) in report.submissions.iter().enumerate() {
        let sid = crate::output::submission_id(&src.path, &sub.locator);
        r.submissions.push(SubmissionRow {
            id: sid.clone(),
            ord: int(ord),
            locator: &sub.locator,
            material_id: sub.material_id.as_deref(),
        });
        for (role, names) in [
            ("target_area", &sub.target_areas),
            ("hub", &sub.hubs),
            ("contractor", &sub.contractors),
        ] {
            for (i, name) in names.iter().enumerate() {
                r.names.push(NameRow {
                    submission_id: sid.clone(),
                    role,
                    ord: int(i),
                    name,
                });
            }
        }
        for section in &sub.sections {
            r.sections.push(SectionRow {
                submission_id: sid.clone(),
                number: i64::from(section.number),
                kind: &section.kind,
                heading: &section.heading,
                fiscal_year: section.fiscal_year.map(i64::from),
            });
            for (index, item) in section.items.iter().enumerate() {
                let id = crate::output::item_id(&sid, section.number, index);
                push_item(&mut r, &sid, section.number, index, id, item);
            }
        }
        if let Some(review) = &sub.review {
            r.reviews.push(ReviewRow {
                submission_id: sid.clone(),
                verdict: &review.verdict,
            });
            r.reasons
                .extend(review.reasons.iter().enumerate().map(|(i, x)| ReasonRow {
                    submission_id: sid.clone(),
                    ord: int(i),
                    code: &x.code,
                    level: &x.level,
                    section_number: x.section.map(i64::from),
                    count: int(x.count),
                    message: &x.message,
                }));
        }
        for (i, w) in sub.warnings.iter().enumerate() {
            r.warnings.push(WarningRow {
                submission_id: sid.clone(),
                ord: int(i),
                code: &w.code,
                section_number: w.section.map(i64::from),
                item_index: w.item.map(int),
                message: &w.message,
            });
        }
    }
    r.links = crate::link::link_rows(report)
        .into_iter()
        .map(|l| {
            let sid =
                |at: &crate::link::ItemAt| crate::output::submission_id(&at.path, &at.locator);
            LinkRow {
                plan_item_id: crate::output::item_id(&sid(&l.plan), l.plan.section, l.plan.index),
                kind: l.kind,
                report_item_id: crate::output::item_id(
                    &sid(&l.report),
                    l.report.section,
                    l.report.index,
                ),
                report_path: l.report.path,
                report_locator: l.report.locator,
                report_section: i64::from(l.report.section),
                report_index: int(l.report.index),
            }
        })
        .collect();
    r
}

fn push_item<'a>(
    r: &mut Rows<'a>,
    sid: &str,
    section: u8,
    index: usize,
    id: String,
    item: &'a crate::output::Item,
) {
    let (at_sheet, at_table, at_row, at_col, at_paragraph) = match &item.at {
        At::Sheet {
            sheet,
            row,
            col,
            paragraph,
        } => (
            Some(sheet.as_str()),
            None,
            Some(int(*row)),
            Some(int(*col)),
            int(*paragraph),
        ),
        At::Word {
            table,
            row,
            col,
            paragraph,
        } => (
            None,
            table.map(int),
            row.map(int),
            col.map(int),
            int(*paragraph),
        ),
    };
    let mut categories: Vec<u8> = item.categories.clone();
    categories.sort_unstable();
    categories.dedup();
    r.categories
        .extend(categories.into_iter().map(|c| CategoryRow {
            item_id: id.clone(),
            category: i64::from(c),
        }));
    r.dates
        .extend(item.dates.iter().enumerate().map(|(i, d)| DateRow {
            item_id: id.clone(),
            ord: int(i),
            text: &d.text,
            start_date: d.start.as_deref(),
            end_date: d.end.as_deref(),
            planned: d.planned,
        }));
    r.counts
        .extend(item.counts.iter().enumerate().map(|(i, c)| CountRow {
            item_id: id.clone(),
            ord: int(i),
            text: &c.text,
            value: i64::from(c.value),
            per: c.per.as_deref(),
            every: i64::from(c.every),
            planned: c.planned,
            event: c.event.as_deref(),
        }));
    if let Some(links) = &item.links {
        for (kind, status) in [
            ("progress", &links.status),
            ("results", &links.results_status),
        ] {
            if let Some(status) = status {
                r.plan_status.push(PlanStatusRow {
                    item_id: id.clone(),
                    kind,
                    status,
                });
            }
        }
    }
    r.items.push(ItemRow {
        id,
        submission_id: sid.to_string(),
        section_number: i64::from(section),
        item_index: int(index),
        text: &item.text,
        category_source: &item.category_source,
        at_sheet,
        at_table,
        at_row,
        at_col,
        at_paragraph,
    });
}
