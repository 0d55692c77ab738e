//! A guard in front of calamine's .xlsx shared-string table.
//!
//! `Xlsx::new` reads `sharedStrings.xml` at once and first reserves room for
//! the number of strings its `<sst uniqueCount="…">` declares: a count of
//! 10^12 in a file of a few KB makes it ask for terabytes, and a failed
//! allocation aborts the process. Here the count is checked against the
//! part's real size before calamine sees it: a `<si/>` takes at least five
//! bytes, so a part of N bytes holds at most N / 5 strings. A count above
//! that is blanked out (calamine then reserves nothing and counts the
//! strings as it reads them) and the workbook is handed to calamine
//! repacked with the patched part.
//!
//! Must not know: cells, sheets, forms.

use super::super::sniff::container::Archive;
use crate::model::{Diagnostic, Level};
use crate::read::ReadError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// The smallest shared-string item, `<si/>`.
const MIN_ITEM_BYTES: u64 = 5;

/// How much of the part is inflated to find its `<sst>` start tag before the
/// whole part is read (it is the first element in every file Excel writes).
const HEAD: u64 = 4096;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// What the guard decided.
pub struct Checked {
    /// The workbook calamine must read instead of the original, when a part
    /// was patched.
    pub repacked: Option<Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Check every shared-string part (calamine finds the part case-insensitively,
/// so every entry named like one is checked).
pub fn check(zip: &mut Archive<'_>) -> Result<Checked, ReadError> {
    let mut out = Checked {
        repacked: None,
        diagnostics: Vec::new(),
    };
    let parts: Vec<String> = zip
        .names()
        .filter(|n| {
            n.replace('\\', "/")
                .to_ascii_lowercase()
                .ends_with("sharedstrings.xml")
        })
        .collect();
    let mut patched = Vec::new();
    for name in parts {
        let Some(size) = zip.declared_size(&name) else {
            continue;
        };
        let most = size / MIN_ITEM_BYTES + 1;
        let head = zip.read_prefix(&name, HEAD)?;
        let found = match unique_count(&head) {
            Some(found) => found,
            None if (head.len() as u64) < size => {
                let whole = zip.read(&name)?.unwrap_or_default();
                unique_count(&whole).unwrap_or(Found::None)
            }
            None => Found::None,
        };
        let Found::Count(count, _) = found else {
            continue;
        };
        if count <= most {
            continue;
        }
        let mut whole = zip.read(&name)?.unwrap_or_default();
        if let Found::Count(_, span) = unique_count(&whole).unwrap_or(Found::None) {
            whole[span].fill(b' ');
        }
        out.diagnostics.push(Diagnostic {
            level: Level::Warning,
            code: "declared_count_ignored".into(),
            message: format!(
                "{name} declares {count} shared strings in {size} bytes (at most {most} fit); the count was ignored"
            ),
        });
        patched.push((name, whole));
    }
    if !patched.is_empty() {
        out.repacked = Some(zip.repack(&patched)?);
    }
    Ok(out)
}

/// What the `<sst>` start tag says.
enum Found {
    /// The count calamine would reserve, and the byte span of the attribute.
    Count(u64, std::ops::Range<usize>),
    /// The tag has no usable count.
    None,
}

/// The `uniqueCount` of the first `sst` start tag of `xml`, as calamine reads
/// it (the raw key `uniqueCount`, digits); None when the tag is not
/// (completely) in `xml`.
fn unique_count(xml: &[u8]) -> Option<Found> {
    // A prefix may end inside a character: keep the whole characters.
    let xml = match std::str::from_utf8(xml) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&xml[..e.valid_up_to()]).ok()?,
    };
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().0) == "sst" => {
                let base = xml.as_ptr() as usize;
                for a in e.attributes().with_checks(false).flatten() {
                    if a.key.0 != "uniqueCount" {
                        continue;
                    }
                    let std::borrow::Cow::Borrowed(value) = a.value else {
                        return Some(Found::None);
                    };
                    // Both slices borrow from `xml`: their offsets give the span
                    // from the key to the closing quote.
                    let from = a.key.0.as_ptr() as usize - base;
                    let to = (value.as_ptr() as usize - base + value.len() + 1).min(xml.len());
                    let digits: &str = value;
                    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                        return Some(Found::None);
                    }
                    // Past u64: calamine would not parse it; blanking it is harmless.
                    let n = digits.parse::<u64>().unwrap_or(u64::MAX);
                    return Some(Found::Count(n, from..to));
                }
                return Some(Found::None);
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_count_and_its_span() {
        let xml = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="1000000000000"><si/></sst>"#;
        let Some(Found::Count(n, span)) = unique_count(xml) else {
            panic!("no count");
        };
        assert_eq!(n, 1_000_000_000_000);
        assert_eq!(&xml[span], br#"uniqueCount="1000000000000""#);
    }

    #[test]
    fn a_cut_tag_is_not_found_and_a_tag_without_count_is_none() {
        assert!(unique_count(br#"<sst uniqueCount="12"#).is_none());
        assert!(matches!(
            unique_count(br#"<x:sst xmlns:x="y"><x:si/></x:sst>"#),
            Some(Found::None)
        ));
        assert!(matches!(
            unique_count(br#"<sst uniqueCount="99999999999999999999999">"#),
            Some(Found::Count(u64::MAX, _))
        ));
    }
}
