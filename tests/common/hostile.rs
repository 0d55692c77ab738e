//! Hostile inputs of issue 13, each a few KB, generated here: what each does
//! to a reader that trusts it is in docs/ROBUSTNESS.md. Set
//! `SHIRYO_WRITE_HOSTILE=DIR` when running `tests/hostile.rs` to also write
//! them to DIR (`scripts/bad_inputs_table.sh` measures them).
#![allow(dead_code)]

use std::io::{Cursor, Read, Write};

/// One hostile file: name, bytes, the error code it must get (None: read
/// normally) and a fragment of its message.
pub struct Case {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    pub code: Option<&'static str>,
    pub says: &'static str,
}

pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "shared_strings_count.xlsx",
            bytes: shared_strings_count(),
            code: None,
            says: "",
        },
        Case {
            name: "boundsheet_inside_record.xls",
            bytes: boundsheet_inside_record(),
            code: Some("too_large"),
            says: "cells, over the limit",
        },
        Case {
            name: "ods_string_value_only.ods",
            bytes: ods_far_apart(r#"<table:table-cell office:string-value="x"/>"#),
            code: Some("too_large"),
            says: "cells, over the limit",
        },
        Case {
            name: "ods_formula_only.ods",
            bytes: ods_far_apart(r#"<table:table-cell table:formula="of:=1+1"/>"#),
            code: Some("too_large"),
            says: "cells, over the limit",
        },
        Case {
            name: "ods_row_repeat_wraps.ods",
            bytes: ods_row_repeat_wraps(),
            code: Some("too_large"),
            says: "cells, over the limit",
        },
        Case {
            name: "lying_size.docx",
            bytes: lying_size(),
            code: Some("too_large"),
            says: "inflates past its declared size",
        },
        Case {
            name: "overlapping_entries.docx",
            bytes: overlapping_entries(),
            code: Some("corrupt"),
            says: "overlap",
        },
        Case {
            name: "duplicate_names.docx",
            bytes: duplicate_names(),
            code: Some("corrupt"),
            says: "same name",
        },
        Case {
            name: "nested_paragraphs.docx",
            bytes: nested_paragraphs(90_000),
            code: Some("no_form_found"),
            says: "no form found",
        },
        Case {
            name: "field_stack.docx",
            bytes: field_stack(90_000),
            code: Some("no_form_found"),
            says: "no form found",
        },
    ]
}

/// A zip of (name, content), deflated.
pub fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// A .docx of `body` (the inside of `w:body`).
pub fn docx_of(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", xml.as_bytes()),
    ])
}

/// A central-directory record of a zip: its offset, name and the offset of
/// its local header.
pub struct Record {
    pub at: usize,
    pub name: Vec<u8>,
    pub local: usize,
}

fn u16_at(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]) as usize
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

/// Every central-directory record of `zip`.
pub fn records(zip: &[u8]) -> Vec<Record> {
    let eocd = zip
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .expect("end of central directory");
    let (count, mut at) = (u16_at(zip, eocd + 10), u32_at(zip, eocd + 16));
    let mut out = Vec::new();
    for _ in 0..count {
        let n = u16_at(zip, at + 28);
        out.push(Record {
            at,
            name: zip[at + 46..at + 46 + n].to_vec(),
            local: u32_at(zip, at + 42),
        });
        at += 46 + n + u16_at(zip, at + 30) + u16_at(zip, at + 32);
    }
    out
}

fn record<'a>(recs: &'a [Record], name: &str) -> &'a Record {
    recs.iter()
        .find(|r| r.name == name.as_bytes())
        .expect("entry")
}

/// 8 MB of `document.xml` declared as 1,000 bytes: every declared-size
/// check passes, the real content is 8,000 times larger.
fn lying_size() -> Vec<u8> {
    let mut body = String::from("<w:p><w:r><w:t>");
    body.push_str(&"あ".repeat((8 << 20) / 3));
    body.push_str("</w:t></w:r></w:p>");
    let mut zip = docx_of(&body);
    let recs = records(&zip);
    let r = record(&recs, "word/document.xml");
    let (cd, local) = (r.at, r.local);
    zip[cd + 24..cd + 28].copy_from_slice(&1000u32.to_le_bytes());
    zip[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    zip
}

/// `word/header1.xml` points at the bytes of `word/document.xml`.
fn overlapping_entries() -> Vec<u8> {
    let doc = docx_of("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
    let mut entries = unzip(&doc);
    entries.push(("word/header1.xml".into(), b"<w:hdr/>".to_vec()));
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let mut zip = zip_of(&refs);
    let recs = records(&zip);
    let target = record(&recs, "word/document.xml").local as u32;
    let cd = record(&recs, "word/header1.xml").at;
    zip[cd + 42..cd + 46].copy_from_slice(&target.to_le_bytes());
    zip
}

/// Two entries named `word/document.xml`.
fn duplicate_names() -> Vec<u8> {
    let mut zip = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        (
            "word/document.xml",
            b"<w:document><w:body><w:p/></w:body></w:document>",
        ),
        ("word/documenX.xml", b"<w:document><w:body/></w:document>"),
    ]);
    let recs = records(&zip);
    let r = record(&recs, "word/documenX.xml");
    let (cd, local) = (r.at, r.local);
    zip[cd + 46 + 12] = b't';
    zip[local + 30 + 12] = b't';
    zip
}

