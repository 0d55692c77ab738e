//! Spreadsheet reader (.xlsx/.xlsm, .xls, .ods) through calamine.
//!
//! Owns: one [`Part`] per visible worksheet in workbook order, each holding
//! one [`Table`] over the sheet's used range in sheet coordinates, with
//! merged regions as spans; a `hidden_sheet` warning for each hidden sheet;
//! a `date_out_of_range` warning when date cells hold serials that are no
//! day Excel can show (they are read as their numbers).
//! Cells are kept sparse from end to end: an .xlsx is read cell by cell
//! (calamine's `worksheet_cells_reader`), never as a dense range, so a stray
//! value at column XFD costs one cell, not a row of 16 384. Numbers and dates
//! are read as displayed, through their number format (`shown`, `numfmt`;
//! `ods_shown` and `xls_shown` find the formats calamine does not give).
//!
//! Must not know: forms, sections, markers; docx.

mod merges;
mod numfmt;
mod ods;
mod ods_shown;
mod shown;
mod strings;
mod text;
mod xls;
mod xls_shown;

use super::sniff::container;
use super::{Format, Limits, ReadError};
use crate::model::{Block, Cell, Diagnostic, Document, Level, Line, Part, PartKind, Table};
use calamine::{
    Dimensions, Ods, OdsError, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsx, XlsxError,
};
use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::io::{Cursor, Read, Seek};

/// Largest sheet area (rows × columns of its used range) read through
/// calamine's dense ranges (.xls, .ods): the size of a full .xls sheet,
/// 65 536 × 256, about 0.5 GB of calamine cells. Both formats are measured
/// before calamine sees them (`xls::check`, `ods::scan`): past this calamine
/// can ask for more memory than exists, and a failed allocation aborts.
const DENSE_LIMIT: u64 = 1 << 24;

/// One non-empty value at its sheet position.
struct Value {
    row: u32,
    col: u32,
    text: String,
}

/// Read a workbook into the neutral model.
pub fn read(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    // calamine indexes some damaged records without checking (seen by fuzzing
    // .xls files): its panics become `corrupt` here rather than at the caller.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_workbook(bytes, format, limits)
    }))
    .unwrap_or_else(|_| {
        Err(ReadError::Corrupt(
            "the workbook is damaged (the spreadsheet reader failed on it)".into(),
        ))
    })
}

fn read_workbook(bytes: &[u8], format: Format, limits: &Limits) -> Result<Document, ReadError> {
    match format {
        Format::Xlsx | Format::Xlsm => {
            let mut zip = container::open(bytes, limits)?;
            // calamine reserves what sharedStrings.xml declares: check it first.
            let checked = strings::check(&mut zip)?;
            let for_calamine = checked.repacked.as_deref().unwrap_or(bytes);
            let wb = Xlsx::new(Cursor::new(for_calamine)).map_err(xlsx_error)?;
            let mut doc = read_xlsx(wb, zip, limits)?;
            doc.diagnostics.splice(0..0, checked.diagnostics);
            Ok(doc)
        }
        Format::Xls => {
            xls::check(bytes, DENSE_LIMIT)?;
            let wb = Xls::new(Cursor::new(bytes)).map_err(xls_error)?;
            let mut doc = read_ranges(
                wb,
                limits,
                |wb, name| wb.merge_cells_by_sheet_name(name).unwrap_or_default(),
                xls_error,
            )?;
            // Typed cells as displayed (calamine applies no number format).
            shown::apply(&mut doc, &xls_shown::scan(bytes));
            Ok(doc)
        }
        Format::Ods => {
            let mut zip = container::open(bytes, limits)?;
            let content = zip.read("content.xml")?.ok_or_else(|| {
                ReadError::Corrupt("the OpenDocument file has no content.xml".into())
            })?;
            // calamine does not report merged cells of OpenDocument sheets, and
            // it holds each sheet's used area densely: measure both first.
            let content = String::from_utf8_lossy(&content);
            let scan = ods::scan(&content);
            if let Some((sheet, area)) = scan.largest.filter(|(_, a)| *a > DENSE_LIMIT) {
                return Err(ReadError::TooLarge(format!(
                    "sheet \"{sheet}\" needs {area} cells, over the limit of {DENSE_LIMIT} for .ods"
                )));
            }
            // Repeats multiply real cells: count them before calamine builds any.
            if let Some((sheet, n)) = &scan.most_values {
                over_limit(usize::try_from(*n).unwrap_or(usize::MAX), sheet, limits)?;
            }
            let wb = Ods::new(Cursor::new(bytes)).map_err(ods_error)?;
            let merges =
                |_: &Ods<_>, name: &str| scan.regions.get(name).cloned().unwrap_or_default();
            let mut doc = read_ranges(wb, limits, merges, ods_error)?;
            // Typed cells as displayed (calamine gives values without formats).
            let shown = ods_shown::scan(&content, || {
                let styles = zip.read("styles.xml").ok()??;
                Some(String::from_utf8_lossy(&styles).into_owned())
            });
            shown::apply(&mut doc, &shown);
            Ok(doc)
        }
        Format::Docx => Err(ReadError::Unsupported(
            "a Word document, not a workbook".into(),
        )),
    }
}

