//! The text and JSON renderings of an [`AuditReport`].
//!
//! Every figure is rounded to four decimals here and in the HTML page, so the
//! three renderings show the same numbers.

use super::{
    failing_fields, passes, round4, AuditOptions, AuditReport, Counts, Field, Finding, Scores,
    Status,
};
use serde_json::{json, Value};
use std::fmt::Write;

/// The schema identifier of [`render_json`]'s output.
pub const AUDIT_SCHEMA: &str = "shiryo-audit/v1";

/// One field's counts and figures, as every JSON report gives them.
pub(crate) fn counts_json(c: &Counts) -> Value {
    json!({
        "matched": c.matched,
        "missed": c.missed,
        "extra": c.extra,
        "precision": round4(c.precision()),
        "recall": round4(c.recall()),
        "f1": round4(c.f1()),
    })
}

fn fields_json(s: &Scores) -> Value {
    let fields: Vec<Value> = s
        .iter()
        .map(|(f, c)| {
            let mut v = counts_json(&c);
            if let Some(o) = v.as_object_mut() {
                o.insert("field".into(), Value::String(f.as_str().into()));
            }
            v
        })
        .collect();
    json!({ "fields": fields, "total": counts_json(&s.total()) })
}

/// The machine-readable report: figures per field over all files and per file,
/// and every missed or extra fact (matched facts are only counted).
pub fn render_json(report: &AuditReport, opts: &AuditOptions) -> Value {
    let failing: Vec<Value> = failing_fields(report, opts.min_f1)
        .iter()
        .map(|(f, _)| Value::String(f.as_str().into()))
        .collect();
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            let diffs: Vec<&Finding> = f.differences().collect();
            let mut v = fields_json(&f.scores);
            if let Some(o) = v.as_object_mut() {
                // File first for readers of the raw JSON.
                let mut out = serde_json::Map::new();
                out.insert("file".into(), Value::String(f.file.clone()));
                out.insert("problem".into(), json!(f.problem));
                out.append(o);
                out.insert("differences".into(), json!(diffs));
                out.insert("reviews".into(), json!(f.reviews));
                return Value::Object(out);
            }
            v
        })
        .collect();
    json!({
        "schema": AUDIT_SCHEMA,
        "mode": report.mode,
        "root": report.root,
        "min_f1": opts.min_f1,
        "passed": passes(report, opts.min_f1),
        "failing_fields": failing,
        "overall": fields_json(&report.scores()),
        "review": review_json(report),
        "categories_by_section": (1..=4u8)
            .map(|n| {
                let mut v = counts_json(&report.categories_in_section(n));
                if let Some(o) = v.as_object_mut() {
                    o.insert("section".into(), json!(n));
                }
                v
            })
            .collect::<Vec<_>>(),
        "files": files,
        "notes": report.notes,
    })
}

fn review_json(report: &AuditReport) -> Value {
    let c = report.review_counts();
    json!({
        "bad_below_f1": super::BAD_F1,
        "bad": c.bad,
        "bad_flagged": c.bad_flagged,
        "good": c.good,
        "good_flagged": c.good_flagged,
        "recall": round4(c.recall()),
        "good_flagged_share": round4(c.good_flagged_share()),
        "meets_targets": c.meets_targets(),
    })
}

/// The review line of the text report: how many forms below F1 0.9 were
/// flagged `check`, and how many good ones (docs/REVIEW.md).
fn review_text(out: &mut String, report: &AuditReport) {
    let c = report.review_counts();
    let _ = writeln!(
        out,
        "review: {} of {} forms below F1 {:.1} flagged (recall {:.4}, target >= {:.2}); \
         {} of {} good forms flagged ({:.4}, target <= {:.2})",
        c.bad_flagged,
        c.bad,
        super::BAD_F1,
        round4(c.recall()),
        super::REVIEW_TARGET_RECALL,
        c.good_flagged,
        c.good,
        round4(c.good_flagged_share()),
        super::TARGET_GOOD_FLAGGED
    );
}

/// Cut `s` to at most `n` characters, marking the cut with `…`.
pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn row(out: &mut String, name: &str, c: &Counts) {
    let _ = writeln!(
        out,
        "{name:<16} {:>8} {:>7} {:>7} {:>10.4} {:>7.4} {:>7.4}",
        c.matched,
        c.missed,
        c.extra,
        round4(c.precision()),
        round4(c.recall()),
        round4(c.f1())
    );
}

