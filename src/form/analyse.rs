//! One item's text analysis: its dates and counts (from the item and the
//! heading it sits under), the checks on them (dates outside the section's
//! fiscal year, counts that disagree with the dates listed), and the contract
//! item with its provenance. An item longer than `text::MAX_ANALYSED_BYTES`
//! keeps its text and gets an `item_too_long` warning instead of dates and
//! counts.
//!
//! Must not know: documents, layouts, files.

use super::draft::{DraftItem, Origin};
use crate::output::{At, CountOut, DateOut, Item, Warning};
use crate::text::counts::CountFact;
use crate::text::dates::DateFact;
use crate::text::{self, checks, TextContext};

/// The contract item for a draft, item `index` of `section`; its date and count
/// warnings go to `warnings`.
pub(super) fn analyse(
    mut di: DraftItem,
    ctx: &TextContext,
    section: u8,
    index: usize,
    warnings: &mut Vec<Warning>,
) -> Item {
    let categories = std::mem::take(&mut di.categories);
    let mut dates = Vec::new();
    let mut counts = Vec::new();
    let too_long = di.text.len() > text::MAX_ANALYSED_BYTES
        || di
            .heading_text
            .as_ref()
            .is_some_and(|h| h.len() > text::MAX_ANALYSED_BYTES);
    if too_long {
        warnings.push(Warning {
            code: "item_too_long".into(),
            section: Some(section),
            item: Some(index),
            message: format!(
                "the item's text of {} bytes is longer than the {} analysed; its dates and counts were not read",
                di.text.len(),
                text::MAX_ANALYSED_BYTES
            ),
        });
        return item_of(di, categories, Vec::new(), Vec::new(), index);
    }
    if let Some(h) = &di.heading_text {
        dates.extend(text::dates::find_dates(h, ctx));
        counts.extend(text::counts::find_counts(h, ctx));
    }
    let own_dates = text::dates::find_dates(&di.text, ctx);
    let own_counts = text::counts::find_counts(&di.text, ctx);
    let mut mismatch = checks::count_mismatch(&di.text, &own_dates, &own_counts);
    dates.extend(own_dates);
    counts.extend(own_counts);
    for fact in &di.facts {
        let cell_dates = text::dates::find_dates(fact, ctx);
        // A cell of the record that holds a count and its days
        // (`4回（5/22、8/28、1/23）`) is checked as a text of its own
        // (DECISIONS 62); the item warns once.
        if mismatch.is_none() {
            let cell_counts = text::counts::find_counts(fact, ctx);
            mismatch = checks::count_mismatch(fact, &cell_dates, &cell_counts);
        }
        dates.extend(cell_dates);
        counts.extend(fact_counts(&di.text, fact, ctx));
    }
    if let Some(fy) = ctx.fiscal_year {
        for d in dates.iter().filter(|d| checks::outside_fiscal_year(d, fy)) {
            warnings.push(Warning {
                code: "date_outside_fiscal_year".into(),
                section: Some(section),
                item: Some(index),
                message: format!(
                    "「{}」 ({}) lies outside fiscal year {fy} ({fy}-04 … {}-03) of section {section}",
                    d.text,
                    d.start.as_deref().or(d.end.as_deref()).unwrap_or("?"),
                    fy + 1,
                ),
            });
        }
    }
    if let Some(msg) = mismatch {
        warnings.push(Warning {
            code: "count_mismatch".into(),
            section: Some(section),
            item: Some(index),
            message: msg,
        });
    }
    item_of(di, categories, dates, counts, index)
}

/// Counts in another cell of an item's row: read as if the cell were written
/// in brackets after the activity, so the activity names their event
/// (DECISIONS 20); only the counts inside the cell are kept.
fn fact_counts(activity: &str, fact: &str, ctx: &TextContext) -> Vec<CountFact> {
    let joined = format!("{activity}({fact})");
    let start = activity.len() + 1;
    let end = start + fact.len();
    text::counts::find_counts(&joined, ctx)
        .into_iter()
        .filter(|c| c.span.start >= start && c.span.end <= end)
        .collect()
}

/// The contract item: the draft's text, categories and provenance, and the
/// dates and counts found in it.
fn item_of(
    di: DraftItem,
    categories: Vec<u8>,
    dates: Vec<DateFact>,
    counts: Vec<CountFact>,
    index: usize,
) -> Item {
    Item {
        id: String::new(),
        index,
        text: di.text,
        categories,
        category_source: di.source.as_str().into(),
        dates: dates
            .into_iter()
            .map(|d| DateOut {
                text: d.text,
                start: d.start,
                end: d.end,
                planned: d.planned,
            })
            .collect(),
        counts: counts
            .into_iter()
            .map(|c| CountOut {
                text: c.text,
                value: c.value,
                per: c.per.map(|p| p.as_str().to_string()),
                every: c.every,
                planned: c.planned,
                event: c.event,
            })
            .collect(),
        at: match di.origin {
            Origin::Body { paragraph } => At::Word {
                table: None,
                row: None,
                col: None,
                paragraph,
            },
            Origin::Table {
                table,
                row,
                col,
                paragraph,
            } => At::Word {
                table: Some(table),
                row: Some(row),
                col: Some(col),
                paragraph,
            },
            Origin::Sheet {
                sheet,
                row,
                col,
                paragraph,
            } => At::Sheet {
                sheet,
                row,
                col,
                paragraph,
            },
        },
        links: None,
    }
}
