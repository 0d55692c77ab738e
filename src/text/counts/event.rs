//! The counted thing of each count (`event`): the noun compound the sentence
//! holds N times — found from the tokens' structure, not from a list of names.
//!
//! Owns: reading words (lindera tokens, or character classes when the tokenizer
//! gives none) around a count and picking the compound it counts.
//!
//! Must not know: the count grammar (callers pass the counts' spans).
//!
//! Order of the rules (docs/DATES_COUNTS.md, "event"):
//! 1. a count in a bracket counts what stands before the bracket: the object
//!    of a holding word (`会議を開催(9/11 1回)`, `懇話会の開催(2回)`,
//!    `…連絡会開催(7回)`) or the compound itself (`会議(12回開催予定中…)`), or
//!    the compound just before the count inside the bracket;
//! 2. a gathering marked by を, or written straight, before the count
//!    (`研修を2回、講演会を1回開催`, `会議3回、講演会1回`), `N回の X` (`前半3回の会議`, `月1回程度の連絡会議`), else the object of the
//!    first holding word after the count in its clause (`研修会を3回実施`);
//! 3. a count with none takes the event of a later count in the same sentence
//!    (`行政とは毎月、…隔月で意見交換会を行った`);
//! 4. else the nearest gathering compound before it in the sentence (after it
//!    when there is none before), outside other parentheses.
//!
//! The event is the compound's head: `会議` for any compound in …会議,
//! else its last word, with a suffix or a one-character last word joined to
//! the word before (`学習` + `会`); trailing 等/など are dropped. Rules 1 (a bare compound), 3 and 4 and the light verb
//! 行う only accept a head that names a gathering (ends in 会, 議, 座, 修, 義
//! or 演); 開催/実施 vouch for their object.

use crate::text::dates::chars::{is_hiragana, is_kanji, is_katakana, is_open_bracket, Chars};
use crate::text::dates::clause::Layout;
use crate::text::tokenize::{tokenize, Token};
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Noun,
    Suffix,
    Prefix,
    Particle,
    Verb,
    Aux,
    Symbol,
    Number,
    /// Part of one of the counts being explained.
    Count,
    Other,
}

#[derive(Debug, Clone)]
struct Word<'a> {
    span: Range<usize>,
    kind: Kind,
    surface: &'a str,
    base: &'a str,
    from_tokens: bool,
}

/// The event of each count (`spans`, in order), None where the sentence names none.
pub(super) fn events(text: &str, layout: &Layout, spans: &[Range<usize>]) -> Vec<Option<String>> {
    let mut words = words_of(text);
    for w in &mut words {
        if spans
            .iter()
            .any(|s| w.span.start < s.end && s.start < w.span.end)
        {
            w.kind = Kind::Count;
        }
    }
    let tokens = words.iter().any(|w| w.from_tokens);
    let r = Reader {
        text,
        words,
        layout,
        parens: parens(text),
        tokens,
    };
    let direct: Vec<Option<String>> = spans.iter().map(|s| r.direct(s)).collect();
    spans
        .iter()
        .enumerate()
        .map(|(k, s)| {
            direct[k].clone().or_else(|| {
                let sentence_end = sentence(text, s).end;
                let later = (k + 1..spans.len())
                    .take_while(|&j| spans[j].start < sentence_end)
                    .find_map(|j| direct[j].clone());
                later.or_else(|| r.nearest(s))
            })
        })
        .map(|e| e.filter(|e| !is_manner(e)))
        .collect()
}

struct Reader<'a, 'l> {
    text: &'a str,
    words: Vec<Word<'a>>,
    layout: &'l Layout,
    /// Parenthesis ranges (not quotes), as byte ranges including the brackets.
    parens: Vec<Range<usize>>,
    /// Whether the words came from the tokenizer (else character classes).
    tokens: bool,
}

