//! Sinks: a recognised data-changing or data-reading call, its keys and data, whether the
//! caller may touch what the client chose, and how a fix could scope it.

use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    /// A condition helper's value (`eq(posts.id, id)`, `and(..)`): its columns and values as
    /// fields, as a `where` object would hold them.
    pub(super) fn condition_helper(
        &mut self,
        name: &str,
        call: &'a CallExpression<'a>,
        args: &[Value<'a>],
    ) -> Option<Value<'a>> {
        match drizzle::condition_helper(name)? {
            drizzle::Condition::Compare => {
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
            drizzle::Condition::Combine => {
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
        }
    }

    /// Whether `name` is a tRPC caller imported from the project: made by a tRPC factory
    /// (`createCaller(..)`, `createHydrationHelpers(..)`) in the module that defines it, or, when
    /// that module is not seen, imported from the project's tRPC module (`@/trpc/server`).
    pub(super) fn is_trpc_caller(&self, name: &str) -> bool {
        if self.vars.contains_key(name) {
            return false;
        }
        let Some(import) = self.scope.imports.get(name) else {
            return false;
        };
        if !is_project_specifier(import.source) {
            return false;
        }
        let Some((module, local)) = self.graph.source_module(self.module, name) else {
            return action_clients::is_trpc_module_path(import.source);
        };
        let scope = self.graph.module(module);
        match local {
            // `export const api = createCaller(createContext)`.
            Some(local) => scope
                .consts
                .get(local.as_str())
                .is_some_and(|init| made_by_trpc_factory(init)),
            // `export const { trpc: api } = createHydrationHelpers(caller, ..)`.
            None => scope
                .imports
                .iter()
                .any(|(local, i)| action_clients::is_trpc_import(i.source, local)),
        }
    }

    /// Recognises a sink call and records it.
    pub(super) fn try_sink(
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
        // `s3.putObject({ Bucket, Key, Body })` on the aggregated S3 client.
        if let (Some(m), Some(input)) = (
            last_call.and_then(|l| libraries::aws_s3::client_method(l.name)),
            link_args.last().and_then(|a| a.first()),
        ) {
            if input.field("Key").is_some() || input.field("Bucket").is_some() {
                let (keys, data) = s3_input(input);
                let label = describe_chain(root_name, links);
                return Some(self.record_sink(&m, &label, span, keys, data, false, None, None));
            }
        }
        // `list.members.find((m) => ..)`: an array method on rows already read, not a query.
        if root_value.record.is_some()
            && links.len() >= 2
            && last_call.is_some_and(|l| builtins::is_array_search(l.name))
        {
            return None;
        }
        if root_value.inert.is_some()
            || last_call.is_some_and(|l| {
                builtins::BUILTIN_ONLY_METHODS.contains(&l.name)
                    || libraries::validators::is_refinement_report(l.name)
                    || builtins::is_string_method_call(
                        l.name,
                        l.call
                            .and_then(|c| c.arguments.first())
                            .and_then(|a| a.as_expression())
                            .map(strip),
                    )
            })
            || self.scope.imports.get(root_name).is_some_and(|i| {
                builtins::is_inert_package(i.source)
                    // `createHash("sha256").update(text)`: a chain that starts by calling an
                    // import that makes a built-in.
                    || links.first().is_some_and(|l| l.name.is_empty() && l.call.is_some())
                        && builtins::inert_import(i.source, i.imported).is_some()
            })
        {
            return None;
        }
        // `api.mailbox.update(..)` through the project's tRPC caller: the procedure runs with
        // its own middlewares, as over HTTP; it is taken to check the caller there, and said so.
        if links.first().is_some_and(|l| !l.name.is_empty()) && self.is_trpc_caller(root_name) {
            if link_args.iter().flatten().any(|a| a.is_tainted())
                || links
                    .last()
                    .is_some_and(|l| sinks::starts_with_mutating_verb(l.name))
            {
                self.assume(root_name, span, Assumed::TrpcProcedures);
            }
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
            let mut m = sinks::classify_chain("", &named, &self.config.sinks)?;
            // `put(pathname, body)` from `@vercel/blob`: the pathname names the object.
            let blob = self.scope.imports.get(root_name).is_some_and(|i| {
                libraries::vercel_blob::writes_object_named_first(i.source, i.imported)
            });
            if blob && m.kind == SinkKind::Mutation && root_value.func.is_none() {
                m.shape = ArgShape::KeyThenData;
                m.library = crate::catalog::libraries::Library::VercelBlob;
            }
            if m.kind == SinkKind::Mutation && m.library.is_unknown() && root_value.func.is_none() {
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
            // A path or object name first, then what is written (`writeFile(path, data)`,
            // Blob's `put(pathname, body)`).
            let confines_path =
                m.library.owner_scope(&m.op, m.shape) == Some(OwnerScope::ConfinePath);
            if m.kind == SinkKind::Mutation && (confines_path || m.shape == ArgShape::KeyThenData) {
                let (keys, data) = key_then_data(&link_args[0]);
                let scope_fix = confines_path
                    .then(|| self.confine_path_fix(links[0].call, &keys))
                    .flatten();
                return Some(self.record_sink(
                    &m,
                    &format!("{root_name}(..)"),
                    span,
                    keys,
                    data,
                    false,
                    scope_fix,
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
        let mut m = sinks::classify_chain(chain_root, &segs_clean, &self.config.sinks)
            .or_else(|| libraries::classify_called_root(&segs))?;
        if m.model.is_none() {
            m.model = segs
                .first()
                .filter(|s| s.name.is_empty())
                .and_then(|s| s.str_arg)
                .map(str::to_string);
        }
        // Drizzle names its table by the table object (`db.delete(resetTokens)`): a table of
        // mailed one-time secrets is known by that name (see `public_sinks.rs`).
        if m.model.is_none() && m.library == crate::catalog::libraries::Library::Drizzle {
            m.model = links
                .iter()
                .filter_map(|l| l.call)
                .filter_map(|c| c.arguments.first().and_then(|a| a.as_expression()))
                .find_map(|a| match strip(a) {
                    Expression::Identifier(id)
                        if self.graph.names.is_mailed_secret_model(&id.name) =>
                    {
                        Some(id.name.to_string())
                    }
                    _ => None,
                });
        }
        let op_link = m.op_index + offset;
        let owner_scope = m.library.owner_scope(&m.op, m.shape);
        let mut keys: Vec<(Option<String>, Value<'a>)> = Vec::new();
        let mut data: Vec<(Option<String>, Value<'a>)> = Vec::new();
        let mut raw = true;
        let mut scope_fix = None;
        match m.shape {
            ArgShape::PrismaObject => {
                let arg = link_args[op_link].first().cloned().unwrap_or_default();
                if let Some(w) = arg.field(prisma::WHERE_FIELD) {
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
                // `update({ where: { id }, data: { viewCount: { increment: 1 } } })`: a tally of
                // what visitors do, bumped by an amount the server chose, changes nothing anybody
                // owns (a view, an enrolment counted).
                if m.kind == SinkKind::Mutation
                    && m.op == "update"
                    && arg.field("data").is_some_and(|data| {
                        only_bumps_counters(data, self.scope.source) || only_takes_stock(data)
                    })
                {
                    return Some(Value::default());
                }
                for k in prisma::DATA_FIELDS {
                    if let Some(d) = arg.field(k) {
                        d.leaves(None, &mut data, 0);
                    }
                }
                // `update({ where: { id }, data: { watchers: { delete: { .., userId: user.id } } } })`:
                // the only change is the caller's own link to the record, so the caller is what
                // the write selects.
                if m.kind == SinkKind::Mutation
                    && m.op == "update"
                    && arg.field("data").is_some_and(only_unlinks_caller)
                {
                    keys.clear();
                    keys.extend(
                        data.iter()
                            .filter(|(_, v)| v.identity && !v.is_tainted())
                            .cloned(),
                    );
                }
                if arg.fields.is_none() {
                    arg.leaves(None, &mut data, 0);
                }
                // Drizzle's relational queries pick columns with `columns: { id: true }`.
                raw = arg.field(prisma::SELECT_FIELD).is_none()
                    && arg.field("columns").is_none()
                    && !prisma::returns_no_row(&m.op);
                // `select: { username: true, name: true, image: true }` on a user: a public profile card.
                let public_projection = arg
                    .field(prisma::SELECT_FIELD)
                    .and_then(|s| s.fields.as_ref())
                    .is_some_and(|f| {
                        !f.is_empty() && f.keys().all(|k| names::is_public_profile_field(k))
                    });
                // A model of the project's schema that belongs to nobody (a catalogue, a lookup
                // table): reading it reads nobody's data.
                if m.kind == SinkKind::Read
                    && m.library == crate::catalog::libraries::Library::Prisma
                    && m.model.as_deref().is_some_and(|model| {
                        // What `include` / `select` pulls in counts too (`include: { workouts:
                        // true }` on a catalogue returns users' workouts).
                        let related = ["include", prisma::SELECT_FIELD]
                            .into_iter()
                            .filter_map(|k| arg.field(k).and_then(|v| v.fields.as_deref()))
                            .flat_map(|fields| fields.keys().map(String::as_str));
                        self.graph
                            .data_models()
                            .is_some_and(|models| models.read_belongs_to_nobody(model, related))
                    })
                {
                    return Some(not_a_sink(&keys, describe_chain(root_name, links)));
                }
                // Published content (posts, comments, follows between profiles) read with
                // nothing private pulled in: what any visitor of the app sees.
                if m.kind == SinkKind::Read
                    && m.model
                        .as_deref()
                        .is_some_and(names::is_published_content_model)
                    && super::public_sinks::shows_only_public_fields(&arg)
                    && !self.may_return_drafts(m.model.as_deref(), &keys)
                {
                    return Some(not_a_sink(&keys, describe_chain(root_name, links)));
                }
                // Only for accounts: the title of someone's private document is still private.
                if m.kind == SinkKind::Read
                    && public_projection
                    && names::is_account_model(m.model.as_deref())
                {
                    return Some(not_a_sink(&keys, describe_chain(root_name, links)));
                }
                scope_fix = match m.kind {
                    // Someone else's account, looked up by a public key: a profile card keeps
                    // its public fields and drops the private ones.
                    SinkKind::Read if names::is_account_model(m.model.as_deref()) => {
                        links[op_link].call.and_then(public_fields_fix)
                    }
                    _ => None,
                }
                .or_else(|| match owner_scope {
                    Some(OwnerScope::CheckFirst) => self.check_first_fix(links[op_link].call),
                    _ => None,
                });
            }
            ArgShape::Builder => {
                // `db.select().from(exercises)` where `exercises` is a table whose definition
                // names no owner: reading it reads nobody's data.
                if m.kind == SinkKind::Read
                    && m.library == crate::catalog::libraries::Library::Drizzle
                    && !links
                        .iter()
                        .any(|l| l.name.ends_with("Join") || l.name == "join")
                    && links
                        .iter()
                        .find(|l| l.name == "from")
                        .and_then(|l| l.call)
                        .and_then(|c| c.arguments.first())
                        .and_then(|a| a.as_expression())
                        .is_some_and(|table| self.table_belongs_to_nobody(table))
                {
                    return Some(Value::default());
                }
                // `db.update(items).set({ views: sql`${items.views} + 1` })`: Drizzle's tally bump
                // (see `only_bumps_counters`).
                if m.kind == SinkKind::Mutation
                    && links.iter().any(|l| l.name == "update")
                    && links.iter().position(|l| l.name == "set").is_some_and(|i| {
                        link_args[i].first().is_some_and(|set| {
                            only_bumps_counters_in_sql(set, self.scope.source)
                                || only_takes_stock_in_sql(set, self.scope.source)
                        })
                    })
                {
                    return Some(Value::default());
                }
                scope_fix = owner_scope.and_then(|s| self.builder_scope_fix(s, links, op_link));
                for (i, link) in links.iter().enumerate() {
                    let args = &link_args[i];
                    match sinks::builder_link(link.name) {
                        Some(BuilderLink::Key) => {
                            let col = args.first().and_then(|a| a.str_lit).map(str::to_string);
                            if args.len() >= 2 && col.is_some() {
                                keys.push((col, args.last().cloned().unwrap_or_default()));
                            } else {
                                for a in args {
                                    a.leaves(None, &mut keys, 0);
                                }
                            }
                        }
                        Some(BuilderLink::Data) => {
                            for a in args {
                                a.leaves(None, &mut data, 0);
                            }
                        }
                        Some(BuilderLink::Columns) if i >= op_link => {
                            raw = args.is_empty()
                                || args
                                    .first()
                                    .and_then(|a| a.str_lit)
                                    .is_some_and(|s| s.trim() == "*");
                        }
                        Some(BuilderLink::AllColumns) => raw = true,
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
                if owner_scope == Some(OwnerScope::ExistsFirst) {
                    scope_fix = self.exists_first_fix(&m, links[op_link].call);
                }
                let (k, d) = key_then_data(&link_args[op_link]);
                keys = k;
                data = d;
            }
            ArgShape::FilterThenData => {
                let args = &link_args[op_link];
                if owner_scope == Some(OwnerScope::FilterObject) {
                    scope_fix = links[op_link].call.and_then(filter_scope_fix);
                }
                if mongo::only_creates(&m.op) {
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
                raw = !links.iter().any(|l| mongo::PROJECTIONS.contains(&l.name));
            }
            ArgShape::Stripe => {
                // The objects the client names, as (resource, key) for the ownership fix.
                let resource: Vec<&str> = segs_clean[..m.op_index].iter().map(|s| s.name).collect();
                let mut refs = Vec::new();
                for (i, a) in link_args[op_link].iter().enumerate() {
                    a.leaves(None, &mut data, 0);
                    match &a.fields {
                        // `stripe.subscriptions.update(subscriptionId, ..)`.
                        None if i == 0 => {
                            keys.push((Some("id".into()), a.clone()));
                            refs.push((resource.join("."), a));
                        }
                        None => {}
                        Some(fields) => {
                            for (name, v) in fields.iter() {
                                if stripe::is_reference(name) {
                                    v.leaves(Some(name), &mut keys, 0);
                                    if let Some(r) = stripe::resource_of(name) {
                                        refs.push((r.to_string(), v));
                                    }
                                }
                            }
                        }
                    }
                }
                if owner_scope == Some(OwnerScope::MetadataOwner) {
                    scope_fix = self.metadata_owner_fix(chain_root, &refs);
                }
                raw = false;
            }
            ArgShape::Generic => {
                if m.kind == SinkKind::Mutation {
                    scope_fix = links[op_link].call.and_then(actor_field_fix);
                }
                if owner_scope == Some(OwnerScope::DocumentOwner) {
                    scope_fix =
                        scope_fix.or_else(|| self.document_owner_fix(&m, links[op_link].call));
                }
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
                        labels: Rc::new(rec.keys.clone()),
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
        let sets_credential = m.kind == SinkKind::Mutation
            && !sinks::creates_rows(&m.op)
            && writes_account_credential(&m, links, &data);
        let before = self.facts.sinks.len();
        let v = self.record_sink(&m, &label, span, keys, data, raw, scope_fix, Some(service));
        if sets_credential && self.facts.sinks.len() > before {
            if let Some(sink) = self.facts.sinks.last_mut() {
                sink.sets_account_credential = true;
            }
        }
        Some(v)
    }

    /// How to tie a call with a `where` object to the caller: check a scoped `findFirst`
    /// first; a relational query's condition (`db.query.invoices.findFirst({ where: eq(..) })`)
    /// is joined with the owner's instead.
    pub(super) fn check_first_fix(
        &self,
        op_call: Option<&'a CallExpression<'a>>,
    ) -> Option<ScopeFix> {
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
                if query.property.name != drizzle::RELATIONAL_QUERIES {
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

    /// Whether `table` is a Drizzle table (`pgTable("exercises", { .. })`, here or in a project
    /// module) whose definition names no owner, tenant or secret column, references no other
    /// table, declares no foreign key, and is no account or tenant table itself (a read that
    /// joins other tables is not asked).
    pub(super) fn table_belongs_to_nobody(&self, table: &'a Expression<'a>) -> bool {
        let Expression::Identifier(id) = strip(table) else {
            return false;
        };
        let name = id.name.as_str();
        let (module, init) = match self.scope.consts.get(name) {
            Some(init) => (self.module, *init),
            None => match self.graph.resolve_const(self.module, name) {
                Some(found) => found,
                None => return false,
            },
        };
        let Expression::CallExpression(call) = strip(init) else {
            return false;
        };
        let maker = match strip(&call.callee) {
            Expression::Identifier(callee) => callee.name.as_str(),
            _ => return false,
        };
        if !libraries::drizzle::TABLE_MAKERS.contains(&maker) {
            return false;
        }
        // A third argument declares constraints: a foreign key ties rows to another table.
        let source = self.graph.module(module).source;
        if call
            .arguments
            .get(2)
            .is_some_and(|extra| extra.span().source_text(source).contains("foreignKey("))
        {
            return false;
        }
        let (Some(table_name), Some(Expression::ObjectExpression(columns))) = (
            call.arguments
                .first()
                .and_then(|a| a.as_expression())
                .and_then(|e| match strip(e) {
                    Expression::StringLiteral(s) => Some(s.value.as_str()),
                    _ => None,
                }),
            call.arguments
                .get(1)
                .and_then(|a| a.as_expression())
                .map(strip),
        ) else {
            return false;
        };
        if names::is_user_model(table_name) || names::is_tenant_column(table_name) {
            return false;
        }
        columns.properties.iter().all(|property| {
            let ObjectPropertyKind::ObjectProperty(p) = property else {
                return false;
            };
            let Some(column) = key_name(&p.key) else {
                return false;
            };
            let definition = p.value.span().source_text(source);
            !(names::names_an_owner(&column) || definition.contains(".references("))
        })
    }

    /// How to tie a builder chain to the caller, in the library's way (`scope`).
    pub(super) fn builder_scope_fix(
        &self,
        scope: OwnerScope,
        links: &[ChainLink<'a>],
        op_link: usize,
    ) -> Option<ScopeFix> {
        let last_condition = links
            .iter()
            .rposition(|l| sinks::is_condition_link(l.name))?;
        let at = links[last_condition].call?.span.end;
        if scope == OwnerScope::AndCondition {
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
        match scope {
            OwnerScope::AppendCondition {
                template,
                snake_case,
            } => Some(ScopeFix::AppendCondition {
                at,
                template,
                snake_case,
            }),
            _ => None,
        }
    }

    /// The client values among `keys` that the flow has not authorized, by label.
    fn unauthorized_labels<'k>(
        &self,
        keys: &'k [(Option<String>, Value<'a>)],
    ) -> BTreeSet<&'k str> {
        keys.iter()
            .filter_map(|(_, v)| v.taint.as_ref())
            .filter(|t| !self.flow.authorizes(&t.labels))
            .flat_map(|t| t.labels.iter().map(String::as_str))
            .collect()
    }

    /// How to tie a file-system write to the caller: the one client name interpolated into a
    /// template path (`/uploads/${name}`) goes under the caller's own folder, as a base name.
    pub(super) fn confine_path_fix(
        &self,
        call: Option<&'a CallExpression<'a>>,
        keys: &[(Option<String>, Value<'a>)],
    ) -> Option<ScopeFix> {
        let Expression::TemplateLiteral(path) = strip(call?.arguments.first()?.as_expression()?)
        else {
            return None;
        };
        let unauthorized = self.unauthorized_labels(keys);
        let mut named = path.expressions.iter().filter_map(|e| match strip(e) {
            Expression::Identifier(id) if unauthorized.contains(id.name.as_str()) => Some(id),
            _ => None,
        });
        let key = named.next()?;
        if named.next().is_some() || unauthorized.len() != 1 {
            return None;
        }
        Some(ScopeFix::ConfinePath {
            key: span_of(key.span),
            name: key.name.to_string(),
        })
    }

    /// How to tie a call on objects the client names (Stripe's) to the caller: retrieve each
    /// one and compare the user id the app stored in its `metadata` with the caller's, before
    /// the statement. Only client keys the flow has not authorized, and only plain expressions
    /// (evaluating them twice must be harmless).
    pub(super) fn metadata_owner_fix(
        &self,
        client: &str,
        refs: &[(String, &Value<'a>)],
    ) -> Option<ScopeFix> {
        let mut objects = Vec::new();
        for (resource, value) in refs {
            let Some(taint) = &value.taint else { continue };
            if self.flow.authorizes(&taint.labels) || resource.is_empty() {
                continue;
            }
            let span = value.span?;
            let text = self
                .scope
                .source
                .get(span.start as usize..span.end as usize)?;
            let plain = |t: &str| {
                !t.is_empty()
                    && t.chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '$' | '.'))
            };
            // `formData.get("paymentIntent")` reads the same field twice; `String(..)` gives
            // `retrieve` the string it takes.
            let unwrapped = text
                .strip_prefix("String(")
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(text);
            let form_field = unwrapped
                .strip_suffix(')')
                .and_then(|t| t.split_once(".get("))
                .filter(|(object, field)| {
                    plain(object)
                        && field.len() >= 2
                        && (field.starts_with('"') && field.ends_with('"')
                            || field.starts_with('\'') && field.ends_with('\''))
                        && !field[1..field.len() - 1].contains(['"', '\''])
                });
            if !plain(unwrapped) && form_field.is_none() {
                return None;
            }
            // Already a string (`id`, `String(..)`), or a form field to convert.
            let key = if plain(text) || unwrapped != text {
                text.to_string()
            } else {
                format!("String({text})")
            };
            objects.push(StripeObject {
                resource: resource.clone(),
                key,
            });
        }
        if objects.is_empty() {
            return None;
        }
        Some(ScopeFix::StripeOwner {
            stmt_start: self.stmt_start?,
            client: client.to_string(),
            objects,
        })
    }

    /// How to tie a document store's call by id (`databases.getDocument(db, collection, id)`)
    /// to the caller: retrieve the document first and compare its owner.
    pub(super) fn document_owner_fix(
        &self,
        m: &SinkMatch,
        op_call: Option<&'a CallExpression<'a>>,
    ) -> Option<ScopeFix> {
        let op_call = op_call?;
        if !libraries::appwrite::names_one_document(&m.op) {
            return None;
        }
        let Expression::StaticMemberExpression(callee) = strip(&op_call.callee) else {
            return None;
        };
        let text = |i: usize| {
            op_call
                .arguments
                .get(i)
                .and_then(|a| a.as_expression())
                .map(|e| e.span().source_text(self.scope.source).to_string())
        };
        Some(ScopeFix::DocumentOwner {
            stmt_start: self.stmt_start?,
            receiver: callee
                .object
                .span()
                .source_text(self.scope.source)
                .to_string(),
            args: [text(0)?, text(1)?, text(2)?],
        })
    }

    /// How to tie a call keyed by its first argument (`findByIdAndUpdate(id, ..)`) to the
    /// caller: check that the record exists with the caller as owner first.
    pub(super) fn exists_first_fix(
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
    pub(super) fn record_sink(
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
            if m.library == crate::catalog::libraries::Library::Mail {
                let recipients: Vec<&Value<'a>> = keys
                    .iter()
                    .filter(|(name, _)| {
                        name.as_deref()
                            .is_some_and(libraries::mail::is_recipient_field)
                    })
                    .map(|(_, v)| v)
                    .collect();
                self.note_mail_recipients(&recipients);
            }
            // A mail to an address the client names, with words the client chose: anyone could
            // send the app's mail to anyone (an open relay). It needs a signed-in caller; which
            // address a signed-in caller writes to is not a record of anyone's.
            // `resend.emails.send(payload)` with the client's whole message (an object it
            // passes as is): the client picks the recipient and the words alike.
            let whole_message_from_client = matches!(
                keys.as_slice(),
                [(None, v)] if v.is_tainted() && v.fields.is_none() && v.str_lit.is_none()
            );
            if m.library == crate::catalog::libraries::Library::Mail
                && (whole_message_from_client
                    || libraries::mail::is_open_relay(keys.iter().map(|(name, v)| {
                        (name.as_deref(), v.taint.as_ref().map(|t| t.labels.as_ref()))
                    })))
            {
                let relay = SinkMatch {
                    kind: SinkKind::Mutation,
                    ..m.clone()
                };
                return self.record_sink(&relay, label, span, Vec::new(), data, raw, None, service);
            }
            return Value::default();
        }
        // Sinks that are public by design: the visitor's own anonymous record, a project
        // without accounts, a record selected by a link secret (see `public_sinks.rs`).
        if let Some(v) = self.public_by_design(m, label, span, &keys, &data) {
            return v;
        }
        // A project's own session store: the row of a sessions table selected by the token
        // from the session cookie (`sessions.findUnique({ where: { id: hash(token) } })`) is a
        // session lookup, verified by the server's own table, not a read of user data; so is
        // the row of an API-key table selected by the key from a request header.
        if m.kind == SinkKind::Read
            && m.model
                .as_deref()
                .is_some_and(|m| names::is_session_model(m) || names::is_api_key_model(m))
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
            // A catalogue by name (`plans`, `products`) read by an owner the client names
            // (`eq(plan.createdBy, userId)`) holds someone's rows after all: a meal plan, a
            // seller's drafts.
            let by_owner = keys.iter().any(|(col, v)| {
                v.is_tainted() && col.as_deref().is_some_and(names::is_owner_field)
            });
            let public_model = m.model.as_deref().is_some_and(names::is_public_model) && !by_owner;
            let public_filter = keys.iter().any(|(col, v)| {
                let text = v
                    .span
                    .and_then(|s| self.scope.source.get(s.start as usize..s.end as usize))
                    .unwrap_or("");
                (col.as_deref().is_some_and(names::is_public_marker_field)
                    || names::mentions_public_marker(text))
                    && !v.is_tainted()
            });
            if public_model || public_filter {
                return not_a_sink(&keys, label.to_string());
            }
        }
        self.seq += 1;
        let site = if self.in_action_body {
            span
        } else {
            self.site.unwrap_or(span)
        };
        let self_scoped = keys.iter().any(|(c, v)| {
            (v.identity || v.owned)
                && !v.is_tainted()
                && !c.as_deref().is_some_and(names::is_tenant_column)
        });
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
            // `cart.findUnique({ where: { id: item.cartId } })`: the container of a record the
            // client chose is chosen by the same client keys, so a check that the caller may use
            // the container covers the record inside it.
            if let (Some(r), Some(field), None) = (&v.record, &v.field_of, &v.taint) {
                if names::is_foreign_key_column(field) {
                    key_labels.extend(r.keys.iter().cloned());
                }
            }
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
        let creates = sinks::creates_rows(&m.op);
        // A change of existing rows selected by a client key the caller passed a capability
        // check on (`userCan(.., { stageId }, user.id)` before `.where("stageId", "=", stageId)
        // .where("userId", "=", userId)`): the rows lie inside that scope, so the other client
        // ids in the same filter pick targets there (a member), not who the actor is.
        let checked_scope = |v: &Value<'a>| {
            v.taint.as_ref().is_some_and(|t| {
                !t.labels.is_empty()
                    && t.labels
                        .iter()
                        .all(|l| self.flow.authorized.contains(&scope_label(l)))
            })
        };
        let in_checked_scope = !creates && keys.iter().any(|(_, v)| checked_scope(v));
        // A new membership row in a scope the caller passed a capability check on
        // (`userCan(addMember, { stageId })` before inserting `{ userId, stageId, role }`): its
        // user is the member being added, not who the actor is.
        let adds_member_to_checked_scope = creates
            && m.model.as_deref().is_some_and(names::is_membership_model)
            && data.iter().any(|(col, v)| {
                !col.as_deref().is_some_and(names::is_owner_field) && checked_scope(v)
            });
        // `where: { authorId: session.user.id, blockedUserId: userId }`: a column of the call
        // already holds the caller, so a client id named like a user in another column is whom
        // the caller acts on (blocked, followed, invited), not who acts.
        let actor_is_caller = keys
            .iter()
            .chain(data.iter())
            .any(|(col, v)| col.is_some() && v.identity && !v.is_tainted());
        if !self.flow.role {
            let self_model = m.model.as_deref().is_some_and(names::is_user_model);
            for (is_key, (col, v)) in keys
                .iter()
                .map(|k| (true, k))
                .chain(data.iter().map(|d| (false, d)))
            {
                let Some(t) = &v.taint else { continue };
                if (is_key && in_checked_scope) || (!is_key && adds_member_to_checked_scope) {
                    continue;
                }
                let col = col.as_deref().unwrap_or("");
                let as_owner = names::is_owner_field(col) && (t.actor || creates);
                // `UserProfile.updateOne({ kindeId: userId })`: the actor's id selects the row.
                let actor_key = is_key
                    && t.actor
                    && !(self_model && matches!(col, "id" | "_id" | ""))
                    && (!actor_is_caller || names::is_owner_field(col));
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
                && (names::is_user_model(&model) || names::mentions_members(&m.op))
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
        // A capability checked in a scope the server chose, and a write whose keys and
        // references the client did not pick: the write stays in that scope.
        let names_a_record = |col: &Option<String>| {
            col.as_deref().is_none_or(|c| {
                let c = c.to_ascii_lowercase();
                c == "id" || c.ends_with("id") || names::is_tenant_column(&c)
            })
        };
        let in_server_role_scope = self
            .flow
            .authorized
            .contains(super::calls::SERVER_SCOPE_ROLE)
            && !keys.iter().any(|(_, v)| v.is_tainted())
            && !data
                .iter()
                .any(|(col, v)| v.is_tainted() && names_a_record(col));
        if self.flow.role || in_role_scope || in_server_role_scope {
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
        // An account looked up by its public handle (`where: { username }`) reads someone's
        // data only if the row reaches the caller (then the return makes it sensitive): "is
        // this username taken?" answers what every profile page shows.
        let by_public_handle = m.kind == SinkKind::Read
            && names::is_account_model(m.model.as_deref())
            && !keys.is_empty()
            && keys
                .iter()
                .all(|(col, _)| col.as_deref().is_some_and(names::is_public_handle_field));
        let keyed_by_client = !unauthorized.is_empty() && !by_public_handle;
        // Object storage and key-value stores: confine a client-chosen key to the caller's own
        // prefix (`${user.id}/…`), the pattern the path-prefix check recognises.
        let scope_fix = scope_fix.or_else(|| {
            let raw = self.unauthorized_labels(&keys);
            let plain = |l: &str| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                    && !l.starts_with(|c: char| c.is_ascii_digit())
            };
            // Blob's pathname only when passed whole (`put(pathname, ..)`): a client id inside
            // a longer name (`projects/${projectId}/..`) is no path to confine.
            let passed_whole = |key: &str| {
                m.library != crate::catalog::libraries::Library::VercelBlob
                    || self
                        .scope
                        .source
                        .get(span.start as usize..span.end as usize)
                        .and_then(|call| call.split_once('('))
                        .and_then(|(_, args)| args.trim_start().strip_prefix(key))
                        .is_some_and(|rest| rest.trim_start().starts_with([',', ')']))
            };
            match (
                m.library.owner_scope(&m.op, m.shape),
                raw.len(),
                raw.iter().next(),
            ) {
                (Some(OwnerScope::KeyPrefix), 1, Some(key)) if plain(key) && passed_whole(key) => {
                    Some(ScopeFix::KeyPrefix {
                        stmt_start: self.stmt_start?,
                        key: key.to_string(),
                    })
                }
                _ => None,
            }
        });
        let idx = self.facts.sinks.len();
        self.note_for_mailbox(idx, m, &keys, &data);
        self.facts.sinks.push(SinkFact {
            seq: self.seq,
            span: site,
            kind: m.kind,
            label: label.to_string(),
            library: m.library,
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
            scope_fix: if self.in_action_body || self.in_action_text {
                scope_fix
            } else {
                None
            },
            client_input: keys.iter().chain(data.iter()).any(|(_, v)| v.is_tainted()),
            sets_account_credential: false,
        });
        // What the call returns: a record.
        let record = Rc::new(Record {
            sink: Some(idx),
            keys: key_labels,
            scoped,
            raw: raw && m.library.returns_rows(),
            label: label.to_string(),
            user_model: m.kind == SinkKind::Read
                && m.model.as_deref().is_some_and(names::is_user_model),
            // Only plain counts: `groupBy`/`aggregate` can return any column's values.
            aggregate: m.kind == SinkKind::Read && sinks::is_count(&m.op),
        });
        self.sink_records.push(Some(record.clone()));
        Value {
            record: Some(record),
            ..Value::default()
        }
    }
}

/// `createCaller(ctx)`, `appRouter.createCaller(ctx)`, `createCallerFactory(appRouter)(ctx)`,
/// `createTRPCProxyClient<AppRouter>({ .. })`: a call of a tRPC caller factory.
fn made_by_trpc_factory(init: &Expression<'_>) -> bool {
    let Expression::CallExpression(call) = strip_await(init) else {
        return false;
    };
    if let Expression::CallExpression(_) = strip(&call.callee) {
        return made_by_trpc_factory(&call.callee);
    }
    crate::module::callee_name(&call.callee)
        .is_some_and(|n| action_clients::TRPC_CALLER_FACTORIES.contains(&n))
}

/// Whether Prisma `data` only counts one more (or one less) visit (`{ viewCount: { increment:
/// 1 } }`, `{ likes: { decrement: 1 } }`, or `{ likes: newLikes }` computed by the server): a
/// tally of what visitors do, moved by one.
fn only_bumps_counters(data: &Value<'_>, source: &str) -> bool {
    let Some(columns) = data.fields.as_deref() else {
        return false;
    };
    let is_one = |amount: &Value<'_>| {
        amount
            .span
            .and_then(|s| source.get(s.start as usize..s.end as usize))
            .is_some_and(|text| text.trim() == "1")
    };
    // `likes: newLikes` where the server computed `post.likes + 1`: a value of the server's,
    // not a number written in the code (`likes: 1000`) or sent by the client.
    let computed = |value: &Value<'_>| {
        !value.is_tainted()
            && value.fields.is_none()
            && value
                .span
                .and_then(|s| source.get(s.start as usize..s.end as usize))
                .is_some_and(|text| {
                    let text = text.trim();
                    text.parse::<f64>().is_err() && !text.starts_with(['"', '\'', '`'])
                })
    };
    !columns.is_empty()
        && columns.iter().all(|(column, change)| {
            names::is_counter_column(column)
                && match change.fields.as_deref() {
                    Some(ops) => {
                        ops.len() == 1
                            && ops.iter().all(|(op, amount)| {
                                prisma::STEP_OPS.contains(&op.as_str())
                                    && !amount.is_tainted()
                                    && is_one(amount)
                            })
                    }
                    None => computed(change),
                }
        })
}

/// `db.user.update({ where: { email }, data: { password } })`, `db.update(users).set({ password
/// })`: a write of an existing account's password or address, whoever the keys select (an
/// account taken over when they are the client's).
fn writes_account_credential(
    m: &SinkMatch,
    links: &[ChainLink<'_>],
    data: &[(Option<String>, Value<'_>)],
) -> bool {
    // Drizzle names the table by its object: `db.update(users)`.
    let drizzle_table = links
        .iter()
        .filter(|l| l.name == "update")
        .filter_map(|l| l.call)
        .filter_map(|c| c.arguments.first().and_then(|a| a.as_expression()))
        .find_map(|a| match strip(a) {
            Expression::Identifier(id) => Some(id.name.as_str()),
            _ => None,
        });
    let account =
        names::is_account_model(m.model.as_deref()) || names::is_account_model(drizzle_table);
    account
        && data.iter().any(|(col, v)| {
            v.is_tainted()
                && col.as_deref().is_some_and(|c| {
                    names::is_password_column(c) || c.eq_ignore_ascii_case("email")
                })
        })
}

impl<'g, 'a> Walker<'g, 'a> {
    /// A session minted for the identity the client chose (a session cookie set to a token
    /// made from client input, or such a token signed): a write of who the caller is, keyed by
    /// what the client sent. Judged like any write, so an action that signs in whoever the
    /// client names with no check is reported.
    #[inline(never)]
    pub(super) fn mint_session(
        &mut self,
        token: Value<'a>,
        label: &str,
        span: ByteSpan,
    ) -> Value<'a> {
        let m = SinkMatch {
            kind: SinkKind::Mutation,
            library: crate::catalog::libraries::Library::SessionCookie,
            op: "sign".to_string(),
            model: None,
            op_index: 0,
            shape: ArgShape::Generic,
        };
        let mut keys = Vec::new();
        token.leaves(None, &mut keys, 0);
        keys.retain(|(_, v)| v.is_tainted());
        let mut v = self.record_sink(&m, label, span, keys.clone(), Vec::new(), false, None, None);
        // The token still carries what it was made from.
        v.taint = keys.into_iter().fold(None, |t, (_, k)| match (t, k.taint) {
            (Some(mut a), Some(b)) => {
                super::super::value::add_labels(&mut a.labels, b.labels);
                Some(a)
            }
            (a, b) => a.or(b),
        });
        v
    }
}

/// Whether Prisma `data` only takes items out of stock (`{ stock: { decrement: item.quantity }
/// }`): a shop's inventory moved by what a buyer orders, whatever the amount. Putting stock back
/// (`increment`) or setting it is restocking, a seller's or an admin's write.
fn only_takes_stock(data: &Value<'_>) -> bool {
    let Some(columns) = data.fields.as_deref() else {
        return false;
    };
    !columns.is_empty()
        && columns.iter().all(|(column, change)| {
            names::is_stock_column(column)
                && change
                    .fields
                    .as_deref()
                    .is_some_and(|ops| ops.len() == 1 && ops.keys().all(|op| op == "decrement"))
        })
}

/// Whether Prisma `data` only removes the caller's own links (`{ watchers: { delete:
/// { accountId_userId: { accountId, userId: user.id } } } }`, `{ members: { disconnect: { id:
/// user.id } } }`): each relation changed is unlinked, by a key that holds the caller.
fn only_unlinks_caller(data: &Value<'_>) -> bool {
    let Some(relations) = data.fields.as_deref() else {
        return false;
    };
    !relations.is_empty()
        && relations.values().all(|change| {
            change.fields.as_deref().is_some_and(|ops| {
                !ops.is_empty()
                    && ops.iter().all(|(op, selector)| {
                        let mut leaves = Vec::new();
                        selector.leaves(None, &mut leaves, 0);
                        prisma::UNLINK_OPS.contains(&op.as_str())
                            && leaves.iter().any(|(_, v)| v.identity && !v.is_tainted())
                    })
            })
        })
}

/// Drizzle's spelling of a tally bump: every column set is a tally, to
/// `sql`${table.column} + 1`` (or `- 1`).
fn only_bumps_counters_in_sql(set: &Value<'_>, source: &str) -> bool {
    every_sql_set(set, source, |column, value, text| {
        names::is_counter_column(column)
            && !value.is_tainted()
            && text.starts_with("sql`${")
            && (text.ends_with("}+1`") || text.ends_with("}-1`"))
            && text.matches("${").count() == 1
    })
}

/// Drizzle's spelling of taking items out of stock: every column set is a stock count, to
/// `sql`${table.stock} - ${quantity}`` (see `only_takes_stock`).
fn only_takes_stock_in_sql(set: &Value<'_>, source: &str) -> bool {
    every_sql_set(set, source, |column, _, text| {
        names::is_stock_column(column)
            && text.starts_with("sql`${")
            && text.ends_with('`')
            && text.matches("${").count() == 2
            && text.contains("}-${")
    })
}

/// Whether a Drizzle `set({ .. })` sets at least one column and `each` holds for every one,
/// given the column, its value and the value's source text without whitespace.
fn every_sql_set(
    set: &Value<'_>,
    source: &str,
    each: impl Fn(&str, &Value<'_>, &str) -> bool,
) -> bool {
    let Some(columns) = set.fields.as_deref() else {
        return false;
    };
    !columns.is_empty()
        && columns.iter().all(|(column, value)| {
            let text: String = value
                .span
                .and_then(|s| source.get(s.start as usize..s.end as usize))
                .unwrap_or("")
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            each(column, value, &text)
        })
}

/// A read that is no sink (public by nature, a public profile card, reference data) but still a
/// record: `if (!own)` after such a read scoped to the caller is an ownership check like any
/// other, and a field of it (`user.id`) is still the caller's own.
pub(super) fn not_a_sink<'a>(keys: &[(Option<String>, Value<'a>)], label: String) -> Value<'a> {
    let scoped = keys
        .iter()
        .any(|(_, v)| (v.identity || v.owned) && !v.is_tainted());
    let keys: BTreeSet<String> = keys
        .iter()
        .filter_map(|(_, v)| v.taint.as_ref())
        .flat_map(|t| t.labels.iter().cloned())
        .collect();
    Value {
        record: Some(Rc::new(Record {
            sink: None,
            keys,
            scoped,
            raw: false,
            label,
            user_model: false,
            aggregate: false,
        })),
        ..Value::default()
    }
}
