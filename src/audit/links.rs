//! The link audit: the linker's plan → progress and plan → next-year-results
//! links against the hand-written expected links of `testdata/links/`
//! (docs/LINKS.md "Measured").
//!
//! Owns: reading the three expected-link files (`seed.toml`,
//! `next_year_forms.toml`: plan → progress within a form; `next_year.toml`:
//! plan → next year's results), extracting the fixtures they name, and the
//! precision and recall of the (plan, report) pairs per form and per set, plus
//! how often the `reported`/`not_reported` status agrees.
//!
//! Must not know: the command line, how the linker decides.

use super::{AuditError, Counts, Status};
use crate::output::{FileReport, Item, Submission};
use crate::Config;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Target link precision of issue 16.
pub const TARGET_PRECISION: f64 = 0.9;
/// Target link recall of issue 16.
pub const TARGET_RECALL: f64 = 0.85;

/// The expected-link files, in report order: (set name, file, kind).
const SETS: [(&str, &str, bool); 3] = [
    ("seed", "seed.toml", false),
    ("next_year_forms", "next_year_forms.toml", false),
    ("next_year", "next_year.toml", true),
];

#[derive(Deserialize)]
struct FormsFile {
    #[serde(default)]
    form: Vec<FormSpec>,
}

#[derive(Deserialize)]
struct FormSpec {
    form: String,
    target_areas: Vec<String>,
    #[serde(default)]
    link: Vec<PlanSpec>,
}

#[derive(Deserialize)]
struct PlanSpec {
    plan: usize,
    #[serde(default)]
    plan_text: String,
    #[serde(default)]
    progress: Vec<usize>,
}

#[derive(Deserialize)]
struct YearsFile {
    #[serde(default)]
    pair: Vec<PairSpec>,
    #[serde(default)]
    link: Vec<YearSpec>,
}

#[derive(Deserialize)]
struct PairSpec {
    form: String,
    target_areas: Vec<String>,
    next_year: String,
}

#[derive(Deserialize)]
struct YearSpec {
    form: String,
    plan: usize,
    #[serde(default)]
    plan_text: String,
    #[serde(default)]
    results: Vec<usize>,
}

/// One (plan, report) pair and whether each side has it.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkFinding {
    pub status: Status,
    pub plan: usize,
    pub report: usize,
    pub plan_text: String,
    pub report_text: String,
    /// The linker's two scores of the pair and the key nouns both share.
    pub plan_score: f64,
    pub report_score: f64,
    pub shared: Vec<String>,
}

/// The links of one form (or one pair of forms across years).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormLinks {
    /// The expected file's name for it (`2-1_hirakata`, a fixture path).
    pub form: String,
    pub counts: Counts,
    /// Plan items whose status (reported or not) agrees, and all plan items.
    pub status_agree: usize,
    pub plans: usize,
    /// Every pair, matched ones included, by plan then report.
    pub findings: Vec<LinkFinding>,
    /// Why the form could not be compared, or where the extraction's items
    /// drifted from the expected file's indices.
    pub problem: Option<String>,
}

/// One expected-link file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkSet {
    pub name: String,
    pub forms: Vec<FormLinks>,
}

impl LinkSet {
    /// Pairs over all forms of the set.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for f in &self.forms {
            c.add(f.counts);
        }
        c
    }

    /// (agreeing, all) plan statuses over the set.
    pub fn status(&self) -> (usize, usize) {
        self.forms
            .iter()
            .fold((0, 0), |(a, n), f| (a + f.status_agree, n + f.plans))
    }

    /// The set reaches the targets and every form could be compared.
    pub fn passes(&self) -> bool {
        let c = self.counts();
        self.forms.iter().all(|f| f.problem.is_none())
            && c.precision() + 1e-12 >= TARGET_PRECISION
            && c.recall() + 1e-12 >= TARGET_RECALL
    }
}

/// Every set found in the links directory.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkAudit {
    pub root: String,
    pub sets: Vec<LinkSet>,
}

impl LinkAudit {
    /// Every set reaches the targets.
    pub fn passes(&self) -> bool {
        self.sets.iter().all(LinkSet::passes)
    }
}

/// Audit the linker: read `links_dir/*.toml`, extract the fixtures they name
/// (a canonical seed name `NAME` is `fixtures/docx/NAME.docx`; a path is taken
/// from `fixtures`' parent) and compare the links.
pub fn audit_links(
    links_dir: &Path,
    fixtures: &Path,
    cfg: &Config,
) -> Result<LinkAudit, AuditError> {
    if !links_dir.is_dir() {
        return Err(AuditError::NotADirectory(links_dir.to_path_buf()));
    }
    let root = fixtures.parent().unwrap_or(Path::new("")).to_path_buf();
    let resolve = |form: &str| -> (PathBuf, String) {
        if form.contains('/') {
            (root.join(form), form.to_string())
        } else {
            let display = format!("fixtures/docx/{form}.docx");
            (fixtures.join("docx").join(format!("{form}.docx")), display)
        }
    };
    let extract = |form: &str| {
        let (path, display) = resolve(form);
        crate::extract::extract_file(&path, &display, cfg)
    };
    let mut sets = Vec::new();
    for (name, file, across) in SETS {
        let path = links_dir.join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let bad = |e: toml::de::Error| AuditError::Io {
            path: path.clone(),
            source: std::io::Error::other(e.to_string()),
        };
        let forms = if across {
            let spec: YearsFile = toml::from_str(&text).map_err(bad)?;
            spec.pair
                .iter()
                .map(|p| year_pair(p, &spec.link, &extract))
                .collect()
        } else {
            let spec: FormsFile = toml::from_str(&text).map_err(bad)?;
            spec.form.iter().map(|f| one_form(f, &extract)).collect()
        };
        sets.push(LinkSet {
            name: name.to_string(),
            forms,
        });
    }
    if sets.is_empty() {
        return Err(AuditError::NothingToAudit(links_dir.to_path_buf()));
    }
    Ok(LinkAudit {
        root: links_dir.display().to_string(),
        sets,
    })
}

