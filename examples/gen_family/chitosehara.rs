//! 千歳原町 (`chitosehara.xlsx`, sheet `千歳原町`): two yearly forms one below
//! the other (the 令和6年度 report above the 令和7年度 report). Sections 1 and
//! 3 are Excel tables of records (取組内容 | 区分 | 実施時期 | 回数 | 備考) with
//! typed cells: 回数 numbers formatted `0"回"`, 実施時期 real dates formatted
//! `yyyy/m/d`, `m/d`, `m"月"d"日"`, `yyyy"年"m"月"` and
//! `[$-ja-JP]ggge"年"m"月"d"日"` (or written text). Sections 2 and 4 are one
//! merged cell of lines. No 実施主体 label.

use rust_xlsxwriter::{Format, Workbook};

use crate::expect::{it, At, Item, Src, Sub};
use crate::xrecords::{rec, records, When};
use crate::xsheet::{DateFmt, Grid};

use DateFmt::{Era, Md, MdKanji, YearMonth, Ymd};
use Src::{Classifier, Column, Inherited, Marker};

pub const SHEET: &str = "千歳原町";
const LAST: u16 = 4;

fn header(g: &mut Grid, r: &mut u32, title: &str, s: &mut Sub) {
    let bold = Format::new().set_bold();
    g.free(*r, 0, title, &bold);
    *r += 1;
    for (label, value) in [
        ("対象地域", "千歳原町"),
        (
            "連携の拠点",
            "千歳原町、社会福祉法人 千歳原町社会福祉協議会",
        ),
        (
            "市町村医介連携事業（委託先）",
            "社会福祉法人 千歳原町社会福祉協議会",
        ),
    ] {
        g.lab(*r, 0, 0, label);
        g.text(*r, 1, LAST, value);
        *r += 1;
    }
    s.areas = vec!["千歳原町"];
    s.hubs = vec!["千歳原町", "社会福祉法人 千歳原町社会福祉協議会"];
    s.contractors = vec!["社会福祉法人 千歳原町社会福祉協議会"];
    *r += 1;
}

/// A full-width section heading row; opens the expected section.
fn heading(g: &mut Grid, r: &mut u32, s: &mut Sub, text: &str, no: u8, fy: i32) {
    g.lab(*r, 0, LAST, text);
    *r += 1;
    let words: String = text.chars().skip(3).collect();
    s.section(no, &words, fy);
}

/// One merged cell A:E holding `lines`; items whose flag is set get `at`.
fn lines_cell(g: &mut Grid, r: &mut u32, s: &mut Sub, lines: Vec<(&str, Item, bool)>) {
    let text: Vec<&str> = lines.iter().map(|(t, _, _)| *t).collect();
    g.text(*r, 0, LAST, &text.join("\n"));
    for (i, (t, e, at)) in lines.into_iter().enumerate() {
        let e = if at {
            e.at(At::Sheet(SHEET, *r, 0, i))
        } else {
            e
        };
        s.push(t, e);
    }
    *r += 2;
}

pub fn add_sheet(wb: &mut Workbook) -> Vec<Sub> {
    let ws = wb.add_worksheet();
    ws.set_name(SHEET).expect("sheet name");
    let mut g = Grid::new(ws, &[40.0, 8.0, 18.0, 8.0, 24.0]);
    let mut r = 0;
    let older = older(&mut g, &mut r);
    r += 1;
    let newer = newer(&mut g, &mut r);
    g.finish();
    vec![older, newer]
}

