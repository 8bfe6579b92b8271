//! Facts per action: an ordered record of what happens along the action's control flow —
//! session lookups, fail-closed checks, sinks reached (with the auth state at that point),
//! client values used as identity, raw records returned.
//!
//! [`walker`] computes them; rules only read them.

mod flow;
mod name_memo;
mod value;
mod walker;

pub use flow::Authn;
pub(crate) use name_memo::NameMemo;
pub(crate) use walker::{collect, StepBudget};

use crate::catalog::libraries::Library;
use crate::catalog::sinks::SinkKind;
use crate::report::ByteSpan;

/// Everything the rules need to know about one action.
#[derive(Debug, Clone, Default)]
pub struct ActionFacts {
    /// Reported name.
    pub name: String,
    /// What a caller sends it.
    pub inputs: crate::report::ActionInputs,
    /// The span that stands for the whole action (its name).
    pub head: ByteSpan,
    /// Why the action is public on purpose, if it is (comment, config, or public by design).
    pub public: Option<String>,
    /// Sinks reached, in order.
    pub sinks: Vec<SinkFact>,
    /// Session lookups, in order: (sequence number, span).
    pub guard_calls: Vec<(u32, ByteSpan)>,
    /// Fail-closed checks that hold (not swallowed by a `catch`), by sequence number.
    pub checks: Vec<u32>,
    /// Fail-closed checks that establish a role or ownership, in order.
    pub authz_checks: Vec<AuthzCheck>,
    /// Client values used as the acting user's identity or role.
    pub identity_issues: Vec<IdentityIssue>,
    /// Raw ORM records returned to the caller.
    pub raw_returns: Vec<RawReturn>,
    /// Where identity comes from an API that does not verify it (the first such lookup).
    pub unverified_source: Option<ByteSpan>,
    /// What fixes need to know about the action.
    pub fix: FixContext,
    /// What the verdict takes for granted about imports the analyzer could not see.
    pub assumptions: Vec<AssumptionFact>,
}

/// Something an imported helper, wrapper or action client is taken to do because its file was
/// not given (a lone snippet, an unresolved import).
#[derive(Debug, Clone)]
pub struct AssumptionFact {
    /// The call or reference in the action (or the call through which a helper reached it).
    pub span: ByteSpan,
    /// The imported name (`updateVisibilityById`).
    pub import: String,
    /// The module it comes from (`@/lib/db/queries`).
    pub source: String,
    /// What was assumed.
    pub assumed: Assumed,
}

/// What an unseen import is taken to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Assumed {
    /// A data helper that checks the caller itself (the Data Access Layer pattern).
    ChecksCaller,
    /// A session helper, judged by its name, that fails closed when nobody is signed in.
    FailsClosed,
    /// A helper, judged by its name, that fails closed unless the caller has a role.
    ChecksRole,
    /// An action client, judged by its name, whose middleware checks the session.
    AuthClient,
    /// A wrapper, judged by its name, that checks the session before the action runs.
    AuthWrapper,
    /// A tRPC caller whose procedures check the caller in their middlewares.
    TrpcProcedures,
}

impl Assumed {
    /// What was assumed, as the end of a sentence about the import.
    pub fn describe(self) -> &'static str {
        match self {
            Assumed::ChecksCaller => "is assumed to check the caller itself",
            Assumed::FailsClosed => "is assumed to fail closed when nobody is signed in",
            Assumed::ChecksRole => "is assumed to fail closed unless the caller has the role",
            Assumed::AuthClient => {
                "is assumed to be an action client whose middleware checks the session"
            }
            Assumed::AuthWrapper => "is assumed to check the session before running the action",
            Assumed::TrpcProcedures => {
                "is assumed to be a tRPC caller whose procedures check the caller in their middlewares"
            }
        }
    }

    /// What the user can do to know instead of assume.
    pub fn advice(self) -> &'static str {
        match self {
            // The caller's file alone does not tell: the router and its middlewares decide.
            Assumed::TrpcProcedures => {
                "actiongate does not follow tRPC routers yet, so check that procedure's middleware"
            }
            _ => "add that file to know",
        }
    }
}

/// A fail-closed check that establishes a role or the ownership of client keys.
#[derive(Debug, Clone)]
pub struct AuthzCheck {
    /// Order among the action's events.
    pub seq: u32,
    /// It establishes a role or permission.
    pub role: bool,
    /// Client-value labels it shows to be the caller's.
    pub keys: Vec<String>,
}

