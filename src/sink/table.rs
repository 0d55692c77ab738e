//! The officers' tables shared by `--csv` and `--xlsx`: which columns, with
//! Japanese headings, and how a report becomes rows of readable cells (① – ⑤
//! marked ○, dates as 2024/9/11, counts as 年5回, 予定 spelled out).
//!
//! Must not know: CSV or xlsx encoding, databases, readers.

use crate::form::CATEGORY_NAMES;
use crate::output::{CountOut, DateOut, FileReport, Item, Section, Submission};

/// One cell: text, or a number a spreadsheet can sum and sort.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as CSV text.
    pub fn as_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
        }
    }
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn n(v: usize) -> Cell {
    Cell::Number(v as f64)
}

/// A column: its heading and its width in an xlsx sheet (characters).
pub struct Column {
    pub heading: &'static str,
    pub width: f64,
}

const fn c(heading: &'static str, width: f64) -> Column {
    Column { heading, width }
}

/// The 項目 table (and the CSV): one row per item.
pub const ITEM_COLUMNS: &[Column] = &[
    c("ファイル", 28.0),
    c("様式", 12.0),
    c("資料番号", 10.0),
    c("対象地域", 16.0),
    c("連携の拠点", 22.0),
    c("委託先", 22.0),
    c("項", 5.0),
    c("区分", 6.0),
    c("年度", 11.0),
    c("番号", 6.0),
    c("内容", 60.0),
    c("①会議の開催", 10.0),
    c("②地域の資源の把握・関係機関との調整", 10.0),
    c("③急変時対応等の体制構築等", 10.0),
    c("④在宅医療に係る研修", 10.0),
    c("⑤在宅医療の普及啓発", 10.0),
    c("分類の根拠", 12.0),
    c("日付", 24.0),
    c("回数", 20.0),
    c("警告", 16.0),
    c("項目ID", 24.0),
];

/// The 様式 table: one row per submission.
pub const SUBMISSION_COLUMNS: &[Column] = &[
    c("ファイル", 28.0),
    c("様式", 12.0),
    c("資料番号", 10.0),
    c("対象地域", 16.0),
    c("連携の拠点", 22.0),
    c("委託先", 22.0),
    c("実績の項目数", 8.0),
    c("課題の項目数", 8.0),
    c("計画の項目数", 8.0),
    c("進捗の項目数", 8.0),
    c("警告数", 8.0),
    c("様式ID", 18.0),
];

/// The 警告 table: one row per warning.
pub const WARNING_COLUMNS: &[Column] = &[
    c("ファイル", 28.0),
    c("様式", 12.0),
    c("対象地域", 16.0),
    c("項", 5.0),
    c("番号", 6.0),
    c("警告", 18.0),
    c("コード", 22.0),
    c("内容", 70.0),
    c("様式ID", 18.0),
];

/// The 読めなかったファイル table: one row per failed file.
pub const FAILED_COLUMNS: &[Column] = &[
    c("ファイル", 36.0),
    c("形式", 8.0),
    c("バイト数", 10.0),
    c("エラー", 14.0),
    c("コード", 18.0),
    c("内容", 70.0),
];

/// `令和6年度` for the fiscal year starting in 2024 (平成 before 2019).
pub fn fiscal_year_name(fy: i32) -> String {
    match fy {
        2019 => "令和元年度".into(),
        y if y > 2019 => format!("令和{}年度", y - 2018),
        1989 => "平成元年度".into(),
        y if y > 1989 => format!("平成{}年度", y - 1988),
        y => format!("{y}年度"),
    }
}

