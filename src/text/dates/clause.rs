//! Clauses and brackets of one item's text: the scope of `planned` (SPEC §2:
//! "the date's own clause (up to the next 、 or 。) or its parenthesis says 予定")
//! and of `count_mismatch` ("the same parenthesis or clause").
//!
//! Owns: bracket nesting and where a clause starts and ends.
//!
//! Must not know: dates or counts; callers pass byte spans.
//!
//! Rules (docs/DATES_COUNTS.md, "planned"):
//! - A clause is bounded by 、 or 。 at its own bracket depth and by its
//!   enclosing bracket; brackets nested inside it belong to it.
//! - A 、 that joins two members of one list of dates (`R7/11月、R8/3月`,
//!   `10/1、3、28`) is not a clause end: the list shares one clause. Every
//!   other 、 and every 。 ends the clause, so 予定 in a later clause does not
//!   reach back (`11月開催の意見交換会では、…協議予定` is not planned).
//! - A clause says 予定 when its own text, or a nested bracket without digits
//!   (`（予定）`), contains 予定 — but not 予定通り/予定どおり (as planned, done).
//!   Nested brackets with digits hold facts of their own and are not read.
//! - When a clause fills its whole bracket, the bracket is read as a part of
//!   the clause around it (`(R7/1/24)) 予定`).

use super::chars::{is_clause_end, is_close_bracket, is_digit, is_open_bracket, Chars};
use std::ops::Range;

/// `owner` of a character outside every bracket.
const NO_PAIR: u32 = u32::MAX;

/// How far (in characters) a clause is looked for on each side of a span:
/// no clause written by a person is longer, and the bound keeps the work per
/// date or count constant on a hostile text of millions of characters.
const CLAUSE_WINDOW: usize = 4096;

/// How many bracket levels `says_planned` climbs out of (`(… (R7/1/24)) 予定`
/// needs two).
const MAX_LEVELS: usize = 8;

/// Brackets and clause boundaries of one text, computed once. Twelve bytes
/// per character (the characters with their offsets, and `owner`).
pub(crate) struct Layout {
    c: Chars,
    /// Bracket pairs as character indices (open, close); an unmatched opener
    /// closes at the end of the text.
    pairs: Vec<(u32, u32)>,
    /// For each character, the index of the innermost pair containing it
    /// (`NO_PAIR` outside all).
    owner: Vec<u32>,
    /// Whether the pair's content holds a digit.
    has_digit: Vec<bool>,
    /// Character indices of the 、 that join members of a list of dates, sorted.
    joins: Vec<usize>,
    /// Character indices that end a clause without punctuation: the last
    /// character of a contrast after 予定 (`12回開催予定のうち8回実施`,
    /// `予定中`, `予定に対し`, `予定だったが`, `予定より1回多い5回`), sorted. What precedes is the
    /// plan, what follows what was done.
    contrasts: Vec<usize>,
}

/// What may follow 予定 to set the plan against what was done.
const CONTRASTS: [&str; 10] = [
    "より",
    "のうち",
    "の内",
    "中",
    "に対し",
    "だったが",
    "であったが",
    "していたが",
    "したが",
    "のところ",
];

fn idx(v: u32) -> usize {
    v as usize
}

fn small(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX - 1)
}

