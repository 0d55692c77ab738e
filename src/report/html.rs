//! The overview page's HTML: every figure rendered on the server (tables and
//! inline SVG bars, nothing fetched), the data embedded as JSON, and the
//! page's own script (`page.js`) and style (`page.css`) inlined.
//!
//! Every figure carries `data-*` attributes naming what it shows, so the
//! script can recompute it from the embedded data and compare.
//!
//! Must not know: how figures are counted (`figures.rs`), files.

use super::data::script_json;
use super::figures::{Figures, MeetingRow};
use crate::audit::escape;
use serde_json::Value;
use std::fmt::Write;

const CSS: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// Width in pixels of the longest bar.
pub const BAR_WIDTH: f64 = 300.0;

/// The five categories with their markers.
pub const CATEGORY_LABELS: [&str; 5] = [
    "①会議の開催",
    "②地域の資源の把握・関係機関との調整",
    "③急変時対応等の体制構築等",
    "④在宅医療に係る研修",
    "⑤在宅医療の普及啓発",
];

/// Calendar columns, fiscal-year order.
const MONTHS: [&str; 12] = [
    "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月",
];

/// `令和7年度 (2025)` for a Gregorian fiscal year.
pub fn era(fy: i32) -> String {
    match fy {
        2019.. => format!("令和{}年度 ({fy})", fy - 2018),
        1989..=2018 => format!("平成{}年度 ({fy})", fy - 1988),
        _ => format!("{fy}年度"),
    }
}

/// Background of a heat-map cell: white to dark blue by `v / max`.
fn heat(v: usize, max: usize) -> String {
    let t = if max == 0 { 0.0 } else { v as f64 / max as f64 };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    let (r, g, b) = (mix(247.0, 8.0), mix(251.0, 81.0), mix(255.0, 156.0));
    let fg = if t > 0.55 { "#fff" } else { "#222" };
    format!("background:rgb({r},{g},{b});color:{fg}")
}

fn bar(o: &mut String, class: &str, k: &str, v: u64, max: u64, y: usize) {
    let w = if max == 0 {
        0.0
    } else {
        v as f64 / max as f64 * BAR_WIDTH
    };
    let _ = write!(
        o,
        "<rect class=\"{class}\" data-k=\"{k}\" data-value=\"{v}\" x=\"0\" y=\"{y}\" width=\"{w:.2}\" height=\"8\"/>\
         <text x=\"{tx:.2}\" y=\"{ty}\">{v}</text>",
        tx = w + 4.0,
        ty = y + 8
    );
}

/// The whole page.
pub fn render(fig: &Figures, data: &Value, root: &str, lines: &Lines) -> String {
    let mut o = String::with_capacity(64 * 1024);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"ja\" data-check=\"pending\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>連携の拠点 取組の概要 — {}</title><style>{CSS}</style></head>\n<body>\n",
        escape(root)
    );
    // The data first: parsed before the tables, the browser does not lay the
    // tables out again while it reads megabytes of script text (about twice as
    // fast at 2,000 forms, docs/REPORT.md).
    let _ = writeln!(
        o,
        "<script type=\"application/json\" id=\"report-data\">{}</script>",
        script_json(data)
    );
    let _ = writeln!(
        o,
        "<header><h1>連携の拠点 取組の概要 <small>shiryo report</small></h1>\
         <p class=\"root\">{}</p><p id=\"self-check\">数値は未検査です（スクリプトが無効） — figures not checked</p>\
         <nav><a href=\"#review\">要確認</a> · <a href=\"#areas\">市町村別</a> · <a href=\"#matrix\">カテゴリ</a> · <a href=\"#meetings\">会議</a> · \
         <a href=\"#calendar\">カレンダー</a> · <a href=\"#problems\">警告</a> · <a href=\"#forms\">様式</a></nav></header>",
        escape(root)
    );
    totals(&mut o, fig);
    review_list(&mut o, &lines.forms);
    areas(&mut o, fig);
    matrix(&mut o, fig);
    meetings(&mut o, &fig.meetings);
    calendar(&mut o, fig);
    problems(&mut o, lines);
    form_list(&mut o, &lines.forms);
    let _ = writeln!(
        o,
        "<script>var BAR_WIDTH = {BAR_WIDTH}; var CATEGORY_LABELS = {};\n{SCRIPT}</script>",
        serde_json::to_string(&CATEGORY_LABELS).unwrap_or_else(|_| "[]".into())
    );
    o.push_str("</body></html>\n");
    o
}

