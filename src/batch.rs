//! The batch engine: the only place that uses rayon.
//!
//! Owns: running every input through [`crate::extract`] — by default each in
//! a worker process ([`crate::worker`]), or in this process — with as many
//! files in flight as there are jobs; writing each report atomically under
//! the output directory (the JSON archive); handing every finished report in
//! input order to the [`crate::sink`]s (NDJSON, databases, tables); the
//! cross-year link pass over the written reports ([`crate::link::pass`]);
//! the run summary. `inputs` expands the command line,
//! `paths` decides where reports go, `write` writes them, `progress` shows
//! the bar.
//!
//! Invariants:
//! - output is byte-identical whatever the thread count and isolation:
//!   files are processed in fixed-size chunks in sorted order, reports are
//!   delivered in input order, and a worker writes the same bytes as the
//!   in-process pipeline;
//! - memory does not grow with the number of files: only one chunk of
//!   reports is held at a time;
//! - the sinks see the final reports: after the cross-year pass of
//!   `link::pass` rewrote the files it links, each written file's report is
//!   read back and handed to the sinks in input order (one at a time; a
//!   report that could not be written is handed on from memory);
//! - one file's failure (error, panic, a worker it killed, a report that
//!   cannot be written) is that file's; the run goes on;
//! - no output path leaves the output directory, and no two inputs share one.

mod inputs;
mod paths;
mod progress;
mod write;

pub use inputs::{collect_inputs, display_path, Collected};
pub use paths::{output_path, plan as plan_outputs};
pub use write::to_json;

use crate::extract;
use crate::guard::{extract_guarded, Guard};
use crate::output::FileReport;
use crate::sink::{Sink, SinkError};
use crate::worker::{Finished, Killed, Pool, PoolConfig};
use crate::Config;
use progress::Progress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["docx", "xlsx", "xlsm", "xls", "ods", "doc"];

/// How many files are in flight at once; bounds memory, keeps order.
const CHUNK: usize = 256;

/// One input file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    /// `/`-separated path written into `source.path` and mirrored under `--out`.
    pub display: String,
}

/// Where each file is read.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// In a worker process, under its limits (the command line's default).
    Workers(PoolConfig),
    /// In this process, with an optional time limit: for fuzzing, embedding
    /// and debugging; an abort or a hang in a reader ends the whole run.
    InProcess(Guard),
}

/// Options of one batch run.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    /// Files in flight at once (threads, and worker processes); 0 = all cores.
    pub jobs: usize,
    /// Show a progress bar on stderr (only when it is a terminal).
    pub progress: bool,
    /// Skip inputs whose output exists and records the same sha256.
    pub skip_existing: bool,
    pub isolation: Isolation,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub forms: usize,
    pub items: usize,
    pub failed: usize,
    pub skipped: usize,
    /// Failed files by why: their error code, or `report not written`.
    pub failures: BTreeMap<String, usize>,
    /// Command-line paths or directories that could not be read (set by the caller).
    pub unread_paths: usize,
    pub elapsed: Duration,
    /// One line per destination that has something to say (a database's counts).
    pub notes: Vec<String>,
}

const NOT_WRITTEN: &str = "report not written";

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} files, {} forms, {} items, {} failed",
            self.files, self.forms, self.items, self.failed
        )?;
        if !self.failures.is_empty() {
            let why: Vec<String> = self
                .failures
                .iter()
                .map(|(code, n)| format!("{code} {n}"))
                .collect();
            write!(f, " ({})", why.join(", "))?;
        }
        if self.skipped > 0 {
            write!(f, ", {} skipped (already done)", self.skipped)?;
        }
        if self.unread_paths > 0 {
            write!(f, ", {} paths not read", self.unread_paths)?;
        }
        write!(f, " in {:.2}s", self.elapsed.as_secs_f64())
    }
}

