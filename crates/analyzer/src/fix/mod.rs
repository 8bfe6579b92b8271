//! Fixes: text edits per finding, and the whole file with every fix applied (SPEC §4).
//!
//! Fixes follow the file's own idioms — its auth import and session helper, its failure style
//! (`throw`, `redirect("/login")`, `return { error }`) and its owner column — and fall back to
//! the seeds' idiom: `import { auth } from "@/auth"`, `const session = await auth();
//! if (!session?.user) throw new Error("Unauthorized");`. A fix that cannot be made safely is
//! not invented: the finding then carries guidance only.

mod compose;
mod owner_columns;
pub(crate) mod settle;
mod shorthand;

use crate::catalog::libraries::{action_clients, auth, next_auth};
pub use auth::GuardIdiom;
pub use owner_columns::OwnerColumns;

use oxc_ast::ast::{ImportDeclarationSpecifier, Program, Statement};
use rustc_hash::FxHashSet;

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
    /// Build the action on the file's authenticated action client (its context looks the
    /// session up; the public client's context only reads it).
    UseAuthedClient,
    /// Move a role or ownership check that comes after the write above the statement that
    /// writes (when it needs nothing the write or later statements produce).
    MoveCheckAbove {
        /// The write the check should guard.
        sink: ByteSpan,
    },
}

