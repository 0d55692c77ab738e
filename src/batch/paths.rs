//! Where each report goes: under `--out`, never outside it, and never where
//! another input's report goes.
//!
//! The report path mirrors `source.path` with `.json` added: the root is
//! dropped, `..` becomes `__`, and `:` and `\` become `_`. A name that had to
//! change this way (or that carries `\xHH` escapes of bytes that are not
//! UTF-8, or that is too long for the file system once `.json` is added) gets
//! `~` and 8 hex digits of its hash before its extension, so `a:b.docx` and
//! `a_b.docx` get two reports. Whatever still collides — `../a.docx` and
//! `__/a.docx`, `/tmp/a.docx` and `tmp/a.docx`, names that differ only in
//! letter case (one report on a case-insensitive file system) — gets the
//! same kind of tag on its file name, in input order.
//!
//! Must not know: formats, reports, threads.

use super::Input;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Longest file name most file systems take (bytes).
const NAME_MAX: usize = 255;

/// Where the report of `display` goes: under `out`, never outside it. Root and
/// prefix components are dropped and `..` becomes `__`.
pub fn output_path(out: &Path, display: &str) -> PathBuf {
    let mut p = out.to_path_buf();
    let parts: Vec<&str> = display
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            ".." if last => p.push("__.json"),
            ".." => p.push("__"),
            s if last => p.push(format!("{}.json", component(s, ".json".len()))),
            s => p.push(component(s, 0)),
        }
    }
    if parts.is_empty() {
        p.push("_.json");
    }
    p
}

/// One name of the output path: as it is when it can be, else changed and tagged.
fn component(name: &str, suffix: usize) -> String {
    let plain = name.replace(['\\', ':'], "_");
    if plain == name && name.len() + suffix <= NAME_MAX {
        return plain;
    }
    tagged(&plain, &tag(name), suffix)
}

/// `name` with `~tag` before its extension, shortened (at a character
/// boundary) so that it and `suffix` more bytes fit in `NAME_MAX`.
fn tagged(name: &str, tag: &str, suffix: usize) -> String {
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 => name.split_at(i),
        _ => (name, ""),
    };
    let room = NAME_MAX.saturating_sub(suffix + ext.len() + tag.len() + 1);
    let mut cut = stem.len().min(room);
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{tag}{ext}", &stem[..cut])
}

fn tag(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The report path of every input, in input order: distinct, even where
/// letter case is all that tells two apart.
pub fn plan(out: &Path, inputs: &[Input]) -> Vec<PathBuf> {
    let mut taken: HashSet<String> = HashSet::with_capacity(inputs.len());
    let key = |p: &Path| p.to_string_lossy().to_lowercase();
    inputs
        .iter()
        .map(|input| {
            let first = output_path(out, &input.display);
            if taken.insert(key(&first)) {
                return first;
            }
            let dir = first.parent().map(Path::to_path_buf).unwrap_or_default();
            let name = first
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let stem = name.strip_suffix(".json").unwrap_or(&name).to_string();
            let mut n = 0u32;
            loop {
                let seed = format!("{}#{n}", input.path.to_string_lossy());
                let candidate = dir.join(format!("{}.json", tagged(&stem, &tag(&seed), 5)));
                if taken.insert(key(&candidate)) {
                    return candidate;
                }
                n += 1;
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(p: &str) -> Input {
        Input {
            path: PathBuf::from(p),
            display: super::super::display_path(Path::new(p)),
        }
    }

    #[test]
    fn plain_names_mirror_the_input() {
        let o = Path::new("out");
        assert_eq!(output_path(o, "in/a.docx"), Path::new("out/in/a.docx.json"));
        assert_eq!(
            output_path(o, "/tmp/a.docx"),
            Path::new("out/tmp/a.docx.json")
        );
        assert_eq!(output_path(o, "../a.docx"), Path::new("out/__/a.docx.json"));
    }

    #[test]
    fn changed_names_are_tagged_and_never_meet() {
        let o = Path::new("out");
        let a = output_path(o, "in/a:b.docx");
        let b = output_path(o, "in/a_b.docx");
        assert_ne!(a, b);
        assert!(a.to_string_lossy().ends_with(".docx.json"), "{a:?}");
        assert!(a.to_string_lossy().contains("a_b~"), "{a:?}");
        let d = output_path(o, "x:y/a.docx");
        assert_ne!(d, output_path(o, "x_y/a.docx"));
    }

    #[test]
    fn long_names_are_shortened_to_fit_with_json() {
        let long = format!("in/{}.docx", "資".repeat(84)); // 252 + 5 bytes
        let p = output_path(Path::new("out"), &long);
        let name = p.file_name().expect("name").to_string_lossy().into_owned();
        assert!(name.len() <= NAME_MAX, "{}", name.len());
        assert!(name.ends_with(".docx.json"));
        let other = output_path(Path::new("out"), &format!("in/{}い.docx", "資".repeat(84)));
        assert_ne!(p, other);
    }

    #[test]
    fn what_still_collides_is_told_apart_in_input_order() {
        let inputs = [
            input("../a.docx"),
            input("__/a.docx"),
            input("in/A.docx"),
            input("in/a.docx"),
        ];
        let plan = plan(Path::new("out"), &inputs);
        assert_eq!(plan[0], Path::new("out/__/a.docx.json"));
        assert_eq!(plan[2], Path::new("out/in/A.docx.json"));
        let distinct: HashSet<String> = plan
            .iter()
            .map(|p| p.to_string_lossy().to_lowercase())
            .collect();
        assert_eq!(distinct.len(), 4, "{plan:?}");
    }
}
