//! What the linker knows of one item: its wording, its key nouns, its
//! categories, the months and days it names and the events it counts.
//!
//! Owns: turning a contract [`Item`] into [`Facts`] (tokenizing its text once)
//! and the weights of key nouns within the items being linked together.
//!
//! Must not know: which item is a plan and which a report, scores, files.

use crate::output::{CountOut, Item};
use crate::text::similar::Wording;
use crate::text::tokenize::surfaces_where;
use crate::text::{is_letter, is_letter_or_digit};
use std::collections::BTreeMap;

/// Nouns that say *that* or *when* something happens, not *what*: they are
/// never key nouns (docs/LINKS.md).
pub const STATUS_NOUNS: &[&str] = &[
    "開催",
    "実施",
    "予定",
    "実施済み",
    "年度",
    "今年度",
    "次年度",
    "前年度",
    "本年度",
    "以下",
];

/// A month interval `[first, last]`, months counted as `year * 12 + month - 1`.
pub type Months = (i32, i32);

/// One item as the linker sees it.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub wording: Wording,
    /// Distinct key nouns, sorted.
    pub nouns: Vec<String>,
    pub categories: Vec<u8>,
    /// Every date as a month interval (an open range `～3月` is its last month).
    pub months: Vec<Months>,
    /// Every date given to the day, `YYYY-MM-DD`.
    pub days: Vec<String>,
    /// The events of its counts (`会議`, `研修会` …), distinct.
    pub events: Vec<String>,
    /// Numbers of times it gives, sorted and distinct: each count per year
    /// (`毎月` → 12, `隔月` → 6), the sum of its counts, the sum of its counts
    /// that are not planned, and the number of its dates (when 2 or more).
    pub times: Vec<u32>,
}

impl Facts {
    /// The facts of one item (tokenizes its text).
    pub fn of(item: &Item) -> Facts {
        Facts::with_nouns(item, item_nouns(item))
    }

    /// The facts of one item whose [`key_nouns`] are known already.
    pub fn with_nouns(item: &Item, nouns: Vec<String>) -> Facts {
        let mut months = Vec::new();
        let mut days = Vec::new();
        for d in &item.dates {
            let start = d.start.as_deref().and_then(month_number);
            let end = d.end.as_deref().and_then(month_number);
            match (start, end) {
                (Some(s), Some(e)) if s <= e => months.push((s, e)),
                (Some(s), _) => months.push((s, s)),
                (None, Some(e)) => months.push((e, e)),
                (None, None) => {}
            }
            if let (Some(s), Some(e)) = (&d.start, &d.end) {
                if s.len() == 10 && s == e {
                    days.push(s.clone());
                }
            }
        }
        let mut events: Vec<String> = item.counts.iter().filter_map(|c| c.event.clone()).collect();
        events.sort();
        events.dedup();
        let per_year: Vec<u32> = item.counts.iter().map(per_year).collect();
        let mut times = per_year.clone();
        times.push(per_year.iter().sum());
        times.push(
            item.counts
                .iter()
                .zip(&per_year)
                .filter(|(c, _)| !c.planned)
                .map(|(_, n)| n)
                .sum(),
        );
        if item.dates.len() >= 2 {
            times.push(u32::try_from(item.dates.len()).unwrap_or(u32::MAX));
        }
        times.retain(|&t| t > 0);
        times.sort_unstable();
        times.dedup();
        Facts {
            wording: Wording::new(&item.text),
            nouns,
            categories: item.categories.clone(),
            months,
            days,
            events,
            times,
        }
    }
}

/// A count as times a year: per month × 12, per week × 52, divided by
/// `every`; a count with no period as written.
pub fn per_year(c: &CountOut) -> u32 {
    let every = c.every.max(1);
    match c.per.as_deref() {
        Some("month") => c.value.saturating_mul(12) / every,
        Some("week") => c.value.saturating_mul(52) / every,
        _ => c.value,
    }
}

/// `YYYY-MM` or `YYYY-MM-DD` → months since year 0.
fn month_number(s: &str) -> Option<i32> {
    let year: i32 = s.get(0..4)?.parse().ok()?;
    let month: i32 = s.get(5..7)?.parse().ok()?;
    (1..=12).contains(&month).then_some(year * 12 + month - 1)
}

/// The key nouns of an item: of its analysed part (its first
/// `text::MAX_ANALYSED_BYTES`), as everything else of a long item is.
pub fn item_nouns(item: &Item) -> Vec<String> {
    key_nouns(crate::text::analysed_part(&item.text))
}

/// The key nouns of a text: lindera nouns (not numbers, pronouns, dependent
/// nouns or suffixes) of at least two letters, minus [`STATUS_NOUNS`].
pub fn key_nouns(text: &str) -> Vec<String> {
    let mut out: Vec<String> = surfaces_where(text, |pos, detail| {
        pos == "名詞" && !matches!(detail, "数" | "非自立" | "代名詞" | "接尾")
    })
    .into_iter()
    .filter(|s| s.chars().filter(|c| is_letter(*c)).count() >= 2)
    .filter(|s| s.chars().all(|c| is_letter_or_digit(c) || c == '・'))
    .filter(|s| !STATUS_NOUNS.contains(&s.as_str()))
    .collect();
    out.sort();
    out.dedup();
    out
}

/// Weights of key nouns among the items linked together: a noun few of them
/// use says more about an activity than one most of them use,
/// `ln(1 + N / df)` (N items, df of them with the noun).
#[derive(Debug, Clone, Default)]
pub struct Weights {
    n: usize,
    df: BTreeMap<String, usize>,
}

impl Weights {
    /// Weights over `items`.
    pub fn over<'a>(items: impl IntoIterator<Item = &'a Facts>) -> Weights {
        let mut w = Weights::default();
        for f in items {
            w.n += 1;
            for noun in &f.nouns {
                *w.df.entry(noun.clone()).or_insert(0) += 1;
            }
        }
        w
    }

    /// The weight of one noun (a noun never seen weighs as if seen once).
    pub fn of(&self, noun: &str) -> f64 {
        let df = self.df.get(noun).copied().unwrap_or(1).max(1);
        (1.0 + self.n.max(1) as f64 / df as f64).ln()
    }

    /// Total weight of `nouns`.
    pub fn sum<'a>(&self, nouns: impl IntoIterator<Item = &'a String>) -> f64 {
        nouns.into_iter().map(|n| self.of(n)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_nouns_leave_out_numbers_status_words_and_brackets() {
        let n = key_nouns("ICTネットワークシステム説明会を開催(6月)");
        assert!(n.contains(&"ICT".to_string()), "{n:?}");
        assert!(n.contains(&"説明会".to_string()), "{n:?}");
        assert!(
            !n.iter()
                .any(|s| s == "開催" || s == "6" || s == "(" || s == "月"),
            "{n:?}"
        );
    }

    #[test]
    fn months_count_from_year_zero() {
        assert_eq!(month_number("2025-04"), Some(2025 * 12 + 3));
        assert_eq!(month_number("2025-12-06"), Some(2025 * 12 + 11));
        assert_eq!(month_number("2025-13"), None);
        assert_eq!(month_number("x"), None);
    }

    #[test]
    fn rare_nouns_weigh_more() {
        let a = Facts {
            nouns: vec!["会議".into(), "冊子".into()],
            ..Facts::default()
        };
        let b = Facts {
            nouns: vec!["会議".into()],
            ..Facts::default()
        };
        let w = Weights::over([&a, &b]);
        assert!(w.of("冊子") > w.of("会議"));
    }
}
