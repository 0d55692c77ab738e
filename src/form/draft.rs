//! Forms as the scanner builds them, and their conversion into the JSON contract:
//! section kinds and fiscal years, text analysis of every item (categories from
//! words, dates, counts) and the per-submission warnings.

use std::collections::BTreeMap;

use super::analyse;
use super::lines::{self, HeaderField};
use crate::output::{Section, Submission, Warning};
use crate::text::similar::{self, FormItem, Wording};
use crate::text::{self, TextContext};

/// How an item got its categories (SPEC §2 `category_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CategorySource {
    Marker,
    Heading,
    Column,
    Inherited,
    Classifier,
}

impl CategorySource {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            CategorySource::Marker => "marker",
            CategorySource::Heading => "heading",
            CategorySource::Column => "column",
            CategorySource::Inherited => "inherited",
            CategorySource::Classifier => "classifier",
        }
    }
}

/// Where a draft item came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Body {
        paragraph: usize,
    },
    Table {
        table: usize,
        row: usize,
        col: usize,
        paragraph: usize,
    },
    Sheet {
        sheet: String,
        row: usize,
        col: usize,
        paragraph: usize,
    },
}

#[derive(Debug, Clone)]
pub struct DraftItem {
    pub text: String,
    pub categories: Vec<u8>,
    pub source: CategorySource,
    pub origin: Origin,
    /// A category heading line just above this item: its dates and counts join this item's.
    pub heading_text: Option<String>,
    /// The other cells of its row in a table of records (when, how often, who,
    /// remarks), left to right: their dates and counts are the item's too.
    pub facts: Vec<String>,
    /// A continuation line under an item the classifier decides: it takes
    /// that item's categories once they are known (DECISIONS 26).
    pub follows: bool,
    /// The topic label of its table row (`急変時の対応について`): when the
    /// item's own words decide no category, the label's words do (DECISIONS 63).
    pub context: Option<String>,
}

