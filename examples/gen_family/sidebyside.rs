//! 星野台市 and 浜名台町 side by side on one sheet (`hoshinodai_hamanadai.xlsx`,
//! sheet `星野台市・浜名台町`): two header tables in the same rows, A–C and
//! E–G, column D an empty gap, each form's sections below its own header.
//! 星野台市: one row per category (name in A, lines in B:C), labels for §2/§4.
//! 浜名台町: one row per line merged E:G, category headings `■①…` as rows
//! (layout A), §1 opening with an unlabelled item and a `※` line under it.

use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use crate::expect::{it, At, Item, Src, Sub};
use crate::xsheet::Grid;

use Src::{Classifier, Heading, Inherited, Marker};

pub const SHEET: &str = "星野台市・浜名台町";

/// A line of a cell or row: `None` for a heading line, else its item.
type Line = (&'static str, Option<Item>);

fn item(t: &'static str, e: Item) -> Line {
    (t, Some(e))
}

fn head(t: &'static str) -> Line {
    (t, None)
}

/// Header rows 0–3 of a form whose region starts at column `c`.
fn header(g: &mut Grid, c: u16, material: &str, area: &str, hub: &str, contractor: &str) {
    let right = Format::new().set_align(FormatAlign::Right);
    g.free(0, c + 2, material, &right);
    for (r, (label, value)) in [
        ("対象地域", area),
        ("連携の拠点", hub),
        ("市町村医介連携事業（委託先）", contractor),
    ]
    .into_iter()
    .enumerate()
    {
        g.lab(1 + r as u32, c, c, label);
        g.text(1 + r as u32, c + 1, c + 2, value);
    }
}

/// `lines` in one cell over `c0..=c1` of row `r`; items pushed, `at` for the
/// line indexes in `checked`.
fn cell(g: &mut Grid, s: &mut Sub, r: u32, c0: u16, c1: u16, lines: Vec<Line>, checked: &[usize]) {
    let text: Vec<&str> = lines.iter().map(|(t, _)| *t).collect();
    g.text(r, c0, c1, &text.join("\n"));
    for (i, (t, e)) in lines.into_iter().enumerate() {
        if let Some(e) = e {
            let e = if checked.contains(&i) {
                e.at(At::Sheet(SHEET, r, c0, i))
            } else {
                e
            };
            s.push(t, e);
        }
    }
}

pub fn add_sheet(wb: &mut Workbook) -> Vec<Sub> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).expect("sheet name");
    let mut g = Grid::new(ws, &[22.0, 30.0, 30.0, 3.0, 22.0, 30.0, 30.0]);
    let left = hoshinodai(&mut g);
    let right = hamanadai(&mut g);
    g.finish();
    vec![left, right]
}

