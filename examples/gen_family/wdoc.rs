//! Word building blocks for the family fixtures (docx-rs): a body that counts
//! its body paragraphs and tables (for `at`), the header table, cells, and the
//! `decimalEnclosedCircle` list that makes Word draw ①–⑤ itself.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText,
    NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Start, Table, TableCell, TableRow, VAlignType, VMergeType, WidthType,
};

/// Fixed document times: reruns give identical files.
const DOC_TIME: &str = "2025-10-01T09:00:00Z";

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
pub const TEXT_WIDTH: usize = 9638;

/// The numbering instance whose level 0 is `decimalEnclosedCircle`, `%1`.
pub const NUM_CIRCLED: usize = 5;

/// The document every family .docx starts from.
pub fn new_docx() -> Docx {
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1134)
                .left(1134)
                .right(1134),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Century")
                .hi_ansi("Century")
                .east_asia("ＭＳ 明朝"),
        )
        .default_size(21)
        .created_at(DOC_TIME)
        .updated_at(DOC_TIME)
        .add_abstract_numbering(
            AbstractNumbering::new(NUM_CIRCLED).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("decimalEnclosedCircle"),
                    LevelText::new("%1"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(420),
                    Some(SpecialIndentType::Hanging(420)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(NUM_CIRCLED, NUM_CIRCLED))
}

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// Body blocks in order, with the index the next paragraph or table gets.
#[derive(Default)]
pub struct Body {
    blocks: Vec<Block>,
    paras: usize,
    tables: usize,
}

impl Body {
    /// Adds a body paragraph; returns its index among body paragraphs.
    pub fn para(&mut self, p: Paragraph) -> usize {
        self.blocks.push(Block::P(Box::new(p)));
        self.paras += 1;
        self.paras - 1
    }

    /// A plain one-run paragraph.
    pub fn text(&mut self, text: &str) -> usize {
        self.para(tp(text))
    }

    pub fn empty(&mut self) -> usize {
        self.para(Paragraph::new())
    }

    /// A paragraph numbered by the circled list (Word draws the ① itself).
    pub fn circled(&mut self, text: &str) -> usize {
        self.para(tp(text).numbering(NumberingId::new(NUM_CIRCLED), IndentLevel::new(0)))
    }

    /// Adds a table; returns its index among body tables.
    pub fn table(&mut self, t: Table) -> usize {
        self.blocks.push(Block::T(Box::new(t)));
        self.tables += 1;
        self.tables - 1
    }

    /// Index the next table will get.
    pub fn next_table(&self) -> usize {
        self.tables
    }

    pub fn into_docx(self, mut docx: Docx) -> Docx {
        for b in self.blocks {
            docx = match b {
                Block::P(p) => docx.add_paragraph(*p),
                Block::T(t) => docx.add_table(*t),
            };
        }
        docx
    }
}

/// A paragraph of one run.
pub fn tp(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A paragraph whose lines are separated by `<w:br/>`.
pub fn broken(text: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, l) in text.split('\n').enumerate() {
        if i > 0 {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
        }
        p = p.add_run(Run::new().add_text(l));
    }
    p
}

pub fn cell(paras: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for p in paras {
        c = c.add_paragraph(p);
    }
    c
}

/// A grey label cell holding `text` (line breaks as `<w:br/>`).
pub fn label(text: &str, width: usize) -> TableCell {
    cell(vec![broken(text)], width).shading(Shading::new().fill("F2F2F2"))
}

/// A centred one-line cell (check marks, short headers).
pub fn centred(text: &str, width: usize) -> TableCell {
    let p = if text.is_empty() {
        Paragraph::new()
    } else {
        tp(text)
    };
    cell(vec![p.align(AlignmentType::Center)], width).vertical_align(VAlignType::Center)
}

pub fn table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

/// The seed's header table: 対象地域 over two columns, 実施主体 merged over
/// the 連携の拠点 and 委託先 rows.
pub fn header_table(area: &str, hub: &str, contractor: &str) -> Table {
    let (w0, w1) = (1300, 3000);
    let w2 = TEXT_WIDTH - w0 - w1;
    let rows = vec![
        TableRow::new(vec![
            label("対象地域", w0 + w1).grid_span(2),
            cell(vec![tp(area)], w2),
        ]),
        TableRow::new(vec![
            label("実施主体", w0).vertical_merge(VMergeType::Restart),
            label("連携の拠点", w1),
            cell(vec![tp(hub)], w2),
        ]),
        TableRow::new(vec![
            cell(vec![], w0).vertical_merge(VMergeType::Continue),
            label("市町村医介連携事業（委託先）", w1),
            cell(vec![tp(contractor)], w2),
        ]),
    ];
    table(rows, vec![w0, w1, w2])
}

/// A two-column section table: the label cell (broken over lines) on the
/// left, one paragraph per line on the right.
pub fn label_table(heading: &str, lines: &[&str]) -> Table {
    let lw = 1900;
    let cw = TEXT_WIDTH - lw;
    let paras = lines.iter().map(|l| tp(l)).collect();
    table(
        vec![TableRow::new(vec![label(heading, lw), cell(paras, cw)])],
        vec![lw, cw],
    )
}
