//! The `review` verdict on real fixtures: every seed and family fixture is read
//! well (F1 ≥ 0.9 per form), so none may be flagged `check`; and a form whose
//! reading is damaged the way a failed reading looks (no hub found, a section
//! lost, a table split into fragments) is flagged when the verdict is
//! recomputed from the JSON alone.

use shiryo::audit::{audit_dir, BAD_F1};
use shiryo::output::FileReport;
use shiryo::Config;
use std::path::Path;

const DIRS: &[&str] = &[
    "fixtures/docx",
    "fixtures/xlsx",
    "fixtures/other",
    "fixtures/next_year",
    "fixtures/family",
    "fixtures/family_rs",
];

#[test]
fn no_well_read_fixture_form_is_flagged() {
    let cfg = Config::default();
    let mut forms = 0;
    for dir in DIRS {
        let report = audit_dir(Path::new(dir), &cfg).expect("audit");
        for f in &report.files {
            for r in &f.reviews {
                forms += 1;
                assert!(
                    r.f1 >= BAD_F1,
                    "{}: {} read at F1 {}",
                    f.file,
                    r.locator,
                    r.f1
                );
                assert_eq!(r.verdict, "ok", "{} {}: {:?}", f.file, r.locator, r.reasons);
            }
        }
    }
    assert!(forms >= 40, "only {forms} forms audited");
}

#[test]
fn damaged_readings_are_flagged_from_the_json_alone() {
    let cfg = Config::default();
    let path = Path::new("fixtures/docx/2-1_hirakata.docx");
    let good = shiryo::extract::extract_file(path, "2-1_hirakata.docx", &cfg);
    let verdict = |r: &FileReport| {
        let mut subs = r.submissions.clone();
        for s in &mut subs {
            s.review = None;
        }
        shiryo::review::fill_missing(&mut subs);
        subs[0]
            .review
            .clone()
            .map(|r| r.verdict)
            .unwrap_or_default()
    };
    assert_eq!(verdict(&good), "ok");

    let mut no_hub = good.clone();
    no_hub.submissions[0].hubs.clear();
    assert_eq!(verdict(&no_hub), "check");

    let mut lost = good.clone();
    lost.submissions[0].sections.retain(|s| s.number != 3);
    assert_eq!(verdict(&lost), "check");

    // One cell per item: every item cut into two-character pieces.
    let mut cut = good.clone();
    for s in &mut cut.submissions[0].sections {
        let pieces: Vec<_> = s
            .items
            .iter()
            .flat_map(|i| {
                let chars: Vec<char> = i.text.chars().collect();
                chars
                    .chunks(2)
                    .map(|c| {
                        let mut p = i.clone();
                        p.text = c.iter().collect();
                        p
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        s.items = pieces;
    }
    assert_eq!(verdict(&cut), "check");
}
