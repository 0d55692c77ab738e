//! Expected JSON tree against actual JSON tree, fact by fact.
//!
//! Owns: which facts each field has, how submissions, sections and items are
//! paired, and the rule "a key absent from the expected side is not compared".
//! An object that exists only in the actual output (an extra submission,
//! section or item) is compared on the keys the expected file uses for objects
//! of its kind anywhere in the file, or on every key when the expected file has
//! no object of that kind.

use super::align::{self, Group};
use super::{Field, FileAudit, Finding, Scores, Status};
use serde_json::{Map, Value};

const SUBMISSION_KEYS: &[&str] = &[
    "material_id",
    "target_areas",
    "hubs",
    "contractors",
    "sections",
    "warnings",
];
const SECTION_KEYS: &[&str] = &["number", "kind", "heading", "fiscal_year", "items"];
const ITEM_KEYS: &[&str] = &["categories", "category_source", "dates", "counts", "at"];
const DATE_KEYS: &[&str] = &["start", "end", "planned"];
const COUNT_KEYS: &[&str] = &["value", "per", "every", "planned", "event"];
const AT_KEYS: &[&str] = &["sheet", "table", "row", "col", "paragraph"];
const WARNING_KEYS: &[&str] = &["code", "section", "item"];
const DIAGNOSTIC_KEYS: &[&str] = &["level", "code"];

static NULL: Value = Value::Null;
const NO_VALUES: &[Value] = &[];

/// Compare two `shiryo/v1` trees.
pub fn compare_values(file: &str, expected: &Value, actual: &Value) -> FileAudit {
    let Some(exp) = expected.as_object() else {
        return FileAudit::with_problem(file, "the expected file is not a JSON object".into());
    };
    let empty = Map::new();
    let act = actual.as_object().unwrap_or(&empty);
    let ann = Annotated::of(exp);
    let mut cx = Cx::default();
    let top = Here::default();

    if let Some(es) = exp.get("source").and_then(Value::as_object) {
        let asrc = act.get("source").and_then(Value::as_object);
        for (k, v) in es {
            let a = asrc.and_then(|m| m.get(k));
            if k == "path" && paths_agree(v, a) {
                let shown = |v: &Value| Some(format!("path={}", show(v)));
                cx.push(
                    &top,
                    Field::Source,
                    Status::Matched,
                    shown(v),
                    a.and_then(shown),
                );
            } else {
                cx.slot(&top, Field::Source, Some(k), v, a);
            }
        }
    }
    if let Some(ee) = exp.get("error") {
        let ecode = if ee.is_null() {
            Some(&NULL)
        } else {
            ee.get("code")
        };
        if let Some(ecode) = ecode {
            let acode = act
                .get("error")
                .and_then(|e| e.get("code"))
                .unwrap_or(&NULL);
            cx.slot(&top, Field::Error, None, ecode, Some(acode));
        }
    }
    if let Some(ed) = exp.get("diagnostics").and_then(Value::as_array) {
        let ad = array(act.get("diagnostics"));
        let m = match_objects(DIAGNOSTIC_KEYS, ed, ad);
        cx.emit_objects(Field::Diagnostics, &m, ed, ad, &ann.diagnostic, |_, _| {
            top.clone()
        });
    }
    if let Some(es) = exp.get("submissions").and_then(Value::as_array) {
        submissions(&mut cx, &ann, es, array(act.get("submissions")));
    }

    cx.findings.sort_by_key(|a| a.order);
    let reviews = super::review::form_reviews(&cx.findings, expected, actual);
    FileAudit {
        file: file.to_string(),
        problem: None,
        scores: cx.scores,
        findings: cx.findings,
        reviews,
    }
}

/// Two `source.path`s name the same file when one is the other with leading
/// directories cut (`fixtures/docx/a.docx` and `docx/a.docx`): the audited
/// directory decides how much of the path the program writes.
fn paths_agree(exp: &Value, act: Option<&Value>) -> bool {
    let (Some(e), Some(a)) = (exp.as_str(), act.and_then(Value::as_str)) else {
        return false;
    };
    let (long, short) = if e.len() >= a.len() { (e, a) } else { (a, e) };
    !short.is_empty()
        && long.ends_with(short)
        && (long.len() == short.len() || long[..long.len() - short.len()].ends_with('/'))
}

