//! How strongly a report item speaks of a plan item, and which pairs become
//! links (docs/LINKS.md "The rule").
//!
//! Owns: the evidence of one (plan, report) pair — shared key nouns, wording
//! similarity, shared categories (and the form's category slots), compatible
//! dates, agreeing counts, shared counted events — its
//! two scores (as seen from the plan and from the report), the threshold and
//! the one-to-many rule.
//!
//! Must not know: sections, forms, files; where the facts came from.

use super::facts::{Facts, Months, Weights};

/// Weight of the shared key nouns (as a share of one side's nouns).
pub const W_NOUNS: f64 = 0.5;
/// Weight of the wording similarity (`text::similar`, Dice of letter bigrams).
pub const W_WORDING: f64 = 0.3;
/// Weight of a shared category.
pub const W_CATEGORY: f64 = 0.1;
/// Weight of the dates' fit (see [`DateFit::value`]).
pub const W_DATES: f64 = 0.2;
/// Weight of a counted event both items name (`会議`, `研修会`).
pub const W_EVENT: f64 = 0.1;
/// Weight of the form's own filing: the pair shares a category that no other
/// plan item and no other report item of the compared sections has.
pub const W_SLOT: f64 = 0.2;
/// Weight of counts that agree (see [`Evidence::counts`]).
pub const W_COUNTS: f64 = 0.1;
/// Lowest score of a link.
pub const THRESHOLD: f64 = 0.35;
/// Months a report may lie before or after the planned months and still fit.
pub const SLACK_MONTHS: i32 = 1;

/// Most (plan × report) pairs one link call scores; above it nothing is
/// linked (a generated 50,000-row sheet must not take quadratic time).
pub const MAX_PAIRS: usize = 250_000;

/// How the dates of a pair agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFit {
    /// One side names no date.
    Unknown,
    /// A day both name.
    SameDay,
    /// Months that overlap (within [`SLACK_MONTHS`]).
    Overlap,
    /// Both name dates, and none come near each other.
    Apart,
}

impl DateFit {
    /// Its contribution before [`W_DATES`]: 1, 0.5, 0 or −0.5.
    pub fn value(self) -> f64 {
        match self {
            DateFit::SameDay => 1.0,
            DateFit::Overlap => 0.5,
            DateFit::Unknown => 0.0,
            DateFit::Apart => -0.5,
        }
    }
}

/// Everything that speaks for (or against) one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Weight of the shared key nouns over the plan's key nouns.
    pub plan_cover: f64,
    /// Weight of the shared key nouns over the report's key nouns.
    pub report_cover: f64,
    pub wording: f64,
    pub category: bool,
    pub dates: DateFit,
    pub event: bool,
    /// The pair alone holds a shared category in its two sections.
    pub slot: bool,
    /// A number of times (2 or more) both sides give: a count of the plan
    /// (per year) or their sum, against a count of the report, the sum of its
    /// counts or the number of its dates.
    pub counts: bool,
    pub shared: Vec<String>,
}

impl Evidence {
    fn rest(&self) -> f64 {
        W_WORDING * self.wording
            + if self.category { W_CATEGORY } else { 0.0 }
            + W_DATES * self.dates.value()
            + if self.event { W_EVENT } else { 0.0 }
            + if self.slot { W_SLOT } else { 0.0 }
            + if self.counts { W_COUNTS } else { 0.0 }
    }

    /// The score as the plan sees it: how much of the plan the report covers.
    pub fn plan_score(&self) -> f64 {
        W_NOUNS * self.plan_cover + self.rest()
    }

    /// The score as the report sees it: how much of the report is about the plan.
    pub fn report_score(&self) -> f64 {
        W_NOUNS * self.report_cover + self.rest()
    }
}

/// The evidence of (plan `p`, report `q`), key nouns weighed by `w`, given
/// the total weights of `p`'s and `q`'s nouns (the same for every pair an
/// item is in, so [`matrix`] weighs them once).
fn evidence(p: &Facts, q: &Facts, w: &Weights, totals: (f64, f64)) -> Evidence {
    let shared: Vec<String> = p
        .nouns
        .iter()
        .filter(|n| q.nouns.binary_search(n).is_ok())
        .cloned()
        .collect();
    let s = w.sum(&shared);
    let cover = |total: f64| if total > 0.0 { s / total } else { 0.0 };
    Evidence {
        plan_cover: cover(totals.0),
        report_cover: cover(totals.1),
        wording: p.wording.similarity(&q.wording),
        category: p.categories.iter().any(|c| q.categories.contains(c)),
        dates: date_fit(p, q),
        event: p.events.iter().any(|e| q.events.contains(e)),
        slot: false,
        counts: p.times.iter().any(|t| *t >= 2 && q.times.contains(t)),
        shared,
    }
}

