//! 榊市 (`sakaki.xlsx`, sheet `榊市`): an "Excel 方眼紙" grid — 40 columns
//! A–AN of width 2.63, every logical cell a merged range of its own width
//! (4 to 40 grid columns). §1 is ONE merged cell holding the
//! whole section: its heading, category headings and items, line by line.
//! §2 and §4: a label range broken over lines + a content range of lines;
//! §3: one row per category, the category name in A:H, items in I:AN.

use rust_xlsxwriter::{Format, FormatAlign, Workbook};

use crate::expect::{it, At, Item, Src, Sub};
use crate::xsheet::Grid;

use Src::{Classifier, Heading, Inherited, Marker};

pub const SHEET: &str = "榊市";
const COLS: u16 = 40;
const END: u16 = COLS - 1;
/// Label ranges A:H, content ranges I:AN.
const LAB_END: u16 = 7;
const CONTENT: u16 = 8;

/// A line of a cell: `None` for a heading line, else the item it is.
type Line = (&'static str, Option<Item>);

/// Writes `lines` into the range and pushes the items; `at` is set for the
/// line indexes in `checked`.
fn put_lines(g: &mut Grid, s: &mut Sub, r: u32, c0: u16, lines: Vec<Line>, checked: &[usize]) {
    let text: Vec<&str> = lines.iter().map(|(t, _)| *t).collect();
    g.text(r, c0, END, &text.join("\n"));
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

fn item(t: &'static str, e: Item) -> Line {
    (t, Some(e))
}

fn head(t: &'static str) -> Line {
    (t, None)
}

pub fn add_sheet(wb: &mut Workbook) -> Sub {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).expect("sheet name");
    let mut g = Grid::new(ws, &[2.63; COLS as usize]);
    let mut s = Sub::new(&format!("sheet:{SHEET}"), Some("資料3-4"));
    s.areas = vec!["榊市"];
    s.hubs = vec!["社会福祉法人 榊市社会福祉協議会"];
    s.contractors = vec!["榊市", "社会福祉法人榊市社会福祉協議会"];

    let right = Format::new().set_align(FormatAlign::Right);
    g.put(0, 31, 0, END, "資料３－４", &right);
    g.lab(1, 0, LAB_END, "対象地域");
    g.text(1, CONTENT, END, "榊市");
    let lab = g.label.clone();
    g.put(2, 0, 3, 3, "実施主体", &lab);
    g.lab(2, 4, 11, "連携の拠点");
    g.text(2, 12, END, "社会福祉法人 榊市社会福祉協議会");
    g.lab(3, 4, 11, "市町村医介連携事業（委託先）");
    g.text(3, 12, END, "榊市、社会福祉法人榊市社会福祉協議会");

    // R5: the whole of section 1 in one cell A6:AN6.
    s.section(1, "令和6年度の取組実績", 2024);
    put_lines(
        &mut g,
        &mut s,
        5,
        0,
        vec![
            head("（１）令和6年度の取組実績"),
            head("①会議の開催（年間4回開催）"),
            item(
                "・在宅医療・介護連携推進会議（5/23、8/22、11/28、2/27）",
                it(&[1], Heading)
                    .c("年間4回", 4, "year", 1, false, "会議")
                    .d1("5/23", "2024-05-23", false)
                    .d1("8/22", "2024-08-22", false)
                    .d1("11/28", "2024-11-28", false)
                    .d1("2/27", "2025-02-27", false),
            ),
            item(
                "・多職種連携ワーキング（月1回程度）",
                it(&[1], Heading).c("月1回", 1, "month", 1, false, ""),
            ),
            head("②地域の資源の把握・関係機関との調整"),
            item(
                "・市内の訪問診療・訪問看護の対応状況を調査（7月〜8月）",
                it(&[2], Heading).d("7月〜8月", "2024-07", "2024-08", false),
            ),
            item(
                "→調査結果を資源リストに反映し、居宅介護支援事業所へ配布",
                it(&[2], Inherited),
            ),
            head("④在宅医療に係る研修"),
            item(
                "・在宅医療多職種研修会を開催（10/19）",
                it(&[4], Heading).d1("10/19", "2024-10-19", false),
            ),
            head("⑤在宅医療の普及啓発"),
            item(
                "・市民公開講座「家で過ごすという選択」を開催（3/8）",
                it(&[5], Heading).d1("3/8", "2025-03-08", false),
            ),
        ],
        &[2, 6],
    );

    // R7: section 2, label A8:H8, content I8:AN8.
    s.section(2, "令和6年度の取組を通じた課題", 2024);
    g.lab(7, 0, LAB_END, "（２）\n令和6年度の\n取組を通じた\n課題");
    put_lines(
        &mut g,
        &mut s,
        7,
        CONTENT,
        vec![
            item(
                "・訪問診療を担う医師の高齢化が進み、新規の在宅患者の受入れが難しくなっている。",
                it(&[2], Classifier),
            ),
            item(
                "・ACPについて市民の認知度が低い（講座アンケートで「知っている」は2割）。",
                it(&[5], Classifier),
            ),
        ],
        &[],
    );

    // R9–R14: section 3, one row per category.
    s.section(3, "令和7年度の取組計画", 2025);
    g.lab(9, 0, END, "（３）令和7年度の取組計画");
    let rows: Vec<(&str, Vec<Line>)> = vec![
        (
            "①会議の開催",
            vec![
                item(
                    "在宅医療・介護連携推進会議（年4回）",
                    it(&[1], Heading).c("年4回", 4, "year", 1, true, "会議"),
                ),
                item(
                    "多職種連携ワーキング（隔月）",
                    it(&[1], Heading).c("隔月", 1, "month", 2, true, ""),
                ),
            ],
        ),
        (
            "②地域の資源の把握・関係機関との調整",
            vec![item(
                "訪問診療・訪問看護の資源リストを更新（秋頃）",
                it(&[2], Heading),
            )],
        ),
        (
            "③急変時対応等の体制構築等",
            vec![item(
                "救急搬送時の情報共有シートの試行（12〜2月）",
                it(&[3], Heading).d("12〜2月", "2025-12", "2026-02", true),
            )],
        ),
        (
            "④在宅医療に係る研修",
            vec![item(
                "在宅医療多職種研修会をオンデマンド配信（10/20〜11/14）",
                it(&[4], Heading).d("10/20〜11/14", "2025-10-20", "2025-11-14", true),
            )],
        ),
        (
            "⑤在宅医療の普及啓発",
            vec![item("市民公開講座の開催（年度末）", it(&[5], Heading))],
        ),
    ];
    for (i, (name, lines)) in rows.into_iter().enumerate() {
        let r = 10 + i as u32;
        g.lab(r, 0, LAB_END, name);
        let checked: &[usize] = if i == 3 { &[0] } else { &[] };
        put_lines(&mut g, &mut s, r, CONTENT, lines, checked);
    }

    // R16: section 4, label + lines with typed markers.
    s.section(4, "令和7年度の進捗状況", 2025);
    g.lab(16, 0, LAB_END, "（４）\n令和7年度の\n進捗状況");
    put_lines(
        &mut g,
        &mut s,
        16,
        CONTENT,
        vec![
            item(
                "①推進会議は5/22、8/21に開催（計2回）。",
                it(&[1], Marker)
                    .d1("5/22", "2025-05-22", false)
                    .d1("8/21", "2025-08-21", false)
                    .c("計2回", 2, "", 1, false, "会議"),
            ),
            item(
                "①②ワーキングで資源リストの更新項目を整理中。",
                it(&[1, 2], Marker),
            ),
            item(
                "③情報共有シート案を作成、12月から試行予定。",
                it(&[3], Marker).d1("12月", "2025-12", true),
            ),
            item(
                "④オンデマンド研修の受講登録は延べ24件（9月末時点）。",
                it(&[4], Marker).d1("9月", "2025-09", false),
            ),
            item(
                "⑤市民公開講座は年度末の開催に向けて準備中。",
                it(&[5], Marker),
            ),
        ],
        &[3],
    );

    g.finish();
    s
}
