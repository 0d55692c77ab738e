//! A guard in front of calamine's .xls reader.
//!
//! `Xls::new` reads every sheet at once into dense ranges: it reserves
//! rows × columns from each sheet's DIMENSIONS record and then allocates the
//! bounding box of the cell records. A damaged or hostile record asks for
//! terabytes, and a failed allocation aborts the process (no panic to catch).
//! So the BIFF records are scanned here first, with the same arithmetic and
//! the same walk: calamine reads each sheet from the offset its BOUNDSHEET
//! record gives, which may point anywhere — even inside another record — so
//! every such offset is walked as calamine walks it (nested substreams
//! skipped, up to the sheet's own EOF), besides the stream read front to back.

use super::super::sniff::ole::{is_workbook_name, Compound};
use crate::read::ReadError;

/// Records that place one value at (row u16, col u16): Number, Label, RString,
/// BoolErr, Rk, LabelSst, Formula.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];
const MUL_RK: u16 = 0x00BD;
const DIMENSIONS: u16 = 0x0200;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILE_PASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;

fn u16_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?).into())
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Check that no sheet of the workbook makes calamine allocate more than
/// `limit` cells.
pub fn check(bytes: &[u8], limit: u64) -> Result<(), ReadError> {
    let ole = Compound::open(bytes).map_err(ReadError::Corrupt)?;
    ole.check_chains().map_err(ReadError::Corrupt)?;
    // Every stream calamine could take for the workbook (it looks the name up
    // in any letter case, anywhere in the directory).
    for entry in ole.entries_named(is_workbook_name) {
        let stream = ole.read(&entry).map_err(ReadError::Corrupt)?;
        check_workbook_stream(&stream, limit)?;
    }
    Ok(())
}

/// Check one Workbook stream: front to back, then every sheet as calamine walks it.
fn check_workbook_stream(stream: &[u8], limit: u64) -> Result<(), ReadError> {
    check_stream(stream, limit)?;
    // Sheets that share records (offsets into one another) make calamine
    // walk the same bytes once per sheet: bound the walk as well.
    let budget = stream.len().saturating_mul(4).saturating_add(1 << 20);
    let mut walked = 0usize;
    let mut offsets = sheet_offsets(stream);
    offsets.sort_unstable();
    for same in offsets.chunk_by(|a, b| a == b) {
        // calamine walks a sheet once per BOUNDSHEET record, even repeated.
        let once = check_sheet(stream, same[0], limit)?;
        walked = walked.saturating_add(once.saturating_mul(same.len()));
        if walked > budget {
            return Err(ReadError::TooLarge(format!(
                "the sheets of the .xls overlap: reading them walks more than {budget} bytes of a {}-byte stream",
                stream.len()
            )));
        }
    }
    Ok(())
}

/// Bounding box of the cell records of one substream.
#[derive(Default)]
struct Extent(Option<(u32, u32, u32, u32)>);

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, col, row, col),
            Some((r0, c0, r1, c1)) => (r0.min(row), c0.min(col), r1.max(row), c1.max(col)),
        });
    }

    fn area(&self) -> u64 {
        self.0.map_or(0, |(r0, c0, r1, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    }
}

fn too_large(area: u64, limit: u64) -> ReadError {
    ReadError::TooLarge(format!(
        "a sheet of the .xls spans {area} cells, over the limit of {limit}"
    ))
}

/// The records of `stream` from byte `at`: (type, data), until one does not fit.
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let (typ, len) = (u16_at(stream, pos)?, u16_at(stream, pos + 2)? as usize);
        let start = pos + 4;
        let data = stream.get(start..start + len)?;
        pos = start + len;
        Some((typ as u16, data))
    })
}

/// The sheet offsets of the BOUNDSHEET records in the workbook globals (up to
/// their EOF), as calamine collects them.
fn sheet_offsets(stream: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    for (typ, data) in records(stream, 0) {
        match typ {
            EOF => break,
            BOUNDSHEET => {
                if let Some(at) = u32_at(data, 0) {
                    out.push(at as usize);
                }
            }
            _ => {}
        }
    }
    out
}

/// Walk one sheet from `at` as calamine does: the first BOF is the sheet's
/// own, a later one opens a nested substream (skipped to its EOF), and the
/// sheet ends at an EOF outside any nested substream.
/// Returns the bytes walked.
fn check_sheet(stream: &[u8], at: usize, limit: u64) -> Result<usize, ReadError> {
    let mut extent = Extent::default();
    let (mut seen_bof, mut depth) = (false, 0usize);
    let mut walked = 0usize;
    for (typ, data) in records(stream, at) {
        walked += 4 + data.len();
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            EOF => break,
            DIMENSIONS => check_dimensions(data, limit)?,
            _ => add_cells(typ, data, &mut extent),
        }
    }
    if extent.area() > limit {
        return Err(too_large(extent.area(), limit));
    }
    Ok(walked)
}

/// The cells a record places, into `extent`.
fn add_cells(typ: u16, data: &[u8], extent: &mut Extent) {
    if typ == MUL_RK {
        if let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) {
            extent.add(row, first);
            if let Some(last) = data.len().checked_sub(2).and_then(|at| u16_at(data, at)) {
                extent.add(row, last);
            }
        }
    } else if CELL_RECORDS.contains(&typ) {
        if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
            extent.add(row, col);
        }
    }
}

