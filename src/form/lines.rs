//! What one line (or one cell) of a form is: a title, a material id, a header
//! label, a section heading, a category heading or header, or plain content.
//!
//! Every function takes normalised text (SPEC §3) and knows nothing of where it
//! came from. Wording is matched by meaning-bearing keywords, not by the seed's
//! exact sentences, so other municipalities' variants are recognised too.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::text::normalize::without_spaces;

/// The five categories' canonical names, indexed by category − 1.
pub const CATEGORY_NAMES: [&str; 5] = [
    "会議の開催",
    "地域の資源の把握・関係機関との調整",
    "急変時対応等の体制構築等",
    "在宅医療に係る研修",
    "在宅医療の普及啓発",
];

/// Shorter wordings seen or expected for each category (compact, no spaces).
const CATEGORY_VARIANTS: [&[&str]; 5] = [
    &["会議の開催", "会議開催", "会議"],
    &[
        "地域の資源の把握・関係機関との調整",
        "地域の資源の把握",
        "地域資源の把握",
        "資源の把握",
        "関係機関との調整",
        "地域の資源の把握、関係機関との調整",
    ],
    &[
        "急変時対応等の体制構築等",
        "急変時対応等の体制構築",
        "急変時の対応",
        "急変時対応",
        "体制構築",
    ],
    &[
        "在宅医療に係る研修",
        "在宅医療に関する研修",
        "在宅医療研修",
        "研修",
    ],
    &["在宅医療の普及啓発", "在宅医療に関する普及啓発", "普及啓発"],
];

/// Normalised text without its spaces: headings and labels, whose spaces are layout.
fn squeeze(text: &str) -> Cow<'_, str> {
    without_spaces(text)
}

/// The category number of a circled marker ①–⑤.
pub fn marker_value(c: char) -> Option<u8> {
    match c {
        '①' => Some(1),
        '②' => Some(2),
        '③' => Some(3),
        '④' => Some(4),
        '⑤' => Some(5),
        _ => None,
    }
}

/// Split leading markers off `s`: (categories, rest).
pub fn leading_markers(s: &str) -> (Vec<u8>, &str) {
    let mut cats = Vec::new();
    let mut rest = s;
    loop {
        let t = rest.trim_start();
        match t.chars().next().and_then(marker_value) {
            Some(v) => {
                cats.push(v);
                rest = &t[t.chars().next().map_or(0, char::len_utf8)..];
            }
            None => break,
        }
    }
    cats.sort_unstable();
    cats.dedup();
    (cats, rest.trim_start())
}

static TRAILING_BRACKETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\([^()]*\)|（[^（）]*）|【[^【】]*】)+$").expect("static regex")
});

/// The category whose name `name` (compact, without markers) spells, if any.
pub fn category_of_name(name: &str) -> Option<u8> {
    if name.chars().count() < 2 {
        return None;
    }
    for (i, variants) in CATEGORY_VARIANTS.iter().enumerate() {
        if variants.contains(&name)
            || (name.chars().count() >= 4 && CATEGORY_NAMES[i].starts_with(name))
        {
            return Some(i as u8 + 1);
        }
    }
    None
}

/// Glyphs that decorate a heading before its marker (`■②…`, `【①…】`).
const DECORATION: &[char] = &[
    '【', '［', '[', '〔', '《', '〈', '＜', '<', '■', '□', '◆', '◇', '●', '○', '◎', '▼', '▽', '▲',
    '★', '☆',
];
/// Closing brackets of a decoration.
const DECORATION_CLOSE: &[char] = &['】', '］', ']', '〕', '》', '〉', '＞', '>'];

/// Words a heading's tail may hold: how often and when (`全5回シリーズ`,
/// `年間5回開催予定`), nothing that names an activity.
const TAIL_WORDS: &[&str] = &[
    "シリーズ",
    "年間",
    "開催",
    "実施",
    "予定",
    "程度",
    "随時",
    "毎月",
    "隔月",
    "通年",
    "ごと",
    "全",
    "年",
    "計",
    "回",
    "月",
    "日",
    "頃",
    "毎",
    "週",
    "各",
    "中",
    "延べ",
    "約",
    "以上",
];

/// True when `tail` holds only counts, dates and frequency words.
fn is_heading_tail(tail: &str) -> bool {
    let mut rest: String = tail
        .chars()
        .filter(|c| {
            !c.is_ascii_digit()
                && !matches!(
                    c,
                    ' ' | '('
                        | ')'
                        | '（'
                        | '）'
                        | '・'
                        | '、'
                        | '~'
                        | '～'
                        | '〜'
                        | '/'
                        | ':'
                        | '一'
                        | '二'
                        | '三'
                        | '四'
                        | '五'
                        | '六'
                        | '七'
                        | '八'
                        | '九'
                        | '十'
                )
        })
        .collect();
    for w in TAIL_WORDS {
        rest = rest.replace(w, "");
    }
    rest.is_empty()
}

