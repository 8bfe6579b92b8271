//! Walks one action's body in execution order and records its facts.
//!
//! The walk is a small abstract interpreter: statements run in order, `if` forks the
//! branch-sensitive [`Flow`] and joins it afterwards, `throw`/`return`/`redirect()` end a path,
//! `try/catch` keeps the state of paths that a swallowing `catch` resumes, and calls of
//! functions defined in the project are followed (inlined) with their arguments bound.
//! Every recursion is bounded, so crafted input cannot exhaust the stack.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use oxc_ast::ast::*;
use oxc_span::GetSpan;
use oxc_syntax::operator::{BinaryOperator, LogicalOperator, UnaryOperator};

use super::flow::{Asserts, Authn, Flow};
use super::value::{Guard, Record, Taint, Value};
use super::{
    ActionFacts, Assumed, AssumptionFact, AuthzCheck, IdentityIssue, RawReturn, ScopeFix,
    SessionVar, SinkFact,
};
use crate::catalog::guards::{self, GuardKind};
use crate::catalog::sinks::{self, ArgShape, Seg, SinkKind, SinkMatch};
use crate::catalog::{builtins, exits, names};
use crate::config::Config;
use crate::discover::{ActionDef, Via};
use crate::engine::ModuleGraph;
use crate::module::{as_func, strip, strip_await, Func, ModuleScope};
use crate::report::ByteSpan;

/// How deep expressions are evaluated; deeper sub-expressions are treated as opaque.
const MAX_EXPR_DEPTH: u32 = 200;
/// How many nested calls of project functions are followed.
const MAX_CALL_DEPTH: usize = 8;
/// Evaluation steps one action may spend beyond what its own size needs, following helpers.
/// The most any action of the test corpora needs is under 200.
const ACTION_STEPS: u32 = 20_000;
/// Steps every action gets per byte of its own text, whatever the file has spent already.
const STEPS_PER_BYTE: u32 = 4;
/// Steps all actions of a file share, beyond their own size's allowance.
const FILE_STEPS: u32 = 1_000_000;
/// …plus this many per byte of the file.
const FILE_STEPS_PER_BYTE: u32 = 32;

/// The evaluation steps the actions of one file may still spend. Many actions that each call a
/// deep fan-out of helpers would otherwise cost `actions × ACTION_STEPS`; with a shared budget a
/// file's analysis stays linear in its size, and each action still walks its own body.
#[derive(Debug)]
pub(crate) struct StepBudget {
    remaining: u32,
}

impl StepBudget {
    /// The budget for a file of `len` bytes.
    pub(crate) fn for_file(len: usize) -> Self {
        let len = u32::try_from(len).unwrap_or(u32::MAX);
        StepBudget {
            remaining: FILE_STEPS.saturating_add(len.saturating_mul(FILE_STEPS_PER_BYTE)),
        }
    }

    /// Steps for an action whose text is `own` bytes long.
    fn for_action(&self, own: u32) -> u32 {
        let floor = own.saturating_mul(STEPS_PER_BYTE).saturating_add(1_000);
        ACTION_STEPS
            .saturating_add(own.saturating_mul(STEPS_PER_BYTE))
            .min(self.remaining.max(floor))
    }

    fn spend(&mut self, steps: u32) {
        self.remaining = self.remaining.saturating_sub(steps);
    }
}

/// Computes the facts of one action of module `module`, spending from the file's `budget`.
pub(crate) fn collect<'a>(
    graph: &ModuleGraph<'a>,
    module: usize,
    def: &ActionDef<'a>,
    config: &Config,
    budget: &mut StepBudget,
) -> ActionFacts {
    let scope = graph.module(module);
    let own = def.func.span().end.saturating_sub(def.func.span().start);
    let mut walker = Walker {
        graph,
        config,
        module,
        scope: scope.clone(),
        vars: HashMap::default(),
        flow: Flow::default(),
        seq: 0,
        facts: ActionFacts {
            name: def.name.clone(),
            head: def.head,
            ..ActionFacts::default()
        },
        frames: Vec::new(),
        try_stack: Vec::new(),
        call_stack: Vec::new(),
        site: None,
        depth: 0,
        steps: 0,
        continuation_calls: Vec::new(),
        sink_records: Vec::new(),
        in_action_body: false,
        last_exit_swallowed: false,
        enclosing: vec![def.func.span()],
        expand_returned: false,
        stmt_start: None,
        breaks: Vec::new(),
        continues: Vec::new(),
        labels: Vec::new(),
        raw_token_read: None,
        budget: budget.for_action(own),
        guard_internal: Vec::new(),
        caller_ctx: None,
    };
    walker.run_action(def);
    budget.spend(walker.steps);
    walker.finish()
}

struct Frame<'a> {
    returns: Vec<(Flow, Value<'a>)>,
}

struct TryFrame {
    swallows: bool,
    throws: Vec<Flow>,
}

