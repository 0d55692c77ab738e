//! Finding written dates: the grammar of SPEC §2 "Date", before any year is
//! resolved.
//!
//! Owns: recognising era, Gregorian, slash and kanji dates, month lists
//! (`5・6・9月`), day lists (`10/1、3、28`), ranges (`12～1月`, `10/1～3`) and
//! open ranges (`～3月`), and the `text` and span of each fact.
//!
//! Must not know: fiscal years, `planned`.

use super::chars::{is_close_bracket, is_digit, is_list_sep, is_slash, is_tilde, Chars};
use std::ops::Range;

/// A calendar month or day as written; `year` only when the text gives one
/// (or a list member inherits its parent's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Point {
    pub(crate) year: Option<i32>,
    pub(crate) month: u32,
    pub(crate) day: Option<u32>,
}

/// One fact before year resolution; `text` is always the slice `span`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shape {
    Single(Point),
    /// `start` is None for an open start (`～3月`), `end` for an open end (`10月～`).
    Range(Option<Point>, Option<Point>),
}

impl Shape {
    /// Whether the text writes a year for any point of it.
    pub(crate) fn has_year(&self) -> bool {
        match self {
            Shape::Single(p) => p.year.is_some(),
            Shape::Range(a, b) => [a, b]
                .iter()
                .any(|p| p.as_ref().is_some_and(|p| p.year.is_some())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    pub(crate) text: String,
    /// Byte range in the input of what this fact itself contributes.
    pub(crate) span: Range<usize>,
    pub(crate) shape: Shape,
}

/// How the day of a point was written: decides how a day list continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `10/1`, `R7/1/16`: list members are bare numbers.
    Slash,
    /// `10月1日`: list members are `N日`.
    Kanji,
    /// `R7.6.12`, `2025.6.12`: list members are `M.D` (`R7.6.12、9.11`).
    Dot,
}

/// A single parsed point: where it ends, and how to write its list members.
struct Parsed {
    p: Point,
    /// Character index just after the point.
    end: usize,
    style: Style,
}

/// Every date fact of `text`, in order of appearance.
pub(crate) fn scan(text: &str) -> Vec<Raw> {
    let s = Scanner {
        text,
        c: Chars::new(text),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.c.len() {
        match s.at(i, &mut out) {
            Some(next) if next > i => i = next,
            _ => i += 1,
        }
    }
    out
}

struct Scanner<'a> {
    text: &'a str,
    c: Chars,
}

impl Scanner<'_> {
    /// The text of characters `a..b`.
    fn slice(&self, a: usize, b: usize) -> &str {
        self.text.get(self.c.off(a)..self.c.off(b)).unwrap_or("")
    }

    fn bytes(&self, a: usize, b: usize) -> Range<usize> {
        self.c.off(a)..self.c.off(b)
    }

    fn push(&self, out: &mut Vec<Raw>, a: usize, b: usize, shape: Shape) {
        out.push(Raw {
            text: self.slice(a, b).to_string(),
            span: self.bytes(a, b),
            shape,
        });
    }

    /// Try every date form at `i`; push what is found and return where to go on.
    fn at(&self, i: usize, out: &mut Vec<Raw>) -> Option<usize> {
        let ch = self.c.at(i)?;
        if is_tilde(ch) {
            return self.open_start(i, out);
        }
        if let Some(p) = self
            .era(i)
            .or_else(|| self.gregorian(i))
            .or_else(|| self.slash(i))
        {
            return Some(self.after_point(i, p, out));
        }
        self.month_list(i, out)
    }

    /// `～3月` with nothing before the tilde: an open start.
    fn open_start(&self, i: usize, out: &mut Vec<Raw>) -> Option<usize> {
        let before = self.c.before(self.c.skip_spaces_back(i));
        if before.is_some_and(|b| is_digit(b) || "月日時分年度".contains(b)) {
            return None;
        }
        let j = self.c.skip_spaces(i + 1);
        let q = self.point_anywhere(j)?;
        self.push(out, i, q.end, Shape::Range(None, Some(q.p)));
        Some(q.end)
    }

    /// A single point of any form at `i` (no lists): the end of a range.
    fn point_anywhere(&self, i: usize) -> Option<Parsed> {
        self.era(i)
            .or_else(|| self.gregorian(i))
            .or_else(|| self.slash(i))
            .or_else(|| self.kanji_single(i, None))
    }

    /// After a point: a range (`～` point), else day-list members.
    fn after_point(&self, start: usize, p: Parsed, out: &mut Vec<Raw>) -> usize {
        if let Some(end) = self.range_after(start, &p, out) {
            return end;
        }
        self.push(out, start, p.end, Shape::Single(p.p));
        self.day_members(&p, out)
    }

    /// Words that may stand between a point and its range's tilde without
    /// making it another date: `12月中旬～`, `11/25(火)～`.
    fn skip_point_tail(&self, i: usize) -> usize {
        let mut i = self.skip_weekday(i);
        for w in ["上旬", "中旬", "下旬", "初旬", "末", "頃", "ごろ"] {
            if self.c.starts_with(i, w) {
                i += w.chars().count();
                break;
            }
        }
        i
    }

    /// A weekday in brackets after a day, `(日)`, `（木・祝）`: no date of its own.
    fn skip_weekday(&self, i: usize) -> usize {
        if !self.c.at(i).is_some_and(|c| c == '(' || c == '（') {
            return i;
        }
        let mut k = i + 1;
        while let Some(c) = self.c.at(k) {
            match c {
                '月' | '火' | '水' | '木' | '金' | '土' | '日' | '祝' | '休' | '・' | '曜' => {
                    k += 1
                }
                ')' | '）' if k > i + 1 => return k + 1,
                _ => return i,
            }
        }
        i
    }

    /// `p～q`, `10/1～3`, `10月1日～3日`, `12月中旬～翌1月`, or `10月～` (open end).
    fn range_after(&self, start: usize, p: &Parsed, out: &mut Vec<Raw>) -> Option<usize> {
        let t = self.c.skip_spaces(self.skip_point_tail(p.end));
        if !self.c.at(t).is_some_and(is_tilde) {
            return None;
        }
        let mut j = self.c.skip_spaces(t + 1);
        // 翌2月, 翌年2月: the next calendar year, which resolution gives anyway.
        for w in ["翌年度", "翌年", "翌"] {
            if self.c.starts_with(j, w) {
                j += w.chars().count();
                break;
            }
        }
        if let Some(q) = self.point_anywhere(j) {
            self.push(out, start, q.end, Shape::Range(Some(p.p), Some(q.p)));
            return Some(q.end);
        }
        // 2月中旬～下旬: from one part of the month to another, the month.
        if p.p.day.is_none() {
            if let Some(w) = ["上旬", "中旬", "下旬", "初旬", "末"]
                .iter()
                .find(|w| self.c.starts_with(j, w))
            {
                let e = j + w.chars().count();
                self.push(out, start, e, Shape::Range(Some(p.p), Some(p.p)));
                return Some(e);
            }
        }
        if p.p.day.is_some() {
            if let Some(q) = self.member_at(j, p) {
                self.push(out, start, q.end, Shape::Range(Some(p.p), Some(q.p)));
                return Some(q.end);
            }
        }
        if self.c.at(j).is_some_and(is_digit) {
            return None;
        }
        self.push(out, start, t + 1, Shape::Range(Some(p.p), None));
        Some(t + 1)
    }

    /// `、3、28` after `10/1`, or `・15日` after `10月1日`.
    fn day_members(&self, p: &Parsed, out: &mut Vec<Raw>) -> usize {
        let mut end = p.end;
        if p.p.day.is_none() {
            return end;
        }
        let mut last = Parsed {
            p: p.p,
            end: p.end,
            style: p.style,
        };
        loop {
            let sep = self.skip_weekday(end);
            if !self.c.at(sep).is_some_and(is_list_sep) {
                break;
            }
            let Some(q) = self.member_at(sep + 1, &last) else {
                break;
            };
            self.push(out, sep + 1, q.end, Shape::Single(q.p));
            end = q.end;
            last = q;
        }
        end
    }

    /// The member of a list, or the end of a range, at `i` after the point
    /// `p` (the list's member before it): `M.D` after a dotted date
    /// (`R7.6.12、9.11`, `R7.6.12～6.14`), else a bare day of `p`'s month
    /// (`10/1、3`, `10月1日・15日`). A member takes `p`'s written year, the
    /// next one when its month goes back (`R6.12.11、3.12` → 2025-03-12), as
    /// a year carried along a list does (docs/DATES_COUNTS.md).
    fn member_at(&self, i: usize, p: &Parsed) -> Option<Parsed> {
        let (month, day, end) = (p.style == Style::Dot)
            .then(|| self.dot_member_at(i))
            .flatten()
            .or_else(|| {
                self.day_member_at(i, p.style)
                    .map(|(d, e)| (p.p.month, d, e))
            })?;
        let year = match p.p.year {
            Some(y) if month < p.p.month => Some(y + 1),
            y => y,
        };
        Some(Parsed {
            p: Point {
                year,
                month,
                day: Some(day),
            },
            end,
            style: p.style,
        })
    }

    /// A `M.D` member of a list after a dotted date (`R7.6.12、9.11、12.11`):
    /// month, day and the end; nothing glued to a further digit or dot.
    fn dot_member_at(&self, i: usize) -> Option<(u32, u32, usize)> {
        let (m, j) = self.c.number(i, 2)?;
        if !matches!(self.c.at(j), Some('.' | '．')) || !(1..=12).contains(&m) {
            return None;
        }
        let (d, k) = self.c.number(j + 1, 2)?;
        if !(1..=31).contains(&d)
            || self
                .c
                .at(k)
                .is_some_and(|n| is_digit(n) || n == '.' || n == '．')
        {
            return None;
        }
        Some((m, d, k))
    }

    /// A bare day of a list or range at `i`: `3` after a slash date (followed by
    /// something that cannot continue a number or another date), `3日` after a
    /// kanji date.
    fn day_member_at(&self, i: usize, style: Style) -> Option<(u32, usize)> {
        let (d, j) = self.c.number(i, 2)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let next = self.c.at(j);
        if next == Some('日') {
            return Some((d, j + 1));
        }
        if style == Style::Kanji {
            return None;
        }
        let ok = match next {
            None => true,
            Some(n) => {
                n == ' '
                    // 2/14(金)～15(土): a weekday bracket after the day.
                    || self.skip_weekday(j) > j
                    || is_list_sep(n)
                    || super::chars::is_close_bracket(n)
                    || super::chars::is_hiragana(n)
                    || "。予開実".contains(n)
            }
        };
        ok.then_some((d, j))
    }

    /// A letter or digit just before `i` glues it to a longer token.
    fn glued_before(&self, i: usize) -> bool {
        self.c.before(i).is_some_and(|b| {
            b.is_ascii_alphanumeric() || is_digit(b) || matches!(b, '/' | '.' | '／' | '．')
        })
    }

    /// Whether `i` follows an enumerator `N.` that starts a line or stands
    /// after a space or punctuation (`6月に説明会 2.10月に講演会`): the month
    /// after it is a month, not glued to a number.
    fn after_enumerator(&self, i: usize) -> bool {
        if !matches!(self.c.before(i), Some('.' | '．')) {
            return false;
        }
        let mut k = i - 1;
        while k > 0 && self.c.at(k - 1).is_some_and(is_digit) {
            k -= 1;
        }
        let digits = i - 1 - k;
        (1..=2).contains(&digits)
            && self.c.before(k).is_none_or(|b| {
                b.is_whitespace() || "、。・）)】".contains(b) || super::chars::is_open_bracket(b)
            })
    }

    /// `令和7年10月25日`, `令和7年5・6月` (via the month list), `R7/1/7`,
    /// `R7.1.7`, `R8/3月`, `R7/11`, `H31/4/1`, `令和元年…`.
    fn era(&self, i: usize) -> Option<Parsed> {
        let (base, max, j) = if self.c.starts_with(i, "令和") {
            (2018, 99, i + 2)
        } else if self.c.starts_with(i, "平成") {
            (1988, 31, i + 2)
        } else {
            let ch = self.c.at(i)?;
            if self.c.before(i).is_some_and(|b| b.is_ascii_alphanumeric()) {
                return None;
            }
            match ch {
                'R' | 'Ｒ' => (2018, 99, i + 1),
                'H' | 'Ｈ' => (1988, 31, i + 1),
                _ => return None,
            }
        };
        let j = self.c.skip_spaces(j);
        let (ey, j) = if self.c.at(j) == Some('元') {
            (1, j + 1)
        } else {
            self.c.number(j, 2)?
        };
        if !(1..=max).contains(&ey) {
            return None;
        }
        let year = base + ey as i32;
        match self.c.at(j)? {
            '年' => self.kanji_single(j + 1, Some(year)),
            '/' | '／' | '.' | '．' => self.year_month_day(j, year),
            _ => None,
        }
    }

    /// `2025年10月3日`, `2025/10/3`, `2025.10`, `2025-10-03`.
    fn gregorian(&self, i: usize) -> Option<Parsed> {
        if self.glued_before(i) {
            return None;
        }
        let (y, j) = self.c.number(i, 4)?;
        if j - i != 4 || !(1900..=2099).contains(&y) {
            return None;
        }
        match self.c.at(j)? {
            '年' => self.kanji_single(j + 1, Some(y as i32)),
            '/' | '／' | '.' | '．' => self.year_month_day(j, y as i32),
            '-' => self
                .year_month_day(j, y as i32)
                .filter(|p| p.p.day.is_some()),
            _ => None,
        }
    }

    /// After a year at `sep` (the separator): `/M/D`, `/M月`, `/M`.
    fn year_month_day(&self, sep: usize, year: i32) -> Option<Parsed> {
        let sep_ch = self.c.at(sep)?;
        let (m, j) = self.c.number(sep + 1, 2)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let style = if matches!(sep_ch, '.' | '．') {
            Style::Dot
        } else {
            Style::Slash
        };
        let p = |day, end| Parsed {
            p: Point {
                year: Some(year),
                month: m,
                day,
            },
            end,
            style,
        };
        match self.c.at(j) {
            Some(c2) if c2 == sep_ch || (is_slash(c2) && is_slash(sep_ch)) => {
                let (d, k) = self.c.number(j + 1, 2)?;
                if !(1..=31).contains(&d)
                    || self.c.at(k).is_some_and(|n| is_digit(n) || is_slash(n))
                {
                    return None;
                }
                Some(p(Some(d), k))
            }
            Some('月') => Some(p(None, j + 1)),
            Some(n) if is_digit(n) => None,
            _ => Some(p(None, j)),
        }
    }

    /// `10/3` with no year.
    fn slash(&self, i: usize) -> Option<Parsed> {
        if self.glued_before(i) {
            return None;
        }
        let (m, j) = self.c.number(i, 2)?;
        if !self.c.at(j).is_some_and(is_slash) {
            return None;
        }
        let (d, k) = self.c.number(j + 1, 2)?;
        if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
            return None;
        }
        if self
            .c
            .at(k)
            .is_some_and(|n| is_digit(n) || is_slash(n) || n == '%' || n == '％' || n == '月')
        {
            return None;
        }
        // A fraction, not a date: 2/3以上, 1/2程度.
        if ["以上", "以下", "未満", "程度"]
            .iter()
            .any(|w| self.c.starts_with(k, w))
        {
            return None;
        }
        // A share of things counted, not a date: 4/5施設が導入, 8/10人が回答.
        if self.share_counter(k) {
            return None;
        }
        Some(Parsed {
            p: Point {
                year: None,
                month: m,
                day: Some(d),
            },
            end: k,
            style: Style::Slash,
        })
    }

