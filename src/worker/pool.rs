//! The pool: at most one worker per job, each started on demand, reused for
//! file after file, and replaced when it dies or passes a file's time limit.
//! More callers than workers may ask at once (the batch runs two threads per
//! worker, so that one writes a report while the other's file is being read):
//! they wait for a worker to be free.
//!
//! [`Pool::run`] hands a file to an idle worker and gives back its report,
//! or why the file killed its worker: the wall-clock limit (the pool stops
//! the worker), the CPU-time limit (the kernel stops it with SIGXCPU), the
//! memory limit (an allocation failed under `RLIMIT_AS`: the Rust runtime
//! aborts after printing "memory allocation of N bytes failed"), a stack
//! overflow, or another crash. Which one is read from the exit signal and
//! the end of the worker's stderr. A run that is stopping (`cancel_when`)
//! starts no worker and gives up waiting: the file is abandoned
//! ([`Killed::Cancelled`]) and its worker killed.
//!
//! Must not know: rayon, output paths, formats.

use super::child::{Child, End, Heard, ProcessLimits, CANCEL_POLL};
use super::protocol::{Reply, Request, HELLO};
use super::Outcome;
use crate::output::ErrorCode;
use crate::read::Limits;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// How long a new worker may take to say hello.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How workers are started and what each file may use.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// This program (started as `EXE __worker`).
    pub exe: PathBuf,
    /// Address-space limit of each worker, in MiB.
    pub memory_mib: Option<u64>,
    /// Wall-clock limit per file; the CPU-time limit is the same, in whole
    /// seconds rounded up. None: no limit.
    pub timeout: Option<Duration>,
    /// Limits the readers enforce themselves.
    pub limits: Limits,
}

/// Why a file has no report from its worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Killed {
    /// Past the wall-clock limit; the pool stopped the worker.
    Time(Duration),
    /// Past the CPU-time limit (seconds); the kernel stopped the worker.
    CpuTime(u64),
    /// An allocation failed under the memory limit (MiB).
    Memory(u64),
    /// The worker overflowed its stack.
    Stack,
    /// The worker died another way (how).
    Crashed(String),
    /// The worker could not read the request (why).
    Refused(String),
    /// No worker could be started (why): not the file's doing, the batch stops.
    NoWorker(String),
    /// The run was asked to stop: the file was abandoned (its worker killed).
    Cancelled,
}

impl Killed {
    /// The error code the file gets.
    pub fn code(&self) -> ErrorCode {
        match self {
            Killed::Time(_) | Killed::CpuTime(_) | Killed::Memory(_) | Killed::Stack => {
                ErrorCode::TooLarge
            }
            Killed::Crashed(_) | Killed::Refused(_) | Killed::NoWorker(_) | Killed::Cancelled => {
                ErrorCode::Corrupt
            }
        }
    }

    /// The error message, one line naming the file and the limit.
    pub fn message(&self, display: &str) -> String {
        match self {
            Killed::Time(t) => format!(
                "{display}: gave up after the time limit of {:.1}s (its worker process was stopped)",
                t.as_secs_f64()
            ),
            Killed::CpuTime(s) => format!(
                "{display}: used more than the CPU-time limit of {s}s (its worker process was stopped)"
            ),
            Killed::Memory(mib) => format!(
                "{display}: needed more than the memory limit of {mib} MiB (its worker process ran out of memory)"
            ),
            Killed::Stack => format!(
                "{display}: nested too deeply for the stack limit (its worker process overflowed its stack)"
            ),
            Killed::Crashed(how) => {
                format!("{display}: the reader crashed on it ({how}); its worker process was replaced")
            }
            Killed::Refused(why) => format!("{display}: the worker could not take it ({why})"),
            Killed::NoWorker(why) => format!("{display}: no worker process could start ({why})"),
            Killed::Cancelled => format!("{display}: abandoned, the run was asked to stop"),
        }
    }
}