/// The 令和6年度 report: results of FY2023, plan and progress of FY2024.
fn older(g: &mut Grid, r: &mut u32) -> Sub {
    let mut s = Sub::new(&format!("sheet:{SHEET}"), None);
    header(g, r, "■ 連携の拠点の取組について（令和6年度報告）", &mut s);

    heading(g, r, &mut s, "（１）令和5年度の取組実績", 1, 2023);
    records(
        g,
        r,
        &mut s,
        SHEET,
        vec![
            rec(
                "在宅医療・介護連携推進会議の開催",
                "①",
                When::Date((2023, 7, 20), Ymd),
                Some(2),
                "2回目（3/14）は書面開催",
                it(&[1], Column)
                    .d1("2023/7/20", "2023-07-20", false)
                    .d1("3/14", "2024-03-14", false)
                    .c("2回", 2, "", 1, false, "会議"),
            )
            .checked(),
            rec(
                "在宅医療資源マップの作成",
                "②",
                When::Date((2024, 3, 1), YearMonth),
                None,
                "町内全戸に配布",
                it(&[2], Column).d1("2024年3月", "2024-03", false),
            ),
            rec(
                "夜間・休日の急変時連絡体制の検討",
                "③",
                When::Date((2024, 1, 25), Md),
                Some(1),
                "",
                it(&[3], Column)
                    .d1("1/25", "2024-01-25", false)
                    .c("1回", 1, "", 1, false, ""),
            ),
            rec(
                "住民向け講演会「在宅療養を知る」",
                "⑤",
                When::Date((2024, 2, 17), Era),
                Some(1),
                "参加 64名",
                it(&[5], Column)
                    .d1("令和6年2月17日", "2024-02-17", false)
                    .c("1回", 1, "", 1, false, "講演会"),
            ),
        ],
    );

    heading(g, r, &mut s, "（２）令和5年度の取組を通じた課題", 2, 2023);
    lines_cell(
        g,
        r,
        &mut s,
        vec![(
            "・夜間の連絡先が定まらず、急変時連絡体制は運用開始に至らなかった。",
            it(&[3], Classifier),
            false,
        )],
    );

    heading(g, r, &mut s, "（３）令和6年度の取組計画", 3, 2024);
    records(
        g,
        r,
        &mut s,
        SHEET,
        vec![
            rec(
                "在宅医療・介護連携推進会議の開催",
                "①",
                When::Text("5月・8月・11月・2月"),
                Some(4),
                "",
                it(&[1], Column)
                    .d1("5月", "2024-05", true)
                    .d1("8月", "2024-08", true)
                    .d1("11月", "2024-11", true)
                    .d1("2月", "2025-02", true)
                    .c("4回", 4, "", 1, true, "会議"),
            ),
            rec(
                "急変時連絡体制の試行運用",
                "③",
                When::Text("10月〜翌3月"),
                None,
                "夜間は当番医に連絡",
                it(&[3], Column).d("10月〜翌3月", "2024-10", "2025-03", true),
            ),
            rec(
                "介護職向け在宅医療研修",
                "④",
                When::Date((2024, 10, 14), MdKanji),
                Some(1),
                "",
                it(&[4], Column)
                    .d1("10月14日", "2024-10-14", true)
                    .c("1回", 1, "", 1, true, "研修"),
            ),
        ],
    );

    heading(g, r, &mut s, "（４）令和6年度の進捗状況", 4, 2024);
    lines_cell(
        g,
        r,
        &mut s,
        vec![
            (
                "①推進会議は5月・8月に開催済み。",
                it(&[1], Marker)
                    .d1("5月", "2024-05", false)
                    .d1("8月", "2024-08", false),
                false,
            ),
            (
                "③急変時連絡体制は10月から試行予定。",
                it(&[3], Marker).d1("10月", "2024-10", true),
                false,
            ),
        ],
    );
    s
}

