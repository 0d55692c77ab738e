//! Word (.docx) rendering of forms in the seed's own layout, with docx-rs's
//! writer, plus the Word habits a fixture asks for (split runs, line breaks,
//! tracked changes, hyperlinks, numbering, content controls).

use std::cell::RefCell;
use std::fs::File;
use std::io::{Cursor, Read, Write};
use std::path::Path;

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Delete, Docx, FieldCharType, Hyperlink,
    HyperlinkType, IndentLevel, Insert, InstrText, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Start,
    StructuredDataTag, Table, TableCell, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::forms::{Content, Form, HeadingStyle, Line, Section, TITLE};

/// Fixed document times: rerunning the generator gives identical files.
const DOC_TIME: &str = "2025-10-01T09:00:00Z";
const AUTHOR: &str = "拠点担当";

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9638;
const COL: usize = TEXT_WIDTH / 5;

/// Numbering instances written into every document.
const NUM_BULLET: usize = 2; // ● bullets (枚方市's lists)
const NUM_NAKAGURO: usize = 3; // ・ bullets (大東市 section 4 ④)
const NUM_DECIMAL: usize = 4; // 1. 2. 3. (auto-numbered enumeration)

/// A change applied to the first occurrence of `needle` in section `section`.
pub struct Deco {
    pub section: u8,
    pub needle: &'static str,
    pub kind: DecoKind,
}

