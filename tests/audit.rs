//! The audit's comparison, metrics and renderings on small hand-made JSON.

use serde_json::{json, Value};
use shiryo::audit::{
    self, align_items, compare_values, passes, render_html, render_json, render_text, AuditOptions,
    AuditReport, Field, FileAudit, Group, Mode, Status,
};
use shiryo::output::FileReport;

fn date(text: &str, start: &str, end: &str, planned: bool) -> Value {
    json!({"text": text, "start": start, "end": end, "planned": planned})
}

fn count(text: &str, value: u32, event: Option<&str>) -> Value {
    json!({"text": text, "value": value, "per": null, "every": 1, "planned": false, "event": event})
}

fn item(text: &str, cats: &[u8], dates: Vec<Value>, counts: Vec<Value>) -> Value {
    json!({
        "text": text, "categories": cats, "category_source": "marker",
        "dates": dates, "counts": counts,
        "at": {"table": 1, "row": 2, "col": 0, "paragraph": 0}
    })
}

fn section(number: u8, items: Vec<Value>) -> Value {
    let (kind, heading) = match number {
        1 => ("results", "令和6年度の取組実績"),
        2 => ("issues", "令和6年度の取組みを通じた課題"),
        3 => ("plan", "令和7年度の取組計画"),
        _ => ("progress", "令和7年度の進捗状況"),
    };
    let fy = if number <= 2 { 2024 } else { 2025 };
    json!({"number": number, "kind": kind, "heading": heading, "fiscal_year": fy, "items": items})
}

fn submission(locator: &str, sections: Vec<Value>) -> Value {
    json!({
        "locator": locator, "material_id": "資料2-6", "target_areas": ["交野市"],
        "hubs": ["一社)交野市医師会"],
        "contractors": ["交野市社会福祉協議会", "交野市地域包括支援センター"],
        "sections": sections, "warnings": []
    })
}

fn report(subs: Vec<Value>) -> Value {
    json!({
        "schema": "shiryo/v1",
        "source": {"path": "fixtures/docx/a.docx", "format": "docx", "bytes": 100, "sha256": "ab"},
        "submissions": subs, "diagnostics": [], "error": null
    })
}

fn base() -> Value {
    report(vec![submission(
        "body",
        vec![
            section(
                1,
                vec![
                    item(
                        "ACP をふまえた在宅医療に係る医療と救急活動検討会議を開催(9/11 1回)",
                        &[1],
                        vec![date("9/11", "2024-09-11", "2024-09-11", false)],
                        vec![count("1回", 1, Some("会議"))],
                    ),
                    item("在宅医療に係る多職種研修会を実施", &[4], vec![], vec![]),
                ],
            ),
            section(
                3,
                vec![item(
                    "市民向け講演会の開催(11月予定)",
                    &[5],
                    vec![date("11月", "2025-11", "2025-11", true)],
                    vec![],
                )],
            ),
        ],
    )])
}

fn f1(a: &FileAudit, f: Field) -> f64 {
    a.scores.get(f).f1()
}

fn one(a: FileAudit) -> AuditReport {
    AuditReport {
        mode: Mode::Fixtures,
        root: "t".into(),
        files: vec![a],
        notes: vec![],
    }
}

#[test]
fn perfect_match_scores_one_everywhere() {
    let a = compare_values("a", &base(), &base());
    assert!(a.problem.is_none());
    for (f, c) in a.scores.iter() {
        assert_eq!(c.f1(), 1.0, "{f:?} {c:?}");
        assert_eq!(c.missed + c.extra, 0, "{f:?}");
    }
    assert_eq!(a.scores.get(Field::Items).matched, 3);
    assert_eq!(a.scores.get(Field::Dates).matched, 2);
    assert_eq!(a.scores.get(Field::Contractors).matched, 2);
    assert_eq!(a.scores.get(Field::At).matched, 3);
    assert!(a.differences().next().is_none());
    assert!(passes(&one(a), 1.0));
}

