//! Form recognition: a read [`Document`] → the submissions it holds.
//! PLACEHOLDER until the form stage lands.

use crate::model::Document;
use crate::output::Submission;

/// Every form found in `doc`, in document order.
pub fn recognize(doc: &Document) -> Vec<Submission> {
    let _ = doc;
    Vec::new()
}
