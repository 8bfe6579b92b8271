//! Runs the pipeline for one file: parse → discover → facts → rules → fixes → report.

use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::rc::Rc;

use oxc_allocator::Allocator;

use crate::discover::discover;
use crate::facts::{collect, NameMemo, StepBudget};
use crate::module::{as_func, Func, ModuleScope};
use crate::report::{ActionInfo, Assumption, LineIndex, Report, SourceError};
use crate::{fix, parse, rules, suppress, ModuleLoader, Options};

/// Most project modules one analysis follows imports into.
const MAX_MODULES: usize = 48;
/// Largest imported module that is parsed (bytes).
const MAX_IMPORTED_SIZE: usize = 2 * 1024 * 1024;

/// The analysed file and the project modules its imports lead to, parsed on demand into one
/// arena.
pub(crate) struct ModuleGraph<'a> {
    allocator: &'a Allocator,
    loader: Option<&'a dyn ModuleLoader>,
    modules: RefCell<Vec<Rc<ModuleScope<'a>>>>,
    by_path: RefCell<HashMap<String, Option<usize>>>,
    /// The project's data models, asked of the loader once.
    data_models: std::cell::OnceCell<Option<std::sync::Arc<crate::schema::DataModels>>>,
    /// The project's manifest, asked of the loader once.
    manifest: std::cell::OnceCell<Option<std::sync::Arc<crate::manifest::Manifest>>>,
    /// The catalog's judgements of names, each made once per analysis.
    pub names: NameMemo,
}

