//! A guard in front of calamine's .xls reader.
//!
//! `Xls::new` reads every sheet at once into dense ranges: it reserves
//! rows × columns from each sheet's DIMENSIONS record and then allocates the
//! bounding box of the cell records. A damaged or hostile record asks for
//! terabytes, and a failed allocation aborts the process (no panic to catch).
//! So the BIFF records are scanned here first, with the same arithmetic.

use super::super::sniff::ole::Compound;
use crate::read::ReadError;

/// Records that place one value at (row u16, col u16): Number, Label, RString,
/// BoolErr, Rk, LabelSst, Formula.
const CELL_RECORDS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];
const MUL_RK: u16 = 0x00BD;
const DIMENSIONS: u16 = 0x0200;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILE_PASS: u16 = 0x002F;

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
    let entries = ole.root_entries().map_err(ReadError::Corrupt)?;
    for entry in entries
        .iter()
        .filter(|e| e.name == "Workbook" || e.name == "Book")
    {
        let stream = ole.read(entry).map_err(ReadError::Corrupt)?;
        check_stream(&stream, limit)?;
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

fn check_stream(stream: &[u8], limit: u64) -> Result<(), ReadError> {
    let too_large = |area: u64| {
        ReadError::TooLarge(format!(
            "a sheet of the .xls spans {area} cells, over the limit of {limit}"
        ))
    };
    let mut extent = Extent::default();
    let mut pos = 0usize;
    while let (Some(typ), Some(len)) = (u16_at(stream, pos), u16_at(stream, pos + 2)) {
        let start = pos + 4;
        let Some(data) = stream.get(start..start + len as usize) else {
            break;
        };
        pos = start + len as usize;
        match typ as u16 {
            BOF | EOF => {
                if extent.area() > limit {
                    return Err(too_large(extent.area()));
                }
                extent = Extent::default();
            }
            FILE_PASS if u16_at(data, 0) != Some(0) => {
                return Err(ReadError::Encrypted(
                    "the workbook is password-protected; remove the password and save it again"
                        .into(),
                ));
            }
            DIMENSIONS => {
                // As calamine computes it (wrapping, as its release build does).
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
                    _ => continue,
                };
                let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = (rf, rl, cf, cl) else {
                    continue;
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
                    return Err(too_large(area));
                }
            }
            MUL_RK => {
                if let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) {
                    extent.add(row, first);
                    if let Some(last) = data.len().checked_sub(2).and_then(|at| u16_at(data, at)) {
                        extent.add(row, last);
                    }
                }
            }
            t if CELL_RECORDS.contains(&t) => {
                if let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) {
                    extent.add(row, col);
                }
            }
            _ => {}
        }
    }
    if extent.area() > limit {
        return Err(too_large(extent.area()));
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
}
