//! The lexicon's own matcher for its `re:` patterns.
//!
//! Owns: compiling a pattern (parsed by `regex-syntax`) into a small
//! backtracking program, the literal prefixes that say where a match can
//! start, and one Aho-Corasick automaton over the prefixes of many patterns
//! ([`Prefilter`]), so an item's text is scanned once for all of them.
//!
//! Why not the `regex` crate: the lexicon's patterns are short alternations of
//! words joined by bounded gaps (`[^。]{0,80}`). The regex crate builds an
//! automaton for every pattern (and one for the set) before its first search;
//! for the ninety-odd patterns shipped that was 60 % of the instructions of a
//! one-file run (issue #15). A program here is built in microseconds, and a
//! pattern runs only where one of its prefixes occurs.
//!
//! The result is the regex crate's, match for match: a backtracker that tries
//! alternatives in order and repeats greedily first finds the leftmost-first
//! match, which is how the regex crate defines its matches. A pattern this
//! matcher cannot run (look-arounds other than `^`/`$`, byte classes, a
//! pattern that can match the empty string, a program over [`MAX_INSTS`]) or a
//! search that takes more than [`STEP_BUDGET`] steps is handed to the regex
//! crate instead ([`Search::Fallback`]).
//!
//! Must not know: lexicon entries, weights or categories.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// Largest program compiled (a bounded repeat is unrolled).
pub const MAX_INSTS: usize = 20_000;

/// Steps one search may take before it is handed to the regex crate.
pub const STEP_BUDGET: u32 = 1_000_000;

/// Most prefix literals kept for one pattern; more and it runs everywhere.
const MAX_PREFIXES: usize = 256;

/// Prefixes are cut to this many characters: enough to say where a match
/// may start, and the automaton over all of them stays small (the shipped
/// lexicon's 945 prefixes become a few hundred).
const PREFIX_CHARS: usize = 2;

#[derive(Debug, Clone)]
enum Inst {
    /// These bytes, here.
    Lit(Box<[u8]>),
    /// One character in these sorted ranges.
    Class(Box<[(char, char)]>),
    /// Try the first, then the second.
    Split(usize, usize),
    Jmp(usize),
    /// `^` or `$` (of the text, or of a line).
    Look(Look),
    Match,
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Program {
    insts: Vec<Inst>,
    /// Every match starts with one of these; `None`: anywhere.
    prefixes: Option<Vec<Vec<u8>>>,
    /// An automaton over `prefixes` for a search of this program alone
    /// (built on the first; [`Prefilter`] has one over many programs).
    alone: OnceLock<Option<AhoCorasick>>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// Every match, leftmost-first, non-overlapping, in order.
    Found(Vec<Range<usize>>),
    /// Over the step budget: ask the regex crate.
    Fallback,
}

impl Program {
    /// Whether a match may start anywhere: the pattern has no literal
    /// prefixes (it begins with a negated class, `^` or too many
    /// alternatives), so it is tried at every position of every text.
    pub fn starts_anywhere(&self) -> bool {
        self.prefixes.is_none()
    }

    /// Compiles `pattern`; `None` when this matcher does not run it (the
    /// caller then uses the regex crate). A syntax error is an `Err`.
    pub fn new(pattern: &str) -> Result<Option<Program>, String> {
        let hir = regex_syntax::Parser::new()
            .parse(pattern)
            .map_err(|e| e.to_string())?;
        Ok(Program::from_hir(&hir))
    }

    fn from_hir(hir: &Hir) -> Option<Program> {
        if hir.properties().minimum_len().unwrap_or(0) == 0 {
            return None;
        }
        let mut c = Compiler { insts: Vec::new() };
        c.c(hir).ok()?;
        c.push(Inst::Match).ok()?;
        Some(Program {
            insts: c.insts,
            prefixes: prefixes(hir),
            alone: OnceLock::new(),
        })
    }

    /// Every match in `text`, like `Regex::find_iter`.
    pub fn find_iter(&self, text: &str) -> Search {
        let automaton = self
            .prefixes
            .as_ref()
            .and_then(|p| self.alone.get_or_init(|| automaton(p)).as_ref());
        let starts: Vec<usize> = match automaton {
            Some(ac) => {
                let mut s: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.start()).collect();
                s.sort_unstable();
                s.dedup();
                s
            }
            None => all_starts(text),
        };
        self.find_from(text, &starts)
    }

