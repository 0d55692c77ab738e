//! The batch engine: the only place that uses rayon.
//!
//! Owns: running every input through [`crate::extract`] — by default each in
//! a worker process ([`crate::worker`]), or in this process — with as many
//! files in flight as there are jobs; writing each report atomically under
//! the output directory (the JSON archive); handing every finished report in
//! input order to the [`crate::sink`]s (NDJSON, databases, tables); the
//! cross-year link pass over the written reports ([`crate::link::pass`]);
//! the run summary; stopping early with whole files only. `inputs` expands
//! the command line, `paths` decides where reports go, `lock` keeps a second
//! run off the same `--out`, `file` takes one input through, `write` writes
//! reports, `signals` is how a run is asked to stop, `progress` shows the bar.
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
//! - no output path leaves the output directory, and no two inputs share one;
//! - one run at a time writes to an output directory (`lock`), and only the
//!   run holding it removes temporary files there;
//! - a run that stops early (a signal, a closed pipe) leaves whole files
//!   only: reports written so far, no NDJSON/CSV/xlsx file of its own (they
//!   are renamed into place only by a run that completes) and whole NDJSON
//!   lines on a pipe; `Summary::stopped` says why and how far it got.

mod file;
mod inputs;
mod lock;
mod paths;
mod progress;
pub mod signals;
mod write;

pub use inputs::{collect_inputs, display_path, Collected};
pub use lock::LOCK_NAME;
pub use paths::{output_path, plan as plan_outputs};
pub use write::to_json;

use crate::guard::{extract_guarded, Guard};
use crate::link::nouns::YearNouns;
use crate::output::FileReport;
use crate::sink::{Sink, SinkError};
use crate::worker::{Pool, PoolConfig};
use crate::Config;
use file::{Ctx, Done};
use progress::Progress;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Extensions picked up when walking a directory.
pub const EXTENSIONS: &[&str] = &["docx", "xlsx", "xlsm", "xls", "ods", "doc"];

/// How many files are in flight at once; bounds memory, keeps order.
const CHUNK: usize = 256;

/// Most bytes of key nouns (`link::nouns`) kept from extraction for the
/// cross-year pass; past it the pass segments the remaining texts itself.
/// About 3 KB a file: some 20,000 files' worth.
const NOUNS_KEPT: usize = 64 << 20;

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
    /// Why the run ended before its end, if it did.
    pub stopped: Option<Stopped>,
}

/// A run that ended early, cleanly: what is on disk is whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    pub why: StopReason,
    /// Inputs done: with a report on disk (written or kept) for a signal; whose
    /// NDJSON lines were delivered for a closed pipe.
    pub done: usize,
}

