//! Writes the family fixtures under `fixtures/family_rs/`: forms of invented
//! municipalities in the wider family of layouts (SPEC §5, DECISIONS 19–30),
//! each input with its hand-written `NAME.expected.json`.
//!
//! ```text
//! cargo run --example gen_family [-- OUT_DIR]
//! ```
//!
//! Output is deterministic (fixed document times). The Word package is
//! re-zipped like Word and the workbook carries fixed properties, with the
//! helpers of `gen_fixtures` (reused, not changed). `fixtures/README.md`
//! ("fixtures/family_rs") describes every file; change both together.

#[allow(dead_code)]
#[path = "gen_fixtures/excel.rs"]
mod excel;
#[allow(dead_code)]
#[path = "gen_fixtures/forms.rs"]
mod forms;
#[allow(dead_code)]
#[path = "gen_fixtures/layout.rs"]
mod layout;
#[allow(dead_code)]
#[path = "gen_fixtures/word.rs"]
mod word;

#[path = "gen_family/chitosehara.rs"]
mod chitosehara;
#[path = "gen_family/expect.rs"]
mod expect;
#[path = "gen_family/sakaki.rs"]
mod sakaki;
#[path = "gen_family/shiomi.rs"]
mod shiomi;
#[path = "gen_family/sidebyside.rs"]
mod sidebyside;
#[path = "gen_family/wakakusa.rs"]
mod wakakusa;
#[path = "gen_family/wdoc.rs"]
mod wdoc;
#[path = "gen_family/xrecords.rs"]
mod xrecords;
#[path = "gen_family/xsheet.rs"]
mod xsheet;

use std::fs;
use std::path::{Path, PathBuf};

use expect::Sub;

/// `source.path` of every expected file, whatever OUT_DIR is.
const DIR: &str = "fixtures/family_rs";

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| DIR.to_string()));
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    let (docx, sub) = wakakusa::build(wdoc::new_docx());
    word::write(&out.join("wakakusa.docx"), docx, true);
    expected(&out, "wakakusa.docx", &[sub]);

    let (docx, sub) = shiomi::build(wdoc::new_docx());
    word::write(&out.join("shiomi.docx"), docx, true);
    expected(&out, "shiomi.docx", &[sub]);

    let mut wb = excel::workbook();
    let subs = chitosehara::add_sheet(&mut wb);
    excel::save(&mut wb, &out.join("chitosehara.xlsx"));
    expected(&out, "chitosehara.xlsx", &subs);

    let mut wb = excel::workbook();
    let sub = sakaki::add_sheet(&mut wb);
    excel::save(&mut wb, &out.join("sakaki.xlsx"));
    expected(&out, "sakaki.xlsx", &[sub]);

    let mut wb = excel::workbook();
    let subs = sidebyside::add_sheet(&mut wb);
    excel::save(&mut wb, &out.join("hoshinodai_hamanadai.xlsx"));
    expected(&out, "hoshinodai_hamanadai.xlsx", &subs);
}

/// Writes `NAME.expected.json` beside the input `name`.
fn expected(out: &Path, name: &str, subs: &[Sub]) {
    let (stem, ext) = name.rsplit_once('.').expect("an extension");
    let json = expect::file_json(&format!("{DIR}/{name}"), ext, subs);
    let path = out.join(format!("{stem}.expected.json"));
    fs::write(&path, json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("wrote {} and {}", out.join(name).display(), path.display());
}
