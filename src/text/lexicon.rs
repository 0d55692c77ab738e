//! The category lexicon: which words and patterns point to which of the five
//! categories, and how strongly.
//!
//! Owns: parsing `dictionaries/category_lexicon.tsv` (embedded with
//! `include_str!`, so editing it rebuilds the crate but not the dictionary),
//! adding the weighted rows of `dictionaries/vocabulary.tsv` (the field's
//! vocabulary, [`super::vocabulary`]) and finding the entries that fire on an
//! item. The lexicon's format is described at the top of the file itself.
//!
//! Must not know: how scores become categories (that is `classify`), forms or
//! sections.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::sync::{LazyLock, OnceLock};

pub use super::pattern::LazyRegex;
use super::pattern::{Prefilter, Search};
use super::tokenize::Token;
use super::topics::{NamedWords, TopicRules};
use super::vocabulary;

/// The lexicon shipped with the crate.
pub static LEXICON_TSV: &str = include_str!("../../dictionaries/category_lexicon.tsv");

/// The field's vocabulary shipped with the crate (its `token` rows are in the
/// embedded dictionary, see `build.rs`).
pub static VOCABULARY_TSV: &str = include_str!("../../dictionaries/vocabulary.tsv");

/// The parsed shipped lexicon with the vocabulary added, built once per
/// process.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The files are part of the source; tests/classifier.rs parses them, so a
    // malformed line fails the test suite, not a user's run.
    let mut lexicon =
        Lexicon::parse(LEXICON_TSV).expect("dictionaries/category_lexicon.tsv is well formed");
    lexicon
        .add_vocabulary(VOCABULARY_TSV)
        .expect("dictionaries/vocabulary.tsv is well formed");
    lexicon
});

/// Per-category weights, index 0 = category ①.
pub type Weights = [f32; 5];

/// What an entry matches.
#[derive(Debug, Clone)]
pub enum Pattern {
    /// One token whose base form is exactly this.
    Lemma(String),
    /// One token whose base form starts with this (`研修*`).
    Prefix(String),
    /// One token whose base form ends with this (`*会議`).
    Suffix(String),
    /// Consecutive tokens with these base forms (`市民+向け`).
    Sequence(Vec<String>),
    /// A regular expression on the normalised text (`re:…`).
    Regex(LazyRegex),
}

/// Which file an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `dictionaries/category_lexicon.tsv`.
    Lexicon,
    /// `dictionaries/vocabulary.tsv`.
    Vocabulary,
}

/// Which items an entry counts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Every item (no prefix).
    Always,
    /// Only an issue — an item of section 2, which states a problem, not an
    /// activity (`issue:TERM`).
    Issue,
    /// Only an issue, and only when nothing is chosen without it: the area an
    /// issue falls to when its words name no more specific one
    /// (`issue-default:TERM`; a shortage of providers is one of the area's
    /// resources, ②).
    IssueDefault,
    /// Only an issue, and chosen on its own: an area an issue names beside
    /// the one that decides (a shortage stated outright, `介護支援専門員は6名と
    /// 少なく`), added when the `issue-also:` entries of the item alone reach
    /// the threshold, whatever the best score (`issue-also:TERM`).
    IssueAlso,
}

/// One line of the lexicon (or a weighted row of the vocabulary).
#[derive(Debug, Clone)]
pub struct Entry {
    /// The pattern as written in the file (shown by `explain`).
    pub source: String,
    pub pattern: Pattern,
    pub weights: Weights,
    /// Which items it counts for.
    pub when: When,
    /// 1-based line number in the file.
    pub line: usize,
    /// The file of `line`.
    pub origin: Origin,
}

/// Decision settings read from `!threshold`, `!ratio`, `!cap` and
/// `!list_weight` lines.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// A category needs at least this score.
    pub threshold: f32,
    /// … and at least this fraction of the best category's score.
    pub ratio: f32,
    /// A category's evidence saturates here: scores are capped before the
    /// ratio is applied, so piling up words of one category does not crowd
    /// out a second category that has solid evidence of its own.
    pub cap: f32,
    /// Factor for an entry whose every match lies inside a bracketed list
    /// (「…・…」, (…、…)): a list in brackets names topics, themes or
    /// findings, not what the item does (1 = no such rule).
    pub list_weight: f32,
    /// Factor for an entry whose every match lies in the topic or background
    /// of an activity ([`super::topics`]; 1 = no such rule).
    pub topic_weight: f32,
    /// Factor for an entry whose every match lies in the clause that says what
    /// the activity counts as (`@role`; 1 = no such rule).
    pub role_weight: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            threshold: 2.0,
            ratio: 0.5,
            cap: f32::INFINITY,
            list_weight: 1.0,
            topic_weight: 1.0,
            role_weight: 1.0,
        }
    }
}

