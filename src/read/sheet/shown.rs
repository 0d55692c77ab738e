//! .xlsx cell values shown through their style's number format (DECISIONS 23).
//!
//! Owns: finding a numeric or date cell's format code (calamine's style
//! palette, plus Japanese built-in ids written without a code), parsing each
//! style's code once per workbook, and turning the value into what Excel shows
//! (`numfmt`); everything else is read as `text::of_ref` reads it.
//!
//! Must not know: the model, merged cells, forms.

use super::numfmt::{Moment, NumFmt};
use super::text;
use calamine::{DataRef, ExcelDateTime, ExcelDateTimeType, Style};
use std::borrow::Cow;
use std::collections::HashMap;

/// Parsed format codes by style id, for one workbook.
pub struct Shown {
    is_1904: bool,
    formats: HashMap<usize, Option<NumFmt>>,
}

impl Shown {
    pub fn new(is_1904: bool) -> Shown {
        Shown {
            is_1904,
            formats: HashMap::new(),
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
            return text::of_ref(v);
        };
        if !format.is_date() {
            return match v {
                DataRef::DateTime(_) => text::of_ref(v),
                _ => Some(Cow::Owned(format.number(value))),
            };
        }
        // A date code (also one calamine does not take for a date, such as
        // `[$-411]ggge"年"`) shows the serial number as a date; a time of day
        // alone (before day 1) keeps `H:MM`.
        if !(1.0..2_958_466.0).contains(&value) {
            return text::of_ref(v);
        }
        let dt = ExcelDateTime::new(value, ExcelDateTimeType::DateTime, self.is_1904);
        let (year, month, day, hour, minute, second, _) = dt.to_ymd_hms_milli();
        let moment = Moment {
            year: i32::from(year),
            month: u32::from(month),
            day: u32::from(day),
            hour: u32::from(hour),
            minute: u32::from(minute),
            second: u32::from(second),
        };
        match format.date(&moment) {
            Some(s) => Some(Cow::Owned(s)),
            None => text::of_ref(v),
        }
    }
}
