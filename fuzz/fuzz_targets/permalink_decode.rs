//! Arbitrary text → `actiongate_permalink::decode` and `decode_project` (must return, never
//! panic, within their limits); a decoded state must survive `encode` → `decode` unchanged; and
//! any text used as code must round-trip through a permalink.
#![no_main]

use actiongate_permalink::{
    decode, decode_project, encode, encode_project, PlaygroundState, ViewOptions, MAX_CODE_BYTES,
    MAX_FILES,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(state) = decode(&text) {
        assert!(state.code.len() <= MAX_CODE_BYTES);
        assert!(actiongate_permalink::is_valid_file_name(&state.file_name));
        let again = decode(&encode(&state));
        assert_eq!(again.as_ref(), Ok(&state), "decode(encode(state)) != state");
    }
    if let Ok(project) = decode_project(&text) {
        assert!(!project.files.is_empty() && project.files.len() <= MAX_FILES);
        assert!(project.files.iter().map(|f| f.code.len()).sum::<usize>() <= MAX_CODE_BYTES);
        assert!(project.active < project.files.len());
        assert!(project
            .files
            .iter()
            .all(|f| actiongate_permalink::is_valid_file_name(&f.name)));
        let again = decode_project(&encode_project(&project));
        assert_eq!(
            again.as_ref(),
            Ok(&project),
            "a project did not survive its link"
        );
    }
    let state = PlaygroundState {
        code: text.to_string(),
        file_name: "app/actions.ts".into(),
        selected: data.first().map(|&b| b as usize),
        options: ViewOptions {
            show_fixed: data.len() % 2 == 0,
        },
    };
    assert_eq!(
        decode(&encode(&state)),
        Ok(state),
        "a state did not survive its permalink"
    );
});