impl Reader<'_, '_> {
    /// Rules 1 and 2.
    fn direct(&self, count: &Range<usize>) -> Option<String> {
        let overlaps = |w: &Word| w.span.start < count.end && count.start < w.span.end;
        let first = self.words.iter().position(overlaps)?;
        let last = self.words.iter().rposition(overlaps).unwrap_or(first);
        if let Some(inner) = self.layout.bracket(count) {
            // Inside the bracket, just before the count: (チーム会議 3回).
            let mut h = first;
            while h > 0 && self.words[h - 1].surface.trim().is_empty() {
                h -= 1;
            }
            if let Some(h) = h
                .checked_sub(1)
                .filter(|&h| self.words[h].span.start >= inner.start)
            {
                if let Some(e) = self.compound_head(h).filter(|e| gathering(e)) {
                    return Some(e);
                }
            }
            let open = self.text[..inner.start]
                .char_indices()
                .last()
                .map_or(0, |(o, _)| o);
            if let Some(e) = self.before(open).and_then(|h| self.governed(h)) {
                return Some(e);
            }
        }
        // A gathering marked by を right before the count (Xを3回、Yを1回開催:
        // whatever verb the sentence shares later) or written straight
        // before it (会議3回、講演会1回) is what it counts.
        if let Some(p) = first.checked_sub(1) {
            let w = &self.words[p];
            let head = if w.kind == Kind::Particle && w.surface == "を" {
                p.checked_sub(1)
            } else {
                (w.span.end == self.words[first].span.start).then_some(p)
            };
            if let Some(e) = head.and_then(|k| self.head_at(k)).filter(|e| gathering(e)) {
                return Some(e);
            }
        }
        // N回(程度)の X
        let mut j = last + 1;
        while self.words.get(j).is_some_and(|w| is_degree(w.surface)) {
            j += 1;
        }
        if self
            .words
            .get(j)
            .is_some_and(|w| w.kind == Kind::Particle && w.surface == "の")
        {
            // 月1回程度の頻度で開催: a rate is not the thing; read on.
            if let Some(e) = self.compound_from(j + 1).filter(|e| !is_manner(e)) {
                return Some(e);
            }
        }
        // The first holding word after the count in its clause.
        let clause_end = self.layout.clause(count).end;
        let h = (last + 1..self.words.len())
            .take_while(|&i| self.words[i].span.end <= clause_end)
            .find(|&i| self.holding(i).is_some())?;
        self.object_of(h)
    }

    /// Index of the last word ending at or before byte `b`, skipping spaces and 。.
    fn before(&self, b: usize) -> Option<usize> {
        let mut i = self.words.iter().rposition(|w| w.span.end <= b)?;
        while matches!(self.words[i].surface.trim(), "" | "。") {
            i = i.checked_sub(1)?;
        }
        Some(i)
    }

    /// What the words ending at `h` hold: after a verb chain (`行っている`,
    /// `開催した`) the object of its holding word, else the compound (a gathering).
    fn governed(&self, mut h: usize) -> Option<String> {
        loop {
            let w = &self.words[h];
            let auxiliary = w.kind == Kind::Aux
                || (w.kind == Kind::Verb
                    && matches!(
                        w.base,
                        "する" | "いる" | "ある" | "おる" | "続ける" | "いく"
                    ))
                || (w.kind == Kind::Particle && matches!(w.surface, "て" | "で"));
            if !auxiliary || h == 0 {
                break;
            }
            h -= 1;
        }
        if self.holding(h).is_some() {
            return self.object_of(h);
        }
        self.head_at(h).filter(|e| gathering(e))
    }

    /// The head of the compound ending at word `h`, or, when `h` closes a
    /// quote or a 【…】, of the title it closes: the gathering named just
    /// before the title (`講演会「在宅医療のいま」を`), else the title's own
    /// last compound (`【ACP研修】を`, `「…の会」の開催`).
    fn head_at(&self, h: usize) -> Option<String> {
        let Some(open) = closer_of(self.words[h].surface) else {
            return self.compound_head(h);
        };
        let o = (0..h)
            .rev()
            .find(|&i| self.words[i].surface.ends_with(open));
        if let Some(o) = o {
            let named = o
                .checked_sub(1)
                .filter(|&p| self.words[p].span.end == self.words[o].span.start)
                .and_then(|p| self.head_at(p))
                .filter(|e| gathering(e));
            if named.is_some() {
                return named;
            }
        }
        let inner = self.compound_head(h.checked_sub(1)?);
        // A round bracket is an aside (`出前講座（人生会議）`, `勉強会(…対象)`):
        // what it holds is the thing only when it names a gathering.
        if matches!(open, '(' | '（') {
            return inner.filter(|e| gathering(e));
        }
        inner
    }

