//! Typed .ods cells read as displayed (DECISIONS 23); calamine gives their
//! values without their formats.
//!
//! Owns: a scan of `content.xml` for float, percentage, currency and time
//! cells, whose displayed text the writer stores in their `<text:p>`
//! paragraphs (`3回`, `1,234件`, `30%`, `9:00`), and for date cells, which
//! are written through their data style (`number:date-style`, found through
//! the cell's, row's or column's cell style, in `content.xml` or
//! `styles.xml`) as a format code shown by `numfmt` — so `令和7年10月13日`,
//! `2025/10/13`, `10月13日` as for .xlsx.
//!
//! Must not know: calamine, merged cells; forms.

use super::numfmt::{Moment, NumFmt};
use super::shown::Displayed;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// No sheet written by a person has more typed cells than this.
const MAX_TYPED: usize = 1_000_000;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.0) == name)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// A repeat count: 1 when absent or not a number, saturating past u32 (as
/// `ods.rs` counts positions).
fn count(e: &BytesStart<'_>, name: &str) -> u32 {
    let Some(v) = attr(e, name) else {
        return 1;
    };
    let v = v.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return 1;
    }
    v.parse().unwrap_or(u32::MAX).max(1)
}

/// Cell styles and date styles.
#[derive(Default)]
struct Styles {
    /// cell style → (data style, parent cell style).
    cells: HashMap<String, (Option<String>, Option<String>)>,
    /// date style → its format code.
    dates: HashMap<String, String>,
}