fn totals(o: &mut String, fig: &Figures) {
    o.push_str("<section id=\"totals\"><dl>");
    for (k, label, v) in [
        ("files", "ファイル <small>files</small>", fig.files),
        (
            "failed",
            "読めなかったファイル <small>failed</small>",
            fig.failed,
        ),
        ("forms", "様式 <small>forms</small>", fig.forms),
        ("items", "項目 <small>items</small>", fig.items),
        ("warnings", "警告 <small>warnings</small>", fig.warnings),
        (
            "review",
            "要確認の様式 <small>forms to check</small>",
            fig.review,
        ),
    ] {
        let _ = write!(o, "<div><dt>{label}</dt><dd data-k=\"{k}\">{v}</dd></div>");
    }
    o.push_str("</dl></section>\n");
}

fn areas(o: &mut String, fig: &Figures) {
    let max = fig.areas.iter().map(|a| a.forms).max().unwrap_or(0) as u64;
    o.push_str(
        "<section id=\"areas\"><h2>市町村別の提出数 <small>Submissions per municipality</small></h2>\n\
         <table id=\"by-area\"><thead><tr><th>市町村</th><th>様式数</th><th></th></tr></thead><tbody>\n",
    );
    for a in &fig.areas {
        let _ = write!(
            o,
            "<tr data-area=\"{n}\"><th>{n}</th><td class=\"num\" data-k=\"forms\">{}</td><td><svg class=\"bars\" width=\"{}\" height=\"10\">",
            a.forms,
            BAR_WIDTH + 40.0,
            n = escape(&a.name)
        );
        bar(o, "bar", "forms", a.forms as u64, max, 1);
        o.push_str("</svg></td></tr>\n");
    }
    o.push_str("</tbody></table></section>\n");
}

fn matrix(o: &mut String, fig: &Figures) {
    let max = fig
        .areas
        .iter()
        .flat_map(|a| a.categories)
        .max()
        .unwrap_or(0);
    o.push_str(
        "<section id=\"matrix\"><h2>市町村 × カテゴリ <small>Activity items (sections 1, 3, 4) per municipality and category</small></h2>\n\
         <table id=\"area-matrix\"><thead><tr><th>市町村</th>",
    );
    for c in CATEGORY_LABELS {
        let _ = write!(o, "<th>{c}</th>");
    }
    o.push_str("</tr></thead><tbody>\n");
    for a in &fig.areas {
        let _ = write!(o, "<tr data-area=\"{n}\"><th>{n}</th>", n = escape(&a.name));
        for (k, v) in a.categories.iter().enumerate() {
            let _ = write!(
                o,
                "<td class=\"num heat\" data-cat=\"{}\" data-value=\"{v}\" style=\"{}\">{v}</td>",
                k + 1,
                heat(*v, max)
            );
        }
        o.push_str("</tr>\n");
    }
    let _ = writeln!(
        o,
        "</tbody></table><p class=\"legend\">0 <span class=\"scale\"></span> {max} 項目 (items)</p></section>"
    );
}

fn meetings(o: &mut String, rows: &[MeetingRow]) {
    let max = rows
        .iter()
        .map(|r| r.held_before.max(r.planned).max(r.held))
        .max()
        .unwrap_or(0);
    o.push_str(
        "<section id=\"meetings\"><h2>拠点別の会議 予定と実施 <small>Meetings planned and held per hub (category ①, times a year)</small></h2>\n\
         <p class=\"legend\"><span class=\"key m-before\"></span>前年度の実績 (section 1) \
         <span class=\"key m-planned\"></span>今年度の計画 (section 3) \
         <span class=\"key m-held\"></span>今年度の進捗 (section 4)</p>\n\
         <table id=\"meeting-chart\"><thead><tr><th>連携の拠点</th><th>計画年度</th><th>回数</th></tr></thead><tbody>\n",
    );
    for r in rows {
        let _ = write!(
            o,
            "<tr data-meeting=\"{}\"><th>{}</th><td>{}</td><td><svg class=\"bars\" width=\"{}\" height=\"30\">",
            escape(&r.key()),
            escape(&r.hub),
            r.fiscal_year.map(era).unwrap_or_default()
                + &if r.forms > 1 {
                    format!(" · 様式{}件", r.forms)
                } else {
                    String::new()
                },
            BAR_WIDTH + 40.0
        );
        let max = u64::from(max);
        bar(
            o,
            "m-before",
            "held_before",
            u64::from(r.held_before),
            max,
            0,
        );
        bar(o, "m-planned", "planned", u64::from(r.planned), max, 10);
        bar(o, "m-held", "held", u64::from(r.held), max, 20);
        o.push_str("</svg></td></tr>\n");
    }
    o.push_str("</tbody></table></section>\n");
}

