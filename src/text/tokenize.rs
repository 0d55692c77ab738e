//! Japanese tokens. PLACEHOLDER: the text-layer issue replaces this with lindera
//! and the embedded IPADIC; the signature stays.

use std::ops::Range;

/// One morpheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub surface: String,
    /// Dictionary (base) form; the surface when unknown.
    pub base: String,
    /// Part of speech, top level (名詞, 動詞 …).
    pub pos: String,
    /// Part of speech, sub-level (一般, サ変接続 …).
    pub pos_detail: String,
    /// Byte range in the input.
    pub span: Range<usize>,
}

/// Tokenize `text` (normalised).
pub fn tokenize(text: &str) -> Vec<Token> {
    let _ = text;
    Vec::new()
}
