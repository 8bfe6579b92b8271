//! `client-identity`: the acting user's identity or role comes from client input.

use super::{Detection, RuleMeta};
use crate::facts::ActionFacts;
use crate::fix::FixPlan;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "client-identity",
    severity: Severity::High,
    cwe: "CWE-639",
    title: "Identity taken from client input",
    what_it_does: "Reports a client value (a parameter, a `formData` field, a `.bind(null, userId)` argument) used as the acting user's id or role: as an owner column, in an ownership comparison, or as a role check.",
    why_is_this_bad: "The client controls every argument and every form field, including bound ones. Trusting `userId` from the request lets any user act as any other user; validating it with a schema checks its shape, not who sent it.",
    how_to_fix: "Take the actor's id and role from the server-side session (`session.user.id`) and never from the request.",
    bad_example: "export async function createNote(formData: FormData) {\n  const session = await auth();\n  if (!session) throw new Error(\"Unauthorized\");\n  await db.note.create({ data: { text: String(formData.get(\"text\")), authorId: String(formData.get(\"userId\")) } });\n}",
    good_example: "export async function createNote(formData: FormData) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  await db.note.create({ data: { text: String(formData.get(\"text\")), authorId: session.user.id } });\n}",
};

/// Fires for every client value used as identity.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    if facts.public.is_some() {
        return Vec::new();
    }
    facts
        .identity_issues
        .iter()
        .map(|issue| Detection {
            span: issue.span,
            message: format!(
                "`{}` uses a value from the client as {}: any signed-in user can send another user's id and act as them.",
                facts.name, issue.used_as
            ),
            help: match &issue.replacement {
                Some(r) => format!("Use the session identity (`{r}`) instead of the client value."),
                None => "Use the caller's id from the server-side session instead of the client value.".into(),
            },
            fix: issue.replacement.as_ref().map(|r| FixPlan::ReplaceWith { span: issue.span, text: r.clone() }),
        })
        .collect()
}
