//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it.
//!
//! One run; `tool.driver.rules` lists every rule (so `ruleIndex` is stable); columns are UTF-16
//! code units (`columnKind`), which is what the analyzer reports. Suppressed findings are results
//! with an `inSource` suppression. Syntax errors and unreadable files are tool execution
//! notifications.

use std::collections::HashMap;

use actiongate_analyzer::{all_rules, Finding, RuleMeta, Severity};
use serde_json::{json, Value};

use super::line_text;
use crate::FileResult;

/// The SARIF 2.1.0 schema location.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where users learn about the tool.
pub const INFORMATION_URI: &str = "https://github.com/actiongate/actiongate";

/// GitHub's `security-severity` for a severity (CVSS-like: high, medium, low).
pub fn security_severity(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "8.8",
        Severity::Medium => "5.3",
        Severity::Low => "3.1",
    }
}

/// SARIF `level` for a severity.
pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low => "note",
    }
}

/// Renders the SARIF log, pretty-printed, with a final newline.
pub fn render(results: &[FileResult]) -> String {
    let mut text = serde_json::to_string_pretty(&log(results)).unwrap_or_default();
    text.push('\n');
    text
}

/// Builds the SARIF log.
pub fn log(results: &[FileResult]) -> Value {
    let rules = all_rules();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
    let mut sarif_results = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for result in results {
        let Some(report) = &result.report else {
            continue;
        };
        let source = result.source.as_deref().unwrap_or("");
        let active = report.findings.iter().map(|f| (f, false));
        let silenced = report.suppressed.iter().map(|f| (f, true));
        let mut all: Vec<(&Finding, bool)> = active.chain(silenced).collect();
        actiongate_analyzer::sort::sort_by_key(&mut all, |(f, _)| (f.span.start, f.rule));
        for (finding, suppressed) in all {
            let fingerprint = fingerprint(finding, &result.display, source);
            // Identical findings on identical lines get an occurrence number, as GitHub does.
            let n = seen.entry(fingerprint.clone()).or_insert(0);
            *n += 1;
            let fingerprint = format!("{fingerprint}:{n}");
            sarif_results.push(result_json(
                finding,
                suppressed,
                &result.display,
                &index,
                fingerprint,
            ));
        }
    }
    let notifications: Vec<Value> = results.iter().flat_map(notifications).collect();
    let execution_successful = !results.iter().any(FileResult::failed);
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "actiongate",
                    "informationUri": INFORMATION_URI,
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| rule_json(r)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": execution_successful,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "utf16CodeUnits",
            "results": sarif_results,
        }]
    })
}

/// `MissingAuthn` for `missing-authn`.
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn rule_json(rule: &RuleMeta) -> Value {
    let cwe_number = rule.cwe.trim_start_matches("CWE-");
    let text = format!(
        "{}\n\nWhy is this bad? {}\n\nHow to fix: {}\n\nSee {}",
        rule.what_it_does,
        rule.why_is_this_bad,
        rule.how_to_fix,
        rule.cwe_url()
    );
    let markdown = format!(
        "## {title}\n\n{what}\n\n### Why is this bad?\n\n{why}\n\n### How to fix\n\n{how}\n\n\
         ### Vulnerable\n\n```ts\n{bad}\n```\n\n### Fixed\n\n```ts\n{good}\n```\n\n[{cwe}]({url})\n",
        title = rule.title,
        what = rule.what_it_does,
        why = rule.why_is_this_bad,
        how = rule.how_to_fix,
        bad = rule.bad_example.trim_end(),
        good = rule.good_example.trim_end(),
        cwe = rule.cwe,
        url = rule.cwe_url(),
    );
    json!({
        "id": rule.id,
        "name": pascal_case(rule.id),
        "shortDescription": { "text": rule.title },
        "fullDescription": { "text": rule.what_it_does },
        "help": { "text": text, "markdown": markdown },
        "helpUri": rule.cwe_url(),
        "defaultConfiguration": { "level": level(rule.severity) },
        "properties": {
            "tags": ["security", rule.cwe, format!("external/cwe/cwe-{cwe_number}")],
            "security-severity": security_severity(rule.severity),
            "precision": if rule.is_primary() { "high" } else { "medium" },
            "problem.severity": match rule.severity { Severity::High => "error", Severity::Medium => "warning", Severity::Low => "recommendation" },
        }
    })
}

