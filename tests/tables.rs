//! Officers' tables: `--csv` (UTF-8 with BOM, Japanese headings, one row per
//! item, ①–⑤ marked ○) and `--xlsx` (sheets 項目, 様式, 警告, 読めなかったファイル),
//! read back — the xlsx with calamine — and checked against every fixture item.

mod common;
#[path = "common/db.rs"]
mod db;

use calamine::{open_workbook, Data, Reader, Xlsx};
use db::{fixture_outputs, reports, shiryo};
use shiryo::output::FileReport;
use std::collections::BTreeMap;

/// (item id → (text, categories, dates)) of every fixture item.
fn expected_items(reports: &[FileReport]) -> BTreeMap<String, (String, Vec<u8>, usize)> {
    let mut m = BTreeMap::new();
    for r in reports {
        for s in &r.submissions {
            for sec in &s.sections {
                for i in &sec.items {
                    m.insert(
                        i.id.clone(),
                        (i.text.clone(), i.categories.clone(), i.dates.len()),
                    );
                }
            }
        }
    }
    m
}

fn write_tables(
    out: &std::path::Path,
    dir: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf) {
    let csv = dir.join("items.csv");
    let xlsx = dir.join("items.xlsx");
    let o = shiryo()
        .arg("load")
        .arg(out)
        .arg("--csv")
        .arg(&csv)
        .arg("--xlsx")
        .arg(&xlsx)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (csv, xlsx)
}

#[test]
fn csv_holds_every_item_readably() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let reports = reports(&out);
    let (csv, _) = write_tables(&out, tmp.path());
    let bytes = std::fs::read(&csv).expect("csv");
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "UTF-8 BOM");
    let text = std::str::from_utf8(&bytes[3..]).expect("utf8");
    assert!(text.contains("\r\n"), "CRLF rows");
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = r
        .headers()
        .expect("headers")
        .iter()
        .map(String::from)
        .collect();
    assert_eq!(headers[0], "ファイル");
    assert!(headers.contains(&"①会議の開催".to_string()));
    assert!(headers.contains(&"⑤在宅医療の普及啓発".to_string()));
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (id, content, c1, dates, counts, year) = (
        col("項目ID"),
        col("内容"),
        col("①会議の開催"),
        col("日付"),
        col("回数"),
        col("年度"),
    );
    let mut rows = BTreeMap::new();
    for rec in r.records() {
        let rec = rec.expect("record");
        assert_eq!(rec.len(), headers.len());
        rows.insert(rec[id].to_string(), rec);
    }
    let expected = expected_items(&reports);
    assert_eq!(rows.len(), expected.len(), "one row per item");
    for (item, (text, cats, _)) in &expected {
        let rec = rows
            .get(item)
            .unwrap_or_else(|| panic!("item {item} missing"));
        assert_eq!(&rec[content], text);
        for k in 1..=5u8 {
            let cell = &rec[c1 + usize::from(k) - 1];
            assert_eq!(cell == "○", cats.contains(&k), "{item} ⑤ column {k}");
        }
    }
    // Readable facts: dates as 2024/9/11, counts with 回, years in 令和.
    let katano = rows
        .values()
        .find(|r| r[content].contains("救急活動検討会議を開催(9/11 1回)"))
        .expect("交野市 item");
    assert_eq!(&katano[dates], "2024/9/11");
    assert_eq!(&katano[counts], "会議 1回");
    assert_eq!(&katano[year], "令和6年度");
}

#[test]
fn xlsx_holds_every_item_submission_warning_and_failed_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let reports = reports(&out);
    let (_, xlsx) = write_tables(&out, tmp.path());
    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("xlsx opens");
    assert_eq!(
        book.sheet_names(),
        vec!["項目", "様式", "警告", "読めなかったファイル"]
    );
    let text = |d: &Data| match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    let items = book.worksheet_range("項目").expect("items sheet");
    let header: Vec<String> = items
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(text)
        .collect();
    let id = header
        .iter()
        .position(|h| h == "項目ID")
        .expect("id column");
    let content = header
        .iter()
        .position(|h| h == "内容")
        .expect("text column");
    let number = header
        .iter()
        .position(|h| h == "番号")
        .expect("number column");
    let mut found = BTreeMap::new();
    for row in items.rows().skip(1) {
        found.insert(text(&row[id]), (text(&row[content]), row[number].clone()));
    }
    let expected = expected_items(&reports);
    assert_eq!(found.len(), expected.len());
    for (item, (t, _, _)) in &expected {
        let (got, n) = found.get(item).unwrap_or_else(|| panic!("{item} missing"));
        assert_eq!(got, t);
        assert!(
            matches!(n, Data::Float(_) | Data::Int(_)),
            "番号 is a number"
        );
    }
    let subs = book.worksheet_range("様式").expect("submissions");
    let n_subs: usize = reports.iter().map(|r| r.submissions.len()).sum();
    assert_eq!(subs.rows().count() - 1, n_subs);
    let warnings = book.worksheet_range("警告").expect("warnings");
    let n_warn: usize = reports
        .iter()
        .flat_map(|r| &r.submissions)
        .map(|s| s.warnings.len())
        .sum();
    assert_eq!(warnings.rows().count() - 1, n_warn);
    let failed = book
        .worksheet_range("読めなかったファイル")
        .expect("failed");
    let names: Vec<String> = failed.rows().skip(1).map(|r| text(&r[0])).collect();
    assert_eq!(names, vec!["bad/empty.docx", "bad/text.xlsx"]);
    let codes: Vec<String> = failed.rows().skip(1).map(|r| text(&r[4])).collect();
    assert_eq!(codes, vec!["corrupt", "unsupported_format"]);
}

#[test]
fn xlsx_header_is_frozen_and_filtered() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = fixture_outputs(tmp.path());
    let (_, xlsx) = write_tables(&out, tmp.path());
    // The sheet XML itself: a frozen pane below row 1 and an autofilter.
    let f = std::fs::File::open(&xlsx).expect("open");
    let mut zip = zip::ZipArchive::new(f).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").expect("sheet1"),
        &mut xml,
    )
    .expect("read");
    assert!(xml.contains(r#"state="frozen""#), "frozen header");
    assert!(xml.contains("<autoFilter"), "filters");
    assert!(xml.contains("<col "), "column widths");
}
