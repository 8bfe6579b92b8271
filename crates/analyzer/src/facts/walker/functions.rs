//! Calls of project functions: arguments bound, the body walked in a new frame, returns joined.

use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    // ----- functions ----------------------------------------------------------------------

    /// Out of steps while following helpers. The action's own body is always walked to the end
    /// (it is bounded by its size): only helpers stop being followed, so no sink the action
    /// reaches itself is lost.
    pub(super) fn over_budget(&self) -> bool {
        self.steps > self.budget && !self.call_stack.is_empty()
    }

    pub(super) fn walk_func_body(&mut self, func: Func<'a>) {
        if let Some(expr) = func.expression_body() {
            let v = self.eval(expr);
            self.on_return(v, expr.span());
        } else if let Some(body) = func.body() {
            self.walk_statements(&body.statements);
        }
    }

    /// Follows a call of a project function: binds its parameters, walks its body, and
    /// combines its return paths.
    pub(super) fn call_function(
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
        let contains = |s: &ByteSpan| s.start <= fs.start && fs.end <= s.end;
        // A closure sees the variables of the function it is written in: the current one
        // (`items.map((x) => ..)`), or one a call left to run a helper that calls the closure
        // back (`runInBackground(async () => stream.update(..))`, `withRetry(() => ..)`).
        let callee_vars = if module == self.module && self.enclosing.last().is_some_and(contains) {
            self.vars.clone()
        } else {
            self.outer_vars
                .iter()
                .rev()
                .find(|(m, span, _)| *m == module && contains(span))
                .map(|(_, _, vars)| vars.clone())
                .unwrap_or_default()
        };
        let caller_span = self.enclosing.last().copied().unwrap_or(fs);
        let caller_vars = std::mem::replace(&mut self.vars, callee_vars);
        self.outer_vars
            .push((self.module, caller_span, caller_vars));
        self.enclosing.push(fs);
        let saved_module = (self.module, self.scope.clone());
        let saved_in_body = self.in_action_body;
        self.in_action_body = false;
        let saved_in_text = self.in_action_text;
        self.in_action_text = module == self.action.0 && contains(&self.action.1);
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
            let value = annotated(value, param.type_annotation.as_ref());
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
        if let Some((_, _, caller_vars)) = self.outer_vars.pop() {
            self.vars = caller_vars;
        }
        (self.module, self.scope) = saved_module;
        self.in_action_body = saved_in_body;
        self.in_action_text = saved_in_text;
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
        // `return instance` where every path returns a built-in that stores nothing (an i18next
        // instance, a `Headers`): so does the call.
        let mut values = frame.returns.iter().map(|(_, v)| v.inert);
        if let Some(Some(tag)) = values.next() {
            if values.all(|t| t == Some(tag)) {
                result.inert = Some(tag);
            }
        }
        if let Some(t) = truthy {
            let gained = gained(&t, &joined);
            if !gained.is_empty() {
                result.auth_bool = Some(Rc::new(gained));
            }
        }
        result.outcomes = self.literal_outcomes(&frame.returns, &joined);
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
        self.mark_discriminants(&frame.returns, &joined, &mut result);
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
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Marks the plain fields of a helper's result that tell its paths apart: a field set only
    /// on the paths that fail (`{ error: "Not signed in" }` against `{ user, error: null }`) is
    /// falsy only when what the other paths established holds, and a field set only on the paths
    /// that succeed (`{ ok: true, user }` against `{ ok: false }`) is truthy only then. Testing
    /// `result.error` or `result.ok` then tests the lookup, as testing the result would.
    fn mark_discriminants(
        &self,
        returns: &[(Flow, Value<'a>)],
        joined: &Flow,
        result: &mut Value<'a>,
    ) {
        if returns.len() < 2 {
            return;
        }
        let Some(fields) = result.fields.as_deref() else {
            return;
        };
        let mut marked = fields.clone();
        let mut changed = false;
        for (key, merged) in fields {
            let plain = merged.guard.is_none()
                && !merged.identity
                && merged.record.is_none()
                && !merged.session_root
                && merged.fields.is_none()
                && merged.func.is_none();
            if !plain {
                continue;
            }
            let (mut set, mut unset): (Option<Flow>, Option<Flow>) = (None, None);
            for (flow, v) in returns {
                let is_set = v.field(key).is_some_and(|x| !x.falsy);
                let side = if is_set { &mut set } else { &mut unset };
                *side = Some(match side.take() {
                    Some(f) => f.join(flow.clone()),
                    None => flow.clone(),
                });
            }
            let (Some(set), Some(unset)) = (set, unset) else {
                continue;
            };
            let (when_unset, when_set) = (gained(&unset, joined), gained(&set, joined));
            let mut field = merged.clone();
            if !when_unset.is_empty() && when_set.is_empty() {
                field.auth_falsy = Some(Rc::new(when_unset));
            } else if !when_set.is_empty() && when_unset.is_empty() {
                field.auth_bool = Some(Rc::new(when_set));
            } else {
                continue;
            }
            marked.insert(key.clone(), field);
            changed = true;
        }
        if changed {
            result.fields = Some(Rc::new(marked));
        }
    }
}

impl<'g, 'a> Walker<'g, 'a> {
    /// A helper that answers with words (`return "no-access"` without a user, `return
    /// member.role` after the lookup): each truthy return's literal beside what held on its
    /// path (see [`Value::outcomes`]). `None` when no path returns a literal.
    #[inline(never)]
    fn literal_outcomes(
        &self,
        returns: &[(Flow, Value<'a>)],
        joined: &Flow,
    ) -> Option<Rc<crate::facts::value::Outcomes<'a>>> {
        let literal = |v: &Value<'a>| {
            v.str_lit.filter(|_| {
                !v.is_tainted()
                    && v.record.is_none()
                    && !v.identity
                    && !v.server_config
                    && !v.public_config
            })
        };
        if !returns
            .iter()
            .any(|(_, v)| !v.falsy && literal(v).is_some())
        {
            return None;
        }
        let outcomes = returns
            .iter()
            .filter(|(_, v)| !v.falsy)
            .map(|(f, v)| {
                let mut f = f.clone();
                f.assume(&self.truthiness(v).0);
                (literal(v), gained(&f, joined))
            })
            .collect();
        Some(Rc::new(outcomes))
    }
}

/// What holds on the paths of `part` beyond what holds on every path (`all`).
fn gained(part: &Flow, all: &Flow) -> Asserts {
    Asserts {
        authn: if part.authn > all.authn {
            part.authn
        } else {
            Authn::None
        },
        role: part.role && !all.role,
        authorize: part
            .authorized
            .difference(&all.authorized)
            .cloned()
            .collect(),
    }
}
