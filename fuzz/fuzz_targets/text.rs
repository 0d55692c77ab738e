//! Any string through normalisation, dates, counts, checks and the classifier.
#![no_main]
use libfuzzer_sys::fuzz_target;
use shiryo::text::{self, TextContext};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let n = text::normalize(s);
    for (fy, plan) in [(Some(2024), false), (Some(2025), true), (None, false)] {
        let ctx = TextContext {
            fiscal_year: fy,
            plan_section: plan,
        };
        let dates = text::dates::find_dates(&n, &ctx);
        let counts = text::counts::find_counts(&n, &ctx);
        let _ = text::checks::count_mismatch(&n, &dates, &counts);
        for d in &dates {
            assert!(
                n.get(d.span.clone()).is_some(),
                "date span off char boundary"
            );
        }
    }
    let _ = text::classify::classify(&n);
});
