//! The Japanese text layer end to end: the embedded dictionary, the domain
//! terms, the lexicon and the measured figures of the classifier.
//!
//! `cargo test --test classifier -- --nocapture` prints the figures that
//! docs/TEXT_LAYER.md records; the floors asserted here only guard against
//! regressions (the lexicon is tuned on classify_seed.toml and
//! classify_issues.toml alone), and section 2 must match its human labels
//! exactly.

use shiryo::text::classify::{classify, classify_issue, explain, explain_issue, Figures, Scope};
use shiryo::text::issue_model::{IssueModel, ISSUE_MODEL_TSV};
use shiryo::text::lexicon::{Lexicon, LEXICON_TSV, VOCABULARY_TSV};
use shiryo::text::normalize;
use shiryo::text::similar::MIN_SIMILARITY;
use shiryo::text::tokenize::{tokenize, warm_up};
use shiryo::text::vocabulary;

mod classify_sets;
use classify_sets::{cases, repeats_by_form, split, Case};

fn measure(name: &str) -> Figures {
    measure_where(name, name, |_| true)
}

/// As the extractor classifies a case's words: an issue in section 2 (and in
/// the classify_issues*.toml sets, all section 2), an activity elsewhere.
fn classify_case(name: &str, case: &Case) -> Vec<u8> {
    let text = normalize(&case.text);
    if case.section == Some(2) || name.starts_with("classify_issues") {
        classify_issue(&text)
    } else {
        classify(&text)
    }
}

fn measure_where(label: &str, name: &str, keep: impl Fn(&Case) -> bool) -> Figures {
    let mut figures = Figures::default();
    for case in cases(name).iter().filter(|c| keep(c)) {
        figures.add(&classify_case(name, case), &case.categories);
    }
    println!("{label:<24} {figures}");
    figures
}

#[test]
fn every_domain_term_is_one_token() {
    let path = format!(
        "{}/dictionaries/domain_terms.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let csv = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    for line in csv.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split(',').collect();
        let (surface, base) = (cols[0], if cols[2].is_empty() { cols[0] } else { cols[2] });
        for text in [surface.to_string(), format!("市の{surface}について")] {
            let tokens = tokenize(&text);
            let hit = tokens.iter().find(|t| t.surface == surface);
            let hit = hit.unwrap_or_else(|| panic!("{surface} split in {text}: {tokens:?}"));
            assert_eq!(hit.base, base, "{surface}");
            assert_eq!(hit.pos, "名詞", "{surface}");
        }
        checked += 1;
    }
    assert!(checked > 100, "only {checked} domain terms");
    // The vocabulary's dictionary entries, the same way.
    let mut from_vocabulary = 0;
    for row in vocabulary::rows(VOCABULARY_TSV).unwrap() {
        let Some((pos, base)) = row.token else {
            continue;
        };
        for text in [row.term.to_string(), format!("市の{}について", row.term)] {
            let tokens = tokenize(&text);
            let hit = tokens.iter().find(|t| t.surface == row.term);
            let hit = hit.unwrap_or_else(|| panic!("{} split in {text}: {tokens:?}", row.term));
            assert_eq!(hit.base, base, "{}", row.term);
            assert_eq!(hit.pos, "名詞", "{}", row.term);
            assert!(pos.ends_with(&hit.pos_detail), "{}: {pos}", row.term);
        }
        from_vocabulary += 1;
    }
    assert!(
        from_vocabulary > 100,
        "only {from_vocabulary} vocabulary tokens"
    );
}

#[test]
fn every_lemma_entry_of_the_lexicon_can_fire() {
    // A lemma entry fires only on a token whose base form is the lemma: a
    // term the tokenizer splits (認知度 → 認知|度) would be a dead line.
    let lexicon = Lexicon::parse(LEXICON_TSV).unwrap();
    let mut dead = Vec::new();
    for e in &lexicon.entries {
        let shiryo::text::lexicon::Pattern::Lemma(lemma) = &e.pattern else {
            continue;
        };
        if !tokenize(lemma).iter().any(|t| t.base == *lemma) {
            dead.push(format!("{lemma} (line {})", e.line));
        }
    }
    assert!(dead.is_empty(), "never one token: {dead:#?}");
}

