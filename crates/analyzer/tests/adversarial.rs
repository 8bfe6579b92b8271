//! Adversarial inputs (issue #4): each finishes in bounded time with results or a clear error,
//! and none panics. Each case runs on its own thread with a modest stack (4 MB, half of a
//! typical main thread) and a watchdog, so a hang or stack overflow fails the test instead of
//! stalling the suite.

use std::sync::mpsc;
use std::time::Duration;

use actiongate_analyzer::{analyze, Options, Report};

/// Runs `analyze` on a 4 MB stack; fails if it panics or does not finish in `limit`.
fn run(name: &str, source: String, file: &str, limit: Duration) -> Report {
    let (tx, rx) = mpsc::channel();
    let file = file.to_string();
    std::thread::Builder::new()
        .name(name.to_string())
        .stack_size(4 * 1024 * 1024)
        .spawn(move || {
            let report = analyze(&source, &Options::new(file));
            let _ = tx.send(report);
        })
        .unwrap();
    match rx.recv_timeout(limit) {
        Ok(report) => report,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{name}: no result within {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{name}: the analyzer panicked"),
    }
}

const LIMIT: Duration = Duration::from_secs(120);

fn action(i: usize) -> String {
    format!(
        "export async function deletePost{i}(formData: FormData) {{\n  const id = formData.get(\"id\") as string;\n  await prisma.post.delete({{ where: {{ id }} }});\n}}\n"
    )
}

#[test]
fn fifty_thousand_nested_parentheses_and_blocks_are_refused_clearly() {
    for (name, src) in [
        (
            "parens",
            format!(
                "\"use server\";\nconst x = {}1{};",
                "(".repeat(50_000),
                ")".repeat(50_000)
            ),
        ),
        (
            "blocks",
            format!(
                "\"use server\";\n{}{}",
                "{".repeat(50_000),
                "}".repeat(50_000)
            ),
        ),
        (
            "arrays",
            format!(
                "\"use server\";\nconst x = {}{};",
                "[".repeat(50_000),
                "]".repeat(50_000)
            ),
        ),
        (
            "ternaries",
            format!("\"use server\";\nconst x = {}0;", "a ? b : ".repeat(50_000)),
        ),
        (
            "arrows",
            format!("\"use server\";\nconst x = {}0;", "() => ".repeat(50_000)),
        ),
        (
            "unary",
            format!("\"use server\";\nconst x = {}y;", "!".repeat(50_000)),
        ),
        (
            "typeof",
            format!("\"use server\";\nconst x = {}y;", "typeof ".repeat(50_000)),
        ),
        (
            "jsx",
            format!("export default () => {};", "<a>".repeat(50_000)),
        ),
        ("templates", format!("const x = {};", "`${".repeat(50_000))),
    ] {
        let report = run(name, src, "deep.tsx", LIMIT);
        assert!(
            report
                .errors
                .iter()
                .any(|e| e.message.contains("Nesting too deep")),
            "{name}: {:?}",
            report.errors
        );
        assert!(report.findings.is_empty());
    }
}

#[test]
fn nesting_just_under_the_limit_is_analysed() {
    let src = format!(
        "\"use server\";\nexport async function f(id: string) {{ const x = {}1{}; await db.post.delete({{ where: {{ id }} }}); }}",
        "(".repeat(300),
        ")".repeat(300)
    );
    let report = run("near-limit", src, "a.ts", LIMIT);
    assert!(report.errors.is_empty());
    assert_eq!(report.findings[0].rule, "missing-authn");
}

#[test]
fn a_twenty_megabyte_file_is_analysed() {
    let mut src = String::from("\"use server\";\n");
    let mut i = 0;
    while src.len() < 20 * 1024 * 1024 {
        src.push_str(&action(i));
        i += 1;
    }
    let report = run("20mb", src, "big.ts", Duration::from_secs(600));
    assert_eq!(report.actions.len(), i);
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == "missing-authn")
            .count(),
        i
    );
}

#[test]
fn a_single_one_megabyte_line_is_analysed() {
    let body: String = (0..70_000).map(|i| format!("const v{i} = {i};")).collect();
    let src = format!("\"use server\"; export async function f(id: string) {{ {body} await db.post.delete({{ where: {{ id }} }}); }}");
    assert!(src.len() > 1_000_000);
    let report = run("one-line", src, "a.ts", LIMIT);
    assert_eq!(report.findings[0].rule, "missing-authn");
    assert_eq!(report.findings[0].position.line, 1);
}

#[test]
fn nul_bytes_and_replacement_characters_give_errors_not_panics() {
    let src = format!(
        "\"use server\";\0\0\0 export async function f() {{ \0 }}{}",
        "\u{FFFD}".repeat(1000)
    );
    let report = run("nul", src, "a.ts", LIMIT);
    assert!(!report.errors.is_empty());
    let invalid = String::from_utf8_lossy(&[0xff, 0xfe, b'a', 0xc3, 0x28, 0x80]).into_owned();
    let report = run("invalid-utf8", invalid, "a.ts", LIMIT);
    assert!(!report.errors.is_empty());
}