/// What ended a run early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// SIGINT, SIGTERM or SIGHUP (the number), before the sinks were fed:
    /// no link pass, no sink written.
    Signal(i32),
    /// The reader of the NDJSON pipe closed it: every report was written
    /// and linked; the sinks stopped there.
    PipeClosed,
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
    /// Another run holds the lock on the output directory.
    #[error("{dir} is being written by another shiryo run{}; wait for it to end or choose another --out", pid.map(|p| format!(" (pid {p})")).unwrap_or_default())]
    Busy { dir: String, pid: Option<u32> },
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
    let out_name = opts.out_dir.display().to_string();
    std::fs::create_dir_all(&opts.out_dir).map_err(|e| BatchError::Output(out_name.clone(), e))?;
    let out_root = opts
        .out_dir
        .canonicalize()
        .map_err(|e| BatchError::Output(out_name.clone(), e))?;
    // Before anything is removed or written: another run's temporary files
    // look just like a killed run's.
    let lock = lock::OutLock::take(&out_root).map_err(|e| match e {
        lock::LockError::Busy(pid) => BatchError::Busy {
            dir: out_name.clone(),
            pid,
        },
        lock::LockError::Io(e) => BatchError::Output(format!("{out_name}/{LOCK_NAME}"), e),
    })?;
    write::remove_partials(&out_root);
    // Never more jobs than files: a one-file run starts one worker and one
    // thread, not a worker per core that would only compete for the CPU.
    let jobs = match opts.jobs {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(inputs.len().max(1));
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
                .map_err(|e| BatchError::Pool(format!("cannot start a worker process: {e}")))?
                .cancel_when(signals::stopping),
        ),
        Isolation::Workers(_) => Engine::InProcess(Guard::default()),
        Isolation::InProcess(g) => Engine::InProcess(g.clone()),
    };
    sink.begin()?;
    let targets = paths::plan(&out_root, inputs);
    let progress = Progress::new(inputs.len(), opts.progress);
    let ctx = Ctx {
        cfg,
        skip_existing: opts.skip_existing,
        out_root: &out_root,
        engine: &engine,
        progress: &progress,
    };
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    if !lock.held() {
        summary.notes.push(format!(
            "{out_name} is on a file system without locks: nothing keeps another run from writing there at the same time"
        ));
    }
    // Reports that could not be written, by input index: the sinks still get
    // them, from memory (the link pass, which works on files, does not).
    let mut unwritten: BTreeMap<usize, FileReport> = BTreeMap::new();
    // Inputs with a report on disk now (written or kept).
    let mut on_disk = 0;
    let mut year_keys: BTreeMap<usize, crate::link::pass::FileKeys> = BTreeMap::new();
    let mut year_nouns: BTreeMap<usize, YearNouns> = BTreeMap::new();
    let mut nouns_kept = 0usize;
    let mut index = 0;
    for (chunk, targets) in inputs.chunks(CHUNK).zip(targets.chunks(CHUNK)) {
        if signals::stopping() {
            break;
        }
        let results: Vec<Result<Option<Done>, BatchError>> = threads.install(|| {
            chunk
                .par_iter()
                .zip(targets)
                .map(|(input, target)| file::process(input, target, &ctx))
                .collect()
        });
        // Report N is done: each finished report, in input order.
        for done in results {
            let Some(done) = done? else {
                index += 1;
                continue;
            };
            summary.skipped += usize::from(done.skipped);
            let brief = &done.brief;
            let why = brief.error.as_ref().map(|e| e.code.as_str());
            match &done.unwritten {
                Some(_) => summary.count(brief.forms, brief.items, Some(NOT_WRITTEN)),
                None => {
                    summary.count(brief.forms, brief.items, why);
                    on_disk += 1;
                }
            }
            let path = &inputs[index].display;
            if let Some(line) = crate::sink::failure_line(path, brief.error.as_ref()) {
                progress.say(&line);
            }
            if let Some((why, report)) = done.unwritten {
                progress.say(&format!("shiryo: {why}"));
                unwritten.insert(index, report);
            } else {
                // Its cross-year keys and nouns, for the pass (numbered by
                // input now, by written file below); the nouns only up to
                // NOUNS_KEPT bytes in all, the pass takes the rest anew.
                year_keys.insert(index, done.brief.keys);
                if let Some(nouns) = done.nouns {
                    nouns_kept += nouns.size();
                    if nouns_kept <= NOUNS_KEPT {
                        year_nouns.insert(index, nouns);
                    }
                }
            }
            index += 1;
        }
    }
    progress.finish();
    if let Some(sig) = signals::requested() {
        // No link pass and no sink: `--skip-existing` finishes both.
        return Ok(summary.stopped_by(StopReason::Signal(sig), on_disk, started));
    }
    // Plans of one year ↔ results of the next, across the files this run
    // wrote; then the sinks get each file's final report in input order.
    let written: Vec<PathBuf> = (targets.iter().enumerate())
        .filter(|(i, _)| !unwritten.contains_key(i))
        .map(|(_, t)| t.clone())
        .collect();
    let (mut keys, mut stale) = (Vec::new(), std::collections::BTreeSet::new());
    let mut nouns: Vec<Option<YearNouns>> = Vec::with_capacity(written.len());
    let positions = (0..targets.len()).filter(|i| !unwritten.contains_key(i));
    for (w, i) in positions.enumerate() {
        nouns.push(year_nouns.remove(&i));
        let Some(file_keys) = year_keys.remove(&i) else {
            continue;
        };
        if file_keys.stale {
            stale.insert(w);
        }
        keys.extend((file_keys.keys.into_iter()).map(|k| crate::link::years::Key { file: w, ..k }));
    }
    let pass = crate::link::pass::Pass::from_keys(keys, stale);
    let nouns_of = |w: usize| nouns.get(w).and_then(Option::as_ref);
    let this_year = pass.this_year_files();
    // `jobs` files at a time, as in the extraction (the pool has twice as
    // many threads when workers read the files).
    let per_task = this_year.len().div_ceil(jobs.max(1)).max(1);
    let linked = threads
        .install(|| {
            this_year
                .par_chunks(per_task)
                .map(|files| {
                    (files.iter())
                        .map(|&f| pass.link_this_year(f, &written, &out_root, &nouns_of))
                        .collect::<std::io::Result<Vec<_>>>()
                })
                .collect::<std::io::Result<Vec<Vec<_>>>>()
        })
        .map(|chunks| chunks.into_iter().flatten().collect());
    linked
        .and_then(|done| pass.finish(done, &written, &out_root))
        .map_err(|e| BatchError::Output(out_name.clone(), e))?;
    // Without a sink (reports only), nothing needs the reports read back.
    let feed = if sink.wants_reports() {
        targets.len()
    } else {
        0
    };
    for (i, path) in targets.iter().enumerate().take(feed) {
        if let Some(sig) = signals::requested() {
            return Ok(summary.stopped_by(StopReason::Signal(sig), on_disk, started));
        }
        let fed = match unwritten.remove(&i) {
            Some(report) => sink.report(&report),
            None => sink.report(&read_back(path)?),
        };
        match fed {
            Err(e) if e.pipe_closed => {
                return Ok(summary.stopped_by(StopReason::PipeClosed, i, started));
            }
            other => other?,
        }
    }
    match sink.finish() {
        Err(e) if e.pipe_closed => {
            return Ok(summary.stopped_by(StopReason::PipeClosed, targets.len(), started));
        }
        notes => summary.notes.extend(notes?),
    }
    summary.elapsed = started.elapsed();
    drop(lock);
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

impl Summary {
    /// The summary of a run that ended early.
    fn stopped_by(mut self, why: StopReason, done: usize, started: Instant) -> Summary {
        self.stopped = Some(Stopped { why, done });
        self.elapsed = started.elapsed();
        self
    }

    /// Count one finished report.
    pub fn add(&mut self, report: &FileReport) {
        let why = report.error.as_ref().map(|e| e.code.as_str());
        self.count(report.submissions.len(), report.item_count(), why);
    }

    /// Count one finished report of `forms` forms and `items` items that
    /// failed for `why` (or did not).
    fn count(&mut self, forms: usize, items: usize, why: Option<&str>) {
        self.forms += forms;
        self.items += items;
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
