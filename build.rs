//! Builds the Japanese dictionary that `src/text/tokenize.rs` embeds.
//!
//! Input (all in the repository, nothing is downloaded):
//! - `dictionaries/ipadic/mecab-ipadic-2.7.0-20070801-utf8.tar.xz`: the full
//!   IPADIC source (CSV lexicon, char.def, unk.def, matrix.def …) in UTF-8;
//! - `dictionaries/domain_terms.csv`: domain terms that must be single tokens;
//! - `dictionaries/vocabulary.tsv`: the field's vocabulary; its rows with a
//!   `token` column become dictionary entries the same way (the file format is
//!   `src/text/vocabulary.rs`, included here so both read it alike).
//!
//! Output: lindera's binary dictionary format in `$OUT_DIR/ipadic/`
//! (`dict.trie`, `dict.vals`, `matrix.mtx` …), which the crate includes with
//! `include_bytes!`. The domain terms are compiled into the system dictionary
//! itself, as ordinary IPADIC entries, so there is no separate user dictionary
//! to load at run time.
//!
//! The script reruns only when one of those inputs (or this file) changes;
//! the category lexicon, also in `dictionaries/`, is read by the crate with
//! `include_str!` and does not rebuild the dictionary.

use std::error::Error;
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::dictionary::schema::Schema;

const IPADIC_ARCHIVE: &str = "dictionaries/ipadic/mecab-ipadic-2.7.0-20070801-utf8.tar.xz";
/// The top directory inside the archive.
const IPADIC_DIR: &str = "mecab-ipadic-2.7.0-20070801";
const DOMAIN_TERMS: &str = "dictionaries/domain_terms.csv";
const VOCABULARY: &str = "dictionaries/vocabulary.tsv";

#[path = "src/text/vocabulary.rs"]
mod vocabulary;
/// Word cost per character of a domain term without its own cost column.
/// Proportional to length, so a compound term (主治医・副主治医制) always beats
/// a path through the shorter domain terms inside it (主治医, 副主治医).
const DOMAIN_COST_PER_CHAR: i32 = -2000;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

fn main() -> Result<()> {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={IPADIC_ARCHIVE}");
    println!("cargo:rerun-if-changed={DOMAIN_TERMS}");
    println!("cargo:rerun-if-changed={VOCABULARY}");
    println!("cargo:rerun-if-changed=src/text/vocabulary.rs");

    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let work = out_dir.join("ipadic-src");
    let dest = out_dir.join("ipadic");
    for dir in [&work, &dest] {
        if dir.exists() {
            fs::remove_dir_all(dir)?;
        }
    }

    unpack_xz_tar(&manifest_dir.join(IPADIC_ARCHIVE), &work)?;
    let source = work.join(IPADIC_DIR);

    let left_ids = fs::read_to_string(source.join("left-id.def"))?;
    let terms = fs::read_to_string(manifest_dir.join(DOMAIN_TERMS))?;
    let mut rows = domain_rows(&terms, &left_ids)?;
    let vocabulary = fs::read_to_string(manifest_dir.join(VOCABULARY))?;
    rows.push_str(&vocabulary_rows(&vocabulary, &left_ids)?);
    // Any *.csv in the source directory is part of the lexicon.
    fs::write(source.join("zz-shiryo-domain-terms.csv"), rows)?;
    drop_readings(&source)?;

    DictionaryBuilder::new(metadata())
        .build_dictionary(&source, &dest)
        .map_err(|e| format!("building the IPADIC dictionary failed: {e}"))?;

    // The unpacked source is 65 MB of text nobody needs any more.
    fs::remove_dir_all(&work)?;
    Ok(())
}

/// How many CSV columns of a lexicon row are kept: surface, the two context
/// ids, the cost, the four parts of speech, the conjugation type and form,
/// and the base form.
const KEPT_COLUMNS: usize = 11;

/// Leaves the last two columns (reading, pronunciation) out of every lexicon
/// row. Every entry, cost and connection stays; no stage reads a reading, and
/// without them the word details (the largest part of the dictionary, and
/// the part each token looks up) take 40 % less room (docs/PERFORMANCE.md).
fn drop_readings(source: &Path) -> Result<()> {
    for entry in fs::read_dir(source)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let text = fs::read_to_string(&path)?;
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            // IPADIC rows have no quoted fields (checked: no `"` in the source).
            let kept: Vec<&str> = line.split(',').take(KEPT_COLUMNS).collect();
            out.push_str(&kept.join(","));
            out.push('\n');
        }
        fs::write(&path, out)?;
    }
    Ok(())
}