impl Layout {
    /// `joins`: byte offsets of the separators that join a list of dates
    /// (see `dates::list_joins`).
    pub(crate) fn new(text: &str, joins: &[usize]) -> Self {
        let c = Chars::new(text);
        let n = c.len();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut owner: Vec<u32> = Vec::with_capacity(n);
        let mut stack: Vec<u32> = Vec::new();
        // Per open pair: whether a digit was seen inside it so far.
        let mut has_digit: Vec<bool> = Vec::new();
        for i in 0..n {
            let ch = c.at(i).unwrap_or(' ');
            if is_close_bracket(ch) {
                if let Some(p) = stack.pop() {
                    if let Some(pair) = pairs.get_mut(idx(p)) {
                        pair.1 = small(i);
                    }
                }
            }
            owner.push(stack.last().copied().unwrap_or(NO_PAIR));
            if is_digit(ch) {
                // A digit inside a pair is inside every pair around it.
                for &p in stack.iter().rev() {
                    if has_digit[idx(p)] {
                        break;
                    }
                    has_digit[idx(p)] = true;
                }
            }
            if is_open_bracket(ch) {
                pairs.push((small(i), small(n)));
                has_digit.push(false);
                stack.push(small(pairs.len() - 1));
            }
        }
        // Brackets are owned by the pair around them, not by themselves: an
        // opener was assigned before it was pushed, a closer after its pop.
        let mut joins: Vec<usize> = joins.iter().map(|&b| c.index_of(b)).collect();
        joins.sort_unstable();
        let contrasts = (0..n)
            .filter(|&i| c.starts_with(i, "予定"))
            .filter_map(|i| {
                // The plan's own count may stand between: 予定3回のうち2回実施,
                // 当初予定の3回のうち2回, 予定した3回中2回.
                let mut k = i + 2;
                if let Some(w) = ["の", "した", "していた", "では"].iter().find(|w| {
                    c.starts_with(k, w) && c.at(k + w.chars().count()).is_some_and(is_digit)
                }) {
                    k += w.chars().count();
                }
                let lead = k;
                while c.at(k).is_some_and(is_digit) {
                    k += 1;
                }
                let k = if k > lead && c.at(k) == Some('回') {
                    k + 1
                } else {
                    i + 2
                };
                let w = CONTRASTS.iter().find(|w| c.starts_with(k, w))?;
                Some(k - 1 + w.chars().count())
            })
            .collect();
        Layout {
            c,
            pairs,
            owner,
            has_digit,
            joins,
            contrasts,
        }
    }

    /// The innermost pair containing character `i`.
    fn owner_of(&self, i: usize) -> Option<usize> {
        self.owner
            .get(i)
            .copied()
            .filter(|&p| p != NO_PAIR)
            .map(idx)
    }

    /// The pair as character indices.
    fn pair(&self, k: usize) -> (usize, usize) {
        let (o, e) = self.pairs[k];
        (idx(o), idx(e))
    }

    /// The innermost bracket pair containing the character span `lo..hi`.
    fn enclosing(&self, lo: usize, hi: usize) -> Option<usize> {
        let mut p = self.owner_of(lo);
        while let Some(k) = p {
            let (o, e) = self.pair(k);
            if o < lo && hi <= e {
                return Some(k);
            }
            p = self.owner_of(o);
        }
        None
    }

    /// Character range available to a clause inside pair `p` (or the text).
    fn region(&self, p: Option<usize>) -> (usize, usize) {
        match p {
            Some(k) => (self.pair(k).0 + 1, self.pair(k).1),
            None => (0, self.c.len()),
        }
    }

    /// True when the 、/。 at `i` ends a clause (see the module rules), or a
    /// contrast after 予定 ends there.
    fn is_boundary(&self, i: usize) -> bool {
        (self.c.at(i).is_some_and(is_clause_end) && self.joins.binary_search(&i).is_err())
            || self.contrasts.binary_search(&i).is_ok()
    }

    /// The clause around character span `lo..hi`, as character indices, and
    /// the bracket pair it lies in (at most `CLAUSE_WINDOW` characters on
    /// each side of the span).
    fn clause_chars(&self, lo: usize, hi: usize) -> (usize, usize, Option<usize>) {
        let p = self.enclosing(lo, hi);
        let (rlo, rhi) = self.region(p);
        let (rlo, rhi) = (
            rlo.max(lo.saturating_sub(CLAUSE_WINDOW)),
            rhi.min(hi.saturating_add(CLAUSE_WINDOW)),
        );
        let depth_of = |i: usize| self.owner_of(i) == p;
        let mut a = lo;
        while a > rlo {
            let i = a - 1;
            if depth_of(i) && self.is_boundary(i) {
                break;
            }
            a -= 1;
        }
        let mut b = hi;
        while b < rhi {
            if depth_of(b) && self.is_boundary(b) {
                break;
            }
            b += 1;
        }
        (a, b, p)
    }

    fn to_chars(&self, span: &Range<usize>) -> (usize, usize) {
        let lo = self.c.index_of(span.start);
        let hi = self.c.index_of(span.end).max(lo);
        (lo, hi)
    }

    /// Byte range of the clause around byte span `span`.
    pub(crate) fn clause(&self, span: &Range<usize>) -> Range<usize> {
        let (lo, hi) = self.to_chars(span);
        let (a, b, _) = self.clause_chars(lo, hi);
        self.c.off(a)..self.c.off(b)
    }

    /// Byte range of the content of the innermost bracket around `span`.
    pub(crate) fn bracket(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let (lo, hi) = self.to_chars(span);
        let p = self.enclosing(lo, hi)?;
        let (o, e) = self.pair(p);
        Some(self.c.off(o + 1)..self.c.off(e))
    }

