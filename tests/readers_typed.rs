//! Typed spreadsheet cells read as displayed (DECISIONS 23): numbers with
//! custom formats keep their literal text, date cells are written in a form
//! the date scanner resolves. Workbooks are written with rust_xlsxwriter, and
//! by hand where a habit needs raw XML (Japanese built-in format ids, .ods).

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use shiryo::model::{Block, Document, Table};
use shiryo::read::{self, Limits};
use shiryo::text::{counts::find_counts, dates::find_dates, TextContext};
use std::io::Write;

fn read_any(bytes: &[u8], ext: &str) -> Document {
    let limits = Limits::default();
    let format = read::sniff(bytes, ext, &limits).unwrap();
    read::read(bytes, format, &limits).unwrap()
}

fn table(doc: &Document) -> &Table {
    match &doc.parts[0].blocks[..] {
        [Block::Table(t)] => t,
        other => panic!("expected one table, got {other:?}"),
    }
}

/// The text of every cell of the first sheet, in (row, col) order.
fn texts(doc: &Document) -> Vec<String> {
    table(doc).cells.iter().map(|c| c.text()).collect()
}

fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
    let mut wb = Workbook::new();
    build(wb.add_worksheet());
    wb.save_to_buffer().unwrap()
}

/// Write `value` with the number format `code` in column `col` of row 0.
fn number(ws: &mut rust_xlsxwriter::Worksheet, col: u16, value: f64, code: &str) {
    let f = Format::new().set_num_format(code);
    ws.write_number_with_format(0, col, value, &f).unwrap();
}

#[test]
fn numbers_show_their_format() {
    let cases: &[(f64, &str, &str)] = &[
        (3.0, r#"0"回""#, "3回"),
        (3.0, r#"#,##0"件""#, "3件"),
        (1234.0, r#"#,##0"件""#, "1,234件"),
        (3.0, "0.0", "3.0"),
        (0.3, "0%", "30%"),
        (10.0, r#""年間"0"回程度""#, "年間10回程度"),
        (5.0, r#""全"0"回シリーズ""#, "全5回シリーズ"),
        (120.0, r#"[$-411]0"名""#, "120名"),
        (2.0, r#"General"回""#, "2回"),
        (2.5, "General", "2.5"),
        (7.0, "0", "7"),
    ];
    let bytes = xlsx(|ws| {
        for (i, (v, code, _)) in cases.iter().enumerate() {
            number(ws, i as u16, *v, code);
        }
    });
    let want: Vec<&str> = cases.iter().map(|c| c.2).collect();
    assert_eq!(texts(&read_any(&bytes, "xlsx")), want);
}

#[test]
fn date_cells_show_a_date_the_scanner_reads() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("yyyy/m/d", "2025/10/13", Some("2025-10-13")),
        ("yyyy/mm/dd", "2025/10/13", Some("2025-10-13")),
        (r#"yyyy"年"m"月"d"日""#, "2025/10/13", Some("2025-10-13")),
        (r#"yyyy"年"m"月""#, "2025年10月", Some("2025-10")),
        (r#"m"月"d"日""#, "10月13日", Some("2025-10-13")),
        ("m/d", "10/13", Some("2025-10-13")),
        (r#"m"月""#, "10月", Some("2025-10")),
        (
            r#"[$-ja-JP]ggge"年"m"月"d"日""#,
            "令和7年10月13日",
            Some("2025-10-13"),
        ),
        (
            r#"[$-411]ggge"年"m"月"d"日"(aaa)"#,
            "令和7年10月13日",
            Some("2025-10-13"),
        ),
        ("[$-411]ge.m.d", "令和7年10月13日", Some("2025-10-13")),
        (r#"[$-411]ggge"年"m"月""#, "令和7年10月", Some("2025-10")),
        ("yyyy/m/d h:mm", "2025/10/13", Some("2025-10-13")),
    ];
    let date = ExcelDateTime::from_ymd(2025, 10, 13).unwrap();
    let bytes = xlsx(|ws| {
        for (i, (code, _, _)) in cases.iter().enumerate() {
            let f = Format::new().set_num_format(*code);
            ws.write_datetime_with_format(0, i as u16, &date, &f)
                .unwrap();
        }
    });
    let got = texts(&read_any(&bytes, "xlsx"));
    let ctx = TextContext {
        fiscal_year: Some(2025),
        plan_section: false,
    };
    for ((code, shown, start), got) in cases.iter().zip(&got) {
        assert_eq!(got, shown, "{code}");
        let found = find_dates(got, &ctx);
        assert_eq!(
            found.first().and_then(|d| d.start.as_deref()),
            *start,
            "{code}: {found:?}"
        );
    }
}

#[test]
fn typed_counts_are_counts() {
    let bytes = xlsx(|ws| {
        number(ws, 0, 3.0, r#"0"回""#);
        number(ws, 1, 10.0, r#""年"0"回""#);
    });
    let got = texts(&read_any(&bytes, "xlsx"));
    let ctx = TextContext::default();
    for (text, n) in got.iter().zip([3, 10]) {
        let counts = find_counts(text, &ctx);
        assert_eq!(counts.len(), 1, "{text}: {counts:?}");
        assert_eq!(counts[0].value, n, "{text}");
    }
}

#[test]
fn era_years_and_gannen() {
    let cell = |y, m, d, code: &str| -> String {
        let date = ExcelDateTime::from_ymd(y, m, d).unwrap();
        let bytes = xlsx(|ws| {
            let f = Format::new().set_num_format(code);
            ws.write_datetime_with_format(0, 0, &date, &f).unwrap();
        });
        texts(&read_any(&bytes, "xlsx")).remove(0)
    };
    let era = r#"[$-411]ggge"年"m"月"d"日""#;
    let gannen = r#"[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@"#;
    assert_eq!(cell(2019, 5, 1, era), "令和1年5月1日");
    assert_eq!(cell(2019, 5, 1, gannen), "令和元年5月1日");
    assert_eq!(cell(2019, 4, 30, era), "平成31年4月30日");
    // A year-only era code is no date to calamine: the serial is shown as a date all the same.
    assert_eq!(cell(2025, 10, 13, r#"[$-411]ggge"年""#), "令和7年");
}

/// A package written by hand: numbers styled with Japanese built-in format
/// ids that no `numFmt` names (Excel writes them so), and a date before
/// day 1 (a time of day).
#[test]
fn japanese_builtin_format_ids() {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" s="1"><v>45943</v></c><c r="B1" s="2"><v>45943</v></c><c r="C1" s="3"><v>45943</v></c><c r="D1" s="4"><v>45943</v></c><c r="E1" s="5"><v>0.375</v></c><c r="F1" s="6"><v>45943</v></c></row></sheetData></worksheet>"#;
    let xfs: String = [0, 31, 58, 56, 34, 20, 14]
        .iter()
        .map(|id| format!(r#"<xf numFmtId="{id}" fontId="0" fillId="0" borderId="0"/>"#))
        .collect();
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders><cellXfs count="7">{xfs}</cellXfs></styleSheet>"#
    );
    let bytes = xlsx_package(sheet, &styles);
    assert_eq!(
        texts(&read_any(&bytes, "xlsx")),
        vec![
            "2025/10/13",
            "令和7年10月13日",
            "10月13日",
            "2025年10月",
            "9:00",
            "2025/10/13"
        ]
    );
}

fn xlsx_package(sheet: &str, styles: &str) -> Vec<u8> {
    let ct = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let wb = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let wb_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
    package(&[
        ("[Content_Types].xml", ct.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", wb_rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
    ])
}

fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}
