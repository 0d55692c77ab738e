//! The form stage on hand-built documents: one test per layout of SPEC §1,
//! independent of the readers.

use shiryo::model::{Block, Cell, Document, Line, Paragraph, Part, PartKind, Table};
use shiryo::output::Submission;

fn para(index: usize, text: &str) -> Block {
    Block::Paragraph(Paragraph {
        index,
        lines: text.split('\n').map(String::from).collect(),
        list_item: false,
    })
}

fn cell(row: usize, col: usize, col_span: usize, text: &str) -> Cell {
    Cell {
        row,
        col,
        row_span: 1,
        col_span,
        lines: text
            .split('\n')
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                paragraph: i,
                list_item: false,
            })
            .collect(),
    }
}

fn table(index: usize, cols: usize, cells: Vec<Cell>) -> Block {
    let rows = cells.iter().map(|c| c.row + c.row_span).max().unwrap_or(0);
    Block::Table(Table {
        index,
        origin_row: 0,
        origin_col: 0,
        rows,
        cols,
        cells,
    })
}

fn header(index: usize, area: &str, hub: &str, contractor: &str) -> Block {
    table(
        index,
        3,
        vec![
            cell(0, 0, 2, "対象地域"),
            cell(0, 2, 1, area),
            Cell {
                row_span: 2,
                ..cell(1, 0, 1, "実施主体")
            },
            cell(1, 1, 1, "連携の拠点"),
            cell(1, 2, 1, hub),
            cell(2, 1, 1, "市町村医介連携事業（委託先）"),
            cell(2, 2, 1, contractor),
        ],
    )
}

const CATS: [&str; 5] = [
    "①会議の開催",
    "②地域の資源の把握・関係機関との調整",
    "③急変時対応等の体制構築等",
    "④在宅医療に係る研修",
    "⑤在宅医療の普及啓発",
];

fn cat_row(row: usize) -> Vec<Cell> {
    CATS.iter()
        .enumerate()
        .map(|(i, c)| cell(row, i, 1, c))
        .collect()
}

fn body(blocks: Vec<Block>) -> Document {
    Document {
        parts: vec![Part {
            kind: PartKind::Body,
            blocks,
        }],
        diagnostics: vec![],
    }
}

fn recognize(doc: &Document) -> Vec<Submission> {
    shiryo::form::recognize(doc)
}

