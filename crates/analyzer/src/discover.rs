//! Finding every Server Action in a module (SPEC §1).

use oxc_ast::ast::*;
use oxc_ast_visit::{walk, Visit};
use oxc_span::GetSpan;
use oxc_syntax::scope::ScopeFlags;

use crate::catalog::libraries::{action_clients, Library};
use crate::module::{as_func, module_export_name, strip, Func, ModuleScope};
use crate::report::ByteSpan;

/// How an action gets its extra context.
#[derive(Debug, Clone, Copy)]
pub enum Via<'a> {
    /// A plain function.
    Plain,
    /// Built by an action client: `client.schema(s).action(fn)` or zsa `.handler(fn)`.
    /// Holds the outermost call of the chain.
    Client(&'a CallExpression<'a>),
    /// Wrapped by a higher-order function: `wrap(fn)`. Holds the wrapper call.
    Wrapper(&'a CallExpression<'a>),
}

/// One discovered Server Action.
#[derive(Debug, Clone)]
pub struct ActionDef<'a> {
    /// Reported name.
    pub name: String,
    /// How it was declared, for the report.
    pub kind: &'static str,
    /// Where to point at the action as a whole (its name, or its head).
    pub head: ByteSpan,
    /// Start of the statement that declares it (comments before it apply to it).
    pub stmt_start: u32,
    /// The function that runs.
    pub func: Func<'a>,
    /// Client/wrapper context.
    pub via: Via<'a>,
    /// For an inline action, the innermost named function around it (the page component that
    /// renders its form: `LoginPage`).
    pub host: Option<String>,
}

/// Finds every action of a module, in source order.
pub fn discover<'a>(scope: &ModuleScope<'a>) -> Vec<ActionDef<'a>> {
    let mut actions = Vec::new();
    let program = scope.program;
    for stmt in &program.body {
        match stmt {
            Statement::ExportDeclaration(export) => match &export.declaration {
                Declaration::FunctionDeclaration(f) if scope.use_server => {
                    if let Some(id) = &f.id {
                        actions.push(plain(
                            id.name.as_str(),
                            span(id.span),
                            export.span.start,
                            Func::Function(f),
                        ));
                    }
                }
                Declaration::VariableDeclaration(v) => {
                    for d in &v.declarations {
                        let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init)
                        else {
                            continue;
                        };
                        if let Some(action) = from_initializer(
                            scope,
                            id.name.as_str(),
                            span(id.span),
                            export.span.start,
                            init,
                        ) {
                            actions.push(action);
                        }
                    }
                }
                _ => {}
            },
            Statement::ExportNamedDeclaration(export) if scope.use_server => {
                for spec in &export.specifiers {
                    let local = module_export_name(&spec.local);
                    let exported = module_export_name(&spec.exported);
                    if let Some(mut action) = local_definition(scope, local) {
                        action.name = exported.to_string();
                        actions.push(action);
                    }
                }
            }
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) if scope.use_server => {
                    let (name, head) = match &f.id {
                        Some(id) => (id.name.as_str(), span(id.span)),
                        None => (
                            "default",
                            ByteSpan {
                                start: f.span.start,
                                end: f.span.start + 8.min(f.span.size()),
                            },
                        ),
                    };
                    actions.push(plain(name, head, export.span.start, Func::Function(f)));
                }
                other => {
                    if let Some(expr) = other.as_expression() {
                        let head = ByteSpan {
                            start: export.span.start,
                            end: export.span.start + 14.min(export.span.size()),
                        };
                        if let Expression::Identifier(id) = strip(expr) {
                            if scope.use_server {
                                if let Some(def) = local_definition(scope, id.name.as_str()) {
                                    actions.push(def);
                                }
                            }
                        } else if let Some(action) =
                            from_initializer(scope, "default", head, export.span.start, expr)
                        {
                            actions.push(action);
                        }
                    }
                }
            },
            _ => {}
        }
    }
    // Inline actions: any function whose own body starts with "use server".
    if scope.source.matches("use server").count() > usize::from(scope.use_server) {
        let mut finder = InlineFinder {
            lines: crate::report::LineIndex::new(scope.source),
            found: Vec::new(),
            name_hint: None,
            hosts: Vec::new(),
            depth: 0,
        };
        finder.visit_program(program);
        for action in finder.found {
            if !actions.iter().any(|a| a.func.key() == action.func.key()) {
                actions.push(action);
            }
        }
    }
    crate::sort::sort_by_key(&mut actions, |a| a.func.span().start);
    actions
}

