//! Word list numbering (`word/numbering.xml`) and the counters Word keeps
//! while it numbers paragraphs (DECISIONS 24).
//!
//! Owns: the list definitions (`w:num` → `w:abstractNum` → `w:lvl` with
//! `w:start` and `w:numFmt`; a num's `w:lvlOverride` with `w:startOverride`
//! or a whole `w:lvl`), one counter per abstract list and level, advanced in
//! document order: a level counts on from its last value, restarts at
//! `w:start` after a paragraph of a higher level, and restarts at a num's
//! `w:startOverride` the first time that num is used. A level whose format is
//! `decimalEnclosedCircle` yields its counter as ①②③… for the reader to
//! write in front of the paragraph; other formats (bullets, decimal …) yield
//! nothing.
//!
//! Must not know: the body's structure, tables, the model.

use super::styles::{attr, local, StyleNum};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::{HashMap, HashSet};

/// What the body asks of the rest of the package about list numbering.
pub trait Lists {
    /// The numbering paragraphs of style `style` get from it.
    fn style(&mut self, style: &str) -> Option<StyleNum>;
    /// Count one shown paragraph of list `num_id` at level `ilvl`, in
    /// document order; the circled number Word writes before it, if any.
    fn marker(&mut self, num_id: u32, ilvl: u32) -> Option<char>;

    /// The numbering of a paragraph with direct `w:numId`/`w:ilvl` and
    /// style: the direct list, else the style's (with a direct level).
    fn paragraph(
        &mut self,
        num_id: Option<u32>,
        ilvl: Option<u32>,
        style: Option<&str>,
    ) -> Option<StyleNum> {
        match (num_id, style) {
            (Some(num_id), _) => Some(StyleNum { num_id, ilvl }),
            (None, Some(style)) => self.style(style).map(|n| StyleNum {
                ilvl: ilvl.or(n.ilvl),
                ..n
            }),
            (None, None) => None,
        }
    }
}

/// No styles and no numbering part (page headers).
pub struct NoLists;

impl Lists for NoLists {
    fn style(&mut self, _: &str) -> Option<StyleNum> {
        None
    }
    fn marker(&mut self, _: u32, _: u32) -> Option<char> {
        None
    }
}

/// Word's levels are 0–8.
const LEVELS: usize = 9;

/// One `w:lvl`: its start value and whether it counts in circled numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Level {
    start: Option<u32>,
    circled: Option<bool>,
}

impl Level {
    /// `self` with what `over` does not say taken from `base`.
    fn or(self, base: Level) -> Level {
        Level {
            start: self.start.or(base.start),
            circled: self.circled.or(base.circled),
        }
    }
}

/// One `w:num`: its abstract list and level overrides.
#[derive(Debug, Default)]
struct Num {
    abstract_id: u32,
    /// ilvl → (startOverride, level redefinition).
    overrides: HashMap<u32, (Option<u32>, Level)>,
}

/// The counters of one abstract list.
#[derive(Debug, Default)]
struct Counters {
    /// Each level's last value; None when it restarts at its next paragraph.
    last: [Option<u32>; LEVELS],
    /// The value a level restarts at next, when a num overrides its start.
    restart: [Option<u32>; LEVELS],
}

/// The list definitions of a document and the counters of its lists.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<u32, [Level; LEVELS]>,
    nums: HashMap<u32, Num>,
    /// abstract id → its counters.
    counters: HashMap<u32, Counters>,
    /// Nums whose start overrides were applied already.
    started: HashSet<u32>,
}

