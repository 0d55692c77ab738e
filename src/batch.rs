//! Batch engine. PLACEHOLDER until the batch lands.