    /// The scope `count_mismatch` compares in: the enclosing bracket's content,
    /// else the clause.
    pub(crate) fn mismatch_scope(&self, span: &Range<usize>) -> Range<usize> {
        self.bracket(span).unwrap_or_else(|| self.clause(span))
    }

    /// True when the clause of byte span `span` (or its bracket, read in the
    /// clause around it) says 予定.
    pub(crate) fn says_planned(&self, span: &Range<usize>) -> bool {
        let (mut lo, mut hi) = self.to_chars(span);
        // Each step moves out by one bracket level.
        for _ in 0..=self.pairs.len().min(MAX_LEVELS) {
            let (a, b, p) = self.clause_chars(lo, hi);
            if self.clause_says_planned(a, b, p) {
                return true;
            }
            match p {
                Some(k) if (a, b) == self.region(Some(k)) => {
                    let (o, e) = self.pair(k);
                    lo = o;
                    hi = (e + 1).min(self.c.len());
                }
                _ => return false,
            }
        }
        false
    }

    /// The clause's own words plus the content of nested brackets without
    /// digits, checked for 予定.
    fn clause_says_planned(&self, a: usize, b: usize, p: Option<usize>) -> bool {
        let mut s = String::new();
        // Per nested pair met, whether its content is kept (memoised, so a
        // deeply nested clause costs one walk up per pair, not per character).
        let mut kept: std::collections::HashMap<usize, bool> = std::collections::HashMap::new();
        for i in a..b {
            let own = self.owner_of(i);
            let keep = own == p
                || own.is_some_and(|k| {
                    // Inside a nested pair: keep when no enclosing pair up to
                    // (but excluding) `p` has digits.
                    if let Some(&v) = kept.get(&k) {
                        return v;
                    }
                    let mut chain = Vec::new();
                    let mut q = Some(k);
                    let mut v = true;
                    while let Some(j) = q {
                        if Some(j) == p {
                            break;
                        }
                        if let Some(&known) = kept.get(&j) {
                            v = known;
                            break;
                        }
                        chain.push(j);
                        if self.has_digit[j] {
                            v = false;
                            break;
                        }
                        q = self.owner_of(self.pair(j).0);
                    }
                    // Pairs below a pair with digits are dropped with it.
                    for j in chain {
                        kept.insert(j, v);
                    }
                    v
                });
            if keep {
                if let Some(ch) = self.c.at(i) {
                    s.push(ch);
                }
            }
        }
        says_yotei(&s)
    }
}

/// True when `s` says 予定, other than 予定通り/予定どおり.
pub(crate) fn says_yotei(s: &str) -> bool {
    s.match_indices("予定").any(|(i, m)| {
        let rest = &s[i + m.len()..];
        !(rest.starts_with("通り") || rest.starts_with("どおり"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn planned_at(text: &str, needle: &str) -> bool {
        let i = text.find(needle).expect("needle");
        Layout::new(text, &super::super::list_joins(text)).says_planned(&(i..i + needle.len()))
    }

    #[test]
    fn list_members_share_their_clause() {
        let t = "懇話会はR7/11月、R8/3月に開催(予定)。";
        assert!(planned_at(t, "R7/11月"));
        assert!(planned_at(t, "R8/3月"));
    }

    #[test]
    fn a_clause_ending_in_a_noun_ends_at_its_comma() {
        let t = "会議(12回開催予定中、7回実施)";
        assert!(planned_at(t, "12回"));
        assert!(!planned_at(t, "7回"));
    }

    #[test]
    fn a_bracket_filling_its_clause_reads_the_clause_around_it() {
        assert!(planned_at(
            "研修を実施(看取りについて(R7/1/24)) 予定",
            "R7/1/24"
        ));
        assert!(!planned_at("会議(7回)拠点(6回開催予定)", "7回"));
    }

    #[test]
    fn as_planned_is_not_planned() {
        assert!(!says_yotei("予定通り実施した"));
        assert!(says_yotei("実施予定"));
    }

    #[test]
    fn scopes() {
        let t = "研修会を3回実施(A(R6/12/7)、B(R7/1/11))。次";
        let l = Layout::new(t, &super::super::list_joins(t));
        let i = t.find("3回").unwrap_or(0);
        let s = l.mismatch_scope(&(i..i + 4));
        assert_eq!(&t[s], "研修会を3回実施(A(R6/12/7)、B(R7/1/11))");
    }
}
