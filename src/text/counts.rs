//! Meeting counts and frequencies in item text (SPEC §2 "Count").
//!
//! Owns: finding `N回` counts (`（4回）`, `7回開催`, `12回開催予定中`), their
//! periods (`年間5回`, `月1回`, `2か月に1回`, `1回/月`) and the bare
//! frequencies (`毎月`, `隔月`, `隔週` …); `planned` by the clause rule of
//! [`super::dates`]; the counted thing (`event`, in submodule `event`). Rules where
//! SPEC is silent are in `docs/DATES_COUNTS.md`.
//!
//! Must not know: items, sections or warnings.
//!
//! Not counts: ordinals (`第1回`, `1回目`) and every other counter (`4つ`,
//! `2種類`, `7診療所`, `1コマ`, `2施設`, `112名` …): only 回 and the frequency
//! words count.

mod event;

use super::dates::chars::{digit, is_digit, is_kanji, is_tilde, Chars};
use super::dates::clause::Layout;
use super::dates::list_joins;
use super::TextContext;
use std::ops::Range;

/// The period of a frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Year,
    Month,
    Week,
}

impl Per {
    /// The name written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
            Per::Week => "week",
        }
    }
}

/// One count or frequency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountFact {
    /// The count as written: number and 回 with its period words (`年間5回`,
    /// `月1回`, `毎月`) or the part of the series it names (`前半3回`,
    /// `残り3回`, `全5回`); other words around it (開催, 程度) stay out.
    pub text: String,
    pub value: u32,
    pub per: Option<Per>,
    pub every: u32,
    pub planned: bool,
    /// The thing counted (会議, 研修会 …) when the sentence names it.
    pub event: Option<String>,
    /// Byte range of `text` in the input.
    pub span: Range<usize>,
}

/// Every count in `text` (normalised per SPEC §3), in order of appearance.
pub fn find_counts(text: &str, ctx: &TextContext) -> Vec<CountFact> {
    let c = Chars::new(text);
    let raws = scan(&c, text);
    if raws.is_empty() {
        return Vec::new();
    }
    let layout = Layout::new(text, &list_joins(text));
    let spans: Vec<Range<usize>> = raws.iter().map(|r| r.span.clone()).collect();
    let events = event::events(text, &layout, &spans);
    raws.into_iter()
        .zip(events)
        .map(|(r, event)| {
            let planned = ctx.plan_section || layout.says_planned(&r.span);
            CountFact {
                text: r.text,
                value: r.value,
                per: r.per,
                every: r.every,
                planned,
                event,
                span: r.span,
            }
        })
        .collect()
}

struct Raw {
    text: String,
    span: Range<usize>,
    value: u32,
    per: Option<Per>,
    every: u32,
}

/// Words naming a part or the whole of a series, kept in a count's text.
const QUALIFIERS: [&str; 7] = ["前半", "後半", "残り", "合計", "延べ", "計", "全"];

/// The units of an interval after a number (`2か月`, `2週間`, `3年`).
const INTERVAL_UNITS: [(&str, Per); 8] = [
    ("か月", Per::Month),
    ("ヶ月", Per::Month),
    ("ケ月", Per::Month),
    ("カ月", Per::Month),
    ("ヵ月", Per::Month),
    ("箇月", Per::Month),
    ("週間", Per::Week),
    ("年", Per::Year),
];

/// Bare frequency words: (word, period, every).
const FREQUENCY_WORDS: [(&str, Per, u32); 6] = [
    ("毎月", Per::Month, 1),
    ("毎週", Per::Week, 1),
    ("毎年", Per::Year, 1),
    ("隔月", Per::Month, 2),
    ("隔週", Per::Week, 2),
    ("隔年", Per::Year, 2),
];

fn scan(c: &Chars, text: &str) -> Vec<Raw> {
    let slice = |a: usize, b: usize| text.get(c.off(a)..c.off(b)).unwrap_or("").to_string();
    let mut out: Vec<Raw> = Vec::new();
    let mut covered_to = 0; // character index up to which facts were found
    let mut i = 0;
    while i < c.len() {
        if c.at(i) == Some('回') {
            if let Some(f) = count_at(c, i) {
                if f.start >= covered_to {
                    out.push(Raw {
                        text: slice(f.start, f.end),
                        span: c.off(f.start)..c.off(f.end),
                        value: f.value,
                        per: f.per,
                        every: f.every,
                    });
                    covered_to = f.end;
                }
            }
        } else if i >= covered_to {
            if let Some(&(w, per, every)) =
                FREQUENCY_WORDS.iter().find(|(w, _, _)| c.starts_with(i, w))
            {
                // 毎月曜 is every Monday: weekly.
                let per = if w == "毎月" && c.at(i + 2) == Some('曜') {
                    Per::Week
                } else {
                    per
                };
                // A number+回 after it makes one fact with it (毎月1回): left to 回.
                if !number_and_kai_follow(c, i + 2) {
                    out.push(Raw {
                        text: slice(i, i + 2),
                        span: c.off(i)..c.off(i + 2),
                        value: 1,
                        per: Some(per),
                        every,
                    });
                    covered_to = i + 2;
                }
            }
        }
        i += 1;
    }
    out
}

