//! Project import resolution (SPEC §1): helpers in other files are judged by their definitions.

use crate::common::{rules_by_file, Tree};

const ACTION: &str = r#""use server";
import { requireSession } from "@/lib/auth";
export async function deletePost(id: string) {
  const session = await requireSession();
  await db.post.deleteMany({ where: { id, authorId: session?.user?.id } });
}
"#;

const THROWING_HELPER: &str =
    "export async function requireSession() { const s = await auth(); if (!s) throw new Error(\"x\"); return s }\n";
const NULL_HELPER: &str = "export async function requireSession() { const s = await auth(); if (!s) return null; return s }\n";

fn project(helper: &str) -> Tree {
    let tree = Tree::new();
    tree.file(
        "tsconfig.json",
        r#"{
  // Next.js default alias
  "compilerOptions": {
    "paths": { "@/*": ["./*"], },
  },
}
"#,
    )
    .file("lib/auth.ts", helper)
    .file("app/posts/actions.ts", ACTION);
    tree
}

#[test]
fn an_aliased_helper_that_throws_guards_the_action() {
    let tree = project(THROWING_HELPER);
    let (code, report) = tree.check_json(&["app"]);
    assert_eq!(report["findings"], serde_json::json!([]), "{report:#}");
    assert_eq!(code, 0);
}

#[test]
fn an_aliased_helper_that_returns_null_must_be_checked() {
    let tree = project(NULL_HELPER);
    let (code, report) = tree.check_json(&["app/posts/actions.ts"]);
    assert_eq!(
        rules_by_file(&report),
        [(
            "app/posts/actions.ts".to_string(),
            "unchecked-session".to_string()
        )],
        "the definition beats the name: {report:#}"
    );
    assert_eq!(code, 1);
}

#[test]
fn relative_imports_and_index_files_resolve_too() {
    let tree = Tree::new();
    tree.file("package.json", "{}\n")
        .file("lib/session/index.ts", NULL_HELPER)
        .file(
            "app/actions.ts",
            ACTION.replace("@/lib/auth", "../lib/session"),
        );
    let (_, report) = tree.check_json(&["app/actions.ts"]);
    assert_eq!(
        rules_by_file(&report),
        [(
            "app/actions.ts".to_string(),
            "unchecked-session".to_string()
        )]
    );
}

#[test]
fn stdin_inside_a_project_resolves_imports() {
    let tree = project(NULL_HELPER);
    let output = crate::common::actiongate()
        .current_dir(tree.path())
        .args([
            "check",
            "-",
            "--format",
            "json",
            "--stdin-filename",
            "app/posts/new.ts",
        ])
        .write_stdin(ACTION)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        rules_by_file(&report),
        [(
            "app/posts/new.ts".to_string(),
            "unchecked-session".to_string()
        )]
    );
}

/// A data layer written as an object of functions in another file: its methods are followed,
/// so a method that checks the caller makes the thin action clean, and one that does not is
/// reported.
#[test]
fn methods_of_an_imported_data_layer_object_are_followed() {
    let layer = |checked: bool| {
        let check = if checked {
            "const s = await auth(); if (!s?.user?.id) throw new Error(\"x\"); await db.note.deleteMany({ where: { id, userId: s.user.id } });"
        } else {
            "await db.note.delete({ where: { id } });"
        };
        format!("async function removeNote(id: string) {{ {check} }}\nexport const notes = {{ removeNote }};\n")
    };
    for (checked, expected) in [(true, vec![]), (false, vec!["missing-authn"])] {
        let tree = Tree::new();
        tree.file("package.json", "{}\n")
            .file("lib/notes.ts", layer(checked))
            .file(
                "app/actions.ts",
                "\"use server\";\nimport { notes } from \"../lib/notes\";\nexport async function removeNote(id: string) {\n  await notes.removeNote(id);\n}\n",
            );
        let (_, report) = tree.check_json(&["app/actions.ts"]);
        let rules: Vec<String> = rules_by_file(&report).into_iter().map(|(_, r)| r).collect();
        assert_eq!(rules, expected, "checked={checked}: {report:#}");
    }
}

#[test]
fn a_client_made_in_another_module_is_known_by_its_factory() {
    // `authClient` is made by better-auth's `createAuthClient` in `lib/auth-client.ts`: its calls
    // go to the auth service with the caller's cookie. The same export made by a project
    // function stays an unknown receiver whose `updateUser` writes.
    let action = r#""use server";
import { authClient } from "@/lib/auth-client";
export async function rename(name: string) {
  await authClient.updateUser({ name });
}
"#;
    let made_by = |module: &str| {
        let tree = Tree::new();
        tree.file(
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        )
        .file(
            "lib/auth-client.ts",
            format!(
                "import {{ createAuthClient }} from \"{module}\";\nexport const authClient = createAuthClient({{}});\n"
            ),
        )
        .file("app/actions.ts", action);
        let (_, report) = tree.check_json(&["app/actions.ts"]);
        rules_by_file(&report)
    };
    assert_eq!(made_by("better-auth/react"), []);
    assert_eq!(
        made_by("@/lib/own-client"),
        [
            ("app/actions.ts".to_string(), "missing-authn".to_string()),
            (
                "app/actions.ts".to_string(),
                "unvalidated-input".to_string()
            )
        ]
    );
}

#[test]
fn a_settings_object_in_another_module_tells_public_addresses_from_secrets() {
    // `CONFIG` lives in `utils/config.ts`: its `API_URL` comes from a `NEXT_PUBLIC_` setting
    // (the page has it too), its `ADMIN_TOKEN` from the server's own environment.
    let action = |headers: &str| {
        format!(
            r#""use server";
import {{ CONFIG }} from "@/utils/config";
export async function confirmEmailChange(formData: FormData) {{
  await fetch(`${{CONFIG.API_URL}}/v1/email-change/confirm`, {{ method: "POST", headers: {headers}, body: formData }});
}}
"#
        )
    };
    let run = |headers: &str| {
        let tree = Tree::new();
        tree.file(
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        )
        .file(
            "utils/config.ts",
            "const defaults = { API_URL: process.env.NEXT_PUBLIC_API_URL || \"http://127.0.0.1:8000\" };\nexport const CONFIG = { ...defaults, ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? \"\" };\n",
        )
        .file("app/actions.ts", action(headers));
        let (_, report) = tree.check_json(&["app/actions.ts"]);
        rules_by_file(&report)
    };
    assert_eq!(run("{}"), []);
    assert!(run("{ Authorization: CONFIG.ADMIN_TOKEN }")
        .iter()
        .any(|(_, rule)| rule == "missing-authn"));
}