struct Walker<'g, 'a> {
    graph: &'g ModuleGraph<'a>,
    config: &'g Config,
    module: usize,
    scope: Rc<ModuleScope<'a>>,
    vars: HashMap<&'a str, Value<'a>>,
    flow: Flow,
    seq: u32,
    facts: ActionFacts,
    frames: Vec<Frame<'a>>,
    try_stack: Vec<TryFrame>,
    call_stack: Vec<(usize, u32)>,
    /// The call in the action's own body through which an inlined helper runs.
    site: Option<ByteSpan>,
    depth: u32,
    steps: u32,
    /// State and arguments each time a wrapper/middleware called the wrapped action.
    continuation_calls: Vec<(Flow, Vec<Value<'a>>)>,
    /// For each read sink: the flow-independent facts needed to judge it when returned.
    sink_records: Vec<Option<Rc<Record>>>,
    in_action_body: bool,
    /// Whether the last exit (`throw`/`redirect`) was inside a `try` whose `catch` swallows it.
    last_exit_swallowed: bool,
    /// Spans of the functions being walked (the action, then inlined calls): a function nested
    /// in one of them is a closure and sees its variables.
    enclosing: Vec<ByteSpan>,
    /// While following a wrapper: walk a function it returns (the function that actually runs).
    expand_returned: bool,
    /// Start of the action-body statement being walked (where fixes insert checks).
    stmt_start: Option<u32>,
    /// For each enclosing loop or `switch`: the states at its `break`s (they continue after it).
    breaks: Vec<Vec<Flow>>,
    /// For each enclosing loop: the states at its `continue`s (they go on with the next
    /// iteration).
    continues: Vec<Vec<Flow>>,
    /// Enclosing labels and the index of their target in `breaks`.
    labels: Vec<(&'a str, usize)>,
    /// The first read of a raw session/token cookie: where an unverified session comes from
    /// when nothing more specific (a `jwt.decode`) does.
    raw_token_read: Option<ByteSpan>,
    /// Steps this action may take (see [`StepBudget`]).
    budget: u32,
    /// The context a tRPC caller made, for the root of the procedure chain being followed.
    caller_ctx: Option<Value<'a>>,
    /// Sinks reached inside a session helper (indices into `facts.sinks`): how a guard finds
    /// the caller (refreshing a session row, clearing a stale cookie) is not the action's work.
    guard_internal: Vec<std::ops::Range<usize>>,
}

impl<'g, 'a> Walker<'g, 'a> {
    // ----- entry points -------------------------------------------------------------------

    fn run_action(&mut self, def: &ActionDef<'a>) {
        self.facts.fix.body_end = def.func.span().end;
        self.facts.fix.expression_body = def.func.expression_body().map(|e| span_of(e.span()));
        self.facts.fix.body_insert_at = def.func.body().map(|b| {
            b.directives
                .last()
                .map(|d| d.span.end)
                .unwrap_or(b.span.start + 1)
        });
        self.facts.fix.body_statements = def
            .func
            .body()
            .map(|b| b.statements.iter().map(|s| span_of(s.span())).collect())
            .unwrap_or_default();
        self.facts.fix.indent = def
            .func
            .body()
            .and_then(|b| {
                b.statements
                    .first()
                    .map(|s| s.span().start)
                    .or(b.directives.first().map(|d| d.span.start))
            })
            .map(|start| indentation_at(self.scope.source, start))
            .unwrap_or_else(|| "  ".to_string());
        let mut params: Vec<Value<'a>> = Vec::new();
        match def.via {
            Via::Plain => {}
            Via::Wrapper(call) => params = self.enter_wrapper(call, def.func),
            Via::Client(call) => {
                params = self.enter_client(call);
                self.client_session_var(def.func, params.first());
                self.facts.fix.client_root = client_root(&call.callee).map(|(id, called)| {
                    let name = id.name.to_string();
                    (
                        span_of(id.span),
                        if called { format!("{name}()") } else { name },
                    )
                });
                self.facts.fix.client_authenticates = self.flow.authn >= Authn::Checked;
            }
        }
        self.in_action_body = true;
        self.bind_action_params(def.func, params);
        self.walk_func_body(def.func);
    }

    fn finish(mut self) -> ActionFacts {
        if self.facts.unverified_source.is_none() {
            self.facts.unverified_source = self.raw_token_read;
        }
        // A guard's own bookkeeping is not the action's work (see `call_function`).
        let internal = std::mem::take(&mut self.guard_internal);
        let mut index = 0;
        self.facts.sinks.retain(|_| {
            index += 1;
            !internal.iter().any(|r| r.contains(&(index - 1)))
        });
        // Reads only count when their result reaches the caller or client input keys them.
        self.facts
            .sinks
            .retain(|s| s.kind != SinkKind::Read || s.sensitive);
        self.facts
    }

    fn bind_action_params(&mut self, func: Func<'a>, injected: Vec<Value<'a>>) {
        let params = func.params();
        for (i, param) in params.items.iter().enumerate() {
            let value = match injected.get(i) {
                Some(v) => v.clone(),
                None => self.client_param_value(&param.pattern),
            };
            // A session value a wrapper injects (`withUser(async (user, ..) => ..)`).
            if let (BindingPattern::BindingIdentifier(id), true) = (
                &param.pattern,
                (value.identity || value.guard.is_some()) && value.taint.is_none(),
            ) {
                if self.facts.fix.session_var.is_none() {
                    let name = id.name.as_str();
                    self.facts.fix.session_var = Some(SessionVar {
                        name: name.to_string(),
                        identity_expr: format!("{name}.id"),
                        after_decl: self.facts.fix.body_insert_at.unwrap_or(0),
                        always_object: false,
                    });
                }
            }
            self.bind_pattern(&param.pattern, value, None);
        }
        if let Some(rest) = &params.rest {
            let v = self.client_param_value(&rest.rest.argument);
            self.bind_pattern(&rest.rest.argument, v, None);
        }
    }

    /// A parameter of the action: client input, labelled by its name.
    fn client_param_value(&self, pattern: &BindingPattern<'a>) -> Value<'a> {
        let name = match pattern {
            BindingPattern::BindingIdentifier(id) => id.name.as_str(),
            _ => "args",
        };
        let span = pattern.span();
        Value::client(
            name,
            name,
            Some(ByteSpan {
                start: span.start,
                end: span.end,
            }),
        )
    }

    // ----- wrappers and action clients -----------------------------------------------------

    /// `wrap(fn)`: follows the wrapper's definition to the point where it calls `fn`, and returns
    /// the values it passes (session values become the action's first parameters).
    fn enter_wrapper(&mut self, call: &'a CallExpression<'a>, action: Func<'a>) -> Vec<Value<'a>> {
        let callee_name = path_of(&call.callee).unwrap_or_default();
        let fn_index = call
            .arguments
            .iter()
            .position(|a| {
                a.as_expression()
                    .and_then(|e| {
                        as_func(e).or_else(|| match strip(e) {
                            Expression::Identifier(id) => {
                                self.scope.functions.get(id.name.as_str()).copied()
                            }
                            _ => None,
                        })
                    })
                    .is_some_and(|f| f.key() == action.key())
            })
            .unwrap_or(0);
        if let Some((module, func)) = self.resolve_callee(&call.callee) {
            let mut args: Vec<Value<'a>> = call
                .arguments
                .iter()
                .map(|a| self.eval_argument(a))
                .collect();
            if let Some(slot) = args.get_mut(fn_index) {
                *slot = Value {
                    continuation: true,
                    ..Value::default()
                };
            }
            self.continuation_calls.clear();
            self.expand_returned = true;
            let _ = self.call_function(module, func, args, span_of(call.span));
            self.expand_returned = false;
            let calls = std::mem::take(&mut self.continuation_calls);
            if calls.is_empty() {
                // The wrapper never calls the action as far as we can tell: judge the action alone.
                self.flow = Flow::default();
                return Vec::new();
            }
            let mut flow = Flow::unreachable();
            let mut injected: Vec<Value<'a>> = Vec::new();
            for (f, vals) in calls {
                flow = flow.join(f);
                if injected.is_empty() {
                    injected = vals;
                }
            }
            self.flow = flow;
            // Arguments the wrapper forwards from its own (client) parameters stay client input.
            return injected;
        }
        if guards::is_auth_wrapper_name(&callee_name) {
            self.assume(
                &callee_name,
                span_of(call.callee.span()),
                Assumed::AuthWrapper,
            );
            self.record_guard_call(span_of(call.callee.span()));
            self.flow.authn = Authn::Checked;
            self.flow.role |= guards::is_role_wrapper_name(&callee_name);
            self.record_check();
            // The session goes to the parameter named like it (`(data, formData, user)` in
            // Vercel's SaaS starter), else to the first (`withAuth(async (user, formData) => ..)`).
            let params = &action.params().items;
            let at = params
                .iter()
                .position(|p| match &p.pattern {
                    BindingPattern::BindingIdentifier(id) => {
                        names::is_session_param_name(id.name.as_str())
                    }
                    _ => false,
                })
                .unwrap_or(0);
            let name = match params.get(at).map(|p| &p.pattern) {
                Some(BindingPattern::BindingIdentifier(id)) => id.name.as_str(),
                _ => "user",
            };
            let session = Value {
                identity: true,
                owned: true,
                identity_expr: Some(format!("{name}.id")),
                ..Value::default()
            };
            // `validatedActionWithUser(updateSchema, async (data, ..) => ..)`: the wrapper parses
            // the client's input with the schema it is given first.
            let schema_first = call.arguments.len() >= 2
                && call.arguments.first().is_some_and(|a| {
                    let text = a.span().source_text(self.scope.source);
                    a.as_expression().and_then(as_func).is_none()
                        && (text.starts_with("z.") || text.to_ascii_lowercase().contains("schema"))
                });
            let mut injected: Vec<Value<'a>> = params[..at]
                .iter()
                .map(|p| {
                    let mut v = self.client_param_value(&p.pattern);
                    if let Some(t) = v.taint.as_mut() {
                        t.validated |= schema_first;
                    }
                    v
                })
                .collect();
            injected.push(session);
            return injected;
        }
        Vec::new()
    }

    /// `client.schema(s).action(fn)` / `proc.createServerAction().input(s).handler(fn)`:
    /// establishes what the client's middleware proves and returns the action's first
    /// parameter (`{ parsedInput, ctx }`).
    fn enter_client(&mut self, call: &'a CallExpression<'a>) -> Vec<Value<'a>> {
        let (validated, ctx) = self.client_chain(&call.callee, 0);
        let input = Value {
            taint: Some(Taint {
                labels: ["parsedInput".to_string()].into(),
                validated,
                actor: false,
                role: false,
            }),
            ..Value::default()
        };
        let mut fields = BTreeMap::new();
        for name in [
            "parsedInput",
            "input",
            "clientInput",
            "bindArgsParsedInputs",
        ] {
            let mut v = input.clone();
            if let Some(t) = v.taint.as_mut() {
                t.labels = [name.to_string()].into();
                t.validated = validated && name != "clientInput";
            }
            fields.insert(name.to_string(), v);
        }
        fields.insert("ctx".to_string(), ctx);
        let first = Value {
            fields: Some(Rc::new(fields)),
            ..Value::default()
        };
        // zsa passes `(input, ctx)` positionally in some versions; next-safe-action stateAction
        // passes `(args, { prevResult })`.
        vec![first]
    }

    /// For fixes: how the action reaches the caller's id through the client's `ctx`
    /// (`ctx.user.id`), adding `ctx` to a destructured argument that lacks it.
    fn client_session_var(&mut self, func: Func<'a>, arg: Option<&Value<'a>>) {
        let Some(ctx) = arg.and_then(|a| a.field("ctx")) else {
            return;
        };
        let path = if ctx.field("user").is_some_and(|u| u.identity) {
            "ctx.user.id"
        } else if ctx.field("userId").is_some_and(|u| u.identity) {
            "ctx.userId"
        } else if ctx.field("session").is_some_and(|u| u.identity) {
            "ctx.session.user.id"
        } else {
            return;
        };
        let Some(BindingPattern::ObjectPattern(pattern)) =
            func.params().items.first().map(|p| &p.pattern)
        else {
            return;
        };
        let has_ctx = pattern
            .properties
            .iter()
            .any(|p| p.key.static_name().as_deref() == Some("ctx"));
        let ctx_is_plain = pattern.properties.iter().any(|p| {
            p.key.static_name().as_deref() == Some("ctx")
                && matches!(p.value, BindingPattern::BindingIdentifier(_))
        });
        if has_ctx && !ctx_is_plain {
            return; // `ctx: { user }` — the destructured names are used instead.
        }
        if !has_ctx {
            let Some(last) = pattern.properties.last() else {
                return;
            };
            let at = last.span.end;
            self.facts.fix.prelude.push(crate::report::Edit {
                start: at,
                end: at,
                text: ", ctx".into(),
            });
        }
        self.facts.fix.session_var = Some(SessionVar {
            name: "ctx".into(),
            identity_expr: path.into(),
            after_decl: self.facts.fix.body_insert_at.unwrap_or(0),
            // A client's `ctx` always exists: `if (!ctx)` would never fail.
            always_object: true,
        });
    }

    /// Follows an action-client chain down to its root, applying every `.use(mw)` middleware.
    /// Returns whether input is schema-validated and the `ctx` value.
    fn client_chain(&mut self, expr: &'a Expression<'a>, depth: u32) -> (bool, Value<'a>) {
        if depth > 24 {
            return (false, Value::default());
        }
        match strip(expr) {
            Expression::CallExpression(c) => {
                if let Expression::StaticMemberExpression(m) = strip(&c.callee) {
                    let method = m.property.name.as_str();
                    // tRPC: `procedure.experimental_caller(nextAppDirCaller({ createContext }))`
                    // makes the context every middleware below starts from.
                    if method == "experimental_caller" {
                        self.caller_ctx = self.trpc_caller_context(c);
                    }
                    let (mut validated, ctx) = self.client_chain(&m.object, depth + 1);
                    match method {
                        "schema" | "inputSchema" | "input" | "bindArgsSchemas" => validated = true,
                        "use" | "middleware" => {
                            if let Some(mw) = c.arguments.first().and_then(|a| a.as_expression()) {
                                let ctx = self.run_middleware(mw, ctx);
                                return (validated, ctx);
                            }
                        }
                        "handler" => {
                            // zsa procedure: `createServerActionProcedure().handler(fn)`; what fn
                            // returns becomes ctx.
                            if let Some(func) = c
                                .arguments
                                .first()
                                .and_then(|a| a.as_expression())
                                .and_then(as_func)
                            {
                                let v = self.call_function(
                                    self.module,
                                    func,
                                    vec![Value {
                                        fields: Some(Rc::new([("ctx".to_string(), ctx)].into())),
                                        ..Value::default()
                                    }],
                                    span_of(c.span),
                                );
                                let mut v = v;
                                v.identity |= v.guard.is_some();
                                v.owned |= v.identity;
                                return (validated, v);
                            }
                        }
                        _ => {}
                    }
                    (validated, ctx)
                } else {
                    // Root call: `createSafeActionClient(..)`, `createServerAction()`,
                    // `createServerActionProcedure(parent)`.
                    let name = path_of(&c.callee).unwrap_or_default();
                    if name.ends_with("createServerActionProcedure") {
                        if let Some(parent) = c.arguments.first().and_then(|a| a.as_expression()) {
                            return self.client_chain(parent, depth + 1);
                        }
                    }
                    (false, self.caller_ctx.take().unwrap_or_default())
                }
            }
            Expression::StaticMemberExpression(m) => self.client_chain(&m.object, depth + 1),
            Expression::Identifier(id) => {
                let name = id.name.as_str();
                // Defined in this module: follow its initialiser.
                if let Some(init) = self.scope.consts.get(name).copied() {
                    return self.client_chain(init, depth + 1);
                }
                // Imported from the project: follow its definition there.
                if let Some((module, init)) = self.graph.resolve_const(self.module, name) {
                    let saved = (self.module, self.scope.clone());
                    self.module = module;
                    self.scope = self.graph.module(module);
                    let r = self.client_chain(init, depth + 1);
                    (self.module, self.scope) = saved;
                    return r;
                }
                if guards::is_auth_client_name(name) {
                    self.assume(name, span_of(id.span), Assumed::AuthClient);
                    self.record_guard_call(span_of(id.span));
                    self.flow.authn = Authn::Checked;
                    self.flow.role |= name.to_ascii_lowercase().contains("admin");
                    self.record_check();
                    let ctx = Value {
                        identity: true,
                        owned: true,
                        identity_expr: Some("ctx.user.id".into()),
                        ..Value::default()
                    };
                    return (false, ctx);
                }
                (false, self.caller_ctx.take().unwrap_or_default())
            }
            _ => (false, self.caller_ctx.take().unwrap_or_default()),
        }
    }

    /// The context a tRPC caller creates: `experimental_caller(nextAppDirCaller({ createContext:
    /// () => .. }))` runs `createContext` (followed like any helper) before the middlewares.
    fn trpc_caller_context(&mut self, caller: &'a CallExpression<'a>) -> Option<Value<'a>> {
        let Some(Expression::CallExpression(adapter)) = caller
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .map(strip)
        else {
            return None;
        };
        let create = property_value(first_object_arg(adapter)?, "createContext")?;
        let (module, func) = match strip(create) {
            Expression::Identifier(id) => self.resolve_name(id.name.as_str())?,
            other => (self.module, as_func(other)?),
        };
        let mut ctx = self.call_function(module, func, Vec::new(), span_of(caller.span));
        mark_identity(&mut ctx);
        Some(ctx)
    }

    /// Runs a `.use(async ({ next, ctx }) => ..)` middleware up to its `next(..)` call; the flow
    /// there becomes the action's starting flow and the `ctx` it passes the action's `ctx`.
    fn run_middleware(&mut self, mw: &'a Expression<'a>, ctx: Value<'a>) -> Value<'a> {
        let func = match strip(mw) {
            Expression::Identifier(id) => self.resolve_name(id.name.as_str()),
            // `t.middleware(async ({ ctx, next }) => ..)`: the function it wraps.
            Expression::CallExpression(c) => c
                .arguments
                .first()
                .and_then(|a| a.as_expression())
                .and_then(as_func)
                .map(|f| (self.module, f)),
            _ => as_func(mw).map(|f| (self.module, f)),
        };
        let Some((module, func)) = func else {
            return ctx;
        };
        let mut fields = BTreeMap::new();
        fields.insert(
            "next".to_string(),
            Value {
                continuation: true,
                ..Value::default()
            },
        );
        fields.insert("ctx".to_string(), ctx.clone());
        let arg = Value {
            fields: Some(Rc::new(fields)),
            ..Value::default()
        };
        self.continuation_calls.clear();
        let before = self.flow.clone();
        let _ = self.call_function(module, func, vec![arg], span_of(mw.span()));
        let calls = std::mem::take(&mut self.continuation_calls);
        if calls.is_empty() {
            self.flow = before;
            return ctx;
        }
        let mut flow = Flow::unreachable();
        let mut passed = Value::default();
        for (f, vals) in calls {
            flow = flow.join(f);
            if let Some(v) = vals.into_iter().next() {
                passed = v;
            }
        }
        self.flow = flow;
        // `next({ ctx: { user } })`: the new ctx merges into the old one.
        match passed.field("ctx") {
            Some(new_ctx) => {
                let mut merged = new_ctx.clone();
                merged.identity |= ctx.identity || merged.guard.is_some();
                merged.owned |= merged.identity;
                if let (Some(old), Some(new)) = (&ctx.fields, &merged.fields) {
                    let mut all = (**old).clone();
                    all.extend(new.iter().map(|(k, v)| (k.clone(), v.clone())));
                    merged.fields = Some(Rc::new(all));
                }
                mark_identity(&mut merged);
                merged
            }
            None => ctx,
        }
    }

    // ----- functions ----------------------------------------------------------------------

    /// Out of steps while following helpers. The action's own body is always walked to the end
    /// (it is bounded by its size): only helpers stop being followed, so no sink the action
    /// reaches itself is lost.
    fn over_budget(&self) -> bool {
        self.steps > self.budget && !self.call_stack.is_empty()
    }

    fn walk_func_body(&mut self, func: Func<'a>) {
        if let Some(expr) = func.expression_body() {
            let v = self.eval(expr);
            self.on_return(v, expr.span());
        } else if let Some(body) = func.body() {
            self.walk_statements(&body.statements);
        }
    }

    /// Follows a call of a project function: binds its parameters, walks its body, and
    /// combines its return paths.
    fn call_function(
        &mut self,
        module: usize,
        func: Func<'a>,
        args: Vec<Value<'a>>,
        site: ByteSpan,
    ) -> Value<'a> {
        let key = (module, func.key());
        if self.call_stack.contains(&key)
            || self.call_stack.len() >= MAX_CALL_DEPTH
            || self.steps > self.budget
        {
            return args
                .iter()
                .fold(Value::default(), |acc, a| acc.merge(a.derived()));
        }
        self.call_stack.push(key);
        let sinks_before = self.facts.sinks.len();
        let continuations_before = self.continuation_calls.len();
        let authn_before = self.flow.authn;
        let fs = func.span();
        let is_closure = module == self.module
            && self
                .enclosing
                .iter()
                .any(|s| s.start <= fs.start && fs.end <= s.end);
        let saved_vars = if is_closure {
            self.vars.clone()
        } else {
            std::mem::take(&mut self.vars)
        };
        self.enclosing.push(fs);
        let saved_module = (self.module, self.scope.clone());
        let saved_in_body = self.in_action_body;
        self.in_action_body = false;
        if module != self.module {
            self.module = module;
            self.scope = self.graph.module(module);
        }
        let site_was = self.site;
        if self.site.is_none() {
            self.site = Some(site);
        }
        let params = func.params();
        for (i, param) in params.items.iter().enumerate() {
            let value = args.get(i).cloned().unwrap_or_default();
            self.bind_pattern(&param.pattern, value, None);
        }
        if let Some(rest) = &params.rest {
            let v = args
                .iter()
                .skip(params.items.len())
                .fold(Value::default(), |acc, a| acc.merge(a.clone()));
            self.bind_pattern(&rest.rest.argument, v, None);
        }
        self.frames.push(Frame {
            returns: Vec::new(),
        });
        self.walk_func_body(func);
        if self.flow.reachable {
            let f = self.flow.clone();
            self.frames.last_mut().unwrap().returns.push((
                f,
                Value {
                    falsy: true,
                    ..Value::default()
                },
            ));
        }
        let frame = self.frames.pop().unwrap();
        self.enclosing.pop();
        self.vars = saved_vars;
        (self.module, self.scope) = saved_module;
        self.in_action_body = saved_in_body;
        self.site = site_was;
        self.call_stack.pop();

        if frame.returns.is_empty() {
            self.flow = Flow::unreachable();
            return Value::default();
        }
        let joined = frame
            .returns
            .iter()
            .map(|(f, _)| f.clone())
            .reduce(Flow::join)
            .unwrap();
        // Each truthy return proves what held on its path plus what its value proves
        // (`return membership !== null`); the result proves what all of them share.
        let truthy = frame
            .returns
            .iter()
            .filter(|(_, v)| !v.falsy)
            .map(|(f, v)| {
                let mut f = f.clone();
                f.assume(&self.truthiness(v).0);
                f
            })
            .reduce(Flow::join);
        let mut result = Value::default();
        for (_, v) in &frame.returns {
            result = result.merge(v.clone());
        }
        if let Some(t) = truthy {
            let gained = Asserts {
                authn: if t.authn > joined.authn {
                    t.authn
                } else {
                    Authn::None
                },
                role: t.role && !joined.role,
                authorize: t
                    .authorized
                    .difference(&joined.authorized)
                    .cloned()
                    .collect(),
            };
            if !gained.is_empty() {
                result.auth_bool = Some(Rc::new(gained));
            }
        }
        if frame.returns.len() == 1 {
            result.falsy = frame.returns[0].1.falsy;
            result.func = frame.returns[0].1.func;
        }
        // `return null` on failure, `return { id: session.user.id }` on success: the object's
        // fields are what the caller reads.
        let mut truthy_values = frame
            .returns
            .iter()
            .filter(|(_, v)| !v.falsy)
            .map(|(_, v)| v);
        if let (Some(only), None) = (truthy_values.next(), truthy_values.next()) {
            result.fields = only.fields.clone();
            result.is_array = only.is_array;
        } else if frame.returns.len() > 1
            && frame
                .returns
                .iter()
                .all(|(_, v)| v.fields.is_some() && !v.is_array)
        {
            // `return { session: null, user: null }` on failure and `return { session, user }`
            // on success (Lucia's shape): each field is what it is on any path, so testing
            // `user` tests the lookup.
            let mut merged: BTreeMap<String, Value<'a>> = BTreeMap::new();
            for (_, v) in &frame.returns {
                for (k, x) in v.fields.as_deref().into_iter().flatten() {
                    let joined = match merged.remove(k) {
                        Some(prev) => prev.merge(x.clone()),
                        None => x.clone(),
                    };
                    merged.insert(k.clone(), joined);
                }
            }
            result.fields = Some(Rc::new(merged));
        }
        // A session helper (it returns the caller's session or identity, or it fails closed
        // when there is none) is judged as a guard: the writes it makes to find the caller
        // (a session row refreshed, a stale cookie cleared) are not sinks of the action. Writes
        // keyed or filled by client input stay, and so does anything a wrapper ran through the
        // action's own callback.
        let is_guard = result.guard.is_some()
            || result.session_root
            || result.identity
            || result.auth_bool.is_some()
            || joined.authn > authn_before;
        if is_guard
            && self.continuation_calls.len() == continuations_before
            && self.facts.sinks.len() > sinks_before
            && self.facts.sinks[sinks_before..]
                .iter()
                .all(|s| !s.client_input)
        {
            self.guard_internal
                .push(sinks_before..self.facts.sinks.len());
        }
        self.flow = joined;
        result
    }

    // ----- statements ---------------------------------------------------------------------

    fn walk_statements(&mut self, stmts: &'a [Statement<'a>]) {
        for stmt in stmts {
            if !self.flow.reachable {
                break;
            }
            self.walk_statement(stmt);
        }
    }

    fn walk_statement(&mut self, stmt: &'a Statement<'a>) {
        // `else if` chains and brace-less nesting recurse without brackets: bound the depth
        // (deeper statements are skipped, like deeper expressions).
        if self.depth > MAX_EXPR_DEPTH {
            return;
        }
        self.depth += 1;
        self.walk_statement_inner(stmt);
        self.depth -= 1;
    }

    fn walk_statement_inner(&mut self, stmt: &'a Statement<'a>) {
        if self.in_action_body
            && !matches!(
                stmt,
                Statement::BlockStatement(_)
                    | Statement::IfStatement(_)
                    | Statement::TryStatement(_)
            )
        {
            self.stmt_start = Some(stmt.span().start);
        }
        self.steps += 1;
        if self.over_budget() {
            return;
        }
        match stmt {
            Statement::ExpressionStatement(s) => {
                let v = self.eval(&s.expression);
                // `await checkAuth();` with its result ignored only makes sense if it throws or
                // redirects: an imported check-style helper called for effect fails closed.
                if v.guard
                    .is_some_and(|g| !g.unverified && !g.factory && !g.always_object)
                    && is_check_style_call(&s.expression)
                {
                    self.flow.authn = self.flow.authn.max(Authn::Checked);
                    self.record_check();
                }
                if self.in_action_body
                    && self.facts.fix.ignored_check.is_none()
                    && (v.auth_bool.is_some()
                        || v.guard.is_some_and(|g| !g.factory && !g.always_object))
                {
                    self.facts.fix.ignored_check =
                        Some((span_of(s.span), span_of(s.expression.span())));
                }
                if self.in_action_body
                    && self.facts.fix.unbound_guard.is_none()
                    && v.session_root
                    && v.guard.is_none()
                {
                    self.facts.fix.unbound_guard = Some(span_of(s.span));
                }
            }
            Statement::VariableDeclaration(decl) => self.walk_var_decl(decl),
            Statement::ReturnStatement(r) => {
                let v = r.argument.as_ref().map(|a| self.eval(a)).unwrap_or(Value {
                    falsy: true,
                    ..Value::default()
                });
                let span = r.argument.as_ref().map(|a| a.span()).unwrap_or(r.span);
                self.on_return(v, span);
            }
            Statement::ThrowStatement(t) => {
                self.eval(&t.argument);
                self.on_throw();
            }
            Statement::IfStatement(s) => self.walk_if(s),
            Statement::BlockStatement(b) => self.walk_statements(&b.body),
            Statement::TryStatement(t) => self.walk_try(t),
            Statement::ForOfStatement(f) => {
                let items = self.eval(&f.right);
                self.walk_loop(|w| {
                    w.bind_for_left(&f.left, items.derived());
                    w.walk_statement(&f.body);
                });
            }
            Statement::ForInStatement(f) => {
                let items = self.eval(&f.right);
                self.walk_loop(|w| {
                    w.bind_for_left(&f.left, items.derived());
                    w.walk_statement(&f.body);
                });
            }
            Statement::ForStatement(f) => {
                if let Some(init) = &f.init {
                    match init {
                        ForStatementInit::VariableDeclaration(d) => self.walk_var_decl(d),
                        other => {
                            if let Some(e) = other.as_expression() {
                                self.eval(e);
                            }
                        }
                    }
                }
                if let Some(test) = &f.test {
                    self.eval(test);
                }
                self.walk_loop(|w| w.walk_statement(&f.body));
            }
            Statement::WhileStatement(s) => {
                self.eval(&s.test);
                self.walk_loop(|w| w.walk_statement(&s.body));
            }
            Statement::DoWhileStatement(s) => {
                // The body runs at least once: what it establishes holds after the loop.
                self.breaks.push(Vec::new());
                self.continues.push(Vec::new());
                self.walk_statement(&s.body);
                let jumps: Vec<Flow> = self
                    .breaks
                    .pop()
                    .unwrap_or_default()
                    .into_iter()
                    .chain(self.continues.pop().unwrap_or_default())
                    .collect();
                self.flow = jumps
                    .into_iter()
                    .fold(std::mem::take(&mut self.flow), Flow::join);
                self.eval(&s.test);
            }
            Statement::BreakStatement(b) => {
                self.on_jump(true, b.label.as_ref().map(|l| l.name.as_str()))
            }
            Statement::ContinueStatement(c) => {
                self.on_jump(false, c.label.as_ref().map(|l| l.name.as_str()))
            }
            Statement::SwitchStatement(s) => {
                let subject = self.eval(&s.discriminant);
                let before = self.flow.clone();
                self.breaks.push(Vec::new());
                let mut out = Flow::unreachable();
                let mut has_default = false;
                for case in &s.cases {
                    has_default |= case.test.is_none();
                    self.flow = before.clone();
                    // `switch (user.role) { case "admin": .. }`: the case proves the role.
                    let label = case.test.as_ref().map(|t| self.eval(t));
                    let enum_label = case.test.as_ref().and_then(|t| self.enum_member(t));
                    if subject.role
                        && subject.taint.is_none()
                        && label
                            .as_ref()
                            .and_then(|l| l.str_lit)
                            .or(enum_label)
                            .is_some_and(is_privileged_role)
                    {
                        self.flow.role = true;
                    }
                    self.walk_statements(&case.consequent);
                    out = out.join(std::mem::take(&mut self.flow));
                }
                if !has_default {
                    out = out.join(before);
                }
                self.flow = self
                    .breaks
                    .pop()
                    .unwrap_or_default()
                    .into_iter()
                    .fold(out, Flow::join);
            }
            Statement::LabeledStatement(l) => {
                // `check: { .. break check; .. }`: a `break` of the label resumes after it. (A
                // labelled loop is its own target.)
                self.labels.push((l.label.name.as_str(), self.breaks.len()));
                self.breaks.push(Vec::new());
                self.walk_statement(&l.body);
                let breaks = self.breaks.pop().unwrap_or_default();
                self.labels.pop();
                self.flow = breaks
                    .into_iter()
                    .fold(std::mem::take(&mut self.flow), Flow::join);
            }
            Statement::FunctionDeclaration(f) => {
                if let Some(id) = &f.id {
                    let v = Value {
                        func: Some((self.module, Func::Function(f))),
                        ..Value::default()
                    };
                    self.vars.insert(id.name.as_str(), v);
                }
            }
            _ => {}
        }
    }

    fn walk_loop(&mut self, body: impl FnOnce(&mut Self)) {
        let before = self.flow.clone();
        self.breaks.push(Vec::new());
        self.continues.push(Vec::new());
        body(self);
        let breaks = self.breaks.pop().unwrap_or_default();
        let continues = self.continues.pop().unwrap_or_default();
        let after = std::mem::take(&mut self.flow);
        // The body may run zero times; a `return`/`throw` inside only ends that iteration's path,
        // and `break`/`continue` leave it with the state they had.
        self.flow = breaks
            .into_iter()
            .chain(continues)
            .fold(before.join(after), Flow::join);
    }

    /// `break` / `continue`: the rest of the block is skipped on this path, which resumes after
    /// the loop or `switch` (or at the next iteration) with the current state.
    fn on_jump(&mut self, is_break: bool, label: Option<&str>) {
        self.last_exit_swallowed = false;
        // `break label`: the labelled statement's target; otherwise (and for `continue`, whose
        // flows join at the loop's end anyway) the innermost loop or `switch`.
        let labelled = label
            .filter(|_| is_break)
            .and_then(|name| self.labels.iter().rev().find(|(l, _)| *l == name))
            .map(|&(_, at)| at);
        let target = match labelled {
            Some(at) => self.breaks.get_mut(at),
            None if is_break => self.breaks.last_mut(),
            None => self.continues.last_mut(),
        };
        if let Some(target) = target {
            target.push(self.flow.clone());
            self.flow = Flow::unreachable();
        }
    }

    fn bind_for_left(&mut self, left: &'a ForStatementLeft<'a>, value: Value<'a>) {
        if let ForStatementLeft::VariableDeclaration(d) = left {
            for decl in &d.declarations {
                self.bind_pattern(&decl.id, value.clone(), None);
            }
        }
    }

    fn walk_var_decl(&mut self, decl: &'a VariableDeclaration<'a>) {
        for d in &decl.declarations {
            let value = match &d.init {
                Some(init) => self.eval(init),
                None => Value::default(),
            };
            self.bind_pattern(&d.id, value, Some(decl.span.end));
        }
    }

    fn walk_if(&mut self, s: &'a IfStatement<'a>) {
        let (when_true, when_false) = self.cond(&s.test);
        let base = self.flow.clone();
        self.flow.assume(&when_true);
        self.walk_statement(&s.consequent);
        let after_true = std::mem::take(&mut self.flow);
        let true_exit_swallowed = self.last_exit_swallowed;
        self.flow = base;
        self.flow.assume(&when_false);
        if let Some(alt) = &s.alternate {
            self.walk_statement(alt);
        }
        let after_false = std::mem::take(&mut self.flow);
        let true_branch_fails_closed = !after_true.reachable
            && after_false.reachable
            && !when_false.is_empty()
            && !true_exit_swallowed;
        let false_branch_fails_closed = after_true.reachable
            && !after_false.reachable
            && !when_true.is_empty()
            && !self.last_exit_swallowed;
        if true_branch_fails_closed || false_branch_fails_closed {
            self.record_check();
            let gained = if true_branch_fails_closed {
                &when_false
            } else {
                &when_true
            };
            if gained.role || !gained.authorize.is_empty() {
                self.facts.authz_checks.push(AuthzCheck {
                    seq: self.seq,
                    role: gained.role,
                    keys: gained.authorize.iter().cloned().collect(),
                });
            }
        }
        self.flow = after_true.join(after_false);
    }

    fn walk_try(&mut self, t: &'a TryStatement<'a>) {
        let before = self.flow.clone();
        let swallows = t
            .handler
            .as_ref()
            .is_some_and(|h| !block_exits(&h.body.body));
        self.try_stack.push(TryFrame {
            swallows,
            throws: Vec::new(),
        });
        self.walk_statements(&t.block.body);
        let frame = self.try_stack.pop().unwrap();
        let after_block = std::mem::take(&mut self.flow);
        if let Some(handler) = &t.handler {
            let entry = frame.throws.into_iter().fold(before, Flow::join);
            self.flow = entry;
            if let Some(param) = &handler.param {
                self.bind_pattern(&param.pattern, Value::default(), None);
            }
            self.walk_statements(&handler.body.body);
            let after_catch = std::mem::take(&mut self.flow);
            self.flow = after_block.join(after_catch);
        } else {
            if let Some(outer) = self.try_stack.last_mut() {
                outer.throws.extend(frame.throws);
            }
            self.flow = after_block;
        }
        if let Some(fin) = &t.finalizer {
            self.walk_statements(&fin.body);
        }
    }

    // ----- exits --------------------------------------------------------------------------

    fn on_throw(&mut self) {
        self.last_exit_swallowed = self.try_stack.iter().any(|t| t.swallows);
        let f = self.flow.clone();
        if let Some(t) = self.try_stack.last_mut() {
            t.throws.push(f);
        }
        self.flow = Flow::unreachable();
    }

    fn on_return(&mut self, value: Value<'a>, span: oxc_span::Span) {
        self.last_exit_swallowed = false;
        if self.expand_returned && !self.frames.is_empty() {
            if let Some((module, func)) = value.func {
                // `return async (...args) => { ..; return handler(user, ...args) }`: what runs.
                self.expand_returned = false;
                let params = func.params();
                let mut args: Vec<Value<'a>> = params
                    .items
                    .iter()
                    .map(|p| self.client_param_value(&p.pattern))
                    .collect();
                if let Some(rest) = &params.rest {
                    args.push(self.client_param_value(&rest.rest.argument));
                }
                let before = self.flow.clone();
                let _ = self.call_function(module, func, args, span_of(span));
                self.flow = before;
                self.expand_returned = true;
            }
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.returns.push((self.flow.clone(), value));
            self.flow = Flow::unreachable();
            return;
        }
        // The action itself returns: which records reach the caller, whole or field by field?
        let mut records: Vec<(Rc<Record>, bool)> = Vec::new();
        collect_records(&value, &mut records, 0);
        let mut seen = Vec::new();
        for (record, whole) in records {
            if let Some(idx) = record.sink.filter(|i| !seen.contains(i)) {
                seen.push(idx);
                // A count or aggregate over everyone's rows returns no record: only one keyed
                // by client input (which the sink already counts) is worth a finding.
                if record.aggregate && record.keys.is_empty() {
                    continue;
                }
                let authorized = record.scoped || self.flow.authorizes(&record.keys);
                let authn = self.flow.authn;
                let role = self.flow.role;
                if let Some(sink) = self
                    .facts
                    .sinks
                    .get_mut(idx)
                    .filter(|s| s.kind == SinkKind::Read)
                {
                    sink.sensitive = true;
                    sink.exposed = true;
                    sink.authn = sink.authn.max(authn);
                    sink.authorized = authorized;
                    if !authorized {
                        sink.unauthorized_keys = record.keys.iter().cloned().collect();
                    }
                    // Returning every user's rows is an admin-only read.
                    if record.keys.is_empty() && !record.scoped && !role && record.user_model {
                        sink.admin_only =
                            Some("it returns other users' account records".to_string());
                        // The role check goes before the statement that returns them.
                        if self.in_action_body && self.facts.fix.admin_stmt.is_none() {
                            self.facts.fix.admin_stmt = self.stmt_start;
                        }
                    }
                }
            }
            if whole
                && record.raw
                && !self
                    .facts
                    .raw_returns
                    .iter()
                    .any(|r| r.source == record.label)
            {
                self.facts.raw_returns.push(RawReturn {
                    span: span_of(span),
                    source: record.label.clone(),
                });
            }
        }
        self.flow = Flow::unreachable();
    }

    fn record_check(&mut self) {
        self.seq += 1;
        self.facts.checks.push(self.seq);
    }

    fn record_guard_call(&mut self, span: ByteSpan) {
        self.seq += 1;
        let span = self.site.unwrap_or(span);
        self.facts.guard_calls.push((self.seq, span));
    }

    // ----- bindings -----------------------------------------------------------------------

    fn bind_pattern(
        &mut self,
        pattern: &'a BindingPattern<'a>,
        value: Value<'a>,
        decl_end: Option<u32>,
    ) {
        match pattern {
            BindingPattern::BindingIdentifier(id) => {
                let name = id.name.as_str();
                let mut value = value;
                if value.guard.is_some()
                    && !value.guard.unwrap().factory
                    && value.identity_expr.is_none()
                {
                    value.identity_expr = Some(default_identity_expr(name));
                }
                // Functions on an auth result (Clerk's `has`, `protect`) are always present:
                // testing them proves nothing, so they are no variable for a fix to check.
                let is_method = matches!(
                    name,
                    "has" | "protect" | "redirectToSignIn" | "redirectToSignUp" | "getToken"
                );
                let from_session = !is_method
                    && (value.guard.is_some_and(|g| !g.error && !g.factory) || value.session_root);
                if let (Some(end), true, true) = (decl_end, from_session, self.in_action_body) {
                    if self.facts.fix.session_var.is_none() {
                        self.facts.fix.session_var = Some(SessionVar {
                            name: name.to_string(),
                            identity_expr: value
                                .identity_expr
                                .clone()
                                .unwrap_or_else(|| default_identity_expr(name)),
                            after_decl: end,
                            always_object: value.guard.is_some_and(|g| g.always_object),
                        });
                    }
                }
                if let Some(t) = value.taint.as_mut() {
                    // A named client value is its own label, so checks on the name authorize it.
                    if t.labels.len() > 1 || decl_end.is_none() {
                        // keep provenance labels for parameters and merged values
                    }
                    t.labels.insert(name.to_string());
                    t.actor |= names::is_actor_id_name(name);
                    t.role |= names::is_role_name(name);
                }
                if value.identity && names::is_role_name(name) {
                    value.role = true;
                }
                self.vars.insert(name, value);
            }
            BindingPattern::ObjectPattern(obj) => {
                for prop in &obj.properties {
                    let key = prop.key.static_name();
                    let child = self.member_value(&value, key.as_deref().unwrap_or(""), None);
                    self.bind_pattern(&prop.value, child, decl_end);
                }
                if let Some(rest) = &obj.rest {
                    self.bind_pattern(&rest.argument, value.derived(), decl_end);
                }
            }
            BindingPattern::ArrayPattern(arr) => {
                for (i, el) in arr.elements.iter().enumerate() {
                    let Some(el) = el else { continue };
                    // `const [a, b] = await Promise.all([x, y])`: each element keeps its value.
                    // `const [member] = await db.select()..`: a row of the rows read.
                    let element = value
                        .field(&format!("[{i}]"))
                        .cloned()
                        .unwrap_or_else(|| element_of(&value));
                    self.bind_pattern(el, element, decl_end);
                }
                if let Some(rest) = &arr.rest {
                    self.bind_pattern(&rest.argument, value.derived(), decl_end);
                }
            }
            BindingPattern::AssignmentPattern(a) => {
                let default = self.eval(&a.right);
                let merged = if value.taint.is_none() && value.guard.is_none() && !value.identity {
                    value.merge(default)
                } else {
                    value
                };
                self.bind_pattern(&a.left, merged, decl_end);
            }
        }
    }

    // ----- conditions ---------------------------------------------------------------------

    /// What `expr` being true, and being false, establishes.
    fn cond(&mut self, expr: &'a Expression<'a>) -> (Asserts, Asserts) {
        self.depth += 1;
        let r = if self.depth > MAX_EXPR_DEPTH {
            (Asserts::default(), Asserts::default())
        } else {
            self.cond_inner(expr)
        };
        self.depth -= 1;
        r
    }

    fn cond_inner(&mut self, expr: &'a Expression<'a>) -> (Asserts, Asserts) {
        match strip_await(expr) {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                let (t, f) = self.cond(&u.argument);
                (f, t)
            }
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::And => {
                let (ta, fa) = self.cond(&l.left);
                let (tb, fb) = self.cond(&l.right);
                (ta.and(tb), fa.or(fb))
            }
            Expression::LogicalExpression(l) if l.operator == LogicalOperator::Or => {
                let (ta, fa) = self.cond(&l.left);
                let (tb, fb) = self.cond(&l.right);
                (ta.or(tb), fa.and(fb))
            }
            // `rows.length === 0` / `rows.length > 0` on rows read scoped to the caller: some row
            // exists, so the caller owns what the client keys select (`if (!row)` for arrays).
            Expression::BinaryExpression(b) if self.is_row_count_test(b) => {
                let v = self.eval(&b.left);
                let (found, _) = self.truthiness(&Value {
                    field_of: None,
                    ..v
                });
                self.eval(&b.right);
                let zero =
                    matches!(strip(&b.right), Expression::NumericLiteral(n) if n.value == 0.0);
                let means_found = match b.operator {
                    BinaryOperator::StrictInequality | BinaryOperator::Inequality => zero,
                    BinaryOperator::GreaterThan => zero,
                    BinaryOperator::GreaterEqualThan => !zero,
                    BinaryOperator::Equality | BinaryOperator::StrictEquality => !zero,
                    _ => false,
                };
                let means_empty = match b.operator {
                    BinaryOperator::Equality | BinaryOperator::StrictEquality => zero,
                    BinaryOperator::LessThan => !zero,
                    BinaryOperator::LessEqualThan => zero,
                    _ => false,
                };
                match (means_found, means_empty) {
                    (true, _) => (found, Asserts::default()),
                    (_, true) => (Asserts::default(), found),
                    _ => (Asserts::default(), Asserts::default()),
                }
            }
            Expression::BinaryExpression(b) if b.operator.is_equality() => {
                let equal = matches!(
                    b.operator,
                    BinaryOperator::Equality | BinaryOperator::StrictEquality
                );
                let asserts_when_equal = self.compare(&b.left, &b.right);
                match asserts_when_equal {
                    Compared::Equal(a) => {
                        if equal {
                            (a, Asserts::default())
                        } else {
                            (Asserts::default(), a)
                        }
                    }
                    Compared::Nullish(t, f) => {
                        // `x === null` is true when x is falsy.
                        if equal {
                            (f, t)
                        } else {
                            (t, f)
                        }
                    }
                }
            }
            Expression::BinaryExpression(b) if matches!(b.operator, BinaryOperator::In) => {
                self.eval(&b.left);
                let v = self.eval(&b.right);
                self.truthiness(&v)
            }
            other => {
                let v = self.eval(other);
                self.truthiness(&v)
            }
        }
    }