#[test]
fn compare_takes_a_file_report() {
    let actual: FileReport = serde_json::from_value(base()).expect("valid report");
    let a = audit::compare(&base(), &actual);
    assert_eq!(a.file, "fixtures/docx/a.docx");
    assert_eq!(a.scores.total().f1(), 1.0);
}

#[test]
fn missed_category_lowers_recall_only() {
    let mut exp = base();
    exp["submissions"][0]["sections"][0]["items"][0]["categories"] = json!([1, 2]);
    let a = compare_values("a", &exp, &base());
    let c = a.scores.get(Field::Categories);
    assert_eq!((c.matched, c.missed, c.extra), (3, 1, 0));
    assert_eq!(c.precision(), 1.0);
    assert_eq!(c.recall(), 0.75);
    let d: Vec<_> = a.differences().collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].status, Status::Missed);
    assert_eq!(d[0].field, Field::Categories);
    assert_eq!(d[0].section, Some(1));
    assert_eq!(d[0].expected.as_deref(), Some("2"));
    assert!(d[0].item.as_deref().unwrap_or("").starts_with("ACP"));
    assert!(!passes(&one(a.clone()), 1.0));
    assert!(passes(&one(a), 0.8));
}

#[test]
fn extra_date_lowers_precision_only() {
    let mut act = base();
    act["submissions"][0]["sections"][1]["items"][0]["dates"]
        .as_array_mut()
        .expect("dates")
        .push(date("12月", "2025-12", "2025-12", true));
    let a = compare_values("a", &base(), &act);
    let c = a.scores.get(Field::Dates);
    assert_eq!((c.matched, c.missed, c.extra), (2, 0, 1));
    assert_eq!(c.recall(), 1.0);
    assert!((c.precision() - 2.0 / 3.0).abs() < 1e-9);
    let d: Vec<_> = a.differences().collect();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].status, Status::Extra);
    assert_eq!(
        d[0].actual.as_deref(),
        Some("12月: start=2025-12 end=2025-12 planned=true")
    );
    // Other fields are untouched.
    assert_eq!(f1(&a, Field::Items), 1.0);
    assert_eq!(f1(&a, Field::Counts), 1.0);
}

#[test]
fn wrong_date_value_is_one_missed_and_one_extra() {
    let mut act = base();
    act["submissions"][0]["sections"][0]["items"][0]["dates"][0]["planned"] = json!(true);
    let a = compare_values("a", &base(), &act);
    let c = a.scores.get(Field::Dates);
    assert_eq!((c.matched, c.missed, c.extra), (1, 1, 1));
}

#[test]
fn split_items_still_align() {
    let whole = "多職種連携会議を開催し、ACPに関する研修会を実施した(6/3、9/9)";
    let exp = report(vec![submission(
        "body",
        vec![section(
            1,
            vec![item(
                whole,
                &[1, 4],
                vec![
                    date("6/3", "2024-06-03", "2024-06-03", false),
                    date("9/9", "2024-09-09", "2024-09-09", false),
                ],
                vec![],
            )],
        )],
    )]);
    let act = report(vec![submission(
        "body",
        vec![section(
            1,
            vec![
                item("多職種連携会議を開催し、", &[1], vec![], vec![]),
                item(
                    "ACPに関する研修会を実施した(6/3、9/9)",
                    &[4],
                    vec![
                        date("6/3", "2024-06-03", "2024-06-03", false),
                        date("9/9", "2024-09-09", "2024-09-09", false),
                    ],
                    vec![],
                ),
            ],
        )],
    )]);
    let a = compare_values("a", &exp, &act);
    for f in [
        Field::Items,
        Field::Categories,
        Field::CategorySource,
        Field::Dates,
    ] {
        assert_eq!(
            f1(&a, f),
            1.0,
            "{f:?}: {:?}",
            a.differences().collect::<Vec<_>>()
        );
    }
    let items: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.field == Field::Items)
        .collect();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].actual.as_deref(),
        Some("多職種連携会議を開催し、 / ACPに関する研修会を実施した(6/3、9/9)")
    );
}

