//! `word/document.xml` → body blocks, in one streaming pass.
//!
//! What is text: `w:t` in runs that are not hidden (`w:vanish`), outside
//! deleted content (`w:del`, `w:moveFrom`, `w:delText`), outside field
//! instructions (`w:instrText`, and anything between a field's `begin` and
//! `separate`), outside ruby annotations (`w:rt`) and outside the placeholder of
//! an empty content control (`w:showingPlcHdr`). Everything else that wraps
//! runs — `w:ins`, `w:moveTo`, `w:hyperlink`, `w:fldSimple`, `w:sdt`,
//! `w:smartTag`, `w:customXml` — is transparent. `w:tab` is a space; `w:br` and
//! `w:cr` end a line, and so does a line feed inside `w:t`.
//!
//! Where text goes: a body paragraph becomes a block; a paragraph in a cell of
//! a top-level table becomes lines of that cell; nested tables flatten into
//! the outer cell's lines; text-box paragraphs (`w:txbxContent`; the
//! `mc:Fallback` copy is skipped) follow the paragraph that anchors them.
//! A numbered paragraph (direct `w:numPr` or through its style) is counted
//! through [`Lists`], and a circled number Word shows in front of it is
//! written at the start of its first line.

mod paragraphs;
mod props;

use super::grid::{self, CellBuild, RowBuild, TableBuild};
use super::numbering::Lists;
use super::styles::{attr, local};
use crate::model::Block;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::QName;
use quick_xml::Reader;

const W_MAIN: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// A paragraph being read.
#[derive(Default)]
struct ParaBuild {
    lines: Vec<String>,
    cur: String,
    /// Direct numbering: `w:numPr/w:numId` (0 switches it off) and `w:ilvl`.
    num_id: Option<u32>,
    ilvl: Option<u32>,
    style: Option<String>,
    /// Where this paragraph's text goes when it sits inside another (a text
    /// box): its slot in `Body::anchored`.
    slot: Option<usize>,
    /// The first slot of `Body::anchored` that belongs to paragraphs nested
    /// in this one.
    first_nested: usize,
    /// The paragraph mark is a tracked deletion: the text joins the next paragraph.
    mark_deleted: bool,
}

impl ParaBuild {
    fn push_text(&mut self, s: &str) {
        let mut rest = s;
        while let Some(i) = rest.find(['\n', '\r']) {
            self.cur.push_str(&rest[..i]);
            self.break_line();
            let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
            rest = &rest[i + skip..];
        }
        self.cur.push_str(rest);
    }

    fn break_line(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
    }
}

/// Parse state of one document body.
struct Body<'s> {
    /// Prefix bound to the WordprocessingML namespace (`w` almost always).
    w: String,
    blocks: Vec<Block>,
    para_count: usize,
    table_count: usize,
    /// Open paragraphs; more than one only inside text boxes.
    paras: Vec<ParaBuild>,
    /// Paragraphs nested in the open outermost paragraph (text boxes), in the
    /// order they started, each filled in when it ends: (lines, list item).
    /// One flat list, so that deep nesting costs no copying per level.
    anchored: Vec<Option<(Vec<String>, bool)>>,
    /// Depth of open `w:tbl`, and the grid being built for a top-level one.
    table_depth: usize,
    table: Option<TableBuild>,
    /// Per open run: hidden (`w:vanish`).
    runs: Vec<bool>,
    /// Per open complex field: still in its instruction (before `separate`).
    fields: Vec<bool>,
    /// How many of `fields` are true (kept so that `visible` is O(1)).
    fields_in_instruction: usize,
    /// Per open content control: showing its placeholder.
    sdts: Vec<bool>,
    /// How many of `sdts` are true.
    sdts_showing_placeholder: usize,
    /// Lines of a paragraph whose mark was deleted, waiting to join the next
    /// paragraph of the same container (0 = body, n = n-th top-level cell).
    carry: Option<(Vec<String>, bool, usize)>,
    /// Top-level table cells started so far (identifies the current container).
    cell_seq: usize,
    lists: &'s mut dyn Lists,
}

