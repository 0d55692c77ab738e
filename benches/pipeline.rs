//! Time of each pipeline stage on generated files held in memory (issue #5).
//!
//! ```text
//! cargo bench --bench pipeline                 # every group
//! cargo bench --bench pipeline -- read/        # one stage
//! ```
//!
//! The files come from the corpus generator (`examples/gen_corpus/`, seed 1):
//! the first file of each kind (one-form .docx, several forms in one Word body,
//! one-form .xlsx, "Excel 方眼紙", one form per sheet), plus `mix`, the first
//! 40 files of the corpus together. Throughput is in forms, so criterion's
//! `elem/s` reads as forms per second of one core for that stage.
//!
//! Groups: `read` (sniff + read → Document), `form` (recognize, which includes
//! text analysis), `text` (the text analysis alone, as `form` runs it: the
//! classifier for classifier-sourced items, dates and counts for every item),
//! `tokenize` (lindera alone over every item text), `write` (the report's JSON
//! as written to disk), `extract` (all of it for one file, as the batch runs it
//! minus file I/O).

#[allow(dead_code)]
#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/excel.rs"]
mod excel;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/form.rs"]
mod form;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/jpeg.rs"]
mod jpeg;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/package.rs"]
mod package;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/parts.rs"]
mod parts;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/pools.rs"]
mod pools;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/rng.rs"]
mod rng;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/text.rs"]
mod text;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/variety.rs"]
mod variety;
#[allow(dead_code)]
#[path = "../examples/gen_corpus/word.rs"]
mod word;

use std::time::Duration;

use corpus::FileKind;
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use shiryo::output::Submission;
use shiryo::text::TextContext;
use shiryo::Config;

const SEED: u64 = 1;
const MIX: usize = 40;

/// A set of files benchmarked together.
struct Sample {
    label: &'static str,
    /// (extension, bytes) per file.
    files: Vec<(String, Vec<u8>)>,
    forms: u64,
}

fn ext_of(path: &str) -> String {
    path.rsplit('.').next().unwrap_or("").to_string()
}

fn samples() -> Vec<Sample> {
    let labels = [
        (FileKind::DocxOne, "docx-1form"),
        (FileKind::DocxMany, "docx-body-forms"),
        (FileKind::XlsxOne, "xlsx-1form"),
        (FileKind::XlsxGrid, "xlsx-houganshi"),
        (FileKind::XlsxSheets, "xlsx-sheets"),
    ];
    let mut out: Vec<Sample> = Vec::new();
    let mut mix = Sample {
        label: "mix",
        files: Vec::new(),
        forms: 0,
    };
    let mut index = 0;
    while index < MIX || out.len() < labels.len() {
        let f = corpus::generate(SEED, index);
        index += 1;
        if index <= MIX {
            mix.files.push((ext_of(&f.path), f.bytes.clone()));
            mix.forms += f.forms as u64;
        }
        let Some((_, label)) = labels.iter().find(|(k, _)| *k == f.kind) else {
            continue;
        };
        if out.iter().any(|s| s.label == *label) {
            continue;
        }
        out.push(Sample {
            label,
            files: vec![(ext_of(&f.path), f.bytes)],
            forms: f.forms as u64,
        });
    }
    out.sort_by_key(|s| labels.iter().position(|(_, l)| *l == s.label));
    out.push(mix);
    out
}

fn read_all(s: &Sample, cfg: &Config) -> Vec<shiryo::model::Document> {
    s.files
        .iter()
        .map(|(ext, bytes)| {
            let format =
                shiryo::read::sniff(bytes, ext, &cfg.limits).expect("a generated file is sniffed");
            shiryo::read::read(bytes, format, &cfg.limits).expect("a generated file is read")
        })
        .collect()
}

