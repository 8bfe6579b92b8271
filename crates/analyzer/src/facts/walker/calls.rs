//! Calls: the ordered recognisers of `eval_call` (continuations, project functions, guards,
//! wrappers, sinks) and how a callee is resolved.

use super::*;

// ----- calls ------------------------------------------------------------------------------

/// One segment of a flattened call chain, with its syntax.
pub(super) struct ChainLink<'a> {
    pub(super) name: &'a str,
    pub(super) call: Option<&'a CallExpression<'a>>,
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Evaluates a call, then marks a result that is a built-in storing nothing
    /// (`createHash(..)` from `node:crypto`, `await headers()`).
    pub(super) fn eval_call(&mut self, call: &'a CallExpression<'a>) -> Value<'a> {
        let mut v = self.eval_call_inner(call);
        if v.inert.is_none() {
            v.inert = self.inert_result(call);
        }
        // `createId()`, `crypto.randomUUID()`, `nanoid()`: a new unique id.
        let callee = match strip(&call.callee) {
            Expression::Identifier(id) => Some(id.name.as_str()),
            Expression::StaticMemberExpression(m) => Some(m.property.name.as_str()),
            _ => None,
        };
        if callee.is_some_and(names::makes_fresh_id) && call.arguments.len() <= 1 {
            v.fresh = true;
        }
        v
    }

    /// The built-in a call returns, judged by where its callee comes from.
    pub(super) fn inert_result(&self, call: &'a CallExpression<'a>) -> Option<&'static str> {
        // Every maker of an inert value is `f(..)` or `ns.f(..)`: read the callee without
        // building its path (this runs for every call).
        // `dayjs().tz(zone)`, `createHash("sha256").update(x)`: a method of a value that stores
        // nothing returns another such value, so a chain is judged by its first call (walked
        // down iteratively: chains can be thousands of links long).
        let mut call = call;
        let (root, member) = loop {
            match strip(&call.callee) {
                Expression::Identifier(id) => break (id.name.as_str(), None),
                Expression::StaticMemberExpression(m) => match strip(&m.object) {
                    Expression::Identifier(id) => {
                        break (id.name.as_str(), Some(m.property.name.as_str()))
                    }
                    Expression::CallExpression(inner) => call = inner,
                    _ => return None,
                },
                _ => return None,
            }
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

    pub(super) fn eval_call_inner(&mut self, call: &'a CallExpression<'a>) -> Value<'a> {
        // Flatten `root.a(..).b.c(..)` into a root and links.
        let (root_expr, links) = flatten_chain(call);
        let root_name: &str = match root_expr.map(strip_await) {
            Some(Expression::Identifier(id)) => id.name.as_str(),
            _ => "",
        };
        // Evaluate the root (receiver) value and every call's arguments, in order.
        let mut root_value = match root_expr {
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
        // `insertShelf(row).execute()`, `getAdmin().from(..)`: a project function called at the
        // head of a chain runs first, and what it returns is the receiver of the rest (a query
        // builder it only builds is executed here, a client it creates is the one used).
        if links.len() > 1 && links[0].name.is_empty() {
            let head = root_value.func.or_else(|| self.resolve_name(root_name));
            if let (Some((module, func)), Some(head_call)) = (head, links[0].call) {
                root_value =
                    self.call_function(module, func, link_args[0].clone(), span_of(head_call.span));
            }
        }
        // `db.post.update`: the root and link names, joined by dots.
        let mut path = String::new();
        for name in std::iter::once(root_name).chain(links.iter().map(|l| l.name)) {
            if !name.is_empty() {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(name);
            }
        }
        let last = links
            .last()
            .map(|l| if l.name.is_empty() { root_name } else { l.name })
            .unwrap_or(root_name);
        let span = span_of(call.span);
        // The arguments of the last call of the chain (`db.post.update(args)`).
        let no_args = Vec::new();
        let args: &Vec<Value<'a>> = link_args.last().unwrap_or(&no_args);
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
        // `options.action(..)`: the handler an options object holds.
        if links.len() == 1
            && root_value
                .field(links[0].name)
                .is_some_and(|handler| handler.continuation)
        {
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
            // A project's own permission predicate, followed, still answers by its name for
            // the scope it was asked about (its body's query rarely shows the caller's right).
            let named = (links.len() == 1 && links[0].name.is_empty())
                .then(|| permission_predicate(root_name, args))
                .flatten();
            let mut result = self.call_function(module, func, args.clone(), span);
            if let Some(asserts) = named {
                let body = result.auth_bool.as_deref().cloned().unwrap_or_default();
                result.auth_bool = Some(Rc::new(body.and(asserts)));
            }
            return result;
        }

        // 3b. Assertions (`assert(session?.user)`, `invariant(member, "..")`, `assert.ok(..)`)
        // throw unless their first argument is truthy: what it being truthy establishes holds
        // after the call, as after `if (!x) throw`.
        if builtins::is_assertion(&path) && root_value.func.is_none() {
            if let Some(first) = args.first() {
                let (holds, _) = self.truthiness(first);
                self.passes_check(holds);
            }
            return Value::default();
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
            // A lookup asked to fail closed (`withAuth({ ensureSignedIn: true })`) redirects by
            // itself.
            let text = call.span.source_text(self.scope.source);
            if kind == GuardKind::NeedsCheck && libraries::auth::asks_to_fail_closed(text) {
                kind = GuardKind::FailsClosed;
            }
            // `requireOrgMember(orgId, { role: "admin" })`: a role *in* the organisation the
            // client named, not over every record. It authorizes that key (below), and
            // admin-only writes inside it (`role:` labels, see `record_sink`).
            let keys = client_keys(args);
            let checks_access =
                kind == GuardKind::RoleFailsClosed || self.graph.names.names_an_access_check(last);
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
                self.flow.authorized.extend(with_scope_labels(keys));
            }
            return v;
        }

        // `if (!(await canEditPost(session.user.id, postId))) throw ..`: a permission predicate
        // defined outside what is analysed, asked about a client key.
        if links.len() == 1 && links[0].name.is_empty() {
            if let Some(asserts) = permission_predicate(root_name, args) {
                return check_result(asserts);
            }
        }

        // `bcrypt.compare(passcode, link.passcodeHash)`, `argon2.verify(row.hash, code)`: the
        // stored secret checked against what the caller presents, like `row.code === code`.
        if libraries::tokens::compares_hashed_secret(&path) && args.len() >= 2 {
            let held = self
                .holds_stored_secret(&args[1], &args[0])
                .or_else(|| self.holds_stored_secret(&args[0], &args[1]));
            if let Some(asserts) = held {
                return check_result(asserts);
            }
        }
        // `Promise.all([a, b])` resolves to the same elements.
        if matches!(path.as_str(), "Promise.all" | "Promise.allSettled") {
            return args.first().cloned().unwrap_or_default();
        }

        // Appwrite's `Query.equal("ownerId", [id])`: a condition on a column, read like
        // `where: { ownerId: id }` (the value keeps its own place, for a fix to replace).
        if libraries::appwrite::is_column_condition(&path) {
            let column = call
                .arguments
                .first()
                .and_then(|a| a.as_expression())
                .and_then(|e| match strip(e) {
                    Expression::StringLiteral(lit) => Some(lit.value.as_str()),
                    _ => None,
                });
            if let (Some(column), Some(values)) = (column, args.get(1)) {
                let value = values
                    .field("[0]")
                    .cloned()
                    .unwrap_or_else(|| values.clone());
                return Value {
                    fields: Some(Rc::new([(column.to_string(), value)].into())),
                    span: Some(span),
                    ..Value::default()
                };
            }
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
                    authorize: t.labels.as_ref().clone(),
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
                // `["admin", "treasurer"]`: some privileged role, and no role everyone has.
                !f.is_empty()
                    && f.values()
                        .any(|v| v.str_lit.is_some_and(names::is_privileged_role))
                    && f.values()
                        .all(|v| v.str_lit.is_some_and(|r| !names::is_everyone_role(r)))
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

        // `cookies().set("cartId", cart.id)`: a record the action just made, handed to the
        // visitor as their anonymous record (see `handed_by_cookie`).
        // The name a cookie or header call is given (`cookies().get("session")`).
        let name_arg = args.first().and_then(|a| a.str_lit);
        let on_cookies = |method: &str| {
            last == method && called_on(&path, links.len(), &root_value, "cookies", method)
        };
        if on_cookies("set") && name_arg.is_some_and(names::is_anonymous_owner_cookie) {
            if let Some(value) = args.get(1) {
                self.note_cookie_handed(value);
            }
            return Value::default();
        }
        // `cookies().set("session", token)` with a token made from what the client sent (`await
        // encrypt({ id })` for an `id` argument): the caller signs in as whoever they name.
        if on_cookies("set")
            && name_arg.is_some_and(names::is_token_cookie)
            && args.get(1).is_some_and(Value::is_tainted)
        {
            let token = args.get(1).cloned().unwrap_or_default();
            return self.mint_session(token, "cookies().set(..)", span);
        }
        // `new SignJWT(claims).sign(key)`, `jwt.sign(claims, secret)`: a token signed with the
        // server's key for claims the client chose — a session for anyone the client names.
        if last == "sign" {
            let claims =
                if links.len() == 1 && matches!(path.as_str(), "jwt.sign" | "jsonwebtoken.sign") {
                    args.first().cloned()
                } else if root_value.inert == Some(libraries::tokens::SIGNER) {
                    Some(root_value.clone())
                } else {
                    None
                };
            if let Some(claims) = claims.filter(names_the_subject) {
                let label = if root_value.inert == Some(libraries::tokens::SIGNER) {
                    "new SignJWT(..).sign(..)".to_string()
                } else {
                    format!("{path}(..)")
                };
                return self.mint_session(claims, &label, span);
            }
        }
        // `headers().get("x-api-key")`, `.get("authorization")`: a credential the caller
        // presents, not yet checked (like a session cookie's raw token, below); looked up in the
        // project's table of API keys it becomes the caller (see `record_sink`).
        if last == "get"
            && called_on(&path, links.len(), &root_value, "headers", "get")
            && name_arg.is_some_and(names::is_credential_header)
        {
            self.raw_token_read.get_or_insert(self.site.unwrap_or(span));
            return Value {
                raw_token: true,
                span: Some(span),
                ..Value::default()
            };
        }
        // A raw cookie read as the user id is identity nobody verified.
        // `cookies().get(..)`, or `store.get(..)` on the store `await cookies()` returned.
        if on_cookies("get") {
            let key = name_arg.unwrap_or("");
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
        if libraries::tokens::decodes_without_verifying(&path) && args.iter().any(|a| a.raw_token) {
            return self.on_guard(GuardKind::Unverified, span, &path);
        }

        // 7. Client input: formData.get(..), Object.fromEntries(formData).
        if matches!(last, "get" | "getAll")
            && !links.is_empty()
            && links.last().is_some_and(|l| !l.name.is_empty())
            && is_form_data(root_name, &root_value)
        {
            let key = args.first().and_then(|a| a.str_lit).unwrap_or("field");
            if self.in_action_body {
                let inputs = &mut self.facts.inputs;
                inputs.form_data = true;
                if !inputs.form_fields.iter().any(|f| f == key) {
                    inputs.form_fields.push(key.to_string());
                }
            }
            let mut v = Value::client(key, key, Some(span));
            if let Some(t) = v.taint.as_mut() {
                t.labels = super::super::value::label(format!("formData:{key}"));
            }
            return v;
        }
        if path == "Object.fromEntries" || path == "Object.assign" {
            return args
                .iter()
                .fold(Value::default(), |acc, a| acc.merge(a.derived()));
        }

        // 8. Schema validation: schema.parse(x), safeParse(x).data, v.parse(schema, x).
        if libraries::validators::parses(last, &path) && !links.is_empty() {
            return parse_result(last, args);
        }

        // 9. Supabase service-role client creation.
        if supabase::creates_service_client(
            crate::catalog::last_segment(&path),
            call.span.source_text(self.scope.source),
        ) {
            return Value {
                service: true,
                ..Value::default()
            };
        }

        // 10. Drizzle condition helpers: eq(col, v), and(..), or(..) keep column names.
        if links.len() == 1 && links[0].name.is_empty() {
            if let Some(v) = self.condition_helper(root_name, call, args) {
                return v;
            }
        }

        // 11. Sinks. What a session lookup returned (the session, its user, their memberships)
        // is data the lookup read: `session.user.memberships.find(..)` picks one of them, with
        // the session's provenance (a role read from it is the caller's role), and is no read
        // of a store. Any other call on it (`user.updateOne(..)` on a returned document) is
        // judged like any call.
        // `session.save()`, `session.destroy()` on the object iron-session's lookup returns:
        // the caller's own session cookie written or cleared (a sign-in stores who they are, a
        // sign-out forgets it). Nobody else's data.
        if links.len() == 1
            && root_value.guard.is_some_and(|g| g.always_object)
            && matches!(last, "save" | "destroy")
        {
            return Value::default();
        }
        if links.len() > 1 && is_session_data(&receiver) && builtins::picks_an_element(last) {
            let mut element = receiver.clone();
            element.span = Some(span);
            return element;
        }
        // `new Client().setEndpoint(url).setKey(key)`: setters chained on an object just made
        // configure that object in memory.
        let configures_new_object = root_expr
            .is_some_and(|e| matches!(strip(e), Expression::NewExpression(_)))
            && links
                .iter()
                .filter(|l| l.call.is_some())
                .all(|l| builtins::is_setter_name(l.name));
        // `prevState.set("error", ..)` on an argument of the action: what the client sent is
        // plain data (the arguments of a Server Action are deserialised values, never a client
        // of a store), so its methods change nothing but that copy.
        let on_action_argument = self.in_action_body
            && root_value.is_tainted()
            && root_value.record.is_none()
            && !root_value.service
            && matches!(root_expr.map(strip), Some(Expression::Identifier(_)))
            && self.facts.inputs.params.iter().any(|p| p == root_name);
        if !configures_new_object && !on_action_argument {
            if let Some(v) = self.try_sink(root_name, &root_value, &links, &link_args, span) {
                return v;
            }
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
                let m = sinks::sql_statement(kind, text);
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
            let graphql_read = args
                .get(1)
                .and_then(|a| a.field("body"))
                .is_some_and(|body| body.inert == Some(libraries::graphql::READ_DOCUMENT));
            if method.is_some_and(sinks::is_mutating_http_method)
                && !graphql_read
                && !sinks::is_message_webhook(
                    url_text,
                    args.first().is_some_and(|url| url.is_tainted()),
                )
                && !only_relays_caller_credentials(args.first(), args.get(1))
                && !forwards_caller_session(args.get(1))
            {
                let m = sinks::http_request(method.unwrap_or(""));
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
        // `Boolean(found)` is `!!found`: whether a row exists, none of its columns.
        if path == "Boolean" {
            let mut v = args.first().map(Value::derived).unwrap_or_default();
            v.span = Some(span);
            return v;
        }
        // `db.transaction(async (tx) => ..).then(..)`: the call a promise handler follows
        // runs its callbacks too.
        if sinks::is_promise_handler(last) {
            let inner = links
                .iter()
                .rev()
                .skip(1)
                .find(|l| l.call.is_some() && !sinks::is_promise_handler(l.name));
            if let Some(inner) = inner.and_then(|l| l.call) {
                self.walk_callbacks(inner, &root_value);
            }
        }
        let callback_results = self.walk_callbacks(call, &root_value);
        // `list.members.find((m) => m.userId === user.id)`, `.some(..)`: an element of a
        // record's relation that is the caller's. What the callback's comparison proves holds
        // when the result is truthy.
        let proof = matches!(last, "find" | "findLast" | "some")
            .then(|| callback_results.first().and_then(|r| r.auth_bool.clone()))
            .flatten();
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
        v.auth_bool = proof;
        if root_value.field_of.is_none() {
            // `rows.map(..)`, `doc.toObject()`: still the records' data.
            v.record = root_value.record.clone();
        }
        for a in args {
            v = v.merge(a.derived());
        }
        // `createHash("sha256").update(token).digest("hex")`: what an earlier link was given
        // flows into the result too.
        for a in link_args.iter().rev().skip(1).flatten() {
            if a.is_tainted() {
                v = v.merge(a.derived());
            }
        }
        // `getSignedUrl(s3, command)`, `JSON.stringify(row)`: what reaches the caller through
        // the result still comes from the records among the arguments.
        carry_records(&mut v, args);
        // `JSON.stringify({ key: process.env.API_KEY })`: still the server's setting.
        v.server_config |= args.iter().any(Value::carries_server_config);
        // `Buffer.from(token, "base64url").toString()`: still the raw token.
        v.raw_token |= link_args.iter().flatten().any(|a| a.raw_token);
        // `JSON.stringify({ query, variables })` around a GraphQL read document: a read,
        // whatever method carries it.
        if path == "JSON.stringify" && args.first().is_some_and(carries_graphql_read) {
            v.inert = Some(libraries::graphql::READ_DOCUMENT);
        }
        // `url.toString()` on a captcha provider's verification address: still that address.
        if matches!(last, "toString" | "toJSON")
            && links.len() == 1
            && root_value.inert == Some(libraries::captcha::VERIFY_ADDRESS)
        {
            v.inert = Some(libraries::captcha::VERIFY_ADDRESS);
        }
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
    pub(super) fn walk_callbacks(
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
    pub(super) fn guard_kind(&self, path: &str, has_function_arg: bool) -> Option<GuardKind> {
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
        self.graph
            .names
            .guard_by_name(path, has_function_arg)
            .map(|(kind, _)| kind)
    }

    /// Records that the verdict rests on `path`'s root, imported from a project module the
    /// analyzer was not given, doing what `assumed` says.
    pub(super) fn assume(&mut self, path: &str, span: ByteSpan, assumed: Assumed) {
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

    pub(super) fn on_guard(&mut self, kind: GuardKind, span: ByteSpan, path: &str) -> Value<'a> {
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
    pub(super) fn resolve_name(&self, name: &str) -> Option<(usize, Func<'a>)> {
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

    pub(super) fn resolve_callee(&self, callee: &'a Expression<'a>) -> Option<(usize, Func<'a>)> {
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
    pub(super) fn resolve_object_method(
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
            if key_name(&p.key).as_deref() != Some(method) {
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
}

/// What a permission predicate (`canEditPost`, `userCan`, `isCommunityAdmin`) establishes when it
/// holds, judged by its name: asked about the caller and a client key, the caller may act on
/// that key (a scope: `scope:` labels) and is a signed-in user.
/// The label a capability checked in a scope the server chose leaves in the flow (see
/// [`permission_predicate`]).
pub(super) const SERVER_SCOPE_ROLE: &str = "role:@server";

fn permission_predicate(name: &str, args: &[Value<'_>]) -> Option<Asserts> {
    if !names::is_permission_predicate(name) {
        return None;
    }
    // Only when asked about the caller too: `canRefund(orderId)` is about the order.
    // Asked about a record's own field (`isCommunityAdmin(user, { id: pub.communityId })`),
    // it checks the caller against the record's container: the keys that chose it.
    let mut keys = client_keys(args);
    keys.extend(nested_keys_of_args(args));
    if !args.iter().any(is_session_value) {
        return None;
    }
    // `userCan(Capability.addMember, { clubId: club.id }, user.id)` with a scope the server
    // chose (the club of the request's route): a capability there grants the admin-only
    // writes the action makes inside that same server-chosen scope.
    if keys.is_empty() {
        if names::is_membership_predicate(name) {
            return None;
        }
        return Some(Asserts {
            authorize: [SERVER_SCOPE_ROLE.to_string()].into(),
            authn: Authn::Checked,
            ..Asserts::default()
        });
    }
    // A capability or role asked about the scope (not mere membership of it) also grants that
    // scope's admin-only writes, as a role check in it does.
    let roles: Vec<String> = if names::is_membership_predicate(name) {
        Vec::new()
    } else {
        keys.iter().map(|k| format!("role:{k}")).collect()
    };
    let mut authorize = with_scope_labels(keys);
    authorize.extend(roles);
    Some(Asserts {
        authorize,
        authn: Authn::Checked,
        ..Asserts::default()
    })
}

/// Whether a request body object holds a GraphQL read document as its `query`.
fn carries_graphql_read(body: &Value<'_>) -> bool {
    let mut leaves = Vec::new();
    body.leaves(None, &mut leaves, 0);
    leaves.iter().any(|(name, v)| {
        v.inert == Some(libraries::graphql::READ_DOCUMENT)
            && name
                .as_deref()
                .is_none_or(|n| n == "query" || n == crate::catalog::names::SPREAD)
    })
}

/// Data a session lookup returned (`session.user.memberships`): it stores nothing, so calls on
/// it are never sinks.
fn is_session_data(receiver: &Value<'_>) -> bool {
    receiver.guard.is_some_and(|g| !g.factory && !g.error)
        && receiver.fields.is_none()
        && receiver.func.is_none()
        && !receiver.service
}

/// `fetch("https://events.pagerduty.com/v2/enqueue", { method: "POST", body })` sent with only
/// what the caller typed (a test alert with the caller's own integration key): a fixed public
/// address, and no setting of the server (`process.env.X`) in the address, the headers or the
/// body. The caller could send the same request themselves; it spends none of the server's
/// credentials and touches none of its data. Every header must be literal or the caller's own,
/// so a header from an unseen helper (`headers: await signedHeaders()`) still counts as the
/// server's. The app's own API, `localhost` and internal hosts trust the network: not relays.
fn only_relays_caller_credentials(url: Option<&Value<'_>>, init: Option<&Value<'_>>) -> bool {
    let Some(url) = url else { return false };
    // A literal public host, or an address the page itself is given
    // (`${process.env.NEXT_PUBLIC_API_URL}/v1/..`): the browser can send the same request.
    let fixed_public_address = !url.is_tainted()
        && !url.server_config
        && (url.public_config
            || url
                .str_lit
                .and_then(|u| u.strip_prefix("https://"))
                .and_then(|rest| rest.split(['/', ':', '?']).next())
                .is_some_and(sinks::is_public_host));
    if !fixed_public_address {
        return false;
    }
    let Some(init) = init else { return true };
    let mut leaves = Vec::new();
    init.leaves(None, &mut leaves, 0);
    if init.carries_server_config() || leaves.iter().any(|(_, v)| v.record.is_some()) {
        return false;
    }
    match init.field("headers") {
        None => true,
        Some(headers) if headers.fields.is_none() => false,
        Some(headers) => {
            let mut header_leaves = Vec::new();
            headers.leaves(None, &mut header_leaves, 0);
            // A literal, what the caller typed, or what the caller's own cookie holds.
            header_leaves
                .iter()
                .all(|(_, v)| v.str_lit.is_some() || v.is_tainted() || v.raw_token)
        }
    }
}

/// `cookies().get(..)`, `headers().get(..)`, or the call on the store `await cookies()` returned
/// (`jar.get(..)`): `method` called on Next.js's request `store` (see `builtins`).
fn called_on(path: &str, links: usize, root: &Value<'_>, store: &str, method: &str) -> bool {
    path.strip_suffix(method)
        .and_then(|p| p.strip_suffix('.'))
        .is_some_and(|p| p.ends_with(store))
        || (links == 1 && root.inert == Some(store))
}

/// Whether token claims the client chose name who the token is for: a whole object the client
/// sent, or a client value in an id field (`id`, `sub`, `userId`).
fn names_the_subject(claims: &Value<'_>) -> bool {
    match claims.fields.as_deref() {
        None => claims.is_tainted(),
        Some(fields) => fields.iter().any(|(k, v)| {
            v.is_tainted() && (k == "id" || k == "sub" || names::is_actor_id_name(k))
        }),
    }
}

/// Whether a request's headers carry the caller's own session token (`Authorization: `Bearer
/// ${cookie}``): the service it goes to checks that token and answers only what its holder may
/// do (see `public_by_design` for the same token in a body).
fn forwards_caller_session(init: Option<&Value<'_>>) -> bool {
    let Some(headers) = init.and_then(|i| i.field("headers")) else {
        return false;
    };
    let mut leaves = Vec::new();
    headers.leaves(None, &mut leaves, 0);
    leaves.iter().any(|(_, v)| v.raw_token)
}

/// What a schema's `parse(x)` / `safeParse(x)` call gives back (kept out of `eval_call_inner`,
/// whose stack frame every nested call pays for).
#[inline(never)]
fn parse_result<'a>(method: &str, args: &[Value<'a>]) -> Value<'a> {
    let parsed = validated_copy(args);
    // `safeParse(x)` answers `{ success, data, error }`; the others answer the data.
    if method.starts_with("safeParse") {
        let mut result = parsed.derived();
        result.fields = Some(Rc::new(
            [("data".to_string(), parsed)].into_iter().collect(),
        ));
        return result;
    }
    parsed
}

/// What a schema's `parse(x)` gives back: the input's values, validated. An object literal
/// (`parse({ email: form.get("email"), .. })`) keeps its fields, each still the client input it
/// was; the whole carries every field's input (without the actor or role marks of one field).
#[inline(never)]
fn validated_copy<'a>(args: &[Value<'a>]) -> Value<'a> {
    fn validate<'a>(v: &Value<'a>, depth: u32) -> Value<'a> {
        let mut out = v.clone();
        if let Some(t) = out.taint.as_mut() {
            t.validated = true;
        }
        if let Some(fields) = v.fields.as_ref().filter(|_| depth < 8) {
            out.fields = Some(Rc::new(
                fields
                    .iter()
                    .map(|(k, x)| (k.clone(), validate(x, depth + 1)))
                    .collect(),
            ));
        }
        out
    }
    let mut whole = Value::default();
    for a in args {
        let mut leaves = Vec::new();
        a.leaves(None, &mut leaves, 0);
        for (_, leaf) in leaves {
            whole = whole.merge(leaf.derived());
        }
    }
    if let Some(t) = whole.taint.as_mut() {
        t.validated = true;
        t.actor = false;
        t.role = false;
    }
    // The object parsed (the argument with fields, `parse(schema, x)` puts it second).
    if let Some(object) = args.iter().find(|a| a.fields.is_some() && !a.is_array) {
        let mut out = validate(object, 0);
        out.taint = whole.taint;
        out.identity = false;
        return out;
    }
    whole
}
