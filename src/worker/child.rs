//! One worker process: started with its limits, fed frames, heard with a
//! deadline, stopped, and asked how it ended.
//!
//! The limits are set in the child between fork and exec (`pre_exec`):
//! `RLIMIT_AS` caps its address space, `RLIMIT_CPU` its CPU time (the worker
//! raises the soft limit by one file's allowance before each file, see
//! `serve`), `RLIMIT_CORE` 0 keeps an abort from writing a core file, and on
//! Linux the child is killed if the parent dies. Its stdout is read by the
//! caller itself, waiting for each chunk with `poll` until the deadline; a
//! thread drains its stderr, keeping the last few KB, which tell why it died.
//!
//! Must not know: what the frames mean, files, reports.

use super::protocol;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::path::Path;
use std::process::{ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use wait_timeout::ChildExt;

/// How much of a worker's stderr is kept.
const STDERR_TAIL: usize = 4096;

/// The limits a worker process starts with.
#[derive(Debug, Clone, Copy)]
pub(super) struct ProcessLimits {
    /// Address-space limit in bytes.
    pub memory: Option<u64>,
    /// CPU seconds before its first file (start-up included).
    pub cpu_secs: u64,
}

/// A running worker.
pub(super) struct Child {
    proc: std::process::Child,
    stdin: Option<ChildStdin>,
    stdout: Option<ChildStdout>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

/// What came from a worker before a deadline.
pub(super) enum Heard {
    Frame(Vec<u8>),
    /// Nothing before the deadline.
    Silent,
    /// The caller's `cancel` said to stop waiting.
    Cancelled,
    /// Its stdout closed or carried a broken frame: it is dead or dying.
    Gone,
}

/// How a worker ended.
pub(super) struct End {
    pub status: Option<ExitStatus>,
    /// The end of what it wrote to stderr.
    pub stderr: Vec<u8>,
}

impl Child {
    /// Start `exe __worker` with `limits`.
    pub fn start(exe: &Path, limits: ProcessLimits) -> io::Result<Child> {
        let mut cmd = Command::new(exe);
        cmd.arg("__worker")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: the closure only makes system calls (setrlimit,
            // getrlimit, prctl), which are async-signal-safe; it allocates nothing.
            unsafe {
                cmd.pre_exec(move || super::serve::limit_self(limits.memory, limits.cpu_secs));
            }
        }
        let mut proc = cmd.spawn()?;
        let stderr = proc.stderr.take();
        let tail = match std::thread::Builder::new()
            .name("shiryo-worker-err".into())
            .spawn(move || stderr.map(read_tail).unwrap_or_default())
        {
            Ok(t) => t,
            Err(e) => {
                let _ = proc.kill();
                let _ = proc.wait();
                return Err(e);
            }
        };
        Ok(Child {
            stdin: proc.stdin.take(),
            stdout: proc.stdout.take(),
            proc,
            stderr: Some(tail),
        })
    }

    /// Send one frame.
    pub fn send(&mut self, payload: &[u8]) -> io::Result<()> {
        match self.stdin.as_mut() {
            Some(w) => protocol::write_frame(w, payload),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }

    /// Wait for the next frame until `deadline`, or until `cancel` (asked
    /// at least every [`CANCEL_POLL`]) says to stop waiting.
    pub fn hear(&mut self, deadline: Instant, cancel: fn() -> bool) -> Heard {
        let Some(out) = self.stdout.as_mut() else {
            return Heard::Gone;
        };
        let mut r = Until {
            out,
            deadline,
            cancel,
            cancelled: false,
        };
        match protocol::read_frame(&mut r, protocol::MAX_REPLY) {
            Ok(Some(frame)) => Heard::Frame(frame),
            Err(_) if r.cancelled => Heard::Cancelled,
            Err(e) if e.kind() == io::ErrorKind::TimedOut => Heard::Silent,
            Ok(None) | Err(_) => Heard::Gone,
        }
    }

    /// Kill it now.
    pub fn stop(mut self) -> End {
        let _ = self.proc.kill();
        self.reap()
    }

    /// It has closed its stdout: let it finish dying (killing it if it does
    /// not within a few seconds) and read how it ended.
    pub fn end(mut self) -> End {
        self.stdin = None;
        if !matches!(self.proc.wait_timeout(Duration::from_secs(5)), Ok(Some(_))) {
            let _ = self.proc.kill();
        }
        self.reap()
    }

    /// Ask it to leave (end of its stdin), killing it if it stays.
    pub fn close(mut self) {
        self.stdin = None;
        if !matches!(self.proc.wait_timeout(Duration::from_secs(2)), Ok(Some(_))) {
            let _ = self.proc.kill();
        }
        let _ = self.reap();
    }

    fn reap(&mut self) -> End {
        self.stdin = None;
        self.stdout = None;
        let status = self.proc.wait().ok();
        let stderr = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        End { status, stderr }
    }
}

/// How often a wait for a worker asks whether to give up.
pub(super) const CANCEL_POLL: Duration = Duration::from_millis(100);

/// A worker's stdout read with a deadline: each read first waits (`poll`)
/// for data until then, and fails with `TimedOut` past it; it fails too
/// (setting `cancelled`) as soon as `cancel` says so.
struct Until<'a> {
    out: &'a mut ChildStdout,
    deadline: Instant,
    cancel: fn() -> bool,
    cancelled: bool,
}

impl Read for Until<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        loop {
            use std::os::fd::AsRawFd;
            if (self.cancel)() {
                self.cancelled = true;
                // Not `Interrupted`: readers retry that.
                return Err(io::Error::other("cancelled"));
            }
            let left = self.deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::ErrorKind::TimedOut.into());
            }
            let wait = left.min(CANCEL_POLL);
            let ms = i32::try_from(wait.as_millis().saturating_add(1)).unwrap_or(i32::MAX);
            let mut fd = libc::pollfd {
                fd: self.out.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: poll on one valid descriptor, with a pointer to it.
            match unsafe { libc::poll(&mut fd, 1, ms) } {
                n if n > 0 => break,
                0 => continue,
                _ => {
                    let e = io::Error::last_os_error();
                    if e.kind() != io::ErrorKind::Interrupted {
                        return Err(e);
                    }
                }
            }
        }
        self.out.read(buf)
    }
}

/// Read a stream to its end, keeping its last `STDERR_TAIL` bytes.
fn read_tail(mut r: impl Read) -> Vec<u8> {
    let mut tail: VecDeque<u8> = VecDeque::with_capacity(STDERR_TAIL);
    let mut buf = [0u8; 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                tail.extend(&buf[..n]);
                let over = tail.len().saturating_sub(STDERR_TAIL);
                tail.drain(..over);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => break,
        }
    }
    tail.into()
}
