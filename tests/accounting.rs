//! Issue 13: every file accounted for. No two inputs share a report; files
//! that are not regular are refused without being opened; a report that
//! cannot be written and a path that does not exist are reported and the
//! rest still runs; the summary and the exit code say how many failed and why.

mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

/// Run `shiryo extract ARGS` in `dir`, killed after two minutes (a FIFO opened
/// for reading would block forever).
fn extract(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_shiryo"))
        .current_dir(dir)
        .arg("extract")
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let id = child.id();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_secs(120));
        // SAFETY: kill(2) on the child's pid; harmless if it has exited.
        #[cfg(unix)]
        unsafe {
            libc::kill(id as i32, libc::SIGKILL);
        }
    });
    let out = child.wait_with_output().expect("output");
    drop(watchdog);
    out
}

fn json_files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = common::walk(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

fn source_paths(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = common::walk(dir)
        .into_iter()
        .map(|p| {
            let j: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&p).expect("read")).expect("json");
            j["source"]["path"].as_str().expect("path").to_string()
        })
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn names_that_would_meet_get_one_report_each() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let doc = common::form_docx("交野市");
    let long = format!("{}.docx", "資".repeat(82));
    let names: Vec<Vec<u8>> = vec![
        b"\x8e\x91\x97\xbf.docx".to_vec(), // 資料 in cp932, as unzip leaves it
        b"\x8e\x91\x97\xc0.docx".to_vec(), // another invalid name, same lossy text
        b"a:b.docx".to_vec(),
        b"a_b.docx".to_vec(),
        b"A_b.docx".to_vec(),
        long.clone().into_bytes(),
    ];
    for n in &names {
        std::fs::write(input.join(std::ffi::OsStr::from_bytes(n)), &doc).expect("write");
    }
    let out = extract(tmp.path(), &["in", "--out", "out", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let reports = json_files(&tmp.path().join("out"));
    assert_eq!(reports.len(), names.len(), "{reports:?}");
    let sources = source_paths(&tmp.path().join("out"));
    assert!(
        sources.contains(&"in/\\x8E\\x91\\x97\\xBF.docx".to_string()),
        "{sources:?}"
    );
    assert!(sources.contains(&"in/a:b.docx".to_string()), "{sources:?}");
    assert!(sources.contains(&format!("in/{long}")), "{sources:?}");
    assert!(
        reports.iter().all(|r| r.ends_with(".docx.json")),
        "{reports:?}"
    );
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_without_being_opened() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a.docx"), common::form_docx("交野市")).expect("write");
    let fifo = std::ffi::CString::new(input.join("b.docx").to_str().expect("utf8")).expect("c");
    // SAFETY: mkfifo with a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    for extra in [None, Some("--in-process")] {
        let out = extract(
            tmp.path(),
            &["in", "/dev/null", "--out", "out", "-q", "--skip-existing"]
                .into_iter()
                .chain(extra)
                .collect::<Vec<_>>(),
        );
        assert_eq!(out.status.code(), Some(1), "{extra:?} {out:?}");
        // `/dev/null` named directly: its file name, `null`.
        for (rel, says) in [
            (
                "out/in/b.docx.json",
                "in/b.docx: a FIFO (named pipe), not a regular file",
            ),
            (
                "out/null.json",
                "null: a character device, not a regular file",
            ),
        ] {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(tmp.path().join(rel)).expect(rel))
                    .expect("json");
            assert_eq!(v["error"]["code"], "unsupported_format", "{v}");
            let message = v["error"]["message"].as_str().unwrap_or_default();
            assert!(message.starts_with(says), "{message}");
        }
        let ok: serde_json::Value = serde_json::from_slice(
            &std::fs::read(tmp.path().join("out/in/a.docx.json")).expect("a"),
        )
        .expect("json");
        assert!(ok["error"].is_null());
    }
}

#[test]
fn a_report_that_cannot_be_written_fails_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for n in ["a", "b", "c"] {
        std::fs::write(input.join(format!("{n}.docx")), common::form_docx("交野市"))
            .expect("write");
    }
    std::fs::write(input.join("d.docx"), b"").expect("write");
    // A directory where b's report would go: the rename onto it fails.
    std::fs::create_dir_all(tmp.path().join("out/in/b.docx.json/x")).expect("mkdir");
    let out = extract(tmp.path(), &["in", "--out", "out"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.docx.json: report not written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 files, 3 forms")
            && stderr.contains("2 failed (corrupt 1, report not written 1)"),
        "{stderr}"
    );
    for n in ["a", "c", "d"] {
        assert!(
            tmp.path().join(format!("out/in/{n}.docx.json")).is_file(),
            "{n}"
        );
    }
}

#[test]
fn a_missing_path_among_many_is_reported_and_the_rest_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    for n in ["a", "b"] {
        std::fs::write(input.join(format!("{n}.docx")), common::form_docx("交野市"))
            .expect("write");
    }
    let out = extract(
        tmp.path(),
        &["in/a.docx", "nope.docx", "in/b.docx", "--out", "out"],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("nope.docx: no such file or directory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 files") && stderr.contains("0 failed, 1 paths not read"),
        "{stderr}"
    );
    // Files named directly are named by their file name (ARCHITECTURE.md).
    assert_eq!(
        json_files(&tmp.path().join("out")),
        vec!["a.docx.json", "b.docx.json"]
    );
    // Nothing to read at all is a usage error.
    let out = extract(tmp.path(), &["nope.docx", "--out", "out2"]);
    assert_eq!(out.status.code(), Some(2));
}
