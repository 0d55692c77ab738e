//! A Word table as written (rows of cells with `gridSpan`, `vMerge`,
//! `gridBefore`/`gridAfter`) → the model's grid of cells with spans.
//!
//! Rules: a cell starts at the grid column after the previous cell (plus the
//! row's `gridBefore`); `gridSpan` is its `col_span`. A `vMerge` continuation
//! joins the cell above when that cell starts at the same column with the same
//! span and reaches the row above; it is then no cell of its own, and any
//! text it holds is appended to the merged cell. A continuation with nothing
//! to join starts a cell of its own.

use crate::model::{Cell, Line, Table};
use std::collections::HashMap;

/// Word allows at most 63 columns; larger spans are hostile or broken.
const MAX_SPAN: usize = 63;

/// Vertical merge state of a cell (`w:vMerge`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

/// One `w:tc` as read.
#[derive(Debug, Default)]
pub struct CellBuild {
    pub span: usize,
    pub vmerge: VMerge,
    pub lines: Vec<Line>,
}

impl CellBuild {
    /// Append one paragraph's lines.
    pub fn push_paragraph(&mut self, lines: Vec<String>, list_item: bool) {
        for text in lines {
            let paragraph = self.lines.len();
            self.lines.push(Line {
                text,
                paragraph,
                list_item,
            });
        }
    }
}

/// One `w:tr` as read.
#[derive(Debug, Default)]
pub struct RowBuild {
    pub before: usize,
    pub after: usize,
    /// A tracked deletion of the whole row.
    pub deleted: bool,
    pub cells: Vec<CellBuild>,
}

/// One top-level `w:tbl` as read.
#[derive(Debug, Default)]
pub struct TableBuild {
    /// Number of `w:gridCol` in `w:tblGrid`.
    pub grid_cols: usize,
    pub rows: Vec<RowBuild>,
    pub row: Option<RowBuild>,
    pub cell: Option<CellBuild>,
}

/// Resolve the grid. `index` is the table's index among the body's tables.
pub fn resolve(t: TableBuild, index: usize) -> Table {
    let mut cells: Vec<Cell> = Vec::new();
    // Grid column → index in `cells` of the cell that may still be continued downward.
    let mut open: HashMap<usize, usize> = HashMap::new();
    let mut cols = t.grid_cols;
    let rows = t.rows.into_iter().filter(|r| !r.deleted);
    let mut nrows = 0;
    for (r, row) in rows.enumerate() {
        nrows = r + 1;
        let mut col = row.before.min(MAX_SPAN);
        for cb in row.cells {
            let span = cb.span.clamp(1, MAX_SPAN);
            let joined = match cb.vmerge {
                VMerge::Continue => open.get(&col).copied().filter(|&i| {
                    let c = &cells[i];
                    c.col_span == span && c.row + c.row_span == r
                }),
                _ => None,
            };
            if let Some(i) = joined {
                let origin = &mut cells[i];
                origin.row_span += 1;
                for l in cb.lines.into_iter().filter(|l| !l.text.trim().is_empty()) {
                    let paragraph = origin.lines.len();
                    origin.lines.push(Line { paragraph, ..l });
                }
            } else {
                for c in col..col + span {
                    open.remove(&c);
                }
                if cb.vmerge != VMerge::None {
                    open.insert(col, cells.len());
                }
                cells.push(Cell {
                    row: r,
                    col,
                    row_span: 1,
                    col_span: span,
                    lines: cb.lines,
                });
            }
            col += span;
        }
        cols = cols.max(col + row.after.min(MAX_SPAN));
    }
    Table {
        index,
        origin_row: 0,
        origin_col: 0,
        rows: nrows,
        cols,
        cells,
    }
}
