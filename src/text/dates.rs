//! Dates in item text (SPEC §2 "Date").
//!
//! Owns: finding calendar days, months and ranges (submodule `scan`),
//! resolving era and year-less dates against the section's fiscal year (here),
//! and deciding `planned` (submodule `clause`). The rules where SPEC is silent
//! are in `docs/DATES_COUNTS.md`.
//!
//! Must not know: items, sections or warnings — callers pass one item's
//! normalised text and its [`TextContext`].

pub(crate) mod chars;
pub(crate) mod clause;
mod scan;

use super::TextContext;
use scan::{Point, Shape};
use std::ops::Range;

/// One day, month or range named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFact {
    /// The date as written: exactly `input[span]`. A list member is its own
    /// part (`5・6・9月` → `5`, `6`, `9月`; `10/1、3` → `10/1`, `3`); `start`
    /// and `end` carry what it shares. A range is its whole slice (`12～1月`,
    /// `～3月`).
    pub text: String,
    /// `YYYY-MM-DD` or `YYYY-MM`; None for the open start of `～3月`.
    pub start: Option<String>,
    /// As `start`; None for the open end of `10月～`.
    pub end: Option<String>,
    pub planned: bool,
    /// Byte range of `text` in the input.
    pub span: Range<usize>,
    /// A year-less date the text places in another fiscal year than its
    /// section's (`次年度は5月に開催予定`): never outside its section's year.
    pub other_year: bool,
}

/// Every date in `text` (normalised per SPEC §3; full-width digits and `~` are
/// read too), in order of appearance.
///
/// A date without a year takes it from `ctx.fiscal_year` (April–December → that
/// year, January–March → the next); with no fiscal year such a date cannot be
/// placed and is left out.
pub fn find_dates(text: &str, ctx: &TextContext) -> Vec<DateFact> {
    let raws = scan::scan(text);
    if raws.is_empty() {
        return Vec::new();
    }
    let layout = clause::Layout::new(text, &joins_of(text, &raws));
    let mut out = Vec::with_capacity(raws.len());
    let mut years = Years {
        fiscal: ctx.fiscal_year,
        carry: None,
    };
    let mut prev_end: Option<usize> = None;
    for r in raws {
        let linked = prev_end.is_some_and(|e| text.get(e..r.span.start).is_some_and(is_link));
        if !linked {
            years.carry = None;
        }
        prev_end = Some(r.span.end);
        let shift = year_word_before(text, r.span.start);
        years.fiscal = ctx.fiscal_year.map(|fy| fy + shift);
        let from_fiscal = years.carry.is_none() && !r.shape.has_year();
        let Some((start, end)) = years.resolve(&r.shape) else {
            continue;
        };
        let other_year = shift != 0 && from_fiscal;
        let planned = ctx.plan_section || layout.says_planned(&r.span);
        out.push(DateFact {
            text: r.text,
            start,
            end,
            planned,
            span: r.span,
            other_year,
        });
    }
    out
}

/// How far back (in characters) a year word is looked for before a date.
const YEAR_WORD_WINDOW: usize = 200;

/// The fiscal year a topic word before `at` in its sentence names, relative
/// to the section's: `次年度は`, `来年度も`, `翌年度に` → +1; `前年度は`,
/// `昨年度は` → −1; `今年度は`, `本年度も` → 0 (decided 2026-12-07). Only a
/// word followed by は, も, には or 、 — a time the clause is about, not a
/// modifier (`前年度の研修を踏まえ、10月に…`, `前年度に引き続き…(5・7月)` stay
/// in the section's year).
fn year_word_before(text: &str, at: usize) -> i32 {
    let head = text.get(..at).unwrap_or("");
    // At most YEAR_WORD_WINDOW characters back: a topic stands near its
    // dates, and the bound keeps a hostile text of many dates linear.
    let head = head
        .char_indices()
        .rev()
        .nth(YEAR_WORD_WINDOW)
        .map_or(head, |(i, _)| &head[i..]);
    let sentence = head
        .rfind('。')
        .map_or(head, |i| &head[i + '。'.len_utf8()..]);
    const WORDS: [(&str, i32); 7] = [
        ("次年度", 1),
        ("来年度", 1),
        ("翌年度", 1),
        ("前年度", -1),
        ("昨年度", -1),
        ("今年度", 0),
        ("本年度", 0),
    ];
    let mut best: Option<(usize, i32)> = None;
    for (w, shift) in WORDS {
        for (i, _) in sentence.match_indices(w) {
            let after = &sentence[i + w.len()..];
            let topic = ["は", "も", "には", "、"]
                .iter()
                .any(|p| after.starts_with(p));
            if topic && best.is_none_or(|(b, _)| i > b) {
                best = Some((i, shift));
            }
        }
    }
    best.map_or(0, |(_, shift)| shift)
}

