//! The batch engine: the only place that uses rayon.
//!
//! Owns: walking the inputs, running [`crate::extract`] on each file in
//! parallel, writing each report atomically (temp file + rename) under the
//! output directory, the ordered NDJSON stream, and the run summary.
//!
//! Invariants:
//! - output is byte-identical whatever the thread count: files are processed in
//!   fixed-size chunks in sorted order and NDJSON lines are written in input order;
//! - memory does not grow with the number of files: only one chunk of reports is
//!   held at a time;
//! - one file's failure (error or panic) becomes that file's `error`; the run goes on;
//! - no output path leaves the output directory.

use crate::guard::{extract_guarded, Guard};
use crate::output::{FileReport, NdjsonLine};
use crate::Config;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

/// Extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["docx", "xlsx", "xlsm", "xls", "ods", "doc"];

/// Temporary files of unfinished writes: `.shiryo-XXXX.partial`, never `*.json`.
const PARTIAL_PREFIX: &str = ".shiryo-";
const PARTIAL_SUFFIX: &str = ".partial";

/// How many files are in flight at once; bounds memory, keeps order.
const CHUNK: usize = 256;

/// One input file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// `/`-separated path written into `source.path` and mirrored under `--out`.
    pub display: String,
}

/// Options of one batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    /// Where NDJSON lines go: a file path, `-` for stdout, or nothing.
    pub ndjson: Option<PathBuf>,
    /// Worker threads; 0 = all cores.
    pub jobs: usize,
    /// Show a progress bar on stderr (only when it is a terminal).
    pub progress: bool,
    /// Skip inputs whose output exists and records the same sha256.
    pub skip_existing: bool,
    /// Time limit and isolation per file.
    pub guard: Guard,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub forms: usize,
    pub items: usize,
    pub failed: usize,
    pub skipped: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {} forms, {} items, {} failed{} in {:.2}s",
            self.files,
            self.forms,
            self.items,
            self.failed,
            if self.skipped > 0 {
                format!(", {} skipped (already done)", self.skipped)
            } else {
                String::new()
            },
            self.elapsed.as_secs_f64()
        )
    }
}

/// Errors that stop a whole run before or outside any one file.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// An input path given on the command line does not exist.
    #[error("{0}: no such file or directory")]
    MissingInput(String),
    /// The output directory or NDJSON file cannot be written.
    #[error("{0}: {1}")]
    Output(String, std::io::Error),
    /// The thread pool could not be built.
    #[error("thread pool: {0}")]
    Pool(String),
}

/// Expand the command-line paths into sorted, de-duplicated inputs.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, BatchError> {
    let mut out = Vec::new();
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|_| BatchError::MissingInput(p.display().to_string()))?;
        if meta.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Input {
                path: p.clone(),
                display: display_path(p),
            });
        }
    }
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out.dedup_by(|a, b| a.display == b.display);
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<Input>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() {
            walk(&path, out); // symlinked directories are not followed (file_type does not follow)
        } else {
            let ext = crate::extract::extension(&path);
            let name = e.file_name().to_string_lossy().to_string();
            if EXTENSIONS.contains(&ext.as_str()) && !name.starts_with("~$") {
                out.push(Input {
                    display: display_path(&path),
                    path,
                });
            }
        }
    }
}

/// The path as written into `source.path`: `/`-separated, without `./`.
pub fn display_path(p: &Path) -> String {
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(px) => parts.push(px.as_os_str().to_string_lossy().to_string()),
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(s.to_string_lossy().to_string()),
        }
    }
    let s = parts.join("/");
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

/// Where the report of `display` goes: under `out`, never outside it. Root and
/// prefix components are dropped and `..` becomes `__`.
pub fn output_path(out: &Path, display: &str) -> PathBuf {
    let mut p = out.to_path_buf();
    for part in display.split('/') {
        match part {
            "" | "." => {}
            ".." => p.push("__"),
            s => p.push(s.replace(['\\', ':'], "_")),
        }
    }
    let name = p
        .file_name()
        .map(|n| format!("{}.json", n.to_string_lossy()))
        .unwrap_or_else(|| "_.json".into());
    p.set_file_name(name);
    p
}

