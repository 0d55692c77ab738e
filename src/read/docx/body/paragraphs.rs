//! Paragraphs of the body: opening one (a paragraph inside another — a text
//! box — takes the next slot of one flat list), reading the text of its runs,
//! and finishing it into its container (the body or a top-level cell), with
//! the text boxes anchored in it after it and a deleted paragraph mark
//! joining it to the next paragraph.
//!
//! Must not know: properties, tables' grids.

use super::{Body, ParaBuild};
use crate::model::{Block, Paragraph};
use quick_xml::events::Event;
use quick_xml::Reader;

/// `before` joined to `after` as Word shows a deleted paragraph mark: the
/// last line of one continues with the first line of the other.
fn join(mut before: Vec<String>, after: Vec<String>) -> Vec<String> {
    let mut after = after.into_iter();
    if let (Some(last), Some(first)) = (before.last_mut(), after.next()) {
        last.push_str(&first);
    }
    before.extend(after);
    before
}

/// Write a list's circled number in front of a paragraph's first line.
fn prefix(lines: &mut [String], marker: Option<char>) {
    if let (Some(c), Some(first)) = (marker, lines.first_mut()) {
        first.insert(0, c);
    }
}

impl Body<'_> {
    /// Open a paragraph; one opened inside another gets the next slot of
    /// `anchored`.
    pub(super) fn start_paragraph(&mut self) {
        let slot = if self.paras.is_empty() {
            None
        } else {
            self.anchored.push(None);
            Some(self.anchored.len() - 1)
        };
        self.paras.push(ParaBuild {
            slot,
            first_nested: self.anchored.len(),
            ..ParaBuild::default()
        });
    }

    pub(super) fn end_paragraph(&mut self) {
        let Some(mut p) = self.paras.pop() else {
            return;
        };
        p.break_line();
        let num = self.lists.paragraph(p.num_id, p.ilvl, p.style.as_deref());
        let list_item = num.is_some_and(|n| n.num_id != 0);
        // A paragraph whose mark is deleted is numbered as part of the one
        // it joins (Word keeps the following paragraph's properties).
        let marker = match num {
            Some(n) if n.num_id != 0 && !p.mark_deleted => {
                self.lists.marker(n.num_id, n.ilvl.unwrap_or(0))
            }
            _ => None,
        };
        if let Some(slot) = p.slot {
            let mut lines = p.lines;
            prefix(&mut lines, marker);
            if let Some(s) = self.anchored.get_mut(slot) {
                *s = Some((lines, list_item));
            }
            return;
        }
        let anchored: Vec<(Vec<String>, bool)> = self
            .anchored
            .drain(p.first_nested.min(self.anchored.len())..)
            .flatten()
            .collect();
        // A field never spans an outermost paragraph end in practice; starting
        // afresh keeps one unbalanced field from hiding the rest of the body.
        self.fields.clear();
        self.fields_in_instruction = 0;
        let Some(container) = self.container() else {
            // Inside a table but outside any cell we track (malformed): drop.
            return;
        };
        let mut lines = p.lines;
        if let Some((before, before_list, at)) = self.carry.take() {
            if at == container {
                lines = join(before, lines);
            } else {
                // Its container closed without a flush (odd nesting): keep the text.
                self.emit(before, before_list);
            }
        }
        if p.mark_deleted && anchored.is_empty() {
            // Word shows this text joined to the next paragraph; a paragraph
            // deleted whole (no text left) disappears.
            if lines.iter().any(|l| !l.is_empty()) {
                self.carry = Some((lines, list_item, container));
            }
            return;
        }
        prefix(&mut lines, marker);
        self.emit(lines, list_item);
        for (lines, list_item) in anchored {
            self.emit(lines, list_item);
        }
    }

    /// The container finished paragraphs go to now: 0 for the body, the cell's
    /// sequence number in a top-level table, None when neither.
    pub(super) fn container(&self) -> Option<usize> {
        match &self.table {
            Some(t) if t.cell.is_some() => Some(self.cell_seq),
            _ if self.table_depth == 0 => Some(0),
            _ => None,
        }
    }

    /// Put one finished outermost paragraph into the current container.
    pub(super) fn emit(&mut self, lines: Vec<String>, list_item: bool) {
        if let Some(cell) = self.table.as_mut().and_then(|t| t.cell.as_mut()) {
            cell.push_paragraph(lines, list_item);
        } else if self.table_depth == 0 {
            self.blocks.push(Block::Paragraph(Paragraph {
                index: self.para_count,
                lines,
                list_item,
            }));
            self.para_count += 1;
        }
    }

    /// Emit a waiting deleted-mark paragraph on its own (nothing followed it
    /// in its container).
    pub(super) fn flush_carry(&mut self) {
        if let Some((lines, list_item, at)) = self.carry.take() {
            if self.container() == Some(at) {
                self.emit(lines, list_item);
            }
        }
    }

    /// Read the text of one `w:t` into the current paragraph.
    pub(super) fn text(&mut self, r: &mut Reader<&[u8]>) -> Result<(), String> {
        let p = self.paras.last_mut().ok_or("text outside a paragraph")?;
        loop {
            match r
                .read_event()
                .map_err(|e| format!("{e} at byte {}", r.error_position()))?
            {
                Event::Text(t) => {
                    let s = t.into_inner();
                    if s.contains('\t') {
                        p.push_text(&s.replace('\t', " "));
                    } else {
                        p.push_text(&s);
                    }
                }
                Event::CData(t) => p.push_text(&t.into_inner()),
                Event::GeneralRef(g) => {
                    let c = match g.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match g.into_inner().as_ref() {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    match c {
                        Some('\n' | '\r') => p.break_line(),
                        Some('\t') => p.cur.push(' '),
                        Some(c) => p.cur.push(c),
                        None => {}
                    }
                }
                Event::End(_) => return Ok(()),
                Event::Start(s) => {
                    r.read_to_end(s.name()).map_err(|e| e.to_string())?;
                }
                Event::Eof => return Err("unexpected end inside w:t".into()),
                _ => {}
            }
        }
    }
}
