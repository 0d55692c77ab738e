//! Where an item's dates and counts stand in its text, for highlighting.
//!
//! Owns: finding each date's and count's `text` in the item's `text` (in
//! order, each after the one before when it can), as non-overlapping spans in
//! UTF-16 code units — the unit of a JavaScript string, so the page's script
//! can cut the text without decoding. A date or count read from another cell
//! of its row (not in the text) has no span; the page lists it beside the text.
//!
//! Must not know: HTML.

use crate::output::Item;

/// A highlighted span: `[start, end)` in UTF-16 units, and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: MarkKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    Date,
    Count,
}

impl MarkKind {
    /// `d` or `c`, as the page's data writes it.
    pub fn code(self) -> &'static str {
        match self {
            MarkKind::Date => "d",
            MarkKind::Count => "c",
        }
    }
}

/// The spans of `item`'s dates, then counts, in text order.
pub fn marks(item: &Item) -> Vec<Mark> {
    let text = item.text.as_str();
    let mut taken: Vec<(usize, usize, MarkKind)> = Vec::new();
    let wanted = item
        .dates
        .iter()
        .map(|d| (d.text.as_str(), MarkKind::Date))
        .chain(
            item.counts
                .iter()
                .map(|c| (c.text.as_str(), MarkKind::Count)),
        );
    let mut cursor = [0usize; 2];
    for (needle, kind) in wanted {
        if needle.is_empty() {
            continue;
        }
        let slot = &mut cursor[usize::from(kind == MarkKind::Count)];
        let free = |s: usize, e: usize| taken.iter().all(|&(a, b, _)| e <= a || s >= b);
        let found =
            find_free(text, needle, *slot, &free).or_else(|| find_free(text, needle, 0, &free));
        if let Some(s) = found {
            let e = s + needle.len();
            taken.push((s, e, kind));
            *slot = e;
        }
    }
    taken.sort_by_key(|&(s, _, _)| s);
    taken
        .into_iter()
        .map(|(s, e, kind)| Mark {
            start: utf16_len(&text[..s]),
            end: utf16_len(&text[..e]),
            kind,
        })
        .collect()
}

/// The first occurrence of `needle` at or after byte `from` that `free` accepts.
fn find_free(
    text: &str,
    needle: &str,
    from: usize,
    free: &dyn Fn(usize, usize) -> bool,
) -> Option<usize> {
    let mut at = from;
    while at <= text.len() {
        let rest = text.get(at..)?;
        let s = at + rest.find(needle)?;
        if free(s, s + needle.len()) {
            return Some(s);
        }
        at = s + rest[s - at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{At, CountOut, DateOut};

    fn item(text: &str, dates: &[&str], counts: &[&str]) -> Item {
        Item {
            id: String::new(),
            index: 0,
            text: text.into(),
            categories: vec![1],
            category_source: "marker".into(),
            dates: dates
                .iter()
                .map(|t| DateOut {
                    text: t.to_string(),
                    start: None,
                    end: None,
                    planned: false,
                })
                .collect(),
            counts: counts
                .iter()
                .map(|t| CountOut {
                    text: t.to_string(),
                    value: 1,
                    per: None,
                    every: 1,
                    planned: false,
                    event: None,
                })
                .collect(),
            at: At::Word {
                table: None,
                row: None,
                col: None,
                paragraph: 0,
            },
            links: None,
        }
    }

    fn cut(text: &str, m: &Mark) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16_lossy(&units[m.start..m.end])
    }

    #[test]
    fn list_members_are_found_in_order() {
        let it = item(
            "担当者会議(5・6月、10月)を5回",
            &["5", "6月", "10月"],
            &["5回"],
        );
        let m = marks(&it);
        let got: Vec<String> = m.iter().map(|m| cut(&it.text, m)).collect();
        assert_eq!(got, ["5", "6月", "10月", "5回"]);
        assert_eq!(m[3].kind, MarkKind::Count);
    }

    #[test]
    fn facts_from_other_cells_have_no_span_and_spans_never_overlap() {
        let it = item("研修会を開催", &["9/27"], &["1回", "1回"]);
        assert!(marks(&it).is_empty());
        let it = item("会議(3回)", &[], &["3回", "3回"]);
        assert_eq!(marks(&it).len(), 1);
    }
}