/// A sink the action reaches.
#[derive(Debug, Clone)]
pub struct SinkFact {
    /// Order among the action's events.
    pub seq: u32,
    /// What to highlight (the call in the action's own body).
    pub span: ByteSpan,
    /// Mutation or sensitive read.
    pub kind: SinkKind,
    /// A short description, e.g. `prisma.post.delete`.
    pub label: String,
    /// The library family that runs it (`fetch` for a request to another service).
    pub library: Library,
    /// Authentication in force when the sink runs.
    pub authn: Authn,
    /// Whether the resource is authorized (role check, ownership, scoped to the caller).
    pub authorized: bool,
    /// Whether a role or permission check was in force here.
    pub role: bool,
    /// Client values that choose the resource without authorization.
    pub unauthorized_keys: Vec<String>,
    /// Why this is an admin-only operation, if it is and no role check covers it.
    pub admin_only: Option<String>,
    /// A client value written without schema validation.
    pub unvalidated: Option<ByteSpan>,
    /// Whether a service-role client runs it.
    pub service_role: bool,
    /// For reads: whether the result reaches the caller or the read is keyed by client input.
    pub sensitive: bool,
    /// For reads: whether the result is returned to the caller.
    pub exposed: bool,
    /// How an ownership fix could scope it.
    pub scope_fix: Option<ScopeFix>,
    /// Whether client input chooses its record or fills its data.
    pub client_input: bool,
    /// Whether it sets an existing account's password or address (a reset that names no
    /// secret takes the account over, whatever the action is called).
    pub sets_account_credential: bool,
}

/// A client value used as the actor's identity or role.
#[derive(Debug, Clone)]
pub struct IdentityIssue {
    /// The client value.
    pub span: ByteSpan,
    /// What it is used as (`authorId`, `role`, an ownership comparison).
    pub used_as: String,
    /// What to replace it with, when the session identity expression is known.
    pub replacement: Option<String>,
}

/// A raw record returned to the caller.
#[derive(Debug, Clone)]
pub struct RawReturn {
    /// The returned expression.
    pub span: ByteSpan,
    /// The ORM call that produced it.
    pub source: String,
}

/// How an unauthorized sink can be tied to the caller.
#[derive(Debug, Clone)]
pub enum ScopeFix {
    /// Prisma-style: load the record scoped to the caller before the statement, fail if missing.
    /// `model_path` is the callee object (`prisma.post`), `where_text` the `where` object literal.
    CheckFirst {
        /// Start of the statement that runs the sink.
        stmt_start: u32,
        /// `prisma.post`.
        model_path: String,
        /// `{ id }`.
        where_text: String,
    },
    /// A document store read by id (Appwrite `getDocument(db, collection, id)`): the
    /// document is retrieved before the statement and its owner compared with the caller.
    DocumentOwner {
        /// Start of the statement that runs the sink.
        stmt_start: u32,
        /// The service's text (`databases`).
        receiver: String,
        /// The database, collection and id arguments' text.
        args: [String; 3],
    },
    /// Mongoose-style: `Model.exists({ _id: key, owner })` before the statement.
    MongoExists {
        /// Start of the statement that runs the sink.
        stmt_start: u32,
        /// `Order`.
        model: String,
        /// The id argument's text.
        key_text: String,
    },
    /// Drizzle: `.where(cond)` becomes `.where(and(cond, eq(table.owner, id)))`.
    DrizzleAnd {
        /// The condition passed to `.where(..)`.
        condition: ByteSpan,
        /// The table passed to `insert/update/delete(..)`, as written (`posts`).
        table: String,
    },
    /// Object storage and key-value stores: the client's key must start with the caller's own
    /// prefix (`if (!key.startsWith(`${id}/`)) throw …`) before the statement.
    KeyPrefix {
        /// Start of the statement that runs the sink.
        stmt_start: u32,
        /// The client value that names the object (`key`).
        key: String,
    },
    /// A write whose actor field (`from`, `userId`) holds a placeholder literal: the session
    /// identity goes there.
    ActorField {
        /// The placeholder.
        value: ByteSpan,
        /// The field's name.
        field: String,
    },
    /// Someone else's account read by a public key: drop the private fields from the
    /// `select` and keep the public profile (the DTO fix).
    PublicFields {
        /// The properties to remove, each with its separator.
        remove: Vec<ByteSpan>,
        /// Their names (`email`).
        dropped: Vec<String>,
    },
    /// File systems: the client's name in a template path goes under the caller's own folder
    /// (`${name}` becomes `${id}/${basename(name)}`).
    ConfinePath {
        /// The interpolated client value.
        key: ByteSpan,
        /// Its name (`name`).
        name: String,
    },
    /// Stripe: retrieve each object the client names and compare the owner the app stored in
    /// its metadata with the caller, before the statement.
    StripeOwner {
        /// Start of the statement that runs the sink.
        stmt_start: u32,
        /// The Stripe client as written (`stripe`).
        client: String,
        /// The objects to check.
        objects: Vec<StripeObject>,
    },
    /// SQL with `OR`: `(` after `WHERE`, then the owner condition after a closing `)`.
    WrapThenAppend {
        /// Where the `(` goes (the start of the condition after `WHERE`).
        open: u32,
        /// Where the `) AND …` goes.
        at: u32,
        /// `) AND {col} = ${{id}}`.
        template: &'static str,
        /// Whether the table uses snake_case columns.
        snake_case: bool,
    },
    /// Query builders: append an owner condition after the last link before `at`
    /// (`template` has `{col}` and `{id}` placeholders).
    AppendCondition {
        /// Where to insert the condition.
        at: u32,
        /// `.where("{col}", "=", {id})`.
        template: &'static str,
        /// Whether the table uses snake_case columns (guess for the owner column name).
        snake_case: bool,
    },
}

