//! Configuration extends the catalog: extra sinks and guards change what is reported.

use actiongate_analyzer::{analyze, Config, Options};

fn run(config: &str, src: &str) -> Vec<&'static str> {
    let options = Options {
        file_name: "a.ts".into(),
        config: Config::from_toml(config).unwrap(),
    };
    analyze(src, &options)
        .findings
        .iter()
        .map(|f| f.rule)
        .collect()
}

#[test]
fn a_configured_bare_sink_is_reported() {
    let src = "\"use server\";\nexport async function pay(id: string) { await invoiceNow(id); }";
    assert!(run("", src).is_empty());
    assert!(run(r#"sinks = ["invoiceNow"]"#, src).contains(&"missing-authn"));
}

#[test]
fn a_configured_fail_closed_guard_authenticates() {
    let src = "\"use server\";\nexport async function f(id: string) { await mustBeMember(); await db.post.deleteMany({ where: { id } }); }";
    assert!(run("", src).contains(&"missing-authn"));
    let rules = run(r#"fail_closed_guards = ["mustBeMember"]"#, src);
    assert!(!rules.contains(&"missing-authn"), "{rules:?}");
}

#[test]
fn public_actions_and_disabled_rules() {
    let src = "\"use server\";\nexport async function ping(id: string) { await db.post.delete({ where: { id } }); }";
    assert!(run(r#"public_actions = ["ping"]"#, src).is_empty());
    assert!(!run(r#"disable = ["missing-authn"]"#, src).contains(&"missing-authn"));
}