fn submission_of<'a>(report: &'a FileReport, areas: &[String]) -> Option<&'a Submission> {
    let mut want = areas.to_vec();
    want.sort();
    report.submissions.iter().find(|s| {
        let mut have = s.target_areas.clone();
        have.sort();
        have == want
    })
}

fn one_form(spec: &FormSpec, extract: &dyn Fn(&str) -> FileReport) -> FormLinks {
    let report = extract(&spec.form);
    let Some(sub) = submission_of(&report, &spec.target_areas) else {
        return problem(&spec.form, "no submission with these target areas");
    };
    let plans = crate::link::section_items(sub, 3).unwrap_or_default();
    let reports = crate::link::section_items(sub, 4).unwrap_or_default();
    let actual: BTreeSet<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            let progress = item.links.as_ref().and_then(|l| l.progress.clone());
            progress
                .unwrap_or_default()
                .into_iter()
                .map(move |j| (i, j))
        })
        .collect();
    let expected = spec
        .link
        .iter()
        .flat_map(|l| l.progress.iter().map(move |&j| (l.plan, j)));
    let texts = spec.link.iter().map(|l| (l.plan, l.plan_text.as_str()));
    compare(
        &spec.form,
        plans,
        reports,
        expected.collect(),
        actual,
        texts,
    )
}

fn year_pair(
    pair: &PairSpec,
    links: &[YearSpec],
    extract: &dyn Fn(&str) -> FileReport,
) -> FormLinks {
    let name = format!("{} → {}", pair.form, pair.next_year);
    let mut reports = [extract(&pair.form), extract(&pair.next_year)];
    crate::link::link_reports(&mut reports);
    let [this, next] = &reports;
    let (Some(this), Some(next)) = (
        submission_of(this, &pair.target_areas),
        submission_of(next, &pair.target_areas),
    ) else {
        return problem(&name, "no submission with these target areas");
    };
    let next_path = &reports[1].source.path;
    let plans = crate::link::section_items(this, 3).unwrap_or_default();
    let results = crate::link::section_items(next, 1).unwrap_or_default();
    let actual: BTreeSet<(usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            let refs = item.links.as_ref().and_then(|l| l.results.clone());
            refs.unwrap_or_default()
                .into_iter()
                .filter(|r| &r.path == next_path && r.locator == next.locator)
                .map(move |r| (i, r.index))
        })
        .collect();
    let mine = links.iter().filter(|l| l.form == pair.form);
    let expected = mine
        .clone()
        .flat_map(|l| l.results.iter().map(move |&j| (l.plan, j)));
    let texts = mine.map(|l| (l.plan, l.plan_text.as_str()));
    compare(&name, plans, results, expected.collect(), actual, texts)
}

fn problem(form: &str, why: &str) -> FormLinks {
    FormLinks {
        form: form.to_string(),
        problem: Some(why.to_string()),
        ..FormLinks::default()
    }
}

fn compare<'a>(
    form: &str,
    plans: &[Item],
    reports: &[Item],
    expected: BTreeSet<(usize, usize)>,
    actual: BTreeSet<(usize, usize)>,
    plan_texts: impl Iterator<Item = (usize, &'a str)>,
) -> FormLinks {
    let mut out = FormLinks {
        form: form.to_string(),
        plans: plans.len(),
        ..FormLinks::default()
    };
    let drift: Vec<usize> = plan_texts
        .filter(|&(i, t)| !t.is_empty() && plans.get(i).is_none_or(|p| p.text != t))
        .map(|(i, _)| i)
        .collect();
    if !drift.is_empty() {
        out.problem = Some(format!(
            "plan item(s) {drift:?} of the expected file are not the extraction's: indices drifted"
        ));
    }
    for i in 0..plans.len() {
        let e = expected.iter().any(|&(p, _)| p == i);
        let a = actual.iter().any(|&(p, _)| p == i);
        out.status_agree += usize::from(e == a);
    }
    for &pair in expected.union(&actual) {
        let status = match (expected.contains(&pair), actual.contains(&pair)) {
            (true, true) => Status::Matched,
            (true, false) => Status::Missed,
            _ => Status::Extra,
        };
        match status {
            Status::Matched => out.counts.matched += 1,
            Status::Missed => out.counts.missed += 1,
            Status::Extra => out.counts.extra += 1,
        }
        let (i, j) = pair;
        let ev = crate::link::explain(plans, reports, i, j);
        out.findings.push(LinkFinding {
            status,
            plan: i,
            report: j,
            plan_text: plans.get(i).map(|p| p.text.clone()).unwrap_or_default(),
            report_text: reports.get(j).map(|p| p.text.clone()).unwrap_or_default(),
            plan_score: ev.as_ref().map_or(0.0, |e| e.plan_score()),
            report_score: ev.as_ref().map_or(0.0, |e| e.report_score()),
            shared: ev.map(|e| e.shared).unwrap_or_default(),
        });
    }
    out
}