    /// Some(true) for 開催/実施 (which vouch for their object), Some(false) for
    /// the light verb 行う/開く, None otherwise.
    fn holding(&self, i: usize) -> Option<bool> {
        let w = &self.words[i];
        match w.kind {
            Kind::Noun if matches!(w.surface, "開催" | "実施") => Some(true),
            Kind::Verb if matches!(w.base, "行う" | "おこなう" | "開く" | "催す") => {
                Some(false)
            }
            _ => None,
        }
    }

    /// The thing held by the holding word at `h`: `X開催`, `Xを…開催`, `Xの開催`.
    fn object_of(&self, h: usize) -> Option<String> {
        let vouched = self.holding(h)?;
        // 開催/実施 vouch for any object but a body (`…は地区医師会の会議室で
        // 実施`: the 医師会 is where, not what).
        let accept = |e: String| {
            (vouched && !is_manner(&e) && !names_no_gathering(&e) || gathering(&e)).then_some(e)
        };
        if let Some(p) = h.checked_sub(1) {
            let pw = &self.words[p];
            // 年10回程度開催: a degree word before 開催 is not what is held.
            if is_compound_kind(pw.kind)
                && pw.span.end == self.words[h].span.start
                && !is_degree(pw.surface)
            {
                match self.compound_head(p) {
                    // 会議を書面開催: the manner, not the thing; look further back.
                    Some(e) if is_manner(&e) => {}
                    other => return other.and_then(accept),
                }
            }
        }
        let lo = h.saturating_sub(24);
        for i in (lo..h).rev() {
            let w = &self.words[i];
            if w.kind == Kind::Symbol
                && w.surface
                    .chars()
                    .any(|c| matches!(c, '、' | '。') || is_open_bracket(c))
            {
                return None;
            }
            // 講演会が2回開催された: what is held is the subject, if it is a
            // gathering (市が2回開催: the holder, look no further).
            if w.kind == Kind::Particle && w.surface == "が" {
                return i
                    .checked_sub(1)
                    .and_then(|k| self.compound_head(k))
                    .filter(|e| gathering(e));
            }
            if w.kind == Kind::Particle && matches!(w.surface, "を" | "の" | "は" | "も") {
                // `Xの` ties X to what follows it: to the holding word
                // (`懇話会の開催`) or to the count before it (`…の2回開催`),
                // else to a noun of its own (`通いの場で実施`: a place).
                if w.surface == "の"
                    && i + 1 != h
                    && self.words.get(i + 1).is_none_or(|n| n.kind != Kind::Count)
                {
                    continue;
                }
                // Xを対象に, Xを中心に are not what is held.
                let next = self.words.get(i + 1).map_or("", |n| n.surface);
                if matches!(
                    next,
                    "対象" | "中心" | "目的" | "テーマ" | "通じ" | "元" | "もと"
                ) {
                    continue;
                }
                let k = i.checked_sub(1)?;
                // 3回の開催: the count is what the particle ties to 開催;
                // nothing further back is what is held.
                if self.words[k].kind == Kind::Count {
                    return None;
                }
                // 午前・午後の2回開催: what stands before `の N回` says which
                // sessions, not what is held, unless it is a gathering.
                let of_count = w.surface == "の"
                    && self.words.get(i + 1).is_some_and(|n| n.kind == Kind::Count);
                if let Some(e) = self.head_at(k) {
                    if of_count && !gathering(&e) {
                        continue;
                    }
                    return accept(e);
                }
            }
        }
        None
    }

    /// Indices of the compound ending at word `h` (Noun/Suffix/Prefix words
    /// touching each other; holding nouns and counts break it).
    fn compound_ending(&self, h: usize) -> Option<Range<usize>> {
        let ok = |i: usize| is_compound_kind(self.words[i].kind) && self.holding(i).is_none();
        if !ok(h) {
            return None;
        }
        let mut s = h;
        while s > 0 && ok(s - 1) && self.words[s - 1].span.end == self.words[s].span.start {
            s -= 1;
        }
        Some(s..h + 1)
    }

    /// The head of the compound ending at `h`; none when the compound is a
    /// counter after a number (`12月3日の2回開催`: 3 + 日 is a date, `5名`
    /// a quantity), which is never the thing held.
    fn compound_head(&self, h: usize) -> Option<String> {
        let r = self.compound_ending(h)?;
        let counted = self.words[r.start].kind == Kind::Suffix
            && r.start
                .checked_sub(1)
                .map(|p| &self.words[p])
                .is_some_and(|p| {
                    p.kind == Kind::Number && p.span.end == self.words[r.start].span.start
                });
        if counted {
            return None;
        }
        self.head(&self.words[r])
    }