    /// Every match in `text` that starts at one of `starts` (sorted, every
    /// position where a match could start).
    fn find_from(&self, text: &str, starts: &[usize]) -> Search {
        let mut budget = STEP_BUDGET;
        let mut stack = Vec::new();
        let mut found = Vec::new();
        let mut next = 0;
        for &start in starts {
            if start < next {
                continue;
            }
            match self.match_at(text, start, &mut budget, &mut stack) {
                Err(()) => return Search::Fallback,
                Ok(Some(end)) => {
                    found.push(start..end);
                    next = end;
                }
                Ok(None) => {}
            }
        }
        Search::Found(found)
    }

    /// The end of the leftmost-first match that starts at `start`.
    fn match_at(
        &self,
        text: &str,
        start: usize,
        budget: &mut u32,
        stack: &mut Vec<(usize, usize)>,
    ) -> Result<Option<usize>, ()> {
        let bytes = text.as_bytes();
        stack.clear();
        stack.push((0, start));
        while let Some((mut pc, mut pos)) = stack.pop() {
            loop {
                *budget = budget.checked_sub(1).ok_or(())?;
                match &self.insts[pc] {
                    Inst::Lit(lit) => {
                        if !bytes.get(pos..).is_some_and(|b| b.starts_with(lit)) {
                            break;
                        }
                        pos += lit.len();
                        pc += 1;
                    }
                    Inst::Class(ranges) => {
                        let Some(ch) = text.get(pos..).and_then(|t| t.chars().next()) else {
                            break;
                        };
                        if !in_ranges(ranges, ch) {
                            break;
                        }
                        pos += ch.len_utf8();
                        pc += 1;
                    }
                    Inst::Split(a, b) => {
                        stack.push((*b, pos));
                        pc = *a;
                    }
                    Inst::Jmp(a) => pc = *a,
                    Inst::Look(look) => {
                        if !holds(*look, bytes, pos) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Match => return Ok(Some(pos)),
                }
            }
        }
        Ok(None)
    }
}

/// Many programs, with one scan of a text for where each can start.
#[derive(Debug, Clone)]
pub struct Prefilter {
    programs: Vec<Program>,
    automaton: Option<AhoCorasick>,
    /// For each literal of the automaton, the programs it starts.
    owners: Vec<Vec<usize>>,
    /// Programs without prefixes (they are tried everywhere).
    anywhere: Vec<usize>,
}

impl Prefilter {
    pub fn new(programs: Vec<Program>) -> Prefilter {
        let mut literals: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut seen: HashMap<&[u8], usize> = HashMap::new();
        let mut anywhere = Vec::new();
        for (i, p) in programs.iter().enumerate() {
            let Some(prefixes) = &p.prefixes else {
                anywhere.push(i);
                continue;
            };
            for lit in prefixes {
                let j = *seen.entry(lit.as_slice()).or_insert_with(|| {
                    literals.push(lit.as_slice());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[j].push(i);
            }
        }
        let automaton = automaton(&literals);
        if automaton.is_none() {
            // Cannot happen for non-empty literals; run everything everywhere.
            anywhere = (0..programs.len()).collect();
        }
        Prefilter {
            programs,
            automaton,
            owners,
            anywhere,
        }
    }

    /// The matches of every program in `text`, by program index: `None` for
    /// a program without matches is not listed; a program whose search went
    /// over budget is listed with [`Search::Fallback`].
    pub fn search(&self, text: &str) -> Vec<(usize, Search)> {
        let mut starts: Vec<Vec<usize>> = vec![Vec::new(); self.programs.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                for &p in &self.owners[m.pattern().as_usize()] {
                    starts[p].push(m.start());
                }
            }
        }
        let everywhere = if self.anywhere.is_empty() {
            Vec::new()
        } else {
            all_starts(text)
        };
        for &p in &self.anywhere {
            starts[p].clone_from(&everywhere);
        }
        let mut out = Vec::new();
        for (p, mut s) in starts.into_iter().enumerate() {
            if s.is_empty() {
                continue;
            }
            s.sort_unstable();
            s.dedup();
            match self.programs[p].find_from(text, &s) {
                Search::Found(found) if found.is_empty() => {}
                search => out.push((p, search)),
            }
        }
        out
    }
}

/// A `re:` pattern: compiled when the lexicon is read into the lexicon's own
/// matcher ([`Program`], microseconds), and into the regex crate only
/// if that matcher cannot run it. Building the regex crate's automata for
/// every pattern (and a `RegexSet` over them) was 60 % of a one-file run
/// (issue #15).
#[derive(Debug)]
pub struct LazyRegex {
    source: String,
    /// `None`: the pattern runs on the regex crate.
    program: Option<Program>,
    compiled: OnceLock<Option<Regex>>,
}

impl Clone for LazyRegex {
    fn clone(&self) -> Self {
        LazyRegex {
            source: self.source.clone(),
            program: self.program.clone(),
            compiled: OnceLock::new(),
        }
    }
}

impl LazyRegex {
    /// Compiles `source` (the error says why it is not a regex).
    pub fn new(source: &str) -> Result<LazyRegex, String> {
        Ok(LazyRegex {
            source: source.to_string(),
            program: Program::new(source)?,
            compiled: OnceLock::new(),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// The lexicon matcher's program, if it runs this pattern.
    pub fn program(&self) -> Option<&Program> {
        self.program.as_ref()
    }

    /// True when the pattern matches somewhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        !self.find_iter(text).is_empty()
    }

    /// Every match in `text`, leftmost-first, like `Regex::find_iter`.
    pub fn find_iter(&self, text: &str) -> Vec<Range<usize>> {
        if let Some(Search::Found(found)) = self.program.as_ref().map(|p| p.find_iter(text)) {
            return found;
        }
        self.regex_find_iter(text)
    }

    /// The same, on the regex crate (compiled on first use; a valid pattern
    /// over its size limit matches nothing).
    fn regex_find_iter(&self, text: &str) -> Vec<Range<usize>> {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
            .map(|re| re.find_iter(text).map(|m| m.range()).collect())
            .unwrap_or_default()
    }
}

struct Compiler {
    insts: Vec<Inst>,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize, ()> {
        if self.insts.len() >= MAX_INSTS {
            return Err(());
        }
        self.insts.push(inst);
        Ok(self.insts.len() - 1)
    }

    fn patch(&mut self, at: usize, target: usize) {
        match &mut self.insts[at] {
            Inst::Split(_, b) => *b = target,
            Inst::Jmp(a) => *a = target,
            _ => {}
        }
    }

    fn c(&mut self, hir: &Hir) -> Result<(), ()> {
        match hir.kind() {
            HirKind::Empty => Ok(()),
            HirKind::Literal(lit) => self.push(Inst::Lit(lit.0.clone())).map(drop),
            HirKind::Class(Class::Unicode(class)) => {
                let ranges: Box<[(char, char)]> = class
                    .ranges()
                    .iter()
                    .map(|r| (r.start(), r.end()))
                    .collect();
                self.push(Inst::Class(ranges)).map(drop)
            }
            HirKind::Class(Class::Bytes(_)) => Err(()),
            HirKind::Look(look) => match look {
                Look::Start | Look::End | Look::StartLF | Look::EndLF => {
                    self.push(Inst::Look(*look)).map(drop)
                }
                _ => Err(()),
            },
            HirKind::Capture(cap) => self.c(&cap.sub),
            HirKind::Concat(parts) => parts.iter().try_for_each(|p| self.c(p)),
            HirKind::Alternation(alts) => {
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    if i + 1 < alts.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.insts[split] = Inst::Split(split + 1, 0);
                        self.c(alt)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.patch(split, next);
                    } else {
                        self.c(alt)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.patch(j, end);
                }
                Ok(())
            }
            HirKind::Repetition(rep) => {
                for _ in 0..rep.min {
                    self.c(&rep.sub)?;
                }
                match rep.max {
                    Some(max) => {
                        // Each optional copy may be skipped to the end.
                        let mut skips = Vec::new();
                        for _ in rep.min..max {
                            skips.push(self.optional_entry(rep.greedy)?);
                            self.c(&rep.sub)?;
                        }
                        let end = self.insts.len();
                        for s in skips {
                            self.point_skip(s, end, rep.greedy);
                        }
                        Ok(())
                    }
                    None => {
                        let entry = self.optional_entry(rep.greedy)?;
                        self.c(&rep.sub)?;
                        self.push(Inst::Jmp(entry))?;
                        let end = self.insts.len();
                        self.point_skip(entry, end, rep.greedy);
                        Ok(())
                    }
                }
            }
        }
    }

    /// A split before an optional copy: the copy first when greedy.
    fn optional_entry(&mut self, greedy: bool) -> Result<usize, ()> {
        let at = self.insts.len();
        if greedy {
            self.push(Inst::Split(at + 1, 0))
        } else {
            self.push(Inst::Split(0, at + 1))
        }
    }

    fn point_skip(&mut self, split: usize, end: usize, greedy: bool) {
        if let Inst::Split(a, b) = &mut self.insts[split] {
            if greedy {
                *b = end;
            } else {
                *a = end;
            }
        }
    }
}

/// Literals every match starts with, when there are few enough.
fn prefixes(hir: &Hir) -> Option<Vec<Vec<u8>>> {
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > MAX_PREFIXES || lits.iter().any(|l| l.is_empty()) {
        return None;
    }
    let mut out: Vec<Vec<u8>> = lits.iter().map(|l| cut(l.as_bytes())).collect();
    out.sort();
    out.dedup();
    Some(out)
}

/// The first [`PREFIX_CHARS`] characters of a literal (whole bytes when it is
/// not UTF-8, as a literal cut by the extractor may be).
fn cut(lit: &[u8]) -> Vec<u8> {
    let end = match std::str::from_utf8(lit) {
        Ok(s) => s
            .char_indices()
            .nth(PREFIX_CHARS)
            .map_or(lit.len(), |(i, _)| i),
        Err(_) => lit.len(),
    };
    lit[..end].to_vec()
}

fn in_ranges(ranges: &[(char, char)], ch: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < ch {
                std::cmp::Ordering::Less
            } else if lo > ch {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn holds(look: Look, bytes: &[u8], pos: usize) -> bool {
    match look {
        Look::Start => pos == 0,
        Look::End => pos == bytes.len(),
        Look::StartLF => pos == 0 || bytes.get(pos - 1) == Some(&b'\n'),
        Look::EndLF => pos == bytes.len() || bytes.get(pos) == Some(&b'\n'),
        _ => false,
    }
}

fn all_starts(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, _)| i).collect()
}

/// One automaton over `literals` with standard semantics: every occurrence
/// of every literal, overlapping. `None` when there are none.
fn automaton<L: AsRef<[u8]>>(literals: &[L]) -> Option<AhoCorasick> {
    if literals.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(literals)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(pattern: &str, texts: &[&str]) {
        let p = Program::new(pattern).unwrap().expect("runs here");
        let re = Regex::new(pattern).unwrap();
        for t in texts {
            let want: Vec<Range<usize>> = re.find_iter(t).map(|m| m.range()).collect();
            assert_eq!(
                p.find_iter(t),
                Search::Found(want.clone()),
                "{pattern} on {t}"
            );
            let pf = Prefilter::new(vec![p.clone()]);
            let got = pf.search(t);
            if want.is_empty() {
                assert!(got.is_empty(), "{pattern} on {t}");
            } else {
                assert_eq!(got, vec![(0, Search::Found(want))], "{pattern} on {t}");
            }
        }
    }

    #[test]
    fn matches_what_the_regex_crate_matches() {
        let texts = [
            "医師向けの在宅医療研修を開催した。",
            "会議は年4回開催。会議を実施",
            "ケアマネ対象に、看取りについての講演と研修",
            "研修",
            "",
            "医師会と在宅医療の医師",
            "3回の会議、12回の懇談会",
            "abc\ndef",
        ];
        for pattern in [
            "(医師|看護師|ケアマネ)[^。]{0,12}(向け|対象)[^。]{0,80}(研修|講演)",
            "(会議|懇談会)([^。、]{0,4}|[」』)]?[はをも][^。、]{0,10})(開催|実施)",
            "(医師([^会]|$)|在宅医([^療]|$))",
            r"\d+回の?(会議|懇話会|懇談会)",
            "研修",
            "^abc|def$",
            "(?m)^def",
            "[^。]{2,3}?研",
            "会議.*?開催",
            "(a|ab)(c|bcd)(d*)",
        ] {
            same(pattern, &texts);
        }
        same("(a|ab)(c|bcd)(d*)", &["abcd", "abcdd", "xabcdabc"]);
    }

    #[test]
    fn what_it_does_not_run_goes_to_the_regex_crate() {
        assert!(Program::new(r"\b研修").unwrap().is_none(), "word boundary");
        assert!(Program::new("a?").unwrap().is_none(), "matches empty");
        assert!(Program::new("[^。]{0,80}{0,80}{0,80}x").unwrap().is_none());
        assert!(Program::new("(").is_err());
    }

    #[test]
    fn a_search_over_budget_says_so() {
        // Exponential for a backtracker: every way of cutting 40 a into
        // pieces of one and two is tried before it gives up.
        let p = Program::new("(a|aa)*(aa|a)*b").unwrap().unwrap();
        let text = "a".repeat(40);
        assert_eq!(p.find_iter(&text), Search::Fallback);
    }

    #[test]
    fn one_scan_finds_the_starts_of_many_programs() {
        let programs: Vec<Program> = ["会議[^。]{0,4}開催", "研修", r"\d回", "医師(会)?"]
            .iter()
            .map(|p| Program::new(p).unwrap().unwrap())
            .collect();
        let pf = Prefilter::new(programs);
        let text = "医師会の研修と会議を開催、年4回。";
        let got: Vec<usize> = pf.search(text).into_iter().map(|(p, _)| p).collect();
        assert_eq!(got, vec![0, 1, 2, 3]);
        assert!(pf.search("なし").is_empty());
    }
}
