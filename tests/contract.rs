//! The contract ships: every fixture's output (and failed files' output, and
//! every NDJSON line) validates against `schema/shiryo-v1.schema.json`; ids are
//! stable and follow the documented rule; `generator` names the program.
//!
//! The validator is the `jsonschema` crate (Draft 2020-12, default features off:
//! no network resolving), not a checker of our own: the schema is read the way a
//! user's validator reads it, so a schema the tests accept is one users can use.

mod common;

use serde_json::{json, Value};
use shiryo::output::{item_id, submission_id, FileReport, GENERATOR};
use std::path::{Path, PathBuf};

fn schema() -> Value {
    let text = std::fs::read_to_string("schema/shiryo-v1.schema.json").expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

/// The schema with its root pointed at `$defs/NAME`.
fn schema_of(def: &str) -> Value {
    let mut s = schema();
    s["$ref"] = json!(format!("#/$defs/{def}"));
    s
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::draft202012::new(schema).expect("the schema is valid Draft 2020-12")
}

fn inputs() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = common::walk(Path::new("fixtures"))
        .into_iter()
        .filter(|p| {
            let name = p.to_string_lossy();
            !name.ends_with(".json") && !name.ends_with(".md") && !name.contains("/expected/")
        })
        .collect();
    v.sort();
    v
}

fn reports() -> Vec<FileReport> {
    let cfg = shiryo::Config::default();
    let mut out: Vec<FileReport> = inputs()
        .iter()
        .map(|p| shiryo::extract::extract_file(p, &shiryo::batch::display_path(p), &cfg))
        .collect();
    // Files that cannot be read are part of the contract too.
    for (name, bytes) in [
        ("empty.docx", Vec::new()),
        ("text.xlsx", "テキスト".as_bytes().to_vec()),
        ("plain.docx", common::plain_docx("様式ではない文書")),
    ] {
        out.push(shiryo::extract::extract_bytes(
            &bytes,
            name,
            name.rsplit('.').next().unwrap_or(""),
            &cfg,
        ));
    }
    out
}

fn problems(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect()
}

#[test]
fn every_fixture_output_and_ndjson_line_validates() {
    let files = validator(&schema());
    let lines = validator(&schema_of("NdjsonLine"));
    let reports = reports();
    assert!(reports.len() >= 20, "{} reports", reports.len());
    let mut failures = Vec::new();
    let mut n_lines = 0;
    for r in &reports {
        let v = serde_json::to_value(r).expect("serialises");
        let p = problems(&files, &v);
        if !p.is_empty() {
            failures.push(format!("{}: {}", r.source.path, p.join("; ")));
        }
        for line in r.ndjson_lines() {
            n_lines += 1;
            let p = problems(&lines, &serde_json::to_value(&line).expect("line"));
            if !p.is_empty() {
                failures.push(format!("{} (NDJSON): {}", r.source.path, p.join("; ")));
            }
        }
    }
    assert!(n_lines > reports.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let files = validator(&schema());
    let good = serde_json::to_value(&reports()[0]).expect("json");
    assert!(files.is_valid(&good));
    let mut bad = good.clone();
    bad["submissions"][0]["sections"][0]["kind"] = json!("plan"); // section 1 is results
    assert!(!files.is_valid(&bad));
    let mut bad = good.clone();
    bad["submissions"][0]["sections"][0]["items"][0]["categories"] = json!([6]);
    assert!(!files.is_valid(&bad));
    let mut bad = good.clone();
    bad["error"] = json!({"code": "corrupt", "message": "x"}); // an error with submissions
    assert!(!files.is_valid(&bad));
    let mut bad = good;
    bad["surprise"] = json!(1);
    assert!(!files.is_valid(&bad));
}

#[test]
fn ids_follow_the_documented_rule_and_do_not_change() {
    let a = reports();
    let b = reports();
    assert_eq!(a, b, "the same input gives the same ids");
    for r in &a {
        assert_eq!(r.generator, GENERATOR);
        assert!(r.generator.starts_with("shiryo "));
        for s in &r.submissions {
            assert_eq!(s.id, submission_id(&r.source.path, &s.locator));
            for sec in &s.sections {
                for (i, item) in sec.items.iter().enumerate() {
                    assert_eq!(item.index, i);
                    assert_eq!(item.id, item_id(&s.id, sec.number, i));
                }
            }
        }
    }
    // Known value: the rule is hex(SHA-256(path NUL locator))[..16].
    assert_eq!(submission_id("r7/資料2-1.docx", "body").len(), 16);
    assert_ne!(
        submission_id("r7/a.docx", "body"),
        submission_id("r7/a.docx", "body#2")
    );
    assert_eq!(item_id("0123456789abcdef", 3, 4), "0123456789abcdef-3-4");
}

#[test]
fn reports_written_before_ids_load_with_the_same_ids() {
    let r = &reports()[0];
    let mut v = serde_json::to_value(r).expect("json");
    // An older v1 file: no generator, ids or index.
    v.as_object_mut().expect("object").remove("generator");
    for s in v["submissions"].as_array_mut().expect("array") {
        s.as_object_mut().expect("object").remove("id");
        for sec in s["sections"].as_array_mut().expect("array") {
            for i in sec["items"].as_array_mut().expect("array") {
                i.as_object_mut().expect("object").remove("id");
                i.as_object_mut().expect("object").remove("index");
            }
        }
    }
    let mut old: FileReport = serde_json::from_value(v).expect("older v1 file reads");
    old.assign_ids();
    assert_eq!(old.submissions, r.submissions);
}
