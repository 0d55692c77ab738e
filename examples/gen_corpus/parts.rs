//! Package parts of ordinary size for the generated .docx files. docx-rs writes
//! a styles part of ~2 KB, a settings part of ~1 KB and no theme or web
//! settings; Word (Japanese, 2016–365) writes a styles part of ~30–40 KB (376
//! latent styles and the styles in use), a theme of ~7 KB, settings of ~4–6 KB
//! with revision ids, and web settings. A reader that parses every part pays
//! for that on every file, so the corpus carries parts shaped like Word's.

use crate::rng::Rng;

const W_NS: &str = r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" xmlns:w16cex="http://schemas.microsoft.com/office/word/2018/wordml/cex" xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid" xmlns:w16="http://schemas.microsoft.com/office/word/2018/wordml" xmlns:w16sdtdh="http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash" xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex" mc:Ignorable="w14 w15 w16se w16cid w16 w16cex w16sdtdh""#;

/// Word's built-in style names in latentStyles order (abridged where the
/// pattern repeats; the table families are expanded below).
const LATENT_PLAIN: &[(&str, u32, bool, bool)] = &[
    // (name, uiPriority, semiHidden+unhideWhenUsed, qFormat)
    ("Normal", 0, false, true),
    ("heading 1", 9, false, true),
    ("heading 2", 9, true, true),
    ("heading 3", 9, true, true),
    ("heading 4", 9, true, true),
    ("heading 5", 9, true, true),
    ("heading 6", 9, true, true),
    ("heading 7", 9, true, true),
    ("heading 8", 9, true, true),
    ("heading 9", 9, true, true),
    ("index 1", 99, true, false),
    ("index 2", 99, true, false),
    ("index 3", 99, true, false),
    ("index 4", 99, true, false),
    ("index 5", 99, true, false),
    ("index 6", 99, true, false),
    ("index 7", 99, true, false),
    ("index 8", 99, true, false),
    ("index 9", 99, true, false),
    ("toc 1", 39, true, false),
    ("toc 2", 39, true, false),
    ("toc 3", 39, true, false),
    ("toc 4", 39, true, false),
    ("toc 5", 39, true, false),
    ("toc 6", 39, true, false),
    ("toc 7", 39, true, false),
    ("toc 8", 39, true, false),
    ("toc 9", 39, true, false),
    ("Normal Indent", 99, true, false),
    ("footnote text", 99, true, false),
    ("annotation text", 99, true, false),
    ("header", 99, true, false),
    ("footer", 99, true, false),
    ("index heading", 99, true, false),
    ("caption", 35, true, true),
    ("table of figures", 99, true, false),
    ("envelope address", 99, true, false),
    ("envelope return", 99, true, false),
    ("footnote reference", 99, true, false),
    ("annotation reference", 99, true, false),
    ("line number", 99, true, false),
    ("page number", 99, true, false),
    ("endnote reference", 99, true, false),
    ("endnote text", 99, true, false),
    ("table of authorities", 99, true, false),
    ("macro", 99, true, false),
    ("toa heading", 99, true, false),
    ("List", 99, true, false),
    ("List Bullet", 99, true, false),
    ("List Number", 99, true, false),
    ("List 2", 99, true, false),
    ("List 3", 99, true, false),
    ("List 4", 99, true, false),
    ("List 5", 99, true, false),
    ("List Bullet 2", 99, true, false),
    ("List Bullet 3", 99, true, false),
    ("List Bullet 4", 99, true, false),
    ("List Bullet 5", 99, true, false),
    ("List Number 2", 99, true, false),
    ("List Number 3", 99, true, false),
    ("List Number 4", 99, true, false),
    ("List Number 5", 99, true, false),
    ("Title", 10, false, true),
    ("Closing", 99, true, false),
    ("Signature", 99, true, false),
    ("Default Paragraph Font", 1, true, false),
    ("Body Text", 99, true, false),
    ("Body Text Indent", 99, true, false),
    ("List Continue", 99, true, false),
    ("List Continue 2", 99, true, false),
    ("List Continue 3", 99, true, false),
    ("List Continue 4", 99, true, false),
    ("List Continue 5", 99, true, false),
    ("Message Header", 99, true, false),
    ("Subtitle", 11, false, true),
    ("Salutation", 99, true, false),
    ("Date", 99, true, false),
    ("Body Text First Indent", 99, true, false),
    ("Body Text First Indent 2", 99, true, false),
    ("Note Heading", 99, true, false),
    ("Body Text 2", 99, true, false),
    ("Body Text 3", 99, true, false),
    ("Body Text Indent 2", 99, true, false),
    ("Body Text Indent 3", 99, true, false),
    ("Block Text", 99, true, false),
    ("Hyperlink", 99, true, false),
    ("FollowedHyperlink", 99, true, false),
    ("Strong", 22, false, true),
    ("Emphasis", 20, false, true),
    ("Document Map", 99, true, false),
    ("Plain Text", 99, true, false),
    ("E-mail Signature", 99, true, false),
    ("HTML Top of Form", 99, true, false),
    ("HTML Bottom of Form", 99, true, false),
    ("Normal (Web)", 99, true, false),
    ("HTML Acronym", 99, true, false),
    ("HTML Address", 99, true, false),
    ("HTML Cite", 99, true, false),
    ("HTML Code", 99, true, false),
    ("HTML Definition", 99, true, false),
    ("HTML Keyboard", 99, true, false),
    ("HTML Preformatted", 99, true, false),
    ("HTML Sample", 99, true, false),
    ("HTML Typewriter", 99, true, false),
    ("HTML Variable", 99, true, false),
    ("Normal Table", 99, true, false),
    ("annotation subject", 99, true, false),
    ("No List", 99, true, false),
    ("Outline List 1", 99, true, false),
    ("Outline List 2", 99, true, false),
    ("Outline List 3", 99, true, false),
    ("Table Simple 1", 99, true, false),
    ("Table Simple 2", 99, true, false),
    ("Table Simple 3", 99, true, false),
    ("Table Classic 1", 99, true, false),
    ("Table Classic 2", 99, true, false),
    ("Table Classic 3", 99, true, false),
    ("Table Classic 4", 99, true, false),
    ("Table Colorful 1", 99, true, false),
    ("Table Colorful 2", 99, true, false),
    ("Table Colorful 3", 99, true, false),
    ("Table Columns 1", 99, true, false),
    ("Table Columns 2", 99, true, false),
    ("Table Columns 3", 99, true, false),
    ("Table Columns 4", 99, true, false),
    ("Table Columns 5", 99, true, false),
    ("Table Grid 1", 99, true, false),
    ("Table Grid 2", 99, true, false),
    ("Table Grid 3", 99, true, false),
    ("Table Grid 4", 99, true, false),
    ("Table Grid 5", 99, true, false),
    ("Table Grid 6", 99, true, false),
    ("Table Grid 7", 99, true, false),
    ("Table Grid 8", 99, true, false),
    ("Table List 1", 99, true, false),
    ("Table List 2", 99, true, false),
    ("Table List 3", 99, true, false),
    ("Table List 4", 99, true, false),
    ("Table List 5", 99, true, false),
    ("Table List 6", 99, true, false),
    ("Table List 7", 99, true, false),
    ("Table List 8", 99, true, false),
    ("Table 3D effects 1", 99, true, false),
    ("Table 3D effects 2", 99, true, false),
    ("Table 3D effects 3", 99, true, false),
    ("Table Contemporary", 99, true, false),
    ("Table Elegant", 99, true, false),
    ("Table Professional", 99, true, false),
    ("Table Subtle 1", 99, true, false),
    ("Table Subtle 2", 99, true, false),
    ("Table Web 1", 99, true, false),
    ("Table Web 2", 99, true, false),
    ("Table Web 3", 99, true, false),
    ("Balloon Text", 99, true, false),
    ("Table Grid", 39, false, false),
    ("Table Theme", 99, true, false),
    ("Placeholder Text", 99, true, false),
    ("No Spacing", 1, false, true),
    ("Revision", 99, true, false),
    ("List Paragraph", 34, false, true),
    ("Quote", 29, false, true),
    ("Intense Quote", 30, false, true),
    ("Subtle Emphasis", 19, false, true),
    ("Intense Emphasis", 21, false, true),
    ("Subtle Reference", 31, false, true),
    ("Intense Reference", 32, false, true),
    ("Book Title", 33, false, true),
    ("Bibliography", 37, true, false),
    ("TOC Heading", 39, true, true),
    ("Plain Table 1", 41, false, false),
    ("Plain Table 2", 42, false, false),
    ("Plain Table 3", 43, false, false),
    ("Plain Table 4", 44, false, false),
    ("Plain Table 5", 45, false, false),
    ("Grid Table Light", 40, false, false),
    ("Mention", 99, true, false),
    ("Smart Hyperlink", 99, true, false),
    ("Hashtag", 99, true, false),
    ("Unresolved Mention", 99, true, false),
    ("Smart Link", 99, true, false),
];

