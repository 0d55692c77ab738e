//! Japanese tokens: lindera over the full IPADIC embedded in the binary.
//!
//! Owns: the one tokenizer of the process. `build.rs` compiles IPADIC
//! (mecab-ipadic 2.7.0-20070801, `dictionaries/ipadic/`) together with the domain
//! terms of `dictionaries/domain_terms.csv` into lindera's binary format; this
//! module includes those bytes and views them in place (no copy, no decoding of
//! the large parts), so building the tokenizer costs a few milliseconds. It is
//! built on first use and shared by every thread.
//!
//! Must not know: categories, forms, or what a token means to the classifier.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, LazyLock, OnceLock};
use std::time::{Duration, Instant};

use lindera::dictionary::{Dictionary, Lattice, WordId};
use lindera::mode::Mode;
use lindera::segmenter::Segmenter;
use lindera_dictionary::dictionary::character_definition::CharacterDefinition;
use lindera_dictionary::dictionary::connection_cost_matrix::ConnectionCostMatrix;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::dictionary::prefix_dictionary::PrefixDictionary;
use lindera_dictionary::dictionary::unknown_dictionary::UnknownDictionary;
use lindera_dictionary::LinderaResult;

/// One morpheme: its surface and base form borrow the text, its parts of
/// speech the embedded dictionary, so a token allocates nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    pub surface: &'t str,
    /// Dictionary (base) form; the surface when unknown.
    pub base: &'t str,
    /// Part of speech, top level (名詞, 動詞 …).
    pub pos: &'static str,
    /// Part of speech, sub-level (一般, サ変接続 …).
    pub pos_detail: &'static str,
    /// Byte range in the input.
    pub span: Range<usize>,
}

/// A [`Token`] that owns its words, for what outlives the text (the
/// classifier's explanation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnedToken {
    pub surface: String,
    pub base: String,
    pub pos: &'static str,
    pub pos_detail: &'static str,
    pub span: Range<usize>,
}

impl From<&Token<'_>> for OwnedToken {
    fn from(t: &Token<'_>) -> Self {
        OwnedToken {
            surface: t.surface.to_string(),
            base: t.base.to_string(),
            pos: t.pos,
            pos_detail: t.pos_detail,
            span: t.span.clone(),
        }
    }
}

/// The detail fields a caller can ask of a morpheme, read straight from the
/// dictionary's bytes (IPADIC order: 0 part of speech, 1 its sub-level, 6 the
/// base form; `*` where IPADIC has none).
#[derive(Debug, Clone, Copy)]
struct Details {
    pos: &'static str,
    pos_detail: &'static str,
    /// `None` when the dictionary gives no base form (`*` or unknown words).
    base: Option<&'static str>,
}

/// The dictionary files written by `build.rs`, as `static`s (a `const` would
/// copy them into the crate metadata).
mod embedded {
    macro_rules! dict_file {
        ($name:literal) => {
            include_bytes!(concat!(env!("OUT_DIR"), "/ipadic/", $name))
        };
    }

    /// Bytes with a 16-byte aligned start, so the connection matrix can be
    /// viewed as `[i16]` in place instead of being copied.
    #[repr(C, align(16))]
    pub struct Aligned<T: ?Sized>(pub T);

    pub static METADATA: &[u8] = dict_file!("metadata.json");
    pub static CHAR_DEF: &[u8] = dict_file!("char_def.bin");
    pub static UNKNOWN: &[u8] = dict_file!("unk.bin");
    pub static MATRIX: &Aligned<[u8]> = &Aligned(*dict_file!("matrix.mtx"));
    pub static TRIE: &[u8] = dict_file!("dict.trie");
    pub static VALS_IDX: &[u8] = dict_file!("dict.valsidx");
    pub static VALS: &[u8] = dict_file!("dict.vals");
    pub static WORDS_IDX: &[u8] = dict_file!("dict.wordsidx");
    pub static WORDS: &[u8] = dict_file!("dict.words");
}

/// The embedded dictionary. The prefix dictionary and the connection matrix
/// (all but a few KB of it) borrow the static bytes.
fn load_dictionary() -> LinderaResult<Dictionary> {
    use embedded::*;
    let metadata = Metadata::load(METADATA)?;
    metadata.validate_format_version()?;
    let prefix = PrefixDictionary::load(TRIE, VALS_IDX, VALS, WORDS_IDX, WORDS)?;
    let matrix = ConnectionCostMatrix::load(&MATRIX.0)?;
    Ok(Dictionary {
        prefix_dictionary: Arc::new(prefix),
        connection_cost_matrix: Arc::new(matrix),
        character_definition: Arc::new(CharacterDefinition::load(CHAR_DEF)?),
        unknown_dictionary: Arc::new(UnknownDictionary::load(UNKNOWN)?),
        metadata: Arc::new(metadata),
    })
}