fn array(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(NO_VALUES, Vec::as_slice)
}

fn object(v: &Value) -> Option<&Map<String, Value>> {
    v.as_object()
}

/// The keys the expected file uses, per kind of object.
struct Annotated {
    sub: Vec<&'static str>,
    section: Vec<&'static str>,
    item: Vec<&'static str>,
    date: Vec<&'static str>,
    count: Vec<&'static str>,
    at: Vec<&'static str>,
    warning: Vec<&'static str>,
    diagnostic: Vec<&'static str>,
}

impl Annotated {
    fn of(exp: &Map<String, Value>) -> Annotated {
        let subs: Vec<&Value> = array(exp.get("submissions")).iter().collect();
        let sections: Vec<&Value> = subs.iter().flat_map(|s| array(s.get("sections"))).collect();
        let items: Vec<&Value> = sections
            .iter()
            .flat_map(|s| array(s.get("items")))
            .collect();
        let dates: Vec<&Value> = items.iter().flat_map(|i| array(i.get("dates"))).collect();
        let counts: Vec<&Value> = items.iter().flat_map(|i| array(i.get("counts"))).collect();
        let ats: Vec<&Value> = items.iter().filter_map(|i| i.get("at")).collect();
        let warnings: Vec<&Value> = subs.iter().flat_map(|s| array(s.get("warnings"))).collect();
        let diags: Vec<&Value> = array(exp.get("diagnostics")).iter().collect();
        Annotated {
            sub: used(SUBMISSION_KEYS, &subs),
            section: used(SECTION_KEYS, &sections),
            // `at` is compared only where a person wrote it, never by default.
            item: used(ITEM_KEYS, &items)
                .into_iter()
                .filter(|k| *k != "at" || !items.is_empty())
                .collect(),
            date: used(DATE_KEYS, &dates),
            count: used(COUNT_KEYS, &counts),
            at: used(AT_KEYS, &ats),
            warning: used(WARNING_KEYS, &warnings),
            diagnostic: used(DIAGNOSTIC_KEYS, &diags),
        }
    }
}

