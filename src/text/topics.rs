//! Which parts of an item name topics rather than what the item does.
//!
//! Owns: finding, in the normalised text of one item, the byte ranges whose
//! words are the subject matter of an activity, not the activity:
//!
//! - **bracketed lists** — 「…」, 『…』 or (…) whose contents enumerate: a
//!   meeting's agenda, a training's themes, a list of findings;
//! - **topics of an event** — the clause before a topic marker (について,
//!   に関する, のための, に向けた … — `@topic` in the lexicon) when a meeting
//!   or a training (`@event`) follows in the same sentence:
//!   `…多職種連携体制づくりについて協議`, `…24時間体制の構築に向けた会議`;
//! - **the name of an event** — the run of nouns written straight before an
//!   event noun: `ICTネットワークシステム説明会`, `急変時対応研修`;
//! - **background** — the clause before a background marker (を踏まえ, をもとに
//!   — `@background`): what the activity builds on, not the activity;
//!
//! and the opposite, **roles** — the clause before `@role` (として, の一環):
//! what the writer says the activity counts as (`ネットワークづくりとして
//! 連絡会議を開催`), weighed more.
//!
//! A word that names a meeting, a body that meets or a tool (`@named`: 会議,
//! 協議会, 部会, WG, ツール, シート …, and the vocabulary's meeting and tool
//! terms) is **never a topic where it is the subject**: the head of the noun
//! phrase that starts a sentence, or the head of a noun phrase followed by
//! は, では, が or も (`在宅医療部会ではACPの普及方策について協議` — the
//! 部会 met; `運営委員会 事業計画について協議`). Its words are cut out of the
//! topic spans; the rest of the clause stays a topic.
//!
//! The classifier weighs lexicon hits inside such ranges less (DECISIONS 8,
//! docs/TEXT_LAYER.md "Classifier", steps 4 and 5). The patterns live in the lexicon file so
//! that a reader can see and change them; this module only applies them.
//!
//! Must not know: categories or weights.

use std::ops::Range;

use super::pattern::LazyRegex;

use super::tokenize::Token;

/// The lexicon's patterns for topics (`@topic`, `@event`, `@background`
/// lines); a missing pattern finds nothing.
#[derive(Debug, Clone, Default)]
pub struct TopicRules {
    /// Ends a topic clause: について, に関する, のための, に向けた …
    pub marker: Option<LazyRegex>,
    /// An event whose topic the clause names: 会議, 研修, 説明会 …
    pub event: Option<LazyRegex>,
    /// Ends a background clause: を踏まえ, をもとに …
    pub background: Option<LazyRegex>,
    /// Ends the clause that says what the activity counts as: として, の一環 …
    pub role: Option<LazyRegex>,
    /// Words that name a meeting, a body that meets or a tool: 会議, 協議会,
    /// 部会, ツール, シート … (`@named`, plus the vocabulary's meeting and
    /// tool terms).
    pub named: Option<NamedWords>,
}

/// A list of literal words, found leftmost-first in the order given (as the
/// alternation `a|b|c` would be), by an Aho-Corasick automaton that is cheap
/// to build: a regex over some hundreds of words spent most of a one-file
/// run's start building its prefilter.
#[derive(Debug, Clone)]
pub struct NamedWords {
    words: Vec<String>,
    automaton: aho_corasick::AhoCorasick,
}

impl NamedWords {
    /// The automaton over `words`; an error for an empty word or a list too
    /// large for it.
    pub fn new(words: Vec<String>) -> Result<NamedWords, String> {
        if words.iter().any(String::is_empty) {
            return Err("an empty word".into());
        }
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(&words)
            .map_err(|e| e.to_string())?;
        Ok(NamedWords { words, automaton })
    }

    /// The words, in their order.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Byte ranges of the words found, left to right, without overlaps.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        self.automaton.find_iter(text).map(|m| m.range())
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }
}

