//! Excel tables of records (DECISIONS 19–20): a header row 取組内容 | 区分 |
//! 実施時期 | 回数 | 備考 and one row per activity; 実施時期 written or a real
//! date cell, 回数 a number formatted `0"回"`. The row is the item: its text is
//! the activity cell.

use crate::expect::{At, Item, Sub};
use crate::xsheet::{DateFmt, Grid};

/// What a 実施時期 cell holds.
pub enum When {
    Text(&'static str),
    Date((u16, u8, u8), DateFmt),
}

/// One row of a table of records.
pub struct Rec {
    act: &'static str,
    kubun: &'static str,
    when: When,
    times: Option<u32>,
    note: &'static str,
    exp: Item,
    at: bool,
}

pub fn rec(
    act: &'static str,
    kubun: &'static str,
    when: When,
    times: Option<u32>,
    note: &'static str,
    exp: Item,
) -> Rec {
    Rec {
        act,
        kubun,
        when,
        times,
        note,
        exp,
        at: false,
    }
}

impl Rec {
    /// `at` of this row's item is checked (the activity cell).
    pub fn checked(mut self) -> Self {
        self.at = true;
        self
    }
}

/// A table of records at row `*r` (header row, one row per record, a blank
/// row after); each record's item is pushed, with `at` when checked.
pub fn records(g: &mut Grid, r: &mut u32, s: &mut Sub, sheet: &'static str, recs: Vec<Rec>) {
    for (c, h) in ["取組内容", "区分", "実施時期", "回数", "備考"]
        .iter()
        .enumerate()
    {
        g.lab(*r, c as u16, c as u16, h);
    }
    *r += 1;
    for rec in recs {
        g.text(*r, 0, 0, rec.act);
        g.text(*r, 1, 1, rec.kubun);
        match rec.when {
            When::Text(t) => g.text(*r, 2, 2, t),
            When::Date(ymd, fmt) => g.date(*r, 2, ymd, fmt),
        }
        match rec.times {
            Some(n) => g.times(*r, 3, n),
            None => g.blank(*r, 3, 3),
        }
        g.text(*r, 4, 4, rec.note);
        let exp = if rec.at {
            rec.exp.at(At::Sheet(sheet, *r, 0, 0))
        } else {
            rec.exp
        };
        s.push(rec.act, exp);
        *r += 1;
    }
    *r += 1;
}
