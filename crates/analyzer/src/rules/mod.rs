//! The rules: small pure functions over an action's facts, one file each (SPEC §3).
//!
//! Each rule file declares its [`RuleMeta`] (id, severity, CWE and its documentation) and a
//! `check` function. Rules never walk the AST: everything they need is a fact.

use crate::facts::ActionFacts;
use crate::report::{ByteSpan, Severity};

mod auth_after_mutation;
mod client_identity;
mod missing_authn;
mod missing_authz;
mod raw_record_return;
mod service_role_client;
mod unchecked_session;
mod unvalidated_input;
mod unverified_session;

/// A rule's identity and documentation, shown by `actiongate explain` and the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleMeta {
    /// Stable id, e.g. `missing-authz`.
    pub id: &'static str,
    /// Severity of every finding of the rule.
    pub severity: Severity,
    /// CWE id, e.g. `CWE-639`.
    pub cwe: &'static str,
    /// Short title.
    pub title: &'static str,
    /// What the rule reports.
    pub what_it_does: &'static str,
    /// Why the reported code is dangerous.
    pub why_is_this_bad: &'static str,
    /// How to fix it.
    pub how_to_fix: &'static str,
    /// A small action the rule reports.
    pub bad_example: &'static str,
    /// The same action, fixed.
    pub good_example: &'static str,
}

impl RuleMeta {
    /// Link to the CWE definition.
    pub fn cwe_url(&self) -> String {
        let number = self.cwe.trim_start_matches("CWE-");
        format!("https://cwe.mitre.org/data/definitions/{number}.html")
    }

    /// Whether the rule is one of the five primary (high) rules, of which an action gets at most one.
    pub fn is_primary(&self) -> bool {
        PRIMARY_ORDER.contains(&self.id)
    }
}

/// The primary rules in the order SPEC §3 picks them: the first that applies wins.
pub const PRIMARY_ORDER: [&str; 5] = [
    "missing-authn",
    "unchecked-session",
    "auth-after-mutation",
    "client-identity",
    "missing-authz",
];

/// What a rule reports before the finding is assembled: where, and what to say.
#[derive(Debug, Clone)]
pub struct Detection {
    /// The span to highlight.
    pub span: ByteSpan,
    /// What is wrong in this action, specifically.
    pub message: String,
    /// What to do about it, specifically.
    pub help: String,
    /// Which fix to build, if one can be built safely.
    pub fix: Option<crate::fix::FixPlan>,
}

type CheckFn = fn(&ActionFacts) -> Vec<Detection>;

/// Every rule with its check, in reporting order (primary rules first, in priority order).
pub(crate) const RULES: [(&RuleMeta, CheckFn); 9] = [
    (&missing_authn::META, missing_authn::check),
    (&unchecked_session::META, unchecked_session::check),
    (&auth_after_mutation::META, auth_after_mutation::check),
    (&client_identity::META, client_identity::check),
    (&missing_authz::META, missing_authz::check),
    (&unverified_session::META, unverified_session::check),
    (&service_role_client::META, service_role_client::check),
    (&raw_record_return::META, raw_record_return::check),
    (&unvalidated_input::META, unvalidated_input::check),
];

/// Metadata of every rule, in reporting order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    RULES.iter().map(|(meta, _)| *meta).collect()
}

/// Looks a rule up by its id.
pub fn rule_by_id(id: &str) -> Option<&'static RuleMeta> {
    RULES
        .iter()
        .map(|(meta, _)| *meta)
        .find(|meta| meta.id == id)
}

/// Runs every enabled rule on one action and assembles its findings: at most one primary
/// (high) rule per action, in [`PRIMARY_ORDER`]; `unverified-session` replaces the primary rules.
pub(crate) fn run(
    facts: &ActionFacts,
    config: &crate::Config,
    source: &str,
    lines: &crate::LineIndex,
    style: &crate::fix::FileStyle,
) -> Vec<crate::Finding> {
    let mut findings = Vec::new();
    let unverified = config.rule_enabled(unverified_session::META.id)
        && !unverified_session::check(facts).is_empty();
    let mut primary_taken = unverified;
    for (meta, check) in RULES {
        if !config.rule_enabled(meta.id) {
            continue;
        }
        let primary = meta.is_primary();
        if primary && primary_taken {
            continue;
        }
        let detections = check(facts);
        if detections.is_empty() {
            continue;
        }
        if primary {
            primary_taken = true;
        }
        for d in detections {
            let fix = d
                .fix
                .as_ref()
                .and_then(|plan| crate::fix::build_with(plan, facts, source, style, config));
            findings.push(crate::Finding {
                rule: meta.id,
                severity: meta.severity,
                cwe: meta.cwe,
                action: facts.name.clone(),
                span: d.span,
                position: lines.position(source, d.span),
                message: d.message,
                help: d.help,
                fix,
                suppressed: None,
            });
        }
    }
    findings
}
