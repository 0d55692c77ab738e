//! The linker measured against the hand-written expected links of
//! `testdata/links/` (issue 16, part 3), and the cross-year post-pass of an
//! extract run. Prints precision and recall per form and per set
//! (`cargo test --test links -- --nocapture`).

use shiryo::audit::{audit_links, render_links_text, TARGET_PRECISION, TARGET_RECALL};
use shiryo::output::FileReport;
use shiryo::Config;
use std::path::Path;

#[test]
fn links_reach_the_targets_on_every_set() {
    let audit = audit_links(
        Path::new("testdata/links"),
        Path::new("fixtures"),
        &Config::default(),
    )
    .expect("link audit runs");
    println!("{}", render_links_text(&audit));
    let names: Vec<&str> = audit.sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["seed", "next_year_forms", "next_year"]);
    for set in &audit.sets {
        for f in &set.forms {
            assert!(
                f.problem.is_none(),
                "{} {}: {:?}",
                set.name,
                f.form,
                f.problem
            );
        }
        let c = set.counts();
        assert!(
            c.precision() >= TARGET_PRECISION && c.recall() >= TARGET_RECALL,
            "{}: precision {:.4}, recall {:.4}",
            set.name,
            c.precision(),
            c.recall()
        );
    }
    // Figures as measured when the linker was tuned (docs/LINKS.md); a change
    // to the linker that moves them must update the doc.
    let seed = audit.sets[0].counts();
    assert_eq!((seed.matched, seed.missed, seed.extra), (34, 2, 1));
}

/// Stage this year's and next year's 枚方市 forms under `dir/r7`, `dir/r8`.
fn stage(dir: &Path) {
    for (from, to) in [THIS, NEXT] {
        let to = dir.join(to);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(from, to).expect("copy fixture");
    }
}

/// `shiryo extract DIRS... --out OUT -j JOBS [EXTRA]` run in `dir`.
fn run(dir: &Path, dirs: &[&str], out: &str, jobs: usize, extra: &[&str]) {
    assert_cmd::Command::cargo_bin("shiryo")
        .expect("binary")
        .current_dir(dir)
        .arg("extract")
        .args(dirs)
        .args(["--out", out, "-q", "-j", &jobs.to_string()])
        .args(extra)
        .assert()
        .success();
}

fn read(path: &Path) -> FileReport {
    serde_json::from_slice(&std::fs::read(path).expect("output")).expect("report")
}

const THIS: (&str, &str) = ("fixtures/docx/2-1_hirakata.docx", "r7/2-1_hirakata.docx");
const NEXT: (&str, &str) = (
    "fixtures/next_year/2026_hirakata.docx",
    "r8/2026_hirakata.docx",
);

#[test]
fn an_extract_run_links_plans_to_next_years_results() {
    let dir = tempfile::tempdir().expect("tmp");
    stage(dir.path());
    run(dir.path(), &["r7", "r8"], "out", 2, &[]);
    let out = dir.path().join("out");
    let this = read(&out.join("r7/2-1_hirakata.docx.json"));
    let next = read(&out.join("r8/2026_hirakata.docx.json"));
    let plans = &this.submissions[0].sections[2];
    assert_eq!(plans.number, 3);
    let links = plans.items[3].links.as_ref().expect("plan links");
    assert_eq!(links.status.as_deref(), Some("reported"));
    assert_eq!(links.progress.as_deref(), Some(&[1usize][..]));
    assert_eq!(links.results_status.as_deref(), Some("reported"));
    let results = links.results.as_ref().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(
        (
            results[0].path.as_str(),
            results[0].locator.as_str(),
            results[0].index
        ),
        ("r8/2026_hirakata.docx", "body", 2)
    );
    // As database rows: 9 plan → progress rows and 8 plan → result rows.
    let rows = shiryo::link::link_rows(&this);
    let kinds = |k: &str| rows.iter().filter(|r| r.kind == k).count();
    assert_eq!((kinds("progress"), kinds("results")), (9, 8));
    assert!(rows.iter().any(|r| r.kind == "results"
        && r.plan.index == 3
        && (r.report.path.as_str(), r.report.section, r.report.index)
            == ("r8/2026_hirakata.docx", 1, 2)));
    // 看取り代診システム: dropped from next year's results.
    let dropped = plans.items[4].links.as_ref().expect("links");
    assert_eq!(dropped.results_status.as_deref(), Some("not_reported"));
    // The other direction, on next year's section 1.
    let back = next.submissions[0].sections[0].items[2]
        .links
        .as_ref()
        .and_then(|l| l.previous_plans.clone())
        .expect("previous plans");
    assert_eq!(back.len(), 1);
    assert_eq!(
        (back[0].path.as_str(), back[0].index),
        ("r7/2-1_hirakata.docx", 3)
    );
    // Next year's own plan is not linked to anything later.
    let own = next.submissions[0].sections[2].items[0]
        .links
        .as_ref()
        .expect("links");
    assert!(own.results.is_none() && own.results_status.is_none());
}

#[test]
fn the_post_pass_is_deterministic_and_clears_what_no_longer_holds() {
    let dir = tempfile::tempdir().expect("tmp");
    stage(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(dir.path(), &["r7", "r8"], "a", 1, &[]);
    run(dir.path(), &["r7", "r8"], "b", 2, &[]);
    for f in ["r7/2-1_hirakata.docx.json", "r8/2026_hirakata.docx.json"] {
        assert_eq!(
            std::fs::read(a.join(f)).ok(),
            std::fs::read(b.join(f)).ok(),
            "{f}"
        );
    }
    // Rerun into the same directory: same bytes.
    let before = std::fs::read(a.join("r7/2-1_hirakata.docx.json")).ok();
    run(dir.path(), &["r7", "r8"], "a", 2, &[]);
    assert_eq!(
        before,
        std::fs::read(a.join("r7/2-1_hirakata.docx.json")).ok()
    );
    // Next year's file alone in a run that keeps existing outputs: the
    // back-links to a form no longer in the run go.
    run(dir.path(), &["r8"], "a", 1, &["--skip-existing"]);
    let next = read(&a.join("r8/2026_hirakata.docx.json"));
    let any_back = next.submissions[0]
        .sections
        .iter()
        .flat_map(|s| &s.items)
        .any(|i| i.links.as_ref().is_some_and(|l| l.previous_plans.is_some()));
    assert!(!any_back, "stale previous_plans left behind");
}
