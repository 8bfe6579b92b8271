//! What gets checked, and how bad input is handled: stdin, binary and non-UTF-8 files, empty
//! and huge files, `.gitignore`, skipped folders and directory recursion.

use predicates::prelude::*;

use crate::common::{actiongate, file_entry, files, rules_by_file, Tree, CLEAN, VULNERABLE};

#[test]
fn stdin_is_read_with_a_default_or_given_file_name() {
    let output = actiongate()
        .args(["check", "-", "--format", "json"])
        .write_stdin(VULNERABLE)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        rules_by_file(&report),
        [("stdin.ts".to_string(), "missing-authn".to_string())]
    );

    let output = actiongate()
        .args([
            "check",
            "-",
            "--format",
            "json",
            "--stdin-filename",
            "app/actions.tsx",
        ])
        .write_stdin(CLEAN)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(files(&report), ["app/actions.tsx"]);
    assert_eq!(
        report["files"][0]["actions"],
        serde_json::json!(["deletePost"])
    );
}

#[test]
fn binary_and_non_utf8_files_are_reported_and_the_run_continues() {
    let tree = Tree::new();
    tree.file("vulnerable.ts", VULNERABLE)
        .file("image.ts", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        .file("latin1.ts", b"\"use server\";\n// caf\xe9\n");
    let (code, report) = tree.check_json(&["."]);
    assert_eq!(code, 1, "findings elsewhere still count: {report:#}");
    assert_eq!(files(&report), ["image.ts", "latin1.ts", "vulnerable.ts"]);
    let image = &file_entry(&report, "image.ts")["errors"][0];
    assert!(
        image["message"]
            .as_str()
            .unwrap()
            .starts_with("not a text file"),
        "{image}"
    );
    assert_eq!(image["line"], 1);
    let latin1 = &file_entry(&report, "latin1.ts")["errors"][0];
    assert!(
        latin1["message"]
            .as_str()
            .unwrap()
            .starts_with("not valid UTF-8"),
        "{latin1}"
    );
    assert_eq!(
        rules_by_file(&report),
        [("vulnerable.ts".to_string(), "missing-authn".to_string())]
    );

    actiongate()
        .current_dir(tree.path())
        .args(["check", "image.ts"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("error[input]: not a text file"));
}

#[test]
fn binary_stdin_is_a_file_error_not_a_crash() {
    let output = actiongate()
        .args(["check", "-", "--format", "json"])
        .write_stdin(&b"\0\x01\x02"[..])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(report["files"][0]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("not a text file"));
}

#[test]
fn an_empty_file_has_no_actions_and_no_findings() {
    let tree = Tree::new();
    tree.file("empty.ts", "");
    let (code, report) = tree.check_json(&["empty.ts"]);
    assert_eq!(code, 0);
    assert_eq!(
        report["files"],
        serde_json::json!([{ "file": "empty.ts", "actions": [], "errors": [] }])
    );
    assert_eq!(report["findings"], serde_json::json!([]));
}

#[test]
fn a_file_over_10_mb_is_skipped_with_an_error() {
    let tree = Tree::new();
    let mut big = String::from("\"use server\";\n");
    big.push_str(
        &"// padding padding padding padding padding padding padding padding padding padding\n"
            .repeat(130_000),
    );
    assert!(big.len() > 10 * 1024 * 1024);
    tree.file("big.ts", big);
    let (code, report) = tree.check_json(&["big.ts"]);
    assert_eq!(code, 0);
    assert!(report["files"][0]["errors"][0]["message"]
        .as_str()
        .unwrap()
        .starts_with("file too large"));
}

#[test]
fn directories_are_walked_recursively_and_sorted() {
    let tree = Tree::new();
    tree.file("app/(dashboard)/posts/[id]/actions.ts", VULNERABLE)
        .file("app/a.tsx", CLEAN)
        .file("lib/util.mjs", "export const x = 1;\n")
        .file("lib/legacy.cjs", "module.exports = {};\n")
        .file("lib/comp.jsx", "export const C = () => null;\n")
        .file("lib/plain.js", "")
        .file("lib/types.d.ts", "export declare const x: number;\n")
        .file("README.md", "not code")
        .file("styles.css", "a {}");
    let (code, report) = tree.check_json(&[]);
    assert_eq!(code, 1);
    assert_eq!(
        files(&report),
        [
            "app/(dashboard)/posts/[id]/actions.ts",
            "app/a.tsx",
            "lib/comp.jsx",
            "lib/legacy.cjs",
            "lib/plain.js",
            "lib/util.mjs"
        ]
    );
    // A file and its folder given together are checked once; paths are shown as given.
    let (_, report) = tree.check_json(&["app", "app/a.tsx", "./lib/plain.js"]);
    assert_eq!(
        files(&report),
        [
            "app/(dashboard)/posts/[id]/actions.ts",
            "app/a.tsx",
            "lib/plain.js"
        ]
    );
}

#[test]
fn gitignore_and_build_folders_are_honoured() {
    let tree = Tree::new();
    tree.file(".gitignore", "generated/\n*.gen.ts\n")
        .file("app/actions.ts", CLEAN)
        .file("generated/actions.ts", VULNERABLE)
        .file("app/schema.gen.ts", VULNERABLE)
        .file("node_modules/pkg/index.ts", VULNERABLE)
        .file(".next/server/app.js", VULNERABLE)
        .file("dist/actions.js", VULNERABLE);
    let (code, report) = tree.check_json(&["."]);
    assert_eq!(files(&report), ["app/actions.ts"]);
    assert_eq!(code, 0);
    // A file named on the command line is checked even when ignored.
    let (code, report) = tree.check_json(&["generated/actions.ts"]);
    assert_eq!(files(&report), ["generated/actions.ts"]);
    assert_eq!(code, 1);
}

#[test]
fn absolute_paths_inside_the_current_folder_are_shown_relative() {
    let tree = Tree::new();
    tree.file("app/actions.ts", VULNERABLE);
    let absolute = tree.path().join("app");
    let (_, report) = tree.check_json(&[absolute.to_str().unwrap()]);
    assert_eq!(files(&report), ["app/actions.ts"]);
}
