//! Fixes: text edits per finding, and the whole file with every fix applied (SPEC §4).
//!
//! Fixes follow the file's own idioms — its auth import and session helper, its failure style
//! (`throw`, `redirect("/login")`, `return { error }`) and its owner column — and fall back to
//! the seeds' idiom: `import { auth } from "@/auth"`, `const session = await auth();
//! if (!session?.user) throw new Error("Unauthorized");`. A fix that cannot be made safely is
//! not invented: the finding then carries guidance only.

use oxc_ast::ast::{ImportDeclarationSpecifier, Program, Statement};

use crate::facts::{ActionFacts, ErrorStyle};
use crate::report::{ByteSpan, Edit, Finding, Fix};

/// Which fix a rule asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FixPlan {
    /// Look the session up and fail closed at the top of the action.
    AddAuthAtTop,
    /// Add a fail-closed check right after the existing session variable.
    CheckSessionVar,
    /// Turn `await ensureAccess(id);` into a fail-closed check of its result.
    CheckIgnoredResult,
    /// Replace a client value with the session identity.
    ReplaceWith {
        /// The client value.
        span: ByteSpan,
        /// The session identity expression.
        text: String,
    },
    /// Tie the sink's record to the caller (a scoped check first, or an owner condition).
    ScopeToOwner,
    /// Check the caller's role before an admin-only operation.
    RoleCheck,
}

/// How the file looks up sessions and fails, detected once per file.
#[derive(Debug, Clone, Default)]
pub struct FileStyle {
    /// The session helper the file already imports, and how to call it.
    pub guard: Option<GuardIdiom>,
    /// How the file fails closed.
    pub error_style: ErrorStyle,
    /// An owner column the file already scopes queries by (`authorId`).
    pub owner_column: Option<String>,
    /// Where a new import goes (after the last import, or after the directive).
    pub import_at: u32,
    /// Whether `redirect` is imported.
    pub has_redirect_import: bool,
    /// Whether the file uses CRLF line endings (fixes then do too).
    pub crlf: bool,
    /// Whether the file's imports use single quotes.
    pub single_quotes: bool,
    /// Whether the file ends statements without semicolons.
    pub no_semicolons: bool,
}

/// How to call a session helper.
#[derive(Debug, Clone)]
pub struct GuardIdiom {
    /// The import to add if the file lacks it (`None` when the file already imports it).
    pub import: Option<String>,
    /// The call, e.g. `await auth()`.
    pub call: String,
    /// The variable name to bind.
    pub var: &'static str,
    /// Whether the helper fails closed by itself (no check needed).
    pub fails_closed: bool,
    /// The truthiness test for "signed in", with `{v}` for the variable.
    pub present: &'static str,
    /// The identity expression, with `{v}` for the variable.
    pub identity: &'static str,
}

impl FileStyle {
    /// Detects the file's idioms from its imports and text.
    pub fn detect(source: &str, program: &Program<'_>) -> FileStyle {
        let mut style = FileStyle {
            import_at: program.directives.last().map(|d| d.span.end).unwrap_or(0),
            crlf: source.contains("\r\n"),
            ..FileStyle::default()
        };
        let (mut single, mut double, mut with_semi, mut without_semi) = (0, 0, 0, 0);
        for stmt in &program.body {
            let Statement::ImportDeclaration(import) = stmt else {
                continue;
            };
            style.import_at = import.span.end;
            match import.source.span.source_text(source).chars().next() {
                Some('\'') => single += 1,
                Some('"') => double += 1,
                _ => {}
            }
            if import.span.source_text(source).trim_end().ends_with(';') {
                with_semi += 1;
            } else {
                without_semi += 1;
            }
            for spec in import.specifiers.iter().flatten() {
                let ImportDeclarationSpecifier::ImportSpecifier(s) = spec else {
                    continue;
                };
                let name = s.local.name.as_str();
                if name == "redirect" {
                    style.has_redirect_import = true;
                }
                if style.guard.is_none() {
                    style.guard = idiom_for(name, source);
                }
            }
        }
        style.single_quotes = single > double;
        style.no_semicolons = without_semi > with_semi;
        style.error_style =
            if source.contains("redirect(\"/login\")") || source.contains("redirect('/login')") {
                ErrorStyle::Redirect
            } else if source.contains("return { error:") || source.contains("return { error }") {
                ErrorStyle::ReturnError
            } else {
                ErrorStyle::Throw
            };
        for column in [
            "authorId",
            "userId",
            "ownerId",
            "createdById",
            "user_id",
            "author_id",
            "owner_id",
        ] {
            let patterns = [
                format!("{column}: session"),
                format!("{column}: user"),
                format!("{column}: ctx."),
            ];
            if patterns.iter().any(|p| source.contains(p.as_str())) {
                style.owner_column = Some(column.to_string());
                break;
            }
        }
        style
    }

