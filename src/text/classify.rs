//! Categories ①–⑤ from an item's words, for items that carry no marker.
//!
//! Owns: scoring an item against the category lexicon
//! (`dictionaries/category_lexicon.tsv`, see [`super::lexicon`]) and turning the
//! five scores into zero, one or several categories. Every lexicon entry that
//! fires (a lemma of lindera's tokens, a token sequence, or a regex on the
//! normalised text) adds its weights once; a category is chosen when its score
//! reaches the lexicon's `!threshold` and `!ratio` × the best score. No category
//! is better than a wrong one, so the settings favour precision.
//!
//! Items are read as activities (sections 1, 3, 4) or as issues (section 2,
//! [`Kind::Issue`]: the lexicon's `issue:` entries count too, and its
//! `issue-default:` entries when nothing else decides). An issue's reading
//! then goes to the issue model ([`super::issue_model`]), which decides from
//! it and the issue's words which areas the issue lies in; the areas of its
//! parts still join.
//!
//! Must not know: markers, headings or columns — callers use the classifier only
//! where the form itself says nothing (DECISIONS 8).

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::issue_model::{self, IssueModel, ISSUE_MODEL};
use super::lexicon::{Lexicon, Origin, Settings, Weights, When, LEXICON};
use super::normalize::normalize;
use super::tokenize::{tokenize, OwnedToken};
use super::topics::{bracketed_lists, role_spans, topic_spans};

/// A bracketed marker reference (`会議(①)で`): it names another item's
/// category, not this one's.
static BRACKETED_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[(（][\x{2460}-\x{2473}、・,\s]+[)）]").expect("reference pattern")
});

/// Any other circled number (`②は`, section 2's plain enumeration ①…②…).
static CIRCLED_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\x{2460}-\x{2473}]").expect("circled number pattern"));

/// What a bracketed reference becomes in the classified text, so the lexicon
/// can tell "the ① meeting" (another item's activity) from a meeting held.
pub const REFERENCE_MARK: &str = "〈参照〉";

/// The categories (sorted, distinct, 1–5) the words of `text` point to; empty when
/// nothing fits well enough.
pub fn classify(text: &str) -> Vec<u8> {
    reason(&LEXICON, &prepare(text), Kind::Activity, None).1
}

/// Why `text` gets its categories: the tokens, the lexicon entries that fired
/// and the category scores. `Display` prints it for `shiryo explain`.
pub fn explain(text: &str) -> Explanation {
    explain_with(&LEXICON, text)
}

/// What an item is, for the classifier: an activity (sections 1, 3, 4) or an
/// issue (section 2), whose words name a problem and the area it lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Activity,
    Issue,
}

/// The categories of an issue (an item of section 2): the lexicon's entries
/// for every item, its `issue:` entries, and — when nothing is chosen with
/// those — its `issue-default:` entries (DECISIONS 8).
///
/// The learned second reading ([`issue_model`](super::issue_model)) then
/// decides from the lexicon's reading and the issue's words.
pub fn classify_issue(text: &str) -> Vec<u8> {
    explain_issue(text).categories
}

/// An issue written as several issues in one paragraph (sentences, or an
/// enumeration ①…②…, each part standing alone) gets the categories of each
/// part besides those of the whole: a shortage named in the second sentence
/// lies in ② even when the first names a meeting's problem.
fn with_parts<S>(mut categories: Vec<u8>, parts: &[(S, Vec<u8>)]) -> Vec<u8> {
    categories.extend(parts.iter().flat_map(|(_, c)| c.iter().copied()));
    categories.sort_unstable();
    categories.dedup();
    categories
}

/// Each part of an issue (normalised text) with its own categories; empty
/// for an issue of one part.
fn part_categories<'t>(lexicon: &Lexicon, normalised: &'t str) -> Vec<(&'t str, Vec<u8>)> {
    let parts = issue_parts(normalised);
    if parts.len() < 2 {
        return Vec::new();
    }
    (parts.into_iter())
        .map(|p| (p, reason(lexicon, &mark(p), Kind::Issue, None).1))
        .collect()
}

