//! Statements and control flow: blocks, `if`, loops, `try/catch`, and the exits (`throw`,
//! `return`, `redirect()`) that end a path.

use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    // ----- statements ---------------------------------------------------------------------

    pub(super) fn walk_statements(&mut self, stmts: &'a [Statement<'a>]) {
        for stmt in stmts {
            if !self.flow.reachable {
                break;
            }
            self.walk_statement(stmt);
        }
    }

    pub(super) fn walk_statement(&mut self, stmt: &'a Statement<'a>) {
        // `else if` chains and brace-less nesting recurse without brackets: bound the depth
        // (deeper statements are skipped, like deeper expressions).
        if self.depth > MAX_EXPR_DEPTH {
            return;
        }
        self.depth += 1;
        self.walk_statement_inner(stmt);
        self.depth -= 1;
    }

    /// The body of an `if`, `else` or loop. Written without braces (`if (a) await
    /// db.x.delete(..)`), a check a fix inserts before it needs braces around both (a
    /// declaration alone there would not parse): noted for the fix builder.
    pub(super) fn walk_body(&mut self, body: &'a Statement<'a>) {
        if self.in_action_text && !matches!(body, Statement::BlockStatement(_)) {
            let span = body.span();
            self.facts.fix.braceless.push((span.start, span.end));
        }
        self.walk_statement(body);
    }

    pub(super) fn walk_statement_inner(&mut self, stmt: &'a Statement<'a>) {
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
                if let Some(Expression::ConditionalExpression(c)) = r.argument.as_ref().map(strip) {
                    if !self.frames.is_empty() {
                        self.return_branches(c);
                        return;
                    }
                }
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
                    w.walk_body(&f.body);
                });
            }
            Statement::ForInStatement(f) => {
                let items = self.eval(&f.right);
                self.walk_loop(|w| {
                    w.bind_for_left(&f.left, items.derived());
                    w.walk_body(&f.body);
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
                self.walk_loop(|w| w.walk_body(&f.body));
            }
            Statement::WhileStatement(s) => {
                self.eval(&s.test);
                self.walk_loop(|w| w.walk_body(&s.body));
            }
            Statement::DoWhileStatement(s) => {
                // The body runs at least once: what it establishes holds after the loop.
                self.breaks.push(Vec::new());
                self.continues.push(Vec::new());
                self.walk_body(&s.body);
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
                            .is_some_and(names::is_privileged_role)
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

    pub(super) fn walk_loop(&mut self, body: impl FnOnce(&mut Self)) {
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
    pub(super) fn on_jump(&mut self, is_break: bool, label: Option<&str>) {
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

    pub(super) fn bind_for_left(&mut self, left: &'a ForStatementLeft<'a>, value: Value<'a>) {
        if let ForStatementLeft::VariableDeclaration(d) = left {
            for decl in &d.declarations {
                self.bind_pattern(&decl.id, value.clone(), None);
            }
        }
    }

    pub(super) fn walk_var_decl(&mut self, decl: &'a VariableDeclaration<'a>) {
        for d in &decl.declarations {
            let value = match &d.init {
                Some(init) => self.eval(init),
                None => Value::default(),
            };
            let value = annotated(value, d.type_annotation.as_ref());
            self.bind_pattern(&d.id, value, Some(decl.span.end));
        }
    }

    pub(super) fn walk_if(&mut self, s: &'a IfStatement<'a>) {
        let (when_true, when_false) = self.cond(&s.test);
        let base = self.flow.clone();
        self.flow.assume(&when_true);
        self.walk_body(&s.consequent);
        let after_true = std::mem::take(&mut self.flow);
        let true_exit_swallowed = self.last_exit_swallowed;
        self.flow = base;
        self.flow.assume(&when_false);
        if let Some(alt) = &s.alternate {
            self.walk_body(alt);
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
            self.record_authz_check(gained);
        }
        self.flow = after_true.join(after_false);
    }

    /// A check that fails closed unless `holds` (an assertion): the flow goes on with it.
    pub(super) fn passes_check(&mut self, holds: Asserts) {
        if holds.is_empty() {
            return;
        }
        self.record_check();
        self.record_authz_check(&holds);
        self.flow.assume(&holds);
    }

    /// Records a role or ownership check that just failed closed.
    fn record_authz_check(&mut self, gained: &Asserts) {
        if gained.role || !gained.authorize.is_empty() {
            self.facts.authz_checks.push(AuthzCheck {
                seq: self.seq,
                role: gained.role,
                keys: gained.authorize.iter().cloned().collect(),
            });
        }
    }

    pub(super) fn walk_try(&mut self, t: &'a TryStatement<'a>) {
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

    pub(super) fn on_throw(&mut self) {
        self.last_exit_swallowed = self.try_stack.iter().any(|t| t.swallows);
        let f = self.flow.clone();
        if let Some(t) = self.try_stack.last_mut() {
            t.throws.push(f);
        }
        self.flow = Flow::unreachable();
    }

    /// `return row ? row.role : null` in a helper: two returns, each on the path its branch
    /// runs (so a caller testing the result tells the branches apart, as it would two `return`
    /// statements under an `if`).
    #[inline(never)]
    fn return_branches(&mut self, c: &'a ConditionalExpression<'a>) {
        let (when_true, when_false) = self.cond(&c.test);
        let base = self.flow.clone();
        self.flow.assume(&when_true);
        let v = self.eval(&c.consequent);
        self.on_return(v, c.consequent.span());
        self.flow = base;
        self.flow.assume(&when_false);
        let v = self.eval(&c.alternate);
        self.on_return(v, c.alternate.span());
    }

    pub(super) fn on_return(&mut self, value: Value<'a>, span: oxc_span::Span) {
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

    pub(super) fn record_check(&mut self) {
        self.seq += 1;
        self.facts.checks.push(self.seq);
    }

    pub(super) fn record_guard_call(&mut self, span: ByteSpan) {
        self.seq += 1;
        let span = self.site.unwrap_or(span);
        self.facts.guard_calls.push((self.seq, span));
    }
}
