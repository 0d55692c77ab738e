//! The inputs of a run: command-line paths expanded into files.
//!
//! Owns: walking directories (name order, the extensions shiryo reads, no
//! Office lock files, symlinked directories not followed), the `source.path`
//! of each file, and keeping every path that could not be looked at, so that
//! nothing is dropped silently. A name that is not UTF-8 (a cp932 name as
//! unzip leaves it) keeps its bytes in `source.path` as `\xHH` escapes.
//!
//! Must not know: formats, reports, threads.

use super::{Input, EXTENSIONS};
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

/// Every file of a run, and what could not be looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collected {
    /// Sorted by `display`, each file once.
    pub inputs: Vec<Input>,
    /// Paths that do not exist or directories that cannot be read, with why.
    pub unreadable: Vec<(String, String)>,
}

/// Expand the command-line paths into sorted inputs. A path that does not
/// exist is noted, not fatal; the same file named twice is taken once.
pub fn collect_inputs(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(meta) if meta.is_dir() => walk(p, &mut out),
            Ok(_) => out.inputs.push(Input {
                path: p.clone(),
                display: display_path(p),
            }),
            Err(e) => out.unreadable.push((display_path(p), reason(&e))),
        }
    }
    out.inputs.sort_by(|a, b| {
        a.display
            .cmp(&b.display)
            .then_with(|| a.path.as_os_str().cmp(b.path.as_os_str()))
    });
    // The same file reached twice (a directory and a file inside it, or
    // `./a` and `a`); two files whose names only display alike both stay.
    out.inputs
        .dedup_by(|a, b| a.display == b.display && same_file(&a.path, &b.path));
    out
}

fn walk(dir: &Path, out: &mut Collected) {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            out.unreadable.push((display_path(dir), reason(&e)));
            return;
        }
    };
    let mut entries = Vec::new();
    for e in rd {
        match e {
            Ok(e) => entries.push(e),
            Err(e) => out.unreadable.push((display_path(dir), reason(&e))),
        }
    }
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        let Ok(ft) = e.file_type() else {
            out.unreadable
                .push((display_path(&path), "cannot tell what it is".into()));
            continue;
        };
        if ft.is_dir() {
            walk(&path, out); // symlinked directories are not followed (file_type does not follow)
        } else {
            let ext = crate::extract::extension(&path);
            let lock_file = e.file_name().as_encoded_bytes().starts_with(b"~$");
            if EXTENSIONS.contains(&ext.as_str()) && !lock_file {
                out.inputs.push(Input {
                    display: display_path(&path),
                    path,
                });
            }
        }
    }
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    false
}

/// The path as written into `source.path`: `/`-separated, without `./`;
/// bytes that are not UTF-8 as `\xHH`.
pub fn display_path(p: &Path) -> String {
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(px) => parts.push(name_of(px.as_os_str())),
            Component::ParentDir => parts.push("..".into()),
            Component::Normal(s) => parts.push(name_of(s)),
        }
    }
    let s = parts.join("/");
    if s.is_empty() {
        ".".into()
    } else {
        s
    }
}

/// A name as text: UTF-8 as it is, every other byte as `\xHH`.
fn name_of(s: &OsStr) -> String {
    let bytes = s.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(OsStr::from_bytes(b"in/\x8e\x91\x97\xbf.docx"));
        assert_eq!(display_path(p), "in/\\x8E\\x91\\x97\\xBF.docx");
        let q = Path::new(OsStr::from_bytes(b"in/\x8e\x91\x97\xc0.docx"));
        assert_ne!(display_path(p), display_path(q));
    }

    #[test]
    fn display_paths() {
        assert_eq!(display_path(Path::new("./in/a.docx")), "in/a.docx");
        assert_eq!(display_path(Path::new("/tmp/a.docx")), "/tmp/a.docx");
        assert_eq!(display_path(Path::new("../a.docx")), "../a.docx");
    }

    #[test]
    fn a_missing_path_is_noted_and_the_rest_collected() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("a.docx"), b"x").expect("write");
        let got = collect_inputs(&[dir.path().join("nope.docx"), dir.path().to_path_buf()]);
        assert_eq!(got.inputs.len(), 1);
        assert_eq!(got.unreadable.len(), 1);
        assert_eq!(got.unreadable[0].1, "no such file or directory");
    }
}
