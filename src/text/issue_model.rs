//! The learned second reading of an issue (an item of section 2).
//!
//! Owns: the features of an issue as the lexicon has read it (its category
//! scores, the categories it chose, the content words of its text), the
//! per-category logistic regression over them, its training and its file
//! (`dictionaries/issue_model.tsv`).
//!
//! The lexicon names each area an issue lies in; what it cannot weigh is
//! whether an issue that names one area *also* lies in a second (a shortage
//! that is also coordination, an emergency that is also the residents'
//! understanding). The model weighs that from labelled issues: each
//! category's probability is a logistic function of the lexicon's reading and
//! of the issue's words, and a category is chosen when it is more likely than
//! not. When the model chooses none, the lexicon's reading stands.
//!
//! Must not know: where the labelled issues come from (the trainer,
//! `examples/train_issue_model.rs`, reads them), lexicon entries, forms or
//! files. Training is deterministic (its own seeded shuffle), so the shipped
//! file is exactly what retraining gives (tests/classifier.rs checks it).

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

use super::lexicon::Weights;
use super::tokenize::OwnedToken;

/// The shipped model, as `examples/train_issue_model.rs` wrote it.
pub static ISSUE_MODEL_TSV: &str = include_str!("../../dictionaries/issue_model.tsv");

/// The shipped model, parsed once. A broken file is a build defect that the
/// tests catch; the program then reads issues with the lexicon alone.
pub static ISSUE_MODEL: LazyLock<Option<IssueModel>> =
    LazyLock::new(|| IssueModel::parse(ISSUE_MODEL_TSV).ok());

/// Parts of speech whose base forms are features: the content words and the
/// auxiliaries that carry negation and ability (ない, られる).
const CONTENT: [&str; 5] = ["名詞", "動詞", "形容詞", "副詞", "助動詞"];

/// Scores are read up to this (the lexicon's usual cap).
const SCORE_SCALE: f64 = 5.0;

/// Training: L2 weight, passes over the examples, first step size.
const L2: f64 = 0.001;
const EPOCHS: usize = 60;
const STEP: f64 = 0.3;
/// Training runs averaged.
const RUNS: u64 = 8;

/// One issue's features: name and value, names distinct.
pub type Features = Vec<(String, f64)>;

/// The features of an issue the lexicon read as `scores` and `categories`
/// from `tokens`.
pub fn features(scores: &Weights, categories: &[u8], tokens: &[OwnedToken]) -> Features {
    let mut out: BTreeMap<String, f64> = BTreeMap::new();
    let best = scores.iter().copied().fold(0.0f32, f32::max);
    for (c, &s) in scores.iter().enumerate() {
        let chosen = categories.contains(&(c as u8 + 1));
        out.insert(format!("chosen{}", c + 1), if chosen { 1.0 } else { 0.0 });
        out.insert(
            format!("score{}", c + 1),
            f64::from(s).min(SCORE_SCALE) / SCORE_SCALE,
        );
        let share = if best > 0.0 { f64::from(s / best) } else { 0.0 };
        out.insert(format!("share{}", c + 1), share);
    }
    out.insert("bias".into(), 1.0);
    for t in tokens.iter().filter(|t| CONTENT.contains(&t.pos)) {
        out.insert(format!("word:{}", t.base), 1.0);
    }
    out.into_iter().collect()
}

/// A logistic regression per category over named features.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IssueModel {
    weights: HashMap<String, [f64; 5]>,
}

impl IssueModel {
    /// Each category's probability for an issue with `features`.
    pub fn probabilities(&self, features: &Features) -> [f64; 5] {
        logits(&self.weights, features).map(sigmoid)
    }

    /// The categories the model chooses (more likely than not), or — when it
    /// chooses none — the lexicon's `categories`.
    pub fn decide(&self, features: &Features, categories: &[u8]) -> Vec<u8> {
        let chosen: Vec<u8> = (1u8..=5)
            .zip(self.probabilities(features))
            .filter(|&(_, p)| p > 0.5)
            .map(|(c, _)| c)
            .collect();
        if chosen.is_empty() {
            categories.to_vec()
        } else {
            chosen
        }
    }

    /// Trains on labelled issues (features, expected categories) by
    /// stochastic gradient descent with L2, in an order shuffled by a fixed
    /// seed: the same examples always give the same model.
    /// The weights are the mean of [`RUNS`] runs, each in its own order, so
    /// the model does not hang on one order's accidents.
    pub fn train(examples: &[(Features, Vec<u8>)]) -> IssueModel {
        let mut weights: HashMap<String, [f64; 5]> = HashMap::new();
        for seed in 1..=RUNS {
            for (name, w) in Self::train_once(examples, seed).weights {
                let sum = weights.entry(name).or_insert([0.0; 5]);
                for (s, w) in sum.iter_mut().zip(w) {
                    *s += w / RUNS as f64;
                }
            }
        }
        IssueModel { weights }
    }