/// True when (after に/で and spaces) a number and 回 follow `i`.
fn number_and_kai_follow(c: &Chars, i: usize) -> bool {
    let mut j = c.skip_spaces(i);
    if matches!(c.at(j), Some('に' | 'で')) {
        j = c.skip_spaces(j + 1);
    }
    let k = if let Some((_, k)) = c.number(j, 4) {
        k
    } else {
        let mut k = j;
        while c.at(k).is_some_and(|ch| kanji_digit(ch).is_some()) {
            k += 1;
        }
        k
    };
    k > j && c.at(c.skip_spaces(k)) == Some('回')
}

struct Found {
    start: usize,
    end: usize,
    value: u32,
    per: Option<Per>,
    every: u32,
}

/// The count whose 回 is at `kai`, or None for an ordinal or a 回 without a number.
fn count_at(c: &Chars, kai: usize) -> Option<Found> {
    if c.at(kai + 1) == Some('目') {
        return None; // 1回目
    }
    // 回答, 回収, 回覧 …: 回 begins a word, it counts nothing (218回答).
    if c.at(kai + 1).is_some_and(|k| KAI_WORDS.contains(&k)) {
        return None;
    }
    let num_end = c.skip_spaces_back(kai);
    let (value, num_start) = number_before(c, num_end)?;
    if value == 0 {
        return None;
    }
    // 1回90分, 1回あたり30名, 参加費1回500円: one session as the unit of
    // another quantity, not a count of sessions.
    if value == 1 && per_session(c, kai + 1) {
        return None;
    }
    // 前年度より2回多い, 1回増: a difference between two counts, not one.
    if is_difference(c, kai + 1) {
        return None;
    }
    // 月1～2回, 5～6回: a range of counts is one fact, its value the number
    // written before 回 (the upper end).
    let num_start = range_start(c, num_start, value);
    let before = c.skip_spaces_back(num_start);
    if c.before(before) == Some('第') {
        return None; // 第1回
    }
    let mut end = kai + 1;
    let (mut start, mut per, mut every) = (num_start, None, 1);
    if let Some((s, p, e)) = period_before(c, before) {
        (start, per, every) = (s, Some(p), e);
    } else {
        if let Some((p, n, e)) = period_after(c, end) {
            (per, every, end) = (Some(p), n, e);
        }
        // 前半3回, 残り3回: the part of a series stays in the text, and so
        // does a period before it (年間延べ30回).
        if let Some(q) = QUALIFIERS.iter().find(|q| c.ends_with(before, q)) {
            start = before - q.chars().count();
            if per.is_none() {
                if let Some((s, p, e)) = period_before(c, c.skip_spaces_back(start)) {
                    (start, per, every) = (s, Some(p), e);
                }
            }
        }
    }
    Some(Found {
        start,
        end,
        value,
        per,
        every,
    })
}

/// Kanji that make a word with a 回 before them (回答, 回収, 回覧, 回復 …).
const KAI_WORDS: &[char] = &[
    '答', '収', '覧', '復', '避', '転', '診', '帰', '路', '線', '想', '顧', '廊',
];

/// True when what follows a 回 at `i` makes its number a difference:
/// 多い/多く/多かった, 少ない/少なく, 増/減 (増加, 減少), 上回/下回 — not
/// 多 alone (`年3回多職種研修会`).
fn is_difference(c: &Chars, i: usize) -> bool {
    let j = c.skip_spaces(i);
    ["多い", "多く", "多か", "少な", "増", "減", "上回", "下回"]
        .iter()
        .any(|w| c.starts_with(j, w))
}