/// Parse the body of `xml` (the main document part) into blocks.
pub fn parse(xml: &str, lists: &mut dyn Lists) -> Result<Vec<Block>, String> {
    let mut r = Reader::from_str(xml);
    let mut b = Body {
        w: String::from("w"),
        blocks: Vec::new(),
        para_count: 0,
        table_count: 0,
        paras: Vec::new(),
        anchored: Vec::new(),
        table_depth: 0,
        table: None,
        runs: Vec::new(),
        fields: Vec::new(),
        fields_in_instruction: 0,
        sdts: Vec::new(),
        sdts_showing_placeholder: 0,
        carry: None,
        cell_seq: 0,
        lists,
    };
    let mut root_seen = false;
    // Elements opened in this loop and not yet closed (subtrees that `start`
    // consumes are balanced on their own).
    let mut depth = 0usize;
    loop {
        let ev = r
            .read_event()
            .map_err(|e| format!("{e} at byte {}", r.error_position()))?;
        match ev {
            Event::Start(e) => {
                if !root_seen {
                    root_seen = true;
                    b.w = w_prefix(&e);
                }
                if !b.start(&mut r, &e)? {
                    depth += 1;
                }
            }
            Event::Empty(e) => {
                root_seen = true;
                b.empty(&e);
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                b.end(e.name());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen {
        return Err("it holds no XML element".into());
    }
    if depth > 0 {
        return Err("it ends before its elements are closed (truncated)".into());
    }
    // A paragraph or table left open by odd nesting still yields what was read.
    while !b.paras.is_empty() {
        b.end_paragraph();
    }
    b.flush_carry();
    if b.table.is_some() {
        b.table_depth = 1;
        b.end_table();
    }
    Ok(b.blocks)
}

/// The prefix the root element binds to the WordprocessingML namespace.
fn w_prefix(root: &BytesStart<'_>) -> String {
    for a in root.attributes().with_checks(false).flatten() {
        let key: &str = a.key.as_ref();
        if W_MAIN.contains(&a.value.as_ref()) {
            if let Some(p) = key.strip_prefix("xmlns:") {
                return p.to_string();
            }
            if key == "xmlns" {
                return String::new();
            }
        }
    }
    "w".to_string()
}

/// True when an on/off property (`w:vanish`, `w:showingPlcHdr`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

fn usize_val(e: &BytesStart<'_>) -> usize {
    attr(e, "val")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

impl Body<'_> {
    /// The local name of a WordprocessingML element, None for other namespaces.
    fn wname<'n>(&self, qname: &'n str) -> Option<&'n str> {
        match qname.split_once(':') {
            Some((p, l)) if p == self.w => Some(l),
            None if self.w.is_empty() => Some(qname),
            _ => None,
        }
    }

    fn visible(&self) -> bool {
        !self.runs.last().copied().unwrap_or(false)
            && self.fields_in_instruction == 0
            && self.sdts_showing_placeholder == 0
    }

    /// True when the grid of a top-level table receives `w:tr`/`w:tc`/`w:tcPr` now.
    fn at_grid(&self) -> bool {
        self.table.is_some() && self.table_depth == 1 && self.paras.is_empty()
    }

    /// Handle a start tag; true when its whole subtree was consumed.
    fn start<'a>(&mut self, r: &mut Reader<&'a [u8]>, e: &BytesStart<'a>) -> Result<bool, String> {
        let skip = |r: &mut Reader<&'a [u8]>| {
            r.read_to_end(e.name())
                .map(|_| true)
                .map_err(|err| format!("{err} at byte {}", r.error_position()))
        };
        let Some(name) = self.wname(e.name().0) else {
            // Other namespaces are transparent (drawings lead to text boxes),
            // except the fallback copy of alternate content.
            if local(e.name().0) == "Fallback" {
                return skip(r);
            }
            return Ok(false);
        };
        match name {
            "p" => self.start_paragraph(),
            "pPr" if !self.paras.is_empty() => return self.paragraph_properties(r).map(|_| true),
            "r" => self.runs.push(false),
            "rPr" if !self.runs.is_empty() => return self.run_properties(r).map(|_| true),
            "t" => {
                if self.visible() && !self.paras.is_empty() {
                    return self.text(r).map(|_| true);
                }
                return skip(r);
            }
            "sdt" => self.sdts.push(false),
            "sdtPr" => return self.sdt_properties(r).map(|_| true),
            "tbl" => {
                if self.table_depth == 0 && self.paras.is_empty() {
                    self.flush_carry();
                }
                self.table_depth += 1;
                if self.table_depth == 1 && self.paras.is_empty() {
                    self.table = Some(TableBuild::default());
                }
            }
            "tblGrid" if self.at_grid() => return self.table_grid(r).map(|_| true),
            "tr" if self.at_grid() => {
                if let Some(t) = self.table.as_mut() {
                    t.row = Some(RowBuild::default());
                }
            }
            "trPr" if self.at_grid() => return self.row_properties(r).map(|_| true),
            "tc" if self.at_grid() => {
                self.cell_seq += 1;
                if let Some(t) = self.table.as_mut() {
                    t.cell = Some(CellBuild {
                        span: 1,
                        ..CellBuild::default()
                    });
                }
            }
            "tcPr" if self.at_grid() => return self.cell_properties(r).map(|_| true),
            // Hidden, deleted or non-text content: skip the whole subtree.
            "del" | "moveFrom" | "delText" | "instrText" | "delInstrText" | "rt" | "sdtEndPr"
            | "sectPr" | "tblPr" | "tblGrid" | "trPr" | "tcPr" | "pPr" | "rPr" | "fldData"
            | "object" | "background" => return skip(r),
            n if n.ends_with("Change") => return skip(r),
            _ => self.inline(name, e),
        }
        Ok(false)
    }

    fn empty(&mut self, e: &BytesStart<'_>) {
        let Some(name) = self.wname(e.name().0) else {
            return;
        };
        match name {
            "p" => {
                self.start_paragraph();
                self.end_paragraph();
            }
            _ => self.inline(name, e),
        }
    }

    /// Inline elements that may come as start or empty tags.
    fn inline(&mut self, name: &str, e: &BytesStart<'_>) {
        if name == "fldChar" {
            match attr(e, "fldCharType").as_deref() {
                Some("begin") => {
                    self.fields.push(true);
                    self.fields_in_instruction += 1;
                }
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        if *f {
                            *f = false;
                            self.fields_in_instruction -= 1;
                        }
                    }
                }
                Some("end") => {
                    let in_instruction = self.fields.pop() == Some(true);
                    self.fields_in_instruction -= usize::from(in_instruction);
                }
                _ => {}
            }
            return;
        }
        if !self.visible() {
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        match name {
            "tab" | "ptab" => p.cur.push(' '),
            "br" | "cr" => p.break_line(),
            "noBreakHyphen" => p.cur.push('-'),
            _ => {}
        }
    }

    fn end(&mut self, qname: QName<'_>) {
        let Some(name) = self.wname(qname.0) else {
            return;
        };
        match name {
            "p" => self.end_paragraph(),
            "r" => {
                self.runs.pop();
            }
            "sdt" => {
                let showing = self.sdts.pop() == Some(true);
                self.sdts_showing_placeholder -= usize::from(showing);
            }
            "tbl" => self.end_table(),
            "tr" if self.at_grid() => {
                if let Some(t) = self.table.as_mut() {
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                }
            }
            "tc" if self.at_grid() => {
                self.flush_carry();
                if let Some(t) = self.table.as_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        row.cells.push(cell);
                    }
                }
            }
            _ => {}
        }
    }

    fn end_table(&mut self) {
        self.table_depth = self.table_depth.saturating_sub(1);
        if self.table_depth == 0 {
            if let Some(t) = self.table.take() {
                self.blocks
                    .push(Block::Table(grid::resolve(t, self.table_count)));
                self.table_count += 1;
            }
        }
    }
}