fn texts(s: &Submission, section: u8) -> Vec<(String, Vec<u8>, String)> {
    s.sections
        .iter()
        .find(|x| x.number == section)
        .map(|x| {
            x.items
                .iter()
                .map(|i| {
                    (
                        i.text.clone(),
                        i.categories.clone(),
                        i.category_source.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn category_headings_with_bullets_below() {
    let doc = body(vec![
        para(0, "■ 連携の拠点の取組について"),
        para(1, "資料 2 — 1"),
        header(0, "枚方市", "枚方市医師会", "枚方市医師会"),
        para(2, "（１）令和6年度の取組実績"),
        table(1, 5, cat_row(0)),
        para(3, "①会議の開催（年間５回開催）"),
        para(4, "・担当者会議（５・６・９月）"),
        para(5, "・実務者会議（１０月）"),
        para(6, "②地域の資源の把握・関係機関との調整"),
        para(7, "・アンケート調査を実施"),
        para(8, "（２）令和6年度の取組みを通じた課題"),
        para(9, "課題がある。"),
        para(10, "（３）令和7年度の取組計画"),
        para(11, "④在宅医療に係る研修"),
        para(
            12,
            "ＩＣＴネットワークシステム説明会を開催\n先進市視察（７月）",
        ),
        para(13, "（４）令和7年度の進捗状況"),
        para(14, "①担当者会議は５月に開催。"),
        para(15, "引き続き取り組んでいく。"),
    ]);
    let subs = recognize(&doc);
    assert_eq!(subs.len(), 1);
    let s = &subs[0];
    assert_eq!(s.material_id.as_deref(), Some("資料2-1"));
    assert_eq!(s.target_areas, vec!["枚方市"]);
    assert_eq!(s.hubs, vec!["枚方市医師会"]);
    assert_eq!(s.contractors, vec!["枚方市医師会"]);
    assert_eq!(
        texts(s, 1),
        vec![
            ("担当者会議(5・6・9月)".into(), vec![1], "heading".into()),
            ("実務者会議(10月)".into(), vec![1], "heading".into()),
            ("アンケート調査を実施".into(), vec![2], "heading".into()),
        ]
    );
    assert_eq!(texts(s, 3).len(), 2, "a line break starts a new item");
    assert!(texts(s, 3)
        .iter()
        .all(|t| t.1 == vec![4] && t.2 == "heading"));
    assert_eq!(
        texts(s, 4)[1],
        (
            "引き続き取り組んでいく。".into(),
            vec![1],
            "inherited".into()
        )
    );
    let years: Vec<_> = s
        .sections
        .iter()
        .map(|x| (x.number, x.kind.as_str(), x.fiscal_year))
        .collect();
    assert_eq!(
        years,
        vec![
            (1, "results", Some(2024)),
            (2, "issues", Some(2024)),
            (3, "plan", Some(2025)),
            (4, "progress", Some(2025))
        ]
    );
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
}

#[test]
fn merged_cell_with_marked_paragraphs_and_inheritance() {
    let mut cells = vec![cell(0, 0, 5, "（１）令和6年度の実績")];
    cells.extend(cat_row(1));
    cells.push(cell(
        2,
        0,
        5,
        "①②二種類の会議を開催。\n拠点としては、実態調査を行った。\n③アンケートを行った。",
    ));
    let doc = body(vec![
        header(0, "寝屋川市", "寝屋川市医師会", "寝屋川市"),
        table(1, 5, cells),
    ]);
    let s = &recognize(&doc)[0];
    assert_eq!(
        texts(s, 1),
        vec![
            ("二種類の会議を開催。".into(), vec![1, 2], "marker".into()),
            (
                "拠点としては、実態調査を行った。".into(),
                vec![1, 2],
                "inherited".into()
            ),
            ("アンケートを行った。".into(), vec![3], "marker".into()),
        ]
    );
    let codes: Vec<_> = s
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.section))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("missing_section", Some(2)),
            ("missing_section", Some(3)),
            ("missing_section", Some(4))
        ]
    );
}

#[test]
fn markers_mid_paragraph_and_header_in_other_order() {
    let hdr = table(
        0,
        3,
        vec![
            Cell {
                row_span: 3,
                ..cell(0, 0, 1, "実施主体")
            },
            cell(0, 1, 1, "対象地域"),
            cell(0, 2, 1, "守口市"),
            cell(1, 1, 1, "連携の拠点"),
            cell(1, 2, 1, "守口市"),
            cell(2, 1, 1, "市町村医介連携事業（委託先）"),
            cell(2, 2, 1, "守口市高齢介護課"),
        ],
    );
    let mut cells = vec![cell(0, 0, 5, "（３）令和7年度の実績")];
    cells.extend(cat_row(1));
    cells.push(cell(
        2,
        0,
        5,
        "①会議の開催(6回)。 ②ネットワークづくり ③⑤会議(①)で協議した計画を元に検討 ④研修(3月)",
    ));
    let doc = body(vec![hdr, table(1, 5, cells)]);
    let s = &recognize(&doc)[0];
    assert_eq!(s.target_areas, vec!["守口市"]);
    assert_eq!(s.contractors, vec!["守口市高齢介護課"]);
    let t = texts(s, 3);
    assert_eq!(t.len(), 4);
    assert_eq!(
        t[2],
        (
            "会議(①)で協議した計画を元に検討".into(),
            vec![3, 5],
            "marker".into()
        )
    );
    assert!(s
        .warnings
        .iter()
        .any(|w| w.code == "heading_mismatch" && w.section == Some(3)));
}

#[test]
fn one_row_per_marker() {
    let doc = body(vec![
        header(0, "門真市", "門真市、門真市医師会", "門真市医師会"),
        table(
            1,
            2,
            vec![
                cell(0, 0, 2, "(1) 令和6年度の実績"),
                cell(1, 0, 1, "①会議の開催"),
                cell(1, 1, 1, "連絡会開催(7回)"),
                cell(2, 0, 1, "②"),
                cell(2, 1, 1, "相談窓口の設置\n一覧を作成"),
            ],
        ),
    ]);
    let s = &recognize(&doc)[0];
    assert_eq!(s.hubs, vec!["門真市", "門真市医師会"]);
    assert_eq!(
        texts(s, 1),
        vec![
            ("連絡会開催(7回)".into(), vec![1], "heading".into()),
            ("相談窓口の設置".into(), vec![2], "heading".into()),
            ("一覧を作成".into(), vec![2], "heading".into()),
        ]
    );
}

#[test]
fn items_in_their_category_column() {
    let mut cells = vec![cell(0, 0, 5, "（１）令和6年度の取組実績")];
    cells.extend(cat_row(1));
    cells.push(cell(2, 0, 1, "懇話会を実施"));
    cells.push(cell(2, 1, 1, "①②意見交換会議の開催\n多職種で共有"));
    cells.push(cell(2, 3, 1, "研修会を3回実施"));
    let doc = body(vec![
        header(
            0,
            "交野市",
            "一社）交野市医師会",
            "交野市社会福祉協議会 交野市地域包括支援センター",
        ),
        table(1, 5, cells),
    ]);
    let s = &recognize(&doc)[0];
    assert_eq!(s.hubs, vec!["一社)交野市医師会"]);
    assert_eq!(s.contractors.len(), 2);
    assert_eq!(
        texts(s, 1),
        vec![
            ("懇話会を実施".into(), vec![1], "column".into()),
            ("意見交換会議の開催".into(), vec![1, 2], "marker".into()),
            ("多職種で共有".into(), vec![1, 2], "inherited".into()),
            ("研修会を3回実施".into(), vec![4], "column".into()),
        ]
    );
}

#[test]
fn section_two_enumeration_is_not_categories() {
    let doc = body(vec![
        header(
            0,
            "大東市、四條畷市",
            "大東・四條畷医師会",
            "大東市、四條畷市",
        ),
        table(
            1,
            2,
            vec![
                cell(0, 0, 1, "（２）\n令和6年度の\n取り組みを\n通じた課題"),
                cell(
                    0,
                    1,
                    1,
                    "進める中で①地域住民のACPの理解を推進②共有手段が必要",
                ),
            ],
        ),
    ]);
    let s = &recognize(&doc)[0];
    assert_eq!(s.target_areas, vec!["大東市", "四條畷市"]);
    assert_eq!(s.hubs, vec!["大東・四條畷医師会"]);
    let sec = &s.sections[0];
    assert_eq!(
        (sec.number, sec.heading.as_str()),
        (2, "令和6年度の取り組みを通じた課題")
    );
    assert_eq!(sec.items.len(), 1);
    assert_eq!(sec.items[0].category_source, "classifier");
    assert!(sec.items[0].text.contains("①地域住民"));
}

#[test]
fn several_forms_one_after_another() {
    let doc = body(vec![
        header(0, "A市", "A市医師会", "A市"),
        para(0, "(1) 令和6年度の実績"),
        para(1, "①会議を開催"),
        header(1, "B町", "B町医師会", "B町"),
        para(2, "(1) 令和6年度の実績"),
        para(3, "②調整を実施"),
        para(4, "■ 連携の拠点の取組について"),
        para(5, "資料２－３"),
        header(2, "C村", "C村医師会", "C村"),
        para(6, "(1) 令和6年度の実績"),
        para(7, "(2) 令和6年度の課題"),
    ]);
    let subs = recognize(&doc);
    let locs: Vec<_> = subs
        .iter()
        .map(|s| {
            (
                s.locator.as_str(),
                s.target_areas[0].as_str(),
                s.material_id.clone(),
            )
        })
        .collect();
    assert_eq!(
        locs,
        vec![
            ("body", "A市", None),
            ("body#2", "B町", None),
            ("body#3", "C村", Some("資料2-3".into()))
        ]
    );
    assert!(subs[2]
        .warnings
        .iter()
        .any(|w| w.code == "empty_section" && w.section == Some(1)));
}

#[test]
fn an_unmarked_item_repeating_a_marked_one_takes_its_categories() {
    // The hub files its ACP booklet under ② (the words alone say ⑤). Its
    // unmarked progress report of the same activity is filed the hub's way;
    // other unmarked items, section 2, and another hub's form go by the words.
    let doc = body(vec![
        header(0, "甲市", "甲市医師会", "甲市"),
        para(0, "（１）令和6年度の取組実績"),
        para(1, "①多職種連携会議を開催（7月）"),
        para(2, "（２）令和6年度の取組みを通じた課題"),
        para(3, "ACPに関する冊子の作成・配布が遅れている。"),
        para(4, "（３）令和7年度の取組計画"),
        para(5, "②ACPに関する冊子の作成・配布（１２～１月予定）"),
        para(6, "（４）令和7年度の進捗状況"),
        para(7, "ACPに関する冊子の作成・配布を１月に予定"),
        para(8, "市民向け講演会を開催（６月）"),
        header(1, "乙市", "乙市医師会", "乙市"),
        para(9, "（１）令和6年度の取組実績"),
        para(10, "市民向け講演会を開催（６月）"),
        para(11, "（２）令和6年度の取組みを通じた課題"),
        para(12, "課題がある。"),
        para(13, "（３）令和7年度の取組計画"),
        para(14, "ACPに関する冊子の作成・配布（１２～１月予定）"),
        para(15, "（４）令和7年度の進捗状況"),
        para(16, "進めている。"),
    ]);
    let subs = recognize(&doc);
    assert_eq!(subs.len(), 2);
    let (a, b) = (&subs[0], &subs[1]);
    assert_eq!(
        texts(a, 4),
        vec![
            (
                "ACPに関する冊子の作成・配布を1月に予定".into(),
                vec![2],
                "classifier".into()
            ),
            (
                "市民向け講演会を開催(6月)".into(),
                vec![5],
                "classifier".into()
            ),
        ]
    );
    assert_eq!(texts(a, 2)[0].1, vec![5], "section 2 goes by the words");
    assert_eq!(
        texts(b, 3)[0].1,
        vec![5],
        "another hub's filing is not lent"
    );
}

#[test]
fn a_material_id_in_the_page_header_goes_to_the_first_form() {
    let form = |area: &str| {
        vec![
            header(0, area, "医師会", area),
            para(0, "（１）令和6年度の取組実績"),
            para(1, "①会議を開催"),
        ]
    };
    let mut doc = body([form("甲市"), form("乙市")].concat());
    doc.parts.push(Part {
        kind: PartKind::PageHeader,
        blocks: vec![para(0, "資料２－３")],
    });
    let subs = recognize(&doc);
    let ids: Vec<Option<&str>> = subs.iter().map(|s| s.material_id.as_deref()).collect();
    assert_eq!(ids, vec![Some("資料2-3"), None]);
    // A form's own label wins over the page header's.
    let mut own = body([vec![para(9, "資料 2 — 1")], form("甲市")].concat());
    own.parts.push(Part {
        kind: PartKind::PageHeader,
        blocks: vec![para(0, "資料２－３")],
    });
    assert_eq!(recognize(&own)[0].material_id.as_deref(), Some("資料2-1"));
}

/// Section headings as municipalities retype the template's `（１）…（４）`
/// (DECISIONS 67): every numbering, and none, gives the same four sections.
#[test]
fn section_headings_numbered_every_way_or_not_at_all() {
    let kinds = [
        "令和6年度の取組実績",
        "令和6年度の取組を通じた課題",
        "令和7年度の取組計画",
        "令和7年度の取組の進捗状況",
    ];
    let numberings: [fn(usize) -> String; 10] = [
        |n| format!("（{n}）"),
        |n| format!("{n}. "),
        |n| format!("{n}）"),
        |n| format!("【{n}】"),
        |n| format!("第{n}　"),
        |n| format!("{}　", ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"][n - 1]),
        |n| format!("{}.", ["I", "II", "III", "IV"][n - 1]),
        |n| format!("■（{n}）"),
        |_| "■".to_string(),
        |_| String::new(),
    ];
    for numbering in numberings {
        let heading = |n: usize| format!("{}{}", numbering(n), kinds[n - 1]);
        let doc = body(vec![
            para(0, "■ 連携の拠点の取組について"),
            header(
                0,
                "山吹町",
                "山吹町在宅医療介護連携支援センター",
                "山吹町医師会",
            ),
            para(1, &heading(1)),
            para(2, "①会議の開催"),
            para(3, "・推進会議を開催（6月、11月）"),
            para(4, &heading(2)),
            para(5, "・訪問看護師の確保が難しい。"),
            para(6, &heading(3)),
            para(7, "・推進会議を開催予定（年2回）"),
            para(8, &heading(4)),
            para(9, "・6月に推進会議を開催した。"),
        ]);
        let subs = recognize(&doc);
        assert_eq!(subs.len(), 1, "{}", heading(1));
        let numbers: Vec<(u8, Option<i32>, usize)> = subs[0]
            .sections
            .iter()
            .map(|s| (s.number, s.fiscal_year, s.items.len()))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, Some(2024), 1),
                (2, Some(2024), 1),
                (3, Some(2025), 1),
                (4, Some(2025), 1)
            ],
            "{}",
            heading(1)
        );
    }
}

