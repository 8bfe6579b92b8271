//! Arbitrary bytes → `from_utf8_lossy` → `analyze` (and the playground's highlighter).
//! The first byte picks the file name (`'0'` .ts, `'1'` .tsx, `'2'` .js, `'3'` .jsx), so seed
//! files are written as that digit followed by the file's text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let file_name =
        actiongate_fuzz::FILE_NAMES[selector as usize % actiongate_fuzz::FILE_NAMES.len()];
    let source = String::from_utf8_lossy(rest);
    actiongate_fuzz::check(&source, file_name);
});
