//! `missing-authz`: authenticated, but the record is chosen by the client with no ownership or
//! role check (IDOR), or an admin-only operation has no role check.

use super::{Detection, RuleMeta};
use crate::catalog::sinks::SinkKind;
use crate::facts::{ActionFacts, Authn};
use crate::fix::FixPlan;
use crate::report::Severity;

/// Metadata and documentation.
pub const META: RuleMeta = RuleMeta {
    id: "missing-authz",
    severity: Severity::High,
    cwe: "CWE-639",
    title: "Authenticated but not authorized (IDOR)",
    what_it_does: "Reports a signed-in action that reads or changes a record chosen by client input without tying it to the caller (an owner condition in the query, an ownership check, a role check), and admin-only operations (other users' accounts or roles, global settings) with no role check.",
    why_is_this_bad: "Authentication says who the caller is, not what they may touch. Any signed-in user can change the id in the request and read or delete someone else's data — a textbook insecure direct object reference.",
    how_to_fix: "Scope the query to the caller (`deleteMany({ where: { id, authorId: session.user.id } })` plus a count check), or load the record and compare its owner with `session.user.id` before the mutation; for admin operations, check the role first.",
    bad_example: "export async function deletePost(id: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  await db.post.delete({ where: { id } });\n}",
    good_example: "export async function deletePost(id: string) {\n  const session = await auth();\n  if (!session?.user) throw new Error(\"Unauthorized\");\n  const { count } = await db.post.deleteMany({ where: { id, authorId: session.user.id } });\n  if (count === 0) throw new Error(\"Not found\");\n}",
};

/// Fires for the first authenticated sink that is not authorized.
pub fn check(facts: &ActionFacts) -> Vec<Detection> {
    if facts.public.is_some() {
        return Vec::new();
    }
    for sink in &facts.sinks {
        // A read only matters for authorization when its result reaches the caller; a read
        // that feeds an ownership check is how authorization is done.
        if sink.authn == Authn::None || sink.kind == SinkKind::Read && !sink.exposed {
            continue;
        }
        if let Some(why) = &sink.admin_only {
            return vec![Detection {
                span: sink.span,
                message: format!(
                    "`{}` runs `{}` for any signed-in user, but {why}: that is an admin-only operation and nothing checks the caller's role.",
                    facts.name, sink.label
                ),
                help: "Check the caller's role or permission from the session (and fail closed) before this operation.".into(),
                fix: Some(FixPlan::RoleCheck),
            }];
        }
        if !sink.authorized {
            // Each client value once, in the order they appear (`args` may key several fields).
            let mut keys: Vec<String> = Vec::new();
            for k in &sink.unauthorized_keys {
                let k = format!("`{k}`");
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            let keys = keys.join(", ");
            let verb = if sink.kind == SinkKind::Read {
                "reads and returns"
            } else {
                "runs"
            };
            let fix = (sink.scope_fix.is_some() && facts.fix.session_var.is_some())
                .then_some(FixPlan::ScopeToOwner);
            return vec![Detection {
                span: sink.span,
                message: format!(
                    "`{}` {verb} `{}` on a record chosen by the client ({keys}) without checking that it belongs to the caller: any signed-in user can target anyone's record.",
                    facts.name, sink.label
                ),
                help: "Scope the query to the caller (an owner column equal to the session user's id, with a count check), or load the record and compare its owner with the session user before acting.".into(),
                fix,
            }];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use crate::{analyze, Options};

    #[test]
    fn each_client_key_is_named_once() {
        let src = "\"use server\";\nimport { auth } from \"@/auth\";\nexport async function save(args: { a: string; b: string }) {\n  const session = await auth();\n  if (!session?.user?.id) throw new Error(\"x\");\n  await db.note.update({ where: { id: args.a, slug: args.b }, data: { x: 1 } });\n}\n";
        let report = analyze(src, &Options::new("a.ts"));
        let finding = report
            .findings
            .iter()
            .find(|f| f.rule == "missing-authz")
            .expect("missing-authz");
        assert_eq!(
            finding.message.matches("`args`").count(),
            1,
            "{}",
            finding.message
        );
    }
}