    /// `<rows>.length <op> 0|1` (the row count of a read compared with zero or one).
    fn is_row_count_test(&self, b: &BinaryExpression<'a>) -> bool {
        let Expression::StaticMemberExpression(m) = strip(&b.left) else {
            return false;
        };
        m.property.name == "length"
            && matches!(strip(&b.right), Expression::NumericLiteral(n) if n.value == 0.0 || n.value == 1.0)
            && !matches!(b.operator, BinaryOperator::Instanceof | BinaryOperator::In)
    }

    /// What a value being truthy / falsy establishes.
    fn truthiness(&self, v: &Value<'a>) -> (Asserts, Asserts) {
        if let Some(a) = &v.auth_bool {
            return ((**a).clone(), Asserts::default());
        }
        if let Some(g) = v.guard {
            let level = if g.unverified {
                Authn::Unverified
            } else {
                Authn::Checked
            };
            if g.error {
                return (
                    Asserts::default(),
                    Asserts {
                        authn: level,
                        ..Asserts::default()
                    },
                );
            }
            if !g.always_object && !g.factory {
                return (
                    Asserts {
                        authn: level,
                        role: v.role,
                        ..Asserts::default()
                    },
                    Asserts::default(),
                );
            }
            return (Asserts::default(), Asserts::default());
        }
        if v.raw_token {
            // `if (!token) redirect(..)`: a token is present, but nothing verified it yet.
            return (
                Asserts {
                    authn: Authn::Unverified,
                    ..Asserts::default()
                },
                Asserts::default(),
            );
        }
        if v.identity && v.taint.is_none() && !v.role && v.record.is_none() {
            // `if (!session.userId)`: the caller's id is present only for a signed-in caller.
            return (
                Asserts {
                    authn: Authn::Checked,
                    ..Asserts::default()
                },
                Asserts::default(),
            );
        }
        if v.role && v.taint.is_none() {
            return (
                Asserts {
                    role: true,
                    ..Asserts::default()
                },
                Asserts::default(),
            );
        }
        // `if (!row)`, and `if (!rows.length)` for a list of rows.
        let whole = v.field_of.is_none() || v.field_of.as_deref() == Some("length");
        if let (Some(r), true) = (&v.record, whole) {
            if r.scoped && !r.keys.is_empty() {
                return (
                    Asserts {
                        authorize: r.keys.clone(),
                        ..Asserts::default()
                    },
                    Asserts::default(),
                );
            }
        }
        (Asserts::default(), Asserts::default())
    }

