//! Merged cells of OpenDocument spreadsheets, which calamine does not report:
//! a light scan of `content.xml` for `table:number-columns-spanned` /
//! `table:number-rows-spanned`, positions counted through the
//! `number-rows-repeated` / `number-columns-repeated` compression. The same
//! scan measures each sheet's used area, because calamine allocates it densely.

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// No sheet written by a person has more merged regions than this.
const MAX_REGIONS: usize = 100_000;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

fn number(e: &BytesStart<'_>, name: &str) -> u32 {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.0) == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1)
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
    /// The sheet whose cells with content span the largest area, and that area.
    pub largest: Option<(String, u64)>,
}

/// Scan `content.xml`.
pub fn scan(xml: &str) -> Scan {
    let mut out: HashMap<String, Vec<Dimensions>> = HashMap::new();
    let mut largest: Option<(String, u64)> = None;
    // Bounding box (first row, first col, last row, last col) of the current sheet's content.
    let mut bbox: Option<(u32, u32, u32, u32)> = None;
    let mut r = Reader::from_str(xml);
    let mut sheet: Option<String> = None;
    let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
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
                match local(e.name().0) {
                    "table" => {
                        let area = bbox.take().map(|(r0, c0, r1, c1)| {
                            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
                        });
                        if let (Some(s), Some(a)) = (sheet.take(), area) {
                            if largest.as_ref().is_none_or(|(_, l)| a > *l) {
                                largest = Some((s, a));
                            }
                        }
                    }
                    "table-row" => row = row.saturating_add(row_repeat),
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match local(e.name().0) {
            "table" if is_start => {
                sheet = Some(name(e));
                row = 0;
                bbox = None;
            }
            "table-row" => {
                col = 0;
                row_repeat = number(e, "number-rows-repeated").max(1);
                if !is_start {
                    row = row.saturating_add(row_repeat);
                }
            }
            cell @ ("table-cell" | "covered-table-cell") => {
                let repeat = number(e, "number-columns-repeated").max(1);
                let (cols, rows) = if cell == "table-cell" {
                    (
                        number(e, "number-columns-spanned").max(1),
                        number(e, "number-rows-spanned").max(1),
                    )
                } else {
                    (1, 1)
                };
                if let (Some(s), true) = (&sheet, cols > 1 || rows > 1) {
                    let regions = out.entry(s.clone()).or_default();
                    for dr in 0..row_repeat.min(1000) {
                        for dc in 0..repeat.min(1000) {
                            if count >= MAX_REGIONS {
                                break;
                            }
                            let start = (row.saturating_add(dr), col.saturating_add(dc));
                            let end = (
                                start.0.saturating_add(rows - 1),
                                start.1.saturating_add(cols - 1),
                            );
                            regions.push(Dimensions { start, end });
                            count += 1;
                        }
                    }
                }
                let has_value = is_start || has_attr(e, "value-type");
                if cell == "table-cell" && has_value && sheet.is_some() {
                    let last = (
                        row.saturating_add(row_repeat - 1),
                        col.saturating_add(repeat - 1),
                    );
                    bbox = Some(match bbox {
                        None => (row, col, last.0, last.1),
                        Some((r0, c0, r1, c1)) => {
                            (r0.min(row), c0.min(col), r1.max(last.0), c1.max(last.1))
                        }
                    });
                }
                col = col.saturating_add(repeat);
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
    }
}

fn has_attr(e: &BytesStart<'_>, name: &str) -> bool {
    e.attributes()
        .with_checks(false)
        .flatten()
        .any(|a| local(a.key.0) == name)
}