/// The longest category name at the start of `rest` (spaces inside ignored):
/// the category and the byte length it covers.
fn name_prefix(rest: &str) -> Option<(u8, usize)> {
    let mut squeezed = String::new();
    let mut best = None;
    for (i, c) in rest.char_indices() {
        if c == ' ' {
            continue;
        }
        squeezed.push(c);
        // No category name is longer than its full form.
        if squeezed.len() > CATEGORY_NAMES[1].len() {
            break;
        }
        if let Some(n) = category_of_name(&squeezed) {
            best = Some((n, i + c.len_utf8(), squeezed.chars().count()));
        }
    }
    best.map(|(n, end, _)| (n, end))
}

/// A category heading line: decoration, marker(s), the category's name, and
/// a bracket or a tail of counts and dates (`④在宅医療に係る研修 全5回シリーズ`),
/// nothing else (DECISIONS 5, 24). A bracketed or decorated category name needs
/// no marker (`【会議の開催】`). Returns its categories.
pub fn category_heading(text: &str) -> Option<Vec<u8>> {
    let trimmed = text.trim();
    let undecorated = trimmed.trim_start_matches(|c| DECORATION.contains(&c) || c == ' ');
    let decorated = undecorated.len() != trimmed.len();
    // 【…】 closes the heading's core; what follows is its tail.
    let (core, after) = match undecorated.find(DECORATION_CLOSE) {
        Some(i) if decorated => {
            let close = undecorated[i..].chars().next().map_or(1, char::len_utf8);
            (&undecorated[..i], &undecorated[i + close..])
        }
        _ => (undecorated, ""),
    };
    let (cats, rest) = leading_markers(core);
    if cats.is_empty() && !decorated {
        return named_heading(core);
    }
    let (named, tail) = match name_prefix(rest) {
        Some((n, end)) => (Some(n), &rest[end..]),
        None => (None, rest),
    };
    let cats = match (cats.is_empty(), named) {
        (false, Some(n)) if !cats.contains(&n) => return None,
        (false, _) => cats,
        (true, Some(n)) if decorated => vec![n],
        (true, _) => return None,
    };
    let tail = TRAILING_BRACKETS.replace(tail.trim(), "");
    let tail = tail.trim_end_matches(['。', ':', '：']).trim();
    let after = after.trim();
    let tail_ok =
        tail.is_empty() || (named.is_some() && is_heading_tail(tail) && !short_name(rest));
    (tail_ok && (after.is_empty() || is_heading_tail(after))).then_some(cats)
}

/// A line that is a category's own name and nothing else, numbered as a list
/// item or not (`(1)会議の開催`, `1.地域の資源の把握・関係機関との調整`,
/// `ア 急変時対応等の体制構築等`, `(エ)在宅医療に係る研修`, `在宅医療の普及啓発`),
/// a trailing bracket aside: a heading of that category, like `①会議の開催`
/// (DECISIONS 68). The name must be more than a one-word variant (`研修`,
/// `会議` alone stay items), and nothing may follow it but brackets.
fn named_heading(core: &str) -> Option<Vec<u8>> {
    if core.len() > MAX_LABEL_BYTES {
        return None;
    }
    let rest = strip_list_number(core);
    // Most lines are items: only one that starts as a category's name can
    // be one (a cheap test before the name is looked up).
    let first = rest.chars().next()?;
    if !CATEGORY_VARIANTS
        .iter()
        .flat_map(|v| v.iter())
        .any(|v| v.starts_with(first))
    {
        return None;
    }
    // The line without its trailing bracketed asides and a colon must be the
    // name itself.
    let mut body = rest
        .trim_end()
        .trim_end_matches(['。', ':', '：'])
        .trim_end();
    while let Some(open) = [('(', ')'), ('（', '）'), ('【', '】')]
        .iter()
        .find(|(_, close)| body.ends_with(*close))
        .and_then(|(open, _)| body.rfind(*open))
    {
        body = body[..open].trim_end();
    }
    let name = squeeze(body);
    if name.chars().count() <= 2 {
        return None;
    }
    category_of_name(&name).map(|n| vec![n])
}

