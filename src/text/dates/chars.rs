//! Character-level helpers shared by the date and count scanners.
//!
//! Owns: the classes of characters the scanners care about (digits of both
//! widths, tildes, list separators, brackets) and a cursor over a text's
//! characters that knows every character's byte offset.
//!
//! Must not know: what a date or a count is.

/// The text as characters with their byte offsets, plus one sentinel entry for
/// the end, so `off(i)` is defined for `i == len()`. Eight bytes per
/// character: offsets are kept as u32 (a text is far below 4 GiB: inputs are
/// capped at `--max-unzipped-bytes`; past 4 GiB offsets saturate).
pub(crate) struct Chars {
    chars: Vec<char>,
    offs: Vec<u32>,
}

fn offset32(o: usize) -> u32 {
    u32::try_from(o).unwrap_or(u32::MAX)
}

impl Chars {
    pub(crate) fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut offs = Vec::with_capacity(text.len() / 2 + 1);
        for (o, c) in text.char_indices() {
            chars.push(c);
            offs.push(offset32(o));
        }
        offs.push(offset32(text.len()));
        Chars { chars, offs }
    }

    pub(crate) fn len(&self) -> usize {
        self.chars.len()
    }

    /// The character at `i`, or None past the end.
    pub(crate) fn at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    /// The character before `i`, or None at the start.
    pub(crate) fn before(&self, i: usize) -> Option<char> {
        i.checked_sub(1).and_then(|j| self.at(j))
    }

    /// Byte offset of character `i` (the text's length for `i == len()`).
    pub(crate) fn off(&self, i: usize) -> usize {
        self.offs
            .get(i)
            .copied()
            .unwrap_or_else(|| self.offs.last().copied().unwrap_or(0)) as usize
    }

    /// Character index of byte offset `b` (the first character at or after it).
    pub(crate) fn index_of(&self, b: usize) -> usize {
        let b = offset32(b);
        self.offs.partition_point(|&o| o < b)
    }

    /// True when the characters from `i` spell `s`.
    pub(crate) fn starts_with(&self, i: usize, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.at(i + k) == Some(c))
    }

    /// True when the characters ending just before `i` spell `s`.
    pub(crate) fn ends_with(&self, i: usize, s: &str) -> bool {
        let n = s.chars().count();
        i >= n && self.starts_with(i - n, s)
    }

    /// Index of the first non-space character at or after `i`.
    pub(crate) fn skip_spaces(&self, mut i: usize) -> usize {
        while self.at(i) == Some(' ') {
            i += 1;
        }
        i
    }

    /// Index just after the last non-space character before `i`.
    pub(crate) fn skip_spaces_back(&self, mut i: usize) -> usize {
        while i > 0 && self.at(i - 1) == Some(' ') {
            i -= 1;
        }
        i
    }

    /// The run of 1 to `max` digits starting at `i`: value and the index after
    /// it. None when `i` is not a digit, or when the run is longer than `max`.
    pub(crate) fn number(&self, i: usize, max: usize) -> Option<(u32, usize)> {
        let mut j = i;
        let mut v: u32 = 0;
        while let Some(d) = self.at(j).and_then(digit) {
            v = v.saturating_mul(10).saturating_add(d);
            j += 1;
        }
        let n = j - i;
        (n >= 1 && n <= max).then_some((v, j))
    }
}

/// The value of an ASCII or full-width digit.
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

pub(crate) fn is_digit(c: char) -> bool {
    digit(c).is_some()
}

/// The tildes of ranges: ～ (full width), 〜 (wave dash) and ~.
pub(crate) fn is_tilde(c: char) -> bool {
    matches!(c, '～' | '〜' | '~')
}

/// Separators between the members of a list of dates.
pub(crate) fn is_list_sep(c: char) -> bool {
    matches!(c, '、' | '・' | ',' | '，' | '､' | '･')
}

/// The slash of `10/3` in either width.
pub(crate) fn is_slash(c: char) -> bool {
    matches!(c, '/' | '／')
}

pub(crate) fn is_open_bracket(c: char) -> bool {
    matches!(
        c,
        '(' | '（' | '[' | '［' | '「' | '『' | '【' | '〔' | '〈' | '《' | '{'
    )
}

pub(crate) fn is_close_bracket(c: char) -> bool {
    matches!(
        c,
        ')' | '）' | ']' | '］' | '」' | '』' | '】' | '〕' | '〉' | '》' | '}'
    )
}

pub(crate) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

pub(crate) fn is_katakana(c: char) -> bool {
    ('\u{30a1}'..='\u{30ff}').contains(&c) && c != '・'
}

pub(crate) fn is_kanji(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c) || c == '々'
}

/// Clause ends: the Japanese comma and full stop (and their ASCII stand-ins
/// when they separate Japanese text).
pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '、' | '。' | '､' | '｡')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_of_both_widths() {
        let c = Chars::new("R１2/3");
        assert_eq!(c.number(1, 2), Some((12, 3)));
        assert_eq!(c.number(0, 2), None);
        assert_eq!(Chars::new("2025").number(0, 2), None);
    }

    #[test]
    fn offsets_and_indices_round_trip() {
        let c = Chars::new("会議(9/11)");
        assert_eq!(c.off(2), "会議".len());
        assert_eq!(c.index_of("会議".len()), 2);
        assert_eq!(c.off(c.len()), "会議(9/11)".len());
    }
}