    /// The head of the compound starting at word `i`.
    fn compound_from(&self, i: usize) -> Option<String> {
        let r = self.compound_ending_at_run(i)?;
        self.head(&self.words[r])
    }

    /// Rule 4: the nearest gathering compound in the count's sentence.
    fn nearest(&self, count: &Range<usize>) -> Option<String> {
        let sent = sentence(self.text, count);
        let foreign = |r: &Range<usize>| {
            self.parens.iter().any(|p| {
                p.start <= r.start
                    && r.end <= p.end
                    && !(p.start <= count.start && count.end <= p.end)
            })
        };
        let mut best_before: Option<(usize, String)> = None;
        let mut best_after: Option<(usize, String)> = None;
        let mut i = 0;
        while i < self.words.len() {
            let Some(r) = self.compound_ending_at_run(i) else {
                i += 1;
                continue;
            };
            let span = self.words[r.start].span.start..self.words[r.end - 1].span.end;
            i = r.end;
            if span.start < sent.start || span.end > sent.end || foreign(&span) {
                continue;
            }
            let Some(e) = self.head(&self.words[r.clone()]).filter(|e| gathering(e)) else {
                continue;
            };
            // `連絡会と合同で勉強会を開催`: the partner is not what is held.
            if self.partner_at(r.end) {
                continue;
            }
            if span.end <= count.start {
                best_before = Some((count.start - span.end, e));
            } else if span.start >= count.end && best_after.is_none() {
                best_after = Some((span.start - count.end, e));
            }
        }
        best_before.or(best_after).map(|(_, e)| e)
    }

    /// Whether the words from `i` say that the compound before them is a
    /// partner of what is held: と合同で, と共催で, と共同で.
    fn partner_at(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| w.surface == "と")
            && self
                .words
                .get(i + 1)
                .is_some_and(|w| matches!(w.surface, "合同" | "共催" | "共同"))
    }

    /// The maximal compound starting at word `i`, if one starts there.
    fn compound_ending_at_run(&self, i: usize) -> Option<Range<usize>> {
        let ok = |k: usize| {
            self.words.get(k).is_some_and(|w| is_compound_kind(w.kind)) && self.holding(k).is_none()
        };
        if !ok(i) {
            return None;
        }
        let mut e = i;
        while ok(e + 1) && self.words[e].span.end == self.words[e + 1].span.start {
            e += 1;
        }
        Some(i..e + 1)
    }

    /// The head of a compound (see the module docs).
    fn head(&self, ws: &[Word]) -> Option<String> {
        let mut ws = ws;
        while let Some((last, rest)) = ws.split_last() {
            if !rest.is_empty()
                && matches!(last.surface, "等" | "など" | "ら" | "たち" | "他" | "ほか")
            {
                ws = rest;
            } else {
                break;
            }
        }
        if !self.tokens {
            let all: String = ws.iter().map(|w| w.surface).collect();
            return (!all.is_empty()).then(|| fallback_head(&all));
        }
        // Any gathering in …会議 is a 会議 (連絡会議, 意見交換会 + 議, 検討会議),
        // any in …講座 a 講座 (出前講座, 市民公開講座), and so for the other
        // kinds of gathering (同行研修 → 研修, 市民フォーラム → フォーラム):
        // the kind, however the dictionary cuts the compound — the field's
        // vocabulary makes many such compounds one word.
        let whole: String = ws.iter().map(|w| w.surface).collect();
        // 人生会議 is the popular name of ACP, never a meeting held.
        if whole.ends_with("人生会議") {
            return Some("人生会議".into());
        }
        for kind in GATHERING_KINDS {
            if whole.ends_with(kind) {
                return Some(kind.into());
            }
        }
        let (last, rest) = ws.split_last()?;
        let head = match rest.last() {
            // A suffix (会) or a one-character word joins the word before it:
            // 交流 学習 会 → 学習会.
            Some(prev) if last.kind == Kind::Suffix || last.surface.chars().count() == 1 => {
                format!("{}{}", prev.surface, last.surface)
            }
            _ => last.surface.to_string(),
        };
        Some(if head.ends_with('会') {
            shortest_word_ending(&head)
        } else {
            head
        })
    }
}