#[test]
fn every_vocabulary_term_votes_for_its_categories() {
    // A term alone gets a positive score for each category the vocabulary
    // files it under — from its own weights or from the lexicon's general
    // entries (…会議 by *会議) — so no row is dead or contradicts its label.
    let rows = vocabulary::rows(VOCABULARY_TSV).unwrap();
    assert!(rows.len() >= 300, "{} rows", rows.len());
    let mut checked = 0;
    let mut silent = Vec::new();
    for row in rows.iter().filter(|r| !r.is_pattern()) {
        let e = explain(row.term);
        for &c in &row.categories {
            if e.scores[usize::from(c - 1)] <= 0.0 {
                silent.push(format!("{} (line {}) for {c}", row.term, row.line));
            }
        }
        checked += 1;
    }
    assert!(silent.is_empty(), "no vote: {silent:#?}");
    assert!(checked > 250, "only {checked} plain terms");
}

#[test]
fn the_vocabulary_adds_each_term_once() {
    let rows = vocabulary::rows(VOCABULARY_TSV).unwrap();
    let mut terms: Vec<&str> = rows.iter().map(|r| r.term).collect();
    terms.sort_unstable();
    let before = terms.len();
    terms.dedup();
    assert_eq!(before, terms.len(), "a term is listed twice");
    // Not already a domain term, and no second lexicon entry for one term.
    let csv = std::fs::read_to_string(format!(
        "{}/dictionaries/domain_terms.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let domain: Vec<&str> = csv
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split(',').next())
        .collect();
    let lexicon = Lexicon::parse(LEXICON_TSV).unwrap();
    for row in &rows {
        if row.token.is_some() {
            assert!(!domain.contains(&row.term), "{} is a domain term", row.term);
        }
        if row.weights.is_some() {
            assert!(
                lexicon.entries.iter().all(|e| e.source != row.term),
                "{} has a lexicon line already",
                row.term
            );
        }
    }
}

#[test]
fn a_named_subject_counts_wherever_it_stands() {
    // A body that meets, standing as the subject (では/は) inside a topic
    // clause, or heading a sentence before its agenda: it met (①), and its
    // word is not discounted as a topic; the agenda still is.
    for (text, expected) in [
        ("在宅医療部会ではACPの普及方策について協議した", vec![1]),
        ("推進協議会 在宅看取りの体制について協議", vec![1]),
        ("作業部会は、在宅医療マップの改訂に向けて協議した", vec![1]),
        (
            "専門部会が中心となり、後方支援病床の運用について協議を重ねた",
            vec![1],
        ),
    ] {
        let e = explain(text);
        assert_eq!(e.categories, expected, "{text}\n{e}");
        let body = e.hits.iter().find(|h| {
            h.weights[0] > 0.0 && ["部会", "協議会", "re:委員会"].contains(&h.pattern.as_str())
        });
        if let Some(body) = body {
            assert_eq!(body.scope, Scope::Activity, "{text}\n{e}");
        }
    }
    // A tool as the subject is what the item is about; a tool in the name of
    // a training is that training's topic.
    assert_eq!(classify("MCSは新たに40事業所が利用を開始"), vec![2]);
    assert_eq!(classify("MCS研修会を開催（参加45名）"), vec![4]);
    // Named as the venue of something else, a body is still no meeting held.
    assert_eq!(
        classify("部会において入退院時の情報提供書の様式を見直した"),
        vec![2]
    );
}

#[test]
fn full_ipadic_is_embedded() {
    // Place names and rare nouns only the full IPADIC knows (Noun.place.csv
    // alone has 72,999 entries), and verbs by their base forms.
    let tokens = tokenize("枚方市と四條畷市を訪れ、嚥下と喀痰吸引の研修を行った");
    let bases: Vec<&str> = tokens.iter().map(|t| t.base).collect();
    for word in ["枚方", "四條畷", "訪れる", "嚥下", "喀痰", "行う"] {
        assert!(bases.contains(&word), "{word} missing from {bases:?}");
    }
}

#[test]
fn verbs_and_adjectives_have_base_forms() {
    let tokens = tokenize("課題を共有し、理解を深めてもらう。機会が少なかった");
    let find = |s: &str| tokens.iter().find(|t| t.surface == s).unwrap();
    assert_eq!(find("深め").base, "深める");
    assert_eq!(find("もらう").base, "もらう");
    assert_eq!(find("少なかっ").base, "少ない");
    assert_eq!(find("少なかっ").pos, "形容詞");
}

#[test]
fn tokenizer_is_shared_across_threads() {
    let text = "在宅医療の普及啓発として、民生委員を対象に講演会を開催した。";
    let expected = tokenize(text);
    let handles: Vec<_> = (0..4)
        .map(|_| std::thread::spawn(move || tokenize(text)))
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), expected);
    }
}

