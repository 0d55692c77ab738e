//! Word (.docx) rendering of generated forms with docx-rs's writer: every
//! layout (A–E), header tables with gridSpan/vMerge, section headings as body
//! paragraphs, full-width rows or label cells, line breaks inside cells, split
//! runs, auto-numbered bullets, and the run/paragraph properties Word writes.
//! The package itself is finished in [`crate::package`].

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText,
    LineSpacing, NumberFormat, Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Table, TableCell, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::form::{column_items, Body, Form, Group, HeadingStyle, Layout, Section};
use crate::pools::{CATEGORY_HEADER_VARIANTS, MARKERS, TITLE};
use crate::rng::Rng;

const DOC_TIME: &str = "2025-10-01T09:00:00Z";
/// A4 with 20 mm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;
const COL: usize = TEXT_WIDTH / 5;
const NUM_BULLET: usize = 1;
const NUM_NAKAGURO: usize = 2;

/// A body block, built and consumed at once (sizes do not matter here).
#[allow(clippy::large_enum_variant)]
enum Block {
    P(Paragraph),
    T(Table),
}

/// Rendering choices of one form.
struct Style<'a> {
    form: &'a Form,
    /// Half-points: 21 = 10.5 pt, 18 = 9 pt.
    size: usize,
    font: &'static str,
}

/// The Word document holding `forms` one after another (a page break between).
pub fn document(rng: &mut Rng, forms: &[Form]) -> Docx {
    let font = rng.choose(&["ＭＳ 明朝", "ＭＳ ゴシック", "游明朝", "BIZ UDゴシック"]);
    let mut docx = Docx::new()
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
                .east_asia(font),
        )
        .default_size(21)
        .created_at(DOC_TIME)
        .updated_at(DOC_TIME)
        .add_abstract_numbering(bullet(NUM_BULLET, "●"))
        .add_numbering(Numbering::new(NUM_BULLET, NUM_BULLET))
        .add_abstract_numbering(bullet(NUM_NAKAGURO, "・"))
        .add_numbering(Numbering::new(NUM_NAKAGURO, NUM_NAKAGURO));
    for (i, form) in forms.iter().enumerate() {
        if i > 0 {
            docx =
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        let st = Style {
            form,
            size: rng.choose(&[21, 21, 20, 18]),
            font,
        };
        for block in form_blocks(rng, &st) {
            docx = match block {
                Block::P(p) => docx.add_paragraph(p),
                Block::T(t) => docx.add_table(t),
            };
        }
    }
    docx
}

fn bullet(id: usize, glyph: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(glyph),
            LevelJc::new("left"),
        )
        .indent(Some(420), Some(SpecialIndentType::Hanging(420)), None, None),
    )
}

impl Style<'_> {
    /// A run as Word writes it: east-Asian font hint and explicit sizes.
    fn run(&self, text: &str) -> Run {
        Run::new()
            .add_text(text)
            .fonts(
                RunFonts::new()
                    .ascii(self.font)
                    .east_asia(self.font)
                    .hi_ansi(self.font)
                    .hint("eastAsia"),
            )
            .size(self.size)
    }

    /// `text` as runs (split every few characters when the form was edited a lot).
    fn runs(&self, mut p: Paragraph, text: &str) -> Paragraph {
        if !self.form.split_runs || text.chars().count() < 12 {
            return p.add_run(self.run(text));
        }
        let chars: Vec<char> = text.chars().collect();
        for (i, chunk) in chars.chunks(9).enumerate() {
            let s: String = chunk.iter().collect();
            let r = self.run(&s);
            p = p.add_run(if i % 3 == 2 { r.bold() } else { r });
        }
        p
    }

    fn para(&self, text: &str) -> Paragraph {
        let p = Paragraph::new().line_spacing(
            LineSpacing::new()
                .line(300)
                .line_rule(docx_rs::LineSpacingType::Auto),
        );
        self.runs(p, text)
    }

    /// A paragraph whose lines are separated by `<w:br/>`.
    fn broken(&self, lines: &[&str]) -> Paragraph {
        let mut p = Paragraph::new();
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
            p = self.runs(p, l);
        }
        p
    }

    /// A bullet item in Word's List Paragraph style (`a8`): auto-numbered, or
    /// with a typed `・`.
    fn bullet(&self, text: &str) -> Paragraph {
        if self.form.typed_bullets {
            self.para(&format!("・{text}")).style("a8")
        } else {
            self.runs(
                Paragraph::new()
                    .style("a8")
                    .numbering(NumberingId::new(NUM_BULLET), IndentLevel::new(0)),
                text,
            )
        }
    }
}