/// Byte offsets of the 、 (or other separator) that join two dates of one
/// list: `R7/11月、R8/3月`, `10/1、3`. A list shares one clause.
pub(crate) fn list_joins(text: &str) -> Vec<usize> {
    joins_of(text, &scan::scan(text))
}

fn joins_of(text: &str, raws: &[scan::Raw]) -> Vec<usize> {
    raws.windows(2)
        .filter_map(|w| {
            let (a, b) = (w[0].span.end, w[1].span.start);
            let between = text.get(a..b)?;
            let t = without_weekday(between);
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if chars::is_list_sep(c) => between.rfind(c).map(|k| a + k),
                _ => None,
            }
        })
        .collect()
}

/// `between` without spaces around it and without the weekday bracket that
/// follows a date (`(土)`, `（土・祝）`): `3/9(土)、3/23(土)` is one list.
fn without_weekday(between: &str) -> &str {
    let t = between.trim_matches(' ');
    let Some(open) = t.chars().next().filter(|&c| c == '(' || c == '（') else {
        return t;
    };
    let inner = &t[open.len_utf8()..];
    let Some(close) = inner.find([')', '）']) else {
        return t;
    };
    let day = &inner[..close];
    let weekday = !day.is_empty() && day.chars().all(|c| "月火水木金土日祝休・".contains(c));
    if !weekday {
        return t;
    }
    let rest = &inner[close..];
    rest[rest.chars().next().map_or(0, char::len_utf8)..].trim_matches(' ')
}

/// True when `between` (the text between two dates) makes them one list:
/// nothing, spaces, or one list separator.
fn is_link(between: &str) -> bool {
    let t = without_weekday(between);
    let mut cs = t.chars();
    match (cs.next(), cs.next()) {
        (None, _) => true,
        (Some(c), None) => chars::is_list_sep(c),
        _ => false,
    }
}

/// Year resolution along one list: a written year carries on to the members
/// after it (`R7/1/16、2/21、28`), moving to the next year when the month goes
/// back; otherwise the fiscal year decides.
struct Years {
    fiscal: Option<i32>,
    /// The last written (or carried) year and its month in the current list.
    carry: Option<(i32, u32)>,
}

impl Years {
    /// The year of `p`, and whether it came from the text (written or carried).
    fn year_of(&self, p: &Point) -> Option<(i32, bool)> {
        if let Some(y) = p.year {
            return Some((y, true));
        }
        if let Some((y, m)) = self.carry {
            return Some((if p.month < m { y + 1 } else { y }, true));
        }
        let fy = self.fiscal?;
        Some((if p.month >= 4 { fy } else { fy + 1 }, false))
    }

    fn note(&mut self, y: i32, p: &Point, from_text: bool) {
        if from_text {
            self.carry = Some((y, p.month));
        }
    }