fn used(all: &[&'static str], objects: &[&Value]) -> Vec<&'static str> {
    if objects.is_empty() {
        return all.to_vec();
    }
    all.iter()
        .copied()
        .filter(|k| objects.iter().any(|o| o.get(k).is_some()))
        .collect()
}

/// Where a fact is.
#[derive(Debug, Clone, Default)]
struct Here {
    locator: Option<String>,
    section: Option<u8>,
    item: Option<String>,
    /// Submission (1-based; 0 = file level), section number, item group.
    pos: (usize, u8, usize),
}

#[derive(Default)]
struct Cx {
    scores: Scores,
    findings: Vec<Finding>,
}

impl Cx {
    fn push(
        &mut self,
        here: &Here,
        field: Field,
        status: Status,
        expected: Option<String>,
        actual: Option<String>,
    ) {
        self.scores.bump(field, status);
        let seq = self.findings.len();
        self.findings.push(Finding {
            status,
            field,
            locator: here.locator.clone(),
            section: here.section,
            item: here.item.clone(),
            expected,
            actual,
            order: (here.pos.0, here.pos.1, here.pos.2, field, seq),
        });
    }

    /// One value per side; null (or absent) on a side is "no fact".
    fn slot(
        &mut self,
        here: &Here,
        field: Field,
        label: Option<&str>,
        exp: &Value,
        act: Option<&Value>,
    ) {
        let act = act.filter(|v| !v.is_null());
        let shown = |v: &Value| match label {
            Some(l) => format!("{l}={}", show(v)),
            None => show(v),
        };
        match (exp.is_null(), act) {
            (true, None) => {}
            (true, Some(a)) => self.push(here, field, Status::Extra, None, Some(shown(a))),
            (false, Some(a)) if same(exp, a) => self.push(
                here,
                field,
                Status::Matched,
                Some(shown(exp)),
                Some(shown(a)),
            ),
            (false, a) => {
                self.push(here, field, Status::Missed, Some(shown(exp)), None);
                if let Some(a) = a {
                    self.push(here, field, Status::Extra, None, Some(shown(a)));
                }
            }
        }
    }

    /// Two sets of scalars (duplicates count once).
    fn set(&mut self, here: &Here, field: Field, exp: &[&Value], act: &[&Value]) {
        let exp = distinct(exp);
        let act = distinct(act);
        for e in &exp {
            if act.iter().any(|a| same(e, a)) {
                self.push(here, field, Status::Matched, Some(show(e)), Some(show(e)));
            } else {
                self.push(here, field, Status::Missed, Some(show(e)), None);
            }
        }
        for a in act.iter().filter(|a| !exp.iter().any(|e| same(e, a))) {
            self.push(here, field, Status::Extra, None, Some(show(a)));
        }
    }

    /// Findings of a [`match_objects`] result; `extra_keys` are the keys an
    /// extra object is shown with, `here_of(is_expected, index)` places a fact.
    fn emit_objects(
        &mut self,
        field: Field,
        m: &Matching,
        exp: &[Value],
        act: &[Value],
        extra_keys: &[&str],
        here_of: impl Fn(bool, usize) -> Here,
    ) {
        let hide: &[&str] = if field == Field::Warnings {
            &["section", "item"]
        } else {
            &[]
        };
        let keys_of = |o: &Value| -> Vec<&str> {
            m.keys
                .iter()
                .copied()
                .filter(|k| o.get(k).is_some() && !hide.contains(k))
                .collect()
        };
        for &(i, j) in &m.pairs {
            let ks = keys_of(&exp[i]);
            let (e, a) = (show_obj(&exp[i], &ks), show_obj(&act[j], &ks));
            self.push(&here_of(true, i), field, Status::Matched, Some(e), Some(a));
        }
        for &i in &m.missed {
            let e = show_obj(&exp[i], &keys_of(&exp[i]));
            self.push(&here_of(true, i), field, Status::Missed, Some(e), None);
        }
        let shown: Vec<&str> = extra_keys
            .iter()
            .copied()
            .filter(|k| !hide.contains(k))
            .collect();
        for &j in &m.extra {
            let a = show_obj(&act[j], &shown);
            self.push(&here_of(false, j), field, Status::Extra, None, Some(a));
        }
    }
}

/// Pairs of equal objects, compared on the keys each expected object has.
struct Matching {
    keys: &'static [&'static str],
    pairs: Vec<(usize, usize)>,
    missed: Vec<usize>,
    extra: Vec<usize>,
}

fn match_objects(keys: &'static [&'static str], exp: &[Value], act: &[Value]) -> Matching {
    let key_count = |v: &Value| keys.iter().filter(|k| v.get(**k).is_some()).count();
    // Most specific expected objects first, so a vaguer one cannot take their match.
    let mut order: Vec<usize> = (0..exp.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(key_count(&exp[i])));
    let mut taken = vec![false; act.len()];
    let mut m = Matching {
        keys,
        pairs: Vec::new(),
        missed: Vec::new(),
        extra: Vec::new(),
    };
    for i in order {
        let e = &exp[i];
        let fits = |a: &Value| {
            keys.iter()
                .filter_map(|k| e.get(*k).map(|ev| (k, ev)))
                .all(|(k, ev)| same(ev, a.get(*k).unwrap_or(&NULL)))
        };
        match (0..act.len()).find(|&j| !taken[j] && fits(&act[j])) {
            Some(j) => {
                taken[j] = true;
                m.pairs.push((i, j));
            }
            None => m.missed.push(i),
        }
    }
    m.pairs.sort_unstable();
    m.missed.sort_unstable();
    m.extra = (0..act.len()).filter(|&j| !taken[j]).collect();
    m
}

/// JSON equality, with numbers compared by value (`1` equals `1.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn distinct<'a>(vals: &[&'a Value]) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = Vec::new();
    for v in vals {
        if !out.iter().any(|o| same(o, v)) {
            out.push(v);
        }
    }
    out
}

/// A value as a report shows it: strings bare, the rest as JSON.
fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Object(o) => {
            let keys: Vec<&str> = o.keys().map(String::as_str).collect();
            show_obj(v, &keys)
        }
        other => other.to_string(),
    }
}