/// `text` without a leading list number: `(1)`, `1.`, `1)`, `1、`, `1 `, the
/// same with ア–コ or a–e, or a bare ア–コ before the words.
fn strip_list_number(text: &str) -> &str {
    let t = text.trim_start();
    let is_number =
        |c: char| c.is_ascii_digit() || ('ア'..='コ').contains(&c) || c.is_ascii_alphabetic();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return t;
    };
    if first == '(' {
        let inner = chars.as_str();
        let Some(close) = inner.find(')') else {
            return t;
        };
        let number = &inner[..close];
        let short = number.chars().count() <= 2 && number.chars().all(is_number);
        return if short && !number.is_empty() {
            inner[close + 1..].trim_start()
        } else {
            t
        };
    }
    let digits: usize = t
        .chars()
        .take_while(char::is_ascii_digit)
        .map(char::len_utf8)
        .sum();
    let head = if digits > 0 && digits <= 2 {
        digits
    } else if is_number(first) && !first.is_ascii_digit() {
        first.len_utf8()
    } else {
        return t;
    };
    let after = &t[head..];
    match after.chars().next() {
        Some(c @ ('.' | '．' | ')' | '、' | ' ')) => after[c.len_utf8()..].trim_start(),
        // A bare kana before the words (`ア会議の開催`).
        Some(_) if ('ア'..='コ').contains(&first) => after,
        _ => t,
    }
}

/// True when the category name at the start of `rest` is a one-word variant
/// (会議, 研修): too common to let a tail follow it.
fn short_name(rest: &str) -> bool {
    name_prefix(rest).is_some_and(|(_, end)| rest[..end].chars().filter(|c| *c != ' ').count() <= 2)
}

/// A cell of a category header row: the category it names (with or without marker).
pub fn category_header_cell(text: &str) -> Option<u8> {
    let c = squeeze(text);
    let (cats, rest) = leading_markers(&c);
    let named = category_of_name(rest.trim_end_matches(['。', ':']));
    match (cats.as_slice(), named) {
        ([m], Some(n)) if *m == n => Some(n),
        ([], Some(n)) if rest.chars().count() >= 4 => Some(n),
        _ => None,
    }
}

/// A whole line listing three or more category names (a header row flattened into one line).
pub fn is_category_header_line(text: &str) -> bool {
    // Three category names need at least two markers between them.
    if text
        .chars()
        .filter(|c| marker_value(*c).is_some())
        .nth(1)
        .is_none()
    {
        return false;
    }
    let c = squeeze(text);
    let mut parts = Vec::new();
    let mut cur = String::new();
    for ch in c.chars() {
        if marker_value(ch).is_some() && !cur.is_empty() {
            parts.push(std::mem::take(&mut cur));
        }
        cur.push(ch);
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts.len() >= 3 && parts.iter().all(|p| category_header_cell(p).is_some())
}

/// Most bytes of a line that can be a title, a section heading or a
/// category's name alone (with its spaces and asides): the predicates that
/// copy or search a line look no further, so a hostile line of megabytes
/// costs them nothing.
const MAX_LABEL_BYTES: usize = 400;

/// Decorations written before a section heading (`■(1)…`, `◆令和6年度の…`):
/// [`DECORATION`]'s glyphs without its brackets, which here may hold the
/// section's number (`【1】`).
const HEADING_DECORATIONS: &[char] = &[
    '■', '□', '◆', '◇', '●', '○', '◎', '▼', '▽', '▶', '▷', '►', '★', '☆', '◼', ' ',
];

/// How a section heading is numbered. A strong number (bracketed, `第1`,
/// a Roman numeral) needs only a word of the heading's kind after it; a
/// weak one (`1.`, `1)`, `1 `) also needs a year (`年度`), since numbered
/// items are written the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Strong,
    Weak,
}

