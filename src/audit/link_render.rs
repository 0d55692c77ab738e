//! The text and JSON renderings of a [`LinkAudit`].

use super::links::{LinkAudit, TARGET_PRECISION, TARGET_RECALL};
use super::render::{clip, counts_json};
use super::{round4, Counts, Status};
use serde_json::{json, Value};
use std::fmt::Write;

/// The schema identifier of [`render_links_json`]'s output.
pub const LINK_AUDIT_SCHEMA: &str = "shiryo-link-audit/v1";

/// The machine-readable link audit: figures per set and form, and every
/// missed or extra pair with the linker's scores.
pub fn render_links_json(a: &LinkAudit) -> Value {
    let sets: Vec<Value> = a
        .sets
        .iter()
        .map(|s| {
            let (agree, plans) = s.status();
            let forms: Vec<Value> = s
                .forms
                .iter()
                .map(|f| {
                    let diffs: Vec<Value> = f
                        .findings
                        .iter()
                        .filter(|d| d.status != Status::Matched)
                        .map(|d| {
                            json!({
                                "status": d.status.as_str(),
                                "plan": d.plan, "report": d.report,
                                "plan_text": d.plan_text, "report_text": d.report_text,
                                "plan_score": round4(d.plan_score),
                                "report_score": round4(d.report_score),
                                "shared": d.shared,
                            })
                        })
                        .collect();
                    json!({
                        "form": f.form,
                        "pairs": counts_json(&f.counts),
                        "status_agree": f.status_agree,
                        "plans": f.plans,
                        "problem": f.problem,
                        "differences": diffs,
                    })
                })
                .collect();
            json!({
                "set": s.name,
                "pairs": counts_json(&s.counts()),
                "status_agree": agree,
                "plans": plans,
                "passed": s.passes(),
                "forms": forms,
            })
        })
        .collect();
    json!({
        "schema": LINK_AUDIT_SCHEMA,
        "root": a.root,
        "target_precision": TARGET_PRECISION,
        "target_recall": TARGET_RECALL,
        "passed": a.passes(),
        "sets": sets,
    })
}

fn row(out: &mut String, name: &str, c: &Counts, status: (usize, usize)) {
    let _ = writeln!(
        out,
        "  {:<44} {:>6} {:>6} {:>6} {:>9.4} {:>7.4} {:>7}",
        clip(name, 44),
        c.matched + c.missed,
        c.matched + c.extra,
        c.matched,
        round4(c.precision()),
        round4(c.recall()),
        format!("{}/{}", status.0, status.1),
    );
}

/// The human-readable link audit: a table per set (expected pairs, found
/// pairs, matched, precision, recall, plan statuses that agree), the verdict,
/// then every missed or extra pair with the linker's scores.
pub fn render_links_text(a: &LinkAudit) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "shiryo audit --links {}: plan → report pairs (targets: precision ≥ {TARGET_PRECISION}, recall ≥ {TARGET_RECALL})\n",
        a.root
    );
    for s in &a.sets {
        let _ = writeln!(
            out,
            "{}\n  {:<44} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
            s.name, "form", "expect", "found", "match", "precision", "recall", "status"
        );
        for f in &s.forms {
            row(&mut out, &f.form, &f.counts, (f.status_agree, f.plans));
        }
        row(&mut out, "(all)", &s.counts(), s.status());
        let _ = writeln!(out, "  {}\n", if s.passes() { "PASS" } else { "FAIL" });
    }
    let _ = writeln!(
        out,
        "{}\n",
        if a.passes() {
            "PASS: every set reaches the targets"
        } else {
            "FAIL: a set is below the targets or has a problem"
        }
    );
    for s in &a.sets {
        for f in &s.forms {
            if let Some(p) = &f.problem {
                let _ = writeln!(out, "problem {} {}: {p}", s.name, f.form);
            }
            for d in f.findings.iter().filter(|d| d.status != Status::Matched) {
                let _ = writeln!(
                    out,
                    "{:<6} {} {}: plan {} 「{}」 → {} 「{}」 scores {:.3}/{:.3} shared {}",
                    d.status.as_str(),
                    s.name,
                    f.form,
                    d.plan,
                    clip(&d.plan_text, 30),
                    d.report,
                    clip(&d.report_text, 30),
                    d.plan_score,
                    d.report_score,
                    d.shared.join("・"),
                );
            }
        }
    }
    out
}
