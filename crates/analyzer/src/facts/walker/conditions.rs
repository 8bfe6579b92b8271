//! Bindings and conditions: what a declared name holds, and what a condition being true or
//! false establishes (signed in, a role, ownership of client keys).

use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    // ----- bindings -----------------------------------------------------------------------

    pub(super) fn bind_pattern(
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
                    value.identity_expr = Some(default_identity_expr(name).into());
                }
                // Functions on an auth result (Clerk's `has`, `protect`) are always present:
                // testing them proves nothing, so they are no variable for a fix to check.
                let is_method = libraries::auth::is_result_method(name);
                let from_session = !is_method
                    && (value.guard.is_some_and(|g| !g.error && !g.factory) || value.session_root);
                if let (Some(end), true, true) = (decl_end, from_session, self.in_action_body) {
                    if self.facts.fix.session_var.is_none() {
                        self.facts.fix.session_var = Some(SessionVar {
                            name: name.to_string(),
                            identity_expr: value
                                .identity_expr
                                .as_deref()
                                .map_or_else(|| default_identity_expr(name), str::to_string),
                            after_decl: end,
                            always_object: value.guard.is_some_and(|g| g.always_object),
                            fail_test: None,
                        });
                    }
                }
                // `const result = await requireEditor()` answering `{ error }` or `{ ok }`: the
                // fix tests its discriminant.
                if let (Some(end), Some(test), true, None) = (
                    decl_end,
                    discriminant_fail_test(name, &value),
                    self.in_action_body,
                    &self.facts.fix.session_var,
                ) {
                    self.facts.fix.session_var = Some(SessionVar {
                        name: name.to_string(),
                        identity_expr: default_identity_expr(name),
                        after_decl: end,
                        always_object: true,
                        fail_test: Some(test),
                    });
                }
                if let Some(t) = value.taint.as_mut() {
                    // A named client value is its own label, so checks on the name authorize it.
                    // A new object's name (`projects/${projectId}/${createId()}`) is no client
                    // value of its own: only what it was built from before the fresh id is.
                    if !value.fresh {
                        Rc::make_mut(&mut t.labels).insert(name.to_string());
                    }
                    t.actor |= names::is_actor_id_name(name);
                    t.role |= self.graph.names.is_role_name(name);
                }
                if value.identity && self.graph.names.is_role_name(name) {
                    value.role = true;
                }
                self.vars.insert(name, value);
            }
            BindingPattern::ObjectPattern(obj) => {
                for prop in &obj.properties {
                    let key = key_name(&prop.key);
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
    pub(super) fn cond(&mut self, expr: &'a Expression<'a>) -> (Asserts, Asserts) {
        self.depth += 1;
        let r = if self.depth > MAX_EXPR_DEPTH {
            (Asserts::default(), Asserts::default())
        } else {
            self.cond_inner(expr)
        };
        self.depth -= 1;
        r
    }

    pub(super) fn cond_inner(&mut self, expr: &'a Expression<'a>) -> (Asserts, Asserts) {
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

    /// `<rows>.length <op> 0|1` (the row count of a read compared with zero or one), or a
    /// count a read returned (`const n = await prisma.invite.count(..)`; `n === 0`).
    pub(super) fn is_row_count_test(&self, b: &BinaryExpression<'a>) -> bool {
        let counted = match strip(&b.left) {
            Expression::StaticMemberExpression(m) => m.property.name == "length",
            Expression::Identifier(id) => self.vars.get(id.name.as_str()).is_some_and(|v| {
                v.field_of.is_none() && v.record.as_ref().is_some_and(|r| r.aggregate)
            }),
            _ => false,
        };
        counted
            && matches!(strip(&b.right), Expression::NumericLiteral(n) if n.value == 0.0 || n.value == 1.0)
            && !matches!(b.operator, BinaryOperator::Instanceof | BinaryOperator::In)
    }

    /// What it proves when the secret a record stores (`row.code`, `link.passcodeHash`) matches
    /// what the caller presents: the caller holds that record's secret (SPEC §3, public by
    /// design), so its keys are theirs and reading it to compare was no read of someone's data.
    /// `None` unless `stored` is such a column and `presented` comes from the client.
    pub(super) fn holds_stored_secret(
        &mut self,
        stored: &Value<'a>,
        presented: &Value<'a>,
    ) -> Option<Asserts> {
        let (Some(rec), Some(field)) = (&stored.record, &stored.field_of) else {
            return None;
        };
        if !(names::is_stored_secret_field(field)
            && stored.taint.is_none()
            && presented.taint.is_some()
            && !presented.identity)
        {
            return None;
        }
        if let Some(sink) = rec.sink.and_then(|i| self.facts.sinks.get_mut(i)) {
            sink.sensitive = sink.exposed;
        }
        Some(Asserts {
            authorize: rec.keys.iter().cloned().collect(),
            authn: Authn::Checked,
            ..Asserts::default()
        })
    }

    /// What a value being truthy / falsy establishes.
    pub(super) fn truthiness(&self, v: &Value<'a>) -> (Asserts, Asserts) {
        if let Some(a) = &v.auth_bool {
            return ((**a).clone(), Asserts::default());
        }
        if let Some(a) = &v.auth_falsy {
            return (Asserts::default(), (**a).clone());
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
    pub(super) fn enum_member(&self, expr: &'a Expression<'a>) -> Option<&'a str> {
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

    pub(super) fn compare(
        &mut self,
        left: &'a Expression<'a>,
        right: &'a Expression<'a>,
    ) -> Compared {
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
                    asserts.role = b_lit.is_some_and(names::is_privileged_role);
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
        // `access === "owner"`: equal to a word, the value is truthy; where a helper returned it,
        // it came from a path that may return that word (see `Value::outcomes`).
        for (a, b_lit) in [(&l, r_lit), (&r, l_lit)] {
            asserts = asserts.and(equal_to_word(a, b_lit));
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
        // `row.code === code`: a secret the app stored and sent to someone (a one-time code, a
        // link token), compared with what the caller presents. Whoever passes holds that
        // record's secret (SPEC §3, public by design): its keys are theirs, and reading it to
        // compare was no read of someone's data.
        for (stored, presented) in [(&l, &r), (&r, &l)] {
            if let Some(held) = self.holds_stored_secret(stored, presented) {
                asserts = asserts.and(held);
            }
        }
        // Ownership: identity on one side (or the id of the caller's own account row, read by
        // the session: `user.id` after `user.findFirst({ where: { kindeId: session.id } })`).
        for (id, other) in [(&l, &r), (&r, &l)] {
            if (id.identity || id.guard.is_some() || is_own_account_id(id))
                && id.taint.is_none()
                && id.str_lit.is_none()
            {
                if let (Some(rec), Some(field)) = (&other.record, &other.field_of) {
                    asserts.authorize.extend(rec.keys.iter().cloned());
                    asserts.authn = Authn::Checked;
                    // `post.authorId === session.user.id`: the action's own owner column, which
                    // a fix then scopes by.
                    if self.in_action_body
                        && self.facts.fix.owner_column.is_none()
                        && field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    {
                        self.facts.fix.owner_column = Some(field.to_string());
                    }
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

    pub(super) fn identity_issue(&mut self, span: Option<ByteSpan>, used_as: &str) {
        let Some(span) = span else { return };
        let span = if self.in_action_body {
            span
        } else {
            self.site.unwrap_or(span)
        };
        if self.facts.identity_issues.iter().any(|i| i.span == span) {
            return;
        }
        // The session identity replaces the span only when the span is the client value
        // itself (`userId`, `input.ownerId`, `formData.get("userId") as string`), never an
        // array or a call that carries it (`[Query.equal("ownerId", [ownerId])]`).
        let text = self
            .scope
            .source
            .get(span.start as usize..span.end as usize)
            .unwrap_or("");
        let replaceable = !text.starts_with(['[', '{'])
            && (!text.contains('(')
                || ["formData.get(", "String(", "Number("]
                    .iter()
                    .any(|f| text.starts_with(f)));
        let replacement = self
            .facts
            .fix
            .session_var
            .as_ref()
            .filter(|_| replaceable)
            .map(|s| s.identity_expr.clone());
        self.facts.identity_issues.push(IdentityIssue {
            span,
            used_as: used_as.to_string(),
            replacement,
        });
    }
}

/// The outcome of comparing two values.
pub(super) enum Compared {
    /// What equality establishes.
    Equal(Asserts),
    /// A comparison with `null`/`undefined`: (value truthy, value falsy).
    Nullish(Asserts, Asserts),
}

/// The test that means a helper's result object failed (`result.error`, `!result.ok`), from the
/// discriminant field that `mark_discriminants` set on it.
fn discriminant_fail_test(name: &str, value: &Value<'_>) -> Option<String> {
    value.fields.as_deref()?.iter().find_map(|(key, field)| {
        if field.auth_falsy.is_some() {
            Some(format!("{name}.{key}"))
        } else if field.auth_bool.is_some() && field.guard.is_none() && !field.identity {
            Some(format!("!{name}.{key}"))
        } else {
            None
        }
    })
}

/// The `id` of the caller's own account row: a read of the user model selected by the session.
fn is_own_account_id(v: &Value<'_>) -> bool {
    v.owned
        && v.field_of.as_deref() == Some("id")
        && v.record.as_ref().is_some_and(|r| r.user_model && r.scoped)
}

/// What `a === word` being true proves of `a` (kept out of `compare`'s frame, which nested
/// conditions pay for): the paths of the helper that returned `a` which may give that word,
/// or, for any other helper result, what its being truthy proves.
#[inline(never)]
fn equal_to_word(a: &Value<'_>, word: Option<&str>) -> Asserts {
    let Some(word) = word.filter(|w| !w.is_empty()) else {
        return Asserts::default();
    };
    if a.str_lit.is_some() {
        return Asserts::default();
    }
    match &a.outcomes {
        Some(outcomes) => outcomes
            .iter()
            .filter(|(lit, _)| lit.is_none_or(|lit| lit == word))
            .map(|(_, proof)| proof.clone())
            .reduce(Asserts::or)
            .unwrap_or_default(),
        // Truthy, so what the value's truth proves holds (`return row ? row.role : null`).
        None => a.auth_bool.as_deref().cloned().unwrap_or_default(),
    }
}