/// The section number at the start of `t` (1–4), how it is written and the
/// text after it: `(1)`, `[1]`, `【1】`, `〔1〕`, `<1>`, `第1`, `I`–`IV`
/// (Ⅰ–Ⅳ after NFKC) strong; `1.`, `1、`, `1)`, `1 ` weak (DECISIONS 67).
fn section_number(t: &str) -> Option<(u8, Numbering, &str)> {
    let digit = |c: Option<char>| {
        c.and_then(|c| c.to_digit(10))
            .filter(|d| (1..=4).contains(d))
    };
    let mut chars = t.chars();
    let first = chars.next()?;
    // Bracketed: an opening bracket, the digit, its closing bracket.
    let closing = match first {
        '(' => Some(')'),
        '[' => Some(']'),
        '【' => Some('】'),
        '〔' => Some('〕'),
        '<' => Some('>'),
        '〈' => Some('〉'),
        '《' => Some('》'),
        _ => None,
    };
    if let Some(close) = closing {
        let inner = chars.as_str().trim_start();
        let n = digit(inner.chars().next())?;
        let after = inner.get(1..)?.trim_start();
        let rest = after.strip_prefix(close)?;
        return Some((n as u8, Numbering::Strong, rest));
    }
    if first == '第' {
        let rest = chars.as_str().trim_start();
        let n = digit(rest.chars().next())?;
        let after = rest.get(1..)?;
        // `第1回…`, `第2号…` are not headings; neither is `第12`.
        if after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || "回号条期次部章節".contains(c))
        {
            return None;
        }
        return Some((n as u8, Numbering::Strong, after));
    }
    // Roman numerals, longest first, standing alone before a space or a stop.
    for (roman, n) in [
        ("III", 3),
        ("II", 2),
        ("IV", 4),
        ("I", 1),
        ("Ⅲ", 3),
        ("Ⅱ", 2),
        ("Ⅳ", 4),
        ("Ⅰ", 1),
    ] {
        if let Some(after) = t.strip_prefix(roman) {
            if let Some(rest) = after
                .strip_prefix([' ', '.', '．', '、', ':', '：'])
                .map(str::trim_start)
            {
                return Some((n, Numbering::Strong, rest));
            }
        }
    }
    let n = digit(Some(first))?;
    let after = chars.as_str();
    let rest = after
        .strip_prefix(['.', '．', '、', ')'])
        .or_else(|| after.strip_prefix(' '))?;
    Some((n as u8, Numbering::Weak, rest))
}

/// Words of a section heading's kind: what a numbered heading must name.
const HEADING_WORDS: &[&str] = &["実績", "課題", "計画", "進捗", "取組", "取り組", "年度"];

/// Words of a programme's or document's title, never of an unnumbered
/// section heading (`令和6年度在宅医療・介護連携推進事業 取組実績`).
const TITLE_WORDS: &[&str] = &["事業", "連携", "拠点", "について", "報告"];

/// A section heading: its number and the heading words (compact).
///
/// Numbered as the template numbers them (`(1)`, `1.`) or as forms retype
/// them (`Ⅰ`, `1)`, `【1】`, `第1`, decorated `■(1)`), the number decides;
/// unnumbered (`■令和6年度の取組実績`, `令和7年度の取組の進捗状況`), the one kind
/// its words name decides, and the words must read as a heading: about the
/// year's 取組 (a 年度, or 取組 first), ending in the kind (`…実績`, `…課題`, `…計画`, `…進捗状況`),
/// short, no sentence and no title words (DECISIONS 67).
pub fn section_heading(text: &str) -> Option<(u8, String)> {
    if text.len() > MAX_LABEL_BYTES {
        return None;
    }
    let t = text.trim_start_matches(HEADING_DECORATIONS);
    if let Some((num, numbering, rest)) = section_number(t) {
        let rest = squeeze(rest).into_owned();
        // A sentence is an item, however it is numbered.
        if rest.chars().count() > 40 || rest.trim_end_matches(['」', ')']).contains('。') {
            return None;
        }
        let has_kind_word = HEADING_WORDS.iter().any(|w| rest.contains(w));
        if !has_kind_word
            || (numbering == Numbering::Weak && !rest.contains("年度"))
            || kind_at_end(&rest).is_none()
        {
            return None;
        }
        return Some((num, rest));
    }
    unnumbered_heading(t)
}

/// An unnumbered section heading (see [`section_heading`]).
fn unnumbered_heading(t: &str) -> Option<(u8, String)> {
    let words = squeeze(t);
    // A heading wrapped whole in brackets: `【令和6年度の取組実績】`.
    let words = words
        .strip_prefix('【')
        .and_then(|w| w.strip_suffix('】'))
        .unwrap_or(&words);
    if words.chars().count() > 24
        || words.contains(['、', '。'])
        || TITLE_WORDS.iter().any(|w| words.contains(w))
        || !(words.contains("取組") || words.contains("取り組"))
        || !(words.contains("年度") || words.starts_with("取組") || words.starts_with("取り組"))
    {
        return None;
    }
    let kinds = heading_kind_words(words);
    let [kind] = kinds.as_slice() else {
        return None;
    };
    (kind_at_end(words) == Some(*kind)).then(|| (*kind, words.to_string()))
}

