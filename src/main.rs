//! The `shiryo` binary: parse arguments, call the library, map outcomes to exit
//! codes (0 all files read, 1 some files failed or some paths could not be
//! read, or audit below --min-f1, 2 usage or a run that could not start,
//! 3 `--out` in use by another run, 128 + N stopped by signal N (130 SIGINT,
//! 143 SIGTERM, 129 SIGHUP), 141 the reader of `--ndjson -` closed the pipe).

mod cli;

use anyhow::Context;
use clap::Parser;
use cli::{Cli, Command};
use shiryo::batch::{self, BatchError, BatchOptions, Isolation, StopReason, Summary};
use shiryo::guard::Guard;
use shiryo::sink::{self, csv::CsvSink, ndjson::NdjsonSink, xlsx::XlsxSink, Sinks};
use shiryo::worker::PoolConfig;
use shiryo::Config;
use std::process::ExitCode;
use std::time::Duration;

/// mimalloc instead of the system allocator: the pipeline makes many small,
/// short-lived allocations (tokens, cells, JSON); docs/PERFORMANCE.md has the
/// measurement. The library leaves the choice to whoever embeds it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks Linux not to back this process's memory (nor its workers', which
/// inherit the setting) with transparent huge pages. mimalloc is built not to
/// ask for them (its `no_thp` feature, Cargo.toml); this covers kernels that
/// give them unasked (`enabled=always`). The kernel zeroes 2 MB on the first
/// touch of each: in a one-file run that was up to half the time, for
/// allocations that are small and short-lived (DECISIONS 61,
/// docs/PERFORMANCE.md). Nothing else changes, and a kernel without the
/// setting simply refuses it.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE takes four integer arguments and
    // touches no memory of this process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Seconds a worker may spend on one file unless `--timeout` says otherwise.
const DEFAULT_WORKER_TIMEOUT: f64 = 60.0;

/// Exit code of a run refused because another run writes to its `--out`.
const EXIT_BUSY: u8 = 3;

/// Exit code of a run whose NDJSON reader closed the pipe (128 + SIGPIPE).
const EXIT_PIPE_CLOSED: u8 = 141;