    /// The member name of an enum-like constant (`UserRole.admin`, `Role.ADMIN`): a capitalised
    /// name the module imports or defines at its top level, never a local value.
    fn enum_member(&self, expr: &'a Expression<'a>) -> Option<&'a str> {
        let Expression::StaticMemberExpression(m) = strip(expr) else {
            return None;
        };
        let Expression::Identifier(object) = strip(&m.object) else {
            return None;
        };
        let name = object.name.as_str();
        // Locals and parameters are values, not enums; imports, top-level constants and enums
        // (and globals) are not in `vars`.
        let enum_like =
            name.starts_with(|c: char| c.is_ascii_uppercase()) && !self.vars.contains_key(name);
        enum_like.then(|| m.property.name.as_str())
    }

    fn compare(&mut self, left: &'a Expression<'a>, right: &'a Expression<'a>) -> Compared {
        let l = self.eval(left);
        let r = self.eval(right);
        let nullish = |e: &Expression<'_>, v: &Value<'_>| {
            matches!(strip(e), Expression::NullLiteral(_))
                || (v.falsy && v.str_lit.is_none() && is_undefined(e))
        };
        if nullish(right, &r) {
            let (t, f) = self.truthiness(&l);
            return Compared::Nullish(t, f);
        }
        if nullish(left, &l) {
            let (t, f) = self.truthiness(&r);
            return Compared::Nullish(t, f);
        }
        let mut asserts = Asserts::default();
        // Role: `session.user.role === "admin"`, or an enum member (`UserRole.admin`).
        let l_lit = l.str_lit.or_else(|| self.enum_member(left));
        let r_lit = r.str_lit.or_else(|| self.enum_member(right));
        for ((a, a_lit), (_, b_lit)) in [((&l, l_lit), (&r, r_lit)), ((&r, r_lit), (&l, l_lit))] {
            if a_lit.is_none() && b_lit.is_some() {
                if a.role && a.taint.is_none() {
                    // `role === "admin"` proves a privilege; `role === "viewer"` does not.
                    asserts.role = b_lit.is_some_and(is_privileged_role);
                    if a.guard.is_some() || a.identity {
                        asserts.authn = Authn::Checked;
                    }
                } else if let Some(t) = &a.taint {
                    if t.role && !self.flow.role {
                        self.identity_issue(a.span, "the caller's role");
                    }
                }
            }
        }
        // `membership.role === "owner"` on a membership read scoped to the caller: equal to a
        // literal, the record exists, so the caller belongs to what its keys select.
        for (field, other) in [(&l, &r), (&r, &l)] {
            if let (Some(rec), Some(_), Some(_)) = (&field.record, &field.field_of, other.str_lit) {
                if rec.scoped && !rec.keys.is_empty() && field.taint.is_none() {
                    asserts.authorize.extend(rec.keys.iter().cloned());
                    asserts.authn = Authn::Checked;
                }
            }
        }
        // `session.user.email === ADMIN_EMAIL`: the caller compared with a server-side constant.
        for (id, other_expr, other) in [(&l, right, &r), (&r, left, &l)] {
            if (id.identity || id.guard.is_some())
                && id.taint.is_none()
                && other.taint.is_none()
                && !other.identity
                && is_server_constant(other_expr)
            {
                asserts.role = true;
                asserts.authn = Authn::Checked;
            }
        }
        // `key === process.env.CRON_SECRET`: a secret the caller presents, compared with the
        // server's. Whoever passes holds the secret: authenticated, with a privilege.
        for (presented, secret_expr) in [(&l, right), (&r, left)] {
            if is_server_secret(secret_expr) && !presented.identity && presented.str_lit.is_none() {
                asserts.authn = Authn::Checked;
            }
        }
        // Ownership: identity on one side.
        for (id, other) in [(&l, &r), (&r, &l)] {
            if (id.identity || id.guard.is_some()) && id.taint.is_none() && id.str_lit.is_none() {
                if let (Some(rec), Some(_)) = (&other.record, &other.field_of) {
                    asserts.authorize.extend(rec.keys.iter().cloned());
                    asserts.authn = Authn::Checked;
                } else if let Some(t) = &other.taint {
                    // The client value equals the caller: it is the caller's own id.
                    asserts.authorize.extend(t.labels.iter().cloned());
                    asserts.authn = Authn::Checked;
                }
            }
        }
        // A record's owner compared with a client value: the client decides who the actor is.
        for (field, other) in [(&l, &r), (&r, &l)] {
            if let (Some(_), Some(name)) = (&field.record, &field.field_of) {
                if let (Some(taint), false, true) =
                    (&other.taint, other.identity, names::is_owner_field(name))
                {
                    let labels = taint.labels.clone();
                    if !self.flow.authorizes(&labels)
                        || self.flow.role
                            && !labels.iter().all(|l| self.flow.authorized.contains(l))
                    {
                        self.identity_issue(
                            other.span,
                            &format!("the owner in an ownership check (`{name}`)"),
                        );
                    }
                }
            }
        }
        Compared::Equal(asserts)
    }

    fn identity_issue(&mut self, span: Option<ByteSpan>, used_as: &str) {
        let Some(span) = span else { return };
        let span = if self.in_action_body {
            span
        } else {
            self.site.unwrap_or(span)
        };
        if self.facts.identity_issues.iter().any(|i| i.span == span) {
            return;
        }
        let replacement = self
            .facts
            .fix
            .session_var
            .as_ref()
            .map(|s| s.identity_expr.clone());
        self.facts.identity_issues.push(IdentityIssue {
            span,
            used_as: used_as.to_string(),
            replacement,
        });
    }
}

/// The outcome of comparing two values.
enum Compared {
    /// What equality establishes.
    Equal(Asserts),
    /// A comparison with `null`/`undefined`: (value truthy, value falsy).
    Nullish(Asserts, Asserts),
}

// ----- expressions ------------------------------------------------------------------------

impl<'g, 'a> Walker<'g, 'a> {
    fn eval_argument(&mut self, arg: &'a Argument<'a>) -> Value<'a> {
        match arg {
            Argument::SpreadElement(s) => self.eval(&s.argument),
            other => match other.as_expression() {
                Some(e) => self.eval(e),
                None => Value::default(),
            },
        }
    }

    fn eval(&mut self, expr: &'a Expression<'a>) -> Value<'a> {
        self.depth += 1;
        self.steps += 1;
        let mut v = if self.depth > MAX_EXPR_DEPTH || self.over_budget() {
            Value::default()
        } else {
            self.eval_inner(expr)
        };
        self.depth -= 1;
        if v.span.is_none() {
            v.span = Some(span_of(expr.span()));
        }
        v
    }

    fn eval_inner(&mut self, expr: &'a Expression<'a>) -> Value<'a> {
        match expr {
            Expression::ParenthesizedExpression(e) => self.eval(&e.expression),
            Expression::TSAsExpression(e) => self.eval(&e.expression),
            Expression::TSSatisfiesExpression(e) => self.eval(&e.expression),
            Expression::TSNonNullExpression(e) => self.eval(&e.expression),
            Expression::TSTypeAssertion(e) => self.eval(&e.expression),
            Expression::TSInstantiationExpression(e) => self.eval(&e.expression),
            Expression::AwaitExpression(e) => self.eval(&e.argument),
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) => self.eval_call(call),
                ChainElement::TSNonNullExpression(e) => self.eval(&e.expression),
                other => match other.as_member_expression() {
                    Some(m) => self.eval_member(m),
                    None => Value::default(),
                },
            },
            Expression::Identifier(id) => self.eval_identifier(id.name.as_str(), span_of(id.span)),
            Expression::StringLiteral(s) => Value {
                str_lit: Some(s.value.as_str()),
                falsy: s.value.is_empty(),
                inert: Some("string"),
                ..Value::default()
            },
            Expression::NullLiteral(_) => Value {
                falsy: true,
                ..Value::default()
            },
            Expression::BooleanLiteral(b) => Value {
                falsy: !b.value,
                ..Value::default()
            },
            Expression::NumericLiteral(n) => Value {
                falsy: n.value == 0.0,
                ..Value::default()
            },
            Expression::TemplateLiteral(t) => {
                let mut v = Value::default();
                for e in &t.expressions {
                    let x = self.eval(e);
                    v = v.merge(x.derived());
                }
                if t.expressions.is_empty() {
                    v.str_lit = t.quasis.first().map(|q| q.value.raw.as_str());
                }
                v.inert = Some("string");
                v
            }
            Expression::TaggedTemplateExpression(t) => self.eval_tagged_template(t),
            Expression::CallExpression(call) => self.eval_call(call),
            Expression::NewExpression(n) => self.eval_new(n),
            Expression::StaticMemberExpression(_)
            | Expression::ComputedMemberExpression(_)
            | Expression::PrivateFieldExpression(_) => {
                self.eval_member(expr.as_member_expression().unwrap())
            }
            Expression::ObjectExpression(o) => self.eval_object(o),
            Expression::ArrayExpression(a) => {
                let mut v = Value::default();
                let mut fields = BTreeMap::new();
                for (i, el) in a.elements.iter().enumerate() {
                    let x = match el {
                        ArrayExpressionElement::SpreadElement(s) => self.eval(&s.argument),
                        ArrayExpressionElement::Elision(_) => Value::default(),
                        other => other
                            .as_expression()
                            .map(|e| self.eval(e))
                            .unwrap_or_default(),
                    };
                    fields.insert(format!("[{i}]"), x.clone());
                    v = v.merge(x.derived());
                }
                v.fields = Some(Rc::new(fields));
                v.is_array = true;
                v.inert = Some("array");
                v
            }
            Expression::LogicalExpression(l) => {
                let a = self.eval(&l.left);
                let b = self.eval(&l.right);
                // `return isOwner || isAdmin`: what the combined value's truthiness proves.
                let proof = match l.operator {
                    LogicalOperator::Or => Some(self.truthiness(&a).0.or(self.truthiness(&b).0)),
                    LogicalOperator::And => Some(self.truthiness(&a).0.and(self.truthiness(&b).0)),
                    LogicalOperator::Coalesce => None,
                };
                let mut v = a.merge(b);
                if let Some(p) = proof.filter(|p| !p.is_empty()) {
                    v.auth_bool = Some(Rc::new(p));
                }
                v
            }
            Expression::ConditionalExpression(c) => {
                self.cond(&c.test);
                let a = self.eval(&c.consequent);
                let b = self.eval(&c.alternate);
                a.merge(b)
            }
            Expression::BinaryExpression(b) if b.operator.is_equality() => {
                // `return membership !== null`: truthy only when the comparison's facts hold.
                let (when_true, _) = self.cond_inner(expr);
                Value {
                    auth_bool: (!when_true.is_empty()).then(|| Rc::new(when_true)),
                    span: Some(span_of(b.span)),
                    ..Value::default()
                }
            }
            Expression::BinaryExpression(b) => {
                let a = self.eval(&b.left);
                let c = self.eval(&b.right);
                let mut v = a.derived().merge(c.derived());
                v.span = Some(span_of(b.span));
                // `ROLES[member.role] >= ROLES.editor`: a rank comparison of a server-side role.
                let relational = matches!(
                    b.operator,
                    BinaryOperator::GreaterEqualThan
                        | BinaryOperator::GreaterThan
                        | BinaryOperator::LessThan
                        | BinaryOperator::LessEqualThan
                );
                let role_side = |x: &Value<'a>| {
                    x.taint.is_none()
                        && (x.role || x.field_of.as_deref().is_some_and(names::is_role_name))
                };
                if relational
                    && (role_side(&a) || role_side(&c))
                    && a.taint.is_none()
                    && c.taint.is_none()
                {
                    v.auth_bool = Some(Rc::new(Asserts {
                        role: true,
                        ..Asserts::default()
                    }));
                } else if relational {
                    // `count > 0` on a scoped count: the same proof as the record existing.
                    let proof = [&a, &c]
                        .into_iter()
                        .find(|x| x.record.is_some() && x.field_of.is_none())
                        .map(|x| self.truthiness(x).0);
                    if let Some(p) = proof.filter(|p| !p.is_empty()) {
                        v.auth_bool = Some(Rc::new(p));
                    }
                }
                v
            }
            Expression::UnaryExpression(u) => {
                let a = self.eval(&u.argument);
                if u.operator == UnaryOperator::Void {
                    return Value {
                        falsy: true,
                        ..Value::default()
                    };
                }
                a.derived()
            }
            Expression::AssignmentExpression(a) => {
                let v = self.eval(&a.right);
                if let AssignmentTarget::AssignmentTargetIdentifier(id) = &a.left {
                    let name = id.name.as_str();
                    self.vars.insert(name, v.clone());
                } else if let Some(m) = a.left.as_member_expression() {
                    // `post.title = x` on a record: mark the record's later save as writing x.
                    self.eval(m.object());
                }
                v
            }
            Expression::SequenceExpression(s) => {
                let mut last = Value::default();
                for e in &s.expressions {
                    last = self.eval(e);
                }
                last
            }
            Expression::ArrowFunctionExpression(a) => Value {
                func: Some((self.module, Func::Arrow(a))),
                ..Value::default()
            },
            Expression::FunctionExpression(f) => Value {
                func: Some((self.module, Func::Function(f))),
                ..Value::default()
            },
            Expression::JSXElement(_) | Expression::JSXFragment(_) => Value::default(),
            _ => Value::default(),
        }
    }

    fn eval_identifier(&mut self, name: &'a str, span: ByteSpan) -> Value<'a> {
        if let Some(v) = self.vars.get(name) {
            let mut v = v.clone();
            v.span = Some(span);
            return v;
        }
        if name == "undefined" {
            return Value {
                falsy: true,
                ..Value::default()
            };
        }
        // Module-level constants: service-role clients, functions.
        if let Some(func) = self.scope.functions.get(name).copied() {
            return Value {
                func: Some((self.module, func)),
                span: Some(span),
                ..Value::default()
            };
        }
        if let Some(init) = self.scope.consts.get(name).copied() {
            if is_service_client_expr(init, self.scope.source) {
                return Value {
                    service: true,
                    span: Some(span),
                    ..Value::default()
                };
            }
        }
        if self.scope.imports.contains_key(name) && is_service_client_name(name) {
            return Value {
                service: true,
                span: Some(span),
                ..Value::default()
            };
        }
        Value::default()
    }

    fn eval_object(&mut self, o: &'a ObjectExpression<'a>) -> Value<'a> {
        let mut fields = BTreeMap::new();
        let mut rest = Value::default();
        let mut falsy = false;
        for (i, prop) in o.properties.iter().enumerate() {
            match prop {
                ObjectPropertyKind::ObjectProperty(p) => {
                    let v = self.eval(&p.value);
                    let key = p
                        .key
                        .static_name()
                        .map(|k| k.to_string())
                        .unwrap_or_else(|| format!("[computed {i}]"));
                    let failure_flag = match key.as_str() {
                        "error" => !v.falsy,
                        "success" | "ok" => v.falsy,
                        _ => false,
                    };
                    if failure_flag {
                        falsy = true;
                    }
                    fields.insert(key, v);
                }
                ObjectPropertyKind::SpreadProperty(s) => {
                    let v = self.eval(&s.argument);
                    if let Some(f) = &v.fields {
                        for (k, x) in f.iter() {
                            fields.insert(k.clone(), x.clone());
                        }
                    } else {
                        fields.insert(format!("...{i}"), v.clone());
                        rest = rest.merge(v.derived());
                        // `{ ...article, extra }`: unknown fields still read the record.
                        if v.field_of.is_none() {
                            rest.record = rest.record.or(v.record.clone());
                        }
                    }
                }
            }
        }
        let mut v = rest;
        v.fields = Some(Rc::new(fields));
        v.falsy = falsy;
        v
    }

    fn eval_member(&mut self, m: &'a MemberExpression<'a>) -> Value<'a> {
        let obj = self.eval(m.object());
        if let (Some(g), MemberExpression::StaticMemberExpression(s)) = (obj.guard, m) {
            if g.always_object && self.in_action_body && self.facts.fix.session_field.is_none() {
                self.facts.fix.session_field = Some(s.property.name.to_string());
            }
        }
        let prop: Option<&str> = match m {
            MemberExpression::StaticMemberExpression(s) => Some(s.property.name.as_str()),
            MemberExpression::ComputedMemberExpression(c) => {
                let k = self.eval(&c.expression);
                k.str_lit
            }
            MemberExpression::PrivateFieldExpression(_) => None,
        };
        let mut v = self.member_value(&obj, prop.unwrap_or(""), Some(span_of(m.span())));
        v.span = Some(span_of(m.span()));
        v
    }

    /// The value of `obj.prop` (also used for destructuring).
    fn member_value(&self, obj: &Value<'a>, prop: &str, _span: Option<ByteSpan>) -> Value<'a> {
        if let Some(field) = obj.field(prop) {
            return field.clone();
        }
        let mut v = Value {
            auth_bool: obj.auth_bool.clone(),
            raw_token: obj.raw_token,
            anon_owned: obj.anon_owned,
            ..Value::default()
        };
        if let Some(g) = obj.guard {
            if g.factory {
                v.guard = Some(Guard { factory: true, ..g });
                return v;
            }
            let is_error = matches!(prop, "error" | "err");
            v.guard = Some(Guard {
                always_object: false,
                error: is_error,
                ..g
            });
            v.identity = !is_error;
            v.owned = !is_error;
            v.role = names::is_role_name(prop) || obj.role;
            v.identity_expr = obj
                .identity_expr
                .as_ref()
                .map(|base| refine_identity_expr(base, prop));
            if matches!(prop, "data" | "user" | "session" | "claims") {
                // `data.user`, `session.user`: still the lookup result.
            }
            return v;
        }
        if obj.identity || obj.owned {
            v.identity = obj.identity;
            v.owned = true;
            v.role = names::is_role_name(prop) || obj.role;
            v.identity_expr = obj
                .identity_expr
                .as_ref()
                .map(|base| refine_identity_expr(base, prop));
        }
        if let Some(t) = &obj.taint {
            let mut t = t.clone();
            if !prop.is_empty() && !matches!(prop, "data" | "length") {
                t.actor |= names::is_actor_id_name(prop);
                t.role |= names::is_role_name(prop);
                if !obj.identity {
                    t.labels.insert(format!(
                        "{}.{prop}",
                        t.labels.iter().next().cloned().unwrap_or_default()
                    ));
                }
            }
            v.taint = Some(t);
        }
        if let Some(rec) = &obj.record {
            v.record = Some(rec.clone());
            // `const { data } = await supabase.from(..).select(..)`: `data` is the rows.
            v.field_of = if prop == "data" && obj.field_of.is_none() {
                None
            } else {
                Some(prop.to_string())
            };
            if rec.scoped || !rec.keys.is_empty() && self.flow.authorizes(&rec.keys) {
                v.owned = true;
            }
        }
        v.service = obj.service && matches!(prop, "from" | "storage" | "rpc" | "schema");
        v
    }

    fn eval_new(&mut self, n: &'a NewExpression<'a>) -> Value<'a> {
        let args: Vec<Value<'a>> = n.arguments.iter().map(|a| self.eval_argument(a)).collect();
        let class = path_of(&n.callee).unwrap_or_default();
        let last = class.rsplit('.').next().unwrap_or("");
        if let Some(kind) = sinks::s3_command(last) {
            let m = SinkMatch {
                kind,
                library: "AWS S3",
                op: last.to_string(),
                model: None,
                op_index: 0,
                shape: ArgShape::KeyThenData,
            };
            // `{ Bucket, Key, Body }`: the key names the object, the body is written.
            let input = args.first().cloned().unwrap_or_default();
            let mut keys = Vec::new();
            let mut data = Vec::new();
            for field in ["Key", "Bucket", "Delete"] {
                if let Some(v) = input.field(field) {
                    v.leaves(Some(field), &mut keys, 0);
                }
            }
            if let Some(body) = input.field("Body") {
                body.leaves(Some("Body"), &mut data, 0);
            }
            if input.fields.is_none() {
                input.leaves(None, &mut keys, 0);
            }
            // A `GetObjectCommand` is a read: its object reaches the caller through a signed URL.
            let read = self.record_sink(
                &m,
                &format!("new {last}(..)"),
                span_of(n.span),
                keys,
                data,
                false,
                None,
                None,
            );
            // Keyed by a record's data (`Key: file.key`): that record is what is exposed.
            if read.record.as_ref().is_some_and(|r| r.keys.is_empty()) {
                let mut v = Value::default();
                carry_records(&mut v, &args);
                if v.record.is_some() {
                    return v;
                }
            }
            return read;
        }
        // `new Date()`, `new Headers(..)`: a built-in that stores nothing.
        if !class.contains('.') {
            let shadowed = self.vars.contains_key(class.as_str())
                || self.scope.imports.contains_key(class.as_str())
                || self.scope.functions.contains_key(class.as_str());
            if let Some(inert) = builtins::inert_class(&class, shadowed) {
                let mut v = args
                    .iter()
                    .fold(Value::default(), |acc, a| acc.merge(a.derived()));
                v.inert = Some(inert);
                return v;
            }
        }
        // `new ObjectId(id)`: the same id, so still the client's key.
        let mut v = if last.ends_with("ObjectId") || last.ends_with("Id") || last == "UUID" {
            args.iter()
                .fold(Value::default(), |acc, a| acc.merge(a.derived()))
        } else {
            Value::default()
        };
        // `new GetObjectCommand({ Key: file.key })`: built from the record's data.
        carry_records(&mut v, &args);
        v
    }

    fn eval_tagged_template(&mut self, t: &'a TaggedTemplateExpression<'a>) -> Value<'a> {
        let tag = path_of(&t.tag).unwrap_or_default();
        let values: Vec<Value<'a>> = t.quasi.expressions.iter().map(|e| self.eval(e)).collect();
        let first_text = t
            .quasi
            .quasis
            .first()
            .map(|q| q.value.raw.as_str())
            .unwrap_or("");
        let is_sql_tag = {
            let last = tag.rsplit('.').next().unwrap_or("");
            matches!(
                last,
                "sql"
                    | "$executeRaw"
                    | "$queryRaw"
                    | "$executeRawUnsafe"
                    | "query"
                    | "execute"
                    | "raw"
                    | "unsafe"
            ) || tag == "sql"
        };
        if !is_sql_tag {
            return values
                .into_iter()
                .fold(Value::default(), |acc, v| acc.merge(v.derived()));
        }
        let Some(kind) = sinks::classify_sql(first_text) else {
            return Value::default();
        };
        // Interpolations after WHERE are keys; before it, data.
        let mut keys = Vec::new();
        let mut data = Vec::new();
        let mut after_where = false;
        let mut select_star = false;
        for (i, quasi) in t.quasi.quasis.iter().enumerate() {
            let text = quasi.value.raw.as_str().to_ascii_uppercase();
            if text.contains("WHERE") {
                after_where = true;
            }
            if i == 0 && text.contains("SELECT *") {
                select_star = true;
            }
            if let Some(v) = values.get(i) {
                let col = text
                    .trim_end()
                    .trim_end_matches(['=', ' '])
                    .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                    .next()
                    .map(|c| c.to_ascii_lowercase());
                if after_where {
                    keys.push((col, v.clone()));
                } else {
                    data.push((col, v.clone()));
                }
            }
        }
        if kind == SinkKind::Mutation
            && keys.is_empty()
            && first_text
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("INSERT")
        {
            // INSERT: everything is data.
        } else if kind == SinkKind::Read {
            keys.append(&mut data);
        }
        let m = SinkMatch {
            kind,
            library: "SQL",
            op: first_text
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase(),
            model: None,
            op_index: 0,
            shape: ArgShape::Generic,
        };
        let label = format!(
            "sql`{} ..`",
            first_text
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        );
        self.record_sink(
            &m,
            &label,
            span_of(t.span),
            keys,
            data,
            kind == SinkKind::Read && select_star,
            sql_scope_fix(t),
            None,
        )
    }
}

