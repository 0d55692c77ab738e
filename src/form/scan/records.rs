//! Rows of a table of records: one row, one item (DECISIONS 20–22).
//!
//! Owns: reading one row by the column roles its table's header row gave —
//! the activity cell is the item, the category cell or check-mark columns give
//! its categories, the other cells its dates and counts.
//!
//! Must not know: how roles are recognised (`form::table`), file formats.

use super::{CategorySource, DraftItem, Prev, RowCell, Scanner};
use crate::form::items::strip_bullet;
use crate::form::lines::{self, leading_markers};
use crate::form::table::{self, Role};
use crate::model::Table;
use crate::text::normalize;

impl Scanner {
    /// One row under the header row of a table of records.
    pub(super) fn record_row(&mut self, t: &Table, cells: &[RowCell]) {
        let Some(section) = self.current_section() else {
            return;
        };
        let Some(records) = self.records.as_ref() else {
            return;
        };
        let role_of = |c: &RowCell| {
            records
                .roles
                .iter()
                .find(|(a, b, _)| c.cell.col <= *b && c.cell.last_col() >= *a)
                .map(|r| r.2)
        };
        // A cell of markers alone (`①`, `①③`) under a column no label names
        // (`該当番号`, `分野`) is the row's 区分 (DECISIONS 71).
        let roles: Vec<Option<Role>> = cells
            .iter()
            .map(|c| role_of(c).or_else(|| only_markers(&c.text).then_some(Role::Category)))
            .collect();
        // A row that is only a category heading heads the rows below it.
        if section != 2 {
            let headings: Vec<Vec<u8>> = cells
                .iter()
                .filter_map(|c| lines::category_heading(&c.text))
                .collect();
            if headings.len() == 1 && cells.len() == 1 {
                if let Some(cats) = headings.into_iter().next() {
                    self.set_heading(cats, cells[0].text.clone());
                }
                return;
            }
        }
        let activity = roles
            .iter()
            .position(|r| *r == Some(Role::Activity))
            .or_else(|| {
                // No labelled activity column: the first unlabelled cell with words.
                cells
                    .iter()
                    .zip(&roles)
                    .position(|(c, r)| r.is_none() && !table::is_bare_value(&c.text))
            });
        let Some(a) = activity else {
            for c in cells {
                self.unplaced(&c.text);
            }
            return;
        };
        let cell = cells[a].cell;
        let joined = cell
            .lines
            .iter()
            .map(|l| normalize(&l.text))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let (markers, rest) = leading_markers(strip_bullet(&joined));
        let text = strip_bullet(rest).trim().to_string();
        if text.is_empty() || table::is_bare_value(&text) {
            return;
        }
        let mut column_cats: Vec<u8> = Vec::new();
        let mut facts = Vec::new();
        for (i, (c, role)) in cells.iter().zip(&roles).enumerate() {
            if i == a {
                continue;
            }
            match role {
                Some(Role::Category) => column_cats.extend(table::categories_in(&c.text)),
                Some(Role::Mark(n)) => {
                    if table::is_check_mark(&c.text) {
                        column_cats.push(*n);
                    }
                }
                Some(Role::HowOften) => facts.push(how_often(&c.text)),
                Some(Role::Activity) => {}
                _ => facts.push(c.text.clone()),
            }
        }
        column_cats.sort_unstable();
        column_cats.dedup();
        let (categories, source) = if section == 2 {
            (Vec::new(), CategorySource::Classifier)
        } else if !markers.is_empty() {
            (markers, CategorySource::Marker)
        } else if !column_cats.is_empty() {
            (column_cats, CategorySource::Column)
        } else if let Some(h) = &self.heading {
            (h.clone(), CategorySource::Heading)
        } else {
            (Vec::new(), CategorySource::Classifier)
        };
        let origin = self.origin(t, cell, 0);
        if section != 2 && super::is_continuation(&text) && matches!(self.prev, Prev::Item) {
            if let Some(mut item) = self.continuation(&text, origin.clone()) {
                if source != CategorySource::Classifier && source != CategorySource::Heading {
                    item.categories = categories;
                    item.source = source;
                    item.follows = false;
                }
                item.facts = facts;
                self.push(item);
                return;
            }
        }
        let mut item = DraftItem::new(text, categories, source, origin);
        item.facts = facts;
        self.push(item);
    }
}

/// A how-often cell: a bare number `N` is the count `N回` (DECISIONS 20).
fn how_often(text: &str) -> String {
    let t = text.trim();
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        format!("{t}回")
    } else {
        t.to_string()
    }
}

/// True when `text` is one or more markers ①–⑤ and nothing else.
fn only_markers(text: &str) -> bool {
    let (markers, rest) = leading_markers(text);
    !markers.is_empty() && rest.trim().is_empty()
}