/// `text: k=v k=v` for the given keys (the `text` prefix when the object has one).
fn show_obj(o: &Value, keys: &[&str]) -> String {
    let kv: Vec<String> = keys
        .iter()
        .filter(|k| **k != "text")
        .map(|k| format!("{k}={}", o.get(*k).map_or("—".into(), show)))
        .collect();
    match o.get("text").and_then(Value::as_str) {
        Some(t) if kv.is_empty() => t.to_string(),
        Some(t) => format!("{t}: {}", kv.join(" ")),
        None => kv.join(" "),
    }
}

fn locator(v: &Value) -> Option<String> {
    v.get("locator").and_then(Value::as_str).map(str::to_string)
}

fn submissions(cx: &mut Cx, ann: &Annotated, exp: &[Value], act: &[Value]) {
    let mut taken = vec![false; act.len()];
    let mut pairs: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, e) in exp.iter().enumerate() {
        let j = locator(e).and_then(|l| {
            (0..act.len()).find(|&j| !taken[j] && locator(&act[j]).as_deref() == Some(&l))
        });
        if let Some(j) = j {
            taken[j] = true;
        }
        pairs.push((i, j));
    }
    // An expected submission without a locator takes the next actual one left.
    for p in pairs.iter_mut() {
        if p.1.is_none() && exp[p.0].get("locator").is_none() {
            if let Some(j) = (0..act.len()).find(|&j| !taken[j]) {
                taken[j] = true;
                p.1 = Some(j);
            }
        }
    }
    let empty = Map::new();
    for (i, j) in pairs {
        let e = object(&exp[i]).unwrap_or(&empty);
        let a = j.and_then(|j| object(&act[j]));
        let loc = locator(&exp[i]).or_else(|| j.and_then(|j| locator(&act[j])));
        let here = Here {
            locator: loc.clone(),
            pos: (i + 1, 0, 0),
            ..Here::default()
        };
        let al = a.and_then(|a| a.get("locator")).map(show);
        let status = if a.is_some() {
            Status::Matched
        } else {
            Status::Missed
        };
        cx.push(
            &here,
            Field::Submissions,
            status,
            Some(loc.unwrap_or_else(|| "?".into())),
            al,
        );
        submission(cx, ann, &here, Some(e), a.unwrap_or(&empty));
    }
    for j in (0..act.len()).filter(|&j| !taken[j]) {
        let a = object(&act[j]).unwrap_or(&empty);
        let here = Here {
            locator: locator(&act[j]),
            pos: (exp.len() + 1 + j, 0, 0),
            ..Here::default()
        };
        cx.push(
            &here,
            Field::Submissions,
            Status::Extra,
            None,
            Some(here.locator.clone().unwrap_or_default()),
        );
        submission(cx, ann, &here, None, a);
    }
}

/// Whether key `k` of an object is compared: the expected object has it, or,
/// for an actual-only object (`exp` is `None`), the expected file uses it.
fn compared(exp: Option<&Map<String, Value>>, annotated: &[&str], k: &str) -> bool {
    match exp {
        Some(m) => m.contains_key(k),
        None => annotated.contains(&k),
    }
}

fn get<'a>(exp: Option<&'a Map<String, Value>>, k: &str) -> &'a Value {
    exp.and_then(|m| m.get(k)).unwrap_or(&NULL)
}

fn refs(v: &[Value]) -> Vec<&Value> {
    v.iter().collect()
}

fn submission(
    cx: &mut Cx,
    ann: &Annotated,
    here: &Here,
    exp: Option<&Map<String, Value>>,
    act: &Map<String, Value>,
) {
    if compared(exp, &ann.sub, "material_id") {
        cx.slot(
            here,
            Field::MaterialId,
            None,
            get(exp, "material_id"),
            act.get("material_id"),
        );
    }
    for (k, field) in [
        ("target_areas", Field::TargetAreas),
        ("hubs", Field::Hubs),
        ("contractors", Field::Contractors),
    ] {
        if compared(exp, &ann.sub, k) {
            let e = refs(array(exp.and_then(|m| m.get(k))));
            cx.set(here, field, &e, &refs(array(act.get(k))));
        }
    }
    let exp_sections = array(exp.and_then(|m| m.get("sections")));
    let act_sections = array(act.get("sections"));
    let aligned = if compared(exp, &ann.sub, "sections") {
        sections(cx, ann, here, exp_sections, act_sections)
    } else {
        Vec::new()
    };
    if compared(exp, &ann.sub, "warnings") {
        let ew = array(exp.and_then(|m| m.get("warnings")));
        let aw = array(act.get("warnings"));
        warnings(cx, ann, here, ew, aw, &aligned);
    }
}

