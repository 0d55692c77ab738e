//! Text normalisation of SPEC §3, with offsets kept.
//!
//! Owns: turning reader text into the one form every later stage matches on —
//! NFKC for letters, digits and punctuation (全角 ＡＢＣ１２３（） → ABC123()),
//! half-width katakana to full width, while circled numbers ①–⑳ and the Japanese
//! punctuation 、。「」・～〜 stay as written; runs of white space (including the
//! ideographic space) collapse to one ASCII space and the ends are trimmed.
//!
//! Must not know: forms, sections or categories.
//!
//! Offsets: [`Normalized::original_range`] maps a byte range of the normalised
//! text back to the original, so a fact found after normalisation can quote the
//! source text (lindera's `OffsetMapping` does the same).

use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// Normalised text and, for each of its bytes, the byte offset in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// `map[i]` is the original byte offset of the character that produced byte `i`;
    /// one extra entry at the end holds the original length.
    map: Vec<usize>,
}

impl Normalized {
    /// The original byte range a normalised byte range came from.
    pub fn original_range(&self, r: Range<usize>) -> Range<usize> {
        let start = self.map.get(r.start).copied().unwrap_or(0);
        let end = if r.end == 0 {
            start
        } else {
            // The end of the last character: next mapped offset after r.end-1.
            let last = self.map.get(r.end - 1).copied().unwrap_or(start);
            self.map[r.end..]
                .iter()
                .copied()
                .find(|&o| o > last)
                .unwrap_or(*self.map.last().unwrap_or(&last))
        };
        start..end
    }
}

/// Characters NFKC would change but SPEC §3 keeps as written.
fn keep_as_is(c: char) -> bool {
    matches!(
        c,
        '\u{2460}'
            ..='\u{2473}'   // ①–⑳
        | '、' | '。' | '「' | '」' | '・' | '～' | '〜' | '『' | '』' | '【' | '】' | '〔' | '〕'
        | '※' | '○' | '●' | '◎' | '■' | '□' | '◆' | '◇' | '▪' | '△' | '▲'
    )
}

/// Kana and CJK ideographs, which NFKC never changes: skipping the per-character
/// NFKC iterator for them is the normaliser's main saving (tested below).
fn nfkc_stable(c: char) -> bool {
    matches!(c,
        '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}'
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}

fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}' | '\u{3099}' | '\u{309a}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{00a0}' || c == '\u{200b}'
}

/// Normalise `s` per SPEC §3 and keep the offset map.
pub fn normalize_with_map(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    normalize_into(s, &mut text, Some(&mut map));
    Normalized { text, map }
}

/// The normaliser: `text` receives the normalised text, `map` (when given)
/// one original offset per byte of it and the end. Without a map the memory
/// is the text alone, not eight bytes more per byte.
fn normalize_into(s: &str, text: &mut String, mut map: Option<&mut Vec<usize>>) {
    fn push(map: &mut Option<&mut Vec<usize>>, off: usize, n: usize) {
        if let Some(m) = map.as_deref_mut() {
            m.extend(std::iter::repeat_n(off, n));
        }
    }
    let mut pending_space: Option<usize> = None;
    let mut buf = [0u8; 4];
    let mut chars = s.char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        // A voiced/semi-voiced sound mark composes with the kana before it (ｶﾞ → ガ).
        let mark = chars.next_if(|&(_, m)| is_sound_mark(m)).map(|(_, m)| m);
        if is_space(c) {
            if !text.is_empty() && pending_space.is_none() {
                pending_space = Some(off);
            }
            continue;
        }
        if mark.is_none() && (c.is_ascii() || keep_as_is(c) || nfkc_stable(c)) {
            if let Some(sp) = pending_space.take() {
                text.push(' ');
                push(&mut map, sp, 1);
            }
            let enc = c.encode_utf8(&mut buf);
            text.push_str(enc);
            push(&mut map, off, enc.len());
            continue;
        }
        for n in std::iter::once(c).chain(mark).nfkc() {
            if is_space(n) {
                if !text.is_empty() && pending_space.is_none() {
                    pending_space = Some(off);
                }
                continue;
            }
            if let Some(sp) = pending_space.take() {
                text.push(' ');
                push(&mut map, sp, 1);
            }
            let enc = n.encode_utf8(&mut buf);
            text.push_str(enc);
            push(&mut map, off, enc.len());
        }
    }
    push(&mut map, s.len(), 1);
}

/// Normalise `s` per SPEC §3.
pub fn normalize(s: &str) -> String {
    let mut text = String::with_capacity(s.len());
    normalize_into(s, &mut text, None);
    text
}

/// Normalise and drop every space: for headings and labels, whose spaces are layout.
pub fn compact(s: &str) -> String {
    let n = normalize(s);
    if n.contains(' ') {
        n.replace(' ', "")
    } else {
        n
    }
}

/// `s` without its ASCII spaces (normalised text has no other kind),
/// borrowed when it has none.
pub fn without_spaces(s: &str) -> Cow<'_, str> {
    if s.contains(' ') {
        Cow::Owned(s.replace(' ', ""))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_only_skips_characters_nfkc_keeps() {
        for c in ('\u{3041}'..='\u{9FFF}').filter(|c| nfkc_stable(*c)) {
            let n: String = std::iter::once(c).nfkc().collect();
            assert_eq!(n, c.to_string(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn full_width_ascii_becomes_ascii() {
        assert_eq!(normalize("ＩＣＴ（７月）１２３"), "ICT(7月)123");
    }

    #[test]
    fn circled_numbers_and_japanese_punctuation_survive() {
        assert_eq!(
            normalize("①②「会議」、５・６・９月～３月。"),
            "①②「会議」、5・6・9月～3月。"
        );
    }

    #[test]
    fn half_width_katakana_widens() {
        assert_eq!(normalize("ｹｱﾏﾈｼﾞｬｰ"), "ケアマネジャー");
        assert_eq!(normalize("ﾊﾟﾈﾙ"), "パネル");
    }

    #[test]
    fn white_space_collapses_and_trims() {
        assert_eq!(
            normalize("  ACP　 をふまえた\t会議 "),
            "ACP をふまえた 会議"
        );
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let src = "会議（９/１１　１回）";
        let n = normalize_with_map(src);
        assert_eq!(n.text, "会議(9/11 1回)");
        let start = n.text.find("9/11").unwrap();
        let r = n.original_range(start..start + "9/11".len());
        assert_eq!(&src[r], "９/１１");
    }
}
