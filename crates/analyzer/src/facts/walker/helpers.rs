//! Free functions of the walk: spans, call chains, argument shapes and small predicates.

use super::*;

// ----- helpers ------------------------------------------------------------------------------

pub(super) use crate::module::key_name;

pub(super) fn span_of(s: oxc_span::Span) -> ByteSpan {
    ByteSpan {
        start: s.start,
        end: s.end,
    }
}

pub(super) fn indentation_at(source: &str, offset: u32) -> String {
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
pub(super) fn flatten_chain<'a>(
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
pub(super) fn first_object_arg<'a>(
    call: &'a CallExpression<'a>,
) -> Option<&'a ObjectExpression<'a>> {
    match call.arguments.first()?.as_expression().map(strip)? {
        Expression::ObjectExpression(o) => Some(o),
        _ => None,
    }
}

/// The value of the property `name` of an object literal (`{ name: value }`).
pub(super) fn property_value<'a>(
    object: &'a ObjectExpression<'a>,
    name: &str,
) -> Option<&'a Expression<'a>> {
    object.properties.iter().find_map(|p| match p {
        ObjectPropertyKind::ObjectProperty(p) if key_name(&p.key).as_deref() == Some(name) => {
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

pub(super) fn describe_chain(root: &str, links: &[ChainLink<'_>]) -> String {
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
pub(super) type Leaves<'a> = Vec<(Option<String>, Value<'a>)>;

pub(super) fn key_then_data<'a>(args: &[Value<'a>]) -> (Leaves<'a>, Leaves<'a>) {
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

/// An S3 input `{ Bucket, Key, Body }`: the key fields name the object, the body is written.
pub(super) fn s3_input<'a>(input: &Value<'a>) -> (Leaves<'a>, Leaves<'a>) {
    let mut keys = Vec::new();
    let mut data = Vec::new();
    for field in libraries::aws_s3::KEY_FIELDS {
        if let Some(v) = input.field(field) {
            v.leaves(Some(field), &mut keys, 0);
        }
    }
    if let Some(body) = input.field(libraries::aws_s3::DATA_FIELD) {
        body.leaves(Some(libraries::aws_s3::DATA_FIELD), &mut data, 0);
    }
    if input.fields.is_none() {
        input.leaves(None, &mut keys, 0);
    }
    (keys, data)
}

/// An element of `value` (an item of an array, a row of the rows read): for records, the same
/// record; otherwise only the provenance.
pub(super) fn element_of<'a>(value: &Value<'a>) -> Value<'a> {
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
pub(super) fn carry_records(v: &mut Value<'_>, args: &[Value<'_>]) {
    if v.record.is_some() {
        return;
    }
    let mut records = Vec::new();
    for a in args {
        collect_records(a, &mut records, 0);
    }
    if let Some((record, _)) = records.into_iter().next() {
        v.record = Some(record);
        v.field_of = Some(DERIVED_FIELD.into());
    }
}

/// The `field_of` of a value computed from a record's data rather than read from one column.
pub(super) const DERIVED_FIELD: &str = "(derived)";

/// Records a returned value carries: itself, and its fields (a DTO built from a row still
/// exposes the row's data). `whole` is false for a single field of a record.
pub(super) fn collect_records(v: &Value<'_>, out: &mut Vec<(Rc<Record>, bool)>, depth: u32) {
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

/// `checkAuth()`, `authenticate()`, `validateSession()`: a call named as a check, not a getter.
pub(super) fn is_check_style_call(expr: &Expression<'_>) -> bool {
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
pub(super) fn is_server_constant(expr: &Expression<'_>) -> bool {
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
pub(super) fn is_server_secret(expr: &Expression<'_>) -> bool {
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
pub(super) fn is_project_specifier(spec: &str) -> bool {
    spec.starts_with("@/")
        || spec.starts_with("~/")
        || spec.starts_with('.')
        || spec.starts_with('#')
        || spec.starts_with("src/")
        || spec.starts_with("app/")
        || spec.starts_with("lib/")
}

pub(super) fn is_form_data(root: &str, v: &Value<'_>) -> bool {
    v.is_tainted()
        || root.to_ascii_lowercase().contains("formdata")
        || root == "data"
        || root == "fd"
}

pub(super) fn is_undefined(e: &Expression<'_>) -> bool {
    matches!(strip(e), Expression::Identifier(id) if id.name.as_str() == "undefined")
        || matches!(strip(e), Expression::UnaryExpression(u) if u.operator == UnaryOperator::Void)
}

/// Whether a `catch`/branch body always leaves the function (return, throw, redirect()).
pub(super) fn block_exits(stmts: &[Statement<'_>]) -> bool {
    stmts.iter().any(statement_exits)
}

pub(super) fn statement_exits(stmt: &Statement<'_>) -> bool {
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
pub(super) fn mark_identity(v: &mut Value<'_>) {
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
pub(super) fn client_root<'a>(
    callee: &'a Expression<'a>,
) -> Option<(&'a IdentifierReference<'a>, bool)> {
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

pub(super) fn default_identity_expr(name: &str) -> String {
    match name {
        "session" | "authSession" | "serverSession" => format!("{name}.user.id"),
        "userId" | "uid" | "id" | "sub" => name.to_string(),
        _ => format!("{name}.id"),
    }
}

/// [`refine_identity_expr`], sharing `base` when reading `prop` leaves it as it is.
pub(super) fn refined_identity_expr(base: &Rc<str>, prop: &str) -> Rc<str> {
    let refined = refine_identity_expr(base, prop);
    if *refined == **base {
        base.clone()
    } else {
        refined.into()
    }
}

pub(super) fn refine_identity_expr(base: &str, prop: &str) -> String {
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

/// Whether a const's initialiser creates a service-role client.
pub(super) fn is_service_client_expr(init: &Expression<'_>, source: &str) -> bool {
    match strip_await(init) {
        Expression::CallExpression(c) => path_of(&c.callee).is_some_and(|p| {
            supabase::creates_service_client(
                crate::catalog::last_segment(&p),
                c.span.source_text(source),
            )
        }),
        _ => false,
    }
}

/// `select: { name: true, email: true }` on an account: drop the private fields (`email`) and
/// keep the public profile ones, when there is at least one of each.
pub(super) fn public_fields_fix(call: &CallExpression<'_>) -> Option<ScopeFix> {
    let Expression::ObjectExpression(select) =
        strip(property_value(first_object_arg(call)?, "select")?)
    else {
        return None;
    };
    let props: Vec<(String, ByteSpan)> = select
        .properties
        .iter()
        .map(|p| match p {
            ObjectPropertyKind::ObjectProperty(p) => {
                Some((key_name(&p.key)?.to_string(), span_of(p.span)))
            }
            ObjectPropertyKind::SpreadProperty(_) => None,
        })
        .collect::<Option<_>>()?;
    let private: Vec<usize> = (0..props.len())
        .filter(|&i| !names::is_public_profile_field(&props[i].0))
        .collect();
    if private.is_empty() || private.len() == props.len() {
        return None;
    }
    // A dropped field takes the separator after it; the dropped fields after the last kept one
    // go in one piece with the separator before them (the spans never overlap).
    let last_kept = (0..props.len()).rev().find(|i| !private.contains(i))?;
    let mut remove: Vec<ByteSpan> = private
        .iter()
        .filter(|&&i| i < last_kept)
        .map(|&i| ByteSpan {
            start: props[i].1.start,
            end: props[i + 1].1.start,
        })
        .collect();
    if last_kept + 1 < props.len() {
        remove.push(ByteSpan {
            start: props[last_kept].1.end,
            end: props[props.len() - 1].1.end,
        });
    }
    Some(ScopeFix::PublicFields {
        remove,
        dropped: private.iter().map(|&i| props[i].0.clone()).collect(),
    })
}

/// `db.transfer({ from: "???", to, amount })`: a write whose actor field holds a placeholder
/// literal instead of the caller; the fix puts the session identity there.
pub(super) fn actor_field_fix(call: &CallExpression<'_>) -> Option<ScopeFix> {
    first_object_arg(call)?.properties.iter().find_map(|p| {
        let ObjectPropertyKind::ObjectProperty(p) = p else {
            return None;
        };
        let name = key_name(&p.key)?;
        let actor = names::is_actor_id_name(&name) || matches!(name.as_ref(), "from" | "sender");
        let placeholder = match strip(&p.value) {
            Expression::StringLiteral(_) | Expression::NullLiteral(_) => true,
            Expression::Identifier(id) => id.name == "undefined",
            _ => false,
        };
        (actor && placeholder && !p.shorthand).then(|| ScopeFix::ActorField {
            value: span_of(p.value.span()),
            field: name.to_string(),
        })
    })
}

/// The boolean result of a check: truthy exactly when `asserts` hold.
pub(super) fn check_result<'a>(asserts: Asserts) -> Value<'a> {
    Value {
        auth_bool: Some(Rc::new(asserts)),
        ..Value::default()
    }
}

/// A value from the server-side session (not from the client).
pub(super) fn is_session_value(v: &Value<'_>) -> bool {
    (v.identity || v.guard.is_some()) && !v.is_tainted()
}

/// What a check proves about authentication: a check asked about the session is false for an
/// anonymous caller, so passing it proves a user.
pub(super) fn session_authn(on_session: bool) -> Authn {
    if on_session {
        Authn::Checked
    } else {
        Authn::None
    }
}

/// The label that marks a client key as a scope the caller was checked against (`scope:stageId`):
/// a fail-closed capability, permission or membership check asked about that key.
pub(super) fn scope_label(key: &str) -> String {
    format!("scope:{key}")
}

/// The client keys a capability check was asked about, with their scope labels.
pub(super) fn with_scope_labels(keys: BTreeSet<String>) -> BTreeSet<String> {
    let scopes: Vec<String> = keys.iter().map(|k| scope_label(k)).collect();
    keys.into_iter().chain(scopes).collect()
}

/// The client keys inside the objects handed to a check (`{ type: "stage", stageId }`), and
/// those that selected the records whose fields are handed to it
/// (`isCommunityAdmin(user, { id: pub.communityId })`): the check is about the record's own
/// container, read from the record itself.
pub(super) fn nested_keys_of_args(args: &[Value<'_>]) -> BTreeSet<String> {
    fn collect(v: &Value<'_>, out: &mut BTreeSet<String>, depth: usize) {
        if v.identity {
            return;
        }
        if let (Some(r), Some(_)) = (&v.record, &v.field_of) {
            out.extend(r.keys.iter().cloned());
        }
        if depth > 0 {
            if let Some(t) = &v.taint {
                out.extend(t.labels.iter().cloned());
            }
        }
        if depth < 2 {
            if let Some(fields) = &v.fields {
                for f in fields.values() {
                    collect(f, out, depth + 1);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    for a in args.iter().filter(|a| !a.is_tainted()) {
        collect(a, &mut out, 0);
    }
    out
}

/// The labels of the client values among `args` (the keys a check is asked about).
pub(super) fn client_keys(args: &[Value<'_>]) -> BTreeSet<String> {
    args.iter()
        .filter(|a| !a.identity)
        .filter_map(|a| a.taint.as_ref())
        .flat_map(|t| t.labels.iter().cloned())
        .collect()
}

/// A value bound to a name the program annotates with a built-in that stores nothing
/// (`route: string`, `cache: Map<..>`): calls on it are never sinks. The value keeps what else
/// it is (client input stays client input); a function or a record keeps its own meaning.
pub(super) fn annotated<'a>(
    mut value: Value<'a>,
    annotation: Option<&oxc_allocator::Box<'a, TSTypeAnnotation<'a>>>,
) -> Value<'a> {
    let Some(ty) = annotation.map(|a| &a.type_annotation) else {
        return value;
    };
    if value.inert.is_none() && value.func.is_none() && value.record.is_none() {
        if let Some(kind) = builtins::inert_type(ty) {
            value.inert = Some(kind);
            return value;
        }
    }
    // `{ adminRoute, route }: { adminRoute: string; route: string }`: each annotated member
    // the argument spells (an opaque value keeps its own member labels).
    if let (TSType::TSTypeLiteral(literal), Some(known)) = (ty, value.fields.as_deref()) {
        let mut fields = known.clone();
        let mut changed = false;
        for member in &literal.members {
            let TSSignature::TSPropertySignature(p) = member else {
                continue;
            };
            let (Some(key), Some(kind)) = (
                key_name(&p.key),
                p.type_annotation
                    .as_ref()
                    .and_then(|a| builtins::inert_type(&a.type_annotation)),
            ) else {
                continue;
            };
            let Some(field) = fields.get_mut(key.as_ref()) else {
                continue;
            };
            if field.inert.is_none() && field.func.is_none() && field.record.is_none() {
                field.inert = Some(kind);
                changed = true;
            }
        }
        if changed {
            value.fields = Some(Rc::new(fields));
        }
    }
    value
}