/// A MongoDB/Mongoose filter written as an object literal (`deleteMany({ repoId })`): the owner
/// field joins the filter (`{ repoId, userId: user.id }`). MongoDB ANDs every top-level field
/// of a filter (`$or` included), and a field written last wins over a spread, so the new field
/// always narrows. Not for another ORM's options object (`{ where }`).
fn filter_scope_fix(call: &CallExpression<'_>) -> Option<ScopeFix> {
    let Expression::ObjectExpression(filter) = call.arguments.first()?.as_expression()? else {
        return None;
    };
    let last = filter.properties.last()?;
    let plain = filter.properties.iter().all(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) => p.key.static_name().as_deref() != Some("where"),
        ObjectPropertyKind::SpreadProperty(_) => true,
    });
    plain.then(|| ScopeFix::AppendCondition {
        at: last.span().end,
        template: ", {col}: {id}",
        snake_case: false,
    })
}

/// A SQL template whose statement ends with its `WHERE` condition: the owner condition is
/// appended (`… WHERE id = ${id} AND user_id = ${user.id}`); a condition with `OR` is wrapped in
/// parentheses first, so that `AND` binds to all of it. Not when anything follows the condition
/// (`RETURNING`, `ORDER BY`, `LIMIT`, …) or the statement has subqueries.
fn sql_scope_fix(t: &TaggedTemplateExpression<'_>) -> Option<ScopeFix> {
    let text: String = t
        .quasi
        .quasis
        .iter()
        .map(|q| q.value.raw.as_str())
        .collect::<Vec<_>>()
        .join(" ? ")
        .to_ascii_uppercase();
    let (_, condition) = text.split_once("WHERE")?;
    let words: Vec<&str> = condition.split_whitespace().collect();
    const ENDS: &[&str] = &[
        "RETURNING",
        "ORDER",
        "LIMIT",
        "GROUP",
        "OFFSET",
        "FOR",
        "UNION",
        "HAVING",
        ";",
    ];
    if words.is_empty()
        || words
            .iter()
            .any(|w| ENDS.contains(&w.trim_end_matches(';')) || w.contains(';'))
        || condition.contains('(')
    {
        return None;
    }
    let last = t.quasi.quasis.last()?;
    if !words.contains(&"OR") {
        return Some(ScopeFix::AppendCondition {
            at: last.span.end,
            template: " AND {col} = ${{id}}",
            snake_case: true,
        });
    }
    // `WHERE a OR b` → `WHERE (a OR b) AND owner`: the quasi holding `WHERE` gets the `(`
    // (a template's raw text is its source text, so offsets carry over).
    let quasi = t
        .quasi
        .quasis
        .iter()
        .find(|q| q.value.raw.to_ascii_uppercase().contains("WHERE"))?;
    let raw = quasi.value.raw.as_str();
    let after_where = raw.to_ascii_uppercase().find("WHERE")? + "WHERE".len();
    let at = after_where + (raw[after_where..].len() - raw[after_where..].trim_start().len());
    Some(ScopeFix::WrapThenAppend {
        open: quasi.span.start + u32::try_from(at).ok()?,
        at: last.span.end,
        template: ") AND {col} = ${{id}}",
        snake_case: true,
    })
}

// ----- calls ------------------------------------------------------------------------------