#[test]
fn alignment_rules() {
    // Reordered identical texts pair up.
    assert_eq!(
        align_items(
            &["会議を開催", "研修会を実施"],
            &["研修会を実施", "会議を開催"]
        ),
        vec![
            Group {
                exp: vec![0],
                act: vec![1]
            },
            Group {
                exp: vec![1],
                act: vec![0]
            }
        ]
    );
    // Width and markers do not matter.
    assert_eq!(
        align_items(&["①会議を開催（年５回）"], &["会議を開催(年5回)"]),
        vec![Group {
            exp: vec![0],
            act: vec![0]
        }]
    );
    // Merged on the actual side: two expected items, one actual.
    let g = align_items(
        &["地域の資源を把握した", "関係機関との調整会議を2回開催"],
        &["地域の資源を把握した 関係機関との調整会議を2回開催"],
    );
    assert_eq!(
        g,
        vec![Group {
            exp: vec![0, 1],
            act: vec![0]
        }]
    );
    // Unrelated texts: one missed, one extra; the extra comes right after the
    // group of the actual item before it.
    let g = align_items(
        &["会議を開催", "研修会を実施"],
        &["会議を開催", "普及啓発のチラシを全戸配布"],
    );
    assert_eq!(
        g,
        vec![
            Group {
                exp: vec![0],
                act: vec![0]
            },
            Group {
                exp: vec![],
                act: vec![1]
            },
            Group {
                exp: vec![1],
                act: vec![]
            },
        ]
    );
    assert!(audit::dice("会議を開催", "会議を開催する") > audit::DICE_MIN);
}

#[test]
fn missing_keys_are_not_compared() {
    // A person wrote only part of the file: no `at`, no sha256/bytes, no dates,
    // no diagnostics, no contractors, warnings without messages.
    let exp = json!({
        "source": {"path": "fixtures/docx/a.docx", "format": "docx"},
        "submissions": [{
            "locator": "body",
            "material_id": "資料2-6",
            "target_areas": ["交野市"],
            "hubs": ["一社)交野市医師会"],
            "sections": [
                {"number": 1, "items": [
                    {"text": "ACP をふまえた在宅医療に係る医療と救急活動検討会議を開催(9/11 1回)", "categories": [1],
                     "counts": [{"value": 1}]},
                    {"text": "在宅医療に係る多職種研修会を実施", "categories": [4]}
                ]},
                {"number": 3, "heading": "令和7年度の取組計画", "items": [
                    {"text": "市民向け講演会の開催(11月予定)", "dates": [{"start": "2025-11", "end": "2025-11"}]}
                ]}
            ],
            "warnings": [{"code": "date_outside_fiscal_year", "section": 3, "item": 0}]
        }]
    });
    let mut act = base();
    act["source"]["sha256"] = json!("something else");
    act["diagnostics"] = json!([{"level": "warning", "code": "hidden_sheet", "message": "x"}]);
    act["submissions"][0]["warnings"] = json!([{"code": "date_outside_fiscal_year", "section": 3, "item": 0, "message": "any words"}]);
    let a = compare_values("a", &exp, &act);
    let d: Vec<_> = a.differences().collect();
    assert!(d.is_empty(), "{d:#?}");
    for f in [
        Field::Diagnostics,
        Field::Contractors,
        Field::CategorySource,
        Field::At,
    ] {
        assert!(a.scores.get(f).is_empty(), "{f:?} compared");
    }
    assert_eq!(a.scores.get(Field::Source).matched, 2);
    assert_eq!(a.scores.get(Field::Warnings).matched, 1);
    assert_eq!(a.scores.get(Field::Counts).matched, 1);
    assert_eq!(
        a.scores.get(Field::Dates).matched,
        1,
        "only section 3 has dates in expected"
    );
    assert_eq!(
        a.scores.get(Field::Sections).matched,
        3,
        "number, number, heading"
    );
}