#[test]
fn every_kind_of_unterminated_literal_is_a_syntax_error() {
    for (name, lit) in [
        ("string", "const s = \"abc"),
        ("single", "const s = 'abc"),
        ("template", "const s = `abc ${x"),
        ("template-text", "const s = `abc"),
        ("regex", "const r = /abc"),
        ("comment", "/* abc"),
        ("jsx", "const j = <div>"),
        ("object", "const o = { a: 1"),
        ("call", "f(1, 2"),
    ] {
        let src = format!("\"use server\";\nexport async function ok(id: string) {{ await db.post.delete({{ where: {{ id }} }}); }}\n{lit}");
        let report = run(name, src, "a.tsx", LIMIT);
        assert!(
            !report.errors.is_empty(),
            "{name}: no syntax error reported"
        );
        assert!(report.errors.iter().all(|e| e.position.line >= 1), "{name}");
    }
}

#[test]
fn ten_thousand_actions_in_one_file() {
    let src = format!(
        "\"use server\";\n{}",
        (0..10_000).map(action).collect::<String>()
    );
    let report = run("10k-actions", src, "many.ts", Duration::from_secs(300));
    assert_eq!(report.actions.len(), 10_000);
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == "missing-authn")
            .count(),
        10_000
    );
}

#[test]
fn deeply_chained_member_calls() {
    let chain: String = (0..50_000).map(|i| format!(".m{i}()")).collect();
    let src = format!("\"use server\";\nexport async function f(id: string) {{ await db{chain}; await db.post.delete({{ where: {{ id }} }}); }}");
    let report = run("chain", src, "a.ts", LIMIT);
    assert!(report.errors.is_empty());
    assert!(report.findings.iter().any(|f| f.rule == "missing-authn"));
}

#[test]
fn long_flat_expressions() {
    let sum = vec!["id"; 100_000].join(" + ");
    let src = format!("\"use server\";\nexport async function f(id: string) {{ const x = {sum}; await db.post.delete({{ where: {{ id: x }} }}); }}");
    let report = run("sum", src, "a.ts", LIMIT);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(report.findings[0].rule, "missing-authn");
}

#[test]
fn huge_template_literals() {
    let text = "x".repeat(2_000_000);
    let parts: String = (0..10_000).map(|i| format!("${{v{i}}} ")).collect();
    let src = format!("\"use server\";\nexport async function f(id: string) {{ const t = `{text}{parts}`; await sql`DELETE FROM t WHERE id = ${{id}}`; }}");
    let report = run("template", src, "a.ts", LIMIT);
    assert_eq!(report.findings[0].rule, "missing-authn");
}

#[test]
fn mutually_recursive_helpers_terminate() {
    let src = r#""use server";
async function a(n: number): Promise<void> { if (n > 0) await b(n - 1); await c(n); }
async function b(n: number): Promise<void> { await a(n); await c(n); }
async function c(n: number): Promise<void> { await a(n); await b(n); }
export async function f(id: string) { await a(3); await db.post.delete({ where: { id } }); }
"#;
    let report = run("recursion", src.to_string(), "a.ts", LIMIT);
    assert_eq!(report.findings[0].rule, "missing-authn");

    // A helper fan-out that would explode without the step budget: each calls the next twice.
    let mut src = String::from("\"use server\";\n");
    for i in 0..40 {
        src.push_str(&format!(
            "async function h{i}() {{ await h{}(); await h{}(); }}\n",
            i + 1,
            i + 1
        ));
    }
    src.push_str("async function h40() { await db.post.deleteMany({}); }\nexport async function g() { await h0(); }\n");
    let report = run("fan-out", src, "a.ts", LIMIT);
    assert_eq!(report.actions.len(), 1);
}

#[test]
fn binary_garbage_does_not_panic() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..50 {
        let bytes: Vec<u8> = (0..20_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let src = String::from_utf8_lossy(&bytes).into_owned();
        let _ = run(&format!("garbage-{round}"), src, "g.tsx", LIMIT);
    }
}

#[test]
fn fuzz_crash_lone_quote_after_a_number() {
    // Found by `cargo fuzz run analyze_bytes`: `0"` tripped a debug assertion.
    for file in ["a.ts", "a.tsx", "a.js"] {
        for src in ["0\"", "\""] {
            let report = run("lone-quote", src.to_string(), file, LIMIT);
            assert!(!report.errors.is_empty());
            let _ = actiongate_analyzer::highlight::highlight(src, file);
        }
    }
}