/// Category headings numbered as a list (`(1)`, `1.`, `ア`, `(ア)`) or not at
/// all, as well as marked or decorated (DECISIONS 24, 68): each gives its
/// items the category, and none is an item itself.
#[test]
fn category_headings_numbered_every_way() {
    let names = [
        "会議の開催",
        "地域の資源の把握・関係機関との調整",
        "急変時対応等の体制構築等",
        "在宅医療に係る研修",
        "在宅医療の普及啓発",
    ];
    let items = [
        "・推進会議を開催（6月）",
        "・医療資源マップを更新",
        "・急変時連絡票を作成",
        "・多職種研修会を開催（10月）",
        "・市民公開講座を開催（2月）",
    ];
    let numberings: [fn(usize) -> String; 8] = [
        |i| ["①", "②", "③", "④", "⑤"][i].to_string(),
        |i| format!("（{}）", i + 1),
        |i| format!("{}.", i + 1),
        |i| format!("{} ", ["ア", "イ", "ウ", "エ", "オ"][i]),
        |i| format!("（{}）", ["ア", "イ", "ウ", "エ", "オ"][i]),
        |_| "■".to_string(),
        |_| "＜".to_string(),
        |_| String::new(),
    ];
    for numbering in numberings {
        let mut blocks = vec![
            header(
                0,
                "山吹町",
                "山吹町在宅医療介護連携支援センター",
                "山吹町医師会",
            ),
            para(0, "（１）令和6年度の取組実績"),
        ];
        for (i, (name, item)) in names.iter().zip(items).enumerate() {
            let close = if numbering(0) == "＜" { "＞" } else { "" };
            blocks.push(para(2 * i + 1, &format!("{}{name}{close}", numbering(i))));
            blocks.push(para(2 * i + 2, item));
        }
        let subs = recognize(&body(blocks));
        let got = texts(&subs[0], 1);
        let want: Vec<(Vec<u8>, &str)> = (1..=5u8).map(|c| (vec![c], "heading")).collect();
        assert_eq!(
            got.iter()
                .map(|t| (t.1.clone(), t.2.as_str()))
                .collect::<Vec<_>>(),
            want,
            "{}: {got:?}",
            numbering(0)
        );
    }
}

