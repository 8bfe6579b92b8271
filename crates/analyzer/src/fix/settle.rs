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

/// Re-analyses a version of the file (same name, options and project) without fixing it; only
/// the actions at the given indices (in discovery order) are analysed, the others are listed.
/// A version with syntax errors cannot be followed, so its report may carry just the errors.
pub(crate) type Reanalyse<'f> = dyn Fn(&str, &[usize]) -> Report + 'f;

/// The index of each action by name (the first of equal names). Actions are matched by
/// position, since an inline action's name carries its line (`<form action> (line 11)`), which
/// fixes move.
fn action_indices(report: &Report) -> HashMap<&str, usize> {
    let mut indices = HashMap::default();
    for (index, action) in report.actions.iter().enumerate() {
        indices.entry(action.name.as_str()).or_insert(index);
    }
    indices
}

/// Turns the first round's fixes of `report` into fixes that close every high gap of their
/// action they safely can, and sets `fixed_source` to the settled file.
///
/// With `one_round` (the first analysis spent the file's whole step budget), each finding keeps
/// its first-round fix and says that it was not re-checked, as files over [`SETTLE_LIMIT`] do.
pub(crate) fn settle(
    source: &str,
    report: &mut Report,
    reanalyse: &Reanalyse<'_>,
    one_round: bool,
) {
    // For each action (by index), the finding that carries its fix.
    let mut owner_of: HashMap<usize, usize> = HashMap::default();
    let mut round: Vec<(Edit, usize)> = Vec::new();
    let mut steps: Vec<Vec<(String, &'static str)>> = vec![Vec::new(); report.findings.len()];
    // The action of each finding, by index.
    let actions: Vec<Option<usize>> = {
        let indices = action_indices(report);
        report
            .findings
            .iter()
            .map(|f| indices.get(f.action.as_str()).copied())
            .collect()
    };
    for (index, finding) in report.findings.iter().enumerate() {
        let (Some(fix), Some(action)) = (&finding.fix, actions[index]) else {
            continue;
        };
        let owner = *owner_of.entry(action).or_insert(index);
        // The first round's edits stay each finding's own; later rounds belong to the owner.
        round.extend(fix.edits.iter().map(|e| (e.clone(), index)));
        steps[owner].push((fix.description.clone(), finding.rule));
    }
    if round.is_empty() {
        return;
    }
    if source.len() > SETTLE_LIMIT || one_round {
        let why = if one_round {
            " (Not re-checked: this file's helpers exhausted the analysis budget, so it is fixed in one round.)"
        } else {
            " (Not re-checked: files over 2 MB are fixed in one round.)"
        };
        for finding in &mut report.findings {
            if let Some(fix) = finding.fix.as_mut() {
                fix.closes = vec![finding.rule];
                fix.description.push_str(why);
            }
        }
        report.fixed_source = super::apply_all(source, &report.findings);
        return;
    }
    // Only the fixed actions are analysed again: the others' findings cannot change.
    let mut fixed_actions: Vec<usize> = owner_of.keys().copied().collect();
    fixed_actions.sort_unstable();
    let mut composed = Composed::new(source);
    composed.apply(&round);
    let mut last = reanalyse(&composed.text(), &fixed_actions);
    let followable =
        |last: &Report| last.errors.is_empty() && last.actions.len() == report.actions.len();
    for _ in 0..MORE_ROUNDS {
        // Fixes never add or remove actions; a result that cannot be followed ends the rounds.
        if !followable(&last) {
            break;
        }
        let mut next: Vec<(Edit, usize)> = Vec::new();
        let indices = action_indices(&last);
        for finding in &last.findings {
            let owner = indices
                .get(finding.action.as_str())
                .and_then(|a| owner_of.get(a));
            let (Some(fix), Some(&owner)) = (&finding.fix, owner) else {
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
        last = reanalyse(&composed.text(), &fixed_actions);
    }
    let followed = followable(&last);
    let mut edits = composed.edits_by_owner();
    // The fixed file's high findings, by action index.
    let mut left: HashMap<usize, Vec<Gap>> = HashMap::default();
    if followed {
        let indices = action_indices(&last);
        for f in last
            .findings
            .iter()
            .filter(|f| f.severity == Severity::High)
        {
            if let Some(&action) = indices.get(f.action.as_str()) {
                left.entry(action).or_default().push(Gap {
                    rule: f.rule,
                    reason: f.message.clone(),
                });
            }
        }
    }
    for (index, finding) in report.findings.iter_mut().enumerate() {
        let (Some(fix), Some(action)) = (finding.fix.as_mut(), actions[index]) else {
            continue;
        };
        let owner = owner_of[&action];
        let remaining: Vec<Gap> = if followed {
            left.get(&action).cloned().unwrap_or_default()
        } else {
            // The fixed file could not be analysed as the same actions: nothing is claimed.
            vec![Gap {
                rule: finding.rule,
                reason: "the fixed file could not be checked again".to_string(),
            }]
        };
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
