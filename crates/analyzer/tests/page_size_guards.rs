//! Guards for the playground's download (issue #13): code patterns that silently pull large
//! pieces of the standard library into the page's WebAssembly.

use std::path::Path;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// oxc's `PropertyKey::static_name` prints a numeric key as an `f64`, which links the float
/// formatter (about 10 KiB of wasm) into the page: the analyzer reads keys with
/// `module::key_name`, which takes a number as written.
#[test]
fn property_keys_are_read_without_the_float_formatter() {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(f)
                .expect("read")
                .contains(".static_name()")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "use crate::module::key_name instead of PropertyKey::static_name in {offenders:?}"
    );
}