#[test]
fn dictionary_loads_fast() {
    // Zero-copy load of the embedded bytes: a few ms even unoptimised.
    let load = warm_up();
    println!("dictionary load: {:.2} ms", load.as_secs_f64() * 1e3);
    assert!(load.as_millis() < 500, "dictionary load took {load:?}");
}

#[test]
fn clear_cut_cases() {
    for case in cases("classify_cases.toml") {
        assert_eq!(
            classify(&normalize(&case.text)),
            case.categories,
            "{}\n{}",
            case.text,
            explain(&case.text)
        );
    }
}

#[test]
fn explain_shows_its_reasoning() {
    let e = explain("訪問看護師を対象とした多職種研修会を開催");
    assert_eq!(e.categories, vec![4]);
    let shown = e.to_string();
    assert!(shown.contains("研修会\t名詞"), "{shown}");
    assert!(shown.contains("re:研修"), "{shown}");
    assert!(shown.contains("④在宅医療に係る研修"), "{shown}");
}

/// Every case classified as the extractor does inside its form: a case of
/// sections 1, 3, 4 that repeats another labelled case of its form takes that
/// case's categories (never its own), the others go by their words.
fn measure_in_form(name: &str, keep: impl Fn(&Case) -> bool) -> Figures {
    let all = cases(name);
    let repeats = repeats_by_form(&all, MIN_SIMILARITY);
    let mut figures = Figures::default();
    for (case, repeat) in all.iter().zip(repeats).filter(|(c, _)| keep(c)) {
        let predicted = match repeat {
            Some(j) => all[j].categories.clone(),
            None => classify_case(name, case),
        };
        figures.add(&predicted, &case.categories);
    }
    println!("{name:<24} in form {figures}");
    figures
}

#[test]
fn measured_figures() {
    // Regression floors a little under the figures recorded in
    // docs/TEXT_LAYER.md (precision / F1, round 5: tune 0.792 / 0.812, agree
    // 0.900 / 0.926, holdout 0.985 / 0.955, holdout2 0.971 / 0.936, holdout3
    // 0.915 / 0.906, holdout4 0.910 / 0.878); raise them when the lexicon
    // improves. The lexicon is tuned on classify_seed.toml and
    // classify_issues.toml only; the vocabulary comes from public reports.
    let tune = measure("classify_seed.toml");
    assert!(tune.f1() >= 0.79 && tune.precision() >= 0.78, "tune {tune}");
    let agree = measure_where("classify_seed.toml agree", "classify_seed.toml", |c| {
        c.noise.is_none()
    });
    assert!(
        agree.f1() >= 0.90 && agree.precision() >= 0.88,
        "agree {agree}"
    );
    for holdout in ["classify_holdout.toml", "classify_holdout2.toml"] {
        let f = measure(holdout);
        assert!(f.precision() >= 0.93, "{holdout} {f}");
        assert!(f.f1() >= 0.87, "{holdout} {f}");
    }
    let blind = measure("classify_holdout3.toml");
    assert!(
        blind.precision() >= 0.89 && blind.f1() >= 0.88,
        "holdout3 {blind}"
    );
    let field = measure("classify_holdout4.toml");
    assert!(
        field.precision() >= 0.89 && field.f1() >= 0.86,
        "holdout4 {field}"
    );
    // classify_holdout5.toml (2026-12-07): 120 activities in other
    // prefectures' wording, labelled by a helper blind to the classifier;
    // measured only, never tuned on: 0.897 / 0.830 at its first run.
    let other = measure("classify_holdout5.toml");
    assert!(
        other.precision() >= 0.88 && other.f1() >= 0.82,
        "holdout5 {other}"
    );
}

