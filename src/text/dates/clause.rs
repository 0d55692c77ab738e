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

/// Brackets and clause boundaries of one text, computed once.
pub(crate) struct Layout {
    c: Chars,
    /// Bracket pairs as character indices (open, close); an unmatched opener
    /// closes at the end of the text.
    pairs: Vec<(usize, usize)>,
    /// For each character, the index of the innermost pair containing it.
    owner: Vec<Option<usize>>,
    /// Whether the pair's content holds a digit.
    has_digit: Vec<bool>,
    /// Character indices of the 、 that join members of a list of dates.
    joins: Vec<usize>,
}

impl Layout {
    /// `joins`: byte offsets of the separators that join a list of dates
    /// (see `dates::list_joins`).
    pub(crate) fn new(text: &str, joins: &[usize]) -> Self {
        let c = Chars::new(text);
        let n = c.len();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut owner: Vec<Option<usize>> = vec![None; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, slot) in owner.iter_mut().enumerate() {
            let ch = c.at(i).unwrap_or(' ');
            if is_close_bracket(ch) {
                if let Some(p) = stack.pop() {
                    if let Some(pair) = pairs.get_mut(p) {
                        pair.1 = i;
                    }
                }
            }
            *slot = stack.last().copied();
            if is_open_bracket(ch) {
                pairs.push((i, n));
                stack.push(pairs.len() - 1);
            }
        }
        // Brackets are owned by the pair around them, not by themselves: an
        // opener was assigned before it was pushed, a closer after its pop.
        let has_digit = pairs
            .iter()
            .map(|&(o, e)| (o + 1..e).any(|k| c.at(k).is_some_and(is_digit)))
            .collect();
        let joins = joins.iter().map(|&b| c.index_of(b)).collect();
        Layout {
            c,
            pairs,
            owner,
            has_digit,
            joins,
        }
    }

    /// The innermost bracket pair containing the character span `lo..hi`.
    fn enclosing(&self, lo: usize, hi: usize) -> Option<usize> {
        let mut p = self.owner.get(lo).copied().flatten();
        while let Some(k) = p {
            let (o, e) = self.pairs[k];
            if o < lo && hi <= e {
                return Some(k);
            }
            p = self.owner.get(o).copied().flatten();
        }
        None
    }

    /// Character range available to a clause inside pair `p` (or the text).
    fn region(&self, p: Option<usize>) -> (usize, usize) {
        match p {
            Some(k) => (self.pairs[k].0 + 1, self.pairs[k].1),
            None => (0, self.c.len()),
        }
    }

    /// True when the 、/。 at `i` ends a clause (see the module rules).
    fn is_boundary(&self, i: usize) -> bool {
        self.c.at(i).is_some_and(is_clause_end) && !self.joins.contains(&i)
    }

    /// The clause around character span `lo..hi`, as character indices, and
    /// the bracket pair it lies in.
    fn clause_chars(&self, lo: usize, hi: usize) -> (usize, usize, Option<usize>) {
        let p = self.enclosing(lo, hi);
        let (rlo, rhi) = self.region(p);
        let depth_of = |i: usize| self.owner.get(i).copied().flatten() == p;
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
        let (o, e) = self.pairs[p];
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
        // Bounded: each step moves out by one bracket level.
        for _ in 0..=self.pairs.len() {
            let (a, b, p) = self.clause_chars(lo, hi);
            if self.clause_says_planned(a, b, p) {
                return true;
            }
            match p {
                Some(k) if (a, b) == self.region(Some(k)) => {
                    let (o, e) = self.pairs[k];
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
        for i in a..b {
            let own = self.owner.get(i).copied().flatten();
            let keep = own == p
                || own.is_some_and(|k| {
                    // Inside a nested pair: keep when no enclosing pair up to
                    // (but excluding) `p` has digits.
                    let mut q = Some(k);
                    while let Some(j) = q {
                        if Some(j) == p {
                            break;
                        }
                        if self.has_digit[j] {
                            return false;
                        }
                        q = self.owner.get(self.pairs[j].0).copied().flatten();
                    }
                    true
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
