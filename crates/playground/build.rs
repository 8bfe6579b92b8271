//! Makes the gallery's article examples from the seed fixtures (`tests/fixtures/seeds/`), so the
//! examples the analyzer is tested on and the ones the playground shows are the same files. The
//! fixtures' `// expect:` labels are for the test harness and are left out of the copies.

use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: a second checkout sharing this
    // target folder reuses the compiled script.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let seeds = Path::new(&manifest).join("../../tests/fixtures/seeds");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("seeds");
    std::fs::create_dir_all(&out).expect("create OUT_DIR/seeds");
    println!("cargo:rerun-if-changed={}", seeds.display());
    let entries =
        std::fs::read_dir(&seeds).unwrap_or_else(|e| panic!("reading {}: {e}", seeds.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let is_source = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("ts" | "tsx" | "js" | "jsx")
        );
        if !path.is_file() || !is_source {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let shown: String = text
            .split_inclusive('\n')
            .filter(|line| !line.trim_start().starts_with("// expect:"))
            .collect();
        let name = path.file_name().expect("file name");
        std::fs::write(out.join(name), shown).expect("write the example");
    }
}