/// How the file looks up sessions and fails, detected once per file.
#[derive(Debug, Clone, Default)]
pub struct FileStyle {
    /// The session helper the file already imports, and how to call it.
    pub guard: Option<GuardIdiom>,
    /// Whether the file imports an auth library (then it never gets another library's helper).
    pub uses_auth_library: bool,
    /// An action client of the file whose middlewares authenticate (`authActionClient`).
    pub authed_client: Option<String>,
    /// Whether the file imports next-safe-action (its clients take `.use()` middlewares).
    pub uses_next_safe_action: bool,
    /// How the file fails closed.
    pub error_style: ErrorStyle,
    /// The owner columns the file already scopes queries by (`authorId`), per file and model.
    pub owner_columns: OwnerColumns,
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
    /// Whether the file already declares a `user` (`const user ` / `let user `): a role fix
    /// that binds a guard's result names it `currentUser` instead. Read once per file.
    pub declares_user: bool,
    /// The words of the file's import clauses, read on the first question (a fix that adds an
    /// import asks whether a name is imported already; reading the text once per fix made a
    /// file with many fixes quadratic).
    import_words: std::cell::OnceCell<FxHashSet<String>>,
    /// The start offsets of values written as shorthand properties (`{ userId }`), read from
    /// the syntax tree when some fix replaces a client value ([`FileStyle::note_shorthands`]).
    pub shorthand_values: FxHashSet<u32>,
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
        // Names already asked about: an idiom test may scan the whole text, and a file that
        // repeats its imports (pasted copies of one module) must not scan it once per copy.
        let mut asked: FxHashSet<(&str, &str)> = FxHashSet::default();
        let file = auth::FileText::new(source);
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
            let module = import.source.value.as_str();
            style.uses_auth_library |= auth::is_auth_module(module);
            style.uses_next_safe_action |= module == action_clients::NEXT_SAFE_ACTION_MODULE;
            for spec in import.specifiers.iter().flatten() {
                let ImportDeclarationSpecifier::ImportSpecifier(s) = spec else {
                    continue;
                };
                let name = s.local.name.as_str();
                if name == "redirect" {
                    style.has_redirect_import = true;
                }
                if style.guard.is_none() && asked.insert((name, module)) {
                    style.guard = auth::idiom_for(name, module, &file);
                }
            }
        }
        // A session helper defined in the file itself (`async function currentUser()`); an
        // exported one would be an action of a "use server" file.
        if style.guard.is_none() {
            style.guard = program.body.iter().find_map(|stmt| {
                let Statement::FunctionDeclaration(func) = stmt else {
                    return None;
                };
                let name = func.id.as_ref()?.name.as_str();
                if !asked.insert((name, "")) {
                    return None;
                }
                auth::idiom_for(name, "", &file)
            });
        }
        style.single_quotes = single > double;
        style.no_semicolons = without_semi > with_semi;
        style.declares_user = source.contains("const user ") || source.contains("let user ");
        style.error_style =
            if source.contains("redirect(\"/login\")") || source.contains("redirect('/login')") {
                ErrorStyle::Redirect
            } else if source.contains("return { error:") || source.contains("return { error }") {
                ErrorStyle::ReturnError
            } else {
                ErrorStyle::Throw
            };
        style.owner_columns = OwnerColumns::detect(source);
        style
    }

    /// Reads where the file writes shorthand properties, for fixes that replace a client value.
    pub fn note_shorthands(&mut self, program: &Program<'_>) {
        self.shorthand_values = shorthand::shorthand_values(program);
    }

    /// Whether the file's imports bind `name` already (as [`auth::imports_name`] reads them).
    pub fn imports(&self, source: &str, name: &str) -> bool {
        self.import_words
            .get_or_init(|| auth::import_clause_words(source))
            .contains(name)
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

/// A fix that inserts `text` (a check) before the statement at `at`.
fn insert_before(at: u32, text: String, description: String) -> Fix {
    Fix {
        description,
        edits: vec![Edit {
            start: at,
            end: at,
            text,
        }],
        ..Fix::default()
    }
}

/// How a fix looks the caller up in this file: the file's own idiom; the configured one
/// (`fix.auth_import`, `fix.session_call`) over an idiom that is only a guess; Auth.js `auth()`
/// in a file that uses no auth library; never another library's helper in a file that already
/// uses one (`None`).
fn lookup_idiom(style: &FileStyle, config: &crate::Config) -> Option<GuardIdiom> {
    let configured = config.fix.auth_import.is_some() || config.fix.session_call.is_some();
    match &style.guard {
        Some(idiom) if idiom.assumption.is_some() && configured => {
            Some(next_auth::fallback(config))
        }
        Some(idiom) => Some(idiom.clone()),
        None if style.uses_auth_library => None,
        None => Some(next_auth::fallback(config)),
    }
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
    // Fixes that use the session identity may first need it in scope, and known to be there.
    if matches!(
        plan,
        FixPlan::ScopeToOwner | FixPlan::RoleCheck | FixPlan::ReplaceWith { .. }
    ) {
        fix.edits.extend(facts.fix.prelude.iter().cloned());
        fix.edits.extend(identity_check(facts, source, style));
    }
    brace_inserted_checks(&mut fix.edits, &facts.fix.braceless);
    crate::sort::sort_by_key(&mut fix.edits, |e| e.start);
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

/// `if (drop) await db.like.delete(..)`: a check inserted before a brace-less body gets braces
/// around itself and the statement, or the declaration it starts with would not parse there.
fn brace_inserted_checks(edits: &mut Vec<Edit>, braceless: &[(u32, u32)]) {
    let mut closers = Vec::new();
    for edit in edits.iter_mut() {
        if edit.start != edit.end || edit.text.is_empty() {
            continue;
        }
        if let Some(&(_, end)) = braceless.iter().find(|(start, _)| *start == edit.start) {
            edit.text.insert_str(0, "{ ");
            closers.push(Edit {
                start: end,
                end,
                text: " }".to_string(),
            });
        }
    }
    edits.extend(closers);
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
            // A late lookup and its check move up whole, in the file's own words.
            if let Some(fix) = move_late_lookup(facts, source) {
                return Some(fix);
            }
            if let Some(fix) = use_authed_client(facts, style) {
                return Some(fix);
            }
            // A next-safe-action client with no authenticated client in sight: the chain gets
            // a `.use()` middleware that looks the caller up, fails closed and passes the id on
            // in `ctx`, as the library documents.
            if let (Some((span, name)), None, false) = (
                &facts.fix.client_root,
                &style.authed_client,
                facts.fix.client_authenticates,
            ) {
                if !name.ends_with("()") && style.uses_next_safe_action {
                    let idiom = lookup_idiom(style, config)?;
                    return Some(client_middleware(*span, &idiom, source, style));
                }
            }
            // `async (id) => db.x.delete(..)`: the body becomes a block that returns the
            // expression after the check.
            let (at, wrap) = match (facts.fix.body_insert_at, facts.fix.expression_body) {
                (Some(at), _) => (at, None),
                (None, Some(expr)) => (expr.start, Some(expr)),
                _ => return None,
            };
            let idiom = lookup_idiom(style, config)?;
            let indent = if facts.fix.indent.is_empty() {
                "  ".to_string()
            } else {
                facts.fix.indent.clone()
            };
            let body_text = source
                .get(at as usize..facts.fix.body_end as usize)
                .unwrap_or("");
            let var = free_name(body_text, idiom.var);
            let mut text = format!("\n{indent}{}", idiom.declaration(var));
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
            for import in &idiom.imports {
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
            crate::sort::sort_by_key(&mut edits, |e| e.start);
            let description = idiom.with_assumption(format!(
                "Look the caller up with `{}` and fail closed at the top of the action.",
                idiom.call
            ));
            Some(Fix {
                description,
                edits,
                ..Fix::default()
            })
        }
        FixPlan::CheckSessionVar => {
            let var = facts.fix.session_var.as_ref()?;
            let indent = indentation_before(source, var.after_decl);
            let failed = match (&var.fail_test, &facts.fix.session_field, var.always_object) {
                // A helper's result object: its discriminant says whether the lookup failed.
                (Some(test), _, _) => test.clone(),
                // iron-session: the object always exists; test the field the action relies on.
                (None, Some(field), true) => format!("!{}.{field}", var.name),
                _ if var.name == "session" => format!("!{}?.user?.id", var.name),
                _ => format!("!{}", var.name),
            };
            let text = format!("\n{indent}if ({failed}) {}", style.fail_statement());
            let description = match &var.fail_test {
                Some(test) => format!("Fail closed when `{test}` says the lookup failed."),
                None => format!("Fail closed when `{}` is missing.", var.name),
            };
            Some(Fix {
                description,
                edits: vec![Edit {
                    start: var.after_decl,
                    end: var.after_decl,
                    text,
                }],
                ..Fix::default()
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
                ..Fix::default()
            })
        }
        FixPlan::ReplaceWith { span, text } => {
            let original = source.get(span.start as usize..span.end as usize)?;
            // `{ userId }` is shorthand for `{ userId: userId }`: keep the key (and only there:
            // `${userId}`, `[a, userId]` or `f(a, userId)` take the expression alone).
            let replacement = if style.shorthand_values.contains(&span.start) {
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
                ..Fix::default()
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
                    // The column the file scopes this model by; the caller's own account row
                    // is scoped by its id.
                    let col = match (&known, style.owner_columns.by_model.get(model_path.as_str())) {
                        (_, Some(col)) => col.clone(),
                        (None, None) if model_path.ends_with(".user") => "id".to_string(),
                        _ => assumed(false),
                    };
                    let indent = indentation_before(source, *stmt_start);
                    let owned = free_name(action_text(facts, source), "owned");
                    let inner = where_text
                        .trim()
                        .trim_start_matches('{')
                        .trim_end_matches('}')
                        .trim()
                        .trim_end_matches(',');
                    let text = format!(
                        "const {owned} = await {model_path}.findFirst({{ where: {{ {inner}, {col}: {identity} }}, select: {{ id: true }} }});\n{indent}if (!{owned}) {fail}\n{indent}"
                    );
                    let description = format!(
                        "Load the record scoped to the caller with {} and stop when it is not theirs.",
                        note(&col)
                    );
                    Some(insert_before(*stmt_start, text, description))
                }
                crate::facts::ScopeFix::DocumentOwner {
                    stmt_start,
                    receiver,
                    args: [database, collection, key],
                } => {
                    let col = assumed(false);
                    let indent = indentation_before(source, *stmt_start);
                    let doc = free_name(action_text(facts, source), "existing");
                    let text = format!("const {doc} = await {receiver}.getDocument({database}, {collection}, {key});\n{indent}if ({doc}.{col} !== {identity}) {fail}\n{indent}");
                    Some(insert_before(
                        *stmt_start,
                        text,
                        format!(
                            "Retrieve the document first and stop unless it belongs to the caller, by {}.",
                            note(&col)
                        ),
                    ))
                }
                crate::facts::ScopeFix::MongoExists {
                    stmt_start,
                    model,
                    key_text,
                } => {
                    let col = assumed(false);
                    let indent = indentation_before(source, *stmt_start);
                    let owned = free_name(action_text(facts, source), "owned");
                    let text = format!("const {owned} = await {model}.exists({{ _id: {key_text}, {col}: {identity} }});\n{indent}if (!{owned}) {fail}\n{indent}");
                    Some(insert_before(
                        *stmt_start,
                        text,
                        format!(
                            "Check that the document belongs to the caller with {} first.",
                            note(&col)
                        ),
                    ))
                }
                crate::facts::ScopeFix::DrizzleAnd { condition, table } => {
                    let col = assumed(false);
                    let mut edits = vec![
                        Edit {
                            start: condition.start,
                            end: condition.start,
                            text: "and(".into(),
                        },
                        Edit {
                            start: condition.end,
                            end: condition.end,
                            text: format!(", eq({table}.{col}, {identity}))"),
                        },
                    ];
                    let missing: Vec<&str> = ["and", "eq"]
                        .into_iter()
                        .filter(|name| !style.imports(source, name))
                        .collect();
                    if !missing.is_empty() {
                        edits.push(import_edit(
                            style,
                            &format!(
                                "import {{ {} }} from \"{}\";",
                                missing.join(", "),
                                crate::catalog::libraries::drizzle::MODULE
                            ),
                        ));
                    }
                    crate::sort::sort_by_key(&mut edits, |e| e.start);
                    Some(Fix {
                        description: format!(
                            "Scope the query to the caller: `and(..)` the condition with `eq({table}.{col}, ..)`, using {}.",
                            note(&col)
                        ),
                        edits,
                        ..Fix::default()
                    })
                }
                crate::facts::ScopeFix::KeyPrefix { stmt_start, key } => {
                    let indent = indentation_before(source, *stmt_start);
                    let fail = style.fail_statement().replace("Unauthorized", "Forbidden");
                    Some(insert_before(
                        *stmt_start,
                        format!("if (!{key}.startsWith(`${{{identity}}}/`)) {fail}\n{indent}"),
                        format!(
                            "Allow only keys under the caller's own prefix: `{key}` must start with `${{{identity}}}/` (store each user's objects under their id)."
                        ),
                    ))
                }
                crate::facts::ScopeFix::ActorField { value, field } => Some(Fix {
                    description: format!(
                        "Act as the caller: `{field}` is the session identity `{identity}`, not a value written in the code or sent by the client."
                    ),
                    edits: vec![Edit {
                        start: value.start,
                        end: value.end,
                        text: identity.clone(),
                    }],
                    ..Fix::default()
                }),
                crate::facts::ScopeFix::PublicFields { remove, dropped } => {
                    let dropped: Vec<String> = dropped.iter().map(|f| format!("`{f}`")).collect();
                    Some(Fix {
                        description: format!(
                            "Return only the public profile: drop {} from the `select` (another user's private fields are not the caller's to read; the caller's own come from the session).",
                            dropped.join(", ")
                        ),
                        edits: remove
                            .iter()
                            .map(|span| Edit {
                                start: span.start,
                                end: span.end,
                                text: String::new(),
                            })
                            .collect(),
                        ..Fix::default()
                    })
                }
                crate::facts::ScopeFix::ConfinePath { key, name } => {
                    let mut edits = vec![Edit {
                        start: key.start,
                        end: key.end,
                        text: format!("{identity}}}/${{basename({name})"),
                    }];
                    if !style.imports(source, "basename") {
                        edits.push(import_edit(
                            style,
                            "import { basename } from \"node:path\";",
                        ));
                    }
                    crate::sort::sort_by_key(&mut edits, |e| e.start);
                    Some(Fix {
                        description: format!(
                            "Keep each caller's files in their own folder: the path takes the caller's id, then only the base name of `{name}` (so `../` cannot leave the folder)."
                        ),
                        edits,
                        ..Fix::default()
                    })
                }
                crate::facts::ScopeFix::StripeOwner {
                    stmt_start,
                    client,
                    objects,
                } => Some(crate::catalog::libraries::stripe::owner_fix::owner_checks(
                    objects,
                    client,
                    *stmt_start,
                    identity,
                    &style.fail_statement().replace("Unauthorized", "Forbidden"),
                    action_text(facts, source),
                    source,
                )),
                crate::facts::ScopeFix::WrapThenAppend {
                    open,
                    at,
                    template,
                    snake_case,
                } => {
                    let col = assumed(*snake_case);
                    let text = template.replace("{col}", &col).replace("{id}", identity);
                    Some(Fix {
                        description: format!(
                            "Scope the query to the caller with {}: the `OR` condition goes in parentheses so that the owner condition applies to all of it.",
                            note(&col)
                        ),
                        edits: vec![
                            Edit {
                                start: *open,
                                end: *open,
                                text: "(".into(),
                            },
                            Edit {
                                start: *at,
                                end: *at,
                                text,
                            },
                        ],
                        ..Fix::default()
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
                        ..Fix::default()
                    })
                }
            }
        }
        FixPlan::UseAuthedClient => use_authed_client(facts, style),
        // A check that needs the write's own result cannot move: scope the write instead.
        FixPlan::MoveCheckAbove { sink } => move_check_above(facts, source, *sink)
            .or_else(|| build_lf(&FixPlan::ScopeToOwner, facts, source, style, config)),
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
                    let name = if style.declares_user {
                        "currentUser"
                    } else {
                        "user"
                    };
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
..Fix::default()
})
        }
    }
}