/// Every entry of a zip as (name, content).
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().expect("name").into_owned(), data)
        })
        .collect()
}

/// `<w:p>` nested `depth` deep, text at the bottom.
pub fn nested_paragraphs(depth: usize) -> Vec<u8> {
    let mut body = "<w:p>".repeat(depth);
    body.push_str("<w:r><w:t>x</w:t></w:r>");
    body.push_str(&"</w:p>".repeat(depth));
    docx_of(&body)
}

/// `depth` complex fields opened and separated (showing their result) but
/// never ended, text after each: every run asks whether it is visible.
pub fn field_stack(depth: usize) -> Vec<u8> {
    let mut body = String::from("<w:p>");
    for _ in 0..depth {
        body.push_str(r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>"#);
    }
    body.push_str("</w:p>");
    docx_of(&body)
}

/// A workbook with a form whose sharedStrings.xml declares 10^12 strings.
fn shared_strings_count() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, (a, b)) in [
        ("対象地域", "交野市"),
        ("（１）令和6年度の取組実績", ""),
        ("①多職種会議を開催（9/11 1回）", ""),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *a).expect("cell");
        if !b.is_empty() {
            ws.write_string(r as u32, 1, *b).expect("cell");
        }
    }
    let xlsx = wb.save_to_buffer().expect("xlsx");
    let entries: Vec<(String, Vec<u8>)> = unzip(&xlsx)
        .into_iter()
        .map(|(n, d)| {
            if n == "xl/sharedStrings.xml" {
                let s = String::from_utf8(d).expect("utf8");
                let i = s.find("uniqueCount=\"").expect("count") + "uniqueCount=\"".len();
                let j = i + s[i..].find('"').expect("quote");
                let patched = format!("{}1000000000000{}", &s[..i], &s[j..]);
                (n, patched.into_bytes())
            } else {
                (n, d)
            }
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}

fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend((data.len() as u16).to_le_bytes());
    v.extend(data);
    v
}

/// An .xls whose BOUNDSHEET record sends the sheet into the payload of an
/// unknown record, where a DIMENSIONS record asks for 10^12 cells.
fn boundsheet_inside_record() -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        biff(0x0809, &d)
    };
    let mut dims = 0u32.to_le_bytes().to_vec();
    dims.extend(4_000_000_000u32.to_le_bytes());
    dims.extend([0, 0, 0xFF, 0, 0, 0]);
    let mut hidden = bof(0x0010);
    hidden.extend(biff(0x0200, &dims));
    hidden.extend(biff(0x000A, &[]));

    let mut s = bof(0x0005);
    let boundsheet_at = s.len();
    s.extend(biff(0x0085, &[0, 0, 0, 0, 0, 0, 1, 0, b'S']));
    s.extend(biff(0x000A, &[]));
    let payload_at = (s.len() + 4) as u32;
    s.extend(biff(0x1234, &hidden));
    s[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&payload_at.to_le_bytes());
    s.resize(s.len().max(5000), 0); // a regular (not mini) stream
    let mut cf = cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
        .expect("cfb");
    cf.create_stream("/Workbook")
        .expect("stream")
        .write_all(&s)
        .expect("write");
    cf.flush().expect("flush");
    cf.into_inner().into_inner()
}

/// An .ods with `cell` at A1 and again 9,000 rows and 10,000 columns away:
/// calamine would hold 9 × 10^7 cells for them (5 GB of values or formulas).
fn ods_far_apart(cell: &str) -> Vec<u8> {
    ods_of(&format!(
        r#"<table:table-row>{cell}</table:table-row><table:table-row table:number-rows-repeated="8998"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="9999"/>{cell}</table:table-row>"#
    ))
}

/// An .ods whose second row, 90 values wide, repeats 4,294,967,295 times: in
/// u32 the area's row count wraps to 0, and calamine (which stops at 2^20
/// rows) would hold 9.4 × 10^7 cells, 5 GB.
fn ods_row_repeat_wraps() -> Vec<u8> {
    ods_of(
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="4294967295"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="90"/></table:table-row>"#,
    )
}

fn ods_of(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="S">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = stored.compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", stored).expect("entry");
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("write");
    w.start_file("META-INF/manifest.xml", deflated)
        .expect("entry");
    w.write_all(manifest.as_bytes()).expect("write");
    w.start_file("content.xml", deflated).expect("entry");
    w.write_all(content.as_bytes()).expect("write");
    w.finish().expect("finish").into_inner()
}

/// A real form whose section 1 has 60,000 rows (1.2 MB): seconds to read.
pub fn big_sheet() -> Vec<u8> {
    form_sheet(60_000, false)
}

/// A form sheet whose section 1 has `rows` meeting rows; with `stray_xfd`, one
/// more cell far out in column XFD.
pub fn form_sheet(rows: u32, stray_xfd: bool) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "対象地域").expect("cell");
    ws.write_string(0, 1, "交野市").expect("cell");
    ws.write_string(1, 0, "（１）令和6年度の取組実績")
        .expect("cell");
    for r in 0..rows {
        ws.write_string(
            r + 2,
            0,
            format!("①第{r}回の会議を開催（5/{}）", r % 28 + 1),
        )
        .expect("cell");
    }
    if stray_xfd {
        ws.write_string(3, 16_383, "x").expect("cell");
    }
    wb.save_to_buffer().expect("xlsx")
}
