//! The measured classifier sets in `testdata/classify_*.toml`, as
//! tests/classifier.rs and examples/classifier_eval.rs both read them, and the
//! same-form step applied to them (leave-one-out).

use serde::Deserialize;
use shiryo::text::classify::{explain_reading, Kind};
use shiryo::text::issue_model::IssueModel;
use shiryo::text::lexicon::LEXICON;
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

/// A section-2 set split when it was written (its file's header says how):
/// its first `tune` cases are tuned on (`label`), the rest only measured
/// (`label-held`). From round 9 on each case also says so in its `part` key.
pub struct Split {
    pub label: &'static str,
    #[allow(dead_code)] // read by the tests, not by the eval
    pub file: &'static str,
    pub tune: usize,
}

/// Every split set, oldest first.
pub const SPLITS: &[Split] = &[
    // round 5: cases 1–90
    Split {
        label: "issues2",
        file: "classify_issues2.toml",
        tune: 90,
    },
    // round 7: 千草台市 … 楓原町 | 鷹見台市, 石蔵市, 汐見野市
    Split {
        label: "issues4",
        file: "classify_issues4.toml",
        tune: 37,
    },
    // round 8 (fragments, next steps, abbreviations): 梢ヶ丘市 … 蛍川市 |
    // 白鷺野市, 波路島町, 朴ノ木村
    Split {
        label: "issues5",
        file: "classify_issues5.toml",
        tune: 39,
    },
    // round 9 (table cells): 月見野市 … 石蕗町 | 茅ヶ原市, 東雲台区, 楓谷村
    Split {
        label: "issues6",
        file: "classify_issues6.toml",
        tune: 45,
    },
    // round 10 (formal reports): 浅葱原市 … 蔦ヶ原町 | 千鳥浜市, 翡翠台区,
    // 雪割村
    Split {
        label: "issues7",
        file: "classify_issues7.toml",
        tune: 45,
    },
    // round 11 (hub staff in the field): 鶺鴒台市 … 水引町 | 松毬市, 茜沢町,
    // 楡ヶ丘区, 琥珀野市
    Split {
        label: "issues8",
        file: "classify_issues8.toml",
        tune: 55,
    },
    // round 12 (the year reviewed, (ア)–(ク) frames): 暁坂市 … 鏡沼市 |
    // 燕ヶ丘市, 雷田町, 帆掛区, 鵜ノ島村
    Split {
        label: "issues9",
        file: "classify_issues9.toml",
        tune: 55,
    },
    // round 13 (② or ⑤ as a second area): 萩ノ森市 … 樫ノ浦市 | 桔梗原市,
    // 菜摘町, 櫂ヶ崎区, 茅刈村
    Split {
        label: "issues10",
        file: "classify_issues10.toml",
        tune: 54,
    },
    // round 14 (③ and ⑤ as scenes): 楠ヶ浜市 … 山葵沢町 | 椿ヶ原市, 桑ノ実村,
    // 磯菜町, 楢ノ台市
    Split {
        label: "issues11",
        file: "classify_issues11.toml",
        tune: 45,
    },
    // round 16 (a natural mix, first run on the issue model): 朝霧市 …
    // 若松原市 | 葵野村, 薄雪市, 杏ヶ丘町, 柳瀬区, 桐島市
    Split {
        label: "issues12",
        file: "classify_issues12.toml",
        tune: 50,
    },
];

/// The split set called `label`.
pub fn split(label: &str) -> Option<&'static Split> {
    SPLITS.iter().find(|s| s.label == label)
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

/// The labelled issues the issue model is trained on: the tune part of every
/// split set, the two early issue sets that were tuned on whole (the seed's
/// section 2, round 6), and the section-2 items of the seed fixtures'
/// hand-written expected files (the seed municipalities' forms, this year's
/// and next year's, which the lexicon was always tuned on). A text met twice
/// counts once. Held-out parts, the holdouts, the family fixtures and the
/// blind set never train it: they measure it.
pub fn issue_training_cases() -> Vec<Case> {
    let mut out = Vec::new();
    for split in SPLITS {
        out.extend(cases(split.file).into_iter().take(split.tune));
    }
    out.extend(cases("classify_issues.toml"));
    out.extend(cases("classify_issues3.toml"));
    out.extend(seed_fixture_issues());
    let mut seen = std::collections::HashSet::new();
    out.retain(|c| seen.insert(normalize(&c.text)));
    out
}

/// The seed fixture directories (tests/fixtures_audit.rs holds them at 1.0).
const SEED_FIXTURES: [&str; 4] = ["docx", "xlsx", "other", "next_year"];

/// The section-2 items of every `*.expected.json` under the seed fixture
/// directories, in path order, with their expected categories.
fn seed_fixture_issues() -> Vec<Case> {
    let root = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures"));
    let mut paths = Vec::new();
    let mut dirs: Vec<_> = SEED_FIXTURES.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(".expected.json") {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let doc: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let submissions = doc["submissions"].as_array().into_iter().flatten();
        let sections = submissions.flat_map(|s| s["sections"].as_array().into_iter().flatten());
        for section in sections.filter(|s| s["number"] == 2) {
            for item in section["items"].as_array().into_iter().flatten() {
                let categories = item["categories"].as_array().into_iter().flatten();
                out.push(Case {
                    text: item["text"].as_str().unwrap_or_default().to_string(),
                    categories: categories
                        .filter_map(|c| c.as_u64().and_then(|c| u8::try_from(c).ok()))
                        .collect(),
                    form: None,
                    section: Some(2),
                    noise: None,
                    source: None,
                });
            }
        }
    }
    out
}

/// The issue model that training on [`issue_training_cases`] gives with
/// today's lexicon.
#[allow(dead_code)] // used by the trainer and the tests, not by the eval
pub fn train_issue_model() -> IssueModel {
    let examples: Vec<_> = issue_training_cases()
        .iter()
        .map(|c| {
            let e = explain_reading(&LEXICON, None, &c.text, Kind::Issue);
            (e.issue_features(), c.categories.clone())
        })
        .collect();
    IssueModel::train(&examples)
}