fn calendar(o: &mut String, fig: &Figures) {
    let max = fig
        .calendar
        .iter()
        .flat_map(|r| (0..12).map(move |m| r.planned[m] + r.done[m]))
        .max()
        .unwrap_or(0);
    o.push_str(
        "<section id=\"calendar\"><h2>年度カレンダー <small>Dated activities per fiscal year (items with a date in the month: 予 planned / 実 held)</small></h2>\n\
         <table id=\"fy-calendar\"><thead><tr><th>年度</th>",
    );
    for m in MONTHS {
        let _ = write!(o, "<th>{m}</th>");
    }
    o.push_str("</tr></thead><tbody>\n");
    for r in &fig.calendar {
        let _ = write!(
            o,
            "<tr data-fy=\"{}\"><th>{}</th>",
            r.fiscal_year,
            era(r.fiscal_year)
        );
        for m in 0..12 {
            let (p, d) = (r.planned[m], r.done[m]);
            let _ = write!(
                o,
                "<td class=\"cal heat\" data-m=\"{m}\" data-planned=\"{p}\" data-done=\"{d}\" style=\"{}\" tabindex=\"0\">予{p} 実{d}</td>",
                heat(p + d, max)
            );
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table><div id=\"calendar-detail\" class=\"detail\"></div></section>\n");
}

/// The rows of the page's lists, prepared by the caller.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    pub forms: Vec<FormLine>,
    pub failed: Vec<FailedLine>,
    pub warnings: Vec<WarningLine>,
    /// JSON files under the directory that are not reports: (path, reason).
    pub skipped: Vec<(String, String)>,
}

/// A file that could not be read.
#[derive(Debug, Clone)]
pub struct FailedLine {
    pub path: String,
    pub format: String,
    pub code: String,
    pub message: String,
}

/// A form warning or a file diagnostic.
#[derive(Debug, Clone)]
pub struct WarningLine {
    pub path: String,
    /// Locator and target areas of the form; empty for a file diagnostic.
    pub locator: String,
    pub areas: String,
    pub section: Option<u8>,
    pub item: Option<usize>,
    pub code: String,
    pub message: String,
}

fn problems(o: &mut String, lines: &Lines) {
    let _ = writeln!(
        o,
        "<section id=\"problems\"><h2>警告と読めなかったファイル <small>Warnings and failed files</small></h2>\n\
         <h3>読めなかったファイル <small>failed files ({})</small></h3>\n\
         <table id=\"failed\"><thead><tr><th>ファイル</th><th>形式</th><th>理由 (code)</th><th>内容 (message)</th></tr></thead><tbody>",
        lines.failed.len()
    );
    for f in &lines.failed {
        let _ = writeln!(
            o,
            "<tr data-file=\"{p}\"><td class=\"path\">{p}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.format),
            escape(&f.code),
            escape(&f.message),
            p = escape(&f.path)
        );
    }
    let _ = writeln!(
        o,
        "</tbody></table>\n<h3>警告 <small>warnings and diagnostics ({})</small></h3>\n\
         <table id=\"warnings\"><thead><tr><th>ファイル</th><th>様式</th><th>対象地域</th><th>§</th><th>項目</th>\
         <th>種類 (code)</th><th>内容 (message)</th></tr></thead><tbody>",
        lines.warnings.len()
    );
    for w in &lines.warnings {
        let _ = writeln!(
            o,
            "<tr data-code=\"{c}\"><td class=\"path\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{c}</td><td>{}</td></tr>",
            escape(&w.path),
            escape(&w.locator),
            escape(&w.areas),
            w.section.map(|s| s.to_string()).unwrap_or_default(),
            w.item.map(|i| i.to_string()).unwrap_or_default(),
            escape(&w.message),
            c = escape(&w.code)
        );
    }
    o.push_str("</tbody></table>\n");
    if !lines.skipped.is_empty() {
        o.push_str("<h3>読み込まなかったJSON <small>JSON files that are not reports</small></h3><ul id=\"skipped\">");
        for (p, why) in &lines.skipped {
            let _ = write!(
                o,
                "<li><span class=\"path\">{}</span>: {}</li>",
                escape(p),
                escape(why)
            );
        }
        o.push_str("</ul>\n");
    }
    o.push_str("</section>\n");
}

