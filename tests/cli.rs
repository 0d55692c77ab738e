//! The command line: exit codes, output layout, NDJSON, determinism across
//! thread counts, atomic and contained output.

mod common;

use assert_cmd::Command;
use common::form_docx;
use std::path::Path;

fn shiryo() -> Command {
    Command::cargo_bin("shiryo").expect("binary built")
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write");
}

#[test]
fn exit_0_when_every_file_is_read() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "in/a.docx", &form_docx("交野市"));
    let out = tmp.path().join("out");
    shiryo()
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "out", "-q"])
        .assert()
        .code(0);
    let json = std::fs::read_to_string(out.join("in/a.docx.json")).expect("output written");
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["schema"], "shiryo/v1");
    assert_eq!(v["source"]["path"], "in/a.docx");
    assert_eq!(v["submissions"][0]["target_areas"][0], "交野市");
    assert_eq!(v["error"], serde_json::Value::Null);
}

#[test]
fn exit_1_when_some_files_fail_and_the_rest_are_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "in/good.docx", &form_docx("交野市"));
    write(tmp.path(), "in/empty.docx", b"");
    write(tmp.path(), "in/text.xlsx", "これはテキストです".as_bytes());
    shiryo()
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "out", "-q"])
        .assert()
        .code(1);
    let read = |n: &str| -> serde_json::Value {
        serde_json::from_str(
            &std::fs::read_to_string(tmp.path().join("out/in").join(n)).expect("written"),
        )
        .expect("json")
    };
    assert_eq!(read("empty.docx.json")["error"]["code"], "corrupt");
    assert_eq!(
        read("text.xlsx.json")["error"]["code"],
        "unsupported_format"
    );
    let msg = read("empty.docx.json")["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        msg.contains("in/empty.docx"),
        "message names the file: {msg}"
    );
    assert!(read("good.docx.json")["error"].is_null());
}

#[test]
fn exit_2_on_usage_errors() {
    shiryo().assert().code(2);
    shiryo().args(["extract"]).assert().code(2);
    shiryo()
        .args(["extract", "x.docx", "--no-such-flag"])
        .assert()
        .code(2);
    shiryo()
        .args(["extract", "/definitely/not/here.docx"])
        .assert()
        .code(2);
}

#[test]
fn ndjson_lines_and_identical_output_across_thread_counts() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (i, area) in ["交野市", "枚方市", "門真市", "守口市", "寝屋川市"]
        .iter()
        .enumerate()
    {
        write(tmp.path(), &format!("in/{i}.docx"), &form_docx(area));
    }
    let run = |jobs: &str, out: &str| {
        let o = shiryo()
            .current_dir(tmp.path())
            .args([
                "extract", "in", "--out", out, "--ndjson", "-", "-q", "--jobs", jobs,
            ])
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(0));
        o.stdout
    };
    let one = run("1", "o1");
    let two = run("2", "o2");
    assert_eq!(one, two, "NDJSON identical for 1 and 2 threads");
    let text = String::from_utf8(one).expect("utf8");
    assert_eq!(text.lines().count(), 5);
    for n in 0..5 {
        let a = std::fs::read(tmp.path().join(format!("o1/in/{n}.docx.json"))).expect("o1");
        let b = std::fs::read(tmp.path().join(format!("o2/in/{n}.docx.json"))).expect("o2");
        assert_eq!(a, b);
    }
}

#[test]
fn output_stays_inside_out_dir() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "work/in/a.docx", &form_docx("交野市"));
    // `..` in the input path, and an absolute path.
    let abs = tmp.path().join("work/in/a.docx");
    shiryo()
        .current_dir(tmp.path().join("work"))
        .args([
            "extract",
            "../work/in/a.docx",
            abs.to_str().expect("utf8"),
            "--out",
            "out",
            "-q",
        ])
        .assert()
        .code(0);
    let out = tmp.path().join("work/out");
    let mut found = Vec::new();
    for e in common::walk(&out) {
        found.push(e.strip_prefix(&out).expect("inside").to_path_buf());
    }
    // Both name the same file: read once, under its file name.
    assert_eq!(found, vec![std::path::PathBuf::from("a.docx.json")]);
    assert!(!tmp.path().join("work/in/a.docx.json").exists());
    assert!(!tmp.path().join("a.docx.json").exists());
}