fn result_json(
    f: &Finding,
    suppressed: bool,
    file: &str,
    index: &HashMap<&str, usize>,
    fingerprint: String,
) -> Value {
    let mut message = f.message.clone();
    if !f.help.is_empty() {
        message.push_str("\n\nHelp: ");
        message.push_str(&f.help);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "ruleIndex": index.get(f.rule).copied().unwrap_or(0),
        "level": level(f.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact(file),
                "region": {
                    "startLine": f.position.line.max(1),
                    "startColumn": f.position.column.max(1),
                    "endLine": f.position.end_line.max(1),
                    "endColumn": f.position.end_column.max(1),
                }
            },
            "logicalLocations": [{ "name": f.action, "kind": "function" }],
        }],
        "partialFingerprints": { "actiongate/v1": fingerprint },
        "properties": { "action": f.action, "cwe": f.cwe, "severity": f.severity.as_str() },
    });
    if let Some(fix) = &f.fix {
        result["fixes"] = json!([{
            "description": { "text": fix.description },
            "artifactChanges": [{
                "artifactLocation": artifact(file),
                "replacements": fix.edits.iter().map(|e| json!({
                    "deletedRegion": { "byteOffset": e.start, "byteLength": e.end.saturating_sub(e.start) },
                    "insertedContent": { "text": e.text },
                })).collect::<Vec<_>>(),
            }],
        }]);
    }
    if suppressed {
        result["suppressions"] = json!([{
            "kind": "inSource",
            "justification": f.suppressed.clone().unwrap_or_default(),
        }]);
    }
    result
}

fn notifications(result: &FileResult) -> Vec<Value> {
    let mut out: Vec<Value> = result
        .problems
        .iter()
        .map(|p| {
            json!({
                "level": if p.fatal { "error" } else { "warning" },
                "message": { "text": format!("{}: {}", result.display, p.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&result.display) } }],
            })
        })
        .collect();
    if let Some(report) = &result.report {
        out.extend(report.errors.iter().map(|e| {
            json!({
                "level": "warning",
                "message": { "text": format!("syntax error: {}", e.message) },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": artifact(&result.display),
                    "region": {
                        "startLine": e.position.line.max(1),
                        "startColumn": e.position.column.max(1),
                        "endLine": e.position.end_line.max(1),
                        "endColumn": e.position.end_column.max(1),
                    }
                } }],
            })
        }));
    }
    out
}

/// A stable fingerprint: rule, file, action and the trimmed text of the finding's first line,
/// so it survives code moving up or down and re-indentation. 64-bit FNV-1a, as hex.
pub fn fingerprint(f: &Finding, file: &str, source: &str) -> String {
    let line = line_text(source, f.position.line).trim();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [f.rule, file, &f.action, line] {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// An `artifactLocation`: relative paths are relative to `%SRCROOT%` (the checkout GitHub maps
/// them onto); absolute paths (files outside the current folder) become `file://` URIs.
fn artifact(display: &str) -> Value {
    if display.starts_with('/') {
        json!({ "uri": format!("file://{}", uri(display)) })
    } else {
        json!({ "uri": uri(display), "uriBaseId": "%SRCROOT%" })
    }
}

/// A URI reference for a display path: forward slashes, percent-encoded where needed.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        let c = byte as char;
        if c.is_ascii_alphanumeric() || "-._~/!$&'()*+,;=@".contains(c) {
            out.push(c);
        } else if c == '\\' {
            out.push('/');
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("app/my actions.ts"), "app/my%20actions.ts");
        assert_eq!(uri("app/é.ts"), "app/%C3%A9.ts");
        assert_eq!(uri("a#b?.ts"), "a%23b%3F.ts");
    }

    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(
            artifact("/srv/app/a b.ts"),
            json!({ "uri": "file:///srv/app/a%20b.ts" })
        );
        assert_eq!(
            artifact("app/a.ts"),
            json!({ "uri": "app/a.ts", "uriBaseId": "%SRCROOT%" })
        );
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(pascal_case("missing-authn"), "MissingAuthn");
    }

    #[test]
    fn every_rule_has_the_github_properties() {
        for rule in all_rules() {
            let r = rule_json(rule);
            assert!(r["properties"]["security-severity"].as_str().is_some());
            assert_eq!(r["properties"]["tags"][0], "security");
            assert!(r["helpUri"]
                .as_str()
                .unwrap()
                .starts_with("https://cwe.mitre.org/"));
        }
    }
}
