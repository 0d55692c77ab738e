//! Reader tests: one small hand-built document per habit (SPEC §1 Word/Excel
//! specifics), plus sniffing. Word documents are written with docx-rs where
//! its writer can express the habit, and as raw XML parts otherwise.

use shiryo::model::{Block, Cell, Document, Level, PartKind, Table};
use shiryo::read::{self, Format, Limits, ReadError};
use std::io::Write;

/// A zip package from (path, content) pairs, deflated.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const W_NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml""#;

/// A minimal .docx whose body is `body` (the XML inside <w:body>), with an
/// optional `styles.xml` holding `styles`.
fn docx_with(body: &str, styles: Option<&str>) -> Vec<u8> {
    docx_parts(body, styles, &[])
}

/// As `docx_with`, plus whole extra parts (path, XML).
fn docx_parts(body: &str, styles: Option<&str>, extra: &[(&str, &str)]) -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W_NS}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let ct = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut doc_rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    if styles.is_some() {
        doc_rels.push_str(r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
    }
    doc_rels.push_str(r#"<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.jp/" TargetMode="External"/></Relationships>"#);
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", ct.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes()),
    ];
    let st;
    if let Some(s) = styles {
        st = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W_NS}>{s}</w:styles>"#
        );
        parts.push(("word/styles.xml", st.as_bytes()));
    }
    parts.extend(extra.iter().map(|(n, x)| (*n, x.as_bytes())));
    package(&parts)
}

fn docx(body: &str) -> Vec<u8> {
    docx_with(body, None)
}

const RPR: &str = r#"<w:rPr><w:rFonts w:ascii="ＭＳ ゴシック" w:eastAsia="ＭＳ ゴシック" w:hAnsi="ＭＳ ゴシック" w:hint="eastAsia"/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>"#;

/// A Word-like paragraph: verbose properties, text split over three runs.
fn wordy_p(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let a = chars.len() / 3;
    let b = 2 * chars.len() / 3;
    let parts = [
        chars[..a].iter().collect::<String>(),
        chars[a..b].iter().collect::<String>(),
        chars[b..].iter().collect::<String>(),
    ];
    let mut s = String::from(
        r#"<w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A1B2C3" w:rsidRDefault="00A1B2C3" w:rsidP="00D4E5F6"><w:pPr><w:spacing w:line="300" w:lineRule="exact"/><w:ind w:left="210" w:hangingChars="100" w:hanging="210"/>"#,
    );
    s.push_str(RPR);
    s.push_str("</w:pPr>");
    for p in parts {
        s.push_str(r#"<w:r w:rsidRPr="00B12345">"#);
        s.push_str(RPR);
        s.push_str(&format!(r#"<w:t xml:space="preserve">{p}</w:t></w:r>"#));
    }
    s.push_str("</w:p>");
    s
}

const TCPR: &str = r#"<w:tcBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/><w:vAlign w:val="center"/>"#;

/// A realistic one-form document built from the seed's wording (about 30 KB zipped).
fn realistic_docx() -> Vec<u8> {
    let lines = [
        "積極的医療機関・保健所・市担当課との担当者会議「今年度の方向性決定・取組みの情報共有・会議前打合せ」（５・６・９月）",
        "積極的医療機関・市担当課・保健所・関係機関（在支診・在支病等）との実務者会議「在宅医療の現状・課題把握」（１０月）",
        "市内医療機関を対象に、在宅医療の現状・かかりつけ医の診療支援等に関するアンケート調査を実施",
        "ＩＣＴネットワークシステム説明会を開催 連携の拠点・積極的医療機関（医師・看護師・MSW）担当者、行政職員対象（６月）",
        "②④ＩＣＴ活用による情報共有を検討。６月、連携の拠点・積極的医療機関、行政を対象としたバイタルリンクシステム説明会を開催。",
    ];
    let mut body = String::new();
    body.push_str(&wordy_p("■ 連携の拠点の取組について"));
    body.push_str(&wordy_p("資料 2 — 1"));
    let cats = [
        "①会議の開催",
        "②地域の資源の把握・関係機関との調整",
        "③急変時対応等の体制構築等",
        "④在宅医療に係る研修",
        "⑤在宅医療の普及啓発",
    ];
    for sec in 1..=4 {
        body.push_str(&wordy_p(&format!("（{sec}）令和6年度の取組実績")));
        body.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="9639" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid><w:gridCol w:w="1927"/><w:gridCol w:w="1928"/><w:gridCol w:w="1928"/><w:gridCol w:w="1928"/><w:gridCol w:w="1928"/></w:tblGrid>"#);
        body.push_str(r#"<w:tr w:rsidR="00A1B2C3"><w:trPr><w:trHeight w:val="400"/></w:trPr>"#);
        for c in cats {
            body.push_str(&format!(
                r#"<w:tc><w:tcPr><w:tcW w:w="1927" w:type="dxa"/>{TCPR}</w:tcPr>{}</w:tc>"#,
                wordy_p(c)
            ));
        }
        body.push_str("</w:tr><w:tr>");
        body.push_str(&format!(r#"<w:tc><w:tcPr><w:tcW w:w="9639" w:type="dxa"/><w:gridSpan w:val="5"/>{TCPR}</w:tcPr>"#));
        for cat in cats {
            let marker = cat.chars().next().unwrap();
            for l in lines {
                body.push_str(&wordy_p(&format!("{marker}{l}")));
            }
        }
        body.push_str("</w:tc></w:tr></w:tbl>");
    }
    let mut styles = String::new();
    for i in 0..150 {
        styles.push_str(&format!(r#"<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="Style {i}"/><w:basedOn w:val="a"/><w:uiPriority w:val="99"/><w:pPr><w:spacing w:line="300"/></w:pPr><w:rPr><w:rFonts w:ascii="ＭＳ 明朝"/><w:sz w:val="21"/></w:rPr></w:style>"#));
    }
    docx_with(&body, Some(&styles))
}

fn pack(d: docx_rs::Docx) -> Vec<u8> {
    let mut c = std::io::Cursor::new(Vec::new());
    d.build().pack(&mut c).unwrap();
    c.into_inner()
}

/// Sniff and read, as the pipeline does.
fn read_any(bytes: &[u8], ext: &str) -> Result<Document, ReadError> {
    let limits = Limits::default();
    let format = read::sniff(bytes, ext, &limits)?;
    read::read(bytes, format, &limits)
}

fn body(bytes: &[u8]) -> Vec<Block> {
    let doc = read_any(bytes, "docx").unwrap();
    assert_eq!(doc.parts.len(), 1);
    assert_eq!(doc.parts[0].kind, PartKind::Body);
    doc.parts.into_iter().next().unwrap().blocks
}

/// Whether each body paragraph is a list item, in order.
fn list_flags(blocks: &[Block]) -> Vec<bool> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.list_item),
            _ => None,
        })
        .collect()
}

/// The lines of every body paragraph, in order.
fn paragraphs(blocks: &[Block]) -> Vec<Vec<String>> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.lines.clone()),
            _ => None,
        })
        .collect()
}

