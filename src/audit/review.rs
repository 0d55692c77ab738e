//! How well the `review` verdict picks the forms that need a person.
//!
//! Owns: each audited form's own F1 (every fact of that submission, from the
//! findings), its verdict as the actual output gives it (recomputed when an
//! older output has none), and the figures: recall of the verdict on forms
//! below [`BAD_F1`] and how many good forms it flags (docs/REVIEW.md).
//!
//! Must not know: how the verdict is decided (that is [`crate::review`]).

use super::{Counts, Finding};
use crate::output::Submission;
use serde::Serialize;
use serde_json::Value;

/// A form whose facts reach an F1 below this is one a person must see.
pub const BAD_F1: f64 = 0.9;
/// Target: at least this share of bad forms flagged `check`.
pub const TARGET_RECALL: f64 = 0.9;
/// Target: at most this share of good forms flagged `check`.
pub const TARGET_GOOD_FLAGGED: f64 = 0.25;

/// One audited form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormReview {
    pub locator: String,
    /// F1 over every fact of the form (all fields).
    pub f1: f64,
    /// `check`, `ok`, or `absent` when the output has no such form.
    pub verdict: String,
    /// Codes of the `check`-level reasons.
    pub reasons: Vec<String>,
}

impl FormReview {
    pub fn is_bad(&self) -> bool {
        self.f1 + 1e-12 < BAD_F1
    }

    pub fn flagged(&self) -> bool {
        self.verdict == "check"
    }
}

/// The forms of one compared file: those of the expected file, then those only
/// the output has (a form found where there is none is a bad form too).
pub fn form_reviews(findings: &[Finding], expected: &Value, actual: &Value) -> Vec<FormReview> {
    let locators = |v: &Value| -> Vec<String> {
        v.get("submissions")
            .and_then(Value::as_array)
            .map(|subs| {
                subs.iter()
                    .filter_map(|s| s.get("locator").and_then(Value::as_str))
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut forms = locators(expected);
    for l in locators(actual) {
        if !forms.contains(&l) {
            forms.push(l);
        }
    }
    forms
        .into_iter()
        .map(|locator| {
            let mut c = Counts::default();
            for f in findings
                .iter()
                .filter(|f| f.locator.as_deref() == Some(locator.as_str()))
            {
                c.add_status(f.status);
            }
            let (verdict, reasons) = verdict_of(actual, &locator);
            FormReview {
                f1: c.f1(),
                locator,
                verdict,
                reasons,
            }
        })
        .collect()
}

fn verdict_of(actual: &Value, locator: &str) -> (String, Vec<String>) {
    let Some(sub) = actual
        .get("submissions")
        .and_then(Value::as_array)
        .and_then(|subs| {
            subs.iter()
                .find(|s| s.get("locator").and_then(Value::as_str) == Some(locator))
        })
    else {
        return ("absent".into(), Vec::new());
    };
    let Ok(mut sub) = serde_json::from_value::<Submission>(sub.clone()) else {
        return ("absent".into(), Vec::new());
    };
    crate::review::fill_missing(std::slice::from_mut(&mut sub));
    let review = sub.review.unwrap_or_else(|| crate::output::Review {
        verdict: "ok".into(),
        reasons: Vec::new(),
    });
    let reasons = review
        .reasons
        .iter()
        .filter(|r| r.level == "check")
        .map(|r| r.code.clone())
        .collect();
    (review.verdict, reasons)
}

/// The figures over many forms.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ReviewCounts {
    pub bad: usize,
    pub bad_flagged: usize,
    pub good: usize,
    pub good_flagged: usize,
}

impl ReviewCounts {
    pub fn of<'a>(forms: impl IntoIterator<Item = &'a FormReview>) -> Self {
        let mut c = ReviewCounts::default();
        for f in forms {
            match (f.is_bad(), f.flagged()) {
                (true, true) => {
                    c.bad += 1;
                    c.bad_flagged += 1;
                }
                (true, false) => c.bad += 1,
                (false, true) => {
                    c.good += 1;
                    c.good_flagged += 1;
                }
                (false, false) => c.good += 1,
            }
        }
        c
    }

    /// Share of bad forms flagged; 1.0 when there is no bad form.
    pub fn recall(&self) -> f64 {
        share(self.bad_flagged, self.bad, 1.0)
    }

    /// Share of good forms flagged; 0.0 when there is no good form.
    pub fn good_flagged_share(&self) -> f64 {
        share(self.good_flagged, self.good, 0.0)
    }

    pub fn meets_targets(&self) -> bool {
        self.recall() + 1e-12 >= TARGET_RECALL
            && self.good_flagged_share() <= TARGET_GOOD_FLAGGED + 1e-12
    }
}

fn share(n: usize, of: usize, empty: f64) -> f64 {
    if of == 0 {
        empty
    } else {
        n as f64 / of as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(f1: f64, verdict: &str) -> FormReview {
        FormReview {
            locator: "body".into(),
            f1,
            verdict: verdict.into(),
            reasons: Vec::new(),
        }
    }

    #[test]
    fn counts_split_bad_and_good_at_the_threshold() {
        let forms = [
            form(0.5, "check"),
            form(0.89, "ok"),
            form(0.9, "check"),
            form(1.0, "ok"),
            form(0.2, "absent"),
        ];
        let c = ReviewCounts::of(&forms);
        assert_eq!(
            c,
            ReviewCounts {
                bad: 3,
                bad_flagged: 1,
                good: 2,
                good_flagged: 1
            }
        );
        assert!((c.recall() - 1.0 / 3.0).abs() < 1e-9);
        assert!((c.good_flagged_share() - 0.5).abs() < 1e-9);
        assert!(!c.meets_targets());
    }

    #[test]
    fn verdicts_come_from_the_output_or_are_recomputed() {
        let actual = serde_json::json!({"submissions": [
            {"locator": "body", "material_id": null, "target_areas": [], "hubs": [],
             "contractors": [], "sections": [], "warnings": []},
            {"locator": "body#2", "material_id": null, "target_areas": [], "hubs": [],
             "contractors": [], "sections": [], "warnings": [],
             "review": {"verdict": "ok", "reasons": []}}
        ]});
        let expected = serde_json::json!({"submissions": [{"locator": "body"}, {"locator": "x"}]});
        let forms = form_reviews(&[], &expected, &actual);
        let got: Vec<(&str, &str)> = forms
            .iter()
            .map(|f| (f.locator.as_str(), f.verdict.as_str()))
            .collect();
        assert_eq!(got, [("body", "check"), ("x", "absent"), ("body#2", "ok")]);
        assert!(forms[0].reasons.contains(&"missing_header".to_string()));
    }
}
