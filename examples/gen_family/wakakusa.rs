//! 若草市 (`wakakusa.docx`): Word tables of records with five check-mark
//! columns and a 実施時期 column (§1 headed ①–⑤, §3 headed with the full
//! category names), section labels in the left column of two-column tables
//! broken by `<w:br/>` (§2, §4; §4's label names no year), continuation lines
//! `→…` / `※…` (§4), a legal-form prefix with a space in the header.

use docx_rs::{AlignmentType, Docx, TableRow};

use crate::expect::{it, At, Item, Src, Sub};
use crate::wdoc::{self, cell, centred, label, tp, Body, TEXT_WIDTH};

use Src::{Classifier, Column, Inherited, Marker};

const W_ACT: usize = 3700;
const W_MARK: usize = 700;
const W_WHEN: usize = TEXT_WIDTH - W_ACT - 5 * W_MARK;

/// One row of a table of records: activity, the five mark cells, 実施時期.
struct Rec {
    act: &'static str,
    marks: [&'static str; 5],
    when: &'static str,
    exp: Item,
}

fn rec(act: &'static str, marks: [&'static str; 5], when: &'static str, exp: Item) -> Rec {
    Rec {
        act,
        marks,
        when,
        exp,
    }
}

/// Writes a table of records and its items; the header row names the
/// category columns with `heads`.
fn records(body: &mut Body, sub: &mut Sub, heads: [&str; 5], recs: Vec<Rec>) {
    let mut rows = Vec::new();
    let mut head = vec![label("取組内容", W_ACT)];
    head.extend(heads.iter().map(|h| label(h, W_MARK)));
    head.push(label("実施時期", W_WHEN));
    rows.push(TableRow::new(head));
    for r in recs {
        let mut cells = vec![cell(vec![tp(r.act)], W_ACT)];
        cells.extend(r.marks.iter().map(|m| centred(m, W_MARK)));
        cells.push(cell(vec![tp(r.when)], W_WHEN));
        rows.push(TableRow::new(cells));
        sub.push(r.act, r.exp);
    }
    let mut grid = vec![W_ACT];
    grid.extend([W_MARK; 5]);
    grid.push(W_WHEN);
    body.table(wdoc::table(rows, grid));
}

/// A two-column label table; each line is an item.
fn labelled(body: &mut Body, sub: &mut Sub, heading: &str, lines: Vec<(&str, Item)>) {
    let texts: Vec<&str> = lines.iter().map(|(t, _)| *t).collect();
    body.table(wdoc::label_table(heading, &texts));
    for (t, e) in lines {
        sub.push(t, e);
    }
}

