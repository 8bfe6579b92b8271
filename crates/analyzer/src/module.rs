//! One parsed module and what its top level defines: functions, constants and imports.

use rustc_hash::FxHashMap as HashMap;

use oxc_ast::ast::*;

use crate::report::ByteSpan;

/// A function value: a declaration/expression or an arrow.
#[derive(Debug, Clone, Copy)]
pub enum Func<'a> {
    /// `function f() {}` or `function () {}`.
    Function(&'a Function<'a>),
    /// `() => {}`.
    Arrow(&'a ArrowFunctionExpression<'a>),
}

impl<'a> Func<'a> {
    /// The formal parameters.
    pub fn params(self) -> &'a FormalParameters<'a> {
        match self {
            Func::Function(f) => &f.params,
            Func::Arrow(a) => &a.params,
        }
    }

    /// The body, if the function has one (declarations in `.d.ts` have none).
    pub fn body(self) -> Option<&'a FunctionBody<'a>> {
        match self {
            Func::Function(f) => f.body.as_deref(),
            Func::Arrow(a) => match &a.body {
                ArrowFunctionBody::FunctionBody(b) => Some(b),
                _ => None,
            },
        }
    }

    /// For an expression-bodied arrow, the returned expression.
    pub fn expression_body(self) -> Option<&'a Expression<'a>> {
        match self {
            Func::Arrow(a) => a.body.as_expression(),
            Func::Function(_) => None,
        }
    }

    /// The whole function's span.
    pub fn span(self) -> ByteSpan {
        let s = match self {
            Func::Function(f) => f.span,
            Func::Arrow(a) => a.span,
        };
        ByteSpan {
            start: s.start,
            end: s.end,
        }
    }

    /// Whether the body starts with the `"use server"` directive.
    pub fn has_use_server(self) -> bool {
        self.body().is_some_and(|b| has_use_server(&b.directives))
    }

    /// A stable identity for cycle detection.
    pub fn key(self) -> u32 {
        self.span().start
    }
}

