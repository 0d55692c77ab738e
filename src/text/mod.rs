//! Text analysis: normalisation, tokens, categories from words, dates and counts.
//!
//! Owns: everything that looks inside one item's text. Each function here is a
//! plain function of a string and a small context; none knows documents, tables
//! or files. The tokenizer and every regex are built once per process and shared.

pub mod checks;
pub mod classify;
pub mod counts;
pub mod dates;
pub mod issue_model;
pub mod lexicon;
pub mod normalize;
pub mod pattern;
pub mod similar;
pub mod tokenize;
pub mod topics;
pub mod vocabulary;

pub use normalize::{compact, normalize, normalize_with_map, Normalized};

/// Longest item text (bytes) that is analysed for dates, counts and
/// categories. No item a person writes comes near it; past it the analysis
/// (whose cost grows with the number of dates and counts times the text's
/// length) would let one hostile text run for hours. Longer items keep their
/// text, get no dates or counts and an `item_too_long` warning, and are
/// classified and compared on their first `MAX_ANALYSED_BYTES`.
pub const MAX_ANALYSED_BYTES: usize = 1 << 16;

/// `char::is_alphabetic`, answered at once for kana and the common kanji
/// (the standard library looks every character past ASCII up in a table).
pub fn is_letter(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{4E00}'..='\u{9FFF}')
        || c.is_alphabetic()
}

/// `char::is_alphanumeric`, with [`is_letter`]'s short cut.
pub fn is_letter_or_digit(c: char) -> bool {
    is_letter(c) || c.is_numeric()
}

/// `text` cut to at most [`MAX_ANALYSED_BYTES`], at a character boundary.
pub fn analysed_part(text: &str) -> &str {
    if text.len() <= MAX_ANALYSED_BYTES {
        return text;
    }
    let mut end = MAX_ANALYSED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What a date or count needs to know about the item's section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextContext {
    /// Gregorian year in which the section's Japanese fiscal year starts.
    pub fiscal_year: Option<i32>,
    /// True in a plan section (3): every date and count there is planned.
    pub plan_section: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_short_cuts_agree_with_the_standard_library_on_every_char() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(super::is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(super::is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
