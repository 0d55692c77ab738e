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

/// Every file below `dir` by its path relative to `dir`, with its bytes:
/// two runs' outputs compare equal when these do.
pub fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    walk(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let rel = p.strip_prefix(dir).unwrap_or(&p).to_path_buf();
            (rel, bytes)
        })
        .collect()
}

/// Every `.json` below `dir` parses, and no `.partial` (an unfinished write)
/// or lock file is left; the number of reports.
pub fn whole_reports(dir: &std::path::Path) -> usize {
    let mut reports = 0;
    for p in walk(dir) {
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        assert!(!name.ends_with(".partial"), "left behind: {}", p.display());
        assert_ne!(name, ".shiryo.lock", "lock file left behind");
        if name.ends_with(".json") {
            let bytes = std::fs::read(&p).expect("read");
            serde_json::from_slice::<serde_json::Value>(&bytes)
                .unwrap_or_else(|e| panic!("{} is not whole: {e}", p.display()));
            reports += 1;
        }
    }
    reports
}

/// `n` small forms as `DIR/in/NNN/f.docx` (areas alternating, so reports differ).
pub fn many_forms(dir: &std::path::Path, n: usize) {
    let docs = [form_docx("交野市"), form_docx("枚方市")];
    for i in 0..n {
        let p = dir.join(format!("in/{i:03}/f.docx"));
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, &docs[i % 2]).expect("write");
    }
}

/// The pids of the processes whose parent is `pid` (Linux `/proc`).
pub fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir("/proc") else {
        return out;
    };
    for e in rd.flatten() {
        let Some(child) = e.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        if parent_of(child) == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// The parent pid of `pid`, while it lives (not a zombie).
pub fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // `pid (comm) state ppid …`; comm may hold spaces and parentheses.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut f = rest.split_whitespace();
    let state = f.next()?;
    if state == "Z" || state == "X" {
        return None;
    }
    f.next()?.parse().ok()
}

/// Whether `pid` is still a live (not zombie) process.
pub fn alive(pid: u32) -> bool {
    parent_of(pid).is_some()
}

/// Wait until `done` or `secs` have passed; whether `done` came true.
pub fn wait_for(secs: u64, mut done: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while std::time::Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    done()
}
