//! The cross-year post-pass over the output files of one extract run.
//!
//! Owns: finding, among the files of the run (in input order), this year's
//! forms and next year's forms of the same target areas ([`super::years`]),
//! linking them ([`super::across_years`]) and rewriting the files whose links
//! changed — atomically, like the batch writes them. Files of the run that
//! carry cross-year keys from an earlier run are cleared of them first, so a
//! rerun gives the same bytes as a fresh run.
//!
//! Must not know: threads (the batch runs [`Pass::link_this_year`] for several
//! files at once), how the files were made. Memory: one small key per
//! submission, one whole report per file being linked and [`NEXT_CACHE`] of
//! next year's forms per file being linked.

use super::facts::Facts;
use super::nouns::YearNouns;
use super::score::MAX_PAIRS;
use super::years::{self, Key, Update};
use crate::output::{FileReport, Submission};
use serde::{Deserialize, Serialize};
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

fn read_full(path: &Path) -> Option<FileReport> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The cross-year pass over the output files `outputs` (in input order) of one
/// run under `out_root`: this year's plans linked to next year's results, and
/// the files whose cross-year links change rewritten. A file that cannot be
/// read back is left alone; a write error stops the pass.
///
/// [`Pass::from_keys`] pairs the forms; [`Pass::link_this_year`], for each
/// of [`Pass::this_year_files`] (the batch runs them on its threads), reads
/// that file once and its next year's files once for their items (kept while
/// their pairs are linked, see [`NEXT_CACHE`]); [`Pass::finish`] reads next
/// year's files once more to add `previous_plans`.
/// The cross-year pass over one run's outputs, planned: which forms pair.
pub struct Pass {
    keys: Vec<Key>,
    stale: BTreeSet<usize>,
    pairs: usize,
    /// This year's files, each with its pairs (key indices).
    by_this: BTreeMap<usize, Vec<(usize, usize)>>,
}

/// What linking one of this year's files did: whether it was rewritten, and
/// the changes it asks of next year's files (file, submission, update).
pub struct ThisYearDone {
    rewritten: bool,
    next_changes: Vec<(usize, usize, Update)>,
}

impl Pass {
    /// Pair this year's forms with next year's, from the keys of every
    /// output ([`FileKeys::of`] each, `file` being its position among the
    /// outputs) and the outputs carrying cross-year links of an earlier run.
    pub fn from_keys(keys: Vec<Key>, stale: BTreeSet<usize>) -> Pass {
        let pairs = years::pair(&keys);
        let mut by_this: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
        for &(a, b) in &pairs {
            by_this.entry(keys[a].file).or_default().push((a, b));
        }
        Pass {
            keys,
            stale,
            pairs: pairs.len(),
            by_this,
        }
    }

    /// This year's files (indices into the outputs), in order; each can be
    /// linked on its own, in any order or at once.
    pub fn this_year_files(&self) -> Vec<usize> {
        self.by_this.keys().copied().collect()
    }

    /// Link this year's file `f` with its next year's forms and rewrite it
    /// if its links changed. Reads next year's files but writes only `f`.
    ///
    /// `nouns(file)` gives the key nouns taken when that output was extracted
    /// ([`YearNouns`]); the pass takes them anew where it has none.
    pub fn link_this_year<'n>(
        &self,
        f: usize,
        outputs: &[PathBuf],
        out_root: &Path,
        nouns: &(dyn Fn(usize) -> Option<&'n YearNouns> + Sync),
    ) -> std::io::Result<ThisYearDone> {
        let mut done = ThisYearDone {
            rewritten: false,
            next_changes: Vec::new(),
        };
        let (Some(file_pairs), Some(mut report)) = (self.by_this.get(&f), read_full(&outputs[f]))
        else {
            return Ok(done);
        };
        // A file with several pairs asks for its plans' nouns once.
        let _memo = crate::text::tokenize::FileScope::begin();
        let mut next_cache = NextCache::default();
        for sub in &mut report.submissions {
            years::clear(sub);
        }
        for &(a, b) in file_pairs {
            let (ka, kb) = (&self.keys[a], &self.keys[b]);
            let Some(this) = report.submissions.get(ka.submission) else {
                continue;
            };
            let Some((next, next_facts)) = next_cache.get(outputs, kb, nouns(kb.file)) else {
                continue;
            };
            let this_facts = facts_of(this, ka.submission, 3, nouns(ka.file));
            let found = (this_facts.len().saturating_mul(next_facts.len()) <= MAX_PAIRS)
                .then(|| super::link_facts(&this_facts, next_facts))
                .flatten();
            let updates = years::updates(ka, kb, this, next, found.as_deref());
            for u in updates {
                if u.on_next {
                    done.next_changes.push((kb.file, kb.submission, u));
                } else if let Some(sub) = report.submissions.get_mut(ka.submission) {
                    years::apply(sub, &u);
                }
            }
        }
        done.rewritten = write_if_changed(out_root, &outputs[f], &report)?;
        Ok(done)
    }