/// The parts of an issue (normalised text): its sentences (ended by 。 or a
/// line break) and the members of an enumeration by circled numbers; parts
/// of fewer than six characters are not issues of their own.
pub fn issue_parts(prepared: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in prepared.char_indices() {
        let cut_before = ('①'..='⑳').contains(&c) && i > start;
        let cut_after = matches!(c, '。' | '\n');
        if cut_before {
            parts.push(&prepared[start..i]);
            start = i;
        }
        if cut_after {
            let end = i + c.len_utf8();
            parts.push(&prepared[start..end]);
            start = end;
        }
    }
    parts.push(&prepared[start..]);
    parts
        .into_iter()
        .map(str::trim)
        .filter(|p| p.chars().count() >= 6)
        .collect()
}

/// [`explain`] for an issue ([`classify_issue`]).
pub fn explain_issue(text: &str) -> Explanation {
    explain_as(&LEXICON, text, Kind::Issue)
}

/// An issue's categories and what decided them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueReading {
    pub categories: Vec<u8>,
    /// The lexicon read no area in the issue's words: the categories are the
    /// issue model's guess alone, which the form's structure (the issue
    /// beside a response, a row's topic) goes before.
    pub guessed: bool,
}

/// [`classify_issue`], saying whether the categories are only a guess.
pub fn read_issue(text: &str) -> IssueReading {
    let e = explain_issue(text);
    IssueReading {
        guessed: e.lexicon_categories.is_empty() && !e.categories.is_empty(),
        categories: e.categories,
    }
}

/// The categories of an item of section `section`: an issue in section 2, an
/// activity elsewhere.
pub fn classify_in_section(text: &str, section: u8) -> Vec<u8> {
    if section == 2 {
        classify_issue(text)
    } else {
        classify(text)
    }
}

/// [`explain`] with another lexicon (for tests and lexicon experiments).
pub fn explain_with(lexicon: &Lexicon, text: &str) -> Explanation {
    explain_as(lexicon, text, Kind::Activity)
}

/// [`explain_with`] for an item of the given kind; an issue is read by the
/// shipped issue model too.
pub fn explain_as(lexicon: &Lexicon, text: &str, kind: Kind) -> Explanation {
    explain_reading(lexicon, ISSUE_MODEL.as_ref(), text, kind)
}

/// [`explain_as`] with another issue model, or none (the lexicon alone).
pub fn explain_reading(
    lexicon: &Lexicon,
    model: Option<&IssueModel>,
    text: &str,
    kind: Kind,
) -> Explanation {
    let prepared = prepare(text);
    let mut tokens = Vec::new();
    let (hits, whole, scores) = reason(lexicon, &prepared, kind, Some(&mut tokens));
    let parts: Vec<(String, Vec<u8>)> = match kind {
        Kind::Issue => (part_categories(lexicon, &normalize(text)).into_iter())
            .map(|(p, c)| (p.to_string(), c))
            .collect(),
        Kind::Activity => Vec::new(),
    };
    // The model reads the whole issue as the lexicon read it; each part is
    // an issue of its own whose area joins (structure, not words).
    let read = with_parts(whole.clone(), &parts);
    let (categories, probabilities) = match model.filter(|_| kind == Kind::Issue) {
        Some(model) => {
            let x = issue_model::features(&scores, &whole, &tokens);
            let decided = model.decide(&x, &whole);
            (with_parts(decided, &parts), Some(model.probabilities(&x)))
        }
        None => (read.clone(), None),
    };
    Explanation {
        text: prepared,
        kind,
        tokens,
        hits,
        scores,
        settings: lexicon.settings,
        parts,
        whole_categories: whole,
        lexicon_categories: read,
        probabilities,
        categories,
    }
}