#[test]
fn source_path_starts_at_the_named_directory_and_survives_a_move() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "data/r7/sub/資料2-1.docx", &form_docx("交野市"));
    write(tmp.path(), "data/r7/b.docx", &form_docx("枚方市"));
    let run = |dir: &Path, out: &str| {
        shiryo()
            .current_dir(tmp.path())
            .arg("extract")
            .arg(dir)
            .args(["--out", out, "-q"])
            .assert()
            .code(0);
    };
    // Named by an absolute path: the directory's own name starts the path.
    run(&tmp.path().join("data/r7"), "o1");
    let v: serde_json::Value = serde_json::from_slice(
        &std::fs::read(tmp.path().join("o1/r7/sub/資料2-1.docx.json")).expect("under r7/"),
    )
    .expect("json");
    assert_eq!(v["source"]["path"], "r7/sub/資料2-1.docx");
    assert!(v["generator"]
        .as_str()
        .is_some_and(|g| g.starts_with("shiryo ")));
    assert_eq!(v["submissions"][0]["id"].as_str().map(str::len), Some(16));
    assert_eq!(v["submissions"][0]["sections"][0]["items"][0]["index"], 0);
    // Moved elsewhere: byte-identical output.
    std::fs::create_dir_all(tmp.path().join("moved")).expect("mkdir");
    std::fs::rename(tmp.path().join("data/r7"), tmp.path().join("moved/r7")).expect("move");
    run(Path::new("moved/r7"), "o2");
    for rel in ["r7/sub/資料2-1.docx.json", "r7/b.docx.json"] {
        assert_eq!(
            std::fs::read(tmp.path().join("o1").join(rel)).expect("o1"),
            std::fs::read(tmp.path().join("o2").join(rel)).expect("o2"),
            "{rel}"
        );
    }
    // A file named directly: its file name.
    shiryo()
        .current_dir(tmp.path())
        .args(["extract", "moved/r7/b.docx", "--out", "o3", "-q"])
        .assert()
        .code(0);
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("o3/b.docx.json")).expect("o3"))
            .expect("json");
    assert_eq!(v["source"]["path"], "b.docx");
    // A directory and a file in it: the file is read once, as first named.
    shiryo()
        .current_dir(tmp.path())
        .args([
            "extract",
            "moved/r7",
            "moved/r7/b.docx",
            "--out",
            "o4",
            "-q",
        ])
        .assert()
        .code(0);
    let mut found: Vec<_> = common::walk(&tmp.path().join("o4"))
        .into_iter()
        .map(|p| {
            p.strip_prefix(tmp.path().join("o4"))
                .expect("inside")
                .to_path_buf()
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        vec![
            std::path::PathBuf::from("r7/b.docx.json"),
            std::path::PathBuf::from("r7/sub/資料2-1.docx.json")
        ]
    );
}

#[test]
fn two_files_with_one_name_are_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "x/in/a.docx", &form_docx("交野市"));
    write(tmp.path(), "y/in/a.docx", &form_docx("枚方市"));
    let o = shiryo()
        .current_dir(tmp.path())
        .args(["extract", "x/in", "y/in", "--out", "out", "-q"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("in/a.docx"), "{err}");
}

#[test]
fn failed_files_are_named_on_stderr_counted_by_code_and_in_the_ndjson() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "in/good.docx", &form_docx("交野市"));
    write(tmp.path(), "in/empty.docx", b"");
    write(tmp.path(), "in/empty2.xlsx", b"");
    write(tmp.path(), "in/text.xlsx", "これはテキストです".as_bytes());
    let o = shiryo()
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "out", "--ndjson", "-", "-q"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    // --quiet keeps the failure lines, one per failed file, naming file and reason.
    assert!(err.contains("shiryo: in/empty.docx: corrupt: "), "{err}");
    assert!(
        err.contains("shiryo: in/text.xlsx: unsupported_format: "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(
        lines.len(),
        4,
        "one line per submission and per failed file"
    );
    let failed: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["submission"].is_null()).collect();
    assert_eq!(failed.len(), 3);
    assert!(failed.iter().all(|l| l["error"]["code"].is_string()));
    assert!(lines.iter().all(|l| l["schema"] == "shiryo/v1"));
    // The summary counts failures by code.
    let o = shiryo()
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "out2"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("3 failed (corrupt 2, unsupported_format 1)"),
        "{err}"
    );
}

#[test]
fn skip_existing_redoes_what_another_version_wrote() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(tmp.path(), "in/a.docx", &form_docx("交野市"));
    let run = || {
        shiryo()
            .current_dir(tmp.path())
            .args(["extract", "in", "--out", "out", "-q", "--skip-existing"])
            .assert()
            .code(0);
    };
    run();
    let target = tmp.path().join("out/in/a.docx.json");
    let fresh = std::fs::read_to_string(&target).expect("written");
    let mut v: serde_json::Value = serde_json::from_str(&fresh).expect("json");
    v["generator"] = serde_json::json!("shiryo 0.0.1");
    v["submissions"][0]["hubs"] = serde_json::json!(["stale"]);
    std::fs::write(&target, serde_json::to_vec_pretty(&v).expect("json")).expect("write");
    run();
    assert_eq!(std::fs::read_to_string(&target).expect("rewritten"), fresh);
}