pub fn build(docx: Docx) -> (Docx, Sub) {
    let mut b = Body::default();
    let mut s = Sub::new("body", Some("資料3-1"));
    s.areas = vec!["若草市"];
    s.hubs = vec!["一般社団法人 若草市医師会"];
    s.contractors = vec![
        "一般社団法人 若草市医師会",
        "若草市訪問看護ステーション連絡会",
    ];

    b.para(tp("■ 連携の拠点の取組について").bold());
    b.para(tp("資料３－１").align(AlignmentType::Right));
    b.table(wdoc::header_table(
        "若草市",
        "一般社団法人 若草市医師会",
        "一般社団法人 若草市医師会 若草市訪問看護ステーション連絡会",
    ));
    b.empty();

    // (1) results: T1, a table of records headed ①–⑤.
    b.text("（１）令和6年度の取組実績");
    s.section(1, "令和6年度の取組実績", 2024);
    let t = b.next_table();
    records(
        &mut b,
        &mut s,
        ["①", "②", "③", "④", "⑤"],
        vec![
            rec(
                "多職種による在宅医療・介護連携推進会議を開催",
                ["○", "", "", "", ""],
                "5月・9月・2月 計三回",
                it(&[1], Column)
                    .d1("5月", "2024-05", false)
                    .d1("9月", "2024-09", false)
                    .d1("2月", "2025-02", false)
                    .c("計三回", 3, "", 1, false, "会議")
                    .at(At::Cell(t, 1, 0, 0)),
            ),
            rec(
                "市内診療所・病院を対象に訪問診療・往診の対応状況を調査",
                ["", "✓", "", "", ""],
                "8月〜10月",
                it(&[2], Column).d("8月〜10月", "2024-08", "2024-10", false),
            ),
            rec(
                "在宅医療相談窓口の運営（相談 延べ24件）",
                ["", "○", "", "", ""],
                "通年",
                it(&[2], Column),
            ),
            rec(
                "急変時の入院受入れに関する病院・在宅医の連絡ルールを検討",
                ["", "1", "1", "", ""],
                "11月・1月",
                it(&[2, 3], Column)
                    .d1("11月", "2024-11", false)
                    .d1("1月", "2025-01", false),
            ),
            rec(
                "病院看護師の訪問看護同行研修",
                ["", "", "", "○", ""],
                "11/25〜11/29",
                it(&[4], Column).d("11/25〜11/29", "2024-11-25", "2024-11-29", false),
            ),
            rec(
                "市民公開講座「わたしの想いをつなぐACP」（参加者 延べ120名）",
                ["", "", "", "", "○"],
                "令和7年2月8日",
                it(&[5], Column).d1("令和7年2月8日", "2025-02-08", false),
            ),
            rec(
                "ACP啓発リーフレットを作成し、介護支援専門員の研修で活用",
                ["", "", "", "✓", "✓"],
                "年度末",
                it(&[4, 5], Column),
            ),
            rec(
                "地域の集いの場での出前講座「在宅医療ってなあに？」",
                ["", "", "", "", ""],
                "6月〜翌1月（7回）",
                it(&[5], Classifier)
                    .d("6月〜翌1月", "2024-06", "2025-01", false)
                    .c("7回", 7, "", 1, false, "講座")
                    .at(At::Cell(t, 8, 0, 0)),
            ),
        ],
    );
    b.empty();

    // (2) issues: T2, label cell broken over four lines.
    s.section(2, "令和6年度の取組を通じた課題", 2024);
    let t = b.next_table();
    labelled(
        &mut b,
        &mut s,
        "（２）\n令和6年度の\n取組を通じた\n課題",
        vec![
            (
                "・訪問診療を行う診療所が市の北部に偏っており、南部では新規の受入れが難しい。",
                it(&[2], Classifier).at(At::Cell(t, 0, 1, 0)),
            ),
            (
                "・急変時の連絡ルールは病院ごとに異なり、夜間の受入れ調整に時間がかかっている。",
                it(&[3], Classifier),
            ),
            (
                "・ACPの言葉を知る市民はまだ少なく、講座の参加者も高齢者が中心。",
                it(&[5], Classifier),
            ),
        ],
    );
    b.empty();

    // (3) plan: T3, a table of records headed with the category names;
    // empty mark cells written －; one date a year early (the warning).
    b.text("（３）令和7年度の取組計画");
    s.section(3, "令和7年度の取組計画", 2025);
    let t = b.next_table();
    let names = [
        "①会議の開催",
        "②地域の資源の把握・関係機関との調整",
        "③急変時対応等の体制構築等",
        "④在宅医療に係る研修",
        "⑤在宅医療の普及啓発",
    ];
    records(
        &mut b,
        &mut s,
        names,
        vec![
            rec(
                "在宅医療・介護連携推進会議を開催",
                ["○", "－", "－", "－", "－"],
                "年3回（6月・10月・2月）",
                it(&[1], Column)
                    .d1("6月", "2025-06", true)
                    .d1("10月", "2025-10", true)
                    .d1("2月", "2026-02", true)
                    .c("年3回", 3, "year", 1, true, "会議"),
            ),
            rec(
                "入退院時情報共有シートの改訂と関係機関への周知",
                ["", "✓", "✓", "", ""],
                "令和7年12月中旬〜令和8年1月下旬",
                it(&[2, 3], Column).d("令和7年12月中旬〜令和8年1月", "2025-12", "2026-01", true),
            ),
            rec(
                "看取り・急変時対応研修（病院・診療所・訪問看護・介護支援専門員）",
                ["", "", "", "1", ""],
                "1/18（日）・2/8（日）",
                it(&[4], Column)
                    .d1("1/18", "2026-01-18", true)
                    .d1("2/8", "2026-02-08", true),
            ),
            rec(
                "在宅医療資源マップ（Web版）の更新",
                ["", "○", "", "", ""],
                "6月〜翌2月",
                it(&[2], Column).d("6月〜翌2月", "2025-06", "2026-02", true),
            ),
            rec(
                "救急医療情報キットの活用状況を検証する会議",
                ["", "", "○", "", "○"],
                "R7/3/15",
                it(&[3, 5], Column)
                    .d1("R7/3/15", "2025-03-15", true)
                    .at(At::Cell(t, 5, 0, 0)),
            ),
            rec(
                "市民公開講座の開催",
                ["", "", "", "", "○"],
                "秋頃",
                it(&[5], Column),
            ),
        ],
    );
    s.warnings.push(("date_outside_fiscal_year", 3, 4));
    b.empty();

    // (4) progress: T4, label naming no year (fiscal year from §3).
    s.section(4, "進捗状況", 2025);
    let t = b.next_table();
    labelled(
        &mut b,
        &mut s,
        "（４）\n進捗状況",
        vec![
            (
                "①第1回推進会議を6月12日に開催し、入退院時情報共有シートの改訂方針を確認した。",
                it(&[1], Marker).d1("6月12日", "2025-06-12", false),
            ),
            (
                "→第2回は10月9日に開催予定。",
                it(&[1], Inherited)
                    .d1("10月9日", "2025-10-09", true)
                    .at(At::Cell(t, 0, 1, 1)),
            ),
            (
                "②③シート改訂案を作成し、病院地域連携室へ2回目の意見照会を実施中。",
                it(&[2, 3], Marker),
            ),
            (
                "④看取り・急変時対応研修は1/18（日）・2/8（日）の2回開催予定。",
                it(&[4], Marker)
                    .d1("1/18", "2026-01-18", true)
                    .d1("2/8", "2026-02-08", true)
                    .c("2回", 2, "", 1, true, "研修"),
            ),
            (
                "※会場は若草市保健センター、定員は各回40名。",
                it(&[4], Inherited),
            ),
            (
                "⑤市民公開講座は秋頃の開催に向けて講師と日程を調整中。",
                it(&[5], Marker),
            ),
            (
                "②資源マップ（Web版）は掲載医療機関の情報を6月から順次更新している。",
                it(&[2], Marker).d1("6月", "2025-06", false),
            ),
        ],
    );
    b.empty();

    (b.into_docx(docx), s)
}
