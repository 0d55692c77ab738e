//! Merged cells of .xlsx worksheets without a second XML pass.
//!
//! calamine's `merge_cells_by_sheet_name` parses a whole worksheet again to
//! reach `<mergeCells>` at its end (about a third of an .xlsx read). Here the
//! sheet part is inflated and searched for `mergeCells` as bytes, and only
//! that tail is parsed. Where the package does not lead to the sheet part in
//! the usual way, the caller falls back to calamine.

use super::super::sniff::container::Archive;
use crate::read::ReadError;
use calamine::Dimensions;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Worksheet name → part path, from `xl/workbook.xml` and its relationships;
/// None when either is missing or unreadable.
pub fn sheet_paths(zip: &mut Archive<'_>) -> Option<HashMap<String, String>> {
    let workbook = zip.read("xl/workbook.xml").ok()??;
    let rels = zip.read("xl/_rels/workbook.xml.rels").ok()??;
    let mut targets: HashMap<String, String> = HashMap::new();
    let rels = String::from_utf8_lossy(&rels);
    let mut r = Reader::from_str(&rels);
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Err(_) => return None,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().0) == "Relationship" => {
                let (id, target) = (attr(&e, "Id")?, attr(&e, "Target")?);
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                targets.insert(id, path);
            }
            _ => {}
        }
    }
    let mut out = HashMap::new();
    let workbook = String::from_utf8_lossy(&workbook);
    let mut r = Reader::from_str(&workbook);
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Err(_) => return None,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().0) == "sheet" => {
                let (name, id) = (attr(&e, "name")?, attr(&e, "id")?);
                out.insert(name, targets.get(&id)?.clone());
            }
            _ => {}
        }
    }
    Some(out)
}

/// The merged regions of the worksheet part at `path`; None when the part is
/// missing.
pub fn merged_regions(
    zip: &mut Archive<'_>,
    path: &str,
) -> Result<Option<Vec<Dimensions>>, ReadError> {
    let Some(xml) = zip.read(path)? else {
        return Ok(None);
    };
    let xml = String::from_utf8_lossy(&xml);
    let mut out = Vec::new();
    // `mergeCells` follows `sheetData`; its start tag may carry a prefix.
    let Some(at) = xml
        .rfind("mergeCells ")
        .or_else(|| xml.rfind("mergeCells>"))
    else {
        return Ok(Some(out));
    };
    let Some(open) = xml[..at].rfind('<') else {
        return Ok(Some(out));
    };
    let mut r = Reader::from_str(&xml[open..]);
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::End(e)) if local(e.name().0) == "mergeCells" => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if local(e.name().0) == "mergeCell" => {
                if let Some(d) = attr(&e, "ref").as_deref().and_then(range) {
                    out.push(d);
                }
            }
            _ => {}
        }
    }
    Ok(Some(out))
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| local(a.key.0) == name)
        .map(|a| {
            quick_xml::escape::unescape(&a.value)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string())
        })
}

/// `B2:D4` → zero-based (row, col) corners.
fn range(s: &str) -> Option<Dimensions> {
    let (a, b) = s.split_once(':')?;
    let (start, end) = (cell(a)?, cell(b)?);
    Some(Dimensions { start, end })
}

/// `AB12` → (11, 27).
fn cell(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let split = s.find(|c: char| !c.is_ascii_alphabetic())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for c in letters.bytes() {
        col = col * 26 + u32::from(c.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = digits.trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_ranges() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("$AB$12"), Some((11, 27)));
        assert_eq!(cell("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell("1A"), None);
        let d = range("B2:D4").unwrap();
        assert_eq!((d.start, d.end), ((1, 1), (3, 3)));
    }

    /// The byte search finds what calamine's full parse finds, on every .xlsx fixture.
    #[test]
    fn agrees_with_calamine_on_the_fixtures() {
        use calamine::Reader;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut checked = 0;
        for dir in ["xlsx", "other"] {
            for entry in std::fs::read_dir(root.join(dir))
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = entry.path();
                if path.extension() != Some(std::ffi::OsStr::new("xlsx")) {
                    continue;
                }
                let bytes = std::fs::read(&path).unwrap();
                let limits = crate::read::Limits::default();
                let mut zip = crate::read::sniff::container::open(&bytes, &limits).unwrap();
                let paths = sheet_paths(&mut zip).expect("sheet paths");
                let mut wb = calamine::Xlsx::new(std::io::Cursor::new(&bytes[..])).unwrap();
                for name in wb.sheet_names() {
                    let key = |d: &Dimensions| (d.start, d.end);
                    let mut ours = merged_regions(&mut zip, &paths[&name]).unwrap().unwrap();
                    let mut theirs = wb.merge_cells_by_sheet_name(&name).unwrap();
                    ours.sort_by_key(key);
                    theirs.sort_by_key(key);
                    assert_eq!(
                        ours.iter().map(key).collect::<Vec<_>>(),
                        theirs.iter().map(key).collect::<Vec<_>>(),
                        "{} {name}",
                        path.display()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 0 || !root.exists());
    }
}