/// True when what follows a 回 at `i` makes it a unit: あたり/当たり/につき,
/// or a number with a unit of time, people or money (90分, 30名, 500円).
fn per_session(c: &Chars, i: usize) -> bool {
    let j = c.skip_spaces(i);
    if ["あたり", "当たり", "につき"]
        .iter()
        .any(|w| c.starts_with(j, w))
    {
        return true;
    }
    let mut k = j;
    while c.at(k).is_some_and(|ch| is_digit(ch) || ch == ',') {
        k += 1;
    }
    k > j
        && ["分", "時間", "名", "人", "円", "千円", "万円"]
            .iter()
            .any(|u| c.starts_with(k, u))
}

/// The number ending at `end` (ASCII, full-width or kanji): value and start.
/// A thousands separator joins the groups (`1,240回` is 1240).
fn number_before(c: &Chars, end: usize) -> Option<(u32, usize)> {
    let mut s = end;
    while s > 0 && c.at(s - 1).is_some_and(is_digit) && end - s < 4 {
        s -= 1;
    }
    if s < end {
        if c.before(s).is_some_and(is_digit) {
            return None; // longer than 4 digits
        }
        let v = (s..end)
            .filter_map(|k| c.at(k).and_then(digit))
            .fold(0u32, |v, d| v * 10 + d);
        if end - s == 3 && c.before(s) == Some(',') {
            // 1,240: up to three digits before the separator.
            let g_end = s - 1;
            let mut g = g_end;
            while g > 0 && c.at(g - 1).is_some_and(is_digit) && g_end - g < 3 {
                g -= 1;
            }
            if g < g_end && !c.before(g).is_some_and(|b| is_digit(b) || b == ',') {
                let lead = (g..g_end)
                    .filter_map(|k| c.at(k).and_then(digit))
                    .fold(0u32, |v, d| v * 10 + d);
                return Some((lead * 1000 + v, g));
            }
        }
        return Some((v, s));
    }
    while s > 0 && c.at(s - 1).is_some_and(|ch| kanji_digit(ch).is_some()) && end - s < 3 {
        s -= 1;
    }
    if s == end {
        return None;
    }
    // A kanji numeral must stand on its own or after a period word (年一回);
    // inside a longer kanji word it is not a number (統一回答).
    let glued = c
        .before(s)
        .is_some_and(|b| is_kanji(b) && !matches!(b, '年' | '月' | '週' | '間' | '計' | '全'));
    if glued {
        return None;
    }
    let v = kanji_value(&(s..end).filter_map(|k| c.at(k)).collect::<Vec<_>>())?;
    Some((v, s))
}

fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九十"
        .chars()
        .position(|k| k == c)
        .map(|p| p as u32)
}

/// 一 → 1, 十二 → 12, 二十 → 20, 二十四 → 24.
fn kanji_value(ks: &[char]) -> Option<u32> {
    let ds: Vec<u32> = ks.iter().map(|&k| kanji_digit(k)).collect::<Option<_>>()?;
    match ds.as_slice() {
        [d] if *d < 10 => Some(*d),
        [10] => Some(10),
        [10, u] if *u < 10 => Some(10 + u),
        [t, 10] if *t < 10 => Some(t * 10),
        [t, 10, u] if *t < 10 && *u < 10 => Some(t * 10 + u),
        _ => None,
    }
}

/// Where a count that starts at `num_start` starts when a range ends there:
/// the lower number's start in `1～2回` (a lower number below `upper`).
fn range_start(c: &Chars, num_start: usize, upper: u32) -> usize {
    let t = c.skip_spaces_back(num_start);
    if t == 0 || !c.at(t - 1).is_some_and(is_tilde) {
        return num_start;
    }
    match number_before(c, c.skip_spaces_back(t - 1)) {
        Some((lower, s)) if lower >= 1 && lower < upper => s,
        _ => num_start,
    }
}

