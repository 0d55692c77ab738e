//! The structure-aware mutation run of issue 13, on real fixtures: every
//! container of the fixtures gets the three kinds of lie the hostile files
//! tell — entry sizes that lie (zip headers), counts declared in the file
//! (sharedStrings `uniqueCount`, a sheet's `dimension ref`, BIFF DIMENSIONS)
//! and repeats (ODS rows and columns repeated millions of times). Each mutant
//! runs in this process with the default limits: an allocation the readers
//! made from a declared number would abort the test, a quadratic step would
//! show in the time bound. Each must end with its form read or with
//! `too_large` / `corrupt`, and a file whose only lie is a declared count must
//! still be read.

mod common;

use common::hostile::{records, unzip, zip_of};
use shiryo::output::FileReport;
use std::path::Path;
use std::time::{Duration, Instant};

/// The fixtures mutated: one per format and producer.
const FILES: &[&str] = &[
    "fixtures/docx/2-1_hirakata.docx",
    "fixtures/other/2-1_hirakata_lo.docx",
    "fixtures/family/kitahama_pydocx.docx",
    "fixtures/xlsx/2-4_kadoma.xlsx",
    "fixtures/family/aobadai_openpyxl.xlsx",
    "fixtures/family_rs/sakaki.xlsx",
    "fixtures/other/2-3_moriguchi_lo.ods",
    "fixtures/family/tobu_lo.ods",
    "fixtures/other/2-5_daito_lo.xls",
];

/// Generous for a debug build on a busy 2-core machine; a mutant that
/// inflates or loops shows up as minutes, not seconds.
const TIME_BOUND: Duration = Duration::from_secs(20);

struct Outcome {
    read: bool,
    code: Option<String>,
}

fn run(name: &str, what: &str, bytes: &[u8]) -> Outcome {
    run_with(name, what, bytes, &shiryo::Config::default())
}

fn run_with(name: &str, what: &str, bytes: &[u8], cfg: &shiryo::Config) -> Outcome {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("");
    let started = Instant::now();
    let r: FileReport = shiryo::extract::extract_bytes(bytes, name, ext, cfg);
    let took = started.elapsed();
    assert!(took < TIME_BOUND, "{name} ({what}): {took:?}");
    let code = r.error.as_ref().map(|e| e.code.clone());
    assert!(
        matches!(code.as_deref(), None | Some("too_large") | Some("corrupt")),
        "{name} ({what}): {code:?}"
    );
    Outcome {
        read: !r.submissions.is_empty(),
        code,
    }
}

/// Each entry's declared uncompressed size (central directory and local
/// header) set to `size`.
fn lie_about(zip: &[u8], entry: usize, size: u32) -> Vec<u8> {
    let mut z = zip.to_vec();
    let recs = records(&z);
    let r = &recs[entry];
    z[r.at + 24..r.at + 28].copy_from_slice(&size.to_le_bytes());
    z[r.local + 22..r.local + 26].copy_from_slice(&size.to_le_bytes());
    z
}