/// Refuse a DIMENSIONS record whose area, computed as calamine computes it
/// (wrapping, as its release build does), is over `limit`: calamine reserves it.
fn check_dimensions(data: &[u8], limit: u64) -> Result<(), ReadError> {
    let (rf, rl, cf, cl) = match data.len() {
        10 => (
            u16_at(data, 0),
            u16_at(data, 2),
            u16_at(data, 4),
            u16_at(data, 6),
        ),
        14 | 16 => (
            u32_at(data, 0),
            u32_at(data, 4),
            u16_at(data, 8),
            u16_at(data, 10),
        ),
        _ => return Ok(()),
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
        return Ok(());
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (end_r, end_c) = if rl >= 1 && cl >= 1 {
        (rl - 1, cl - 1)
    } else {
        (rf, cf)
    };
    let rows = u64::from(end_r.wrapping_sub(rf).wrapping_add(1));
    let cols = u64::from(end_c.wrapping_sub(cf).wrapping_add(1));
    let area = rows.saturating_mul(cols);
    if area > limit {
        return Err(too_large(area, limit));
    }
    Ok(())
}

/// The stream read front to back, each BOF..EOF substream measured alone.
fn check_stream(stream: &[u8], limit: u64) -> Result<(), ReadError> {
    let mut extent = Extent::default();
    for (typ, data) in records(stream, 0) {
        match typ {
            BOF | EOF => {
                if extent.area() > limit {
                    return Err(too_large(extent.area(), limit));
                }
                extent = Extent::default();
            }
            FILE_PASS if u16_at(data, 0) != Some(0) => {
                return Err(ReadError::Encrypted(
                    "the workbook is password-protected; remove the password and save it again"
                        .into(),
                ));
            }
            DIMENSIONS => check_dimensions(data, limit)?,
            _ => add_cells(typ, data, &mut extent),
        }
    }
    if extent.area() > limit {
        return Err(too_large(extent.area(), limit));
    }
    Ok(())
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

    fn cell(typ: u16, row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(typ, &d)
    }

    #[test]
    fn a_normal_sheet_passes() {
        let mut s = record(BOF, &[0; 16]);
        s.extend(cell(0x00FD, 0, 0));
        s.extend(cell(0x0203, 40, 7));
        s.extend(record(EOF, &[]));
        assert!(check_stream(&s, 1 << 24).is_ok());
    }

    #[test]
    fn far_apart_cells_or_a_huge_dimensions_record_are_refused() {
        let mut s = record(BOF, &[0; 16]);
        s.extend(cell(0x00FD, 0, 0));
        s.extend(cell(0x0203, 65_535, 4_000));
        assert!(matches!(
            check_stream(&s, 1 << 24),
            Err(ReadError::TooLarge(_))
        ));

        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(4_000_000_000u32.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0, 0, 0]);
        let s = record(DIMENSIONS, &dims);
        assert!(matches!(
            check_stream(&s, 1 << 24),
            Err(ReadError::TooLarge(_))
        ));
    }

    /// A BOUNDSHEET offset that points inside an unknown record: read front
    /// to back the stream holds nothing large, but calamine reads the payload
    /// as the sheet's records.
    #[test]
    fn a_sheet_offset_inside_another_record_is_walked_as_calamine_walks_it() {
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(4_000_000_000u32.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0, 0, 0]);
        let mut hidden = record(BOF, &[0; 16]);
        hidden.extend(record(DIMENSIONS, &dims));
        hidden.extend(record(EOF, &[]));

        let mut s = record(BOF, &[0; 16]);
        let boundsheet_at = s.len();
        s.extend(record(BOUNDSHEET, &[0; 10]));
        s.extend(record(EOF, &[]));
        let payload_at = s.len() + 4;
        s.extend(record(0x1234, &hidden));
        s[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&(payload_at as u32).to_le_bytes());

        assert!(
            check_stream(&s, 1 << 24).is_ok(),
            "front to back it looks harmless"
        );
        assert_eq!(sheet_offsets(&s), vec![payload_at]);
        assert!(matches!(
            check_sheet(&s, payload_at, 1 << 24),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn nested_substreams_do_not_end_the_sheet() {
        let mut s = record(BOF, &[0; 16]);
        s.extend(record(BOF, &[0; 16]));
        s.extend(record(EOF, &[]));
        s.extend(cell(0x00FD, 0, 0));
        s.extend(cell(0x0203, 65_535, 4_000));
        s.extend(record(EOF, &[]));
        assert!(matches!(
            check_sheet(&s, 0, 1 << 24),
            Err(ReadError::TooLarge(_))
        ));
    }

    /// Many BOUNDSHEET records sending calamine over the same long run of
    /// records: refused before calamine walks it once per record.
    #[test]
    fn sheets_walking_the_same_records_again_and_again_are_refused() {
        let mut s = record(BOF, &[0; 16]);
        let first = s.len();
        for _ in 0..100 {
            s.extend(record(BOUNDSHEET, &[0; 10]));
        }
        s.extend(record(EOF, &[]));
        let sheet_at = (s.len() as u32).to_le_bytes();
        for i in 0..100 {
            let at = first + i * 14 + 4;
            s[at..at + 4].copy_from_slice(&sheet_at);
        }
        s.extend(record(BOF, &[0; 16]));
        for r in 0..60_000u16 {
            s.extend(cell(0x0203, r % 1000, 0));
        }
        assert_eq!(sheet_offsets(&s).len(), 100);
        assert!(matches!(
            check_workbook_stream(&s, 1 << 24),
            Err(ReadError::TooLarge(m)) if m.contains("overlap")
        ));
        // One sheet over the same records is fine.
        let mut one = s.clone();
        for i in 1..100 {
            let at = first + i * 14;
            one[at..at + 2].copy_from_slice(&0x1234u16.to_le_bytes());
        }
        assert!(check_workbook_stream(&one, 1 << 24).is_ok());
    }
}