/// A table of records whose header labels are worded otherwise, and whose
/// category column is labelled by no role (`該当番号`, `分野`): its marker
/// cells still give each row's categories, the other cells its dates and
/// counts (DECISIONS 71).
#[test]
fn records_under_other_header_wordings() {
    let headers: [[&str; 5]; 5] = [
        ["区分", "取組内容", "実施時期", "回数", "備考"],
        ["区分", "活動", "開催月", "開催数", "備考"],
        ["該当番号", "実施事項", "時期", "回数", "参加人数"],
        ["分野", "内容・実績", "実施時期", "回数", "対象者"],
        ["No.", "取組名", "日程", "実施回数(回)", "備考"],
    ];
    let rows = [
        ["①", "推進会議", "6月・11月", "2", "委員15名"],
        ["④", "多職種研修会", "10/5", "1", "延べ60名"],
        ["⑤", "市民公開講座", "2月", "1", "参加80名"],
    ];
    for header_row in headers {
        let mut cells = vec![cell(0, 0, 5, "（１）令和6年度の取組実績")];
        cells.extend((0..5).map(|c| cell(1, c, 1, header_row[c])));
        for (r, row) in rows.iter().enumerate() {
            cells.extend((0..5).map(|c| cell(r + 2, c, 1, row[c])));
        }
        let doc = body(vec![
            header(
                0,
                "山吹町",
                "山吹町在宅医療介護連携支援センター",
                "山吹町医師会",
            ),
            table(1, 5, cells),
        ]);
        let s = &recognize(&doc)[0];
        let items = &s.sections[0].items;
        let got: Vec<(&str, Vec<u8>, &str, usize, usize)> = items
            .iter()
            .map(|i| {
                (
                    i.text.as_str(),
                    i.categories.clone(),
                    i.category_source.as_str(),
                    i.dates.len(),
                    i.counts.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("推進会議", vec![1], "column", 2, 1),
                ("多職種研修会", vec![4], "column", 1, 1),
                ("市民公開講座", vec![5], "column", 1, 1),
            ],
            "{header_row:?}"
        );
    }
}

/// Numbered issues that mention a year's plan, results or progress stay
/// items of section 2: a numbered line is a section heading only when its
/// words end in the section's kind (DECISIONS 67). Before, each of these
/// opened a section and split the form into three.
#[test]
fn numbered_issues_about_plans_are_no_headings() {
    let doc = body(vec![
        header(
            0,
            "山吹町",
            "山吹町在宅医療介護連携支援センター",
            "山吹町医師会",
        ),
        para(0, "（１）令和6年度の取組実績"),
        para(1, "①推進会議を開催（6月）"),
        para(2, "（２）令和6年度の取組を通じた課題"),
        para(3, "1. 令和7年度の取組計画の見直しが必要"),
        para(4, "2. 次年度の研修計画の策定が遅れている"),
        para(5, "(3)取組の進捗管理の仕組みがない"),
        para(6, "（３）令和7年度の取組計画"),
        para(7, "①推進会議（年2回）"),
        para(8, "（４）令和7年度の取組の進捗状況"),
        para(9, "①6月に推進会議を開催した。"),
    ]);
    let subs = recognize(&doc);
    assert_eq!(subs.len(), 1);
    let counts: Vec<(u8, usize)> = subs[0]
        .sections
        .iter()
        .map(|s| (s.number, s.items.len()))
        .collect();
    assert_eq!(counts, [(1, 1), (2, 3), (3, 1), (4, 1)]);
}

/// A row of one item with its dates and counts in cells beside it, in a
/// table with no header row: the values belong to the row's item, as in a
/// table of records (DECISIONS 72). Before, they were dropped as bare values.
#[test]
fn values_beside_an_item_in_a_headerless_row_are_its_facts() {
    let mut cells = vec![cell(0, 0, 4, "（１）令和6年度の取組実績")];
    let rows = [
        ["①", "推進会議を開催", "6月・11月", "2回"],
        ["④", "多職種研修会", "10/5", "1回"],
    ];
    for (r, row) in rows.iter().enumerate() {
        cells.extend((0..4).map(|c| cell(r + 1, c, 1, row[c])));
    }
    let doc = body(vec![
        header(
            0,
            "山吹町",
            "山吹町在宅医療介護連携支援センター",
            "山吹町医師会",
        ),
        table(1, 4, cells),
    ]);
    let s = &recognize(&doc)[0];
    type Row<'a> = (&'a str, Vec<u8>, Vec<&'a str>, Vec<&'a str>);
    let got: Vec<Row> = s.sections[0]
        .items
        .iter()
        .map(|i| {
            (
                i.text.as_str(),
                i.categories.clone(),
                i.dates.iter().map(|d| d.text.as_str()).collect(),
                i.counts.iter().map(|c| c.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("推進会議を開催", vec![1], vec!["6月", "11月"], vec!["2回"]),
            ("多職種研修会", vec![4], vec!["10/5"], vec!["1回"]),
        ]
    );
}
