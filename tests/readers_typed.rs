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

const ODS_NS: &str = r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" office:version="1.3""#;

/// An .ods as LibreOffice writes one: automatic styles in `content.xml`,
/// common data styles in `styles.xml`.
fn ods(automatic: &str, table: &str, common: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS}><office:automatic-styles>{automatic}</office:automatic-styles><office:body><office:spreadsheet>{table}</office:spreadsheet></office:body></office:document-content>"#
    );
    let styles = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ODS_NS}><office:styles>{common}</office:styles></office:document-styles>"#
    );
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_bytes()),
        ("styles.xml", styles.as_bytes()),
    ])
}

#[test]
fn ods_typed_cells_show_their_displayed_text() {
    let automatic = r#"<number:date-style style:name="N10045" number:language="ja" number:country="JP"><number:era number:calendar="gengou" number:style="long"/><number:year number:calendar="gengou"/><number:text>年</number:text><number:month number:calendar="gengou"/><number:text>月</number:text><number:day number:calendar="gengou"/><number:text>日</number:text></number:date-style><style:style style:name="ce1" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N10045"/><style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N147"/><style:style style:name="ce3" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N125"/><style:style style:name="ce4" style:family="table-cell" style:parent-style-name="Tsuki"/>"#;
    let common = r#"<number:date-style style:name="N125"><number:month/><number:text>/</number:text><number:day/><number:text>/</number:text><number:year number:style="long"/></number:date-style><number:date-style style:name="N147"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style><number:date-style style:name="N148"><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style><style:style style:name="Tsuki" style:family="table-cell" style:data-style-name="N148"/>"#;
    let date = |style: &str, shown: &str| {
        format!(
            r#"<table:table-cell{style} office:value-type="date" office:date-value="2025-10-13"><text:p>{shown}</text:p></table:table-cell>"#
        )
    };
    let float = |v: &str, shown: &str| {
        format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{shown}</text:p></table:table-cell>"#
        )
    };
    let row1 = [
        float("3", "3回"),
        float("1234", "1,234件"),
        r#"<table:table-cell office:value-type="percentage" office:value="0.3"><text:p>30%</text:p></table:table-cell>"#.to_string(),
        r#"<table:table-cell office:value-type="currency" office:currency="JPY" office:value="3000"><text:p>￥3,000</text:p></table:table-cell>"#.to_string(),
        // A note in the cell is not its text; text:s is a run of spaces.
        r#"<table:table-cell office:value-type="float" office:value="5"><office:annotation><text:p>メモ</text:p></office:annotation><text:p>全<text:s/>5<text:span>回</text:span></text:p></table:table-cell>"#.to_string(),
        r#"<table:table-cell office:value-type="time" office:time-value="PT09H30M00S"><text:p>9:30</text:p></table:table-cell>"#.to_string(),
        r#"<table:table-cell office:value-type="float" office:value="2" table:number-columns-repeated="2"><text:p>2件</text:p></table:table-cell>"#.to_string(),
    ]
    .concat();
    let row2 = [
        // The column's default cell style (in content.xml, its data style in
        // styles.xml), the cell's own style, a common cell style through a
        // parent, a US-ordered style, and no style at all.
        date("", "2025/10/13"),
        date(r#" table:style-name="ce1""#, "令和7年10月13日"),
        date(r#" table:style-name="ce4""#, "10月13日"),
        date(r#" table:style-name="ce3""#, "10/13/2025"),
        r#"<table:table-cell table:style-name="Default"/>"#.to_string(),
        date(r#" table:style-name="nothing""#, "13.10.25"),
    ]
    .concat();
    let table = format!(
        r#"<table:table table:name="S"><table:table-column table:default-cell-style-name="ce2"/><table:table-column table:number-columns-repeated="10" table:default-cell-style-name="Default"/><table:table-row>{row1}</table:table-row><table:table-row>{row2}</table:table-row></table:table>"#
    );
    let doc = read_any(&ods(automatic, &table, common), "ods");
    assert_eq!(
        texts(&doc),
        vec![
            "3回",
            "1,234件",
            "30%",
            "￥3,000",
            "全 5回",
            "9:30",
            "2件",
            "2件",
            "2025/10/13",
            "令和7年10月13日",
            "10月13日",
            "2025/10/13",
            "2025年10月13日",
        ]
    );
}

/// A date cell whose serial is no day Excel can show (past 9999-12-31,
/// negative) is read as the number it holds, with one warning, never as a
/// made-up 9999-12-31 or 1900-01-00 (DECISIONS 41).
#[test]
fn date_serials_out_of_range_stay_numbers_with_a_warning() {
    let cases: &[(f64, &str, &str)] = &[
        (45_911.0, "yyyy/m/d", "2025/9/11"),
        (1e9, "yyyy/m/d", "1000000000"),
        (2_958_466.0, "yyyy/m/d", "2958466"),
        (2_958_465.0, "yyyy/m/d", "9999/12/31"),
        (-5.0, "yyyy/m/d", "-5"),
        (1e9, r#"[$-411]ggge"年"m"月"d"日""#, "1000000000"),
        (1e9, "m/d h:mm", "1000000000"),
    ];
    let bytes = xlsx(|ws| {
        for (i, (v, code, _)) in cases.iter().enumerate() {
            number(ws, i as u16, *v, code);
        }
    });
    let doc = read_any(&bytes, "xlsx");
    let want: Vec<&str> = cases.iter().map(|c| c.2).collect();
    assert_eq!(texts(&doc), want);
    let warnings: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "date_out_of_range")
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", doc.diagnostics);
    assert!(warnings[0].message.starts_with("5 cell(s)"), "{warnings:?}");
}
