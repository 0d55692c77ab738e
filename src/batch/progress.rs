//! The progress bar on stderr (only when it is a terminal): files done of
//! all, failed so far, time elapsed, a whole-number rate, time left.
//!
//! Must not know: formats, workers.

use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::sync::atomic::{AtomicUsize, Ordering};

pub(super) struct Progress {
    bar: Option<ProgressBar>,
    failed: AtomicUsize,
}

impl Progress {
    pub fn new(len: usize, wanted: bool) -> Progress {
        use std::io::IsTerminal;
        let bar = (wanted && std::io::stderr().is_terminal() && len >= 2).then(|| {
            let bar = ProgressBar::new(len as u64);
            if let Ok(style) = style() {
                bar.set_style(style);
            }
            bar.set_message("0");
            bar
        });
        Progress {
            bar,
            failed: AtomicUsize::new(0),
        }
    }

    /// One more file done.
    pub fn done(&self, failed: bool) {
        let Some(bar) = &self.bar else { return };
        if failed {
            let n = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
            bar.set_message(n.to_string());
        }
        bar.inc(1);
    }

    /// Print a line above the bar.
    pub fn say(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.println(line),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn style() -> Result<ProgressStyle, indicatif::style::TemplateError> {
    Ok(ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files, {msg} failed, {elapsed} elapsed, {rate} files/s, eta {eta}",
    )?
    .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0}", s.per_sec());
    }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_valid() {
        assert!(super::style().is_ok());
    }
}
