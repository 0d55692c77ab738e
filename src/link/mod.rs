//! Links between what a hub planned and what it reported (SPEC §7, issue 16):
//! each plan item (section 3) to the progress items (section 4, same form)
//! that report on it, and — when next year's form of the same target areas is
//! at hand — to next year's results (section 1). docs/LINKS.md is the rule.
//!
//! Owns: the linker as plain functions of submissions ([`plan_progress`],
//! [`across_years`]), writing its outcome into the contract's `links` keys
//! ([`link_form`], [`years::apply`]), the pairing of one year's forms with the
//! next's over a set of reports ([`link_reports`], [`years`]) and the post-pass
//! over the files of one extract run ([`pass`]).
//!
//! Must not know: how forms were read, threads, the command line. The post-pass
//! reads and rewrites output files, nothing else.

pub mod facts;
pub mod nouns;
pub mod pass;
pub mod score;
pub mod years;

use crate::output::{FileReport, Item, Links, Submission};
use facts::{Facts, Weights};

/// `status` of a plan item with at least one report.
pub const REPORTED: &str = "reported";
/// `status` of a plan item nobody reports on.
pub const NOT_REPORTED: &str = "not_reported";

/// Links as (plan index, report index) pairs, sorted.
pub type Pairs = Vec<(usize, usize)>;

/// The items of section `number` (the first section with that number).
pub fn section_items(sub: &Submission, number: u8) -> Option<&[Item]> {
    sub.sections
        .iter()
        .find(|s| s.number == number)
        .map(|s| s.items.as_slice())
}

fn section_items_mut(sub: &mut Submission, number: u8) -> Option<&mut Vec<Item>> {
    sub.sections
        .iter_mut()
        .find(|s| s.number == number)
        .map(|s| &mut s.items)
}

/// Link `plans` to `reports` (both item lists of forms being compared).
pub fn link_items(plans: &[Item], reports: &[Item]) -> Option<Pairs> {
    if plans.len().saturating_mul(reports.len()) > score::MAX_PAIRS {
        return None;
    }
    if plans.is_empty() || reports.is_empty() {
        return Some(Pairs::new());
    }
    let p: Vec<Facts> = plans.iter().map(Facts::of).collect();
    let q: Vec<Facts> = reports.iter().map(Facts::of).collect();
    link_facts(&p, &q)
}

/// [`link_items`] for items already read into facts (each item tokenized once
/// when one form is compared with several).
pub fn link_facts(plans: &[Facts], reports: &[Facts]) -> Option<Pairs> {
    let w = Weights::over(plans.iter().chain(reports.iter()));
    score::link(plans, reports, &w)
}

/// Plan (section 3) ↔ progress (section 4) links of one form; `None` when the
/// form has neither section, or too many items to compare.
pub fn plan_progress(sub: &Submission) -> Option<Pairs> {
    let plans = section_items(sub, 3);
    let progress = section_items(sub, 4);
    if plans.is_none() && progress.is_none() {
        return None;
    }
    link_items(plans.unwrap_or_default(), progress.unwrap_or_default())
}

/// This year's plan (section 3 of `this`) ↔ next year's results (section 1 of
/// `next`); `None` when either section is missing or too large.
pub fn across_years(this: &Submission, next: &Submission) -> Option<Pairs> {
    link_items(section_items(this, 3)?, section_items(next, 1)?)
}

/// Write the plan ↔ progress links of one form into its items: every
/// section-3 item gets `status` and `progress`, every section-4 item `plans`.
/// Cross-year keys already there are kept.
pub fn link_form(sub: &mut Submission) {
    let Some(pairs) = plan_progress(sub) else {
        return;
    };
    if let Some(plans) = section_items_mut(sub, 3) {
        for (i, item) in plans.iter_mut().enumerate() {
            let progress: Vec<usize> = pairs
                .iter()
                .filter(|(p, _)| *p == i)
                .map(|&(_, q)| q)
                .collect();
            let links = item.links.get_or_insert_with(Links::default);
            links.status = Some(status(!progress.is_empty()).into());
            links.progress = Some(progress);
        }
    }
    if let Some(progress) = section_items_mut(sub, 4) {
        for (j, item) in progress.iter_mut().enumerate() {
            let plans: Vec<usize> = pairs
                .iter()
                .filter(|(_, q)| *q == j)
                .map(|&(p, _)| p)
                .collect();
            item.links.get_or_insert_with(Links::default).plans = Some(plans);
        }
    }
}

