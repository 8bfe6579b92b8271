//! The abstract value of an expression: where it comes from (client, session, database) and
//! what testing it proves.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::flow::Asserts;
use crate::module::Func;
use crate::report::ByteSpan;

/// Names of the client values a value derives from (`postId`, `formData:id`). Every copy of a
/// value shares one set; a copy that adds a name gets its own (`Rc::make_mut`).
pub type Labels = Rc<BTreeSet<String>>;

/// One label.
pub fn label(name: String) -> Labels {
    Rc::new(BTreeSet::from([name]))
}

/// Adds the labels of `other` to `labels`.
pub fn add_labels(labels: &mut Labels, other: Labels) {
    if Rc::ptr_eq(labels, &other) || other.is_subset(labels) {
        return;
    }
    let labels = Rc::make_mut(labels);
    match Rc::try_unwrap(other) {
        Ok(other) => labels.extend(other),
        Err(other) => labels.extend(other.iter().cloned()),
    }
}

/// A value from client input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taint {
    /// Names of the client values it derives from (`postId`, `formData:id`).
    pub labels: Labels,
    /// Whether a schema validated it.
    pub validated: bool,
    /// Whether it is named like the acting user's id (`userId`, `authorId`).
    pub actor: bool,
    /// Whether it is named like a role or permission.
    pub role: bool,
}

/// A value that came from a session lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Guard {
    /// The lookup does not verify the token.
    pub unverified: bool,
    /// The lookup always returns an object (iron-session): only a field check proves a user.
    pub always_object: bool,
    /// This is the lookup's `error` field: its *absence* proves a user.
    pub error: bool,
    /// This is a function that performs a lookup when called (Kinde's `getUser`).
    pub factory: bool,
}

/// A record produced by an ORM call.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// The sink index of the call that produced it, if it was a read.
    pub sink: Option<usize>,
    /// Client-value labels that selected it.
    pub keys: BTreeSet<String>,
    /// Whether the query was scoped to the caller.
    pub scoped: bool,
    /// Whether it is a full row (no column selection).
    pub raw: bool,
    /// The call, for messages.
    pub label: String,
    /// Whether it reads a user/account model.
    pub user_model: bool,
    /// Whether it is a count or aggregate (`count`, `groupBy`) rather than rows.
    pub aggregate: bool,
}

/// A helper's truthy returns: the literal each gives (`None` when it gives no literal) beside
/// what held on its path (see [`Value::outcomes`]).
pub type Outcomes<'a> = Vec<(Option<&'a str>, Asserts)>;

/// The abstract value of an expression.
#[derive(Debug, Clone, Default)]
pub struct Value<'a> {
    /// Client input it derives from.
    pub taint: Option<Taint>,
    /// Session lookup it derives from.
    pub guard: Option<Guard>,
    /// Derived from the session identity (`session.user.id`, `ctx.userId`).
    pub identity: bool,
    /// Derived from a record scoped to the caller (`ownAccount.id`).
    pub owned: bool,
    /// A role or permission value from the server (`session.user.role`).
    pub role: bool,
    /// An ORM record (or a field of one, see `field_of`).
    pub record: Option<Rc<Record>>,
    /// The name of the record field this value reads (`authorId` in `post.authorId`).
    pub field_of: Option<Rc<str>>,
    /// A Supabase service-role / admin client.
    pub service: bool,
    /// Truthy only when these facts hold (result of a helper returning `false` on failure).
    pub auth_bool: Option<Rc<Asserts>>,
    /// Falsy only when these facts hold: the discriminant of a helper's result that is set on
    /// its failing paths only (`return { error: "Not signed in" }` … `return { user, error: null }`).
    pub auth_falsy: Option<Rc<Asserts>>,
    /// What a helper's result equal to a string proves: each truthy return's literal (`None`
    /// when it returns no literal there) beside what held on that path. `access === "owner"`
    /// proves what every path that may return `"owner"` shares, so a `"no-access"` returned
    /// without a user does not weaken it.
    pub outcomes: Option<Rc<Outcomes<'a>>>,
    /// A function value, with the module it is defined in.
    pub func: Option<(usize, Func<'a>)>,
    /// The callback of a wrapper or `next` of a middleware: calling it runs the action.
    pub continuation: bool,
    /// A string literal's value.
    pub str_lit: Option<&'a str>,
    /// `null`, `undefined`, `false`, `0`, `""` or an `{ error }` object.
    pub falsy: bool,
    /// Known object fields (object literals, action-client arguments, array elements as `[i]`).
    pub fields: Option<Rc<BTreeMap<String, Value<'a>>>>,
    /// An array literal: its fields are its elements and its own provenance is their union.
    pub is_array: bool,
    /// The direct result of a session lookup (`const session = await requireUser()`).
    pub session_root: bool,
    /// The source expression for the caller's identity, when this is a session value.
    pub identity_expr: Option<Rc<str>>,
    /// Where the expression is.
    pub span: Option<ByteSpan>,
    /// The raw text of a session or token cookie (`cookies().get("session")?.value`), not yet
    /// verified: decoding it by hand (`JSON.parse(atob(..))`) is an unverified session read.
    pub raw_token: bool,
    /// A built-in that stores nothing (`Date`, `Headers`, a crypto hash, a string): calls on it
    /// are never sinks. Names the built-in (see [`crate::catalog::builtins`]).
    pub inert: Option<&'static str>,
    /// The id of the caller's own anonymous record, from a cookie the server set (`cartId`): a
    /// write it selects is public by design (SPEC §3, anonymous carts).
    pub anon_owned: bool,
    /// Comes from the server's own configuration (`process.env.API_KEY`, a t3 `env.X`): a
    /// request carrying it speaks with the server's credentials, not the caller's.
    pub server_config: bool,
    /// Comes from a setting the browser is given too (`process.env.NEXT_PUBLIC_API_URL`): an
    /// address anyone can read from the page, so no secret of the server.
    pub public_config: bool,
    /// Holds an id made fresh by this request (`createId()`, `randomUUID()`, `nanoid()`): a
    /// storage key with one in it names a new object, not one that exists.
    pub fresh: bool,
}

