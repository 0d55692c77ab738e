//! The neutral document model every reader produces and the form stage consumes.
//!
//! Owns: the shape of a read document — parts (a Word body or one worksheet),
//! blocks (paragraphs and tables), tables as grids whose merged cells keep their
//! spans, and the provenance of every piece of text.
//!
//! Must not know: quick-xml, calamine, or anything of the forms (sections, markers,
//! categories). Text here is as the reader found it (visible text only: deleted
//! tracked changes and field instructions are already gone), not yet normalised.
//!
//! Invariants:
//! - a merged region appears once, as the cell at its top-left origin with its
//!   `row_span`/`col_span`; the grid positions it covers hold no other cell;
//! - cells are ordered by (row, col);
//! - a line break inside a Word paragraph or an Excel cell splits the text into
//!   separate entries of `lines`, so downstream stages never see `\n`.

/// A whole input file, read.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The Word body, or the visible worksheets in workbook order.
    pub parts: Vec<Part>,
    /// Things worth telling the user that did not stop the read (hidden sheet skipped …).
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// A Word body of plain paragraphs, one per line (the worker's warm-up
    /// form, and tests that run the real stages on a few lines).
    pub fn from_lines(lines: &[&str]) -> Document {
        let blocks = (lines.iter().enumerate())
            .map(|(index, l)| {
                Block::Paragraph(Paragraph {
                    index,
                    lines: vec![l.to_string()],
                    list_item: false,
                })
            })
            .collect();
        Document {
            parts: vec![Part {
                kind: PartKind::Body,
                blocks,
            }],
            diagnostics: Vec::new(),
        }
    }
}

/// One independent flow of content: a Word body or one worksheet.
#[derive(Debug, Clone)]
pub struct Part {
    pub kind: PartKind,
    pub blocks: Vec<Block>,
}

/// Where a part lives in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartKind {
    /// The main body of a Word document.
    Body,
    /// A worksheet, by name.
    Sheet(String),
    /// A Word page header (`word/header*.xml`): labels such as `資料2-1`
    /// printed on every page, never a form.
    PageHeader,
}

/// A top-level block of a part, in reading order.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A body paragraph (outside any table).
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// Zero-based index among the body paragraphs of the part.
    pub index: usize,
    /// The paragraph's visible text, one entry per line (line breaks split it).
    pub lines: Vec<String>,
    /// True when Word renders a bullet or number before it (numbering properties).
    pub list_item: bool,
}

/// A table as a grid. In a worksheet, the whole used range is one table whose
/// `row`/`col` are the sheet's own zero-based coordinates.
#[derive(Debug, Clone)]
pub struct Table {
    /// Zero-based index among the tables of the part.
    pub index: usize,
    /// First grid row / column of the table (0 for Word; the used range's origin in a sheet).
    pub origin_row: usize,
    pub origin_col: usize,
    /// Grid size (rows × columns), counted from the origin.
    pub rows: usize,
    pub cols: usize,
    /// Non-covered cells, ordered by (row, col). Empty cells may be omitted.
    pub cells: Vec<Cell>,
}

/// One cell, at its top-left grid position, with its merged span.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Absolute grid row / column (for sheets: sheet coordinates).
    pub row: usize,
    pub col: usize,
    /// Number of grid rows / columns the cell covers (≥ 1).
    pub row_span: usize,
    pub col_span: usize,
    /// Visible text, one entry per paragraph or line.
    pub lines: Vec<Line>,
}

/// One line of cell text with its paragraph provenance.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    /// Zero-based index of the line within its cell (after splitting line breaks).
    pub paragraph: usize,
    /// True when Word renders a bullet or number before the paragraph.
    pub list_item: bool,
}

/// A non-fatal note from a reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// Stable machine-readable code, e.g. `hidden_sheet`.
    pub code: String,
    pub message: String,
}

/// Severity of a [`Diagnostic`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
}

impl Part {
    /// Every line of text in the part — paragraph lines and table-cell lines —
    /// in reading order.
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .flat_map(|b| -> Box<dyn Iterator<Item = &str> + '_> {
                match b {
                    Block::Paragraph(p) => Box::new(p.lines.iter().map(String::as_str)),
                    Block::Table(t) => Box::new(
                        t.cells
                            .iter()
                            .flat_map(|c| c.lines.iter().map(|l| l.text.as_str())),
                    ),
                }
            })
    }
}

impl Cell {
    /// The cell's text with its lines joined by `\n` (for tests and heuristics).
    pub fn text(&self) -> String {
        let mut s = String::new();
        for (i, l) in self.lines.iter().enumerate() {
            if i > 0 {
                s.push('\n');
            }
            s.push_str(&l.text);
        }
        s
    }

    /// Last grid column the cell covers (inclusive).
    pub fn last_col(&self) -> usize {
        self.col + self.col_span.max(1) - 1
    }

    /// True when the cell has no visible text.
    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.text.trim().is_empty())
    }
}

impl Table {
    /// The cells whose top-left position lies in grid row `row`.
    pub fn row_cells(&self, row: usize) -> impl Iterator<Item = &Cell> {
        self.cells.iter().filter(move |c| c.row == row)
    }

    /// The cell covering grid position (row, col), merged or not.
    pub fn covering(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| {
            row >= c.row && row < c.row + c.row_span && col >= c.col && col < c.col + c.col_span
        })
    }
}