/// The 令和7年度 report: results of FY2024, plan and progress of FY2025.
fn newer(g: &mut Grid, r: &mut u32) -> Sub {
    let mut s = Sub::new(&format!("sheet:{SHEET}#2"), None);
    header(g, r, "■ 連携の拠点の取組について（令和7年度報告）", &mut s);

    heading(g, r, &mut s, "（１）令和6年度の取組実績", 1, 2024);
    records(
        g,
        r,
        &mut s,
        SHEET,
        vec![
            rec(
                "在宅医療・介護連携推進会議の開催",
                "①",
                When::Text("5月・8月・11月・2月"),
                Some(4),
                "",
                it(&[1], Column)
                    .d1("5月", "2024-05", false)
                    .d1("8月", "2024-08", false)
                    .d1("11月", "2024-11", false)
                    .d1("2月", "2025-02", false)
                    .c("4回", 4, "", 1, false, "会議"),
            ),
            rec(
                "在宅医療・介護連携相談窓口の運営",
                "②",
                When::Text("通年"),
                None,
                "相談 延べ24件",
                it(&[2], Column),
            ),
            rec(
                "救急医療情報キットの配布と更新案内",
                "③⑤",
                When::Text("6月〜翌2月"),
                None,
                "民生委員の協力",
                it(&[3, 5], Column).d("6月〜翌2月", "2024-06", "2025-02", false),
            ),
            rec(
                "急変時連絡体制の試行運用（夜間・休日）",
                "③",
                When::Text("10月〜翌3月"),
                None,
                "連絡 5件",
                it(&[3], Column).d("10月〜翌3月", "2024-10", "2025-03", false),
            ),
            rec(
                "④⑤多職種・住民合同の事例検討会",
                "④",
                When::Date((2024, 10, 14), MdKanji),
                Some(1),
                "参加 42名",
                it(&[4, 5], Marker).d1("10月14日", "2024-10-14", false).c(
                    "1回",
                    1,
                    "",
                    1,
                    false,
                    "検討会",
                ),
            )
            .checked(),
            rec(
                "町民向け在宅医療講演会",
                "⑤",
                When::Date((2025, 2, 16), Era),
                Some(1),
                "参加 86名",
                it(&[5], Column)
                    .d1("令和7年2月16日", "2025-02-16", false)
                    .c("1回", 1, "", 1, false, "講演会"),
            ),
            rec(
                "地区サロンでのACP出前講座",
                "⑤",
                When::Text("6月〜翌1月"),
                Some(6),
                "参加者 延べ120名",
                it(&[5], Column)
                    .d("6月〜翌1月", "2024-06", "2025-01", false)
                    .c("6回", 6, "", 1, false, "講座"),
            ),
        ],
    );

    heading(g, r, &mut s, "（２）令和6年度の取組を通じた課題", 2, 2024);
    lines_cell(
        g,
        r,
        &mut s,
        vec![
            (
                "・急変時連絡体制の試行では夜間の連絡が当番医に集中し、負担が大きかった。",
                it(&[3], Classifier),
                false,
            ),
            (
                "・講演会・出前講座の参加者は70代以上が中心で、若い世代への啓発が課題。",
                it(&[5], Classifier),
                false,
            ),
        ],
    );

    heading(g, r, &mut s, "（３）令和7年度の取組計画", 3, 2025);
    records(
        g,
        r,
        &mut s,
        SHEET,
        vec![
            rec(
                "在宅医療・介護連携推進会議の開催",
                "①",
                When::Text("6月・10月・2月"),
                Some(3),
                "",
                it(&[1], Column)
                    .d1("6月", "2025-06", true)
                    .d1("10月", "2025-10", true)
                    .d1("2月", "2026-02", true)
                    .c("3回", 3, "", 1, true, "会議"),
            ),
            rec(
                "入退院支援ルールの改訂",
                "②③",
                When::Text("年度内"),
                None,
                "近隣3市3町と調整",
                it(&[2, 3], Column),
            ),
            rec(
                "看取り・ACPの多職種研修",
                "④",
                When::Text("11月・2月"),
                Some(2),
                "",
                it(&[4], Column)
                    .d1("11月", "2025-11", true)
                    .d1("2月", "2026-02", true)
                    .c("2回", 2, "", 1, true, "研修"),
            ),
            rec(
                "町民向け在宅医療講演会",
                "⑤",
                When::Date((2026, 2, 14), Era),
                Some(1),
                "",
                it(&[5], Column).d1("令和8年2月14日", "2026-02-14", true).c(
                    "1回",
                    1,
                    "",
                    1,
                    true,
                    "講演会",
                ),
            ),
            rec(
                "ケアマネジャー向け訪問診療同行研修",
                "",
                When::Text("下半期"),
                None,
                "",
                it(&[4], Classifier),
            ),
        ],
    );

    heading(g, r, &mut s, "（４）令和7年度の進捗状況", 4, 2025);
    lines_cell(
        g,
        r,
        &mut s,
        vec![
            (
                "①推進会議は6/19に第1回を開催、第2回は10/16に開催予定。",
                it(&[1], Marker)
                    .d1("6/19", "2025-06-19", false)
                    .d1("10/16", "2025-10-16", true),
                false,
            ),
            (
                "④多職種研修は講師（医師・訪問看護師・介護支援専門員の三者）と内容を調整中。",
                it(&[4], Marker),
                false,
            ),
            (
                "⑤町民向け講演会の会場を予約済み（令和8年2月14日）。",
                it(&[5], Marker).d1("令和8年2月14日", "2026-02-14", false),
                false,
            ),
            (
                "→チラシは12月に全戸配布予定。",
                it(&[5], Inherited).d1("12月", "2025-12", true),
                true,
            ),
        ],
    );
    s
}
