//! Dates in item text (SPEC §2 "Date"). PLACEHOLDER: the dates issue fills this in.
//!
//! Owns: finding calendar days, months and ranges, resolving era and year-less
//! dates against the section's fiscal year, and deciding `planned`.

use super::TextContext;
use std::ops::Range;

/// One day, month or range named in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFact {
    /// The date as written (normalised text), e.g. `9/11`, `(5・6・9月)` → `5月`.
    pub text: String,
    /// `YYYY-MM-DD` or `YYYY-MM`; None for the open start of `～3月`.
    pub start: Option<String>,
    pub end: Option<String>,
    pub planned: bool,
    /// Byte range of `text` in the input.
    pub span: Range<usize>,
}

/// Every date in `text` (normalised per SPEC §3), in order of appearance.
pub fn find_dates(text: &str, ctx: &TextContext) -> Vec<DateFact> {
    let _ = (text, ctx);
    Vec::new()
}
