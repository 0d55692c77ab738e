//! Excel number-format codes → the text a cell shows (DECISIONS 23).
//!
//! Owns: reading the first section of a format code (quoted literals, `\`
//! escapes and unquoted text kept; `[...]` colour, condition and locale tags
//! skipped, except a `[$¥-411]` currency symbol; `_x` and `*x` padding
//! dropped) and showing a number or a date through it. A number keeps its
//! literal text, digits, decimals, grouping and percent (`0"回"` → `3回`,
//! `#,##0"件"` → `1,234件`, `0.0` → `3.0`, `0%` → `30%`); `General` shows the
//! shortest form. A date is written in one of the forms the date scanner
//! reads, chosen by the fields the code shows: `YYYY/M/D`, `YYYY年M月`,
//! `M月D日`, `M/D`, `M月`, `令和N年M月D日`; times as `H:MM`.
//!
//! Must not know: calamine, the zip container, the model; forms.

mod number;

use super::text;

/// One piece of a format section.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    /// A digit placeholder: `0`, `#` or `?`.
    Digit(char),
    Point,
    Comma,
    Percent,
    /// `E+` / `E-`: scientific notation; true for `+` (the sign always shown).
    Exp(bool),
    /// `General` (`G/標準`) or `@`: the number in its shortest form.
    General,
    /// `/` outside quotes: a fraction in a number, a separator in a date.
    Slash,
    /// A run of one date/time letter (lower case; `n` is an elapsed `[m]`,
    /// `p` AM/PM) and its length.
    Date(char, usize),
}

/// The first section of a format code, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct NumFmt {
    toks: Vec<Tok>,
    /// `[$-ja-JP-x-gannen]`: the first year of an era is written 元.
    gannen: bool,
}

/// A calendar date and time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// The code of a built-in format id (ECMA-376 18.8.30, with Japanese
/// Excel's locale-dependent ids 27–36 and 50–58), which a file uses without
/// writing its code.
pub fn builtin(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        37 | 38 => "#,##0",
        39 | 40 => "#,##0.00",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return builtin_ja(id),
    })
}

/// Japanese Excel's locale-dependent built-in formats (ids 27–36, 50–58).
fn builtin_ja(id: u32) -> Option<&'static str> {
    Some(match id {
        27 | 36 | 50 | 57 => "[$-411]ge.m.d",
        28 | 29 | 51 | 54 | 58 => r#"[$-411]ggge"年"m"月"d"日""#,
        30 => "m/d/yy",
        31 => r#"yyyy"年"m"月"d"日""#,
        32 => r#"h"時"mm"分""#,
        33 => r#"h"時"mm"分"ss"秒""#,
        34 | 52 | 55 => r#"yyyy"年"m"月""#,
        35 | 53 | 56 => r#"m"月"d"日""#,
        _ => return None,
    })
}

/// Push `t` after any literal text waiting in `lit`.
fn push(t: Tok, lit: &mut String, toks: &mut Vec<Tok>) {
    if !lit.is_empty() {
        toks.push(Tok::Lit(std::mem::take(lit)));
    }
    toks.push(t);
}

fn starts_ci(s: &[char], word: &str) -> bool {
    let mut n = 0;
    for w in word.chars() {
        match s.get(n) {
            Some(c) if c.to_lowercase().eq(w.to_lowercase()) => n += 1,
            _ => return false,
        }
    }
    true
}

impl NumFmt {
    /// Parse the first `;` section of `code`.
    pub fn parse(code: &str) -> NumFmt {
        let s: Vec<char> = code.chars().collect();
        let mut toks: Vec<Tok> = Vec::new();
        let mut gannen = false;
        let mut lit = String::new();
        if code.trim().is_empty() {
            return NumFmt {
                toks: vec![Tok::General],
                gannen,
            };
        }
        let mut i = 0;
        while let Some(&c) = s.get(i) {
            let rest = &s[i..];
            let lower = c.to_ascii_lowercase();
            i += 1;
            match c {
                ';' => break,
                '"' => {
                    let end = s[i..]
                        .iter()
                        .position(|&q| q == '"')
                        .map_or(s.len(), |p| i + p);
                    lit.extend(&s[i..end]);
                    i = end + 1;
                }
                '\\' => {
                    lit.extend(s.get(i));
                    i += 1;
                }
                '_' | '*' => i += 1,
                '[' => {
                    let end = s[i..]
                        .iter()
                        .position(|&q| q == ']')
                        .map_or(s.len(), |p| i + p);
                    let inner: String = s[i..end].iter().collect();
                    i = end + 1;
                    gannen |= inner.to_ascii_lowercase().contains("gannen");
                    if let Some(currency) = inner.strip_prefix('$') {
                        lit.push_str(currency.split('-').next().unwrap_or(""));
                    } else if let Some(l) = inner.chars().next().map(|l| l.to_ascii_lowercase()) {
                        let elapsed = inner.chars().all(|x| x.to_ascii_lowercase() == l);
                        if elapsed && matches!(l, 'h' | 'm' | 's') {
                            let l = if l == 'm' { 'n' } else { l };
                            push(Tok::Date(l, inner.len()), &mut lit, &mut toks);
                        }
                    }
                }
                _ if starts_ci(rest, "general") => {
                    push(Tok::General, &mut lit, &mut toks);
                    i += 6;
                }
                _ if starts_ci(rest, "g/標準") => {
                    push(Tok::General, &mut lit, &mut toks);
                    i += 3;
                }
                _ if starts_ci(rest, "am/pm") || starts_ci(rest, "a/p") => {
                    push(Tok::Date('p', 1), &mut lit, &mut toks);
                    i += if starts_ci(rest, "am/pm") { 4 } else { 2 };
                }
                '0' | '#' | '?' => push(Tok::Digit(c), &mut lit, &mut toks),
                '.' => push(Tok::Point, &mut lit, &mut toks),
                ',' => push(Tok::Comma, &mut lit, &mut toks),
                '%' => push(Tok::Percent, &mut lit, &mut toks),
                '@' => push(Tok::General, &mut lit, &mut toks),
                '/' => push(Tok::Slash, &mut lit, &mut toks),
                'e' | 'E' if matches!(s.get(i), Some('+' | '-')) => {
                    push(Tok::Exp(s.get(i) == Some(&'+')), &mut lit, &mut toks);
                    i += 1;
                }
                _ if "ymdhsega".contains(lower) && c.is_ascii() => {
                    let n = rest
                        .iter()
                        .take_while(|x| x.to_ascii_lowercase() == lower)
                        .count();
                    push(Tok::Date(lower, n), &mut lit, &mut toks);
                    i += n - 1;
                }
                _ => lit.push(c),
            }
        }
        if !lit.is_empty() {
            toks.push(Tok::Lit(lit));
        }
        NumFmt { toks, gannen }
    }

