//! Prints the findings of one file: `cargo run -p actiongate-analyzer --example dump -- FILE [ACTION]`.

use actiongate_analyzer::{analyze, Options};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: dump FILE [ACTION]");
        std::process::exit(2);
    };
    let only = args.next();
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let report = analyze(&source, &Options::new(&path));
    for e in &report.errors {
        println!(
            "error {}:{} {}",
            e.position.line, e.position.column, e.message
        );
    }
    for a in &report.actions {
        println!("action {} ({}) line {}", a.name, a.kind, a.line);
    }
    for f in report
        .findings
        .iter()
        .filter(|f| only.as_ref().is_none_or(|o| &f.action == o))
    {
        let text = &source[f.span.start as usize..f.span.end as usize];
        println!(
            "{}:{} {} [{}] {}\n    `{}`",
            f.position.line,
            f.position.column,
            f.rule,
            f.action,
            f.message,
            text.lines().next().unwrap_or("")
        );
    }
    if std::env::var_os("FIXED").is_some() {
        println!("----- fixed -----\n{}", report.fixed_source);
    }
}