fn tables(blocks: &[Block]) -> Vec<&Table> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

fn cell_at(t: &Table, row: usize, col: usize) -> &Cell {
    t.cells
        .iter()
        .find(|c| c.row == row && c.col == col)
        .unwrap_or_else(|| panic!("no cell at ({row},{col}) in {:?}", t.cells))
}

fn assert_grid_invariants(t: &Table) {
    let mut last = None;
    for c in &t.cells {
        assert!(c.row_span >= 1 && c.col_span >= 1);
        assert!(
            c.row + c.row_span <= t.origin_row + t.rows,
            "{c:?} outside {}x{}",
            t.rows,
            t.cols
        );
        assert!(
            c.col + c.col_span <= t.origin_col + t.cols,
            "{c:?} outside {}x{}",
            t.rows,
            t.cols
        );
        assert!(last < Some((c.row, c.col)), "cells out of order");
        last = Some((c.row, c.col));
        for other in &t.cells {
            if std::ptr::eq(c, other) {
                continue;
            }
            let overlap = other.row < c.row + c.row_span
                && c.row < other.row + other.row_span
                && other.col < c.col + c.col_span
                && c.col < other.col + other.col_span;
            assert!(!overlap, "{c:?} overlaps {other:?}");
        }
        for l in &c.lines {
            assert!(!l.text.contains('\n'));
        }
    }
}

// ---------------------------------------------------------------- Word

#[test]
fn docx_runs_split_mid_word_are_joined() {
    let bytes = docx(
        r#"<w:p><w:r><w:t>連携の</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>拠</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t xml:space="preserve">点 </w:t></w:r><w:r><w:tab/><w:t>A&amp;B</w:t></w:r></w:p>"#,
    );
    let blocks = body(&bytes);
    assert_eq!(
        paragraphs(&blocks),
        vec![vec!["連携の拠点  A&B".to_string()]]
    );
}

#[test]
fn docx_line_break_in_cell_splits_lines() {
    let cell = r#"<w:tc><w:p><w:r><w:t>①会議</w:t><w:br/><w:t>②研修</w:t></w:r></w:p><w:p><w:r><w:t>③体制</w:t></w:r></w:p></w:tc>"#;
    let bytes = docx(&format!("<w:tbl><w:tr>{cell}</w:tr></w:tbl>"));
    let blocks = body(&bytes);
    let t = tables(&blocks)[0];
    let c = cell_at(t, 0, 0);
    let lines: Vec<(&str, usize)> = c
        .lines
        .iter()
        .map(|l| (l.text.as_str(), l.paragraph))
        .collect();
    assert_eq!(lines, vec![("①会議", 0), ("②研修", 1), ("③体制", 2)]);
}

#[test]
fn docx_grid_span_becomes_col_span() {
    use docx_rs::*;
    let cell =
        |s: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(s)));
    let d = Docx::new().add_table(Table::new(vec![
        TableRow::new(vec![cell("対象地域").grid_span(2), cell("交野市")]),
        TableRow::new(vec![
            cell("実施主体"),
            cell("連携の拠点"),
            cell("交野市医師会"),
        ]),
    ]));
    let blocks = body(&pack(d));
    let t = tables(&blocks)[0];
    assert_grid_invariants(t);
    assert_eq!((t.rows, t.cols), (2, 3));
    let a = cell_at(t, 0, 0);
    assert_eq!((a.col_span, a.text().as_str()), (2, "対象地域"));
    assert_eq!(cell_at(t, 0, 2).text(), "交野市");
    assert_eq!(cell_at(t, 1, 1).text(), "連携の拠点");
}

#[test]
fn docx_vmerge_becomes_row_span() {
    use docx_rs::*;
    let cell =
        |s: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(s)));
    let d = Docx::new().add_table(Table::new(vec![
        TableRow::new(vec![
            cell("実施主体").vertical_merge(VMergeType::Restart),
            cell("連携の拠点"),
            cell("A"),
        ]),
        TableRow::new(vec![
            cell("").vertical_merge(VMergeType::Continue),
            cell("委託先"),
            cell("B"),
        ]),
        TableRow::new(vec![
            cell("追記").vertical_merge(VMergeType::Continue),
            cell("x"),
            cell("C"),
        ]),
    ]));
    let blocks = body(&pack(d));
    let t = tables(&blocks)[0];
    assert_grid_invariants(t);
    let merged = cell_at(t, 0, 0);
    assert_eq!(merged.row_span, 3);
    assert_eq!(merged.text(), "実施主体\n追記");
    assert!(
        t.cells.iter().all(|c| c.col != 0 || c.row == 0),
        "covered cells must not appear"
    );
    assert_eq!(t.covering(2, 0).unwrap().text(), merged.text());
    assert_eq!(cell_at(t, 1, 1).text(), "委託先");
}

