//! Benchmark inputs, generated at bench time from the repository's own test files (nothing big is
//! committed; see `tests/bench-data/README.md`).
//!
//! * `seeds()`: every file in `tests/fixtures/seeds/`, as they are.
//! * `actions_file(lines)`: one `"use server"` module of at least `lines` lines, made by
//!   concatenating the module-level action files of `tests/corpus/` (`.ts` files that start with
//!   `"use server"`), cycling through them as often as needed. Each copy is a *chunk*: its imports
//!   are hoisted to the top of the file (deduplicated by local name), and every top-level name it
//!   declares (functions, consts, types, `export { a as b }` aliases) gets a unique suffix, so the
//!   result is one valid module with tens of thousands of distinct actions. Comments, `// expect:`
//!   labels, zod schemas and helpers are kept, so the code is as realistic as the corpus itself.
//!
//! Deterministic: the same repository gives byte-identical inputs.

#![allow(dead_code)] // Each bench binary uses a different part of this module.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;
use oxc_ast::ast::{
    ExportDefaultDeclarationKind, ImportDeclarationSpecifier, ImportOrExportKind, ModuleExportName,
    Statement,
};
use oxc_parser::{ParseOptions, Parser};
use oxc_semantic::SemanticBuilder;
use oxc_span::{GetSpan, SourceType};
use oxc_syntax::symbol::SymbolFlags;

/// One benchmark input.
pub struct Input {
    /// Short label used in benchmark ids (`seeds`, `1k`, `10k`, `100k`).
    pub label: String,
    /// `(file name, source)` pairs; one for generated inputs, many for the seeds.
    pub files: Vec<(String, String)>,
}

impl Input {
    /// Total bytes.
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, s)| s.len()).sum()
    }
    /// Total lines.
    pub fn lines(&self) -> usize {
        self.files.iter().map(|(_, s)| s.lines().count()).sum()
    }
}

/// The repository root (two levels above this crate).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn sorted_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    files_under(dir, &mut files);
    files.sort();
    files
}

/// The seed examples, one file each.
pub fn seeds() -> Input {
    let files = sorted_files(&repo_root().join("tests/fixtures/seeds"))
        .into_iter()
        .filter(|p| is_source(p))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).expect("read seed"))
        })
        .collect::<Vec<_>>();
    assert!(!files.is_empty(), "no seed files found");
    Input {
        label: "seeds".into(),
        files,
    }
}

fn is_source(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs")
    )
}

/// A corpus file prepared for concatenation.
struct Template {
    /// `(local name, import statement)` for each imported binding.
    imports: Vec<(String, String)>,
    /// The file without its directive and imports (comments kept).
    body: String,
    /// Top-level names to make unique in each copy.
    names: HashSet<String>,
}

fn module_name(name: &ModuleExportName<'_>) -> String {
    match name {
        ModuleExportName::IdentifierName(n) => n.name.to_string(),
        ModuleExportName::IdentifierReference(n) => n.name.to_string(),
        ModuleExportName::StringLiteral(s) => format!("{:?}", s.value.as_str()),
    }
}

