//! Text analysis: normalisation, tokens, categories from words, dates and counts.
//!
//! Owns: everything that looks inside one item's text. Each function here is a
//! plain function of a string and a small context; none knows documents, tables
//! or files. The tokenizer and every regex are built once per process and shared.

pub mod checks;
pub mod classify;
pub mod counts;
pub mod dates;
pub mod lexicon;
pub mod normalize;
pub mod similar;
pub mod tokenize;
pub mod topics;
pub mod vocabulary;

pub use normalize::{compact, normalize, normalize_with_map, Normalized};

/// What a date or count needs to know about the item's section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextContext {
    /// Gregorian year in which the section's Japanese fiscal year starts.
    pub fiscal_year: Option<i32>,
    /// True in a plan section (3): every date and count there is planned.
    pub plan_section: bool,
}