#[test]
fn docx_tracked_insert_kept_delete_dropped() {
    use docx_rs::*;
    let d = Docx::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text("研修会を"))
            .add_delete(Delete::new().add_run(Run::new().add_delete_text("2回")))
            .add_insert(Insert::new(Run::new().add_text("3回")))
            .add_run(Run::new().add_text("実施")),
    );
    let blocks = body(&pack(d));
    assert_eq!(
        paragraphs(&blocks),
        vec![vec!["研修会を3回実施".to_string()]]
    );

    // Moves and deleted table rows too.
    let xml = format!(
        r#"<w:p><w:moveFrom><w:r><w:t>旧</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>新</w:t></w:r></w:moveTo></w:p><w:tbl><w:tr><w:tc>{}</w:tc></w:tr><w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr><w:tc><w:p><w:del><w:r><w:delText>消えた行</w:delText></w:r></w:del></w:p></w:tc></w:tr></w:tbl>"#,
        p("残る行")
    );
    let blocks = body(&docx(&xml));
    assert_eq!(paragraphs(&blocks), vec![vec!["新".to_string()]]);
    let t = tables(&blocks)[0];
    assert_eq!(t.rows, 1);
    assert_eq!(t.cells.len(), 1);

    // A deleted paragraph mark joins two paragraphs; a paragraph deleted whole disappears.
    let del_mark = r#"<w:pPr><w:rPr><w:del w:id="2" w:author="a"/></w:rPr></w:pPr>"#;
    let xml = format!(
        r#"<w:p>{del_mark}<w:r><w:t>会議を</w:t></w:r></w:p><w:p><w:r><w:t>開催</w:t></w:r></w:p><w:p>{del_mark}<w:del><w:r><w:delText>削除</w:delText></w:r></w:del></w:p><w:p><w:r><w:t>次</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p>{del_mark}<w:r><w:t>セル</w:t></w:r></w:p><w:p><w:r><w:t>の中</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#
    );
    let blocks = body(&docx(&xml));
    assert_eq!(
        paragraphs(&blocks),
        vec![vec!["会議を開催".to_string()], vec!["次".to_string()]]
    );
    assert_eq!(tables(&blocks)[0].cells[0].text(), "セルの中");
}

#[test]
fn docx_hyperlink_keeps_visible_text() {
    use docx_rs::*;
    let d = Docx::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text("詳細は"))
            .add_hyperlink(
                Hyperlink::new("https://example.jp/", HyperlinkType::External)
                    .add_run(Run::new().add_text("市のホームページ")),
            ),
    );
    let blocks = body(&pack(d));
    assert_eq!(
        paragraphs(&blocks),
        vec![vec!["詳細は市のホームページ".to_string()]]
    );
}

#[test]
fn docx_field_result_kept_instruction_dropped() {
    let xml = r#"<w:p><w:r><w:t>資料</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ 資料 \* ARABIC </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>-6</w:t></w:r></w:p><w:p><w:fldSimple w:instr=" DATE \@ &quot;M/d&quot; "><w:r><w:t>9/11</w:t></w:r></w:fldSimple><w:r><w:t> 開催</w:t></w:r></w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r><w:r><w:t>noise</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>後</w:t></w:r></w:p>"#;
    let blocks = body(&docx(xml));
    assert_eq!(
        paragraphs(&blocks),
        vec![
            vec!["資料2-6".to_string()],
            vec!["9/11 開催".to_string()],
            vec!["後".to_string()]
        ]
    );
}

#[test]
fn docx_content_controls_keep_their_text() {
    let xml = r#"<w:sdt><w:sdtPr><w:alias w:val="地域"/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>交野市</w:t></w:r></w:p></w:sdtContent></w:sdt><w:p><w:r><w:t>拠点：</w:t></w:r><w:sdt><w:sdtPr><w:rPr><w:b/></w:rPr></w:sdtPr><w:sdtContent><w:r><w:t>交野市医師会</w:t></w:r></w:sdtContent></w:sdt></w:p><w:tbl><w:tr><w:tc><w:sdt><w:sdtContent><w:p><w:r><w:t>セルの中</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc><w:sdt><w:sdtContent><w:tc><w:p><w:r><w:t>行レベル</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:tbl><w:p><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>ここをクリックして入力</w:t></w:r></w:sdtContent></w:sdt></w:p>"#;
    let blocks = body(&docx(xml));
    assert_eq!(
        paragraphs(&blocks),
        vec![
            vec!["交野市".to_string()],
            vec!["拠点：交野市医師会".to_string()],
            vec![String::new()]
        ]
    );
    let t = tables(&blocks)[0];
    assert_eq!(cell_at(t, 0, 0).text(), "セルの中");
    assert_eq!(cell_at(t, 0, 1).text(), "行レベル");
}

#[test]
fn docx_auto_numbered_paragraphs_are_list_items() {
    use docx_rs::*;
    let d = Docx::new()
        .add_abstract_numbering(AbstractNumbering::new(2).add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )))
        .add_numbering(Numbering::new(2, 2))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("見出し")))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("会議を開催"))
                .numbering(NumberingId::new(2), IndentLevel::new(0)),
        );
    let blocks = body(&pack(d));
    let flags: Vec<bool> = list_flags(&blocks);
    assert_eq!(flags, vec![false, true]);

    // A list style (numbering through the style, following basedOn), and numId 0 switching it off.
    let styles = r#"<w:style w:type="paragraph" w:styleId="ListBase"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Bullet"><w:basedOn w:val="ListBase"/></w:style>"#;
    let xml = r#"<w:p><w:pPr><w:pStyle w:val="Bullet"/></w:pPr><w:r><w:t>a</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Bullet"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>b</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>c</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#;
    let blocks = body(&docx_with(xml, Some(styles)));
    let flags: Vec<bool> = list_flags(&blocks);
    assert_eq!(flags, vec![true, false]);
    assert!(tables(&blocks)[0].cells[0].lines[0].list_item);
}

#[test]
fn docx_several_tables_keep_body_order_and_indices() {
    let t = |s: &str| {
        format!("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>", p(s), p(""))
    };
    let xml = format!(
        "{}{}{}{}{}",
        p("■ 連携の拠点の取組について"),
        t("対象地域"),
        p("（１）令和6年度の取組実績"),
        t("①会議の開催"),
        p("（２）課題")
    );
    let blocks = body(&docx(&xml));
    let kinds: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => format!("p{}", p.index),
            Block::Table(t) => format!("t{}", t.index),
        })
        .collect();
    assert_eq!(kinds, vec!["p0", "t0", "p1", "t1", "p2"]);
    let ts = tables(&blocks);
    assert_eq!(cell_at(ts[1], 0, 0).text(), "①会議の開催");
    assert_eq!((ts[1].rows, ts[1].cols, ts[1].cells.len()), (1, 2, 2));
}

#[test]
fn docx_nested_table_flattens_into_the_cell() {
    let inner = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("内1"),
        p("内2")
    );
    let xml = format!(
        "<w:tbl><w:tr><w:tc>{}{}{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("前"),
        inner,
        p("後"),
        p("隣")
    );
    let blocks = body(&docx(&xml));
    let ts = tables(&blocks);
    assert_eq!(ts.len(), 1);
    assert_grid_invariants(ts[0]);
    assert_eq!(cell_at(ts[0], 0, 0).text(), "前\n内1\n内2\n後");
    assert_eq!(cell_at(ts[0], 0, 1).text(), "隣");
}

