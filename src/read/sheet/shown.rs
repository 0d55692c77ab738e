//! Typed cells shown as displayed (DECISIONS 23).
//!
//! Owns: for .xlsx, finding a numeric or date cell's format code (calamine's
//! style palette, plus Japanese built-in ids written without a code), parsing
//! each style's code once per workbook, and turning the value into what Excel
//! shows (`numfmt`; everything else is read as `text::of_ref` reads it); for
//! .ods and .xls, whose values calamine gives without formats, putting the
//! displayed text their own scans find (`ods_shown`, `xls_shown`) into the
//! read document's cells.
//!
//! Must not know: merged cells, forms.

use super::numfmt::{Moment, NumFmt};
use super::text::{self, split_lines};
use crate::model::{Block, Document, Line, PartKind};
use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, Style};
use std::borrow::Cow;
use std::collections::HashMap;

/// Displayed text by sheet name and (row, col).
pub type Displayed = HashMap<String, HashMap<(u32, u32), String>>;

/// Parsed format codes by style id, for one .xlsx workbook.
pub struct Formats {
    is_1904: bool,
    formats: HashMap<usize, Option<NumFmt>>,
    /// Date cells whose serial is no day Excel can show (read as numbers).
    pub refused_dates: usize,
}

impl Formats {
    pub fn new(is_1904: bool) -> Formats {
        Formats {
            is_1904,
            formats: HashMap::new(),
            refused_dates: 0,
        }
    }

    /// The text of `v`, a cell of style `style` in the palette `styles`.
    pub fn text<'a>(
        &mut self,
        v: &'a DataRef<'_>,
        style: usize,
        styles: &[Style],
    ) -> Option<Cow<'a, str>> {
        let value = match v {
            DataRef::Float(f) => *f,
            DataRef::Int(i) => *i as f64,
            DataRef::DateTime(d) if d.is_datetime() => d.as_f64(),
            _ => return text::of_ref(v),
        };
        let format = self.formats.entry(style).or_insert_with(|| {
            let nf = styles.get(style)?.number_format.as_ref()?;
            Some(NumFmt::of_style(&nf.format_code, nf.format_id)).filter(|f| !f.is_general())
        });
        let Some(format) = format.as_ref() else {
            if matches!(v, DataRef::DateTime(d) if !text::date_in_range(d)) {
                self.refused_dates += 1;
            }
            return text::of_ref(v);
        };
        if !format.is_date() {
            return match v {
                DataRef::DateTime(_) => text::of_ref(v),
                _ => Some(Cow::Owned(format.number(value))),
            };
        }
        // A date code (also one calamine does not take for a date, such as
        // `[$-411]ggge"年"`) shows the serial number as a date; a serial that
        // is no day Excel can show stays the number it is (never 9999-12-31);
        // a time of day alone (before day 1) keeps `H:MM`.
        if !text::shows_as_date(value, self.is_1904) {
            self.refused_dates += 1;
            return Some(Cow::Owned(text::number(value)));
        }
        if value < 1.0 {
            return text::of_ref(v);
        }
        let moment = serial_moment(value, self.is_1904);
        match format.date(&moment) {
            Some(s) => Some(Cow::Owned(s)),
            None => text::of_ref(v),
        }
    }
}

/// An Excel serial date as calendar fields.
pub fn serial_moment(value: f64, is_1904: bool) -> Moment {
    let dt = ExcelDateTime::new(value, ExcelDateTimeType::DateTime, is_1904);
    let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
    Moment {
        year: i32::from(year),
        month: u32::from(month),
        day: u32::from(day),
        hour: u32::from(hour),
        minute: u32::from(minute),
        second: u32::from(second),
    }
}

/// Put the displayed text into the cells of `doc` at the same positions.
pub fn apply(doc: &mut Document, shown: &Displayed) {
    for part in &mut doc.parts {
        let PartKind::Sheet(name) = &part.kind else {
            continue;
        };
        let Some(cells) = shown.get(name) else {
            continue;
        };
        for block in &mut part.blocks {
            let Block::Table(t) = block else {
                continue;
            };
            for cell in &mut t.cells {
                let at = (
                    u32::try_from(cell.row).unwrap_or(u32::MAX),
                    u32::try_from(cell.col).unwrap_or(u32::MAX),
                );
                if let Some(text) = cells.get(&at) {
                    cell.lines = split_lines(text)
                        .enumerate()
                        .map(|(paragraph, t)| Line {
                            text: t.to_string(),
                            paragraph,
                            list_item: false,
                        })
                        .collect();
                }
            }
        }
    }
}
