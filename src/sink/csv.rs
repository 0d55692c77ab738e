//! `--csv FILE`: the officers' item table (`table::ITEM_COLUMNS`) as CSV that
//! Excel and LibreOffice open as Japanese text: UTF-8 with a BOM, CRLF line
//! ends, quoted where needed. Written to a temporary file beside FILE and
//! renamed at the end, so FILE is never half written.
//!
//! Must not know: xlsx, databases, readers.

use super::table::{item_rows, ITEM_COLUMNS};
use super::{Sink, SinkError};
use crate::output::FileReport;
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct CsvSink {
    target: PathBuf,
    writer: Option<csv::Writer<tempfile::NamedTempFile>>,
    rows: usize,
}

impl CsvSink {
    pub fn create(path: &Path) -> Result<Self, SinkError> {
        let err = |e: &dyn std::fmt::Display| SinkError::new(path.display().to_string(), e);
        let mut tmp = super::temp_beside(path).map_err(|e| err(&e))?;
        tmp.write_all("\u{feff}".as_bytes()).map_err(|e| err(&e))?;
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(tmp);
        writer
            .write_record(ITEM_COLUMNS.iter().map(|c| c.heading))
            .map_err(|e| err(&e))?;
        Ok(CsvSink {
            target: path.to_path_buf(),
            writer: Some(writer),
            rows: 0,
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> SinkError {
        SinkError::new(self.target.display().to_string(), e)
    }
}

impl Sink for CsvSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        let Some(w) = self.writer.as_mut() else {
            return Ok(());
        };
        let mut written = 0;
        let mut failure = None;
        for row in item_rows(report) {
            if let Err(e) = w.write_record(row.iter().map(|c| c.as_text())) {
                failure = Some(e);
                break;
            }
            written += 1;
        }
        self.rows += written;
        match failure {
            Some(e) => Err(self.err(e)),
            None => Ok(()),
        }
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        let Some(w) = self.writer.take() else {
            return Ok(None);
        };
        let tmp = w.into_inner().map_err(|e| self.err(e.error()))?;
        tmp.persist(&self.target).map_err(|e| self.err(e.error))?;
        Ok(Some(format!(
            "csv {}: {} items",
            self.target.display(),
            self.rows
        )))
    }
}