/// One segment of a flattened call chain, with its syntax.
struct ChainLink<'a> {
    name: &'a str,
    call: Option<&'a CallExpression<'a>>,
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Evaluates a call, then marks a result that is a built-in storing nothing
    /// (`createHash(..)` from `node:crypto`, `await headers()`).
    fn eval_call(&mut self, call: &'a CallExpression<'a>) -> Value<'a> {
        let mut v = self.eval_call_inner(call);
        if v.inert.is_none() {
            v.inert = self.inert_result(call);
        }
        v
    }

    /// The built-in a call returns, judged by where its callee comes from.
    fn inert_result(&self, call: &'a CallExpression<'a>) -> Option<&'static str> {
        // Every maker of an inert value is `f(..)` or `ns.f(..)`: read the callee without
        // building its path (this runs for every call).
        let (root, member) = match strip(&call.callee) {
            Expression::Identifier(id) => (id.name.as_str(), None),
            Expression::StaticMemberExpression(m) => match strip(&m.object) {
                Expression::Identifier(id) => (id.name.as_str(), Some(m.property.name.as_str())),
                _ => return None,
            },
            _ => return None,
        };
        match (self.scope.imports.get(root), member) {
            (Some(import), None) => builtins::inert_import(import.source, import.imported),
            // `crypto.createHash(..)`, `cheerio.load(..)` through a namespace or default import.
            (Some(import), Some(export)) if matches!(import.imported, "*" | "default") => {
                builtins::inert_import(import.source, export)
            }
            (Some(_), _) => None,
            (None, _) if self.vars.contains_key(root) => None,
            (None, member) => builtins::inert_global(root, member),
        }
    }

    fn eval_call_inner(&mut self, call: &'a CallExpression<'a>) -> Value<'a> {
        // Flatten `root.a(..).b.c(..)` into a root and links.
        let (root_expr, links) = flatten_chain(call);
        let root_name: &str = match root_expr.map(strip_await) {
            Some(Expression::Identifier(id)) => id.name.as_str(),
            _ => "",
        };
        // Evaluate the root (receiver) value and every call's arguments, in order.
        let root_value = match root_expr {
            Some(e) => self.eval(e),
            None => Value::default(),
        };
        let mut link_args: Vec<Vec<Value<'a>>> = Vec::with_capacity(links.len());
        for link in &links {
            let args = match link.call {
                Some(c) => c.arguments.iter().map(|a| self.eval_argument(a)).collect(),
                None => Vec::new(),
            };
            link_args.push(args);
        }
        let path: String = std::iter::once(root_name)
            .chain(links.iter().map(|l| l.name))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let last = links
            .last()
            .map(|l| if l.name.is_empty() { root_name } else { l.name })
            .unwrap_or(root_name);
        let span = span_of(call.span);
        let args = link_args.last().cloned().unwrap_or_default();
        let has_function_arg = call
            .arguments
            .iter()
            .any(|a| a.as_expression().is_some_and(|e| as_func(e).is_some()));

        // 1. Exits: redirect(), notFound(), ...
        if exits::is_exit_call(&path) {
            self.on_throw();
            return Value::default();
        }

        // 2. A continuation: the wrapper/middleware runs the action here.
        if links.len() == 1 && root_value.continuation {
            self.continuation_calls
                .push((self.flow.clone(), args.clone()));
            return Value::default();
        }
        // `next({ ctx })` destructured from a middleware argument.
        if links.is_empty() && root_value.continuation {
            self.continuation_calls
                .push((self.flow.clone(), args.clone()));
            return Value::default();
        }

        // 3. A function defined in the project: follow it (a definition beats a name).
        let callee_func = if links.len() == 1 && links[0].name.is_empty() {
            root_value.func
        } else {
            None
        };
        let resolved = callee_func.or_else(|| {
            if links.len() == 1 && links[0].name.is_empty() {
                self.resolve_name(root_name)
            } else if let Expression::StaticMemberExpression(m) = strip(&call.callee) {
                // `notes.createNote(..)` on a module-level object of functions.
                self.resolve_object_method(m)
            } else {
                None
            }
        });
        if let Some((module, func)) = resolved {
            let result = self.call_function(module, func, args, span);
            return result;
        }

        // 4. Kinde-style guard functions obtained from a factory.
        if root_value.guard.is_some_and(|g| g.factory)
            && links.len() == 1
            && links[0].name.is_empty()
        {
            self.record_guard_call(span);
            let is_auth_bool = root_name.starts_with("is");
            let mut v = Value {
                guard: Some(Guard::default()),
                identity: !is_auth_bool,
                ..Value::default()
            };
            if is_auth_bool {
                v.guard = None;
                v.auth_bool = Some(Rc::new(Asserts {
                    authn: Authn::Checked,
                    ..Asserts::default()
                }));
            }
            return v;
        }

        // 5. Guards from the catalog (and configuration).
        if let Some(mut kind) = self.guard_kind(&path, has_function_arg) {
            // WorkOS `withAuth({ ensureSignedIn: true })` redirects by itself.
            let text = call.span.source_text(self.scope.source);
            if kind == GuardKind::NeedsCheck && text.contains("ensureSignedIn: true") {
                kind = GuardKind::FailsClosed;
            }
            // `requireOrgMember(orgId, { role: "admin" })`: a role *in* the organisation the
            // client named, not over every record. It authorizes that key (below), and
            // admin-only writes inside it (`role:` labels, see `record_sink`).
            let keys = client_keys(&args);
            let checks_access =
                kind == GuardKind::RoleFailsClosed || names::names_an_access_check(last);
            if kind == GuardKind::RoleFailsClosed && !keys.is_empty() {
                kind = GuardKind::FailsClosed;
                self.flow
                    .authorized
                    .extend(keys.iter().map(|k| format!("role:{k}")));
            }
            let mut v = self.on_guard(kind, span, &path);
            if kind == GuardKind::FailsClosed {
                // Still the lookup's result: `const { user } = ..` is the caller.
                v.guard = None;
            }
            // `await assertCanEdit(session.user.id, postId)`, `await requireTeamMember(teamId)`:
            // a fail-closed access check handed a client key checks the caller's right to it
            // (`assertIsString(postId)` checks nothing of the kind).
            if matches!(kind, GuardKind::FailsClosed | GuardKind::RoleFailsClosed) && checks_access
            {
                self.flow.authorized.extend(keys);
            }
            return v;
        }

        // `if (!(await canEditPost(session.user.id, postId))) throw ..`: a permission predicate
        // defined outside what is analysed, asked about a client key. When it holds, the
        // caller may act on that key (and is a signed-in user, if it was given the session).
        if links.len() == 1 && links[0].name.is_empty() && names::is_permission_predicate(root_name)
        {
            // Only when asked about the caller too: `canRefund(orderId)` is about the order.
            let keys = client_keys(&args);
            if !keys.is_empty() && args.iter().any(is_session_value) {
                return check_result(Asserts {
                    authorize: keys,
                    authn: Authn::Checked,
                    ..Asserts::default()
                });
            }
        }

        // `Promise.all([a, b])` resolves to the same elements.
        if matches!(path.as_str(), "Promise.all" | "Promise.allSettled") {
            return args.into_iter().next().unwrap_or_default();
        }

        // The value the last call is made on (`session.user.permissions` in `..permissions.includes(x)`).
        let receiver =
            links
                .iter()
                .take(links.len().saturating_sub(1))
                .fold(root_value.clone(), |acc, l| {
                    if l.call.is_none() && !l.name.is_empty() {
                        self.member_value(&acc, l.name, None)
                    } else {
                        acc.derived()
                    }
                });

        // 6. Role and permission checks returning a boolean.
        if names::is_role_check_call(last) && !links.is_empty() {
            let receiver_tainted = root_value.is_tainted() && links.len() > 1;
            if receiver_tainted {
                self.identity_issue(root_value.span, "the caller's permissions");
                return Value::default();
            }
            // Clerk's `has({ role })` from `await auth()`, `can(session.user, ..)`: a role
            // check on the session is false for an anonymous caller, so it also proves a user.
            let authn =
                session_authn(is_session_value(&root_value) || args.iter().any(is_session_value));
            return check_result(Asserts {
                role: true,
                authn,
                ..Asserts::default()
            });
        }
        // `key.startsWith(`users/${session.user.id}/`)`: a client path inside the caller's own
        // prefix. When it holds, the key is the caller's.
        let prefix_ends_with_separator = call.arguments.first().is_some_and(|a| {
            let text = a.span().source_text(self.scope.source);
            text.trim_end_matches(['`', '"', '\'']).ends_with('/')
        });
        if last == "startsWith"
            && prefix_ends_with_separator
            && args.first().is_some_and(|a| a.identity && !a.is_tainted())
        {
            if let Some(t) = receiver.taint.as_ref().filter(|t| !t.labels.is_empty()) {
                return check_result(Asserts {
                    authorize: t.labels.clone(),
                    authn: Authn::Checked,
                    ..Asserts::default()
                });
            }
        }
        // `["admin", "moderator"].includes(session.user.role)`.
        if last == "includes"
            && receiver.is_array
            && args.first().is_some_and(|a| a.role && !a.is_tainted())
            && receiver.fields.as_ref().is_some_and(|f| {
                !f.is_empty()
                    && f.values()
                        .all(|v| v.str_lit.is_some_and(is_privileged_role))
            })
        {
            return check_result(Asserts {
                role: true,
                authn: session_authn(is_session_value(&args[0])),
                ..Asserts::default()
            });
        }
        if matches!(last, "includes" | "has" | "some") && receiver.role && !receiver.is_tainted() {
            return check_result(Asserts {
                role: true,
                ..Asserts::default()
            });
        }

        // A raw cookie read as the user id is identity nobody verified.
        // `cookies().get(..)`, or `store.get(..)` on the store `await cookies()` returned.
        if last == "get"
            && (path.ends_with("cookies.get")
                || (links.len() == 1 && root_value.inert == Some("cookies")))
        {
            let key = args.first().and_then(|a| a.str_lit).unwrap_or("");
            if names::is_actor_id_name(key) || names::is_identity_cookie(key) {
                return self.on_guard(GuardKind::Unverified, span, &path);
            }
            // The session token itself: fine when verified (`await decrypt(token)`), an
            // unverified read when decoded by hand (below).
            if names::is_anonymous_owner_cookie(key) {
                return Value {
                    anon_owned: true,
                    span: Some(span),
                    ..Value::default()
                };
            }
            if names::is_token_cookie(key) {
                // Only a verified read that follows makes it a session; a check of the raw
                // token alone trusts whatever the client sent (`unverified-session`).
                self.raw_token_read.get_or_insert(self.site.unwrap_or(span));
                return Value {
                    raw_token: true,
                    span: Some(span),
                    ..Value::default()
                };
            }
        }
        // `JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString())`, `atob(..)`:
        // a token decoded without checking its signature.
        if matches!(
            path.as_str(),
            "JSON.parse" | "jwt_decode" | "decodeJwtPayload"
        ) && args.iter().any(|a| a.raw_token)
        {
            return self.on_guard(GuardKind::Unverified, span, &path);
        }

        // 7. Client input: formData.get(..), Object.fromEntries(formData).
        if matches!(last, "get" | "getAll")
            && !links.is_empty()
            && links.last().is_some_and(|l| !l.name.is_empty())
            && is_form_data(root_name, &root_value)
        {
            let key = args.first().and_then(|a| a.str_lit).unwrap_or("field");
            let mut v = Value::client(key, key, Some(span));
            if let Some(t) = v.taint.as_mut() {
                t.labels = [format!("formData:{key}")].into();
            }
            return v;
        }
        if path == "Object.fromEntries" || path == "Object.assign" {
            return args
                .into_iter()
                .fold(Value::default(), |acc, a| acc.merge(a.derived()));
        }

        // 8. Schema validation: schema.parse(x), safeParse(x).data, v.parse(schema, x).
        if matches!(
            last,
            "parse"
                | "safeParse"
                | "parseAsync"
                | "safeParseAsync"
                | "validate"
                | "validateSync"
                | "cast"
                | "assert"
                | "decode"
        ) && !links.is_empty()
            && path != "JSON.parse"
        {
            let mut v = args
                .iter()
                .fold(Value::default(), |acc, a| acc.merge(a.derived()));
            if let Some(t) = v.taint.as_mut() {
                t.validated = true;
            }
            return v;
        }

        // 9. Supabase service-role client creation.
        if is_service_client_call(&path, call, self.scope.source) {
            return Value {
                service: true,
                ..Value::default()
            };
        }

        // 10. Drizzle condition helpers: eq(col, v), and(..), or(..) keep column names.
        if links.len() == 1 && links[0].name.is_empty() {
            if let Some(v) = self.drizzle_condition(root_name, call, &args) {
                return v;
            }
        }

        // 11. Sinks.
        if let Some(v) = self.try_sink(root_name, &root_value, &links, &link_args, span) {
            return v;
        }

        // `pool.query("UPDATE .. WHERE id = $1", [id])`: SQL text plus parameters.
        if matches!(
            last,
            "query"
                | "execute"
                | "exec"
                | "run"
                | "unsafe"
                | "$executeRawUnsafe"
                | "$queryRawUnsafe"
                | "raw"
        ) && !links.is_empty()
        {
            if let Some(kind) = args
                .first()
                .and_then(|a| a.str_lit)
                .and_then(sinks::classify_sql)
            {
                let text = args[0].str_lit.unwrap_or("");
                let m = SinkMatch {
                    kind,
                    library: "SQL",
                    op: text
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_uppercase(),
                    model: None,
                    op_index: 0,
                    shape: ArgShape::Generic,
                };
                let mut keys = Vec::new();
                for a in args.iter().skip(1) {
                    a.leaves(None, &mut keys, 0);
                }
                let data = if kind == SinkKind::Mutation {
                    keys.clone()
                } else {
                    Vec::new()
                };
                let label = format!(
                    "{}(\"{} ..\")",
                    path,
                    text.split_whitespace()
                        .take(2)
                        .collect::<Vec<_>>()
                        .join(" ")
                );
                let select_star = text.to_ascii_uppercase().contains("SELECT *");
                return self.record_sink(&m, &label, span, keys, data, select_star, None, None);
            }
        }

        // 12. `fetch(url, { method: "POST" })`.
        if path == "fetch" {
            let method = args
                .get(1)
                .and_then(|a| a.field("method"))
                .and_then(|m| m.str_lit);
            // A chat webhook (`hooks.slack.com/..`, `process.env.SLACK_WEBHOOK_URL`) posts a
            // message, like a mail: a side effect on no user's data.
            let url_text = call
                .arguments
                .first()
                .map(|a| a.span())
                .and_then(|sp| self.scope.source.get(sp.start as usize..sp.end as usize))
                .unwrap_or("");
            if method.is_some_and(sinks::is_mutating_http_method)
                && !sinks::is_message_webhook(url_text)
            {
                let m = SinkMatch {
                    kind: SinkKind::Mutation,
                    library: "fetch",
                    op: method.unwrap_or("").to_string(),
                    model: None,
                    op_index: 0,
                    shape: ArgShape::Generic,
                };
                let mut keys = Vec::new();
                if let Some(url) = args.first() {
                    url.leaves(None, &mut keys, 0);
                }
                let mut data = Vec::new();
                if let Some(body) = args.get(1).and_then(|a| a.field("body")) {
                    body.leaves(None, &mut data, 0);
                }
                // What the request acts on is named in its URL or its body.
                keys.extend(data.iter().cloned());
                return self.record_sink(
                    &m,
                    &format!("fetch(.., {{ method: \"{}\" }})", method.unwrap_or("")),
                    span,
                    keys,
                    data,
                    false,
                    None,
                    None,
                );
            }
        }

        // 13. Anything else: the result derives from the receiver and the arguments, and inline
        // callbacks (`items.map(async (x) => ..)`, `$transaction(async (tx) => ..)`) run.
        let callback_results = self.walk_callbacks(call, &root_value);
        // `orders.map((o) => ({ id: o.id, total: o.total }))`: the callback's DTO is what comes
        // out, not the rows.
        if matches!(last, "map" | "flatMap") && root_value.record.is_some() {
            if let Some(mut out) = callback_results.into_iter().next() {
                out.span = Some(span);
                out.falsy = false;
                return out;
            }
        }
        let mut v = root_value.derived();
        if root_value.field_of.is_none() {
            // `rows.map(..)`, `doc.toObject()`: still the records' data.
            v.record = root_value.record.clone();
        }
        for a in &args {
            v = v.merge(a.derived());
        }
        // `getSignedUrl(s3, command)`, `JSON.stringify(row)`: what reaches the caller through
        // the result still comes from the records among the arguments.
        carry_records(&mut v, &args);
        // `Buffer.from(token, "base64url").toString()`: still the raw token.
        v.raw_token |= link_args.iter().flatten().any(|a| a.raw_token);
        // `JSON.stringify({ cartId, lines })`: a body that names the visitor's own cart.
        v.anon_owned |= args.iter().any(|a| {
            let mut leaves = Vec::new();
            a.leaves(None, &mut leaves, 0);
            leaves.iter().any(|(_, x)| x.anon_owned)
        });
        if matches!(
            last,
            "toString"
                | "trim"
                | "toLowerCase"
                | "toUpperCase"
                | "String"
                | "Number"
                | "parseInt"
                | "parseFloat"
                | "BigInt"
                | "toHexString"
                | "equals"
        ) {
            v.identity |= receiver.identity || args.iter().any(|a| a.identity);
            // `String(order.userId)` is still the record's owner field.
            let source = if links.len() == 1 && links[0].name.is_empty() {
                args.first().cloned()
            } else {
                Some(receiver.clone())
            };
            if let Some(src) = source.filter(|s| s.field_of.is_some()) {
                v.record = src.record.clone();
                v.field_of = src.field_of.clone();
            }
        } else {
            v.identity = false;
        }
        v.falsy = false;
        v.span = Some(span);
        v
    }

    /// Walks inline function arguments of an unresolved call as closures. They may or may not
    /// run (a `.catch` handler), so the action's own flow is left as it was.
    /// Returns what each callback returned.
    fn walk_callbacks(
        &mut self,
        call: &'a CallExpression<'a>,
        receiver: &Value<'a>,
    ) -> Vec<Value<'a>> {
        let mut results = Vec::new();
        for arg in &call.arguments {
            let Some(func) = arg.as_expression().and_then(|e| match strip(e) {
                Expression::ArrowFunctionExpression(a) => Some(Func::Arrow(a)),
                Expression::FunctionExpression(f) => Some(Func::Function(f)),
                _ => None,
            }) else {
                continue;
            };
            let before = self.flow.clone();
            // `rows.map((row) => ..)`: each item is a row of the records read.
            let item = element_of(receiver);
            results.push(self.call_function(self.module, func, vec![item], span_of(call.span)));
            self.flow = before;
        }
        results
    }

    /// The guard kind of a call by its path, honouring configuration.
    fn guard_kind(&self, path: &str, has_function_arg: bool) -> Option<GuardKind> {
        let last = path.rsplit('.').next().unwrap_or(path);
        let matches = |names: &[String]| {
            names
                .iter()
                .any(|n| n == last || crate::catalog::path_ends_with(path, n))
        };
        if matches(&self.config.role_guards) {
            return Some(GuardKind::RoleFailsClosed);
        }
        if matches(&self.config.fail_closed_guards) {
            return Some(GuardKind::FailsClosed);
        }
        if matches(&self.config.guards) {
            return Some(GuardKind::NeedsCheck);
        }
        // Names are the fallback when the callee is imported from outside the project.
        guards::classify_by_name(path, has_function_arg).map(|(kind, _)| kind)
    }

    /// Records that the verdict rests on `path`'s root, imported from a project module the
    /// analyzer was not given, doing what `assumed` says.
    fn assume(&mut self, path: &str, span: ByteSpan, assumed: Assumed) {
        let root = path.split('.').next().unwrap_or(path);
        let Some(import) = self.scope.imports.get(root) else {
            return;
        };
        if !is_project_specifier(import.source)
            || self
                .facts
                .assumptions
                .iter()
                .any(|a| a.import == root && a.assumed == assumed)
        {
            return;
        }
        self.facts.assumptions.push(AssumptionFact {
            span: self.site.unwrap_or(span),
            import: root.to_string(),
            source: import.source.to_string(),
            assumed,
        });
    }

    fn on_guard(&mut self, kind: GuardKind, span: ByteSpan, path: &str) -> Value<'a> {
        match kind {
            GuardKind::FailsClosed => self.assume(path, span, Assumed::FailsClosed),
            GuardKind::RoleFailsClosed => self.assume(path, span, Assumed::ChecksRole),
            _ => {}
        }
        self.record_guard_call(span);
        match kind {
            GuardKind::FailsClosed | GuardKind::RoleFailsClosed => {
                self.flow.authn = self.flow.authn.max(Authn::Checked);
                self.flow.role |= kind == GuardKind::RoleFailsClosed;
                self.record_check();
                Value {
                    identity: true,
                    owned: true,
                    session_root: true,
                    ..Value::default()
                }
            }
            GuardKind::NeedsCheck => Value {
                guard: Some(Guard::default()),
                session_root: true,
                ..Value::default()
            },
            GuardKind::AlwaysObject => Value {
                guard: Some(Guard {
                    always_object: true,
                    ..Guard::default()
                }),
                ..Value::default()
            },
            GuardKind::Factory => Value {
                guard: Some(Guard {
                    factory: true,
                    ..Guard::default()
                }),
                ..Value::default()
            },
            GuardKind::Unverified => {
                if self.facts.unverified_source.is_none() {
                    self.facts.unverified_source = Some(self.site.unwrap_or(span));
                }
                Value {
                    guard: Some(Guard {
                        unverified: true,
                        ..Guard::default()
                    }),
                    ..Value::default()
                }
            }
        }
    }

    /// Resolves a bare name to a function defined in the project.
    fn resolve_name(&self, name: &str) -> Option<(usize, Func<'a>)> {
        if name.is_empty() {
            return None;
        }
        if let Some(v) = self.vars.get(name) {
            return v.func;
        }
        if let Some(func) = self.scope.functions.get(name) {
            return Some((self.module, *func));
        }
        self.graph.resolve_function(self.module, name)
    }

    fn resolve_callee(&self, callee: &'a Expression<'a>) -> Option<(usize, Func<'a>)> {
        match strip(callee) {
            Expression::Identifier(id) => self.resolve_name(id.name.as_str()),
            Expression::StaticMemberExpression(m) => self.resolve_object_method(m),
            _ => None,
        }
    }

    /// `notes.createNote(..)` where `notes` is a module-level object of functions, in this file
    /// or another project module (`export const notes = { createNote, … }`, a data layer): the
    /// method that runs, so it is followed like any project function instead of being judged
    /// by its name.
    fn resolve_object_method(
        &self,
        m: &'a StaticMemberExpression<'a>,
    ) -> Option<(usize, Func<'a>)> {
        let Expression::Identifier(object) = strip(&m.object) else {
            return None;
        };
        let name = object.name.as_str();
        if self.vars.contains_key(name) {
            return None;
        }
        let (module, init) = match self.scope.consts.get(name) {
            Some(init) => (self.module, *init),
            None => self.graph.resolve_const(self.module, name)?,
        };
        let Expression::ObjectExpression(object) = strip(init) else {
            return None;
        };
        let method = m.property.name.as_str();
        object.properties.iter().find_map(|p| {
            let ObjectPropertyKind::ObjectProperty(p) = p else {
                return None;
            };
            if p.key.static_name().as_deref() != Some(method) {
                return None;
            }
            if let Some(func) = as_func(&p.value) {
                return Some((module, func));
            }
            // `{ createNote }` or `{ createNote: createNote }`: a function of that module.
            let Expression::Identifier(id) = strip(&p.value) else {
                return None;
            };
            self.graph
                .module(module)
                .functions
                .get(id.name.as_str())
                .map(|f| (module, *f))
        })
    }

    fn drizzle_condition(
        &mut self,
        name: &str,
        call: &'a CallExpression<'a>,
        args: &[Value<'a>],
    ) -> Option<Value<'a>> {
        match name {
            "eq" | "ne" | "inArray" | "like" | "ilike" => {
                let col = call
                    .arguments
                    .first()
                    .and_then(|a| a.as_expression())
                    .and_then(|e| path_of(e))
                    .map(|p| p.rsplit('.').next().unwrap_or("").to_string())
                    .unwrap_or_default();
                let value = args.get(1).cloned().unwrap_or_default();
                let fields = [(
                    if col.is_empty() {
                        "value".to_string()
                    } else {
                        col
                    },
                    value,
                )]
                .into_iter()
                .collect();
                Some(Value {
                    fields: Some(Rc::new(fields)),
                    ..Value::default()
                })
            }
            "and" | "or" => {
                let mut fields = BTreeMap::new();
                for (i, a) in args.iter().enumerate() {
                    match &a.fields {
                        Some(f) => {
                            for (k, v) in f.iter() {
                                let key = if fields.contains_key(k) {
                                    format!("{k}#{i}")
                                } else {
                                    k.clone()
                                };
                                fields.insert(key, v.clone());
                            }
                        }
                        None => {
                            fields.insert(format!("cond{i}"), a.clone());
                        }
                    }
                }
                Some(Value {
                    fields: Some(Rc::new(fields)),
                    ..Value::default()
                })
            }
            _ => None,
        }
    }

    /// Recognises a sink call and records it.
    fn try_sink(
        &mut self,
        root_name: &str,
        root_value: &Value<'a>,
        links: &[ChainLink<'a>],
        link_args: &[Vec<Value<'a>>],
        span: ByteSpan,
    ) -> Option<Value<'a>> {
        // A call on a built-in that stores nothing (`expiry.setDate(..)`, `hash.update(..)`,
        // `title.replace(/\s+/g, " ")`), or a function of a package that stores nothing.
        let last_call = links.iter().rev().find(|l| l.call.is_some());
        if root_value.inert.is_some()
            || last_call.is_some_and(|l| {
                builtins::BUILTIN_ONLY_METHODS.contains(&l.name)
                    || builtins::is_string_method_call(
                        l.name,
                        l.call
                            .and_then(|c| c.arguments.first())
                            .and_then(|a| a.as_expression())
                            .map(strip),
                    )
            })
            || self
                .scope
                .imports
                .get(root_name)
                .is_some_and(|i| builtins::is_inert_package(i.source))
        {
            return None;
        }
        let segs: Vec<Seg<'_>> = links
            .iter()
            .enumerate()
            .map(|(i, l)| Seg {
                name: l.name,
                called: l.call.is_some(),
                str_arg: link_args[i].first().and_then(|a| a.str_lit),
            })
            .collect();
        // `helper(..)` imported from a module outside the project: the module is responsible
        // for its own checks (the DAL pattern), so it is not a sink here.
        if links.len() == 1 && links[0].name.is_empty() {
            if let Some(import) = self.scope.imports.get(root_name) {
                if is_project_specifier(import.source) {
                    // Unseen, it is taken to check the caller itself (the Data Access Layer
                    // pattern); said as an assumption when client input reaches it or its name
                    // says it changes data.
                    if link_args[0].iter().any(|a| a.is_tainted())
                        || sinks::starts_with_mutating_verb(root_name)
                    {
                        self.assume(root_name, span, Assumed::ChecksCaller);
                    }
                    return None;
                }
            }
            let named = [Seg {
                name: root_name,
                called: true,
                str_arg: segs[0].str_arg,
            }];
            let m = sinks::classify_chain("", &named, &self.config.sinks)?;
            if m.kind == SinkKind::Mutation
                && matches!(m.library, "generic" | "configured")
                && root_value.func.is_none()
            {
                let mut data = Vec::new();
                for a in &link_args[0] {
                    a.leaves(None, &mut data, 0);
                }
                let label = format!("{root_name}(..)");
                return Some(self.record_sink(
                    &m,
                    &label,
                    span,
                    data.clone(),
                    data,
                    false,
                    None,
                    None,
                ));
            }
            if m.kind == SinkKind::Mutation && m.library == "file system" {
                let (keys, data) = key_then_data(&link_args[0]);
                return Some(self.record_sink(
                    &m,
                    &format!("{root_name}(..)"),
                    span,
                    keys,
                    data,
                    false,
                    None,
                    None,
                ));
            }
            return None;
        }
        let chain_root = if root_name.is_empty() { "" } else { root_name };
        let segs_clean: Vec<Seg<'_>> = segs
            .iter()
            .copied()
            .filter(|s| !s.name.is_empty())
            .collect();
        let offset = segs.len() - segs_clean.len();
        let knex_table = segs
            .first()
            .filter(|s| s.name.is_empty())
            .and_then(|s| s.str_arg);
        let knex_read = knex_table.is_some()
            && segs_clean
                .iter()
                .any(|s| matches!(s.name, "select" | "first" | "pluck"))
            && !segs_clean
                .iter()
                .any(|s| matches!(s.name, "insert" | "update" | "del" | "delete"));
        let mut m = match sinks::classify_chain(chain_root, &segs_clean, &self.config.sinks) {
            Some(m) => m,
            // `knex("users").select(..)`: a read of the named table.
            None if knex_read => SinkMatch {
                kind: SinkKind::Read,
                library: "Knex",
                op: "select".into(),
                model: knex_table.map(str::to_string),
                op_index: segs_clean
                    .iter()
                    .position(|s| matches!(s.name, "select" | "first" | "pluck"))
                    .unwrap_or(0),
                shape: ArgShape::Builder,
            },
            None => return None,
        };
        if m.model.is_none() {
            m.model = segs
                .first()
                .filter(|s| s.name.is_empty())
                .and_then(|s| s.str_arg)
                .map(str::to_string);
        }
        let op_link = m.op_index + offset;
        let mut keys: Vec<(Option<String>, Value<'a>)> = Vec::new();
        let mut data: Vec<(Option<String>, Value<'a>)> = Vec::new();
        let mut raw = true;
        let mut scope_fix = None;
        match m.shape {
            ArgShape::PrismaObject => {
                let arg = link_args[op_link].first().cloned().unwrap_or_default();
                if let Some(w) = arg.field("where") {
                    // Drizzle's relational queries take the condition as a callback,
                    // `where: (t, { and, eq }) => and(eq(t.id, id), ..)`: its result is the
                    // condition.
                    let w = match w.func {
                        Some((module, func)) => self.call_function(
                            module,
                            func,
                            vec![Value::default(), Value::default()],
                            span,
                        ),
                        None => w.clone(),
                    };
                    w.leaves(None, &mut keys, 0);
                }
                for k in ["data", "create", "update"] {
                    if let Some(d) = arg.field(k) {
                        d.leaves(None, &mut data, 0);
                    }
                }
                if arg.fields.is_none() {
                    arg.leaves(None, &mut data, 0);
                }
                raw = arg.field("select").is_none()
                    && !matches!(
                        m.op.as_str(),
                        "deleteMany"
                            | "updateMany"
                            | "createMany"
                            | "count"
                            | "aggregate"
                            | "groupBy"
                    );
                // `select: { username: true, name: true, image: true }` on a user: a public profile card.
                let public_projection = arg
                    .field("select")
                    .and_then(|s| s.fields.as_ref())
                    .is_some_and(|f| {
                        !f.is_empty() && f.keys().all(|k| names::is_public_profile_field(k))
                    });
                // Only for accounts: the title of someone's private document is still private.
                if m.kind == SinkKind::Read
                    && public_projection
                    && m.model.as_deref().is_some_and(|model| {
                        matches!(
                            model.to_ascii_lowercase().as_str(),
                            "user" | "users" | "profile" | "profiles"
                        )
                    })
                {
                    return Some(Value::default());
                }
                scope_fix = self.prisma_scope_fix(links[op_link].call);
            }
            ArgShape::Builder => {
                scope_fix = self.builder_scope_fix(m.library, links, op_link);
                for (i, link) in links.iter().enumerate() {
                    let args = &link_args[i];
                    match link.name {
                        "where" | "eq" | "neq" | "match" | "filter" | "in" | "is" | "andWhere"
                        | "orWhere" | "whereIn" | "having" | "on" => {
                            let col = args.first().and_then(|a| a.str_lit).map(str::to_string);
                            if args.len() >= 2 && col.is_some() {
                                keys.push((col, args.last().cloned().unwrap_or_default()));
                            } else {
                                for a in args {
                                    a.leaves(None, &mut keys, 0);
                                }
                            }
                        }
                        "values" | "set" | "insert" | "update" | "upsert" => {
                            for a in args {
                                a.leaves(None, &mut data, 0);
                            }
                        }
                        "select" | "columns" | "returning" if i >= op_link => {
                            raw = args.is_empty()
                                || args
                                    .first()
                                    .and_then(|a| a.str_lit)
                                    .is_some_and(|s| s.trim() == "*");
                        }
                        "selectAll" => raw = true,
                        _ => {}
                    }
                }
                if m.kind == SinkKind::Read && links.iter().any(|l| l.name == "select") {
                    let sel = links.iter().position(|l| l.name == "select").unwrap();
                    raw = link_args[sel].is_empty()
                        || link_args[sel]
                            .first()
                            .and_then(|a| a.str_lit)
                            .is_some_and(|s| s.trim() == "*");
                }
                if m.kind == SinkKind::Mutation
                    && !links
                        .iter()
                        .any(|l| matches!(l.name, "select" | "returning"))
                {
                    raw = false;
                }
            }
            ArgShape::KeyThenData => {
                if m.library == "MongoDB" {
                    scope_fix = self.mongo_scope_fix(&m, links[op_link].call);
                }
                let (k, d) = key_then_data(&link_args[op_link]);
                keys = k;
                data = d;
            }
            ArgShape::FilterThenData => {
                let args = &link_args[op_link];
                let is_create = matches!(m.op.as_str(), "create" | "insertOne" | "insertMany");
                // Only operations whose first argument is a MongoDB filter (Sequelize's
                // `update(data, { where })` takes data first).
                let filter_first = matches!(
                    m.op.as_str(),
                    "deleteMany"
                        | "deleteOne"
                        | "updateMany"
                        | "updateOne"
                        | "replaceOne"
                        | "findOneAndUpdate"
                        | "findOneAndDelete"
                        | "findOneAndReplace"
                );
                if matches!(m.library, "MongoDB" | "ORM") && filter_first {
                    scope_fix = links[op_link].call.and_then(filter_scope_fix);
                }
                if is_create {
                    for a in args {
                        a.leaves(None, &mut data, 0);
                    }
                } else {
                    if let Some(f) = args.first() {
                        f.leaves(None, &mut keys, 0);
                    }
                    for a in args.iter().skip(1) {
                        a.leaves(None, &mut data, 0);
                    }
                }
                raw = !links
                    .iter()
                    .any(|l| l.name == "select" || l.name == "projection");
            }
            ArgShape::Stripe => {
                for (i, a) in link_args[op_link].iter().enumerate() {
                    a.leaves(None, &mut data, 0);
                    match &a.fields {
                        // `stripe.subscriptions.update(subscriptionId, ..)`.
                        None if i == 0 => keys.push((Some("id".into()), a.clone())),
                        None => {}
                        Some(fields) => {
                            for (name, v) in fields.iter() {
                                if stripe_reference(name) {
                                    v.leaves(Some(name), &mut keys, 0);
                                }
                            }
                        }
                    }
                }
                raw = false;
            }
            ArgShape::Generic => {
                for a in &link_args[op_link] {
                    a.leaves(None, &mut keys, 0);
                }
                data = keys.clone();
                raw = false;
            }
        }
        // `record.save()` / `record.update(..)`: the record's own keys select it.
        if let Some(rec) = &root_value.record {
            let v = Value {
                taint: if rec.keys.is_empty() {
                    None
                } else {
                    Some(Taint {
                        labels: rec.keys.clone(),
                        ..Taint::default()
                    })
                },
                owned: rec.scoped,
                ..Value::default()
            };
            keys.push((Some("id".into()), v));
        }
        let label = describe_chain(root_name, links);
        let service = root_value.service;
        Some(self.record_sink(&m, &label, span, keys, data, raw, scope_fix, Some(service)))
    }

    /// How to tie a Prisma-style call to the caller: check a scoped `findFirst` first.
    fn prisma_scope_fix(&self, op_call: Option<&'a CallExpression<'a>>) -> Option<ScopeFix> {
        let op_call = op_call?;
        let Expression::StaticMemberExpression(member) = strip(&op_call.callee) else {
            return None;
        };
        let where_obj = match property_value(first_object_arg(op_call)?, "where").map(strip) {
            Some(Expression::ObjectExpression(o)) if !o.properties.is_empty() => o,
            // Drizzle's relational queries: `db.query.invoices.findFirst({ where: eq(..) })`.
            Some(condition @ Expression::CallExpression(_)) => {
                let Expression::StaticMemberExpression(table) = strip(&member.object) else {
                    return None;
                };
                let Expression::StaticMemberExpression(query) = strip(&table.object) else {
                    return None;
                };
                if query.property.name != "query" {
                    return None;
                }
                return Some(ScopeFix::DrizzleAnd {
                    condition: span_of(condition.span()),
                    table: table.property.name.to_string(),
                });
            }
            _ => return None,
        };
        Some(ScopeFix::CheckFirst {
            stmt_start: self.stmt_start?,
            model_path: member
                .object
                .span()
                .source_text(self.scope.source)
                .to_string(),
            where_text: where_obj.span.source_text(self.scope.source).to_string(),
        })
    }

    /// How to tie a builder chain or a Mongoose call to the caller.
    fn builder_scope_fix(
        &self,
        library: &str,
        links: &[ChainLink<'a>],
        op_link: usize,
    ) -> Option<ScopeFix> {
        let last_condition = links
            .iter()
            .rposition(|l| matches!(l.name, "where" | "eq" | "match"))?;
        let at = links[last_condition].call?.span.end;
        if library == "Drizzle" {
            let condition = links[last_condition]
                .call?
                .arguments
                .first()?
                .as_expression()?;
            let table = links
                .get(op_link)?
                .call?
                .arguments
                .first()?
                .as_expression()?;
            let Expression::Identifier(table) = table.get_inner_expression() else {
                return None;
            };
            return Some(ScopeFix::DrizzleAnd {
                condition: span_of(condition.span()),
                table: table.name.to_string(),
            });
        }
        let template = match (library, links[last_condition].name) {
            ("Supabase", _) => ".eq(\"{col}\", {id})",
            ("Kysely", _) => ".where(\"{col}\", \"=\", {id})",
            ("Knex", _) => ".where(\"{col}\", {id})",
            _ => return None,
        };
        Some(ScopeFix::AppendCondition {
            at,
            template,
            snake_case: library != "Kysely",
        })
    }

    fn mongo_scope_fix(
        &self,
        m: &SinkMatch,
        op_call: Option<&'a CallExpression<'a>>,
    ) -> Option<ScopeFix> {
        let op_call = op_call?;
        let key = op_call.arguments.first()?.as_expression()?;
        Some(ScopeFix::MongoExists {
            stmt_start: self.stmt_start?,
            model: m.model.clone()?,
            key_text: key.span().source_text(self.scope.source).to_string(),
        })
    }

    /// Records a sink with the state at this point, and returns the value it produces.
    #[allow(clippy::too_many_arguments)]
    fn record_sink(
        &mut self,
        m: &SinkMatch,
        label: &str,
        span: ByteSpan,
        keys: Vec<(Option<String>, Value<'a>)>,
        data: Vec<(Option<String>, Value<'a>)>,
        raw: bool,
        scope_fix: Option<ScopeFix>,
        service: Option<bool>,
    ) -> Value<'a> {
        if m.kind == SinkKind::PublicSideEffect {
            return Value::default();
        }
        // The visitor's own anonymous record (a cart whose id is in a cookie the server set):
        // public by design, whoever calls.
        if keys.iter().chain(data.iter()).any(|(_, v)| v.anon_owned)
            && !keys.iter().chain(data.iter()).any(|(_, v)| v.identity)
        {
            return Value::default();
        }
        // A project's own session store: the row of a sessions table selected by the token
        // from the session cookie (`sessions.findUnique({ where: { id: hash(token) } })`) is a
        // session lookup, verified by the server's own table, not a read of user data.
        if m.kind == SinkKind::Read
            && m.model.as_deref().is_some_and(names::is_session_model)
            && keys.iter().any(|(_, v)| v.raw_token)
        {
            self.record_guard_call(self.site.unwrap_or(span));
            return Value {
                guard: Some(Guard::default()),
                session_root: true,
                span: Some(span),
                ..Value::default()
            };
        }
        // Reads of public data are not sinks.
        if m.kind == SinkKind::Read {
            let public_model = m.model.as_deref().is_some_and(names::is_public_model);
            let markers = [
                "publishedat",
                "published_at",
                "ispublished",
                "is_published",
                "ispublic",
                "is_public",
                "published",
                "visibility",
            ];
            let public_filter = keys.iter().any(|(col, v)| {
                let text = v
                    .span
                    .and_then(|s| self.scope.source.get(s.start as usize..s.end as usize))
                    .unwrap_or("")
                    .to_ascii_lowercase();
                (col.as_deref().is_some_and(names::is_public_marker_field)
                    || markers.iter().any(|m| text.contains(m)))
                    && !v.is_tainted()
            });
            if public_model || public_filter {
                // Not a sink, but still a record: `if (!owned)` after a public model's read
                // scoped to the caller is an ownership check like any other.
                let scoped = keys
                    .iter()
                    .any(|(_, v)| (v.identity || v.owned) && !v.is_tainted());
                let keys: BTreeSet<String> = keys
                    .iter()
                    .filter_map(|(_, v)| v.taint.as_ref())
                    .flat_map(|t| t.labels.iter().cloned())
                    .collect();
                return Value {
                    record: Some(Rc::new(Record {
                        sink: None,
                        keys,
                        scoped,
                        raw: false,
                        label: label.to_string(),
                        user_model: false,
                        aggregate: false,
                    })),
                    ..Value::default()
                };
            }
        }
        self.seq += 1;
        let site = if self.in_action_body {
            span
        } else {
            self.site.unwrap_or(span)
        };
        let is_tenant_col = |c: &Option<String>| {
            c.as_deref().is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                [
                    "org",
                    "team",
                    "workspace",
                    "tenant",
                    "company",
                    "project",
                    "account",
                ]
                .iter()
                .any(|w| c.contains(w))
            })
        };
        let self_scoped = keys
            .iter()
            .any(|(c, v)| (v.identity || v.owned) && !v.is_tainted() && !is_tenant_col(c));
        // Scoped: a key is the caller's identity, a record the caller owns, or a client value
        // already authorized (a team id whose membership was checked).
        // A storage path or cache key that embeds the caller's id (`${user.id}/${name}`) is
        // the caller's own.
        let embeds_identity = |v: &Value<'a>| m.shape == ArgShape::KeyThenData && v.identity;
        let scoped = keys.iter().any(|(_, v)| match &v.taint {
            _ if embeds_identity(v) => true,
            None => v.identity || v.owned,
            Some(t) => {
                !t.labels.is_empty() && t.labels.iter().all(|l| self.flow.authorized.contains(l))
            }
        });
        // Claiming a free row: `where: { id, bookedById: null }, data: { bookedById: user.id }`
        // only ever takes a row nobody holds, for the caller.
        // The other client keys must still be the caller's, unless the model is public by
        // nature (a free slot of the public calendar): an invitation or another tenant's
        // unassigned tickets are not free for anyone to take.
        let claims = m.kind == SinkKind::Mutation
            && keys.iter().any(|(col, v)| {
                col.is_some()
                    && v.falsy
                    && v.str_lit.is_none()
                    && v.taint.is_none()
                    && data
                        .iter()
                        .any(|(dc, dv)| dc == col && dv.identity && !dv.is_tainted())
            })
            && (m.model.as_deref().is_some_and(names::is_public_model)
                || keys.iter().all(|(_, v)| {
                    v.taint
                        .as_ref()
                        .is_none_or(|t| t.labels.iter().all(|l| self.flow.authorized.contains(l)))
                }));
        let scoped = scoped || claims;
        let mut key_labels: BTreeSet<String> = BTreeSet::new();
        let mut unauthorized = Vec::new();
        for (col, v) in &keys {
            if let Some(t) = &v.taint {
                key_labels.extend(t.labels.iter().cloned());
                if !self.flow.authorizes(&t.labels) {
                    let name = t
                        .labels
                        .iter()
                        .find(|l| !l.contains('.'))
                        .cloned()
                        .unwrap_or_else(|| col.clone().unwrap_or_default());
                    unauthorized.push(name.trim_start_matches("formData:").to_string());
                }
            }
        }
        // A client value used as the owner column: the client picks who the actor is. A value
        // named after the acting user (`userId`) anywhere, or any client value as the owner of a
        // new row, is identity; a differently named target (`memberUserId`) is a resource key.
        let creates = matches!(
            m.op.as_str(),
            "create"
                | "createMany"
                | "insert"
                | "insertOne"
                | "insertMany"
                | "insertInto"
                | "upsert"
                | "values"
        ) || m.op.starts_with("create")
            || m.op.starts_with("insert");
        if !self.flow.role {
            let self_model = m.model.as_deref().is_some_and(names::is_user_model);
            for (is_key, (col, v)) in keys
                .iter()
                .map(|k| (true, k))
                .chain(data.iter().map(|d| (false, d)))
            {
                let Some(t) = &v.taint else { continue };
                let col = col.as_deref().unwrap_or("");
                let as_owner = names::is_owner_field(col) && (t.actor || creates);
                // `UserProfile.updateOne({ kindeId: userId })`: the actor's id selects the row.
                let actor_key =
                    is_key && t.actor && !(self_model && matches!(col, "id" | "_id" | ""));
                if (as_owner || actor_key)
                    && !v.identity
                    && !t.labels.iter().all(|l| self.flow.authorized.contains(l))
                {
                    let what = if col.is_empty() {
                        format!("the key of {label}")
                    } else {
                        format!("the `{col}` of {label}")
                    };
                    self.identity_issue(v.span, &what);
                }
            }
        }
        // Admin-only operations.
        let model = m.model.clone().unwrap_or_default();
        let mut admin_only = None;
        if m.kind == SinkKind::Mutation {
            // A settings row selected by the caller's own id is the caller's preferences.
            if names::is_global_settings_model(&model) && !self_scoped {
                admin_only = Some(format!("it changes global settings (`{model}`)"));
            } else if let Some((col, _)) = data.iter().find(|(col, v)| {
                col.as_deref().is_some_and(names::is_privilege_field) && v.is_tainted()
            }) {
                admin_only = Some(format!(
                    "it writes the privilege field `{}` from client input",
                    col.clone().unwrap_or_default()
                ));
            } else if names::is_admin_verb(&m.op)
                || names::is_admin_verb(label.rsplit('.').next().unwrap_or(""))
            {
                admin_only = Some(format!("`{}` is an administrative operation", m.op));
            } else if !unauthorized.is_empty()
                && !self_scoped
                && (names::is_user_model(&model) || mentions_members(&m.op))
            {
                admin_only = Some(format!(
                    "it changes another user's `{}` record",
                    if model.is_empty() {
                        m.op.as_str()
                    } else {
                        model.as_str()
                    }
                ));
            }
        }
        // A write inside an organisation where a role check passed (`requireOrgAdmin(orgId)`
        // before `invitation.create({ data: { orgId, role } })`).
        let in_role_scope = keys.iter().chain(data.iter()).any(|(_, v)| {
            v.taint.as_ref().is_some_and(|t| {
                !t.labels.is_empty()
                    && t.labels
                        .iter()
                        .all(|l| self.flow.authorized.contains(&format!("role:{l}")))
            })
        });
        if self.flow.role || in_role_scope {
            admin_only = None;
        }
        if admin_only.is_some() && self.in_action_body && self.facts.fix.admin_stmt.is_none() {
            self.facts.fix.admin_stmt = self.stmt_start;
        }
        if scoped {
            unauthorized.clear();
        }
        let authorized = self.flow.role || scoped || unauthorized.is_empty();
        let unvalidated = data
            .iter()
            .find(|(_, v)| v.taint.as_ref().is_some_and(|t| !t.validated))
            .and_then(|(_, v)| v.span)
            .map(|s| if self.in_action_body { s } else { site });
        let keyed_by_client = !unauthorized.is_empty();
        // Object storage and key-value stores: confine a client-chosen key to the caller's own
        // prefix (`${user.id}/…`), the pattern the path-prefix check recognises.
        let scope_fix = scope_fix.or_else(|| {
            let raw: BTreeSet<&str> = keys
                .iter()
                .filter_map(|(_, v)| v.taint.as_ref())
                .filter(|t| !self.flow.authorizes(&t.labels))
                .flat_map(|t| t.labels.iter().map(String::as_str))
                .collect();
            let plain = |l: &str| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    && !l.starts_with(|c: char| c.is_ascii_digit())
            };
            match (m.library, raw.len(), raw.iter().next()) {
                ("AWS S3" | "key-value store", 1, Some(key)) if plain(key) => {
                    Some(ScopeFix::KeyPrefix {
                        stmt_start: self.stmt_start?,
                        key: key.to_string(),
                    })
                }
                _ => None,
            }
        });
        let idx = self.facts.sinks.len();
        self.facts.sinks.push(SinkFact {
            seq: self.seq,
            span: site,
            kind: m.kind,
            label: label.to_string(),
            authn: self.flow.authn,
            authorized,
            unauthorized_keys: unauthorized,
            role: self.flow.role,
            admin_only,
            unvalidated: if m.kind == SinkKind::Mutation {
                unvalidated
            } else {
                None
            },
            service_role: service.unwrap_or(false),
            sensitive: m.kind == SinkKind::Mutation || keyed_by_client,
            exposed: false,
            scope_fix: if self.in_action_body { scope_fix } else { None },
            client_input: keys.iter().chain(data.iter()).any(|(_, v)| v.is_tainted()),
        });
        // What the call returns: a record.
        let record = Rc::new(Record {
            sink: Some(idx),
            keys: key_labels,
            scoped,
            raw: raw && m.library != "generic",
            label: label.to_string(),
            user_model: m.kind == SinkKind::Read
                && m.model.as_deref().is_some_and(names::is_user_model),
            // Only plain counts: `groupBy`/`aggregate` can return any column's values.
            aggregate: m.kind == SinkKind::Read
                && matches!(
                    m.op.as_str(),
                    "count" | "countDocuments" | "estimatedDocumentCount"
                ),
        });
        self.sink_records.push(Some(record.clone()));
        Value {
            record: Some(record),
            ..Value::default()
        }
    }
}

// ----- helpers ------------------------------------------------------------------------------

fn span_of(s: oxc_span::Span) -> ByteSpan {
    ByteSpan {
        start: s.start,
        end: s.end,
    }
}

fn indentation_at(source: &str, offset: u32) -> String {
    let line_start = source[..offset as usize]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    source[line_start..offset as usize]
        .chars()
        .take_while(|c| c.is_whitespace())
        .collect()
}

/// Flattens `root.a(..).b.c(..)` (the outermost call) into the root expression and the links.
/// A call of the root itself (`knex("t")`, `helper(..)`) is a link with an empty name.
fn flatten_chain<'a>(
    call: &'a CallExpression<'a>,
) -> (Option<&'a Expression<'a>>, Vec<ChainLink<'a>>) {
    let mut links: Vec<ChainLink<'a>> = Vec::new();
    let mut pending_call: Option<&'a CallExpression<'a>> = Some(call);
    let mut expr: &'a Expression<'a> = &call.callee;
    for _ in 0..64 {
        match strip_await(expr) {
            Expression::StaticMemberExpression(m) => {
                links.push(ChainLink {
                    name: m.property.name.as_str(),
                    call: pending_call.take(),
                });
                expr = &m.object;
            }
            Expression::ComputedMemberExpression(m) => {
                let name = match strip(&m.expression) {
                    Expression::StringLiteral(s) => s.value.as_str(),
                    _ => "[]",
                };
                links.push(ChainLink {
                    name,
                    call: pending_call.take(),
                });
                expr = &m.object;
            }
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(inner) => {
                    if let Some(pc) = pending_call.take() {
                        links.push(ChainLink {
                            name: "",
                            call: Some(pc),
                        });
                    }
                    pending_call = Some(inner);
                    expr = &inner.callee;
                }
                ChainElement::StaticMemberExpression(m) => {
                    links.push(ChainLink {
                        name: m.property.name.as_str(),
                        call: pending_call.take(),
                    });
                    expr = &m.object;
                }
                _ => break,
            },
            Expression::CallExpression(inner) => {
                if let Some(pc) = pending_call.take() {
                    links.push(ChainLink {
                        name: "",
                        call: Some(pc),
                    });
                }
                pending_call = Some(inner);
                expr = &inner.callee;
            }
            _ => break,
        }
    }
    if let Some(pc) = pending_call {
        links.push(ChainLink {
            name: "",
            call: Some(pc),
        });
    }
    links.reverse();
    // Merge "call of a property" pairs: a property link directly followed by an unnamed call
    // link is that property being called.
    let mut merged: Vec<ChainLink<'a>> = Vec::with_capacity(links.len());
    for link in links {
        if link.name.is_empty() {
            if let Some(prev) = merged.last_mut() {
                if prev.call.is_none() {
                    prev.call = link.call;
                    continue;
                }
            }
        }
        merged.push(link);
    }
    (Some(expr), merged)
}

