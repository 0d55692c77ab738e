//! The measured classifier sets in `testdata/classify_*.toml`, as
//! tests/classifier.rs and examples/classifier_eval.rs both read them, and the
//! same-form step applied to them (leave-one-out).

use serde::Deserialize;
use shiryo::text::normalize;
use shiryo::text::similar::{repeated_in_form, FormItem, Wording};

#[derive(Deserialize)]
struct File {
    case: Vec<Case>,
}

/// One measured item and its expected categories.
#[derive(Deserialize)]
pub struct Case {
    pub text: String,
    pub categories: Vec<u8>,
    /// The form (municipality) it belongs to, where the set records it.
    #[serde(default)]
    pub form: Option<String>,
    /// Its section (1–4), where the set records it.
    #[serde(default)]
    pub section: Option<u8>,
    /// Why the form's marker contradicts the item's words (tune set only).
    #[serde(default)]
    pub noise: Option<String>,
    /// How the form labels the item: `marker` or `heading` (tune set only).
    #[serde(default)]
    #[allow(dead_code)] // read by the eval, not by the tests
    pub source: Option<String>,
}

/// The cases of `testdata/NAME`.
pub fn cases(name: &str) -> Vec<Case> {
    let path = format!("{}/testdata/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str::<File>(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .case
}

/// For each case, the other case of its form it repeats — as the extractor
/// decides for an unlabelled item, with every other case of the form keeping
/// its labels (`similar::repeated_in_form`); cases without a form repeat
/// nothing.
pub fn repeats_by_form(all: &[Case], min: f64) -> Vec<Option<usize>> {
    let mut out = vec![None; all.len()];
    let mut forms: Vec<&str> = all.iter().filter_map(|c| c.form.as_deref()).collect();
    forms.sort_unstable();
    forms.dedup();
    for form in forms {
        let members: Vec<usize> = (0..all.len())
            .filter(|&i| all[i].form.as_deref() == Some(form))
            .collect();
        let items: Vec<FormItem> = members
            .iter()
            .map(|&i| FormItem {
                wording: Wording::new(&normalize(&all[i].text)),
                section: all[i].section.unwrap_or(1),
                categories: Some(all[i].categories.as_slice()),
            })
            .collect();
        for (m, r) in members.iter().zip(repeated_in_form(&items, min, |_| true)) {
            out[*m] = r.map(|k| members[k]);
        }
    }
    out
}
