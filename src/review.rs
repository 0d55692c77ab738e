//! Which forms need a person's eye: each submission's `review` verdict.
//!
//! Owns: the rules that turn what the program can observe about its own reading
//! of one form — header fields it did not find, sections missing or empty,
//! table rows it split into several items without knowing the columns, items
//! left without a category, fragments and run-on items, text it read but put in
//! no item, the form's own contradictions — into reasons and a verdict
//! (`check` / `ok`). The rules and their measured recall are in docs/REVIEW.md.
//!
//! Must not know: file formats, how forms are recognised (the form stage hands
//! over its counts as [`Observed`]), threads, expected files (the audit
//! measures the verdict; the verdict never looks at an expected file).

use crate::output::{Review, ReviewReason, Submission};

/// What the form stage saw but could not place, counted while scanning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// Characters of lines read inside a section that became neither
    /// heading nor item (rows of a table of records without an activity cell).
    pub unplaced_chars: usize,
    /// Characters of lines between a form's header and its first section
    /// that are not header fields (instructions, dates, notes on filling in).
    pub preamble_chars: usize,
    /// Table rows (not a table of records, no category columns) whose cells
    /// became two or more separate items: columns the program gave no role.
    pub split_rows: usize,
}

/// An item of sections 1, 3 and 4 longer than this (characters) reads as
/// several activities run together.
pub const LONG_ITEM: usize = 240;
/// An item of sections 1, 3 and 4 this short (characters, without spaces) is a
/// fragment of a cell, not an activity.
pub const FRAGMENT: usize = 4;
/// Unplaced text at least this long (characters) is a `check` reason.
pub const UNPLACED_CHECK: usize = 40;

const CHECK: &str = "check";
const NOTE: &str = "note";

/// Warning codes that are themselves review reasons (not contradictions).
const STRUCTURAL_WARNINGS: &[&str] = &["missing_section", "empty_section"];