/// Every item's text with the context `form` gives it, and whether it is classified.
fn item_texts(subs: &[Submission]) -> Vec<(String, TextContext, bool)> {
    let mut out = Vec::new();
    for s in subs {
        for sec in &s.sections {
            let ctx = TextContext {
                fiscal_year: sec.fiscal_year,
                plan_section: sec.number == 3,
            };
            for item in &sec.items {
                out.push((item.text.clone(), ctx, item.category_source == "classifier"));
            }
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let cfg = Config::default();
    let load = shiryo::text::tokenize::warm_up();
    eprintln!(
        "pipeline: tokenizer built in {:.1} ms (once per process)",
        load.as_secs_f64() * 1e3
    );
    let samples = samples();
    for s in &samples {
        let bytes: usize = s.files.iter().map(|(_, b)| b.len()).sum();
        eprintln!(
            "pipeline: {:<16} {:>3} files, {:>3} forms, {:>8} bytes",
            s.label,
            s.files.len(),
            s.forms,
            bytes
        );
    }

    let mut g = c.benchmark_group("read");
    for s in &samples {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(BenchmarkId::from_parameter(s.label), s, |b, s| {
            b.iter(|| read_all(black_box(s), &cfg))
        });
    }
    g.finish();

    let docs: Vec<Vec<shiryo::model::Document>> =
        samples.iter().map(|s| read_all(s, &cfg)).collect();
    let mut g = c.benchmark_group("form");
    for (s, docs) in samples.iter().zip(&docs) {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(BenchmarkId::from_parameter(s.label), docs, |b, docs| {
            b.iter(|| {
                docs.iter()
                    .map(|d| shiryo::form::recognize(black_box(d)))
                    .collect::<Vec<_>>()
            })
        });
    }
    g.finish();

    let subs: Vec<Vec<Submission>> = docs
        .iter()
        .map(|ds| ds.iter().flat_map(shiryo::form::recognize).collect())
        .collect();
    let texts: Vec<Vec<(String, TextContext, bool)>> = subs.iter().map(|s| item_texts(s)).collect();
    let mut g = c.benchmark_group("text");
    for (s, texts) in samples.iter().zip(&texts) {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(BenchmarkId::from_parameter(s.label), texts, |b, texts| {
            b.iter(|| {
                let mut n = 0;
                for (text, ctx, classified) in texts {
                    if *classified {
                        n += shiryo::text::classify::classify(text).len();
                    }
                    n += shiryo::text::dates::find_dates(text, ctx).len();
                    n += shiryo::text::counts::find_counts(text, ctx).len();
                }
                n
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("tokenize");
    for (s, texts) in samples.iter().zip(&texts) {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(BenchmarkId::from_parameter(s.label), texts, |b, texts| {
            b.iter(|| {
                texts
                    .iter()
                    .map(|(t, _, _)| shiryo::text::tokenize::tokenize(t).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let reports: Vec<Vec<shiryo::output::FileReport>> = samples
        .iter()
        .map(|s| {
            s.files
                .iter()
                .map(|(ext, bytes)| shiryo::extract::extract_bytes(bytes, "corpus/file", ext, &cfg))
                .collect()
        })
        .collect();
    let mut g = c.benchmark_group("write");
    for (s, reports) in samples.iter().zip(&reports) {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(
            BenchmarkId::from_parameter(s.label),
            reports,
            |b, reports| {
                b.iter(|| {
                    reports
                        .iter()
                        .map(|r| shiryo::batch::to_json(black_box(r)).len())
                        .sum::<usize>()
                })
            },
        );
    }
    g.finish();

    let mut g = c.benchmark_group("extract");
    for s in &samples {
        g.throughput(Throughput::Elements(s.forms));
        g.bench_with_input(BenchmarkId::from_parameter(s.label), s, |b, s| {
            b.iter(|| {
                s.files
                    .iter()
                    .map(|(ext, bytes)| {
                        shiryo::extract::extract_bytes(black_box(bytes), "corpus/file", ext, &cfg)
                    })
                    .collect::<Vec<_>>()
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = stages
}
criterion_main!(benches);
