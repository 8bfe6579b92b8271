//! Fixes that close the whole gap: apply, analyse again, and go on until the action settles.
//!
//! An action reports at most one primary rule, so a login check added for `missing-authn` can
//! reveal the ownership gap that precedence hid (`missing-authz`). Like ruff's `--fix`, which
//! re-lints its own output until nothing changes, each round applies the fixes of the actions
//! still reporting a fixable high finding and analyses the result again. What is left after the
//! last round is declared on the fix ([`Gap`]), never hidden: "fixes 1 of 2 gaps".

use rustc_hash::FxHashMap as HashMap;

use super::compose::Composed;
use crate::report::{Edit, Gap, Report, Severity};

/// Rounds after the first: login check, then ownership or role, then one spare.
const MORE_ROUNDS: usize = 3;

/// Largest file whose fixes are settled in rounds (bytes). Above it each finding keeps its
/// first-round fix, and says that the result was not re-checked: a 20 MB generated file
/// should not cost four analyses.
pub(crate) const SETTLE_LIMIT: usize = 2 * 1024 * 1024;

/// Re-analyses a version of the file (same name, options and project) without fixing it.
pub(crate) type Reanalyse<'f> = dyn Fn(&str) -> Report + 'f;

/// Turns the first round's fixes of `report` into fixes that close every high gap of their
/// action they safely can, and sets `fixed_source` to the settled file.
pub(crate) fn settle(source: &str, report: &mut Report, reanalyse: &Reanalyse<'_>) {
    // The finding that carries each action's fix (at most one high finding per action has one).
    let mut owner_of: HashMap<String, usize> = HashMap::default();
    let mut round: Vec<(Edit, usize)> = Vec::new();
    let mut steps: Vec<Vec<(String, &'static str)>> = vec![Vec::new(); report.findings.len()];
    for (index, finding) in report.findings.iter().enumerate() {
        let Some(fix) = &finding.fix else { continue };
        owner_of.entry(finding.action.clone()).or_insert(index);
        // The first round's edits stay each finding's own; later rounds belong to the owner.
        round.extend(fix.edits.iter().map(|e| (e.clone(), index)));
        steps[owner_of[&finding.action]].push((fix.description.clone(), finding.rule));
    }
    if round.is_empty() {
        return;
    }
    if source.len() > SETTLE_LIMIT {
        for finding in &mut report.findings {
            if let Some(fix) = finding.fix.as_mut() {
                fix.closes = vec![finding.rule];
                fix.description
                    .push_str(" (Not re-checked: files over 2 MB are fixed in one round.)");
            }
        }
        report.fixed_source = super::apply_all(source, &report.findings);
        return;
    }
    let mut composed = Composed::new(source);
    composed.apply(&round);
    let mut last = reanalyse(&composed.text());
    for _ in 0..MORE_ROUNDS {
        // Only actions whose names still match can be followed (fixes never add actions).
        if !last.errors.is_empty() || last.actions.len() != report.actions.len() {
            break;
        }
        let mut next: Vec<(Edit, usize)> = Vec::new();
        for finding in &last.findings {
            let (Some(fix), Some(&owner)) = (&finding.fix, owner_of.get(&finding.action)) else {
                continue;
            };
            // A rule whose fix was applied and is still reported is not fixed by applying it
            // again: it stays, declared as remaining.
            if finding.severity < Severity::High
                || steps[owner].iter().any(|(_, rule)| *rule == finding.rule)
            {
                continue;
            }
            next.extend(fix.edits.iter().map(|e| (e.clone(), owner)));
            steps[owner].push((fix.description.clone(), finding.rule));
        }
        if next.is_empty() || composed.apply(&next) == 0 {
            break;
        }
        last = reanalyse(&composed.text());
    }
    let mut edits = composed.edits_by_owner();
    for (index, finding) in report.findings.iter_mut().enumerate() {
        let Some(fix) = finding.fix.as_mut() else {
            continue;
        };
        let owner = owner_of[&finding.action];
        let remaining: Vec<Gap> = last
            .findings
            .iter()
            .filter(|f| f.action == finding.action && f.severity == Severity::High)
            .map(|f| Gap {
                rule: f.rule,
                reason: f.message.clone(),
            })
            .collect();
        let own_steps: &[(String, &'static str)] = if index == owner { &steps[owner] } else { &[] };
        let mut closes: Vec<&'static str> = Vec::new();
        for rule in std::iter::once(&finding.rule).chain(own_steps.iter().map(|(_, r)| r)) {
            if !closes.contains(rule) && !remaining.iter().any(|g| g.rule == *rule) {
                closes.push(rule);
            }
        }
        if index == owner {
            fix.description = own_steps
                .iter()
                .map(|(d, _)| d.as_str())
                .collect::<Vec<_>>()
                .join(" Then: ");
        }
        fix.edits = edits.remove(&index).unwrap_or_default();
        fix.closes = closes;
        fix.remaining = remaining;
    }
    report.fixed_source = composed.text();
}