    /// The format of a cell whose style names `code` (and, for Japanese
    /// built-in formats written without their code, `id`).
    pub fn of_style(code: &str, id: Option<u32>) -> NumFmt {
        match id.and_then(builtin_ja) {
            Some(ja) if code == "General" => NumFmt::parse(ja),
            _ => NumFmt::parse(code),
        }
    }

    /// True when the code shows a date or time field.
    pub fn is_date(&self) -> bool {
        self.toks
            .iter()
            .any(|t| matches!(t, Tok::Date(c, _) if "ymdhsegn".contains(*c)))
    }

    /// True when the code is plain `General` (or `@`): today's shortest form.
    pub fn is_general(&self) -> bool {
        self.toks == [Tok::General]
    }

    /// A date shown through the code, in the form the date scanner reads;
    /// None when the code shows no date or time field.
    pub fn date(&self, t: &Moment) -> Option<String> {
        let dates: Vec<(char, usize)> = self
            .toks
            .iter()
            .filter_map(|t| match t {
                Tok::Date(c, n) if *c != 'a' && *c != 'p' => Some((*c, *n)),
                _ => None,
            })
            .collect();
        let (mut year, mut era, mut month, mut day, mut hour, mut minute) =
            (false, false, false, false, false, false);
        for (k, &(c, n)) in dates.iter().enumerate() {
            let near = |d: isize| {
                k.checked_add_signed(d)
                    .and_then(|j| dates.get(j))
                    .map(|x| x.0)
            };
            match c {
                'y' => year = true,
                'e' | 'g' => era = true,
                'm' if near(-1) == Some('h') || near(1) == Some('s') => minute = true,
                'm' => month = true,
                'd' if n <= 2 => day = true,
                'h' => hour = true,
                'n' | 's' => minute = true,
                _ => {}
            }
        }
        let writes_jp = self
            .toks
            .iter()
            .any(|t| matches!(t, Tok::Lit(s) if s.contains(['月', '日'])));
        let (y, m, d) = (t.year, t.month, t.day);
        let date = if era {
            let (name, n) = japanese_era(y, m, d);
            let n = if n == 1 && self.gannen {
                "元".to_string()
            } else {
                n.to_string()
            };
            Some(match (month, day) {
                (_, true) => format!("{name}{n}年{m}月{d}日"),
                (true, false) => format!("{name}{n}年{m}月"),
                _ => format!("{name}{n}年"),
            })
        } else {
            match (year, month, day) {
                (true, _, true) => Some(format!("{y}/{m}/{d}")),
                (true, true, false) => Some(format!("{y}年{m}月")),
                (true, false, false) => Some(format!("{y}年")),
                (false, true, true) if writes_jp => Some(format!("{m}月{d}日")),
                (false, true, true) => Some(format!("{m}/{d}")),
                (false, true, false) => Some(format!("{m}月")),
                (false, false, true) => Some(format!("{d}日")),
                (false, false, false) => None,
            }
        };
        let clock = text::clock(t.hour as u8, t.minute as u8, t.second as u8);
        match date {
            Some(date) if hour && (t.hour, t.minute, t.second) != (0, 0, 0) => {
                Some(format!("{date} {clock}"))
            }
            Some(date) => Some(date),
            None if hour || minute => Some(clock),
            None => None,
        }
    }
}

/// The Japanese era of a date and its year in it (Gregorian before 明治).
fn japanese_era(y: i32, m: u32, d: u32) -> (&'static str, i32) {
    const ERAS: [((i32, u32, u32), &str); 5] = [
        ((2019, 5, 1), "令和"),
        ((1989, 1, 8), "平成"),
        ((1926, 12, 25), "昭和"),
        ((1912, 7, 30), "大正"),
        ((1868, 1, 25), "明治"),
    ];
    ERAS.iter()
        .find(|(start, _)| (y, m, d) >= *start)
        .map_or(("", y), |((sy, _, _), name)| (*name, y - sy + 1))
}

#[cfg(test)]
mod tests;