/// The whole lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub entries: Vec<Entry>,
    pub settings: Settings,
    /// `@topic`, `@event`, `@background` and `@role` patterns.
    pub topics: TopicRules,
    /// Lemma entries by their lemma and the regex entries as one set, built on
    /// first use (so `entries` must be complete before the first `hits`) so an
    /// item's tokens are looked up once, not once per entry.
    index: OnceLock<Index>,
}

/// Where [`Lexicon::hits`] looks first.
#[derive(Debug, Clone, Default)]
struct Index {
    lemmas: HashMap<String, Vec<usize>>,
    /// The `re:` entries the lexicon matcher runs, and their entry indices.
    regexes: Option<(Prefilter, Vec<usize>)>,
    /// The other entries (prefixes, suffixes, sequences, regexes the matcher
    /// cannot run), each tried on every item.
    others: Vec<usize>,
}

/// A malformed lexicon line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "category lexicon line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// An entry that fired on an item, and the text it matched.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    /// The first match, as text.
    pub matched: String,
    /// Byte ranges of every match in the normalised text, in order.
    pub spans: Vec<Range<usize>>,
}

impl Lexicon {
    /// Parses the TSV format (see the head of `category_lexicon.tsv`).
    pub fn parse(text: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        for (i, raw) in text.lines().enumerate() {
            let line = i + 1;
            let err = |message: String| LexiconError { line, message };
            let content = raw.trim_end();
            if content.trim().is_empty() || content.trim_start().starts_with('#') {
                continue;
            }
            if let Some(setting) = content.strip_prefix('!') {
                let mut parts = setting.split_whitespace();
                let (Some(name), Some(value), None) = (parts.next(), parts.next(), parts.next())
                else {
                    return Err(err(format!("setting needs a name and a value: {raw}")));
                };
                let value: f32 = value
                    .parse()
                    .map_err(|_| err(format!("not a number: {value}")))?;
                match name {
                    "threshold" => lexicon.settings.threshold = value,
                    "ratio" => lexicon.settings.ratio = value,
                    "cap" => lexicon.settings.cap = value,
                    "list_weight" => lexicon.settings.list_weight = value,
                    "topic_weight" => lexicon.settings.topic_weight = value,
                    "role_weight" => lexicon.settings.role_weight = value,
                    _ => return Err(err(format!("unknown setting {name}"))),
                }
                continue;
            }
            if let Some(rule) = content.strip_prefix('@') {
                let (name, pattern) = rule
                    .split_once('\t')
                    .ok_or_else(|| err(format!("@{rule} needs a tab and a pattern")))?;
                if name.trim() == "named" {
                    // A list of words, not a pattern.
                    let words: Vec<String> = pattern.trim().split('|').map(String::from).collect();
                    if let Some(w) = words.iter().find(|w| regex::escape(w) != **w) {
                        return Err(err(format!("@named lists words: {w:?} is a pattern")));
                    }
                    let named = NamedWords::new(words).map_err(|e| err(format!("@named: {e}")))?;
                    if lexicon.topics.named.replace(named).is_some() {
                        return Err(err("@named given twice".into()));
                    }
                    continue;
                }
                let re = LazyRegex::new(pattern.trim())
                    .map_err(|e| err(format!("bad regex {pattern}: {e}")))?;
                let slot = match name.trim() {
                    "topic" => &mut lexicon.topics.marker,
                    "event" => &mut lexicon.topics.event,
                    "background" => &mut lexicon.topics.background,
                    "role" => &mut lexicon.topics.role,
                    other => return Err(err(format!("unknown rule @{other}"))),
                };
                if slot.replace(re).is_some() {
                    return Err(err(format!("@{} given twice", name.trim())));
                }
                continue;
            }
            let mut cols = content.split('\t');
            let term = cols.next().unwrap_or_default().trim();
            let weights = cols
                .next()
                .ok_or_else(|| err("missing weights column (separate with a tab)".into()))?;
            let (when, pattern) = parse_term(term).map_err(err)?;
            let weights = parse_weights(weights).map_err(err)?;
            lexicon.entries.push(Entry {
                source: term.to_string(),
                pattern,
                weights,
                when,
                line,
                origin: Origin::Lexicon,
            });
        }
        Ok(lexicon)
    }