    /// `start` and `end` of a fact; None when a point cannot be placed or is
    /// not a calendar date (2/30).
    fn resolve(&mut self, shape: &Shape) -> Option<(Option<String>, Option<String>)> {
        match shape {
            Shape::Single(p) => {
                let (y, t) = self.year_of(p)?;
                self.note(y, p, t);
                let s = format_point(y, p)?;
                Some((Some(s.clone()), Some(s)))
            }
            Shape::Range(Some(a), Some(b)) => {
                let (ya, yb, t) = match (a.year, b.year) {
                    (_, None) => {
                        let (ya, t) = self.year_of(a)?;
                        (ya, if later(a, b) { ya + 1 } else { ya }, t)
                    }
                    (None, Some(yb)) => (if later(a, b) { yb - 1 } else { yb }, yb, true),
                    (Some(ya), Some(yb)) => (ya, yb, true),
                };
                self.note(yb, b, t);
                Some((Some(format_point(ya, a)?), Some(format_point(yb, b)?)))
            }
            Shape::Range(None, Some(b)) => {
                let (y, t) = self.year_of(b)?;
                self.note(y, b, t);
                Some((None, Some(format_point(y, b)?)))
            }
            Shape::Range(Some(a), None) => {
                let (y, t) = self.year_of(a)?;
                self.note(y, a, t);
                Some((Some(format_point(y, a)?), None))
            }
            Shape::Range(None, None) => None,
        }
    }
}

/// True when `b` comes before `a` within a year, so a range `a～b` crosses
/// the new year (`12～1月`).
fn later(a: &Point, b: &Point) -> bool {
    (a.month, a.day.unwrap_or(0)) > (b.month, b.day.unwrap_or(31))
}

/// `YYYY-MM` or `YYYY-MM-DD`; None for a day the month does not have.
fn format_point(y: i32, p: &Point) -> Option<String> {
    if !(1..=12).contains(&p.month) {
        return None;
    }
    match p.day {
        None => Some(format!("{y:04}-{:02}", p.month)),
        Some(d) if d >= 1 && d <= days_in_month(y, p.month) => {
            Some(format!("{y:04}-{:02}-{d:02}", p.month))
        }
        Some(_) => None,
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(fy: i32, plan: bool) -> TextContext {
        TextContext {
            fiscal_year: Some(fy),
            plan_section: plan,
        }
    }

    fn starts(text: &str, fy: i32) -> Vec<(Option<String>, Option<String>)> {
        find_dates(text, &ctx(fy, false))
            .into_iter()
            .map(|d| (d.start, d.end))
            .collect()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    #[test]
    fn year_less_dates_follow_the_fiscal_year() {
        assert_eq!(
            starts("(12～1月予定)", 2025),
            [(s("2025-12"), s("2026-01"))]
        );
        assert_eq!(starts("(～3月)", 2025), [(None, s("2026-03"))]);
        assert_eq!(starts("9/11", 2024), [(s("2024-09-11"), s("2024-09-11"))]);
    }

    #[test]
    fn a_written_year_carries_along_its_list() {
        let d = starts("R7/1/16、2/21、28", 2024);
        assert_eq!(d[1].0, s("2025-02-21"));
        assert_eq!(d[2].0, s("2025-02-28"));
        assert_eq!(starts("R7/11/5、1/20", 2025)[1].0, s("2026-01-20"));
        // Dotted members carry the year the same way, into the next one when
        // the month goes back (found in fixtures/family7).
        let d = starts("R6.6.12、9.11、12.11、3.12", 2024);
        let days: Vec<_> = d.iter().map(|d| d.0.clone()).collect();
        assert_eq!(
            days,
            [
                s("2024-06-12"),
                s("2024-09-11"),
                s("2024-12-11"),
                s("2025-03-12")
            ]
        );
        assert_eq!(
            starts("R6.12.20～1.10", 2024),
            [(s("2024-12-20"), s("2025-01-10"))]
        );
        // A bare day after a dotted member is a day of that member's month.
        assert_eq!(starts("R7.6.12、9.11、13", 2025)[2].0, s("2025-09-13"));
    }

    #[test]
    fn impossible_days_and_missing_years_give_nothing() {
        assert!(starts("2/30", 2025).is_empty());
        assert!(find_dates("10月", &TextContext::default()).is_empty());
        assert_eq!(
            starts("R6/2/29", 2023),
            [(s("2024-02-29"), s("2024-02-29"))]
        );
    }

    #[test]
    fn planned_by_section_or_clause() {
        let d = find_dates("10月より調査開始予定。9/2開催、9/16開催", &ctx(2025, false));
        assert_eq!(
            d.iter().map(|d| d.planned).collect::<Vec<_>>(),
            [true, false, false]
        );
        assert!(find_dates("9/2開催", &ctx(2025, true))[0].planned);
    }
}
