//! Form regions of a worksheet: forms placed side by side on one sheet are cut
//! apart into vertical strips, each read as its own table (DECISIONS 28).
//!
//! Owns: finding header labels (対象地域) that stand side by side, and
//! splitting a sheet's table at the left edge of each.
//!
//! Must not know: sections, items, file formats.

use super::lines::{self, HeaderField};
use crate::model::{Block, Part, Table};
use crate::text::normalize;

/// Rows apart two 対象地域 labels may be and still stand side by side.
const BAND: usize = 3;

/// The part with each sheet table cut into side-by-side regions, or `None`
/// when no two forms stand side by side.
pub fn split(part: &Part) -> Option<Part> {
    let mut blocks = Vec::new();
    let mut split_any = false;
    let mut index = 0;
    for block in &part.blocks {
        match block {
            Block::Table(t) => {
                let edges = edges(t);
                if edges.len() < 2 {
                    let mut t = t.clone();
                    t.index = index;
                    index += 1;
                    blocks.push(Block::Table(t));
                    continue;
                }
                split_any = true;
                for (k, &left) in edges.iter().enumerate() {
                    let lo = if k == 0 { 0 } else { left };
                    let hi = edges.get(k + 1).copied().unwrap_or(usize::MAX);
                    let cells: Vec<_> = t
                        .cells
                        .iter()
                        .filter(|c| c.col >= lo && c.col < hi)
                        .cloned()
                        .collect();
                    if cells.is_empty() {
                        continue;
                    }
                    blocks.push(Block::Table(Table {
                        index,
                        cells,
                        ..t.clone()
                    }));
                    index += 1;
                }
            }
            Block::Paragraph(p) => blocks.push(Block::Paragraph(p.clone())),
        }
    }
    split_any.then(|| Part {
        kind: part.kind.clone(),
        blocks,
    })
}

/// Left edges of side-by-side forms: the columns of 対象地域 labels that have
/// another such label in the same band of rows and do not overlap it.
fn edges(t: &Table) -> Vec<usize> {
    let labels: Vec<(usize, usize, usize)> = t
        .cells
        .iter()
        .filter(|c| {
            c.lines.len() <= 2
                && lines::header_label(&normalize(&c.text())) == Some(HeaderField::TargetAreas)
        })
        .map(|c| (c.row, c.col, c.last_col()))
        .collect();
    let mut edges: Vec<usize> = labels
        .iter()
        .filter(|(r, a, b)| {
            labels
                .iter()
                .any(|(r2, a2, b2)| r.abs_diff(*r2) <= BAND && (b2 < a || b < a2))
        })
        .map(|(_, a, _)| *a)
        .collect();
    edges.sort_unstable();
    edges.dedup();
    edges
}