    /// Adds the field's vocabulary (`dictionaries/vocabulary.tsv`): every row
    /// with weights becomes an entry (a dictionary entry is matched by its
    /// lemma, any other term is a pattern as in the lexicon), and every term
    /// that names a meeting, a body that meets or a tool joins the `@named`
    /// words ([`TopicRules::named`]).
    pub fn add_vocabulary(&mut self, text: &str) -> Result<(), LexiconError> {
        let rows = vocabulary::rows(text).map_err(|e| LexiconError {
            line: e.line,
            message: format!("vocabulary: {}", e.message),
        })?;
        let mut named = Vec::new();
        for row in &rows {
            let err = |message: String| LexiconError {
                line: row.line,
                message: format!("vocabulary: {message}"),
            };
            if row.names_a_meeting_or_tool() && !row.is_pattern() {
                named.push(row.term.to_string());
            }
            let Some(weights) = row.weights else {
                continue;
            };
            let (when, pattern) = match row.token {
                Some((_, base)) => (When::Always, Pattern::Lemma(base.to_string())),
                None => parse_term(row.term).map_err(err)?,
            };
            self.entries.push(Entry {
                source: row.term.to_string(),
                pattern,
                weights: parse_weights(weights).map_err(err)?,
                when,
                line: row.line,
                origin: Origin::Vocabulary,
            });
        }
        if !named.is_empty() {
            // Longest first, so a compound wins over a word inside it.
            named.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
            if let Some(existing) = &self.topics.named {
                named.extend(existing.words().iter().cloned());
            }
            let words = NamedWords::new(named).map_err(|e| LexiconError {
                line: 0,
                message: format!("vocabulary: @named words: {e}"),
            })?;
            self.topics.named = Some(words);
        }
        Ok(())
    }

    /// The entries that fire on an item (each at most once), given its
    /// normalised text and tokens, in lexicon order.
    pub fn hits<'a>(&'a self, text: &str, tokens: &[Token]) -> Vec<Hit<'a>> {
        let index = self.index.get_or_init(|| self.build_index());
        // The spans of each entry that may fire, by entry index (so in
        // lexicon order).
        let mut spans_of: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        // Lemma entries: one lookup per token.
        for t in tokens {
            for &e in index.lemmas.get(t.base).map_or(&[][..], Vec::as_slice) {
                spans_of.entry(e).or_default().push(t.span.clone());
            }
        }
        // Regex entries: one scan for where any can start, then each runs
        // there only.
        if let Some((prefilter, ids)) = &index.regexes {
            for (p, search) in prefilter.search(text) {
                let i = ids[p];
                let spans = match search {
                    Search::Found(found) => found,
                    Search::Fallback => self.entries[i].pattern.find_all(text, tokens),
                };
                spans_of.insert(i, spans);
            }
        }
        for &i in &index.others {
            spans_of.insert(i, self.entries[i].pattern.find_all(text, tokens));
        }
        spans_of
            .into_iter()
            .filter_map(|(i, spans)| {
                let entry = self.entries.get(i)?;
                let first = spans.first()?.clone();
                Some(Hit {
                    entry,
                    matched: text.get(first).unwrap_or_default().to_string(),
                    spans,
                })
            })
            .collect()
    }
}

impl Lexicon {
    fn build_index(&self) -> Index {
        let mut index = Index::default();
        let mut programs = Vec::new();
        let mut ids = Vec::new();
        for (i, e) in self.entries.iter().enumerate() {
            match &e.pattern {
                Pattern::Lemma(l) => index.lemmas.entry(l.clone()).or_default().push(i),
                Pattern::Regex(re) => match re.program() {
                    Some(program) => {
                        programs.push(program.clone());
                        ids.push(i);
                    }
                    None => index.others.push(i),
                },
                _ => index.others.push(i),
            }
        }
        index.regexes = Some((Prefilter::new(programs), ids));
        index
    }
}

