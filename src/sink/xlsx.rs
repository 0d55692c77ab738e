//! `--xlsx FILE`: the officers' workbook — sheets 項目 (one row per item, the
//! CSV's columns), 様式 (submissions), 警告 (warnings) and 読めなかったファイル
//! (failed files), each with a frozen, filtered header row, set column widths
//! and a landscape print layout one page wide. Built in memory and written at
//! the end through a temporary file.
//!
//! Must not know: CSV, databases, readers.

use super::table::{
    failed_row, item_rows, submission_rows, warning_rows, Cell, Column, FAILED_COLUMNS,
    ITEM_COLUMNS, SUBMISSION_COLUMNS, WARNING_COLUMNS,
};
use super::{Sink, SinkError};
use crate::output::FileReport;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// One sheet being filled.
struct Sheet {
    name: &'static str,
    columns: &'static [Column],
    /// The column whose text wraps (内容), if any.
    wrap: Option<u16>,
    sheet: Worksheet,
    rows: u32,
}

impl Sheet {
    fn new(name: &'static str, columns: &'static [Column]) -> Self {
        let wrap = columns
            .iter()
            .position(|c| c.heading == "内容")
            .and_then(|i| u16::try_from(i).ok());
        Sheet {
            name,
            columns,
            wrap,
            sheet: Worksheet::new(),
            rows: 0,
        }
    }

    fn push(&mut self, row: &[Cell]) -> Result<(), XlsxError> {
        self.rows += 1;
        let wrap = Format::new().set_text_wrap();
        let mark = Format::new().set_align(FormatAlign::Center);
        for (col, cell) in row.iter().enumerate() {
            let col = u16::try_from(col).unwrap_or(u16::MAX);
            match cell {
                Cell::Number(n) => {
                    self.sheet.write_number(self.rows, col, *n)?;
                }
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) if s == "○" => {
                    self.sheet
                        .write_string_with_format(self.rows, col, s, &mark)?;
                }
                Cell::Text(s) => {
                    let s: String = s.chars().take(MAX_CELL_CHARS).collect();
                    if Some(col) == self.wrap {
                        self.sheet
                            .write_string_with_format(self.rows, col, s, &wrap)?;
                    } else {
                        self.sheet.write_string(self.rows, col, s)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Header, widths, frozen first row and filters; then the sheet itself.
    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        let header = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_background_color(0xDDEBF7);
        self.sheet.set_name(self.name)?;
        for (i, c) in self.columns.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            self.sheet
                .write_string_with_format(0, col, c.heading, &header)?;
            self.sheet.set_column_width(col, c.width)?;
        }
        // Four lines: the longest category name wraps in its column.
        self.sheet.set_row_height(0, 60)?;
        let last = u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(0);
        self.sheet.set_freeze_panes(1, 0)?;
        self.sheet.autofilter(0, 0, self.rows, last)?;
        // Printed: landscape A4, one page wide, the header on every page.
        self.sheet
            .set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        self.sheet.set_repeat_rows(0, 0)?;
        Ok(self.sheet)
    }
}

pub struct XlsxSink {
    target: PathBuf,
    sheets: Option<[Sheet; 4]>,
    items: usize,
}

impl XlsxSink {
    /// Check that FILE's directory exists; the workbook is written by `finish`.
    pub fn create(path: &Path) -> Result<Self, SinkError> {
        let dir = parent(path);
        if !dir.is_dir() {
            return Err(SinkError::new(
                path.display().to_string(),
                "its directory does not exist",
            ));
        }
        Ok(XlsxSink {
            target: path.to_path_buf(),
            sheets: Some([
                Sheet::new("項目", ITEM_COLUMNS),
                Sheet::new("様式", SUBMISSION_COLUMNS),
                Sheet::new("警告", WARNING_COLUMNS),
                Sheet::new("読めなかったファイル", FAILED_COLUMNS),
            ]),
            items: 0,
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> SinkError {
        SinkError::new(self.target.display().to_string(), e)
    }
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

impl Sink for XlsxSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        let Some([items, subs, warnings, failed]) = self.sheets.as_mut() else {
            return Ok(());
        };
        let rows = item_rows(report);
        let n = rows.len();
        let mut result = Ok(());
        for row in &rows {
            result = result.and_then(|()| items.push(row));
        }
        for row in submission_rows(report) {
            result = result.and_then(|()| subs.push(&row));
        }
        for row in warning_rows(report) {
            result = result.and_then(|()| warnings.push(&row));
        }
        if let Some(row) = failed_row(report) {
            result = result.and_then(|()| failed.push(&row));
        }
        self.items += n;
        result.map_err(|e| self.err(e))
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        let Some(sheets) = self.sheets.take() else {
            return Ok(None);
        };
        let mut book = Workbook::new();
        for sheet in sheets {
            book.push_worksheet(sheet.finish().map_err(|e| self.err(e))?);
        }
        let bytes = book.save_to_buffer().map_err(|e| self.err(e))?;
        let mut tmp = super::temp_beside(&self.target).map_err(|e| self.err(e))?;
        tmp.write_all(&bytes).map_err(|e| self.err(e))?;
        tmp.persist(&self.target).map_err(|e| self.err(e.error))?;
        Ok(Some(format!(
            "xlsx {}: {} items",
            self.target.display(),
            self.items
        )))
    }
}
