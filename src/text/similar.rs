//! How alike two items' wordings are, and which labelled item an unmarked one
//! repeats.
//!
//! Owns: the wording fingerprint of an item (character bigrams of its letters —
//! kanji, kana, Latin — with digits, punctuation and spaces dropped, so that a
//! plan item and its progress report with other dates still match), the Dice
//! similarity of two fingerprints and the choice of the most similar example.
//!
//! Why: a hub files a repeated activity the same way wherever it appears — last
//! year's result, this year's plan and its progress report are often one
//! sentence with other dates. When an unmarked item repeats a marked item of the
//! same submission, the hub's own filing is better evidence than the lexicon
//! (DECISIONS 8, docs/TEXT_LAYER.md "Same-form examples").
//!
//! Must not know: documents, markers or where an item came from — the caller
//! says which items the form labels and in which section (1–4) each stands.

/// Smallest similarity at which an unmarked item counts as repeating a labelled
/// one. Chosen on the tune set (docs/TEXT_LAYER.md): from 0.6 up every pair in
/// the seed forms is the same activity reworded; below 0.55 different
/// activities that share a long subject (`門真市医師会在宅医療サポートチーム`)
/// start to match.
pub const MIN_SIMILARITY: f64 = 0.6;

/// The wording of one item: its distinct letter bigrams, sorted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wording {
    bigrams: Vec<u64>,
}

impl Wording {
    /// The fingerprint of `text` (any width; letters are compared as NFKC would
    /// leave them only in that digits and punctuation are ignored), from its
    /// first `MAX_ANALYSED_BYTES`.
    pub fn new(text: &str) -> Self {
        let text = super::analysed_part(text);
        let letters: Vec<char> = text.chars().filter(|c| super::is_letter(*c)).collect();
        let mut bigrams: Vec<u64> = letters
            .windows(2)
            .map(|w| (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1])))
            .collect();
        bigrams.sort_unstable();
        bigrams.dedup();
        Wording { bigrams }
    }

    /// Dice coefficient of the two bigram sets: 1 for the same wording, 0 for
    /// nothing shared (or an empty wording).
    pub fn similarity(&self, other: &Wording) -> f64 {
        let total = self.bigrams.len() + other.bigrams.len();
        if self.bigrams.is_empty() || other.bigrams.is_empty() {
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < self.bigrams.len() && j < other.bigrams.len() {
            match self.bigrams[i].cmp(&other.bigrams[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        2.0 * shared as f64 / total as f64
    }
}

/// One item of a form, as [`repeated_in_form`] sees it.
#[derive(Debug, Clone)]
pub struct FormItem<'a> {
    pub wording: Wording,
    /// Section number (1–4): section 2 holds issues, not activities.
    pub section: u8,
    /// The categories the form itself gives the item (marker, heading,
    /// column); `None` when the form says nothing.
    pub categories: Option<&'a [u8]>,
}

/// Most item pairs one form may compare (a real form has tens of items; a
/// generated 50,000-row sheet must not take quadratic time). Above it nothing
/// repeats and every item goes by its words.
pub const MAX_PAIRS: usize = 250_000;

/// For each item of one form for which `wanted` holds, the labelled activity
/// it repeats: the index of the most similar *other* item of sections 1, 3, 4
/// whose categories the form gives, at `min` or above (the first on a tie).
/// Section-2 items repeat nothing (issues are classified from their words).
/// The extractor asks this for its unlabelled items; measuring a labelled one
/// with its markers hidden is the same call (never its own labels:
/// leave-one-out).
pub fn repeated_in_form(
    items: &[FormItem],
    min: f64,
    wanted: impl Fn(usize) -> bool,
) -> Vec<Option<usize>> {
    let activity = |i: &FormItem| i.section != 2;
    let examples: Vec<usize> = (0..items.len())
        .filter(|&j| activity(&items[j]) && items[j].categories.is_some_and(|c| !c.is_empty()))
        .collect();
    let targets: Vec<usize> = (0..items.len())
        .filter(|&i| wanted(i) && activity(&items[i]))
        .collect();
    let mut out = vec![None; items.len()];
    if examples.len().saturating_mul(targets.len()) > MAX_PAIRS {
        return out;
    }
    for i in targets {
        let mut best: Option<(usize, f64)> = None;
        for &j in examples.iter().filter(|&&j| j != i) {
            let s = items[i].wording.similarity(&items[j].wording);
            if s >= min && best.is_none_or(|(_, b)| s > b) {
                best = Some((j, s));
            }
        }
        out[i] = best.map(|(j, _)| j);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_punctuation_do_not_count() {
        let plan = Wording::new("在支診間の連携強化に向けた懇話会の開催（11/5）。");
        let done = Wording::new("在支診間の連携強化に向けた懇話会の開催(3/2、3/9)");
        assert_eq!(plan.similarity(&done), 1.0);
    }

    #[test]
    fn different_activities_stay_apart() {
        let a = Wording::new("医療機関へのアンケート調査を実施");
        let b = Wording::new("市民向けの在宅医療講演会を開催");
        assert!(a.similarity(&b) < MIN_SIMILARITY, "{}", a.similarity(&b));
        assert_eq!(Wording::new("").similarity(&a), 0.0);
    }

    #[test]
    fn a_form_item_repeats_another_labelled_activity_only() {
        let item = |text: &str, section: u8, categories: Option<&'static [u8]>| FormItem {
            wording: Wording::new(text),
            section,
            categories,
        };
        let items = [
            item("医療機関へのアンケート調査を実施", 1, Some(&[2])),
            item("医療機関へのアンケート調査を実施", 2, None),
            item("医療機関へのアンケート調査を実施予定", 3, None),
            item("医療機関へのアンケート調査を10月に実施", 4, Some(&[2])),
            item("市民向け講演会を開催", 4, None),
        ];
        let found = repeated_in_form(&items, MIN_SIMILARITY, |_| true);
        // Never itself; not from section 2 nor from an unlabelled item.
        assert_eq!(found, vec![Some(3), None, Some(0), Some(0), None]);
        let only = repeated_in_form(&items, MIN_SIMILARITY, |i| i == 2);
        assert_eq!(only, vec![None, None, Some(0), None, None]);
    }
}