#[test]
fn submissions_match_by_locator_and_extras_count() {
    let exp = report(vec![
        submission("sheet:交野市", vec![section(2, vec![])]),
        submission("sheet:枚方市", vec![section(2, vec![])]),
    ]);
    let act = report(vec![
        submission("sheet:枚方市", vec![section(2, vec![])]),
        submission("sheet:交野市", vec![section(2, vec![])]),
        submission(
            "sheet:守口市",
            vec![section(2, vec![item("課題", &[], vec![], vec![])])],
        ),
    ]);
    let a = compare_values("a", &exp, &act);
    let s = a.scores.get(Field::Submissions);
    assert_eq!((s.matched, s.missed, s.extra), (2, 0, 1));
    assert_eq!(a.scores.get(Field::MaterialId).extra, 1);
    assert_eq!(a.scores.get(Field::Items).extra, 1);
    assert_eq!(a.scores.get(Field::Hubs).matched, 2);
    // Findings sorted by position: the extra submission's findings come last.
    let last = a.findings.last().expect("findings");
    assert_eq!(last.locator.as_deref(), Some("sheet:守口市"));
}

#[test]
fn warnings_follow_item_alignment() {
    let mut exp = base();
    exp["submissions"][0]["warnings"] =
        json!([{"code": "count_mismatch", "section": 1, "item": 1}]);
    let mut act = base();
    // The actual side has an extra item first, so the same statement is item 2.
    act["submissions"][0]["sections"][0]["items"]
        .as_array_mut()
        .expect("items")
        .insert(0, item("全く別の内容の行", &[], vec![], vec![]));
    act["submissions"][0]["warnings"] =
        json!([{"code": "count_mismatch", "section": 1, "item": 2, "message": "m"}]);
    let a = compare_values("a", &exp, &act);
    assert_eq!(
        a.scores.get(Field::Warnings).matched,
        1,
        "{:#?}",
        a.differences().collect::<Vec<_>>()
    );
    assert_eq!(a.scores.get(Field::Items).extra, 1);
}

#[test]
fn error_codes_and_empty_fields() {
    let exp = json!({"submissions": [], "error": {"code": "encrypted", "message": "people write anything"}});
    let act =
        json!({"submissions": [], "error": {"code": "corrupt", "message": "x"}, "diagnostics": []});
    let a = compare_values("a", &exp, &act);
    let e = a.scores.get(Field::Error);
    assert_eq!((e.matched, e.missed, e.extra), (0, 1, 1));
    let ok = compare_values("a", &json!({"error": {"code": "corrupt"}}), &act);
    assert_eq!(ok.scores.get(Field::Error).matched, 1);
    // A field with no facts on either side counts as 1.0.
    assert_eq!(ok.scores.get(Field::Dates).f1(), 1.0);
    assert!(passes(&one(ok), 1.0));
}

#[test]
fn expected_must_be_an_object() {
    let a = compare_values("a", &json!([1, 2]), &base());
    assert!(a.problem.is_some());
    assert!(!passes(&one(a), 0.0));
}

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

