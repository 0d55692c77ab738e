//! Bad, hostile and broken input: each case gets its SPEC error code and a
//! one-line message naming the file, and a batch with all of them goes on.
//! Set `SHIRYO_WRITE_BAD_INPUTS=DIR` to also write the files to DIR (the
//! measurements in docs/ROBUSTNESS.md are taken on them).

mod common;

use std::io::{Cursor, Write};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

fn ole_with(streams: &[&str]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).expect("cfb");
    for s in streams {
        let mut st = cf.create_stream(format!("/{s}")).expect("stream");
        st.write_all(&[0u8; 600]).expect("write stream");
    }
    cf.flush().expect("flush");
    cf.into_inner().into_inner()
}

/// (file name, bytes, expected error code or None for success).
fn cases() -> Vec<(&'static str, Vec<u8>, Option<&'static str>)> {
    let good = common::form_docx("交野市");
    let mut bomb = vec![0u8; 40 << 20];
    bomb[0] = b'<';
    vec![
        ("empty.docx", Vec::new(), Some("corrupt")),
        (
            "text_named.docx",
            "対象地域 交野市\n(1) 令和6年度".as_bytes().to_vec(),
            Some("unsupported_format"),
        ),
        (
            "pdf_named.xlsx",
            b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec(),
            Some("unsupported_format"),
        ),
        (
            "truncated.docx",
            good[..good.len() / 2].to_vec(),
            Some("corrupt"),
        ),
        (
            "malformed_xml.docx",
            zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                (
                    "word/document.xml",
                    b"<w:document><w:body><w:p><w:r><w:t>abc</w:r></w:body",
                ),
            ]),
            Some("corrupt"),
        ),
        (
            "encrypted.docx",
            ole_with(&["EncryptionInfo", "EncryptedPackage"]),
            Some("encrypted"),
        ),
        (
            "encrypted.xlsx",
            ole_with(&["EncryptionInfo", "EncryptedPackage"]),
            Some("encrypted"),
        ),
        (
            "legacy.doc",
            ole_with(&["WordDocument", "1Table"]),
            Some("unsupported_format"),
        ),
        (
            "bomb.docx",
            zip_of(&[
                ("[Content_Types].xml", b"<Types/>"),
                ("word/document.xml", &bomb),
            ]),
            Some("too_large"),
        ),
        (
            "no_form.docx",
            common::plain_docx("議事録のメモです。"),
            Some("no_form_found"),
        ),
        (
            "huge_table.xlsx",
            common::hostile::form_sheet(50_000, false),
            None,
        ),
        ("stray_xfd.xlsx", common::hostile::form_sheet(3, true), None),
        ("good.docx", good, None),
    ]
}

#[test]
fn every_bad_input_gets_its_code_and_a_message_naming_the_file() {
    let cfg = shiryo::Config::default();
    let write_to = std::env::var_os("SHIRYO_WRITE_BAD_INPUTS");
    let mut wrong = Vec::new();
    for (name, bytes, code) in cases() {
        if let Some(dir) = &write_to {
            std::fs::create_dir_all(dir).expect("dir");
            std::fs::write(std::path::Path::new(dir).join(name), &bytes).expect("write");
        }
        let ext = name.rsplit('.').next().unwrap_or("");
        let display = format!("in/{name}");
        let report = shiryo::extract::extract_bytes(&bytes, &display, ext, &cfg);
        let got = report.error.as_ref().map(|e| e.code.as_str());
        if got != code {
            wrong.push(format!(
                "{name}: expected {code:?}, got {got:?} ({:?})",
                report.error.as_ref().map(|e| &e.message)
            ));
            continue;
        }
        if let Some(e) = &report.error {
            if !e.message.contains(&display) || e.message.contains('\n') {
                wrong.push(format!(
                    "{name}: message must be one line naming the file: {:?}",
                    e.message
                ));
            }
        } else if report.submissions.is_empty() {
            wrong.push(format!("{name}: read without error but no submission"));
        }
        if name == "huge_table.xlsx" {
            let items: usize = report
                .submissions
                .iter()
                .flat_map(|s| &s.sections)
                .map(|s| s.items.len())
                .sum();
            if items != 50_000 {
                wrong.push(format!("huge_table.xlsx: {items} items, expected 50000"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn limits_are_configurable_from_the_cli() {
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::write(tmp.path().join("a.docx"), common::form_docx("交野市")).expect("write");
    let run = |extra: &[&str]| {
        let mut args = vec!["extract", "a.docx", "--out", "out", "-q"];
        args.extend_from_slice(extra);
        let st = std::process::Command::new(env!("CARGO_BIN_EXE_shiryo"))
            .current_dir(tmp.path())
            .args(&args)
            .status()
            .expect("runs");
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(tmp.path().join("out/a.docx.json")).expect("out"),
        )
        .expect("json");
        (st.code(), v["error"]["code"].as_str().map(String::from))
    };
    assert_eq!(run(&[]), (Some(0), None));
    assert_eq!(
        run(&["--max-entries", "3"]),
        (Some(1), Some("too_large".into()))
    );
    assert_eq!(
        run(&["--max-unzipped-bytes", "1000"]),
        (Some(1), Some("too_large".into()))
    );
    assert_eq!(
        run(&["--max-file-bytes", "100"]),
        (Some(1), Some("too_large".into()))
    );
    assert_eq!(run(&["--isolate", "--timeout", "30"]), (Some(0), None));
}
