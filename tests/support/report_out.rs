//! An output directory for the overview page's tests: the six seed forms, the
//! two next-year forms and one file that cannot be read.
#![allow(dead_code)]

use shiryo::batch::{self, BatchOptions, Input, Isolation};
use shiryo::guard::Guard;
use shiryo::Config;
use std::path::{Path, PathBuf};

pub const SEED: [&str; 6] = [
    "2-1_hirakata",
    "2-2_neyagawa",
    "2-3_moriguchi",
    "2-4_kadoma",
    "2-5_daito",
    "2-6_katano",
];

/// Extract the inputs into `dir/out` (inputs under `dir/in`) and return the
/// output directory.
pub fn output_dir(dir: &Path) -> PathBuf {
    let mut inputs: Vec<Input> = SEED
        .iter()
        .map(|n| Input {
            path: PathBuf::from(format!("fixtures/docx/{n}.docx")),
            display: format!("r7/{n}.docx"),
        })
        .collect();
    for n in ["2026_hirakata.docx", "2026_katano.xlsx"] {
        inputs.push(Input {
            path: PathBuf::from(format!("fixtures/next_year/{n}")),
            display: format!("r8/{n}"),
        });
    }
    let empty = dir.join("empty.docx");
    std::fs::write(&empty, b"").expect("write empty file");
    inputs.push(Input {
        path: empty,
        display: "r8/<broken> & empty.docx".into(),
    });
    let out = dir.join("out");
    let opts = BatchOptions {
        out_dir: out.clone(),
        jobs: 2,
        progress: false,
        skip_existing: false,
        isolation: Isolation::InProcess(Guard::default()),
    };
    batch::run(
        &inputs,
        &Config::default(),
        &opts,
        &mut shiryo::sink::Sinks::default(),
    )
    .expect("batch runs");
    out
}