/// How long building the tokenizer took (set once, by the first use).
static LOAD_TIME: OnceLock<Duration> = OnceLock::new();

static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(|| {
    let start = Instant::now();
    // The bytes were produced and checked by build.rs; failing here means the
    // build itself is broken, not the input.
    let dictionary = load_dictionary().expect("the embedded IPADIC is valid");
    let segmenter = Segmenter::new(Mode::Normal, dictionary, None);
    let _ = LOAD_TIME.set(start.elapsed());
    segmenter
});

thread_local! {
    /// Reused per thread so tokenizing many short items allocates little.
    static LATTICE: RefCell<Lattice> = RefCell::new(Lattice::default());
    /// The morphemes of texts already segmented in the current file
    /// ([`FileScope`]); `None` outside one.
    static MEMO: RefCell<Option<Memo>> = const { RefCell::new(None) };
}

/// One segmented morpheme, as the memo keeps it.
#[derive(Debug, Clone, Copy)]
struct Morph {
    start: usize,
    end: usize,
    details: Details,
}

/// Texts of one file and their morphemes: the stages of one file ask for the
/// same text more than once (the classifier, the count events, the linker's
/// key nouns, a heading seen by every item under it). Kept for one file only,
/// so a corpus whose files repeat each other's texts gains nothing from it.
#[derive(Default)]
struct Memo {
    texts: HashMap<Box<str>, Rc<[Morph]>>,
    /// Bytes of text held; past [`MEMO_BYTES`] the memo starts again.
    bytes: usize,
}

/// Most text (bytes) one file's memo holds; a hostile file of many distinct
/// long texts only empties it more often.
const MEMO_BYTES: usize = 4 << 20;

/// While alive, texts segmented on this thread are remembered (one file's
/// extraction: `extract::extract_inner` holds one). Dropping the outermost
/// scope forgets them; a scope begun inside another one shares its memo.
pub struct FileScope {
    outermost: bool,
}

impl FileScope {
    pub fn begin() -> FileScope {
        let outermost = MEMO.with(|m| {
            let mut memo = m.borrow_mut();
            let fresh = memo.is_none();
            if fresh {
                *memo = Some(Memo::default());
            }
            fresh
        });
        FileScope { outermost }
    }
}

impl Drop for FileScope {
    fn drop(&mut self) {
        if self.outermost {
            MEMO.with(|m| *m.borrow_mut() = None);
        }
    }
}

/// The morphemes of `text`: from the memo when this file asked before.
fn morphs(text: &str) -> Rc<[Morph]> {
    let known = MEMO.with(|m| {
        let memo = m.borrow();
        memo.as_ref().and_then(|memo| memo.texts.get(text).cloned())
    });
    if let Some(morphs) = known {
        return morphs;
    }
    let morphs: Rc<[Morph]> = segment(text).into();
    MEMO.with(|m| {
        if let Some(memo) = m.borrow_mut().as_mut() {
            if memo.bytes + text.len() > MEMO_BYTES {
                *memo = Memo::default();
            }
            memo.bytes += text.len();
            memo.texts.insert(text.into(), Rc::clone(&morphs));
        }
    });
    morphs
}

/// Builds the tokenizer now (if no call did yet) and returns how long building
/// it took. For timing reports; `tokenize` builds it on demand anyway.
pub fn warm_up() -> Duration {
    LazyLock::force(&SEGMENTER);
    LOAD_TIME.get().copied().unwrap_or_default()
}

/// Map each morpheme of `text` through `f` (its surface, its byte span in
/// `text`, its detail fields), keeping what `f` returns.
fn segment_map<T>(
    text: &str,
    mut f: impl FnMut(&str, Range<usize>, Details) -> Option<T>,
) -> Vec<T> {
    if text.is_empty() {
        return Vec::new();
    }
    morphs(text)
        .iter()
        .filter_map(|m| {
            let span = m.start..m.end;
            let surface = text.get(span.clone()).unwrap_or_default();
            f(surface, span, m.details)
        })
        .collect()
}

/// Segment `text` with the shared lattice.
fn segment(text: &str) -> Vec<Morph> {
    let segmenter: &'static Segmenter = &SEGMENTER;
    let tokens = LATTICE.with(|lattice| match lattice.try_borrow_mut() {
        Ok(mut lattice) => segmenter.segment_with_lattice(Cow::Borrowed(text), &mut lattice),
        // Re-entered on this thread (cannot happen today): use a fresh lattice.
        Err(_) => segmenter.segment(Cow::Borrowed(text)),
    });
    let Ok(tokens) = tokens else {
        return Vec::new();
    };
    // The segmenter borrows `text` and has no character filters, so a
    // morpheme's surface is the text at its span.
    tokens
        .iter()
        .map(|t| Morph {
            start: t.byte_start,
            end: t.byte_end,
            details: cached_details(segmenter, &t.word_id),
        })
        .collect()
}