/// Long-lived worker processes, one per job at most.
pub struct Pool {
    cfg: PoolConfig,
    /// How many workers may live at once.
    most: usize,
    slots: Mutex<Slots>,
    /// Signalled when a worker becomes idle or goes away.
    freed: Condvar,
    /// Whether to give up (see [`Pool::cancel_when`]).
    cancel: fn() -> bool,
}

struct Slots {
    idle: Vec<Child>,
    /// Workers alive, idle or busy.
    live: usize,
}

impl Pool {
    /// Start a pool of at most `most` workers with one of them, to find out
    /// now whether workers can start at all.
    pub fn start(cfg: PoolConfig, most: usize) -> Result<Pool, String> {
        let pool = Pool {
            cfg,
            most: most.max(1),
            slots: Mutex::new(Slots {
                idle: Vec::new(),
                live: 1,
            }),
            freed: Condvar::new(),
            cancel: never,
        };
        let first = pool.spawn()?;
        pool.checkin(first);
        Ok(pool)
    }

    /// Give up waiting, and kill the workers busy with files, once `cancel`
    /// says so (the batch's stop request); it is asked at least every 100 ms.
    pub fn cancel_when(mut self, cancel: fn() -> bool) -> Pool {
        self.cancel = cancel;
        self
    }

    /// Extract `path` in a worker; with `keep_if_sha256`, the worker first
    /// hashes the file (under the same limits) and answers
    /// [`Outcome::Unchanged`] when it matches, without extracting.
    pub fn run(
        &self,
        path: &Path,
        display: &str,
        keep_if_sha256: Option<&str>,
    ) -> Result<Outcome, Killed> {
        let req = Request {
            path: path.to_path_buf(),
            display: display.to_string(),
            limits: self.cfg.limits,
            cpu_secs: self.cpu_secs(),
            keep_if_sha256: keep_if_sha256.unwrap_or_default().to_string(),
        }
        .encode();
        let mut child = self.checkout()?;
        if (self.cancel)() {
            self.checkin(child);
            return Err(Killed::Cancelled);
        }
        if child.send(&req).is_err() {
            // It died while idle: not this file's doing; start another.
            child.stop();
            child = self
                .spawn()
                .inspect_err(|_| self.release())
                .map_err(Killed::NoWorker)?;
            if child.send(&req).is_err() {
                let end = child.end();
                self.release();
                return Err(self.why(&end));
            }
        }
        let deadline = self
            .cfg
            .timeout
            .map(|t| Instant::now() + t)
            .unwrap_or_else(far_future);
        match child.hear(deadline, self.cancel) {
            Heard::Frame(frame) => match Reply::decode(frame) {
                Ok(Reply::Done(finished)) => {
                    self.checkin(child);
                    Ok(Outcome::Report(finished))
                }
                Ok(Reply::Unchanged) => {
                    self.checkin(child);
                    Ok(Outcome::Unchanged)
                }
                Ok(Reply::Refused(why)) => {
                    self.checkin(child);
                    Err(Killed::Refused(why))
                }
                Err(e) => {
                    child.stop();
                    self.release();
                    Err(Killed::Crashed(format!("its worker answered garbage: {e}")))
                }
            },
            Heard::Silent => {
                child.stop();
                self.release();
                Err(Killed::Time(self.cfg.timeout.unwrap_or_default()))
            }
            Heard::Cancelled => {
                child.stop();
                self.release();
                Err(Killed::Cancelled)
            }
            Heard::Gone => {
                let end = child.end();
                self.release();
                Err(self.why(&end))
            }
        }
    }

    /// CPU seconds per file: the time limit rounded up (0: no limit).
    fn cpu_secs(&self) -> u64 {
        self.cfg
            .timeout
            .map_or(0, |t| (t.as_secs_f64().ceil() as u64).max(1))
    }

