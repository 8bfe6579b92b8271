//! # actiongate-labels
//!
//! Labelled test sets: the `// expect: <rule>` label format, shared by the analyzer's fixture
//! and corpus tests and the CLI's held-out tests (a dev-dependency of both). No analyzer types
//! here, so both crates can use it.

use std::path::{Path, PathBuf};

/// The rules a label can name (besides `clean`).
pub const PRIMARY: [&str; 6] = [
    "missing-authn",
    "unchecked-session",
    "auth-after-mutation",
    "client-identity",
    "missing-authz",
    "unverified-session",
];

/// The workspace root (two levels above this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Every source file under `dir`, sorted.
pub fn source_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The `// expect:` label in the comment block directly above 1-based `line`.
pub fn label_above(source: &str, line: u32) -> Option<String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut i = line as usize - 1; // index of the action line
    while i > 0 {
        i -= 1;
        let t = lines[i].trim();
        if let Some(rest) = t.strip_prefix("// expect:") {
            return Some(rest.trim().to_string());
        }
        if !(t.starts_with("//")
            || t.starts_with("/*")
            || t.starts_with('*')
            || t.starts_with("{/*"))
        {
            return None;
        }
    }
    None
}