    /// True when a counter of things stands at `k` as a word of its own
    /// (followed by a particle, punctuation, a bracket or the end): the
    /// `N/M` before it is a share (`4/5施設が`, `3/4名中`), while a date
    /// before a longer word stays a date (`5/20病院連絡会`, `9/1市民講座`).
    fn share_counter(&self, k: usize) -> bool {
        const COUNTERS: [&str; 24] = [
            "施設",
            "事業所",
            "機関",
            "医療機関",
            "病院",
            "診療所",
            "薬局",
            "法人",
            "団体",
            "チーム",
            "市町村",
            "市町",
            "市",
            "町",
            "村",
            "地区",
            "圏域",
            "人",
            "名",
            "件",
            "か所",
            "ヶ所",
            "箇所",
            "割",
        ];
        COUNTERS.iter().any(|w| {
            self.c.starts_with(k, w)
                && self.c.at(k + w.chars().count()).is_none_or(|n| {
                    "がのはでもと中、。，,）)」 ".contains(n) || is_close_bracket(n)
                })
        })
    }

    /// `10月`, `10月25日` (a year may precede, already read).
    fn kanji_single(&self, i: usize, year: Option<i32>) -> Option<Parsed> {
        let (m, j) = self.c.number(i, 2)?;
        if self.c.at(j) != Some('月') || !(1..=12).contains(&m) {
            return None;
        }
        let mut end = j + 1;
        let mut day = None;
        if let Some((d, k)) = self.c.number(end, 2) {
            if self.c.at(k) == Some('日') && (1..=31).contains(&d) {
                day = Some(d);
                end = k + 1;
            }
        }
        Some(Parsed {
            p: Point {
                year,
                month: m,
                day,
            },
            end,
            style: Style::Kanji,
        })
    }