/// `2024-09-11` → `2024/9/11`, `2025-12` → `2025/12`.
fn calendar(iso: &str) -> String {
    iso.split('-')
        .enumerate()
        .map(|(i, p)| {
            if i == 0 {
                p.to_string()
            } else {
                p.trim_start_matches('0').to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A date as officers write it: `2024/9/11`, `2025/12～2026/1`, `～2026/3`, with `（予定）`.
pub fn date_text(d: &DateOut) -> String {
    let range = match (d.start.as_deref(), d.end.as_deref()) {
        (Some(s), Some(e)) if s == e => calendar(s),
        (Some(s), Some(e)) => format!("{}～{}", calendar(s), calendar(e)),
        (None, Some(e)) => format!("～{}", calendar(e)),
        (Some(s), None) => format!("{}～", calendar(s)),
        (None, None) => d.text.clone(),
    };
    if d.planned {
        format!("{range}（予定）")
    } else {
        range
    }
}

/// A count as officers write it: `会議 年5回`, `月1回`, `隔月1回`, `3回（予定）`.
pub fn count_text(k: &CountOut) -> String {
    let every = if k.every == 2 { "隔" } else { "" };
    let per = match k.per.as_deref() {
        Some("year") => "年",
        Some("month") => "月",
        Some("week") => "週",
        _ => "",
    };
    let per = if per.is_empty() {
        String::new()
    } else {
        format!("{every}{per}")
    };
    let event = k
        .event
        .as_deref()
        .map(|e| format!("{e} "))
        .unwrap_or_default();
    let planned = if k.planned { "（予定）" } else { "" };
    format!("{event}{per}{}回{planned}", k.value)
}

fn kind_name(kind: &str) -> &str {
    match kind {
        "results" => "実績",
        "issues" => "課題",
        "plan" => "計画",
        "progress" => "進捗",
        other => other,
    }
}

fn source_name(source: &str) -> &str {
    match source {
        "marker" => "記号",
        "heading" => "見出し",
        "column" => "列",
        "inherited" => "前の項目から",
        "classifier" => "語から推定",
        other => other,
    }
}

/// The Japanese name of a warning code (the code itself when unknown).
pub fn warning_name(code: &str) -> &str {
    match code {
        "heading_mismatch" => "見出しと位置の不一致",
        "date_outside_fiscal_year" => "年度外の日付",
        "count_mismatch" => "回数と日付の不一致",
        "missing_section" => "項の欠落",
        "empty_section" => "空の項",
        other => other,
    }
}

/// The Japanese name of an error code (the code itself when unknown).
pub fn error_name(code: &str) -> &str {
    match code {
        "corrupt" => "破損",
        "encrypted" => "暗号化",
        "unsupported_format" => "未対応の形式",
        "too_large" => "大きすぎる",
        "no_form_found" => "様式なし",
        other => other,
    }
}

fn header(report: &FileReport, sub: &Submission) -> Vec<Cell> {
    vec![
        t(&report.source.path),
        t(&sub.locator),
        t(sub.material_id.clone().unwrap_or_default()),
        t(sub.target_areas.join("、")),
        t(sub.hubs.join("、")),
        t(sub.contractors.join("、")),
    ]
}

/// One row per item of every submission of `report`.
pub fn item_rows(report: &FileReport) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for sub in &report.submissions {
        let sid = crate::output::submission_id(&report.source.path, &sub.locator);
        for section in &sub.sections {
            for (index, item) in section.items.iter().enumerate() {
                let mut row = header(report, sub);
                row.extend(item_cells(sub, section, index, item));
                row.push(t(crate::output::item_id(&sid, section.number, index)));
                out.push(row);
            }
        }
    }
    out
}

fn item_cells(sub: &Submission, section: &Section, index: usize, item: &Item) -> Vec<Cell> {
    let mut row = vec![
        n(usize::from(section.number)),
        t(kind_name(&section.kind)),
        t(section
            .fiscal_year
            .map(fiscal_year_name)
            .unwrap_or_default()),
        n(index + 1),
        t(&item.text),
    ];
    for k in 1..=CATEGORY_NAMES.len() {
        let marked = item.categories.iter().any(|&c| usize::from(c) == k);
        row.push(t(if marked { "○" } else { "" }));
    }
    row.push(t(source_name(&item.category_source)));
    row.push(t(item
        .dates
        .iter()
        .map(date_text)
        .collect::<Vec<_>>()
        .join("、")));
    row.push(t(item
        .counts
        .iter()
        .map(count_text)
        .collect::<Vec<_>>()
        .join("、")));
    let warnings: Vec<&str> = sub
        .warnings
        .iter()
        .filter(|w| w.section == Some(section.number) && w.item == Some(index))
        .map(|w| warning_name(&w.code))
        .collect();
    row.push(t(warnings.join("、")));
    row
}

/// One row per submission of `report`.
pub fn submission_rows(report: &FileReport) -> Vec<Vec<Cell>> {
    report
        .submissions
        .iter()
        .map(|sub| {
            let mut row = header(report, sub);
            for number in 1..=4u8 {
                let items: usize = sub
                    .sections
                    .iter()
                    .filter(|s| s.number == number)
                    .map(|s| s.items.len())
                    .sum();
                row.push(n(items));
            }
            row.push(n(sub.warnings.len()));
            row.push(t(crate::output::submission_id(
                &report.source.path,
                &sub.locator,
            )));
            row
        })
        .collect()
}

/// One row per warning of every submission of `report`.
pub fn warning_rows(report: &FileReport) -> Vec<Vec<Cell>> {
    let mut out = Vec::new();
    for sub in &report.submissions {
        for w in &sub.warnings {
            out.push(vec![
                t(&report.source.path),
                t(&sub.locator),
                t(sub.target_areas.join("、")),
                w.section.map_or(t(""), |s| n(usize::from(s))),
                w.item.map_or(t(""), |i| n(i + 1)),
                t(warning_name(&w.code)),
                t(&w.code),
                t(&w.message),
                t(crate::output::submission_id(
                    &report.source.path,
                    &sub.locator,
                )),
            ]);
        }
    }
    out
}

/// The row of a file that could not be read; none for a file that was.
pub fn failed_row(report: &FileReport) -> Option<Vec<Cell>> {
    let e = report.error.as_ref()?;
    Some(vec![
        t(&report.source.path),
        t(&report.source.format),
        Cell::Number(report.source.bytes as f64),
        t(error_name(&e.code)),
        t(&e.code),
        t(&e.message),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(start: Option<&str>, end: Option<&str>, planned: bool) -> DateOut {
        DateOut {
            text: String::new(),
            start: start.map(Into::into),
            end: end.map(Into::into),
            planned,
        }
    }

    #[test]
    fn dates_read_as_officers_write_them() {
        let d = |s, e, p| date_text(&date(s, e, p));
        assert_eq!(
            d(Some("2024-09-11"), Some("2024-09-11"), false),
            "2024/9/11"
        );
        assert_eq!(
            d(Some("2025-12"), Some("2026-01"), false),
            "2025/12～2026/1"
        );
        assert_eq!(d(None, Some("2026-03"), true), "～2026/3（予定）");
    }

    #[test]
    fn counts_read_as_officers_write_them() {
        let k = |value, per: Option<&str>, every, planned, event: Option<&str>| {
            count_text(&CountOut {
                text: String::new(),
                value,
                per: per.map(Into::into),
                every,
                planned,
                event: event.map(Into::into),
            })
        };
        assert_eq!(k(5, Some("year"), 1, false, Some("会議")), "会議 年5回");
        assert_eq!(k(1, Some("month"), 2, false, None), "隔月1回");
        assert_eq!(k(12, None, 1, true, None), "12回（予定）");
        assert_eq!(k(1, Some("week"), 2, false, None), "隔週1回");
    }

    #[test]
    fn fiscal_years_in_japanese_eras() {
        assert_eq!(fiscal_year_name(2024), "令和6年度");
        assert_eq!(fiscal_year_name(2019), "令和元年度");
        assert_eq!(fiscal_year_name(2018), "平成30年度");
    }
}