/// The shortest ending of `head` (three characters or more) that the
/// dictionary knows as one noun: 交流学習会 → 学習会, while 意見交換会 stays
/// whole (交換会 is no word) and 研修会 is itself.
fn shortest_word_ending(head: &str) -> String {
    let cs: Vec<char> = head.chars().collect();
    for n in 3..cs.len() {
        let tail: String = cs[cs.len() - n..].iter().collect();
        let toks = tokenize(&tail);
        if let [t] = toks.as_slice() {
            if t.pos == "名詞" && t.surface == tail {
                return tail;
            }
        }
    }
    head.to_string()
}

/// When, how, how often or whether a thing is held, never the thing: the
/// year (`次年度は`), the manner
/// (`書面開催`, `オンライン形式`, `対面`), the plan or record words
/// (`開催予定`, `実施計画`, `目標`) and the rate (`月1回程度の頻度で`,
/// `月1回のペースで`, `全4回のうち`).
fn is_manner(head: &str) -> bool {
    matches!(
        head,
        // When, not what: 次年度は3回開催する予定.
        "年度"
            | "今後"
            | "頻度"
            | "ペース"
            | "うち"
            | "程度"
            | "間隔"
            | "割合"
            | "予定"
            | "計画"
            | "目標"
            | "実績"
            | "書面"
            | "オンライン"
            | "Web"
            | "WEB"
            | "web"
            | "ウェブ"
            | "対面"
            | "集合"
            | "ハイブリッド"
            | "リモート"
            | "現地"
            | "方式"
            | "形式"
    )
}

/// Words of degree after a count (`3回程度`), never the counted thing.
fn is_degree(surface: &str) -> bool {
    matches!(surface, "程度" | "ずつ" | "ほど" | "以上" | "前後" | "位")
}

fn is_compound_kind(k: Kind) -> bool {
    matches!(k, Kind::Noun | Kind::Suffix | Kind::Prefix)
}

/// The opener of a quote or title bracket that `s` closes.
fn closer_of(s: &str) -> Option<char> {
    match s {
        "」" => Some('「'),
        "』" => Some('『'),
        "】" => Some('【'),
        ")" => Some('('),
        "）" => Some('（'),
        _ => None,
    }
}

/// The sentence around `span`: between the 。 before it and the 。 after it.
fn sentence(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = text
        .get(..span.start)
        .and_then(|t| t.rfind('。'))
        .map_or(0, |i| i + '。'.len_utf8());
    let end = text
        .get(span.end..)
        .and_then(|t| t.find('。'))
        .map_or(text.len(), |i| span.end + i);
    start..end
}

/// Parenthesis ranges (round and square brackets, not quotes).
fn parens(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' | '[' | '［' | '【' | '〔' => stack.push(i),
            ')' | '）' | ']' | '］' | '】' | '〕' => {
                if let Some(s) = stack.pop() {
                    out.push(s..i + c.len_utf8());
                }
            }
            _ => {}
        }
    }
    // A 【…】 that opens the text is its heading (`【①会議の開催】年4回`),
    // not an aside: what it names is what the text is about.
    let lead = text.len() - text.trim_start().len();
    out.retain(|r| !(r.start == lead && text[lead..].starts_with('【')));
    out
}

/// Kinds of gathering that end a compound naming one: the compound's event is
/// the kind (DATES_COUNTS.md, *event*). A head in …会 is cut by its own rule.
const GATHERING_KINDS: [&str; 8] = [
    "会議",
    "講座",
    "研修",
    "フォーラム",
    "シンポジウム",
    "セミナー",
    "カンファレンス",
    "ワークショップ",
];

