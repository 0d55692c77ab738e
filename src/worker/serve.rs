//! The worker's side: announce itself, then read requests and answer each
//! with the file's report, until its stdin ends.
//!
//! The frames go out on a private copy of the original stdout; file
//! descriptor 1 is pointed at stderr, so that nothing printed by mistake can
//! break a frame. Before each file the CPU-time limit is moved to what the
//! worker has used so far plus the file's allowance: past it the kernel stops
//! the worker (SIGXCPU), whatever state it is in.
//!
//! Must not know: pools, batches, where reports are written.

use super::protocol::{self, Reply, Request, HELLO, MAX_REQUEST};
use super::Finished;
use crate::{extract, Config};
use std::io::{self, BufReader, BufWriter, Read, Write};

/// Serve requests on stdin/stdout until stdin ends.
pub fn serve() -> io::Result<()> {
    let (input, output) = streams()?;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut output = BufWriter::with_capacity(1 << 16, output);
    warm_up();
    protocol::write_frame(&mut output, HELLO)?;
    while let Some(frame) = protocol::read_frame(&mut input, MAX_REQUEST)? {
        let reply = match Request::decode(&frame) {
            Ok(req) => {
                allow_cpu(req.cpu_secs);
                let cfg = Config { limits: req.limits };
                let known = &req.keep_if_sha256;
                // The report's nouns are taken while its texts are segmented.
                let _memo = crate::text::tokenize::FileScope::begin();
                match extract::extract_file_if_changed(&req.path, &req.display, &cfg, known) {
                    Some(report) => Reply::Done(Finished::of(&report)),
                    None => Reply::Unchanged,
                }
            }
            Err(why) => Reply::Refused(why),
        };
        reply.write_frame(&mut output)?;
    }
    Ok(())
}

/// Build what every file needs once per process (the tokenizer, the
/// regexes, the lexicon) by reading a small form, so that a worker's first
/// file does not pay for it against its time limit.
fn warm_up() {
    let doc = crate::model::Document::from_lines(&[
        "対象地域：交野市",
        "連携の拠点：交野市医師会",
        "（１）令和6年度の取組実績",
        "①多職種会議を開催（9/11、10/2 2回）",
        "（３）令和7年度の取組計画",
        "④研修会を実施予定（１１月）",
    ]);
    let _ = crate::form::recognize(&doc);
}

/// stdin, and a private handle on the original stdout (fd 1 then points at stderr).
#[cfg(unix)]
fn streams() -> io::Result<(Box<dyn Read>, Box<dyn Write>)> {
    use std::os::fd::FromRawFd;
    // SAFETY: dup/dup2 on the process's own standard descriptors; the new
    // descriptor is owned by the File from here on.
    let out = unsafe {
        let fd = libc::dup(1);
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        if libc::dup2(2, 1) < 0 {
            return Err(io::Error::last_os_error());
        }
        std::fs::File::from_raw_fd(fd)
    };
    Ok((Box::new(io::stdin()), Box::new(out)))
}

#[cfg(not(unix))]
fn streams() -> io::Result<(Box<dyn Read>, Box<dyn Write>)> {
    Ok((Box::new(io::stdin()), Box::new(io::stdout())))
}

/// Set the worker's own limits; runs in the child between fork and exec, so
/// it only makes system calls. `memory`: address-space limit in bytes;
/// `cpu_secs`: CPU seconds until the first file re-arms the limit.
#[cfg(unix)]
pub(super) fn limit_self(memory: Option<u64>, cpu_secs: u64) -> io::Result<()> {
    // SAFETY: plain system calls on this process with valid pointers.
    unsafe {
        let none = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        if let Some(bytes) = memory {
            let lim = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(io::Error::last_os_error());
            }
        }
        set_cpu_soft(cpu_secs);
        // Only the batch decides when to stop: a Ctrl-C reaches the whole
        // process group, and a worker it killed would look like a file
        // that crashed it. The batch kills the workers it abandons, and on
        // Linux a worker dies with its parent.
        for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            libc::signal(sig, libc::SIG_IGN);
        }
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0);
    }
    Ok(())
}

#[cfg(not(unix))]
pub(super) fn limit_self(_memory: Option<u64>, _cpu_secs: u64) -> io::Result<()> {
    Ok(())
}

/// Allow `secs` more CPU seconds from now.
fn allow_cpu(secs: u64) {
    #[cfg(unix)]
    // SAFETY: getrusage on this process with a valid pointer.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        if libc::getrusage(libc::RUSAGE_SELF, &mut usage) != 0 {
            return;
        }
        let used = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1).max(0) as u64;
        set_cpu_soft(if secs == 0 {
            0
        } else {
            used.saturating_add(secs)
        });
    }
    #[cfg(not(unix))]
    let _ = secs;
}

/// Move the soft CPU limit to `secs` (never above the hard limit; 0 lifts it
/// to the hard limit).
#[cfg(unix)]
unsafe fn set_cpu_soft(secs: u64) {
    let mut cur = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    if libc::getrlimit(libc::RLIMIT_CPU, &mut cur) != 0 {
        return;
    }
    let soft = if secs == 0 {
        cur.rlim_max
    } else {
        (secs as libc::rlim_t).min(cur.rlim_max)
    };
    let lim = libc::rlimit {
        rlim_cur: soft,
        rlim_max: cur.rlim_max,
    };
    libc::setrlimit(libc::RLIMIT_CPU, &lim);
}
