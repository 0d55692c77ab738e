//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod hostile;

use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};

/// A small but complete form as .docx bytes, for the given 対象地域.
pub fn form_docx(area: &str) -> Vec<u8> {
    let row = |l: &str, v: &str| {
        TableRow::new(vec![
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(l))),
            TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(v))),
        ])
    };
    let p = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let doc = Docx::new()
        .add_table(Table::new(vec![
            row("対象地域", area),
            row("連携の拠点", &format!("{area}医師会")),
            row("市町村医介連携事業（委託先）", area),
        ]))
        .add_paragraph(p("（１）令和6年度の取組実績"))
        .add_paragraph(p("①多職種会議を開催（9/11 1回）"))
        .add_paragraph(p("（２）令和6年度の取組みを通じた課題"))
        .add_paragraph(p("ACPの普及啓発が必要。"))
        .add_paragraph(p("（３）令和7年度の取組計画"))
        .add_paragraph(p("④研修会を実施（１１月）"))
        .add_paragraph(p("（４）令和7年度の進捗状況"))
        .add_paragraph(p("④研修会を11月に開催予定。"));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("docx packs");
    buf.into_inner()
}

/// A .docx holding one paragraph of `text` and nothing like a form.
pub fn plain_docx(text: &str) -> Vec<u8> {
    let doc = Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)));
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).expect("docx packs");
    buf.into_inner()
}

/// Every file below `dir`, recursively.
pub fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut v = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                v.extend(walk(&p));
            } else {
                v.push(p);
            }
        }
    }
    v
}
