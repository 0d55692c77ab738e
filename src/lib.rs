//! shiryo turns the yearly report forms of Japan's home-medical-care
//! collaboration hubs (連携の拠点) — Word and Excel files — into normalised JSON
//! (schema `shiryo/v1`, see `SPEC.md`).
//!
//! The pipeline, one module per stage:
//! [`read`] (bytes → [`model::Document`]) → [`form`] (document → forms, sections,
//! items) → [`text`] (normalisation, tokens, categories, dates, counts) →
//! [`output`] (the JSON contract). [`extract`] runs the stages for one file;
//! [`batch`] runs many files in parallel, each in a [`worker`] process by
//! default, and hands each report, in input order, to the [`sink`]s (NDJSON,
//! SQLite, PostgreSQL, CSV, xlsx); [`load`] hands reports already written to
//! the same sinks; [`link`] links plans to progress and to next year's
//! results; [`audit`] compares results with expected files written by people;
//! [`review`] says which forms a person should read;
//! [`report`] renders the overview page.
//!
//! ```no_run
//! let report = shiryo::extract::extract_file(
//!     std::path::Path::new("fixtures/docx/2-6_katano.docx"),
//!     "fixtures/docx/2-6_katano.docx",
//!     &shiryo::Config::default(),
//! );
//! println!("{}", serde_json::to_string_pretty(&report).unwrap());
//! ```

pub mod audit;
pub mod batch;
pub mod extract;
pub mod form;
pub mod guard;
pub mod link;
pub mod load;
pub mod model;
pub mod output;
pub mod read;
pub mod report;
pub mod review;
pub mod sink;
pub mod text;
pub mod worker;

pub use read::Limits;

/// Everything a run needs to know, free of any command-line type.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub limits: Limits,
}