    /// An idle worker, a new one while fewer than `most` live, else wait
    /// (no new worker once the run is cancelled).
    fn checkout(&self) -> Result<Child, Killed> {
        let poisoned = || Killed::NoWorker("the worker pool's lock is poisoned".to_string());
        let mut slots = self.slots.lock().map_err(|_| poisoned())?;
        loop {
            if (self.cancel)() {
                return Err(Killed::Cancelled);
            }
            if let Some(c) = slots.idle.pop() {
                return Ok(c);
            }
            if slots.live < self.most {
                slots.live += 1;
                drop(slots);
                return self
                    .spawn()
                    .inspect_err(|_| self.release())
                    .map_err(Killed::NoWorker);
            }
            slots = self
                .freed
                .wait_timeout(slots, CANCEL_POLL)
                .map_err(|_| poisoned())?
                .0;
        }
    }

    fn checkin(&self, child: Child) {
        match self.slots.lock() {
            Ok(mut s) => s.idle.push(child),
            Err(_) => child.close(),
        }
        self.freed.notify_one();
    }

    /// A worker has gone: another may start.
    fn release(&self) {
        if let Ok(mut s) = self.slots.lock() {
            s.live = s.live.saturating_sub(1);
        }
        self.freed.notify_one();
    }

    /// Start a worker and wait for its hello (three tries).
    fn spawn(&self) -> Result<Child, String> {
        let limits = ProcessLimits {
            memory: self.cfg.memory_mib.map(|m| m.saturating_mul(1 << 20)),
            cpu_secs: match self.cpu_secs() {
                0 => 0,
                s => s.saturating_add(START_TIMEOUT.as_secs()),
            },
        };
        let mut last = String::new();
        for attempt in 0..3 {
            if attempt > 0 {
                std::thread::sleep(Duration::from_millis(100));
            }
            let mut child = match Child::start(&self.cfg.exe, limits) {
                Ok(c) => c,
                Err(e) => {
                    last = format!("{}: {e}", self.cfg.exe.display());
                    continue;
                }
            };
            match child.hear(Instant::now() + START_TIMEOUT, never) {
                Heard::Frame(f) if f == HELLO => return Ok(child),
                Heard::Frame(_) => {
                    child.stop();
                    return Err(format!(
                        "{} does not speak the worker protocol of this version",
                        self.cfg.exe.display()
                    ));
                }
                Heard::Silent | Heard::Cancelled => {
                    child.stop();
                    last = "a new worker did not answer within 30s".into();
                }
                Heard::Gone => {
                    let end = child.end();
                    last = format!("a new worker ended at once ({})", describe(&end));
                }
            }
        }
        Err(last)
    }

    /// Why a worker ended, from its exit and the end of its stderr.
    fn why(&self, end: &End) -> Killed {
        let said = String::from_utf8_lossy(&end.stderr);
        if said.contains("has overflowed its stack") {
            return Killed::Stack;
        }
        if said.contains("memory allocation of") {
            if let Some(mib) = self.cfg.memory_mib {
                return Killed::Memory(mib);
            }
        }
        match signal_of(end) {
            #[cfg(unix)]
            Some(libc::SIGXCPU) => Killed::CpuTime(self.cpu_secs()),
            #[cfg(unix)]
            Some(libc::SIGKILL) if self.cfg.memory_mib.is_some() => {
                Killed::Crashed("killed by the system (SIGKILL), most likely out of memory".into())
            }
            _ => Killed::Crashed(describe(end)),
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        let idle = match self.slots.get_mut() {
            Ok(s) => std::mem::take(&mut s.idle),
            Err(e) => std::mem::take(&mut e.into_inner().idle),
        };
        for child in idle {
            child.close();
        }
    }
}

fn never() -> bool {
    false
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

fn signal_of(end: &End) -> Option<i32> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        end.status.and_then(|s| s.signal())
    }
    #[cfg(not(unix))]
    {
        let _ = end;
        None
    }
}

/// "signal 6", "exit code 101", from how the worker ended. What it wrote
/// to stderr is never quoted: it may hold text of the files it read.
fn describe(end: &End) -> String {
    match (signal_of(end), end.status.and_then(|s| s.code())) {
        (Some(sig), _) => format!("signal {sig}"),
        (None, Some(c)) => format!("exit code {c}"),
        (None, None) => "it vanished".into(),
    }
}