#[test]
fn audit_dir_finds_cases_and_notes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let root = tmp.path().join("fx");
    write(&root.join("docx/a.docx"), "not really a docx");
    write(&root.join("docx/a.expected.json"), &base().to_string());
    write(&root.join("xlsx/b.xlsx"), "no expected");
    write(&root.join("xlsx/c.expected.json"), "{}");
    write(&root.join("xlsx/d.xlsx"), "x");
    write(&root.join("xlsx/d.xlsx.expected.json"), "{not json");
    let rep = audit::audit_dir_with(&root, &|cases| {
        let names: Vec<&str> = cases.iter().map(|c| c.display.as_str()).collect();
        assert_eq!(names, ["fx/docx/a.docx", "fx/xlsx/d.xlsx"]);
        cases
            .iter()
            .map(|c| {
                let mut r: FileReport = serde_json::from_value(base()).expect("report");
                r.source.path = c.display.clone();
                r
            })
            .collect()
    })
    .expect("audit");
    assert_eq!(rep.files.len(), 2);
    assert_eq!(rep.files[0].file, "fx/docx/a.docx");
    // source.path: "fx/docx/a.docx" is not "fixtures/docx/a.docx"…
    assert_eq!(rep.files[0].scores.get(Field::Source).missed, 1);
    // … but "docx/a.docx" is (the same file, audited from `fixtures/docx`).
    let mut inner = base();
    inner["source"]["path"] = json!("docx/a.docx");
    let a = compare_values("a", &base(), &inner);
    assert_eq!(a.scores.get(Field::Source).matched, 4);
    inner["source"]["path"] = json!("cx/a.docx");
    let a = compare_values("a", &base(), &inner);
    assert_eq!(a.scores.get(Field::Source).missed, 1);
    assert!(rep.files[1]
        .problem
        .as_deref()
        .unwrap_or("")
        .contains("not valid JSON"));
    assert!(rep.notes.iter().any(|n| n.contains("fx/xlsx/b.xlsx")));
    assert!(rep.notes.iter().any(|n| n.contains("c.expected.json")));
    assert!(!passes(&rep, 0.0));

    // The real extraction runs too (the input is not a docx: corrupt).
    let real = audit::audit_dir(&root.join("docx"), &shiryo::Config::default()).expect("audit");
    assert_eq!(real.files.len(), 1);
    assert_eq!(
        real.files[0].scores.get(Field::Error).extra,
        1,
        "{}",
        render_text(&real, &AuditOptions::default())
    );

    let empty = tempfile::tempdir().expect("tmp");
    assert!(matches!(
        audit::audit_dir(empty.path(), &shiryo::Config::default()),
        Err(audit::AuditError::NothingToAudit(_))
    ));
    assert!(matches!(
        audit::audit_dir(&root.join("nope"), &shiryo::Config::default()),
        Err(audit::AuditError::NotADirectory(_))
    ));
}

#[test]
fn compare_dirs_pairs_by_relative_path() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (e, a) = (tmp.path().join("accepted"), tmp.path().join("new"));
    write(&e.join("docx/a.docx.json"), &base().to_string());
    let mut changed = base();
    changed["submissions"][0]["hubs"] = json!(["交野市医師会"]);
    write(&a.join("docx/a.docx.json"), &changed.to_string());
    write(&e.join("gone.xlsx.json"), &base().to_string());
    write(&a.join("new.xlsx.json"), &base().to_string());
    let rep = audit::compare_dirs(&e, &a).expect("compare");
    assert_eq!(rep.mode, Mode::Compare);
    assert_eq!(rep.files.len(), 2);
    let h = rep.files[0].scores.get(Field::Hubs);
    assert_eq!((h.matched, h.missed, h.extra), (0, 1, 1));
    assert!(
        rep.files[1].problem.is_some(),
        "gone.xlsx.json has no actual output"
    );
    assert!(rep.notes.iter().any(|n| n.contains("new.xlsx.json")));
}

fn mixed_report() -> AuditReport {
    let mut exp = base();
    exp["submissions"][0]["sections"][0]["items"][1]["text"] = json!("<b>研修</b> & 会議を実施");
    exp["submissions"][0]["sections"][0]["items"][1]["categories"] = json!([2, 4]);
    let mut act = base();
    act["submissions"][0]["sections"][0]["items"][1]["text"] = json!("<b>研修</b> & 会議を実施");
    act["submissions"][0]["sections"][1]["items"][0]["dates"]
        .as_array_mut()
        .expect("dates")
        .push(date("<12月>", "2025-12", "2025-12", true));
    let a = compare_values("fixtures/docx/a&b.docx", &exp, &act);
    let b = compare_values("fixtures/xlsx/perfect.xlsx", &base(), &base());
    AuditReport {
        mode: Mode::Fixtures,
        root: "fixtures".into(),
        files: vec![a, b],
        notes: vec!["note <1>".into()],
    }
}

#[test]
fn text_report_lists_figures_and_capped_differences() {
    let rep = mixed_report();
    let opts = AuditOptions {
        min_f1: 1.0,
        max_findings: 1,
    };
    let t = render_text(&rep, &opts);
    assert!(t.contains("FAIL"), "{t}");
    assert!(t.contains("categories"));
    assert!(t.contains("Differences (1 of 2 shown)"), "{t}");
    assert!(t.contains("fixtures/docx/a&b.docx"));
    assert!(t.contains("categories missed: 2"), "{t}");
    let t = render_text(
        &rep,
        &AuditOptions {
            min_f1: 0.5,
            max_findings: 10,
        },
    );
    assert!(t.contains("PASS"), "{t}");
    assert!(t.contains("dates extra: <12月>: start=2025-12"), "{t}");
}