/// The lexicon's hits on `prepared` (read as `kind`), the categories they
/// decide and the scores; the tokens are copied into `keep` when an
/// explanation asks for them.
fn reason(
    lexicon: &Lexicon,
    prepared: &str,
    kind: Kind,
    keep: Option<&mut Vec<OwnedToken>>,
) -> (Vec<HitView>, Vec<u8>, Weights) {
    let tokens = tokenize(prepared);
    let lists = bracketed_lists(prepared);
    let topics = topic_spans(prepared, &tokens, &lexicon.topics);
    let roles = role_spans(prepared, &lexicon.topics);
    // A list inside a topic is still a topic.
    let lists_or_topics: Vec<Range<usize>> = lists.iter().chain(&topics).cloned().collect();
    let settings = lexicon.settings;
    let within = |spans: &[Range<usize>], ranges: &[Range<usize>]| {
        spans
            .iter()
            .all(|s| ranges.iter().any(|r| r.start <= s.start && s.end <= r.end))
    };
    let counts_here = |when: When| match when {
        When::Always => true,
        When::Issue | When::IssueDefault | When::IssueAlso => kind == Kind::Issue,
    };
    let (all_hits, default_hits): (Vec<_>, Vec<_>) = lexicon
        .hits(prepared, &tokens)
        .into_iter()
        .filter(|h| counts_here(h.entry.when))
        .partition(|h| h.entry.when != When::IssueDefault);
    let (also_hits, all_hits): (Vec<_>, Vec<_>) = all_hits
        .into_iter()
        .partition(|h| h.entry.when == When::IssueAlso);
    let mut hits: Vec<HitView> = all_hits
        .into_iter()
        .map(|h| {
            let scope = if within(&h.spans, &lists) {
                Scope::List
            } else if within(&h.spans, &roles) && kind == Kind::Activity {
                Scope::Role
            } else if within(&h.spans, &lists_or_topics) {
                Scope::Topic
            } else {
                Scope::Activity
            };
            HitView {
                pattern: h.entry.source.clone(),
                matched: h.matched,
                weights: h.entry.weights,
                scope,
                line: h.entry.line,
                origin: h.entry.origin,
            }
        })
        .collect();
    let mut scores = scores_of(&hits, settings);
    let mut categories = decide(&scores, settings);
    // A category whose words all lie in lists or topics names what the
    // activity is about; beside a category the activity itself shows, it is
    // not chosen.
    let shown_by_activity = |c: u8| {
        hits.iter().any(|h| {
            matches!(h.scope, Scope::Activity | Scope::Role) && h.weights[usize::from(c - 1)] > 0.0
        })
    };
    if categories.iter().any(|&c| shown_by_activity(c)) {
        categories.retain(|&c| shown_by_activity(c));
    }
    // Topics weigh less only beside an activity that decides: when nothing
    // reaches a category with them discounted, the topic is all the item says
    // (a 説明会 on the 入退院支援ルール is about that rule).
    let topics_dropped = categories.is_empty() && hits.iter().any(|h| h.scope == Scope::Topic);
    if topics_dropped {
        for h in hits.iter_mut().filter(|h| h.scope == Scope::Topic) {
            h.scope = Scope::TopicKept;
        }
        scores = scores_of(&hits, settings);
        categories = decide(&scores, settings);
    }
    // An issue whose words name no area that decides falls to its default
    // reading (a shortage of providers: the area's resources, ②).
    if categories.is_empty() && !default_hits.is_empty() {
        hits.extend(default_hits.into_iter().map(|h| HitView {
            pattern: h.entry.source.clone(),
            matched: h.matched,
            weights: h.entry.weights,
            scope: Scope::IssueDefault,
            line: h.entry.line,
            origin: h.entry.origin,
        }));
        scores = scores_of(&hits, settings);
        categories = decide(&scores, settings);
    }
    // An area the issue names besides (`issue-also:`): chosen when its own
    // entries reach the threshold, whatever the best.
    if !also_hits.is_empty() {
        let also: Vec<HitView> = also_hits
            .into_iter()
            .map(|h| HitView {
                pattern: h.entry.source.clone(),
                matched: h.matched,
                weights: h.entry.weights,
                scope: Scope::IssueAlso,
                line: h.entry.line,
                origin: h.entry.origin,
            })
            .collect();
        let own = scores_of(&also, settings);
        for (c, &s) in (1u8..=5).zip(&own) {
            if s >= settings.threshold - 1e-4 && !categories.contains(&c) {
                categories.push(c);
            }
        }
        categories.sort_unstable();
        hits.extend(also);
        scores = scores_of(&hits, settings);
    }
    if let Some(keep) = keep {
        keep.extend(tokens.iter().map(OwnedToken::from));
    }
    (hits, categories, scores)
}

/// Capped sums of the hits' weights × factors.
fn scores_of(hits: &[HitView], settings: Settings) -> Weights {
    let mut scores = [0.0f32; 5];
    for hit in hits {
        let factor = hit.scope.factor(settings);
        for (s, w) in scores.iter_mut().zip(hit.weights) {
            *s += w * factor;
        }
    }
    for s in &mut scores {
        *s = s.min(settings.cap);
    }
    scores
}