    fn fail_statement(&self) -> String {
        match self.error_style {
            ErrorStyle::Throw => "throw new Error(\"Unauthorized\");",
            ErrorStyle::Redirect => "redirect(\"/login\");",
            ErrorStyle::ReturnError => "return { error: \"Unauthorized\" };",
        }
        .to_string()
    }
}

/// The idiom for a session helper the file imports.
fn idiom_for(name: &str, source: &str) -> Option<GuardIdiom> {
    let (call, var, fails_closed, present, identity) = match name {
        "auth" => (
            "await auth()".to_string(),
            "session",
            false,
            "{v}?.user",
            "{v}.user.id",
        ),
        "getServerSession" => {
            let arg = if source.contains("authOptions") {
                "authOptions"
            } else {
                ""
            };
            (
                format!("await getServerSession({arg})"),
                "session",
                false,
                "{v}?.user",
                "{v}.user.id",
            )
        }
        "getServerAuthSession" => (
            "await getServerAuthSession()".into(),
            "session",
            false,
            "{v}?.user",
            "{v}.user.id",
        ),
        "currentUser" => ("await currentUser()".into(), "user", false, "{v}", "{v}.id"),
        "getCurrentUser" | "getUser" | "getViewer" | "getSessionUser" => {
            (format!("await {name}()"), "user", false, "{v}", "{v}.id")
        }
        "getSession" => (
            "await getSession()".into(),
            "session",
            false,
            "{v}?.user",
            "{v}.user.id",
        ),
        "verifySession" => (
            "await verifySession()".into(),
            "session",
            true,
            "{v}",
            "{v}.userId",
        ),
        "requireUser" | "requireAuth" | "ensureSignedIn" => {
            (format!("await {name}()"), "user", true, "{v}", "{v}.id")
        }
        "validateRequest" => (
            "await validateRequest()".into(),
            "auth",
            false,
            "{v}.user",
            "{v}.user.id",
        ),
        _ => return None,
    };
    Some(GuardIdiom {
        import: None,
        call,
        var,
        fails_closed,
        present,
        identity,
    })
}

fn default_idiom(config: &crate::Config) -> GuardIdiom {
    GuardIdiom {
        import: Some(
            config
                .fix
                .auth_import
                .clone()
                .unwrap_or_else(|| "import { auth } from \"@/auth\";".to_string()),
        ),
        call: config
            .fix
            .session_call
            .clone()
            .unwrap_or_else(|| "await auth()".to_string()),
        var: "session",
        fails_closed: false,
        present: "{v}?.user",
        identity: "{v}.user.id",
    }
}

/// Builds the edits for one plan.
pub fn build(plan: &FixPlan, facts: &ActionFacts, source: &str, style: &FileStyle) -> Option<Fix> {
    build_with(plan, facts, source, style, &crate::Config::default())
}