/// Parses a corpus file and splits it into imports, body and renamable names. `None` when the
/// file is not a module-level `"use server"` file or does not parse cleanly.
fn prepare(source: &str) -> Option<Template> {
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, source, SourceType::ts())
        .with_options(ParseOptions {
            allow_return_outside_function: true,
            ..ParseOptions::default()
        })
        .parse();
    if !ret.diagnostics.is_empty() || ret.panicked {
        return None;
    }
    let program = &ret.program;
    if !program
        .directives
        .iter()
        .any(|d| d.directive.as_str() == "use server")
    {
        return None;
    }
    let semantic = SemanticBuilder::new().build(program).semantic;
    let scoping = semantic.scoping();
    let mut names: HashSet<String> = HashSet::new();
    for (name, symbol) in scoping.get_bindings(scoping.root_scope_id()).iter() {
        let flags = scoping.symbol_flags(*symbol);
        if !flags.intersects(SymbolFlags::Import | SymbolFlags::TypeImport) {
            names.insert(name.as_str().to_string());
        }
    }

    // Replacements of whole-statement spans: (start, end, replacement text).
    let mut edits: Vec<(u32, u32, String)> = Vec::new();
    for d in &program.directives {
        edits.push((d.span.start, d.span.end, String::new()));
    }
    let mut imports = Vec::new();
    for stmt in &program.body {
        match stmt {
            Statement::ImportDeclaration(decl) => {
                let src = decl.source.value.as_str();
                let type_only = decl.import_kind == ImportOrExportKind::Type;
                match &decl.specifiers {
                    None => imports.push((format!("\0{src}"), format!("import {src:?};"))),
                    Some(specs) => {
                        for spec in specs {
                            let kw = if type_only { "import type" } else { "import" };
                            let (local, text) = match spec {
                                ImportDeclarationSpecifier::ImportSpecifier(s) => {
                                    let kw = if type_only || s.import_kind.is_type() {
                                        "import type"
                                    } else {
                                        "import"
                                    };
                                    let local = s.local.name.to_string();
                                    let imported = module_name(&s.imported);
                                    let spec = if imported == local {
                                        local.clone()
                                    } else {
                                        format!("{imported} as {local}")
                                    };
                                    (local, format!("{kw} {{ {spec} }} from {src:?};"))
                                }
                                ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                                    let local = s.local.name.to_string();
                                    (local.clone(), format!("{kw} {local} from {src:?};"))
                                }
                                ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                                    let local = s.local.name.to_string();
                                    (local.clone(), format!("{kw} * as {local} from {src:?};"))
                                }
                            };
                            imports.push((local, text));
                        }
                    }
                }
                edits.push((decl.span.start, decl.span.end, String::new()));
            }
            Statement::ExportDefaultDeclaration(decl) => {
                let inner = decl.declaration.span();
                let inner_text = &source[inner.start as usize..inner.end as usize];
                let text = match &decl.declaration {
                    ExportDefaultDeclarationKind::FunctionDeclaration(f) if f.id.is_some() => {
                        format!("export {inner_text}")
                    }
                    ExportDefaultDeclarationKind::FunctionDeclaration(_) => {
                        names.insert("defaultAction".into());
                        format!(
                            "export {}",
                            inner_text.replacen("function", "function defaultAction", 1)
                        )
                    }
                    _ => {
                        names.insert("defaultExport".into());
                        format!("export const defaultExport = {inner_text};")
                    }
                };
                edits.push((decl.span.start, decl.span.end, text));
            }
            Statement::ExportNamedDeclaration(decl) => {
                for spec in &decl.specifiers {
                    if let ModuleExportName::IdentifierName(n) = &spec.exported {
                        names.insert(n.name.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    edits.sort_by_key(|e| e.0);
    let mut body = String::with_capacity(source.len());
    let mut at = 0usize;
    for (start, end, text) in edits {
        body.push_str(&source[at..start as usize]);
        body.push_str(&text);
        at = end as usize;
    }
    body.push_str(&source[at..]);
    // Drop the blank lines left where the directive and imports were.
    let body = body.trim_start().to_string();
    Some(Template {
        imports,
        body,
        names,
    })
}

/// Appends `text` to `out`, adding `_{suffix}` to every identifier in `names`.
fn rename_into(out: &mut String, text: &str, names: &HashSet<String>, suffix: usize) {
    let bytes = text.as_bytes();
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$';
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if is_ident(bytes[i]) && !bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
            if names.contains(&text[start..i]) {
                out.push_str(&text[copied..i]);
                let _ = write!(out, "_{suffix}");
                copied = i;
            }
        } else if is_ident(bytes[i]) {
            while i < bytes.len() && is_ident(bytes[i]) {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
}

fn templates() -> Vec<Template> {
    let templates: Vec<Template> = sorted_files(&repo_root().join("tests/corpus"))
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("ts"))
        .filter_map(|p| prepare(&std::fs::read_to_string(&p).ok()?))
        .collect();
    assert!(
        templates.len() >= 10,
        "expected the tests/corpus action files"
    );
    templates
}

/// One `"use server"` module of at least `min_lines` lines (see the module docs).
pub fn actions_file(min_lines: usize) -> String {
    let templates = templates();
    let mut seen_imports: HashSet<String> = HashSet::new();
    let mut imports = String::new();
    let mut body = String::new();
    let mut body_lines = 0usize;
    let mut copy = 0usize;
    while body_lines + imports.lines().count() + 2 < min_lines {
        let t = &templates[copy % templates.len()];
        for (local, text) in &t.imports {
            if seen_imports.insert(local.clone()) {
                imports.push_str(text);
                imports.push('\n');
            }
        }
        let start = body.len();
        rename_into(&mut body, &t.body, &t.names, copy);
        if !body.ends_with('\n') {
            body.push('\n');
        }
        body.push('\n');
        body_lines += body[start..].lines().count();
        copy += 1;
    }
    format!("\"use server\";\n\n{imports}\n{body}")
}

/// A generated input labelled `label`, checked to parse without a single diagnostic.
pub fn generated(label: &str, min_lines: usize) -> Input {
    let source = actions_file(min_lines);
    let allocator = Allocator::default();
    let ret = Parser::new(&allocator, &source, SourceType::ts())
        .with_options(ParseOptions {
            allow_return_outside_function: true,
            ..ParseOptions::default()
        })
        .parse();
    assert!(
        ret.diagnostics.is_empty() && !ret.panicked,
        "generated {label} input does not parse cleanly: {:?}",
        ret.diagnostics.first()
    );
    Input {
        label: label.into(),
        files: vec![(format!("actions-{label}.ts"), source)],
    }
}

/// Every benchmark input, smallest first: seeds, 1k, 10k, 100k lines.
pub fn all_inputs() -> Vec<Input> {
    vec![
        seeds(),
        generated("1k", 1_000),
        generated("10k", 10_000),
        generated("100k", 100_000),
    ]
}
