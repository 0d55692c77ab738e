//! The overview page for the prefecture (SPEC §7, issue 16): one
//! self-contained HTML file for a directory of output JSON files.
//!
//! Owns: reading the directory ([`load`]), linking the forms on the page
//! ([`crate::link::link_reports`]: plan ↔ progress where a file lacks it, and
//! plan ↔ next year's results across the page's forms), the figures
//! ([`figures`]), the embedded data ([`data`]), highlight spans ([`marks`])
//! and the HTML ([`html`], with `page.js` and `page.css` inlined). Nothing is
//! fetched at run time; the page's script checks every figure against the
//! embedded data and renders a form's readable view on demand, so the page
//! stays usable at thousands of forms. docs/REPORT.md is the user's guide.
//!
//! Must not know: the command line, how forms are read, threads, SQL (a
//! database's reports come from [`crate::sink::database_reports`]).

pub mod data;
pub mod figures;
pub mod html;
pub mod load;
pub mod marks;

use crate::output::FileReport;
use std::path::{Path, PathBuf};

/// A rendered page and a one-line summary of what it holds.
#[derive(Debug, Clone)]
pub struct Page {
    pub html: String,
    pub summary: String,
}

/// Why no page could be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The directory does not exist or is not a directory.
    #[error("{0}: not a directory")]
    NotADirectory(PathBuf),
    /// The directory could not be listed.
    #[error("{0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
    /// The database could not be read.
    #[error(transparent)]
    Database(#[from] crate::sink::SinkError),
}

/// The page of every report under `dir` (see [`load::load_dir`]).
pub fn report_dir(dir: &Path) -> Result<Page, ReportError> {
    let loaded = load::load_dir(dir)?;
    Ok(render_reports(
        loaded.reports,
        &loaded.skipped,
        &dir.display().to_string(),
    ))
}

/// The page of every report loaded into a database (`report --db`): the same
/// page as of the JSON files it was loaded from, in path order.
pub fn report_db(target: &str) -> Result<Page, ReportError> {
    let reports = crate::sink::database_reports(target)?;
    let root = if crate::sink::postgres::is_url(target) {
        crate::sink::postgres::redact(target)
    } else {
        target.to_string()
    };
    Ok(render_reports(reports, &[], &root))
}

/// The page of `reports` (in this order); `skipped` lists JSON files that were
/// not reports, `root` names the source in the title.
pub fn render_reports(
    mut reports: Vec<FileReport>,
    skipped: &[(String, String)],
    root: &str,
) -> Page {
    crate::link::link_reports(&mut reports);
    // Outputs written before the review existed get it from their content.
    for r in &mut reports {
        crate::review::fill_missing(&mut r.submissions);
    }
    let fig = figures::figures(&reports);
    let data = data::page_data(&reports, skipped, root);
    let lines = lines(&reports, skipped);
    let html = html::render(&fig, &data, root, &lines);
    let summary = format!(
        "report: {} files ({} failed), {} forms, {} items, {} warnings; page {} bytes",
        fig.files,
        fig.failed,
        fig.forms,
        fig.items,
        fig.warnings,
        html.len()
    );
    Page { html, summary }
}

fn lines(reports: &[FileReport], skipped: &[(String, String)]) -> html::Lines {
    let mut out = html::Lines {
        skipped: skipped.to_vec(),
        ..html::Lines::default()
    };
    for r in reports {
        if let Some(e) = &r.error {
            out.failed.push(html::FailedLine {
                path: r.source.path.clone(),
                format: r.source.format.clone(),
                code: e.code.clone(),
                message: e.message.clone(),
            });
        }
        for d in &r.diagnostics {
            out.warnings.push(html::WarningLine {
                path: r.source.path.clone(),
                locator: String::new(),
                areas: String::new(),
                section: None,
                item: None,
                code: d.code.clone(),
                message: format!("[{}] {}", d.level, d.message),
            });
        }
        for sub in &r.submissions {
            let areas = sub.target_areas.join("、");
            for w in &sub.warnings {
                out.warnings.push(html::WarningLine {
                    path: r.source.path.clone(),
                    locator: sub.locator.clone(),
                    areas: areas.clone(),
                    section: w.section,
                    item: w.item,
                    code: w.code.clone(),
                    message: w.message.clone(),
                });
            }
            let plans = crate::link::section_items(sub, 3).unwrap_or_default();
            let reported = plans
                .iter()
                .filter(|i| {
                    i.links.as_ref().and_then(|l| l.status.as_deref())
                        == Some(crate::link::REPORTED)
                })
                .count();
            out.forms.push(html::FormLine {
                areas,
                hubs: sub.hubs.join("、"),
                material_id: sub.material_id.clone().unwrap_or_default(),
                plan_year: figures::plan_year(sub),
                place: format!("{} {}", r.source.path, sub.locator),
                items: sub.sections.iter().map(|s| s.items.len()).sum(),
                warnings: sub.warnings.len(),
                reported: (reported, plans.len()),
                check: sub
                    .review
                    .iter()
                    .filter(|r| r.verdict == "check")
                    .flat_map(|r| &r.reasons)
                    .filter(|r| r.level == "check")
                    .map(|r| {
                        let label = crate::review::label_ja(&r.code);
                        match r.section {
                            Some(n) => format!("{label}（{n}）"),
                            None => label.to_string(),
                        }
                    })
                    .collect(),
                verdict: sub
                    .review
                    .as_ref()
                    .map(|r| r.verdict.clone())
                    .unwrap_or_default(),
            });
        }
    }
    out
}
