//! Typed .xls cells read as displayed (DECISIONS 23); calamine applies no
//! number format of a BIFF file (it only tells dates from numbers).
//!
//! Owns: one pass over the BIFF8 `Workbook` stream: the sheets' names and
//! positions (BOUNDSHEET8), the number formats (FORMAT, and built-in ids),
//! the cell formats (XF → format id), the 1904 date system (DATE1904), and
//! each numeric cell (NUMBER, RK, MULRK, a FORMULA's cached number) whose
//! format is not General, shown through its code by `numfmt` (`3回`, `30%`,
//! `2025/10/13`, `令和7年10月13日`). Older BIFF versions give nothing here
//! (their cells read as calamine gives them).
//!
//! Must not know: merged cells, the model; forms.

use super::super::sniff::ole::Compound;
use super::numfmt::{self, NumFmt};
use super::shown::{serial_moment, Displayed};
use std::collections::HashMap;

/// No sheet written by a person has more typed cells than this.
const MAX_TYPED: usize = 1_000_000;

const BOF: u16 = 0x0809;
const BOUND_SHEET: u16 = 0x0085;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const DATE_1904: u16 = 0x0022;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MUL_RK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A BIFF8 string of `cch` characters at `at`: a flags byte (bit 0: UTF-16),
/// then the characters.
fn string(b: &[u8], at: usize, cch: usize) -> Option<String> {
    let flags = *b.get(at)?;
    let chars = b.get(at + 1..)?;
    if flags & 1 == 0 {
        Some(chars.get(..cch)?.iter().map(|&c| char::from(c)).collect())
    } else {
        let units: Vec<u16> = chars
            .get(..cch * 2)?
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    }
}

/// An RK number (MS-XLS 2.5.217).
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

/// The displayed text of the typed cells of an .xls (empty when the file is
/// not BIFF8 or cannot be read).
pub fn scan(bytes: &[u8]) -> Displayed {
    let Ok(ole) = Compound::open(bytes) else {
        return Displayed::new();
    };
    let entries = ole.root_entries().unwrap_or_default();
    let stream = entries
        .iter()
        .find(|e| e.name == "Workbook")
        .and_then(|e| ole.read(e).ok());
    stream.map(|s| scan_stream(&s)).unwrap_or_default()
}

