//! The CI gate of the audit: extraction over `fixtures/` must reach F1 = 1.0 on
//! every field against the hand-written expected files.

#[test]
fn audit_of_the_fixtures_passes_at_f1_1() {
    let report =
        shiryo::audit::audit_dir(std::path::Path::new("fixtures"), &shiryo::Config::default())
            .expect("fixtures can be audited");
    let opts = shiryo::audit::AuditOptions::default();
    assert!(
        shiryo::audit::passes(&report, 1.0),
        "{}",
        shiryo::audit::render_text(&report, &opts)
    );
}
