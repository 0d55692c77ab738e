//! Categories ①–⑤ from an item's words. PLACEHOLDER: the text-layer issue fills
//! this in (lexicon in `dictionaries/`, lindera base forms plus regex patterns).

/// The categories (sorted, distinct, 1–5) the words of `text` point to; empty when
/// nothing fits well enough.
pub fn classify(text: &str) -> Vec<u8> {
    let _ = text;
    Vec::new()
}