/// Normalised text; bracketed marker references become [`REFERENCE_MARK`] and
/// other circled numbers a space, so no marker leaks into the decision.
fn prepare(text: &str) -> String {
    mark(&normalize(text))
}

/// Normalised text as classified: marker references marked, circled numbers
/// removed.
fn mark(normalised: &str) -> String {
    let marked = BRACKETED_REFERENCE.replace_all(normalised, REFERENCE_MARK);
    CIRCLED_NUMBER.replace_all(&marked, " ").trim().to_string()
}

/// Categories whose (capped) score reaches both the threshold and `ratio` ×
/// the best.
fn decide(scores: &Weights, settings: Settings) -> Vec<u8> {
    let best = scores.iter().copied().fold(f32::MIN, f32::max);
    let floor = settings.threshold.max(settings.ratio * best);
    // Sums of decimal weights: allow for float rounding at the boundary.
    let floor = floor - 1e-4;
    (1u8..=5)
        .zip(scores)
        .filter(|&(_, &s)| s >= floor)
        .map(|(c, _)| c)
        .collect()
}

/// One lexicon entry that fired, as `explain` shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HitView {
    /// The entry's pattern as written in the lexicon.
    pub pattern: String,
    /// The text it matched in the item.
    pub matched: String,
    pub weights: Weights,
    /// Where its matches lie; its weights count × [`Scope::factor`].
    pub scope: Scope,
    /// Line in `dictionaries/category_lexicon.tsv`, or in
    /// `dictionaries/vocabulary.tsv` (see `origin`).
    pub line: usize,
    pub origin: Origin,
}

/// Where an entry's matches lie in the item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// At least one match names what the item does.
    Activity,
    /// Every match lies inside a bracketed list.
    List,
    /// Every match lies in a topic or background ([`super::topics`]), or
    /// partly in a bracketed list.
    Topic,
    /// Every match lies in the clause that says what the activity counts as
    /// (`…ネットワークづくりとして`).
    Role,
    /// As `Topic`, but counted in full: with topics discounted nothing was
    /// chosen.
    TopicKept,
    /// An `issue-default:` entry of an issue, counted because nothing was
    /// chosen without it.
    IssueDefault,
    /// An `issue-also:` entry of an issue: its category is chosen when such
    /// entries alone reach the threshold.
    IssueAlso,
}

impl Scope {
    /// What a hit's weights count for here: 1, or the lexicon's
    /// `list_weight`, `topic_weight` or `role_weight`.
    pub fn factor(self, settings: Settings) -> f32 {
        match self {
            Scope::Activity | Scope::TopicKept | Scope::IssueDefault | Scope::IssueAlso => 1.0,
            Scope::List => settings.list_weight,
            Scope::Topic => settings.topic_weight,
            Scope::Role => settings.role_weight,
        }
    }

    fn note(self) -> &'static str {
        match self {
            Scope::Activity => "",
            Scope::List => " (in a bracketed list)",
            Scope::Topic => " (in a topic or background)",
            Scope::Role => " (in the clause saying what the activity counts as)",
            Scope::TopicKept => " (in a topic, counted in full: nothing else decides)",
            Scope::IssueDefault => " (the issue's default reading: nothing else decides)",
            Scope::IssueAlso => " (an area the issue names besides: chosen on its own)",
        }
    }
}

/// The full reasoning behind one classification.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The text as classified: normalised, marker references removed.
    pub text: String,
    /// Read as an activity or as an issue (section 2).
    pub kind: Kind,
    pub tokens: Vec<OwnedToken>,
    pub hits: Vec<HitView>,
    /// Score per category, index 0 = ①.
    pub scores: Weights,
    pub settings: Settings,
    /// An issue of several parts: each part and its own categories, which
    /// join those of the whole.
    pub parts: Vec<(String, Vec<u8>)>,
    /// The lexicon's categories of the whole text (its parts' aside).
    pub whole_categories: Vec<u8>,
    /// The lexicon's categories (the whole's and its parts').
    pub lexicon_categories: Vec<u8>,
    /// An issue read by the issue model: each category's probability.
    pub probabilities: Option<[f64; 5]>,
    /// The result, as [`classify`] returns it.
    pub categories: Vec<u8>,
}

impl Explanation {
    /// The issue model's features of this reading (its trainer's input).
    pub fn issue_features(&self) -> issue_model::Features {
        issue_model::features(&self.scores, &self.whole_categories, &self.tokens)
    }
}

