//! Which form is next year's form of which, and the cross-year keys.
//!
//! Owns: the pairing rule — same target areas (as a set), and next year's
//! results section (1) covering the fiscal year of this year's plan
//! (section 3); the first such form in input order — and writing and clearing
//! `results_status`, `results` and `previous_plans`.
//!
//! Must not know: files or how the item pairs were found.

use super::{section_items_mut, status};
use crate::output::{ItemRef, Links, Submission};
use serde::{Deserialize, Serialize};

/// What pairing needs to know of one submission.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    /// Position of its file among the reports, and of it in its file.
    pub file: usize,
    pub submission: usize,
    /// Its file's `source.path` and its `locator`.
    pub path: String,
    pub locator: String,
    /// Target areas, sorted and distinct.
    pub areas: Vec<String>,
    /// Fiscal year of its plan section (3).
    pub plan_year: Option<i32>,
    /// Fiscal year of its results section (1).
    pub results_year: Option<i32>,
}

impl Key {
    /// The key of submission `submission` of file `file` (at `path`).
    pub fn of(file: usize, submission: usize, path: &str, sub: &Submission) -> Key {
        let year = |n: u8| {
            sub.sections
                .iter()
                .find(|s| s.number == n)
                .and_then(|s| s.fiscal_year)
        };
        Key::new(
            (file, submission),
            path,
            &sub.locator,
            &sub.target_areas,
            year(3),
            year(1),
        )
    }

    /// A key from its parts (areas in any order).
    pub fn new(
        (file, submission): (usize, usize),
        path: &str,
        locator: &str,
        areas: &[String],
        plan_year: Option<i32>,
        results_year: Option<i32>,
    ) -> Key {
        let mut areas = areas.to_vec();
        areas.sort();
        areas.dedup();
        Key {
            file,
            submission,
            path: path.to_string(),
            locator: locator.to_string(),
            areas,
            plan_year,
            results_year,
        }
    }
}

/// (this year, next year) pairs of key indices, in key order: for every form
/// with a plan year and target areas, the first other form with the same
/// areas whose results cover that year.
pub fn pair(keys: &[Key]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (a, ka) in keys.iter().enumerate() {
        let Some(year) = ka.plan_year else { continue };
        if ka.areas.is_empty() {
            continue;
        }
        let next = keys
            .iter()
            .enumerate()
            .find(|(b, kb)| *b != a && kb.areas == ka.areas && kb.results_year == Some(year));
        if let Some((b, _)) = next {
            out.push((a, b));
        }
    }
    out
}

/// One change to one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// True: an item of next year's form (section 1); false: of this year's
    /// (section 3).
    pub on_next: bool,
    pub index: usize,
    /// Plan item: its results (`results_status` follows). Result item: the
    /// plan items to add to `previous_plans`.
    pub refs: Vec<ItemRef>,
}

/// The changes one (this, next) pair makes, given the item pairs the linker
/// found (`None`: too large to link, no change). Every plan item of `this`
/// gets `results` and `results_status`, every result item of `next`
/// `previous_plans` (possibly empty: it reports on nothing planned).
pub fn updates(
    this_key: &Key,
    next_key: &Key,
    this: &Submission,
    next: &Submission,
    pairs: Option<&[(usize, usize)]>,
) -> Vec<Update> {
    let Some(pairs) = pairs else {
        return Vec::new();
    };
    let plan_len = super::section_items(this, 3).map_or(0, |i| i.len());
    let result_len = super::section_items(next, 1).map_or(0, |i| i.len());
    let at = |k: &Key, index: usize| ItemRef {
        path: k.path.clone(),
        locator: k.locator.clone(),
        index,
    };
    let mut out = Vec::new();
    for i in 0..plan_len {
        out.push(Update {
            on_next: false,
            index: i,
            refs: pairs
                .iter()
                .filter(|(p, _)| *p == i)
                .map(|&(_, r)| at(next_key, r))
                .collect(),
        });
    }
    for j in 0..result_len {
        out.push(Update {
            on_next: true,
            index: j,
            refs: pairs
                .iter()
                .filter(|(_, r)| *r == j)
                .map(|&(p, _)| at(this_key, p))
                .collect(),
        });
    }
    out
}

/// Apply one update to the submission it belongs to.
pub fn apply(sub: &mut Submission, u: &Update) {
    let section = if u.on_next { 1 } else { 3 };
    let Some(item) = section_items_mut(sub, section).and_then(|items| items.get_mut(u.index))
    else {
        return;
    };
    let links = item.links.get_or_insert_with(Links::default);
    if u.on_next {
        let plans = links.previous_plans.get_or_insert_with(Vec::new);
        plans.extend(u.refs.iter().cloned());
        plans.sort();
        plans.dedup();
    } else {
        links.results_status = Some(status(!u.refs.is_empty()).into());
        links.results = Some(u.refs.clone());
    }
}

/// Remove every cross-year key of a submission (links left empty go too).
pub fn clear(sub: &mut Submission) {
    for item in sub.sections.iter_mut().flat_map(|s| s.items.iter_mut()) {
        if let Some(l) = item.links.as_mut() {
            l.results_status = None;
            l.results = None;
            l.previous_plans = None;
            if *l == Links::default() {
                item.links = None;
            }
        }
    }
}

/// Whether a submission carries any cross-year key.
pub fn has_any(sub: &Submission) -> bool {
    sub.sections
        .iter()
        .flat_map(|s| &s.items)
        .filter_map(|i| i.links.as_ref())
        .any(|l| l.results_status.is_some() || l.results.is_some() || l.previous_plans.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: usize, areas: &[&str], plan: Option<i32>, results: Option<i32>) -> Key {
        let areas: Vec<String> = areas.iter().map(|s| s.to_string()).collect();
        Key::new((i, 0), &format!("f{i}"), "body", &areas, plan, results)
    }

    #[test]
    fn next_year_is_the_first_form_of_the_same_areas_covering_the_plan_year() {
        let keys = [
            key(0, &["枚方市"], Some(2025), Some(2024)),
            key(1, &["交野市"], Some(2025), Some(2024)),
            key(2, &["枚方市"], Some(2026), Some(2025)),
            key(3, &["枚方市"], Some(2026), Some(2025)),
            key(4, &["四條畷市", "大東市"], Some(2025), Some(2024)),
            key(5, &["大東市", "四條畷市"], Some(2026), Some(2025)),
            key(6, &["大東市"], Some(2026), Some(2025)),
        ];
        assert_eq!(pair(&keys), vec![(0, 2), (4, 5)]);
    }
}
