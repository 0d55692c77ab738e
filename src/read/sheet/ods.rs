//! Merged cells of OpenDocument spreadsheets, which calamine does not report:
//! a light scan of `content.xml` for `table:number-columns-spanned` /
//! `table:number-rows-spanned`, positions counted through the
//! `number-rows-repeated` / `number-columns-repeated` compression. The same
//! scan measures what calamine will hold densely for each sheet — the area
//! its cells with content span and the cells it stores row by row — counting
//! a cell as calamine does (any value, a string type, a formula) and in u64,
//! so that no repeat count wraps the measure.

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// No sheet written by a person has more merged regions than this.
const MAX_REGIONS: usize = 100_000;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// A repeat or span count; 1 when absent or not a number, and saturating
/// (a count past u64 is as large as any).
fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    let Some(a) = e
        .attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.0) == name)
    else {
        return 1;
    };
    let v = a.value.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return 1;
    }
    v.parse().unwrap_or(u64::MAX)
}

fn name(e: &BytesStart<'_>) -> String {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.0) == "name")
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
        .unwrap_or_default()
}

/// What the scan found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Merged regions per sheet name; what cannot be parsed is left out.
    pub regions: HashMap<String, Vec<Dimensions>>,
    /// The sheet that makes calamine hold the most cells, and how many: the
    /// larger of the area its cells with content span (rows × columns, rows
    /// repeated) and the cells it stores while reading rows (each row
    /// element up to its last cell with content).
    pub largest: Option<(String, u64)>,
    /// The sheet with the most cells holding something, repeats multiplied
    /// out, and how many: the real content calamine will return, known before
    /// it builds anything (checked against `--max-cells`).
    pub most_values: Option<(String, u64)>,
}

/// Attributes (local names) that make calamine hold a cell as non-empty: a
/// value of any type, a string type (the text is the value, even empty), or a
/// formula (calamine keeps a second dense range of formulas).
const VALUE_ATTRS: [&str; 7] = [
    "value",
    "string-value",
    "date-value",
    "time-value",
    "boolean-value",
    "value-type",
    "formula",
];

/// Scan `content.xml`.
pub fn scan(xml: &str) -> Scan {
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut largest: Option<(String, u64)> = None;
    let mut most_values: Option<(String, u64)> = None;
    let mut sheet: Option<Sheet> = None;
    let mut r = Reader::from_str(xml);
    let mut count = 0usize;
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        let (e, is_start) = match &ev {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(e) => {
                match (local(e.name().0), sheet.as_mut()) {
                    ("table", _) => {
                        if let Some(s) = sheet.take() {
                            let cells = s.cells();
                            if s.values > 0
                                && most_values.as_ref().is_none_or(|(_, v)| s.values > *v)
                            {
                                most_values = Some((s.name.clone(), s.values));
                            }
                            if cells > 0 && largest.as_ref().is_none_or(|(_, l)| cells > *l) {
                                largest = Some((s.name, cells));
                            }
                        }
                    }
                    ("table-row", Some(s)) => s.end_row(),
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match local(e.name().0) {
            "table" if is_start => sheet = Some(Sheet::new(name(e))),
            "table-row" => {
                if let Some(s) = sheet.as_mut() {
                    s.start_row(number(e, "number-rows-repeated").max(1));
                    if !is_start {
                        s.end_row();
                    }
                }
            }
            cell @ ("table-cell" | "covered-table-cell") => {
                let Some(s) = sheet.as_mut() else {
                    continue;
                };
                let repeat = number(e, "number-columns-repeated").max(1);
                let (cols, rows) = if cell == "table-cell" {
                    (
                        number(e, "number-columns-spanned").max(1),
                        number(e, "number-rows-spanned").max(1),
                    )
                } else {
                    (1, 1)
                };
                if cols > 1 || rows > 1 {
                    let regions = out.entry(s.name.clone()).or_default();
                    for dr in 0..s.row_repeat.min(1000) {
                        for dc in 0..repeat.min(1000) {
                            if count >= MAX_REGIONS {
                                break;
                            }
                            let start = (s.row.saturating_add(dr), s.col.saturating_add(dc));
                            let end = (
                                start.0.saturating_add(rows - 1),
                                start.1.saturating_add(cols - 1),
                            );
                            regions.push(Dimensions {
                                start: (clamp(start.0), clamp(start.1)),
                                end: (clamp(end.0), clamp(end.1)),
                            });
                            count += 1;
                        }
                    }
                }
                let has_value = is_start || VALUE_ATTRS.iter().any(|a| has_attr(e, a));
                s.cell(repeat, has_value);
                if is_start && r.read_to_end(e.name()).is_err() {
                    break;
                }
            }
            _ => {}
        }
    }
    Scan {
        regions: out,
        largest,
        most_values,
    }
}

fn clamp(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// calamine stores at most this many columns of one row element.
const MAX_COLUMNS: u64 = 16_384;

/// Position and extent of the sheet being scanned, in u64 so that no repeat
/// count can wrap them.
struct Sheet {
    name: String,
    row: u64,
    col: u64,
    row_repeat: u64,
    /// Columns stored for the current row element: up to its last value.
    row_stored: u64,
    /// Cells calamine stores while reading the rows.
    stored: u64,
    /// (first row, first col, last row, last col) of cells with content.
    bbox: Option<(u64, u64, u64, u64)>,
    /// Cells holding something, repeats multiplied out (saturating).
    values: u64,
}

impl Sheet {
    fn new(name: String) -> Sheet {
        Sheet {
            name,
            row: 0,
            col: 0,
            row_repeat: 1,
            row_stored: 0,
            stored: 0,
            bbox: None,
            values: 0,
        }
    }

    fn start_row(&mut self, repeat: u64) {
        self.col = 0;
        self.row_stored = 0;
        self.row_repeat = repeat;
    }

    fn end_row(&mut self) {
        self.stored = self.stored.saturating_add(self.row_stored.min(MAX_COLUMNS));
        self.row_stored = 0;
        self.row = self.row.saturating_add(self.row_repeat);
        self.row_repeat = 1;
    }

    fn cell(&mut self, repeat: u64, has_value: bool) {
        let next = self.col.saturating_add(repeat);
        if has_value {
            self.values = self
                .values
                .saturating_add(repeat.saturating_mul(self.row_repeat));
            let last = (
                self.row.saturating_add(self.row_repeat - 1),
                next.saturating_sub(1),
            );
            self.bbox = Some(match self.bbox {
                None => (self.row, self.col, last.0, last.1),
                Some((r0, c0, r1, c1)) => (
                    r0.min(self.row),
                    c0.min(self.col),
                    r1.max(last.0),
                    c1.max(last.1),
                ),
            });
            self.row_stored = next;
        }
        self.col = next;
    }

    /// The most cells calamine holds for this sheet at once.
    fn cells(&self) -> u64 {
        let area = self.bbox.map_or(0, |(r0, c0, r1, c1)| {
            let rows = (r1 - r0).saturating_add(1);
            let cols = (c1 - c0).saturating_add(1);
            rows.saturating_mul(cols)
        });
        area.max(self.stored)
    }
}

fn has_attr(e: &BytesStart<'_>, name: &str) -> bool {
    e.attributes()
        .with_checks(false)
        .flatten()
        .any(|a| local(a.key.0) == name)
}
