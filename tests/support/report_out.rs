//! An output directory for the overview page's tests: the six seed forms
//! (`r7/`), the two next-year forms and one file that cannot be read (`r8/`),
//! extracted by the `shiryo extract` command (so `source.path` is `r7/…`,
//! `r8/…`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub const SEED: [&str; 6] = [
    "2-1_hirakata",
    "2-2_neyagawa",
    "2-3_moriguchi",
    "2-4_kadoma",
    "2-5_daito",
    "2-6_katano",
];

fn copy(from: &str, to: &Path) {
    std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
    std::fs::copy(from, to).expect("copy fixture");
}

/// Extract the inputs (staged under `dir`) into `dir/out` and return it.
pub fn output_dir(dir: &Path) -> PathBuf {
    for n in SEED {
        copy(
            &format!("fixtures/docx/{n}.docx"),
            &dir.join(format!("r7/{n}.docx")),
        );
    }
    for n in ["2026_hirakata.docx", "2026_katano.xlsx"] {
        copy(
            &format!("fixtures/next_year/{n}"),
            &dir.join(format!("r8/{n}")),
        );
    }
    std::fs::write(dir.join("r8/<broken> & empty.docx"), b"").expect("write empty file");
    assert_cmd::Command::cargo_bin("shiryo")
        .expect("binary")
        .current_dir(dir)
        .args(["extract", "r7", "r8", "--out", "out", "-q", "-j", "2"])
        .assert()
        .code(1); // the broken file
    dir.join("out")
}
