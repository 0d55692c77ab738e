//! One worker process: started with its limits, fed frames, heard with a
//! deadline, stopped, and asked how it ended.
//!
//! The limits are set in the child between fork and exec (`pre_exec`):
//! `RLIMIT_AS` caps its address space, `RLIMIT_CPU` its CPU time (the worker
//! raises the soft limit by one file's allowance before each file, see
//! `serve`), `RLIMIT_CORE` 0 keeps an abort from writing a core file, and on
//! Linux the child is killed if the parent dies. Two threads per worker read
//! its stdout (frames, handed over a channel so that the caller can wait with
//! a deadline) and its stderr (the last few KB, which tell why it died).
//!
//! Must not know: what the frames mean, files, reports.

use super::protocol;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::path::Path;
use std::process::{ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
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
    frames: Receiver<io::Result<Vec<u8>>>,
    stderr: Option<JoinHandle<Vec<u8>>>,
}

/// What came from a worker before a deadline.
pub(super) enum Heard {
    Frame(Vec<u8>),
    /// Nothing before the deadline.
    Silent,
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
        let stdout = proc.stdout.take();
        let stderr = proc.stderr.take();
        let (tx, frames) = mpsc::channel();
        let reader = std::thread::Builder::new()
            .name("shiryo-worker-out".into())
            .spawn(move || {
                let Some(mut out) = stdout else { return };
                loop {
                    match protocol::read_frame(&mut out, protocol::MAX_REPLY) {
                        Ok(Some(f)) => {
                            if tx.send(Ok(f)).is_err() {
                                return;
                            }
                        }
                        Ok(None) => return,
                        Err(e) => {
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                }
            });
        let tail = std::thread::Builder::new()
            .name("shiryo-worker-err".into())
            .spawn(move || stderr.map(read_tail).unwrap_or_default());
        let (Ok(_), Ok(tail)) = (reader, tail) else {
            let _ = proc.kill();
            let _ = proc.wait();
            return Err(io::Error::other(
                "cannot start the threads that read a worker",
            ));
        };
        Ok(Child {
            stdin: proc.stdin.take(),
            proc,
            frames,
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

    /// Wait for the next frame until `deadline`.
    pub fn hear(&mut self, deadline: Instant) -> Heard {
        let wait = deadline.saturating_duration_since(Instant::now());
        match self.frames.recv_timeout(wait) {
            Ok(Ok(frame)) => Heard::Frame(frame),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Heard::Gone,
            Err(RecvTimeoutError::Timeout) => Heard::Silent,
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
        let status = self.proc.wait().ok();
        let stderr = self
            .stderr
            .take()
            .and_then(|h| h.join().ok())
            .unwrap_or_default();
        End { status, stderr }
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