/// The zip with `f` applied to each entry's content (re-deflated, sizes true).
fn rewrite(zip: &[u8], f: impl Fn(&str, &[u8]) -> Vec<u8>) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(zip)
        .into_iter()
        .map(|(n, d)| {
            let new = f(&n, &d);
            (n, new)
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_of(&refs)
}

/// Every `attr="…"` in `xml` set to `value`.
fn set_attr(xml: &[u8], attr: &str, value: &str) -> Vec<u8> {
    let s = String::from_utf8_lossy(xml);
    let needle = format!("{attr}=\"");
    let mut out = String::with_capacity(s.len());
    let mut rest: &str = &s;
    while let Some(i) = rest.find(&needle) {
        let start = i + needle.len();
        out.push_str(&rest[..start]);
        out.push_str(value);
        let end = rest[start..].find('"').map_or(rest.len(), |j| start + j);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// `elem` opening tags given `attr="value"` (inserted after the name).
fn add_attr(xml: &[u8], elem: &str, attr: &str, value: &str) -> Vec<u8> {
    let s = String::from_utf8_lossy(xml);
    s.replace(
        &format!("<{elem} "),
        &format!("<{elem} {attr}=\"{value}\" "),
    )
    .replace(
        &format!("<{elem}>"),
        &format!("<{elem} {attr}=\"{value}\">"),
    )
    .into_bytes()
}

#[test]
fn sizes_that_lie_in_every_entry_of_every_container() {
    let mut runs = 0;
    for name in FILES.iter().filter(|n| !n.ends_with(".xls")) {
        let zip = std::fs::read(name).expect("fixture");
        let n = records(&zip).len();
        for entry in 0..n {
            for size in [0u32, 1, 1000, u32::MAX - 1] {
                let what = format!("entry {entry} declared {size} bytes");
                let _ = run(name, &what, &lie_about(&zip, entry, size));
                runs += 1;
            }
        }
    }
    assert!(runs >= 150, "only {runs} mutants");
}

#[test]
fn declared_counts_are_not_believed_and_the_form_is_still_read() {
    let mut runs = 0;
    for name in FILES.iter().filter(|n| n.ends_with(".xlsx")) {
        let zip = std::fs::read(name).expect("fixture");
        let mutants = [
            (
                "sharedStrings uniqueCount and count 10^12",
                rewrite(&zip, |n, d| {
                    if n.ends_with("sharedStrings.xml") {
                        set_attr(
                            &set_attr(d, "uniqueCount", "1000000000000"),
                            "count",
                            "1000000000000",
                        )
                    } else {
                        d.to_vec()
                    }
                }),
            ),
            (
                "dimension ref A1:XFD1048576",
                rewrite(&zip, |n, d| {
                    if n.starts_with("xl/worksheets/") {
                        let s = String::from_utf8_lossy(d);
                        // The one <dimension> element (added when absent).
                        let s = match s.find("<dimension ") {
                            Some(i) => {
                                let end = s[i..].find("/>").map_or(s.len(), |j| i + j);
                                format!("{}<dimension ref=\"A1:XFD1048576\"{}", &s[..i], &s[end..])
                            }
                            None => s.replace(
                                "<sheetData",
                                "<dimension ref=\"A1:XFD1048576\"/><sheetData",
                            ),
                        };
                        s.into_bytes()
                    } else {
                        d.to_vec()
                    }
                }),
            ),
        ];
        for (what, bytes) in mutants {
            let o = run(name, what, &bytes);
            assert!(o.read, "{name} ({what}): not read, {:?}", o.code);
            runs += 1;
        }
    }
    // BIFF DIMENSIONS (0x0200, 14 bytes) claiming every row and column.
    for name in FILES.iter().filter(|n| n.ends_with(".xls")) {
        let mut xls = std::fs::read(name).expect("fixture");
        let sig = [0x00u8, 0x02, 0x0e, 0x00];
        let mut patched = 0;
        let mut i = 0;
        while i + 18 <= xls.len() {
            if xls[i..i + 4] == sig {
                xls[i + 8..i + 12].copy_from_slice(&u32::MAX.to_le_bytes());
                xls[i + 14..i + 16].copy_from_slice(&u16::MAX.to_le_bytes());
                patched += 1;
                i += 18;
            } else {
                i += 1;
            }
        }
        assert!(patched > 0, "{name}: no DIMENSIONS record");
        // calamine reserves a .xls sheet's DIMENSIONS area before reading a
        // cell, so an area past the limit is refused rather than believed.
        let o = run(name, "DIMENSIONS of every row and column", &xls);
        assert_eq!(o.code.as_deref(), Some("too_large"), "{name}");
        runs += 1;
    }
    assert!(runs >= 7, "only {runs} mutants");
}

/// Repeats multiply real cells: the default limit admits 2,000,000 of them (a
/// real sheet that large takes seconds in a release build, far longer in this
/// debug one), so this run sets it to 200,000 and asserts that every repeat is
/// counted against it before anything is built.
#[test]
fn repeats_of_rows_and_columns_are_bounded() {
    let mut cfg = shiryo::Config::default();
    cfg.limits.max_cells = 200_000;
    let mut runs = 0;
    for name in FILES.iter().filter(|n| n.ends_with(".ods")) {
        let zip = std::fs::read(name).expect("fixture");
        let content = |f: &dyn Fn(&[u8]) -> Vec<u8>| {
            rewrite(
                &zip,
                |n, d| if n == "content.xml" { f(d) } else { d.to_vec() },
            )
        };
        let mutants: [(&str, Vec<u8>); 4] = [
            (
                "every row repeated 2^32-1 times",
                content(&|d| {
                    add_attr(
                        d,
                        "table:table-row",
                        "table:number-rows-repeated",
                        "4294967295",
                    )
                }),
            ),
            (
                "every cell repeated 16384 times",
                content(&|d| {
                    add_attr(
                        d,
                        "table:table-cell",
                        "table:number-columns-repeated",
                        "16384",
                    )
                }),
            ),
            (
                "existing repeats × 1000",
                content(&|d| {
                    let s = String::from_utf8_lossy(d);
                    s.replace("-repeated=\"", "-repeated=\"1000").into_bytes()
                }),
            ),
            (
                "rows and cells repeated 1048576 times",
                content(&|d| {
                    let rows = add_attr(
                        d,
                        "table:table-row",
                        "table:number-rows-repeated",
                        "1048576",
                    );
                    add_attr(
                        &rows,
                        "table:table-cell",
                        "table:number-columns-repeated",
                        "1048576",
                    )
                }),
            ),
        ];
        for (what, bytes) in mutants {
            let _ = run_with(name, what, &bytes, &cfg);
            runs += 1;
        }
    }
    assert!(runs >= 8, "only {runs} mutants");
}
