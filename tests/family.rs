//! The family fixtures (SPEC §5: `fixtures/family/`, `fixtures/family_rs/`),
//! measured by the audit field by field against the floors in
//! `testdata/family_floors.toml`. The seed fixtures must match exactly
//! (tests/golden.rs); these forms of invented municipalities are the
//! project's targets for the wider family, and a floor only ever rises: a
//! change that lowers any field's F1 below its floor fails here.

use shiryo::audit::{self, Field};
use std::collections::BTreeMap;
use std::path::Path;

fn floors() -> BTreeMap<String, BTreeMap<String, f64>> {
    let text = std::fs::read_to_string("testdata/family_floors.toml")
        .expect("family_floors.toml readable");
    toml::from_str(&text).expect("family_floors.toml parses")
}

#[test]
fn family_fixtures_stay_above_their_floors() {
    let floors = floors();
    assert!(!floors.is_empty(), "no floors written");
    let mut failures = Vec::new();
    for (dir, fields) in &floors {
        let report = audit::audit_dir(Path::new(dir), &shiryo::Config::default())
            .unwrap_or_else(|e| panic!("{dir}: {e}"));
        assert!(!report.files.is_empty(), "{dir}: no fixtures audited");
        let scores = report.scores();
        for (name, floor) in fields {
            let field = Field::ALL
                .into_iter()
                .find(|f| f.as_str() == name)
                .unwrap_or_else(|| panic!("{dir}: unknown field {name}"));
            let f1 = scores.get(field).f1();
            if f1 + 1e-9 < *floor {
                failures.push(format!("{dir} {name}: F1 {f1:.4} < floor {floor:.4}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
