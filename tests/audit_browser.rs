//! The audit's HTML page in a real browser (Debian's headless chromium): the
//! page's own script checks every figure against the embedded JSON and writes
//! `data-check="ok"`; a tampered page must say `mismatch`; a screenshot renders.
//!
//! Skips (passes with a notice) when `/usr/bin/chromium` is absent.
//! Set `SHIRYO_AUDIT_SCREENSHOT=FILE.png` to keep the screenshot (and the page,
//! as `FILE.html`).

#[path = "common/browser.rs"]
mod browser;

use serde_json::json;
use shiryo::audit::{compare_values, render_html, AuditOptions, AuditReport, Mode};
use std::path::{Path, PathBuf};

/// Run chromium on the page file `page`.
fn run(browser: &Path, page: &Path, extra: &[String]) -> String {
    browser::run(browser, &format!("file://{}", page.display()), extra)
}

fn report() -> AuditReport {
    let item = |text: &str, cats: &[u8], dates: serde_json::Value| json!({"text": text, "categories": cats, "category_source": "marker", "dates": dates, "counts": []});
    let doc = |items: Vec<serde_json::Value>, warnings: serde_json::Value| {
        json!({"source": {"format": "docx"}, "error": null, "submissions": [{
            "locator": "body", "material_id": "資料2-6", "target_areas": ["交野市"],
            "hubs": ["一社)交野市医師会"], "contractors": ["交野市社会福祉協議会"],
            "sections": [{"number": 1, "kind": "results", "heading": "令和6年度の取組実績",
                          "fiscal_year": 2024, "items": items}],
            "warnings": warnings}]})
    };
    let d = |s: &str| json!({"start": s, "end": s, "planned": false});
    let exp = doc(
        vec![
            item(
                "<会議> & 研修を開催(9/11)",
                &[1, 4],
                json!([d("2024-09-11")]),
            ),
            item("地域の資源を把握し関係機関と調整した", &[2], json!([])),
        ],
        json!([{"code": "count_mismatch", "section": 1, "item": 0}]),
    );
    let act = doc(
        vec![
            item(
                "<会議> & 研修を開催(9/11)",
                &[1],
                json!([d("2024-09-11"), d("2024-10-01")]),
            ),
            item("地域の資源を把握し関係機関と調整した", &[2], json!([])),
            item("市民向けチラシを全戸配布", &[5], json!([])),
        ],
        json!([]),
    );
    let a = compare_values("fixtures/docx/<a>&b.docx", &exp, &act);
    let b = compare_values("fixtures/xlsx/same.xlsx", &exp, &exp);
    AuditReport {
        mode: Mode::Fixtures,
        root: "fixtures".into(),
        files: vec![a, b],
        notes: vec!["1 input(s) without an expected file (not audited): x.docx".into()],
    }
}

/// The value of attribute `name` on the `<html>` element of a dumped DOM.
fn html_attr(dom: &str, name: &str) -> Option<String> {
    let start = dom.find("<html")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let key = format!("{name}=\"");
    let at = tag.find(&key)? + key.len();
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

#[test]
fn page_figures_match_the_embedded_json_in_chromium() {
    let Some(browser) = browser::chromium("audit_browser") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tmp");
    let opts = AuditOptions::default();
    let html = render_html(&report(), &opts);
    let page = dir.path().join("audit.html");
    std::fs::write(&page, &html).expect("write page");

    let dom = run(&browser, &page, &["--dump-dom".into()]);
    assert_eq!(
        html_attr(&dom, "data-check").as_deref(),
        Some("ok"),
        "detail: {:?}",
        html_attr(&dom, "data-check-detail")
    );
    assert!(dom.contains("Figures checked against the embedded data: ok"));
    // Escaped text reached the DOM as text, not as elements.
    assert!(dom.contains("&lt;会議&gt; &amp; 研修を開催(9/11)"));
    assert!(!dom.contains("<会議>"));

    // A page whose table disagrees with its data is caught.
    let needle = r#"<tr data-field="dates" class="low"><th>dates <small>日付</small></th><td class="num" data-k="matched">"#;
    let at = html.find(needle).expect("dates row") + needle.len();
    let mut bad = html.clone();
    bad.replace_range(at..at + 1, "9");
    let bad_page = dir.path().join("tampered.html");
    std::fs::write(&bad_page, &bad).expect("write page");
    let dom = run(&browser, &bad_page, &["--dump-dom".into()]);
    assert_eq!(html_attr(&dom, "data-check").as_deref(), Some("mismatch"));
    let detail = html_attr(&dom, "data-check-detail").unwrap_or_default();
    assert!(detail.contains("dates matched"), "{detail}");

    // The page renders to a screenshot.
    let shot = match std::env::var_os("SHIRYO_AUDIT_SCREENSHOT") {
        Some(p) => {
            let p = PathBuf::from(p);
            std::fs::write(p.with_extension("html"), &html).expect("keep page");
            p
        }
        None => dir.path().join("audit.png"),
    };
    let _ = std::fs::remove_file(&shot);
    run(
        &browser,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1200,900".into(),
            "--hide-scrollbars".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        png.len() > 10_000,
        "suspiciously small screenshot: {} bytes",
        png.len()
    );
}