/// `a.b.c` for a member chain of identifiers (calls and `await` skipped).
/// The object literal a call gets as its first argument (`f({ .. })`).
fn first_object_arg<'a>(call: &'a CallExpression<'a>) -> Option<&'a ObjectExpression<'a>> {
    match call.arguments.first()?.as_expression().map(strip)? {
        Expression::ObjectExpression(o) => Some(o),
        _ => None,
    }
}

/// The value of the property `name` of an object literal (`{ name: value }`).
fn property_value<'a>(object: &'a ObjectExpression<'a>, name: &str) -> Option<&'a Expression<'a>> {
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if p.key.static_name().as_deref() == Some(name) => {
            Some(&p.value)
        }
        _ => None,
    })
}

pub(crate) fn path_of(expr: &Expression<'_>) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut e = expr;
    for _ in 0..64 {
        match strip_await(e) {
            Expression::Identifier(id) => {
                parts.push(id.name.as_str());
                parts.reverse();
                return Some(parts.join("."));
            }
            Expression::StaticMemberExpression(m) => {
                parts.push(m.property.name.as_str());
                e = &m.object;
            }
            Expression::CallExpression(c) => e = &c.callee,
            Expression::ChainExpression(c) => match &c.expression {
                ChainElement::CallExpression(call) => e = &call.callee,
                ChainElement::StaticMemberExpression(m) => {
                    parts.push(m.property.name.as_str());
                    e = &m.object;
                }
                _ => return None,
            },
            Expression::ThisExpression(_) => {
                parts.reverse();
                return Some(parts.join("."));
            }
            _ => {
                parts.reverse();
                return if parts.is_empty() {
                    None
                } else {
                    Some(parts.join("."))
                };
            }
        }
    }
    None
}

