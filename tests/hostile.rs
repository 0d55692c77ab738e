//! Issue 13: hostile files a few KB in size, and files that kill their
//! worker. Each gets its error code and a message saying which limit; a batch
//! holding them writes every other file; nothing is written outside `--out`.

mod common;

use common::hostile;
use std::path::Path;
use std::process::Command;

fn shiryo() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shiryo"))
}

fn report(dir: &Path, rel: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).expect("valid JSON")
}

fn code_and_message(v: &serde_json::Value) -> (Option<String>, String) {
    (
        v["error"]["code"].as_str().map(String::from),
        v["error"]["message"]
            .as_str()
            .unwrap_or_default()
            .to_string(),
    )
}

#[test]
fn every_hostile_file_gets_its_code_in_process() {
    let cfg = shiryo::Config::default();
    let write_to = std::env::var_os("SHIRYO_WRITE_HOSTILE");
    let mut wrong = Vec::new();
    for case in hostile::cases() {
        if let Some(dir) = &write_to {
            std::fs::create_dir_all(dir).expect("dir");
            std::fs::write(Path::new(dir).join(case.name), &case.bytes).expect("write");
        }
        let ext = case.name.rsplit('.').next().unwrap_or("");
        let display = format!("in/{}", case.name);
        let r = shiryo::extract::extract_bytes(&case.bytes, &display, ext, &cfg);
        let got = r.error.as_ref().map(|e| e.code.as_str());
        let message = r
            .error
            .as_ref()
            .map(|e| e.message.clone())
            .unwrap_or_default();
        if got != case.code || !message.contains(case.says) {
            wrong.push(format!(
                "{}: expected {:?} saying {:?}, got {got:?}: {message}",
                case.name, case.code, case.says
            ));
        }
        if case.code.is_some() && (!message.contains(&display) || message.contains('\n')) {
            wrong.push(format!(
                "{}: one line naming the file: {message}",
                case.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_workbook_whose_shared_strings_lie_is_read_with_a_warning() {
    let case = hostile::cases()
        .into_iter()
        .find(|c| c.name == "shared_strings_count.xlsx")
        .expect("case");
    let r = shiryo::extract::extract_bytes(&case.bytes, "s.xlsx", "xlsx", &Default::default());
    assert!(r.error.is_none(), "{:?}", r.error);
    assert_eq!(r.submissions.len(), 1);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == "declared_count_ignored" && d.message.contains("1000000000000")),
        "{:?}",
        r.diagnostics
    );
}

/// Every hostile file in one batch with good files around them, in worker
/// processes (the default): each hostile file gets its code and message,
/// every good file its report, and nothing else appears.
#[test]
fn a_batch_of_hostile_files_writes_every_other_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    let cases = hostile::cases();
    for (i, case) in cases.iter().enumerate() {
        std::fs::write(input.join(case.name), &case.bytes).expect("write");
        std::fs::write(
            input.join(format!("good{i:02}.docx")),
            common::form_docx("交野市"),
        )
        .expect("write");
    }
    let out = shiryo()
        .current_dir(tmp.path())
        .args(["extract", "in", "--out", "out", "-j", "2"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let failed = cases.iter().filter(|c| c.code.is_some()).count();
    assert!(
        stderr.contains(&format!("{} files", 2 * cases.len()))
            && stderr.contains(&format!("{failed} failed")),
        "{stderr}"
    );
    for (i, case) in cases.iter().enumerate() {
        let good = report(tmp.path(), &format!("out/in/good{i:02}.docx.json"));
        assert!(good["error"].is_null(), "good{i:02}: {good}");
        let (code, message) =
            code_and_message(&report(tmp.path(), &format!("out/in/{}.json", case.name)));
        assert_eq!(code.as_deref(), case.code, "{}: {message}", case.name);
        assert!(message.contains(case.says), "{}: {message}", case.name);
    }
    assert_eq!(common::walk(&tmp.path().join("out")).len(), 2 * cases.len());
    assert_eq!(common::walk(tmp.path()).len(), 4 * cases.len());
}

/// Files that kill their worker (past the memory or the time limit): that
/// file gets too_large naming the limit, its worker is replaced, the files
/// after it are read.
#[test]
fn a_file_that_kills_its_worker_fails_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in");
    std::fs::create_dir_all(&input).expect("mkdir");
    std::fs::write(input.join("a.docx"), common::form_docx("交野市")).expect("write");
    std::fs::write(input.join("b_big.xlsx"), common::hostile::big_sheet()).expect("write");
    for n in 0..4 {
        std::fs::write(
            input.join(format!("c{n}.docx")),
            common::form_docx("枚方市"),
        )
        .expect("write");
    }
    for (flags, says) in [
        (["--memory-mib", "160"], "memory limit of 160 MiB"),
        (["--timeout", "1"], "time limit of 1.0s"),
    ] {
        let out_dir = format!("out{}", &flags[0][2..5]);
        let out = shiryo()
            .current_dir(tmp.path())
            .args(["extract", "in", "--out", &out_dir, "-q", "-j", "1"])
            .args(flags)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{flags:?}: {out:?}");
        let (code, message) = code_and_message(&report(
            tmp.path(),
            &format!("{out_dir}/in/b_big.xlsx.json"),
        ));
        assert_eq!(code.as_deref(), Some("too_large"), "{flags:?}: {message}");
        assert!(
            message.contains(says) && message.contains("in/b_big.xlsx"),
            "{message}"
        );
        for name in ["a.docx", "c0.docx", "c1.docx", "c2.docx", "c3.docx"] {
            let v = report(tmp.path(), &format!("{out_dir}/in/{name}.json"));
            assert!(v["error"].is_null(), "{flags:?} {name}: {v}");
        }
    }
}

/// In process (`--in-process`), good files give the same bytes as in workers.
#[test]
fn workers_and_in_process_write_the_same_bytes() {
    let tmp = tempfile::tempdir().expect("tmp");
    for (i, area) in ["交野市", "枚方市", "門真市"].iter().enumerate() {
        let p = tmp.path().join(format!("in/{i}.docx"));
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, common::form_docx(area)).expect("write");
    }
    for (out, extra) in [("w", None), ("p", Some("--in-process"))] {
        let st = shiryo()
            .current_dir(tmp.path())
            .args(["extract", "in", "--out", out, "-q"])
            .args(extra)
            .status()
            .expect("runs");
        assert_eq!(st.code(), Some(0));
    }
    for i in 0..3 {
        let a = std::fs::read(tmp.path().join(format!("w/in/{i}.docx.json"))).expect("w");
        let b = std::fs::read(tmp.path().join(format!("p/in/{i}.docx.json"))).expect("p");
        assert_eq!(a, b);
    }
}

/// A text run of 8 MB in one item: read in a worker limited to 256 MiB (the
/// memory needed stays a few times the text), its text kept whole, its
/// analysis skipped with a warning.
#[test]
fn a_long_text_run_needs_memory_in_proportion_and_is_not_analysed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let unit = "多職種会議を開催（9/11、10/2 2回）、";
    let run = unit.repeat((8 << 20) / unit.len());
    let body = format!(
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>対象地域</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>交野市</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>（１）令和6年度の取組実績</w:t></w:r></w:p><w:p><w:r><w:t>①{run}</w:t></w:r></w:p>"
    );
    std::fs::write(tmp.path().join("long.docx"), hostile::docx_of(&body)).expect("write");
    let out = shiryo()
        .current_dir(tmp.path())
        .args(["extract", "long.docx", "--out", "out", "-q"])
        .args(["--memory-mib", "256", "--max-ratio", "100000"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v = report(tmp.path(), "out/long.docx.json");
    let item = &v["submissions"][0]["sections"][0]["items"][0];
    // Kept whole (normalised: full-width brackets become ASCII).
    let text = item["text"].as_str().unwrap_or_default();
    assert!(
        text.len() > 7 << 20 && text.ends_with("2回)、"),
        "{}",
        text.len()
    );
    assert_eq!(item["dates"], serde_json::json!([]));
    assert_eq!(v["submissions"][0]["warnings"][0]["code"], "item_too_long");
}