/// The evidence of every (plan, report) pair, the category slots included.
pub fn matrix(plans: &[Facts], reports: &[Facts], w: &Weights) -> Vec<Vec<Evidence>> {
    let holders =
        |items: &[Facts], c: u8| items.iter().filter(|f| f.categories.contains(&c)).count();
    let alone: Vec<u8> = (1..=5u8)
        .filter(|&c| holders(plans, c) == 1 && holders(reports, c) == 1)
        .collect();
    let totals = |items: &[Facts]| items.iter().map(|f| w.sum(&f.nouns)).collect::<Vec<f64>>();
    let (plan_totals, report_totals) = (totals(plans), totals(reports));
    plans
        .iter()
        .zip(&plan_totals)
        .map(|(p, &pt)| {
            reports
                .iter()
                .zip(&report_totals)
                .map(|(q, &qt)| {
                    let mut e = evidence(p, q, w, (pt, qt));
                    e.slot = alone
                        .iter()
                        .any(|c| p.categories.contains(c) && q.categories.contains(c));
                    e
                })
                .collect()
        })
        .collect()
}

fn date_fit(p: &Facts, q: &Facts) -> DateFit {
    if p.months.is_empty() || q.months.is_empty() {
        return DateFit::Unknown;
    }
    if p.days.iter().any(|d| q.days.contains(d)) {
        return DateFit::SameDay;
    }
    let near = |a: &Months, b: &Months| b.0 <= a.1 + SLACK_MONTHS && b.1 >= a.0 - SLACK_MONTHS;
    if p.months.iter().any(|a| q.months.iter().any(|b| near(a, b))) {
        DateFit::Overlap
    } else {
        DateFit::Apart
    }
}

/// The links between `plans` and `reports`: (plan index, report index),
/// sorted. Each plan links to the report that covers it best, and each report
/// to the plan it is most about, when that score reaches [`THRESHOLD`] (the
/// first on a tie). A plan may so gather several reports and a report several
/// plans. `None` above [`MAX_PAIRS`].
pub fn link(plans: &[Facts], reports: &[Facts], w: &Weights) -> Option<Vec<(usize, usize)>> {
    if plans.len().saturating_mul(reports.len()) > MAX_PAIRS {
        return None;
    }
    let ev = matrix(plans, reports, w);
    let mut out = Vec::new();
    for (i, row) in ev.iter().enumerate() {
        if let Some(j) = best(row.iter().map(Evidence::plan_score)) {
            out.push((i, j));
        }
    }
    for j in 0..reports.len() {
        if let Some(i) = best(ev.iter().map(|row| row[j].report_score())) {
            out.push((i, j));
        }
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// Index of the highest score at or above the threshold (the first on a tie).
fn best(scores: impl Iterator<Item = f64>) -> Option<usize> {
    let mut top: Option<(usize, f64)> = None;
    for (k, s) in scores.enumerate() {
        if s >= THRESHOLD && top.is_none_or(|(_, t)| s > t) {
            top = Some((k, s));
        }
    }
    top.map(|(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::similar::Wording;

    fn facts(text: &str, cats: &[u8], months: &[Months], days: &[&str]) -> Facts {
        Facts {
            wording: Wording::new(text),
            nouns: super::super::facts::key_nouns(text),
            categories: cats.to_vec(),
            months: months.to_vec(),
            days: days.iter().map(|d| d.to_string()).collect(),
            events: Vec::new(),
            times: Vec::new(),
        }
    }

    #[test]
    fn dates_fit_within_a_month_of_the_plan() {
        let m = |y: i32, mo: i32| y * 12 + mo - 1;
        let plan = facts("冊子", &[], &[(m(2025, 12), m(2026, 1))], &[]);
        let near = facts("冊子", &[], &[(m(2026, 2), m(2026, 2))], &[]);
        let far = facts("冊子", &[], &[(m(2025, 6), m(2025, 6))], &[]);
        assert_eq!(date_fit(&plan, &near), DateFit::Overlap);
        assert_eq!(date_fit(&plan, &far), DateFit::Apart);
        assert_eq!(
            date_fit(&plan, &facts("冊子", &[], &[], &[])),
            DateFit::Unknown
        );
        let day = facts("x", &[], &[(m(2025, 9), m(2025, 9))], &["2025-09-06"]);
        assert_eq!(date_fit(&day, &day), DateFit::SameDay);
    }

    #[test]
    fn each_report_goes_to_the_plan_it_is_about() {
        let plans = [
            facts(
                "在支診間の連携強化に向けた懇話会の開催(2回)",
                &[1],
                &[],
                &[],
            ),
            facts("訪問診療を行う医療機関へアンケートを実施", &[2], &[], &[]),
            facts(
                "市民を対象とした福祉イベントでの専用ブースの設置",
                &[5],
                &[],
                &[],
            ),
        ];
        let reports = [
            facts("医療機関へのアンケートを11月に実施予定", &[2], &[], &[]),
            facts("在支診間の懇話会は11月、3月に開催予定", &[1], &[], &[]),
        ];
        let w = Weights::over(plans.iter().chain(reports.iter()));
        let links = link(&plans, &reports, &w).unwrap_or_default();
        assert_eq!(links, vec![(0, 1), (1, 0)]);
    }
}
