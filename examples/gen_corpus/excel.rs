//! Excel (.xlsx) rendering of generated forms with rust_xlsxwriter: one form
//! per sheet (sometimes two stacked on one sheet), every layout (A–E), merged
//! header cells, line breaks inside cells, rich text, a formula with its cached
//! value, hidden sheets, and the "Excel 方眼紙" variant where every logical cell
//! is a merged range over narrow grid columns.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet,
};

use crate::form::{column_items, Body, Form, Group, HeadingStyle, Layout, Section};
use crate::pools::{CATEGORY_HEADER_VARIANTS, MARKERS, TITLE};
use crate::rng::Rng;

/// Logical columns of a form (one per category).
const LOGICAL: u16 = 5;

/// One sheet of a workbook.
pub struct SheetSpec {
    pub name: String,
    pub forms: Vec<Form>,
    /// 方眼紙: narrow grid columns, each logical cell a merged range.
    pub grid: bool,
}

struct Formats {
    cell: Format,
    plain: Format,
    head: Format,
    bold: Format,
    rich_plain: Format,
}

fn formats(rng: &mut Rng) -> Formats {
    let font = rng.choose(&[
        "ＭＳ Ｐゴシック",
        "ＭＳ ゴシック",
        "游ゴシック",
        "Meiryo UI",
    ]);
    let size = rng.choose(&[9.0, 10.0, 10.5, 11.0]);
    let base = Format::new().set_font_name(font).set_font_size(size);
    let cell = base
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    Formats {
        head: cell
            .clone()
            .set_background_color(0xDDEBF7)
            .set_align(FormatAlign::VerticalCenter),
        plain: base.clone().set_align(FormatAlign::Left),
        bold: base.clone().set_bold(),
        rich_plain: base,
        cell,
    }
}

/// Writes cells of one sheet, in logical or grid-paper columns.
struct Writer<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    /// Grid columns per logical column (1 on a normal sheet).
    k: u16,
    /// First sheet column used.
    c0: u16,
    row: u32,
}

