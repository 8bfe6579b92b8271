//! `raw-record-return`: the action returns a full ORM row instead of a DTO.

use super::{Detection, RuleMeta};
use crate::facts::ActionFacts;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "raw-record-return",
    severity: Severity::Medium,
    cwe: "CWE-200",
    title: "Raw database record returned to the client",
    what_it_does: "Reports an action that returns the result of an ORM call without a column selection: Prisma without `select` (`include` is still raw), Drizzle without `columns`, Kysely `selectAll()`, Supabase `select('*')`, Mongoose documents.",
    why_is_this_bad: "A Server Action's return value is serialised to the browser. A full row carries every column — password hashes, Stripe ids, internal notes — whether the UI shows them or not.",
    how_to_fix: "Select only the columns the UI needs, or map the row to a small DTO before returning it.",
    bad_example: "export async function updateName(name: string) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"Unauthorized\");\n  return db.user.update({ where: { id: session.user.id }, data: { name } });\n}",
    good_example: "export async function updateName(name: string) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"Unauthorized\");\n  await db.user.update({ where: { id: session.user.id }, data: { name } });\n  return { success: true, name };\n}",
};

/// Fires for every raw record returned.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    facts
        .raw_returns
        .iter()
        .map(|r| Detection {
            span: r.span,
            message: format!(
                "`{}` returns the full row from `{}`: every column, including ones the UI never shows, is sent to the browser.",
                facts.name, r.source
            ),
            help: "Add a `select` of the columns the client needs, or return a small DTO.".into(),
            fix: None,
        })
        .collect()
}
