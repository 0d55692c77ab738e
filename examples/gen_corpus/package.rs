//! Finishing packages the way Office writes them. Word: every part deflated, no
//! directory entries, fixed entry dates, Word-sized styles/settings parts, a
//! theme and web settings, Word's app.xml, and optionally an embedded photo.
//! Excel: a template-sized styles part and the furigana of Japanese Excel.

use std::io::{Cursor, Read, Write};

use crate::parts;
use crate::rng::Rng;

const IMAGE_REL: &str = "rIdImg1";

/// What to add to the package beyond docx-rs's parts.
pub struct Extras<'a> {
    pub font: &'a str,
    /// A JPEG placed after the last form (研修会の様子).
    pub photo: Option<(Vec<u8>, usize, usize)>,
    pub pages: usize,
}

/// The `w:drawing` paragraph showing the photo inline, 12 cm wide.
fn drawing(w: usize, h: usize) -> String {
    let cx = 4_320_000usize;
    let cy = cx * h / w;
    format!(
        r#"<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:noProof/></w:rPr><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="1" name="図 1" descr="研修会の様子"/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="1" name="photo.jpeg"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{IMAGE_REL}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>研修会の様子</w:t></w:r></w:p>"#
    )
}

/// What Word adds to the markup docx-rs writes: revision-session ids on every
/// paragraph, run and table row, and the language of every run. Word's own
/// `document.xml` for a one-form report is 2–5× docx-rs's.
fn word_markup(xml: &str, rng: &mut Rng) -> String {
    let sessions: Vec<String> = (0..rng.range(4, 24))
        .map(|_| format!("{:08X}", rng.next_u64() as u32 & 0x00FF_FFFF))
        .collect();
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let mut s = || rng.pick(&sessions).clone();
        if rest.starts_with("<w:p ") || rest.starts_with("<w:p>") {
            out.push_str(&format!(
                r#"<w:p w:rsidR="{}" w:rsidRDefault="{}" w:rsidP="{}""#,
                s(),
                s(),
                s()
            ));
            rest = &rest[4..];
        } else if rest.starts_with("<w:r>") {
            out.push_str(&format!(r#"<w:r w:rsidRPr="{}">"#, s()));
            rest = &rest[5..];
        } else if rest.starts_with("<w:tr>") {
            out.push_str(&format!(r#"<w:tr w:rsidR="{}" w:rsidTr="{}">"#, s(), s()));
            rest = &rest[6..];
        } else if rest.starts_with("</w:rPr>") {
            out.push_str(r#"<w:lang w:val="en-US" w:eastAsia="ja-JP"/></w:rPr>"#);
            rest = &rest[8..];
        } else {
            out.push('<');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

fn insert_before(text: &str, needle: &str, what: &str) -> String {
    match text.rfind(needle) {
        Some(i) => format!("{}{what}{}", &text[..i], &text[i..]),
        None => text.to_string(),
    }
}

fn visible_chars(document: &str) -> usize {
    let mut n = 0;
    let mut rest = document;
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        if open_end < close {
            n += rest[open_end + 1..close].chars().count();
        }
        rest = &rest[close.max(open_end) + 1..];
    }
    n
}

fn entries(packed: Vec<u8>) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(packed)).expect("the writer made a zip");
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).expect("entry");
        if e.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        e.read_to_end(&mut data).expect("entry data");
        entries.push((e.name().expect("entry name").into_owned(), data));
    }
    entries
}

fn zip_up(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    // Office stores already-compressed media without deflating them again.
    let stored = deflate.compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        out.start_file(
            name.as_str(),
            if name.ends_with(".jpeg") {
                stored
            } else {
                deflate
            },
        )
        .expect("entry");
        out.write_all(data).expect("write entry");
    }
    out.finish().expect("zip").into_inner()
}

/// Rewrite rust_xlsxwriter's package with Excel-sized styles and furigana.
pub fn finish_xlsx(packed: Vec<u8>, rng: &mut Rng) -> Vec<u8> {
    let mut entries = entries(packed);
    for (name, data) in entries.iter_mut() {
        match name.as_str() {
            "xl/styles.xml" => {
                *data = parts::grow_xlsx_styles(&String::from_utf8_lossy(data), rng).into_bytes()
            }
            "xl/sharedStrings.xml" => {
                *data = parts::add_phonetics(&String::from_utf8_lossy(data)).into_bytes()
            }
            _ => {}
        }
    }
    zip_up(&entries)
}

/// Rewrite docx-rs's package (stored entries, directory entries) as Word would.
pub fn finish(packed: Vec<u8>, rng: &mut Rng, extras: &Extras) -> Vec<u8> {
    let mut entries = entries(packed);
    let mut chars = 0;
    for (name, data) in entries.iter_mut() {
        match name.as_str() {
            "word/styles.xml" => *data = parts::styles_xml(extras.font),
            "word/settings.xml" => *data = parts::settings_xml(rng),
            "[Content_Types].xml" => {
                let mut t = String::from_utf8_lossy(data).into_owned();
                t = insert_before(
                    &t,
                    "<Override",
                    r#"<Default Extension="jpeg" ContentType="image/jpeg"/>"#,
                );
                t = insert_before(
                    &t,
                    "</Types>",
                    r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/word/webSettings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml"/>"#,
                );
                *data = t.into_bytes();
            }
            "word/_rels/document.xml.rels" => {
                let mut t = String::from_utf8_lossy(data).into_owned();
                let mut rels = String::from(
                    r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rIdWeb1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings" Target="webSettings.xml"/>"#,
                );
                if extras.photo.is_some() {
                    rels.push_str(&format!(
                        r#"<Relationship Id="{IMAGE_REL}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/>"#
                    ));
                }
                t = insert_before(&t, "</Relationships>", &rels);
                *data = t.into_bytes();
            }
            "word/document.xml" => {
                let mut t = word_markup(&String::from_utf8_lossy(data), rng);
                chars = visible_chars(&t);
                if let Some((_, w, h)) = &extras.photo {
                    if !t.contains("xmlns:wp=") {
                        t = t.replacen(
                            "<w:document ",
                            r#"<w:document xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
                            1,
                        );
                    }
                    t = insert_before(&t, "<w:sectPr", &drawing(*w, *h));
                }
                *data = t.into_bytes();
            }
            _ => {}
        }
    }
    for (name, data) in entries.iter_mut() {
        if name == "docProps/app.xml" {
            *data = parts::app_xml(extras.pages, chars);
        }
    }
    entries.push(("word/theme/theme1.xml".into(), parts::theme_xml()));
    entries.push((
        "word/webSettings.xml".into(),
        parts::WEB_SETTINGS.as_bytes().to_vec(),
    ));
    if let Some((jpeg, _, _)) = &extras.photo {
        entries.push(("word/media/image1.jpeg".into(), jpeg.clone()));
    }
    zip_up(&entries)
}
