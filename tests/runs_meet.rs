//! Two runs on one `--out` (issue 13, item 4): the second is refused at once
//! with a message naming the directory and the first run's pid, without
//! touching the first run's files; a run killed with SIGKILL leaves no lock.
//! And output files get the usual permissions (0666 less the umask).
#![cfg(target_os = "linux")]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_shiryo");

fn shiryo(dir: &Path) -> Command {
    let mut c = Command::new(EXE);
    c.current_dir(dir).arg("extract");
    c
}

#[test]
fn a_second_run_on_the_same_out_is_refused_and_a_killed_run_leaves_no_lock() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    let n = 150;
    common::many_forms(dir, n);
    let mut first = shiryo(dir)
        .args(["in", "--out", "out", "-q", "-j", "1"])
        .spawn()
        .expect("spawn");
    let pid = first.id();
    let lock = dir.join("out/.shiryo.lock");
    let locked = common::wait_for(60, || {
        std::fs::read_to_string(&lock).is_ok_and(|t| t.trim() == pid.to_string())
    });
    assert!(locked, "the first run did not take the lock");
    // The first run clears a killed run's temporary files right after taking
    // the lock; plant ours once it is writing reports, so that clean-up is
    // over and only the second run could remove it.
    let writing = common::wait_for(60, || dir.join("out/in/000/f.docx.json").exists());
    assert!(writing, "the first run wrote no report");
    // A temporary file of the first run's (as a write in flight leaves it).
    let planted = dir.join("out/.shiryo-inflight.partial");
    std::fs::write(&planted, b"{").expect("plant");

    let started = Instant::now();
    let second = shiryo(dir)
        .args(["in", "--out", "out", "-q"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("out is being written by another shiryo run")
            && stderr.contains(&format!("(pid {pid})"))
            && stderr.contains("choose another --out"),
        "{stderr}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        planted.exists(),
        "the refused run removed the first run's file"
    );

    // SIGKILL: the kernel drops the lock with the process.
    first.kill().expect("kill");
    let _ = first.wait();
    let third = shiryo(dir)
        .args(["in", "--out", "out", "-q", "--skip-existing"])
        .output()
        .expect("runs");
    assert_eq!(
        third.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&third.stderr)
    );
    // The run that holds the lock cleans up what a killed run left, then
    // gives the lock back (the file goes with it).
    assert!(!planted.exists());
    assert_eq!(common::whole_reports(&dir.join("out")), n);
}

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).expect("meta").permissions().mode() & 0o777
}

#[test]
fn output_files_get_the_usual_permissions() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    common::many_forms(dir, 2);
    for (umask, want) in [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)] {
        let out = format!("out{umask:o}");
        let mut cmd = shiryo(dir);
        // SAFETY: umask only, between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                libc::umask(umask);
                Ok(())
            });
        }
        let st = cmd
            .args(["in", "--out", &out, "-q"])
            .args(["--ndjson", &format!("{out}.ndjson")])
            .args(["--csv", &format!("{out}.csv")])
            .status()
            .expect("runs");
        assert_eq!(st.code(), Some(0));
        let mut files = common::walk(&dir.join(&out));
        files.push(dir.join(format!("{out}.ndjson")));
        files.push(dir.join(format!("{out}.csv")));
        assert_eq!(files.len(), 4);
        for f in files {
            assert_eq!(mode(&f), want, "umask {umask:o}: {}", f.display());
        }
    }
}