fn number(v: &Value) -> Option<u8> {
    v.get("number")
        .and_then(Value::as_u64)
        .and_then(|n| u8::try_from(n).ok())
}

/// The alignment of one section's items, for warnings that point at items.
struct SectionAlign {
    number: u8,
    groups: Vec<Group>,
    exp_texts: Vec<String>,
    act_texts: Vec<String>,
}

impl SectionAlign {
    /// The group of item `i` of one side, and the text to show for it.
    fn group_of(&self, is_exp: bool, i: usize) -> Option<(usize, String)> {
        let g = self.groups.iter().position(|g| {
            if is_exp {
                g.exp.contains(&i)
            } else {
                g.act.contains(&i)
            }
        })?;
        Some((g, self.label(&self.groups[g])))
    }

    fn label(&self, g: &Group) -> String {
        match (g.exp.first(), g.act.first()) {
            (Some(&i), _) => self.exp_texts[i].clone(),
            (None, Some(&j)) => self.act_texts[j].clone(),
            (None, None) => String::new(),
        }
    }
}

fn sections(
    cx: &mut Cx,
    ann: &Annotated,
    here: &Here,
    exp: &[Value],
    act: &[Value],
) -> Vec<SectionAlign> {
    let mut taken = vec![false; act.len()];
    let mut out = Vec::new();
    for e in exp {
        let Some(n) = number(e) else { continue };
        let j = (0..act.len()).find(|&j| !taken[j] && number(&act[j]) == Some(n));
        if let Some(j) = j {
            taken[j] = true;
        }
        let a = j.and_then(|j| object(&act[j]));
        out.push(section(cx, ann, here, n, object(e), a));
    }
    for j in (0..act.len()).filter(|&j| !taken[j]) {
        if let (Some(n), Some(a)) = (number(&act[j]), object(&act[j])) {
            out.push(section(cx, ann, here, n, None, Some(a)));
        }
    }
    out
}

