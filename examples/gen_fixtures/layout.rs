//! Regrouping a section's lines by category, for the layouts the seed does not
//! use for a form: one row per marker (D), items in their category's column (E)
//! and category headings with items below (A).
//!
//! Rules (fixtures/README.md states them for the people writing expected JSON):
//! a category heading line opens a group; a line with leading markers opens a
//! group for its first marker unless the current group already has that marker;
//! an item with exactly one marker loses it (the group says it), an item with
//! several keeps them all; an unmarked line joins the current group; a
//! continuation line joins the previous item after a line break.

use crate::forms::{Line, Section};

/// Circled category markers, in category order.
pub const MARKERS: [char; 5] = ['①', '②', '③', '④', '⑤'];

/// The leading markers of `text` and the rest.
pub fn split_markers(text: &str) -> (Vec<char>, &str) {
    let mut markers = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if MARKERS.contains(&c) {
            markers.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            break;
        }
    }
    (markers, rest)
}

/// Category index 0–4 of a marker.
pub fn category_index(marker: char) -> usize {
    MARKERS
        .iter()
        .position(|&m| m == marker)
        .expect("a circled category marker")
}

/// Lines of one category.
pub struct Group {
    pub marker: char,
    /// The seed's heading line for this group (枚方市), if any.
    pub heading: Option<&'static str>,
    /// Item texts; a continuation line is appended after `\n`.
    pub items: Vec<String>,
}

/// Groups `section`'s lines; `bullet` is put before bulleted lines (a typed
/// glyph, as Excel users write bullets).
pub fn groups(section: &Section, bullet: &str) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for line in section.lines {
        match *line {
            Line::Heading(t) => {
                let (m, _) = split_markers(t);
                out.push(Group {
                    marker: m[0],
                    heading: Some(t),
                    items: Vec::new(),
                });
            }
            Line::Cont(t) => {
                let last = out
                    .last_mut()
                    .and_then(|g| g.items.last_mut())
                    .expect("a continuation follows an item");
                last.push('\n');
                last.push_str(t);
            }
            Line::Bullet(t) | Line::Para(t) | Line::SubBullet(t) => {
                let glyph = match line {
                    Line::Bullet(_) => bullet,
                    Line::SubBullet(_) => "・",
                    _ => "",
                };
                let (markers, rest) = split_markers(t);
                let text = match markers.len() {
                    0 => format!("{glyph}{t}"),
                    1 => format!("{glyph}{rest}"),
                    _ => format!("{glyph}{t}"),
                };
                let current = out.last().map(|g| g.marker);
                if let Some(&first) = markers.first() {
                    if current != Some(first) {
                        out.push(Group {
                            marker: first,
                            heading: None,
                            items: Vec::new(),
                        });
                    }
                }
                out.last_mut()
                    .expect("a section starts with a marked line or heading")
                    .items
                    .push(text);
            }
        }
    }
    out
}