/// Errors that stop a whole run, outside any one file.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    /// The output directory cannot be written.
    #[error("{0}: {1}")]
    Output(String, std::io::Error),
    /// The thread pool could not be built, or no worker process could start.
    #[error("{0}")]
    Pool(String),
    /// A destination (NDJSON, database, table) failed.
    #[error(transparent)]
    Sink(#[from] SinkError),
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
    write::remove_partials(&out_root);
    let jobs = match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let workers = matches!(opts.isolation, Isolation::Workers(_)) && !inputs.is_empty();
    // With workers, two threads per worker: one writes a report while the
    // worker already reads the next file.
    let threads = rayon::ThreadPoolBuilder::new()
        .num_threads(if workers { 2 * jobs } else { jobs })
        .build()
        .map_err(|e| BatchError::Pool(format!("thread pool: {e}")))?;
    // Declared after `threads`, so dropped (its workers closed) first.
    let engine = match &opts.isolation {
        Isolation::Workers(pc) if workers => Engine::Workers(
            Pool::start(pc.clone(), jobs)
                .map_err(|e| BatchError::Pool(format!("cannot start a worker process: {e}")))?,
        ),
        Isolation::Workers(_) => Engine::InProcess(Guard::default()),
        Isolation::InProcess(g) => Engine::InProcess(g.clone()),
    };
    sink.begin()?;
    let targets = paths::plan(&out_root, inputs);
    let progress = Progress::new(inputs.len(), opts.progress);
    let ctx = Ctx {
        cfg,
        opts,
        out_root: &out_root,
        engine: &engine,
        progress: &progress,
    };
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    // Reports that could not be written, by input index: the sinks still get
    // them, from memory (the link pass, which works on files, does not).
    let mut unwritten: BTreeMap<usize, FileReport> = BTreeMap::new();
    let mut index = 0;
    for (chunk, targets) in inputs.chunks(CHUNK).zip(targets.chunks(CHUNK)) {
        let results: Vec<Result<Done, BatchError>> = threads.install(|| {
            chunk
                .par_iter()
                .zip(targets)
                .map(|(input, target)| process(input, target, &ctx))
                .collect()
        });
        // Report N is done: each finished report, in input order.
        for done in results {
            let done = done?;
            summary.skipped += usize::from(done.skipped);
            match &done.unwritten {
                Some(_) => summary.count(&done.report, Some(NOT_WRITTEN)),
                None => summary.add(&done.report),
            }
            if let Some(line) = crate::sink::failure_line(&done.report) {
                progress.say(&line);
            }
            if let Some(why) = &done.unwritten {
                progress.say(&format!("shiryo: {why}"));
                unwritten.insert(index, done.report);
            }
            index += 1;
        }
    }
    progress.finish();
    // Plans of one year ↔ results of the next, across the files this run
    // wrote; then the sinks get each file's final report in input order.
    let written: Vec<PathBuf> = (targets.iter().enumerate())
        .filter(|(i, _)| !unwritten.contains_key(i))
        .map(|(_, t)| t.clone())
        .collect();
    crate::link::pass::link_outputs(&written, &out_root)
        .map_err(|e| BatchError::Output(opts.out_dir.display().to_string(), e))?;
    for (i, path) in targets.iter().enumerate() {
        match unwritten.remove(&i) {
            Some(report) => sink.report(&report)?,
            None => sink.report(&read_back(path)?)?,
        }
    }
    summary.notes.extend(sink.finish()?);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Extract `inputs` in parallel, in this process, and return their reports in
/// input order, without writing anything (used by the audit).
pub fn extract_all(inputs: &[Input], cfg: &Config, guard: &Guard) -> Vec<FileReport> {
    inputs
        .par_iter()
        .map(|i| extract_guarded(&i.path, &i.display, cfg, guard))
        .collect()
}

enum Engine {
    Workers(Pool),
    InProcess(Guard),
}

/// What every file of a run shares.
struct Ctx<'a> {
    cfg: &'a Config,
    opts: &'a BatchOptions,
    out_root: &'a Path,
    engine: &'a Engine,
    progress: &'a Progress,
}

/// One file, finished: its report, for the sinks.
struct Done {
    skipped: bool,
    report: FileReport,
    /// Why the report could not be written, when it could not.
    unwritten: Option<String>,
}

impl Summary {
    /// Count one finished report.
    pub fn add(&mut self, report: &FileReport) {
        self.count(report, report.error.as_ref().map(|e| e.code.as_str()));
    }

    /// Count one finished report that failed for `why` (or did not).
    fn count(&mut self, report: &FileReport, why: Option<&str>) {
        self.forms += report.submissions.len();
        self.items += report
            .submissions
            .iter()
            .flat_map(|s| &s.sections)
            .map(|s| s.items.len())
            .sum::<usize>();
        if let Some(why) = why {
            self.failed += 1;
            *self.failures.entry(why.to_string()).or_default() += 1;
        }
    }
}

/// A report this run wrote, read back for the sinks.
fn read_back(path: &Path) -> Result<FileReport, BatchError> {
    let err = |e: std::io::Error| BatchError::Output(path.display().to_string(), e);
    let bytes = std::fs::read(path).map_err(err)?;
    serde_json::from_slice(&bytes).map_err(|e| err(std::io::Error::other(e)))
}

fn process(input: &Input, target: &Path, ctx: &Ctx<'_>) -> Result<Done, BatchError> {
    let cfg = ctx.cfg;
    if ctx.opts.skip_existing {
        if let Some(report) = write::existing_report(&input.path, target, cfg.limits.max_file_bytes)
        {
            ctx.progress.done(report.error.is_some());
            return Ok(Done {
                skipped: true,
                report,
                unwritten: None,
            });
        }
    }
    // The report, and the bytes of its file exactly as written.
    let (report, json) = match ctx.engine {
        Engine::InProcess(guard) => {
            let report = extract_guarded(&input.path, &input.display, cfg, guard);
            let json = to_json(&report);
            (report, json)
        }
        Engine::Workers(pool) => match pool.run(&input.path, &input.display, false) {
            Ok(Finished { json, .. }) => match serde_json::from_slice::<FileReport>(&json) {
                Ok(report) => (report, json),
                Err(e) => {
                    let source = extract::unread_source(&input.path, &input.display);
                    let report = extract::failed(
                        source,
                        crate::output::ErrorCode::Corrupt,
                        format!("{}: the worker's report cannot be read: {e}", input.display),
                    );
                    let json = to_json(&report);
                    (report, json)
                }
            },
            Err(Killed::NoWorker(why)) => {
                return Err(BatchError::Pool(format!(
                    "cannot start a worker process: {why}"
                )))
            }
            Err(killed) => {
                let source = extract::unread_source(&input.path, &input.display);
                let report = extract::failed(source, killed.code(), killed.message(&input.display));
                let json = to_json(&report);
                (report, json)
            }
        },
    };
    let unwritten = write::write_atomically(ctx.out_root, target, &json)
        .err()
        .map(|e| format!("{}: {NOT_WRITTEN} ({e})", target.display()));
    ctx.progress
        .done(report.error.is_some() || unwritten.is_some());
    Ok(Done {
        skipped: false,
        report,
        unwritten,
    })
}