impl Styles {
    /// Read the styles of one part (automatic and common alike).
    fn read(&mut self, xml: &str) {
        let mut r = Reader::from_str(xml);
        let mut date: Option<(String, String)> = None;
        let mut in_text = false;
        loop {
            match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    let name = local(e.name().0);
                    if name == "style" && attr(&e, "family").as_deref() == Some("table-cell") {
                        if let Some(n) = attr(&e, "name") {
                            let data = attr(&e, "data-style-name");
                            self.cells.insert(n, (data, attr(&e, "parent-style-name")));
                        }
                    } else if name == "date-style" {
                        date = attr(&e, "name").map(|n| (n, String::new()));
                    } else if let Some((_, code)) = date.as_mut() {
                        in_text = name == "text";
                        code.push_str(date_field(name, &e));
                    }
                }
                Ok(Event::Text(t)) if in_text => {
                    if let Some((_, code)) = date.as_mut() {
                        let t = t.into_inner();
                        code.push('"');
                        code.extend(t.chars().filter(|&c| c != '"'));
                        code.push('"');
                    }
                }
                Ok(Event::End(e)) => {
                    in_text = false;
                    if local(e.name().0) == "date-style" {
                        if let Some((n, code)) = date.take() {
                            self.dates.insert(n, code);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// The format code of the date style a cell style leads to.
    fn date_code(&self, cell_style: &str) -> Option<&str> {
        let mut style = cell_style;
        for _ in 0..8 {
            let (data, parent) = self.cells.get(style)?;
            if let Some(code) = data.as_deref().and_then(|d| self.dates.get(d)) {
                return Some(code);
            }
            style = parent.as_deref()?;
        }
        None
    }
}

/// A `number:date-style` child as Excel format-code letters.
fn date_field(name: &str, e: &BytesStart<'_>) -> &'static str {
    let long = attr(e, "style").as_deref() == Some("long");
    let gengou = attr(e, "calendar").as_deref() == Some("gengou");
    match name {
        "era" => "ggg",
        "year" if gengou => "e",
        "year" if long => "yyyy",
        "year" => "yy",
        "month" if attr(e, "textual").as_deref() == Some("true") => "mmm",
        "month" => "m",
        "day" => "d",
        "day-of-week" => "aaa",
        "hours" => "h",
        "minutes" => "mm",
        "seconds" => "ss",
        _ => "",
    }
}

/// `2025-10-13` or `2025-10-13T09:30:00(.5)`.
fn moment(v: &str) -> Option<Moment> {
    let (date, time) = v.split_once('T').unwrap_or((v, "00:00:00"));
    let mut d = date.splitn(3, '-').map(|x| x.parse::<u32>().ok());
    let mut t = time
        .splitn(3, ':')
        .map(|x| x.get(..2).and_then(|x| x.parse::<u32>().ok()));
    Some(Moment {
        year: i32::try_from(d.next()??).ok()?,
        month: d.next()??,
        day: d.next()??,
        hour: t.next().flatten().unwrap_or(0),
        minute: t.next().flatten().unwrap_or(0),
        second: t.next().flatten().unwrap_or(0),
    })
}

/// The text of a cell's paragraphs, read up to the cell's end tag (notes in
/// `office:annotation` are not shown in the cell).
fn cell_text(r: &mut Reader<&[u8]>) -> Option<String> {
    let (mut out, mut depth, mut paragraphs) = (String::new(), 1usize, 0);
    loop {
        match r.read_event().ok()? {
            Event::Start(e) => match local(e.name().0) {
                "annotation" => {
                    r.read_to_end(e.name()).ok()?;
                }
                "p" | "h" => {
                    if paragraphs > 0 {
                        out.push('\n');
                    }
                    paragraphs += 1;
                    depth += 1;
                }
                _ => depth += 1,
            },
            Event::Empty(e) => match local(e.name().0) {
                "s" => out.extend(std::iter::repeat_n(' ', count(&e, "c").min(100) as usize)),
                "tab" => out.push(' '),
                "line-break" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) => out.push_str(&t.into_inner()),
            Event::GeneralRef(g) => {
                if let Ok(Some(c)) = g.resolve_char_ref() {
                    out.push(c);
                } else {
                    let c = match g.into_inner().as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        _ => '\'',
                    };
                    out.push(c);
                }
            }
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Some(out);
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Scan `content.xml`; `styles_xml` gives `styles.xml` when a date cell's
/// style is not defined in `content.xml`.
pub fn scan(content: &str, styles_xml: impl FnOnce() -> Option<String>) -> Displayed {
    let mut styles = Styles::default();
    let mut shown = Displayed::new();
    // Date cells waiting for their styles: sheet, position, cell style, date.
    let mut dates: Vec<(String, (u32, u32), String, Moment)> = Vec::new();
    let mut r = Reader::from_str(content);
    let mut sheet = String::new();
    // Column default cell styles of the current sheet: (first col, end, style).
    let mut columns: Vec<(u32, u32, String)> = Vec::new();
    let (mut row, mut col, mut rows, mut row_style) = (0u32, 0u32, 1u32, None::<String>);
    let mut total = 0usize;
    loop {
        let (e, is_start) = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) => (e, true),
            Ok(Event::Empty(e)) => (e, false),
            Ok(Event::End(e)) => {
                if local(e.name().0) == "table-row" {
                    row = row.saturating_add(rows);
                }
                continue;
            }
            Ok(_) => continue,
        };
        match local(e.name().0) {
            "automatic-styles" if is_start => {
                // Styles come before the body; read them on their own.
                let end = e.to_end().into_owned();
                let start = r.buffer_position() as usize;
                if r.read_to_end(end.name()).is_err() {
                    break;
                }
                let stop = r.buffer_position() as usize;
                styles.read(content.get(start..stop).unwrap_or(""));
            }
            "table" if is_start => {
                sheet = attr(&e, "name").unwrap_or_default();
                columns.clear();
                row = 0;
            }
            "table-column" => {
                let first = columns.last().map_or(0, |c| c.1);
                let end = first.saturating_add(count(&e, "number-columns-repeated"));
                let style = attr(&e, "default-cell-style-name").unwrap_or_default();
                columns.push((first, end, style));
            }
            "table-row" => {
                col = 0;
                rows = count(&e, "number-rows-repeated");
                row_style = attr(&e, "default-cell-style-name");
                if !is_start {
                    row = row.saturating_add(rows);
                }
            }
            cell @ ("table-cell" | "covered-table-cell") => {
                let repeat = count(&e, "number-columns-repeated");
                let kind = attr(&e, "value-type").filter(|_| cell == "table-cell");
                let text = match kind.as_deref() {
                    Some("float" | "percentage" | "currency" | "time") if is_start => {
                        cell_text(&mut r)
                    }
                    Some("date") => {
                        let style = attr(&e, "style-name").or(row_style.clone()).or_else(|| {
                            let c = columns.iter().find(|c| c.0 <= col && col < c.1);
                            c.map(|c| c.2.clone())
                        });
                        if let (Some(s), Some(m)) =
                            (style, attr(&e, "date-value").as_deref().and_then(moment))
                        {
                            if total < MAX_TYPED {
                                dates.push((sheet.clone(), (row, col), s, m));
                                total += 1;
                            }
                        }
                        None
                    }
                    _ => None,
                };
                if is_start && text.is_none() && r.read_to_end(e.name()).is_err() {
                    break;
                }
                if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
                    let cells = shown.entry(sheet.clone()).or_default();
                    for dr in 0..rows.min(1000) {
                        for dc in 0..repeat.min(1000) {
                            if total < MAX_TYPED {
                                let at = (row.saturating_add(dr), col.saturating_add(dc));
                                cells.insert(at, text.clone());
                                total += 1;
                            }
                        }
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
    if dates.iter().any(|d| styles.date_code(&d.2).is_none()) {
        if let Some(xml) = styles_xml() {
            styles.read(&xml);
        }
    }
    for (sheet, at, style, m) in dates {
        let shown_date = styles
            .date_code(&style)
            .and_then(|code| NumFmt::parse(code).date(&m));
        if let Some(text) = shown_date {
            shown.entry(sheet).or_default().insert(at, text);
        }
    }
    shown
}
