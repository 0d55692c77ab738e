//! The floor of the benchmark (issue #15): how fast one thread can get at the
//! text of a corpus at all, with the same zip and quick-xml crates shiryo
//! uses. For every .docx, .xlsx/.xlsm and .ods file under the given paths it
//! opens the zip, inflates the parts a reader needs (`word/document.xml`;
//! `xl/workbook.xml`, `xl/sharedStrings.xml` and every worksheet; `content.xml`)
//! and scans each part's XML once, counting text events and bytes. Nothing is
//! kept, analysed or written.
//!
//! ```text
//! cargo run --release --example floor -- CORPUS_DIR...
//! ```
//!
//! Prints `floor: N files, E text events, B text bytes in T s`. `scripts/bench.sh`
//! times it in the same run as shiryo and reports the ratio.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use quick_xml::events::Event;
use quick_xml::Reader;

fn files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        for entry in entries.flatten() {
            files(&entry.path(), out);
        }
    } else if matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("docx" | "xlsx" | "xlsm" | "ods")
    ) {
        out.push(path.to_path_buf());
    }
}

/// Whether a part of the archive is one a reader needs.
fn needed(name: &str) -> bool {
    name == "word/document.xml"
        || name == "xl/workbook.xml"
        || name == "xl/sharedStrings.xml"
        || (name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
        || name == "content.xml"
}

/// Text events and text bytes of one XML part.
fn scan(xml: &[u8]) -> (u64, u64) {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let (mut events, mut bytes) = (0, 0);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Text(t)) => {
                events += 1;
                bytes += t.len() as u64;
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buf.clear();
    }
    (events, bytes)
}

fn read(path: &Path, part: &mut Vec<u8>) -> zip::result::ZipResult<(u64, u64)> {
    let mut archive = zip::ZipArchive::new(BufReader::new(File::open(path)?))?;
    let (mut events, mut bytes) = (0, 0);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        if !entry.name().is_ok_and(|name| needed(&name)) {
            continue;
        }
        part.clear();
        entry.read_to_end(part)?;
        let (e, b) = scan(part);
        events += e;
        bytes += b;
    }
    Ok((events, bytes))
}

fn main() -> ExitCode {
    let mut paths = Vec::new();
    for arg in std::env::args_os().skip(1) {
        files(Path::new(&arg), &mut paths);
    }
    if paths.is_empty() {
        eprintln!("usage: floor CORPUS_DIR...  (no .docx/.xlsx/.ods found)");
        return ExitCode::from(2);
    }
    paths.sort();
    let start = Instant::now();
    let (mut events, mut bytes, mut failed) = (0, 0, 0);
    let mut part = Vec::new();
    for path in &paths {
        match read(path, &mut part) {
            Ok((e, b)) => {
                events += e;
                bytes += b;
            }
            Err(_) => failed += 1,
        }
    }
    println!(
        "floor: {} files, {events} text events, {bytes} text bytes, {failed} unreadable in {:.3} s",
        paths.len(),
        start.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
