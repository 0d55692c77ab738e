//! The figures of the overview page, computed from the reports
//! (docs/REPORT.md "What each figure counts").
//!
//! Owns: the rules of every figure — submissions per municipality, the
//! municipality × category matrix, meetings planned and held per hub, the
//! fiscal-year calendar of dated activities, warnings and failed files. The
//! page's script recomputes each of them from the embedded data with the same
//! rules and compares (`page.js`), so a rule changed here must change there.
//!
//! Must not know: HTML.

use crate::link::facts::per_year;
use crate::output::{FileReport, Submission};
use std::collections::{BTreeMap, BTreeSet};

/// Label of a form without target areas.
pub const NO_AREA: &str = "（対象地域なし）";
/// Label of a form without a hub.
pub const NO_HUB: &str = "（拠点名なし）";
/// Sections whose items are activities (results, plan, progress).
pub const ACTIVITY_SECTIONS: [u8; 3] = [1, 3, 4];

/// One municipality's row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AreaRow {
    pub name: String,
    /// Forms naming it among their target areas.
    pub forms: usize,
    /// Activity items (sections 1, 3, 4) of those forms per category ①–⑤.
    pub categories: [usize; 5],
}

/// Meetings of one hub in one fiscal year (the plan's), as times a year of
/// the counts of category-① items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingRow {
    pub hub: String,
    pub fiscal_year: Option<i32>,
    /// Forms of the hub for that year (more than one: their counts add up).
    pub forms: usize,
    /// Held in the previous fiscal year (section 1, counts not planned).
    pub held_before: u32,
    /// Planned for the year (section 3).
    pub planned: u32,
    /// Held so far in the year (section 4, counts not planned).
    pub held: u32,
}

impl MeetingRow {
    /// The row's key in the page (`hub|year`).
    pub fn key(&self) -> String {
        format!(
            "{}|{}",
            self.hub,
            self.fiscal_year.map(|y| y.to_string()).unwrap_or_default()
        )
    }
}

/// Dated activities of one fiscal year, month by month from April.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CalendarRow {
    pub fiscal_year: i32,
    /// Items with a planned date in the month.
    pub planned: [usize; 12],
    /// Items with a date in the month that is not planned.
    pub done: [usize; 12],
}

/// Every figure of the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub files: usize,
    pub failed: usize,
    pub forms: usize,
    pub items: usize,
    /// Form warnings plus file diagnostics.
    pub warnings: usize,
    /// Forms whose `review` verdict is `check`.
    pub review: usize,
    pub areas: Vec<AreaRow>,
    pub meetings: Vec<MeetingRow>,
    pub calendar: Vec<CalendarRow>,
}

/// The form's `review` verdict is `check`.
pub fn needs_check(sub: &Submission) -> bool {
    sub.review.as_ref().is_some_and(|r| r.verdict == "check")
}

/// The target areas of a form as the page groups them.
pub fn areas_of(sub: &Submission) -> Vec<String> {
    let mut a: Vec<String> = sub.target_areas.clone();
    a.sort();
    a.dedup();
    if a.is_empty() {
        a.push(NO_AREA.to_string());
    }
    a
}

/// The hub label of a form: its hubs joined with 、.
pub fn hub_of(sub: &Submission) -> String {
    if sub.hubs.is_empty() {
        NO_HUB.to_string()
    } else {
        sub.hubs.join("、")
    }
}

/// The fiscal year a form plans: section 3's, else section 4's, else the year
/// after section 1's.
pub fn plan_year(sub: &Submission) -> Option<i32> {
    let fy = |n: u8| {
        sub.sections
            .iter()
            .find(|s| s.number == n)
            .and_then(|s| s.fiscal_year)
    };
    fy(3).or(fy(4)).or(fy(1).map(|y| y + 1))
}

/// Months (as `year * 12 + month - 1`) a date touches: its range, at most 24
/// months; an open range its last month.
pub fn date_months(start: Option<&str>, end: Option<&str>) -> Vec<i32> {
    let m = |s: Option<&str>| {
        let s = s?;
        let y: i32 = s.get(0..4)?.parse().ok()?;
        let mo: i32 = s.get(5..7)?.parse().ok()?;
        (1..=12).contains(&mo).then_some(y * 12 + mo - 1)
    };
    match (m(start), m(end)) {
        (Some(a), Some(b)) if a <= b => (a..=b.min(a + 23)).collect(),
        (Some(a), _) => vec![a],
        (None, Some(b)) => vec![b],
        (None, None) => Vec::new(),
    }
}

