//! Any bytes as a workbook (.xlsx, .xls or .ods chosen by the first byte).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods"][(*first as usize) % 3];
    let cfg = shiryo::Config::default();
    let _ = shiryo::extract::extract_bytes_unguarded(rest, "fuzz", ext, &cfg);
});
