//! Form recognition: a read [`Document`] → the submissions it holds.
//!
//! Owns: finding each form's header (対象地域, 連携の拠点, 委託先), material id,
//! the four sections, the category layout of each, and the items with their
//! categories and provenance (DECISIONS.md). Text analysis of each item (words,
//! dates, counts) is delegated to [`crate::text`].
//!
//! Must not know: docx-rs, calamine, files, threads.

mod analyse;
mod draft;
mod entities;
mod items;
mod lines;
mod regions;
mod scan;
mod table;

pub use entities::split_entities;
pub use lines::{category_heading, fiscal_year, material_id, section_heading, CATEGORY_NAMES};

use crate::model::{Document, PartKind};
use crate::output::Submission;

/// Every form found in `doc`, in document order.
pub fn recognize(doc: &Document) -> Vec<Submission> {
    let mut out: Vec<Submission> = Vec::new();
    for part in &doc.parts {
        let base = match &part.kind {
            PartKind::Body => "body".to_string(),
            PartKind::Sheet(name) => format!("sheet:{name}"),
            PartKind::PageHeader => continue,
        };
        // Forms side by side on a sheet are read one region at a time, then
        // put in reading order: by the row of their header, then left to right.
        let split = match part.kind {
            PartKind::Sheet(_) => regions::split(part),
            _ => None,
        };
        let forms = match &split {
            Some(regions) => {
                let mut forms = scan::Scanner::new(regions).scan(regions);
                forms.sort_by_key(|f| f.anchor.unwrap_or((usize::MAX, usize::MAX)));
                forms
            }
            None => scan::Scanner::new(part).scan(part),
        };
        for (i, f) in forms.into_iter().enumerate() {
            let locator = if i == 0 {
                base.clone()
            } else {
                format!("{base}#{}", i + 1)
            };
            out.push(f.finish(locator));
        }
    }
    // A 資料 label printed only in a Word page header belongs to the body's
    // first form when that form has none of its own (DECISIONS 11).
    if let Some(id) = doc
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::PageHeader)
        .find_map(|p| {
            p.lines()
                .find_map(|l| lines::material_id(&crate::text::normalize(l)))
        })
    {
        if let Some(first) = out.iter_mut().find(|s| s.locator == "body") {
            first.material_id.get_or_insert(id);
        }
    }
    out
}