/// A human-readable report: the table of figures, the verdict, the files from
/// worst to best, then the differences sorted by file and position, at most
/// `opts.max_findings` of them.
pub fn render_text(report: &AuditReport, opts: &AuditOptions) -> String {
    let mut out = String::new();
    let scores = report.scores();
    let with_diffs = report
        .files
        .iter()
        .filter(|f| f.differences().next().is_some())
        .count();
    let problems = report.problems().count();
    let _ = writeln!(
        out,
        "shiryo audit ({}) {}: {} file(s), {} with differences, {} problem(s)\n",
        match report.mode {
            super::Mode::Fixtures => "fixtures",
            super::Mode::Compare => "compare",
        },
        report.root,
        report.files.len(),
        with_diffs,
        problems
    );
    let _ = writeln!(
        out,
        "{:<16} {:>8} {:>7} {:>7} {:>10} {:>7} {:>7}",
        "field", "matched", "missed", "extra", "precision", "recall", "f1"
    );
    for (f, c) in scores.iter() {
        row(&mut out, f.as_str(), &c);
    }
    row(&mut out, "(all)", &scores.total());
    for n in 1..=4u8 {
        let c = report.categories_in_section(n);
        if !c.is_empty() {
            row(&mut out, &format!("  categories §{n}"), &c);
        }
    }
    out.push('\n');

    let failing = failing_fields(report, opts.min_f1);
    if passes(report, opts.min_f1) {
        let _ = writeln!(out, "PASS: every field's F1 >= {:.4}", opts.min_f1);
    } else {
        let mut why: Vec<String> = failing
            .iter()
            .map(|(f, x)| format!("{} {:.4}", f.as_str(), round4(*x)))
            .collect();
        if problems > 0 {
            why.push(format!("{problems} file(s) with problems"));
        }
        let _ = writeln!(out, "FAIL (min F1 {:.4}): {}", opts.min_f1, why.join(", "));
    }
    review_text(&mut out, report);

    let mut worst: Vec<_> = report
        .files
        .iter()
        .filter(|f| f.problem.is_some() || f.differences().next().is_some())
        .collect();
    worst.sort_by(|a, b| {
        let (fa, fb) = (a.scores.total().f1(), b.scores.total().f1());
        b.problem
            .is_some()
            .cmp(&a.problem.is_some())
            .then(fa.total_cmp(&fb))
            .then(a.file.cmp(&b.file))
    });
    if !worst.is_empty() {
        out.push_str("\nFiles with differences, worst first:\n");
        for f in &worst {
            match &f.problem {
                Some(p) => {
                    let _ = writeln!(out, "  problem {}: {p}", f.file);
                }
                None => {
                    let t = f.scores.total();
                    let _ = writeln!(
                        out,
                        "  {:.4}  {}  (missed {}, extra {})",
                        round4(t.f1()),
                        f.file,
                        t.missed,
                        t.extra
                    );
                }
            }
        }
    }

    let folded: Vec<(&str, Vec<(&Finding, usize)>)> = report
        .files
        .iter()
        .map(|f| (f.file.as_str(), fold(f.differences())))
        .collect();
    let total: usize = folded.iter().map(|(_, l)| l.len()).sum();
    if total > 0 {
        let shown = total.min(opts.max_findings);
        let _ = writeln!(out, "\nDifferences ({shown} of {total} shown):");
        let mut left = opts.max_findings;
        for (file, lines) in &folded {
            if left == 0 {
                break;
            }
            if lines.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{file}");
            for (d, more) in lines.iter().take(left) {
                let _ = write!(out, "  {}", finding_line(d));
                if *more > 0 {
                    let _ = write!(out, " (+{more} more {} facts within)", d.status.as_str());
                }
                out.push('\n');
            }
            left = left.saturating_sub(lines.len());
        }
    }
    if !report.notes.is_empty() {
        out.push_str("\nNotes:\n");
        for n in &report.notes {
            let _ = writeln!(out, "  {n}");
        }
    }
    out
}

/// Whether `d` is a whole submission, section or item missing from one side.
fn is_container(d: &Finding) -> bool {
    match d.field {
        Field::Submissions | Field::Items => true,
        Field::Sections => {
            d.section.is_some()
                && d.expected
                    .as_deref()
                    .or(d.actual.as_deref())
                    .is_some_and(|v| v.starts_with("number="))
        }
        _ => false,
    }
}

/// Differences as text lines: the facts inside a missed (or extra)
/// submission, section or item are folded into its line, as a count.
fn fold<'a>(diffs: impl Iterator<Item = &'a Finding>) -> Vec<(&'a Finding, usize)> {
    let mut lines: Vec<(&Finding, usize)> = Vec::new();
    let mut open: Option<usize> = None;
    for d in diffs {
        if let Some(k) = open {
            let c = lines[k].0;
            let inside = d.status == c.status
                && d.locator == c.locator
                && (c.field == Field::Submissions || d.section == c.section)
                && (c.field != Field::Items || d.item == c.item);
            if inside {
                lines[k].1 += 1;
                continue;
            }
        }
        open = is_container(d).then_some(lines.len());
        lines.push((d, 0));
    }
    lines
}

/// `body §3 「item」 dates missed: value` (for a differing pair both values).
fn finding_line(d: &Finding) -> String {
    let mut place = Vec::new();
    if let Some(l) = &d.locator {
        place.push(l.clone());
    }
    if let Some(s) = d.section {
        place.push(format!("§{s}"));
    }
    if let Some(i) = &d.item {
        place.push(format!("「{}」", clip(i, 32)));
    }
    let value = match d.status {
        Status::Missed => d.expected.clone().unwrap_or_default(),
        _ => d.actual.clone().unwrap_or_default(),
    };
    let place = if place.is_empty() {
        "(file)".to_string()
    } else {
        place.join(" ")
    };
    format!(
        "{place}  {} {}: {}",
        d.field.as_str(),
        d.status.as_str(),
        clip(&value, 80)
    )
}