/// The same, from the `Workbook` stream.
fn scan_stream(stream: &[u8]) -> Displayed {
    let mut out = Displayed::new();
    let mut sheets: HashMap<u32, String> = HashMap::new();
    let mut codes: HashMap<u16, String> = HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut formats: HashMap<u16, Option<NumFmt>> = HashMap::new();
    let mut is_1904 = false;
    let mut sheet: Option<String> = None;
    let mut total = 0usize;
    let mut pos = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let at = pos;
        let start = pos + 4;
        let Some(data) = stream.get(start..start + usize::from(len)) else {
            break;
        };
        pos = start + usize::from(len);
        let mut value = |row: u16, col: u16, ixfe: u16, v: f64| {
            let (Some(name), Some(&ifmt)) = (&sheet, xfs.get(usize::from(ixfe))) else {
                return;
            };
            let format = formats.entry(ifmt).or_insert_with(|| {
                let code = codes.get(&ifmt).map(String::as_str);
                let f = NumFmt::parse(code.or(numfmt::builtin(u32::from(ifmt)))?);
                Some(f).filter(|f| !f.is_general())
            });
            let shown = match format {
                Some(f) if f.is_date() && v >= 1.0 && super::text::shows_as_date(v, is_1904) => {
                    f.date(&serial_moment(v, is_1904))
                }
                Some(f) if !f.is_date() => Some(f.number(v)),
                _ => None,
            };
            if let (Some(text), true) = (shown, total < MAX_TYPED) {
                let cells = out.entry(name.clone()).or_default();
                cells.insert((u32::from(row), u32::from(col)), text);
                total += 1;
            }
        };
        let cell = (u16_at(data, 0), u16_at(data, 2), u16_at(data, 4));
        match typ {
            BOF => {
                // BIFF8 only: the version is 0x0600.
                if u16_at(data, 0) != Some(0x0600) {
                    return out;
                }
                sheet = u32::try_from(at).ok().and_then(|a| sheets.get(&a)).cloned();
            }
            BOUND_SHEET => {
                let (Some(offset), Some(&cch)) = (u32_at(data, 0), data.get(6)) else {
                    continue;
                };
                if let Some(name) = string(data, 7, usize::from(cch)) {
                    sheets.insert(offset, name);
                }
            }
            FORMAT => {
                if let (Some(id), Some(cch)) = (u16_at(data, 0), u16_at(data, 2)) {
                    if let Some(code) = string(data, 4, usize::from(cch)) {
                        codes.insert(id, code);
                    }
                }
            }
            XF => xfs.push(u16_at(data, 2).unwrap_or(0)),
            DATE_1904 => is_1904 = u16_at(data, 0) == Some(1),
            NUMBER => {
                let v = data.get(6..14).and_then(|b| b.try_into().ok());
                if let ((Some(r), Some(c), Some(x)), Some(v)) = (cell, v) {
                    value(r, c, x, f64::from_le_bytes(v));
                }
            }
            RK => {
                if let ((Some(r), Some(c), Some(x)), Some(v)) = (cell, u32_at(data, 6)) {
                    value(r, c, x, rk(v));
                }
            }
            MUL_RK => {
                let (Some(r), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let records = data.get(4..data.len().saturating_sub(2)).unwrap_or(&[]);
                for (i, rec) in records.chunks_exact(6).enumerate() {
                    let (Some(x), Some(v)) = (u16_at(rec, 0), u32_at(rec, 2)) else {
                        continue;
                    };
                    let c = u16::try_from(i).ok().and_then(|i| first.checked_add(i));
                    if let Some(c) = c {
                        value(r, c, x, rk(v));
                    }
                }
            }
            FORMULA => {
                // A cached number, unless its last two bytes are 0xFFFF
                // (string, boolean, error or empty result).
                let v = data.get(6..14).filter(|b| b[6..8] != [0xFF, 0xFF]);
                let v = v.and_then(|b| b.try_into().ok()).map(f64::from_le_bytes);
                if let ((Some(r), Some(c), Some(x)), Some(v)) = (cell, v) {
                    value(r, c, x, v);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((data.len() as u16).to_le_bytes());
        v.extend(data);
        v
    }

    fn bof() -> Vec<u8> {
        record(BOF, &[0x00, 0x06, 0x10, 0, 0, 0, 0, 0])
    }

    fn format(id: u16, code: &str) -> Vec<u8> {
        let units: Vec<u16> = code.encode_utf16().collect();
        let mut d = id.to_le_bytes().to_vec();
        d.extend((units.len() as u16).to_le_bytes());
        d.push(1);
        d.extend(units.iter().flat_map(|u| u.to_le_bytes()));
        record(FORMAT, &d)
    }

    fn xf(ifmt: u16) -> Vec<u8> {
        let mut d = vec![0, 0];
        d.extend(ifmt.to_le_bytes());
        d.extend([0; 16]);
        record(XF, &d)
    }

    fn cell(row: u16, col: u16, ixfe: u16) -> Vec<u8> {
        [row, col, ixfe]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect()
    }

    #[test]
    fn typed_cells_of_a_biff8_stream() {
        let mut globals = bof();
        globals.extend(format(164, "0\"回\""));
        globals.extend(format(165, "[$-411]ggge\"年\"m\"月\"d\"日\""));
        for ifmt in [0, 164, 165, 9, 14, 56] {
            globals.extend(xf(ifmt));
        }
        let sheet_at = globals.len() + 4 + 12;
        let mut bound = (sheet_at as u32).to_le_bytes().to_vec();
        bound.extend([0, 0, 2, 1]); // visible worksheet; 2 UTF-16 characters
        bound.extend("集計".encode_utf16().flat_map(|u| u.to_le_bytes()));
        globals.extend(record(BOUND_SHEET, &bound));
        let mut s = globals;
        assert_eq!(s.len(), sheet_at);
        s.extend(bof());
        let mut number = cell(0, 0, 1);
        number.extend(3.0f64.to_le_bytes());
        s.extend(record(NUMBER, &number));
        let mut general = cell(0, 1, 0);
        general.extend(7.0f64.to_le_bytes());
        s.extend(record(NUMBER, &general));
        // MULRK: 45943 (an RK integer) as an era date and as yyyy/m/d; 0.3 as a percentage.
        let mut mul = [1u16, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<u8>>();
        for (ixfe, rkv) in [
            (2u16, (45943u32 << 2) | 2),
            (4, (45943 << 2) | 2),
            (5, (45943 << 2) | 2),
        ] {
            mul.extend(ixfe.to_le_bytes());
            mul.extend(rkv.to_le_bytes());
        }
        mul.extend(2u16.to_le_bytes());
        s.extend(record(MUL_RK, &mul));
        let mut pct = cell(2, 0, 3);
        pct.extend(((30u32 << 2) | 3).to_le_bytes()); // 30 / 100
        s.extend(record(RK, &pct));
        let mut formula = cell(3, 0, 1);
        formula.extend(12.0f64.to_le_bytes());
        formula.extend([0; 6]);
        s.extend(record(FORMULA, &formula));
        let shown = scan_stream(&s);
        let cells = &shown["集計"];
        let at = |r, c| cells.get(&(r, c)).map(String::as_str);
        assert_eq!(at(0, 0), Some("3回"));
        assert_eq!(at(0, 1), None); // General: calamine's reading stands
        assert_eq!(at(1, 0), Some("令和7年10月13日"));
        assert_eq!(at(1, 1), Some("2025/10/13"));
        assert_eq!(at(1, 2), Some("10月13日"));
        assert_eq!(at(2, 0), Some("30%"));
        assert_eq!(at(3, 0), Some("12回"));
    }

    #[test]
    fn damaged_streams_give_what_they_can() {
        assert!(scan_stream(&[]).is_empty());
        assert!(scan_stream(&[0x09, 0x08, 0xFF, 0xFF, 1]).is_empty());
        assert!(scan(b"not an ole file").is_empty());
    }
}