impl<'a> ModuleGraph<'a> {
    /// The module at `index`.
    pub fn module(&self, index: usize) -> Rc<ModuleScope<'a>> {
        self.modules.borrow()[index].clone()
    }

    /// The data models of the analysed file's project, when the loader knows its schema.
    pub fn data_models(&self) -> Option<&crate::schema::DataModels> {
        self.data_models
            .get_or_init(|| {
                let loader = self.loader?;
                loader.data_models(&self.module(0).path)
            })
            .as_deref()
    }

    /// Whether the analysed file's project has no accounts: its manifest names no identity
    /// package and its schema, if any, no account model.
    pub fn has_no_accounts(&self) -> bool {
        let no_identity = self
            .manifest
            .get_or_init(|| self.loader?.manifest(&self.module(0).path))
            .as_deref()
            .is_some_and(crate::manifest::Manifest::has_no_identity);
        no_identity && !self.data_models().is_some_and(|m| m.has_account_model())
    }

    /// Loads (once) the module `specifier` imported from module `from`.
    fn load(&self, from: usize, specifier: &str) -> Option<usize> {
        let loader = self.loader?;
        let importer = self.module(from).path.clone();
        let loaded = loader.load(&importer, specifier)?;
        if let Some(known) = self.by_path.borrow().get(&loaded.path) {
            return *known;
        }
        if self.modules.borrow().len() >= MAX_MODULES || loaded.source.len() > MAX_IMPORTED_SIZE {
            self.by_path.borrow_mut().insert(loaded.path, None);
            return None;
        }
        let source: &'a str = self.allocator.alloc_str(&loaded.source);
        let parsed = parse::parse(self.allocator, source, &loaded.path);
        let Some(program) = parsed.program else {
            self.by_path.borrow_mut().insert(loaded.path, None);
            return None;
        };
        let program = self.allocator.alloc(program);
        let scope = ModuleScope::new(loaded.path.clone(), program);
        let mut modules = self.modules.borrow_mut();
        modules.push(Rc::new(scope));
        let index = modules.len() - 1;
        self.by_path.borrow_mut().insert(loaded.path, Some(index));
        Some(index)
    }

    /// Follows `name` (a binding of module `from`) through imports and re-exports to the module
    /// and local name that define it.
    fn resolve_binding(&self, from: usize, name: &str) -> Option<(usize, String)> {
        self.resolve_local(from, name, 0)
    }

    fn resolve_local(&self, module: usize, local: &str, depth: u32) -> Option<(usize, String)> {
        if depth > 8 {
            return None;
        }
        let scope = self.module(module);
        if scope.functions.contains_key(local) || scope.consts.contains_key(local) {
            return Some((module, local.to_string()));
        }
        let import = scope.imports.get(local)?;
        let target = self.load(module, import.source)?;
        self.resolve_export(target, import.imported, depth + 1)
    }

    fn resolve_export(&self, module: usize, exported: &str, depth: u32) -> Option<(usize, String)> {
        if depth > 8 {
            return None;
        }
        let scope = self.module(module);
        if let Some(local) = scope.exports.get(exported) {
            return self.resolve_local(module, local, depth + 1);
        }
        // `export { x } from "./y"`.
        let (spec, imported) = scope.reexports.get(exported)?;
        let next = self.load(module, spec)?;
        self.resolve_export(next, imported, depth + 1)
    }

    /// A function `name` of module `from` defined in another project module.
    pub fn resolve_function(&self, from: usize, name: &str) -> Option<(usize, Func<'a>)> {
        self.loader?;
        let (module, local) = self.resolve_binding(from, name)?;
        let scope = self.module(module);
        scope.functions.get(local.as_str()).map(|f| (module, *f))
    }

    /// The project module an imported `name` of module `from` comes from, through re-exports,
    /// and its local name there when the module indexes it (`export const { trpc: api } = ..`
    /// is held by the module, not indexed).
    pub fn source_module(&self, from: usize, name: &str) -> Option<(usize, Option<String>)> {
        self.loader?;
        let import = self.module(from).imports.get(name)?.clone();
        let target = self.load(from, import.source)?;
        Some(match self.resolve_export(target, import.imported, 1) {
            Some((module, local)) => (module, Some(local)),
            None => (target, None),
        })
    }

    /// A constant `name` of module `from` defined in another project module (action clients).
    pub fn resolve_const(
        &self,
        from: usize,
        name: &str,
    ) -> Option<(usize, &'a oxc_ast::ast::Expression<'a>)> {
        self.loader?;
        let (module, local) = self.resolve_binding(from, name)?;
        if module == from {
            return None;
        }
        let scope = self.module(module);
        let init = *scope.consts.get(local.as_str())?;
        if as_func(init).is_some() {
            return None;
        }
        Some((module, init))
    }
}

/// Analyses one file and settles its fixes (SPEC §4).
pub(crate) fn run(source: &str, options: &Options, loader: Option<&dyn ModuleLoader>) -> Report {
    let mut budget = StepBudget::for_file(source.len());
    let mut report = analyze_once(source, options, loader, None, &mut budget);
    if !report.errors.is_empty() {
        // Never an edit computed on broken text: a half-typed statement can cut the action,
        // and a fix placed around it would be wrong. The findings keep their help.
        for finding in &mut report.findings {
            finding.fix = None;
        }
        report.fixed_source = source.to_string();
        return report;
    }
    // All rounds of settling share one more file budget; a file whose first analysis already
    // spent its budget (a crafted fan-out of helpers) is fixed in one round.
    let one_round = budget.exhausted();
    let settle_budget = RefCell::new(StepBudget::for_file(source.len()));
    fix::settle::settle(
        source,
        &mut report,
        &|text: &str, only: &[usize]| {
            analyze_once(
                text,
                options,
                loader,
                Some(only),
                &mut settle_budget.borrow_mut(),
            )
        },
        one_round,
    );
    report
}

/// Analyses one file without settling its fixes: the findings are final, each finding's fix is
/// the first round's, and `fixed_source` applies those (unsettled) fixes. A page shows these
/// findings at once and settles the fixes after (SPEC §4 settling can cost more than the
/// analysis).
pub(crate) fn first_round(
    source: &str,
    options: &Options,
    loader: Option<&dyn ModuleLoader>,
) -> Report {
    let mut budget = StepBudget::for_file(source.len());
    let mut report = analyze_once(source, options, loader, None, &mut budget);
    if !report.errors.is_empty() {
        for finding in &mut report.findings {
            finding.fix = None;
        }
    }
    report
}