/// (fiscal year, month slot from April = 0) of a month number.
pub fn fiscal_slot(month: i32) -> (i32, usize) {
    let (year, m) = (month.div_euclid(12), month.rem_euclid(12) + 1);
    let fy = if m >= 4 { year } else { year - 1 };
    (fy, usize::try_from((m + 8) % 12).unwrap_or(0))
}

/// A calendar cell: (fiscal year, month slot from April, planned).
type CellKey = (i32, usize, bool);
/// An item on the page: (form, section number, index).
type ItemKey = (usize, u8, usize);

/// The figures of a set of reports (in page order).
pub fn figures(reports: &[FileReport]) -> Figures {
    let mut f = Figures {
        files: reports.len(),
        failed: reports.iter().filter(|r| r.error.is_some()).count(),
        ..Figures::default()
    };
    let mut areas: BTreeMap<String, AreaRow> = BTreeMap::new();
    let mut meetings: BTreeMap<(String, Option<i32>), MeetingRow> = BTreeMap::new();
    let mut cells: BTreeMap<CellKey, BTreeSet<ItemKey>> = BTreeMap::new();
    let mut form_no = 0usize;
    for r in reports {
        f.warnings += r.diagnostics.len();
        for sub in &r.submissions {
            f.forms += 1;
            f.warnings += sub.warnings.len();
            f.review += usize::from(needs_check(sub));
            let mut cats = [0usize; 5];
            let key = (hub_of(sub), plan_year(sub));
            let row = meetings.entry(key.clone()).or_insert_with(|| MeetingRow {
                hub: key.0.clone(),
                fiscal_year: key.1,
                ..MeetingRow::default()
            });
            row.forms += 1;
            for s in &sub.sections {
                f.items += s.items.len();
                if !ACTIVITY_SECTIONS.contains(&s.number) {
                    continue;
                }
                for (idx, item) in s.items.iter().enumerate() {
                    for &c in &item.categories {
                        if (1..=5).contains(&c) {
                            cats[usize::from(c - 1)] += 1;
                        }
                    }
                    if item.categories.contains(&1) {
                        for c in &item.counts {
                            let n = per_year(c);
                            match (s.number, c.planned) {
                                (1, false) => row.held_before += n,
                                (3, _) => row.planned += n,
                                (4, false) => row.held += n,
                                _ => {}
                            }
                        }
                    }
                    for d in &item.dates {
                        for m in date_months(d.start.as_deref(), d.end.as_deref()) {
                            let (fy, slot) = fiscal_slot(m);
                            cells
                                .entry((fy, slot, d.planned))
                                .or_default()
                                .insert((form_no, s.number, idx));
                        }
                    }
                }
            }
            for a in areas_of(sub) {
                let row = areas.entry(a.clone()).or_insert_with(|| AreaRow {
                    name: a,
                    ..AreaRow::default()
                });
                row.forms += 1;
                for (k, n) in cats.iter().enumerate() {
                    row.categories[k] += n;
                }
            }
            form_no += 1;
        }
    }
    f.areas = areas.into_values().collect();
    f.meetings = meetings.into_values().collect();
    let mut calendar: BTreeMap<i32, CalendarRow> = BTreeMap::new();
    for ((fy, slot, planned), items) in cells {
        let row = calendar.entry(fy).or_insert_with(|| CalendarRow {
            fiscal_year: fy,
            ..CalendarRow::default()
        });
        if planned {
            row.planned[slot] = items.len();
        } else {
            row.done[slot] = items.len();
        }
    }
    f.calendar = calendar.into_values().collect();
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_map_to_fiscal_years_from_april() {
        assert_eq!(fiscal_slot(2025 * 12 + 3), (2025, 0)); // April 2025
        assert_eq!(fiscal_slot(2026 * 12 + 2), (2025, 11)); // March 2026
        assert_eq!(fiscal_slot(2026 * 12), (2025, 9)); // January 2026
    }

    #[test]
    fn ranges_cover_their_months_and_open_ranges_their_end() {
        assert_eq!(date_months(Some("2025-12"), Some("2026-01")).len(), 2);
        assert_eq!(date_months(None, Some("2026-03")), vec![2026 * 12 + 2]);
        assert_eq!(
            date_months(Some("2025-09-06"), Some("2025-09-06")),
            vec![2025 * 12 + 8]
        );
        assert!(date_months(None, None).is_empty());
        assert_eq!(date_months(Some("2000-01"), Some("2099-01")).len(), 24);
    }
}
