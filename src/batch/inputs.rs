//! The inputs of a run: command-line paths expanded into files.
//!
//! Owns: walking directories (name order, the extensions shiryo reads, no
//! Office lock files, symlinked directories not followed), the `source.path`
//! of each file (starting at the directory named on the command line and
//! keeping that directory's own name; a file named directly: its file name),
//! two files that would share one, and keeping every path that could not be looked at, so that
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

impl Collected {
    /// Two different files that would get the same `source.path` (and the
    /// same ids): a usage error before any work, naming both and the path.
    pub fn clash(&self) -> Option<String> {
        let w = self
            .inputs
            .windows(2)
            .find(|w| w[0].display == w[1].display)?;
        Some(format!(
            "{} and {} would both be written as {}; name them through different directories",
            w[0].path.display(),
            w[1].path.display(),
            w[1].display
        ))
    }
}

/// Expand the command-line paths into sorted inputs. A directory's files are
/// named from that directory on, keeping its own name (`/data/r7` →
/// `r7/a.docx`); a file named directly by its file name. A path that does not
/// exist is noted, not fatal; the same file named twice is taken once, as
/// first named (two different files that share a name: [`Collected::clash`]).
pub fn collect_inputs(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for p in paths {
        match std::fs::metadata(p) {
            Ok(meta) => {
                let name = own_name_of(p);
                if meta.is_dir() {
                    walk(p, &name, &mut out);
                } else {
                    out.inputs.push(Input {
                        path: p.clone(),
                        display: if name.is_empty() {
                            display_path(p)
                        } else {
                            name
                        },
                    });
                }
            }
            Err(e) => out.unreadable.push((display_path(p), reason(&e))),
        }
    }
    // The same file reached twice (a directory and a file inside it, or
    // `./a` and `a`) is read once, as first named.
    let mut seen = std::collections::HashSet::new();
    out.inputs.retain(|i| seen.insert(file_key(&i.path)));
    out.inputs.sort_by(|a, b| {
        a.display
            .cmp(&b.display)
            .then_with(|| a.path.as_os_str().cmp(b.path.as_os_str()))
    });
    out
}

/// The last component of `p`'s name, resolving `.` and `..`; empty for `/`.
fn own_name_of(p: &Path) -> String {
    let named = match p.components().next_back() {
        Some(Component::Normal(n)) => Some(name_of(n)),
        _ => None,
    };
    named
        .or_else(|| {
            let canon = p.canonicalize().ok()?;
            canon.file_name().map(name_of)
        })
        .unwrap_or_default()
}

fn walk(dir: &Path, prefix: &str, out: &mut Collected) {
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
        let name = name_of(&e.file_name());
        let display = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        if ft.is_dir() {
            walk(&path, &display, out); // symlinked directories are not followed (file_type does not follow)
        } else {
            let ext = crate::extract::extension(&path);
            let lock_file = e.file_name().as_encoded_bytes().starts_with(b"~$");
            if EXTENSIONS.contains(&ext.as_str()) && !lock_file {
                out.inputs.push(Input { display, path });
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

/// What identifies a file however it is named: its device and inode where
/// there are such, else its canonical path.
fn file_key(p: &Path) -> (u64, u64, PathBuf) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(p) {
            return (m.dev(), m.ino(), PathBuf::new());
        }
    }
    (0, 0, p.canonicalize().unwrap_or_else(|_| p.to_path_buf()))
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