/// A period word ending at `end` (before the number, after an optional に/で,
/// ごとに, 毎に or おきに): its start, period and `every`.
fn period_before(c: &Chars, end: usize) -> Option<(usize, Per, u32)> {
    let mut e = end;
    if matches!(c.before(e), Some('に' | 'で')) {
        e = c.skip_spaces_back(e - 1);
        // 3か月ごとに1回, 2週間おきに1回.
        for w in ["ごと", "毎", "おき"] {
            if c.ends_with(e, w) && e > w.chars().count() {
                let s = e - w.chars().count();
                if !FREQUENCY_WORDS.iter().any(|(f, _, _)| c.starts_with(s, f)) {
                    e = c.skip_spaces_back(s);
                }
                break;
            }
        }
    }
    // 四半期に1回: every three months.
    if c.ends_with(e, "四半期") {
        return Some((e - 3, Per::Month, 3));
    }
    for (w, per, every) in FREQUENCY_WORDS {
        if c.ends_with(e, w) {
            let s = e - 2;
            let per = if w == "毎月" && c.at(e) == Some('曜') {
                Per::Week
            } else {
                per
            };
            return Some((s, per, every));
        }
    }
    if c.ends_with(e, "年間") {
        return Some((e - 2, Per::Year, 1));
    }
    if c.ends_with(e, "半年") {
        return Some((e - 2, Per::Month, 6));
    }
    // 2か月に1回, 3ヶ月, 2週間に1回, 2年に1回.
    for (unit, per) in INTERVAL_UNITS {
        let n = unit.chars().count();
        if c.ends_with(e, unit) {
            if let Some((v, s)) = number_before(c, e - n) {
                // 2～3か月に1回: the range is kept, `every` its upper end.
                let s = range_start(c, s, v);
                // Not an era year (令和7年1回).
                let era = c
                    .before(s)
                    .is_some_and(|b| b.is_ascii_alphabetic() || "和成".contains(b));
                if v >= 1 && !era {
                    return Some((s, per, v));
                }
            }
        }
    }
    let last = c.before(e)?;
    let per = match last {
        '年' => Per::Year,
        '月' => Per::Month,
        '週' => Per::Week,
        _ => return None,
    };
    // 昨年1回, 今月2回, 10月2回: a point in time, not a period.
    let prev = c.before(e - 1);
    let deictic = "今昨来前翌同当本先去例毎隔";
    if prev.is_some_and(|p| is_digit(p) || deictic.contains(p)) {
        return None;
    }
    Some((e - 1, per, 1))
}

/// `1回/月`, `1回/2か月` after 回 (at `i`): the period, `every` and the end
/// of the fact.
fn period_after(c: &Chars, i: usize) -> Option<(Per, u32, usize)> {
    if !matches!(c.at(i), Some('/' | '／')) {
        return None;
    }
    let (every, k) = match c.number(i + 1, 2) {
        Some((v, k)) if v >= 1 => (v, k),
        Some(_) => return None,
        None => (1, i + 1),
    };
    let bare = [("月", Per::Month), ("週", Per::Week)];
    for (unit, per) in INTERVAL_UNITS.into_iter().chain(bare) {
        // A number needs its unit (2か月), the bare 月 only without one.
        if c.starts_with(k, unit) && (k == i + 1 || unit != "月") {
            return Some((per, every, k + unit.chars().count()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(s: &str) -> Vec<(String, u32, Option<Per>, u32)> {
        let c = Chars::new(s);
        scan(&c, s)
            .into_iter()
            .map(|r| (r.text, r.value, r.per, r.every))
            .collect()
    }

    #[test]
    fn counts_and_frequencies() {
        assert_eq!(
            counts("年間５回開催"),
            [("年間５回".into(), 5, Some(Per::Year), 1)]
        );
        assert_eq!(
            counts("月1回程度の会議・年1回の研修"),
            [
                ("月1回".into(), 1, Some(Per::Month), 1),
                ("年1回".into(), 1, Some(Per::Year), 1)
            ]
        );
        assert_eq!(
            counts("毎月、隔月で"),
            [
                ("毎月".into(), 1, Some(Per::Month), 1),
                ("隔月".into(), 1, Some(Per::Month), 2)
            ]
        );
        assert_eq!(
            counts("2か月に1回、毎月2回、1回/週"),
            [
                ("2か月に1回".into(), 1, Some(Per::Month), 2),
                ("毎月2回".into(), 2, Some(Per::Month), 1),
                ("1回/週".into(), 1, Some(Per::Week), 1)
            ]
        );
        assert_eq!(
            counts("(12回開催予定中、7回実施)"),
            [("12回".into(), 12, None, 1), ("7回".into(), 7, None, 1)]
        );
        assert_eq!(counts("年一回"), [("年一回".into(), 1, Some(Per::Year), 1)]);
    }

    #[test]
    fn not_counts() {
        for s in [
            "第1回",
            "第 2 回から",
            "1回目",
            "4つ",
            "1コマ",
            "112名",
            "今回",
            "統一回答",
            "第一回",
        ] {
            assert!(counts(s).is_empty(), "{s}");
        }
        assert_eq!(counts("10月2回")[0].2, None);
        assert_eq!(counts("昨年1回")[0].2, None);
    }
}