/// Whether a directive list contains `"use server"`.
pub fn has_use_server(directives: &[Directive<'_>]) -> bool {
    directives
        .iter()
        .any(|d| d.directive.as_str() == "use server")
}

/// Peels parentheses, TypeScript casts and non-null assertions off an expression.
pub fn strip<'b, 'a>(mut expr: &'b Expression<'a>) -> &'b Expression<'a> {
    loop {
        expr = match expr {
            Expression::ParenthesizedExpression(e) => &e.expression,
            Expression::TSAsExpression(e) => &e.expression,
            Expression::TSSatisfiesExpression(e) => &e.expression,
            Expression::TSNonNullExpression(e) => &e.expression,
            Expression::TSTypeAssertion(e) => &e.expression,
            Expression::TSInstantiationExpression(e) => &e.expression,
            _ => return expr,
        };
    }
}

/// Peels `await` as well as what [`strip`] peels.
pub fn strip_await<'b, 'a>(mut expr: &'b Expression<'a>) -> &'b Expression<'a> {
    loop {
        let inner = strip(expr);
        match inner {
            Expression::AwaitExpression(e) => expr = &e.argument,
            _ => return inner,
        }
    }
}

/// The function an expression evaluates to, looking through `cache(fn)`-style wrappers.
pub fn as_func<'a>(expr: &'a Expression<'a>) -> Option<Func<'a>> {
    match strip(expr) {
        Expression::FunctionExpression(f) => Some(Func::Function(f)),
        Expression::ArrowFunctionExpression(a) => Some(Func::Arrow(a)),
        Expression::CallExpression(call) => {
            // `cache(async () => ..)`, `unstable_cache(fn, ..)`, `memoize(fn)`: same function.
            let name = callee_name(&call.callee)?;
            if crate::catalog::builtins::MEMOIZERS.contains(&name) {
                call.arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(as_func)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// `f` for `f(..)`, `React.cache` for `React.cache(..)`.
pub fn callee_name<'a>(callee: &'a Expression<'a>) -> Option<&'a str> {
    match strip(callee) {
        Expression::Identifier(id) => Some(id.name.as_str()),
        Expression::StaticMemberExpression(m) => match strip(&m.object) {
            Expression::Identifier(obj) if obj.name.as_str() == "React" => Some("React.cache"),
            _ => Some(m.property.name.as_str()),
        },
        _ => None,
    }
}

/// An import binding: where it comes from and which export it names.
#[derive(Debug, Clone)]
pub struct ImportBinding<'a> {
    /// The module specifier (`@/lib/auth`).
    pub source: &'a str,
    /// The imported name (`default` for default imports, `*` for namespaces).
    pub imported: &'a str,
}

/// What a module's top level defines.
pub struct ModuleScope<'a> {
    /// The module's path (file name).
    pub path: String,
    /// The program.
    pub program: &'a Program<'a>,
    /// The source text.
    pub source: &'a str,
    /// Top-level functions by name (declarations and `const f = () => ..`).
    pub functions: HashMap<&'a str, Func<'a>>,
    /// Top-level `const` initialisers by name (action clients, service clients).
    pub consts: HashMap<&'a str, &'a Expression<'a>>,
    /// Module-level variables whose TypeScript annotation names a built-in that stores nothing
    /// (`let cache: Map<string, X>`), and which (see [`crate::catalog::builtins::inert_type`]).
    pub typed_inert: HashMap<&'a str, &'static str>,
    /// Imports by local name.
    pub imports: HashMap<&'a str, ImportBinding<'a>>,
    /// Exported names → local names (`export { a as b }` maps `b` → `a`).
    pub exports: HashMap<&'a str, &'a str>,
    /// Re-exports: exported name → (specifier, imported name).
    pub reexports: HashMap<&'a str, (&'a str, &'a str)>,
    /// Whether the module starts with `"use server"`.
    pub use_server: bool,
}

impl<'a> ModuleScope<'a> {
    /// Indexes the top level of `program`.
    pub fn new(path: String, program: &'a Program<'a>) -> Self {
        let mut scope = ModuleScope {
            path,
            program,
            source: program.source_text,
            functions: HashMap::default(),
            consts: HashMap::default(),
            typed_inert: HashMap::default(),
            imports: HashMap::default(),
            exports: HashMap::default(),
            reexports: HashMap::default(),
            use_server: has_use_server(&program.directives),
        };
        for stmt in &program.body {
            scope.index_statement(stmt);
        }
        scope
    }

    fn index_declaration(&mut self, decl: &'a Declaration<'a>, exported: bool) {
        match decl {
            Declaration::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    self.functions.insert(id.name.as_str(), Func::Function(f));
                    if exported {
                        self.exports.insert(id.name.as_str(), id.name.as_str());
                    }
                }
            }
            Declaration::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let BindingPattern::BindingIdentifier(id) = &d.id {
                        let name = id.name.as_str();
                        self.note_annotation(name, d);
                        if let Some(init) = &d.init {
                            self.consts.insert(name, init);
                            if let Some(func) = as_func(init) {
                                self.functions.insert(name, func);
                            }
                        }
                        if exported {
                            self.exports.insert(name, name);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// Notes a module-level variable annotated with a built-in type that stores nothing.
    fn note_annotation(&mut self, name: &'a str, d: &'a VariableDeclarator<'a>) {
        if let Some(kind) = d
            .type_annotation
            .as_ref()
            .and_then(|a| crate::catalog::builtins::inert_type(&a.type_annotation))
        {
            self.typed_inert.insert(name, kind);
        }
    }

    fn index_statement(&mut self, stmt: &'a Statement<'a>) {
        match stmt {
            Statement::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    self.functions.insert(id.name.as_str(), Func::Function(f));
                }
            }
            Statement::VariableDeclaration(v) => {
                for d in &v.declarations {
                    if let BindingPattern::BindingIdentifier(id) = &d.id {
                        self.note_annotation(id.name.as_str(), d);
                    }
                    if let (BindingPattern::BindingIdentifier(id), Some(init)) = (&d.id, &d.init) {
                        self.consts.insert(id.name.as_str(), init);
                        if let Some(func) = as_func(init) {
                            self.functions.insert(id.name.as_str(), func);
                        }
                    }
                }
            }
            Statement::ImportDeclaration(import) => {
                for spec in import.specifiers.iter().flatten() {
                    let (local, imported) = match spec {
                        ImportDeclarationSpecifier::ImportSpecifier(s) => {
                            (s.local.name.as_str(), module_export_name(&s.imported))
                        }
                        ImportDeclarationSpecifier::ImportDefaultSpecifier(s) => {
                            (s.local.name.as_str(), "default")
                        }
                        ImportDeclarationSpecifier::ImportNamespaceSpecifier(s) => {
                            (s.local.name.as_str(), "*")
                        }
                    };
                    self.imports.insert(
                        local,
                        ImportBinding {
                            source: import.source.value.as_str(),
                            imported,
                        },
                    );
                }
            }
            Statement::ExportDeclaration(export) => {
                self.index_declaration(&export.declaration, true)
            }
            Statement::ExportNamedDeclaration(export) => {
                for spec in &export.specifiers {
                    self.exports.insert(
                        module_export_name(&spec.exported),
                        module_export_name(&spec.local),
                    );
                }
            }
            Statement::ExportFromDeclaration(export) => {
                for spec in &export.specifiers {
                    let source = export.source.value.as_str();
                    self.reexports.insert(
                        module_export_name(&spec.exported),
                        (source, module_export_name(&spec.local)),
                    );
                }
            }
            Statement::ExportDefaultDeclaration(export) => match &export.declaration {
                ExportDefaultDeclarationKind::FunctionDeclaration(f) => {
                    if let Some(id) = &f.id {
                        self.functions.insert(id.name.as_str(), Func::Function(f));
                        self.exports.insert("default", id.name.as_str());
                    } else {
                        self.functions.insert("default", Func::Function(f));
                        self.exports.insert("default", "default");
                    }
                }
                other => {
                    if let Some(expr) = other.as_expression() {
                        if let Expression::Identifier(id) = strip(expr) {
                            self.exports.insert("default", id.name.as_str());
                        } else {
                            self.consts.insert("default", expr);
                            if let Some(func) = as_func(expr) {
                                self.functions.insert("default", func);
                            }
                            self.exports.insert("default", "default");
                        }
                    }
                }
            },
            _ => {}
        }
    }
}

/// The name of an import/export specifier.
pub fn module_export_name<'a>(name: &ModuleExportName<'a>) -> &'a str {
    match name {
        ModuleExportName::IdentifierName(n) => n.name.as_str(),
        ModuleExportName::IdentifierReference(n) => n.name.as_str(),
        ModuleExportName::StringLiteral(s) => s.value.as_str(),
    }
}

/// The name of a property key when it is written statically (`a`, `"a"`, `` `a` ``, `1`,
/// `null`), like oxc's `PropertyKey::static_name` but with a number key taken as written: oxc's
/// prints the `f64`, which would put the float formatter in the browser's download for keys
/// that never name a column.
pub(crate) fn key_name<'a>(key: &PropertyKey<'a>) -> Option<std::borrow::Cow<'a, str>> {
    use std::borrow::Cow;
    match key {
        PropertyKey::StaticIdentifier(ident) => Some(Cow::Borrowed(ident.name.as_str())),
        PropertyKey::StringLiteral(lit) => Some(Cow::Borrowed(lit.value.as_str())),
        PropertyKey::NumericLiteral(lit) => lit.raw.map(|raw| Cow::Borrowed(raw.as_str())),
        PropertyKey::NullLiteral(_) => Some(Cow::Borrowed("null")),
        PropertyKey::TemplateLiteral(lit) => lit.single_quasi().map(|q| Cow::Borrowed(q.as_str())),
        _ => None,
    }
}