#[test]
fn fuzz_crash_verb_prefix_inside_a_multibyte_character() {
    // Found by `cargo fuzz run analyze_bytes` (campaign of 19:05): a callee named `kvҡel` made
    // the mutating-verb test slice the name inside `ҡ`.
    for name in ["kvҡel", "deҡ", "upҡdate", "ҡ", "setҡ"] {
        let src = format!(
            "\"use server\";\nexport async function f(id: string) {{ await {name}(id); await db.{name}(id); }}\n"
        );
        let _ = run("verb-prefix", src, "a.ts", LIMIT);
    }
}

#[test]
fn fuzz_crash_error_offset_inside_a_multibyte_character() {
    // Found by `cargo fuzz run analyze_bytes`: the recovery re-parse sliced the text at an error
    // offset inside U+FFFD.
    let src = String::from_utf8_lossy(b"s`${}\xff").into_owned();
    for file in ["a.ts", "a.tsx", "a.js"] {
        let report = run("multibyte-offset", src.clone(), file, LIMIT);
        assert!(!report.errors.is_empty());
    }
}

#[test]
fn statement_nesting_without_brackets_is_refused_clearly() {
    // `else if` chains, brace-less statement heads and labels nest in the parser without a
    // single bracket; 100,000 levels of them overflow even a 64 MB stack.
    let n = 100_000;
    let body = |inner: String| {
        format!("\"use server\";\nexport async function f(a: string) {{\n{inner}\n  await db.post.delete({{ where: {{ id: a }} }});\n}}\n")
    };
    for (name, inner) in [
        (
            "else-if",
            format!("if (a) {{}}{} else {{}}", " else if (a) {}".repeat(n)),
        ),
        (
            "else-if-braceless",
            format!("if (a) a;{}", " else if (a) a;".repeat(n)),
        ),
        ("if", format!("{}a;", "if (a) ".repeat(n))),
        ("while", format!("{}break;", "while (a) ".repeat(n))),
        ("for", format!("{}break;", "for (;;) ".repeat(n))),
        (
            "do-while",
            format!("{}a;{}", "do ".repeat(n), " while (a);".repeat(n)),
        ),
        ("labels", format!("{}a;", "l: ".repeat(n))),
    ] {
        let report = run(name, body(inner), "a.ts", LIMIT);
        assert!(report.actions.is_empty(), "{name}");
        assert!(
            report.errors[0].message.contains("Nesting too deep"),
            "{name}: {}",
            report.errors[0].message
        );
    }
}

#[test]
fn long_else_if_chains_are_analysed() {
    // A long dispatch chain, well within what real code does, is analysed normally.
    let chain: String = (0..300)
        .map(|i| format!(" else if (a === \"k{i}\") {{ n = {i}; }}"))
        .collect();
    let src = format!("\"use server\";\nexport async function f(id: string, a: string) {{ let n = 0; if (a === \"\") {{}}{chain} await db.post.delete({{ where: {{ id }} }}); }}");
    let report = run("else-if", src, "a.ts", LIMIT);
    assert!(report.errors.is_empty());
    assert_eq!(report.findings[0].rule, "missing-authn");
}

#[test]
fn an_exhausted_budget_never_hides_the_actions_own_sinks() {
    // 3^7 helper paths before the action's own unauthenticated delete: the helpers stop being
    // followed, the action's own body is still walked to the end.
    let mut src = String::from("\"use server\";\n");
    for k in 0..7 {
        let stmts = "const a = 1; const b = 2; const c = 3; const d = 4; const e = 5; ";
        src.push_str(&format!(
            "async function h{k}(id) {{ {}{stmts}}}\n",
            format!("await h{}(id); ", k + 1).repeat(3)
        ));
    }
    src.push_str("async function h7(id) { const z = 0; }\n");
    src.push_str("export async function f(id: string) { await h0(id); await db.post.delete({ where: { id } }); }\n");
    let report = run("budget-own-body", src, "a.ts", LIMIT);
    assert_eq!(report.findings[0].rule, "missing-authn");
}

#[test]
fn many_actions_sharing_a_deep_helper_fan_out_stay_linear() {
    // Seven levels of helpers that each call the next ten times (10^7 paths), called by 2,000
    // actions: each action may follow helpers only within the file's shared step budget.
    let mut src = String::from("\"use server\";\nimport { db } from \"@/lib/db\";\n");
    for k in 0..7 {
        src.push_str(&format!(
            "async function h{k}(id) {{ {}}}\n",
            format!("await h{}(id); ", k + 1).repeat(10)
        ));
    }
    src.push_str("async function h7(id) { return db.x.findUnique({ where: { id } }); }\n");
    for i in 0..2_000 {
        src.push_str(&format!("export async function a{i}(id) {{ await h0(id); await db.post.delete({{ where: {{ id }} }}); }}\n"));
    }
    let report = run("fan-out-many", src, "a.ts", LIMIT);
    assert_eq!(report.actions.len(), 2_000);
    // Every action still walks its own body: each deletes without a session.
    let flagged = report
        .findings
        .iter()
        .filter(|f| f.rule == "missing-authn")
        .count();
    assert_eq!(flagged, 2_000);
}
