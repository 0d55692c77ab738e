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
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(!tmp.path().join("work/in/a.docx.json").exists());
    assert!(!tmp.path().join("a.docx.json").exists());
}