/// The verdict on `sub` from its content and the form stage's observations
/// (`Observed::default()` for a report read back from JSON).
pub fn review(sub: &Submission, seen: &Observed) -> Review {
    let mut reasons = Vec::new();
    let mut add = |code: &str, level: &str, section: Option<u8>, count: usize, message: String| {
        reasons.push(ReviewReason {
            code: code.into(),
            level: level.into(),
            section,
            count,
            message,
        });
    };

    let missing_header = [sub.target_areas.is_empty(), sub.hubs.is_empty()]
        .iter()
        .filter(|m| **m)
        .count();
    if missing_header > 0 {
        add(
            "missing_header",
            CHECK,
            None,
            missing_header,
            "対象地域 or 連携の拠点 not found".into(),
        );
    }
    for n in 1..=4u8 {
        match sub.sections.iter().find(|s| s.number == n) {
            None => add(
                "missing_section",
                CHECK,
                Some(n),
                1,
                format!("section {n} not found"),
            ),
            // A hub with nothing to report leaves a section empty: a note.
            Some(s) if s.items.is_empty() => add(
                "empty_section",
                NOTE,
                Some(n),
                1,
                format!("section {n} has no items"),
            ),
            Some(_) => {}
        }
    }
    if seen.split_rows > 0 {
        add(
            "split_rows",
            CHECK,
            None,
            seen.split_rows,
            format!(
                "{} table rows were split into one item per cell (columns without a role)",
                seen.split_rows
            ),
        );
    }
    if seen.unplaced_chars > 0 {
        let level = if seen.unplaced_chars >= UNPLACED_CHECK {
            CHECK
        } else {
            NOTE
        };
        add(
            "unplaced_text",
            level,
            None,
            seen.unplaced_chars,
            format!(
                "{} characters were read but placed in no item",
                seen.unplaced_chars
            ),
        );
    }
    if seen.preamble_chars > 0 {
        // Notes before the first section are ordinary furniture of a form; a
        // section the program did not see is `missing_section`, not this.
        add(
            "preamble_text",
            NOTE,
            None,
            seen.preamble_chars,
            format!(
                "{} characters before the first section were placed in no item",
                seen.preamble_chars
            ),
        );
    }
    for s in sub.sections.iter().filter(|s| s.number != 2) {
        let n = s.items.len();
        let uncategorized = s.items.iter().filter(|i| i.categories.is_empty()).count();
        if uncategorized > 0 {
            // One unlabelled item among many is ordinary; several, or a fifth
            // of the section, means the words were not understood.
            let level = if uncategorized >= 2 || uncategorized * 5 >= n.max(1) {
                CHECK
            } else {
                NOTE
            };
            add(
                "uncategorized",
                level,
                Some(s.number),
                uncategorized,
                format!("{uncategorized} of {n} items have no category"),
            );
        }
        let fragments = s
            .items
            .iter()
            .filter(|i| i.text.chars().filter(|c| !c.is_whitespace()).count() <= FRAGMENT)
            .count();
        if fragments > 0 {
            let level = if fragments >= 2 { CHECK } else { NOTE };
            add(
                "fragments",
                level,
                Some(s.number),
                fragments,
                format!("{fragments} items of at most {FRAGMENT} characters"),
            );
        }
        let long = s
            .items
            .iter()
            .filter(|i| i.text.chars().count() > LONG_ITEM)
            .count();
        if long > 0 {
            add(
                "long_items",
                CHECK,
                Some(s.number),
                long,
                format!("{long} items longer than {LONG_ITEM} characters"),
            );
        }
        if n > 0 && s.items.iter().all(|i| i.category_source == "classifier") {
            add(
                "words_only",
                NOTE,
                Some(s.number),
                n,
                "the form labels no item of this section: categories come from the words".into(),
            );
        }
    }
    let contradictions = sub
        .warnings
        .iter()
        .filter(|w| !STRUCTURAL_WARNINGS.contains(&w.code.as_str()))
        .count();
    if contradictions > 0 {
        add(
            "warnings",
            NOTE,
            None,
            contradictions,
            format!("the form contradicts itself {contradictions} times (see warnings)"),
        );
    }
    // Strongest first, then by section; stable for equal keys.
    reasons.sort_by_key(|r| (r.level != CHECK, r.section.unwrap_or(0)));
    let verdict = if reasons.iter().any(|r| r.level == CHECK) {
        CHECK
    } else {
        "ok"
    };
    Review {
        verdict: verdict.into(),
        reasons,
    }
}

/// The Japanese label of a reason code, as the overview page shows it (the
/// code itself for one this program does not know).
pub fn label_ja(code: &str) -> &str {
    match code {
        "missing_header" => "対象地域・連携の拠点が見つからない",
        "missing_section" => "見つからない項目（1〜4）",
        "split_rows" => "列の役割が分からない表（1セルずつ別の取組に）",
        "unplaced_text" => "どの取組にも入らなかった記載",
        "uncategorized" => "カテゴリが付かない取組",
        "fragments" => "断片のように短い取組",
        "long_items" => "複数の取組がつながった長い記載",
        "empty_section" => "記載のない項目",
        "preamble_text" => "最初の項目より前の記載",
        "words_only" => "カテゴリは文言からの推定のみ",
        "warnings" => "様式内の食い違い（警告）",
        other => other,
    }
}