#[test]
fn json_report_has_figures_per_field() {
    let rep = mixed_report();
    let v = render_json(&rep, &AuditOptions::default());
    assert_eq!(v["schema"], "shiryo-audit/v1");
    assert_eq!(v["passed"], false);
    assert_eq!(v["failing_fields"], json!(["categories", "dates"]));
    let cats = &v["files"][0]["fields"][Field::Categories as usize];
    assert_eq!(cats["field"], "categories");
    assert_eq!(cats["missed"], 1);
    assert_eq!(cats["recall"], 0.75);
    assert_eq!(
        v["files"][0]["differences"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(v["files"][1]["total"]["f1"], 1.0);
}

fn embedded_json(html: &str) -> Value {
    let open = r#"<script type="application/json" id="audit-data">"#;
    let start = html.find(open).expect("embedded data") + open.len();
    let end = start + html[start..].find("</script>").expect("end of data");
    serde_json::from_str(&html[start..end]).expect("embedded JSON parses")
}

#[test]
fn html_page_is_self_contained_escaped_and_matches_its_data() {
    let rep = mixed_report();
    let opts = AuditOptions::default();
    let html = render_html(&rep, &opts);
    assert!(html.starts_with("<!DOCTYPE html>"));
    let data = embedded_json(&html);
    assert_eq!(data, render_json(&rep, &opts));
    // Every figure of the data is in the summary table row of its field.
    for f in data["overall"]["fields"].as_array().expect("fields") {
        let name = f["field"].as_str().expect("name");
        let row_start = html
            .find(&format!(r#"<tr data-field="{name}""#))
            .expect("row");
        let row = &html[row_start..row_start + html[row_start..].find("</tr>").expect("row end")];
        for k in ["matched", "missed", "extra"] {
            assert!(
                row.contains(&format!(r#"data-k="{k}">{}<"#, f[k])),
                "{name} {k}: {row}"
            );
        }
        for k in ["precision", "recall", "f1"] {
            let x = f[k].as_f64().expect("number");
            assert!(
                row.contains(&format!(r#"data-k="{k}">{x:.4}<"#)),
                "{name} {k}: {row}"
            );
        }
        let bar = format!(
            r#"class="bar {}" data-field="{name}" data-f1="{:.4}""#,
            if f["f1"].as_f64() < Some(1.0) {
                "low"
            } else {
                "ok"
            },
            f["f1"].as_f64().unwrap_or(0.0)
        );
        assert!(html.contains(&bar), "{bar}");
    }
    // Item texts are escaped everywhere, the embedded JSON included.
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;b&gt;研修&lt;/b&gt; &amp; 会議を実施"));
    assert!(html.contains("a&amp;b.docx"));
    assert!(html.contains("note &lt;1&gt;"));
    // Colours per status, and nothing loaded from elsewhere.
    for class in [
        r#"<tr class="matched""#,
        r#"<tr class="missed""#,
        r#"<tr class="extra""#,
    ] {
        assert!(html.contains(class), "{class}");
    }
    for external in ["src=", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    assert_eq!(html.matches("<section class=\"file\"").count(), 2);
}

#[test]
fn categories_are_also_counted_per_section() {
    let mut actual = base();
    // Section 3's item loses ⑤ and gains ②: one missed, one extra, in §3 only.
    actual["submissions"][0]["sections"][1]["items"][0]["categories"] = serde_json::json!([2]);
    let r = one(compare_values("a", &base(), &actual));
    let s1 = r.categories_in_section(1);
    let s3 = r.categories_in_section(3);
    assert_eq!((s1.matched, s1.missed, s1.extra), (2, 0, 0));
    assert_eq!((s3.matched, s3.missed, s3.extra), (0, 1, 1));
    assert!(r.categories_in_section(2).is_empty());
    let all = r.scores().get(Field::Categories);
    assert_eq!(all.matched + all.missed + all.extra, 4);
}
