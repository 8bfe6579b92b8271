//! `unvalidated-input`: a client value is written into a mutation without schema validation.

use super::{Detection, RuleMeta};
use crate::facts::ActionFacts;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "unvalidated-input",
    severity: Severity::Low,
    cwe: "CWE-20",
    title: "Client input written without validation",
    what_it_does: "Reports a client value written into a mutation's data (create/update values, SQL VALUES/SET, key-value values, file names or contents) that no schema (zod, valibot, yup, next-safe-action) has parsed. A bare id used only to select a row is not reported.",
    why_is_this_bad: "`formData.get()` returns whatever the client sent: the wrong type, a huge string, extra fields through a spread. TypeScript casts (`as string`) check nothing at run time.",
    how_to_fix: "Parse the input with a schema before using it: `const { title } = schema.parse(Object.fromEntries(formData))`.",
    bad_example: "export async function retitle(formData: FormData) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"Unauthorized\");\n  const id = String(formData.get(\"id\"));\n  await db.post.updateMany({ where: { id, authorId: session.user.id }, data: { title: formData.get(\"title\") as string } });\n}",
    good_example: "export async function retitle(formData: FormData) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"Unauthorized\");\n  const { id, title } = z.object({ id: z.string(), title: z.string().min(1).max(200) }).parse({ id: formData.get(\"id\"), title: formData.get(\"title\") });\n  await db.post.updateMany({ where: { id, authorId: session.user.id }, data: { title } });\n}",
};

/// Fires for every mutation that writes an unvalidated client value.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    let mut seen = Vec::new();
    facts
        .sinks
        .iter()
        .filter_map(|s| s.unvalidated.map(|span| (s, span)))
        .filter(|(_, span)| {
            let new = !seen.contains(span);
            seen.push(*span);
            new
        })
        .map(|(sink, span)| Detection {
            span,
            message: format!(
                "`{}` writes a client value into `{}` without validating it: the client decides its type, length and content.",
                facts.name, sink.label
            ),
            help: "Parse the input with a schema (zod, valibot, yup) before writing it.".into(),
            fix: None,
        })
        .collect()
}
