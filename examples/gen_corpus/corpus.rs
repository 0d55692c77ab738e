//! One corpus file from a seed and an index, in memory: which kind of file it
//! is, its forms, and its bytes. `gen_corpus` writes these to disk; the
//! `pipeline` bench (benches/pipeline.rs) holds a few of them in memory.

use std::collections::BTreeSet;
use std::io::Cursor;

use crate::form::{self, Form};
use crate::pools::AREAS;
use crate::rng::Rng;
use crate::{excel, jpeg, package, word};

/// The kinds of file in the corpus, with their share (per mille).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    DocxOne,
    DocxMany,
    XlsxOne,
    XlsxGrid,
    XlsxSheets,
}

pub const KINDS: [(FileKind, u32); 5] = [
    (FileKind::DocxOne, 40),
    (FileKind::DocxMany, 12),
    (FileKind::XlsxOne, 22),
    (FileKind::XlsxGrid, 12),
    (FileKind::XlsxSheets, 14),
];

/// One generated file.
pub struct GenFile {
    /// Path relative to the corpus root: `AREA/NNNNN_LABEL.EXT`.
    pub path: String,
    pub forms: usize,
    /// Items the recognizer should find (each statement or issue line).
    pub items: usize,
    pub bytes: Vec<u8>,
    pub kind: FileKind,
}

/// File `index` of the corpus seeded with `seed`.
pub fn generate(seed: u64, index: usize) -> GenFile {
    let mut rng = Rng::stream(seed, index as u64);
    let kind = KINDS[rng.weighted(&KINDS.map(|k| k.1))].0;
    let area = rng.pick(AREAS);
    let reiwa = [5, 6, 6, 6, 6, 6, 7][rng.below(7)];
    let bundle = rng.range(1, 4) as u32;
    let many = matches!(kind, FileKind::DocxMany | FileKind::XlsxSheets);
    let forms: Vec<Form> = if many {
        let k = rng.range(2, area.cities.len().min(6));
        let firsts = rng.distinct(area.cities.len(), k);
        firsts
            .iter()
            .enumerate()
            .map(|(b, c)| form::random(&mut rng, area, *c, Some((bundle, b + 1)), reiwa))
            .collect()
    } else {
        let c = rng.below(area.cities.len());
        let material = rng.chance(0.7).then(|| (bundle, rng.range(1, 8)));
        vec![form::random(&mut rng, area, c, material, reiwa)]
    };
    let label = if many {
        format!("資料{bundle}_{}", area.name)
    } else {
        match &forms[0].material_id {
            Some(_) => format!("資料{bundle}_{}", forms[0].city),
            None => forms[0].city.clone(),
        }
    };
    let (ext, (bytes, extra_items)) = match kind {
        FileKind::DocxOne | FileKind::DocxMany => ("docx", docx_bytes(&mut rng, &forms)),
        _ => ("xlsx", (xlsx_bytes(&mut rng, &forms, kind), 0)),
    };
    GenFile {
        path: format!("{}/{index:05}_{label}.{ext}", area.slug),
        forms: forms.len(),
        items: forms.iter().map(Form::expected_items).sum::<usize>() + extra_items,
        bytes,
        kind,
    }
}

/// The .docx and the items it adds beyond its forms' (a photo's caption is
/// one more paragraph of the last section).
fn docx_bytes(rng: &mut Rng, forms: &[Form]) -> (Vec<u8>, usize) {
    let docx = word::document(rng, forms);
    let mut packed = Cursor::new(Vec::new());
    docx.pack(&mut packed).expect("docx-rs packs");
    let photo = rng.chance(0.1).then(|| {
        let (w, h) = rng.choose(&[(640, 480), (480, 360), (800, 600)]);
        let rgb = jpeg::photo(rng, w, h);
        (jpeg::encode(&rgb, w, h), w, h)
    });
    let caption = usize::from(photo.is_some());
    let extras = package::Extras {
        font: "ＭＳ 明朝",
        photo,
        pages: forms.len() * 2,
    };
    (package::finish(packed.into_inner(), rng, &extras), caption)
}

fn xlsx_bytes(rng: &mut Rng, forms: &[Form], kind: FileKind) -> Vec<u8> {
    let grid = kind == FileKind::XlsxGrid || (kind == FileKind::XlsxSheets && rng.chance(0.3));
    let sheets: Vec<excel::SheetSpec> = if kind == FileKind::XlsxSheets {
        let mut names = BTreeSet::new();
        let mut sheets: Vec<excel::SheetSpec> = Vec::new();
        for f in forms {
            // Now and then a second form shares its sheet with the one before.
            if !sheets.is_empty() && rng.chance(0.08) {
                sheets.last_mut().expect("a sheet").forms.push(f.clone());
                continue;
            }
            let mut name = f.city.clone();
            while !names.insert(name.clone()) {
                name.push('_');
            }
            sheets.push(excel::SheetSpec {
                name,
                forms: vec![f.clone()],
                grid,
            });
        }
        sheets
    } else {
        let name = rng
            .pick(&["様式", "Sheet1", "報告様式", forms[0].city.as_str()])
            .to_string();
        vec![excel::SheetSpec {
            name,
            forms: forms.to_vec(),
            grid,
        }]
    };
    let hidden = rng.chance(0.05);
    excel::workbook(rng, &sheets, hidden)
}
