//! `missing-authn`: a sink runs and the action never looks up a session.

use super::{Detection, RuleMeta};
use crate::facts::{ActionFacts, Authn};
use crate::fix::FixPlan;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "missing-authn",
    severity: Severity::High,
    cwe: "CWE-306",
    title: "Server Action without authentication",
    what_it_does: "Reports a Server Action that mutates data (or returns user data) without ever looking up who is calling it.",
    why_is_this_bad: "Every \"use server\" function is a public POST endpoint. Its action id ships in the client bundle, so anyone — logged in or not — can call it directly with any arguments. Hiding the button that calls it protects nothing.",
    how_to_fix: "At the top of the action, look the session up on the server and fail closed: `const session = await auth(); if (!session?.user) throw new Error(\"Unauthorized\");`. Then authorize the specific record (ownership or role).",
    bad_example: "\"use server\";\nexport async function deletePost(id: string) {\n  await db.post.delete({ where: { id } });\n}",
    good_example: "\"use server\";\nimport { auth } from \"@/auth\";\nexport async function deletePost(id: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  await db.post.deleteMany({ where: { id, authorId: session.user.id } });\n}",
};

/// Fires when a sink is unauthenticated and there is no session lookup anywhere in the action.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    if facts.public.is_some() || !facts.guard_calls.is_empty() {
        return Vec::new();
    }
    let Some(sink) = facts.sinks.iter().find(|s| s.authn == Authn::None) else {
        return Vec::new();
    };
    // A session helper that landed in a `"use server"` file (Next.js's own tutorial keeps
    // `createSession` in `lib/session.ts`): the fix is to take it out of the endpoints.
    let help = if sink.library == crate::catalog::libraries::Library::SessionCookie {
        "This signs a session for whatever identity the caller sends. A session helper in a \"use server\" file is a public endpoint: move it to a module marked `import \"server-only\"`, and call it only after the sign-in has checked the password or the emailed secret."
    } else {
        "Look the session up at the top of the action and fail closed before touching data, then check that the caller may act on this record."
    };
    vec![Detection {
        span: sink.span,
        message: format!(
            "`{}` runs `{}` without looking up the session: anyone who can reach the app can call this action directly, logged in or not.",
            facts.name, sink.label
        ),
        help: help.into(),
        fix: Some(FixPlan::AddAuthAtTop),
    }]
}
