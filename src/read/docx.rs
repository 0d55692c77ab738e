//! Word (.docx) reader. PLACEHOLDER until the readers land.
use super::{Limits, ReadError};
use crate::model::Document;

/// Read a .docx into the neutral model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let _ = (bytes, limits);
    Ok(Document::default())
}