/// Analyses one file; fixes are the first round's, one per finding. With `only`, just the
/// actions at those indices (discovery order) are analysed; every action is still listed.
fn analyze_once(
    source: &str,
    options: &Options,
    loader: Option<&dyn ModuleLoader>,
    only: Option<&[usize]>,
    budget: &mut StepBudget,
) -> Report {
    let allocator = Allocator::default();
    let line_index = LineIndex::new(source);
    // A fixed version being settled (`only`) is followed only if it parses cleanly (see
    // `fix::settle`): one that does not is not recovered, nor analysed below.
    let recovery = match only {
        Some(_) => parse::Recovery::None,
        None => parse::Recovery::BlankBrokenLines,
    };
    let parsed = parse::parse_with(&allocator, source, &options.file_name, recovery);
    let errors: Vec<SourceError> = parsed
        .problems
        .iter()
        .map(|p| SourceError {
            message: p.message.clone(),
            span: p.span,
            position: line_index.position(source, p.span),
        })
        .collect();
    let mut report = Report {
        file: options.file_name.clone(),
        actions: Vec::new(),
        errors,
        findings: Vec::new(),
        suppressed: Vec::new(),
        assumptions: Vec::new(),
        fixed_source: source.to_string(),
        refused: false,
    };
    let Some(program) = parsed.program else {
        report.refused = true;
        return report;
    };
    if only.is_some() && !report.errors.is_empty() {
        return report;
    }
    let program = allocator.alloc(program);
    let graph = ModuleGraph {
        allocator: &allocator,
        loader,
        modules: RefCell::new(vec![Rc::new(ModuleScope::new(
            options.file_name.clone(),
            program,
        ))]),
        by_path: RefCell::new(HashMap::default()),
        data_models: std::cell::OnceCell::new(),
        manifest: std::cell::OnceCell::new(),
        names: NameMemo::default(),
    };
    graph
        .by_path
        .borrow_mut()
        .insert(options.file_name.clone(), Some(0));
    let scope = graph.module(0);
    let actions = discover(&scope);
    let directives = suppress::Directives::parse(program, source, &line_index);
    let mut file_ctx = fix::FileStyle::detect(source, program);

    let wanted = |index: usize| only.is_none_or(|only| only.binary_search(&index).is_ok());
    let all_facts: Vec<_> = actions
        .iter()
        .enumerate()
        .map(|(index, def)| wanted(index).then(|| collect(&graph, 0, def, &options.config, budget)))
        .collect();
    // An action client of this file whose middlewares authenticate: the fix for an action on a
    // public client moves it there.
    file_ctx.authed_client = all_facts
        .iter()
        .flatten()
        .filter(|f| f.fix.client_authenticates)
        .filter_map(|f| f.fix.client_root.as_ref().map(|(_, name)| name.clone()))
        .filter(|name| !name.ends_with("()"))
        .find(|name| scope.consts.contains_key(name.as_str()));
    // A fix that replaces a client value needs to know whether it was written as shorthand.
    let replaces_values = all_facts
        .iter()
        .flatten()
        .any(|f| f.identity_issues.iter().any(|i| i.replacement.is_some()));
    if replaces_values {
        file_ctx.note_shorthands(program);
    }
    for (def, facts) in actions.iter().zip(all_facts) {
        let (line, _) = line_index.line_col(source, def.head.start);
        report.actions.push(ActionInfo {
            name: def.name.clone(),
            kind: def.kind,
            span: def.head,
            line,
            inputs: facts.as_ref().map(action_inputs).unwrap_or_default(),
        });
        let Some(mut facts) = facts else { continue };
        facts.public = directives
            .public_reason(def.stmt_start, source)
            .or_else(|| {
                options
                    .config
                    .public_actions
                    .iter()
                    .any(|n| n == &def.name)
                    .then(|| "listed in public_actions".to_string())
            })
            .or_else(|| public_by_design(&def.name, &facts));
        if facts.public.is_none() {
            facts.public = auth_form_of_host(&def.name, def.host.as_deref(), &facts);
        }
        if facts.fix.owner_column.is_none() {
            facts.fix.owner_column = file_ctx.owner_columns.file.clone();
        }
        facts.fix.error_style = file_ctx.error_style;
        report
            .assumptions
            .extend(facts.assumptions.iter().map(|a| Assumption {
                action: def.name.clone(),
                import: a.import.clone(),
                source: a.source.clone(),
                assumed: a.assumed.describe(),
                advice: a.assumed.advice(),
                span: a.span,
                position: line_index.position(source, a.span),
            }));
        for finding in rules::run(&facts, &options.config, source, &line_index, &file_ctx) {
            match directives.ignore_reason(finding.rule, def.stmt_start, finding.span.start, source)
            {
                Some(reason) => {
                    let mut f = finding;
                    f.suppressed = Some(reason);
                    report.suppressed.push(f);
                }
                None => report.findings.push(finding),
            }
        }
    }
    crate::sort::sort_by_key(&mut report.findings, |f| (f.span.start, f.rule));
    report.fixed_source = fix::apply_all(source, &report.findings);
    report
}