/// The kind a heading's words end in (1 実績, 2 課題, 3 計画, 4 進捗 or
/// 進捗状況), a bracketed remark, a colon, 等 or について after it allowed
/// (`…実績（報告）`, `…課題:`, `…計画について`). A numbered line that ends
/// otherwise is an item (`1. 令和7年度の取組計画の見直しが必要`, DECISIONS 67).
fn kind_at_end(words: &str) -> Option<u8> {
    let mut end = words.trim_end_matches([':', '：']);
    if let Some(open) = end.rfind(['(', '（']) {
        if end.ends_with([')', '）']) {
            end = &end[..open];
        }
    }
    let end = end.trim_end();
    let end = end
        .strip_suffix("について")
        .unwrap_or(end)
        .trim_end_matches('等');
    KIND_WORDS
        .iter()
        .chain(&[("進捗状況", 4)])
        .find(|(k, _)| end.ends_with(k))
        .map(|(_, n)| *n)
}

/// The word naming each kind of section: 1 results, 2 issues, 3 plan,
/// 4 progress.
const KIND_WORDS: [(&str, u8); 4] = [("実績", 1), ("課題", 2), ("計画", 3), ("進捗", 4)];

/// The kind a heading's words name, if any: 1 results, 2 issues, 3 plan, 4 progress.
pub fn heading_kind_words(heading: &str) -> Vec<u8> {
    KIND_WORDS
        .iter()
        .filter(|(w, _)| heading.contains(w))
        .map(|(_, n)| *n)
        .collect()
}

static FISCAL_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(令和|平成|R|H)\s*(\d{1,2}|元)\s*年度|(\d{4})\s*年度").expect("static regex")
});

/// The Gregorian start year of the fiscal year a heading names (令和6年度 → 2024).
pub fn fiscal_year(heading: &str) -> Option<i32> {
    let caps = FISCAL_YEAR.captures(heading)?;
    if let Some(y) = caps.get(3) {
        return y.as_str().parse().ok();
    }
    let n: i32 = match caps.get(2)?.as_str() {
        "元" => 1,
        s => s.parse().ok()?,
    };
    match caps.get(1)?.as_str() {
        "令和" | "R" => Some(2018 + n),
        _ => Some(1988 + n),
    }
}

static MATERIAL_ID: LazyLock<Regex> = LazyLock::new(|| {
    // Bracketed or not (`【資料2-1】`, `(資料2-1)`), with `No.` or `番号` after
    // 資料 or not (`資料No.2-1`).
    Regex::new(
        r"^[【\[(〔<]?\s*資料\s*(?:No\.?|NO\.?|no\.?|番号)?\s*(\d+)(?:\s*[-‐‑‒–—―－ー─━−]\s*(\d+))?\s*[】\])〕>]?$",
    )
    .expect("static regex")
});

/// A material id line (資料 2 — 1), normalised to `資料2-1`.
pub fn material_id(text: &str) -> Option<String> {
    let caps = MATERIAL_ID.captures(text.trim())?;
    let major = caps.get(1)?.as_str().trim_start_matches('0');
    match caps.get(2) {
        Some(minor) => Some(format!(
            "資料{}-{}",
            major,
            minor.as_str().trim_start_matches('0')
        )),
        None => Some(format!("資料{major}")),
    }
}

/// A 資料 label written on one line with the form's title, after it (set to
/// the right margin by a tab: `■ 連携の拠点の取組について 資料2-1`) or before
/// it: the label, normalised (DECISIONS 70).
pub fn title_material_id(text: &str) -> Option<String> {
    let at = text.rfind("資料")?;
    let (head, label) = text.split_at(at);
    if !head.trim().is_empty() && is_title(head.trim_end()) {
        if let Some(id) = material_id(label) {
            return Some(id);
        }
    }
    if !text.starts_with("資料") {
        return None;
    }
    // The label is a few characters (`資料 2 — 1`): only spaces near the
    // start can end it.
    text.char_indices()
        .take(16)
        .filter(|&(_, c)| c == ' ')
        .find_map(|(i, _)| {
            let (label, rest) = (&text[..i], text[i + 1..].trim_start());
            is_title(rest).then(|| material_id(label)).flatten()
        })
}

/// A form title such as `■ 連携の拠点の取組について`.
pub fn is_title(text: &str) -> bool {
    // At most 40 characters besides spaces: a long text is no title, and is
    // not copied to find out.
    if text.len() > MAX_LABEL_BYTES {
        return false;
    }
    let c = squeeze(text);
    let body = c.trim_start_matches(['■', '□', '◆', '◇', '●', '○', '【']);
    c.chars().count() <= 40
        && (body.starts_with("連携の拠点の取組")
            || body.starts_with("在宅医療に必要な連携を担う拠点"))
}

/// The header field a label cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderField {
    TargetAreas,
    Hubs,
    Contractors,
}