#[test]
fn measured_in_form() {
    // As the extractor classifies (same-form examples first), leave-one-out:
    // tune 0.845 / 0.853, holdout3 0.912 / 0.890, holdout4 0.922 / 0.868
    // (precision / F1).
    let tune = measure_in_form("classify_seed.toml", |_| true);
    assert!(tune.f1() >= 0.84 && tune.precision() >= 0.83, "tune {tune}");
    let blind = measure_in_form("classify_holdout3.toml", |_| true);
    assert!(
        blind.precision() >= 0.89 && blind.f1() >= 0.86,
        "holdout3 {blind}"
    );
    let field = measure_in_form("classify_holdout4.toml", |_| true);
    assert!(
        field.precision() >= 0.90 && field.f1() >= 0.84,
        "holdout4 {field}"
    );
}

#[test]
fn section_2_matches_the_human_labels() {
    // Section 2 is always classified; the hand-written expected fixtures carry
    // these categories, so every item must come out exactly.
    let mut figures = Figures::default();
    for case in cases("classify_issues.toml") {
        let got = classify_issue(&normalize(&case.text));
        figures.add(&got, &case.categories);
        assert_eq!(
            got,
            case.categories,
            "{}\n{}",
            case.text,
            explain_issue(&normalize(&case.text))
        );
    }
    println!("{:<24} {figures}", "classify_issues.toml");
}

#[test]
fn an_issue_is_read_by_the_area_it_lies_in() {
    // Section 2 states problems (docs/TEXT_LAYER.md round 5): the body that
    // has the problem, the professionals' skills, the residents' awareness,
    // night and disaster name the area; a shortage of providers falls to ②
    // only when nothing more specific does; a survey is a finding's source.
    for (text, expected) in [
        (
            "推進協議会の開催が年1回にとどまり、議論が深まらない。",
            vec![1],
        ),
        ("訪問歯科診療を行う歯科医師が不足している。", vec![2]),
        ("夜間に往診できる医師が不足している。", vec![3]),
        ("介護職員の看取りに関する知識に差がある。", vec![4]),
        ("住民の多くがACPを知らない。", vec![5]),
        (
            "住民アンケートで、在宅医療を知らない人が多いことが分かった。",
            vec![5],
        ),
        ("独居高齢者の緊急時の連絡先が把握できていない。", vec![3]),
        ("病院とケアマネジャーとの連絡に時間がかかる。", vec![2]),
        (
            "災害時の在宅患者の安否確認の方法が決まっていない。",
            vec![3],
        ),
        ("事務局の人員が限られ、事業の継続が難しい。", vec![]),
    ] {
        let e = explain_issue(text);
        assert_eq!(e.categories, expected, "{text}\n{e}");
    }
    // The issue entries count in section 2 only: as an activity the same
    // shortage names no category.
    assert!(classify("訪問歯科診療を行う歯科医師が不足している。").is_empty());
    let e = explain_issue("訪問歯科診療を行う歯科医師が不足している。");
    assert!(e.hits.iter().any(|h| h.scope == Scope::IssueDefault), "{e}");
    assert!(e.to_string().contains("read as an issue"), "{e}");
}

/// The figures of a split set's tune part and held-out part
/// (`classify_sets::SPLITS`), printed under `label`.
fn tune_and_held(label: &str) -> (Figures, Figures) {
    let split = split(label).unwrap_or_else(|| panic!("{label} is no split set"));
    let (mut t, mut h) = (Figures::default(), Figures::default());
    for (k, case) in cases(split.file).iter().enumerate() {
        let part = if k < split.tune { &mut t } else { &mut h };
        part.add(&classify_case(split.file, case), &case.categories);
    }
    println!("{:<24} {t}", format!("{label} (tune part)"));
    println!("{:<24} {h}", format!("{label} (held-out part)"));
    (t, h)
}

#[test]
fn section_2_dev_set() {
    // classify_issues2.toml (round 5): cases 1–90 were tuned on, 91–128 held
    // out (measured only). Figures in docs/TEXT_LAYER.md: tune 1.000 / 0.983,
    // held-out 0.919 / 0.919 (precision / F1).
    assert!(cases("classify_issues2.toml").len() >= 100);
    let (tune, held) = tune_and_held("issues2");
    assert!(tune.f1() >= 0.95 && tune.precision() >= 0.95, "tune {tune}");
    assert!(held.f1() >= 0.88 && held.precision() >= 0.88, "held {held}");
    for (name, floor) in [
        ("classify_holdout3.toml", 0.80),
        ("classify_holdout4.toml", 0.85),
    ] {
        let f = measure_where(&format!("{name} section 2"), name, |c| c.section == Some(2));
        assert!(f.f1() >= floor, "{name} section 2 {f}");
    }
}