pub enum DecoKind {
    /// The needle in its own bold run (formatting on part of a word).
    Bold,
    /// The needle is the visible text of a `w:hyperlink` to this URL.
    Link(&'static str),
    /// The needle is the result of a `HYPERLINK` field to this URL.
    LinkField(&'static str),
    /// A tracked change: `deleted` (a `w:del`) followed by the needle (a `w:ins`).
    Tracked { deleted: &'static str },
}

/// Word habits of one form's rendering.
#[derive(Default)]
pub struct Habits {
    /// Split plain text into several runs (every 7 characters, alternating run
    /// properties) as Word does after editing.
    pub split_runs: bool,
    /// Lines of a content cell go into ONE paragraph separated by `<w:br/>`.
    pub br_lines: bool,
    /// Section 2 lines typed as `1.…` become Word auto-numbered paragraphs
    /// (decimal `%1.`) without the typed number.
    pub numbered_enum: bool,
    /// The 対象地域 value sits in a content control (`w:sdt`).
    pub sdt_area: bool,
    pub decos: Vec<Deco>,
}

/// Renders `forms` one after another in one body (a page break between forms).
pub fn document(forms: &[(&Form, &Habits)]) -> Docx {
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
                .east_asia("ＭＳ 明朝"),
        )
        .default_size(21)
        .created_at(DOC_TIME)
        .updated_at(DOC_TIME)
        .add_abstract_numbering(bullet_numbering(NUM_BULLET, "●"))
        .add_numbering(Numbering::new(NUM_BULLET, NUM_BULLET))
        .add_abstract_numbering(bullet_numbering(NUM_NAKAGURO, "・"))
        .add_numbering(Numbering::new(NUM_NAKAGURO, NUM_NAKAGURO))
        .add_abstract_numbering(
            AbstractNumbering::new(NUM_DECIMAL).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("decimal"),
                    LevelText::new("%1."),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(NUM_DECIMAL, NUM_DECIMAL));
    for (i, (form, habits)) in forms.iter().enumerate() {
        if i > 0 {
            docx =
                docx.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        }
        let ctx = Ctx::new(habits);
        for block in form_blocks(form, &ctx) {
            docx = match block {
                Block::P(p) => docx.add_paragraph(*p),
                Block::T(t) => docx.add_table(*t),
            };
        }
        ctx.check(form);
    }
    docx
}

/// Writes `docx` to `path`. docx-rs stores its parts uncompressed with
/// directory entries; Word writes no directory entries, deflates every part
/// and dates every entry 1980-01-01, so the package is rewritten that way.
/// With `bare_breaks`, line breaks are written `<w:br/>` as Word does, instead
/// of docx-rs's equivalent `<w:br w:type="textWrapping"/>`.
pub fn write(path: &Path, docx: Docx, bare_breaks: bool) {
    let mut packed = Cursor::new(Vec::new());
    docx.pack(&mut packed)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(packed).expect("docx-rs writes a zip");
    let file = File::create(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        if entry.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("entry data");
        let name = entry.name().expect("entry name").into_owned();
        if bare_breaks && name == "word/document.xml" {
            let xml = String::from_utf8(data).expect("UTF-8 XML");
            data = xml
                .replace(r#"<w:br w:type="textWrapping" />"#, "<w:br />")
                .into_bytes();
        }
        out.start_file(name, options).expect("start entry");
        out.write_all(&data).expect("write entry");
    }
    out.finish()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn bullet_numbering(id: usize, glyph: &str) -> AbstractNumbering {
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

enum Block {
    P(Box<Paragraph>),
    T(Box<Table>),
}

/// Rendering state of one form: its habits and how often each deco was used.
struct Ctx<'a> {
    habits: &'a Habits,
    used: RefCell<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(habits: &'a Habits) -> Self {
        Ctx {
            habits,
            used: RefCell::new(vec![0; habits.decos.len()]),
        }
    }

    /// Every deco must have found its text exactly once.
    fn check(&self, form: &Form) {
        for (deco, n) in self.habits.decos.iter().zip(self.used.borrow().iter()) {
            assert_eq!(
                *n, 1,
                "{}: deco {:?} in section {} used {n} times",
                form.slug, deco.needle, deco.section
            );
        }
    }

    /// Adds `text` to `p` as runs, applying decos of section `sec`.
    fn fill(&self, mut p: Paragraph, text: &str, sec: u8) -> Paragraph {
        // (position, deco index), first occurrence of each unused deco.
        let mut hits: Vec<(usize, usize)> = Vec::new();
        for (i, d) in self.habits.decos.iter().enumerate() {
            if d.section == sec && self.used.borrow()[i] == 0 {
                if let Some(pos) = text.find(d.needle) {
                    hits.push((pos, i));
                }
            }
        }
        hits.sort();
        let mut at = 0;
        for (pos, i) in hits {
            if pos < at {
                continue;
            }
            p = self.plain(p, &text[at..pos]);
            let d = &self.habits.decos[i];
            self.used.borrow_mut()[i] += 1;
            p = match d.kind {
                DecoKind::Bold => p.add_run(Run::new().add_text(d.needle).bold()),
                DecoKind::Link(url) => p.add_hyperlink(
                    Hyperlink::new(url, HyperlinkType::External).add_run(link_run(d.needle)),
                ),
                DecoKind::LinkField(url) => {
                    p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
                        .add_run(Run::new().add_instr_text(InstrText::Unsupported(format!(
                            " HYPERLINK \"{url}\" "
                        ))))
                        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
                        .add_run(link_run(d.needle))
                        .add_run(Run::new().add_field_char(FieldCharType::End, false))
                }
                DecoKind::Tracked { deleted } => p
                    .add_delete(
                        Delete::new()
                            .author(AUTHOR)
                            .date(DOC_TIME)
                            .add_run(Run::new().add_delete_text(deleted)),
                    )
                    .add_insert(
                        Insert::new(Run::new().add_text(d.needle))
                            .author(AUTHOR)
                            .date(DOC_TIME),
                    ),
            };
            at = pos + d.needle.len();
        }
        self.plain(p, &text[at..])
    }

    /// Plain text as one run, or as several when runs are split.
    fn plain(&self, mut p: Paragraph, text: &str) -> Paragraph {
        if text.is_empty() {
            return p;
        }
        if !self.habits.split_runs {
            return p.add_run(Run::new().add_text(text));
        }
        let chars: Vec<char> = text.chars().collect();
        for (i, chunk) in chars.chunks(7).enumerate() {
            let s: String = chunk.iter().collect();
            let run = Run::new().add_text(s);
            p = p.add_run(if i % 2 == 1 {
                run.fonts(RunFonts::new().hint("eastAsia"))
            } else {
                run
            });
        }
        p
    }
}

fn link_run(text: &str) -> Run {
    Run::new()
        .add_text(text)
        .color("0563C1")
        .underline("single")
}

fn line_break() -> Run {
    Run::new().add_break(BreakType::TextWrapping)
}

/// A paragraph holding `lines` separated by line breaks.
fn broken(lines: &[&str]) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            p = p.add_run(line_break());
        }
        p = p.add_run(Run::new().add_text(*l));
    }
    p
}

fn text_para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn cell(paras: Vec<Paragraph>, width: usize) -> TableCell {
    let mut c = TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    for p in paras {
        c = c.add_paragraph(p);
    }
    c
}

fn table(rows: Vec<TableRow>, grid: Vec<usize>) -> Table {
    Table::new(rows)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn form_blocks(form: &Form, ctx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    if form.title {
        out.push(Block::P(Box::new(
            Paragraph::new().add_run(Run::new().add_text(TITLE).bold()),
        )));
    }
    if let Some(id) = form.material_id {
        out.push(Block::P(Box::new(
            text_para(id).align(AlignmentType::Right),
        )));
    }
    out.push(Block::T(Box::new(header_table(form, ctx))));
    out.push(Block::P(Box::new(Paragraph::new())));
    if form.one_table {
        let mut rows = Vec::new();
        for s in &form.sections {
            rows.extend(section_rows(form, s, ctx, 5));
        }
        out.push(Block::T(Box::new(table(rows, vec![COL; 5]))));
        out.push(Block::P(Box::new(Paragraph::new())));
    } else {
        for s in &form.sections {
            out.extend(section_blocks(form, s, ctx));
        }
    }
    out
}

fn header_table(form: &Form, ctx: &Ctx) -> Table {
    let h = &form.header;
    let (w0, w1) = (1300, 3000);
    let w2 = TEXT_WIDTH - w0 - w1;
    let area = if ctx.habits.sdt_area {
        Paragraph::new().add_structured_data_tag(
            StructuredDataTag::new()
                .alias("対象地域")
                .add_run(Run::new().add_text(h.area)),
        )
    } else {
        text_para(h.area)
    };
    let value = |p: Paragraph| cell(vec![p], w2);
    let label = |t: &str, w: usize| cell(vec![text_para(t)], w);
    let rows = if h.implementer_first {
        vec![
            TableRow::new(vec![
                label("実施主体", w0).vertical_merge(VMergeType::Restart),
                label("対象地域", w1),
                value(area),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("連携の拠点", w1),
                value(text_para(h.hub)),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("市町村医介連携事業（委託先）", w1),
                value(text_para(h.contractor)),
            ]),
        ]
    } else {
        vec![
            TableRow::new(vec![label("対象地域", w0 + w1).grid_span(2), value(area)]),
            TableRow::new(vec![
                label("実施主体", w0).vertical_merge(VMergeType::Restart),
                label("連携の拠点", w1),
                value(text_para(h.hub)),
            ]),
            TableRow::new(vec![
                cell(vec![], w0).vertical_merge(VMergeType::Continue),
                label("市町村医介連携事業（委託先）", w1),
                value(text_para(h.contractor)),
            ]),
        ]
    };
    table(rows, vec![w0, w1, w2])
}

/// The row of the five category names.
fn category_row(form: &Form) -> TableRow {
    TableRow::new(
        form.categories
            .iter()
            .map(|c| {
                let lines: Vec<&str> = c.split('\n').collect();
                cell(vec![broken(&lines)], COL)
            })
            .collect(),
    )
}

fn label_para(heading: &str) -> Paragraph {
    let lines: Vec<&str> = heading.split('\n').collect();
    broken(&lines)
}

/// Paragraphs of a content cell.
fn content(section: &Section, ctx: &Ctx) -> Vec<Paragraph> {
    let sec = section.no;
    match section.body {
        Content::Joined => {
            let texts: Vec<&str> = section.lines.iter().map(|l| l.text()).collect();
            vec![ctx.fill(Paragraph::new(), &texts.join(" "), sec)]
        }
        _ if ctx.habits.br_lines => {
            let mut p = Paragraph::new();
            for (i, line) in section.lines.iter().enumerate() {
                assert!(matches!(line, Line::Para(_)), "br_lines needs plain lines");
                if i > 0 {
                    p = p.add_run(line_break());
                }
                p = ctx.fill(p, line.text(), sec);
            }
            vec![p]
        }
        _ => lines_as_paragraphs(section.lines, sec, ctx),
    }
}

/// One paragraph per line (bullets numbered, continuations after a break).
fn lines_as_paragraphs(lines: &[Line], sec: u8, ctx: &Ctx) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    for line in lines {
        match *line {
            Line::Heading(t) => out.push(ctx.fill(Paragraph::new(), t, sec)),
            Line::Bullet(t) => out.push(ctx.fill(
                Paragraph::new().numbering(NumberingId::new(NUM_BULLET), IndentLevel::new(0)),
                t,
                sec,
            )),
            Line::SubBullet(t) => out.push(ctx.fill(
                Paragraph::new().numbering(NumberingId::new(NUM_NAKAGURO), IndentLevel::new(0)),
                t,
                sec,
            )),
            Line::Para(t) => {
                let numbered = ctx.habits.numbered_enum && sec == 2;
                match t.split_once('.') {
                    Some((n, rest)) if numbered && n.chars().all(|c| c.is_ascii_digit()) => out
                        .push(
                            ctx.fill(
                                Paragraph::new()
                                    .numbering(NumberingId::new(NUM_DECIMAL), IndentLevel::new(0)),
                                rest,
                                sec,
                            ),
                        ),
                    _ => out.push(ctx.fill(Paragraph::new(), t, sec)),
                }
            }
            Line::Cont(t) => {
                let p = out.pop().expect("a continuation follows a line");
                out.push(ctx.fill(p.add_run(line_break()), t, sec));
            }
        }
    }
    out
}

/// Rows of a section inside a table of `ncols` grid columns (5 in a shared
/// table; a label section on its own uses a 2-column table).
fn section_rows(form: &Form, s: &Section, ctx: &Ctx, ncols: usize) -> Vec<TableRow> {
    let mut rows = Vec::new();
    match s.style {
        HeadingStyle::FullRow => {
            rows.push(TableRow::new(vec![cell(
                vec![text_para(s.heading)],
                TEXT_WIDTH,
            )
            .grid_span(5)]));
        }
        HeadingStyle::Body => {}
        HeadingStyle::Label => {
            let (lw, cw) = (COL, TEXT_WIDTH - COL);
            let span = |c: TableCell| if ncols == 5 { c.grid_span(4) } else { c };
            if s.body == Content::RowPerLine {
                let paras = lines_as_paragraphs(s.lines, s.no, ctx);
                for (i, p) in paras.into_iter().enumerate() {
                    let label = if i == 0 {
                        cell(vec![label_para(s.heading)], lw).vertical_merge(VMergeType::Restart)
                    } else {
                        cell(vec![], lw).vertical_merge(VMergeType::Continue)
                    };
                    rows.push(TableRow::new(vec![label, span(cell(vec![p], cw))]));
                }
            } else {
                rows.push(TableRow::new(vec![
                    cell(vec![label_para(s.heading)], lw),
                    span(cell(content(s, ctx), cw)),
                ]));
            }
            return rows;
        }
    }
    if s.category_row {
        rows.push(category_row(form));
    }
    if s.body != Content::Paragraphs {
        rows.push(TableRow::new(vec![
            cell(content(s, ctx), TEXT_WIDTH).grid_span(5)
        ]));
    }
    rows
}

fn section_blocks(form: &Form, s: &Section, ctx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    if s.style == HeadingStyle::Body {
        out.push(Block::P(Box::new(text_para(s.heading))));
    }
    let (ncols, grid) = if s.style == HeadingStyle::Label {
        (2, vec![COL, TEXT_WIDTH - COL])
    } else {
        (5, vec![COL; 5])
    };
    let rows = section_rows(form, s, ctx, ncols);
    if !rows.is_empty() {
        out.push(Block::T(Box::new(table(rows, grid))));
    }
    if s.body == Content::Paragraphs {
        for p in lines_as_paragraphs(s.lines, s.no, ctx) {
            out.push(Block::P(Box::new(p)));
        }
    }
    out.push(Block::P(Box::new(Paragraph::new())));
    out
}
