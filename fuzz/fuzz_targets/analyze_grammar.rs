//! Structure-aware: the fuzzer's bytes choose the shape of a Server Action module (see
//! `src/grammar.rs`), which is then analysed and highlighted.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (file_name, source) = actiongate_fuzz::grammar::Gen::module(data);
    actiongate_fuzz::check(&source, file_name);
});