/// A head that names a gathering: a compound that ends in one of the kinds
/// (会議, 講座, 研修, セミナー …), in 講義, 講演, 教室, サロン, カフェ or a
/// working group (WG, ワーキング), or in 会 — but not an association that merely
/// ends in 会 (医師会, 薬剤師会, 看護協会, 自治会, 学会) nor a word in …会 that
/// names no gathering (機会, 社会, 都会). 協議, 審議, 口座 or 監修 name no
/// gathering, although they end as 会議, 講座 and 研修 do.
fn gathering(head: &str) -> bool {
    const OTHER_KINDS: [&str; 14] = [
        "会合",
        "集い",
        "つどい",
        "講義",
        "講演",
        "公演",
        "教室",
        "サロン",
        "カフェ",
        "ミーティング",
        "WG",
        "ＷＧ",
        "ワーキング",
        "ワーキンググループ",
    ];
    !names_no_gathering(head)
        && (GATHERING_KINDS
            .iter()
            .chain(OTHER_KINDS.iter())
            .any(|k| head.ends_with(k))
            || head.ends_with('会'))
}

/// A head in …会 that names a body (医師会, 看護協会, 自治会, 学会) or no
/// gathering at all (機会, 社会, 都会): never what is held.
fn names_no_gathering(head: &str) -> bool {
    const NOT_HELD: [&str; 12] = [
        "人生会議",
        "医師会",
        "薬剤師会",
        "協会",
        "社会福祉協議会",
        "自治会",
        "町内会",
        "老人会",
        "学会",
        "機会",
        "社会",
        "都会",
    ];
    NOT_HELD.iter().any(|a| head.ends_with(a))
}

/// The head of a character-class compound (no tokenizer): 会議 for …会議,
/// the last three characters for …会 (研修会, 連絡会), a trailing katakana
/// word, else the last two characters.
fn fallback_head(s: &str) -> String {
    let cs: Vec<char> = s.chars().collect();
    let tail = |n: usize| cs[cs.len().saturating_sub(n)..].iter().collect::<String>();
    if s.ends_with("会議") {
        return "会議".into();
    }
    if s.ends_with('会') {
        return tail(3);
    }
    let kata = cs
        .iter()
        .rev()
        .take_while(|&&c| is_katakana(c) || c == 'ー')
        .count();
    if kata >= 2 {
        return tail(kata);
    }
    tail(2)
}

/// The words of `text`: lindera tokens, or character-class runs when the
/// tokenizer gives none.
fn words_of(text: &str) -> Vec<Word<'_>> {
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return fallback_words(text);
    }
    tokens.iter().filter_map(|t| word_of(text, t)).collect()
}

fn word_of<'a>(text: &'a str, t: &Token<'a>) -> Option<Word<'a>> {
    let surface = text.get(t.span.clone())?;
    // Lindera reads unknown ASCII punctuation as nouns: `(`, `)、`.
    let symbolic = !surface.chars().any(char::is_alphanumeric);
    let kind = match (t.pos, t.pos_detail) {
        _ if symbolic => Kind::Symbol,
        ("名詞", "接尾") => Kind::Suffix,
        ("名詞", "数") => Kind::Number,
        ("名詞", "非自立" | "代名詞") => Kind::Other,
        ("名詞", _) => Kind::Noun,
        ("接頭詞", _) => Kind::Prefix,
        ("助詞", _) => Kind::Particle,
        ("助動詞", _) => Kind::Aux,
        ("動詞", _) => Kind::Verb,
        ("記号", _) => Kind::Symbol,
        _ if surface
            .chars()
            .all(|c| is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic()) =>
        {
            Kind::Noun
        }
        _ => Kind::Other,
    };
    let base = if t.base.is_empty() || t.base == "*" {
        surface
    } else {
        t.base
    };
    Some(Word {
        span: t.span.clone(),
        kind,
        surface,
        base,
        from_tokens: true,
    })
}