#[test]
fn docx_hidden_ruby_and_text_box_text() {
    let xml = r#"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>見えない</w:t></w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>きょてん</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>拠点</w:t></w:r></w:rubyBase></w:ruby><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wps:txbx xmlns:wps="x"><w:txbxContent><w:p><w:r><w:t>資料2-1</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>資料2-1</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p><w:p><w:r><w:t>次</w:t></w:r></w:p>"#;
    let blocks = body(&docx(xml));
    assert_eq!(
        paragraphs(&blocks),
        vec![
            vec!["拠点".to_string()],
            vec!["資料2-1".to_string()],
            vec!["次".to_string()]
        ]
    );
}

#[test]
fn docx_circled_list_numbers_are_written_into_the_text() {
    use docx_rs::*;
    let circled = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimalEnclosedCircle"),
        LevelText::new("%1"),
        LevelJc::new("left"),
    );
    let bullet = Level::new(
        1,
        Start::new(1),
        NumberFormat::new("bullet"),
        LevelText::new("・"),
        LevelJc::new("left"),
    );
    let decimal = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimal"),
        LevelText::new("%1."),
        LevelJc::new("left"),
    );
    let item = |text: &str, num: usize, level: usize| {
        Paragraph::new()
            .add_run(Run::new().add_text(text))
            .numbering(NumberingId::new(num), IndentLevel::new(level))
    };
    let d = Docx::new()
        .add_abstract_numbering(
            AbstractNumbering::new(2)
                .add_level(circled)
                .add_level(bullet),
        )
        .add_abstract_numbering(AbstractNumbering::new(4).add_level(decimal))
        .add_numbering(Numbering::new(2, 2))
        .add_numbering(Numbering::new(3, 2).add_override(LevelOverride::new(0).start(1)))
        .add_numbering(Numbering::new(4, 4))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("（１）令和6年度の取組実績")))
        .add_paragraph(item("会議の開催（年間５回開催）", 2, 0))
        .add_paragraph(item("多職種連携会議を開催", 2, 1))
        .add_paragraph(item("地域の資源の把握", 2, 0))
        .add_table(Table::new(vec![TableRow::new(vec![
            TableCell::new().add_paragraph(item("急変時対応等の体制構築等", 2, 0))
        ])]))
        .add_paragraph(item("会議の開催", 3, 0))
        .add_paragraph(item("手順", 4, 0));
    let blocks = body(&pack(d));
    let first: Vec<String> = paragraphs(&blocks)
        .into_iter()
        .map(|l| l[0].clone())
        .collect();
    assert_eq!(
        first,
        vec![
            "（１）令和6年度の取組実績",
            "①会議の開催（年間５回開催）",
            "多職種連携会議を開催",
            "②地域の資源の把握",
            "①会議の開催",
            "手順",
        ]
    );
    assert_eq!(
        list_flags(&blocks),
        vec![false, true, true, true, true, true]
    );
    let cell = &tables(&blocks)[0].cells[0];
    assert_eq!(cell.text(), "③急変時対応等の体制構築等");
    assert!(cell.lines[0].list_item);
}

/// A hand-written numbering part: numbering through a paragraph style
/// (following basedOn, with a direct level), a level restarted by a higher
/// one, `w:start`, `numId 0`, and a paragraph whose mark is deleted.
#[test]
fn docx_circled_numbers_from_a_hand_written_numbering_part() {
    let numbering = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W_NS}><w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="hybridMultilevel"/><w:lvl w:ilvl="0" w:tplc="1"><w:start w:val="1"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="（%1）"/><w:lvlJc w:val="left"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="420"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="11"><w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="8"><w:abstractNumId w:val="11"/></w:num></w:numbering>"#
    );
    let styles = r#"<w:style w:type="paragraph" w:styleId="Section"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Category"><w:basedOn w:val="Section"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>"#;
    let styled = |style: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let direct = |num: u32, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let xml = [
        styled("Section", "令和6年度の取組実績"),
        styled("Category", "会議の開催"),
        styled("Category", "在宅医療に係る研修"),
        styled("Section", "令和7年度の取組計画"),
        styled("Category", "会議の開催"),
        r#"<w:p><w:pPr><w:pStyle w:val="Category"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>番号なし</w:t></w:r></w:p>"#.to_string(),
        direct(8, "急変時対応"),
        // The mark of this paragraph is deleted: it joins the next one,
        // which is numbered.
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="8"/></w:numPr><w:rPr><w:del w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>在宅医療の</w:t></w:r></w:p>"#.to_string(),
        direct(8, "普及啓発"),
    ]
    .concat();
    let bytes = docx_parts(&xml, Some(styles), &[("word/numbering.xml", &numbering)]);
    assert_eq!(
        paragraphs(&body(&bytes)),
        [
            "令和6年度の取組実績",
            "①会議の開催",
            "②在宅医療に係る研修",
            "令和7年度の取組計画",
            "①会議の開催",
            "番号なし",
            "④急変時対応",
            "⑤在宅医療の普及啓発",
        ]
        .map(|s| vec![s.to_string()])
    );
    // Without a numbering part, the paragraphs are list items with no marker.
    let blocks = body(&docx_with(&direct(8, "急変時対応"), None));
    assert_eq!(paragraphs(&blocks), vec![vec!["急変時対応".to_string()]]);
    assert_eq!(list_flags(&blocks), vec![true]);
}

