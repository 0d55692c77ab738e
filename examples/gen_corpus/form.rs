//! One generated form (one submission), independent of Word or Excel: header,
//! material id, the four sections, and the category layout of each.

use crate::pools::*;
use crate::rng::Rng;
use crate::text::{self, Ctx, IssueStyle, Kind};

/// How the items of a categorised section (1, 3, 4) are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// (A) category heading lines `①会議の開催（年間５回開催）` with bullet items below.
    Headings,
    /// (B) a five-category header row and ONE merged cell below holding marked paragraphs.
    Merged,
    /// (C) as B, but the markers run mid-paragraph (`①…②…③…` in one paragraph).
    Inline,
    /// (D) one table row per marker: `①会議の開催` (or `①`) | the items.
    RowPerMarker,
    /// (E) a category header row and one row of five cells, items in their column.
    Columns,
}

pub const LAYOUTS: [Layout; 5] = [
    Layout::Headings,
    Layout::Merged,
    Layout::Inline,
    Layout::RowPerMarker,
    Layout::Columns,
];

/// Where a section's heading stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingStyle {
    /// A paragraph (or sheet row) of its own above the content.
    Body,
    /// The first row of the section's table, spanning every column.
    FullRow,
    /// A label cell left of the content (寝屋川市's sections 2 and 4).
    Label,
}

/// Items sharing categories: under one heading line, one marker run, or one column.
#[derive(Debug, Clone)]
pub struct Group {
    /// Sorted, distinct categories 1–5.
    pub cats: Vec<u8>,
    /// The category heading line of layout A (`①会議の開催（年間５回開催）`).
    pub heading: String,
    pub items: Vec<String>,
}

impl Group {
    /// The markers written before an item of this group (`①②`).
    pub fn markers(&self) -> String {
        self.cats.iter().map(|c| MARKERS[*c as usize - 1]).collect()
    }
}

/// The items of layout E's column `c`: those of the groups whose first category
/// is `c`, with their markers when the group has more than one category.
pub fn column_items(groups: &[Group], c: u8) -> impl Iterator<Item = String> + '_ {
    groups.iter().filter(move |g| g.cats[0] == c).flat_map(|g| {
        let m = if g.cats.len() > 1 {
            g.markers()
        } else {
            String::new()
        };
        g.items.iter().map(move |i| format!("{m}{i}"))
    })
}