fn cell(paras: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    if paras.is_empty() {
        c = c.add_paragraph(Paragraph::new());
    }
    for p in paras {
        c = c.add_paragraph(p);
    }
    c
}

fn table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .style("a3")
}

fn form_blocks(rng: &mut Rng, st: &Style) -> Vec<Block> {
    let form = st.form;
    let mut out = Vec::new();
    if form.title {
        out.push(Block::P(Paragraph::new().add_run(st.run(TITLE).bold())));
        out.push(Block::P(Paragraph::new()));
    }
    if let Some(id) = &form.material_id {
        out.push(Block::P(st.para(id).align(AlignmentType::Right)));
    }
    out.push(Block::T(header_table(st)));
    out.push(Block::P(Paragraph::new()));
    for s in &form.sections {
        out.extend(section_blocks(rng, st, s));
        out.push(Block::P(Paragraph::new()));
    }
    out
}

fn header_table(st: &Style) -> Table {
    let h = &st.form.header;
    let (w0, w1) = (1300, 3000);
    let w2 = TEXT_WIDTH - w0 - w1;
    let label = |t: &str, w: usize| cell(vec![st.para(t)], w);
    let value = |t: &str| cell(vec![st.para(t)], w2);
    let rows = if h.implementer_first {
        vec![
            TableRow::new(vec![
                label("実施主体", w0).vertical_merge(VMergeType::Restart),
                label("対象地域", w1),
                value(&h.areas),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("連携の拠点", w1),
                value(&h.hubs),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("市町村医介連携事業（委託先）", w1),
                value(&h.contractors),
            ]),
        ]
    } else {
        vec![
            TableRow::new(vec![
                label("対象地域", w0 + w1).grid_span(2),
                value(&h.areas),
            ]),
            TableRow::new(vec![
                label("実施主体", w0).vertical_merge(VMergeType::Restart),
                label("連携の拠点", w1),
                value(&h.hubs),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("市町村医介連携事業（委託先）", w1),
                value(&h.contractors),
            ]),
        ]
    };
    table(rows, vec![w0, w1, w2])
}

fn category_row(rng: &mut Rng, st: &Style) -> TableRow {
    TableRow::new(
        (0..5)
            .map(|i| {
                let name = rng.choose(CATEGORY_HEADER_VARIANTS[i]);
                let text = format!("{}{name}", MARKERS[i]);
                let lines: Vec<&str> = text.split(' ').collect();
                cell(vec![st.broken(&lines)], COL)
            })
            .collect(),
    )
}

/// Paragraphs of a merged content cell holding marked items (B), or the
/// single paragraph with markers mid-text (C).
fn marked_paragraphs(rng: &mut Rng, st: &Style, groups: &[Group], inline: bool) -> Vec<Paragraph> {
    let mut texts = Vec::new();
    for g in groups {
        for (i, item) in g.items.iter().enumerate() {
            // Later items of a group sometimes go unmarked: they inherit.
            if i > 0 && !inline && rng.chance(0.4) {
                texts.push(item.clone());
            } else {
                texts.push(format!("{}{item}", g.markers()));
            }
        }
    }
    if inline {
        let sep = if rng.chance(0.5) { " " } else { "" };
        return vec![st.para(&texts.join(sep))];
    }
    if rng.chance(0.25) {
        // All items in one paragraph separated by line breaks.
        let lines: Vec<&str> = texts.iter().map(String::as_str).collect();
        return vec![st.broken(&lines)];
    }
    texts.iter().map(|t| st.para(t)).collect()
}

/// Layout A's paragraphs: heading lines with bullets below.
fn heading_paragraphs(st: &Style, groups: &[Group]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    for g in groups {
        out.push(st.para(&g.heading));
        for item in &g.items {
            out.push(st.bullet(item));
        }
    }
    out
}

fn heading_label(st: &Style, heading: &str) -> Paragraph {
    let lines: Vec<&str> = heading.split(' ').collect();
    st.broken(&lines)
}

