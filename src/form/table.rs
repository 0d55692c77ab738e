//! Column roles: what each column of a table (or sheet region) holds, decided
//! once from its header row, so every row below is read the same way
//! (DECISIONS 19–22).
//!
//! Owns: the role labels (取組内容, 区分, 実施時期, 回数, 対象, 備考 …), header-row
//! recognition, check marks, and which cell texts are bare values (marks,
//! numbers, dates) that are never items.
//!
//! Must not know: sections, forms, file formats. Every function takes
//! normalised text (SPEC §3).

use super::lines::{category_of_name, leading_markers, marker_value};
use crate::text::normalize::without_spaces;

/// What a column of a table of records holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The activity: the row's item text.
    Activity,
    /// Markers or category names (区分).
    Category,
    /// One category's column of check marks (or, without an activity column,
    /// the category whose items stand in it).
    Mark(u8),
    /// When (実施時期, 日程 …).
    When,
    /// How often (回数 …).
    HowOften,
    /// Who (対象, 参加者 …).
    Who,
    /// Remarks (備考 …).
    Remarks,
}

const ACTIVITY: &[&str] = &[
    "取組内容",
    "取組",
    "取組み",
    "取り組み",
    "取り組み内容",
    "取組み内容",
    "内容",
    "事業名",
    "事業内容",
    "実施内容",
    "活動内容",
    "項目",
    "取組項目",
    "具体的な取組",
    "具体的な取組内容",
    "主な取組",
    "取組の内容",
    "実施事業",
    "取組名",
    "事業",
    "活動",
    "実施事項",
    "取組事項",
    "内容・実績",
    "取組内容・実績",
];
const CATEGORY: &[&str] = &["区分", "分類", "種別", "カテゴリ", "項目区分", "該当区分"];
const WHEN: &[&str] = &[
    "実施時期",
    "実施日",
    "日程",
    "時期",
    "開催日",
    "開催時期",
    "実施月",
    "日時",
    "期間",
    "開催日時",
    "実施予定",
    "予定時期",
    "実施期間",
    "開催予定",
    "実施日時",
];
const HOW_OFTEN: &[&str] = &[
    "回数",
    "開催回数",
    "実施回数",
    "頻度",
    "開催頻度",
    "開催数",
    "実施数",
    "開催回数・頻度",
];
const WHO: &[&str] = &[
    "対象",
    "対象者",
    "参加者",
    "参加人数",
    "参加者数",
    "対象者数",
    "参加職種",
];
const REMARKS: &[&str] = &["備考", "特記事項", "成果", "結果"];

/// Labels of columns of prose, each paragraph of which is an item of its own:
/// the issues and the responses of a section-2 table (`課題 | 対応・今後の方向性`,
/// DECISIONS 63). A row of them is a header row, never items.
const PROSE: &[&str] = &[
    "課題",
    "主な課題",
    "課題内容",
    "課題等",
    "現状",
    "現状と課題",
    "現状・課題",
    "問題点",
    "課題・問題点",
    "原因",
    "要因",
    "背景",
    "対応",
    "対応策",
    "対応方針",
    "対応・今後の方向性",
    "今後の方向性",
    "今後の対応",
    "今後の取組",
    "今後の取組み",
    "今後の取り組み",
    "今後の予定",
    "改善策",
    "解決策",
    "方向性",
    "取組方針",
    "分野",
    "テーマ",
];

/// Marks that tick a category column (DECISIONS 21).
const CHECK_MARKS: &[&str] = &[
    "○", "◯", "●", "◎", "✓", "✔", "☑", "■", "レ", "v", "V", "1", "有", "あり", "〇", "✅",
];

/// The label without spaces, bracketed qualifiers (`回数(予定)`), brackets
/// and a trailing 等.
fn compact(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            ' ' | '【' | '】' | '[' | ']' | '〔' | '〕' => {}
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim_end_matches(['等', ':', '：']).to_string()
}

/// The role a header cell's text names, if it is a role label.
pub fn label_role(text: &str) -> Option<Role> {
    let c = compact(text);
    if c.is_empty() || c.chars().count() > 24 {
        return None;
    }
    let is = |list: &[&str]| list.contains(&c.as_str());
    if is(ACTIVITY) {
        return Some(Role::Activity);
    }
    if is(CATEGORY) {
        return Some(Role::Category);
    }
    if is(WHEN) {
        return Some(Role::When);
    }
    if is(HOW_OFTEN) {
        return Some(Role::HowOften);
    }
    if is(WHO) {
        return Some(Role::Who);
    }
    if is(REMARKS) {
        return Some(Role::Remarks);
    }
    mark_header(&c).map(Role::Mark)
}