/// Login, sign-up, contact, newsletter and guestbook actions are public by design (SPEC §3).
/// Not a password reset that sets the password of whichever account the client names with no
/// secret checked: the name does not make that a recovery flow.
fn public_by_design(name: &str, facts: &crate::facts::ActionFacts) -> Option<String> {
    let takes_over = facts.sinks.iter().any(|s| {
        s.sets_account_credential
            && s.authn == crate::facts::Authn::None
            && !s.unauthorized_keys.is_empty()
    });
    (crate::catalog::names::is_public_action_name(name) && !takes_over).then(|| {
        "public by design (sign-in, sign-up, contact, newsletter or guestbook)".to_string()
    })
}

/// An inline action whose own name says nothing (`handleSubmit`, `<form action>`) is the form
/// of the page that hosts it: `LoginPage`'s is the sign-in itself, `ResetPassword`'s the reset.
/// It is public by design when that page signs in, signs up or recovers a password and all the
/// action does is ask another service (`fetch`: the auth provider checks the password or the
/// emailed token and returns the session). A write or read of the app's own store (a reset that
/// sets the password of whichever account the client names) is still judged.
fn auth_form_of_host(
    name: &str,
    host: Option<&str>,
    facts: &crate::facts::ActionFacts,
) -> Option<String> {
    let host = host?;
    let generic = name.starts_with("<form ")
        || name.starts_with("inline action (")
        || crate::catalog::names::is_generic_action_name(name);
    if !generic || facts.sinks.iter().any(|s| !s.library.is_another_service()) {
        return None;
    }
    let auth_page = crate::catalog::names::is_auth_page_name(host);
    auth_page.then(|| {
        format!("public by design (the sign-in, sign-up or password-reset form of `{host}`, asking only another service)")
    })
}

/// What a caller sends an action and what it does (for the playground's attack view and
/// challenges): its inputs, and the writes and returned reads it reaches, each once.
fn action_inputs(facts: &crate::facts::ActionFacts) -> crate::report::ActionInputs {
    let mut inputs = facts.inputs.clone();
    for sink in &facts.sinks {
        let effect = sink.kind == crate::catalog::sinks::SinkKind::Mutation || sink.exposed;
        if effect && !inputs.effects.contains(&sink.label) {
            inputs.effects.push(sink.label.clone());
        }
    }
    inputs
}
