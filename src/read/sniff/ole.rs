//! A minimal reader of OLE compound files (legacy .doc/.xls, and the envelope
//! of password-protected OOXML files): the streams and storages at the root,
//! and the content of one root stream.
//!
//! Owns: the header, the FAT and mini FAT, the directory, sector chains.
//! Must not know: what the streams contain.

/// The compound-file signature.
pub const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;
const NO_STREAM: u32 = 0xFFFF_FFFF;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn bad(what: &str) -> String {
    format!("damaged OLE compound file ({what})")
}

/// An opened compound file over borrowed bytes.
pub struct Compound<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
    dir: Vec<u8>,
}

/// One entry directly under the root storage.
pub struct Entry {
    pub name: String,
    id: u32,
}

impl<'a> Compound<'a> {
    /// Read the header, the FAT and the directory.
    pub fn open(bytes: &'a [u8]) -> Result<Compound<'a>, String> {
        if bytes.len() < 512 || bytes[..8] != MAGIC {
            return Err(bad("header too short"));
        }
        let shift = u16_at(bytes, 0x1E).ok_or_else(|| bad("header"))?;
        if shift != 9 && shift != 12 {
            return Err(bad("sector size"));
        }
        let mut c = Compound {
            bytes,
            sector_size: 1usize << shift,
            fat: Vec::new(),
            dir: Vec::new(),
        };
        let max_sectors = bytes.len() / c.sector_size + 1;

        // The FAT sectors: 109 in the header, the rest along the DIFAT chain.
        let num_fat = u32_at(bytes, 0x2C).ok_or_else(|| bad("header"))? as usize;
        if num_fat > max_sectors {
            return Err(bad("FAT size"));
        }
        let mut fat_sectors: Vec<u32> = Vec::with_capacity(num_fat);
        for i in 0..109 {
            let s = u32_at(bytes, 0x4C + 4 * i).ok_or_else(|| bad("header"))?;
            if s != FREE && fat_sectors.len() < num_fat {
                fat_sectors.push(s);
            }
        }
        let mut difat = u32_at(bytes, 0x44).ok_or_else(|| bad("header"))?;
        let per_sector = c.sector_size / 4;
        let mut hops = 0;
        while difat != END_OF_CHAIN && difat != FREE && fat_sectors.len() < num_fat {
            hops += 1;
            if hops > max_sectors {
                return Err(bad("DIFAT loop"));
            }
            let s = c.sector(difat).ok_or_else(|| bad("DIFAT sector"))?;
            for i in 0..per_sector - 1 {
                let v = u32_at(s, 4 * i).unwrap_or(FREE);
                if v != FREE && fat_sectors.len() < num_fat {
                    fat_sectors.push(v);
                }
            }
            difat = u32_at(s, 4 * (per_sector - 1)).unwrap_or(END_OF_CHAIN);
        }
        let mut fat: Vec<u32> = Vec::with_capacity(fat_sectors.len() * per_sector);
        for &fs in &fat_sectors {
            let s = c.sector(fs).ok_or_else(|| bad("FAT sector"))?;
            fat.extend(
                s.chunks_exact(4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])),
            );
        }
        c.fat = fat;
        let first_dir = u32_at(bytes, 0x30).ok_or_else(|| bad("header"))?;
        c.dir = c.chain(first_dir, usize::MAX, "directory")?;
        Ok(c)
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        self.bytes.get(start..start.checked_add(self.sector_size)?)
    }

    /// The bytes along the FAT chain starting at `first`, at most `limit`.
    fn chain(&self, first: u32, limit: usize, what: &str) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut next = first;
        let mut hops = 0;
        while next != END_OF_CHAIN && out.len() < limit {
            hops += 1;
            if hops > self.bytes.len() / self.sector_size + 1 {
                return Err(bad(&format!("{what} chain loops")));
            }
            out.extend_from_slice(self.sector(next).ok_or_else(|| bad(what))?);
            next = *self
                .fat
                .get(next as usize)
                .ok_or_else(|| bad(&format!("{what} chain")))?;
        }
        out.truncate(limit);
        Ok(out)
    }

    fn entry(&self, id: u32) -> Option<&[u8]> {
        let at = (id as usize).checked_mul(128)?;
        self.dir.get(at..at + 128)
    }

    /// The entries directly under the root storage.
    pub fn root_entries(&self) -> Result<Vec<Entry>, String> {
        let root = self.entry(0).ok_or_else(|| bad("no root entry"))?;
        let mut out = Vec::new();
        let mut stack = vec![u32_at(root, 0x4C).unwrap_or(NO_STREAM)];
        let mut seen = 0usize;
        while let Some(id) = stack.pop() {
            if id == NO_STREAM {
                continue;
            }
            seen += 1;
            if seen > self.dir.len() / 128 + 1 {
                return Err(bad("directory tree loop"));
            }
            let Some(e) = self.entry(id) else { continue };
            let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = e[..len.saturating_sub(2)]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            out.push(Entry {
                name: String::from_utf16_lossy(&units),
                id,
            });
            stack.push(u32_at(e, 0x44).unwrap_or(NO_STREAM));
            stack.push(u32_at(e, 0x48).unwrap_or(NO_STREAM));
        }
        Ok(out)
    }

    /// Every directory entry (at any depth) whose name satisfies `wanted`,
    /// as calamine looks streams up: by name, anywhere in the directory.
    pub fn entries_named(&self, wanted: impl Fn(&str) -> bool) -> Vec<Entry> {
        self.dir
            .chunks_exact(128)
            .enumerate()
            .filter_map(|(id, e)| {
                let units: Vec<u16> = e[..64]
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .take_while(|&u| u != 0)
                    .collect();
                let name = String::from_utf16_lossy(&units);
                wanted(&name).then_some(Entry {
                    name,
                    id: u32::try_from(id).ok()?,
                })
            })
            .collect()
    }

    /// Check that every sector chain calamine follows to a length the file
    /// declares ends before that length or at END_OF_CHAIN: calamine grows a
    /// buffer along the chain until one of the two, so a chain that loops
    /// under a declared length of terabytes grows until memory runs out. The
    /// chains: the root entry's (the mini stream) and the mini FAT's when the
    /// header has a mini FAT, and every stream named Workbook or Book in any
    /// letter case (calamine picks one by name anywhere in the directory).
    pub fn check_chains(&self) -> Result<(), String> {
        let sectors = self.bytes.len() / self.sector_size + 1;
        let walk = |first: u32, len: u64, what: &str| -> Result<(), String> {
            let (mut next, mut got, mut hops) = (first, 0u64, 0usize);
            while next != END_OF_CHAIN && got < len {
                hops += 1;
                if hops > sectors {
                    return Err(bad(&format!("the {what} chain loops")));
                }
                got = got.saturating_add(self.sector_size as u64);
                match self.fat.get(next as usize) {
                    Some(&n) => next = n,
                    None => return Ok(()), // calamine stops with an error here
                }
            }
            Ok(())
        };
        let len_of = |e: &[u8]| -> u64 {
            if self.sector_size == 512 {
                u64::from(u32_at(e, 0x78).unwrap_or(0))
            } else {
                e.get(0x78..0x80)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, u64::from_le_bytes)
            }
        };
        let mini_fat_sectors = u64::from(u32_at(self.bytes, 0x40).unwrap_or(0));
        if mini_fat_sectors > 0 {
            let root = self.entry(0).ok_or_else(|| bad("no root entry"))?;
            walk(
                u32_at(root, 0x74).unwrap_or(END_OF_CHAIN),
                len_of(root),
                "mini stream",
            )?;
            walk(
                u32_at(self.bytes, 0x3C).unwrap_or(END_OF_CHAIN),
                mini_fat_sectors.saturating_mul(self.sector_size as u64),
                "mini FAT",
            )?;
        }
        for e in self.dir.chunks_exact(128) {
            let units: Vec<u16> = e[..64]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .take_while(|&u| u != 0)
                .collect();
            let name = String::from_utf16_lossy(&units);
            let is_book =
                name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book");
            let len = len_of(e);
            if is_book && len >= 4096 {
                walk(
                    u32_at(e, 0x74).unwrap_or(END_OF_CHAIN),
                    len,
                    "workbook stream",
                )?;
            }
        }
        Ok(())
    }

    /// The content of the stream `entry` (never longer than the file itself).
    pub fn read(&self, entry: &Entry) -> Result<Vec<u8>, String> {
        let e = self.entry(entry.id).ok_or_else(|| bad("entry"))?;
        let start = u32_at(e, 0x74).unwrap_or(END_OF_CHAIN);
        let size = (u32_at(e, 0x78).unwrap_or(0) as usize).min(self.bytes.len());
        let cutoff = u32_at(self.bytes, 0x38).unwrap_or(4096) as usize;
        if size >= cutoff {
            return self.chain(start, size, "stream");
        }
        // A small stream lives in the mini stream (the root entry's chain),
        // in 64-byte mini sectors chained by the mini FAT.
        let root = self.entry(0).ok_or_else(|| bad("no root entry"))?;
        let mini = self.chain(
            u32_at(root, 0x74).unwrap_or(END_OF_CHAIN),
            usize::MAX,
            "mini stream",
        )?;
        let minifat: Vec<u32> = self
            .chain(
                u32_at(self.bytes, 0x3C).unwrap_or(END_OF_CHAIN),
                usize::MAX,
                "mini FAT",
            )?
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let mut out = Vec::with_capacity(size);
        let mut next = start;
        let mut hops = 0;
        while next != END_OF_CHAIN && out.len() < size {
            hops += 1;
            if hops > mini.len() / 64 + 1 {
                return Err(bad("mini stream chain loops"));
            }
            let at = next as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64).ok_or_else(|| bad("mini sector"))?);
            next = *minifat
                .get(next as usize)
                .ok_or_else(|| bad("mini FAT chain"))?;
        }
        out.truncate(size);
        Ok(out)
    }
}

/// Whether calamine takes a stream of this name for the workbook.
pub fn is_workbook_name(name: &str) -> bool {
    name.eq_ignore_ascii_case("Workbook") || name.eq_ignore_ascii_case("Book")
}

/// The names of the entries directly under the root storage.
pub fn root_entries(bytes: &[u8]) -> Result<Vec<String>, String> {
    Ok(Compound::open(bytes)?
        .root_entries()?
        .into_iter()
        .map(|e| e.name)
        .collect())
}