/// Inner byte ranges of the bracketed lists in `text`: 「…」, 『…』 or (…)
/// (nested brackets are found too) whose contents enumerate — a `・`, `、` or
/// `,`, or `や` … `等` — such as a meeting's agenda
/// (担当者会議「方向性決定・情報共有・打合せ」), the themes of a training
/// ((在宅医療について(…)、急変時対応について(…))) or a list of findings
/// (「…」「保険請求や同行研修等の機会」等の支援ニーズ).
pub fn bracketed_lists(text: &str) -> Vec<Range<usize>> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut lists = Vec::new();
    for (i, c) in text.char_indices() {
        let closes = match c {
            '「' | '『' | '(' => {
                open.push((c, i + c.len_utf8()));
                continue;
            }
            '」' => '「',
            '』' => '『',
            ')' => '(',
            _ => continue,
        };
        // An unbalanced closing bracket closes nothing.
        let Some(pos) = open.iter().rposition(|&(o, _)| o == closes) else {
            continue;
        };
        let start = open[pos].1;
        open.truncate(pos);
        let inner = &text[start..i];
        let enumerates = inner.contains(['・', '、', ','])
            || inner.find('や').is_some_and(|p| inner[p..].contains('等'));
        if enumerates {
            lists.push(start..i);
        }
    }
    lists
}

/// Byte ranges of `text` that name the topic or the background of an
/// activity (see the module doc), sorted by start; they may overlap.
pub fn topic_spans(text: &str, tokens: &[Token], rules: &TopicRules) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    if let (Some(marker), Some(event)) = (&rules.marker, &rules.event) {
        for m in marker.find_iter(text) {
            let rest = &text[m.end..sentence_end(text, m.end)];
            if event
                .find_iter(rest)
                .into_iter()
                .any(|e| !names_a_place(&rest[e.end..]))
            {
                spans.push(clause_start(text, m.start)..m.start);
            }
        }
    }
    if let Some(background) = &rules.background {
        for m in background.find_iter(text) {
            spans.push(clause_start(text, m.start)..m.start);
        }
    }
    if let Some(event) = &rules.event {
        for m in event.find_iter(text) {
            if let Some(name) = noun_run_before(tokens, m.start) {
                spans.push(name);
            }
        }
    }
    let subjects = named_subjects(text, tokens, rules);
    let mut spans: Vec<Range<usize>> = spans
        .into_iter()
        .flat_map(|s| subtract(s, &subjects))
        .collect();
    spans.retain(|s| !s.is_empty());
    spans.sort_by_key(|s| (s.start, s.end));
    spans.dedup();
    spans
}

/// Byte ranges of the words that name a meeting, a body that meets or a tool
/// (`@named`) where they are the subject: the head (last noun) of a noun phrase
/// that starts a sentence, or of one followed by は, では, が or も. Each range
/// covers the whole tokens the name lies in.
pub fn named_subjects(text: &str, tokens: &[Token], rules: &TopicRules) -> Vec<Range<usize>> {
    let Some(named) = &rules.named else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for m in named.find_iter(text) {
        // The tokens the name lies in.
        let Some(first) = tokens.iter().position(|t| t.span.end > m.start) else {
            continue;
        };
        let Some(last) = tokens[first..]
            .iter()
            .position(|t| t.span.end >= m.end)
            .map(|k| first + k)
        else {
            continue;
        };
        let is_noun = |t: &Token| t.pos == "名詞";
        // The name must end its word (作業部会, not 部会長) and be a noun.
        if tokens[last].span.end != m.end || !tokens[first..=last].iter().all(is_noun) {
            continue;
        }
        // The head of its noun phrase: no noun written straight after it.
        let next = tokens.get(last + 1);
        if next.is_some_and(|n| is_noun(n) && n.span.start == tokens[last].span.end) {
            continue;
        }
        let after = text[tokens[last].span.end..].trim_start_matches(['」', '』', ')']);
        let subject_particle = ["は", "では", "が", "も"]
            .iter()
            .any(|p| after.starts_with(p))
            && !after.starts_with("がん");
        if subject_particle || starts_a_sentence(text, tokens, first) {
            out.push(tokens[first].span.start..tokens[last].span.end);
        }
    }
    out
}