fn span(s: oxc_span::Span) -> ByteSpan {
    ByteSpan {
        start: s.start,
        end: s.end,
    }
}

fn plain<'a>(name: &str, head: ByteSpan, stmt_start: u32, func: Func<'a>) -> ActionDef<'a> {
    ActionDef {
        name: name.to_string(),
        kind: "server module export",
        head,
        stmt_start,
        func,
        via: Via::Plain,
        host: None,
    }
}

/// The action a top-level local (`function f` / `const f = ..`) defines, for `export { f }`.
fn local_definition<'a>(scope: &ModuleScope<'a>, local: &str) -> Option<ActionDef<'a>> {
    let init = scope.consts.get(local).copied();
    for stmt in &scope.program.body {
        if let Statement::FunctionDeclaration(f) = stmt {
            if f.id.as_ref().is_some_and(|id| id.name.as_str() == local) {
                let id = f.id.as_ref().unwrap();
                return Some(plain(local, span(id.span), f.span.start, Func::Function(f)));
            }
        }
        if let Statement::VariableDeclaration(v) = stmt {
            for d in &v.declarations {
                if let (BindingPattern::BindingIdentifier(id), Some(init_expr)) = (&d.id, init) {
                    if id.name.as_str() == local {
                        return from_initializer(
                            scope,
                            local,
                            span(id.span),
                            v.span.start,
                            init_expr,
                        );
                    }
                }
            }
        }
    }
    None
}

/// The action an exported initialiser defines: a function (in a `"use server"` module), an
/// action-client chain (in any module) or a wrapper call (in a `"use server"` module).
fn from_initializer<'a>(
    scope: &ModuleScope<'a>,
    name: &str,
    head: ByteSpan,
    stmt_start: u32,
    init: &'a Expression<'a>,
) -> Option<ActionDef<'a>> {
    if let Some(func) = as_func(init) {
        return scope
            .use_server
            .then(|| plain(name, head, stmt_start, func));
    }
    let Expression::CallExpression(call) = strip(init) else {
        return None;
    };
    if let Some((func, library)) = client_action_function(call) {
        return Some(ActionDef {
            name: name.to_string(),
            kind: library.name(),
            head,
            stmt_start,
            func,
            via: Via::Client(call),
            host: None,
        });
    }
    if scope.use_server {
        // A tRPC procedure served as a Server Action (`procedure.experimental_caller(..)`, then
        // `.input(..).mutation(fn)` in a `"use server"` module): its middlewares run first.
        if let Some(func) = trpc_action_function(call) {
            return Some(ActionDef {
                name: name.to_string(),
                kind: "tRPC procedure",
                head,
                stmt_start,
                func,
                via: Via::Client(call),
                host: None,
            });
        }
        // `wrap(async (..) => ..)`, `wrap(options, async (..) => ..)`, or `wrap(schema, handler)`
        // with `handler` a function of this module; else a factory given its handler in an
        // options object (`createServerAction({ middlewares, schema, action: async (..) => ..
        // })`).
        let func = call
            .arguments
            .iter()
            .rev()
            .filter_map(|a| a.as_expression())
            .find_map(|e| function_value(scope, e))
            .or_else(|| handler_in_options(scope, call).map(|(_, _, f)| f))?;
        return Some(ActionDef {
            name: name.to_string(),
            kind: "wrapped server action",
            head,
            stmt_start,
            func,
            via: Via::Wrapper(call),
            host: None,
        });
    }
    None
}

