//! Every rule's documentation examples are analysed (as oxc's and biome's rule docs are): the
//! "reported" example must report the rule, the "fixed" one must not. Each example is an
//! action body; it is analysed inside a `"use server"` file that imports what it calls.

use actiongate_analyzer::{all_rules, analyze, Options};

/// The file an example is analysed in: the directive, and imports of the helpers the docs use.
fn file_of(example: &str) -> String {
    format!(
        "\"use server\";\nimport {{ auth }} from \"@/auth\";\nimport {{ db }} from \"@/lib/db\";\nimport {{ createClient }} from \"@/utils/supabase/server\";\nimport {{ z }} from \"zod\";\n\n{example}\n"
    )
}

fn rules_reported(example: &str) -> Vec<&'static str> {
    let report = analyze(&file_of(example), &Options::new("app/actions.ts"));
    assert!(
        report.errors.is_empty(),
        "example does not parse: {:?}\n{example}",
        report.errors
    );
    report.findings.iter().map(|f| f.rule).collect()
}

#[test]
fn every_rule_reports_its_bad_example_and_not_its_good_one() {
    let mut failures = Vec::new();
    for rule in all_rules() {
        let bad = rules_reported(rule.bad_example);
        if !bad.contains(&rule.id) {
            failures.push(format!("{}: the reported example gives {bad:?}", rule.id));
        }
        let good = rules_reported(rule.good_example);
        if good.contains(&rule.id) {
            failures.push(format!(
                "{}: the fixed example still gives {good:?}",
                rule.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