/// Builds the edits for one plan with an explicit configuration, in the file's line endings.
pub fn build_with(
    plan: &FixPlan,
    facts: &ActionFacts,
    source: &str,
    style: &FileStyle,
    config: &crate::Config,
) -> Option<Fix> {
    let mut fix = build_lf(plan, facts, source, style, config)?;
    // Fixes that use the session identity may first need it in scope.
    if matches!(
        plan,
        FixPlan::ScopeToOwner | FixPlan::RoleCheck | FixPlan::ReplaceWith { .. }
    ) {
        fix.edits.extend(facts.fix.prelude.iter().cloned());
        fix.edits.sort_by_key(|e| e.start);
    }
    // Follow the file's quotes and semicolons (only in text the fix generates itself).
    if !matches!(plan, FixPlan::ReplaceWith { .. }) {
        for edit in &mut fix.edits {
            if style.single_quotes && !edit.text.contains('\'') && !edit.text.contains('`') {
                edit.text = edit.text.replace('"', "'");
            }
            if style.no_semicolons {
                edit.text = edit.text.replace(";\n", "\n").replace(";\r\n", "\r\n");
                if edit.text.ends_with(';') {
                    edit.text.pop();
                }
            }
        }
    }
    if style.crlf {
        for edit in &mut fix.edits {
            edit.text = edit.text.replace("\r\n", "\n").replace('\n', "\r\n");
        }
    }
    Some(fix)
}

