//! The lock on the output directory: one run at a time per `--out`.
//!
//! Owns: taking an exclusive `flock` on `OUT/.shiryo.lock` for the whole run
//! (refused at once, naming the other run's pid, when another run holds it),
//! and giving it back. The kernel drops a `flock` when its process ends, so a
//! run killed with SIGKILL leaves at most the file, never a lock held by no
//! one; the next run takes the lock on that file. A run that ends normally
//! removes the file while it still holds the lock.
//!
//! The NDJSON, CSV and xlsx targets are not locked: each is written to a
//! temporary file beside it and renamed at the end, so two runs naming the
//! same target each leave a whole file (the later one wins); databases lock
//! themselves (one transaction per file).
//!
//! Must not know: reports, workers, sinks.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The lock file's name inside `--out`.
pub const LOCK_NAME: &str = ".shiryo.lock";

/// A held lock; released when dropped (or when the process ends).
#[derive(Debug)]
pub struct OutLock {
    path: PathBuf,
    file: Option<File>,
}

/// Why the lock was not taken.
#[derive(Debug)]
pub enum LockError {
    /// Another run holds it: its pid, when it wrote one.
    Busy(Option<u32>),
    /// The lock file cannot be created or read.
    Io(std::io::Error),
}

impl OutLock {
    /// Lock `dir` (which exists) for this process. A file system without
    /// `flock` (some network mounts) gives `Ok` with no lock held, as the
    /// run cannot do better there: see [`OutLock::held`].
    pub fn take(dir: &Path) -> Result<OutLock, LockError> {
        let path = dir.join(LOCK_NAME);
        // A run that ends removes the file while holding the lock; another
        // run may have opened the old file just before. Whoever locks a file
        // no longer at `path` tries again on the new one.
        for _ in 0..8 {
            let file = open(&path).map_err(LockError::Io)?;
            match try_lock(&file) {
                Locked::Yes => {}
                Locked::Unsupported => {
                    return Ok(OutLock { path, file: None });
                }
                Locked::Busy => return Err(LockError::Busy(read_pid(&path))),
                Locked::Failed(e) => return Err(LockError::Io(e)),
            }
            if still_at(&file, &path) {
                write_pid(&file).map_err(LockError::Io)?;
                return Ok(OutLock {
                    path,
                    file: Some(file),
                });
            }
        }
        Err(LockError::Busy(read_pid(&path)))
    }

    /// Whether a lock is really held (false on a file system without `flock`).
    pub fn held(&self) -> bool {
        self.file.is_some()
    }
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Remove the file first, still holding the lock; closing releases it.
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Like any new file: 0666 less the umask (std opens with O_CLOEXEC,
        // so worker processes do not inherit the lock).
        o.mode(0o666);
    }
    o.open(path)
}

enum Locked {
    Yes,
    Busy,
    Unsupported,
    Failed(std::io::Error),
}

#[cfg(unix)]
fn try_lock(file: &File) -> Locked {
    use std::os::fd::AsRawFd;
    loop {
        // SAFETY: flock on a descriptor this function borrows.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Locked::Yes;
        }
        let e = std::io::Error::last_os_error();
        return match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => Locked::Busy,
            Some(libc::ENOLCK) | Some(libc::EOPNOTSUPP) => Locked::Unsupported,
            _ => Locked::Failed(e),
        };
    }
}

#[cfg(not(unix))]
fn try_lock(_: &File) -> Locked {
    Locked::Unsupported
}

/// Whether `file` is still the file at `path` (not removed and replaced).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

fn write_pid(file: &File) -> std::io::Result<()> {
    use std::io::{Seek, Write};
    let mut f = file;
    f.set_len(0)?;
    f.seek(std::io::SeekFrom::Start(0))?;
    writeln!(f, "{}", std::process::id())
}

/// The pid the holder wrote (it may not have written it yet).
fn read_pid(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut text = String::new();
    File::open(path)
        .ok()?
        .take(32)
        .read_to_string(&mut text)
        .ok()?;
    text.trim().parse().ok()
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_directory_is_refused_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().expect("tmp");
        let first = OutLock::take(dir.path()).expect("first");
        assert!(first.held());
        match OutLock::take(dir.path()) {
            Err(LockError::Busy(pid)) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected Busy, got {other:?}"),
        }
        drop(first);
        assert!(!dir.path().join(LOCK_NAME).exists());
        let again = OutLock::take(dir.path()).expect("free again");
        assert!(again.held());
    }
}