#[test]
fn an_issue_of_several_parts_gets_the_categories_of_each() {
    // SPEC: in section 2 an enumeration inside one paragraph stays one item;
    // each of its parts is an issue, so a shortage named in one part lies
    // in ② even when another part names a meeting's or the residents'
    // problem (the default ② applies part by part).
    for (text, expected) in [
        (
            "①地域住民のACPの理解が進んでいない②訪問看護師が不足している③夜間の往診体制が不十分",
            vec![2, 3, 5],
        ),
        (
            "多職種連携会議の参加者が固定化している。また、訪問看護師が不足している。住民への在宅医療の周知が十分でない。",
            vec![1, 2, 5],
        ),
    ] {
        let e = explain_issue(text);
        assert_eq!(classify_issue(text), expected, "{e}");
        assert_eq!(e.categories, expected, "{e}");
        assert_eq!(e.parts.len(), 3, "{e}");
    }
    // One sentence is one part: nothing is added.
    let one = explain_issue("訪問看護師が不足している。");
    assert!(one.parts.is_empty(), "{one}");
}

#[test]
fn section_2_dev_set_round_6() {
    // classify_issues3.toml (round 6, 2026-12-07): 40 issues in wording the
    // other sets do not use, labelled before the classifier was run on them
    // (F1 0.873 then), then tuned on as a whole (0.974 after the round-6
    // entries of the lexicon's issue block; docs/TEXT_LAYER.md).
    let f = measure("classify_issues3.toml");
    assert!(f.f1() >= 0.95 && f.precision() >= 0.95, "issues3 {f}");
}

/// The floors of the split sets of rounds 7–16 (`classify_sets::SPLITS`):
/// each set written by a helper who had not read the classifier, its tune
/// part tuned on, its held-out part only measured (docs/TEXT_LAYER.md).
struct Floors {
    label: &'static str,
    cases: usize,
    tune_f1: f64,
    tune_precision: f64,
    held_f1: f64,
}