impl Pattern {
    /// Byte ranges of every match in the item (tokens carry their spans in
    /// `text`).
    fn find_all(&self, text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
        let all = |pred: &dyn Fn(&str) -> bool| {
            tokens
                .iter()
                .filter(|t| pred(t.base))
                .map(|t| t.span.clone())
                .collect()
        };
        match self {
            Pattern::Lemma(l) => all(&|b| b == l),
            Pattern::Prefix(p) => all(&|b| b.starts_with(p.as_str())),
            Pattern::Suffix(s) => all(&|b| b.ends_with(s.as_str())),
            Pattern::Sequence(seq) => tokens
                .windows(seq.len())
                .filter(|w| w.iter().zip(seq).all(|(t, l)| t.base == l))
                .map(|w| w[0].span.start..w[w.len() - 1].span.end)
                .collect(),
            Pattern::Regex(re) => re.find_iter(text),
        }
    }
}

/// A term with its optional `issue:` / `issue-default:` prefix.
fn parse_term(term: &str) -> Result<(When, Pattern), String> {
    let (when, rest) = if let Some(rest) = term.strip_prefix("issue-default:") {
        (When::IssueDefault, rest)
    } else if let Some(rest) = term.strip_prefix("issue-also:") {
        (When::IssueAlso, rest)
    } else if let Some(rest) = term.strip_prefix("issue:") {
        (When::Issue, rest)
    } else {
        (When::Always, term)
    };
    Ok((when, parse_pattern(rest)?))
}

fn parse_pattern(term: &str) -> Result<Pattern, String> {
    if term.is_empty() {
        return Err("empty term".into());
    }
    if let Some(re) = term.strip_prefix("re:") {
        return LazyRegex::new(re)
            .map(Pattern::Regex)
            .map_err(|e| format!("bad regex {re}: {e}"));
    }
    if term.contains('+') {
        let parts: Vec<String> = term.split('+').map(|p| p.trim().to_string()).collect();
        if parts.iter().any(String::is_empty) {
            return Err(format!("empty part in sequence {term}"));
        }
        return Ok(Pattern::Sequence(parts));
    }
    let stars = term.matches('*').count();
    match (term.strip_prefix('*'), term.strip_suffix('*')) {
        (Some(rest), _) if stars == 1 && !rest.is_empty() => Ok(Pattern::Suffix(rest.into())),
        (_, Some(rest)) if stars == 1 && !rest.is_empty() => Ok(Pattern::Prefix(rest.into())),
        _ if stars == 0 => Ok(Pattern::Lemma(term.into())),
        _ => Err(format!("'*' only at one end of a lemma: {term}")),
    }
}