/// A category column header: a lone marker, a category name, or both agreeing.
fn mark_header(c: &str) -> Option<u8> {
    let (cats, rest) = leading_markers(c);
    let named = category_of_name(rest.trim_end_matches(['。', ':']));
    match (cats.as_slice(), named) {
        ([m], None) if rest.is_empty() => Some(*m),
        ([m], Some(n)) if *m == n => Some(n),
        ([], Some(n)) if rest.chars().count() >= 4 => Some(n),
        _ => None,
    }
}

/// The roles of a header row, by column span `(first, last, role)`, or `None`
/// when the row is not a header row: at least two role labels, and every other
/// non-empty cell short and without a sentence in it (`No.`, `番号`).
pub fn header_roles(cells: &[(usize, usize, &str)]) -> Option<Vec<(usize, usize, Role)>> {
    let mut roles = Vec::new();
    for &(first, last, text) in cells {
        match label_role(text) {
            Some(role) => roles.push((first, last, role)),
            None => {
                let short = text.chars().count() <= 6 && !text.contains(['、', '。']);
                if !short {
                    return None;
                }
            }
        }
    }
    (roles.len() >= 2).then_some(roles)
}

/// The roles of a table whose header takes two rows (DECISIONS 66): `roles`
/// from the first, refined by `cells` of the row right under it when every
/// one of them (two at least) is a role label standing under a label of the
/// first row that spans more columns than it does (`区分` merged over
/// `① ② ③ ④ ⑤`), or under no label at all. Each sub-label takes its
/// columns; a first-row label with sub-labels under it gives way to them.
/// `None` when the row is no second header row.
pub fn sub_header_roles(
    roles: &[(usize, usize, Role)],
    cells: &[(usize, usize, &str)],
) -> Option<Vec<(usize, usize, Role)>> {
    if cells.len() < 2 {
        return None;
    }
    let mut subs = Vec::with_capacity(cells.len());
    let mut replaced = Vec::new();
    for &(first, last, text) in cells {
        let role = label_role(text)?;
        if let Some(p) = roles.iter().position(|&(a, b, _)| first <= b && last >= a) {
            let (a, b, _) = roles[p];
            let within = a <= first && last <= b && b - a > last - first;
            if !within {
                return None;
            }
            replaced.push(p);
        }
        subs.push((first, last, role));
    }
    let mut out: Vec<(usize, usize, Role)> = roles
        .iter()
        .enumerate()
        .filter(|(i, _)| !replaced.contains(i))
        .map(|(_, r)| *r)
        .chain(subs)
        .collect();
    out.sort_by_key(|r| (r.0, r.1));
    Some(out)
}

/// True when every non-empty cell of a row is a column label — at least one
/// a label of prose (課題, 対応, 今後の方向性 …, see `PROSE`), the others
/// role labels — so the row heads columns whose paragraphs are items, and is
/// no item itself (DECISIONS 63).
pub fn is_prose_header(cells: &[(usize, usize, &str)]) -> bool {
    let prose = |t: &str| {
        let c = compact(t);
        PROSE.contains(&c.as_str())
            || c.split(['・', '/', '／', '及', 'と'])
                .all(|p| !p.is_empty() && PROSE.contains(&p))
    };
    // `分野` and `テーマ` label a topic column, in a table of records as well
    // as of issues: one of the prose labels proper must be there too.
    let topic = |t: &str| matches!(compact(t).as_str(), "分野" | "テーマ");
    cells.iter().any(|&(_, _, t)| prose(t) && !topic(t))
        && cells
            .iter()
            .all(|&(_, _, t)| prose(t) || label_role(t).is_some())
}