fn section(
    cx: &mut Cx,
    ann: &Annotated,
    sub: &Here,
    n: u8,
    exp: Option<&Map<String, Value>>,
    act: Option<&Map<String, Value>>,
) -> SectionAlign {
    let here = Here {
        section: Some(n),
        pos: (sub.pos.0, n, 0),
        ..sub.clone()
    };
    for &k in &SECTION_KEYS[..4] {
        if compared(exp, &ann.section, k) {
            cx.slot(
                &here,
                Field::Sections,
                Some(k),
                get(exp, k),
                act.and_then(|a| a.get(k)),
            );
        }
    }
    let exp_items = exp.and_then(|m| m.get("items")).map(|v| array(Some(v)));
    let act_items = array(act.and_then(|a| a.get("items")));
    let text = |v: &Value| {
        v.get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let items_compared = compared(exp, &ann.section, "items");
    let exp_list = exp_items.unwrap_or(NO_VALUES);
    let exp_texts: Vec<String> = exp_list.iter().map(text).collect();
    let act_texts: Vec<String> = act_items.iter().map(text).collect();
    let groups = if items_compared {
        let e: Vec<&str> = exp_texts.iter().map(String::as_str).collect();
        let a: Vec<&str> = act_texts.iter().map(String::as_str).collect();
        align::align_items(&e, &a)
    } else {
        Vec::new()
    };
    let aligned = SectionAlign {
        number: n,
        groups,
        exp_texts,
        act_texts,
    };
    for (gi, g) in aligned.groups.iter().enumerate() {
        let here_i = Here {
            item: Some(aligned.label(g)),
            pos: (sub.pos.0, n, gi + 1),
            ..here.clone()
        };
        item_group(cx, ann, &here_i, g, exp_list, act_items, &aligned);
    }
    aligned
}

fn item_group(
    cx: &mut Cx,
    ann: &Annotated,
    here: &Here,
    g: &Group,
    exp: &[Value],
    act: &[Value],
    al: &SectionAlign,
) {
    let join = |texts: &[String], idx: &[usize]| -> Option<String> {
        (!idx.is_empty()).then(|| {
            idx.iter()
                .map(|&i| texts[i].as_str())
                .collect::<Vec<_>>()
                .join(" / ")
        })
    };
    let (et, at) = (join(&al.exp_texts, &g.exp), join(&al.act_texts, &g.act));
    let status = match (g.exp.is_empty(), g.act.is_empty()) {
        (false, false) => Status::Matched,
        (false, true) => Status::Missed,
        _ => Status::Extra,
    };
    cx.push(here, Field::Items, status, et, at);

    let e_items: Vec<&Value> = g.exp.iter().map(|&i| &exp[i]).collect();
    let a_items: Vec<&Value> = g.act.iter().map(|&j| &act[j]).collect();
    for &k in ITEM_KEYS {
        let on = if e_items.is_empty() {
            ann.item.contains(&k)
        } else {
            e_items.iter().any(|i| i.get(k).is_some())
        };
        if !on {
            continue;
        }
        let collect = |items: &[&Value]| -> Vec<Value> {
            items
                .iter()
                .filter_map(|i| i.get(k))
                .flat_map(|v| match v {
                    Value::Array(a) => a.clone(),
                    other => vec![other.clone()],
                })
                .collect()
        };
        let (ev, av) = (collect(&e_items), collect(&a_items));
        match k {
            "categories" => cx.set(here, Field::Categories, &refs(&ev), &refs(&av)),
            "category_source" => cx.set(here, Field::CategorySource, &refs(&ev), &refs(&av)),
            "dates" => {
                let m = match_objects(DATE_KEYS, &ev, &av);
                cx.emit_objects(Field::Dates, &m, &ev, &av, &ann.date, |_, _| here.clone());
            }
            "counts" => {
                let m = match_objects(COUNT_KEYS, &ev, &av);
                cx.emit_objects(Field::Counts, &m, &ev, &av, &ann.count, |_, _| here.clone());
            }
            _ => {
                let m = match_objects(AT_KEYS, &ev, &av);
                cx.emit_objects(Field::At, &m, &ev, &av, &ann.at, |_, _| here.clone());
            }
        }
    }
}

/// Warnings, with `item` indices replaced by the aligned item group so that a
/// warning on the same statement matches even when item numbering differs.
fn warnings(
    cx: &mut Cx,
    ann: &Annotated,
    sub: &Here,
    exp: &[Value],
    act: &[Value],
    aligned: &[SectionAlign],
) {
    let place = |is_exp: bool, w: &Value| -> (Value, Here) {
        let mut here = sub.clone();
        let mut keyed = w.clone();
        let sec = w
            .get("section")
            .and_then(Value::as_u64)
            .and_then(|n| u8::try_from(n).ok());
        if let Some(n) = sec {
            here.section = Some(n);
            here.pos.1 = n;
        }
        let item = w
            .get("item")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok());
        let al = sec.and_then(|n| {
            aligned
                .iter()
                .find(|a| a.number == n && !a.groups.is_empty())
        });
        if let (Some(i), Some(al), Some(obj)) = (item, al, keyed.as_object_mut()) {
            let id = match al.group_of(is_exp, i) {
                Some((g, label)) => {
                    here.item = Some(label);
                    here.pos.2 = g + 1;
                    format!("group {g}")
                }
                None => format!("{} item {i}", if is_exp { "expected" } else { "actual" }),
            };
            obj.insert("item".into(), Value::String(id));
        }
        (keyed, here)
    };
    let (ek, eh): (Vec<Value>, Vec<Here>) = exp.iter().map(|w| place(true, w)).unzip();
    let (ak, ah): (Vec<Value>, Vec<Here>) = act.iter().map(|w| place(false, w)).unzip();
    let m = match_objects(WARNING_KEYS, &ek, &ak);
    cx.emit_objects(Field::Warnings, &m, &ek, &ak, &ann.warning, |is_exp, i| {
        if is_exp {
            eh[i].clone()
        } else {
            ah[i].clone()
        }
    });
}
