//! Consistency checks on one item's dates and counts (SPEC §2 warnings
//! `date_outside_fiscal_year` and `count_mismatch`).
//!
//! Owns: deciding whether a date lies outside its section's fiscal year and
//! whether a plain count disagrees with the days listed beside it.
//!
//! Must not know: submissions or how warnings are written (callers wrap the
//! answers into warnings with the section and item).

use super::counts::CountFact;
use super::dates::clause::Layout;
use super::dates::{list_joins, DateFact};

/// True when a dated fact lies outside the fiscal year `fy` (April fy … March
/// fy+1). Either end of a range outside is enough; an open end is not checked;
/// a date the text itself places in another year (`次年度は5月`) never is.
pub fn outside_fiscal_year(d: &DateFact, fy: i32) -> bool {
    // 次年度は5月に: placed in the year the text names, not a slip.
    if d.other_year {
        return false;
    }
    let out = |s: &Option<String>| {
        s.as_deref()
            .and_then(year_month)
            .is_some_and(|ym| ym < (fy, 4) || ym > (fy + 1, 3))
    };
    out(&d.start) || out(&d.end)
}

/// (year, month) of `YYYY-MM` or `YYYY-MM-DD`.
fn year_month(s: &str) -> Option<(i32, u32)> {
    let mut parts = s.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    Some((y, m))
}

/// A message when a plain count disagrees with the days listed beside it.
///
/// For each count without a period (`4回`, not `月1回`), the days beside it are
/// the dates in its scope: its bracket's content when it stands in one, else
/// its clause (nested brackets included, so `研修会を3回実施(…(R6/12/7)、…)`
/// counts the days in the bracket). The check is made only when that scope
/// holds at least one date, every date is a single day (a month or a range
/// may hold several meetings), and no count in it is a frequency. With several
/// plain counts in one scope (`12回開催予定中、7回実施`) agreeing with any of
/// them is enough. The first disagreement is reported.
pub fn count_mismatch(text: &str, dates: &[DateFact], counts: &[CountFact]) -> Option<String> {
    if dates.is_empty() || counts.is_empty() {
        return None;
    }
    // Facts found in another text (a heading line's, merged into the item by
    // the caller) have spans that do not name them here: leave them out.
    let dates: Vec<&DateFact> = dates
        .iter()
        .filter(|d| {
            text.get(d.span.clone())
                .is_some_and(|s| !s.is_empty() && d.text.contains(s))
        })
        .collect();
    let counts: Vec<&CountFact> = counts
        .iter()
        .filter(|c| text.get(c.span.clone()) == Some(c.text.as_str()))
        .collect();
    let layout = Layout::new(text, &list_joins(text));
    for c in counts
        .iter()
        .filter(|c| c.per.is_none() && !is_part_or_approximate(text, c))
    {
        let scope = layout.mismatch_scope(&c.span);
        let inside = |s: &std::ops::Range<usize>| scope.start <= s.start && s.end <= scope.end;
        let days: Vec<&DateFact> = dates.iter().copied().filter(|d| inside(&d.span)).collect();
        if days.is_empty() || days.iter().any(|d| !is_single_day(d)) {
            continue;
        }
        // `6/14、9/20、11/5ほか`: the days are examples, not all of them.
        if days.last().is_some_and(|d| {
            text.get(d.span.end..)
                .is_some_and(|rest| EXAMPLES.iter().any(|w| rest.starts_with(w)))
        }) {
            continue;
        }
        let beside: Vec<&CountFact> = counts.iter().copied().filter(|k| inside(&k.span)).collect();
        if beside.iter().any(|k| k.per.is_some()) {
            continue;
        }
        // Agreeing with the days, or with the sessions when consecutive days
        // make one (`2回開催（6/1、6/15・16）`: a two-day session).
        let sessions = sessions(&days);
        if beside
            .iter()
            .any(|k| k.value as usize == days.len() || k.value as usize == sessions)
        {
            continue;
        }
        // `3回開催(7/3、11/6、うち1回は書面開催)`: the days of the rest of
        // the series, a part held without a day of its own.
        let parts = beside.iter().filter(|k| is_part(text, k));
        if parts
            .clone()
            .any(|p| c.value.checked_sub(p.value) == Some(days.len() as u32))
        {
            continue;
        }
        let listed: Vec<&str> = days.iter().map(|d| d.text.as_str()).collect();
        let (n, is) = if days.len() == 1 {
            ("day", "is")
        } else {
            ("days", "are")
        };
        return Some(format!(
            "「{}」 says {} time{} but {} {n} {is} listed beside it: {}",
            c.text,
            c.value,
            if c.value == 1 { "" } else { "s" },
            days.len(),
            listed.join(", ")
        ));
    }
    None
}

