//! Per-file guards: a time limit, and isolation in a child process with a memory
//! cap, for inputs that can hang or abort a reader (docx-rs can hang on some
//! non-Word zips; an allocation failure aborts the whole process).
//!
//! Owns: running [`crate::extract::extract_file`] under those guards and turning
//! a timeout, a crash or an out-of-memory abort into that file's `error`.
//!
//! Must not know: rayon, output paths, formats.

use crate::extract;
use crate::output::{ErrorCode, FileReport};
use crate::Config;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use wait_timeout::ChildExt;

/// How each file is protected.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guard {
    /// Give up on a file after this long (`too_large`).
    pub timeout: Option<Duration>,
    /// Run each file in a child process of this executable (`shiryo __extract-one`).
    pub isolate_with: Option<PathBuf>,
    /// Address-space cap of the child, in MiB (isolation only).
    pub memory_mib: Option<u64>,
}

/// Extract one file under `guard`.
pub fn extract_guarded(path: &Path, display: &str, cfg: &Config, guard: &Guard) -> FileReport {
    if let Some(exe) = &guard.isolate_with {
        return in_child(exe, path, display, cfg, guard);
    }
    match guard.timeout {
        None => extract::extract_file(path, display, cfg),
        Some(limit) => with_timeout(path, display, cfg, limit),
    }
}

/// In-process time limit: the extraction runs on its own thread; when it overruns,
/// the file is reported and the thread is left to finish on its own.
fn with_timeout(path: &Path, display: &str, cfg: &Config, limit: Duration) -> FileReport {
    let (tx, rx) = mpsc::channel();
    let (p, d, c) = (path.to_path_buf(), display.to_string(), cfg.clone());
    let spawned = std::thread::Builder::new()
        .name("shiryo-file".into())
        .spawn(move || {
            let _ = tx.send(extract::extract_file(&p, &d, &c));
        });
    if spawned.is_err() {
        return extract::extract_file(path, display, cfg);
    }
    match rx.recv_timeout(limit) {
        Ok(report) => report,
        Err(_) => extract::failed(
            extract::unread_source(path, display),
            ErrorCode::TooLarge,
            format!(
                "{display}: gave up after the time limit of {:.1}s",
                limit.as_secs_f64()
            ),
        ),
    }
}

/// Child-process isolation: `EXE __extract-one PATH DISPLAY` prints the report.
fn in_child(exe: &Path, path: &Path, display: &str, cfg: &Config, guard: &Guard) -> FileReport {
    let l = &cfg.limits;
    let mut cmd = Command::new(exe);
    cmd.arg("__extract-one")
        .arg(path)
        .arg(display)
        .args(["--max-file-bytes", &l.max_file_bytes.to_string()])
        .args(["--max-unzipped-bytes", &l.max_unzipped_bytes.to_string()])
        .args(["--max-entries", &l.max_entries.to_string()])
        .args(["--max-ratio", &l.max_ratio.to_string()])
        .args(["--max-cells", &l.max_cells.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    if let Some(mib) = guard.memory_mib {
        use std::os::unix::process::CommandExt;
        let bytes = mib.saturating_mul(1 << 20);
        // SAFETY: setrlimit is async-signal-safe; nothing else runs between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let lim = libc::rlimit {
                    rlim_cur: bytes as libc::rlim_t,
                    rlim_max: bytes as libc::rlim_t,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let fail =
        |code, msg: String| extract::failed(extract::unread_source(path, display), code, msg);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return fail(
                ErrorCode::Corrupt,
                format!("{display}: cannot start the isolated reader: {e}"),
            )
        }
    };
    let mut stdout = child.stdout.take();
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(out) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(out, &mut buf);
        }
        buf
    });
    let limit = guard.timeout.unwrap_or(Duration::from_secs(24 * 3600));
    let status = match child.wait_timeout(limit) {
        Ok(Some(s)) => s,
        Ok(None) | Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return fail(
                ErrorCode::TooLarge,
                format!(
                    "{display}: gave up after the time limit of {:.1}s",
                    limit.as_secs_f64()
                ),
            );
        }
    };
    let out = reader.join().unwrap_or_default();
    if status.success() {
        if let Ok(report) = serde_json::from_slice::<FileReport>(&out) {
            return report;
        }
    }
    let how = describe_exit(&status);
    match guard.memory_mib {
        Some(mib) => fail(
            ErrorCode::TooLarge,
            format!("{display}: the reader stopped ({how}); it probably exceeded the memory cap of {mib} MiB"),
        ),
        None => fail(ErrorCode::Corrupt, format!("{display}: the reader crashed ({how})")),
    }
}

fn describe_exit(status: &std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(sig) = status.signal() {
            return format!("signal {sig}");
        }
    }
    match status.code() {
        Some(c) => format!("exit code {c}"),
        None => "unknown exit".into(),
    }
}
