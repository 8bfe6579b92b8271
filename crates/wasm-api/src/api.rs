//! The shapes the JavaScript API returns, built from the analyzer's report. Findings and errors
//! are the CLI's `--format json` entries (the same structs), so the API and the CLI agree.

use std::sync::Arc;

use actiongate_analyzer::{all_rules, Config, ModuleLoader, RuleMeta};
use serde::Serialize;

use actiongate_check::output::json::{self, AssumptionEntry, ErrorEntry, FindingEntry};
use actiongate_check::FileResult;

/// The file name used when the caller gives none (its extension picks TypeScript).
pub const DEFAULT_FILE_NAME: &str = "input.ts";

/// What `analyze()` returns.
#[derive(Debug, Serialize)]
pub struct AnalyzeResult<'a> {
    /// The file name the source was analysed as.
    pub file: &'a str,
    /// Every Server Action found, in source order.
    pub actions: Vec<ActionEntry<'a>>,
    /// Syntax errors (whatever parsed was still analysed).
    pub errors: Vec<ErrorEntry<'a>>,
    /// Active findings, in source order, as in the CLI's JSON.
    pub findings: Vec<FindingEntry<'a>>,
    /// Findings silenced by `// actiongate-ignore <rule>: <reason>`, with their `reason`.
    pub suppressed: Vec<FindingEntry<'a>>,
    /// Verdicts that rest on imports the analyzer could not see (empty when none).
    pub assumptions: Vec<AssumptionEntry<'a>>,
    /// The source with every available fix applied (equal to the input when there is none).
    #[serde(rename = "fixedSource")]
    pub fixed_source: &'a str,
}

/// One Server Action.
#[derive(Debug, Serialize)]
pub struct ActionEntry<'a> {
    /// Exported name, `default`, or a descriptive name for inline actions.
    pub name: &'a str,
    /// How it was declared (`"use server" module export`, `inline`, `next-safe-action`, ...).
    pub kind: &'a str,
    /// 1-based line of its name or function head.
    pub line: u32,
}

/// A rule's metadata, as `rules()` returns it.
#[derive(Debug, Serialize)]
pub struct RuleEntry {
    /// Stable id, e.g. `missing-authz`.
    pub id: &'static str,
    /// `low`, `medium` or `high`.
    pub severity: &'static str,
    /// CWE id, e.g. `CWE-639`.
    pub cwe: &'static str,
    /// Link to the CWE definition.
    pub cwe_url: String,
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
    /// One of the five primary (high) rules, of which an action gets at most one.
    pub primary: bool,
}

impl RuleEntry {
    /// The entry of one rule.
    pub fn of(r: &RuleMeta) -> RuleEntry {
        RuleEntry {
            id: r.id,
            severity: r.severity.as_str(),
            cwe: r.cwe,
            cwe_url: r.cwe_url(),
            title: r.title,
            what_it_does: r.what_it_does,
            why_is_this_bad: r.why_is_this_bad,
            how_to_fix: r.how_to_fix,
            bad_example: r.bad_example,
            good_example: r.good_example,
            primary: r.is_primary(),
        }
    }
}

/// Every rule, in reporting order.
pub fn rules() -> Vec<RuleEntry> {
    all_rules().into_iter().map(RuleEntry::of).collect()
}

/// Parses the text of an `actiongate.toml`; the error is the analyzer's message
/// (`invalid actiongate.toml: ...`).
pub fn parse_config(text: &str) -> Result<Config, String> {
    Config::from_toml(text).map_err(|e| e.to_string())
}

/// Analyses one source text as `file_name`.
pub fn analyze_source(
    source: String,
    file_name: &str,
    config: Config,
    loader: Option<&dyn ModuleLoader>,
) -> FileResult {
    FileResult::new(
        file_name.to_string(),
        None,
        file_name.into(),
        Ok(source),
        Arc::new(config),
        loader,
    )
}

/// The API's view of a result (whole-file problems, like an analyzer crash, become errors at
/// 1:1, as in the CLI's JSON).
pub fn result_of(file: &FileResult) -> AnalyzeResult<'_> {
    let mut doc = json::document(std::slice::from_ref(file));
    let entry = doc.files.swap_remove(0);
    let report = file.report.as_ref();
    AnalyzeResult {
        file: &file.display,
        actions: report
            .map(|r| {
                r.actions
                    .iter()
                    .map(|a| ActionEntry {
                        name: &a.name,
                        kind: a.kind,
                        line: a.line,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        errors: entry.errors,
        findings: doc.findings,
        suppressed: doc.suppressed,
        assumptions: doc.assumptions,
        fixed_source: report
            .map(|r| r.fixed_source.as_str())
            .or(file.source.as_deref())
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VULNERABLE: &str = "\"use server\";\nexport async function deletePost(id: string) { await db.post.delete({ where: { id } }); }\n";

    #[test]
    fn findings_have_the_cli_json_shape() {
        let file = analyze_source(VULNERABLE.into(), "a.ts", Config::default(), None);
        let value = serde_json::to_value(result_of(&file)).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(|k| k.as_str())
            .collect();
        assert_eq!(
            keys,
            [
                "actions",
                "assumptions",
                "errors",
                "file",
                "findings",
                "fixedSource",
                "suppressed"
            ]
        );
        assert_eq!(value["actions"][0]["name"], "deletePost");
        let f = &value["findings"][0];
        assert_eq!(f["rule"], "missing-authn");
        assert_eq!(f["file"], "a.ts");
        assert_eq!(f["line"], 2);
        assert!(f["fix"]["edits"].as_array().is_some());
        assert!(value["fixedSource"].as_str().unwrap().contains("auth()"));
        // Identical to the CLI's JSON finding.
        let doc = serde_json::to_value(json::document(std::slice::from_ref(&file))).unwrap();
        assert_eq!(doc["findings"][0], *f);
    }

    #[test]
    fn config_errors_say_what_is_wrong() {
        assert!(parse_config("disable = [\"nope\"]")
            .unwrap_err()
            .contains("unknown rule `nope`"));
        assert!(parse_config("gaurds = []")
            .unwrap_err()
            .starts_with("invalid actiongate.toml"));
        let config = parse_config("disable = [\"missing-authn\"]").unwrap();
        let file = analyze_source(VULNERABLE.into(), "a.ts", config, None);
        assert!(file.report.unwrap().findings.is_empty());
    }

    #[test]
    fn every_rule_is_listed() {
        let rules = rules();
        assert_eq!(rules.len(), all_rules().len());
        assert!(rules.iter().any(|r| r.id == "missing-authz" && r.primary));
        assert!(rules[0].cwe_url.starts_with("https://cwe.mitre.org/"));
    }
}