    fn train_once(examples: &[(Features, Vec<u8>)], seed: u64) -> IssueModel {
        let mut weights: HashMap<String, [f64; 5]> = HashMap::new();
        let mut order: Vec<usize> = (0..examples.len()).collect();
        let mut rng = SplitMix(seed);
        for epoch in 0..EPOCHS {
            rng.shuffle(&mut order);
            let step = STEP / (1.0 + epoch as f64 * 0.1);
            for &i in &order {
                let (x, expected) = &examples[i];
                let z = logits(&weights, x);
                let gradient: [f64; 5] = std::array::from_fn(|c| {
                    let y = if expected.contains(&(c as u8 + 1)) {
                        1.0
                    } else {
                        0.0
                    };
                    sigmoid(z[c]) - y
                });
                for (name, value) in x {
                    let w = weights.entry(name.clone()).or_insert([0.0; 5]);
                    for (wc, g) in w.iter_mut().zip(gradient) {
                        *wc -= step * (g * value + L2 * *wc);
                    }
                }
            }
        }
        IssueModel { weights }
    }

    /// The model as its file: one line per feature (sorted), its five
    /// weights after a tab each; `#` lines are comments.
    pub fn to_tsv(&self, header: &str) -> String {
        let mut names: Vec<&String> = self.weights.keys().collect();
        names.sort();
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        for name in names {
            out.push_str(name);
            for w in self.weights[name] {
                out.push_str(&format!("\t{w:.6}"));
            }
            out.push('\n');
        }
        out
    }

    /// Reads a model file; an error names the line and what is wrong.
    pub fn parse(tsv: &str) -> Result<IssueModel, String> {
        let mut weights = HashMap::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or_default();
            let values: Vec<f64> = cols
                .map(|c| c.parse::<f64>())
                .collect::<Result<_, _>>()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            let row: [f64; 5] = values
                .try_into()
                .map_err(|v: Vec<f64>| format!("line {}: {} weights, not 5", n + 1, v.len()))?;
            if weights.insert(name.to_string(), row).is_some() {
                return Err(format!("line {}: feature {name} twice", n + 1));
            }
        }
        if !weights.contains_key("bias") {
            return Err("no bias line".into());
        }
        Ok(IssueModel { weights })
    }

    /// The largest difference between two models' weights (a feature one
    /// lacks counts as all zeros).
    pub fn distance(&self, other: &IssueModel) -> f64 {
        let zero = [0.0; 5];
        let names = self.weights.keys().chain(other.weights.keys());
        names
            .flat_map(|n| {
                let a = self.weights.get(n).unwrap_or(&zero);
                let b = other.weights.get(n).unwrap_or(&zero);
                (0..5).map(move |c| (a[c] - b[c]).abs())
            })
            .fold(0.0, f64::max)
    }
}

/// Each category's weighted sum of `features` (unknown features count nothing).
fn logits(weights: &HashMap<String, [f64; 5]>, features: &Features) -> [f64; 5] {
    let mut z = [0.0f64; 5];
    for (name, value) in features {
        if let Some(w) = weights.get(name) {
            for (zc, wc) in z.iter_mut().zip(w) {
                *zc += wc * value;
            }
        }
    }
    z
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

/// SplitMix64: a small seeded generator, so training needs no dependency and
/// gives the same order everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    fn shuffle(&mut self, v: &mut [usize]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(words: &[&str], expected: &[u8]) -> (Features, Vec<u8>) {
        let mut f: Features = vec![("bias".into(), 1.0)];
        f.extend(words.iter().map(|w| (format!("word:{w}"), 1.0)));
        (f, expected.to_vec())
    }

    #[test]
    fn training_learns_words_and_file_round_trips() {
        let examples: Vec<_> = (0..20)
            .flat_map(|_| {
                [
                    example(&["夜間", "対応"], &[3]),
                    example(&["住民", "理解"], &[5]),
                    example(&["夜間", "住民"], &[3, 5]),
                ]
            })
            .collect();
        let model = IssueModel::train(&examples);
        assert_eq!(model.decide(&examples[0].0, &[1]), vec![3]);
        assert_eq!(model.decide(&examples[1].0, &[1]), vec![5]);
        assert_eq!(model.decide(&examples[2].0, &[1]), vec![3, 5]);
        // Nothing known: the lexicon's reading stands.
        let unknown = vec![("word:会議".to_string(), 1.0)];
        let empty = IssueModel::parse("bias\t-3\t-3\t-3\t-3\t-3\n").expect("model");
        assert_eq!(empty.decide(&unknown, &[1]), vec![1]);
        let again = IssueModel::parse(&model.to_tsv("a model\nof words")).expect("parse");
        assert!(model.distance(&again) < 1e-6);
        assert_eq!(IssueModel::train(&examples), model);
    }

    #[test]
    fn a_broken_file_names_its_line() {
        let err = IssueModel::parse("# c\nbias\t1\t2\t3\t4\n").unwrap_err();
        assert!(err.contains("line 2") && err.contains("4 weights"), "{err}");
        let err = IssueModel::parse("bias\t1\t2\t3\t4\tx\n").unwrap_err();
        assert!(err.starts_with("line 1"), "{err}");
        let err = IssueModel::parse("word:a\t1\t2\t3\t4\t5\n").unwrap_err();
        assert_eq!(err, "no bias line");
    }

    #[test]
    fn the_shipped_model_parses() {
        assert!(IssueModel::parse(ISSUE_MODEL_TSV).is_ok());
    }
}