/// DECISIONS 29: a text box is read once, from the DrawingML choice (here
/// with text different from its VML fallback, as after an edit in an old
/// Word), also in a table cell; a VML-only text box (`w:pict/v:textbox`,
/// no alternate content) is read too.
#[test]
fn docx_text_boxes_are_read_once() {
    let choice_and_fallback = |choice: &str, fallback: &str| {
        format!(
            r#"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
            p(choice),
            p(fallback)
        )
    };
    let vml_only = format!(
        r#"<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="position:absolute"><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"#,
        p("資料２－４")
    );
    let xml = format!(
        r#"<w:p><w:r><w:t>前</w:t></w:r>{}</w:p><w:p>{vml_only}<w:r><w:t>本文</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>セル</w:t></w:r>{}</w:p></w:tc></w:tr></w:tbl>"#,
        choice_and_fallback("資料2-1", "古い写し"),
        choice_and_fallback("枠の中", "枠の写し"),
    );
    let blocks = body(&docx(&xml));
    assert_eq!(
        paragraphs(&blocks),
        [
            vec!["前"],
            vec!["資料2-1"],
            vec!["本文"],
            vec!["資料２－４"]
        ]
        .map(|l| l.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    );
    assert_eq!(tables(&blocks)[0].cells[0].text(), "セル\n枠の中");
}

/// DECISIONS 29: footnotes, endnotes, comments and page footers never reach
/// the model; their references in the body contribute no text.
#[test]
fn docx_notes_comments_and_footers_are_not_read() {
    let part = |root: &str, inner: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{root} {W_NS}>{inner}</w:{root}>"#
        )
    };
    let note = |kind: &str| {
        format!(
            r#"<w:{kind} w:id="1"><w:p><w:r><w:t>{kind}の本文：年3回開催</w:t></w:r></w:p></w:{kind}>"#
        )
    };
    let footnotes = part("footnotes", &note("footnote"));
    let endnotes = part("endnotes", &note("endnote"));
    let comments = part("comments", &note("comment"));
    let footer = part("ftr", &p("フッター 資料2-9"));
    let xml = r#"<w:p><w:commentRangeStart w:id="1"/><w:r><w:t>本文</w:t></w:r><w:commentRangeEnd w:id="1"/><w:r><w:commentReference w:id="1"/></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:endnoteReference w:id="1"/></w:r><w:r><w:t>です</w:t></w:r></w:p>"#;
    let bytes = docx_parts(
        xml,
        None,
        &[
            ("word/footnotes.xml", &footnotes),
            ("word/endnotes.xml", &endnotes),
            ("word/comments.xml", &comments),
            ("word/footer1.xml", &footer),
        ],
    );
    let doc = read_any(&bytes, "docx").unwrap();
    assert_eq!(doc.parts.len(), 1, "{:?}", doc.parts);
    let lines: Vec<&str> = doc.parts[0].lines().collect();
    assert_eq!(lines, vec!["本文です"]);
}

/// CPU time of this thread (wall time misleads when other builds share the cores).
fn cpu_time() -> std::time::Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    std::time::Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn time_docx_read() {
    let bytes = realistic_docx();
    let limits = Limits::default();
    let n = 300;
    let t = cpu_time();
    for _ in 0..n {
        std::hint::black_box(read::read(&bytes, Format::Docx, &limits).unwrap());
    }
    let ours = (cpu_time() - t) / n;
    let t = cpu_time();
    let opts = docx_rs::ReadDocxOptions::default().with_image_previews(false);
    for _ in 0..n / 10 {
        std::hint::black_box(docx_rs::read_docx_with_options(&bytes, opts).unwrap());
    }
    let theirs = (cpu_time() - t) / (n / 10);
    eprintln!(
        "docx ({} bytes): shiryo reader {ours:?}, docx-rs {theirs:?} per read",
        bytes.len()
    );
}

// ---------------------------------------------------------------- Excel

fn xlsx(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    build(&mut wb);
    wb.save_to_buffer().unwrap()
}

fn sheet_table(doc: &Document, part: usize) -> &Table {
    match &doc.parts[part].blocks[..] {
        [Block::Table(t)] => t,
        other => panic!("expected one table, got {other:?}"),
    }
}

#[test]
fn xlsx_merged_region_becomes_one_spanning_cell() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(1, 1, 2, 3, "対象地域", &f).unwrap();
        ws.write_string(1, 4, "交野市").unwrap();
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let t = sheet_table(&doc, 0);
    assert_grid_invariants(t);
    assert_eq!((t.origin_row, t.origin_col, t.rows, t.cols), (1, 1, 2, 4));
    let c = cell_at(t, 1, 1);
    assert_eq!(
        (c.row_span, c.col_span, c.text().as_str()),
        (2, 3, "対象地域")
    );
    assert_eq!(t.covering(2, 3).unwrap().text(), "対象地域");
    assert_eq!(cell_at(t, 1, 4).text(), "交野市");
    assert_eq!(t.cells.len(), 2);
}

#[test]
fn xlsx_grid_paper_sheet_keeps_logical_cells() {
    // "Excel 方眼紙": 60 narrow columns; each logical cell is a merged block.
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for c in 0..60 {
            ws.set_column_width(c, 2).unwrap();
        }
        let f = rust_xlsxwriter::Format::new();
        ws.merge_range(0, 0, 0, 9, "対象地域", &f).unwrap();
        ws.merge_range(0, 10, 0, 59, "交野市", &f).unwrap();
        let cats = [
            "①会議の開催",
            "②地域の資源の把握・関係機関との調整",
            "③急変時対応等の体制構築等",
            "④在宅医療に係る研修",
            "⑤在宅医療の普及啓発",
        ];
        for (i, cat) in cats.iter().enumerate() {
            let c = 12 * i as u16;
            ws.merge_range(2, c, 2, c + 11, cat, &f).unwrap();
        }
        ws.merge_range(
            3,
            0,
            12,
            59,
            "①会議を開催（9/11 1回）\n②資源マップを作成",
            &f,
        )
        .unwrap();
        // A stray empty-string cell under a merge must not show up.
        ws.write_string(5, 5, "").unwrap();
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let t = sheet_table(&doc, 0);
    assert_grid_invariants(t);
    assert_eq!((t.origin_row, t.origin_col, t.rows, t.cols), (0, 0, 13, 60));
    assert_eq!(t.cells.len(), 2 + 5 + 1);
    let header: Vec<(usize, usize)> = t.row_cells(2).map(|c| (c.col, c.col_span)).collect();
    assert_eq!(
        header,
        vec![(0, 12), (12, 12), (24, 12), (36, 12), (48, 12)]
    );
    let body = cell_at(t, 3, 0);
    assert_eq!((body.row_span, body.col_span), (10, 60));
    assert_eq!(body.lines.len(), 2);
}

#[test]
fn xlsx_line_breaks_in_a_cell_split_lines() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "①会議の開催\n②研修").unwrap();
        ws.write_string(1, 0, "a\r\nb").unwrap();
        ws.write_string(2, 0, "c_x000D_\nd").unwrap();
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let t = sheet_table(&doc, 0);
    let lines = |r| -> Vec<(String, usize)> {
        cell_at(t, r, 0)
            .lines
            .iter()
            .map(|l| (l.text.clone(), l.paragraph))
            .collect()
    };
    assert_eq!(
        lines(0),
        vec![("①会議の開催".into(), 0), ("②研修".into(), 1)]
    );
    assert_eq!(lines(1), vec![("a".into(), 0), ("b".into(), 1)]);
    assert_eq!(lines(2), vec![("c".into(), 0), ("d".into(), 1)]);
}