    /// A run of months sharing one 月: `5・6・9月`, `5、6月`, `12～1月`,
    /// `5・6～8月`; a single `10月`/`10月25日` is the run of one.
    fn month_list(&self, i: usize, out: &mut Vec<Raw>) -> Option<usize> {
        if (self.glued_before(i) && !self.after_enumerator(i)) || self.c.before(i) == Some('第') {
            return None;
        }
        // Members: (value, first char, after digits), and whether a tilde
        // joins a member to the next.
        let mut members: Vec<(u32, usize, usize)> = Vec::new();
        let mut tilde_after: Vec<bool> = Vec::new();
        let mut k = i;
        loop {
            let (m, j) = self.c.number(k, 2)?;
            members.push((m, k, j));
            match self.c.at(j)? {
                '月' => break,
                c if is_list_sep(c) => {
                    tilde_after.push(false);
                    k = j + 1;
                }
                c if is_tilde(c) => {
                    tilde_after.push(true);
                    k = j + 1;
                }
                _ => return None,
            }
        }
        if members.len() == 1 {
            let p = self.kanji_single(i, None)?;
            return Some(self.after_point(i, p, out));
        }
        if members.iter().any(|&(m, _, _)| !(1..=12).contains(&m)) {
            return None;
        }
        let last = members.len() - 1;
        let end_of = |n: usize| {
            if n == last {
                members[n].2 + 1
            } else {
                members[n].2
            }
        };
        let point = |n: usize| Point {
            year: None,
            month: members[n].0,
            day: None,
        };
        let mut n = 0;
        while n <= last {
            let (_, a, _) = members[n];
            if n < last && tilde_after[n] {
                let shape = Shape::Range(Some(point(n)), Some(point(n + 1)));
                self.push(out, a, end_of(n + 1), shape);
                n += 2;
            } else {
                self.push(out, a, end_of(n), Shape::Single(point(n)));
                n += 1;
            }
        }
        Some(end_of(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        scan(s).into_iter().map(|r| r.text).collect()
    }

    #[test]
    fn forms() {
        assert_eq!(texts("(5・6・9月)"), ["5", "6", "9月"]);
        assert_eq!(
            texts("(10/1、3、28、11/13、R7/1/16、2/21、28 7回開催)"),
            ["10/1", "3", "28", "11/13", "R7/1/16", "2/21", "28"]
        );
        assert_eq!(texts("(12～1月予定)(～3月)"), ["12～1月", "～3月"]);
        assert_eq!(
            texts("令和7年10月25日、R8/3月、R7.1.7"),
            ["令和7年10月25日", "R8/3月", "R7.1.7"]
        );
        assert_eq!(
            texts("令和7年度 第1回 平日9時～13時 24時間 2.24時間"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn ranges_with_part_of_month_words_and_next_year() {
        assert_eq!(
            texts("令和7年12月中旬〜令和8年1月下旬"),
            ["令和7年12月中旬〜令和8年1月"]
        );
        assert_eq!(texts("(6月〜翌2月、3市3町)"), ["6月〜翌2月"]);
        assert_eq!(texts("11/25〜11/29"), ["11/25〜11/29"]);
        assert_eq!(texts("1/18(日)・2/8(日)"), ["1/18", "2/8"]);
        assert_eq!(texts("10/1(木)、3、28"), ["10/1", "3", "28"]);
        assert_eq!(texts("11/25(火)〜11/29(土)"), ["11/25(火)〜11/29"]);
        assert_eq!(
            texts("年度末 第3四半期 通年 年度内 秋頃 下半期"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn spans_point_at_the_member() {
        let t = "(5・6・9月)";
        let r = scan(t);
        assert_eq!(&t[r[0].span.clone()], "5");
        assert_eq!(&t[r[2].span.clone()], "9月");
    }
}
