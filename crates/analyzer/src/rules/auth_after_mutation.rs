//! `auth-after-mutation`: the fail-closed check exists, but only after the sink ran.

use super::{Detection, RuleMeta};
use crate::catalog::sinks::SinkKind;
use crate::facts::{ActionFacts, Authn};
use crate::fix::FixPlan;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "auth-after-mutation",
    severity: Severity::High,
    cwe: "CWE-696",
    title: "Authentication checked after the mutation",
    what_it_does: "Reports an action whose session check (or session lookup), role check or ownership check happens only after a sink has already run.",
    why_is_this_bad: "The check fails closed too late: the write has happened by the time an anonymous caller is rejected. The error the caller sees hides that the damage is done.",
    how_to_fix: "Move the session lookup and its check to the top of the action, before any read or write of user data.",
    bad_example: "export async function rename(id: string, name: string) {\n  await db.doc.update({ where: { id }, data: { name } });\n  const session = await auth();\n  if (!session) throw new Error(\"Unauthorized\");\n}",
    good_example: "export async function rename(id: string, name: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  await db.doc.updateMany({ where: { id, ownerId: session.user.id }, data: { name } });\n}",
};

/// Fires when an unauthenticated sink precedes the only lookup or the only check.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    if facts.public.is_some() || facts.guard_calls.is_empty() {
        return Vec::new();
    }
    let mut found = authn_after_mutation(facts);
    if found.is_empty() {
        found = authz_after_mutation(facts);
    }
    found
}

/// A role or ownership check that fails closed only after a mutation it should have guarded
/// (`await db.delete(projects)…; if (!has({ role: "org:admin" })) return`).
fn authz_after_mutation(facts: &ActionFacts) -> Vec<Detection> {
    let late = |sink: &crate::facts::SinkFact| {
        facts.authz_checks.iter().find(|c| {
            c.seq > sink.seq
                && ((c.role && !sink.role)
                    || c.keys.iter().any(|k| {
                        // Keys carry `formData:` in labels but not in `unauthorized_keys`.
                        let k = k.trim_start_matches("formData:");
                        sink.unauthorized_keys.iter().any(|u| u == k)
                    }))
        })
    };
    let Some((sink, check)) = facts
        .sinks
        .iter()
        .filter(|s| s.kind == SinkKind::Mutation)
        .find_map(|s| late(s).map(|c| (s, c)))
    else {
        return Vec::new();
    };
    let what = if check.role {
        "the caller's role"
    } else {
        "that the record belongs to the caller"
    };
    vec![Detection {
        span: sink.span,
        message: format!(
            "`{}` runs `{}` before it checks {what}: a caller the check rejects has already made the change.",
            facts.name, sink.label
        ),
        help: "Move the check (and the read it needs) above the first write, so that it fails closed before any data changes.".into(),
        fix: Some(FixPlan::MoveCheckAbove { sink: sink.span }),
    }]
}

/// The session lookup or its check comes after a sink.
fn authn_after_mutation(facts: &ActionFacts) -> Vec<Detection> {
    // A read that is not returned only feeds checks: it matters when no session is looked
    // up at all (`missing-authn`), not for where the check sits.
    let Some(sink) = facts
        .sinks
        .iter()
        .find(|s| s.authn == Authn::None && (s.kind == SinkKind::Mutation || s.exposed))
    else {
        return Vec::new();
    };
    // The fail-closed check exists, but only after the sink (a lookup nothing checks is
    // `unchecked-session`).
    let checked_after = facts.checks.iter().any(|seq| *seq > sink.seq);
    if !checked_after {
        return Vec::new();
    }
    vec![Detection {
        span: sink.span,
        message: format!(
            "`{}` runs `{}` before it checks the session: an anonymous caller is rejected only after the change has been made.",
            facts.name, sink.label
        ),
        help: "Move the session lookup and its fail-closed check to the top of the action, before any data is touched.".into(),
        fix: Some(FixPlan::AddAuthAtTop),
    }]
}
