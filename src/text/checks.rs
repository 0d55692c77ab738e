//! Consistency checks on one item's dates and counts (SPEC §2 warnings
//! `date_outside_fiscal_year` and `count_mismatch`).
//! PLACEHOLDER for count_mismatch: the dates-and-counts issue fills it in.

use super::counts::CountFact;
use super::dates::DateFact;

/// True when a dated fact lies outside the fiscal year `fy` (April fy … March fy+1).
pub fn outside_fiscal_year(d: &DateFact, fy: i32) -> bool {
    let lo = format!("{fy}-04");
    let hi = format!("{}-03-99", fy + 1);
    let out = |s: &Option<String>| s.as_deref().is_some_and(|v| v < lo.as_str() || v > hi.as_str());
    out(&d.start) || out(&d.end)
}

/// A message when a plain count disagrees with the days listed beside it.
pub fn count_mismatch(text: &str, dates: &[DateFact], counts: &[CountFact]) -> Option<String> {
    let _ = (text, dates, counts);
    None
}
