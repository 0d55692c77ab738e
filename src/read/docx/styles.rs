//! Small side parts of a Word package: which paragraph styles number their
//! paragraphs (`styles.xml`), and where the main document is (`_rels/.rels`).

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::borrow::Cow;
use std::collections::HashMap;

/// Paragraph styles and whether each makes a list item.
#[derive(Debug, Default)]
pub struct ListStyles {
    /// style id → (its own numbering: Some(numId ≠ 0) when it says, basedOn).
    styles: HashMap<String, (Option<bool>, Option<String>)>,
}

impl ListStyles {
    /// Parse `styles.xml`; anything unreadable leaves the styles seen so far.
    pub fn parse(xml: &str) -> ListStyles {
        let mut out = ListStyles::default();
        let mut r = Reader::from_str(xml);
        let mut current: Option<(String, Option<bool>, Option<String>)> = None;
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
                            (true, Some(id)) => Some((id.into_owned(), None, None)),
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
                            c.1 = Some(attr(s, "val").is_some_and(|v| v.trim() != "0"));
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
                    if let Some((id, num, based)) = current.take() {
                        out.styles.insert(id, (num, based));
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// True when paragraphs of style `id` are numbered (directly or through
    /// the styles it is based on).
    pub fn is_list(&self, id: &str) -> bool {
        let mut id = id;
        for _ in 0..16 {
            match self.styles.get(id) {
                Some((Some(num), _)) => return *num,
                Some((None, Some(based))) => id = based,
                _ => return false,
            }
        }
        false
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