/// A function an expression spells: inline, or a function of this module named by it.
fn function_value<'a>(scope: &ModuleScope<'a>, e: &'a Expression<'a>) -> Option<Func<'a>> {
    as_func(e).or_else(|| match strip(e) {
        Expression::Identifier(id) => scope.functions.get(id.name.as_str()).copied(),
        _ => None,
    })
}

/// Keys an options object gives its handler under, best first.
const HANDLER_KEYS: [&str; 7] = [
    "action", "handler", "fn", "run", "execute", "resolve", "callback",
];

/// `createServerAction({ actionName, middlewares, action: async (..) => .. })`: the argument
/// index, key and function of the handler an options object holds (the first of
/// [`HANDLER_KEYS`], else its only function-valued property).
pub fn handler_in_options<'a>(
    scope: &ModuleScope<'a>,
    call: &'a CallExpression<'a>,
) -> Option<(usize, &'a str, Func<'a>)> {
    call.arguments.iter().enumerate().find_map(|(i, a)| {
        let Expression::ObjectExpression(o) = strip(a.as_expression()?) else {
            return None;
        };
        let handlers: Vec<(&'a str, Func<'a>)> = o
            .properties
            .iter()
            .filter_map(|p| match p {
                ObjectPropertyKind::ObjectProperty(p) => {
                    let key = crate::module::key_name(&p.key)?;
                    let key: &'a str = match key {
                        std::borrow::Cow::Borrowed(k) => k,
                        std::borrow::Cow::Owned(_) => return None,
                    };
                    Some((key, function_value(scope, &p.value)?))
                }
                ObjectPropertyKind::SpreadProperty(_) => None,
            })
            .collect();
        HANDLER_KEYS
            .iter()
            .find_map(|k| handlers.iter().find(|(key, _)| key == k))
            .or_else(|| (handlers.len() == 1).then(|| &handlers[0]))
            .map(|(key, f)| (i, *key, *f))
    })
}

/// For `client.schema(s).action(fn)` (next-safe-action) or `proc.createServerAction().handler(fn)`
/// (zsa): the action function and the library.
pub fn client_action_function<'a>(call: &'a CallExpression<'a>) -> Option<(Func<'a>, Library)> {
    let Expression::StaticMemberExpression(member) = strip(&call.callee) else {
        return None;
    };
    let (library, needs) = action_clients::action_method(member.property.name.as_str())?;
    if needs.is_some_and(|name| !chain_mentions(&member.object, name)) {
        return None;
    }
    let func = call
        .arguments
        .first()
        .and_then(|a| a.as_expression())
        .and_then(as_func)?;
    Some((func, library))
}

/// For `procedure.input(..).mutation(fn)` / `.query(fn)`: the procedure's resolver.
pub fn trpc_action_function<'a>(call: &'a CallExpression<'a>) -> Option<Func<'a>> {
    let Expression::StaticMemberExpression(member) = strip(&call.callee) else {
        return None;
    };
    if !action_clients::is_procedure_resolver(member.property.name.as_str()) {
        return None;
    }
    call.arguments
        .first()
        .and_then(|a| a.as_expression())
        .and_then(as_func)
}

/// Whether a call chain contains a call of `name` (`a.createServerAction().input(..)`).
pub fn chain_mentions(mut expr: &Expression<'_>, name: &str) -> bool {
    for _ in 0..64 {
        match strip(expr) {
            Expression::CallExpression(c) => expr = &c.callee,
            Expression::StaticMemberExpression(m) => {
                if m.property.name.as_str() == name {
                    return true;
                }
                expr = &m.object;
            }
            Expression::Identifier(id) => return id.name.as_str() == name,
            _ => return false,
        }
    }
    false
}

/// Visits the whole program looking for functions whose body starts with `"use server"`.
struct InlineFinder<'a> {
    lines: crate::report::LineIndex,
    found: Vec<ActionDef<'a>>,
    /// The name the next function gets (from `const name =`, `name:` or `action=`).
    name_hint: Option<(u32, String)>,
    /// The names of the named functions being visited, innermost last.
    hosts: Vec<String>,
    depth: u32,
}

