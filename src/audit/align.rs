//! Aligning expected items with actual items of one section by their text.
//!
//! Owns: the alignment rule of `docs/AUDIT.md`. Texts are compared after a loose
//! normalisation (NFKC, lower case, no white space, no markers ①–⑳ or bullets):
//!
//! 1. Pairs whose character-bigram Dice coefficient is at least [`DICE_MIN`] are
//!    aligned one to one, best score first (ties: nearer relative position, then
//!    earlier items).
//! 2. An item left over whose bigrams lie for at least [`CONTAIN_MIN`] inside an
//!    item of the other side joins that item's group: one side split an item the
//!    other kept whole (or merged two the other kept apart).
//! 3. Everything else stays alone: missed (expected) or extra (actual).
//!
//! Must not know: what is compared once items are aligned.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;

/// Lowest Dice coefficient for a one-to-one alignment.
pub const DICE_MIN: f64 = 0.5;
/// Lowest share of the shorter text's bigrams found in the longer one for a split.
pub const CONTAIN_MIN: f64 = 0.8;
/// Shortest normalised text (in characters) that may join a group as a part.
const CONTAIN_MIN_CHARS: usize = 3;

/// Items of both sides that describe the same statement. At least one side is
/// non-empty, and at most one side has more than one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub exp: Vec<usize>,
    pub act: Vec<usize>,
}

/// The text as alignment sees it.
pub fn normalize(text: &str) -> Vec<char> {
    let kept: String = text.chars().filter(|&c| !is_decoration(c)).collect();
    kept.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn is_decoration(c: char) -> bool {
    matches!(
        c,
        '\u{2460}'..='\u{2473}' | '・' | '○' | '●' | '◎' | '◆' | '◇' | '■' | '□' | '▪' | '※'
    ) || c.is_whitespace()
}

type Bigrams = HashMap<(char, char), usize>;

fn bigrams(chars: &[char]) -> Bigrams {
    let mut m = HashMap::new();
    if chars.len() == 1 {
        m.insert((chars[0], '\0'), 1);
    }
    for w in chars.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

fn size(b: &Bigrams) -> usize {
    b.values().sum()
}

fn common(a: &Bigrams, b: &Bigrams) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(k, n)| (*n).min(large.get(k).copied().unwrap_or(0)))
        .sum()
}

/// Dice coefficient of two texts' character bigrams (1.0 for two empty texts).
pub fn dice(a: &str, b: &str) -> f64 {
    dice_of(&bigrams(&normalize(a)), &bigrams(&normalize(b)))
}

fn dice_of(a: &Bigrams, b: &Bigrams) -> f64 {
    let total = size(a) + size(b);
    if total == 0 {
        1.0
    } else {
        2.0 * common(a, b) as f64 / total as f64
    }
}

/// Share of `part`'s bigrams found in `whole`.
fn containment(part: &Bigrams, whole: &Bigrams) -> f64 {
    let n = size(part);
    if n == 0 {
        0.0
    } else {
        common(part, whole) as f64 / n as f64
    }
}

struct Side {
    norm: Vec<Vec<char>>,
    grams: Vec<Bigrams>,
    group: Vec<Option<usize>>,
}

impl Side {
    fn new(texts: &[&str]) -> Side {
        let norm: Vec<Vec<char>> = texts.iter().map(|t| normalize(t)).collect();
        let grams = norm.iter().map(|n| bigrams(n)).collect();
        Side {
            norm,
            grams,
            group: vec![None; texts.len()],
        }
    }
}

fn rel(i: usize, n: usize) -> f64 {
    if n <= 1 {
        0.0
    } else {
        i as f64 / (n - 1) as f64
    }
}

