//! A short, deterministic fuzz run for CI, plus the replay of every input the
//! cargo-fuzz targets found (`fuzz/regressions/{docx,sheet,text}/`).
//!
//! Mutations work inside the package: each fixture is unzipped, one XML part is
//! damaged (a byte range deleted, duplicated or overwritten, a tag cut), and the
//! package is zipped again, so the readers see well-formed zips with hostile
//! XML — the inputs that reach the deepest code. No panic may escape.

use std::io::{Cursor, Read, Write};
use std::path::Path;

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let Ok(mut z) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return out;
    };
    for i in 0..z.len() {
        let Ok(mut f) = z.by_index(i) else { continue };
        let mut data = Vec::new();
        if f.read_to_end(&mut data).is_ok() {
            out.push((f.name().map(|n| n.into_owned()).unwrap_or_default(), data));
        }
    }
    out
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).expect("entry");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

fn mutate(data: &mut Vec<u8>, rng: &mut SplitMix) {
    if data.is_empty() {
        return;
    }
    let a = rng.below(data.len());
    let len = 1 + rng.below(64.min(data.len() - a));
    match rng.below(5) {
        0 => {
            data.drain(a..a + len);
        }
        1 => {
            let copy = data[a..a + len].to_vec();
            let at = rng.below(data.len());
            data.splice(at..at, copy);
        }
        2 => {
            for b in &mut data[a..a + len] {
                *b = rng.next() as u8;
            }
        }
        3 => {
            // Cut at a tag boundary.
            if let Some(p) = data[a..].iter().position(|&b| b == b'<') {
                data.truncate(a + p + 1);
            }
        }
        _ => {
            let junk: &[u8] = [
                &b"<w:tc><w:tcPr><w:gridSpan w:val=\"99999\"/><w:vMerge/></w:tcPr>"[..],
                b"<mergeCell ref=\"A1:XFD1048576\"/>",
                b"<w:br/><w:br/>",
                b"\xff\xfe",
                b"&#0;&#xFFFF;",
            ][rng.below(5)];
            data.splice(a..a, junk.iter().copied());
        }
    }
}

fn fixtures(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            fixtures(&p, out);
        } else if matches!(
            p.extension().and_then(|x| x.to_str()),
            Some("docx" | "xlsx" | "ods")
        ) {
            out.push(p);
        }
    }
}

#[test]
fn damaged_packages_never_panic() {
    let mut files = Vec::new();
    fixtures(Path::new("fixtures"), &mut files);
    files.sort();
    assert!(!files.is_empty());
    let cfg = shiryo::Config::default();
    let mut rng = SplitMix(0x5eed);
    let mut runs = 0;
    for f in &files {
        let bytes = std::fs::read(f).expect("fixture");
        let ext = f.extension().and_then(|x| x.to_str()).unwrap_or("");
        let entries = unzip(&bytes);
        let xml: Vec<usize> = entries
            .iter()
            .enumerate()
            .filter(|(_, (n, _))| n.ends_with(".xml"))
            .map(|(i, _)| i)
            .collect();
        for _ in 0..24 {
            let mut e = entries.clone();
            let k = xml[rng.below(xml.len())];
            for _ in 0..1 + rng.below(3) {
                mutate(&mut e[k].1, &mut rng);
            }
            let damaged = rezip(&e);
            let _ = shiryo::extract::extract_bytes_unguarded(&damaged, "fuzz", ext, &cfg);
            // Raw truncation of the package as well.
            let cut = rng.below(bytes.len());
            let _ = shiryo::extract::extract_bytes_unguarded(&bytes[..cut], "fuzz", ext, &cfg);
            runs += 2;
        }
    }
    assert!(runs >= 24 * 2 * files.len());
}

#[test]
fn inputs_found_by_the_fuzzers_never_panic() {
    let cfg = shiryo::Config::default();
    let mut replayed = 0;
    for (target, ext) in [("docx", "docx"), ("sheet", "")] {
        let dir = Path::new("fuzz/regressions").join(target);
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let data = std::fs::read(e.path()).expect("regression input");
            let (ext, body) = if ext.is_empty() {
                match data.split_first() {
                    Some((first, rest)) => {
                        (["xlsx", "xls", "ods"][*first as usize % 3], rest.to_vec())
                    }
                    None => continue,
                }
            } else {
                (ext, data)
            };
            let _ = shiryo::extract::extract_bytes_unguarded(&body, "fuzz", ext, &cfg);
            replayed += 1;
        }
    }
    let text_dir = Path::new("fuzz/regressions/text");
    if let Ok(rd) = std::fs::read_dir(text_dir) {
        for e in rd.flatten() {
            let data = std::fs::read(e.path()).expect("regression input");
            let s = String::from_utf8_lossy(&data);
            let n = shiryo::text::normalize(&s);
            let ctx = shiryo::text::TextContext {
                fiscal_year: Some(2025),
                plan_section: false,
            };
            let _ = shiryo::text::dates::find_dates(&n, &ctx);
            let _ = shiryo::text::counts::find_counts(&n, &ctx);
            replayed += 1;
        }
    }
    let on_disk = ["docx", "sheet", "text"]
        .iter()
        .filter_map(|t| std::fs::read_dir(Path::new("fuzz/regressions").join(t)).ok())
        .map(|rd| rd.count())
        .sum::<usize>();
    assert_eq!(replayed, on_disk, "every kept input was replayed");
}
