//! Small side parts of a Word package: which paragraph styles number their
//! paragraphs, and with which list and level (`styles.xml`), and where the
//! main document is (`_rels/.rels`).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::HashMap;

/// A style's own numbering (`w:pPr/w:numPr`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StyleNum {
    /// `w:numId`: 0 switches numbering off; an unreadable id is `u32::MAX`.
    pub num_id: u32,
    pub ilvl: Option<u32>,
}

/// Paragraph styles and whether each makes a list item.
#[derive(Debug, Default)]
pub struct ListStyles {
    /// style id → (its own numbering when it says, basedOn).
    styles: HashMap<String, (Option<StyleNum>, Option<String>)>,
}

impl ListStyles {
    /// Parse `styles.xml`; anything unreadable leaves the styles seen so far.
    pub fn parse(xml: &str) -> ListStyles {
        let mut out = ListStyles::default();
        let mut r = Reader::from_str(xml);
        // (style id, its numbering, basedOn, its numbering level).
        type Current = (String, Option<StyleNum>, Option<String>, Option<u32>);
        let mut current: Option<Current> = None;
        loop {
            let e = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(e) => e,
            };
            match e {
                Event::Start(ref s) | Event::Empty(ref s) => match local(s.name().0) {
                    "style" => {
                        let is_para = attr(s, "type").as_deref() == Some("paragraph");
                        current = match (is_para, attr(s, "styleId")) {
                            (true, Some(id)) => Some((id.into_owned(), None, None, None)),
                            _ => None,
                        };
                    }
                    "basedOn" => {
                        if let Some(c) = current.as_mut() {
                            c.2 = attr(s, "val").map(Cow::into_owned);
                        }
                    }
                    "numId" => {
                        if let Some(c) = current.as_mut() {
                            let v = attr(s, "val");
                            let num_id = match v.as_deref().map(str::trim) {
                                None | Some("0") => 0,
                                Some(v) => v.parse().unwrap_or(u32::MAX),
                            };
                            c.1 = Some(StyleNum { num_id, ilvl: None });
                        }
                    }
                    "ilvl" => {
                        if let Some(c) = current.as_mut() {
                            c.3 = attr(s, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    name if name.ends_with("Change") => {
                        if let Event::Start(ref s) = e {
                            if r.read_to_end(s.name()).is_err() {
                                break;
                            }
                        }
                    }
                    _ => {}
                },
                Event::End(ref s) if local(s.name().0) == "style" => {
                    if let Some((id, num, based, ilvl)) = current.take() {
                        let num = num.map(|n| StyleNum { ilvl, ..n });
                        out.styles.insert(id, (num, based));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The numbering of paragraphs of style `id` (its own, or that of the
    /// styles it is based on); None when it has none.
    pub fn numbering(&self, id: &str) -> Option<StyleNum> {
        let mut id = id;
        for _ in 0..16 {
            match self.styles.get(id) {
                Some((Some(num), _)) => return Some(*num),
                Some((None, Some(based))) => id = based,
                _ => return None,
            }
        }
        None
    }
}

/// The target of the package's officeDocument relationship.
pub fn office_document_target(rels: &str) -> Option<String> {
    let mut r = Reader::from_str(rels);
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => return None,
            Ok(Event::Start(s)) | Ok(Event::Empty(s)) if local(s.name().0) == "Relationship" => {
                let ty = attr(&s, "Type");
                if ty.is_some_and(|t| t.ends_with("/officeDocument")) {
                    return attr(&s, "Target").map(Cow::into_owned);
                }
            }
            _ => {}
        }
    }
}

/// The local part of a qualified name.
pub fn local(name: &str) -> &str {
    match name.rfind(':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The value of the attribute whose local name is `name`, unescaped.
pub fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<Cow<'a, str>> {
    for a in e.attributes().with_checks(false).flatten() {
        if local(a.key.0) == name {
            let v = a.value;
            if v.contains('&') {
                let owned = quick_xml::escape::unescape(&v)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| v.to_string());
                return Some(Cow::Owned(owned));
            }
            return Some(v);
        }
    }
    None
}