/// `1=2 4=-1.5` or `①=2 ④=-1.5`.
fn parse_weights(col: &str) -> Result<Weights, String> {
    let mut weights = [0.0; 5];
    let mut any = false;
    for part in col.split_whitespace() {
        let (cat, w) = part
            .split_once('=')
            .ok_or_else(|| format!("weight must be CATEGORY=NUMBER: {part}"))?;
        let idx = match cat {
            "1" | "①" => 0,
            "2" | "②" => 1,
            "3" | "③" => 2,
            "4" | "④" => 3,
            "5" | "⑤" => 4,
            _ => return Err(format!("unknown category {cat}")),
        };
        weights[idx] = w.parse().map_err(|_| format!("not a number: {w}"))?;
        any = true;
    }
    if any {
        Ok(weights)
    } else {
        Err("no weights".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_kind_of_line() {
        let lex = Lexicon::parse(
            "# comment\n!threshold 2.5\n!ratio 0.6\n!list_weight 0.5\n会議\t1=2\n*会議\t①=1\n研修*\t4=1 5=-0.5\t note\n市民+向け\t5=2\nre:24時間\t3=3\n",
        )
        .unwrap();
        assert_eq!(lex.settings.threshold, 2.5);
        assert_eq!(lex.settings.ratio, 0.6);
        assert_eq!(lex.settings.list_weight, 0.5);
        assert_eq!(lex.entries.len(), 5);
        assert!(matches!(lex.entries[0].pattern, Pattern::Lemma(_)));
        assert!(matches!(lex.entries[1].pattern, Pattern::Suffix(_)));
        assert!(matches!(lex.entries[2].pattern, Pattern::Prefix(_)));
        assert!(matches!(lex.entries[3].pattern, Pattern::Sequence(_)));
        assert!(matches!(lex.entries[4].pattern, Pattern::Regex(_)));
        assert_eq!(lex.entries[2].weights, [0.0, 0.0, 0.0, 1.0, -0.5]);
        assert!(lex.entries.iter().all(|e| e.when == When::Always));
    }

    #[test]
    fn parses_issue_entries() {
        let lex =
            Lexicon::parse("issue:re:不足\t2=1\nissue-default:医師\t2=2.5\n会議\t1=2\n").unwrap();
        let whens: Vec<When> = lex.entries.iter().map(|e| e.when).collect();
        assert_eq!(whens, [When::Issue, When::IssueDefault, When::Always]);
        assert!(matches!(lex.entries[0].pattern, Pattern::Regex(_)));
        assert!(matches!(&lex.entries[1].pattern, Pattern::Lemma(l) if l == "医師"));
        assert_eq!(lex.entries[1].source, "issue-default:医師");
        assert!(Lexicon::parse("issue:\t2=1\n").is_err());
        let also = Lexicon::parse("issue-also:re:少な\t2=2.5\n").unwrap();
        assert_eq!(also.entries[0].when, When::IssueAlso);
    }

    #[test]
    fn reports_the_line_of_an_error() {
        let e = Lexicon::parse("会議\t1=2\n研修\t6=1\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(Lexicon::parse("会議 1=2\n").is_err(), "needs a tab");
        assert!(Lexicon::parse("re:(\t1=1\n").is_err());
        assert!(Lexicon::parse("!speed 3\n").is_err());
        assert!(Lexicon::parse("!list_weight x\n").is_err());
        assert!(Lexicon::parse("@topic について\n").is_err(), "needs a tab");
        assert!(Lexicon::parse("@theme\tについて\n").is_err());
        assert!(Lexicon::parse("@event\t会議\n@event\t研修\n").is_err());
    }

    #[test]
    fn parses_topic_rules() {
        let lex =
            Lexicon::parse("!topic_weight 0.5\n@topic\tについて\n@event\t会議|研修\n").unwrap();
        assert_eq!(lex.settings.topic_weight, 0.5);
        assert!(lex
            .topics
            .marker
            .as_ref()
            .is_some_and(|r| r.is_match("Xについて")));
        assert!(lex
            .topics
            .event
            .as_ref()
            .is_some_and(|r| r.is_match("研修")));
        assert!(lex.topics.background.is_none());
    }

    #[test]
    fn the_shipped_lexicon_parses() {
        let lex = Lexicon::parse(LEXICON_TSV).unwrap();
        assert!(lex.entries.len() > 50);
        assert!(
            LEXICON.entries.len() > lex.entries.len(),
            "vocabulary added"
        );
    }

    #[test]
    fn named_lists_words_not_patterns() {
        let e = Lexicon::parse("@named\t会議|部会.*\n").unwrap_err();
        assert!(e.message.contains("is a pattern"), "{}", e.message);
        assert!(Lexicon::parse("@named\t会議\n@named\t部会\n").is_err());
    }

    #[test]
    fn vocabulary_rows_become_entries_and_named_words() {
        let mut lex = Lexicon::parse("@named\t会議\n").unwrap();
        lex.add_vocabulary(
            "作業部会\t1\tmeeting body\t1=2\t名詞-一般\thttps://example.org 作業部会を年4回\n\
             顔が見える関係\t2\tcoordination\t-\t名詞-一般=顔の見える関係\thttps://example.org 顔が見える関係づくり\n\
             re:相談(件数|対応)\t2\tconsultation desk\t2=2.5\t-\thttps://example.org 相談件数を集計\n",
        )
        .unwrap();
        assert_eq!(lex.entries.len(), 2, "a row without weights adds no entry");
        assert!(matches!(&lex.entries[0].pattern, Pattern::Lemma(l) if l == "作業部会"));
        assert_eq!(lex.entries[0].origin, Origin::Vocabulary);
        assert!(matches!(lex.entries[1].pattern, Pattern::Regex(_)));
        let named = lex.topics.named.as_ref().unwrap();
        assert!(named.is_match("作業部会") && named.is_match("会議"));
        assert!(!named.is_match("顔が見える関係"));
    }
}
