//! Word (.docx) reader: the package → one [`Part`] of kind `Body`, then one
//! `PageHeader` part per page header (`word/header*.xml`).
//!
//! Owns: finding the main document part, decoding it, and handing it to the
//! two steps below — `body` streams `word/document.xml` into Word-shaped
//! builders, `grid` resolves a table's `gridSpan`/`vMerge` into the model's
//! spans — plus the lazy lookup of list styles (`styles`) and of list
//! numbering (`numbering`: a circled-number level writes ①②… in front of
//! its paragraphs, DECISIONS 24).
//!
//! Why not docx-rs's reader: it takes ~2 ms for a typical 170 KB
//! `document.xml` (the whole pipeline has well under 1 ms per form), and its
//! model keeps `gridSpan`, `vMerge`, `gridBefore` and break types in private
//! fields. See `docs/READERS.md`.
//!
//! Must not know: forms, sections, markers; calamine.

mod body;
mod grid;
mod numbering;
mod styles;

use super::sniff::container::{self, Archive};
use super::{Limits, ReadError};
use crate::model::{Diagnostic, Document, Level, Part, PartKind};
use std::borrow::Cow;

/// Read a .docx into the neutral model.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, ReadError> {
    let mut zip = container::open(bytes, limits)?;
    let main = main_part(&mut zip)?;
    let raw = zip
        .read(&main)?
        .ok_or_else(|| ReadError::Corrupt(format!("the Word package has no {main}")))?;
    let xml = decode(&raw)
        .ok_or_else(|| ReadError::Corrupt(format!("{main} is not UTF-8 or UTF-16 text")))?;
    let dir = main.rfind('/').map_or("", |i| &main[..=i]);
    let blocks = {
        let mut lists = PackageLists {
            zip: &mut zip,
            dir,
            styles: None,
            numbering: None,
        };
        body::parse(&xml, &mut lists)
            .map_err(|e| ReadError::Corrupt(format!("{main} is malformed: {e}")))?
    };
    let mut doc = Document {
        parts: vec![Part {
            kind: PartKind::Body,
            blocks,
        }],
        diagnostics: Vec::new(),
    };
    for name in page_headers(&zip, dir) {
        let parsed = zip
            .read(&name)?
            .and_then(|raw| decode(&raw).map(|x| body::parse(&x, &mut numbering::NoLists)));
        match parsed {
            Some(Ok(blocks)) => doc.parts.push(Part {
                kind: PartKind::PageHeader,
                blocks,
            }),
            _ => doc.diagnostics.push(Diagnostic {
                level: Level::Warning,
                code: "page_header_unreadable".into(),
                message: format!("{name} is malformed and was skipped"),
            }),
        }
    }
    Ok(doc)
}

/// List styles (`styles.xml`) and numbering (`numbering.xml`) beside the
/// main part, each read the first time a paragraph needs it.
struct PackageLists<'a, 'z> {
    zip: &'a mut Archive<'z>,
    dir: &'a str,
    styles: Option<styles::ListStyles>,
    numbering: Option<numbering::Numbering>,
}

impl PackageLists<'_, '_> {
    fn part(&mut self, name: &str) -> Option<String> {
        let path = format!("{}{name}", self.dir);
        let raw = self.zip.read(&path).ok()??;
        decode(&raw).map(Cow::into_owned)
    }
}

impl numbering::Lists for PackageLists<'_, '_> {
    fn style(&mut self, style: &str) -> Option<styles::StyleNum> {
        if self.styles.is_none() {
            let parsed = self
                .part("styles.xml")
                .map(|s| styles::ListStyles::parse(&s));
            self.styles = Some(parsed.unwrap_or_default());
        }
        self.styles.as_ref()?.numbering(style)
    }

    fn marker(&mut self, num_id: u32, ilvl: u32) -> Option<char> {
        if self.numbering.is_none() {
            let parsed = self
                .part("numbering.xml")
                .map(|s| numbering::Numbering::parse(&s));
            self.numbering = Some(parsed.unwrap_or_default());
        }
        self.numbering.as_mut()?.next(num_id, ilvl)
    }
}

/// The page-header parts beside the main part (`word/header1.xml` …), in
/// number order.
fn page_headers(zip: &Archive<'_>, dir: &str) -> Vec<String> {
    let mut found: Vec<(u32, String)> = zip
        .names()
        .filter_map(|n| {
            let number = n
                .strip_prefix(dir)?
                .strip_prefix("header")?
                .strip_suffix(".xml")?
                .parse()
                .unwrap_or(u32::MAX);
            Some((number, n.clone()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// The path of the main document part, from the package relationships
/// (`word/document.xml` when they do not say).
fn main_part(zip: &mut Archive<'_>) -> Result<String, ReadError> {
    const DEFAULT: &str = "word/document.xml";
    let Some(rels) = zip.read("_rels/.rels")? else {
        return Ok(DEFAULT.into());
    };
    let Some(rels) = decode(&rels) else {
        return Ok(DEFAULT.into());
    };
    let target = styles::office_document_target(&rels)
        .map(|t| t.trim_start_matches('/').to_string())
        .filter(|t| zip.contains(t));
    Ok(target.unwrap_or_else(|| DEFAULT.into()))
}

/// XML bytes as text: UTF-8 (BOM stripped) or UTF-16 with a BOM.
fn decode(bytes: &[u8]) -> Option<Cow<'_, str>> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(Cow::Borrowed);
    }
    let utf16 = |rest: &[u8], le: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).ok().map(Cow::Owned)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    std::str::from_utf8(bytes).ok().map(Cow::Borrowed)
}
