//! The overview page in a real browser (Debian's headless chromium): the
//! page's script recomputes every figure from the embedded data and writes
//! `data-check="ok"`; a tampered page says `mismatch`; a form's readable view
//! renders with its highlights and plan ↔ progress ↔ next-year links; two
//! screenshots are kept in `target/tmp/report_browser/` (overview.png,
//! form.png, beside the page overview.html).
//!
//! Skips (passes with a notice) when `/usr/bin/chromium` is absent (.ci/run
//! installs it).

#[path = "common/browser.rs"]
mod browser;
#[path = "support/report_out.rs"]
mod report_out;

use browser::{chromium, run};
use std::path::{Path, PathBuf};

fn html_attr(dom: &str, name: &str) -> Option<String> {
    let start = dom.find("<html")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

fn url(page: &Path, hash: &str) -> String {
    format!("file://{}{hash}", page.display())
}

fn screenshot(browser: &Path, url: &str, file: &Path, height: u32) {
    let _ = std::fs::remove_file(file);
    run(
        browser,
        url,
        &[
            format!("--screenshot={}", file.display()),
            format!("--window-size=1400,{height}"),
            "--hide-scrollbars".into(),
        ],
    );
    let png = std::fs::read(file).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 20_000,
        "suspiciously small screenshot: {} bytes",
        png.len()
    );
}

#[test]
fn overview_figures_match_the_embedded_data_in_chromium() {
    let Some(browser) = chromium("report_browser") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let out = report_out::output_dir(dir.path());
    let page = shiryo::report::report_dir(&out).expect("page").html;
    let keep = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser");
    std::fs::create_dir_all(&keep).expect("screenshot dir");
    let file = keep.join("overview.html");
    std::fs::write(&file, &page).expect("write page");

    let dom = run(&browser, &url(&file, ""), &["--dump-dom".into()]);
    assert_eq!(
        html_attr(&dom, "data-check").as_deref(),
        Some("ok"),
        "detail: {:?}",
        html_attr(&dom, "data-check-detail")
    );
    assert!(dom.contains("every figure checked against the embedded data: ok"));
    assert!(html_attr(&dom, "data-render-ms").is_some());

    // 枚方市's form, alone: highlights, links, next year's results.
    let hirakata = 0;
    let dom = run(
        &browser,
        &url(&file, &format!("#form={hirakata}&only")),
        &["--dump-dom".into()],
    );
    let view = &dom[dom.find("id=\"form-view\"").expect("form view")..];
    assert!(
        view.contains("<mark class=\"hl-date\">12～1月</mark>"),
        "date highlight"
    );
    // 年間5回 stands in a category heading, not in the item: a chip, no mark.
    assert!(view.contains("年5回 会議"), "count chip");
    assert!(view.contains("①会議の開催"), "category names");
    assert_eq!(
        view.matches("<tr data-plan=").count(),
        9,
        "one row per plan item"
    );
    assert!(
        view.contains("「わたしの想いノート」"),
        "next year's result shown beside the plan"
    );
    assert!(view.contains("報告なし"), "the dropped 看取り代診システム");

    // 大東市: 懇話会の開催(2回) — the count is highlighted in the text.
    let daito = 4;
    let dom = run(
        &browser,
        &url(&file, &format!("#form={daito}&only")),
        &["--dump-dom".into()],
    );
    assert!(
        dom.contains("<mark class=\"hl-count\">2回</mark>"),
        "count highlight"
    );

    // A page whose matrix disagrees with its data is caught.
    let needle = "<td class=\"num heat\" data-cat=\"1\" data-value=\"";
    let at = page.find(needle).expect("matrix cell") + needle.len();
    let close = at + page[at..].find("</td>").expect("cell end");
    let gt = page[..close].rfind('>').expect("cell text") + 1;
    let mut bad = page.clone();
    bad.replace_range(gt..close, "999");
    let bad_file = dir.path().join("tampered.html");
    std::fs::write(&bad_file, &bad).expect("write page");
    let dom = run(&browser, &url(&bad_file, ""), &["--dump-dom".into()]);
    assert_eq!(html_attr(&dom, "data-check").as_deref(), Some("mismatch"));
    let detail = html_attr(&dom, "data-check-detail").unwrap_or_default();
    assert!(detail.contains("category 1"), "{detail}");

    // A form read badly (its hub lost, written before the review existed):
    // the page recomputes its verdict, lists it first, and still checks out.
    let json = std::fs::read_dir(out.join("r7"))
        .expect("r7")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .min()
        .expect("a report");
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    let sub = &mut v["submissions"][0];
    sub["hubs"] = serde_json::json!([]);
    sub.as_object_mut().expect("object").remove("review");
    std::fs::write(&json, serde_json::to_vec(&v).expect("json")).expect("write");
    let damaged = shiryo::report::report_dir(&out).expect("page").html;
    let damaged_file = keep.join("overview_review.html");
    std::fs::write(&damaged_file, &damaged).expect("write page");
    let dom = run(&browser, &url(&damaged_file, ""), &["--dump-dom".into()]);
    assert_eq!(
        html_attr(&dom, "data-check").as_deref(),
        Some("ok"),
        "detail: {:?}",
        html_attr(&dom, "data-check-detail")
    );
    let list = &dom[dom.find("id=\"review-list\"").expect("review list")..];
    let list = &list[..list.find("</table>").expect("end of list")];
    assert_eq!(list.matches("<tr data-form=").count(), 1, "{list}");
    assert!(
        list.contains("対象地域・連携の拠点が見つからない"),
        "{list}"
    );

    screenshot(&browser, &url(&file, ""), &keep.join("overview.png"), 2200);
    screenshot(
        &browser,
        &url(&file, "#form=0&only"),
        &keep.join("form.png"),
        2200,
    );
}
