//! A run killed mid-batch leaves only complete JSON files, and
//! `--skip-existing` finishes the rest with a result identical to one clean run.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn json_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                json_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
}

#[test]
fn killed_run_then_skip_existing_equals_clean_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let n = 400;
    let doc = common::form_docx("交野市");
    for i in 0..n {
        let p = tmp.path().join(format!("in/{:03}/f.docx", i));
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, &doc).expect("write");
    }
    let exe = env!("CARGO_BIN_EXE_shiryo");
    // Clean reference run.
    let st = Command::new(exe)
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "clean", "-q"])
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));

    // A run killed with SIGKILL once some outputs exist.
    let mut child = Command::new(exe)
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "resumed", "-q", "--jobs", "1"])
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    loop {
        let mut found = Vec::new();
        json_files(&tmp.path().join("resumed"), &mut found);
        if found.len() >= 5 || started.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    let mut partial = Vec::new();
    json_files(&tmp.path().join("resumed"), &mut partial);
    for p in &partial {
        let text = std::fs::read(p).expect("read");
        serde_json::from_slice::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{} is incomplete: {e}", p.display()));
    }

    // Finish with --skip-existing.
    let st = Command::new(exe)
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "resumed", "--skip-existing", "-q"])
        .status()
        .expect("runs");
    assert_eq!(st.code(), Some(0));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    json_files(&tmp.path().join("clean"), &mut a);
    json_files(&tmp.path().join("resumed"), &mut b);
    assert_eq!(a.len(), n);
    assert_eq!(b.len(), n);
    for p in &a {
        let rel = p.strip_prefix(tmp.path().join("clean")).expect("inside");
        let q = tmp.path().join("resumed").join(rel);
        assert_eq!(
            std::fs::read(p).expect("a"),
            std::fs::read(&q).expect("b"),
            "{}",
            rel.display()
        );
    }
    // No temporary files remain after the finishing run.
    let leftovers: Vec<_> = common::walk(&tmp.path().join("resumed"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
