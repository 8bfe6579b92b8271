//! `service-role-client`: a Supabase service-role / admin client does user-driven work.

use super::{Detection, RuleMeta};
use crate::facts::ActionFacts;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "service-role-client",
    severity: Severity::Medium,
    cwe: "CWE-250",
    title: "Service-role client in a user-driven action",
    what_it_does: "Reports a sink run through a Supabase client created with the service-role key (or an admin client) inside a Server Action.",
    why_is_this_bad: "The service role bypasses every Row Level Security policy. Any mistake in the action's own checks then exposes every tenant's rows, and RLS can no longer act as the backstop.",
    how_to_fix: "Use the request-scoped client that carries the user's JWT (`createClient()` from `@supabase/ssr` with the anon key) for user-driven work; keep the service role for trusted background jobs.",
    bad_example: "const admin = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!);\nexport async function rename(id: string, name: string) {\n  await admin.from(\"projects\").update({ name }).eq(\"id\", id);\n}",
    good_example: "export async function rename(id: string, name: string) {\n  const supabase = await createClient();\n  const { data: { user } } = await supabase.auth.getUser();\n  if (!user) throw new Error(\"Unauthorized\");\n  await supabase.from(\"projects\").update({ name }).eq(\"id\", id).eq(\"owner_id\", user.id);\n}",
};

/// Fires once per action, at the first sink a service-role client runs.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    let Some(sink) = facts.sinks.iter().find(|s| s.service_role) else {
        return Vec::new();
    };
    vec![Detection {
        span: sink.span,
        message: format!(
            "`{}` runs `{}` through a service-role client, which bypasses Row Level Security: the action's own checks are the only protection left.",
            facts.name, sink.label
        ),
        help: "Use the request-scoped Supabase client (anon key + the user's session) so RLS still applies.".into(),
        fix: None,
    }]
}