/// Link every form of a freshly extracted file (called by the extractor).
pub fn link_forms(subs: &mut [Submission]) {
    for s in subs {
        link_form(s);
    }
}

/// `reported` or `not_reported`.
pub fn status(reported: bool) -> &'static str {
    if reported {
        REPORTED
    } else {
        NOT_REPORTED
    }
}

/// Every link of a set of reports held in memory (the overview page): forms
/// without plan ↔ progress links (files written before the linker) get them,
/// and the cross-year links are computed afresh over exactly these reports, in
/// their order (any cross-year keys the files carried are replaced).
pub fn link_reports(reports: &mut [FileReport]) {
    for r in reports.iter_mut() {
        for s in &mut r.submissions {
            if !has_form_links(s) {
                link_form(s);
            }
            years::clear(s);
        }
    }
    let keys: Vec<years::Key> = reports
        .iter()
        .enumerate()
        .flat_map(|(f, r)| {
            r.submissions
                .iter()
                .enumerate()
                .map(move |(s, sub)| years::Key::of(f, s, &r.source.path, sub))
        })
        .collect();
    for (a, b) in years::pair(&keys) {
        let (ka, kb) = (&keys[a], &keys[b]);
        let this = &reports[ka.file].submissions[ka.submission];
        let next = &reports[kb.file].submissions[kb.submission];
        let pairs = across_years(this, next);
        let update = years::updates(ka, kb, this, next, pairs.as_deref());
        for u in update {
            let target = if u.on_next { kb } else { ka };
            if let Some(sub) = reports[target.file].submissions.get_mut(target.submission) {
                years::apply(sub, &u);
            }
        }
    }
}

/// Whether the plan and progress items of a form carry their links already.
fn has_form_links(sub: &Submission) -> bool {
    let all = |n: u8, has: fn(&Links) -> bool| {
        section_items(sub, n)
            .is_none_or(|items| items.iter().all(|i| i.links.as_ref().is_some_and(has)))
    };
    all(3, |l| l.status.is_some()) && all(4, |l| l.plans.is_some())
}

/// The evidence the linker weighed for (plan `i`, report `j`) of these item
/// lists — for reports and tuning; `None` when an index is out of range.
pub fn explain(plans: &[Item], reports: &[Item], i: usize, j: usize) -> Option<score::Evidence> {
    let p: Vec<Facts> = plans.iter().map(Facts::of).collect();
    let q: Vec<Facts> = reports.iter().map(Facts::of).collect();
    let w = Weights::over(p.iter().chain(q.iter()));
    score::matrix(&p, &q, &w).get(i)?.get(j).cloned()
}

/// An item anywhere: its file's `source.path`, its form's `locator`, its
/// section and its index there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemAt {
    pub path: String,
    pub locator: String,
    pub section: u8,
    pub index: usize,
}

/// One link as a database row (docs/LINKS.md "In a database").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LinkRow {
    /// `progress` (same form, section 4) or `results` (next year, section 1).
    pub kind: &'static str,
    pub plan: ItemAt,
    pub report: ItemAt,
}

/// Every link a report's plan items carry, as rows (a plan item without rows
/// is not reported).
pub fn link_rows(report: &FileReport) -> Vec<LinkRow> {
    let mut out = Vec::new();
    let path = &report.source.path;
    for sub in &report.submissions {
        let at = |path: &str, locator: &str, section: u8, index: usize| ItemAt {
            path: path.to_string(),
            locator: locator.to_string(),
            section,
            index,
        };
        for (i, item) in section_items(sub, 3).unwrap_or_default().iter().enumerate() {
            let Some(l) = &item.links else { continue };
            let plan = at(path, &sub.locator, 3, i);
            for &j in l.progress.as_deref().unwrap_or_default() {
                out.push(LinkRow {
                    kind: "progress",
                    plan: plan.clone(),
                    report: at(path, &sub.locator, 4, j),
                });
            }
            for r in l.results.as_deref().unwrap_or_default() {
                out.push(LinkRow {
                    kind: "results",
                    plan: plan.clone(),
                    report: at(&r.path, &r.locator, 1, r.index),
                });
            }
        }
    }
    out
}
