//! The walk of an action begins here: its parameters, the wrapper or action client around it
//! (middlewares run in order up to the call of the handler), and the finished facts.

use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    // ----- entry points -------------------------------------------------------------------

    pub(super) fn run_action(&mut self, def: &ActionDef<'a>) {
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
            Via::Wrapper(call) => {
                params = self.enter_wrapper(call, def.func);
                // A factory that hands its handler `{ input, ctx }` (see `enter_wrapper`).
                self.client_session_var(def.func, params.first());
            }
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

    pub(super) fn finish(mut self) -> ActionFacts {
        if self.facts.unverified_source.is_none() {
            self.facts.unverified_source = self.raw_token_read;
        }
        // A guard's own bookkeeping is not the action's work (see `call_function`), and a flow
        // a mailbox proves (see `mailbox.rs`) or a fresh record handed over in the visitor's
        // cookie (see `public_sinks.rs`) is public by design.
        let internal = std::mem::take(&mut self.guard_internal);
        let mut proven = self.mailbox_proven_sinks();
        proven.extend(self.handed_by_cookie());
        let mut index = 0;
        self.facts.sinks.retain(|_| {
            index += 1;
            !internal.iter().any(|r| r.contains(&(index - 1))) && !proven.contains(&(index - 1))
        });
        // Reads only count when their result reaches the caller or client input keys them.
        self.facts
            .sinks
            .retain(|s| s.kind != SinkKind::Read || s.sensitive);
        self.facts
    }

    pub(super) fn bind_action_params(&mut self, func: Func<'a>, injected: Vec<Value<'a>>) {
        let params = func.params();
        self.facts.inputs.params = params
            .items
            .iter()
            .map(|p| match &p.pattern {
                BindingPattern::BindingIdentifier(id) => id.name.to_string(),
                _ => "args".to_string(),
            })
            .collect();
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
                        fail_test: None,
                    });
                }
            }
            let value = annotated(value, param.type_annotation.as_ref());
            self.bind_pattern(&param.pattern, value, None);
        }
        if let Some(rest) = &params.rest {
            let v = self.client_param_value(&rest.rest.argument);
            self.bind_pattern(&rest.rest.argument, v, None);
        }
    }

    /// A parameter of the action: client input, labelled by its name.
    pub(super) fn client_param_value(&self, pattern: &BindingPattern<'a>) -> Value<'a> {
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
    pub(super) fn enter_wrapper(
        &mut self,
        call: &'a CallExpression<'a>,
        action: Func<'a>,
    ) -> Vec<Value<'a>> {
        let callee_name = path_of(&call.callee).unwrap_or_default();
        // `authAction(schema, async (input, { user }) => ..)` where `authAction` is an action
        // client (`createSafeActionClient({ middleware })`, next-safe-action before v7).
        if self.is_action_client_root(&call.callee) {
            return self.enter_client(call);
        }
        // `createServerAction({ .., action: async (..) => .. })`: the handler is a property of
        // an options object.
        let in_options = crate::discover::handler_in_options(&self.scope, call)
            .filter(|(_, _, f)| f.key() == action.key());
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
            let continuation = Value {
                continuation: true,
                ..Value::default()
            };
            match in_options {
                Some((index, key, _)) => {
                    if let Some(options) = args.get_mut(index) {
                        let mut fields = options.fields.as_deref().cloned().unwrap_or_default();
                        fields.insert(key.to_string(), continuation);
                        options.fields = Some(Rc::new(fields));
                    }
                }
                None => {
                    if let Some(slot) = args.get_mut(fn_index) {
                        *slot = continuation;
                    }
                }
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
            // `createServerAction({ middlewares: { user: requireUser }, action })`: the factory
            // runs the middlewares its options hand it before the handler, and gives the handler
            // their results as `ctx` (however it loops over them).
            if in_options.is_some() {
                if let Some(ctx) = self.run_option_middlewares(call) {
                    if let Some(first) = injected.first_mut() {
                        let mut fields = first.fields.as_deref().cloned().unwrap_or_default();
                        fields.insert("ctx".to_string(), ctx);
                        first.fields = Some(Rc::new(fields));
                    }
                }
            }
            // Arguments the wrapper forwards from its own (client) parameters stay client input.
            return injected;
        }
        if in_options.is_some() && options_name_an_auth_check(call) {
            return self.enter_unseen_auth_factory(&callee_name, call);
        }
        if guards::is_auth_wrapper_name(&callee_name) {
            self.assume_auth_check(
                &callee_name,
                span_of(call.callee.span()),
                Assumed::AuthWrapper,
                guards::is_role_wrapper_name(&callee_name),
            );
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
                identity_expr: Some(format!("{name}.id").into()),
                ..Value::default()
            };
            // `validatedActionWithUser(updateSchema, async (data, ..) => ..)`: the wrapper parses
            // the client's input with the schema it is given first.
            let schema_first = call.arguments.len() >= 2
                && call.arguments.first().is_some_and(|a| {
                    let text = a.span().source_text(self.scope.source);
                    a.as_expression().and_then(as_func).is_none()
                        && libraries::validators::looks_like_schema(text)
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

    /// Runs the middlewares an action factory's options name (`middlewares: { user: requireUser
    /// }`, `middlewares: [requireUser]`, `middleware: requireUser`), defined in the project, in
    /// order, and returns their results keyed as the factory passes them (`{ user: .. }`), or
    /// `None` when the options name none the walker can find.
    fn run_option_middlewares(&mut self, call: &'a CallExpression<'a>) -> Option<Value<'a>> {
        let value = option_value(call, &["middlewares", "middleware", "use"])?;
        let mut found: Vec<(String, usize, Func<'a>)> = Vec::new();
        let (module, expr) = match strip(value) {
            Expression::Identifier(id) if !self.vars.contains_key(id.name.as_str()) => {
                match self.scope.consts.get(id.name.as_str()) {
                    Some(init) => (self.module, *init),
                    None => match self.graph.resolve_const(self.module, id.name.as_str()) {
                        Some(found) => found,
                        None => (self.module, value),
                    },
                }
            }
            _ => (self.module, value),
        };
        let scope = self.graph.module(module);
        let function_at = |e: &'a Expression<'a>| {
            as_func(e).or_else(|| match strip(e) {
                Expression::Identifier(id) => scope.functions.get(id.name.as_str()).copied(),
                _ => None,
            })
        };
        match strip(expr) {
            Expression::ObjectExpression(o) => {
                for p in &o.properties {
                    if let ObjectPropertyKind::ObjectProperty(p) = p {
                        if let (Some(key), Some(f)) = (key_name(&p.key), function_at(&p.value)) {
                            found.push((key.to_string(), module, f));
                        }
                    }
                }
            }
            Expression::ArrayExpression(list) => {
                for (i, e) in list.elements.iter().enumerate() {
                    if let Some(f) = e.as_expression().and_then(function_at) {
                        found.push((format!("[{i}]"), module, f));
                    }
                }
            }
            other => {
                if let Some(f) = function_at(other) {
                    found.push(("[0]".to_string(), module, f));
                }
            }
        }
        if found.is_empty() {
            return None;
        }
        let mut ctx = BTreeMap::new();
        for (key, module, func) in found {
            let result = self.call_function(module, func, Vec::new(), span_of(call.span));
            ctx.insert(key, result);
        }
        Some(Value {
            fields: Some(Rc::new(ctx)),
            ..Value::default()
        })
    }

    /// `createSafeActionClient({ middleware: async () => { .. return { user } } })` (next-safe-action
    /// v4–v6): the middleware runs before every handler, and what it returns is the handler's
    /// context. `None` when the options name no middleware function.
    fn run_client_option_middleware(&mut self, call: &'a CallExpression<'a>) -> Option<Value<'a>> {
        let value = option_value(call, &["middleware"])?;
        let func = as_func(value).or_else(|| match strip(value) {
            Expression::Identifier(id) => self.scope.functions.get(id.name.as_str()).copied(),
            _ => None,
        })?;
        let mut v = self.call_function(self.module, func, Vec::new(), span_of(call.span));
        v.identity |= v.guard.is_some();
        v.owned |= v.identity;
        Some(v)
    }

    /// Whether `callee` names a constant made by an action client's root call
    /// (`export const authAction = createSafeActionClient(..)`), here or in a project module.
    fn is_action_client_root(&self, callee: &'a Expression<'a>) -> bool {
        let Expression::Identifier(id) = strip(callee) else {
            return false;
        };
        let name = id.name.as_str();
        let init = match self.scope.consts.get(name) {
            Some(init) => Some(*init),
            None => self
                .graph
                .resolve_const(self.module, name)
                .map(|(_, init)| init),
        };
        init.is_some_and(|init| match strip(init) {
            Expression::CallExpression(c) => path_of(&c.callee).is_some_and(|p| {
                action_clients::CLIENT_ROOTS
                    .iter()
                    .any(|root| p == *root || p.ends_with(&format!(".{root}")))
            }),
            _ => false,
        })
    }

    /// A check the analyzer takes on trust from a name (a wrapper, an action client, a factory's
    /// options): said as an assumption, and the caller signed in (with a role when `role`).
    fn assume_auth_check(&mut self, name: &str, span: ByteSpan, assumed: Assumed, role: bool) {
        self.assume(name, span, assumed);
        self.record_guard_call(span);
        self.flow.authn = Authn::Checked;
        self.flow.role |= role;
        self.record_check();
    }

    /// An action factory the analyzer cannot see whose options name an auth check
    /// (`createServerAction({ middlewares: authenticatedMiddlewares, action })`): taken to check
    /// the session before the handler runs, and said so. The handler gets `{ input, ctx }`: the
    /// client's input, and the session in `ctx`.
    fn enter_unseen_auth_factory(
        &mut self,
        callee_name: &str,
        call: &'a CallExpression<'a>,
    ) -> Vec<Value<'a>> {
        let span = span_of(call.callee.span());
        self.assume_auth_check(callee_name, span, Assumed::AuthWrapper, false);
        let user = Value {
            identity: true,
            owned: true,
            identity_expr: Some("ctx.user.id".into()),
            ..Value::default()
        };
        let session = Value {
            owned: true,
            fields: Some(Rc::new([("user".to_string(), user)].into_iter().collect())),
            ..Value::default()
        };
        let mut fields: BTreeMap<String, Value<'a>> = ["input", "parsedInput", "data", "values"]
            .into_iter()
            .map(|name| (name.to_string(), Value::client(name, name, None)))
            .collect();
        for name in ["ctx", "context"] {
            fields.insert(name.to_string(), session.clone());
        }
        let mut first = Value::client("input", "input", None);
        first.fields = Some(Rc::new(fields));
        vec![first]
    }

    /// `client.schema(s).action(fn)` / `proc.createServerAction().input(s).handler(fn)`:
    /// establishes what the client's middleware proves and returns the action's first
    /// parameter (`{ parsedInput, ctx }`).
    pub(super) fn enter_client(&mut self, call: &'a CallExpression<'a>) -> Vec<Value<'a>> {
        let (validated, ctx) = self.client_chain(&call.callee, 0);
        let mut fields = BTreeMap::new();
        for (name, parsed) in action_clients::INPUT_FIELDS {
            let v = Value {
                taint: Some(Taint {
                    labels: super::super::value::label(name.to_string()),
                    validated: validated && parsed,
                    actor: false,
                    role: false,
                }),
                ..Value::default()
            };
            fields.insert(name.to_string(), v);
        }
        // next-safe-action before v7, `client(schema, async (input, ctx) => ..)`: the parsed
        // input first, the middleware's context second.
        if matches!(strip(&call.callee), Expression::Identifier(_)) && call.arguments.len() >= 2 {
            let input = Value {
                taint: Some(Taint {
                    labels: super::super::value::label("parsedInput".to_string()),
                    validated,
                    actor: false,
                    role: false,
                }),
                ..Value::default()
            };
            return vec![input, ctx];
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
    pub(super) fn client_session_var(&mut self, func: Func<'a>, arg: Option<&Value<'a>>) {
        let Some(ctx) = arg.and_then(|a| a.field("ctx")) else {
            return;
        };
        let is_id = |v: &Value<'a>| v.identity || v.field("id").is_some_and(|id| id.identity);
        let path = if ctx.field("user").is_some_and(is_id) {
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
            .any(|p| key_name(&p.key).as_deref() == Some("ctx"));
        let ctx_is_plain = pattern.properties.iter().any(|p| {
            key_name(&p.key).as_deref() == Some("ctx")
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
            fail_test: None,
        });
    }

    /// Follows an action-client chain down to its root, applying every `.use(mw)` middleware.
    /// Returns whether input is schema-validated and the `ctx` value.
    pub(super) fn client_chain(
        &mut self,
        expr: &'a Expression<'a>,
        depth: u32,
    ) -> (bool, Value<'a>) {
        if depth > 24 {
            return (false, Value::default());
        }
        match strip(expr) {
            Expression::CallExpression(c) => {
                if let Expression::StaticMemberExpression(m) = strip(&c.callee) {
                    let method = action_clients::chain_method(m.property.name.as_str());
                    // tRPC: `procedure.experimental_caller(nextAppDirCaller({ createContext }))`
                    // makes the context every middleware below starts from.
                    if method == Some(ChainMethod::Caller) {
                        self.caller_ctx = self.trpc_caller_context(c);
                    }
                    let (mut validated, ctx) = self.client_chain(&m.object, depth + 1);
                    match method {
                        Some(ChainMethod::Schema) => validated = true,
                        Some(ChainMethod::Middleware) => {
                            if let Some(mw) = c.arguments.first().and_then(|a| a.as_expression()) {
                                let ctx = self.run_middleware(mw, ctx);
                                return (validated, ctx);
                            }
                        }
                        Some(ChainMethod::ProcedureHandler) => {
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
                    if name.ends_with(action_clients::PROCEDURE_FACTORY) {
                        if let Some(parent) = c.arguments.first().and_then(|a| a.as_expression()) {
                            return self.client_chain(parent, depth + 1);
                        }
                    }
                    // next-safe-action before v7: `createSafeActionClient({ middleware })`, whose
                    // result is the handler's context.
                    if let Some(ctx) = self.run_client_option_middleware(c) {
                        return (false, ctx);
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
                    self.assume_auth_check(
                        name,
                        span_of(id.span),
                        Assumed::AuthClient,
                        name.to_ascii_lowercase().contains("admin"),
                    );
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
    pub(super) fn trpc_caller_context(
        &mut self,
        caller: &'a CallExpression<'a>,
    ) -> Option<Value<'a>> {
        let Some(Expression::CallExpression(adapter)) = caller
            .arguments
            .first()
            .and_then(|a| a.as_expression())
            .map(strip)
        else {
            return None;
        };
        let create = property_value(first_object_arg(adapter)?, action_clients::CREATE_CONTEXT)?;
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
    pub(super) fn run_middleware(&mut self, mw: &'a Expression<'a>, ctx: Value<'a>) -> Value<'a> {
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
}

/// Whether an action factory's options name an auth check: a middleware named for one
/// (`middlewares: authenticatedMiddlewares`, `use: [withUser]`) or a flag that asks for one
/// (`requireAuth: true`, `protected: true`).
fn options_name_an_auth_check(call: &CallExpression<'_>) -> bool {
    call.arguments.iter().any(|a| {
        let Some(Expression::ObjectExpression(o)) = a.as_expression().map(strip) else {
            return false;
        };
        o.properties.iter().any(|p| {
            let ObjectPropertyKind::ObjectProperty(p) = p else {
                return false;
            };
            let key = key_name(&p.key).unwrap_or_default();
            let flag = matches!(strip(&p.value), Expression::BooleanLiteral(b) if b.value);
            let named = |e: &Expression<'_>| {
                path_of(e).is_some_and(|path| {
                    guards::is_auth_wrapper_name(path.rsplit('.').next().unwrap_or(&path))
                })
            };
            let middleware_key =
                ["middlewares", "middleware", "use", "guard", "guards"].contains(&key.as_ref());
            (middleware_key
                && match strip(&p.value) {
                    Expression::ArrayExpression(list) => list
                        .elements
                        .iter()
                        .filter_map(|e| e.as_expression())
                        .any(named),
                    other => named(other),
                })
                || (flag && guards::is_auth_wrapper_name(&key))
        })
    })
}

/// The value of the first property named one of `keys` in an options object passed to `call`
/// (`createSafeActionClient({ middleware })`, `createServerAction({ middlewares, .. })`).
fn option_value<'a>(call: &'a CallExpression<'a>, keys: &[&str]) -> Option<&'a Expression<'a>> {
    call.arguments.iter().find_map(|a| {
        let Expression::ObjectExpression(o) = strip(a.as_expression()?) else {
            return None;
        };
        o.properties.iter().find_map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p)
                if keys.contains(&key_name(&p.key).as_deref().unwrap_or("")) =>
            {
                Some(&p.value)
            }
            _ => None,
        })
    })
}
