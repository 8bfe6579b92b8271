//! `unverified-session`: identity comes from an API that does not verify the token.

use super::{Detection, RuleMeta};
use crate::facts::{ActionFacts, Authn};
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "unverified-session",
    severity: Severity::Medium,
    cwe: "CWE-345",
    title: "Identity from an unverified source",
    what_it_does: "Reports an action whose only session check relies on an API that reads identity without verifying it: `supabase.auth.getSession()` on the server, `jwt.decode`, or a raw cookie read as the user id.",
    why_is_this_bad: "These calls trust whatever the cookie or token says. Supabase documents that `getSession()` on the server may return a spoofed user; `jwt.decode` never checks the signature. A forged cookie then passes the check.",
    how_to_fix: "Use the verifying call: `supabase.auth.getUser()` (or `getClaims()`), `jwt.verify` / jose `jwtVerify`, or your auth library's session lookup.",
    bad_example: "export async function renameTeam(teamId: string, name: string) {\n  const supabase = await createClient();\n  const { data: { session } } = await supabase.auth.getSession();\n  if (!session) throw new Error(\"Unauthorized\");\n  await supabase.from(\"teams\").update({ name }).eq(\"id\", teamId).eq(\"owner_id\", session.user.id);\n}",
    good_example: "export async function renameTeam(teamId: string, name: string) {\n  const supabase = await createClient();\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) throw new Error(\"Unauthorized\");\n  await supabase.from(\"teams\").update({ name }).eq(\"id\", teamId).eq(\"owner_id\", user.id);\n}",
};

/// Fires when a sink's authentication rests on an unverified lookup.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    let Some(source) = facts.unverified_source else {
        return Vec::new();
    };
    if !facts.sinks.iter().any(|s| s.authn == Authn::Unverified) {
        return Vec::new();
    }
    vec![Detection {
        span: source,
        message: format!(
            "`{}` trusts a session read that does not verify the token: a forged or tampered cookie passes this check.",
            facts.name
        ),
        help: "Use the verifying lookup (`supabase.auth.getUser()`, `getClaims()`, `jwt.verify`) for anything that authorizes a change.".into(),
        fix: None,
    }]
}
