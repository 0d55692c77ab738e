//! `--ndjson FILE|-`: one JSON line per submission, and one per failed file
//! (`submission: null` with its `error`), in input order.
//!
//! A file is written to a temporary file beside it and renamed by `finish`,
//! so it is whole or as it was before: a run that stops early (a signal, a
//! full disk, a failing database) leaves no cut-off line. Standard output
//! (`-`) and targets that are not regular files (`/dev/stdout`, a FIFO) are
//! written directly, a whole line at a time; a reader that closes the pipe
//! gives an error marked [`SinkError::pipe_closed`].
//!
//! Must not know: databases, threads.

use super::{Sink, SinkError};
use crate::output::FileReport;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes NDJSON lines to a file or to stdout.
pub struct NdjsonSink {
    target: String,
    out: Out,
}

enum Out {
    /// Written in place (stdout, a pipe, a device).
    Stream(Box<dyn Write>),
    /// Renamed over `target` by `finish` (removed if never finished); `None`
    /// once done.
    File(
        Option<(BufWriter<std::fs::File>, tempfile::TempPath)>,
        PathBuf,
    ),
}

impl NdjsonSink {
    /// `-` is stdout; a path that exists and is not a regular file is
    /// written in place; any other path is replaced at the end.
    pub fn create(path: &Path) -> Result<Self, SinkError> {
        let target = path.display().to_string();
        let err = |e: std::io::Error| SinkError::io(&target, &e);
        let out = if path.as_os_str() == "-" {
            Out::Stream(Box::new(BufWriter::new(std::io::stdout())))
        } else if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(err)?;
            Out::Stream(Box::new(BufWriter::new(f)))
        } else {
            let (file, tmp) = super::temp_beside(path).map_err(err)?.into_parts();
            Out::File(Some((BufWriter::new(file), tmp)), path.to_path_buf())
        };
        Ok(NdjsonSink { target, out })
    }

    fn writer(&mut self) -> Option<&mut dyn Write> {
        match &mut self.out {
            Out::Stream(w) => Some(w.as_mut()),
            Out::File(w, _) => w.as_mut().map(|(w, _)| w as &mut dyn Write),
        }
    }
}

impl Sink for NdjsonSink {
    fn report(&mut self, report: &FileReport) -> Result<(), SinkError> {
        let mut lines = Vec::new();
        for line in report.ndjson_lines() {
            serde_json::to_writer(&mut lines, &line)
                .map_err(|e| SinkError::new(&self.target, e))?;
            lines.push(b'\n');
        }
        let target = self.target.clone();
        match self.writer() {
            Some(w) => w.write_all(&lines).map_err(|e| SinkError::io(target, &e)),
            None => Ok(()),
        }
    }

    fn finish(&mut self) -> Result<Option<String>, SinkError> {
        let err = |e: std::io::Error| SinkError::io(&self.target, &e);
        match &mut self.out {
            Out::Stream(w) => w.flush().map_err(err)?,
            Out::File(w, path) => {
                if let Some((w, tmp)) = w.take() {
                    w.into_inner().map_err(|e| err(e.into_error()))?;
                    tmp.persist(&*path).map_err(|e| err(e.error))?;
                }
            }
        }
        Ok(None)
    }
}