impl Writer<'_> {
    fn cols(&self, lc0: u16, lc1: u16) -> (u16, u16) {
        (self.c0 + lc0 * self.k, self.c0 + (lc1 + 1) * self.k - 1)
    }

    /// Text over logical columns `lc0..=lc1` and rows `r0..=r1` (merged when it spans).
    fn put_span(&mut self, r0: u32, r1: u32, lc0: u16, lc1: u16, text: &str, fmt: &Format) {
        let (g0, g1) = self.cols(lc0, lc1);
        if g0 == g1 && r0 == r1 {
            self.ws
                .write_string_with_format(r0, g0, text, fmt)
                .expect("write");
        } else {
            self.ws
                .merge_range(r0, g0, r1, g1, text, fmt)
                .expect("merge");
        }
    }

    fn put(&mut self, lc0: u16, lc1: u16, text: &str, fmt: &Format) {
        let r = self.row;
        self.put_span(r, r, lc0, lc1, text, fmt);
    }

    /// Lines of one cell, joined by line breaks; markers bold as rich text sometimes.
    fn put_lines(&mut self, rng: &mut Rng, lc0: u16, lc1: u16, lines: &[String]) {
        let text = lines.join("\n");
        let fmt = self.f.cell.clone();
        self.put(lc0, lc1, &text, &fmt);
        if rng.chance(0.1) && lines.iter().any(|l| l.starts_with(MARKERS)) {
            // Rich text over the merged range's top-left cell: markers bold.
            let mut segs: Vec<(&Format, String)> = Vec::new();
            for (i, l) in lines.iter().enumerate() {
                let nl = if i + 1 < lines.len() { "\n" } else { "" };
                let m: String = l.chars().take_while(|c| MARKERS.contains(c)).collect();
                if !m.is_empty() {
                    segs.push((&self.f.bold, m.clone()));
                }
                segs.push((&self.f.rich_plain, format!("{}{nl}", &l[m.len()..])));
            }
            let segs: Vec<(&Format, &str)> = segs
                .iter()
                .filter(|(_, s)| !s.is_empty())
                .map(|(f, s)| (*f, s.as_str()))
                .collect();
            let (g0, _) = self.cols(lc0, lc1);
            self.ws
                .write_rich_string_with_format(self.row, g0, &segs, &fmt)
                .expect("rich");
        }
        let height = (lines
            .iter()
            .map(|l| 1 + l.chars().count() / 60)
            .sum::<usize>()
            .max(1)
            * 15) as f64;
        self.ws
            .set_row_height(self.row, height.min(409.0))
            .expect("height");
        self.row += 1;
    }

    fn form(&mut self, rng: &mut Rng, form: &Form) {
        if form.title {
            let f = self.f.bold.clone();
            self.put(0, 2, TITLE, &f);
            self.row += 1;
        }
        if let Some(id) = &form.material_id {
            let f = self.f.plain.clone();
            self.put(4, 4, id, &f);
            self.row += 1;
        }
        self.header(rng, form);
        self.row += 1;
        for s in &form.sections {
            self.section(rng, s);
            self.row += 1;
        }
    }

    fn header(&mut self, rng: &mut Rng, form: &Form) {
        let h = &form.header;
        let (head, cell) = (self.f.head.clone(), self.f.cell.clone());
        let r = self.row;
        let (first, second) = if h.implementer_first {
            ("対象地域", "連携の拠点")
        } else {
            ("連携の拠点", "")
        };
        if h.implementer_first {
            self.put_span(r, r + 2, 0, 0, "実施主体", &head);
            self.put_span(r, r, 1, 1, first, &head);
            self.put_area(rng, r, &h.areas);
            self.put_span(r + 1, r + 1, 1, 1, second, &head);
            self.put_span(r + 1, r + 1, 2, 4, &h.hubs, &cell);
        } else {
            self.put_span(r, r, 0, 1, "対象地域", &head);
            self.put_area(rng, r, &h.areas);
            self.put_span(r + 1, r + 2, 0, 0, "実施主体", &head);
            self.put_span(r + 1, r + 1, 1, 1, first, &head);
            self.put_span(r + 1, r + 1, 2, 4, &h.hubs, &cell);
        }
        self.put_span(r + 2, r + 2, 1, 1, "市町村医介連携事業（委託先）", &head);
        self.put_span(r + 2, r + 2, 2, 4, &h.contractors, &cell);
        self.row += 3;
    }

    /// 対象地域's value: sometimes a formula whose cached result is the text.
    fn put_area(&mut self, rng: &mut Rng, r: u32, areas: &str) {
        let cell = self.f.cell.clone();
        self.put_span(r, r, 2, 4, areas, &cell);
        if rng.chance(0.05) {
            let (g0, _) = self.cols(2, 4);
            let formula = Formula::new(format!("=\"{areas}\"")).set_result(areas);
            self.ws
                .write_formula_with_format(r, g0, formula, &cell)
                .expect("formula");
        }
    }

    fn category_row(&mut self, rng: &mut Rng) {
        let head = self.f.head.clone();
        for i in 0..LOGICAL {
            let name = rng.choose(CATEGORY_HEADER_VARIANTS[i as usize]);
            let text = format!("{}{}", MARKERS[i as usize], name.replace(' ', "\n"));
            self.put(i, i, &text, &head);
        }
        self.row += 1;
    }

    fn section(&mut self, rng: &mut Rng, s: &Section) {
        let head = self.f.head.clone();
        if s.style == HeadingStyle::Label {
            let lines = match &s.body {
                Body::Issues(lines) => lines.clone(),
                Body::Groups(groups) => marked_lines(rng, groups, false),
            };
            let label = s.heading.replace(' ', "\n");
            if lines.len() > 1 && rng.chance(0.5) {
                // One row per line, the label merged down.
                let r = self.row;
                self.put_span(r, r + lines.len() as u32 - 1, 0, 0, &label, &head);
                for l in &lines {
                    self.put_lines(rng, 1, 4, std::slice::from_ref(l));
                }
            } else {
                self.put(0, 0, &label, &head);
                self.put_lines(rng, 1, 4, &lines);
            }
            return;
        }
        let f = if s.style == HeadingStyle::Body {
            self.f.plain.clone()
        } else {
            head.clone()
        };
        self.put(0, 4, &s.heading, &f);
        self.row += 1;
        let groups = match &s.body {
            Body::Issues(lines) => {
                self.put_lines(rng, 0, 4, lines);
                return;
            }
            Body::Groups(groups) => groups,
        };
        if s.category_row {
            self.category_row(rng);
        }
        match s.layout {
            Layout::Headings if s.in_body => {
                for g in groups {
                    self.put_lines(rng, 0, 4, std::slice::from_ref(&g.heading));
                    for item in &g.items {
                        self.put_lines(rng, 0, 4, &[format!("・{item}")]);
                    }
                }
            }
            Layout::Headings => {
                let mut lines = Vec::new();
                for g in groups {
                    lines.push(g.heading.clone());
                    lines.extend(g.items.iter().map(|i| format!("・{i}")));
                }
                self.put_lines(rng, 0, 4, &lines);
            }
            Layout::Merged => {
                let lines = marked_lines(rng, groups, false);
                self.put_lines(rng, 0, 4, &lines);
            }
            Layout::Inline => {
                let lines = marked_lines(rng, groups, true);
                let sep = if rng.chance(0.5) { " " } else { "" };
                self.put_lines(rng, 0, 4, &[lines.join(sep)]);
            }
            Layout::RowPerMarker => {
                for g in groups {
                    let first = if rng.chance(0.5) {
                        g.heading.clone()
                    } else {
                        g.markers()
                    };
                    self.put(0, 0, &first, &head);
                    self.put_lines(rng, 1, 4, &g.items);
                }
            }
            Layout::Columns => {
                let mut tallest = 1;
                let cell = self.f.cell.clone();
                for c in 1..=5u8 {
                    let lines: Vec<String> = column_items(groups, c).collect();
                    tallest = tallest.max(
                        lines
                            .iter()
                            .map(|l| 1 + l.chars().count() / 12)
                            .sum::<usize>(),
                    );
                    self.put(c as u16 - 1, c as u16 - 1, &lines.join("\n"), &cell);
                }
                self.ws
                    .set_row_height(self.row, (tallest as f64 * 13.5).min(409.0))
                    .expect("height");
                self.row += 1;
            }
        }
    }
}