const ROUND_FLOORS: &[Floors] = &[
    // round 7 (2026-12-07), 60 issues of eight new municipalities: tune F1
    // 0.615 → 0.932, held-out 0.840 → 0.880.
    // Round 15 (the issue model), held 0.880 → 0.923.
    Floors {
        label: "issues4",
        cases: 60,
        tune_f1: 0.90,
        tune_precision: 0.90,
        held_f1: 0.90,
    },
    // round 8, 60 issues in another style (bullet fragments, needs stated as
    // next steps, the field's abbreviations): 0.927 → 0.977, held 0.870 →
    // 0.870.
    // Round 15 (the issue model), held 0.894 → 0.880.
    Floors {
        label: "issues5",
        cases: 60,
        tune_f1: 0.95,
        tune_precision: 0.95,
        held_f1: 0.86,
    },
    // round 9, 70 issues as the cells of other prefectures' issue tables hold
    // them (a row label or topic first, `1)`/`ア` sub-items, noun-phrase
    // endings): 0.847 → 0.956, held 0.877 → 0.877.
    // Round 15 (the issue model), held 0.877 → 0.904.
    Floors {
        label: "issues6",
        cases: 70,
        tune_f1: 0.95,
        tune_precision: 0.94,
        held_f1: 0.88,
    },
    // round 10, 70 issues in municipal officers' formal report style: 0.877
    // → 0.930, held 0.806 → 0.825.
    // Round 15 (the issue model), held 0.839 → 0.867.
    Floors {
        label: "issues7",
        cases: 70,
        tune_f1: 0.92,
        tune_precision: 0.92,
        held_f1: 0.84,
    },
    // round 11, 90 issues in the voice of the hub's own staff in the field
    // (scenes rather than category words, bullet lines, clipped endings):
    // 0.733 → 0.873 (0.891 after round 13), held 0.805 → 0.828.
    // Round 15 (the issue model), held 0.828 → 0.854.
    Floors {
        label: "issues8",
        cases: 90,
        tune_f1: 0.86,
        tune_precision: 0.89,
        held_f1: 0.83,
    },
    // round 12, 90 issues of a municipality reviewing its year (the
    // programme's activities (ア)–(ク) as the frame, survey and data
    // findings, next steps): 0.788 → 0.874 (0.904 after round 13), held
    // 0.805 → 0.814.
    // Round 15 (the issue model), held 0.824 → 0.874.
    Floors {
        label: "issues9",
        cases: 90,
        tune_f1: 0.86,
        tune_precision: 0.83,
        held_f1: 0.85,
    },
    // round 13, 90 issues where ② or ⑤ is a second area or only a word in
    // passing (half each way): 0.768 at its first run (0.783 with rounds
    // 11–12) → 0.900, held 0.773 → 0.795.
    // Round 15 (the issue model), held 0.795 → 0.870.
    Floors {
        label: "issues10",
        cases: 90,
        tune_f1: 0.89,
        tune_precision: 0.89,
        held_f1: 0.85,
    },
    // round 14, 80 issues about ③ and ⑤ written as scenes without the
    // categories' usual words (a family calling 119 at 3 a.m., snow, a heat
    // wave, what residents believe): 0.507 at its first run (0.595 with
    // rounds 11–13) → 0.776, held 0.625 (0.706) → 0.725.
    // Round 15 (the issue model), held 0.725 → 0.784.
    Floors {
        label: "issues11",
        cases: 80,
        tune_f1: 0.77,
        tune_precision: 0.86,
        held_f1: 0.76,
    },
    // round 16, 90 issues in a natural mix of eleven writers (no trap in
    // focus), first measured on the lexicon and the issue model of round 15:
    // tune 0.868 → 0.907 with the model, held 0.787 → 0.787; then its tune
    // part trained the model: tune 0.991, held 0.800.
    Floors {
        label: "issues12",
        cases: 90,
        tune_f1: 0.95,
        tune_precision: 0.95,
        held_f1: 0.78,
    },
];

#[test]
fn section_2_dev_sets_of_rounds_7_to_16() {
    let mut below = Vec::new();
    for f in ROUND_FLOORS {
        let file = split(f.label).map(|s| s.file).unwrap_or_default();
        assert_eq!(cases(file).len(), f.cases, "{file}");
        let (tune, held) = tune_and_held(f.label);
        if !(tune.f1() >= f.tune_f1 && tune.precision() >= f.tune_precision) {
            below.push(format!("{} tune {tune}", f.label));
        }
        if held.f1() < f.held_f1 {
            below.push(format!("{} held {held}", f.label));
        }
    }
    assert!(below.is_empty(), "{below:#?}");
}

/// Every shipped pattern names where its matches start (a literal prefix),
/// so the lexicon's matcher runs it only where that prefix occurs; one that
/// begins with a negated class or `^` is tried at every position of every
/// item and made a one-file run 9 % slower (docs/TEXT_LAYER.md, round 14).
#[test]
fn every_lexicon_pattern_starts_with_words() {
    use shiryo::text::lexicon::{Pattern, LEXICON};
    let anywhere: Vec<&str> = LEXICON
        .entries
        .iter()
        .filter(|e| match &e.pattern {
            Pattern::Regex(re) => re.program().is_some_and(|p| p.starts_anywhere()),
            _ => false,
        })
        .map(|e| e.source.as_str())
        .collect();
    assert!(anywhere.is_empty(), "{anywhere:#?}");
}

#[test]
fn every_noise_note_says_why() {
    let noisy: Vec<Case> = cases("classify_seed.toml")
        .into_iter()
        .filter(|c| c.noise.is_some())
        .collect();
    assert_eq!(noisy.len(), 13, "docs/TEXT_LAYER.md lists 13");
    assert!(noisy
        .iter()
        .all(|c| c.noise.as_deref().is_some_and(|n| n.len() > 20)));
}

