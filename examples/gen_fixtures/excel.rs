//! Excel (.xlsx) rendering of forms with rust_xlsxwriter: the seed's layout or a
//! regrouped one (A, D, E), on a normal sheet or an "Excel 方眼紙" grid, plus the
//! Excel habits a fixture asks for (rich text, a formula with a cached value,
//! a hidden sheet).
//!
//! Columns are logical: five of them, one per category. On a grid-paper sheet a
//! logical column is a merged range over [`GRID_K`] narrow grid columns.

use std::collections::BTreeMap;
use std::path::Path;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
};

use crate::forms::{Content, Form, HeadingStyle, Line, Section, CATEGORIES, TITLE};
use crate::layout::{category_index, groups, Group};

/// Grid columns per logical column on a 方眼紙 sheet.
pub const GRID_K: u16 = 9;
const GRID_WIDTH: f64 = 2.63;
const COL_WIDTH: f64 = 24.0;
const LAST: u16 = 4;

/// How the categorised sections (1, 3, 4) are laid out. Section 2 is always
/// written as in the seed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum XLayout {
    /// As in the seed (A for 枚方市, B, C for 守口市).
    Seed,
    /// A: a heading row per category (`①会議の開催`), one row per item below.
    A,
    /// D: one row per category; first cell per [`DFirst`], items in the
    /// merged cell right of it.
    D(DFirst),
    /// E: a category header row and one row of five cells, items in their
    /// category's cell.
    E,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DFirst {
    /// The seed's heading line (`①会議の開催（年間５回開催）`) where there is
    /// one, else the marker alone (`①`).
    HeadingOrMarker,
    /// The category's standard name (`①会議の開催`).
    Name,
}

/// Excel habits of one sheet.
#[derive(Clone, Copy, Debug)]
pub struct SheetOpts {
    pub layout: XLayout,
    /// 方眼紙: every column narrow, every logical cell a merged range.
    pub grid_paper: bool,
    /// Content cells are rich text with each line's leading markers bold.
    pub rich_markers: bool,
    /// 対象地域's value is the formula `="…"` with its cached result.
    pub formula_area: bool,
}

impl SheetOpts {
    pub fn seed() -> Self {
        SheetOpts {
            layout: XLayout::Seed,
            grid_paper: false,
            rich_markers: false,
            formula_area: false,
        }
    }
}

pub fn workbook() -> Workbook {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2025, 10, 1)
        .and_then(|d| d.and_hms(9, 0, 0))
        .expect("a valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_author("拠点担当")
            .set_creation_datetime(&when),
    );
    wb
}

pub fn save(wb: &mut Workbook, path: &Path) {
    wb.save(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Adds a sheet named `name` holding `form`.
pub fn add_form_sheet(wb: &mut Workbook, name: &str, form: &Form, opts: SheetOpts) {
    let fmt = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name(name).expect("a valid sheet name");
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    let k = if opts.grid_paper { GRID_K } else { 1 };
    if opts.grid_paper {
        for c in 0..5 * GRID_K {
            ws.set_column_width(c, GRID_WIDTH).expect("column");
        }
    } else {
        for c in 0..5 {
            ws.set_column_width(c, COL_WIDTH).expect("column");
        }
    }
    let mut sheet = Sheet {
        ws,
        k,
        row: 0,
        fmt: &fmt,
        heights: BTreeMap::new(),
        opts,
    };
    sheet.form(form);
    sheet.finish();
}

/// A hidden scratch sheet with an old draft on it (must be skipped by readers).
pub fn add_hidden_scratch_sheet(wb: &mut Workbook) {
    let fmt = Formats::new();
    let ws = wb.add_worksheet();
    ws.set_name("作業用").expect("a valid sheet name");
    ws.set_hidden(true);
    ws.set_column_width(0, 30.0).expect("column");
    ws.set_column_width(1, 40.0).expect("column");
    let rows: [(&str, &str); 6] = [
        ("作業メモ（提出前に削除）", ""),
        ("対象地域", "〇〇市"),
        ("連携の拠点", "〇〇市医師会（旧）"),
        ("（１）令和5年度の取組実績", ""),
        ("①会議の開催", "①旧様式の下書き：会議を開催（2回）"),
        ("確認者", "=\"未確認\""),
    ];
    for (r, (a, b)) in rows.iter().enumerate() {
        let r = r as u32;
        ws.write_string_with_format(r, 0, *a, &fmt.cell)
            .expect("cell");
        if b.starts_with('=') {
            ws.write_formula_with_format(r, 1, Formula::new(*b).set_result("未確認"), &fmt.cell)
                .expect("cell");
        } else if !b.is_empty() {
            ws.write_string_with_format(r, 1, *b, &fmt.cell)
                .expect("cell");
        }
    }
}

struct Formats {
    plain: Format,
    bold: Format,
    right: Format,
    cell: Format,
    label: Format,
    rich_bold: Format,
    rich_plain: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Formats {
            plain: Format::new(),
            bold: Format::new().set_bold(),
            right: Format::new().set_align(FormatAlign::Right),
            label: cell
                .clone()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xF2F2F2),
            cell,
            rich_bold: Format::new().set_bold(),
            rich_plain: Format::new(),
        }
    }
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    k: u16,
    row: u32,
    fmt: &'a Formats,
    heights: BTreeMap<u32, f64>,
    opts: SheetOpts,
}

