//! Cell values → the text a person sees in the cell, without their number
//! format (.xlsx numbers and dates go through `shown` and `numfmt` first).
//!
//! Numbers print naturally (`1.0` → `1`, at most 15 significant digits as
//! Excel shows them); dates print as `2025年10月13日` (with `H:MM` when they
//! carry a time), times alone as `H:MM`, durations as `H:MM:SS`; booleans as
//! `TRUE`/`FALSE`; errors as Excel writes them (`#N/A`). Strings lose the
//! `_xHHHH_` escapes that OOXML uses for control characters. A date serial
//! that is no day Excel can show (negative, NaN, infinite, past 9999-12-31)
//! is read as the number it is, never as a made-up date (DECISIONS 41).

use calamine::{Data, DataRef, ExcelDateTime};
use std::borrow::Cow;

/// The text of a value read through the sparse xlsx cell reader.
pub fn of_ref<'a>(v: &'a DataRef<'_>) -> Option<Cow<'a, str>> {
    match v {
        DataRef::Empty => None,
        DataRef::String(s) => Some(unescape_ooxml(s)),
        DataRef::SharedString(s) => Some(unescape_ooxml(s)),
        DataRef::Int(i) => Some(Cow::Owned(i.to_string())),
        DataRef::Float(f) => Some(Cow::Owned(number(*f))),
        DataRef::Bool(b) => Some(Cow::Borrowed(if *b { "TRUE" } else { "FALSE" })),
        DataRef::DateTime(d) => Some(Cow::Owned(datetime(d))),
        DataRef::DateTimeIso(s) => Some(iso_date(s)),
        DataRef::DurationIso(s) => Some(Cow::Borrowed(s.as_str())),
        DataRef::Error(e) => Some(Cow::Owned(e.to_string())),
    }
}

/// The text of a value from a whole-sheet range (xls, ods).
pub fn of_data(v: &Data) -> Option<Cow<'_, str>> {
    match v {
        Data::Empty => None,
        Data::String(s) => Some(unescape_ooxml(s)),
        Data::Int(i) => Some(Cow::Owned(i.to_string())),
        Data::Float(f) => Some(Cow::Owned(number(*f))),
        Data::Bool(b) => Some(Cow::Borrowed(if *b { "TRUE" } else { "FALSE" })),
        Data::DateTime(d) => Some(Cow::Owned(datetime(d))),
        Data::DateTimeIso(s) => Some(iso_date(s)),
        Data::DurationIso(s) => Some(Cow::Borrowed(s.as_str())),
        Data::Error(e) => Some(Cow::Owned(e.to_string())),
    }
}

/// A number as Excel's General format shows it: integers without `.0`,
/// others with at most 15 significant digits.
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    format!("{rounded}")
}

/// The last serial day of the 1900 and of the 1904 date system (9999-12-31).
const LAST_DAY_1900: f64 = 2_958_465.0;
const LAST_DAY_1904: f64 = 2_957_003.0;

/// Whether serial `v` of its date system is a day (or a time of day) Excel
/// can show: finite, not negative, not past 9999-12-31.
pub fn shows_as_date(v: f64, is_1904: bool) -> bool {
    let last = if is_1904 {
        LAST_DAY_1904
    } else {
        LAST_DAY_1900
    };
    v.is_finite() && v >= 0.0 && v.floor() <= last
}

/// Whether calamine's date `d` is one Excel can show. calamine turns any
/// serial past the last day into 9999-12-31 and a negative or NaN one into
/// its epoch; its date system is not exposed, so a 9999-12-31 that is
/// neither system's last day is a clamped one.
pub fn date_in_range(d: &ExcelDateTime) -> bool {
    let v = d.as_f64();
    if !shows_as_date(v, false) {
        return false;
    }
    let (y, mo, day, ..) = d.to_ymd_hms_milli();
    (y, mo, day) != (9999, 12, 31) || v.floor() == LAST_DAY_1900 || v.floor() == LAST_DAY_1904
}

/// Whether `v` is a date calamine would misread (see [`date_in_range`]).
pub fn refused_date(v: &Data) -> bool {
    matches!(v, Data::DateTime(d) if !d.is_duration() && !date_in_range(d))
}

fn datetime(d: &ExcelDateTime) -> String {
    if !d.as_f64().is_finite() || (!d.is_duration() && !date_in_range(d)) {
        return number(d.as_f64());
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if d.is_duration() {
        let total = d.as_f64() * 24.0;
        let hours = total.trunc() as i64;
        return format!("{hours}:{mi:02}:{s:02}");
    }
    let has_time = h != 0 || mi != 0 || s != 0;
    if d.as_f64() < 1.0 {
        return clock(h, mi, s);
    }
    if has_time {
        format!("{y}年{mo}月{day}日 {}", clock(h, mi, s))
    } else {
        format!("{y}年{mo}月{day}日")
    }
}

pub(super) fn clock(h: u8, mi: u8, s: u8) -> String {
    if s == 0 {
        format!("{h}:{mi:02}")
    } else {
        format!("{h}:{mi:02}:{s:02}")
    }
}

/// `2025-10-13` or `2025-10-13T00:00:00` (ods) → `2025年10月13日`; anything else as is.
fn iso_date(s: &str) -> Cow<'_, str> {
    let date = s.strip_suffix("T00:00:00").unwrap_or(s);
    let mut it = date.splitn(3, '-');
    let parts = (it.next(), it.next(), it.next());
    if let (Some(y), Some(m), Some(d)) = parts {
        if let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            return Cow::Owned(format!("{y}年{m}月{d}日"));
        }
    }
    Cow::Borrowed(s)
}

/// Decode OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return that
/// leaks from some writers; `_x005F_` escapes an underscore).
pub fn unescape_ooxml(s: &str) -> Cow<'_, str> {
    if !s.contains("_x") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail
            .get(2..6)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
            .filter(|_| tail.as_bytes().get(6) == Some(&b'_'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Split cell text at line breaks (`\r\n`, `\r`, `\n`).
pub fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    s.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .flat_map(|l| l.split('\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::ExcelDateTimeType::{DateTime, TimeDelta};

    fn shown(v: f64, is_1904: bool) -> String {
        datetime(&ExcelDateTime::new(v, DateTime, is_1904))
    }

    #[test]
    fn serials_outside_the_dates_excel_shows_stay_numbers() {
        assert_eq!(shown(45_911.0, false), "2025年9月11日");
        assert_eq!(shown(0.5, false), "12:00");
        assert_eq!(shown(2_958_465.0, false), "9999年12月31日");
        assert_eq!(shown(2_957_003.0, true), "9999年12月31日");
        assert_eq!(shown(1e9, false), "1000000000");
        assert_eq!(shown(2_958_466.0, false), "2958466");
        assert_eq!(shown(2_957_004.0, true), "2957004");
        assert_eq!(shown(-5.0, false), "-5");
        assert_eq!(shown(-0.25, false), "-0.25");
        assert_eq!(shown(f64::NAN, false), "NaN");
        assert_eq!(shown(f64::INFINITY, false), "inf");
        let nan = datetime(&ExcelDateTime::new(f64::NAN, TimeDelta, false));
        assert_eq!(nan, "NaN");
        assert!(refused_date(&Data::DateTime(ExcelDateTime::new(
            1e9, DateTime, false
        ))));
        assert!(!refused_date(&Data::DateTime(ExcelDateTime::new(
            45_911.0, DateTime, false
        ))));
    }
}