/// Auth.js types `session.user.id` as optional, and Prisma drops an `undefined` filter: before a
/// fix scopes by `<v>.user.id`, the action must fail closed when the id is missing. Added right
/// after the session's declaration unless the action already tests the id itself.
fn identity_check(facts: &ActionFacts, source: &str, style: &FileStyle) -> Option<Edit> {
    let var = facts.fix.session_var.as_ref()?;
    let base = var.identity_expr.strip_suffix(".user.id")?;
    if var.always_object || base.is_empty() {
        return None;
    }
    let body = action_text(facts, source);
    if body.contains(&format!("{base}?.user?.id")) || body.contains(&format!("{base}.user?.id")) {
        return None;
    }
    let at = var.after_decl;
    let indent = match indentation_before(source, at) {
        i if i.is_empty() => facts.fix.indent.clone(),
        i => i,
    };
    Some(Edit {
        start: at,
        end: at,
        text: format!(
            "\n{indent}if (!{base}?.user?.id) {}",
            style.fail_statement()
        ),
    })
}

/// `client` becomes `client.use(async ({ next }) => { <lookup>; <check>; return next({ ctx }) })`,
/// so the handler's `ctx.userId` is the caller's id (next-safe-action's documented pattern).
fn client_middleware(root: ByteSpan, idiom: &GuardIdiom, source: &str, style: &FileStyle) -> Fix {
    // The chain's own indentation: the line after the root when the chain is split over lines.
    let after = &source[root.end as usize..];
    let chain_indent = after
        .split_once('\n')
        .map(|(_, next)| {
            next.chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect::<String>()
        })
        .filter(|i| !i.is_empty())
        .unwrap_or_else(|| "  ".to_string());
    let inner = format!("{chain_indent}  ");
    let var = idiom.var;
    let mut text = format!(
        "\n{chain_indent}.use(async ({{ next }}) => {{\n{inner}{}",
        idiom.declaration(var)
    );
    if !idiom.fails_closed {
        text.push_str(&format!(
            "\n{inner}if (!{}) {}",
            idiom.present.replace("{v}", var),
            style.fail_statement()
        ));
    }
    text.push_str(&format!(
        "\n{inner}return next({{ ctx: {{ userId: {} }} }});\n{chain_indent}}})",
        idiom.identity.replace("{v}", var)
    ));
    let mut edits = vec![Edit {
        start: root.end,
        end: root.end,
        text,
    }];
    for import in &idiom.imports {
        edits.push(import_edit(style, import));
    }
    crate::sort::sort_by_key(&mut edits, |e| e.start);
    let description = idiom.with_assumption(format!(
        "Add a `.use()` middleware to the client chain that looks the caller up with `{}`, fails closed, and passes `ctx.userId` to the action.",
        idiom.call
    ));
    Fix {
        description,
        edits,
        ..Fix::default()
    }
}