fn read_xlsx(
    mut wb: Xlsx<Cursor<&[u8]>>,
    mut zip: container::Archive<'_>,
    limits: &Limits,
) -> Result<Document, ReadError> {
    let mut doc = Document::default();
    let paths = merges::sheet_paths(&mut zip).unwrap_or_default();
    let mut shown = shown::Formats::new(wb.has_1904_epoch());
    for sheet in wb.sheets_metadata().to_vec() {
        if !keep(&sheet, &mut doc) {
            continue;
        }
        let mut values = Vec::new();
        match wb.worksheet_cells_reader(&sheet.name) {
            Ok(mut cells) => {
                while let Some((cell, style)) =
                    cells.next_cell_with_style_id().map_err(xlsx_error)?
                {
                    let Some(text) = shown.text(cell.get_value(), style, cells.styles()) else {
                        continue;
                    };
                    if text.trim().is_empty() {
                        continue;
                    }
                    let (row, col) = cell.get_position();
                    values.push(Value {
                        row,
                        col,
                        text: text.into_owned(),
                    });
                    over_limit(values.len(), &sheet.name, limits)?;
                }
            }
            Err(XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(xlsx_error(e)),
        }
        let found = match paths.get(&sheet.name) {
            Some(path) => merges::merged_regions(&mut zip, path)?,
            None => None,
        };
        let merged = match found {
            Some(m) => m,
            None => wb
                .merge_cells_by_sheet_name(&sheet.name)
                .map_err(xlsx_error)?,
        };
        doc.parts.push(part(&sheet.name, values, merged));
    }
    refused_dates(&mut doc, shown.refused_dates);
    Ok(doc)
}

/// Formats calamine only reads as whole ranges (xls, ods).
fn read_ranges<RS, R>(
    mut wb: R,
    limits: &Limits,
    merges: impl Fn(&R, &str) -> Vec<Dimensions>,
    error: impl Fn(R::Error) -> ReadError,
) -> Result<Document, ReadError>
where
    RS: Read + Seek,
    R: Reader<RS>,
{
    let mut doc = Document::default();
    let mut refused = 0;
    for sheet in wb.sheets_metadata().to_vec() {
        if !keep(&sheet, &mut doc) {
            continue;
        }
        let range = wb.worksheet_range(&sheet.name).map_err(&error)?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut values = Vec::new();
        for (r, c, v) in range.used_cells() {
            refused += usize::from(text::refused_date(v));
            let Some(text) = text::of_data(v) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
                continue;
            };
            values.push(Value {
                row: row0.saturating_add(r),
                col: col0.saturating_add(c),
                text: text.into_owned(),
            });
            over_limit(values.len(), &sheet.name, limits)?;
        }
        let merged = merges(&wb, &sheet.name);
        doc.parts.push(part(&sheet.name, values, merged));
    }
    refused_dates(&mut doc, refused);
    Ok(doc)
}

/// One warning for the date cells read as numbers (DECISIONS 41).
fn refused_dates(doc: &mut Document, n: usize) {
    if n > 0 {
        doc.diagnostics.push(Diagnostic {
            level: Level::Warning,
            code: "date_out_of_range".into(),
            message: format!(
                "{n} cell(s) formatted as dates hold a serial number that is no date (negative, not a number, or past 9999-12-31); they are read as the numbers they hold"
            ),
        });
    }
}

/// Whether `sheet` becomes a part; notes hidden sheets in `doc`.
fn keep(sheet: &calamine::Sheet, doc: &mut Document) -> bool {
    if sheet.typ != SheetType::WorkSheet {
        return false;
    }
    let how = match sheet.visible {
        SheetVisible::Visible => return true,
        SheetVisible::Hidden => "hidden",
        SheetVisible::VeryHidden => "very hidden",
    };
    doc.diagnostics.push(Diagnostic {
        level: Level::Warning,
        code: "hidden_sheet".into(),
        message: format!("sheet \"{}\" is {how} and was skipped", sheet.name),
    });
    false
}

