//! The CI gate of the audit: extraction over the seed fixtures (`fixtures/docx`,
//! `xlsx`, `other`, `next_year`) must reach F1 = 1.0 on every field against the
//! hand-written expected files. The family fixtures (`fixtures/family*`) have
//! their own floors (tests/family.rs).

#[test]
fn audit_of_the_seed_fixtures_passes_at_f1_1() {
    let opts = shiryo::audit::AuditOptions::default();
    for dir in ["docx", "xlsx", "other", "next_year"] {
        let path = std::path::Path::new("fixtures").join(dir);
        let report = shiryo::audit::audit_dir(&path, &shiryo::Config::default())
            .expect("fixtures can be audited");
        assert!(
            shiryo::audit::passes(&report, 1.0),
            "{}",
            shiryo::audit::render_text(&report, &opts)
        );
    }
}
