//! The overview page without a browser: what it counts, that it is
//! self-contained, and the `report` and `audit --links` commands.

#[path = "support/report_out.rs"]
mod report_out;

use assert_cmd::Command;
use shiryo::report::{figures, load, report_dir};

#[test]
fn figures_count_what_docs_report_md_says() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = report_out::output_dir(dir.path());
    let loaded = load::load_dir(&out).expect("load");
    assert_eq!(loaded.reports.len(), 9);
    let mut reports = loaded.reports;
    shiryo::link::link_reports(&mut reports);
    let fig = figures::figures(&reports);
    assert_eq!((fig.files, fig.failed, fig.forms), (9, 1, 8));
    let area = |n: &str| fig.areas.iter().find(|a| a.name == n).cloned().expect(n);
    // 枚方市 and 交野市 have this year's and next year's form; 大東市・四條畷市
    // one form naming both.
    assert_eq!(area("枚方市").forms, 2);
    assert_eq!(area("大東市").forms, 1);
    assert_eq!(area("四條畷市").forms, 1);
    // 寝屋川市's plan: 行政とは毎月 (12), 積極的医療機関とは隔月 (6); progress:
    // 12回開催予定中、7回実施 → 7 held; results: 毎月 and 隔月 again.
    let m = fig
        .meetings
        .iter()
        .find(|m| m.hub == "寝屋川市医師会")
        .expect("寝屋川市医師会");
    assert_eq!(
        (m.held_before, m.planned, m.held, m.fiscal_year),
        (18, 18, 7, Some(2025))
    );
    // 大東市 plans 研修会 on R7/9/6: a planned date in September of FY2025.
    let fy2025 = fig
        .calendar
        .iter()
        .find(|r| r.fiscal_year == 2025)
        .expect("FY2025");
    assert!(fy2025.planned[5] >= 1);
}

#[test]
fn the_page_is_self_contained() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = report_out::output_dir(dir.path());
    let page = report_dir(&out).expect("page");
    for banned in ["http://", "https://", " src=", "<link", "@import", "url("] {
        assert!(
            !page.html.contains(banned),
            "page refers outside itself: {banned}"
        );
    }
    // The broken file's name is escaped wherever it appears.
    assert!(page.html.contains("r8/&lt;broken&gt; &amp; empty.docx"));
    assert!(!page.html.contains("<broken>"));
    assert!(page.summary.contains("8 forms"), "{}", page.summary);
}

#[test]
fn report_command_writes_the_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = report_out::output_dir(dir.path());
    let html = dir.path().join("overview.html");
    Command::cargo_bin("shiryo")
        .expect("binary")
        .args(["report"])
        .arg(&out)
        .arg("--html")
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).expect("page written");
    assert!(page.starts_with("<!DOCTYPE html>"));
    Command::cargo_bin("shiryo")
        .expect("binary")
        .args(["report", "no/such/dir", "--html"])
        .arg(&html)
        .assert()
        .code(2);
}

#[test]
fn audit_links_command_reports_each_set() {
    let assert = Command::cargo_bin("shiryo")
        .expect("binary")
        .args(["audit", "fixtures", "--links", "testdata/links"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    for set in ["seed", "next_year_forms", "next_year", "PASS: every set"] {
        assert!(text.contains(set), "{set} missing from:\n{text}");
    }
}
