//! The cross-year post-pass over the output files of one extract run.
//!
//! Owns: finding, among the files of the run (in input order), this year's
//! forms and next year's forms of the same target areas ([`super::years`]),
//! linking them ([`super::across_years`]) and rewriting the files whose links
//! changed — atomically, like the batch writes them. Files of the run that
//! carry cross-year keys from an earlier run are cleared of them first, so a
//! rerun gives the same bytes as a fresh run.
//!
//! Must not know: threads, how the files were made. Memory: one small key per
//! submission, and at most two whole reports at a time.

use super::years::{self, Key, Update};
use crate::output::FileReport;
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the post-pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PassSummary {
    /// (this year, next year) form pairs found.
    pub pairs: usize,
    /// Output files rewritten.
    pub rewritten: usize,
}

/// Just enough of an output file to pair its forms (items are skipped).
#[derive(Deserialize)]
struct LightReport {
    source: LightSource,
    #[serde(default)]
    submissions: Vec<LightSubmission>,
}

#[derive(Deserialize)]
struct LightSource {
    path: String,
}

#[derive(Deserialize)]
struct LightSubmission {
    locator: String,
    #[serde(default)]
    target_areas: Vec<String>,
    #[serde(default)]
    sections: Vec<LightSection>,
}

#[derive(Deserialize)]
struct LightSection {
    number: u8,
    fiscal_year: Option<i32>,
    #[serde(default)]
    items: Vec<LightItem>,
}

#[derive(Deserialize)]
struct LightItem {
    #[serde(default)]
    links: Option<LightLinks>,
}

#[derive(Deserialize)]
struct LightLinks {
    #[serde(default)]
    results_status: Option<IgnoredAny>,
    #[serde(default)]
    results: Option<IgnoredAny>,
    #[serde(default)]
    previous_plans: Option<IgnoredAny>,
}

fn read_light(path: &Path) -> Option<LightReport> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn read_full(path: &Path) -> Option<FileReport> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Link this year's plans to next year's results across the output files
/// `outputs` (in input order) of one run under `out_root`, rewriting the files
/// whose cross-year links change. A file that cannot be read back is left
/// alone; a write error stops the pass.
pub fn link_outputs(outputs: &[PathBuf], out_root: &Path) -> std::io::Result<PassSummary> {
    let mut keys = Vec::new();
    let mut stale = BTreeSet::new();
    for (f, path) in outputs.iter().enumerate() {
        let Some(light) = read_light(path) else {
            continue;
        };
        for (s, sub) in light.submissions.iter().enumerate() {
            let year = |n: u8| {
                sub.sections
                    .iter()
                    .find(|x| x.number == n)
                    .and_then(|x| x.fiscal_year)
            };
            keys.push(Key::new(
                (f, s),
                &light.source.path,
                &sub.locator,
                &sub.target_areas,
                year(3),
                year(1),
            ));
            let has_year_keys = sub
                .sections
                .iter()
                .flat_map(|x| &x.items)
                .filter_map(|i| i.links.as_ref())
                .any(|l| {
                    l.results_status.is_some() || l.results.is_some() || l.previous_plans.is_some()
                });
            if has_year_keys {
                stale.insert(f);
            }
        }
    }
    let pairs = years::pair(&keys);
    // file → (submission, update), gathered pair by pair.
    let mut changes: BTreeMap<usize, Vec<(usize, Update)>> = BTreeMap::new();
    let mut cache = Cache::default();
    for &(a, b) in &pairs {
        let (ka, kb) = (&keys[a], &keys[b]);
        let (Some(this), Some(next)) = (
            cache
                .get(outputs, ka.file)
                .map(|r| r.submissions.get(ka.submission).cloned()),
            cache
                .get(outputs, kb.file)
                .map(|r| r.submissions.get(kb.submission).cloned()),
        ) else {
            continue;
        };
        let (Some(this), Some(next)) = (this, next) else {
            continue;
        };
        let found = super::across_years(&this, &next);
        for u in years::updates(ka, kb, &this, &next, found.as_deref()) {
            let k = if u.on_next { kb } else { ka };
            changes.entry(k.file).or_default().push((k.submission, u));
        }
    }
    let mut summary = PassSummary {
        pairs: pairs.len(),
        rewritten: 0,
    };
    let touched: BTreeSet<usize> = stale.into_iter().chain(changes.keys().copied()).collect();
    for f in touched {
        let path = &outputs[f];
        let Some(mut report) = read_full(path) else {
            continue;
        };
        for sub in &mut report.submissions {
            years::clear(sub);
        }
        for (s, u) in changes.get(&f).map(Vec::as_slice).unwrap_or_default() {
            if let Some(sub) = report.submissions.get_mut(*s) {
                years::apply(sub, u);
            }
        }
        let bytes = crate::batch::to_json(&report);
        if std::fs::read(path).ok().as_deref() != Some(bytes.as_slice()) {
            write_atomically(out_root, path, &bytes)?;
            summary.rewritten += 1;
        }
    }
    Ok(summary)
}

/// The last two whole reports read.
#[derive(Default)]
struct Cache {
    slots: Vec<(usize, Option<FileReport>)>,
}

impl Cache {
    fn get(&mut self, outputs: &[PathBuf], f: usize) -> Option<&FileReport> {
        if let Some(pos) = self.slots.iter().position(|(k, _)| *k == f) {
            return self.slots[pos].1.as_ref();
        }
        if self.slots.len() >= 2 {
            self.slots.remove(0);
        }
        self.slots
            .push((f, outputs.get(f).and_then(|p| read_full(p))));
        self.slots.last().and_then(|(_, r)| r.as_ref())
    }
}

/// Write `bytes` to `target` through a temporary file in its directory, which
/// must lie inside `out_root` (no symlink leads out).
fn write_atomically(out_root: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = target.parent().unwrap_or(out_root);
    let real = dir.canonicalize()?;
    let root = out_root.canonicalize()?;
    if !real.starts_with(&root) {
        return Err(std::io::Error::other(format!(
            "{}: output directory escapes the output root through a symlink",
            target.display()
        )));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".shiryo-")
        .suffix(".partial")
        .tempfile_in(&real)?;
    tmp.write_all(bytes)?;
    let name = target.file_name().unwrap_or_default();
    tmp.persist(real.join(name)).map_err(|e| e.error)?;
    Ok(())
}
