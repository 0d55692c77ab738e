//! The property elements of the body (`w:pPr`, `w:rPr`, `w:sdtPr`,
//! `w:tblGrid`, `w:trPr`, `w:tcPr`): each read to its end in one go, keeping
//! only what the body needs (numbering, style, a deleted mark, hidden runs,
//! placeholders, grid columns, spans, vertical merges, deleted rows).
//!
//! Must not know: text, lines, blocks.

use super::super::grid::VMerge;
use super::super::styles::attr;
use super::{on, usize_val, Body};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

impl Body<'_> {
    /// `w:pPr`: numbering and style of the current paragraph, and whether its
    /// mark is a tracked deletion (`w:del`/`w:moveFrom` can only sit in the
    /// mark's `w:rPr` here).
    pub(super) fn paragraph_properties(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let Some(p) = self.paras.last_mut() else {
            return walk(r, &self.w, |_, _| {});
        };
        walk(r, &self.w, |name, e| match name {
            "pStyle" => p.style = attr(e, "val").map(|v| v.into_owned()),
            "numId" => {
                p.num_id = Some(match attr(e, "val").as_deref().map(str::trim) {
                    None | Some("0") => 0,
                    Some(v) => v.parse().unwrap_or(u32::MAX),
                })
            }
            "ilvl" => p.ilvl = attr(e, "val").and_then(|v| v.trim().parse().ok()),
            "del" | "moveFrom" => p.mark_deleted = true,
            _ => {}
        })
    }

    /// `w:rPr` of a run: is it hidden?
    pub(super) fn run_properties(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let mut hidden = false;
        walk(r, &self.w, |name, e| hidden |= name == "vanish" && on(e))?;
        if let Some(run) = self.runs.last_mut() {
            *run = hidden;
        }
        Ok(())
    }

    /// `w:sdtPr`: does the content control show its placeholder?
    pub(super) fn sdt_properties(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let mut placeholder = false;
        walk(r, &self.w, |name, e| {
            placeholder |= name == "showingPlcHdr" && on(e)
        })?;
        if let Some(s) = self.sdts.last_mut() {
            match (*s, placeholder) {
                (false, true) => self.sdts_showing_placeholder += 1,
                (true, false) => self.sdts_showing_placeholder -= 1,
                _ => {}
            }
            *s = placeholder;
        }
        Ok(())
    }

    /// `w:tblGrid`: count the grid columns.
    pub(super) fn table_grid(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let mut n = 0;
        walk(r, &self.w, |name, _| n += usize::from(name == "gridCol"))?;
        if let Some(t) = self.table.as_mut() {
            t.grid_cols = n;
        }
        Ok(())
    }

    /// `w:trPr`: grid columns skipped before/after the row, tracked deletion.
    pub(super) fn row_properties(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let Some(row) = self.table.as_mut().and_then(|t| t.row.as_mut()) else {
            return walk(r, &self.w, |_, _| {});
        };
        walk(r, &self.w, |name, e| match name {
            "gridBefore" => row.before = usize_val(e),
            "gridAfter" => row.after = usize_val(e),
            "del" => row.deleted = true,
            _ => {}
        })
    }

    /// `w:tcPr`: horizontal span and vertical merge of the current cell.
    pub(super) fn cell_properties(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) else {
            return walk(r, &self.w, |_, _| {});
        };
        walk(r, &self.w, |name, e| match name {
            "gridSpan" => cell.span = usize_val(e).max(1),
            "vMerge" => {
                cell.vmerge = match attr(e, "val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                }
            }
            _ => {}
        })
    }
}

/// Read the rest of a property element just opened (`w:pPr`, `w:rPr` …),
/// calling `f` with the local name of every WordprocessingML start or empty
/// tag inside it. `*Change` subtrees (the properties before a tracked change)
/// and `w:sectPr` are skipped.
fn walk(
    r: &mut Reader<&[u8]>,
    w: &str,
    mut f: impl FnMut(&str, &BytesStart<'_>),
) -> Result<(), String> {
    let mut depth = 1usize;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("{e} at byte {}", r.error_position()))?;
        let (e, is_start) = match &ev {
            Event::Start(e) => (e, true),
            Event::Empty(e) => (e, false),
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
                continue;
            }
            Event::Eof => return Err("unexpected end inside a property element".into()),
            _ => continue,
        };
        let name = match e.name().0.split_once(':') {
            Some((p, l)) if p == w => l,
            None if w.is_empty() => e.name().0,
            _ => "",
        };
        if is_start && (name.ends_with("Change") || name == "sectPr") {
            r.read_to_end(e.name()).map_err(|e| e.to_string())?;
            continue;
        }
        f(name, e);
        if is_start {
            depth += 1;
        }
    }
}