#[derive(Debug, Clone)]
pub enum Body {
    Groups(Vec<Group>),
    /// Section 2: lines as typed (prose, ○ bullets, 1. enumerations, ①… in one paragraph).
    Issues(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Section {
    /// Full heading as written: `（１）令和6年度の取組実績`, `(4) 令和7年度の 進捗状況`.
    pub heading: String,
    pub style: HeadingStyle,
    pub layout: Layout,
    /// A five-category header row precedes the content (always for B, C, E).
    pub category_row: bool,
    /// Word only: layout A's heading lines and bullets are body paragraphs (枚方市),
    /// not lines of one merged cell.
    pub in_body: bool,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub areas: String,
    pub hubs: String,
    pub contractors: String,
    /// 実施主体 comes first and 対象地域 is one of its rows (守口市).
    pub implementer_first: bool,
}

#[derive(Debug, Clone)]
pub struct Form {
    /// The first municipality, for file and sheet names.
    pub city: String,
    pub title: bool,
    pub material_id: Option<String>,
    pub header: Header,
    pub sections: Vec<Section>,
    /// Word: typed `・` bullets instead of auto-numbered ones; runs split as after editing.
    pub typed_bullets: bool,
    pub split_runs: bool,
}

impl Form {
    /// Items the recognizer should find (each statement or issue line is one).
    pub fn expected_items(&self) -> usize {
        self.sections
            .iter()
            .map(|s| match &s.body {
                Body::Groups(gs) => gs.iter().map(|g| g.items.len()).sum(),
                Body::Issues(lines) => lines.len(),
            })
            .sum()
    }
}

/// The municipalities a form covers: usually one, sometimes two neighbours.
fn areas(rng: &mut Rng, area: &Area, first: usize) -> Vec<&'static str> {
    let mut v = vec![area.cities[first]];
    if area.cities.len() > 2 && rng.chance(0.12) {
        let second = (first + 1) % area.cities.len();
        v.push(area.cities[second]);
    }
    v
}

fn short(city: &str) -> &str {
    city.strip_suffix('市').unwrap_or(city)
}

fn header(rng: &mut Rng, cities: &[&str]) -> Header {
    let c = cities[0];
    let hubs = if cities.len() == 2 && rng.chance(0.6) {
        format!("{}・{}医師会", short(cities[0]), short(cities[1]))
    } else {
        rng.pick(HUBS).replace("{c}", c)
    };
    let contractors = if cities.len() == 2 && rng.chance(0.5) {
        cities.join("、")
    } else {
        rng.pick(CONTRACTORS).replace("{c}", c)
    };
    Header {
        areas: cities.join("、"),
        hubs,
        contractors,
        implementer_first: rng.chance(0.15),
    }
}

/// `（１）` / `（1）` / `(1) ` before a heading.
fn number(rng: &mut Rng, no: u8, style: usize) -> String {
    match style {
        0 => format!("（{}）", text::wide(&no.to_string())),
        1 => format!("（{no}）"),
        _ => {
            let _ = rng;
            format!("({no}) ")
        }
    }
}

/// Groups of a categorised section: 2–5 groups, mostly one category each.
fn groups(rng: &mut Rng, ctx: &Ctx, layout: Layout) -> Vec<Group> {
    let k = rng.range(2, 5);
    let cats = rng.distinct(5, k);
    let mut out = Vec::new();
    for c in cats {
        let c = c as u8 + 1;
        let mut cs = vec![c];
        // Joint markers (①②, ③⑤) except where a column or heading must name one category.
        if c < 5 && layout != Layout::Headings && layout != Layout::RowPerMarker && rng.chance(0.15)
        {
            cs.push(rng.range(c as usize + 1, 5) as u8);
        }
        let n = match ctx.kind {
            Kind::Progress => rng.range(1, 2),
            _ => rng.range(1, 4),
        };
        let items = (0..n).map(|_| text::statement(rng, ctx, c)).collect();
        let heading = text::category_heading(rng, ctx, &cs);
        out.push(Group {
            cats: cs,
            heading,
            items,
        });
    }
    out
}

/// A random form of `area` whose first municipality is `cities[first]`.
/// `reiwa` is the results year (令和6 → the plan/progress year is 令和7).
pub fn random(
    rng: &mut Rng,
    area: &Area,
    first: usize,
    material: Option<(u32, usize)>,
    reiwa: u32,
) -> Form {
    let cities = areas(rng, area, first);
    let city = cities[0].to_string();
    let wide = rng.chance(0.35);
    let numbering = rng.weighted(&[3, 2, 2]);
    let material_id = material.map(|(a, b)| {
        let dash = rng.choose(DASHES);
        let (a, b) = if rng.chance(0.3) {
            (text::wide(&a.to_string()), text::wide(&b.to_string()))
        } else {
            (a.to_string(), b.to_string())
        };
        format!("資料{}{a}{dash}{b}", if rng.chance(0.5) { " " } else { "" })
    });
    let mut sections = Vec::new();
    for no in 1..=4u8 {
        let kind = Kind::of(no);
        let year = if no <= 2 { reiwa } else { reiwa + 1 };
        let ctx = Ctx {
            kind,
            reiwa: year,
            wide,
            city: city.clone(),
        };
        let mut words = rng.pick(SECTION_HEADINGS[no as usize - 1]).to_string();
        if no == 3 && rng.chance(0.04) {
            words = WRONG_PLAN_HEADING.to_string();
        }
        let heading = format!(
            "{}{}",
            number(rng, no, numbering),
            words.replace("{y}", &year.to_string())
        );
        let (style, layout, body) = if no == 2 {
            let style = rng.choose(&[
                IssueStyle::Prose,
                IssueStyle::Prose,
                IssueStyle::Circles,
                IssueStyle::Numbered,
                IssueStyle::Enumeration,
            ]);
            let hs = rng.choose(&[
                HeadingStyle::Body,
                HeadingStyle::Label,
                HeadingStyle::FullRow,
            ]);
            (hs, Layout::Merged, Body::Issues(text::issues(rng, style)))
        } else {
            let layout = LAYOUTS[rng.weighted(&[4, 4, 2, 2, 2])];
            let hs = match layout {
                Layout::Merged if no == 4 && rng.chance(0.4) => HeadingStyle::Label,
                _ => rng.choose(&[HeadingStyle::Body, HeadingStyle::FullRow]),
            };
            (hs, layout, Body::Groups(groups(rng, &ctx, layout)))
        };
        let category_row = match layout {
            _ if no == 2 || style == HeadingStyle::Label => false,
            Layout::Merged | Layout::Inline | Layout::Columns => true,
            Layout::Headings => rng.chance(0.6),
            Layout::RowPerMarker => false,
        };
        let in_body = layout == Layout::Headings && rng.chance(0.5);
        sections.push(Section {
            heading,
            style,
            layout,
            category_row,
            in_body,
            body,
        });
    }
    Form {
        city,
        title: rng.chance(0.5),
        material_id,
        header: header(rng, &cities),
        sections,
        typed_bullets: rng.chance(0.4),
        split_runs: rng.chance(0.3),
    }
}