/// Character-class words: kanji/katakana/Latin runs are nouns (split before and
/// after 開催, 実施 and 回), digit runs numbers, hiragana runs particles (a
/// leading one-character particle split off), anything else one symbol each.
fn fallback_words(text: &str) -> Vec<Word<'_>> {
    let c = Chars::new(text);
    let mut out = Vec::new();
    let class = |ch: char| -> u8 {
        if crate::text::dates::chars::is_digit(ch) {
            1
        } else if is_kanji(ch) || is_katakana(ch) || ch.is_ascii_alphabetic() || ch == 'ー' {
            2
        } else if is_hiragana(ch) {
            3
        } else {
            4
        }
    };
    let mut push = |a: usize, b: usize, kind: Kind| {
        if let Some(s) = text.get(c.off(a)..c.off(b)) {
            out.push(Word {
                span: c.off(a)..c.off(b),
                kind,
                surface: s,
                base: "",
                from_tokens: false,
            });
        }
    };
    let mut i = 0;
    while i < c.len() {
        let k = class(c.at(i).unwrap_or(' '));
        let mut j = i + 1;
        while k != 4 && j < c.len() && class(c.at(j).unwrap_or(' ')) == k {
            j += 1;
        }
        match k {
            1 => push(i, j, Kind::Number),
            2 => {
                let mut a = i;
                let mut m = i;
                while m < j {
                    let cut = ["開催", "実施"]
                        .iter()
                        .find(|w| c.starts_with(m, w))
                        .map(|w| w.chars().count())
                        .or_else(|| (c.at(m) == Some('回')).then_some(1));
                    if let Some(n) = cut {
                        if a < m {
                            push(a, m, Kind::Noun);
                        }
                        push(m, m + n, Kind::Noun);
                        m += n;
                        a = m;
                    } else {
                        m += 1;
                    }
                }
                if a < j {
                    // 行 before kana is the verb 行う (を行った).
                    let is_verb =
                        j - a == 1 && c.at(a) == Some('行') && c.at(j).is_some_and(is_hiragana);
                    push(a, j, if is_verb { Kind::Verb } else { Kind::Noun });
                }
            }
            3 => {
                let first = c.at(i).unwrap_or(' ');
                if j - i > 1 && "をのはがもにでとへ".contains(first) && !c.starts_with(i, "おこな")
                {
                    push(i, i + 1, Kind::Particle);
                    push(
                        i + 1,
                        j,
                        if c.starts_with(i + 1, "おこな") {
                            Kind::Verb
                        } else {
                            Kind::Particle
                        },
                    );
                } else {
                    push(
                        i,
                        j,
                        if c.starts_with(i, "おこな") {
                            Kind::Verb
                        } else {
                            Kind::Particle
                        },
                    );
                }
            }
            _ => push(i, j, Kind::Symbol),
        }
        i = j;
    }
    for w in &mut out {
        if w.kind == Kind::Verb {
            w.base = "行う";
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_heads() {
        assert_eq!(fallback_head("救急活動検討会議"), "会議");
        assert_eq!(fallback_head("門真市在宅医療連携拠点事業連絡会"), "連絡会");
        assert_eq!(fallback_head("市民公開講座"), "講座");
    }

    /// The events of `text`'s counts from character-class words only (what
    /// `events` does when the tokenizer gives no tokens).
    fn fallback_events(text: &str) -> Vec<Option<String>> {
        let c = Chars::new(text);
        let spans: Vec<Range<usize>> = text
            .match_indices('回')
            .filter_map(|(i, _)| {
                let k = c.index_of(i);
                let s = (0..k)
                    .rev()
                    .take_while(|&j| c.at(j).is_some_and(crate::text::dates::chars::is_digit))
                    .last()?;
                Some(c.off(s)..i + '回'.len_utf8())
            })
            .collect();
        let mut words = fallback_words(text);
        for w in &mut words {
            if spans
                .iter()
                .any(|s| w.span.start < s.end && s.start < w.span.end)
            {
                w.kind = Kind::Count;
            }
        }
        let layout = Layout::new(text, &[]);
        let r = Reader {
            text,
            words,
            layout: &layout,
            parens: parens(text),
            tokens: false,
        };
        spans
            .iter()
            .map(|s| r.direct(s).or_else(|| r.nearest(s)))
            .collect()
    }

    #[test]
    fn events_without_tokens() {
        assert_eq!(
            fallback_events("研修会を3回実施"),
            [Some("研修会".to_string())]
        );
        assert_eq!(
            fallback_events("救急活動検討会議を開催(9/11 1回)"),
            [Some("会議".to_string())]
        );
        assert_eq!(
            fallback_events("拠点事業連絡会開催(7回)"),
            [Some("連絡会".to_string())]
        );
        assert_eq!(
            fallback_events("懇話会の開催(2回)"),
            [Some("懇話会".to_string())]
        );
        assert_eq!(fallback_events("積極的医療機関(6回)"), [None]);
    }

    #[test]
    fn sentences_and_parens() {
        let t = "A。会議(4回)。B";
        let i = t.find("4回").unwrap_or(0);
        assert_eq!(&t[sentence(t, &(i..i + 4))], "会議(4回)");
        assert_eq!(parens(t).len(), 1);
    }
}
