//! 汐見市 (`shiomi.docx`): body paragraphs only. §1 has decorated category
//! headings typed by hand (【①…】, ■②…, 【③…】, `④在宅医療に係る研修　全5回
//! シリーズ`, ◆⑤…); §3's headings are Word list paragraphs whose ①–⑤ come
//! from `decimalEnclosedCircle` numbering (not typed). Items are typed `・`
//! bullets; continuation lines `※…`, `→…`; a `一社）` name in the header.

use docx_rs::Docx;

use crate::expect::{it, At, Item, Src, Sub};
use crate::wdoc::{self, Body};

use Src::{Classifier, Heading, Inherited, Marker};

/// A line of a section written as a body paragraph.
enum L {
    /// A heading line (typed decoration and marker), not an item.
    Head(&'static str),
    /// A heading whose marker Word generates from the circled list.
    NumHead(&'static str),
    /// An item line and its expectation.
    Item(&'static str, Item),
    /// An item whose `at` (its body paragraph) is checked.
    ItemAt(&'static str, Item),
}

/// Writes a section: heading paragraph, its lines, an empty paragraph.
fn section(b: &mut Body, s: &mut Sub, heading: &str, lines: Vec<L>) {
    b.text(heading);
    for l in lines {
        match l {
            L::Head(t) => {
                b.text(t);
            }
            L::NumHead(t) => {
                b.circled(t);
            }
            L::Item(t, e) => {
                b.text(t);
                s.push(t, e);
            }
            L::ItemAt(t, e) => {
                let p = b.text(t);
                s.push(t, e.at(At::Body(p)));
            }
        }
    }
    b.empty();
}

pub fn build(docx: Docx) -> (Docx, Sub) {
    let mut b = Body::default();
    let mut s = Sub::new("body", None);
    s.areas = vec!["汐見市"];
    s.hubs = vec!["一社)汐見市医師会"];
    s.contractors = vec!["汐見市在宅医療・介護連携支援センター"];

    b.table(wdoc::header_table(
        "汐見市",
        "一社）汐見市医師会",
        "汐見市在宅医療・介護連携支援センター",
    ));
    b.empty();

    s.section(1, "令和6年度の取組実績", 2024);
    section(&mut b, &mut s, "（１）令和6年度の取組実績", vec![
        L::Head("【①会議の開催】"),
        L::Item("・在宅医療推進協議会を年3回開催（7/10、11/13、2/19）",
            it(&[1], Heading).d1("7/10", "2024-07-10", false).d1("11/13", "2024-11-13", false)
                .d1("2/19", "2025-02-19", false).c("年3回", 3, "year", 1, false, "協議会")),
        L::ItemAt("・多職種連携代表者会議（6/12、9/11、12/11 4回開催）",
            it(&[1], Heading).d1("6/12", "2024-06-12", false).d1("9/11", "2024-09-11", false)
                .d1("12/11", "2024-12-11", false).c("4回", 4, "", 1, false, "会議")),
        L::Head("■②地域の資源の把握・関係機関との調整"),
        L::Item("・近隣3市3町の入退院支援ルールとの整合を確認し、市内の病院・事業所に説明",
            it(&[2], Heading)),
        L::Item("・訪問歯科診療・訪問薬剤管理指導に対応する事業所の一覧を更新（9月）",
            it(&[2], Heading).d1("9月", "2024-09", false)),
        L::Head("【③急変時対応等の体制構築等】"),
        L::Item("・在宅療養後方支援病床を確保（4病院8床）", it(&[3], Heading)),
        L::Head("④在宅医療に係る研修　全5回シリーズ"),
        L::ItemAt("・「在宅医療はじめて講座」を6月〜10月に開催（医師・看護師・介護職、参加者延べ96名）",
            it(&[4], Heading).d("6月〜10月", "2024-06", "2024-10", false)
                .c("全5回", 5, "", 1, false, "研修")),
        L::Item("・第5回は症例検討のグループワークとした。", it(&[4], Heading)),
        L::Head("◆⑤在宅医療の普及啓発"),
        L::Item("・市広報紙で在宅医療とACPの特集記事を掲載（11月）",
            it(&[5], Heading).d1("11月", "2024-11", false)),
        L::Item("・地域の集いの場で在宅医療の説明会を実施（三回）",
            it(&[5], Heading).c("三回", 3, "", 1, false, "説明会")),
    ]);
    s.warnings.push(("count_mismatch", 1, 1));

    s.section(2, "令和6年度の取組を通じた課題", 2024);
    section(
        &mut b,
        &mut s,
        "（２）令和6年度の取組を通じた課題",
        vec![
            L::Item(
                "○在宅医療はじめて講座の受講者は介護職が中心で、医師・看護師の参加が少なかった。",
                it(&[4], Classifier),
            ),
            L::Item(
                "○後方支援病床の利用手順が診療所に十分周知されていない。",
                it(&[3], Classifier),
            ),
        ],
    );

    s.section(3, "令和7年度の取組計画", 2025);
    section(
        &mut b,
        &mut s,
        "（３）令和7年度の取組計画",
        vec![
            L::NumHead("会議の開催（年10回程度）"),
            L::ItemAt(
                "・在宅医療推進協議会（毎月第2木曜日）",
                it(&[1], Heading)
                    .c("年10回", 10, "year", 1, true, "会議")
                    .c("毎月", 1, "month", 1, true, "協議会"),
            ),
            L::Item(
                "・多職種連携代表者会議（6月・12月）",
                it(&[1], Heading)
                    .d1("6月", "2025-06", true)
                    .d1("12月", "2025-12", true),
            ),
            L::NumHead("地域の資源の把握・関係機関との調整"),
            L::Item(
                "・近隣3市3町と入退院支援ルールの共同改訂を協議",
                it(&[2], Heading),
            ),
            L::Item(
                "・ICT連携ツールの登録事業所を拡大（年度内）",
                it(&[2], Heading),
            ),
            L::NumHead("急変時対応等の体制構築等"),
            L::Item(
                "・後方支援病床（4病院8床）の運用状況を確認し、輪番表を見直す",
                it(&[3], Heading),
            ),
            L::Item("※輪番表の改訂は下半期を予定", it(&[3], Inherited)),
            L::NumHead("在宅医療に係る研修"),
            L::Item(
                "・在宅医療はじめて講座を全5回シリーズで開催（7月〜11月）",
                it(&[4], Heading).c("全5回", 5, "", 1, true, "講座").d(
                    "7月〜11月",
                    "2025-07",
                    "2025-11",
                    true,
                ),
            ),
            L::NumHead("在宅医療の普及啓発"),
            L::Item("・市民向けACP講演会（第3四半期）", it(&[5], Heading)),
            L::Item(
                "・広報紙・市ホームページで在宅医療の特集を掲載（通年）",
                it(&[5], Heading),
            ),
        ],
    );

    s.section(4, "令和7年度の進捗状況", 2025);
    section(
        &mut b,
        &mut s,
        "（４）令和7年度の進捗状況",
        vec![
            L::Item(
                "①在宅医療推進協議会は毎月第2木曜日に開催しており、9月末までに5回実施。",
                it(&[1], Marker)
                    .d1("9月", "2025-09", false)
                    .c("毎月", 1, "month", 1, false, "協議会")
                    .c("5回", 5, "", 1, false, "協議会"),
            ),
            L::Item(
                "②近隣3市3町の担当者会議で入退院支援ルールの改訂案を協議中（2回目は11月に予定）。",
                it(&[2], Marker).d1("11月", "2025-11", true),
            ),
            L::Item(
                "③後方支援病床の運用状況を確認、輪番表の改訂は下半期に実施予定。",
                it(&[3], Marker),
            ),
            L::Item(
                "④在宅医療はじめて講座（全5回）は7月に開講し、これまでに3回を終了。",
                it(&[4], Marker)
                    .d1("7月", "2025-07", false)
                    .c("全5回", 5, "", 1, false, "講座")
                    .c("3回", 3, "", 1, false, "講座"),
            ),
            L::Item(
                "⑤市民向けACP講演会は第3四半期の開催で講師と調整中。",
                it(&[5], Marker),
            ),
            L::ItemAt("→講師は市内の訪問診療医に依頼済み。", it(&[5], Inherited)),
        ],
    );

    (b.into_docx(docx), s)
}