fn number(e: &quick_xml::events::BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

impl Numbering {
    /// Parse `numbering.xml`; anything unreadable leaves the lists seen so far.
    pub fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let mut r = Reader::from_str(xml);
        // Where we are: the abstract list or num being read, the level being
        // read (its ilvl), and the start override of the level override.
        let mut abstract_id: Option<u32> = None;
        let mut num: Option<(u32, Num)> = None;
        let mut level: Option<(u32, Level)> = None;
        let mut override_level: Option<(u32, Option<u32>)> = None;
        loop {
            let (e, is_start) = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    match local(e.name().0) {
                        "abstractNum" => abstract_id = None,
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                out.nums.insert(id, n);
                            }
                        }
                        "lvl" => out.end_level(abstract_id, &mut num, level.take()),
                        "lvlOverride" => {
                            if let (Some((_, n)), Some((ilvl, start))) =
                                (num.as_mut(), override_level.take())
                            {
                                n.overrides.entry(ilvl).or_default().0 = start;
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Ok(_) => continue,
            };
            match local(e.name().0) {
                "abstractNum" if is_start => abstract_id = number(&e, "abstractNumId"),
                "num" if is_start => {
                    num = number(&e, "numId").map(|id| (id, Num::default()));
                }
                "abstractNumId" => {
                    if let (Some((_, n)), Some(id)) = (num.as_mut(), number(&e, "val")) {
                        n.abstract_id = id;
                    }
                }
                "lvlOverride" if is_start => {
                    override_level = number(&e, "ilvl").map(|l| (l, None));
                }
                "startOverride" => {
                    if let Some((_, start)) = override_level.as_mut() {
                        *start = number(&e, "val");
                    }
                }
                "lvl" if is_start => {
                    let ilvl = number(&e, "ilvl").or(override_level.map(|o| o.0));
                    level = ilvl.map(|l| (l, Level::default()));
                }
                "start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = number(&e, "val");
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.circled =
                            Some(attr(&e, "val").as_deref() == Some("decimalEnclosedCircle"));
                    }
                }
                // Old properties of a tracked change, and a level's own
                // paragraph and run properties, say nothing here.
                name if is_start
                    && (name.ends_with("Change") || name == "pPr" || name == "rPr")
                    && r.read_to_end(e.name()).is_err() =>
                {
                    break;
                }
                _ => {}
            }
        }
        out
    }

    fn end_level(
        &mut self,
        abstract_id: Option<u32>,
        num: &mut Option<(u32, Num)>,
        level: Option<(u32, Level)>,
    ) {
        let Some((ilvl, def)) = level else {
            return;
        };
        if let Some((_, n)) = num.as_mut() {
            n.overrides.entry(ilvl).or_default().1 = def;
        } else if let (Some(id), Some(slot)) = (
            abstract_id,
            usize::try_from(ilvl).ok().filter(|&l| l < LEVELS),
        ) {
            self.abstracts
                .entry(id)
                .or_insert([Level::default(); LEVELS])[slot] = def;
        }
    }

    /// Count one paragraph of list `num_id` at level `ilvl`, in document
    /// order; its circled number when that level shows one.
    pub fn next(&mut self, num_id: u32, ilvl: u32) -> Option<char> {
        let n = self.nums.get(&num_id)?;
        let slot = usize::try_from(ilvl).ok().filter(|&l| l < LEVELS)?;
        let base = self
            .abstracts
            .get(&n.abstract_id)
            .map_or(Level::default(), |a| a[slot]);
        let level = n.overrides.get(&ilvl).map_or(base, |o| o.1.or(base));
        let c = self.counters.entry(n.abstract_id).or_default();
        if self.started.insert(num_id) {
            // The first paragraph of a num restarts the levels it overrides
            // (`w:startOverride`, or the start of a redefined level).
            for (&l, &(start, def)) in &n.overrides {
                let l = usize::try_from(l).unwrap_or(LEVELS);
                if let (Some(start), true) = (start.or(def.start), l < LEVELS) {
                    c.last[l] = None;
                    c.restart[l] = Some(start);
                }
            }
        }
        let value = match c.last[slot] {
            Some(v) => v.saturating_add(1),
            None => c.restart[slot].take().or(level.start).unwrap_or(0),
        };
        c.last[slot] = Some(value);
        for lower in c.last.iter_mut().skip(slot + 1) {
            *lower = None;
        }
        circled(value).filter(|_| level.circled == Some(true))
    }
}

/// ① … ⑳, ㉑ … ㊿ (⓪ for 0); None past 50, which has no circled character.
fn circled(n: u32) -> Option<char> {
    let code = match n {
        0 => 0x24EA,
        1..=20 => 0x2460 + n - 1,
        21..=35 => 0x3251 + n - 21,
        36..=50 => 0x32B1 + n - 36,
        _ => return None,
    };
    char::from_u32(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/><w:pPr><w:ind w:left="420"/></w:pPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimalEnclosedCircle"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="・"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num><w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num><w:num w:numId="5"><w:abstractNumId w:val="2"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimalEnclosedCircle"/></w:lvl></w:lvlOverride></w:num></w:numbering>"#;

    #[test]
    fn counters_follow_levels_starts_and_overrides() {
        let mut n = Numbering::parse(XML);
        let mut seq = |steps: &[(u32, u32)]| -> String {
            steps
                .iter()
                .map(|&(num, l)| n.next(num, l).unwrap_or('-'))
                .collect()
        };
        // Level 0 counts on; level 1 restarts under each new level-0 item;
        // level 2 (decimal) counts but shows no circle.
        assert_eq!(
            seq(&[(1, 0), (1, 1), (1, 1), (1, 2), (1, 0), (1, 1)]),
            "①①②-②①"
        );
        // Num 2 shares abstract 0 but restarts level 0 at 1 when first used,
        // then counts on; num 1 continues from there.
        assert_eq!(seq(&[(2, 0), (2, 0), (1, 0)]), "①②③");
        // w:start 3; bullets show nothing; a level redefined in an override.
        assert_eq!(seq(&[(3, 0), (3, 0), (4, 0), (5, 0), (5, 0)]), "③④-⑤⑥");
        // Unknown lists and levels show nothing.
        assert_eq!(seq(&[(9, 0), (1, 12)]), "--");
    }

    #[test]
    fn circled_numbers() {
        let shown: String = [1, 5, 20, 21, 35, 36, 50, 0]
            .into_iter()
            .filter_map(circled)
            .collect();
        assert_eq!(shown, "①⑤⑳㉑㉟㊱㊿⓪");
        assert_eq!(circled(51), None);
    }

    #[test]
    fn damaged_numbering_reads_what_it_can() {
        let cut = &XML[..XML.len() / 2];
        let mut n = Numbering::parse(cut);
        assert_eq!(n.next(1, 0), None); // the num elements come last
        assert_eq!(Numbering::parse("<<<").next(1, 0), None);
    }
}
