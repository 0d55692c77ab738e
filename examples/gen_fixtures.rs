//! Writes the Word and Excel fixtures under `fixtures/` from the six seed forms.
//!
//! ```text
//! cargo run --example gen_fixtures [-- OUT_DIR]
//! ```
//!
//! Output is deterministic: fixed document times, no current date anywhere.
//! `fixtures/README.md` describes every file written here; change both
//! together. Fixtures from other producers (python-docx, openpyxl,
//! LibreOffice) come from `scripts/fixtures/`.

#[path = "gen_fixtures/excel.rs"]
mod excel;
#[path = "gen_fixtures/forms.rs"]
mod forms;
#[path = "gen_fixtures/layout.rs"]
mod layout;
#[path = "gen_fixtures/word.rs"]
mod word;

use std::fs;
use std::path::{Path, PathBuf};

use excel::{DFirst, SheetOpts, XLayout};
use forms::Form;
use word::{Deco, DecoKind, Habits};

const LINK_HIRAKATA: &str = "https://example.jp/hirakata/vitallink.html";
const LINK_KATANO: &str = "https://example.jp/katano/forum.html";

/// Word habits of each form, in its own file.
fn habits(form: &Form) -> Habits {
    match form.slug {
        "hirakata" => Habits {
            decos: vec![Deco {
                section: 4,
                needle: "バイタルリンク",
                kind: DecoKind::Link(LINK_HIRAKATA),
            }],
            ..Habits::default()
        },
        "neyagawa" => Habits {
            split_runs: true,
            decos: vec![
                Deco {
                    section: 1,
                    needle: "難病",
                    kind: DecoKind::Bold,
                },
                Deco {
                    section: 3,
                    needle: "クリニ",
                    kind: DecoKind::Bold,
                },
            ],
            ..Habits::default()
        },
        "moriguchi" => Habits {
            decos: vec![Deco {
                section: 1,
                needle: "（10月）",
                kind: DecoKind::Tracked {
                    deleted: "（9月）"
                },
            }],
            ..Habits::default()
        },
        "kadoma" => Habits {
            br_lines: true,
            ..Habits::default()
        },
        "daito" => Habits {
            split_runs: true,
            decos: vec![Deco {
                section: 1,
                needle: "強化型",
                kind: DecoKind::Bold,
            }],
            ..Habits::default()
        },
        "katano" => Habits {
            sdt_area: true,
            decos: vec![Deco {
                section: 4,
                needle: "市民フォーラム",
                kind: DecoKind::Link(LINK_KATANO),
            }],
            ..Habits::default()
        },
        other => panic!("no habits for {other}"),
    }
}

/// Word habits of each form inside the bundle: as in its own file, except that
/// 寝屋川市's section 2 is auto-numbered and 交野市's link is a HYPERLINK field.
fn bundle_habits(form: &Form) -> Habits {
    let mut h = habits(form);
    match form.slug {
        "neyagawa" => h.numbered_enum = true,
        "katano" => {
            h.decos = vec![Deco {
                section: 4,
                needle: "市民フォーラム",
                kind: DecoKind::LinkField(LINK_KATANO),
            }]
        }
        _ => {}
    }
    h
}

/// Excel options of each form in its own workbook.
fn sheet_opts(form: &Form) -> SheetOpts {
    let seed = SheetOpts::seed();
    match form.slug {
        "hirakata" => SheetOpts {
            layout: XLayout::D(DFirst::HeadingOrMarker),
            ..seed
        },
        "neyagawa" => SheetOpts {
            layout: XLayout::E,
            ..seed
        },
        "moriguchi" => SheetOpts {
            layout: XLayout::A,
            ..seed
        },
        "kadoma" => SheetOpts {
            rich_markers: true,
            ..seed
        },
        "daito" => SheetOpts {
            grid_paper: true,
            ..seed
        },
        "katano" => SheetOpts {
            layout: XLayout::D(DFirst::Name),
            formula_area: true,
            ..seed
        },
        other => panic!("no sheet options for {other}"),
    }
}

fn file_stem(form: &Form) -> String {
    format!("2-{}_{}", form.no, form.slug)
}

fn main() {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "fixtures".to_string()),
    );
    let forms = forms::all();
    let (docx_dir, xlsx_dir) = (out.join("docx"), out.join("xlsx"));
    for d in [&docx_dir, &xlsx_dir] {
        fs::create_dir_all(d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    }

    for form in &forms {
        let h = habits(form);
        write_docx(
            &docx_dir.join(format!("{}.docx", file_stem(form))),
            &[(form, &h)],
        );

        let mut wb = excel::workbook();
        excel::add_form_sheet(&mut wb, form.place, form, sheet_opts(form));
        save_xlsx(&mut wb, &xlsx_dir.join(format!("{}.xlsx", file_stem(form))));
    }

    let hs: Vec<Habits> = forms.iter().map(bundle_habits).collect();
    let parts: Vec<(&Form, &Habits)> = forms.iter().zip(hs.iter()).collect();
    write_docx(&docx_dir.join("bundle_2.docx"), &parts);

    let mut wb = excel::workbook();
    for form in &forms {
        let name = format!("2-{} {}", form.no, form.place);
        excel::add_form_sheet(&mut wb, &name, form, SheetOpts::seed());
        if form.no == 3 {
            excel::add_hidden_scratch_sheet(&mut wb);
        }
    }
    save_xlsx(&mut wb, &xlsx_dir.join("bundle_2.xlsx"));
}

fn write_docx(path: &Path, parts: &[(&Form, &Habits)]) {
    // 寝屋川市's own file keeps docx-rs's explicit `w:type="textWrapping"`
    // breaks; every other file has Word's bare `<w:br/>`.
    let bare_breaks = !path.ends_with("2-2_neyagawa.docx");
    word::write(path, word::document(parts), bare_breaks);
    println!("wrote {}", path.display());
}

fn save_xlsx(wb: &mut rust_xlsxwriter::Workbook, path: &Path) {
    excel::save(wb, path);
    println!("wrote {}", path.display());
}
