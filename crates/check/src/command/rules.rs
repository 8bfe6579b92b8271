//! `actiongate rules` and `actiongate explain <rule>`.

use std::fmt::Write as _;

use actiongate_analyzer::{all_rules, rule_by_id, RuleMeta};

use super::error::CommandError;

/// Every rule as a table: id, severity, CWE, title.
pub fn table() -> String {
    let rules = all_rules();
    let id_width = rules
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0)
        .max("RULE".len());
    let cwe_width = rules
        .iter()
        .map(|r| r.cwe.len())
        .max()
        .unwrap_or(0)
        .max("CWE".len());
    let mut out = format!(
        "{:<id_width$}  {:<8}  {:<cwe_width$}  TITLE\n",
        "RULE", "SEVERITY", "CWE"
    );
    for r in &rules {
        let _ = writeln!(
            out,
            "{:<id_width$}  {:<8}  {:<cwe_width$}  {}",
            r.id,
            r.severity.as_str(),
            r.cwe,
            r.title
        );
    }
    let _ = write!(
        out,
        "\n{} rules. Run `actiongate explain <RULE>` for details.\n",
        rules.len()
    );
    out
}

/// The documentation of one rule, or an error listing the valid ids.
pub fn explain(id: &str) -> Result<String, CommandError> {
    let wanted = id.trim().to_ascii_lowercase();
    let rule = rule_by_id(&wanted).ok_or_else(|| CommandError::UnknownRule {
        id: id.to_string(),
        valid: all_rules()
            .iter()
            .map(|r| r.id)
            .collect::<Vec<_>>()
            .join(", "),
    })?;
    Ok(render(rule))
}

fn render(r: &RuleMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({} severity, {})",
        r.id,
        r.severity.as_str(),
        r.cwe
    );
    let _ = writeln!(out, "{}\n", r.title);
    section(&mut out, "What it does", r.what_it_does);
    section(&mut out, "Why is this bad?", r.why_is_this_bad);
    section(&mut out, "How to fix", r.how_to_fix);
    section(&mut out, "Example of vulnerable code", r.bad_example);
    section(&mut out, "The same action, fixed", r.good_example);
    let _ = writeln!(out, "{}: {}", r.cwe, r.cwe_url());
    out
}

fn section(out: &mut String, heading: &str, body: &str) {
    let _ = writeln!(out, "{heading}");
    for line in body.trim_end().lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "    {line}");
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_lists_every_rule() {
        let table = table();
        for r in all_rules() {
            assert!(table.contains(r.id) && table.contains(r.cwe));
        }
    }

    #[test]
    fn unknown_rules_list_the_valid_ids() {
        let err = explain("nope").unwrap_err().to_string();
        assert!(
            err.contains("unknown rule `nope`") && err.contains("missing-authn"),
            "{err}"
        );
        assert!(explain("Missing-Authn").unwrap().contains("CWE-306"));
    }
}