#[test]
fn xlsx_several_sheets_in_workbook_order() {
    let bytes = xlsx(|wb| {
        for (name, r, c) in [("枚方市", 0u32, 0u16), ("寝屋川市", 4, 2), ("守口市", 1, 1)]
        {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            ws.write_string(r, c, name).unwrap();
            ws.write_string(r + 1, c + 1, "連携の拠点").unwrap();
        }
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let names: Vec<&PartKind> = doc.parts.iter().map(|p| &p.kind).collect();
    assert_eq!(
        names,
        vec![
            &PartKind::Sheet("枚方市".into()),
            &PartKind::Sheet("寝屋川市".into()),
            &PartKind::Sheet("守口市".into())
        ]
    );
    let t = sheet_table(&doc, 1);
    assert_eq!(
        (t.index, t.origin_row, t.origin_col, t.rows, t.cols),
        (0, 4, 2, 2, 2)
    );
    assert_eq!(cell_at(t, 5, 3).text(), "連携の拠点");
    assert!(doc.diagnostics.is_empty());
}

#[test]
fn xlsx_hidden_sheets_skipped_with_diagnostic() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.set_name("交野市").unwrap();
        ws.write_string(0, 0, "見える").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("作業用").unwrap();
        ws.write_string(0, 0, "隠れている").unwrap();
        ws.set_hidden(true);
        let ws = wb.add_worksheet();
        ws.set_name("マスタ").unwrap();
        ws.write_string(0, 0, "とても隠れている").unwrap();
        ws.set_very_hidden(true);
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    assert_eq!(doc.parts.len(), 1);
    assert_eq!(doc.parts[0].kind, PartKind::Sheet("交野市".into()));
    let diags: Vec<(&str, Level)> = doc
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.level))
        .collect();
    assert_eq!(
        diags,
        vec![
            ("hidden_sheet", Level::Warning),
            ("hidden_sheet", Level::Warning)
        ]
    );
    assert!(doc.diagnostics[0].message.contains("作業用"));
    assert!(doc.diagnostics[1].message.contains("マスタ"));
}

#[test]
fn xlsx_formula_gives_its_cached_value() {
    use rust_xlsxwriter::Formula;
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_number(0, 0, 5.0).unwrap();
        ws.write_formula(0, 1, Formula::new("=A1+2").set_result("7"))
            .unwrap();
        ws.write_formula(
            0,
            2,
            Formula::new("=\"年間\"&B1&\"回\"").set_result("年間7回"),
        )
        .unwrap();
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let t = sheet_table(&doc, 0);
    assert_eq!(cell_at(t, 0, 0).text(), "5");
    assert_eq!(cell_at(t, 0, 1).text(), "7");
    assert_eq!(cell_at(t, 0, 2).text(), "年間7回");
}

#[test]
fn xlsx_numbers_dates_and_booleans_read_naturally() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_number(0, 0, 1.0).unwrap();
        ws.write_number(0, 1, 0.1 + 0.2).unwrap();
        ws.write_number(0, 2, 2.5).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 10, 13).unwrap();
        let f = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
        ws.write_datetime_with_format(0, 3, &date, &f).unwrap();
        ws.write_boolean(0, 4, true).unwrap();
    });
    let doc = read_any(&bytes, "xlsx").unwrap();
    let t = sheet_table(&doc, 0);
    let texts: Vec<String> = t.cells.iter().map(|c| c.text()).collect();
    // A date cell shows through its format (DECISIONS 23; `tests/readers_typed.rs`).
    assert_eq!(texts, vec!["1", "0.3", "2.5", "2025/10/13", "TRUE"]);
}

#[test]
fn xlsx_stray_cell_at_xfd_stays_sparse() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "対象地域").unwrap();
        ws.write_string(1_048_575, 16_383, "x").unwrap();
    });
    let t0 = std::time::Instant::now();
    let doc = read_any(&bytes, "xlsx").unwrap();
    assert!(t0.elapsed() < std::time::Duration::from_secs(1));
    let t = sheet_table(&doc, 0);
    assert_eq!((t.rows, t.cols, t.cells.len()), (1_048_576, 16_384, 2));
    assert_eq!(cell_at(t, 1_048_575, 16_383).text(), "x");
}

#[test]
fn xlsx_max_cells_limit_is_enforced() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        for r in 0..10 {
            ws.write_number(r, 0, r as f64).unwrap();
        }
    });
    let limits = Limits {
        max_cells: 5,
        ..Limits::default()
    };
    let err = read::read(&bytes, Format::Xlsx, &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge(_)), "{err:?}");
}

// ---------------------------------------------------------------- sniffing

fn sniff(bytes: &[u8], ext: &str) -> Result<Format, ReadError> {
    read::sniff(bytes, ext, &Limits::default())
}

