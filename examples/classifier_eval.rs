//! Measures the category classifier and the Japanese text layer.
//!
//! ```sh
//! cargo run --release --example classifier_eval            # figures
//! cargo run --release --example classifier_eval -- -v      # … and every miss
//! cargo run --release --example classifier_eval -- -v tune # one set, with misses
//! cargo run --release --example classifier_eval -- tune issues agree # only these sets
//! cargo run --release --example classifier_eval -- -vv tune # misses explained
//! cargo run --release --example classifier_eval -- --lexicon FILE # another lexicon
//! cargo run --release --example classifier_eval -- --vocabulary FILE # another vocabulary
//! cargo run --release --example classifier_eval -- --no-model # section 2 by the lexicon alone
//! cargo run --release --example classifier_eval -- --explain TEXT… # reasoning
//! ```
//!
//! `--lexicon FILE` parses a lexicon at run time instead of the embedded one:
//! lexicon edits can be measured without recompiling, and the previous lexicon
//! (`git show HEAD:dictionaries/category_lexicon.tsv`) gives the "before" figures.
//! `--vocabulary FILE` does the same for the weights of
//! `dictionaries/vocabulary.tsv` (its dictionary entries need a rebuild).
//! Section 2 is read with the issue model (`src/text/issue_model.rs`),
//! which learned the tune parts: only the held-out figures measure it, and
//! `--no-model` gives the lexicon's own (the model is not retrained for
//! another lexicon: `examples/train_issue_model.rs` does that).
//!
//! Sets (testdata/): `classify_seed.toml` — the marker-labelled items of the six
//! seed forms, markers hidden (the lexicon is tuned on these);
//! `classify_holdout.toml` — items in other municipalities' style, written before
//! tuning and never tuned on; `classify_issues.toml` — section 2 of the seed
//! forms against hand-written categories (measured only);
//! `classify_issues2.toml` — 128 section-2 issues in the field's wording
//! (round 5): `issues2` is its tune part (cases 1–90), `issues2-held` its
//! held-out part; `holdout3-s2` / `holdout4-s2` are the section-2 cases of
//! those holdouts; `classify_issues3.toml` — 40 more issues in new wording
//! (round 6, written before the run, then tuned on: `issues3`);
//! `classify_issues4.toml` — 60 issues of eight new municipalities (round 7,
//! labelled by a helper who did not read the classifier): `issues4` its tune
//! part, `issues4-held` its held-out part; `classify_issues5.toml` — 60 more
//! (round 8, another style: fragments, abbreviations): `issues5` /
//! `issues5-held` likewise; `classify_issues6.toml` — 70 (round 9, issues as
//! written in table cells): `issues6` / `issues6-held`;
//! `classify_holdout5.toml` — 120 activities in other prefectures' wording,
//! measured only: `holdout5`; `classify_issues7.toml` — 70 (round 10, formal
//! report style): `issues7` / `issues7-held`; `classify_issues8.toml` — 90
//! (round 11, hub staff in the field): `issues8` / `issues8-held`;
//! `classify_issues9.toml` — 90 (round 12, the year reviewed):
//! `issues9` / `issues9-held`; `classify_issues10.toml` — 90 (round 13, ②
//! or ⑤ as a second area): `issues10` / `issues10-held`;
//! `classify_issues11.toml` — 80 (round 14, ③ and ⑤ as scenes): `issues11` /
//! `issues11-held`; `classify_issues12.toml` — 90 (round 16, a natural mix,
//! first measured on the issue model): `issues12` / `issues12-held`. The figures
//! go to docs/TEXT_LAYER.md.

use std::time::Instant;

use shiryo::text::classify::{explain_reading, Figures, Kind};
use shiryo::text::issue_model::ISSUE_MODEL;
use shiryo::text::lexicon::{Lexicon, LEXICON, LEXICON_TSV, VOCABULARY_TSV};
use shiryo::text::normalize;
use shiryo::text::similar;
use shiryo::text::tokenize::{tokenize, warm_up};

#[path = "../tests/classify_sets/mod.rs"]
mod classify_sets;
use classify_sets::{cases, repeats_by_form};

fn marks(cats: &[u8]) -> String {
    let s: String = cats
        .iter()
        .map(|&c| char::from_u32(0x245F + u32::from(c)).unwrap_or('?'))
        .collect();
    if s.is_empty() {
        "-".into()
    } else {
        s
    }
}

