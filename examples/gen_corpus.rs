//! Writes a corpus of N realistic report forms for benchmarks (issue #5).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --n 2000 --out /tmp/corpus --seed 1 [--jobs 2]
//! ```
//!
//! Files are .docx (docx-rs) and .xlsx (rust_xlsxwriter, some as "Excel 方眼紙"),
//! one form per file or several (forms one after another in one Word body, one
//! per sheet), in every category layout the readers support (A headings with
//! bullets, B one merged cell of marked paragraphs, C markers mid-paragraph,
//! D one row per marker, E items in their category's column), with text
//! recombined in the style of the seed bundle. The same `--seed` gives
//! byte-identical files whatever `--jobs` is. `MANIFEST.tsv` in the output
//! directory lists every file with the forms and items it holds.
//!
//! `--pool field` (the default) draws from the larger pool of
//! `gen_corpus/variety.rs`, so that few item texts repeat across files;
//! `--pool seed` gives the earlier corpus, whose texts mostly repeat.

#[path = "gen_corpus/corpus.rs"]
mod corpus;
#[path = "gen_corpus/excel.rs"]
mod excel;
#[path = "gen_corpus/form.rs"]
mod form;
#[path = "gen_corpus/jpeg.rs"]
mod jpeg;
#[path = "gen_corpus/package.rs"]
mod package;
#[path = "gen_corpus/parts.rs"]
mod parts;
#[path = "gen_corpus/pools.rs"]
mod pools;
#[path = "gen_corpus/rng.rs"]
mod rng;
#[path = "gen_corpus/text.rs"]
mod text;
#[path = "gen_corpus/variety.rs"]
mod variety;
#[path = "gen_corpus/word.rs"]
mod word;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus::{FileKind, GenFile};

struct Args {
    n: usize,
    out: PathBuf,
    seed: u64,
    jobs: usize,
}

fn usage() -> ExitCode {
    eprintln!("usage: gen_corpus --n N --out DIR [--seed S] [--jobs J] [--pool field|seed]");
    ExitCode::from(2)
}

fn parse() -> Option<Args> {
    let mut args = Args {
        n: 0,
        out: PathBuf::new(),
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let v = it.next()?;
        match a.as_str() {
            "--n" => args.n = v.parse().ok()?,
            "--out" => args.out = PathBuf::from(v),
            "--seed" => args.seed = v.parse().ok()?,
            "--jobs" => args.jobs = v.parse::<usize>().ok()?.max(1),
            "--pool" => match v.as_str() {
                "field" => variety::set(true),
                "seed" => variety::set(false),
                _ => return None,
            },
            _ => return None,
        }
    }
    (args.n > 0 && !args.out.as_os_str().is_empty()).then_some(args)
}

/// What the manifest records of a written file.
struct Written {
    path: String,
    forms: usize,
    items: usize,
    bytes: usize,
    kind: FileKind,
}

fn write(f: GenFile, out: &Path) -> Written {
    let path = out.join(&f.path);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("create area directory");
    std::fs::write(&path, &f.bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Written {
        path: f.path,
        forms: f.forms,
        items: f.items,
        bytes: f.bytes.len(),
        kind: f.kind,
    }
}

/// Remove the files a previous run listed, so a smaller corpus leaves no strays.
fn clear_previous(out: &Path) {
    let manifest = out.join("MANIFEST.tsv");
    let Ok(text) = std::fs::read_to_string(&manifest) else {
        return;
    };
    for line in text.lines().skip(1) {
        if let Some(rel) = line.split('\t').next() {
            let _ = std::fs::remove_file(out.join(rel));
        }
    }
    let _ = std::fs::remove_file(manifest);
}

fn main() -> ExitCode {
    let Some(args) = parse() else { return usage() };
    std::fs::create_dir_all(&args.out).expect("create output directory");
    clear_previous(&args.out);
    let started = std::time::Instant::now();
    let mut written: Vec<(usize, Written)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..args.jobs)
            .map(|t| {
                let out = &args.out;
                let (seed, n, jobs) = (args.seed, args.n, args.jobs);
                s.spawn(move || {
                    (t..n)
                        .step_by(jobs)
                        .map(|i| (i, write(corpus::generate(seed, i), out)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("generator thread"))
            .collect()
    });
    written.sort_by_key(|(i, _)| *i);
    let mut manifest = String::from("path\tforms\titems\tbytes\n");
    for (_, w) in &written {
        manifest.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            w.path, w.forms, w.items, w.bytes
        ));
    }
    std::fs::write(args.out.join("MANIFEST.tsv"), manifest).expect("write manifest");
    let count = |f: &dyn Fn(FileKind) -> bool| written.iter().filter(|(_, w)| f(w.kind)).count();
    let forms: usize = written.iter().map(|(_, w)| w.forms).sum();
    let items: usize = written.iter().map(|(_, w)| w.items).sum();
    let bytes: usize = written.iter().map(|(_, w)| w.bytes).sum();
    println!(
        "gen_corpus: {} files ({} docx, {} xlsx of which {} 方眼紙 single-sheet), {forms} forms, {items} items, {:.1} MB in {:.1}s -> {}",
        written.len(),
        count(&|k| matches!(k, FileKind::DocxOne | FileKind::DocxMany)),
        count(&|k| matches!(k, FileKind::XlsxOne | FileKind::XlsxGrid | FileKind::XlsxSheets)),
        count(&|k| k == FileKind::XlsxGrid),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        args.out.display()
    );
    ExitCode::SUCCESS
}