const CATEGORY_NAMES: [&str; 5] = [
    "①会議の開催",
    "②地域の資源の把握・関係機関との調整",
    "③急変時対応等の体制構築等",
    "④在宅医療に係る研修",
    "⑤在宅医療の普及啓発",
];
const MARKS: [&str; 5] = ["①", "②", "③", "④", "⑤"];

fn weights_str(w: &Weights) -> String {
    w.iter()
        .zip(MARKS)
        .filter(|(w, _)| **w != 0.0)
        .map(|(w, m)| format!("{m}{w:+}"))
        .collect::<Vec<_>>()
        .join(" ")
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let read_as = match self.kind {
            Kind::Activity => "",
            Kind::Issue => " (read as an issue, section 2)",
        };
        writeln!(f, "text: {}{read_as}", self.text)?;
        writeln!(f, "tokens ({}):", self.tokens.len())?;
        for t in &self.tokens {
            let base = if t.base != t.surface {
                format!(" → {}", t.base)
            } else {
                String::new()
            };
            writeln!(f, "  {}{}\t{},{}", t.surface, base, t.pos, t.pos_detail)?;
        }
        writeln!(f, "lexicon hits ({}):", self.hits.len())?;
        for h in &self.hits {
            let factor = match h.scope {
                Scope::Activity => String::new(),
                Scope::TopicKept | Scope::IssueDefault | Scope::IssueAlso => {
                    format!("  ×1{}", h.scope.note())
                }
                _ => format!("  × {}{}", h.scope.factor(self.settings), h.scope.note()),
            };
            let file = match h.origin {
                Origin::Lexicon => "line",
                Origin::Vocabulary => "vocab",
            };
            writeln!(
                f,
                "  {file} {:>3}  {}  [{}]  {}{factor}",
                h.line,
                h.pattern,
                h.matched,
                weights_str(&h.weights)
            )?;
        }
        let best = self.scores.iter().copied().fold(f32::MIN, f32::max);
        writeln!(
            f,
            "scores (capped at {}; need ≥ {} and ≥ {} × best = {:.2}):",
            self.settings.cap,
            self.settings.threshold,
            self.settings.ratio,
            self.settings.ratio * best
        )?;
        for (name, s) in CATEGORY_NAMES.iter().zip(self.scores) {
            writeln!(f, "  {s:>6.2}  {name}")?;
        }
        if !self.parts.is_empty() {
            writeln!(
                f,
                "parts (each an issue of its own; their categories join):"
            )?;
            for (part, cats) in &self.parts {
                let names: Vec<&str> = cats
                    .iter()
                    .map(|&c| CATEGORY_NAMES[usize::from(c - 1)])
                    .collect();
                writeln!(
                    f,
                    "  {part} → {}",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                )?;
            }
        }
        if let Some(p) = self.probabilities {
            let names = |cats: &[u8]| -> String {
                let n: Vec<&str> = cats.iter().map(|&c| MARKS[usize::from(c - 1)]).collect();
                if n.is_empty() {
                    "none".into()
                } else {
                    n.concat()
                }
            };
            let shown: Vec<String> = (p.iter().zip(MARKS))
                .map(|(p, m)| format!("{m} {p:.2}"))
                .collect();
            writeln!(
                f,
                "lexicon: {}; issue model (chosen above 0.50; none chosen keeps the lexicon's): {}",
                names(&self.lexicon_categories),
                shown.join("  ")
            )?;
        }
        let chosen: Vec<&str> = self
            .categories
            .iter()
            .map(|&c| CATEGORY_NAMES[usize::from(c - 1)])
            .collect();
        if chosen.is_empty() {
            write!(f, "categories: none")
        } else {
            write!(f, "categories: {}", chosen.join(", "))
        }
    }
}

/// Micro-averaged agreement of predicted with expected category sets.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Figures {
    /// Items measured.
    pub items: usize,
    /// Predicted categories that were expected.
    pub true_positives: usize,
    /// Predicted categories that were not expected.
    pub false_positives: usize,
    /// Expected categories that were not predicted.
    pub false_negatives: usize,
}