impl<'a> Value<'a> {
    /// A client value with one label.
    pub fn client(label: &str, name: &str, span: Option<ByteSpan>) -> Self {
        Value {
            taint: Some(Taint {
                labels: self::label(label.to_string()),
                validated: false,
                actor: crate::catalog::names::is_actor_id_name(name),
                role: crate::catalog::names::is_role_name(name),
            }),
            span,
            ..Value::default()
        }
    }

    /// Whether the value is client input.
    pub fn is_tainted(&self) -> bool {
        self.taint.is_some()
    }

    /// Combines two values flowing into one (`a + b`, `{ a, b }`, `cond ? a : b`).
    pub fn merge(mut self, other: Value<'a>) -> Value<'a> {
        self.taint = match (self.taint.take(), other.taint) {
            (Some(mut a), Some(b)) => {
                add_labels(&mut a.labels, b.labels);
                a.validated &= b.validated;
                a.actor |= b.actor;
                a.role |= b.role;
                Some(a)
            }
            (a, b) => a.or(b),
        };
        self.guard = self.guard.or(other.guard);
        self.identity |= other.identity;
        self.owned |= other.owned;
        self.role |= other.role;
        self.record = self.record.or(other.record);
        self.service |= other.service;
        self.identity_expr = self.identity_expr.or(other.identity_expr);
        self.span = self.span.or(other.span);
        self.raw_token |= other.raw_token;
        self.anon_owned |= other.anon_owned;
        self.server_config |= other.server_config;
        self.fresh |= other.fresh;
        // An address is public only if every value it may be is.
        self.public_config &= other.public_config;
        if self.inert != other.inert {
            self.inert = None;
        }
        // `strict ? result.error : null`: the merged value tells the lookup's paths apart only
        // if both sides do, in the same way.
        if self.auth_falsy != other.auth_falsy {
            self.auth_falsy = None;
        }
        if !matches!((&self.outcomes, &other.outcomes), (Some(a), Some(b)) if Rc::ptr_eq(a, b)) {
            self.outcomes = None;
        }
        self
    }

    /// Only the provenance (taint, identity, ownership) — for values computed from others.
    pub fn derived(&self) -> Value<'a> {
        Value {
            taint: self.taint.clone(),
            identity: self.identity,
            owned: self.owned,
            identity_expr: self.identity_expr.clone(),
            span: self.span,
            raw_token: self.raw_token,
            anon_owned: self.anon_owned,
            server_config: self.server_config,
            public_config: self.public_config,
            fresh: self.fresh,
            ..Value::default()
        }
    }

    /// Whether the value or any field inside it comes from the server's configuration.
    pub fn carries_server_config(&self) -> bool {
        fn deep(v: &Value<'_>, depth: u32) -> bool {
            v.server_config
                || (depth < 8
                    && v.fields
                        .as_ref()
                        .is_some_and(|f| f.values().any(|x| deep(x, depth + 1))))
        }
        deep(self, 0)
    }

    /// A known field of an object value.
    pub fn field(&self, name: &str) -> Option<&Value<'a>> {
        self.fields.as_ref().and_then(|f| f.get(name))
    }

    /// Every leaf of an object value with its property name (the value itself when it has no
    /// known fields).
    pub fn leaves(
        &self,
        name: Option<&str>,
        out: &mut Vec<(Option<String>, Value<'a>)>,
        depth: u32,
    ) {
        match &self.fields {
            Some(fields) if depth < 8 => {
                for (key, value) in fields.iter() {
                    let key_name = if key.starts_with("...") && name.is_none() {
                        // A value spread into an argument object: it may set any field.
                        Some(crate::catalog::names::SPREAD.to_string())
                    } else if key.starts_with("...") || key.starts_with('[') {
                        name.map(str::to_string)
                    } else {
                        Some(key.clone())
                    };
                    value.leaves(key_name.as_deref(), out, depth + 1);
                }
                // Values spread or computed into the object without a known field.
                let mut rest = self.clone();
                rest.fields = None;
                if !self.is_array && (rest.is_tainted() || rest.identity || rest.owned) {
                    out.push((name.map(str::to_string), rest));
                }
            }
            _ => out.push((name.map(str::to_string), self.clone())),
        }
    }
}
