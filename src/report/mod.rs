//! The overview page (stub).

use std::path::Path;

/// A rendered page.
pub struct Page {
    pub html: String,
    pub summary: String,
}

/// Errors.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}: not a directory")]
    NotADirectory(std::path::PathBuf),
}

/// Render.
pub fn report_dir(dir: &Path) -> Result<Page, ReportError> {
    Err(ReportError::NotADirectory(dir.to_path_buf()))
}
