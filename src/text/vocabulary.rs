//! The field's vocabulary: `dictionaries/vocabulary.tsv`, one row per term or
//! phrasing of home-medical-care collaboration reports, with the categories an
//! officer gives it, its kind, the weights it adds to the category lexicon, how
//! the tokenizer must treat it, and the public source it was read in.
//!
//! Owns: the file format and its parser. One file feeds two consumers:
//! `build.rs` compiles the rows with a `token` column into the embedded
//! dictionary (like `domain_terms.csv`), and [`super::lexicon`] turns the rows
//! with weights into lexicon entries and the rows that name a meeting, a body
//! that meets or a tool into `@named` words ([`super::topics`]).
//!
//! Must not know: the tokenizer, the lexicon's types or scores — `build.rs`
//! includes this file with `#[path]`, so it uses `std` only.

#![allow(dead_code)] // build.rs uses only part of it

/// Columns, tab-separated:
///
/// ```text
/// term  categories  kind  weights  token  evidence
/// ```
///
/// - `term`: the surface as it appears in normalised text, or a lexicon
///   pattern (`re:…`, `*…`, `…*`, `a+b`) when `token` is `-`;
/// - `categories`: the categories an officer files the term under, digits
///   1–5 separated by spaces (`2 3`);
/// - `kind`: one of [`KINDS`];
/// - `weights`: lexicon weights (`1=2.5 4=-1`), or `-` when existing lexicon
///   entries already vote for the term (`*会議` for every …会議);
/// - `token`: `-` (the tokenizer already yields the term, or `term` is a
///   pattern), or the IPADIC part of speech of a new dictionary entry
///   (`名詞-一般`, `名詞-サ変接続` …), optionally `=BASE` when the term is a
///   spelling variant of another lemma (`名詞-一般=顔の見える関係`);
/// - `evidence`: the public page it was read on and a paraphrase of how the
///   field uses it.
pub const COLUMNS: [&str; 6] = ["term", "categories", "kind", "weights", "token", "evidence"];

/// The kinds of term. Those in [`NAMED_KINDS`] name a meeting, a body that
/// meets or a tool: they count as such wherever they stand (DECISIONS 8,
/// docs/TEXT_LAYER.md round 4).
pub const KINDS: [&str; 20] = [
    "meeting body",
    "meeting held",
    "networking event",
    "training format",
    "training theme",
    "ICT tool",
    "sharing tool",
    "rule & manual",
    "survey & mapping",
    "data & evaluation",
    "consultation desk",
    "coordination",
    "back-up & emergency",
    "night & holiday cover",
    "end-of-life & ACP",
    "disaster",
    "publicity medium",
    "publicity event",
    "audience (citizens)",
    "audience (professionals)",
];

/// Kinds whose terms name a meeting held, a body that meets or a tool.
pub const NAMED_KINDS: [&str; 4] = ["meeting body", "meeting held", "ICT tool", "sharing tool"];

/// One row of the vocabulary.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// 1-based line number in the file.
    pub line: usize,
    pub term: &'a str,
    /// Sorted, distinct, 1–5.
    pub categories: Vec<u8>,
    pub kind: &'a str,
    /// The weights column as written, `None` for `-`.
    pub weights: Option<&'a str>,
    /// `Some((pos, base))` when the term becomes a dictionary entry; `base`
    /// is the term itself unless the column says `=BASE`.
    pub token: Option<(&'a str, &'a str)>,
    pub evidence: &'a str,
}

impl Row<'_> {
    /// True when the term names a meeting, a body that meets or a tool.
    pub fn names_a_meeting_or_tool(&self) -> bool {
        NAMED_KINDS.contains(&self.kind)
    }

    /// True when `term` is a lexicon pattern rather than a plain surface
    /// (an `issue:` or `issue-default:` term counts for section 2 only).
    pub fn is_pattern(&self) -> bool {
        self.term.starts_with("re:")
            || self.term.starts_with("issue:")
            || self.term.starts_with("issue-default:")
            || self.term.starts_with('*')
            || self.term.ends_with('*')
            || self.term.contains('+')
    }
}

/// A malformed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "dictionaries/vocabulary.tsv line {}: {}",
            self.line, self.message
        )
    }
}