fn main() -> ExitCode {
    no_huge_pages();
    // A panic inside a reader is caught and becomes that file's `corrupt` error;
    // say so in one line instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!("shiryo: internal error while reading a file ({what}){at}; that file is reported as corrupt");
    }));
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("shiryo: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract(args),
        Command::Worker => {
            shiryo::worker::serve()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Load(args) => load(args),
        Command::Audit(args) => audit(args),
        Command::Report(args) => report(args),
        Command::Explain {
            text,
            issue,
            facts,
            fiscal_year,
            plan,
        } => {
            let text = shiryo::text::normalize(&text);
            if facts {
                print!("{}", explain_facts(&text, fiscal_year, plan));
                return Ok(ExitCode::SUCCESS);
            }
            let explanation = if issue {
                shiryo::text::classify::explain_issue(&text)
            } else {
                shiryo::text::classify::explain(&text)
            };
            println!("{explanation}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The dates, counts and warnings of one (normalised) text, one per line.
fn explain_facts(text: &str, fiscal_year: Option<i32>, plan: bool) -> String {
    use shiryo::text::{checks, counts, dates, TextContext};
    let ctx = TextContext {
        fiscal_year,
        plan_section: plan,
    };
    let found_dates = dates::find_dates(text, &ctx);
    let found_counts = counts::find_counts(text, &ctx);
    let or_null = |s: &Option<String>| s.clone().unwrap_or_else(|| "null".into());
    let mut out = format!("text: {text}\n");
    for d in &found_dates {
        out += &format!(
            "date  {} → {} … {}{}{}\n",
            d.text,
            or_null(&d.start),
            or_null(&d.end),
            if d.planned { " planned" } else { "" },
            match fiscal_year {
                Some(fy) if checks::outside_fiscal_year(d, fy) => " (outside the fiscal year)",
                _ => "",
            }
        );
    }
    for c in &found_counts {
        out += &format!(
            "count {} → {} per {} every {}{} event {}\n",
            c.text,
            c.value,
            c.per.map_or("null", |p| p.as_str()),
            c.every,
            if c.planned { " planned" } else { "" },
            c.event.as_deref().unwrap_or("null")
        );
    }
    if let Some(why) = checks::count_mismatch(text, &found_dates, &found_counts) {
        out += &format!("warning count_mismatch: {why}\n");
    }
    if found_dates.is_empty() && found_counts.is_empty() {
        out += "no dates, no counts\n";
    }
    out
}

fn extract(args: cli::ExtractArgs) -> anyhow::Result<ExitCode> {
    // First: SIGINT/SIGTERM/SIGHUP then end the run cleanly, and a
    // file-size limit fails a write instead of killing the process.
    batch::signals::install();
    let cfg = Config {
        limits: args.limits.to_limits(),
    };
    let collected = batch::collect_inputs(&args.paths);
    for (path, why) in &collected.unreadable {
        eprintln!("shiryo: {path}: {why}");
    }
    if collected.inputs.is_empty() && !collected.unreadable.is_empty() {
        anyhow::bail!("nothing to read");
    }
    if let Some(clash) = collected.clash() {
        anyhow::bail!(clash);
    }
    let timeout = |default: Option<f64>| {
        args.timeout
            .or(default)
            .filter(|t| *t > 0.0)
            .map(Duration::from_secs_f64)
    };
    let isolation = if args.in_process {
        Isolation::InProcess(Guard {
            timeout: timeout(None),
        })
    } else {
        Isolation::Workers(PoolConfig {
            exe: std::env::current_exe().context("cannot find this program to start workers")?,
            memory_mib: Some(args.memory_mib),
            timeout: timeout(Some(DEFAULT_WORKER_TIMEOUT)),
            limits: cfg.limits,
        })
    };
    let opts = BatchOptions {
        out_dir: args.out.clone(),
        jobs: args.jobs,
        progress: !args.quiet,
        skip_existing: args.skip_existing,
        isolation,
    };
    let mut sinks = open_sinks(&args.sinks)?;
    let mut summary = match batch::run(&collected.inputs, &cfg, &opts, &mut sinks) {
        Ok(s) => s,
        Err(e @ BatchError::Busy { .. }) => {
            eprintln!("shiryo: {e}");
            return Ok(ExitCode::from(EXIT_BUSY));
        }
        Err(e) => return Err(e).context("batch stopped"),
    };
    drop(sinks);
    summary.unread_paths = collected.unreadable.len();
    if !args.quiet {
        eprintln!("shiryo: {summary}");
        print_notes(&summary.notes);
    }
    if let Some(code) = stopped(&summary, &args) {
        return Ok(code);
    }
    Ok(if summary.failed > 0 || summary.unread_paths > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A run that ended early: say why and how far it got (even with `--quiet`),
/// and give its exit code.
fn stopped(summary: &Summary, args: &cli::ExtractArgs) -> Option<ExitCode> {
    let s = summary.stopped?;
    let (done, of) = (s.done, summary.files);
    Some(match s.why {
        StopReason::Signal(sig) => {
            eprintln!(
                "shiryo: stopped by {}: {done} of {of} files written; rerun with --skip-existing to complete",
                batch::signals::name(sig)
            );
            ExitCode::from(u8::try_from(128 + sig).unwrap_or(2))
        }
        StopReason::PipeClosed => {
            eprintln!(
                "shiryo: the reader of standard output closed it (broken pipe) after the NDJSON lines of {done} of {of} files; every report was written under {}; rerun with --skip-existing to complete the NDJSON without reading the files again",
                args.out.display()
            );
            ExitCode::from(EXIT_PIPE_CLOSED)
        }
    })
}

/// What the destinations said they did, one line each.
fn print_notes(notes: &[String]) {
    for line in notes.iter().flat_map(|n| n.lines()) {
        eprintln!("shiryo: {line}");
    }
}

/// The destinations named on the command line, opened (a database that cannot
/// be opened stops the run here, before any work).
fn open_sinks(args: &cli::SinkArgs) -> anyhow::Result<Sinks> {
    let mut sinks = Sinks::default();
    if let Some(p) = &args.ndjson {
        sinks.push(Box::new(NdjsonSink::create(p)?));
    }
    if let Some(target) = &args.db {
        sinks.push(sink::open_database(target)?);
    }
    if let Some(p) = &args.csv {
        sinks.push(Box::new(CsvSink::create(p)?));
    }
    if let Some(p) = &args.xlsx {
        sinks.push(Box::new(XlsxSink::create(p)?));
    }
    Ok(sinks)
}

fn load(args: cli::LoadArgs) -> anyhow::Result<ExitCode> {
    // As for extract: a signal stops the load between reports.
    batch::signals::install();
    let files = shiryo::load::collect(&args.paths)?;
    let mut sinks = open_sinks(&args.sinks)?;
    let done = shiryo::load::run(&files, &mut sinks).context("load stopped")?;
    if let Some(s) = done.reports.stopped {
        drop(sinks);
        let n = s.done;
        return Ok(match s.why {
            StopReason::Signal(sig) => {
                eprintln!(
                    "shiryo: stopped by {}: {n} reports loaded (a database keeps each one; no table file was written); rerun the same load to complete: a report loaded again replaces itself",
                    batch::signals::name(sig)
                );
                ExitCode::from(u8::try_from(128 + sig).unwrap_or(2))
            }
            StopReason::PipeClosed => {
                eprintln!(
                    "shiryo: the reader of standard output closed it (broken pipe) after the NDJSON lines of {n} reports"
                );
                ExitCode::from(EXIT_PIPE_CLOSED)
            }
        });
    }
    if !args.quiet {
        eprintln!("shiryo: loaded {}", done.reports);
        if done.unreadable > 0 {
            eprintln!(
                "shiryo: {} input(s) not loaded (named above)",
                done.unreadable
            );
        }
        print_notes(&done.reports.notes);
    }
    Ok(if done.unreadable > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn audit(args: cli::AuditArgs) -> anyhow::Result<ExitCode> {
    use shiryo::audit::{self, AuditOptions};
    let cfg = Config::default();
    if let Some(links) = &args.links {
        let report = audit::audit_links(links, &args.dir, &cfg)?;
        if args.json {
            let json = audit::render_links_json(&report);
            println!("{}", serde_json::to_string_pretty(&json)?);
        } else {
            print!("{}", audit::render_links_text(&report));
        }
        return Ok(if report.passes() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let report = match (&args.expected, &args.actual) {
        (Some(e), Some(a)) => audit::compare_dirs(e, a)?,
        _ => audit::audit_dir_with(&args.dir, &|cases| {
            let inputs: Vec<batch::Input> = cases
                .iter()
                .map(|c| batch::Input {
                    path: c.input.clone(),
                    display: c.display.clone(),
                })
                .collect();
            batch::extract_all(&inputs, &cfg, &Guard::default())
        })?,
    };
    let opts = AuditOptions {
        min_f1: args.min_f1,
        ..AuditOptions::default()
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&audit::render_json(&report, &opts))?
        );
    } else {
        print!("{}", audit::render_text(&report, &opts));
    }
    if let Some(html) = &args.html {
        std::fs::write(html, audit::render_html(&report, &opts))
            .with_context(|| html.display().to_string())?;
    }
    Ok(if audit::passes(&report, args.min_f1) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn report(args: cli::ReportArgs) -> anyhow::Result<ExitCode> {
    let page = match (&args.dir, &args.db) {
        (_, Some(target)) => shiryo::report::report_db(target)?,
        (Some(dir), None) => shiryo::report::report_dir(dir)?,
        (None, None) => anyhow::bail!("name a directory of reports or --db TARGET"),
    };
    // Written beside the target and renamed: never a half-written page.
    let name = || args.html.display().to_string();
    let mut tmp = shiryo::sink::temp_beside(&args.html).with_context(name)?;
    std::io::Write::write_all(&mut tmp, page.html.as_bytes()).with_context(name)?;
    tmp.persist(&args.html)
        .map_err(|e| e.error)
        .with_context(name)?;
    eprintln!("shiryo: {}", page.summary);
    Ok(ExitCode::SUCCESS)
}
