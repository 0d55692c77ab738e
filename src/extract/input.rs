//! Reading one input file from disk, safely.
//!
//! Owns: refusing what is not a regular file (a FIFO, a device, a socket, a
//! directory) before opening it — opening a FIFO waits for a writer, opening
//! a device can have effects — and reading at most the size limit, however
//! large the file has grown since it was listed.
//!
//! Must not know: formats, reports.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

/// Why an input was not read.
#[derive(Debug)]
pub enum InputError {
    /// Not a regular file: what it is ("a FIFO (named pipe)" …).
    NotRegular(String),
    /// Over the size limit: its size, as far as it was read.
    TooLarge(u64),
    /// The file system refused.
    Io(std::io::Error),
}

impl From<std::io::Error> for InputError {
    fn from(e: std::io::Error) -> Self {
        InputError::Io(e)
    }
}

/// The bytes of the regular file at `path` (symlinks followed), at most `max`.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, InputError> {
    let before = std::fs::metadata(path)?;
    if !before.is_file() {
        return Err(InputError::NotRegular(kind(&before)));
    }
    if before.len() > max {
        return Err(InputError::TooLarge(before.len()));
    }
    let file = open(path)?;
    let now = file.metadata()?;
    if !now.is_file() || !same_file(&before, &now) {
        return Err(InputError::NotRegular(
            "a file replaced while it was being opened".into(),
        ));
    }
    let mut bytes = Vec::with_capacity(now.len().min(max) as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(InputError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Open for reading without waiting: should the path have become a FIFO
/// since it was checked, the open returns at once and the check after it
/// refuses the file.
#[cfg(unix)]
fn open(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &Metadata, _: &Metadata) -> bool {
    true
}

/// What a non-regular file is, for the message.
fn kind(m: &Metadata) -> String {
    let ft = m.file_type();
    if ft.is_dir() {
        return "a directory".into();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO (named pipe)".into();
        }
        if ft.is_char_device() {
            return "a character device".into();
        }
        if ft.is_block_device() {
            return "a block device".into();
        }
        if ft.is_socket() {
            return "a socket".into();
        }
    }
    "a special file".into()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("x.docx");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf8")).expect("path");
        // SAFETY: mkfifo with a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        match read(&fifo, 1 << 20) {
            Err(InputError::NotRegular(what)) => assert!(what.contains("FIFO"), "{what}"),
            other => panic!("expected NotRegular, got {other:?}"),
        }
        match read(Path::new("/dev/null"), 1 << 20) {
            Err(InputError::NotRegular(what)) => assert!(what.contains("device"), "{what}"),
            other => panic!("expected NotRegular, got {other:?}"),
        }
    }

    #[test]
    fn a_file_over_the_limit_is_not_read_past_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let p = dir.path().join("a.xlsx");
        std::fs::write(&p, vec![b'x'; 100]).expect("write");
        assert!(matches!(read(&p, 99), Err(InputError::TooLarge(100))));
        assert_eq!(read(&p, 100).expect("fits").len(), 100);
    }
}
