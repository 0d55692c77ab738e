//! Any bytes as a workbook (.xlsx, .xls or .ods chosen by the first byte).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // calamine panics on some damaged .xls files; shiryo's sheet reader catches
    // those (reported as `corrupt`). libfuzzer-sys's hook would abort on any panic,
    // caught or not, so replace it with a silent one: a panic that escapes
    // `extract_bytes_unguarded` still aborts through libfuzzer-sys's own catch.
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let ext = ["xlsx", "xls", "ods"][(*first as usize) % 3];
    let cfg = shiryo::Config::default();
    let _ = shiryo::extract::extract_bytes_unguarded(rest, "fuzz", ext, &cfg);
});