impl std::error::Error for RowError {}

/// Every row of the file (comments and empty lines skipped).
pub fn rows(text: &str) -> Result<Vec<Row<'_>>, RowError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let err = |message: String| RowError { line, message };
        if raw.trim().is_empty() || raw.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if cols.len() != COLUMNS.len() {
            return Err(err(format!(
                "expected {} tab-separated columns ({}), found {}",
                COLUMNS.len(),
                COLUMNS.join(", "),
                cols.len()
            )));
        }
        let (term, categories, kind, weights, token, evidence) =
            (cols[0], cols[1], cols[2], cols[3], cols[4], cols[5]);
        if term.is_empty() {
            return Err(err("empty term".into()));
        }
        let mut cats = Vec::new();
        for c in categories.split_whitespace() {
            match c.parse::<u8>() {
                Ok(n @ 1..=5) if !cats.contains(&n) => cats.push(n),
                _ => return Err(err(format!("bad category {c:?}"))),
            }
        }
        if cats.is_empty() {
            return Err(err("no category".into()));
        }
        cats.sort_unstable();
        if !KINDS.contains(&kind) {
            return Err(err(format!("unknown kind {kind:?} (one of {KINDS:?})")));
        }
        let weights = match weights {
            "-" => None,
            "" => return Err(err("empty weights (write - for none)".into())),
            w => Some(w),
        };
        let token = match token {
            "-" => None,
            "" => return Err(err("empty token column (write - for none)".into())),
            t => {
                let (pos, base) = t.split_once('=').unwrap_or((t, term));
                if !pos.starts_with("名詞") || base.is_empty() {
                    return Err(err(format!("token must be a noun class [=BASE]: {t}")));
                }
                Some((pos, base))
            }
        };
        if evidence.len() < 20 || !evidence.contains("http") {
            return Err(err(
                "evidence needs a source address and a paraphrase".into()
            ));
        }
        let row = Row {
            line,
            term,
            categories: cats,
            kind,
            weights,
            token,
            evidence,
        };
        if row.token.is_some() && row.is_pattern() {
            return Err(err("a pattern cannot be a dictionary entry".into()));
        }
        out.push(row);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROW: &str = "推進協議会\t1\tmeeting body\t1=1.5\t名詞-一般\thttps://example.org/a 市の協議会として年2回開く";

    #[test]
    fn parses_a_row() {
        let text = format!("# head\n\n{ROW}\n");
        let rows = rows(&text).unwrap();
        assert_eq!(rows.len(), 1);
        let r = &rows[0];
        assert_eq!((r.line, r.term, r.kind), (3, "推進協議会", "meeting body"));
        assert_eq!(r.categories, vec![1]);
        assert_eq!(r.weights, Some("1=1.5"));
        assert_eq!(r.token, Some(("名詞-一般", "推進協議会")));
        assert!(r.names_a_meeting_or_tool());
    }

    #[test]
    fn a_variant_points_to_its_lemma() {
        let text = "顔が見える関係\t2\tcoordination\t-\t名詞-一般=顔の見える関係\thttps://example.org/b 顔が見える関係づくりの研修";
        let r = &rows(text).unwrap()[0];
        assert_eq!(r.token, Some(("名詞-一般", "顔の見える関係")));
        assert_eq!(r.weights, None);
    }

    #[test]
    fn rejects_malformed_rows() {
        for bad in [
            "x\t1\tmeeting body\t1=1\t-",                               // 5 columns
            "x\t6\tmeeting body\t1=1\t-\thttps://example.org 説明の文", // category
            "x\t1\tparty\t1=1\t-\thttps://example.org 説明の文",        // kind
            "x\t1\tmeeting body\t\t-\thttps://example.org 説明の文",    // weights
            "x\t1\tmeeting body\t1=1\t動詞\thttps://example.org 説明の文", // pos
            "x\t1\tmeeting body\t1=1\t-\tno source given here at all",  // evidence
            "re:x\t1\tmeeting body\t1=1\t名詞-一般\thttps://example.org 説明の文",
        ] {
            assert!(rows(bad).is_err(), "{bad}");
        }
    }
}