/// The lexicon's own matcher (src/text/pattern.rs) runs every shipped `re:`
/// pattern and the topic rules, and finds what the regex crate finds, match
/// for match, on every text of the classifier's sets (and on each text cut
/// short, so that matches at the end are tried too).
#[test]
fn the_lexicon_matcher_finds_what_the_regex_crate_finds() {
    use shiryo::text::lexicon::{Pattern, LEXICON};
    use shiryo::text::pattern::{Prefilter, Search};
    let mut patterns: Vec<&shiryo::text::lexicon::LazyRegex> = LEXICON
        .entries
        .iter()
        .filter_map(|e| match &e.pattern {
            Pattern::Regex(re) => Some(re),
            _ => None,
        })
        .collect();
    let t = &LEXICON.topics;
    patterns.extend(
        [&t.marker, &t.event, &t.background, &t.role]
            .into_iter()
            .flatten(),
    );
    assert!(patterns.len() > 90, "{} patterns", patterns.len());
    let texts: Vec<String> = [
        "classify_cases.toml",
        "classify_seed.toml",
        "classify_holdout.toml",
        "classify_holdout2.toml",
        "classify_holdout3.toml",
        "classify_holdout4.toml",
        "classify_issues.toml",
        "classify_issues2.toml",
        "classify_issues3.toml",
        "classify_issues4.toml",
        "classify_issues5.toml",
        "classify_issues6.toml",
        "classify_issues7.toml",
        "classify_issues8.toml",
        "classify_issues9.toml",
        "classify_issues10.toml",
        "classify_issues11.toml",
        "classify_holdout5.toml",
    ]
    .iter()
    .flat_map(|name| cases(name))
    .map(|c| normalize(&c.text))
    .collect();
    assert!(texts.len() > 500, "{} texts", texts.len());
    let mut matched = 0;
    for re in &patterns {
        assert!(
            re.program().is_some(),
            "{} is not run by the matcher",
            re.as_str()
        );
        let regex = regex::Regex::new(re.as_str()).unwrap();
        for text in &texts {
            let half = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map_or(text.len(), |(i, _)| i);
            for t in [text.as_str(), &text[..half]] {
                let want: Vec<_> = regex.find_iter(t).map(|m| m.range()).collect();
                assert_eq!(re.find_iter(t), want, "{} on {t}", re.as_str());
                matched += usize::from(!want.is_empty());
            }
        }
    }
    assert!(matched > 1000, "only {matched} texts matched a pattern");
    // And all of them at once, through one scan for where each may start.
    let programs = patterns.iter().filter_map(|re| re.program().cloned());
    let prefilter = Prefilter::new(programs.collect());
    for text in &texts {
        let got: Vec<(usize, Vec<std::ops::Range<usize>>)> = prefilter
            .search(text)
            .into_iter()
            .map(|(p, search)| match search {
                Search::Found(found) => (p, found),
                Search::Fallback => panic!("{} over budget on {text}", patterns[p].as_str()),
            })
            .collect();
        let want: Vec<(usize, Vec<std::ops::Range<usize>>)> = patterns
            .iter()
            .enumerate()
            .map(|(p, re)| (p, re.find_iter(text)))
            .filter(|(_, found)| !found.is_empty())
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn the_shipped_issue_model_is_what_training_gives() {
    // dictionaries/issue_model.tsv is written by `cargo run --release
    // --example train_issue_model`; its features include the lexicon's
    // reading, so a lexicon or vocabulary change needs a retrain. Fails
    // while the shipped file is stale.
    let shipped = IssueModel::parse(ISSUE_MODEL_TSV).expect("the shipped model parses");
    let trained = classify_sets::train_issue_model();
    let distance = shipped.distance(&trained);
    assert!(
        distance < 1e-5,
        "dictionaries/issue_model.tsv differs from training by {distance}: \
         run `cargo run --release --example train_issue_model`"
    );
}

#[test]
fn the_issue_model_revises_the_whole_and_keeps_each_part() {
    // The model reads the whole issue; a part's own area still joins, and
    // where the model chooses nothing the lexicon's reading stands.
    let e = explain_issue("夜間の往診体制が不十分である。訪問看護師が不足している。");
    let p = e.probabilities.expect("an issue is read by the model");
    assert!(p.iter().all(|p| (0.0..=1.0).contains(p)), "{e}");
    for (_, part) in &e.parts {
        assert!(part.iter().all(|c| e.categories.contains(c)), "{e}");
    }
    let activity = explain("多職種連携会議を開催した");
    assert!(activity.probabilities.is_none(), "{activity}");
}