/// True when the noun phrase holding token `i` starts a sentence: only nouns
/// and prefixes (第1回 …) before it, back to the start of the text, a 。 or a
/// line break.
fn starts_a_sentence(text: &str, tokens: &[Token], i: usize) -> bool {
    let mut start = tokens[i].span.start;
    for t in tokens[..i].iter().rev() {
        if t.span.end != start || !(t.pos == "名詞" || t.pos == "接頭詞") {
            break;
        }
        start = t.span.start;
    }
    let before = text[..start].trim_end_matches([' ', '\t', '　']);
    before.is_empty() || before.ends_with(['。', '\n', '\r'])
}

/// `span` minus every range in `holes`: zero, one or more ranges.
fn subtract(span: Range<usize>, holes: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut parts = vec![span];
    for hole in holes {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                if hole.end <= p.start || p.end <= hole.start {
                    return vec![p];
                }
                let mut kept = Vec::new();
                if p.start < hole.start {
                    kept.push(p.start..hole.start);
                }
                if hole.end < p.end {
                    kept.push(hole.end..p.end);
                }
                kept
            })
            .collect();
    }
    parts
}

/// Byte ranges of the clauses that say what the activity counts as
/// (`…ネットワークづくりとして、連絡会議を開催`, `普及啓発の一環として`): the
/// writer's own filing, weighed more by the classifier.
pub fn role_spans(text: &str, rules: &TopicRules) -> Vec<Range<usize>> {
    let Some(role) = &rules.role else {
        return Vec::new();
    };
    role.find_iter(text)
        .into_iter()
        .map(|m| clause_start(text, m.start)..m.start)
        .filter(|s| !s.is_empty())
        .collect()
}

/// True when the text after an event names it as the place of something else
/// (`…連絡会にて調査`, `…会議において作成`, `…会議で`; `会議では` reports what
/// the meeting did): the event is then not what the topic is about.
fn names_a_place(after: &str) -> bool {
    let after = after.trim_start_matches(['」', '』', ')', ' ']);
    after.starts_with("にて")
        || after.starts_with("において")
        || (after.starts_with('で') && !after.starts_with("では"))
}

/// Start of the clause that ends at `at`: just after the last 、 or 。 before it.
fn clause_start(text: &str, at: usize) -> usize {
    text[..at]
        .rfind(['、', '。'])
        .map_or(0, |p| p + '、'.len_utf8())
}

/// End of the sentence that holds `at`: the next 。 or the end of the text.
fn sentence_end(text: &str, at: usize) -> usize {
    text[at..].find('。').map_or(text.len(), |p| at + p)
}