/// Section 2's lines as typed (○, 1., ①… included), one paragraph each.
fn issue_paragraphs(st: &Style, lines: &[String]) -> Vec<Paragraph> {
    lines.iter().map(|l| st.para(l)).collect()
}

fn section_blocks(rng: &mut Rng, st: &Style, s: &Section) -> Vec<Block> {
    let mut out = Vec::new();
    if s.style == HeadingStyle::Body {
        out.push(Block::P(st.para(&s.heading)));
    }
    match &s.body {
        Body::Issues(lines) => match s.style {
            HeadingStyle::Body => {
                out.extend(issue_paragraphs(st, lines).into_iter().map(Block::P));
            }
            HeadingStyle::Label => {
                let (lw, cw) = (COL, TEXT_WIDTH - COL);
                let paras = issue_paragraphs(st, lines);
                let rows = if paras.len() > 1 && rng.chance(0.5) {
                    // One row per line, the label merged down (寝屋川市).
                    paras
                        .into_iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let label = if i == 0 {
                                cell(vec![heading_label(st, &s.heading)], lw)
                                    .vertical_merge(VMergeType::Restart)
                            } else {
                                cell(vec![], lw).vertical_merge(VMergeType::Continue)
                            };
                            TableRow::new(vec![label, cell(vec![p], cw)])
                        })
                        .collect()
                } else {
                    vec![TableRow::new(vec![
                        cell(vec![heading_label(st, &s.heading)], lw),
                        cell(paras, cw),
                    ])]
                };
                out.push(Block::T(table(rows, vec![lw, cw])));
            }
            HeadingStyle::FullRow => {
                let rows = vec![
                    TableRow::new(vec![cell(vec![st.para(&s.heading)], TEXT_WIDTH)]),
                    TableRow::new(vec![cell(issue_paragraphs(st, lines), TEXT_WIDTH)]),
                ];
                out.push(Block::T(table(rows, vec![TEXT_WIDTH])));
            }
        },
        Body::Groups(groups) => {
            if s.style == HeadingStyle::Label {
                let (lw, cw) = (COL, TEXT_WIDTH - COL);
                let paras = marked_paragraphs(rng, st, groups, false);
                let rows = vec![TableRow::new(vec![
                    cell(vec![heading_label(st, &s.heading)], lw),
                    cell(paras, cw),
                ])];
                out.push(Block::T(table(rows, vec![lw, cw])));
                return out;
            }
            let mut rows = Vec::new();
            if s.style == HeadingStyle::FullRow {
                rows.push(TableRow::new(vec![cell(
                    vec![st.para(&s.heading)],
                    TEXT_WIDTH,
                )
                .grid_span(5)]));
            }
            if s.category_row {
                rows.push(category_row(rng, st));
            }
            let mut after = Vec::new();
            match s.layout {
                Layout::Headings if s.in_body => after = heading_paragraphs(st, groups),
                Layout::Headings => rows.push(TableRow::new(vec![cell(
                    heading_paragraphs(st, groups),
                    TEXT_WIDTH,
                )
                .grid_span(5)])),
                Layout::Merged | Layout::Inline => {
                    let paras = marked_paragraphs(rng, st, groups, s.layout == Layout::Inline);
                    rows.push(TableRow::new(vec![cell(paras, TEXT_WIDTH).grid_span(5)]));
                }
                Layout::RowPerMarker => {
                    for g in groups {
                        let first = if rng.chance(0.5) {
                            g.heading.clone()
                        } else {
                            g.markers()
                        };
                        let paras = g.items.iter().map(|i| st.para(i)).collect();
                        rows.push(TableRow::new(vec![
                            cell(vec![st.para(&first)], COL),
                            cell(paras, TEXT_WIDTH - COL).grid_span(4),
                        ]));
                    }
                }
                Layout::Columns => {
                    let cells = (1..=5u8)
                        .map(|c| {
                            let paras = column_items(groups, c).map(|t| st.para(&t)).collect();
                            cell(paras, COL)
                        })
                        .collect();
                    rows.push(TableRow::new(cells));
                }
            }
            if !rows.is_empty() {
                out.push(Block::T(table(rows, vec![COL; 5])));
            }
            out.extend(after.into_iter().map(Block::P));
        }
    }
    out
}