/// Align the items of one section; groups come back in reading order (by
/// expected position, actual-only items after the group before them).
pub fn align_items(exp_texts: &[&str], act_texts: &[&str]) -> Vec<Group> {
    let mut e = Side::new(exp_texts);
    let mut a = Side::new(act_texts);
    let (n, m) = (exp_texts.len(), act_texts.len());
    let mut groups: Vec<Group> = Vec::new();

    // 1. One to one, best first.
    let mut pairs = Vec::new();
    for i in 0..n {
        for j in 0..m {
            let s = dice_of(&e.grams[i], &a.grams[j]);
            if s >= DICE_MIN {
                pairs.push((s, (rel(i, n) - rel(j, m)).abs(), i, j));
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then(x.1.total_cmp(&y.1))
            .then(x.2.cmp(&y.2))
            .then(x.3.cmp(&y.3))
    });
    for (_, _, i, j) in pairs {
        if e.group[i].is_none() && a.group[j].is_none() {
            e.group[i] = Some(groups.len());
            a.group[j] = Some(groups.len());
            groups.push(Group {
                exp: vec![i],
                act: vec![j],
            });
        }
    }

    // 2. Parts of a split (or merged) item.
    join_parts(&mut groups, &mut a, &mut e, false);
    join_parts(&mut groups, &mut e, &mut a, true);

    // 3. The rest alone.
    for i in 0..n {
        if e.group[i].is_none() {
            e.group[i] = Some(groups.len());
            groups.push(Group {
                exp: vec![i],
                act: vec![],
            });
        }
    }
    for j in 0..m {
        if a.group[j].is_none() {
            a.group[j] = Some(groups.len());
            groups.push(Group {
                exp: vec![],
                act: vec![j],
            });
        }
    }
    order(groups)
}

/// Let each left-over item of `parts` join the group of the item of `wholes`
/// that contains it best, when that group has one item on the `wholes` side.
/// `parts_are_exp` tells which side `parts` is.
fn join_parts(groups: &mut Vec<Group>, parts: &mut Side, wholes: &mut Side, parts_are_exp: bool) {
    let (n_parts, n_wholes) = (parts.norm.len(), wholes.norm.len());
    for p in 0..parts.norm.len() {
        if parts.group[p].is_some() || parts.norm[p].len() < CONTAIN_MIN_CHARS {
            continue;
        }
        let mut best: Option<(f64, f64, usize)> = None;
        for w in 0..wholes.norm.len() {
            if wholes.norm[w].len() <= parts.norm[p].len() {
                continue;
            }
            if let Some(g) = wholes.group[w] {
                let whole_side = if parts_are_exp {
                    &groups[g].act
                } else {
                    &groups[g].exp
                };
                if whole_side.len() != 1 {
                    continue;
                }
            }
            let c = containment(&parts.grams[p], &wholes.grams[w]);
            if c < CONTAIN_MIN {
                continue;
            }
            let dist = (rel(p, n_parts) - rel(w, n_wholes)).abs();
            let better = match best {
                None => true,
                Some((bc, bd, _)) => c > bc || (c == bc && dist < bd),
            };
            if better {
                best = Some((c, dist, w));
            }
        }
        let Some((_, _, w)) = best else { continue };
        let g = match wholes.group[w] {
            Some(g) => g,
            None => {
                let g = groups.len();
                let grp = if parts_are_exp {
                    Group {
                        exp: vec![],
                        act: vec![w],
                    }
                } else {
                    Group {
                        exp: vec![w],
                        act: vec![],
                    }
                };
                groups.push(grp);
                wholes.group[w] = Some(g);
                g
            }
        };
        if parts_are_exp {
            groups[g].exp.push(p);
            groups[g].exp.sort_unstable();
        } else {
            groups[g].act.push(p);
            groups[g].act.sort_unstable();
        }
        parts.group[p] = Some(g);
    }
}

/// Reading order: groups with expected items by their first expected item;
/// an actual-only group right after the group holding the actual item before it.
fn order(groups: Vec<Group>) -> Vec<Group> {
    let mut anchor: Vec<(usize, usize)> = Vec::with_capacity(groups.len());
    // For each actual index, the first expected index of its group (if any).
    let max_act = groups
        .iter()
        .flat_map(|g| g.act.iter())
        .copied()
        .max()
        .map_or(0, |x| x + 1);
    let mut exp_of_act: Vec<Option<usize>> = vec![None; max_act];
    for g in &groups {
        if let Some(&first) = g.exp.first() {
            for &j in &g.act {
                exp_of_act[j] = Some(first);
            }
        }
    }
    for g in &groups {
        let key = match g.exp.first() {
            Some(&i) => (2 * i + 1, 0),
            None => {
                let j = g.act.first().copied().unwrap_or(0);
                let before = (0..j).rev().find_map(|k| exp_of_act[k]);
                (before.map_or(0, |i| 2 * i + 2), j + 1)
            }
        };
        anchor.push(key);
    }
    let mut idx: Vec<usize> = (0..groups.len()).collect();
    idx.sort_by_key(|&k| anchor[k]);
    let mut slots: Vec<Option<Group>> = groups.into_iter().map(Some).collect();
    idx.into_iter().filter_map(|k| slots[k].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_align_one_to_one() {
        let g = align_items(
            &["会議を開催", "研修会を実施"],
            &["研修会を実施", "会議を開催"],
        );
        assert_eq!(
            g,
            vec![
                Group {
                    exp: vec![0],
                    act: vec![1]
                },
                Group {
                    exp: vec![1],
                    act: vec![0]
                }
            ]
        );
    }

    #[test]
    fn split_item_joins_one_group() {
        let g = align_items(
            &["多職種連携会議を開催し、ACPの研修会を2回実施した"],
            &["多職種連携会議を開催し、", "ACPの研修会を2回実施した"],
        );
        assert_eq!(
            g,
            vec![Group {
                exp: vec![0],
                act: vec![0, 1]
            }]
        );
    }

    #[test]
    fn unrelated_texts_stay_apart() {
        let g = align_items(&["会議を開催"], &["普及啓発のチラシ配布"]);
        assert_eq!(g.len(), 2);
    }
}