/// The nouns written without a break straight before byte `at` (the name of
/// the event that starts there), when `at` is a token boundary; an audience
/// (…向け, …対象) ends the name.
fn noun_run_before(tokens: &[Token], at: usize) -> Option<Range<usize>> {
    let mut i = tokens.iter().position(|t| t.span.end == at)?;
    let end = at;
    let mut start = at;
    loop {
        let t = &tokens[i];
        // The audience (専門職向け研修, 市民対象の講座) is not the topic.
        let audience = t.base == "向け" || t.base == "対象";
        if t.pos != "名詞" || t.span.end != start || audience {
            break;
        }
        start = t.span.start;
        if i == 0 {
            break;
        }
        i -= 1;
    }
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize::tokenize;

    fn rules() -> TopicRules {
        TopicRules {
            marker: Some(LazyRegex::new("について|に向けた").unwrap()),
            event: Some(LazyRegex::new("会議|説明会|協議").unwrap()),
            background: Some(LazyRegex::new("を踏まえ").unwrap()),
            role: Some(LazyRegex::new("として").unwrap()),
            named: Some(
                NamedWords::new(
                    ["会議", "部会", "委員会", "ツール"]
                        .map(String::from)
                        .to_vec(),
                )
                .unwrap(),
            ),
        }
    }

    fn spans(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        topic_spans(text, &tokens, &rules())
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn named_words_find_what_their_alternation_finds() {
        let words = ["作業部会", "部会", "会議", "連絡会議", "ツール"].map(String::from);
        let named = NamedWords::new(words.to_vec()).unwrap();
        let alternation = regex::Regex::new(&words.join("|")).unwrap();
        for text in [
            "作業部会と連絡会議を開催",
            "部会長会議",
            "ICTツールの部会",
            "なし",
        ] {
            let a: Vec<Range<usize>> = named.find_iter(text).collect();
            let b: Vec<Range<usize>> = alternation.find_iter(text).map(|m| m.range()).collect();
            assert_eq!(a, b, "{text}");
        }
        assert!(NamedWords::new(vec![String::new()]).is_err());
    }

    #[test]
    fn bracketed_lists_are_found() {
        let t = "担当者会議「方向性決定・情報共有」(5月)と「安心カード」、研修(在宅医療について(6/1)、看取りについて)";
        let lists: Vec<&str> = bracketed_lists(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            lists,
            vec![
                "方向性決定・情報共有",
                "在宅医療について(6/1)、看取りについて"
            ]
        );
        let t = "「保険請求や同行研修等の機会」等";
        assert_eq!(bracketed_lists(t), vec![3..t.len() - 6]);
        assert!(bracketed_lists("a)b(「c・d").is_empty());
    }

    #[test]
    fn a_topic_needs_an_event_after_it() {
        assert_eq!(
            spans("11月は、連携体制づくりについて協議予定"),
            vec!["連携体制づくり"]
        );
        assert_eq!(
            spans("資源の把握、24時間体制の構築に向けた会議を開催"),
            vec!["24時間体制の構築"]
        );
        // No meeting or training follows: the clause is what is done.
        assert!(spans("「安心カード」について10月から配布開始").is_empty());
        // An event named as the place of the activity is not its topic.
        assert!(spans("救急搬送について各連絡会にて調査").is_empty());
        assert_eq!(spans("救急搬送について会議で協議"), vec!["救急搬送"]);
        // The event must be in the same sentence.
        assert!(spans("体制づくりについて検討。会議は未定").is_empty());
    }

    #[test]
    fn an_event_name_and_a_background_are_topics() {
        assert_eq!(
            spans("ICTネットワークシステム説明会を開催"),
            vec!["ICTネットワークシステム"]
        );
        assert_eq!(
            spans("研修を行う。多職種連携の強化を踏まえ、体制を検討"),
            vec!["多職種連携の強化"]
        );
        assert!(spans("説明会を開催").is_empty());
        assert!(
            spans("専門職向け説明会を開催").is_empty(),
            "an audience is no topic"
        );
    }

    #[test]
    fn a_role_is_the_clause_before_its_marker() {
        let t = "整備を目的に、関係機関とのネットワークづくりとして連絡会議を開催";
        let roles: Vec<&str> = role_spans(t, &rules()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(roles, vec!["関係機関とのネットワークづくり"]);
        assert!(role_spans("として", &rules()).is_empty());
    }

    #[test]
    fn a_named_subject_is_no_topic() {
        // The 部会 is the subject (では): it met. Its topic stays a topic.
        assert_eq!(
            spans("在宅医療部会ではACPの普及方策について協議"),
            vec!["在宅医療", "ではACPの普及方策"]
        );
        // A meeting at the start of a sentence, its agenda after it (運営
        // names the committee: the name of an event stays its topic).
        assert_eq!(
            spans("運営委員会 事業計画について協議。"),
            vec!["運営", " 事業計画"]
        );
        // Not the head of its phrase (部会 names the WG's parent), or not
        // the subject: still a topic.
        assert_eq!(
            spans("入退院支援部会長について協議"),
            vec!["入退院支援部会長"]
        );
        assert_eq!(
            spans("救急搬送の会議資料について協議"),
            vec!["救急搬送の会議資料"]
        );
        // A tool named in a training's name is that training's topic.
        assert_eq!(spans("ICTツール説明会を開催"), vec!["ICTツール"]);
    }

    #[test]
    fn subtract_cuts_holes() {
        assert_eq!(subtract(0..10, &[2..4, 8..12]), vec![0..2, 4..8]);
        let whole = 0..10;
        let none: Vec<Range<usize>> = Vec::new();
        assert_eq!(subtract(0..10, std::slice::from_ref(&whole)), none);
        let before = 0..2;
        assert_eq!(subtract(3..5, std::slice::from_ref(&before)), vec![3..5]);
    }
}
