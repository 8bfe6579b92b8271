//! `unchecked-session`: a session is looked up, but nothing fails closed when it is missing.

use super::{Detection, RuleMeta};
use crate::catalog::sinks::SinkKind;
use crate::facts::{ActionFacts, Authn};
use crate::fix::FixPlan;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "unchecked-session",
    severity: Severity::High,
    cwe: "CWE-306",
    title: "Session looked up but never enforced",
    what_it_does: "Reports an action that calls a session lookup but reaches a sink on a path where a missing session does not stop it: optional chaining with no check, a check that only logs, `if (session)` around only part of the work, or a redirect swallowed by `try/catch`.",
    why_is_this_bad: "Looking the session up is not a check. When the caller is anonymous the lookup returns null, the code carries on, and the mutation runs for anyone.",
    how_to_fix: "Test the result and leave the action when it is missing: `if (!session?.user) throw new Error(\"Unauthorized\")` (or `redirect(\"/login\")` / `return { error }`), outside any `try` whose `catch` would swallow it.",
    bad_example: "export async function archive(id: string) {\n  const session = await auth();\n  if (!session) console.warn(\"no session\");\n  await db.project.update({ where: { id }, data: { archived: true } });\n}",
    good_example: "export async function archive(id: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  await db.project.updateMany({ where: { id, ownerId: session.user.id }, data: { archived: true } });\n}",
};

/// Fires when an unauthenticated sink follows a lookup and no fail-closed check follows it.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    if facts.public.is_some() || facts.guard_calls.is_empty() {
        return Vec::new();
    }
    // A read that is not returned only feeds checks: it matters when no session is looked
    // up at all (`missing-authn`), not for where the check sits.
    let Some(sink) = facts
        .sinks
        .iter()
        .find(|s| s.authn == Authn::None && (s.kind == SinkKind::Mutation || s.exposed))
    else {
        return Vec::new();
    };
    // Looked up (before the sink or after it) and never made to fail closed after it: a lookup
    // that only comes later and is never checked is no late check (`auth-after-mutation`) but
    // a session nothing requires (SPEC §3 puts this rule first).
    let checked_after = facts.checks.iter().any(|seq| *seq > sink.seq);
    if checked_after {
        return Vec::new();
    }
    let fix = match (&facts.fix.session_var, facts.fix.ignored_check) {
        (Some(v), _)
            if (!v.always_object || facts.fix.session_field.is_some() || v.fail_test.is_some())
                && v.after_decl < sink.span.start =>
        {
            Some(FixPlan::CheckSessionVar)
        }
        (_, Some((stmt, _))) if stmt.end <= sink.span.start => Some(FixPlan::CheckIgnoredResult),
        // The action client's context looks the session up and nothing checks it.
        _ if facts.fix.client_root.is_some() => Some(FixPlan::UseAuthedClient),
        // The lookup is inside a helper whose answer does not stop a missing user: look the
        // caller up in the action itself and fail closed at its top.
        _ => Some(FixPlan::AddAuthAtTop),
    };
    vec![Detection {
        span: sink.span,
        message: format!(
            "`{}` looks the session up but reaches `{}` on a path where a missing session does not stop it: an anonymous caller gets the same result as a signed-in one.",
            facts.name, sink.label
        ),
        help: "Right after the lookup, test the result and leave the action (throw, redirect or return) when there is no user — outside any try/catch that would swallow it.".into(),
        fix,
    }]
}
