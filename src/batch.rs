//! The batch engine: the only place that uses rayon.
//!
//! Owns: walking the inputs, running [`crate::extract`] on each file in
//! parallel, writing each report atomically (temp file + rename) under the
//! output directory (the JSON archive), handing every finished report in input
//! order to the [`crate::sink`]s (NDJSON, databases, tables), and the run summary.
//!
//! Invariants:
//! - output is byte-identical whatever the thread count: files are processed in
//!   fixed-size chunks in sorted order and NDJSON lines are written in input order;
//! - memory does not grow with the number of files: only one chunk of reports is
//!   held at a time;
//! - the sinks see the final reports: after the cross-year pass of
//!   `link::pass` rewrote the files it links, each file's report is read back
//!   and handed to the sinks in input order (one at a time);
//! - one file's failure (error or panic) becomes that file's `error`; the run goes on;
//! - no output path leaves the output directory.

use crate::guard::{extract_guarded, Guard};
use crate::output::FileReport;
use crate::sink::{Sink, SinkError};
use crate::Config;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
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
    /// Failed files by error code.
    pub failures: BTreeMap<String, usize>,
    pub skipped: usize,
    pub elapsed: Duration,
    /// One line per destination that has something to say (a database's counts).
    pub notes: Vec<String>,
}

impl Summary {
    /// Count one finished report.
    pub fn add(&mut self, report: &FileReport) {
        self.forms += report.submissions.len();
        self.items += report
            .submissions
            .iter()
            .flat_map(|s| &s.sections)
            .map(|s| s.items.len())
            .sum::<usize>();
        if let Some(e) = &report.error {
            self.failed += 1;
            *self.failures.entry(e.code.clone()).or_default() += 1;
        }
    }
}

/// ` (corrupt 2, too_large 1)`, or nothing.
fn by_code(failures: &BTreeMap<String, usize>) -> String {
    let parts: Vec<String> = failures.iter().map(|(c, n)| format!("{c} {n}")).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {} forms, {} items, {} failed{}{} in {:.2}s",
            self.files,
            self.forms,
            self.items,
            self.failed,
            by_code(&self.failures),
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
    /// Two different files would get the same `source.path` (and output file).
    #[error("{0} and {1} would both be written as {2}; name them through different directories")]
    SamePath(String, String, String),
    /// A destination (NDJSON, database, table) failed.
    #[error(transparent)]
    Sink(#[from] SinkError),
}

/// Expand the command-line paths into sorted, de-duplicated inputs. A directory's
/// files are named from that directory on, keeping its own name (`/data/r7` →
/// `r7/a.docx`); a file named directly by its file name. The same file named
/// twice is read once; two files that would share a name are an error.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>, BatchError> {
    let mut out = Vec::new();
    for p in paths {
        let meta =
            std::fs::metadata(p).map_err(|_| BatchError::MissingInput(p.display().to_string()))?;
        let name = own_name_of(p);
        if meta.is_dir() {
            walk(p, &name, &mut out);
        } else {
            out.push(Input {
                path: p.clone(),
                display: if name.is_empty() {
                    display_path(p)
                } else {
                    name
                },
            });
        }
    }
    // The same file named twice (`in` and `in/a.docx`) is read once, as first named.
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| seen.insert(i.path.canonicalize().unwrap_or_else(|_| i.path.clone())));
    out.sort_by(|a, b| a.display.cmp(&b.display));
    if let Some(w) = out.windows(2).find(|w| w[0].display == w[1].display) {
        return Err(BatchError::SamePath(
            w[0].path.display().to_string(),
            w[1].path.display().to_string(),
            w[1].display.clone(),
        ));
    }
    Ok(out)
}

/// The last component of `p`'s name, resolving `.` and `..`; empty for `/`.
fn own_name_of(p: &Path) -> String {
    let named = match p.components().next_back() {
        Some(Component::Normal(n)) => Some(n.to_string_lossy().into_owned()),
        _ => None,
    };
    named
        .or_else(|| {
            let canon = p.canonicalize().ok()?;
            canon.file_name().map(|n| n.to_string_lossy().into_owned())
        })
        .unwrap_or_default()
}

fn walk(dir: &Path, prefix: &str, out: &mut Vec<Input>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(ft) = e.file_type() else { continue };
        let name = e.file_name().to_string_lossy().to_string();
        let display = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}/{name}")
        };
        if ft.is_dir() {
            walk(&path, &display, out); // symlinked directories are not followed (file_type does not follow)
        } else {
            let ext = crate::extract::extension(&path);
            if EXTENSIONS.contains(&ext.as_str()) && !name.starts_with("~$") {
                out.push(Input { display, path });
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

/// Run the batch, handing every report in input order to `sink`. Returns the
/// summary; per-file failures are inside it (and on stderr), not errors.
pub fn run(
    inputs: &[Input],
    cfg: &Config,
    opts: &BatchOptions,
    sink: &mut dyn Sink,
) -> Result<Summary, BatchError> {
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
    sink.begin()?;
    let bar = progress_bar(inputs.len(), opts.progress);
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    for chunk in inputs.chunks(CHUNK) {
        let results: Vec<Result<Done, BatchError>> = pool.install(|| {
            chunk
                .par_iter()
                .map(|input| {
                    let r = process(input, cfg, opts, &out_root);
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
            summary.add(&done.report);
            if let Some(line) = crate::sink::failure_line(&done.report) {
                match &bar {
                    Some(b) => b.suspend(|| eprintln!("{line}")),
                    None => eprintln!("{line}"),
                }
            }
        }
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Plans of one year ↔ results of the next, across the files of this run;
    // then the sinks get each file's final report, read back in input order.
    let outputs: Vec<PathBuf> = inputs
        .iter()
        .map(|i| output_path(&out_root, &i.display))
        .collect();
    crate::link::pass::link_outputs(&outputs, &out_root)
        .map_err(|e| BatchError::Output(opts.out_dir.display().to_string(), e))?;
    for path in &outputs {
        sink.report(&read_back(path)?)?;
    }
    summary.notes.extend(sink.finish()?);
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

/// What a worker hands back for one file: its report, for the sinks.
struct Done {
    skipped: bool,
    report: FileReport,
}

fn process(
    input: &Input,
    cfg: &Config,
    opts: &BatchOptions,
    out_root: &Path,
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
    Ok(Done { skipped, report })
}

/// The previous report for `input` when its sha256 still matches the file and
/// this version of shiryo wrote it (another version may read the file differently).
fn existing_report(input: &Path, target: &Path) -> Option<FileReport> {
    let text = std::fs::read(target).ok()?;
    let report: FileReport = serde_json::from_slice(&text).ok()?;
    if report.generator != crate::output::GENERATOR {
        return None;
    }
    let bytes = std::fs::read(input).ok()?;
    let digest = Sha256::digest(&bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    (report.source.sha256 == hex).then_some(report)
}

/// A report this run wrote, read back for the sinks.
fn read_back(path: &Path) -> Result<FileReport, BatchError> {
    let err = |e: std::io::Error| BatchError::Output(path.display().to_string(), e);
    let bytes = std::fs::read(path).map_err(err)?;
    serde_json::from_slice(&bytes).map_err(|e| err(std::io::Error::other(e)))
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