/// A minimal OLE compound file whose root holds empty streams named `names`.
fn ole(names: &[&str]) -> Vec<u8> {
    let mut f = vec![0u8; 512 * 3];
    f[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    f[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    f[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    f[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    f[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    f[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    f[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    f[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    f[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    f[0x3C..0x40].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    f[0x44..0x48].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for i in 0..109 {
        let v: u32 = if i == 0 { 0 } else { 0xFFFF_FFFF };
        f[0x4C + 4 * i..0x50 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    // FAT (sector 0 at offset 512): sector 0 is FAT, sector 1 is the directory.
    let fat = 512;
    for i in 0..128 {
        let v: u32 = match i {
            0 => 0xFFFF_FFFD,
            1 => 0xFFFF_FFFE,
            _ => 0xFFFF_FFFF,
        };
        f[fat + 4 * i..fat + 4 * i + 4].copy_from_slice(&v.to_le_bytes());
    }
    // Directory (sector 1 at offset 1024): root, then a right-leaning chain of streams.
    let dir = 1024;
    let mut entry = |id: usize, name: &str, kind: u8, right: u32, child: u32| {
        let e = dir + 128 * id;
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            f[e + 2 * i..e + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[e + 0x40..e + 0x42].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        f[e + 0x42] = kind;
        f[e + 0x44..e + 0x48].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        f[e + 0x48..e + 0x4C].copy_from_slice(&right.to_le_bytes());
        f[e + 0x4C..e + 0x50].copy_from_slice(&child.to_le_bytes());
    };
    entry(
        0,
        "Root Entry",
        5,
        0xFFFF_FFFF,
        if names.is_empty() { 0xFFFF_FFFF } else { 1 },
    );
    for (i, n) in names.iter().enumerate() {
        let right = if i + 1 < names.len() {
            i as u32 + 2
        } else {
            0xFFFF_FFFF
        };
        entry(i + 1, n, 2, right, 0xFFFF_FFFF);
    }
    f
}

#[test]
fn sniff_empty_file_is_corrupt() {
    assert_eq!(
        sniff(b"", "docx"),
        Err(ReadError::Corrupt("empty file".into()))
    );
}

#[test]
fn sniff_text_named_docx_is_unsupported() {
    let err = sniff("対象地域\t交野市\n".as_bytes(), "docx").unwrap_err();
    assert!(
        matches!(&err, ReadError::Unsupported(m) if m.contains("plain text")),
        "{err:?}"
    );
}

#[test]
fn sniff_pdf_named_xlsx_is_unsupported() {
    let err = sniff(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "xlsx").unwrap_err();
    assert_eq!(
        err,
        ReadError::Unsupported("a PDF, not an Office file".into())
    );
}

#[test]
fn sniff_truncated_zip_is_corrupt() {
    let whole = docx(&p("交野市"));
    let err = sniff(&whole[..whole.len() / 2], "docx").unwrap_err();
    assert!(
        matches!(&err, ReadError::Corrupt(m) if m.contains("zip")),
        "{err:?}"
    );
    // The reader itself refuses it the same way.
    let err = read::read(&whole[..whole.len() / 2], Format::Docx, &Limits::default()).unwrap_err();
    assert!(matches!(err, ReadError::Corrupt(_)), "{err:?}");
}

#[test]
fn sniff_zip_without_word_document_is_refused() {
    let plain = package(&[("readme.txt", b"hello")]);
    assert!(matches!(
        sniff(&plain, "docx"),
        Err(ReadError::Unsupported(_))
    ));
    let broken_office = package(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/styles.xml", b"<w:styles/>"),
    ]);
    let err = sniff(&broken_office, "docx").unwrap_err();
    assert!(
        matches!(&err, ReadError::Corrupt(m) if m.contains("word/document.xml")),
        "{err:?}"
    );
}

#[test]
fn sniff_decides_by_content_not_name() {
    let book = xlsx(|wb| {
        wb.add_worksheet().write_string(0, 0, "x").unwrap();
    });
    assert_eq!(sniff(&book, "docx"), Ok(Format::Xlsx));
    assert_eq!(sniff(&book, "xlsm"), Ok(Format::Xlsm));
    assert_eq!(sniff(&docx(&p("x")), "xlsx"), Ok(Format::Docx));
    let ods = package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", b"<x/>"),
    ]);
    assert_eq!(sniff(&ods, "ods"), Ok(Format::Ods));
}

#[test]
fn sniff_ole_files() {
    let err = sniff(&ole(&["EncryptionInfo", "EncryptedPackage"]), "docx").unwrap_err();
    assert!(matches!(err, ReadError::Encrypted(_)), "{err:?}");
    let err = sniff(&ole(&["\u{1}CompObj", "WordDocument", "1Table"]), "doc").unwrap_err();
    assert_eq!(
        err,
        ReadError::Unsupported("legacy Word .doc is not supported; save it as .docx".into())
    );
    assert_eq!(
        sniff(&ole(&["Workbook", "\u{5}SummaryInformation"]), "xls"),
        Ok(Format::Xls)
    );
    let err = sniff(&ole(&["Workbook"])[..700], "xls").unwrap_err();
    assert!(matches!(err, ReadError::Corrupt(_)), "{err:?}");
}

#[test]
fn sniff_zip_limits_refuse_bombs() {
    let many: Vec<(String, Vec<u8>)> = (0..20)
        .map(|i| (format!("f{i}.xml"), b"<a/>".to_vec()))
        .collect();
    let parts: Vec<(&str, &[u8])> = many
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    let limits = Limits {
        max_entries: 10,
        ..Limits::default()
    };
    let err = read::sniff(&package(&parts), "docx", &limits).unwrap_err();
    assert!(
        matches!(&err, ReadError::TooLarge(m) if m.contains("20 entries")),
        "{err:?}"
    );

    let zeros = vec![b'0'; 4 << 20];
    let bomb = package(&[("word/document.xml", &zeros)]);
    let err = sniff(&bomb, "docx").unwrap_err();
    assert!(
        matches!(&err, ReadError::TooLarge(m) if m.contains(":1")),
        "{err:?}"
    );

    let limits = Limits {
        max_unzipped_bytes: 1000,
        ..Limits::default()
    };
    let err = read::sniff(&docx(&p(&"交野市".repeat(200))), "docx", &limits).unwrap_err();
    assert!(matches!(err, ReadError::TooLarge(_)), "{err:?}");
}

#[test]
#[ignore = "timing; run with --release -- --ignored --nocapture"]
fn time_xlsx_read() {
    let bytes = xlsx(|wb| {
        let ws = wb.add_worksheet();
        let f = rust_xlsxwriter::Format::new().set_text_wrap();
        ws.merge_range(0, 0, 0, 9, "対象地域", &f).unwrap();
        ws.merge_range(0, 10, 0, 59, "交野市", &f).unwrap();
        for s in 0..4u32 {
            for i in 0..5u16 {
                ws.merge_range(
                    2 + s * 12,
                    12 * i,
                    2 + s * 12,
                    12 * i + 11,
                    "②地域の資源の把握・関係機関との調整",
                    &f,
                )
                .unwrap();
            }
            let text = "①積極的医療機関・保健所・市担当課との担当者会議「今年度の方向性決定・取組みの情報共有」（５・６・９月）\n".repeat(12);
            ws.merge_range(3 + s * 12, 0, 12 + s * 12, 59, &text, &f)
                .unwrap();
        }
    });
    let limits = Limits::default();
    let n = 300;
    let t = cpu_time();
    for _ in 0..n {
        std::hint::black_box(read::read(&bytes, Format::Xlsx, &limits).unwrap());
    }
    eprintln!(
        "xlsx ({} bytes): {:?} per read",
        bytes.len(),
        (cpu_time() - t) / n
    );
}

#[test]
#[ignore = "prints every fixture's model; run with -- --ignored --nocapture"]
fn print_fixture_models() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let filter = std::env::var("DUMP").unwrap_or_default();
    let mut files: Vec<_> = ["docx", "xlsx", "other"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(dir.join(d))
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|e| e.path())
        .filter(|p| {
            !p.to_string_lossy().ends_with(".json") && p.to_string_lossy().contains(&filter)
        })
        .collect();
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let ext = f.extension().unwrap().to_string_lossy().to_string();
        let t = cpu_time();
        let doc = read_any(&bytes, &ext);
        eprintln!("==== {} ({:?})", f.display(), cpu_time() - t);
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                eprintln!("ERROR {e:?}");
                continue;
            }
        };
        for d in &doc.diagnostics {
            eprintln!("diag {d:?}");
        }
        for part in &doc.parts {
            eprintln!("-- {:?}", part.kind);
            for b in &part.blocks {
                match b {
                    Block::Paragraph(p) => eprintln!(
                        "P{}{} {:?}",
                        p.index,
                        if p.list_item { "•" } else { "" },
                        p.lines
                    ),
                    Block::Table(t) => {
                        eprintln!(
                            "T{} origin ({},{}) {}x{}",
                            t.index, t.origin_row, t.origin_col, t.rows, t.cols
                        );
                        assert_grid_invariants(t);
                        for c in &t.cells {
                            let lines: Vec<String> = c
                                .lines
                                .iter()
                                .map(|l| {
                                    format!("{}{}", if l.list_item { "•" } else { "" }, l.text)
                                })
                                .collect();
                            eprintln!(
                                "  r{} c{} {}x{} {:?}",
                                c.row, c.col, c.row_span, c.col_span, lines
                            );
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- robustness

#[test]
fn damaged_files_are_errors_not_panics() {
    let word = docx(&format!(
        "{}<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/><w:vMerge w:val=\"restart\"/></w:tcPr>{}</w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>{}</w:tc></w:tr></w:tbl>",
        p("資料2-6"),
        p("①会議"),
        p("")
    ));
    let book = xlsx(|wb| {
        let ws = wb.add_worksheet();
        ws.merge_range(0, 0, 1, 2, "対象地域", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.write_string(3, 1, "①会議\n②研修").unwrap();
    });
    for (bytes, ext) in [(&word, "docx"), (&book, "xlsx")] {
        let step = (bytes.len() / 97).max(1);
        for cut in (0..bytes.len()).step_by(step) {
            let _ = read_any(&bytes[..cut], ext);
            let mut flipped = bytes.clone();
            flipped[cut] ^= 0x5A;
            let _ = read_any(&flipped, ext);
        }
    }
}

#[test]
fn malformed_document_xml_is_corrupt() {
    let ct = br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    for xml in [
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>途中で",
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p></w:tbl></w:body></w:document>",
        "\u{0}\u{1}not xml at all",
    ] {
        let bytes = package(&[("[Content_Types].xml", ct), ("word/document.xml", xml.as_bytes())]);
        let err = read_any(&bytes, "docx").unwrap_err();
        assert!(matches!(&err, ReadError::Corrupt(m) if m.contains("word/document.xml")), "{err:?}");
    }
}

#[test]
fn every_fixture_reads_and_keeps_the_grid_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut seen = 0;
    for sub in ["docx", "xlsx", "other"] {
        for entry in std::fs::read_dir(dir.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = entry.path();
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            if !["docx", "xlsx", "xlsm", "xls", "ods"].contains(&ext.as_str()) {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let doc = read_any(&bytes, &ext).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(!doc.parts.is_empty(), "{}", path.display());
            for part in &doc.parts {
                for b in &part.blocks {
                    if let Block::Table(t) = b {
                        assert_grid_invariants(t);
                    }
                }
            }
            seen += 1;
        }
    }
    assert!(seen > 0 || !dir.exists());
}

fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_bytes()),
    ])
}

#[test]
fn ods_merged_cells_become_spans() {
    let s = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let xml = format!(
        r#"<table:table table:name="守口市"><table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string" table:number-columns-spanned="3" table:number-rows-spanned="2"><text:p>対象地域</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/>{}</table:table-row><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:covered-table-cell table:number-columns-repeated="3"/>{}</table:table-row></table:table>"#,
        s("守口市"),
        s("二行目")
    );
    let doc = read_any(&ods(&xml), "ods").unwrap();
    let t = sheet_table(&doc, 0);
    assert_grid_invariants(t);
    let c = cell_at(t, 2, 2);
    assert_eq!(
        (c.row_span, c.col_span, c.text().as_str()),
        (2, 3, "対象地域")
    );
    assert_eq!(cell_at(t, 2, 5).text(), "守口市");
    assert_eq!(cell_at(t, 3, 5).text(), "二行目");
}

#[test]
fn ods_sheet_too_large_for_a_dense_range_is_refused() {
    let xml = r#"<table:table table:name="S"><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell></table:table-row></table:table>"#;
    let err = read_any(&ods(xml), "ods").unwrap_err();
    assert!(
        matches!(&err, ReadError::TooLarge(m) if m.contains("\"S\"")),
        "{err:?}"
    );
}

#[test]
fn docx_page_headers_become_their_own_parts() {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>{}<w:sectPr/></w:body></w:document>"#,
        p("本文")
    );
    let header = |text: &str| {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr {W_NS}>{}</w:hdr>"#,
            p(text)
        )
    };
    let (h1, h2) = (header("資料２－３"), header("ヘッダー"));
    let bytes = package(&[
        ("word/document.xml", doc.as_bytes()),
        ("word/header2.xml", h1.as_bytes()),
        ("word/header10.xml", b"<w:hdr><w:p></w:hdr>"),
        ("word/header1.xml", h2.as_bytes()),
    ]);
    let read = read_any(&bytes, "docx").unwrap();
    let kinds: Vec<&PartKind> = read.parts.iter().map(|p| &p.kind).collect();
    assert_eq!(
        kinds,
        vec![
            &PartKind::Body,
            &PartKind::PageHeader,
            &PartKind::PageHeader
        ]
    );
    // In number order (1, 2, 10); the malformed one is skipped with a diagnostic.
    let texts: Vec<Vec<&str>> = read.parts[1..]
        .iter()
        .map(|p| p.lines().collect())
        .collect();
    assert_eq!(texts, vec![vec!["ヘッダー"], vec!["資料２－３"]]);
    assert_eq!(read.diagnostics.len(), 1);
    assert_eq!(read.diagnostics[0].code, "page_header_unreadable");
    assert!(read.diagnostics[0].message.contains("word/header10.xml"));
}