/// Give every submission of a report read back from JSON its review when it
/// has none (files written before the review existed).
pub fn fill_missing(subs: &mut [Submission]) {
    for sub in subs.iter_mut().filter(|s| s.review.is_none()) {
        sub.review = Some(review(sub, &Observed::default()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{At, Item, Section};

    fn item(text: &str, cats: &[u8], source: &str) -> Item {
        Item {
            id: String::new(),
            index: 0,
            text: text.into(),
            categories: cats.to_vec(),
            category_source: source.into(),
            dates: Vec::new(),
            counts: Vec::new(),
            at: At::Word {
                table: None,
                row: None,
                col: None,
                paragraph: 0,
            },
            links: None,
        }
    }

    fn section(number: u8, items: Vec<Item>) -> Section {
        Section {
            number,
            kind: String::new(),
            heading: String::new(),
            fiscal_year: None,
            items,
        }
    }

    fn good() -> Submission {
        let it = |t: &str| item(t, &[1], "marker");
        Submission {
            id: String::new(),
            locator: "body".into(),
            material_id: None,
            target_areas: vec!["甲市".into()],
            hubs: vec!["甲市在宅医療連携拠点".into()],
            contractors: Vec::new(),
            sections: vec![
                section(1, vec![it("多職種連携会議を年4回開催した")]),
                section(2, vec![item("人材の確保", &[], "classifier")]),
                section(3, vec![it("多職種連携会議を年4回開催する")]),
                section(4, vec![it("第1回会議を6月に開催")]),
            ],
            warnings: Vec::new(),
            review: None,
        }
    }

    #[test]
    fn a_complete_labelled_form_is_ok() {
        let r = review(&good(), &Observed::default());
        assert_eq!(r.verdict, "ok");
        assert!(r.reasons.is_empty(), "{:?}", r.reasons);
    }

    #[test]
    fn each_check_reason_alone_sends_the_form_to_a_person() {
        let mut no_hub = good();
        no_hub.hubs.clear();
        let mut no_section = good();
        no_section.sections.remove(3);
        let mut run_on = good();
        run_on.sections[2].items[0].text = "会議".repeat(LONG_ITEM);
        let mut bits = good();
        bits.sections[2].items = vec![item("4回", &[1], "marker"), item("6月", &[1], "marker")];
        let mut unsure = good();
        unsure.sections[2].items = vec![
            item("あれ", &[], "classifier"),
            item("これをする予定", &[], "classifier"),
        ];
        for (name, sub, seen, code) in [
            ("hub", no_hub, Observed::default(), "missing_header"),
            (
                "section",
                no_section,
                Observed::default(),
                "missing_section",
            ),
            ("long", run_on, Observed::default(), "long_items"),
            ("fragments", bits, Observed::default(), "fragments"),
            (
                "uncategorized",
                unsure,
                Observed::default(),
                "uncategorized",
            ),
            (
                "split",
                good(),
                Observed {
                    split_rows: 1,
                    ..Observed::default()
                },
                "split_rows",
            ),
            (
                "unplaced",
                good(),
                Observed {
                    unplaced_chars: UNPLACED_CHECK,
                    ..Observed::default()
                },
                "unplaced_text",
            ),
        ] {
            let r = review(&sub, &seen);
            assert_eq!(r.verdict, "check", "{name}");
            assert_eq!(r.reasons[0].code, code, "{name}: {:?}", r.reasons);
            assert_eq!(r.reasons[0].level, "check", "{name}");
        }
    }

    #[test]
    fn notes_alone_leave_the_form_ok_and_come_after_checks() {
        let mut sub = good();
        sub.warnings.push(crate::output::Warning {
            code: "count_mismatch".into(),
            section: Some(1),
            item: Some(0),
            message: String::new(),
        });
        sub.sections[1].items.clear();
        let seen = Observed {
            unplaced_chars: 3,
            preamble_chars: 500,
            ..Observed::default()
        };
        let r = review(&sub, &seen);
        assert_eq!(r.verdict, "ok");
        let codes: Vec<&str> = r.reasons.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "unplaced_text",
                "preamble_text",
                "warnings",
                "empty_section"
            ]
        );
        sub.hubs.clear();
        let r = review(&sub, &seen);
        assert_eq!(r.reasons[0].code, "missing_header");
        assert_eq!(r.verdict, "check");
    }

    #[test]
    fn fill_missing_keeps_a_verdict_already_there() {
        let mut subs = vec![good(), good()];
        subs[0].review = Some(Review {
            verdict: "check".into(),
            reasons: Vec::new(),
        });
        subs[1].hubs.clear();
        fill_missing(&mut subs);
        assert_eq!(
            subs[0].review.as_ref().map(|r| r.verdict.as_str()),
            Some("check")
        );
        assert_eq!(
            subs[1].review.as_ref().map(|r| r.verdict.as_str()),
            Some("check")
        );
    }
}
