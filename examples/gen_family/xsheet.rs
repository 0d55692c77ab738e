//! Excel building blocks for the family fixtures (rust_xlsxwriter): a sheet
//! writer in grid coordinates (cells and merged ranges, row heights from the
//! text), typed cells (numbers with `0"回"`, real dates in several formats).

use std::collections::BTreeMap;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Worksheet};

/// Number formats of typed date cells (DECISIONS 23).
#[derive(Clone, Copy)]
pub enum DateFmt {
    /// `yyyy/m/d`
    Ymd,
    /// `m/d`
    Md,
    /// `m"月"d"日"`
    MdKanji,
    /// `yyyy"年"m"月"` (a month-only format)
    YearMonth,
    /// `[$-ja-JP]ggge"年"m"月"d"日"` (Japanese era)
    Era,
}

impl DateFmt {
    fn code(self) -> &'static str {
        match self {
            DateFmt::Ymd => "yyyy/m/d",
            DateFmt::Md => "m/d",
            DateFmt::MdKanji => "m\"月\"d\"日\"",
            DateFmt::YearMonth => "yyyy\"年\"m\"月\"",
            DateFmt::Era => "[$-ja-JP]ggge\"年\"m\"月\"d\"日\"",
        }
    }
}

/// A worksheet being written, with its column widths (for row heights).
pub struct Grid<'a> {
    pub ws: &'a mut Worksheet,
    widths: Vec<f64>,
    heights: BTreeMap<u32, f64>,
    pub cell: Format,
    pub label: Format,
}

impl<'a> Grid<'a> {
    /// Sets the column widths and returns the writer.
    pub fn new(ws: &'a mut Worksheet, widths: &[f64]) -> Self {
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, *w).expect("column");
        }
        ws.set_paper_size(9); // A4
        ws.set_print_fit_to_pages(1, 0);
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        Grid {
            ws,
            widths: widths.to_vec(),
            heights: BTreeMap::new(),
            label: cell
                .clone()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(0xF2F2F2),
            cell,
        }
    }

    /// `text` over rows `r0..=r1`, columns `c0..=c1` (merged when more than
    /// one cell).
    pub fn put(&mut self, r0: u32, c0: u16, r1: u32, c1: u16, text: &str, f: &Format) {
        if r0 == r1 && c0 == c1 {
            self.ws
                .write_string_with_format(r0, c0, text, f)
                .expect("cell");
        } else {
            self.ws.merge_range(r0, c0, r1, c1, text, f).expect("merge");
        }
        if r0 == r1 {
            self.fit(r0, c0, c1, text);
        }
    }

    /// A bordered wrapping cell over `c0..=c1` of row `r`.
    pub fn text(&mut self, r: u32, c0: u16, c1: u16, text: &str) {
        let f = self.cell.clone();
        self.put(r, c0, r, c1, text, &f);
    }

    /// A grey label cell over `c0..=c1` of row `r`.
    pub fn lab(&mut self, r: u32, c0: u16, c1: u16, text: &str) {
        let f = self.label.clone();
        self.put(r, c0, r, c1, text, &f);
    }

    /// Free text (titles, 資料 lines) without border, not merged.
    pub fn free(&mut self, r: u32, c: u16, text: &str, f: &Format) {
        self.ws
            .write_string_with_format(r, c, text, f)
            .expect("cell");
    }

    /// A number shown with the format `0"回"` (so `3` reads `3回`).
    pub fn times(&mut self, r: u32, c: u16, n: u32) {
        let f = self.cell.clone().set_num_format("0\"回\"");
        self.ws
            .write_number_with_format(r, c, n, &f)
            .expect("number");
    }

    /// A real date cell in format `fmt`.
    pub fn date(&mut self, r: u32, c: u16, (y, m, d): (u16, u8, u8), fmt: DateFmt) {
        let f = self.cell.clone().set_num_format(fmt.code());
        let when = ExcelDateTime::from_ymd(y, m, d).expect("a valid date");
        self.ws
            .write_date_with_format(r, c, &when, &f)
            .expect("date");
    }

    /// Blank bordered cells for `c0..=c1` of row `r` (an empty table cell).
    pub fn blank(&mut self, r: u32, c0: u16, c1: u16) {
        for c in c0..=c1 {
            self.ws.write_blank(r, c, &self.cell).expect("blank");
        }
    }

    /// Remembers the height row `r` needs for `text` over `c0..=c1`.
    fn fit(&mut self, r: u32, c0: u16, c1: u16, text: &str) {
        let width: f64 = self.widths[c0 as usize..=c1 as usize].iter().sum();
        let per_line = (width / 2.1).floor().max(1.0);
        let lines: f64 = text
            .split('\n')
            .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
            .sum();
        let h = (lines * 14.0 + 4.0).min(409.0);
        let e = self.heights.entry(r).or_insert(15.0);
        *e = e.max(h);
    }

    /// Writes the row heights; call last.
    pub fn finish(self) {
        for (&r, &h) in &self.heights {
            self.ws.set_row_height(r, h).expect("row height");
        }
    }
}
