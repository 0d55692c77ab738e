//! Runs that end early (issue 13, item 4): SIGTERM/SIGINT, a closed NDJSON
//! pipe and a full disk (simulated with `RLIMIT_FSIZE`) end the run with
//! whole files only and a message a person understands, and `--skip-existing`
//! then completes to the output of one clean run, byte for byte.
#![cfg(target_os = "linux")]

mod common;

use std::io::BufRead;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_shiryo");

fn shiryo(dir: &Path) -> Command {
    let mut c = Command::new(EXE);
    c.current_dir(dir).arg("extract");
    c
}

/// A clean run of `in` into `clean/` with `clean.ndjson`, for comparison.
fn clean_run(dir: &Path) {
    let st = shiryo(dir)
        .args(["in", "--out", "clean", "-q", "--ndjson", "clean.ndjson"])
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));
}

/// Finish `out` with `--skip-existing` and check it equals the clean run.
fn finish_equals_clean(dir: &Path, out: &str) {
    let ndjson = format!("{out}.ndjson");
    let st = shiryo(dir)
        .args([
            "in",
            "--out",
            out,
            "-q",
            "--skip-existing",
            "--ndjson",
            &ndjson,
        ])
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));
    let (clean, done) = (
        common::tree(&dir.join("clean")),
        common::tree(&dir.join(out)),
    );
    assert_eq!(clean.len(), done.len());
    for (rel, bytes) in &clean {
        assert!(done.get(rel) == Some(bytes), "{} differs", rel.display());
    }
    let a = std::fs::read(dir.join("clean.ndjson")).expect("clean ndjson");
    let b = std::fs::read(dir.join(&ndjson)).expect("finished ndjson");
    assert!(a == b, "the NDJSON differs from a clean run's");
}

fn stop_with(signal: i32, name: &str) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let n = 160;
    common::many_forms(dir, n);
    clean_run(dir);
    let child = shiryo(dir)
        .args(["in", "--out", "stopped", "-q", "-j", "1"])
        .args(["--ndjson", "stopped.ndjson"])
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let some_written = common::wait_for(60, || {
        common::walk(&dir.join("stopped"))
            .iter()
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .count()
            >= 5
    });
    assert!(some_written, "no report appeared");
    let workers = common::children_of(pid);
    assert!(!workers.is_empty(), "no worker process seen");
    let sent = Instant::now();
    // SAFETY: kill(2) on the child this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, signal) }, 0);
    let out = child.wait_with_output().expect("waits");
    let took = sent.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(128 + signal), "{stderr}");
    assert!(
        stderr.contains(&format!("stopped by {name}: "))
            && stderr.contains(&format!(
                " of {n} files written; rerun with --skip-existing to complete"
            )),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?} to stop");
    // Whole reports only, no NDJSON file of its own, no worker left.
    let written = common::whole_reports(&dir.join("stopped"));
    assert!(written >= 5 && written < n, "{written} reports");
    assert!(
        stderr.contains(&format!(": {written} of {n} files written")),
        "{stderr}"
    );
    assert!(!dir.join("stopped.ndjson").exists());
    let leftovers: Vec<_> = common::walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        common::wait_for(5, || workers.iter().all(|w| !common::alive(*w))),
        "worker processes outlived the run: {workers:?}"
    );
    finish_equals_clean(dir, "stopped");
}

#[test]
fn sigterm_stops_the_run_with_whole_files_and_skip_existing_completes_it() {
    stop_with(libc::SIGTERM, "SIGTERM");
}

#[test]
fn sigint_stops_the_run_with_whole_files_and_skip_existing_completes_it() {
    stop_with(libc::SIGINT, "SIGINT");
}

/// `--ndjson - | head`: the reader leaves after two lines.
#[test]
fn a_closed_ndjson_pipe_ends_the_run_plainly_with_every_report_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    // ~2.5 KB of NDJSON each: far more than a pipe holds.
    let n = 100;
    common::many_forms(dir, n);
    clean_run(dir);
    let mut child = shiryo(dir)
        .args(["in", "--out", "piped", "-q", "--ndjson", "-"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    for _ in 0..2 {
        let line = lines.next().expect("a line").expect("read");
        serde_json::from_str::<serde_json::Value>(&line).expect("a whole NDJSON line");
    }
    drop(lines);
    let out = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(141), "{stderr}");
    assert!(
        stderr.contains("the reader of standard output closed it (broken pipe)")
            && stderr.contains(&format!(
                " of {n} files; every report was written under piped"
            ))
            && stderr.contains("rerun with --skip-existing"),
        "{stderr}"
    );
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(common::whole_reports(&dir.join("piped")), n);
    finish_equals_clean(dir, "piped");
}

/// A command whose files may not grow past `bytes` (`ulimit -f`): writes
/// past it fail with EFBIG, as on a full disk.
fn with_file_limit(cmd: &mut Command, bytes: u64) -> &mut Command {
    // SAFETY: setrlimit only, between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        })
    }
}

#[test]
fn a_full_disk_fails_the_reports_it_cannot_hold_and_leaves_nothing_cut() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    common::many_forms(dir, 6);
    // Two reports of 15 and 21 KB beside the small ones (4 KB).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["docx/2-1_hirakata.docx", "xlsx/2-6_katano.xlsx"] {
        let name = Path::new(f).file_name().expect("name");
        std::fs::copy(root.join("fixtures").join(f), dir.join("in").join(name)).expect("copy");
    }
    clean_run(dir);
    let limit = 10_000;
    let sizes: Vec<(String, u64)> = common::walk(&dir.join("clean"))
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::metadata(p).expect("meta").len(),
            )
        })
        .collect();
    let big = sizes.iter().filter(|(_, n)| *n > limit).count();
    assert_eq!(big, 2, "{sizes:?}");

    let out = with_file_limit(&mut shiryo(dir), limit)
        .args(["in", "--out", "full", "-q"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for name in ["2-1_hirakata.docx", "2-6_katano.xlsx"] {
        assert!(
            stderr.lines().any(|l| l.contains(name)
                && l.contains("report not written")
                && l.contains("the file would pass the largest file size allowed")),
            "{stderr}"
        );
    }
    assert_eq!(common::whole_reports(&dir.join("full")), 6);

    // The NDJSON of the run is over the limit: the run stops (exit 2), and
    // no NDJSON file, whole or cut, is left.
    let out = with_file_limit(&mut shiryo(dir), limit)
        .args(["in", "--out", "full", "-q", "--skip-existing"])
        .args(["--ndjson", "full.ndjson"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("full.ndjson: the file would pass the largest file size allowed"),
        "{stderr}"
    );
    assert!(!dir.join("full.ndjson").exists());
    assert_eq!(common::whole_reports(&dir.join("full")), 6);
    let leftovers: Vec<_> = common::walk(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // With room again, --skip-existing completes to the clean run's output.
    finish_equals_clean(dir, "full");
}