/// Whether case `k` belongs to the set `label`: `…-s2` sets are the section-2
/// cases of their file; a set of `classify_sets::SPLITS` and its `-held` twin
/// split their file.
fn in_part(label: &str, k: usize, case: &classify_sets::Case) -> bool {
    let (base, held) = match label.strip_suffix("-held") {
        Some(base) => (base, true),
        None => (label, false),
    };
    if let Some(split) = classify_sets::split(base) {
        return (k >= split.tune) == held;
    }
    !label.ends_with("-s2") || case.section == Some(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let explain_misses = args.iter().any(|a| a == "-vv");
    let verbose = explain_misses || args.iter().any(|a| a == "-v");
    let file_arg = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lexicon_path = file_arg("--lexicon");
    let vocabulary_path = file_arg("--vocabulary");
    let lexicon: Lexicon = if lexicon_path.is_none() && vocabulary_path.is_none() {
        LEXICON.clone()
    } else {
        let lexicon_text = lexicon_path.as_deref().map(read);
        let vocabulary_text = vocabulary_path.as_deref().map(read);
        let mut lexicon = Lexicon::parse(lexicon_text.as_deref().unwrap_or(LEXICON_TSV))
            .unwrap_or_else(|e| panic!("lexicon: {e}"));
        lexicon
            .add_vocabulary(vocabulary_text.as_deref().unwrap_or(VOCABULARY_TSV))
            .unwrap_or_else(|e| panic!("vocabulary: {e}"));
        lexicon
    };
    // `--no-model`: section 2 by the lexicon alone (the issue model learned
    // the tune parts, so lexicon work reads its tune figures this way).
    let model = if args.iter().any(|a| a == "--no-model") {
        None
    } else {
        ISSUE_MODEL.as_ref()
    };
    let explain_as =
        |lexicon: &Lexicon, text: &str, kind: Kind| explain_reading(lexicon, model, text, kind);
    let classify = |text: &str, kind: Kind| explain_as(&lexicon, text, kind).categories;
    // `--explain TEXT…` (`--explain-issue TEXT…`: as section-2 issues): print
    // the reasoning for each text and stop.
    for (flag, kind) in [
        ("--explain", Kind::Activity),
        ("--explain-issue", Kind::Issue),
    ] {
        if let Some(i) = args.iter().position(|a| a == flag) {
            for text in &args[i + 1..] {
                println!("{}\n", explain_as(&lexicon, &normalize(text), kind));
            }
            return;
        }
    }
    // Set labels named on the command line: measure only those (so tuning can
    // run without printing a holdout it must not see).
    let only: Vec<&str> = args
        .iter()
        .filter(|a| {
            !a.starts_with('-')
                && Some(*a) != lexicon_path.as_ref()
                && Some(*a) != vocabulary_path.as_ref()
                && a.parse::<f64>().is_err()
        })
        .map(|s| s.as_str())
        .collect();

    // `--similarity X`: another bar for "repeats a labelled item" (+form sets).
    let min_similarity = args
        .iter()
        .position(|a| a == "--similarity")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(similar::MIN_SIMILARITY);
    let load_time = warm_up();
    println!(
        "dictionary load (tokenizer build): {:.2} ms",
        load_time.as_secs_f64() * 1e3
    );

    // `+form` sets: each item is classified as the extractor does it inside its
    // form — an item of sections 1, 3, 4 that repeats another labelled item of
    // the same form takes that item's categories (leave-one-out: never its
    // own), every other item is classified from its words.
    let fixed = [
        ("tune", "classify_seed.toml"),
        ("tune+form", "classify_seed.toml"),
        ("marker+form", "classify_seed.toml"),
        ("agree", "classify_seed.toml"),
        ("agree+form", "classify_seed.toml"),
        ("holdout", "classify_holdout.toml"),
        ("holdout2", "classify_holdout2.toml"),
        ("holdout3", "classify_holdout3.toml"),
        ("holdout3+form", "classify_holdout3.toml"),
        ("holdout4", "classify_holdout4.toml"),
        ("holdout4+form", "classify_holdout4.toml"),
        ("holdout5", "classify_holdout5.toml"),
        ("issues", "classify_issues.toml"),
        ("holdout3-s2", "classify_holdout3.toml"),
        ("holdout4-s2", "classify_holdout4.toml"),
        ("issues3", "classify_issues3.toml"),
    ];
    // Every split section-2 set: its tune part, then its held-out part.
    let splits = classify_sets::SPLITS.iter().flat_map(|s| {
        [
            (s.label.to_string(), s.file),
            (format!("{}-held", s.label), s.file),
        ]
    });
    let sets: Vec<(String, &str)> = (fixed.iter().map(|&(l, f)| (l.to_string(), f)))
        .chain(splits)
        .collect();
    let mut all_texts = Vec::new();
    for (label, file) in &sets {
        let label = label.as_str();
        if !only.is_empty() && !only.contains(&label) {
            continue;
        }
        let path = format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"));
        if !std::path::Path::new(&path).exists() {
            continue;
        }
        let all = cases(file);
        let in_form = label.ends_with("+form");
        let repeats = if in_form {
            repeats_by_form(&all, min_similarity)
        } else {
            vec![None; all.len()]
        };
        let mut total = Figures::default();
        let mut per_cat = [Figures::default(); 5];
        let mut misses = Vec::new();
        for (k, case) in all.iter().enumerate() {
            if label.starts_with("marker") && case.source.as_deref() != Some("marker") {
                // Only the items that carry their own markers (no headings).
                continue;
            }
            if label.starts_with("agree") && case.noise.is_some() {
                // The tune items whose marker agrees with their words (see the
                // `noise` field and docs/TEXT_LAYER.md).
                continue;
            }
            if !in_part(label, k, case) {
                continue;
            }
            let text = normalize(&case.text);
            // Section 2 is read as issues, as the extractor reads it.
            let kind = if case.section == Some(2) || file.starts_with("classify_issues") {
                Kind::Issue
            } else {
                Kind::Activity
            };
            let predicted = match repeats[k] {
                Some(j) => all[j].categories.clone(),
                None => classify(&text, kind),
            };
            total.add(&predicted, &case.categories);
            for (i, fig) in per_cat.iter_mut().enumerate() {
                let c = i as u8 + 1;
                let p: Vec<u8> = predicted.iter().copied().filter(|&x| x == c).collect();
                let e: Vec<u8> = case
                    .categories
                    .iter()
                    .copied()
                    .filter(|&x| x == c)
                    .collect();
                if !p.is_empty() || !e.is_empty() {
                    fig.add(&p, &e);
                }
            }
            if predicted != case.categories {
                misses.push((case, predicted, kind));
            }
            all_texts.push(text);
        }
        println!("{label:<13} {total}");
        for (i, fig) in per_cat.iter().enumerate() {
            println!("    {}  {fig}", marks(&[i as u8 + 1]));
        }
        if verbose {
            for (case, predicted, kind) in misses {
                let place = match (&case.form, case.section) {
                    (Some(f), Some(s)) => format!("{f} ({s}) "),
                    (Some(f), None) => format!("{f} "),
                    _ => String::new(),
                };
                println!(
                    "    expected {:<4} got {:<4} {place}{}",
                    marks(&case.categories),
                    marks(&predicted),
                    case.text
                );
                if explain_misses {
                    let e = explain_as(&lexicon, &normalize(&case.text), kind);
                    for h in &e.hits {
                        let f = h.scope.factor(e.settings);
                        let factor = if f == 1.0 {
                            String::new()
                        } else {
                            format!(" ×{f}")
                        };
                        println!(
                            "        {:<40} [{}] {:?}{factor}",
                            h.pattern, h.matched, h.weights
                        );
                    }
                    println!("        scores {:?}", e.scores);
                }
            }
        }
    }

    let start = Instant::now();
    let tokens: usize = all_texts.iter().map(|t| tokenize(t).len()).sum();
    let elapsed = start.elapsed();
    println!(
        "tokenize: {} items, {} tokens in {:.2} ms",
        all_texts.len(),
        tokens,
        elapsed.as_secs_f64() * 1e3
    );
    let start = Instant::now();
    for t in &all_texts {
        classify(t, Kind::Activity);
    }
    println!(
        "classify: {} items in {:.2} ms",
        all_texts.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
}