fn hoshinodai(g: &mut Grid) -> Sub {
    let mut s = Sub::new(&format!("sheet:{SHEET}"), Some("資料4-1"));
    s.areas = vec!["星野台市"];
    s.hubs = vec!["星野台市在宅医療・介護連携支援センター(星野台市医師会内)"];
    s.contractors = vec!["公益社団法人 星野台市医師会"];
    header(
        g,
        0,
        "資料４－１",
        "星野台市",
        "星野台市在宅医療・介護連携支援センター（星野台市医師会内）",
        "公益社団法人 星野台市医師会",
    );

    s.section(1, "令和6年度の取組実績", 2024);
    g.lab(5, 0, 2, "（１）令和6年度の取組実績");
    let rows1: Vec<(&str, Vec<Line>)> = vec![
        (
            "①会議の開催",
            vec![
                item(
                    "在宅医療・介護連携推進会議（５・６・９月）",
                    it(&[1], Heading)
                        .d1("5", "2024-05", false)
                        .d1("6", "2024-06", false)
                        .d1("9月", "2024-09", false),
                ),
                item(
                    "在宅医療連絡会（隔月）",
                    it(&[1], Heading).c("隔月", 1, "month", 2, false, "連絡会"),
                ),
            ],
        ),
        (
            "③急変時対応等の体制構築等",
            vec![item(
                "急変時の受入れ病院リストを作成（～3月）",
                it(&[3], Heading).d("～3月", "", "2025-03", false),
            )],
        ),
        (
            "④在宅医療に係る研修",
            vec![item(
                "訪問看護師・ケアマネジャー合同研修会を開催（R6/11/16）",
                it(&[4], Heading).d1("R6/11/16", "2024-11-16", false),
            )],
        ),
        (
            "⑤在宅医療の普及啓発",
            vec![item(
                "市民向けACP講座を年2回開催（7/6、1/18）",
                it(&[5], Heading)
                    .d1("7/6", "2024-07-06", false)
                    .d1("1/18", "2025-01-18", false)
                    .c("年2回", 2, "year", 1, false, "講座"),
            )],
        ),
    ];
    for (i, (name, lines)) in rows1.into_iter().enumerate() {
        let r = 6 + i as u32;
        g.lab(r, 0, 0, name);
        let checked: &[usize] = if i == 0 { &[1] } else { &[] };
        cell(g, &mut s, r, 1, 2, lines, checked);
    }

    s.section(2, "令和6年度の取組を通じた課題", 2024);
    g.lab(11, 0, 0, "（２）\n令和6年度の\n取組を通じた\n課題");
    cell(
        g,
        &mut s,
        11,
        1,
        2,
        vec![item(
            "急変時の受入れ病院リストは作成したが、夜間の連絡手順が未整備。",
            it(&[3], Classifier),
        )],
        &[],
    );

    s.section(3, "令和7年度の取組計画", 2025);
    g.lab(13, 0, 2, "（３）令和7年度の取組計画");
    let rows3: Vec<(&str, Vec<Line>)> = vec![
        (
            "①会議の開催",
            vec![
                item(
                    "在宅医療・介護連携推進会議（年３回）",
                    it(&[1], Heading).c("年3回", 3, "year", 1, true, "会議"),
                ),
                item(
                    "在宅医療連絡会（隔月）",
                    it(&[1], Heading).c("隔月", 1, "month", 2, true, "連絡会"),
                ),
            ],
        ),
        (
            "③急変時対応等の体制構築等",
            vec![item(
                "夜間の連絡手順を定め、受入れ病院リストと併せて運用（10月～）",
                it(&[3], Heading).d("10月～", "2025-10", "", true),
            )],
        ),
        (
            "④在宅医療に係る研修",
            vec![item(
                "合同研修会（R7/11月、R8/3月）",
                it(&[4], Heading)
                    .d1("R7/11月", "2025-11", true)
                    .d1("R8/3月", "2026-03", true),
            )],
        ),
        (
            "⑤在宅医療の普及啓発",
            vec![item(
                "市民向けACP講座（７月・１月）",
                it(&[5], Heading)
                    .d1("7月", "2025-07", true)
                    .d1("1月", "2026-01", true),
            )],
        ),
    ];
    for (i, (name, lines)) in rows3.into_iter().enumerate() {
        let r = 14 + i as u32;
        g.lab(r, 0, 0, name);
        cell(g, &mut s, r, 1, 2, lines, &[]);
    }

    s.section(4, "令和7年度の進捗状況", 2025);
    g.lab(19, 0, 0, "（４）\n令和7年度の\n進捗状況");
    cell(
        g,
        &mut s,
        19,
        1,
        2,
        vec![
            item(
                "①推進会議を６月に開催、次回は１０月予定。",
                it(&[1], Marker)
                    .d1("6月", "2025-06", false)
                    .d1("10月", "2025-10", true),
            ),
            item(
                "④合同研修会はR7/11/15に開催予定。",
                it(&[4], Marker).d1("R7/11/15", "2025-11-15", true),
            ),
            item(
                "⑤市民向けACP講座は7/5に開催（参加者112名）。",
                it(&[5], Marker).d1("7/5", "2025-07-05", false),
            ),
            item(
                "※1月の講座は会場の都合で2月に変更予定。",
                it(&[5], Inherited)
                    .d1("1月", "2026-01", true)
                    .d1("2月", "2026-02", true),
            ),
        ],
        &[3],
    );
    s
}