/// Words after the last day listed that make the days examples.
const EXAMPLES: [&str; 5] = ["ほか", "他", "など", "等", "外"];

/// True when a count is a part of another (`うち1回はWeb開催`, `3回中2回`), an
/// approximation (`約20回`, `3回以上`, `3回程度`) or a range (`3～4回`): it
/// states no number of days to compare with (decided 2026-12-07).
fn is_part_or_approximate(text: &str, c: &CountFact) -> bool {
    if c.text.contains(['～', '~', '〜', '-', '－']) {
        return true;
    }
    let before = text.get(..c.span.start).unwrap_or("").trim_end();
    let after = text.get(c.span.end..).unwrap_or("").trim_start();
    is_part(text, c)
        || ["約", "およそ", "概ね", "おおむね", "おおよそ"]
            .iter()
            .any(|w| before.ends_with(w))
        || [
            "以上",
            "程度",
            "余り",
            "あまり",
            "超",
            "前後",
            "ほど",
            "くらい",
            "ぐらい",
            "強",
            "弱",
        ]
        .iter()
        .any(|w| after.starts_with(w))
}

/// True when a count is a part of another: after うち, の内 or 回中.
fn is_part(text: &str, c: &CountFact) -> bool {
    let before = text.get(..c.span.start).unwrap_or("").trim_end();
    ["うち", "の内", "回中"].iter().any(|w| before.ends_with(w))
}

/// How many sessions the single days make when a day that follows the one
/// before it (in the text's order) continues its session.
fn sessions(days: &[&DateFact]) -> usize {
    let numbers: Vec<Option<i64>> = days
        .iter()
        .map(|d| d.start.as_deref().and_then(day_number))
        .collect();
    let continues = numbers
        .windows(2)
        .filter(|w| matches!(w, [Some(a), Some(b)] if *b == *a + 1))
        .count();
    days.len() - continues
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (the civil calendar).
fn day_number(s: &str) -> Option<i64> {
    let y: i64 = s.get(0..4)?.parse().ok()?;
    let m: i64 = s.get(5..7)?.parse().ok()?;
    let d: i64 = s.get(8..10)?.parse().ok()?;
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

fn is_single_day(d: &DateFact) -> bool {
    d.start.is_some() && d.start == d.end && d.start.as_deref().is_some_and(|s| s.len() == 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_follow_the_calendar() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(
            day_number("2024-03-01")
                .zip(day_number("2024-02-29"))
                .map(|(a, b)| a - b),
            Some(1)
        );
        assert_eq!(
            day_number("2025-01-01")
                .zip(day_number("2024-12-31"))
                .map(|(a, b)| a - b),
            Some(1)
        );
        assert_eq!(day_number("2025-03"), None);
    }
    use crate::text::counts::find_counts;
    use crate::text::dates::find_dates;
    use crate::text::TextContext;

    fn check(text: &str) -> Option<String> {
        let ctx = TextContext {
            fiscal_year: Some(2024),
            plan_section: false,
        };
        count_mismatch(text, &find_dates(text, &ctx), &find_counts(text, &ctx))
    }

    #[test]
    fn mismatch_and_agreement() {
        assert_eq!(
            check("(6/3、9/9、2/17 4回開催)").as_deref(),
            Some("「4回」 says 4 times but 3 days are listed beside it: 6/3, 9/9, 2/17")
        );
        assert_eq!(
            check("(10/1、3、28、11/13、R7/1/16、2/21、28 7回開催)"),
            None
        );
        assert_eq!(check("(9/11 1回)"), None);
        assert_eq!(check("(6/3、9/9 月1回)"), None);
        assert_eq!(check("(5・6・9月 4回)"), None);
    }

    #[test]
    fn facts_of_another_text_are_left_out() {
        let ctx = TextContext {
            fiscal_year: Some(2024),
            plan_section: false,
        };
        let heading = "会議の開催(6/3、9/9)";
        let item = "会議を開催(2回)";
        let mut dates = find_dates(heading, &ctx);
        dates.extend(find_dates(item, &ctx));
        assert_eq!(count_mismatch(item, &dates, &find_counts(item, &ctx)), None);
    }

    #[test]
    fn fiscal_year_bounds() {
        let d = |s: &str| DateFact {
            text: String::new(),
            start: Some(s.into()),
            end: Some(s.into()),
            planned: false,
            span: 0..0,
            other_year: false,
        };
        assert!(outside_fiscal_year(&d("2025-01-24"), 2025));
        assert!(!outside_fiscal_year(&d("2026-03-31"), 2025));
        assert!(!outside_fiscal_year(&d("2025-04"), 2025));
        assert!(outside_fiscal_year(&d("2026-04"), 2025));
    }
}
