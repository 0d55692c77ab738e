//! The data embedded in the page: every file and form, compact enough for
//! thousands of forms (docs/REPORT.md "Embedded data").
//!
//! Owns: the shape of `<script type="application/json" id="report-data">`.
//! Files and forms are objects; an item is an array
//! `[text, categories, dates, counts, marks, links]` with dates
//! `[start, end, planned]`, counts `[value, per, every, planned, event]`, marks
//! `[start, end, "d"|"c"]` (UTF-16 offsets into `text`, see [`super::marks`])
//! and links with short keys (`links_json`), other forms named by their
//! index in `forms`. Planned flags are 0/1.
//!
//! Must not know: HTML, how figures are counted.

use super::marks::marks;
use crate::output::{FileReport, Item, ItemRef, Links};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Schema identifier of the embedded data.
pub const DATA_SCHEMA: &str = "shiryo-report/v1";

/// Form index of each (path, locator) on the page.
type FormIndex = HashMap<(String, String), usize>;

fn refs(index: &FormIndex, refs: &[ItemRef]) -> Vec<Value> {
    refs.iter()
        .filter_map(|r| {
            let f = index.get(&(r.path.clone(), r.locator.clone()))?;
            Some(json!([f, r.index]))
        })
        .collect()
}

/// Links with short keys: `s`/`p` (plan: status 1 reported, 0 not; progress
/// indices), `q` (progress: plan indices), `rs`/`r` (plan: next year's status
/// and `[form, index]` results), `pp` (result: `[form, index]` plans).
fn links_json(l: &Links, index: &FormIndex) -> Value {
    let mut o = Map::new();
    let flag = |s: &Option<String>| s.as_deref().map(|s| u8::from(s == crate::link::REPORTED));
    if let Some(s) = flag(&l.status) {
        o.insert("s".into(), json!(s));
    }
    if let Some(p) = &l.progress {
        o.insert("p".into(), json!(p));
    }
    if let Some(q) = &l.plans {
        o.insert("q".into(), json!(q));
    }
    if let Some(s) = flag(&l.results_status) {
        o.insert("rs".into(), json!(s));
    }
    if let Some(r) = &l.results {
        o.insert("r".into(), Value::Array(refs(index, r)));
    }
    if let Some(r) = &l.previous_plans {
        o.insert("pp".into(), Value::Array(refs(index, r)));
    }
    Value::Object(o)
}

fn item_json(item: &Item, index: &FormIndex) -> Value {
    let dates: Vec<Value> = item
        .dates
        .iter()
        .map(|d| json!([d.start, d.end, u8::from(d.planned)]))
        .collect();
    let counts: Vec<Value> = item
        .counts
        .iter()
        .map(|c| json!([c.value, c.per, c.every, u8::from(c.planned), c.event]))
        .collect();
    let marks: Vec<Value> = marks(item)
        .iter()
        .map(|m| json!([m.start, m.end, m.kind.code()]))
        .collect();
    let links = item
        .links
        .as_ref()
        .map_or(Value::Null, |l| links_json(l, index));
    json!([item.text, item.categories, dates, counts, marks, links])
}

/// The embedded data of a set of reports; `skipped` lists JSON files that
/// were not reports.
pub fn page_data(reports: &[FileReport], skipped: &[(String, String)], root: &str) -> Value {
    let mut index = FormIndex::new();
    for r in reports {
        for sub in &r.submissions {
            let next = index.len();
            index
                .entry((r.source.path.clone(), sub.locator.clone()))
                .or_insert(next);
        }
    }
    let mut files = Vec::new();
    let mut forms = Vec::new();
    for (f, r) in reports.iter().enumerate() {
        files.push(json!({
            "path": r.source.path,
            "format": r.source.format,
            "error": r.error,
            "diagnostics": r.diagnostics,
        }));
        for sub in &r.submissions {
            let sections: Vec<Value> = sub
                .sections
                .iter()
                .map(|s| {
                    let items: Vec<Value> = s.items.iter().map(|i| item_json(i, &index)).collect();
                    json!({
                        "number": s.number,
                        "kind": s.kind,
                        "heading": s.heading,
                        "fy": s.fiscal_year,
                        "items": items,
                    })
                })
                .collect();
            forms.push(json!({
                "file": f,
                "locator": sub.locator,
                "material_id": sub.material_id,
                "areas": sub.target_areas,
                "hubs": sub.hubs,
                "contractors": sub.contractors,
                "sections": sections,
                "warnings": sub.warnings,
                "review": sub.review,
            }));
        }
    }
    let skipped: Vec<Value> = skipped
        .iter()
        .map(|(p, why)| json!({"path": p, "reason": why}))
        .collect();
    json!({
        "schema": DATA_SCHEMA,
        "root": root,
        "files": files,
        "forms": forms,
        "skipped": skipped,
    })
}

/// JSON made safe inside a `<script>` element (no `<`, `>` or `&` left).
pub fn script_json(v: &Value) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    s.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