/// Slots of the per-thread cache of detail fields (a power of two).
const DETAIL_SLOTS: usize = 4096;

thread_local! {
    /// Detail fields of recently seen words, direct-mapped by word id: reading
    /// them from the dictionary validates and splits the entry's bytes each
    /// time, and a year's forms use a few thousand words over and over.
    static DETAILS: RefCell<Vec<Option<(u32, bool, Details)>>> =
        RefCell::new(vec![None; DETAIL_SLOTS]);
}

/// [`details`], through the per-thread cache.
fn cached_details(segmenter: &'static Segmenter, word_id: &WordId) -> Details {
    let (id, unknown) = (word_id.id(), word_id.is_unknown());
    let slot = (id.wrapping_mul(0x9E37_79B1) >> 20) as usize % DETAIL_SLOTS;
    DETAILS.with(|cache| {
        let Ok(mut cache) = cache.try_borrow_mut() else {
            return details(segmenter, word_id);
        };
        match cache.get(slot) {
            Some(Some((i, u, d))) if *i == id && *u == unknown => *d,
            _ => {
                let d = details(segmenter, word_id);
                if let Some(s) = cache.get_mut(slot) {
                    *s = Some((id, unknown, d));
                }
                d
            }
        }
    })
}

/// The detail fields of a morpheme, borrowed from the static dictionary
/// (lindera's own `Token::details` would build a vector per token).
fn details(segmenter: &'static Segmenter, word_id: &WordId) -> Details {
    let dictionary = &segmenter.dictionary;
    let id = word_id.id() as usize;
    let mut fields = if word_id.is_unknown() {
        dictionary.unknown_word_details_iter(id)
    } else {
        dictionary.word_details_iter(id)
    };
    let field = |f: Option<&'static str>| f.filter(|f| !f.is_empty());
    let pos = field(fields.next()).unwrap_or("*");
    let pos_detail = field(fields.next()).unwrap_or("*");
    // Fields 2–5 (finer parts of speech, conjugation) are skipped.
    let base = field(fields.nth(4)).filter(|b| *b != "*");
    Details {
        pos,
        pos_detail,
        base,
    }
}

/// Tokenize `text` (normalised). White space yields no token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    segment_map(text, |_, span, d| {
        // The span is a char boundary range of `text` (checked by `get`).
        let surface = text.get(span.clone())?;
        Some(Token {
            surface,
            base: d.base.unwrap_or(surface),
            pos: d.pos,
            pos_detail: d.pos_detail,
            span,
        })
    })
}

/// The surfaces of the tokens of `text` whose part of speech (top level,
/// sub-level) `keep` accepts, in order: [`tokenize`] without building a
/// [`Token`] for every morpheme (the linker asks for nouns only).
pub fn surfaces_where(text: &str, keep: impl Fn(&str, &str) -> bool) -> Vec<String> {
    segment_map(text, |surface, _, d| {
        keep(d.pos, d.pos_detail).then(|| surface.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surfaces_where_agrees_with_tokenize() {
        let text = "積極的医療機関・保健所との担当者会議を開催した";
        let nouns: Vec<String> = tokenize(text)
            .into_iter()
            .filter(|t| t.pos == "名詞")
            .map(|t| t.surface.to_string())
            .collect();
        assert_eq!(surfaces_where(text, |pos, _| pos == "名詞"), nouns);
    }

    fn surfaces(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| t.surface.to_string())
            .collect()
    }

    #[test]
    fn domain_terms_are_single_tokens() {
        assert_eq!(surfaces("在支診"), ["在支診"]);
        assert_eq!(surfaces("積極的医療機関"), ["積極的医療機関"]);
        assert_eq!(
            surfaces("積極的医療機関・保健所との担当者会議"),
            ["積極的医療機関", "・", "保健所", "と", "の", "担当者会議"]
        );
    }

    #[test]
    fn verbs_have_base_forms() {
        let tokens = tokenize("会議を開催した。研修を行った");
        let bases: Vec<&str> = tokens.iter().map(|t| t.base).collect();
        assert!(bases.contains(&"する"), "{bases:?}");
        assert!(bases.contains(&"行う"), "{bases:?}");
        let okona = tokens.iter().find(|t| t.base == "行う").unwrap();
        assert_eq!(okona.pos, "動詞");
        assert_eq!(okona.pos_detail, "自立");
    }

    #[test]
    fn spans_are_byte_ranges_of_the_input() {
        let text = "ACP 普及啓発を行う";
        for t in tokenize(text) {
            assert_eq!(&text[t.span.clone()], t.surface);
        }
    }

    #[test]
    fn unknown_words_keep_their_surface_as_base() {
        let t = tokenize("ZQXW");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].base, "ZQXW");
    }

    #[test]
    fn empty_text_has_no_tokens() {
        assert!(tokenize("").is_empty());
        assert!(tokenize("   ").is_empty());
    }
}
