//! Property tests (a short fuzz run in CI): the text stages never panic on any
//! string, normalisation is idempotent and keeps what SPEC §3 keeps.

use proptest::prelude::*;
use shiryo::text::{self, TextContext};

fn form_text() -> impl Strategy<Value = String> {
    // Characters that matter to the extractors, mixed with arbitrary ones.
    let pieces = prop::sample::select(vec![
        "①",
        "②",
        "③",
        "④",
        "⑤",
        "（",
        "）",
        "(",
        ")",
        "・",
        "、",
        "。",
        "～",
        "〜",
        "~",
        "/",
        ".",
        "月",
        "日",
        "年",
        "年度",
        "令和",
        "R",
        "平成",
        "回",
        "開催",
        "予定",
        "毎月",
        "隔月",
        "年間",
        "第",
        "頃",
        "１",
        "２",
        "9",
        "12",
        "31",
        "0",
        " ",
        "　",
        "会議",
        "研修会",
        "時",
        "まで",
        "中",
        "\u{ff5e}",
        "\u{0000}",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(String::from),
            any::<char>().prop_map(|c| c.to_string())
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn normalisation_is_idempotent(s in form_text()) {
        let once = text::normalize(&s);
        prop_assert_eq!(text::normalize(&once), once.clone());
        prop_assert!(!once.contains("  "));
        // The kept punctuation survives, and appears only where the input had
        // it or a compatibility form of it (`︑`, the vertical comma, is `、`).
        for c in ['①', '②', '③', '④', '⑤', '、', '。', '・', '～'] {
            prop_assert!(!s.contains(c) || once.contains(c));
            let variant = s.chars().any(|x| {
                x != c && unicode_normalization::UnicodeNormalization::nfkc(x.to_string().as_str()).any(|y| y == c)
            });
            prop_assert!(!once.contains(c) || s.contains(c) || variant);
        }
    }

    #[test]
    fn offsets_stay_on_char_boundaries(s in form_text()) {
        let n = text::normalize_with_map(&s);
        let r = n.original_range(0..n.text.len());
        prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
    }

    #[test]
    fn extractors_never_panic(s in form_text(), fy in 2019i32..2030, plan in any::<bool>()) {
        let n = text::normalize(&s);
        let ctx = TextContext { fiscal_year: Some(fy), plan_section: plan };
        let dates = text::dates::find_dates(&n, &ctx);
        let counts = text::counts::find_counts(&n, &ctx);
        let _ = text::checks::count_mismatch(&n, &dates, &counts);
        let _ = text::classify::classify(&n);
        for d in dates {
            prop_assert!(n.is_char_boundary(d.span.start) && n.is_char_boundary(d.span.end));
        }
    }
}
