//! How a run is asked to stop: SIGINT, SIGTERM and SIGHUP set a flag that
//! the batch reads between files (and the worker pool while it waits for a
//! worker), so the run stops dispatching, abandons the files in flight (their
//! workers are killed; nothing of theirs is written) and ends with whole
//! files only. The handler is installed with `SA_RESETHAND`: a second signal
//! of the same kind ends the process at once, as if no handler were there
//! (what is on disk is still whole: every report is written to a temporary
//! file and renamed).
//!
//! SIGXFSZ is ignored, so a file-size limit (`ulimit -f`) makes the write
//! fail with EFBIG — reported like a full disk — instead of killing the run.
//!
//! Owns: the handlers and the flag. Must not know: reports, workers, sinks.

use std::sync::atomic::{AtomicI32, Ordering};

/// The signal that asked the run to stop; 0: none.
static STOP: AtomicI32 = AtomicI32::new(0);

/// Install the handlers (the binary does, before a run; a library caller may
/// use [`request`] instead).
pub fn install() {
    #[cfg(unix)]
    // SAFETY: sigaction with a zeroed, then filled, struct and a handler that
    // only stores into an atomic (async-signal-safe); signal() to ignore.
    unsafe {
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            let mut act: libc::sigaction = std::mem::zeroed();
            act.sa_sigaction = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
            act.sa_flags = libc::SA_RESETHAND | libc::SA_RESTART;
            libc::sigemptyset(&mut act.sa_mask);
            libc::sigaction(sig, &act, std::ptr::null_mut());
        }
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}

#[cfg(unix)]
extern "C" fn on_signal(sig: libc::c_int) {
    request(sig);
}

/// Ask the run to stop as if by signal `sig` (the first request wins).
pub fn request(sig: i32) {
    let _ = STOP.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
}

/// The signal that asked the run to stop, if one did.
pub fn requested() -> Option<i32> {
    match STOP.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}

/// Whether the run has been asked to stop (for the worker pool).
pub fn stopping() -> bool {
    requested().is_some()
}

/// `SIGTERM`, `SIGINT`, … by number.
pub fn name(sig: i32) -> String {
    #[cfg(unix)]
    {
        match sig {
            libc::SIGINT => return "SIGINT".into(),
            libc::SIGTERM => return "SIGTERM".into(),
            libc::SIGHUP => return "SIGHUP".into(),
            _ => {}
        }
    }
    format!("signal {sig}")
}
