//! Hand-written expectations and their JSON (`NAME.expected.json`).
//!
//! Every category, date, count, warning and `at` below is typed by hand in the
//! form modules; nothing here reads a fixture back or calls shiryo. The only
//! derived value is an item's `text`, taken from the line written into the
//! fixture by [`item_text`]: SPEC §3 width normalisation of full-width ASCII
//! (`～` kept), white space collapsed, then DECISIONS 2–3 (one leading bullet
//! glyph and the leading markers removed). A records row's activity cell lines
//! are joined with one space (DECISIONS 20).

use serde_json::{json, Map, Value};

/// `category_source`.
#[derive(Clone, Copy, Debug)]
pub enum Src {
    Marker,
    Heading,
    Column,
    Inherited,
    Classifier,
}

impl Src {
    fn as_str(self) -> &'static str {
        match self {
            Src::Marker => "marker",
            Src::Heading => "heading",
            Src::Column => "column",
            Src::Inherited => "inherited",
            Src::Classifier => "classifier",
        }
    }
}

/// Where an item comes from (DECISIONS 17, 20), written only where checked.
#[derive(Clone, Debug)]
pub enum At {
    /// Word table cell paragraph.
    Cell(usize, usize, usize, usize),
    /// Word body paragraph (index among body paragraphs).
    Body(usize),
    /// Worksheet cell (sheet, row, col, line within the cell).
    Sheet(&'static str, u32, u16, usize),
}

#[derive(Clone, Debug)]
struct Date {
    text: &'static str,
    start: Option<&'static str>,
    end: Option<&'static str>,
    planned: bool,
}

#[derive(Clone, Debug)]
struct Count {
    text: &'static str,
    value: u32,
    per: Option<&'static str>,
    every: u32,
    planned: bool,
    event: Option<&'static str>,
}

/// One expected item; `text` is filled in when the line is written.
#[derive(Clone, Debug)]
pub struct Item {
    pub text: String,
    cats: Vec<u8>,
    src: Src,
    dates: Vec<Date>,
    counts: Vec<Count>,
    at: Option<At>,
}

/// An item with these categories and source, no facts yet.
pub fn it(cats: &[u8], src: Src) -> Item {
    Item {
        text: String::new(),
        cats: cats.to_vec(),
        src,
        dates: Vec::new(),
        counts: Vec::new(),
        at: None,
    }
}

fn opt(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

impl Item {
    /// A date; `""` for a null start or end.
    pub fn d(
        mut self,
        text: &'static str,
        start: &'static str,
        end: &'static str,
        planned: bool,
    ) -> Self {
        self.dates.push(Date {
            text,
            start: opt(start),
            end: opt(end),
            planned,
        });
        self
    }

    /// A single day or month: start = end.
    pub fn d1(self, text: &'static str, when: &'static str, planned: bool) -> Self {
        self.d(text, when, when, planned)
    }

    /// A count; `per` and `event` are `""` for null.
    pub fn c(
        mut self,
        text: &'static str,
        value: u32,
        per: &'static str,
        every: u32,
        planned: bool,
        event: &'static str,
    ) -> Self {
        self.counts.push(Count {
            text,
            value,
            per: opt(per),
            every,
            planned,
            event: opt(event),
        });
        self
    }

    pub fn at(mut self, at: At) -> Self {
        self.at = Some(at);
        self
    }
}

/// One expected section.
pub struct Section {
    pub number: u8,
    pub heading: String,
    pub fiscal_year: i32,
    pub items: Vec<Item>,
}

/// One expected submission.
pub struct Sub {
    pub locator: String,
    pub material_id: Option<&'static str>,
    pub areas: Vec<&'static str>,
    pub hubs: Vec<&'static str>,
    pub contractors: Vec<&'static str>,
    pub sections: Vec<Section>,
    /// (code, section, item index within the section)
    pub warnings: Vec<(&'static str, u8, usize)>,
}

impl Sub {
    pub fn new(locator: &str, material_id: Option<&'static str>) -> Self {
        Sub {
            locator: locator.to_string(),
            material_id,
            areas: Vec::new(),
            hubs: Vec::new(),
            contractors: Vec::new(),
            sections: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Opens section `number` with its expected heading and fiscal year.
    pub fn section(&mut self, number: u8, heading: &str, fiscal_year: i32) {
        self.sections.push(Section {
            number,
            heading: heading.to_string(),
            fiscal_year,
            items: Vec::new(),
        });
    }

    /// Adds `item` to the open section, its text taken from the written `raw`.
    pub fn push(&mut self, raw: &str, mut item: Item) {
        item.text = item_text(raw);
        self.sections
            .last_mut()
            .expect("a section is open")
            .items
            .push(item);
    }
}

/// Characters the derivation of `text` does not handle (NFKC would change them).
const UNHANDLED: [char; 3] = ['…', '･', '㈱'];

/// SPEC §3 + DECISIONS 2–3 on one written line (or a records activity cell).
pub fn item_text(raw: &str) -> String {
    let mut s = String::new();
    for ch in raw.chars() {
        assert!(
            !UNHANDLED.contains(&ch) && !('\u{FF61}'..='\u{FF9F}').contains(&ch),
            "{raw}: {ch} needs a hand-written text"
        );
        let c = match ch {
            // full-width ASCII; U+FF5E `～` is kept (SPEC §3)
            '\u{FF01}'..='\u{FF5D}' => char::from_u32(ch as u32 - 0xFEE0).expect("ASCII"),
            '\u{3000}' | '\n' | '\t' => ' ',
            other => other,
        };
        if c == ' ' && (s.is_empty() || s.ends_with(' ')) {
            continue;
        }
        s.push(c);
    }
    let s = s.trim_end();
    let s = s
        .strip_prefix(['・', '○', '●', '◎', '◆', '◇', '■', '□'])
        .unwrap_or(s)
        .trim_start();
    let s = s.trim_start_matches(['①', '②', '③', '④', '⑤']);
    assert!(!s.is_empty(), "{raw}: empty item");
    s.to_string()
}

fn item_json(it: &Item) -> Value {
    let mut o = Map::new();
    o.insert("text".into(), json!(it.text));
    o.insert("categories".into(), json!(it.cats));
    o.insert("category_source".into(), json!(it.src.as_str()));
    let dates: Vec<Value> = it
        .dates
        .iter()
        .map(|d| json!({"text": d.text, "start": d.start, "end": d.end, "planned": d.planned}))
        .collect();
    o.insert("dates".into(), Value::Array(dates));
    let counts: Vec<Value> = it
        .counts
        .iter()
        .map(|c| {
            json!({"text": c.text, "value": c.value, "per": c.per, "every": c.every,
                   "planned": c.planned, "event": c.event})
        })
        .collect();
    o.insert("counts".into(), Value::Array(counts));
    if let Some(at) = &it.at {
        let v = match at {
            At::Cell(t, r, c, p) => json!({"table": t, "row": r, "col": c, "paragraph": p}),
            At::Body(p) => json!({"table": null, "row": null, "col": null, "paragraph": p}),
            At::Sheet(s, r, c, p) => json!({"sheet": s, "row": r, "col": c, "paragraph": p}),
        };
        o.insert("at".into(), v);
    }
    Value::Object(o)
}

fn kind(number: u8) -> &'static str {
    match number {
        1 => "results",
        2 => "issues",
        3 => "plan",
        _ => "progress",
    }
}

fn sub_json(s: &Sub) -> Value {
    let sections: Vec<Value> = s
        .sections
        .iter()
        .map(|sec| {
            let items: Vec<Value> = sec.items.iter().map(item_json).collect();
            json!({"number": sec.number, "kind": kind(sec.number), "heading": sec.heading,
                   "fiscal_year": sec.fiscal_year, "items": items})
        })
        .collect();
    let warnings: Vec<Value> = s
        .warnings
        .iter()
        .map(|(code, section, item)| {
            json!({"code": code, "section": section, "item": item, "message": ""})
        })
        .collect();
    json!({
        "locator": s.locator,
        "material_id": s.material_id,
        "target_areas": s.areas,
        "hubs": s.hubs,
        "contractors": s.contractors,
        "sections": sections,
        "warnings": warnings,
    })
}

/// The whole expected file, pretty-printed as the other expected files are.
pub fn file_json(path: &str, format: &str, subs: &[Sub]) -> String {
    let subs: Vec<Value> = subs.iter().map(sub_json).collect();
    let v = json!({
        "schema": "shiryo/v1",
        "source": {"path": path, "format": format},
        "submissions": subs,
        "diagnostics": [],
        "error": null,
    });
    let mut s = serde_json::to_string_pretty(&v).expect("JSON");
    s.push('\n');
    s
}