/// True when a cell's text labels the topic of its table row rather than
/// stating anything (`医療と介護の連携について`, `急変時の対応に関すること`,
/// `人材育成関係`, `普及啓発：`): short, one line, no sentence, ending in
/// について / に関すること / に関して / 関係 / 分野 or a colon — or a label of
/// prose written at the row's head (`課題`, `今後の対応`) (DECISIONS 63).
pub fn is_topic_label(text: &str) -> bool {
    let t = text.trim();
    // A column label written as a row label (`課題 | …`, `対応 | …`).
    if PROSE.contains(&compact(t).as_str()) {
        return true;
    }
    let n = t.chars().count();
    (2..=24).contains(&n)
        && !t.contains(['。', '、', '\n'])
        && [
            "について",
            "に関すること",
            "に関して",
            "関係",
            "分野",
            ":",
            "：",
        ]
        .iter()
        .any(|e| t.ends_with(e) && t.chars().count() > e.chars().count() + 1)
}

/// True when the roles make a table of records (a row is one item): an
/// activity column, or roles other than category columns.
pub fn is_records(roles: &[(usize, usize, Role)]) -> bool {
    roles.iter().any(|(_, _, r)| !matches!(r, Role::Mark(_)))
}

/// True when a category-mark cell ticks its category.
pub fn is_check_mark(text: &str) -> bool {
    let t = text.trim();
    CHECK_MARKS.contains(&t)
}

/// The categories a 区分 cell names: its markers, else the category names in it
/// (split on 、 ・ / and spaces).
pub fn categories_in(text: &str) -> Vec<u8> {
    let mut cats: Vec<u8> = text.chars().filter_map(marker_value).collect();
    if cats.is_empty() {
        let compact = without_spaces(text);
        if let Some(n) = category_of_name(&compact) {
            cats.push(n);
        } else {
            cats.extend(
                text.split(['、', '/', ' ', ',', '\n'])
                    .filter_map(|p| category_of_name(p.trim())),
            );
        }
    }
    cats.sort_unstable();
    cats.dedup();
    cats
}