fn build_lf(
    plan: &FixPlan,
    facts: &ActionFacts,
    source: &str,
    style: &FileStyle,
    config: &crate::Config,
) -> Option<Fix> {
    match plan {
        FixPlan::AddAuthAtTop => {
            // `async (id) => db.x.delete(..)`: the body becomes a block that returns the
            // expression after the check.
            let (at, wrap) = match (facts.fix.body_insert_at, facts.fix.expression_body) {
                (Some(at), _) => (at, None),
                (None, Some(expr)) => (expr.start, Some(expr)),
                _ => return None,
            };
            let idiom = style.guard.clone().unwrap_or_else(|| default_idiom(config));
            let indent = if facts.fix.indent.is_empty() {
                "  ".to_string()
            } else {
                facts.fix.indent.clone()
            };
            let body_text = source
                .get(at as usize..facts.fix.body_end as usize)
                .unwrap_or("");
            let var = if body_text.contains(&format!(" {} ", idiom.var))
                || body_text.contains(&format!("{{ {} }}", idiom.var))
            {
                "authSession"
            } else {
                idiom.var
            };
            let mut text = format!("\n{indent}const {var} = {};", idiom.call);
            if !idiom.fails_closed {
                let present = idiom.present.replace("{v}", var);
                text.push_str(&format!(
                    "\n{indent}if (!{present}) {}",
                    style.fail_statement()
                ));
            }
            let mut edits = match wrap {
                None => vec![Edit {
                    start: at,
                    end: at,
                    text,
                }],
                Some(expr) => vec![
                    Edit {
                        start: expr.start,
                        end: expr.start,
                        text: format!("{{{text}\n{indent}return "),
                    },
                    Edit {
                        start: expr.end,
                        end: expr.end,
                        text: ";\n}".to_string(),
                    },
                ],
            };
            if let Some(import) = &idiom.import {
                edits.push(import_edit(style, import));
            }
            if style.error_style == ErrorStyle::Redirect
                && !style.has_redirect_import
                && !idiom.fails_closed
            {
                edits.push(import_edit(
                    style,
                    "import { redirect } from \"next/navigation\";",
                ));
            }
            edits.sort_by_key(|e| e.start);
            Some(Fix {
                description: format!(
                    "Look the session up with `{}` and fail closed at the top of the action.",
                    idiom.call
                ),
                edits,
            })
        }
        FixPlan::CheckSessionVar => {
            let var = facts.fix.session_var.as_ref()?;
            let indent = indentation_before(source, var.after_decl);
            let present = match (&facts.fix.session_field, var.always_object) {
                // iron-session: the object always exists; test the field the action relies on.
                (Some(field), true) => format!("{}.{field}", var.name),
                _ if var.name == "session" => format!("{}?.user", var.name),
                _ => var.name.clone(),
            };
            let text = format!("\n{indent}if (!{present}) {}", style.fail_statement());
            Some(Fix {
                description: format!("Fail closed when `{}` is missing.", var.name),
                edits: vec![Edit {
                    start: var.after_decl,
                    end: var.after_decl,
                    text,
                }],
            })
        }
        FixPlan::CheckIgnoredResult => {
            let (stmt, expr) = facts.fix.ignored_check?;
            let call = source.get(expr.start as usize..expr.end as usize)?;
            let fail = style.fail_statement().replace("Unauthorized", "Forbidden");
            Some(Fix {
                description: "Fail closed when the check returns false.".into(),
                edits: vec![Edit {
                    start: stmt.start,
                    end: stmt.end,
                    text: format!("if (!({call})) {fail}"),
                }],
            })
        }
        FixPlan::ReplaceWith { span, text } => {
            let original = source.get(span.start as usize..span.end as usize)?;
            // `{ userId }` is shorthand for `{ userId: userId }`: keep the key.
            let before = source[..span.start as usize].trim_end();
            let after = source[span.end as usize..].trim_start();
            let is_identifier = !original.is_empty()
                && original
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$');
            let shorthand = is_identifier
                && (before.ends_with('{') || before.ends_with(','))
                && (after.starts_with('}') || after.starts_with(','));
            let replacement = if shorthand {
                format!("{original}: {text}")
            } else {
                text.clone()
            };
            Some(Fix {
                description: format!("Use the session identity `{text}`."),
                edits: vec![Edit {
                    start: span.start,
                    end: span.end,
                    text: replacement,
                }],
            })
        }
        FixPlan::ScopeToOwner => {
            let sink = facts
                .sinks
                .iter()
                .find(|s| !s.authorized && s.scope_fix.is_some())?;
            let var = facts.fix.session_var.as_ref()?;
            let identity = &var.identity_expr;
            let known = facts.fix.owner_column.clone();
            let assumed = |snake: bool| {
                known.clone().unwrap_or_else(|| {
                    if snake {
                        "user_id".into()
                    } else {
                        "userId".into()
                    }
                })
            };
            let note = |col: &str| match &known {
                Some(_) => format!("the file's owner column `{col}`"),
                None => format!(
                    "the owner column `{col}` (rename it if your schema calls it differently)"
                ),
            };
            let fail = style.fail_statement().replace("Unauthorized", "Not found");
            match sink.scope_fix.as_ref()? {
                crate::facts::ScopeFix::CheckFirst {
                    stmt_start,
                    model_path,
                    where_text,
                } => {
                    let col = assumed(false);
                    let indent = indentation_before(source, *stmt_start);
                    let inner = where_text
                        .trim()
                        .trim_start_matches('{')
                        .trim_end_matches('}')
                        .trim()
                        .trim_end_matches(',');
                    let text = format!(
                        "const owned = await {model_path}.findFirst({{ where: {{ {inner}, {col}: {identity} }}, select: {{ id: true }} }});\n{indent}if (!owned) {fail}\n{indent}"
                    );
                    Some(Fix {
                        description: format!("Load the record scoped to the caller with {} and stop when it is not theirs.", note(&col)),
                        edits: vec![Edit { start: *stmt_start, end: *stmt_start, text }],
                    })
                }
                crate::facts::ScopeFix::MongoExists {
                    stmt_start,
                    model,
                    key_text,
                } => {
                    let col = assumed(false);
                    let indent = indentation_before(source, *stmt_start);
                    let text = format!("const owned = await {model}.exists({{ _id: {key_text}, {col}: {identity} }});\n{indent}if (!owned) {fail}\n{indent}");
                    Some(Fix {
                        description: format!(
                            "Check that the document belongs to the caller with {} first.",
                            note(&col)
                        ),
                        edits: vec![Edit {
                            start: *stmt_start,
                            end: *stmt_start,
                            text,
                        }],
                    })
                }
                crate::facts::ScopeFix::AppendCondition {
                    at,
                    template,
                    snake_case,
                } => {
                    let col = assumed(*snake_case);
                    let text = template.replace("{col}", &col).replace("{id}", identity);
                    Some(Fix {
                        description: format!("Scope the query to the caller with {}.", note(&col)),
                        edits: vec![Edit {
                            start: *at,
                            end: *at,
                            text,
                        }],
                    })
                }
            }
        }
        FixPlan::RoleCheck => {
            let at = facts.fix.admin_stmt?;
            let mut edits = Vec::new();
            let role = match (&facts.fix.session_var, facts.fix.unbound_guard) {
                (Some(var), _) => match var.name.as_str() {
                    "userId" | "uid" | "sub" | "id" => return None,
                    name if var.identity_expr.starts_with(&format!("{name}.user.")) => {
                        format!("{name}.user.role")
                    }
                    name => format!("{name}.role"),
                },
                // `await requireUser();` becomes `const user = await requireUser();`.
                (None, Some(stmt)) if stmt.end <= at => {
                    let text = source.get(stmt.start as usize..stmt.end as usize)?;
                    let taken = source.contains("const user ") || source.contains("let user ");
                    let name = if taken { "currentUser" } else { "user" };
                    let text = format!("const {name} = {}", text.trim_start());
                    edits.push(Edit {
                        start: stmt.start,
                        end: stmt.end,
                        text,
                    });
                    format!("{name}.role")
                }
                _ => return None,
            };
            let indent = indentation_before(source, at);
            let fail = style.fail_statement().replace("Unauthorized", "Forbidden");
            let text = format!("if ({role} !== \"admin\") {fail}\n{indent}");
            edits.push(Edit {
                start: at,
                end: at,
                text,
            });
            Some(Fix {
                description: format!(
                    "Allow only admins: check `{role}` before the operation (adapt it to how your app stores roles)."
                ),
                edits,
            })
        }
    }
}

