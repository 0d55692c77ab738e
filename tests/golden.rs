//! Golden tests: every fixture's extraction against its hand-written
//! `NAME.expected.json`. A key absent from the expected file is not compared
//! (e.g. `at`, `source.sha256`); an empty `message` is not compared either.
//! On failure every differing path is listed with expected and actual values.
//! The family fixtures (`fixtures/family*`) are measured against floors by
//! tests/family.rs instead.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    walk(Path::new("fixtures"), &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            let family = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("family"));
            if !family {
                walk(&p, out);
            }
            continue;
        }
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string();
        if name.ends_with(".expected.json") {
            continue;
        }
        let Some(stem) = p.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let expected = p.with_file_name(format!("{stem}.expected.json"));
        if expected.exists() {
            out.push((p, expected));
        }
    }
}

fn compare(path: &str, exp: &Value, act: &Value, diffs: &mut Vec<String>) {
    match (exp, act) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                if k == "message" && ev.as_str() == Some("") {
                    continue;
                }
                match a.get(k) {
                    Some(av) => compare(&format!("{path}.{k}"), ev, av, diffs),
                    None => diffs.push(format!("{path}.{k}: expected {ev}, actual key missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for i in 0..e.len().max(a.len()) {
                match (e.get(i), a.get(i)) {
                    (Some(ev), Some(av)) => compare(&format!("{path}[{i}]"), ev, av, diffs),
                    (Some(ev), None) => {
                        diffs.push(format!("{path}[{i}]: missing, expected {}", brief(ev)))
                    }
                    (None, Some(av)) => diffs.push(format!("{path}[{i}]: extra {}", brief(av))),
                    (None, None) => {}
                }
            }
        }
        _ if exp != act => diffs.push(format!("{path}: expected {exp}, actual {act}")),
        _ => {}
    }
}

fn brief(v: &Value) -> String {
    if let Some(t) = v.get("text") {
        return format!("item {t}");
    }
    let s = v.to_string();
    s.chars().take(160).collect()
}

#[test]
fn every_fixture_matches_its_expected_file() {
    let cases = fixtures();
    assert!(
        !cases.is_empty(),
        "no fixtures with expected files found under fixtures/"
    );
    let cfg = shiryo::Config::default();
    let mut failures = Vec::new();
    for (input, expected) in &cases {
        let display = shiryo::batch::display_path(input);
        let report = shiryo::extract::extract_file(input, &display, &cfg);
        let actual = serde_json::to_value(&report).expect("report serialises");
        let text = std::fs::read_to_string(expected).expect("expected file readable");
        let exp: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", expected.display()));
        let mut diffs = Vec::new();
        compare("$", &exp, &actual, &mut diffs);
        if !diffs.is_empty() {
            let shown: Vec<_> = diffs.iter().take(40).cloned().collect();
            failures.push(format!(
                "{} ({} differences):\n  {}{}",
                display,
                diffs.len(),
                shown.join("\n  "),
                if diffs.len() > 40 { "\n  …" } else { "" }
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