impl DraftItem {
    pub fn new(text: String, categories: Vec<u8>, source: CategorySource, origin: Origin) -> Self {
        DraftItem {
            text,
            categories,
            source,
            origin,
            heading_text: None,
            facts: Vec::new(),
            follows: false,
            context: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct DraftSection {
    pub number: u8,
    pub heading: String,
    pub items: Vec<DraftItem>,
}

#[derive(Debug, Clone, Default)]
pub struct DraftForm {
    pub material_id: Option<String>,
    pub target_areas: Option<Vec<String>>,
    pub hubs: Option<Vec<String>>,
    pub contractors: Option<Vec<String>>,
    pub sections: Vec<DraftSection>,
    /// Number of the section items currently go to.
    pub current: Option<u8>,
    /// Grid position (row, col) of its 対象地域 label, when in a table.
    pub anchor: Option<(usize, usize)>,
    /// What the scanner read but could not place (for the review).
    pub observed: crate::review::Observed,
}

impl DraftForm {
    pub fn has_header(&self) -> bool {
        self.target_areas.is_some() || self.hubs.is_some() || self.contractors.is_some()
    }

    pub fn has_content(&self) -> bool {
        self.has_header() || !self.sections.is_empty()
    }

    pub fn set_header(&mut self, field: HeaderField, names: Vec<String>) {
        let slot = match field {
            HeaderField::TargetAreas => &mut self.target_areas,
            HeaderField::Hubs => &mut self.hubs,
            HeaderField::Contractors => &mut self.contractors,
        };
        slot.get_or_insert_with(Vec::new).extend(names);
    }

    pub fn start_section(&mut self, number: u8, heading: String) {
        self.sections.push(DraftSection {
            number,
            heading,
            items: Vec::new(),
        });
        self.current = Some(number);
    }

    pub fn push_item(&mut self, item: DraftItem) {
        if let Some(s) = self.sections.last_mut() {
            s.items.push(item);
        }
    }

    /// Build the contract's submission: analyse every item's text, add warnings.
    pub fn finish(mut self, locator: String) -> Submission {
        let observed = std::mem::take(&mut self.observed);
        let mut warnings = Vec::new();
        decide_categories(&mut self.sections);
        let years = section_years(&self.sections);
        let mut sections: Vec<Section> = Vec::new();
        for (idx, ds) in self.sections.into_iter().enumerate() {
            let fy = years[idx];
            let kind = kind_name(ds.number);
            let named = lines::heading_kind_words(&ds.heading);
            if !named.is_empty() && !named.contains(&ds.number) {
                warnings.push(Warning {
                    code: "heading_mismatch".into(),
                    section: Some(ds.number),
                    item: None,
                    message: format!(
                        "section {} is the {} section by position, but its heading 「{}」 names {}",
                        ds.number,
                        kind,
                        ds.heading,
                        named
                            .iter()
                            .map(|k| kind_name(*k))
                            .collect::<Vec<_>>()
                            .join("/")
                    ),
                });
            }
            let ctx = TextContext {
                fiscal_year: fy,
                plan_section: ds.number == 3,
            };
            let mut items = Vec::new();
            for (i, di) in ds.items.into_iter().enumerate() {
                let item = analyse::analyse(di, &ctx, ds.number, i, &mut warnings);
                items.push(item);
            }
            if items.is_empty() {
                warnings.push(Warning {
                    code: "empty_section".into(),
                    section: Some(ds.number),
                    item: None,
                    message: format!("section {} ({}) has no items", ds.number, ds.heading),
                });
            }
            sections.push(Section {
                number: ds.number,
                kind: kind.into(),
                heading: ds.heading,
                fiscal_year: fy,
                items,
            });
        }
        for n in 1..=4u8 {
            if !sections.iter().any(|s| s.number == n) {
                warnings.push(Warning {
                    code: "missing_section".into(),
                    section: Some(n),
                    item: None,
                    message: format!("section {n} ({}) is missing", kind_name(n)),
                });
            }
        }
        sections.sort_by_key(|s| s.number);
        warnings.sort_by_key(|w| (w.section, w.item.map_or(0, |i| i + 1)));
        let mut sub = Submission {
            id: String::new(),
            locator,
            material_id: self.material_id,
            target_areas: self.target_areas.unwrap_or_default(),
            hubs: self.hubs.unwrap_or_default(),
            contractors: self.contractors.unwrap_or_default(),
            sections,
            warnings,
            review: None,
        };
        sub.review = Some(crate::review::review(&sub, &observed));
        sub
    }
}

/// Categories of the items the form does not label (`Classifier`): in sections
/// 1, 3 and 4 an item that repeats a labelled item of the same submission (plan
/// and progress of one activity) takes that item's categories — the hub's own
/// filing; every other one, and all of section 2 (issues, not activities), is
/// classified from its words.
fn decide_categories(sections: &mut [DraftSection]) {
    let unlabelled: Vec<bool> = sections
        .iter()
        .flat_map(|s| &s.items)
        .map(|i| i.source == CategorySource::Classifier)
        .collect();
    if !unlabelled.contains(&true) {
        return;
    }
    let labelled = |i: &DraftItem| {
        matches!(
            i.source,
            CategorySource::Marker | CategorySource::Heading | CategorySource::Column
        )
    };
    let items: Vec<FormItem> = sections
        .iter()
        .flat_map(|s| {
            s.items.iter().map(move |i| FormItem {
                wording: Wording::new(&i.text),
                section: s.number,
                categories: labelled(i).then_some(i.categories.as_slice()),
            })
        })
        .collect();
    // The example's categories, copied out before the items are changed.
    let from_example: Vec<Option<Vec<u8>>> =
        similar::repeated_in_form(&items, similar::MIN_SIMILARITY, |i| unlabelled[i])
            .into_iter()
            .map(|r| r.map(|j| items[j].categories.unwrap_or_default().to_vec()))
            .collect();
    // Section 2: the issue model's guesses (the lexicon read no area) are
    // kept aside until the form's structure has spoken.
    let mut examples = from_example.into_iter().zip(unlabelled);
    for s in sections.iter_mut() {
        let number = s.number;
        let mut guesses = Vec::new();
        for (item, (example, unlabelled)) in s.items.iter_mut().zip(examples.by_ref()) {
            let mut guess = None;
            if unlabelled {
                item.categories = match example {
                    Some(example) => example,
                    None => own_reading(&item.text, number, &mut guess),
                };
                if item.categories.is_empty() {
                    if let Some(topic) = &item.context {
                        item.categories = own_reading(topic, number, &mut None);
                    }
                }
            }
            guesses.push(guess.filter(|_| item.categories.is_empty()));
        }
        if number != 2 {
            continue;
        }
        beside_the_issue(&mut s.items);
        for (item, guess) in s.items.iter_mut().zip(guesses) {
            if let Some(guess) = guess.filter(|_| item.categories.is_empty()) {
                item.categories = guess;
            }
        }
        under_the_intro(&mut s.items);
    }
    // Continuation lines follow the item above them, now that it is decided.
    for s in sections.iter_mut() {
        for i in 1..s.items.len() {
            if s.items[i].follows {
                s.items[i].categories = s.items[i - 1].categories.clone();
            }
        }
    }
}

/// An unlabelled item's categories from its own words; in section 2 an issue
/// the lexicon reads no area in gets none here, and the issue model's guess
/// goes to `guess` (it applies when the form's structure decides nothing).
fn own_reading(text: &str, section: u8, guess: &mut Option<Vec<u8>>) -> Vec<u8> {
    let text = text::analysed_part(text);
    if section != 2 {
        return text::classify::classify_in_section(text, section);
    }
    let reading = text::classify::read_issue(text);
    if reading.guessed {
        *guess = Some(reading.categories);
        Vec::new()
    } else {
        reading.categories
    }
}

/// Section 2 (DECISIONS 63): a response written beside its issue in a table
/// row (`課題 | 対応`) whose own words decide no category takes the
/// categories of the issues to its left in the same row — it answers them.
fn beside_the_issue(items: &mut [DraftItem]) {
    // Per row, per column: the categories of its items, as a bit set; then,
    // per column, the union of the columns left of it (one pass per row, so
    // a hostile row of thousands of cells stays linear).
    let mut rows: BTreeMap<(usize, &str, usize), BTreeMap<usize, u8>> = BTreeMap::new();
    for item in items.iter() {
        if let Some((t, sheet, row, col)) = in_table(&item.origin) {
            let mask = item.categories.iter().fold(0u8, |m, &c| m | 1 << c);
            *rows
                .entry((t, sheet, row))
                .or_default()
                .entry(col)
                .or_default() |= mask;
        }
    }
    let mut left_of: BTreeMap<(usize, &str, usize, usize), u8> = BTreeMap::new();
    for (key, cols) in &rows {
        let mut before = 0u8;
        for (&col, &mask) in cols {
            left_of.insert((key.0, key.1, key.2, col), before);
            before |= mask;
        }
    }
    let answers: Vec<u8> = items
        .iter()
        .map(|item| {
            let unanswered =
                item.categories.is_empty() && item.source == CategorySource::Classifier;
            match in_table(&item.origin) {
                Some(place) if unanswered => left_of.get(&place).copied().unwrap_or(0),
                _ => 0,
            }
        })
        .collect();
    for (item, mask) in items.iter_mut().zip(answers) {
        if mask != 0 {
            item.categories = (1..=5).filter(|c| mask & (1 << c) != 0).collect();
        }
    }
}

/// The table (or sheet), row and column of an item read from a table cell.
fn in_table(o: &Origin) -> Option<(usize, &str, usize, usize)> {
    match o {
        Origin::Body { .. } => None,
        _ => Some(same_cell(o)),
    }
}

/// Section 2: an issue that introduces the lines after it
/// (`急変時・看取りについて、次の2点が課題である。`, `以下の3つ：`) names their
/// area: each of the lines it introduces — the number it states, else the
/// rest of its cell — adds the introduction's categories to its own.
fn under_the_intro(items: &mut [DraftItem]) {
    let mut i = 0;
    while i < items.len() {
        let Some(stated) = introduces(&items[i].text) else {
            i += 1;
            continue;
        };
        let cats = items[i].categories.clone();
        let cell = same_cell(&items[i].origin);
        let mut j = i + 1;
        while j < items.len()
            && stated.is_none_or(|n| j - i <= n)
            && same_cell(&items[j].origin) == cell
        {
            let mut merged = items[j].categories.clone();
            merged.extend(&cats);
            merged.sort_unstable();
            merged.dedup();
            items[j].categories = merged;
            j += 1;
        }
        i = j;
    }
}

/// Whether an issue introduces the lines after it, and how many it says
/// there are: `次の2点`, `以下の3つ`, `次のとおり` (none said).
fn introduces(text: &str) -> Option<Option<usize>> {
    let t = text.trim_end_matches(['。', ':', '：', ' ']);
    let at = t.rfind("次の").or_else(|| t.rfind("以下の"))?;
    let rest = &t[at..];
    // The introduction ends the line: `…次の2点が課題である`.
    if rest.chars().count() > 16 || rest.contains(['、', '。']) {
        return None;
    }
    let number: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit() && !"一二三四五六七八九".contains(*c))
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九".contains(*c))
        .collect();
    let n = number.parse::<usize>().ok().or_else(|| {
        "一二三四五六七八九"
            .chars()
            .position(|k| number.starts_with(k))
            .map(|p| p + 1)
    });
    let counted = ["点", "つ", "項目", "課題"]
        .iter()
        .any(|u| rest.contains(u));
    let listed = rest.contains("とおり") || rest.contains("通り");
    (counted || listed).then_some(n.filter(|&n| (1..=9).contains(&n)))
}

/// The cell an item came from: its table and cell, its sheet and cell, or
/// the body (one flow).
fn same_cell(o: &Origin) -> (usize, &str, usize, usize) {
    match o {
        Origin::Table {
            table, row, col, ..
        } => (*table, "", *row, *col),
        Origin::Sheet {
            sheet, row, col, ..
        } => (usize::MAX, sheet.as_str(), *row, *col),
        Origin::Body { .. } => (usize::MAX - 1, "", 0, 0),
    }
}

fn kind_name(n: u8) -> &'static str {
    match n {
        1 => "results",
        2 => "issues",
        3 => "plan",
        _ => "progress",
    }
}

/// Fiscal year of each section: from its heading, else its neighbour (2 from 1,
/// 4 from 3), else the other pair shifted by one year.
fn section_years(sections: &[DraftSection]) -> Vec<Option<i32>> {
    let own: Vec<Option<i32>> = sections
        .iter()
        .map(|s| lines::fiscal_year(&s.heading))
        .collect();
    let by_number = |n: u8| {
        sections
            .iter()
            .zip(&own)
            .find(|(s, y)| s.number == n && y.is_some())
            .and_then(|(_, y)| *y)
    };
    let base_prev = by_number(1)
        .or(by_number(2))
        .or(by_number(3).or(by_number(4)).map(|y| y - 1));
    let base_cur = by_number(3).or(by_number(4)).or(base_prev.map(|y| y + 1));
    sections
        .iter()
        .zip(own)
        .map(|(s, y)| y.or(if s.number <= 2 { base_prev } else { base_cur }))
        .collect()
}
