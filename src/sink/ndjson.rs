//! `--ndjson FILE|-`: one JSON line per submission, and one per failed file
//! (`submission: null` with its `error`), in input order.
//!
//! Must not know: databases, threads.

use super::{Sink, SinkError};
use crate::output::FileReport;
use std::io::Write;
use std::path::Path;

/// Writes NDJSON lines to a file or to stdout.
pub struct NdjsonSink {
    target: String,
    out: Box<dyn Write>,
}

impl NdjsonSink {
    /// `-` is stdout; any other path is created (truncated).
    pub fn create(path: &Path) -> Result<Self, SinkError> {
        let target = path.display().to_string();
        let out: Box<dyn Write> = if path.as_os_str() == "-" {
            Box::new(std::io::BufWriter::new(std::io::stdout()))
        } else {
            let f = std::fs::File::create(path).map_err(|e| SinkError::new(&target, e))?;
            Box::new(std::io::BufWriter::new(f))
        };
        Ok(NdjsonSink { target, out })
    }
}

impl Sink for NdjsonSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        for line in report.ndjson_lines() {
            serde_json::to_writer(&mut self.out, &line)
                .map_err(|e| SinkError::new(&self.target, e))?;
            self.out
                .write_all(b"\n")
                .map_err(|e| SinkError::new(&self.target, e))?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        self.out
            .flush()
            .map_err(|e| SinkError::new(&self.target, e))?;
        Ok(None)
    }
}