impl Figures {
    /// Adds one item.
    pub fn add(&mut self, predicted: &[u8], expected: &[u8]) {
        self.items += 1;
        let tp = predicted.iter().filter(|c| expected.contains(c)).count();
        self.true_positives += tp;
        self.false_positives += predicted.len() - tp;
        self.false_negatives += expected.len() - tp;
    }

    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for Figures {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "items {:>3}  P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            self.items,
            self.precision(),
            self.recall(),
            self.f1(),
            self.true_positives,
            self.false_positives,
            self.false_negatives
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(tsv: &str) -> Lexicon {
        Lexicon::parse(tsv).unwrap()
    }

    #[test]
    fn marker_references_are_removed() {
        assert_eq!(
            prepare("③⑤会議(①)で協議した計画"),
            "会議〈参照〉で協議した計画"
        );
        assert_eq!(prepare("中で①住民の理解②共有"), "中で 住民の理解 共有");
    }

    #[test]
    fn threshold_and_ratio_decide() {
        let s = Settings {
            threshold: 2.0,
            ratio: 0.5,
            ..Settings::default()
        };
        assert_eq!(decide(&[3.0, 1.6, 0.0, 0.0, 2.0], s), vec![1, 5]);
        assert_eq!(decide(&[1.9, 0.0, 0.0, 0.0, 0.0], s), Vec::<u8>::new());
        assert_eq!(decide(&[8.0, 0.0, 3.0, 0.0, 0.0], s), vec![1]);
        assert_eq!(decide(&[0.0; 5], s), Vec::<u8>::new());
    }

    #[test]
    fn an_area_named_besides_is_chosen_on_its_own() {
        let l = lex("!threshold 2.5\n!ratio 0.6\n研修\t4=5\nissue-also:re:少な\t2=2.5\n");
        // Beside a training that scores 5, ② at 2.5 is under the ratio
        // (0.6 × 5 = 3) but chosen: an issue-also entry stands on its own.
        let e = explain_as(&l, "研修の機会が少ない", Kind::Issue);
        assert_eq!(e.categories, vec![2, 4], "{e}");
        assert!(e.to_string().contains("chosen on its own"), "{e}");
        // It counts for issues only.
        let e = explain_as(&l, "研修の機会が少ない", Kind::Activity);
        assert_eq!(e.categories, vec![4], "{e}");
        // Under the threshold it adds nothing.
        let l = lex("!threshold 2.5\n研修\t4=5\nissue-also:re:少な\t2=2\n");
        assert_eq!(
            explain_as(&l, "研修の機会が少ない", Kind::Issue).categories,
            vec![4]
        );
    }

    #[test]
    fn a_match_only_inside_a_bracketed_list_counts_less() {
        let l = lex("!threshold 2\n!ratio 0.5\n!list_weight 0.5\n研修\t4=2\n");
        let e = explain_with(&l, "課題「相談・研修」");
        assert_eq!(e.scores[3], 1.0);
        assert!(e.categories.is_empty());
        assert!(e.to_string().contains("× 0.5 (in a bracketed list)"), "{e}");
        // One match outside the list is enough for the full weight.
        let e = explain_with(&l, "研修の課題「相談・研修」");
        assert_eq!(e.scores[3], 2.0);
        assert_eq!(e.categories, vec![4]);
    }

    #[test]
    fn figures_are_micro_averaged() {
        let mut f = Figures::default();
        f.add(&[1], &[1]);
        f.add(&[1, 2], &[2, 3]);
        f.add(&[], &[4]);
        assert_eq!(
            (f.true_positives, f.false_positives, f.false_negatives),
            (2, 1, 2)
        );
        assert!((f.precision() - 2.0 / 3.0).abs() < 1e-9);
        assert!((f.recall() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn each_entry_counts_once() {
        let l = lex("!threshold 1\n!ratio 0.5\n会議\t1=1\n");
        let e = explain_with(&l, "会議と会議と会議");
        assert_eq!(e.scores[0], 1.0);
        assert_eq!(e.categories, vec![1]);
    }

    #[test]
    fn explanation_shows_tokens_hits_and_scores() {
        let l = lex("!threshold 1\n!ratio 0.5\n研修会\t4=2\n");
        let out = explain_with(&l, "研修会を開催").to_string();
        assert!(out.contains("研修会\t名詞"), "{out}");
        assert!(out.contains("line   3  研修会  [研修会]  ④+2"), "{out}");
        assert!(out.contains("categories: ④在宅医療に係る研修"), "{out}");
    }
}