/// The action's text, from its head to the end of its function (where fixes look for names).
fn action_text<'s>(facts: &ActionFacts, source: &'s str) -> &'s str {
    source
        .get(facts.head.start as usize..facts.fix.body_end as usize)
        .unwrap_or("")
}

/// `name`, or another name when the action's body already uses it.
fn free_name(body: &str, name: &'static str) -> &'static str {
    let taken = |n: &str| {
        body.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .any(|word| word == n)
    };
    if !taken(name) {
        return name;
    }
    match name {
        "session" => "authSession",
        "userId" => "callerId",
        "owned" => "ownedRecord",
        _ => "currentUser",
    }
}

/// An action on a public client moves onto the file's authenticated client (next-safe-action
/// and tRPC: another client; zsa: `authedProcedure.createServerAction()`).
fn use_authed_client(facts: &ActionFacts, style: &FileStyle) -> Option<Fix> {
    let (span, name) = facts.fix.client_root.as_ref()?;
    let authed = style.authed_client.as_ref()?;
    if facts.fix.client_authenticates {
        return None;
    }
    let text = match name.as_str() {
        "createServerAction()" => format!("{authed}.createServerAction"),
        n if n.ends_with("()") || n == authed => return None,
        _ => authed.clone(),
    };
    let name = name.trim_end_matches("()");
    Some(Fix {
        description: format!(
            "Build the action on `{authed}`, whose middleware looks the caller up and fails closed, instead of `{name}`."
        ),
        edits: vec![Edit {
            start: span.start,
            end: span.end,
            text,
        }],
        ..Fix::default()
    })
}

/// `auth-after-mutation` with the lookup in the action's own body: move the lookup statement
/// and its fail-closed check (whole top-level statements) to the top, instead of adding a
/// second lookup above the late one.
fn move_late_lookup(facts: &ActionFacts, source: &str) -> Option<Fix> {
    let var = facts.fix.session_var.as_ref()?;
    let at = facts.fix.body_insert_at?;
    let statements = &facts.fix.body_statements;
    let decl_index = statements
        .iter()
        .position(|s| s.start < var.after_decl && var.after_decl <= s.end)?;
    let is_word = |text: &str, word: &str| {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .any(|w| w == word)
    };
    let text_of = |s: &ByteSpan| source.get(s.start as usize..s.end as usize).unwrap_or("");
    let check_index = statements
        .iter()
        .enumerate()
        .skip(decl_index + 1)
        .find_map(|(i, s)| {
            let text = text_of(s);
            (text.starts_with("if")
                && is_word(text, &var.name)
                && ["throw", "redirect", "return", "notFound"]
                    .iter()
                    .any(|w| is_word(text, w)))
            .then_some(i)
        })?;
    if decl_index == 0 && check_index == 1 {
        return None;
    }
    // Names declared above the lookup that it uses would not exist yet at the top.
    let decl_text = text_of(&statements[decl_index]);
    for earlier in &statements[..decl_index] {
        let text = text_of(earlier);
        let declared = ["const ", "let ", "var "]
            .iter()
            .find_map(|k| text.strip_prefix(k))
            .map(|rest| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .filter(|w| !w.is_empty())
                    .take_while(|w| *w != "await")
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default();
        if declared.iter().any(|name| is_word(decl_text, name)) {
            return None;
        }
    }
    let indent = if facts.fix.indent.is_empty() {
        "  ".to_string()
    } else {
        facts.fix.indent.clone()
    };
    let moved = [decl_index, check_index]
        .iter()
        .map(|&i| format!("\n{indent}{}", text_of(&statements[i])))
        .collect::<String>();
    let mut edits = vec![Edit {
        start: at,
        end: at,
        text: moved,
    }];
    for &i in &[decl_index, check_index] {
        edits.push(remove_line_of(source, statements[i]));
    }
    crate::sort::sort_by_key(&mut edits, |e| e.start);
    Some(Fix {
        description: format!(
            "Move the lookup of `{}` and its fail-closed check to the top of the action, before any data is touched.",
            var.name
        ),
        edits,
        ..Fix::default()
    })
}

/// `auth-after-mutation` for a role or ownership check: the first fail-closed `if` after the
/// write's statement moves above it, unless it uses a name declared from the write onwards
/// (`cancelled.guestId` needs the write's result: no safe move).
fn move_check_above(facts: &ActionFacts, source: &str, sink: ByteSpan) -> Option<Fix> {
    let statements = &facts.fix.body_statements;
    let text_of = |s: &ByteSpan| source.get(s.start as usize..s.end as usize).unwrap_or("");
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let sink_index = statements
        .iter()
        .position(|s| s.start <= sink.start && sink.end <= s.end)?;
    let check_index = statements
        .iter()
        .enumerate()
        .skip(sink_index + 1)
        .find_map(|(i, s)| {
            let text = text_of(s);
            let w = words(text);
            (text.starts_with("if")
                && ["throw", "return", "redirect", "notFound"]
                    .iter()
                    .any(|k| w.iter().any(|x| x == k)))
            .then_some(i)
        })?;
    let check_words = words(text_of(&statements[check_index]));
    for between in &statements[sink_index..check_index] {
        let text = text_of(between);
        let declared = ["const ", "let ", "var "]
            .iter()
            .find_map(|k| text.strip_prefix(k))
            .map(|rest| rest.split('=').next().unwrap_or("").to_string())
            .unwrap_or_default();
        if words(&declared).iter().any(|d| check_words.contains(d)) {
            return None;
        }
    }
    let at = statements[sink_index].start;
    let indent = indentation_before(source, at);
    let check = text_of(&statements[check_index]);
    let mut edits = vec![
        Edit {
            start: at,
            end: at,
            text: format!("{check}\n{indent}"),
        },
        remove_line_of(source, statements[check_index]),
    ];
    crate::sort::sort_by_key(&mut edits, |e| e.start);
    Some(Fix {
        description: "Move the check above the write it guards, so that it fails closed before any data changes.".into(),
        edits,
        ..Fix::default()
    })
}

/// Deletes a statement, with its line when nothing else is on it.
fn remove_line_of(source: &str, span: ByteSpan) -> Edit {
    let (mut start, mut end) = (span.start as usize, span.end as usize);
    let line_start = source[..start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let rest = &source[end..];
    let line_end = rest.find('\n').map(|i| end + i).unwrap_or(source.len());
    if source[line_start..start].trim().is_empty() && source[end..line_end].trim().is_empty() {
        // Remove the line with its newline (the preceding one, so the text stays tidy).
        start = line_start.saturating_sub(1);
        if line_start == 0 {
            start = 0;
            end = (line_end + 1).min(source.len());
        } else {
            end = line_end;
        }
    }
    Edit {
        start: start as u32,
        end: end as u32,
        text: String::new(),
    }
}

fn import_edit(style: &FileStyle, import: &str) -> Edit {
    Edit {
        start: style.import_at,
        end: style.import_at,
        text: format!("\n{import}"),
    }
}

pub(crate) fn indentation_before(source: &str, offset: u32) -> String {
    let before = &source[..offset as usize];
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    before[line_start..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect()
}

/// Applies every finding's fix to `source`. Identical edits (a shared import) apply once;
/// edits that overlap an earlier one are skipped, so the result is always well-formed text.
pub fn apply_all(source: &str, findings: &[Finding]) -> String {
    let mut edits: Vec<&Edit> = findings
        .iter()
        .filter_map(|f| f.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    crate::sort::sort_by_key(&mut edits, |e| (e.start, e.end));
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
