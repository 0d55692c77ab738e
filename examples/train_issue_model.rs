//! Trains the issue model (`src/text/issue_model.rs`) on the tune parts of the
//! labelled section-2 sets and writes `dictionaries/issue_model.tsv`.
//!
//! ```sh
//! cargo run --release --example train_issue_model
//! ```
//!
//! Run it after any change to the lexicon, the vocabulary or the tune parts:
//! the model's features include the lexicon's reading, and
//! `tests/classifier.rs` fails while the shipped file is not what training
//! gives. Training is deterministic; the held-out parts never train it.

#[allow(dead_code)] // the trainer uses a part of the shared module
#[path = "../tests/classify_sets/mod.rs"]
mod classify_sets;

const HEADER: &str = "\
The issue model: a logistic regression per category (the five weights of
each line, ① … ⑤) over the lexicon's reading of an issue (chosen, score,
share) and its content words (word:). Written by
`cargo run --release --example train_issue_model` from the tune parts of
testdata/classify_issues*.toml; do not edit by hand. See docs/TEXT_LAYER.md.";

fn main() {
    let cases = classify_sets::issue_training_cases().len();
    let model = classify_sets::train_issue_model();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dictionaries/issue_model.tsv");
    if let Err(e) = std::fs::write(path, model.to_tsv(HEADER)) {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    }
    println!("trained on {cases} issues; wrote {path}");
}