/// One row of the form list, prepared by the caller.
#[derive(Debug, Clone)]
pub struct FormLine {
    pub areas: String,
    pub hubs: String,
    pub material_id: String,
    pub plan_year: Option<i32>,
    pub place: String,
    pub items: usize,
    pub warnings: usize,
    /// Plan items reported on, and all plan items.
    pub reported: (usize, usize),
    /// The review verdict (`check`, `ok`, or empty).
    pub verdict: String,
    /// The reasons that send it to a person, as Japanese labels.
    pub check: Vec<String>,
}

/// The forms a person should read, first on the page (docs/REVIEW.md).
fn review_list(o: &mut String, forms: &[FormLine]) {
    let n = forms.iter().filter(|f| f.verdict == "check").count();
    let _ = writeln!(
        o,
        "<section id=\"review\"><h2>要確認の様式 <small>Forms to check first ({n} of {})</small></h2>\n\
         <p class=\"note\">プログラム自身が読み取りに自信を持てなかった様式です。原本と抽出結果を見比べてください。\
         <small>The program could not vouch for its reading of these forms.</small></p>\n\
         <table id=\"review-list\"><thead><tr><th>#</th><th>対象地域</th><th>連携の拠点</th><th>ファイル</th>\
         <th>理由 <small>reasons</small></th></tr></thead><tbody>",
        forms.len()
    );
    for (i, f) in forms
        .iter()
        .enumerate()
        .filter(|(_, f)| f.verdict == "check")
    {
        let _ = writeln!(
            o,
            "<tr data-form=\"{i}\"><td class=\"num\"><a href=\"#form={i}\">{}</a></td><td>{}</td><td>{}</td>\
             <td class=\"path\">{}</td><td>{}</td></tr>",
            i + 1,
            escape(&f.areas),
            escape(&f.hubs),
            escape(&f.place),
            escape(&f.check.join("、"))
        );
    }
    o.push_str("</tbody></table></section>\n");
}

fn form_list(o: &mut String, forms: &[FormLine]) {
    o.push_str(
        "<section id=\"forms\"><h2>様式一覧 <small>Forms — choose one to read it</small></h2>\n\
         <table id=\"form-list\"><thead><tr><th>#</th><th>対象地域</th><th>連携の拠点</th><th>資料</th>\
         <th>計画年度</th><th>ファイル</th><th>項目</th><th>警告</th><th>計画の報告</th><th>確認</th></tr></thead><tbody>\n",
    );
    for (i, f) in forms.iter().enumerate() {
        let _ = writeln!(
            o,
            "<tr data-form=\"{i}\"><td class=\"num\"><a href=\"#form={i}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td class=\"path\">{}</td><td class=\"num\" data-k=\"items\">{}</td>\
             <td class=\"num\" data-k=\"warnings\">{}</td><td class=\"num\" data-k=\"reported\">{}/{}</td>\
             <td data-k=\"review\" data-verdict=\"{}\">{}</td></tr>",
            i + 1,
            escape(&f.areas),
            escape(&f.hubs),
            escape(&f.material_id),
            f.plan_year.map(era).unwrap_or_default(),
            escape(&f.place),
            f.items,
            f.warnings,
            f.reported.0,
            f.reported.1,
            escape(&f.verdict),
            if f.verdict == "check" { "要確認" } else { "" }
        );
    }
    o.push_str(
        "</tbody></table>\n<div id=\"form-view\" class=\"detail\"><p>様式を選ぶと内容を表示します (choose a form above).</p></div></section>\n",
    );
}