/// Items of marked groups, one line each; later items of a group may go
/// unmarked (they inherit), except when the lines are joined into one (C).
fn marked_lines(rng: &mut Rng, groups: &[Group], inline: bool) -> Vec<String> {
    let mut out = Vec::new();
    for g in groups {
        for (i, item) in g.items.iter().enumerate() {
            if i > 0 && !inline && rng.chance(0.4) {
                out.push(item.clone());
            } else {
                out.push(format!("{}{item}", g.markers()));
            }
        }
    }
    out
}

/// A workbook holding `sheets`, optionally followed by a hidden scratch sheet.
pub fn workbook(rng: &mut Rng, sheets: &[SheetSpec], hidden: bool) -> Vec<u8> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2025, 10, 1)
        .and_then(|d| d.and_hms(9, 0, 0))
        .expect("a valid date");
    wb.set_properties(
        &DocProperties::new()
            .set_author("拠点担当")
            .set_company("大阪府")
            .set_creation_datetime(&when),
    );
    let f = formats(rng);
    for spec in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&spec.name).expect("sheet name");
        ws.set_paper_size(9);
        ws.set_print_fit_to_pages(1, 0);
        let (k, c0) = if spec.grid {
            let k = rng.choose(&[6u16, 8, 10]);
            ws.set_column_range_width(0, 1 + LOGICAL * k + 2, 2.63)
                .expect("widths");
            (k, 1)
        } else {
            ws.set_column_range_width(0, LOGICAL - 1, 24.0)
                .expect("widths");
            (1, 0)
        };
        let mut w = Writer {
            ws,
            f: &f,
            k,
            c0,
            row: 0,
        };
        for (i, form) in spec.forms.iter().enumerate() {
            if i > 0 {
                w.row += 2;
            }
            w.form(rng, form);
        }
    }
    if hidden {
        let ws = wb.add_worksheet();
        ws.set_name("集計用").expect("sheet name");
        for r in 0..20u32 {
            ws.write_string(r, 0, format!("項目{r}")).expect("write");
            ws.write_number(r, 1, (r * 7 % 13) as f64).expect("write");
        }
        ws.set_hidden(true);
    }
    let packed = wb.save_to_buffer().expect("xlsx");
    crate::package::finish_xlsx(packed, rng)
}