/// The header field a cell's text is the label of (its whole text, compact).
pub fn header_label(text: &str) -> Option<HeaderField> {
    let c = squeeze(text);
    if c.chars().count() > 24 {
        return None;
    }
    let c = c.trim_end_matches([':', '：']);
    // `連携の拠点（名称）`, `対象地域(市町村名)`: a bracketed qualifier naming
    // what is asked for is part of the label.
    let c = [
        "(名称)",
        "(名)",
        "(市町村名)",
        "（名称）",
        "（名）",
        "（市町村名）",
    ]
    .iter()
    .find_map(|q| c.strip_suffix(q))
    .unwrap_or(c);
    if TARGET_LABELS.contains(&c) {
        Some(HeaderField::TargetAreas)
    } else if HUB_LABELS.contains(&c) {
        Some(HeaderField::Hubs)
    } else if c.contains("委託先") || CONTRACTOR_LABELS.contains(&c) {
        Some(HeaderField::Contractors)
    } else {
        label_by_head(c)
    }
}

/// A header label by the noun it ends in (DECISIONS 69), for the wordings no
/// list holds: a short label (at most 10 characters, no sentence, nothing of
/// an activity or a title) whose head names the field — the contractor by
/// 委託 or 受託 (`事業受託者`, `委託法人`), the hub by 拠点 followed by at most
/// a naming word (`拠点名称`, `拠点機関`), the target areas by a kind of area
/// (`実施市町村`, `市町村`, `保険者名`, `対象地区`, `対象圏域`; `地域` alone names
/// nothing).
fn label_by_head(c: &str) -> Option<HeaderField> {
    if c.chars().count() > 10 || c.contains(['、', '。', '・']) {
        return None;
    }
    if c.contains("委託") || c.contains("受託") {
        // Who was commissioned, not what (`委託料`, `委託内容`).
        return ["者", "先", "名", "法人", "機関", "団体", "事業所"]
            .iter()
            .any(|e| c.ends_with(e))
            .then_some(HeaderField::Contractors);
    }
    if [
        "取組",
        "について",
        "事業",
        "内容",
        "予定",
        "実績",
        "課題",
        "計画",
    ]
    .iter()
    .any(|w| c.contains(w))
    {
        return None;
    }
    if let Some(at) = c.rfind("拠点") {
        let after = &c[at + "拠点".len()..];
        return ["", "名", "名称", "機関", "機関名", "の名称", "の機関"]
            .contains(&after)
            .then_some(HeaderField::Hubs);
    }
    let areas = [
        "市町村",
        "市町村名",
        "市区町村",
        "市区町村名",
        "区域",
        "地区",
        "圏域",
        "保険者",
        "保険者名",
    ];
    let prefixes = ["", "対象", "実施", "担当", "所在"];
    prefixes
        .iter()
        .any(|p| c.strip_prefix(p).is_some_and(|rest| areas.contains(&rest)))
        .then_some(HeaderField::TargetAreas)
}

/// Labels of the target areas as forms write them (DECISIONS 9).
const TARGET_LABELS: [&str; 7] = [
    "対象地域",
    "対象市町村",
    "対象区域",
    "市町村名",
    "対象市町村名",
    "市区町村名",
    "対象地域名",
];

/// Labels of the hub (DECISIONS 9).
const HUB_LABELS: [&str; 9] = [
    "連携の拠点",
    "拠点",
    "連携の拠点名",
    "拠点名",
    "拠点の名称",
    "連携拠点",
    "連携拠点名",
    "在宅医療・介護連携の拠点",
    "在宅医療介護連携拠点",
];

/// Labels of the contractor besides any wording with 委託先 (DECISIONS 9).
const CONTRACTOR_LABELS: [&str; 4] = ["受託者", "受託事業者", "受託法人", "委託事業者"];