fn over_limit(n: usize, sheet: &str, limits: &Limits) -> Result<(), ReadError> {
    if n > limits.max_cells {
        return Err(ReadError::TooLarge(format!(
            "sheet \"{sheet}\" has more than {} non-empty cells",
            limits.max_cells
        )));
    }
    Ok(())
}

/// One sheet's values and merged regions → its part.
fn part(name: &str, values: Vec<Value>, merges: Vec<Dimensions>) -> Part {
    let blocks = table(values, merges)
        .map(Block::Table)
        .into_iter()
        .collect();
    Part {
        kind: PartKind::Sheet(name.to_string()),
        blocks,
    }
}

/// Build the sheet's table: a value at a merged region's top-left carries the
/// region's span; values covered by a region (Excel shows none) are dropped.
fn table(mut values: Vec<Value>, merges: Vec<Dimensions>) -> Option<Table> {
    values.sort_by_key(|v| (v.row, v.col));
    values.dedup_by_key(|v| (v.row, v.col));
    let mut regions: Vec<Dimensions> = merges
        .into_iter()
        .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1 && d.start != d.end)
        .collect();
    regions.sort_by_key(|d| d.start);

    let mut cells: Vec<Cell> = Vec::with_capacity(values.len());
    // Regions that may cover the current row, by (start column, order), and
    // when each ends; `next` is the first region (by start row) not yet
    // considered. Each region enters and leaves once, each value asks once:
    // O((values + regions) · log regions), however the regions overlap.
    let mut active: BTreeMap<(u32, usize), Dimensions> = BTreeMap::new();
    let mut ends: BinaryHeap<Reverse<(u32, u32, usize)>> = BinaryHeap::new();
    let mut next = 0;
    let mut current_row = None;
    for v in values {
        if current_row != Some(v.row) {
            current_row = Some(v.row);
            while let Some(&Reverse((end, col, seq))) = ends.peek() {
                if end >= v.row {
                    break;
                }
                ends.pop();
                active.remove(&(col, seq));
            }
            while next < regions.len() && regions[next].start.0 <= v.row {
                let d = regions[next];
                if d.end.0 >= v.row {
                    active.insert((d.start.1, next), d);
                    ends.push(Reverse((d.end.0, d.start.1, next)));
                }
                next += 1;
            }
        }
        // The region starting last at or left of the value's column.
        let region = active
            .range(..=(v.col, usize::MAX))
            .next_back()
            .map(|(_, d)| *d)
            .filter(|d| d.end.1 >= v.col);
        let (row_span, col_span) = match region {
            Some(d) if d.start == (v.row, v.col) => {
                (d.end.0 - d.start.0 + 1, d.end.1 - d.start.1 + 1)
            }
            Some(_) => continue,
            None => (1, 1),
        };
        let lines = text::split_lines(&v.text)
            .enumerate()
            .map(|(paragraph, t)| Line {
                text: t.to_string(),
                paragraph,
                list_item: false,
            })
            .collect();
        cells.push(Cell {
            row: v.row as usize,
            col: v.col as usize,
            row_span: row_span as usize,
            col_span: col_span as usize,
            lines,
        });
    }
    let first_row = cells.iter().map(|c| c.row).min()?;
    let first_col = cells.iter().map(|c| c.col).min()?;
    let end_row = cells.iter().map(|c| c.row + c.row_span).max()?;
    let end_col = cells.iter().map(|c| c.col + c.col_span).max()?;
    Some(Table {
        index: 0,
        origin_row: first_row,
        origin_col: first_col,
        rows: end_row - first_row,
        cols: end_col - first_col,
        cells,
    })
}

fn encrypted() -> ReadError {
    ReadError::Encrypted(
        "the workbook is password-protected; remove the password and save it again".into(),
    )
}

fn corrupt(e: impl std::fmt::Display) -> ReadError {
    ReadError::Corrupt(format!("the workbook cannot be read ({e})"))
}

fn xlsx_error(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => encrypted(),
        e => corrupt(e),
    }
}

fn xls_error(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => encrypted(),
        e => corrupt(e),
    }
}

fn ods_error(e: OdsError) -> ReadError {
    match e {
        OdsError::Password => encrypted(),
        OdsError::CellLimitExceeded { requested, max } => ReadError::TooLarge(format!(
            "a sheet spans {requested} cells, over calamine's limit of {max}"
        )),
        e => corrupt(e),
    }
}
