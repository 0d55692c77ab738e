//! Sentences per second of `find_dates` + `find_counts` over the seed bundle.
//!
//! `cargo bench --bench text_extract`. The seed (`shared/seed/*.txt`, beside
//! the checkout, or `SHIRYO_SEED=FILE`) is cut into sentences at 。 and line
//! ends and normalised once; each iteration runs both finders over every
//! sentence. The throughput criterion prints is in sentences ("elements") per
//! second. Without the seed the bench falls back to a small built-in sample.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use shiryo::text::counts::find_counts;
use shiryo::text::dates::find_dates;
use shiryo::text::{normalize, TextContext};
use std::path::PathBuf;

const SAMPLE: &str = "①会議の開催（年間５回開催）
積極的医療機関・保健所・市担当課との担当者会議「今年度の方向性決定」（５・６・９月）
①②拠点・保健所・市担当課での会議（12回開催予定中、7回実施）拠点・積極的医療機関（6回開催予定）
在宅医療における終末期医療体制を検討する中で意見交換会議の開催。（10/1、3、28、11/13、R7/1/16、2/21、28 7回開催）
懇話会はR7/11月、R8/3月に開催（予定）。";

fn seed_text() -> String {
    let path = std::env::var_os("SHIRYO_SEED")
        .map(PathBuf::from)
        .or_else(|| {
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            files.sort();
            files
                .into_iter()
                .find(|p| p.extension().is_some_and(|x| x == "txt"))
        });
    path.and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_else(|| SAMPLE.to_string())
}

/// Sentences of the seed, normalised, without the empty ones.
fn sentences() -> Vec<String> {
    seed_text()
        .split(['\n', '。'])
        .map(normalize)
        .filter(|s| !s.is_empty())
        .collect()
}

fn bench(c: &mut Criterion) {
    let sents = sentences();
    let ctx = TextContext {
        fiscal_year: Some(2025),
        plan_section: false,
    };
    // Warm the tokenizer (built once per process) outside the measurement.
    let _ = find_counts("会議を3回開催", &ctx);
    let mut g = c.benchmark_group("text_extract");
    g.throughput(Throughput::Elements(sents.len() as u64));
    g.bench_function("find_dates+find_counts/seed_sentences", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for s in &sents {
                n += find_dates(black_box(s), &ctx).len();
                n += find_counts(black_box(s), &ctx).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