/// Unpacks a `.tar.xz` archive into `dest`.
fn unpack_xz_tar(archive: &Path, dest: &Path) -> Result<()> {
    let file = fs::File::open(archive).map_err(|e| {
        format!(
            "{}: {e} (the IPADIC source must be in the repository)",
            archive.display()
        )
    })?;
    let mut tar_bytes = Vec::with_capacity(70 << 20);
    lzma_rs::xz_decompress(&mut BufReader::new(file), &mut tar_bytes)
        .map_err(|e| format!("{}: {e:?}", archive.display()))?;
    tar::Archive::new(tar_bytes.as_slice()).unpack(dest)?;
    Ok(())
}

/// lindera's description of the IPADIC CSV layout (as in lindera-ipadic's
/// `metadata.json`, with UTF-8 instead of EUC-JP, and without the reading and
/// pronunciation columns [`drop_readings`] removes).
fn metadata() -> Metadata {
    let fields = [
        "surface",
        "left_context_id",
        "right_context_id",
        "cost",
        "part_of_speech",
        "part_of_speech_subcategory_1",
        "part_of_speech_subcategory_2",
        "part_of_speech_subcategory_3",
        "conjugation_type",
        "conjugation_form",
        "base_form",
    ];
    let user_fields = ["surface", "part_of_speech", "reading"];
    Metadata::new(
        "ipadic".to_string(),
        "UTF-8".to_string(),
        -10000,
        0,
        0,
        "*".to_string(),
        true,
        false,
        false,
        Schema::new(fields.iter().map(|s| s.to_string()).collect()),
        Schema::new(user_fields.iter().map(|s| s.to_string()).collect()),
    )
}

/// Turns `domain_terms.csv` (surface,pos,base,reading[,cost]) into IPADIC rows
/// (surface,left,right,cost,pos×4,ctype,cform,base,reading,pronunciation).
fn domain_rows(terms: &str, left_ids: &str) -> Result<String> {
    let mut out = String::new();
    for (n, line) in terms.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        if cols.len() < 4 || cols.len() > 5 {
            return Err(format!("{DOMAIN_TERMS}:{}: expected 4 or 5 columns", n + 1).into());
        }
        let (surface, pos, base, reading) = (cols[0], cols[1], cols[2], cols[3]);
        if surface.is_empty() {
            return Err(format!("{DOMAIN_TERMS}:{}: empty surface", n + 1).into());
        }
        let cost = match cols.get(4) {
            Some(c) if !c.is_empty() => Some(
                c.parse::<i32>()
                    .map_err(|e| format!("{DOMAIN_TERMS}:{}: cost: {e}", n + 1))?,
            ),
            _ => None,
        };
        let row = ipadic_row(left_ids, surface, pos, base, reading, cost)
            .map_err(|e| format!("{DOMAIN_TERMS}:{}: {e}", n + 1))?;
        out.push_str(&row);
    }
    Ok(out)
}

/// The rows of `vocabulary.tsv` with a `token` column, as IPADIC rows (no
/// reading: `*`; cost proportional to length, as domain terms).
fn vocabulary_rows(text: &str, left_ids: &str) -> Result<String> {
    let mut out = String::new();
    for row in vocabulary::rows(text)? {
        if let Some((pos, base)) = row.token {
            let ipadic = ipadic_row(left_ids, row.term, pos, base, "", None)
                .map_err(|e| format!("{VOCABULARY}:{}: {e}", row.line))?;
            out.push_str(&ipadic);
        }
    }
    Ok(out)
}

/// One IPADIC lexicon row (surface,left,right,cost,pos×4,ctype,cform,base,
/// reading,pronunciation) for a noun.
fn ipadic_row(
    left_ids: &str,
    surface: &str,
    pos: &str,
    base: &str,
    reading: &str,
    cost: Option<i32>,
) -> Result<String> {
    if surface.contains(',') || base.contains(',') {
        return Err(format!("{surface}: no commas in a term").into());
    }
    let mut levels: Vec<&str> = pos.split('-').collect();
    if levels.len() > 4 || levels[0] != "名詞" {
        return Err(format!("{surface}: pos must be a noun class").into());
    }
    levels.resize(4, "*");
    let pos = levels.join(",");
    let id = context_id(left_ids, &pos).ok_or_else(|| format!("{pos} not in left-id.def"))?;
    let cost = cost.unwrap_or((DOMAIN_COST_PER_CHAR * surface.chars().count() as i32).max(-32000));
    let base = if base.is_empty() { surface } else { base };
    let reading = if reading.is_empty() { "*" } else { reading };
    Ok(format!(
        "{surface},{id},{id},{cost},{pos},*,*,{base},{reading},{reading}\n"
    ))
}

/// The context id of a noun class: the line `ID pos×4,*,*,*` of left-id.def
/// (left and right ids coincide in IPADIC).
fn context_id(left_ids: &str, pos: &str) -> Option<u16> {
    let wanted = format!("{pos},*,*,*");
    left_ids.lines().find_map(|line| {
        let (id, feature) = line.split_once(' ')?;
        (feature == wanted).then(|| id.parse().ok()).flatten()
    })
}