/// Table style families Word lists once per accent (no accent, Accent 1–6).
const LATENT_TABLE_FAMILIES: &[(&str, u32)] = &[
    ("Light Shading", 60),
    ("Light List", 61),
    ("Light Grid", 62),
    ("Medium Shading 1", 63),
    ("Medium Shading 2", 64),
    ("Medium List 1", 65),
    ("Medium List 2", 66),
    ("Medium Grid 1", 67),
    ("Medium Grid 2", 68),
    ("Medium Grid 3", 69),
    ("Dark List", 70),
    ("Colorful Shading", 71),
    ("Colorful List", 72),
    ("Colorful Grid", 73),
    ("Grid Table 1 Light", 46),
    ("Grid Table 2", 47),
    ("Grid Table 3", 48),
    ("Grid Table 4", 49),
    ("Grid Table 5 Dark", 50),
    ("Grid Table 6 Colorful", 51),
    ("Grid Table 7 Colorful", 52),
    ("List Table 1 Light", 46),
    ("List Table 2", 47),
    ("List Table 3", 48),
    ("List Table 4", 49),
    ("List Table 5 Dark", 50),
    ("List Table 6 Colorful", 51),
    ("List Table 7 Colorful", 52),
];

fn lsd(out: &mut String, name: &str, prio: u32, hidden: bool, q: bool) {
    out.push_str(&format!(r#"<w:lsdException w:name="{name}""#));
    if hidden {
        out.push_str(r#" w:semiHidden="1""#);
    }
    if prio != 99 {
        out.push_str(&format!(r#" w:uiPriority="{prio}""#));
    }
    if hidden {
        out.push_str(r#" w:unhideWhenUsed="1""#);
    }
    if q {
        out.push_str(r#" w:qFormat="1""#);
    }
    out.push_str("/>");
}

fn rpr(font: &str, sz: u32) -> String {
    format!(
        r#"<w:rPr><w:rFonts w:ascii="{font}" w:eastAsia="{font}" w:hAnsi="{font}"/><w:kern w:val="2"/><w:sz w:val="{sz}"/><w:szCs w:val="{sz}"/></w:rPr>"#
    )
}

/// A styles part as Japanese Word writes it (~30–40 KB).
pub fn styles_xml(font: &str) -> Vec<u8> {
    let mut s = String::with_capacity(40_000);
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    s.push('\n');
    s.push_str(&format!("<w:styles {W_NS}>"));
    s.push_str(r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/><w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="ja-JP" w:bidi="ar-SA"/><w14:ligatures w14:val="standardContextual"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"#);
    s.push_str(r#"<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" w:defQFormat="0" w:count="376">"#);
    for (name, prio, hidden, q) in LATENT_PLAIN {
        lsd(&mut s, name, *prio, *hidden, *q);
    }
    for (family, prio) in LATENT_TABLE_FAMILIES {
        lsd(&mut s, family, *prio, false, false);
        for a in 1..=6 {
            lsd(&mut s, &format!("{family} Accent {a}"), *prio, false, false);
        }
    }
    s.push_str("</w:latentStyles>");
    // The styles in use: Normal and friends with their Japanese ids.
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr>{}</w:style>"#,
        rpr(font, 21)
    ));
    for (lvl, id) in [(1, "1"), (2, "2"), (3, "3")] {
        s.push_str(&format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="heading {lvl}"/><w:basedOn w:val="a"/><w:next w:val="a"/><w:link w:val="{id}0"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/><w:sz w:val="{}"/></w:rPr></w:style>"#,
            lvl - 1,
            28 - 2 * lvl
        ));
    }
    s.push_str(r#"<w:style w:type="character" w:default="1" w:styleId="a0"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="a1"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    s.push_str(r#"<w:style w:type="numbering" w:default="1" w:styleId="a2"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#);
    s.push_str(r#"<w:style w:type="table" w:styleId="a3"><w:name w:val="Table Grid"/><w:basedOn w:val="a1"/><w:uiPriority w:val="39"/><w:rsid w:val="00A1B2C3"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>"#);
    for (id, name, link) in [("a4", "header", "a5"), ("a6", "footer", "a7")] {
        s.push_str(&format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="a"/><w:link w:val="{link}"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4252"/><w:tab w:val="right" w:pos="8504"/></w:tabs><w:snapToGrid w:val="0"/></w:pPr></w:style><w:style w:type="character" w:customStyle="1" w:styleId="{link}"><w:name w:val="{} (文字)"/><w:basedOn w:val="a0"/><w:link w:val="{id}"/><w:uiPriority w:val="99"/></w:style>"#,
            if name == "header" { "ヘッダー" } else { "フッター" }
        ));
    }
    s.push_str(r#"<w:style w:type="paragraph" w:styleId="a8"><w:name w:val="List Paragraph"/><w:basedOn w:val="a"/><w:uiPriority w:val="34"/><w:qFormat/><w:pPr><w:ind w:leftChars="400" w:left="840"/></w:pPr></w:style>"#);
    s.push_str(&format!(
        r#"<w:style w:type="paragraph" w:styleId="a9"><w:name w:val="Balloon Text"/><w:basedOn w:val="a"/><w:link w:val="aa"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>{}</w:style><w:style w:type="character" w:customStyle="1" w:styleId="aa"><w:name w:val="吹き出し (文字)"/><w:basedOn w:val="a0"/><w:link w:val="a9"/><w:uiPriority w:val="99"/><w:semiHidden/><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
        rpr("游ゴシック Light", 18)
    ));
    s.push_str(r#"<w:style w:type="character" w:styleId="ab"><w:name w:val="Hyperlink"/><w:basedOn w:val="a0"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="0563C1" w:themeColor="hyperlink"/><w:u w:val="single"/></w:rPr></w:style>"#);
    for (id, name) in [
        ("ac", "annotation reference"),
        ("ad", "annotation text"),
        ("af", "annotation subject"),
    ] {
        s.push_str(&format!(
            r#"<w:style w:type="{}" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="{}"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
            if id == "ac" { "character" } else { "paragraph" },
            if id == "ac" { "a0" } else { "a" }
        ));
    }
    s.push_str(r#"<w:style w:type="paragraph" w:styleId="af0"><w:name w:val="Revision"/><w:hidden/><w:uiPriority w:val="99"/><w:semiHidden/><w:rsid w:val="00C4D5E6"/></w:style>"#);
    s.push_str("</w:styles>");
    s.into_bytes()
}

/// A settings part with revision ids, compatibility settings and the Japanese
/// layout options (~4–6 KB).
pub fn settings_xml(rng: &mut Rng) -> Vec<u8> {
    let mut s = String::with_capacity(6_000);
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    s.push('\n');
    s.push_str(&format!(r#"<w:settings {W_NS} xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:sl="http://schemas.openxmlformats.org/schemaLibrary/2006/main">"#));
    s.push_str(r#"<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/><w:proofState w:spelling="clean" w:grammar="dirty"/><w:defaultTabStop w:val="840"/><w:drawingGridHorizontalSpacing w:val="105"/><w:drawingGridVerticalSpacing w:val="180"/><w:displayHorizontalDrawingGridEvery w:val="0"/><w:displayVerticalDrawingGridEvery w:val="2"/><w:characterSpacingControl w:val="compressPunctuation"/><w:hdrShapeDefaults><o:shapedefaults v:ext="edit" spidmax="2049"><v:textbox inset="5.85pt,.7pt,5.85pt,.7pt"/></o:shapedefaults></w:hdrShapeDefaults><w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:endnotePr><w:endnote w:id="-1"/><w:endnote w:id="0"/></w:endnotePr><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/><w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="differentiateMultirowTableHeaders" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/><w:compatSetting w:name="useWord2013TrackBottomHyphenation" w:uri="http://schemas.microsoft.com/office/word" w:val="0"/></w:compat><w:rsids>"#);
    let n = rng.range(30, 120);
    s.push_str(&format!(
        r#"<w:rsidRoot w:val="{:08X}"/>"#,
        rng.next_u64() as u32 & 0x00FF_FFFF
    ));
    let mut ids: Vec<u32> = (0..n)
        .map(|_| rng.next_u64() as u32 & 0x00FF_FFFF)
        .collect();
    ids.sort_unstable();
    for id in ids {
        s.push_str(&format!(r#"<w:rsid w:val="{id:08X}"/>"#));
    }
    s.push_str(r#"</w:rsids><m:mathPr><m:mathFont m:val="Cambria Math"/><m:brkBin m:val="before"/><m:brkBinSub m:val="--"/><m:smallFrac m:val="0"/><m:dispDef/><m:lMargin m:val="0"/><m:rMargin m:val="0"/><m:defJc m:val="centerGroup"/><m:wrapIndent m:val="1440"/><m:intLim m:val="subSup"/><m:naryLim m:val="undOvr"/></m:mathPr><w:themeFontLang w:val="en-US" w:eastAsia="ja-JP"/><w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2" w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4" w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink" w:followedHyperlink="followedHyperlink"/><w:shapeDefaults><o:shapedefaults v:ext="edit" spidmax="2049"><v:textbox inset="5.85pt,.7pt,5.85pt,.7pt"/></o:shapedefaults><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></w:shapeDefaults><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>"#);
    s.push_str(&format!(
        r#"<w14:docId w14:val="{:08X}"/><w15:chartTrackingRefBased/><w15:docId w15:val="{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}"/></w:settings>"#,
        rng.next_u64() as u32 & 0x7FFF_FFFF,
        rng.next_u64() as u32,
        rng.next_u64() as u16,
        rng.next_u64() as u16 & 0x0FFF | 0x4000,
        rng.next_u64() as u16 & 0x3FFF | 0x8000,
        rng.next_u64() & 0xFFFF_FFFF_FFFF
    ));
    s.into_bytes()
}

pub const WEB_SETTINGS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:webSettings xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>"#;

/// Scripts Word's Office theme maps fonts for (majorFont and minorFont).
const THEME_SCRIPTS: &[(&str, &str, &str)] = &[
    ("Jpan", "游ゴシック Light", "游明朝"),
    ("Hang", "맑은 고딕", "맑은 고딕"),
    ("Hans", "等线 Light", "等线"),
    ("Hant", "新細明體", "新細明體"),
    ("Arab", "Times New Roman", "Arial"),
    ("Hebr", "Times New Roman", "Arial"),
    ("Thai", "Angsana New", "Cordia New"),
    ("Ethi", "Nyala", "Nyala"),
    ("Beng", "Vrinda", "Vrinda"),
    ("Gujr", "Shruti", "Shruti"),
    ("Khmr", "MoolBoran", "DaunPenh"),
    ("Knda", "Tunga", "Tunga"),
    ("Guru", "Raavi", "Raavi"),
    ("Cans", "Euphemia", "Euphemia"),
    ("Cher", "Plantagenet Cherokee", "Plantagenet Cherokee"),
    ("Yiii", "Microsoft Yi Baiti", "Microsoft Yi Baiti"),
    ("Tibt", "Microsoft Himalaya", "Microsoft Himalaya"),
    ("Thaa", "MV Boli", "MV Boli"),
    ("Deva", "Mangal", "Mangal"),
    ("Telu", "Gautami", "Gautami"),
    ("Taml", "Latha", "Latha"),
    ("Syrc", "Estrangelo Edessa", "Estrangelo Edessa"),
    ("Orya", "Kalinga", "Kalinga"),
    ("Mlym", "Kartika", "Kartika"),
    ("Laoo", "DokChampa", "DokChampa"),
    ("Sinh", "Iskoola Pota", "Iskoola Pota"),
    ("Mong", "Mongolian Baiti", "Mongolian Baiti"),
    ("Viet", "Times New Roman", "Arial"),
    ("Uigh", "Microsoft Uighur", "Microsoft Uighur"),
    ("Geor", "Sylfaen", "Sylfaen"),
    ("Armn", "Arial", "Arial"),
];

fn theme_fonts(out: &mut String, major: bool) {
    let (tag, latin) = if major {
        ("majorFont", "Yu Gothic Light")
    } else {
        ("minorFont", "Yu Mincho")
    };
    out.push_str(&format!(r#"<a:{tag}><a:latin typeface="{latin}" panose="020B0300000000000000"/><a:ea typeface=""/><a:cs typeface=""/>"#));
    for (script, maj, min) in THEME_SCRIPTS {
        out.push_str(&format!(
            r#"<a:font script="{script}" typeface="{}"/>"#,
            if major { maj } else { min }
        ));
    }
    out.push_str(&format!("</a:{tag}>"));
}

/// The Office theme as Word writes it (~7 KB).
pub fn theme_xml() -> Vec<u8> {
    let mut s = String::with_capacity(8_000);
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    s.push('\n');
    s.push_str(r#"<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office テーマ"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="0E2841"/></a:dk2><a:lt2><a:srgbClr val="E8E8E8"/></a:lt2><a:accent1><a:srgbClr val="156082"/></a:accent1><a:accent2><a:srgbClr val="E97132"/></a:accent2><a:accent3><a:srgbClr val="196B24"/></a:accent3><a:accent4><a:srgbClr val="0F9ED5"/></a:accent4><a:accent5><a:srgbClr val="A02B93"/></a:accent5><a:accent6><a:srgbClr val="4EA72E"/></a:accent6><a:hlink><a:srgbClr val="467886"/></a:hlink><a:folHlink><a:srgbClr val="96607D"/></a:folHlink></a:clrScheme><a:fontScheme name="Office">"#);
    theme_fonts(&mut s, true);
    theme_fonts(&mut s, false);
    s.push_str(r#"</a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"><a:lumMod val="110000"/><a:satMod val="105000"/><a:tint val="67000"/></a:schemeClr></a:gs><a:gs pos="50000"><a:schemeClr val="phClr"><a:lumMod val="105000"/><a:satMod val="103000"/><a:tint val="73000"/></a:schemeClr></a:gs><a:gs pos="100000"><a:schemeClr val="phClr"><a:lumMod val="105000"/><a:satMod val="109000"/><a:tint val="81000"/></a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill><a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"><a:satMod val="103000"/><a:lumMod val="102000"/><a:tint val="94000"/></a:schemeClr></a:gs><a:gs pos="50000"><a:schemeClr val="phClr"><a:satMod val="110000"/><a:lumMod val="100000"/><a:shade val="100000"/></a:schemeClr></a:gs><a:gs pos="100000"><a:schemeClr val="phClr"><a:lumMod val="99000"/><a:satMod val="120000"/><a:shade val="78000"/></a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill></a:fillStyleLst><a:lnStyleLst><a:ln w="12700" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln><a:ln w="19050" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln><a:ln w="25400" cap="flat" cmpd="sng" algn="ctr"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:prstDash val="solid"/><a:miter lim="800000"/></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst><a:outerShdw blurRad="57150" dist="19050" dir="5400000" algn="ctr" rotWithShape="0"><a:srgbClr val="000000"><a:alpha val="63000"/></a:srgbClr></a:outerShdw></a:effectLst></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"><a:tint val="95000"/><a:satMod val="170000"/></a:schemeClr></a:solidFill><a:gradFill rotWithShape="1"><a:gsLst><a:gs pos="0"><a:schemeClr val="phClr"><a:tint val="93000"/><a:satMod val="150000"/><a:shade val="98000"/><a:lumMod val="102000"/></a:schemeClr></a:gs><a:gs pos="50000"><a:schemeClr val="phClr"><a:tint val="98000"/><a:satMod val="130000"/><a:shade val="90000"/><a:lumMod val="103000"/></a:schemeClr></a:gs><a:gs pos="100000"><a:schemeClr val="phClr"><a:shade val="63000"/><a:satMod val="120000"/></a:schemeClr></a:gs></a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/><a:extLst><a:ext uri="{05A4C25C-085E-4340-85A3-A5531E510DB2}"><thm15:themeFamily xmlns:thm15="http://schemas.microsoft.com/office/thememl/2012/main" name="Office Theme" id="{2E142A2C-CD16-42D6-873A-C26D2AE0AE18}" vid="{1BDDFF52-6CD6-40A5-AB3C-68EB2F1E4D0A}"/></a:ext></a:extLst></a:theme>"#);
    s.into_bytes()
}

/// docProps/app.xml as Word writes it.
pub fn app_xml(pages: usize, chars: usize) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>{}</TotalTime><Pages>{pages}</Pages><Words>{}</Words><Characters>{chars}</Characters><Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity><Lines>{}</Lines><Paragraphs>{}</Paragraphs><ScaleCrop>false</ScaleCrop><Company></Company><LinksUpToDate>false</LinksUpToDate><CharactersWithSpaces>{}</CharactersWithSpaces><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"#,
        12 + chars % 97,
        chars / 6,
        chars / 40 + 1,
        chars / 120 + 1,
        chars + chars / 20
    )
    .into_bytes()
}

/// Named cell styles Japanese workbooks carry from template to template.
const XLSX_NAMED_STYLES: &[&str] = &[
    "桁区切り",
    "桁区切り [0.00]",
    "通貨",
    "通貨 [0.00]",
    "ハイパーリンク",
    "表示済みのハイパーリンク",
    "標準 2",
    "標準 3",
    "標準_様式1",
    "標準_報告様式(拠点)",
    "パーセント",
    "見出し 1",
    "見出し 2",
    "集計",
    "説明文",
    "入力",
    "出力",
    "計算",
    "良い",
    "悪い",
    "どちらでもない",
    "メモ",
];

/// Grow rust_xlsxwriter's styles part (~2 KB) to the size Excel templates have
/// (~15–25 KB): the default font becomes ＭＳ Ｐゴシック, and unused fonts,
/// formats and named styles are appended after the ones the sheets use, so
/// every existing index stays valid.
pub fn grow_xlsx_styles(styles: &str, rng: &mut Rng) -> String {
    let count = |s: &str, tag: &str| -> usize {
        let open = format!("<{tag} count=\"");
        s.find(&open)
            .and_then(|i| s[i + open.len()..].split('"').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    let recount = |s: String, tag: &str, old: usize, new: usize| -> String {
        s.replacen(
            &format!("<{tag} count=\"{old}\""),
            &format!("<{tag} count=\"{new}\""),
            1,
        )
    };
    let mut s = styles.replacen(
        r#"<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>"#,
        r#"<font><sz val="11"/><color theme="1"/><name val="ＭＳ Ｐゴシック"/><family val="3"/><charset val="128"/><scheme val="minor"/></font>"#,
        1,
    );
    let fonts = count(&s, "fonts");
    let extra_fonts = rng.range(6, 14);
    let mut add = String::new();
    for i in 0..extra_fonts {
        let name = [
            "ＭＳ Ｐゴシック",
            "ＭＳ ゴシック",
            "ＭＳ 明朝",
            "游ゴシック",
            "HG丸ｺﾞｼｯｸM-PRO",
        ][i % 5];
        let sz = [6, 9, 10, 11, 12, 14][i % 6];
        add.push_str(&format!(
            r#"<font>{}<sz val="{sz}"/><color theme="1"/><name val="{name}"/><family val="3"/><charset val="128"/></font>"#,
            if i % 4 == 1 { "<b/>" } else { "" }
        ));
    }
    s = s.replacen("</fonts>", &format!("{add}</fonts>"), 1);
    s = recount(s, "fonts", fonts, fonts + extra_fonts);
    let total_fonts = fonts + extra_fonts;

    let style_xfs = count(&s, "cellStyleXfs");
    let named = XLSX_NAMED_STYLES.len();
    let mut add = String::new();
    for i in 0..named {
        add.push_str(&format!(
            r#"<xf numFmtId="{}" fontId="{}" fillId="0" borderId="0" applyNumberFormat="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf>"#,
            [0, 38, 40, 176, 9][i % 5],
            i % total_fonts
        ));
    }
    s = s.replacen("</cellStyleXfs>", &format!("{add}</cellStyleXfs>"), 1);
    s = recount(s, "cellStyleXfs", style_xfs, style_xfs + named);

    let xfs = count(&s, "cellXfs");
    let extra_xfs = rng.range(40, 160);
    let mut add = String::new();
    for i in 0..extra_xfs {
        add.push_str(&format!(
            r#"<xf numFmtId="{}" fontId="{}" fillId="{}" borderId="{}" xfId="{}" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="{}" vertical="{}" wrapText="1" shrinkToFit="0"/></xf>"#,
            [0, 49, 14, 38][i % 4],
            i % total_fonts,
            i % 2,
            i % 2,
            i % (style_xfs + named),
            ["left", "center", "distributed", "general"][i % 4],
            ["top", "center"][i % 2]
        ));
    }
    s = s.replacen("</cellXfs>", &format!("{add}</cellXfs>"), 1);
    s = recount(s, "cellXfs", xfs, xfs + extra_xfs);

    let styles_n = count(&s, "cellStyles");
    let mut add = String::new();
    for (i, name) in XLSX_NAMED_STYLES.iter().enumerate() {
        add.push_str(&format!(
            r#"<cellStyle name="{name}" xfId="{}"/>"#,
            style_xfs + i
        ));
    }
    s = s.replacen("</cellStyles>", &format!("{add}</cellStyles>"), 1);
    s = s.replacen(
        r#"<cellStyle name="Normal" xfId="0" builtinId="0"/>"#,
        r#"<cellStyle name="標準" xfId="0" builtinId="0"/>"#,
        1,
    );
    recount(s, "cellStyles", styles_n, styles_n + named)
}

/// A furigana run: first and last+1 character it reads, and the reading.
type Reading = (usize, usize, &'static str);

/// Furigana Excel keeps for labels typed through the IME.
const PHONETIC: &[(&str, &[Reading])] = &[
    ("対象地域", &[(0, 2, "タイショウ"), (2, 4, "チイキ")]),
    ("実施主体", &[(0, 2, "ジッシ"), (2, 4, "シュタイ")]),
    ("連携の拠点", &[(0, 2, "レンケイ"), (3, 5, "キョテン")]),
    (
        "市町村医介連携事業（委託先）",
        &[
            (0, 3, "シチョウソン"),
            (3, 4, "イ"),
            (4, 5, "カイ"),
            (5, 7, "レンケイ"),
            (7, 9, "ジギョウ"),
            (10, 13, "イタクサキ"),
        ],
    ),
];

/// Japanese Excel's shared strings: a phonetic-properties element on every
/// string and furigana runs on the labels typed through the IME. A reader must
/// show none of the furigana.
pub fn add_phonetics(shared: &str) -> String {
    let mut out = String::with_capacity(shared.len() * 2);
    let mut rest = shared;
    while let Some(i) = rest.find("</si>") {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let text = head.rsplit("<si>").next().unwrap_or("");
        for (label, runs) in PHONETIC {
            if text == format!("<t>{label}</t>") {
                for (sb, eb, reading) in *runs {
                    out.push_str(&format!(
                        r#"<rPh sb="{sb}" eb="{eb}"><t>{reading}</t></rPh>"#
                    ));
                }
            }
        }
        out.push_str(r#"<phoneticPr fontId="1"/>"#);
        out.push_str("</si>");
        rest = &tail[5..];
    }
    out.push_str(rest);
    out
}
