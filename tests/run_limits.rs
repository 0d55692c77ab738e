//! The limits hold for every part of a run (issue 13, item 4):
//! `--skip-existing` hashes an input where it is read, in a worker under the
//! same memory and time limits (never in the parent, however large the file);
//! `--timeout` really stops the work (the worker reading the file is killed
//! before its report is written, and the run goes on).
#![cfg(target_os = "linux")]

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_shiryo");

fn shiryo(dir: &Path) -> Command {
    let mut c = Command::new(EXE);
    c.current_dir(dir).arg("extract");
    c
}

fn report(path: &Path) -> serde_json::Value {
    let text = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&text).expect("whole JSON")
}

/// The peak resident memory (KiB) of process `pid` so far, while it lives.
fn peak_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A file that grew to 400 MB since its report was written (sparse: no disk
/// used). The parent must not read it to decide whether to skip it.
#[test]
fn skip_existing_hashes_a_huge_input_in_a_worker_under_its_limits() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let input = dir.join("in/big.xlsx");
    std::fs::create_dir_all(input.parent().expect("parent")).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("fixtures/xlsx/2-6_katano.xlsx"), &input).expect("copy");
    let st = shiryo(dir)
        .args(["in", "--out", "out", "-q"])
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));
    let target = dir.join("out/in/big.xlsx.json");
    assert!(report(&target)["source"]["sha256"].as_str().is_some());

    let f = std::fs::File::create(&input).expect("create");
    f.set_len(400 << 20).expect("grow");
    drop(f);
    let started = Instant::now();
    let mut child = shiryo(dir)
        .args(["in", "--out", "out", "-q", "--skip-existing", "-j", "1"])
        .args(["--max-file-bytes", "1073741824", "--memory-mib", "256"])
        .spawn()
        .expect("spawn");
    let mut peak = 0;
    let status = loop {
        if let Some(kib) = peak_kib(child.id()) {
            peak = peak.max(kib);
        }
        if let Some(st) = child.try_wait().expect("wait") {
            break st;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(status.code(), Some(1));
    let v = report(&target);
    assert_eq!(v["error"]["code"], "too_large", "{v}");
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("memory limit of 256 MiB"), "{message}");
    assert!(
        peak > 0 && peak < 200 * 1024,
        "the parent peaked at {peak} KiB"
    );
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn timeout_kills_the_worker_reading_the_file_and_the_run_goes_on() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    common::many_forms(dir, 20);
    std::fs::write(dir.join("in/big.xlsx"), common::hostile::big_sheet()).expect("write");
    let started = Instant::now();
    let mut child = shiryo(dir)
        .args(["in", "--out", "out", "-q", "-j", "1", "--timeout", "1"])
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let mut first = None;
    assert!(common::wait_for(60, || {
        first = common::children_of(pid).first().copied();
        first.is_some()
    }));
    let first = first.expect("a worker");
    let target = dir.join("out/in/big.xlsx.json");
    assert!(common::wait_for(120, || target.exists()), "no report");
    // The one worker read every file until this one; its report is
    // written only once the worker is dead.
    assert!(
        !common::alive(first),
        "the worker reading big.xlsx still runs"
    );
    let took = started.elapsed();
    let status = child.wait().expect("waits");
    assert_eq!(status.code(), Some(1));
    let v = report(&target);
    assert_eq!(v["error"]["code"], "too_large", "{v}");
    let message = v["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("time limit of 1.0s"), "{message}");
    // 20 small forms and 1 s for the big one; unbounded, the big one alone
    // takes far longer in a debug build.
    assert!(took < Duration::from_secs(60), "{took:?}");
    assert_eq!(common::whole_reports(&dir.join("out")), 21);
}
