//! The key nouns of the items the cross-year pass compares (this year's plans,
//! section 3; next year's results, section 1), taken where the file is
//! extracted, while its texts are still segmented, and carried to the pass
//! with the report. The pass then does not segment those texts a second
//! time (a third of a one-thread run before, issue 15). Not part of the JSON
//! contract: the pass recomputes what it is not given.
//!
//! Owns: computing them from a report ([`YearNouns::of`]) and their compact
//! byte form (the worker's reply carries it).
//!
//! Must not know: workers, files, threads.

use super::facts::item_nouns;
use crate::output::Submission;
use std::collections::BTreeMap;

/// The sections whose items the cross-year pass compares.
pub const SECTIONS: [u8; 2] = [1, 3];

/// Key nouns of the items of sections 1 and 3 of every submission of one
/// report: (submission, section) → one list per item, in item order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct YearNouns {
    items: BTreeMap<(usize, u8), Vec<Vec<String>>>,
}

impl YearNouns {
    /// Take them from the submissions of one report (segments each text;
    /// within one file's `tokenize::FileScope` the texts already segmented
    /// cost nothing).
    pub fn of(submissions: &[Submission]) -> YearNouns {
        let mut items = BTreeMap::new();
        for (s, sub) in submissions.iter().enumerate() {
            for n in SECTIONS {
                if let Some(list) = super::section_items(sub, n) {
                    let nouns = list.iter().map(item_nouns).collect();
                    items.insert((s, n), nouns);
                }
            }
        }
        YearNouns { items }
    }

    /// The nouns of the items of section `section` of submission
    /// `submission`, when there are exactly `count` of them (anything else
    /// means they belong to another version of the report).
    pub fn items(&self, submission: usize, section: u8, count: usize) -> Option<&[Vec<String>]> {
        let list = self.items.get(&(submission, section))?;
        (list.len() == count).then_some(list.as_slice())
    }

    /// Bytes held, roughly (the batch keeps a bounded amount).
    pub fn size(&self) -> usize {
        let nouns: usize = (self.items.values().flatten().flatten())
            .map(|n| n.len() + 24)
            .sum();
        nouns + 48 * self.items.len()
    }

    /// One line per item: `submission section index<TAB>noun noun …`. Key
    /// nouns hold no white space (letters, digits and `・` only).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        for ((s, n), list) in &self.items {
            for (i, nouns) in list.iter().enumerate() {
                out.push_str(&format!("{s} {n} {i}\t{}\n", nouns.join(" ")));
            }
        }
        out.into_bytes()
    }

    /// Read [`YearNouns::to_bytes`]; `None` when the bytes are not in that form.
    pub fn from_bytes(bytes: &[u8]) -> Option<YearNouns> {
        let text = std::str::from_utf8(bytes).ok()?;
        let mut items: BTreeMap<(usize, u8), Vec<Vec<String>>> = BTreeMap::new();
        for line in text.lines() {
            let (place, nouns) = line.split_once('\t')?;
            let mut place = place.split(' ');
            let s: usize = place.next()?.parse().ok()?;
            let n: u8 = place.next()?.parse().ok()?;
            let i: usize = place.next()?.parse().ok()?;
            let list = items.entry((s, n)).or_default();
            if list.len() != i {
                return None;
            }
            list.push(
                nouns
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect(),
            );
        }
        Some(YearNouns { items })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    /// A form read by the real stages from its lines.
    fn submissions(lines: &[&str]) -> Vec<Submission> {
        crate::form::recognize(&Document::from_lines(lines))
    }

    #[test]
    fn nouns_of_sections_1_and_3_survive_their_bytes() {
        let subs = submissions(&[
            "対象地域：甲市",
            "連携の拠点：甲市医師会",
            "（１）令和6年度の取組実績",
            "①多職種連携会議を開催した（9/11）",
            "②在宅医療マップを作成",
            "（２）令和6年度の取組を通じた課題",
            "人材の確保が課題",
            "（３）令和7年度の取組計画",
            "⑤市民向け講演会を開催予定（11月）",
        ]);
        let nouns = YearNouns::of(&subs);
        let plans = super::super::section_items(&subs[0], 3).expect("a plan section");
        let got = nouns
            .items(0, 3, plans.len())
            .expect("section 3 of submission 0");
        let want: Vec<Vec<String>> = plans.iter().map(item_nouns).collect();
        assert_eq!(got, want.as_slice());
        assert!(
            got.iter().any(|n| n.contains(&"講演会".to_string())),
            "{got:?}"
        );
        assert!(nouns.items(0, 2, 1).is_none(), "section 2 is not taken");
        assert!(
            nouns.items(0, 3, plans.len() + 1).is_none(),
            "another count is refused"
        );
        let back = YearNouns::from_bytes(&nouns.to_bytes()).expect("read back");
        assert_eq!(back, nouns);
    }

    #[test]
    fn bytes_out_of_order_are_refused() {
        assert!(YearNouns::from_bytes(b"0 1 1\tA\n").is_none());
        assert!(YearNouns::from_bytes(b"0 1 x\tA\n").is_none());
        assert_eq!(YearNouns::from_bytes(b""), Some(YearNouns::default()));
    }
}