    /// Apply the changes this year's files asked of next year's files, and
    /// clear files left with keys of an earlier run.
    pub fn finish(
        self,
        done: Vec<ThisYearDone>,
        outputs: &[PathBuf],
        out_root: &Path,
    ) -> std::io::Result<PassSummary> {
        let mut summary = PassSummary {
            pairs: self.pairs,
            rewritten: done.iter().filter(|d| d.rewritten).count(),
        };
        // In the order the single-thread pass made them: this year's files in
        // order, each file's pairs in order.
        let mut next_changes: BTreeMap<usize, Vec<(usize, Update)>> = BTreeMap::new();
        for (file, sub, u) in done.into_iter().flat_map(|d| d.next_changes) {
            next_changes.entry(file).or_default().push((sub, u));
        }
        let rest: BTreeSet<usize> = (self.stale.iter().copied())
            .chain(next_changes.keys().copied())
            .collect();
        for f in rest {
            let Some(mut report) = read_full(&outputs[f]) else {
                continue;
            };
            if !self.by_this.contains_key(&f) {
                for sub in &mut report.submissions {
                    years::clear(sub);
                }
            }
            for (s, u) in next_changes.get(&f).map(Vec::as_slice).unwrap_or_default() {
                if let Some(sub) = report.submissions.get_mut(*s) {
                    years::apply(sub, u);
                }
            }
            summary.rewritten += usize::from(write_if_changed(out_root, &outputs[f], &report)?);
        }
        Ok(summary)
    }
}

/// What the pass needs of one report: the key of every submission and
/// whether the report carries cross-year links of an earlier run (kept by
/// `--skip-existing`), which the pass then clears or redoes. The batch takes
/// them from the reports it has in memory (or from the worker that made the
/// report), so the pass does not read every output back to find them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileKeys {
    /// Keys numbered as file 0; the batch numbers them by output.
    pub keys: Vec<Key>,
    pub stale: bool,
}

impl FileKeys {
    pub fn of(report: &FileReport) -> FileKeys {
        let keys = (report.submissions.iter().enumerate())
            .map(|(s, sub)| Key::of(0, s, &report.source.path, sub))
            .collect();
        let stale = (report.submissions.iter())
            .flat_map(|sub| &sub.sections)
            .flat_map(|x| &x.items)
            .filter_map(|i| i.links.as_ref())
            .any(|l| {
                l.results_status.is_some() || l.results.is_some() || l.previous_plans.is_some()
            });
        FileKeys { keys, stale }
    }

    /// The keys as bytes, to cross a pipe.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Read [`FileKeys::to_bytes`]; `None` when the bytes are not in that form.
    pub fn from_bytes(bytes: &[u8]) -> Option<FileKeys> {
        serde_json::from_slice(bytes).ok()
    }
}

fn write_if_changed(out_root: &Path, path: &Path, report: &FileReport) -> std::io::Result<bool> {
    let bytes = crate::batch::to_json(report);
    if std::fs::read(path).ok().as_deref() == Some(bytes.as_slice()) {
        return Ok(false);
    }
    write_atomically(out_root, path, &bytes)?;
    Ok(true)
}

/// How many of next year's forms (with their section-1 facts) are kept: one
/// form is usually next year's for one form, but a folder holding several
/// copies of a year's forms pairs them all with the same one.
pub const NEXT_CACHE: usize = 64;

/// Next year's forms recently used, with the facts of their section 1.
#[derive(Default)]
struct NextCache {
    slots: Vec<((usize, usize), Submission, Vec<Facts>)>,
}

impl NextCache {
    fn get(
        &mut self,
        outputs: &[PathBuf],
        k: &Key,
        nouns: Option<&YearNouns>,
    ) -> Option<(&Submission, &[Facts])> {
        let id = (k.file, k.submission);
        let pos = match self.slots.iter().position(|(i, _, _)| *i == id) {
            Some(p) => p,
            None => {
                let sub = read_full(outputs.get(k.file)?)?
                    .submissions
                    .into_iter()
                    .nth(k.submission)?;
                let facts = facts_of(&sub, k.submission, 1, nouns);
                if self.slots.len() >= NEXT_CACHE {
                    self.slots.remove(0);
                }
                self.slots.push((id, sub, facts));
                self.slots.len() - 1
            }
        };
        self.slots.get(pos).map(|(_, s, f)| (s, f.as_slice()))
    }
}

/// The facts of the items of section `section` of `sub` (submission
/// `index` of its file), with the nouns taken at extraction when they fit.
fn facts_of(sub: &Submission, index: usize, section: u8, nouns: Option<&YearNouns>) -> Vec<Facts> {
    let items = super::section_items(sub, section).unwrap_or_default();
    match nouns.and_then(|n| n.items(index, section, items.len())) {
        Some(known) => (items.iter().zip(known))
            .map(|(item, n)| Facts::with_nouns(item, n.clone()))
            .collect(),
        None => items.iter().map(Facts::of).collect(),
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
    let name = target.file_name().unwrap_or_default();
    // 0666 less the umask, like any new file.
    let mut tmp = crate::sink::temp_beside(&real.join(name))?;
    tmp.as_file_mut().write_all(bytes)?;
    tmp.persist(real.join(name)).map_err(|e| e.error)?;
    Ok(())
}
