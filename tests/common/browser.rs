//! Debian's headless chromium for the page tests (tests/report_browser.rs,
//! tests/audit_browser.rs): finding it, and one run with a time limit whose
//! output goes to files (a dumped DOM is larger than a pipe's buffer).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
/// Longest one headless run may take.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The browser, or `None` with a notice naming `test` when it is absent.
pub fn chromium(test: &str) -> Option<PathBuf> {
    let p = PathBuf::from(CHROMIUM);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIP {test}: {CHROMIUM} not found (apt-get install chromium to run it)");
        None
    }
}

/// Run chromium headless on `url` with `extra` arguments; stdout on success.
/// Its output goes to a file: a dumped DOM is larger than a pipe's buffer.
pub fn run(browser: &Path, url: &str, extra: &[String]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let stdout = profile.path().join("stdout");
    let stderr = profile.path().join("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).expect("stdout file"))
        .stderr(std::fs::File::create(&stderr).expect("stderr file"))
        .spawn()
        .expect("start chromium");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    assert!(status.success(), "chromium failed: {}", read(&stderr));
    read(&stdout)
}
