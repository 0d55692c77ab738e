//! Any bytes as a .docx: the whole pipeline must return a report, never panic or hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let cfg = shiryo::Config::default();
    let _ = shiryo::extract::extract_bytes_unguarded(data, "fuzz.docx", "docx", &cfg);
});