fn describe_chain(root: &str, links: &[ChainLink<'_>]) -> String {
    let mut s = root.to_string();
    for l in links {
        if l.name.is_empty() {
            s.push_str("(..)");
            continue;
        }
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(l.name);
        if l.call.is_some() {
            s.push_str("(..)");
        }
        if s.len() > 60 {
            break;
        }
    }
    s
}

/// Leaves of a call's arguments: (column name if known, value).
type Leaves<'a> = Vec<(Option<String>, Value<'a>)>;

fn key_then_data<'a>(args: &[Value<'a>]) -> (Leaves<'a>, Leaves<'a>) {
    let mut keys = Vec::new();
    let mut data = Vec::new();
    if let Some(k) = args.first() {
        k.leaves(Some("id"), &mut keys, 0);
    }
    for a in args.iter().skip(1) {
        a.leaves(None, &mut data, 0);
    }
    (keys, data)
}

/// `deleteOrganizationMembership`, `removeMember`, `updateUserRole`: operations on other users.
fn mentions_members(op: &str) -> bool {
    let op = op.to_ascii_lowercase();
    (op.contains("member") || op.contains("user") || op.contains("role"))
        && !op.starts_with("create")
        && !op.starts_with("insert")
}

/// An element of `value` (an item of an array, a row of the rows read): for records, the same
/// record; otherwise only the provenance.
fn element_of<'a>(value: &Value<'a>) -> Value<'a> {
    match &value.record {
        Some(_) if value.field_of.is_none() => Value {
            fields: None,
            is_array: false,
            ..value.clone()
        },
        _ => value.derived(),
    }
}

/// Gives `v`, computed from `args`, the provenance of the first record among them, as data
/// derived from it (never the whole row).
fn carry_records(v: &mut Value<'_>, args: &[Value<'_>]) {
    if v.record.is_some() {
        return;
    }
    let mut records = Vec::new();
    for a in args {
        collect_records(a, &mut records, 0);
    }
    if let Some((record, _)) = records.into_iter().next() {
        v.record = Some(record);
        v.field_of = Some(DERIVED_FIELD.to_string());
    }
}

/// The `field_of` of a value computed from a record's data rather than read from one column.
const DERIVED_FIELD: &str = "(derived)";

/// Records a returned value carries: itself, and its fields (a DTO built from a row still
/// exposes the row's data). `whole` is false for a single field of a record.
fn collect_records(v: &Value<'_>, out: &mut Vec<(Rc<Record>, bool)>, depth: u32) {
    if let Some(r) = &v.record {
        out.push((r.clone(), v.field_of.is_none()));
    }
    if depth < 3 {
        if let Some(fields) = &v.fields {
            for f in fields.values() {
                collect_records(f, out, depth + 1);
            }
        }
    }
}

/// Role names that grant privileges (`admin`, `org:admin`, `OWNER`, `moderator`).
fn is_privileged_role(role: &str) -> bool {
    // Roles that run the app or act for its users (`admin`, `org:admin`, `support agent`). A
    // customer-facing role (`seller`, `author`, `pro`) is not a privilege over others' records.
    crate::catalog::fold::with_folded(role, b"", |r| {
        [
            "admin",
            "owner",
            "moderator",
            "staff",
            "superuser",
            "super_admin",
            "root",
            "manager",
            "editor",
            "maintainer",
            "support",
            "agent",
            "operator",
        ]
        .iter()
        .any(|p| r.contains(p))
    })
}

/// `checkAuth()`, `authenticate()`, `validateSession()`: a call named as a check, not a getter.
fn is_check_style_call(expr: &Expression<'_>) -> bool {
    let Expression::CallExpression(call) = strip_await(expr) else {
        return false;
    };
    let Some(path) = path_of(&call.callee) else {
        return false;
    };
    let last = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    [
        "check",
        "validate",
        "authenticate",
        "authguard",
        "authcheck",
        "guard",
        "ensure",
        "must",
    ]
    .iter()
    .any(|p| last.starts_with(p))
}

/// `ADMIN_EMAIL`, `process.env.ADMIN_USER_ID`: a value the server configures.
fn is_server_constant(expr: &Expression<'_>) -> bool {
    match strip(expr) {
        Expression::Identifier(id) => {
            let n = id.name.as_str();
            n.len() > 1
                && n.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
        }
        Expression::StaticMemberExpression(m) => {
            path_of(&m.object).is_some_and(|p| p == "process.env")
        }
        _ => false,
    }
}

/// `process.env.CRON_SECRET`, `process.env.ADMIN_API_KEY`: a secret known only to the server.
fn is_server_secret(expr: &Expression<'_>) -> bool {
    let Expression::StaticMemberExpression(m) = strip(expr) else {
        return false;
    };
    let name = m.property.name.as_str();
    path_of(&m.object).is_some_and(|p| p == "process.env")
        && ["SECRET", "KEY", "TOKEN", "PASSWORD"]
            .iter()
            .any(|w| name.contains(w))
        // Keys that are public by design (`SUPABASE_ANON_KEY`, `STRIPE_PUBLISHABLE_KEY`,
        // `RECAPTCHA_SITE_KEY`) prove nothing.
        && !["PUBLIC", "ANON", "PUBLISHABLE", "SITE_KEY"]
            .iter()
            .any(|w| name.contains(w))
}

/// `@/lib/x`, `~/x`, `./x`, `../x`, `#x`: a module of the project rather than a package.
fn is_project_specifier(spec: &str) -> bool {
    spec.starts_with("@/")
        || spec.starts_with("~/")
        || spec.starts_with('.')
        || spec.starts_with('#')
        || spec.starts_with("src/")
        || spec.starts_with("app/")
        || spec.starts_with("lib/")
}

fn is_form_data(root: &str, v: &Value<'_>) -> bool {
    v.is_tainted()
        || root.to_ascii_lowercase().contains("formdata")
        || root == "data"
        || root == "fd"
}

fn is_undefined(e: &Expression<'_>) -> bool {
    matches!(strip(e), Expression::Identifier(id) if id.name.as_str() == "undefined")
        || matches!(strip(e), Expression::UnaryExpression(u) if u.operator == UnaryOperator::Void)
}

/// Whether a `catch`/branch body always leaves the function (return, throw, redirect()).
fn block_exits(stmts: &[Statement<'_>]) -> bool {
    stmts.iter().any(statement_exits)
}

fn statement_exits(stmt: &Statement<'_>) -> bool {
    match stmt {
        Statement::ReturnStatement(_) | Statement::ThrowStatement(_) => true,
        Statement::ExpressionStatement(e) => match strip_await(&e.expression) {
            Expression::CallExpression(c) => {
                path_of(&c.callee).is_some_and(|p| exits::is_exit_call(&p))
            }
            _ => false,
        },
        Statement::BlockStatement(b) => block_exits(&b.body),
        Statement::IfStatement(i) => {
            statement_exits(&i.consequent) && i.alternate.as_ref().is_some_and(statement_exits)
        }
        _ => false,
    }
}

/// Marks every field of a ctx value as identity-derived.
fn mark_identity(v: &mut Value<'_>) {
    v.identity = true;
    v.owned = true;
    if let Some(fields) = v.fields.take() {
        let mut f = (*fields).clone();
        for x in f.values_mut() {
            if x.taint.is_none() {
                mark_identity(x);
            }
        }
        v.fields = Some(Rc::new(f));
    }
}

/// The caller's id expression for a session variable named `name`.
/// The identifier an action-client chain starts from (`authActionClient` in
/// `authActionClient.inputSchema(s).action`), if it starts from one.
/// A root that is called (`createServerAction()` in zsa) is written with `()` after it.
fn client_root<'a>(callee: &'a Expression<'a>) -> Option<(&'a IdentifierReference<'a>, bool)> {
    let mut expr = callee;
    let mut called = false;
    for _ in 0..64 {
        match strip(expr) {
            Expression::StaticMemberExpression(m) => {
                expr = &m.object;
                called = false;
            }
            Expression::CallExpression(c) => {
                expr = &c.callee;
                called = true;
            }
            Expression::Identifier(id) => return Some((id, called)),
            _ => return None,
        }
    }
    None
}

fn default_identity_expr(name: &str) -> String {
    match name {
        "session" | "authSession" | "serverSession" => format!("{name}.user.id"),
        "userId" | "uid" | "id" | "sub" => name.to_string(),
        _ => format!("{name}.id"),
    }
}

fn refine_identity_expr(base: &str, prop: &str) -> String {
    match prop {
        "user" if base.ends_with(".user.id") => base.to_string(),
        "user" => format!(
            "{}.user.id",
            base.trim_end_matches(".id").trim_end_matches(".user")
        ),
        "userId" | "id" | "sub" => {
            let root = base.split('.').next().unwrap_or(base);
            if prop == "id" {
                base.to_string()
            } else {
                format!("{root}.{prop}")
            }
        }
        _ => base.to_string(),
    }
}

fn is_service_client_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("admin") && (n.contains("supabase") || n.contains("client"))
        || n.contains("servicerole")
        || n.contains("serviceclient")
}

fn is_service_client_call(path: &str, call: &CallExpression<'_>, source: &str) -> bool {
    let last = path.rsplit('.').next().unwrap_or(path);
    if matches!(
        last,
        "createAdminClient"
            | "createServiceClient"
            | "createServiceRoleClient"
            | "getServiceSupabase"
            | "createSupabaseAdmin"
            | "getSupabaseAdmin"
            | "supabaseAdmin"
    ) {
        return true;
    }
    if matches!(last, "createClient" | "createServerClient") {
        let text = call.span.source_text(source);
        return text.contains("SERVICE_ROLE")
            || text.contains("SERVICE_KEY")
            || text.contains("serviceRole");
    }
    false
}

fn is_service_client_expr(init: &Expression<'_>, source: &str) -> bool {
    match strip_await(init) {
        Expression::CallExpression(c) => {
            path_of(&c.callee).is_some_and(|p| is_service_client_call(&p, c, source))
        }
        _ => false,
    }
}

/// Fields of a Stripe request that point at an existing object, which must be the caller's.
fn stripe_reference(field: &str) -> bool {
    matches!(
        field,
        "customer"
            | "payment_intent"
            | "charge"
            | "subscription"
            | "invoice"
            | "payment_method"
            | "setup_intent"
            | "subscription_item"
            | "account"
            | "destination"
            | "on_behalf_of"
            | "source"
            | "transfer_data"
    )
}

/// The boolean result of a check: truthy exactly when `asserts` hold.
fn check_result<'a>(asserts: Asserts) -> Value<'a> {
    Value {
        auth_bool: Some(Rc::new(asserts)),
        ..Value::default()
    }
}

/// A value from the server-side session (not from the client).
fn is_session_value(v: &Value<'_>) -> bool {
    (v.identity || v.guard.is_some()) && !v.is_tainted()
}

/// What a check proves about authentication: a check asked about the session is false for an
/// anonymous caller, so passing it proves a user.
fn session_authn(on_session: bool) -> Authn {
    if on_session {
        Authn::Checked
    } else {
        Authn::None
    }
}

/// The labels of the client values among `args` (the keys a check is asked about).
fn client_keys(args: &[Value<'_>]) -> BTreeSet<String> {
    args.iter()
        .filter(|a| !a.identity)
        .filter_map(|a| a.taint.as_ref())
        .flat_map(|t| t.labels.iter().cloned())
        .collect()
}