/// How deep the inline-action search descends; deeper code is not searched (the parser's
/// own nesting guard keeps real code far below this).
const MAX_VISIT_DEPTH: u32 = 300;

impl<'a> InlineFinder<'a> {
    /// The name the function starting at `start` is known by (its hint), if any.
    fn own_name(&self, start: u32) -> Option<String> {
        match &self.name_hint {
            // Not a form attribute's label (`<form action> (line 3)`): only a declared name.
            Some((at, name)) if *at == start && !name.contains(' ') => Some(name.clone()),
            _ => None,
        }
    }

    fn record(&mut self, func: Func<'a>, fallback_head: ByteSpan) {
        if !func.has_use_server() {
            return;
        }
        let start = func.span().start;
        let line = self.lines.line(start);
        let name = match self.name_hint.take() {
            Some((at, name)) if at == start => name,
            _ => format!("inline action (line {line})"),
        };
        self.found.push(ActionDef {
            name,
            kind: "inline server action",
            head: fallback_head,
            stmt_start: start,
            func,
            via: Via::Plain,
            host: self.hosts.last().cloned(),
        });
    }
}

impl<'a> Visit<'a> for InlineFinder<'a> {
    fn visit_expression(&mut self, expr: &Expression<'a>) {
        if self.depth > MAX_VISIT_DEPTH {
            return;
        }
        self.depth += 1;
        walk::walk_expression(self, expr);
        self.depth -= 1;
    }

    fn visit_statement(&mut self, stmt: &Statement<'a>) {
        if self.depth > MAX_VISIT_DEPTH {
            return;
        }
        self.depth += 1;
        walk::walk_statement(self, stmt);
        self.depth -= 1;
    }

    fn visit_variable_declarator(&mut self, d: &VariableDeclarator<'a>) {
        if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) {
            self.name_hint = Some((strip(init).span().start, id.name.to_string()));
        }
        walk::walk_variable_declarator(self, d);
    }

    fn visit_jsx_attribute(&mut self, attr: &JSXAttribute<'a>) {
        if let (
            JSXAttributeName::Identifier(name),
            Some(JSXAttributeValue::ExpressionContainer(c)),
        ) = (&attr.name, &attr.value)
        {
            if let Some(expr) = c.expression.as_expression() {
                let start = strip(expr).span().start;
                let line = self.lines.line(start);
                self.name_hint = Some((
                    start,
                    format!("<form {}> (line {line})", name.name.as_str()),
                ));
            }
        }
        walk::walk_jsx_attribute(self, attr);
    }

    fn visit_function(&mut self, f: &Function<'a>, flags: ScopeFlags) {
        if let Some(id) = &f.id {
            self.name_hint = Some((f.span.start, id.name.to_string()));
        }
        let func: &'a Function<'a> = self.alloc(f);
        let head = f.id.as_ref().map(|id| span(id.span)).unwrap_or(ByteSpan {
            start: f.span.start,
            end: f.span.start + 5,
        });
        let own = self.own_name(f.span.start);
        self.record(Func::Function(func), head);
        let pushed = own.map(|n| self.hosts.push(n)).is_some();
        walk::walk_function(self, f, flags);
        if pushed {
            self.hosts.pop();
        }
    }

    fn visit_arrow_function_expression(&mut self, a: &ArrowFunctionExpression<'a>) {
        let arrow: &'a ArrowFunctionExpression<'a> = self.alloc(a);
        let head = ByteSpan {
            start: a.span.start,
            end: a.span.start + 5.min(a.span.size()),
        };
        let own = self.own_name(a.span.start);
        self.record(Func::Arrow(arrow), head);
        let pushed = own.map(|n| self.hosts.push(n)).is_some();
        walk::walk_arrow_function_expression(self, a);
        if pushed {
            self.hosts.pop();
        }
    }
}