impl Sheet<'_> {
    /// Writes `text` over logical columns `c0..=c1` of rows `r0..=r1`, merging
    /// when that covers more than one grid cell.
    fn put(&mut self, r0: u32, r1: u32, c0: u16, c1: u16, text: &str, f: &Format) {
        let (g0, g1) = (c0 * self.k, (c1 + 1) * self.k - 1);
        if r0 == r1 && g0 == g1 {
            self.ws
                .write_string_with_format(r0, g0, text, f)
                .expect("cell");
        } else {
            self.ws.merge_range(r0, g0, r1, g1, text, f).expect("merge");
        }
        self.note_height(r0, r1, c0, c1, text);
    }

    /// A content cell: rich text when asked, else a plain string.
    fn put_content(&mut self, r: u32, c0: u16, c1: u16, lines: &[String]) {
        let text = lines.join("\n");
        let marked = lines.iter().any(|l| l.starts_with(crate::layout::MARKERS));
        if !(self.opts.rich_markers && marked) {
            self.put(r, r, c0, c1, &text, &self.fmt.cell);
            return;
        }
        let mut segs: Vec<(&Format, String)> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let nl = if i > 0 { "\n" } else { "" };
            let (markers, rest) = crate::layout::split_markers(l);
            if markers.is_empty() {
                segs.push((&self.fmt.rich_plain, format!("{nl}{l}")));
            } else {
                let m: String = markers.iter().collect();
                segs.push((&self.fmt.rich_bold, format!("{nl}{m}")));
                if !rest.is_empty() {
                    segs.push((&self.fmt.rich_plain, rest.to_string()));
                }
            }
        }
        let segs: Vec<(&Format, &str)> = segs.iter().map(|(f, s)| (*f, s.as_str())).collect();
        let (g0, g1) = (c0 * self.k, (c1 + 1) * self.k - 1);
        if g0 != g1 {
            self.ws
                .merge_range(r, g0, r, g1, "", &self.fmt.cell)
                .expect("merge");
        }
        self.ws
            .write_rich_string_with_format(r, g0, &segs, &self.fmt.cell)
            .expect("rich string");
        self.note_height(r, r, c0, c1, &text);
    }

    fn note_height(&mut self, r0: u32, r1: u32, c0: u16, c1: u16, text: &str) {
        if r0 != r1 {
            return;
        }
        let per_line = (f64::from(c1 - c0 + 1) * COL_WIDTH / 2.2).floor().max(1.0);
        let lines: f64 = text
            .split('\n')
            .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
            .sum();
        let h = (lines * 14.0 + 4.0).min(409.0);
        let e = self.heights.entry(r0).or_insert(15.0);
        *e = e.max(h);
    }

    fn finish(&mut self) {
        for (&r, &h) in &self.heights {
            self.ws.set_row_height(r, h).expect("row height");
        }
    }

    /// Last logical column of free text (title, body headings): it overflows
    /// from column A on a normal sheet; on grid paper it is merged across.
    fn free_text_end(&self) -> u16 {
        if self.k > 1 {
            LAST
        } else {
            0
        }
    }

    fn next(&mut self) -> u32 {
        let r = self.row;
        self.row += 1;
        r
    }

    fn form(&mut self, form: &Form) {
        if form.title {
            let r = self.next();
            let f = self.fmt.bold.clone();
            let c1 = self.free_text_end();
            self.put(r, r, 0, c1, TITLE, &f);
            self.heights.remove(&r);
        }
        if let Some(id) = form.material_id {
            let r = self.next();
            let f = self.fmt.right.clone();
            self.put(r, r, LAST, LAST, id, &f);
        }
        self.header(form);
        self.row += 1;
        let seed_one_table = form.one_table && self.opts.layout == XLayout::Seed;
        for s in &form.sections {
            self.section(form, s);
            if !seed_one_table {
                self.row += 1;
            }
        }
    }

    fn header(&mut self, form: &Form) {
        let h = &form.header;
        let (lab, cell) = (self.fmt.label.clone(), self.fmt.cell.clone());
        let r = self.row;
        if h.implementer_first {
            self.put(r, r + 2, 0, 0, "実施主体", &lab);
            self.put(r, r, 1, 1, "対象地域", &lab);
        } else {
            self.put(r, r, 0, 1, "対象地域", &lab);
            self.put(r + 1, r + 2, 0, 0, "実施主体", &lab);
        }
        if self.opts.formula_area {
            let (g0, g1) = (2 * self.k, (LAST + 1) * self.k - 1);
            self.ws.merge_range(r, g0, r, g1, "", &cell).expect("merge");
            self.ws
                .write_formula_with_format(
                    r,
                    g0,
                    Formula::new(format!("=\"{}\"", h.area)).set_result(h.area),
                    &cell,
                )
                .expect("formula");
        } else {
            self.put(r, r, 2, LAST, h.area, &cell);
        }
        self.put(r + 1, r + 1, 1, 1, "連携の拠点", &lab);
        self.put(r + 1, r + 1, 2, LAST, h.hub, &cell);
        self.put(r + 2, r + 2, 1, 1, "市町村医介連携事業（委託先）", &lab);
        self.put(r + 2, r + 2, 2, LAST, h.contractor, &cell);
        self.row += 3;
    }

    fn category_row(&mut self, names: &[&str; 5]) {
        let r = self.next();
        let lab = self.fmt.label.clone();
        for (c, name) in names.iter().enumerate() {
            self.put(r, r, c as u16, c as u16, name, &lab);
        }
    }

    /// A section heading: a plain cell (body paragraph) or a full-width row.
    fn heading(&mut self, text: &str, style: HeadingStyle) {
        let r = self.next();
        if style == HeadingStyle::Body {
            let f = self.fmt.plain.clone();
            let c1 = self.free_text_end();
            self.put(r, r, 0, c1, text, &f);
            self.heights.remove(&r);
        } else {
            let f = self.fmt.label.clone();
            self.put(r, r, 0, LAST, text, &f);
        }
    }

    fn section(&mut self, form: &Form, s: &Section) {
        let layout = if s.no == 2 {
            XLayout::Seed
        } else {
            self.opts.layout
        };
        if layout == XLayout::Seed {
            return self.seed_section(form, s);
        }
        // Regrouped layouts: a label heading becomes a full row, on one line.
        let style = match s.style {
            HeadingStyle::Label => HeadingStyle::FullRow,
            other => other,
        };
        self.heading(&s.heading.replace('\n', ""), style);
        let bullet = if form.no == 1 { "・" } else { "" };
        let gs = groups(s, bullet);
        match layout {
            XLayout::A => {
                if s.category_row {
                    self.category_row(&form.categories);
                }
                for g in &gs {
                    let r = self.next();
                    let head = g.heading.unwrap_or(CATEGORIES[category_index(g.marker)]);
                    let f = self.fmt.label.clone();
                    self.put(r, r, 0, LAST, head, &f);
                    for item in &g.items {
                        let r = self.next();
                        let text = if bullet.is_empty() && !item.starts_with('・') {
                            format!("・{item}")
                        } else {
                            item.clone()
                        };
                        self.put_content(r, 0, LAST, &[text]);
                    }
                }
            }
            XLayout::D(first) => {
                for g in &gs {
                    let r = self.next();
                    let head = match (first, g.heading) {
                        (DFirst::HeadingOrMarker, Some(h)) => h.to_string(),
                        (DFirst::HeadingOrMarker, None) => g.marker.to_string(),
                        (DFirst::Name, _) => CATEGORIES[category_index(g.marker)].to_string(),
                    };
                    let f = self.fmt.label.clone();
                    self.put(r, r, 0, 0, &head, &f);
                    self.put_content(r, 1, LAST, &g.items);
                }
            }
            XLayout::E => {
                self.category_row(&form.categories);
                let r = self.next();
                let mut cols: [Vec<String>; 5] = Default::default();
                for Group { marker, items, .. } in gs {
                    cols[category_index(marker)].extend(items);
                }
                for (c, items) in cols.iter().enumerate() {
                    if items.is_empty() {
                        let f = self.fmt.cell.clone();
                        let g = c as u16 * self.k;
                        if self.k == 1 {
                            self.ws.write_blank(r, g, &f).expect("blank");
                        } else {
                            self.put(r, r, c as u16, c as u16, "", &f);
                        }
                    } else {
                        self.put_content(r, c as u16, c as u16, items);
                    }
                }
            }
            XLayout::Seed => unreachable!(),
        }
    }

    fn seed_section(&mut self, form: &Form, s: &Section) {
        match s.style {
            HeadingStyle::Body | HeadingStyle::FullRow => {
                self.heading(s.heading, s.style);
                if s.category_row {
                    self.category_row(&form.categories);
                }
                if s.body == Content::Paragraphs {
                    // One row per line; a continuation stays in its item's cell.
                    for cell in cell_lines(s.lines, "・") {
                        let r = self.next();
                        self.put_content(r, 0, LAST, &cell);
                    }
                } else {
                    let r = self.next();
                    let lines = self.content_lines(s);
                    self.put_content(r, 0, LAST, &lines);
                }
            }
            HeadingStyle::Label => {
                let lab = self.fmt.label.clone();
                let r = self.row;
                if s.body == Content::RowPerLine {
                    let n = s.lines.len() as u32;
                    self.put(r, r + n - 1, 0, 0, s.heading, &lab);
                    for (i, l) in s.lines.iter().enumerate() {
                        self.put_content(r + i as u32, 1, LAST, &[l.text().to_string()]);
                    }
                    self.row += n;
                } else {
                    self.put(r, r, 0, 0, s.heading, &lab);
                    let lines = self.content_lines(s);
                    self.put_content(r, 1, LAST, &lines);
                    self.row += 1;
                }
            }
        }
    }

    /// Lines of a content cell: one per line, or one joined line (守口市).
    fn content_lines(&self, s: &Section) -> Vec<String> {
        if s.body == Content::Joined {
            let texts: Vec<&str> = s.lines.iter().map(|l| l.text()).collect();
            vec![texts.join(" ")]
        } else {
            cell_lines(s.lines, "・").into_iter().flatten().collect()
        }
    }
}

/// Lines grouped per cell-worthy unit: every line alone, except that a
/// continuation joins the line before it. Bullets get `bullet` typed before them.
fn cell_lines(lines: &[Line], bullet: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for l in lines {
        match *l {
            Line::Cont(t) => out
                .last_mut()
                .expect("a continuation follows a line")
                .push(t.to_string()),
            Line::Bullet(t) => out.push(vec![format!("{bullet}{t}")]),
            Line::SubBullet(t) => out.push(vec![format!("・{t}")]),
            Line::Heading(t) | Line::Para(t) => out.push(vec![t.to_string()]),
        }
    }
    out
}