/// A `label：value` line: the field and the value text.
pub fn header_line(text: &str) -> Option<(HeaderField, String)> {
    let (label, value) = text.split_once([':', '：'])?;
    let field = header_label(label)?;
    let value = value.trim();
    (!value.is_empty()).then(|| (field, value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The predicates take normalised text, as the scanner gives them.
    fn n(s: &str) -> String {
        crate::text::normalize(s)
    }

    #[test]
    fn long_lines_are_no_labels_and_cost_one_pass() {
        // Megabyte lines of the shapes each predicate tries: a 資料 label
        // with spaces after it, a numbered heading, brackets after a name.
        let spaced = format!("資料 {}", "取組 ".repeat(300_000));
        let numbered = format!("(1){}実績", "令和6年度の取組".repeat(100_000));
        let bracketed = format!("会議の開催{}", "(年2回)".repeat(200_000));
        for line in [&spaced, &numbered, &bracketed] {
            assert_eq!(title_material_id(line), None);
            assert!(!is_title(line));
            assert_eq!(section_heading(line), None);
            assert_eq!(category_heading(line), None);
        }
    }

    #[test]
    fn header_labels_by_their_head_noun() {
        for (label, field) in [
            ("実施市町村", HeaderField::TargetAreas),
            ("市町村", HeaderField::TargetAreas),
            ("保険者名", HeaderField::TargetAreas),
            ("対象地区", HeaderField::TargetAreas),
            ("対象圏域", HeaderField::TargetAreas),
            ("拠点名称", HeaderField::Hubs),
            ("拠点機関", HeaderField::Hubs),
            ("事業受託者", HeaderField::Contractors),
            ("委託法人", HeaderField::Contractors),
        ] {
            assert_eq!(header_label(&n(label)), Some(field), "{label}");
        }
        for label in [
            "地域",
            "委託料",
            "委託内容",
            "拠点の取組",
            "拠点会議",
            "対象者",
            "実施時期",
            "取組内容",
            "市町村の課題",
            "地区医師会",
        ] {
            assert_eq!(header_label(&n(label)), None, "{label}");
        }
    }

    #[test]
    fn category_headings() {
        assert_eq!(
            category_heading(&n("①会議の開催（年間５回開催）")),
            Some(vec![1])
        );
        assert_eq!(
            category_heading(&n("②地域の資源の把握・関係機関との調整")),
            Some(vec![2])
        );
        assert_eq!(category_heading(&n("④")), Some(vec![4]));
        assert_eq!(category_heading(&n("①②行政視点と、医療機関視点を")), None);
        assert_eq!(
            category_heading(&n("③急変時対応研修（R7/9/6）実施済み。")),
            None
        );
    }

    #[test]
    fn decorated_headings() {
        assert_eq!(category_heading(&n("【①会議の開催】")), Some(vec![1]));
        assert_eq!(
            category_heading(&n("■②地域の資源の把握・関係機関との調整")),
            Some(vec![2])
        );
        assert_eq!(
            category_heading(&n("④在宅医療に係る研修　全5回シリーズ")),
            Some(vec![4])
        );
        assert_eq!(
            category_heading(&n("【会議の開催】（年3回）")),
            Some(vec![1])
        );
        assert_eq!(category_heading(&n("④在宅医療に係る研修会を3回開催")), None);
        assert_eq!(
            category_heading(&n("⑤在宅医療の普及啓発 市民公開講座を開催")),
            None
        );
        assert_eq!(category_heading(&n("①会議 多職種連携会議(2回)")), None);
    }

    #[test]
    fn a_category_name_alone_is_a_heading_however_it_is_numbered() {
        for (text, cat) in [
            ("会議の開催", 1),
            ("(1)会議の開催", 1),
            ("1.地域の資源の把握・関係機関との調整", 2),
            ("3) 急変時対応等の体制構築等", 3),
            ("ア 会議の開催", 1),
            ("(エ)在宅医療に係る研修", 4),
            ("オ.在宅医療の普及啓発（年2回）", 5),
            ("在宅医療の普及啓発:", 5),
        ] {
            assert_eq!(category_heading(&n(text)), Some(vec![cat]), "{text}");
        }
        // A one-word variant alone, or a name with words after it, is an item.
        for text in [
            "研修",
            "(1)会議",
            "会議の開催を予定",
            "1.在宅医療に係る研修会を開催",
            "アンケート調査",
            "(12)会議の開催に向けた準備",
        ] {
            assert_eq!(category_heading(&n(text)), None, "{text}");
        }
    }

    #[test]
    fn section_headings_in_both_widths() {
        assert_eq!(
            section_heading(&n("（１）令和6年度の取組実績")),
            Some((1, "令和6年度の取組実績".into()))
        );
        assert_eq!(
            section_heading(&n("(4) 令和7年度の 進捗状況")),
            Some((4, "令和7年度の進捗状況".into()))
        );
        assert_eq!(
            section_heading(&n("（２） 令和6年度の 取り組みを 通じた課題")).map(|h| h.0),
            Some(2)
        );
        assert_eq!(section_heading(&n("(1)地域住民の理解を推進する")), None);
        // Retyped numberings (DECISIONS 67).
        for (text, num) in [
            ("Ⅱ　令和6年度の取組を通じた課題", 2),
            ("IV. 令和7年度の進捗状況", 4),
            ("3）令和7年度の取組計画", 3),
            ("【1】令和6年度の取組実績", 1),
            ("第2 取組を通じた課題", 2),
            ("◆(3)令和7年度の取組計画", 3),
            ("(4)令和7年度の進捗状況(9月末時点)", 4),
            ("(3) 令和7年度の取組計画について", 3),
        ] {
            assert_eq!(section_heading(&n(text)).map(|h| h.0), Some(num), "{text}");
        }
        // Unnumbered: the kind its words end in.
        for (text, num) in [
            ("■令和6年度の取組実績", 1),
            ("令和7年度の取組の進捗状況", 4),
            ("【令和7年度の取組計画】", 3),
            ("令和6年度の取組を通じた課題(主なもの)", 2),
        ] {
            assert_eq!(section_heading(&n(text)).map(|h| h.0), Some(num), "{text}");
        }
        // Not headings: a titled document, an item about a plan, a column
        // label with no 取組, a numbered meeting, a weak number with no year.
        for text in [
            "令和6年度在宅医療・介護連携推進事業 取組実績",
            "令和7年度の取組計画に基づき研修を開催",
            "令和6年度実績",
            "第1回推進会議の取組実績",
            "2. 取組の課題",
            "I 取組実績を報告する。",
            // Numbered issues that mention a year's plan or results.
            "1. 令和7年度の取組計画の見直しが必要",
            "(4)取組の進捗管理の仕組みがない",
            "2. 次年度の研修計画の策定が遅れている",
        ] {
            assert_eq!(section_heading(&n(text)), None, "{text}");
        }
    }

    #[test]
    fn fiscal_years() {
        assert_eq!(fiscal_year("令和6年度の取組実績"), Some(2024));
        assert_eq!(fiscal_year("令和7年度取組計画"), Some(2025));
        assert_eq!(fiscal_year("平成31年度"), Some(2019));
        assert_eq!(fiscal_year("取組計画"), None);
    }

    #[test]
    fn material_ids_with_any_dash() {
        assert_eq!(material_id(&n("資料 2 — 1")).as_deref(), Some("資料2-1"));
        assert_eq!(material_id(&n("資料２－２")).as_deref(), Some("資料2-2"));
        assert_eq!(material_id(&n("資料 2—5")).as_deref(), Some("資料2-5"));
        assert_eq!(material_id(&n("資料によると")), None);
        assert_eq!(
            material_id(&n("【資料２－３】")).as_deref(),
            Some("資料2-3")
        );
        assert_eq!(material_id(&n("（資料 4）")).as_deref(), Some("資料4"));
        assert_eq!(material_id(&n("資料No.2-6")).as_deref(), Some("資料2-6"));
        assert_eq!(material_id(&n("資料番号 3-1")).as_deref(), Some("資料3-1"));
        assert_eq!(material_id(&n("資料2-1 参照")), None);
        // On the title's line, after it (a tab) or before it.
        for line in [
            "■ 連携の拠点の取組について\t資料２－１",
            "■ 連携の拠点の取組について　　資料 2 — 1",
            "資料２－１　連携の拠点の取組について",
        ] {
            assert_eq!(
                title_material_id(&n(line)).as_deref(),
                Some("資料2-1"),
                "{line}"
            );
        }
        assert_eq!(title_material_id(&n("資料2-1の取組について")), None);
        assert_eq!(title_material_id(&n("■ 連携の拠点の取組について")), None);
    }

    #[test]
    fn header_labels() {
        assert_eq!(header_label(&n("対象地域")), Some(HeaderField::TargetAreas));
        assert_eq!(
            header_label(&n("市町村医介連携事業（委託先）")),
            Some(HeaderField::Contractors)
        );
        assert_eq!(header_label(&n("連携の拠点")), Some(HeaderField::Hubs));
        assert_eq!(header_label(&n("拠点の名称")), Some(HeaderField::Hubs));
        assert_eq!(
            header_label(&n("連携の拠点（名称）")),
            Some(HeaderField::Hubs)
        );
        assert_eq!(header_label(&n("市町村名")), Some(HeaderField::TargetAreas));
        assert_eq!(header_label(&n("受託者")), Some(HeaderField::Contractors));
        assert_eq!(header_label(&n("地域")), None);
        assert_eq!(
            header_label(&n("「連携の拠点」の取組について関係機関への周知が必要。")),
            None
        );
    }

    #[test]
    fn category_header_line() {
        assert!(is_category_header_line(&n("①会議の開催 ②地域の資源の把握・関係機関との調整 ③急変時対応等の体制構築等 ④在宅医療に係る研修 ⑤在宅医療の普及啓発")));
        assert!(!is_category_header_line(&n("①会議を開催 ②調査 ③検討")));
    }
}