/// One Stripe object a call names by a client value.
#[derive(Debug, Clone)]
pub struct StripeObject {
    /// The resource it is retrieved from (`subscriptions`, `checkout.sessions`).
    pub resource: String,
    /// The client value's expression (`subscriptionId`).
    pub key: String,
}

/// What fixes need: where to insert a check, and the file's idioms.
#[derive(Debug, Clone, Default)]
pub struct FixContext {
    /// Edits every identity-using fix needs first (`, ctx` added to an action client's
    /// destructured argument so `ctx.user.id` is in scope).
    pub prelude: Vec<crate::report::Edit>,
    /// Statements written as the brace-less body of an `if`, `else` or loop (start, end): a
    /// check inserted before one gets braces around both.
    pub braceless: Vec<(u32, u32)>,
    /// An expression statement that calls a session check and ignores its result
    /// (`await ensureAccess(id);`): (statement span, expression span).
    pub ignored_check: Option<(ByteSpan, ByteSpan)>,
    /// A field read from an always-object session (`session.userId` with iron-session).
    pub session_field: Option<String>,
    /// A fail-closed lookup whose result is not bound (`await requireUser();`): its statement.
    pub unbound_guard: Option<ByteSpan>,
    /// Start of the statement holding the first admin-only sink (for a role check).
    pub admin_stmt: Option<u32>,
    /// End of the action's function (fixes look for name clashes only inside it).
    pub body_end: u32,
    /// The expression of an expression-bodied arrow action (`async (id) => db.x.delete(..)`).
    pub expression_body: Option<ByteSpan>,
    /// Offset where statements can be inserted at the start of the body (after directives).
    pub body_insert_at: Option<u32>,
    /// Indentation of the body's statements.
    pub indent: String,
    /// For an action-client action: the identifier its chain starts from (`actionClient`), and
    /// whether that client's middlewares look the caller up and fail closed.
    pub client_root: Option<(ByteSpan, String)>,
    /// Whether the action's client authenticates (its middlewares fail closed without a session).
    pub client_authenticates: bool,
    /// The spans of the body's top-level statements (a late lookup is moved as whole ones).
    pub body_statements: Vec<ByteSpan>,
    /// The session variable in scope at the first sink, and the statement after which a
    /// check can be inserted (for unchecked sessions).
    pub session_var: Option<SessionVar>,
    /// Whether the action's failure style is `redirect`, `return { error }` or `throw`.
    pub error_style: ErrorStyle,
    /// The owner column used elsewhere in the file for this model (`authorId`).
    pub owner_column: Option<String>,
}

/// A variable holding a session lookup's result.
#[derive(Debug, Clone)]
pub struct SessionVar {
    /// Its name (`session`, `user`, `userId`).
    pub name: String,
    /// The expression for the caller's id (`session.user.id`).
    pub identity_expr: String,
    /// Offset just after the declaring statement.
    pub after_decl: u32,
    /// Whether it came from a lookup that returns an object that is never null (iron-session).
    pub always_object: bool,
    /// The test that means the lookup failed, when the value is a result object with a
    /// discriminant (`result.error`, `!result.ok`) rather than the session itself.
    pub fail_test: Option<String>,
}

/// How the file fails closed elsewhere.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ErrorStyle {
    /// `throw new Error("Unauthorized")`.
    #[default]
    Throw,
    /// `redirect("/login")`.
    Redirect,
    /// `return { error: "Unauthorized" }`.
    ReturnError,
}
