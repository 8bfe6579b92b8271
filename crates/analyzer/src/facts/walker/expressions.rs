//! Expressions: what each evaluates to (client input, a session, a record, a built-in).

use super::*;

/// How deep nested markup is followed for what it carries.
const MAX_JSX_DEPTH: u32 = 64;

// ----- expressions ------------------------------------------------------------------------

impl<'g, 'a> Walker<'g, 'a> {
    pub(super) fn eval_argument(&mut self, arg: &'a Argument<'a>) -> Value<'a> {
        match arg {
            Argument::SpreadElement(s) => self.eval(&s.argument),
            other => match other.as_expression() {
                Some(e) => self.eval(e),
                None => Value::default(),
            },
        }
    }

    pub(super) fn eval(&mut self, expr: &'a Expression<'a>) -> Value<'a> {
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

    pub(super) fn eval_inner(&mut self, expr: &'a Expression<'a>) -> Value<'a> {
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
                inert: Some(string_tag(s.value.as_str())),
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
            Expression::TemplateLiteral(t) => self.eval_template(t),
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
            Expression::LogicalExpression(l) => self.eval_logical(l),
            Expression::ConditionalExpression(c) => {
                self.cond(&c.test);
                let a = self.eval(&c.consequent);
                let b = self.eval(&c.alternate);
                match self.known_array_test(&c.test) {
                    Some(true) => a,
                    Some(false) => b,
                    None => a.merge(b),
                }
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
                    // The role is proven when its rank is the greater side: `rank >= needed` when
                    // true, `rank < needed` when false.
                    let role_greater = role_side(&a)
                        == matches!(
                            b.operator,
                            BinaryOperator::GreaterEqualThan | BinaryOperator::GreaterThan
                        );
                    let proof = Some(Rc::new(Asserts {
                        role: true,
                        ..Asserts::default()
                    }));
                    if role_greater {
                        v.auth_bool = proof;
                    } else {
                        v.auth_falsy = proof;
                    }
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
            // `<Welcome name={name} />`: markup carries what its attributes and children say
            // (a mail template with the client's words in it).
            Expression::JSXElement(e) => self.eval_jsx_element(e, 0),
            Expression::JSXFragment(f) => self.eval_jsx_children(&f.children, 0),
            _ => Value::default(),
        }
    }

    /// The provenance of a JSX element's attribute values and children, merged.
    fn eval_jsx_element(&mut self, element: &'a JSXElement<'a>, depth: u32) -> Value<'a> {
        let mut v = Value::default();
        for attribute in &element.opening_element.attributes {
            let expr = match attribute {
                JSXAttributeItem::Attribute(a) => match &a.value {
                    Some(JSXAttributeValue::ExpressionContainer(c)) => c.expression.as_expression(),
                    _ => None,
                },
                JSXAttributeItem::SpreadAttribute(s) => Some(&s.argument),
            };
            if let Some(expr) = expr {
                v = v.merge(self.eval(expr).derived());
            }
        }
        v.merge(self.eval_jsx_children(&element.children, depth))
    }

    /// The provenance of JSX children (expressions and nested elements), merged.
    fn eval_jsx_children(
        &mut self,
        children: &'a oxc_allocator::Vec<'a, JSXChild<'a>>,
        depth: u32,
    ) -> Value<'a> {
        let mut v = Value::default();
        if depth > MAX_JSX_DEPTH {
            return v;
        }
        for child in children {
            let part = match child {
                JSXChild::ExpressionContainer(c) => match c.expression.as_expression() {
                    Some(expr) => self.eval(expr).derived(),
                    None => continue,
                },
                JSXChild::Element(e) => self.eval_jsx_element(e, depth + 1),
                JSXChild::Fragment(f) => self.eval_jsx_children(&f.children, depth + 1),
                JSXChild::Spread(s) => self.eval(&s.expression).derived(),
                JSXChild::Text(_) => continue,
            };
            v = v.merge(part);
        }
        v
    }

    pub(super) fn eval_identifier(&mut self, name: &'a str, span: ByteSpan) -> Value<'a> {
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
        // `let cache: Map<string, X> = ..`: what the program says the variable is.
        if let Some(kind) = self.scope.typed_inert.get(name).copied() {
            return Value {
                inert: Some(kind),
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
        if self.scope.imports.contains_key(name) && self.graph.names.is_service_client_name(name) {
            return Value {
                service: true,
                span: Some(span),
                ..Value::default()
            };
        }
        // A module-level constant, here or in the project module it is imported from (looked
        // up once): a select shape written once (`select: postCardSelect`) is the object it
        // spells; a client a package made (`createAuthClient(..)`) is that package's.
        if let Some((module, init)) = self.module_const(self.module, name) {
            if let Some(mut v) = self.data_object(module, init, 0) {
                v.span = Some(span);
                return v;
            }
            if let Some(mut v) = self.settings_object(module, init, 0) {
                v.span = Some(span);
                return v;
            }
            if let Some(inert) = self.inert_init(module, init) {
                return Value {
                    inert: Some(inert),
                    span: Some(span),
                    ..Value::default()
                };
            }
        }
        Value::default()
    }

    /// The initializer of the module-level constant `name` of module `module`, or of the
    /// project module it is imported from.
    fn module_const(&self, module: usize, name: &str) -> Option<(usize, &'a Expression<'a>)> {
        match self.graph.module(module).consts.get(name) {
            Some(init) => Some((module, *init)),
            None => self.graph.resolve_const(module, name),
        }
    }

    /// The value of `expr` when it is pure data: an object literal whose values are literals,
    /// nested such objects or other such constants (`{ id: true, author: authorSelect }`).
    /// Anything else (a call, a function, an array, a computed key) is not followed.
    fn data_object(
        &self,
        module: usize,
        expr: &'a Expression<'a>,
        depth: u32,
    ) -> Option<Value<'a>> {
        match strip(expr) {
            Expression::ObjectExpression(o) => {
                let mut fields = BTreeMap::new();
                for prop in &o.properties {
                    let ObjectPropertyKind::ObjectProperty(p) = prop else {
                        return None;
                    };
                    if p.computed || p.method {
                        return None;
                    }
                    let key = key_name(&p.key)?.to_string();
                    fields.insert(key, self.data_object(module, &p.value, depth + 1)?);
                }
                Some(Value {
                    fields: Some(Rc::new(fields)),
                    ..Value::default()
                })
            }
            Expression::StringLiteral(lit) => Some(Value {
                str_lit: Some(lit.value.as_str()),
                ..Value::default()
            }),
            Expression::BooleanLiteral(_) | Expression::NumericLiteral(_) => Some(Value::default()),
            Expression::Identifier(id) if depth < 8 => {
                let (module, init) = self.module_const(module, id.name.as_str())?;
                self.data_object(module, init, depth + 1)
            }
            _ => None,
        }
    }

    /// A module's settings object (`export const CONFIG = { ...defaults, API_URL:
    /// process.env.NEXT_PUBLIC_API_URL || "http://localhost:8000", RETRIES: toInt(..) }`):
    /// which of its fields come from the server's settings and which from the page's public
    /// ones. Fields of any other kind are opaque. `None` unless some field is a setting.
    fn settings_object(
        &self,
        module: usize,
        expr: &'a Expression<'a>,
        depth: u32,
    ) -> Option<Value<'a>> {
        let v = self.setting_value(module, expr, depth);
        let mut leaves = Vec::new();
        v.leaves(None, &mut leaves, 0);
        (v.fields.is_some()
            && leaves
                .iter()
                .any(|(_, x)| x.server_config || x.public_config))
        .then_some(v)
    }

    fn setting_value(&self, module: usize, expr: &'a Expression<'a>, depth: u32) -> Value<'a> {
        if depth >= 8 {
            return Value::default();
        }
        match strip(expr) {
            Expression::ObjectExpression(o) => {
                let mut fields = BTreeMap::new();
                for prop in &o.properties {
                    match prop {
                        ObjectPropertyKind::ObjectProperty(p) if !p.computed => {
                            if let Some(key) = key_name(&p.key) {
                                let value = self.setting_value(module, &p.value, depth + 1);
                                fields.insert(key.to_string(), value);
                            }
                        }
                        ObjectPropertyKind::SpreadProperty(spread) => {
                            let inner = self.setting_value(module, &spread.argument, depth + 1);
                            for (k, x) in inner.fields.iter().flat_map(|f| f.iter()) {
                                fields.insert(k.clone(), x.clone());
                            }
                        }
                        _ => {}
                    }
                }
                Value {
                    fields: Some(Rc::new(fields)),
                    ..Value::default()
                }
            }
            Expression::StaticMemberExpression(m) if self.is_server_configuration(&m.object) => {
                let public = m.property.name.starts_with(NEXT_PUBLIC_PREFIX);
                Value {
                    server_config: !public,
                    public_config: public,
                    ..Value::default()
                }
            }
            Expression::LogicalExpression(l) => {
                let (a, b) = (
                    self.setting_value(module, &l.left, depth + 1),
                    self.setting_value(module, &l.right, depth + 1),
                );
                let public_with_default = (a.public_config && is_fixed_text(&b))
                    || (b.public_config && is_fixed_text(&a));
                let default = setting_default(&a, &b);
                let mut v = a.merge(b);
                v.public_config |= public_with_default;
                v.str_lit = v.str_lit.or(default);
                v
            }
            Expression::StringLiteral(lit) => Value {
                str_lit: Some(lit.value.as_str()),
                ..Value::default()
            },
            Expression::Identifier(id) => self
                .module_const(module, id.name.as_str())
                .map(|(m, init)| self.setting_value(m, init, depth + 1))
                .unwrap_or_default(),
            _ => Value::default(),
        }
    }

    /// `a && b`, `a || b`, `a ?? b` (kept out of line: [`Self::eval`] recurses deeply).
    #[inline(never)]
    fn eval_logical(&mut self, l: &'a LogicalExpression<'a>) -> Value<'a> {
        let a = self.eval(&l.left);
        let b = self.eval(&l.right);
        // `return isOwner || isAdmin`: what the combined value's truthiness proves.
        let proof = match l.operator {
            LogicalOperator::Or => Some(self.truthiness(&a).0.or(self.truthiness(&b).0)),
            LogicalOperator::And => Some(self.truthiness(&a).0.and(self.truthiness(&b).0)),
            LogicalOperator::Coalesce => None,
        };
        // `...(variables && { variables })`: when the left side holds, the object is
        // what is spread.
        let right_fields = match l.operator {
            LogicalOperator::And => b.fields.clone(),
            _ => None,
        };
        // `process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000"`: a public setting with
        // the developer's fixed default is still no address the client picks.
        let public_with_default =
            (a.public_config && is_fixed_text(&b)) || (b.public_config && is_fixed_text(&a));
        let default = setting_default(&a, &b);
        let mut v = a.merge(b);
        v.public_config |= public_with_default;
        v.str_lit = v.str_lit.or(default);
        if v.fields.is_none() {
            v.fields = right_fields;
        }
        if let Some(p) = proof.filter(|p| !p.is_empty()) {
            v.auth_bool = Some(Rc::new(p));
        }
        v
    }

    /// A template literal: what its parts carry (kept out of line: [`Self::eval`] recurses
    /// deeply).
    #[inline(never)]
    fn eval_template(&mut self, t: &'a TemplateLiteral<'a>) -> Value<'a> {
        let mut v = Value::default();
        let mut first = None;
        for e in &t.expressions {
            let x = self.eval(e);
            let mut part = x.derived();
            // `projects/${projectId}/${createId()}.${extension}`: after an id made fresh by this
            // request, the name is a new one whatever follows, so what the client chose there
            // selects nothing. What comes before (the folder) still does.
            if v.fresh {
                part.taint = None;
            }
            v = v.merge(part);
            first.get_or_insert(x);
        }
        if t.expressions.is_empty() {
            v.str_lit = t.quasis.first().map(|q| q.value.raw.as_str());
        }
        // `https://api.example.com/v1/${id}`, `${process.env.NEXT_PUBLIC_API_URL}/v1/..`: the
        // host is fixed and public, whatever the path.
        v.public_config = template_host_is_public(t, first.as_ref());
        // A GraphQL document may end with interpolated fragments: its first part
        // names the operation.
        v.inert = Some(string_tag(
            t.quasis.first().map_or("", |q| q.value.raw.as_str()),
        ));
        v
    }

    /// The built-in a module-level constant of `module` holds when its initializer `init`
    /// calls a package's factory (`export const authClient = createAuthClient(..)`), or a
    /// GraphQL read document it spells.
    fn inert_init(&self, module: usize, init: &'a Expression<'a>) -> Option<&'static str> {
        // `export const shopQuery = `query Shop { .. } ${fragment}``: a GraphQL read document
        // kept in a constant.
        let text = match strip(init) {
            Expression::StringLiteral(s) => Some(s.value.as_str()),
            Expression::TemplateLiteral(t) => t.quasis.first().map(|q| q.value.raw.as_str()),
            _ => None,
        };
        if let Some(text) = text {
            return libraries::graphql::is_read_document(text)
                .then_some(libraries::graphql::READ_DOCUMENT);
        }
        let Expression::CallExpression(call) = strip_await(init) else {
            return None;
        };
        let Expression::Identifier(callee) = strip(&call.callee) else {
            return None;
        };
        let scope = self.graph.module(module);
        let import = scope.imports.get(callee.name.as_str())?;
        builtins::inert_import(import.source, import.imported)
    }

    pub(super) fn eval_object(&mut self, o: &'a ObjectExpression<'a>) -> Value<'a> {
        let mut fields = BTreeMap::new();
        let mut rest = Value::default();
        let mut falsy = false;
        for (i, prop) in o.properties.iter().enumerate() {
            match prop {
                ObjectPropertyKind::ObjectProperty(p) => {
                    let v = self.eval(&p.value);
                    let key = key_name(&p.key)
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
                        // `{ ...res.data.cart, lines }`: data of the record, not the whole row.
                        if v.field_of.is_none() {
                            rest.record = rest.record.or(v.record.clone());
                        } else if rest.record.is_none() && v.record.is_some() {
                            rest.record = v.record.clone();
                            rest.field_of = Some(DERIVED_FIELD.into());
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

    pub(super) fn eval_member(&mut self, m: &'a MemberExpression<'a>) -> Value<'a> {
        let obj = self.eval(m.object());
        if !m.optional() && !matches!(m, MemberExpression::PrivateFieldExpression(_)) {
            self.dereferenced(&obj, m.object());
        }
        if let (Some(g), MemberExpression::StaticMemberExpression(s)) = (obj.guard, m) {
            if g.always_object && self.in_action_body && self.facts.fix.session_field.is_none() {
                self.facts.fix.session_field = Some(s.property.name.to_string());
            }
        }
        let mut looked_up_by_role = false;
        let prop: Option<&str> = match m {
            MemberExpression::StaticMemberExpression(s) => Some(s.property.name.as_str()),
            MemberExpression::ComputedMemberExpression(c) => {
                let k = self.eval(&c.expression);
                looked_up_by_role = !k.is_tainted()
                    && (k.role
                        || k.owned && k.field_of.as_deref().is_some_and(names::is_role_name));
                k.str_lit
            }
            MemberExpression::PrivateFieldExpression(_) => None,
        };
        let mut v = self.member_value(&obj, prop.unwrap_or(""), Some(span_of(m.span())));
        // `RANKS[profile.role]`: what the caller's role is worth, still the caller's role.
        if looked_up_by_role && v.taint.is_none() {
            v.role = true;
        }
        v.span = Some(span_of(m.span()));
        if self.is_server_configuration(m.object()) {
            // `NEXT_PUBLIC_` settings are compiled into the page: the browser has them too.
            if prop.is_some_and(|p| p.starts_with(NEXT_PUBLIC_PREFIX)) {
                v.public_config = true;
            } else {
                v.server_config = true;
            }
        }
        v
    }

    /// `session.userId` with no `?.`: reading a field of `null` throws, so the path goes on
    /// only when the value is there, as after `if (!session) throw ..`. A lookup that may come
    /// back empty (a session, a row scoped to the caller) holds from its first use on. Not when
    /// an earlier link of the same chain is optional (`session?.user.id` is `undefined`).
    #[inline(never)]
    pub(super) fn dereferenced(&mut self, obj: &Value<'a>, object: &'a Expression<'a>) {
        if !self.flow.reachable
            || obj.taint.is_some()
            || !(obj.guard.is_some() || obj.session_root || obj.record.is_some())
            || spine_has_optional(object)
        {
            return;
        }
        // The path goes on with the value there; no check is written, so a write before it
        // stays unchecked (`unchecked-session`), not checked too late.
        let (holds, _) = self.truthiness(obj);
        self.flow.assume(&holds);
    }

    /// `process.env`, `import.meta.env`, or an imported `env` object (t3-env's `@/env`): the
    /// server's own settings.
    fn is_server_configuration(&self, object: &Expression<'_>) -> bool {
        // Matched on the tree, not on a built path: this runs for every member expression.
        match strip(object) {
            Expression::Identifier(id) => id.name == "env" && !self.vars.contains_key("env"),
            Expression::StaticMemberExpression(m) if m.property.name == "env" => {
                match strip(&m.object) {
                    Expression::Identifier(id) => id.name == "process",
                    Expression::ImportMeta(_) => true,
                    _ => false,
                }
            }
            _ => false,
        }
    }

    /// The value of `obj.prop` (also used for destructuring).
    pub(super) fn member_value(
        &self,
        obj: &Value<'a>,
        prop: &str,
        _span: Option<ByteSpan>,
    ) -> Value<'a> {
        if let Some(field) = obj.field(prop) {
            return field.clone();
        }
        let mut v = Value {
            auth_bool: obj.auth_bool.clone(),
            raw_token: obj.raw_token,
            anon_owned: obj.anon_owned,
            server_config: obj.server_config,
            public_config: obj.public_config,
            // A method taken off a value that stores nothing (`const { updateUser } =
            // authClient`) is still a call on it. An array's elements are values of their own.
            inert: obj.inert.filter(|i| *i != "array"),
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
            v.role = self.graph.names.is_role_name(prop) || obj.role;
            v.identity_expr = obj
                .identity_expr
                .as_ref()
                .map(|base| refined_identity_expr(base, prop));
            if matches!(prop, "data" | "user" | "session" | "claims") {
                // `data.user`, `session.user`: still the lookup result.
            }
            return v;
        }
        if obj.identity || obj.owned {
            v.identity = obj.identity;
            v.owned = true;
            v.role = self.graph.names.is_role_name(prop) || obj.role;
            v.identity_expr = obj
                .identity_expr
                .as_ref()
                .map(|base| refined_identity_expr(base, prop));
        }
        if let Some(t) = &obj.taint {
            let mut t = t.clone();
            if !prop.is_empty() && !matches!(prop, "data" | "length") {
                t.actor |= names::is_actor_id_name(prop);
                t.role |= self.graph.names.is_role_name(prop);
                if !obj.identity {
                    let member = format!(
                        "{}.{prop}",
                        t.labels.iter().next().cloned().unwrap_or_default()
                    );
                    Rc::make_mut(&mut t.labels).insert(member);
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
                Some(prop.into())
            };
            if rec.scoped || !rec.keys.is_empty() && self.flow.authorizes(&rec.keys) {
                v.owned = true;
            }
        }
        v.service = obj.service && supabase::keeps_service_role(prop);
        v
    }

    pub(super) fn eval_new(&mut self, n: &'a NewExpression<'a>) -> Value<'a> {
        let args: Vec<Value<'a>> = n.arguments.iter().map(|a| self.eval_argument(a)).collect();
        let class = path_of(&n.callee).unwrap_or_default();
        let last = class.rsplit('.').next().unwrap_or("");
        if let Some(m) = libraries::aws_s3::command(last) {
            let (keys, data) = s3_input(&args.first().cloned().unwrap_or_default());
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
                // `new URL("https://www.google.com/recaptcha/api/siteverify")`: still the
                // provider's verification address.
                if args.first().and_then(|a| a.inert) == Some(libraries::captcha::VERIFY_ADDRESS) {
                    v.inert = Some(libraries::captcha::VERIFY_ADDRESS);
                }
                return v;
            }
        }
        // `new SignJWT(claims)`: a token being built from its claims (see `tokens::SIGNER`).
        if last == "SignJWT" {
            let mut v = args
                .first()
                .cloned()
                .map(|claims| Value {
                    taint: claims.taint.clone(),
                    fields: claims.fields.clone(),
                    ..Value::default()
                })
                .unwrap_or_default();
            v.inert = Some(libraries::tokens::SIGNER);
            return v;
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

    pub(super) fn eval_tagged_template(
        &mut self,
        t: &'a TaggedTemplateExpression<'a>,
    ) -> Value<'a> {
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
        let m = sinks::sql_statement(kind, first_text);
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

    /// `Array.isArray(x)` (or its negation) on a variable whose shape is known: an array
    /// literal is one, a string literal is not. Decides `Array.isArray(roles) ? roles : [roles]`,
    /// the one-or-many normalisation of a role helper's argument.
    pub(super) fn known_array_test(&mut self, test: &'a Expression<'a>) -> Option<bool> {
        match strip(test) {
            Expression::UnaryExpression(u) if u.operator == UnaryOperator::LogicalNot => {
                self.known_array_test(&u.argument).map(|b| !b)
            }
            Expression::CallExpression(call) if call.arguments.len() == 1 => {
                let Expression::StaticMemberExpression(m) = strip(&call.callee) else {
                    return None;
                };
                let on_array =
                    matches!(strip(&m.object), Expression::Identifier(o) if o.name == "Array");
                if !on_array || m.property.name != "isArray" {
                    return None;
                }
                let arg @ Expression::Identifier(_) = call.arguments[0].as_expression()? else {
                    return None;
                };
                let v = self.eval(arg);
                if v.is_array {
                    Some(true)
                } else {
                    v.str_lit.map(|_| false)
                }
            }
            _ => None,
        }
    }
}

/// A MongoDB/Mongoose filter written as an object literal (`deleteMany({ repoId })`): the owner
/// field joins the filter (`{ repoId, userId: user.id }`). MongoDB ANDs every top-level field
/// of a filter (`$or` included), and a field written last wins over a spread, so the new field
/// always narrows. Not for another ORM's options object (`{ where }`).
pub(super) fn filter_scope_fix(call: &CallExpression<'_>) -> Option<ScopeFix> {
    let Expression::ObjectExpression(filter) = call.arguments.first()?.as_expression()? else {
        return None;
    };
    let last = filter.properties.last()?;
    let plain = filter.properties.iter().all(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) => key_name(&p.key).as_deref() != Some("where"),
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
pub(super) fn sql_scope_fix(t: &TaggedTemplateExpression<'_>) -> Option<ScopeFix> {
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

/// The inert tag of a string literal's text: a GraphQL read document is told apart from other
/// strings (see [`libraries::graphql`]).
#[inline(never)]
fn string_tag(text: &str) -> &'static str {
    if libraries::graphql::is_read_document(text) {
        libraries::graphql::READ_DOCUMENT
    } else if libraries::captcha::is_verify_address(text) {
        libraries::captcha::VERIFY_ADDRESS
    } else {
        "string"
    }
}

/// The prefix Next.js gives the settings it compiles into the browser's bundle.
const NEXT_PUBLIC_PREFIX: &str = "NEXT_PUBLIC_";

/// `https://api.example.com` or `https://api.example.com/v1`: an address on a public host.
fn is_public_https_address(url: &str) -> bool {
    url.strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', ':']).next())
        .is_some_and(sinks::is_public_host)
}

/// Whether a template literal starts with a fixed public address: a literal
/// `https://<public host>/`, or an expression holding one (`first`: a constant, a `NEXT_PUBLIC_`
/// setting) followed by a path.
fn template_host_is_public(t: &TemplateLiteral<'_>, first: Option<&Value<'_>>) -> bool {
    let head = t.quasis.first().map_or("", |q| q.value.raw.as_str());
    if !head.is_empty() {
        return head
            .strip_prefix("https://")
            .and_then(|rest| rest.find(['/', '?', ':']).map(|end| &rest[..end]))
            .is_some_and(sinks::is_public_host);
    }
    let (Some(base), Some(after)) = (first, t.quasis.get(1)) else {
        return false;
    };
    let after = after.value.raw.as_str();
    (after.is_empty() || after.starts_with(['/', '?']))
        && !base.is_tainted()
        && !base.server_config
        && (base.public_config || base.str_lit.is_some_and(is_public_https_address))
}

/// A string the program spells out (a literal), not one that came from anywhere.
fn is_fixed_text(v: &Value<'_>) -> bool {
    v.str_lit.is_some() && !v.is_tainted() && !v.server_config
}

/// `process.env.SESSION_COOKIE_NAME || "acme_session"`: a setting with the developer's fixed
/// default reads as that default where a name is wanted (the cookie it names, the table it
/// picks). Whether it is a setting still shows (`server_config`, `public_config`).
fn setting_default<'a>(a: &Value<'a>, b: &Value<'a>) -> Option<&'a str> {
    let setting = |v: &Value<'_>| (v.server_config || v.public_config) && v.str_lit.is_none();
    if setting(a) && is_fixed_text(b) {
        b.str_lit
    } else if setting(b) && is_fixed_text(a) {
        a.str_lit
    } else {
        None
    }
}

/// Whether an optional link (`?.`) sits anywhere down the chain of member reads and calls that
/// ends in `expr` (`a?.b.c` has one; `a.b` does not).
fn spine_has_optional(expr: &Expression<'_>) -> bool {
    let mut e = expr;
    loop {
        match strip(e) {
            Expression::ChainExpression(_) => return true,
            Expression::StaticMemberExpression(m) => {
                if m.optional {
                    return true;
                }
                e = &m.object;
            }
            Expression::ComputedMemberExpression(m) => {
                if m.optional {
                    return true;
                }
                e = &m.object;
            }
            Expression::CallExpression(c) => {
                if c.optional {
                    return true;
                }
                e = &c.callee;
            }
            _ => return false,
        }
    }
}