/// Run the batch. Returns the summary; per-file failures are inside it, not errors.
pub fn run(inputs: &[Input], cfg: &Config, opts: &BatchOptions) -> Result<Summary, BatchError> {
    let started = Instant::now();
    std::fs::create_dir_all(&opts.out_dir)
        .map_err(|e| BatchError::Output(opts.out_dir.display().to_string(), e))?;
    let out_root = opts
        .out_dir
        .canonicalize()
        .map_err(|e| BatchError::Output(opts.out_dir.display().to_string(), e))?;
    remove_partials(&out_root);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .build()
        .map_err(|e| BatchError::Pool(e.to_string()))?;
    let mut ndjson: Option<Box<dyn Write>> = match &opts.ndjson {
        None => None,
        Some(p) if p.as_os_str() == "-" => {
            Some(Box::new(std::io::BufWriter::new(std::io::stdout())))
        }
        Some(p) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| BatchError::Output(p.display().to_string(), e))?,
        ))),
    };
    let bar = progress_bar(inputs.len(), opts.progress);
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    for chunk in inputs.chunks(CHUNK) {
        let want_ndjson = ndjson.is_some();
        let results: Vec<Result<Done, BatchError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let r = process(input, cfg, opts, &out_root, want_ndjson);
                    if let Some(b) = &bar {
                        b.inc(1);
                    }
                    r
                })
                .collect()
        });
        for r in results {
            let done = r?;
            summary.skipped += usize::from(done.skipped);
            summary.forms += done.forms;
            summary.items += done.items;
            summary.failed += usize::from(done.failed);
            if let Some(w) = ndjson.as_mut() {
                w.write_all(&done.ndjson)
                    .map_err(|e| BatchError::Output("ndjson".into(), e))?;
            }
        }
    }
    if let Some(mut w) = ndjson {
        w.flush()
            .map_err(|e| BatchError::Output("ndjson".into(), e))?;
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Plans of one year ↔ results of the next, across the files of this run.
    let outputs: Vec<PathBuf> = inputs
        .iter()
        .map(|i| output_path(&out_root, &i.display))
        .collect();
    crate::link::pass::link_outputs(&outputs, &out_root)
        .map_err(|e| BatchError::Output(opts.out_dir.display().to_string(), e))?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Extract `inputs` in parallel and return their reports in input order, without
/// writing anything (used by the audit).
pub fn extract_all(inputs: &[Input], cfg: &Config, guard: &Guard) -> Vec<FileReport> {
    inputs
        .par_iter()
        .map(|i| extract_guarded(&i.path, &i.display, cfg, guard))
        .collect()
}

/// Remove the temporary files a killed earlier run left behind.
fn remove_partials(dir: &Path) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        match e.file_type() {
            Ok(ft) if ft.is_dir() => remove_partials(&e.path()),
            Ok(ft)
                if ft.is_file()
                    && name.starts_with(PARTIAL_PREFIX)
                    && name.ends_with(PARTIAL_SUFFIX) =>
            {
                let _ = std::fs::remove_file(e.path());
            }
            _ => {}
        }
    }
}

fn progress_bar(len: usize, wanted: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !wanted || !std::io::stderr().is_terminal() || len < 2 {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} eta {eta}")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// What a worker hands back for one file: the figures for the summary and the
/// file's NDJSON lines, already serialised (the report itself stays in the worker).
struct Done {
    skipped: bool,
    forms: usize,
    items: usize,
    failed: bool,
    ndjson: Vec<u8>,
}

/// One line per submission: the submission plus its file's source.
fn ndjson_lines(report: &FileReport) -> Vec<u8> {
    let mut out = Vec::new();
    for submission in &report.submissions {
        let line = NdjsonLine {
            source: &report.source,
            submission,
        };
        if serde_json::to_writer(&mut out, &line).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

fn process(
    input: &Input,
    cfg: &Config,
    opts: &BatchOptions,
    out_root: &Path,
    want_ndjson: bool,
) -> Result<Done, BatchError> {
    let target = output_path(out_root, &input.display);
    let existing = if opts.skip_existing {
        existing_report(&input.path, &target)
    } else {
        None
    };
    let skipped = existing.is_some();
    let report = match existing {
        Some(r) => r,
        None => {
            let r = extract_guarded(&input.path, &input.display, cfg, &opts.guard);
            write_atomically(out_root, &target, &r)?;
            r
        }
    };
    Ok(Done {
        skipped,
        forms: report.submissions.len(),
        items: report
            .submissions
            .iter()
            .flat_map(|s| &s.sections)
            .map(|s| s.items.len())
            .sum(),
        failed: report.error.is_some(),
        ndjson: if want_ndjson {
            ndjson_lines(&report)
        } else {
            Vec::new()
        },
    })
}

/// The previous report for `input` when its sha256 still matches the file.
fn existing_report(input: &Path, target: &Path) -> Option<FileReport> {
    let text = std::fs::read(target).ok()?;
    let report: FileReport = serde_json::from_slice(&text).ok()?;
    let bytes = std::fs::read(input).ok()?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    (report.source.sha256 == hex).then_some(report)
}

/// Serialise a report the way every output file is written.
pub fn to_json(report: &FileReport) -> Vec<u8> {
    let mut v = serde_json::to_vec_pretty(report).unwrap_or_default();
    v.push(b'\n');
    v
}

fn write_atomically(out_root: &Path, target: &Path, report: &FileReport) -> Result<(), BatchError> {
    let err = |e: std::io::Error| BatchError::Output(target.display().to_string(), e);
    let dir = target.parent().unwrap_or(out_root);
    std::fs::create_dir_all(dir).map_err(err)?;
    // A symlink planted inside the output tree must not lead writes outside it.
    let real = dir.canonicalize().map_err(err)?;
    if !real.starts_with(out_root) {
        return Err(err(std::io::Error::other(
            "output directory escapes --out through a symlink",
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(PARTIAL_PREFIX)
        .suffix(PARTIAL_SUFFIX)
        .tempfile_in(&real)
        .map_err(err)?;
    tmp.write_all(&to_json(report)).map_err(err)?;
    let name = target.file_name().unwrap_or_default();
    tmp.persist(real.join(name)).map_err(|e| err(e.error))?;
    Ok(())
}