/// True when a cell's whole text is a bare value — marks, a number, or a date
/// or list of dates with nothing else — which is never an item (DECISIONS 20).
pub fn is_bare_value(text: &str) -> bool {
    let t = without_spaces(text);
    if t.is_empty() {
        return true;
    }
    if CHECK_MARKS.contains(&t.as_ref())
        || t.chars().all(|c| {
            matches!(
                c,
                '○' | '◯'
                    | '●'
                    | '◎'
                    | '✓'
                    | '✔'
                    | '☑'
                    | '×'
                    | '✕'
                    | '-'
                    | 'ー'
                    | '―'
                    | '〇'
                    | '△'
            )
        })
    {
        return true;
    }
    if !t.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // Digits with date and count punctuation only: 3, 3回, 10/15, 2025/6/12,
    // 6月12日(木), R7.1.7, 5・6・9月.
    let rest = t
        .trim_start_matches("令和")
        .trim_start_matches("平成")
        .trim_start_matches(['R', 'H']);
    rest.chars().all(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '/' | '.'
                    | '-'
                    | ','
                    | '、'
                    | '・'
                    | '~'
                    | '～'
                    | '〜'
                    | '年'
                    | '月'
                    | '日'
                    | '回'
                    | '件'
                    | '名'
                    | '人'
                    | '%'
                    | '('
                    | ')'
                    | '頃'
                    | '予'
                    | '定'
                    | '火'
                    | '水'
                    | '木'
                    | '金'
                    | '土'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_headers_and_topic_labels() {
        let row = |cells: &[&'static str]| -> Vec<(usize, usize, &'static str)> {
            cells.iter().enumerate().map(|(i, t)| (i, i, *t)).collect()
        };
        assert!(is_prose_header(&row(&["課題", "対応・今後の方向性"])));
        assert!(is_prose_header(&row(&["現状と課題", "今後の対応", "備考"])));
        assert!(is_prose_header(&row(&["分野", "課題"])));
        // A topic column beside role labels heads records, not prose.
        assert!(!is_prose_header(&row(&["分野", "内容・実績", "実施時期"])));
        // Role labels alone make a table of records, not of prose.
        assert!(!is_prose_header(&row(&["取組内容", "実施時期"])));
        // A sentence is never a label.
        assert!(!is_prose_header(&row(&[
            "課題",
            "訪問看護師が不足している。"
        ])));
        assert!(is_topic_label("医療と介護の連携について"));
        assert!(is_topic_label("急変時の対応に関すること"));
        assert!(is_topic_label("普及啓発："));
        assert!(!is_topic_label("について"));
        assert!(!is_topic_label(
            "連携について、病院との情報共有が進まない。"
        ));
        assert!(!is_topic_label("訪問看護師が不足している"));
        assert!(is_topic_label("課題"));
        assert!(is_topic_label("今後の対応"));
    }

    #[test]
    fn role_labels() {
        assert_eq!(label_role("取組内容"), Some(Role::Activity));
        assert_eq!(label_role("実施 時期"), Some(Role::When));
        assert_eq!(label_role("回数(予定)"), Some(Role::HowOften));
        assert_eq!(label_role("区分"), Some(Role::Category));
        assert_eq!(label_role("①"), Some(Role::Mark(1)));
        assert_eq!(label_role("④在宅医療に係る研修"), Some(Role::Mark(4)));
        assert_eq!(label_role("普及啓発"), Some(Role::Mark(5)));
        assert_eq!(label_role("多職種連携研修会の開催"), None);
        assert_eq!(label_role("①会議の開催(年間5回開催)"), Some(Role::Mark(1)));
    }

    #[test]
    fn header_rows_need_two_roles_and_no_prose() {
        let row = [(0, 0, "No."), (1, 3, "取組内容"), (4, 4, "実施時期")];
        let roles = header_roles(&row).expect("a header row");
        assert!(is_records(&roles));
        assert!(roles.contains(&(1, 3, Role::Activity)));
        let prose = [(0, 0, "取組内容"), (1, 1, "市民向けに講演会を開催した。")];
        assert_eq!(header_roles(&prose), None);
        let marks = [(0, 0, "①"), (1, 1, "②"), (2, 2, "③")];
        assert!(!is_records(
            &header_roles(&marks).expect("category columns")
        ));
    }

    #[test]
    fn a_second_header_row_refines_the_label_it_stands_under() {
        let first = header_roles(&[(0, 2, "取組内容"), (3, 7, "区分"), (8, 8, "実施予定")])
            .expect("a header row");
        let marks = [
            (3, 3, "①"),
            (4, 4, "②"),
            (5, 5, "③"),
            (6, 6, "④"),
            (7, 7, "⑤"),
        ];
        let roles = sub_header_roles(&first, &marks).expect("a second header row");
        assert!(roles.contains(&(0, 2, Role::Activity)));
        assert!(roles.contains(&(8, 8, Role::When)));
        assert!(roles.contains(&(4, 4, Role::Mark(2))));
        assert!(!roles.iter().any(|r| r.2 == Role::Category), "{roles:?}");
        // A group label that is no role (`該当する取組`) leaves its columns
        // unlabelled: the marks under it take them.
        let first = header_roles(&[(0, 0, "取組内容"), (1, 5, "該当する取組"), (6, 6, "時期")])
            .expect("a header row");
        let roles = sub_header_roles(&first, &[(1, 1, "会議の開催"), (2, 2, "普及啓発")])
            .expect("a second header row");
        assert!(roles.contains(&(1, 1, Role::Mark(1))) && roles.contains(&(2, 2, Role::Mark(5))));
        // A record row is none: its activity is no label, and a label under a
        // label as narrow as itself refines nothing.
        let first = header_roles(&[(0, 0, "取組内容"), (1, 1, "区分")]).expect("a header row");
        assert_eq!(
            sub_header_roles(&first, &[(0, 0, "会議の開催"), (1, 1, "①")]),
            None
        );
        assert_eq!(
            sub_header_roles(&first, &[(0, 0, "推進会議"), (1, 1, "①")]),
            None
        );
        assert_eq!(sub_header_roles(&first, &[(1, 1, "①")]), None);
    }

    #[test]
    fn marks_and_bare_values() {
        for m in ["○", "✓", "1", "レ", "◎"] {
            assert!(is_check_mark(m), "{m}");
        }
        assert!(!is_check_mark("×"));
        for v in [
            "3",
            "3回",
            "10/15",
            "2025/6/12",
            "6月12日(木)",
            "R7.1.7",
            "○",
            "×",
            "5・6・9月",
        ] {
            assert!(is_bare_value(v), "{v}");
        }
        for v in ["研修会を3回実施", "通年", "10月 研修会", "医師会"] {
            assert!(!is_bare_value(v), "{v}");
        }
    }

    #[test]
    fn category_cells() {
        assert_eq!(categories_in("①②"), vec![1, 2]);
        assert_eq!(categories_in("在宅医療に係る研修"), vec![4]);
        assert_eq!(categories_in("会議の開催、普及啓発"), vec![1, 5]);
    }
}
