//! Monorepo workspaces: an app imports the repository's own packages by name, and those are
//! followed like the app's own modules (`pnpm-workspace.yaml`, or `workspaces` in the root
//! `package.json`).

use crate::common::{high_findings, Tree};

const ACTIONS: &str = r#""use server";
import { sendTestAlert } from "@acme/alerts";
import { removeProject } from "@acme/data/projects";

export async function testAlert(routingKey: string) {
  return sendTestAlert({ routingKey });
}

export async function deleteProject(id: string) {
  await removeProject(id);
}
"#;

/// The alerts package sends a test event with the caller's own key to a fixed public address.
const ALERTS: &str = r#"export async function sendTestAlert({ routingKey }: { routingKey: string }) {
  await fetch("https://events.example-pager.com/v2/enqueue", {
    method: "POST",
    body: JSON.stringify({ routing_key: routingKey, summary: "test" }),
  });
  return true;
}
"#;

const PROJECTS: &str = r#"import { db } from "./client";
export async function removeProject(id: string) {
  await db.project.delete({ where: { id } });
}
"#;

fn monorepo(declaration: (&str, &str)) -> Tree {
    let tree = Tree::new();
    tree.file(declaration.0, declaration.1)
        .file("apps/web/package.json", r#"{ "name": "web", "dependencies": { "next-auth": "5.0.0", "@acme/alerts": "workspace:*" } }"#)
        .file("apps/web/tsconfig.json", r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#)
        .file("apps/web/app/settings/actions.ts", ACTIONS)
        .file("packages/alerts/package.json", r#"{ "name": "@acme/alerts", "main": "dist/index.js" }"#)
        .file("packages/alerts/src/index.ts", ALERTS)
        .file(
            "packages/data/package.json",
            r#"{ "name": "@acme/data", "exports": { "./projects": { "types": "./src/projects.ts", "default": "./dist/projects.js" } } }"#,
        )
        .file("packages/data/src/projects.ts", PROJECTS)
        .file(
            "packages/data/src/client.ts",
            "import { PrismaClient } from \"@prisma/client\";\nexport const db = new PrismaClient();\n",
        );
    tree
}

fn assert_packages_followed(tree: &Tree) {
    let (_, report) = tree.check_json(&["apps/web/app"]);
    assert_eq!(
        high_findings(&report),
        [("deleteProject".to_string(), "missing-authn".to_string())],
        "the alert relays the caller's key (no sink); the project delete inside the data package \
         is seen: {report:#}"
    );
    let message = report["findings"][0]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("db.project.delete"),
        "the sink is the package's own call, not a guess from the helper's name: {message}"
    );
}

#[test]
fn pnpm_workspace_packages_are_followed() {
    let tree = monorepo((
        "pnpm-workspace.yaml",
        "packages:\n  - \"apps/*\"\n  - \"packages/*\"\n",
    ));
    assert_packages_followed(&tree);
}

#[test]
fn package_json_workspaces_are_followed() {
    let tree = monorepo((
        "package.json",
        r#"{ "name": "acme", "private": true, "workspaces": ["apps/*", "packages/**"] }"#,
    ));
    assert_packages_followed(&tree);
}

#[test]
fn without_a_workspace_a_package_import_stays_unseen() {
    let tree = monorepo(("README.md", "not a workspace\n"));
    let (_, report) = tree.check_json(&["apps/web/app"]);
    let message = report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["action"] == "deleteProject"))
        .and_then(|f| f["message"].as_str())
        .unwrap_or("")
        .to_string();
    assert!(
        !message.contains("db.project.delete"),
        "nothing declares the packages, so the import is not followed: {report:#}"
    );
}
