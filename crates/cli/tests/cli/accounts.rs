//! A project without accounts (SPEC §3, public by design): when its `package.json` names no
//! auth or identity package and nothing links to a workspace package that could, its data is
//! nobody's, and actions that act on its own database are public; emptying a whole table, or
//! a call to a service that keeps accounts of its own, still reports.

use crate::common::{high_findings, Tree};

const ACTIONS: &str = r#""use server";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { cards } from "@/db/schema";

export async function renameCard(id: string, title: string) {
  await db.update(cards).set({ title }).where(eq(cards.id, id));
}

export async function clearBoard() {
  await db.delete(cards);
}

export async function markShipped(orderId: string) {
  // A shop platform keeps customers of its own: its orders are someone's.
  await fetch(`https://shop.example.com/admin/orders/${orderId}/ship`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.SHOP_ADMIN_TOKEN}` },
  });
}
"#;

fn project(package_json: &str) -> Tree {
    let tree = Tree::new();
    tree.file("package.json", package_json)
        .file(
            "tsconfig.json",
            r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
        )
        .file("app/actions.ts", ACTIONS);
    tree
}

/// The actions with a high finding.
fn high_actions(tree: &Tree) -> Vec<String> {
    let (_, report) = tree.check_json(&["app/actions.ts"]);
    high_findings(&report)
        .into_iter()
        .map(|(action, _)| action)
        .collect()
}

#[test]
fn without_accounts_only_emptying_a_table_or_calling_a_service_reports() {
    let tree = project(
        r#"{ "dependencies": { "next": "15.0.0", "drizzle-orm": "0.36.0", "class-variance-authority": "0.7.1" } }"#,
    );
    assert_eq!(high_actions(&tree), ["clearBoard", "markShipped"]);
}

#[test]
fn an_auth_package_or_a_workspace_link_means_accounts_may_exist() {
    for deps in [
        r#"{ "dependencies": { "next": "15.0.0", "next-auth": "5.0.0" } }"#,
        r#"{ "dependencies": { "next": "15.0.0", "@acme/db": "workspace:*" } }"#,
        r#"{ "name": "no dependencies listed" }"#,
    ] {
        let tree = project(deps);
        assert_eq!(
            high_actions(&tree),
            ["renameCard", "clearBoard", "markShipped"],
            "{deps}"
        );
    }
    // No package.json: the project root is found by its tsconfig, and nothing is known.
    let tree = Tree::new();
    tree.file(
        "tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }"#,
    )
    .file("app/actions.ts", ACTIONS);
    assert_eq!(
        high_actions(&tree),
        ["renameCard", "clearBoard", "markShipped"]
    );
}