fn import_edit(style: &FileStyle, import: &str) -> Edit {
    Edit {
        start: style.import_at,
        end: style.import_at,
        text: format!("\n{import}"),
    }
}

fn indentation_before(source: &str, offset: u32) -> String {
    let before = &source[..offset as usize];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    before[line_start..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect()
}

/// Applies every finding's fix to `source`. Identical edits (a shared import) apply once;
/// edits that overlap an earlier one are skipped, so the result is always well-formed text.
pub fn apply_all(source: &str, findings: &[Finding], _style: &FileStyle) -> String {
    let mut edits: Vec<&Edit> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.start, e.end));
    edits.dedup_by(|a, b| a == b);
    apply_edits(source, &edits)
}

/// Applies sorted, non-overlapping edits (overlapping ones are dropped).
pub fn apply_edits(source: &str, edits: &[&Edit]) -> String {
    let mut out = String::with_capacity(source.len() + 256);
    let mut cursor = 0usize;
    for edit in edits {
        let (start, end) = (edit.start as usize, edit.end as usize);
        if start < cursor
            || end > source.len()
            || !source.is_char_boundary(start)
            || !source.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&source[cursor..start]);
        out.push_str(&edit.text);
        cursor = end;
    }
    out.push_str(&source[cursor..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_edits_apply_once_and_overlaps_are_skipped() {
        let a = Edit {
            start: 1,
            end: 1,
            text: "X".into(),
        };
        let b = Edit {
            start: 1,
            end: 1,
            text: "X".into(),
        };
        let c = Edit {
            start: 0,
            end: 3,
            text: "Y".into(),
        };
        let mut edits = vec![&a, &b];
        edits.dedup_by(|x, y| x == y);
        assert_eq!(apply_edits("abc", &edits), "aXbc");
        assert_eq!(apply_edits("abc", &[&c, &a]), "Y");
    }
}
