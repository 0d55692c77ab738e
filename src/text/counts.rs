//! Meeting counts and frequencies in item text (SPEC §2 "Count").
//! PLACEHOLDER: the dates-and-counts issue fills this in.

use super::TextContext;
use std::ops::Range;

/// The period of a frequency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Per {
    Year,
    Month,
    Week,
}

impl Per {
    /// The name written in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Per::Year => "year",
            Per::Month => "month",
            Per::Week => "week",
        }
    }
}

/// One count or frequency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountFact {
    pub text: String,
    pub value: u32,
    pub per: Option<Per>,
    pub every: u32,
    pub planned: bool,
    /// The thing counted (会議, 研修会 …) when the sentence names it.
    pub event: Option<String>,
    pub span: Range<usize>,
}

/// Every count in `text` (normalised per SPEC §3), in order of appearance.
pub fn find_counts(text: &str, ctx: &TextContext) -> Vec<CountFact> {
    let _ = (text, ctx);
    Vec::new()
}