fn hamanadai(g: &mut Grid) -> Sub {
    let mut s = Sub::new(&format!("sheet:{SHEET}#2"), Some("資料4-2"));
    s.areas = vec!["浜名台町"];
    s.hubs = vec!["浜名台町", "医療法人 浜名会"];
    s.contractors = vec!["浜名台町(健康福祉課)"];
    header(
        g,
        4,
        "資料４－２",
        "浜名台町",
        "浜名台町、医療法人 浜名会",
        "浜名台町（健康福祉課）",
    );

    // One row per line, merged E:G; headings are rows of their own. A blank
    // row comes before every section heading, so counting starts one above R5.
    let mut r = 4;
    let mut rows = |g: &mut Grid, s: &mut Sub, lines: Vec<Line>, checked: &[usize]| {
        for (i, (t, e)) in lines.into_iter().enumerate() {
            if e.is_none() && t.starts_with('（') {
                r += 1;
            }
            cell(g, s, r, 4, 6, vec![(t, e)], &[]);
            if checked.contains(&i) {
                let last = s.sections.last_mut().and_then(|x| x.items.last_mut());
                let last = last.expect("a checked line is an item");
                *last = last.clone().at(At::Sheet(SHEET, r, 4, 0));
            }
            r += 1;
        }
    };

    s.section(1, "令和6年度の実績", 2024);
    rows(
        g,
        &mut s,
        vec![
            head("（１）令和6年度の実績"),
            item(
                "・救急隊と在宅医の情報連携（救急医療情報キット）の検討",
                it(&[3], Classifier),
            ),
            item("※消防本部・町内2診療所と協議", it(&[3], Inherited)),
            head("■①会議の開催"),
            item(
                "・在宅医療・介護連携会議（年間３回開催）",
                it(&[1], Heading).c("年間3回", 3, "year", 1, false, "会議"),
            ),
            head("■②地域の資源の把握・関係機関との調整"),
            item(
                "・町内の介護事業所・訪問看護ステーションへの聞き取り（延べ24件）",
                it(&[2], Heading),
            ),
            head("■④在宅医療に係る研修"),
            item(
                "・介護職向け喀痰吸引の基礎研修（10/1、3、28）",
                it(&[4], Heading)
                    .d1("10/1", "2024-10-01", false)
                    .d1("3", "2024-10-03", false)
                    .d1("28", "2024-10-28", false),
            ),
            head("■⑤在宅医療の普及啓発"),
            item(
                "・町の健康まつりで在宅医療ブースを出展（11月）",
                it(&[5], Heading).d1("11月", "2024-11", false),
            ),
        ],
        &[1, 8],
    );

    s.section(2, "令和6年度の取組を通じた課題", 2024);
    rows(
        g,
        &mut s,
        vec![
            head("（２）令和6年度の取組を通じた課題"),
            item(
                "・喀痰吸引研修の修了者が少なく、受講しやすい日程の工夫が必要。",
                it(&[4], Classifier),
            ),
        ],
        &[],
    );

    s.section(3, "令和7年度の取組計画", 2025);
    rows(
        g,
        &mut s,
        vec![
            head("（３）令和7年度の取組計画"),
            head("■①会議の開催（年間４回開催予定）"),
            item(
                "・在宅医療・介護連携会議（6月・9月・12月・3月）",
                it(&[1], Heading)
                    .c("年間4回", 4, "year", 1, true, "会議")
                    .d1("6月", "2025-06", true)
                    .d1("9月", "2025-09", true)
                    .d1("12月", "2025-12", true)
                    .d1("3月", "2026-03", true),
            ),
            head("■③急変時対応等の体制構築等"),
            item(
                "・救急医療情報キットの配布（町内の75歳以上独居世帯）",
                it(&[3], Heading),
            ),
            head("■⑤在宅医療の普及啓発"),
            item(
                "・健康まつりでの在宅医療ブース出展（11月予定）",
                it(&[5], Heading).d1("11月", "2025-11", true),
            ),
        ],
        &[],
    );

    s.section(4, "令和7年度の進捗状況", 2025);
    rows(
        g,
        &mut s,
        vec![
            head("（４）令和7年度の進捗状況"),
            item(
                "①連携会議は6月・9月に開催済み（計2回）。",
                it(&[1], Marker)
                    .d1("6月", "2025-06", false)
                    .d1("9月", "2025-09", false)
                    .c("計2回", 2, "", 1, false, "会議"),
            ),
            item(
                "③救急医療情報キットは民生委員の協力を得て9月から配布中。",
                it(&[3], Marker).d1("9月", "2025-09", false),
            ),
            item(
                "⑤健康まつり（11/9）に出展予定。",
                it(&[5], Marker).d1("11/9", "2025-11-09", true),
            ),
        ],
        &[3],
    );
    s
}
