//! ORMs, SDKs and side effects: which calls mutate data or read user data, and where in each call
//! the *resource key* (what row) and the *data* (what is written) sit.
//!
//! A call is seen as a chain of segments, `supabase.from("posts").delete().eq("id", id)` being
//! `supabase` · `from(..)` · `delete()` · `eq(..)`. [`classify_chain`] names the operation: a
//! configured sink first, then each library family's recogniser in `libraries::RECOGNISERS` order on
//! each called segment (one module per family, its tables beside its code), then a generic
//! mutating verb on the last call.

pub(in crate::catalog) mod step;

use super::libraries::{self, Library, RECOGNISERS};
use step::{Outcome, Step};

/// What a sink does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkKind {
    /// Writes, deletes, pays, uploads: must be authenticated and authorized.
    Mutation,
    /// Reads records; sensitive when returned to the caller or keyed by client input.
    Read,
    /// A side effect that is public by design (sending a contact mail).
    PublicSideEffect,
}

/// Where the resource key and data of a call sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgShape {
    /// Prisma: one object argument with `where` (key) and `data` / `create` / `update` (data).
    PrismaObject,
    /// Builders: keys in `where` / `eq` / `match` links, data in `values` / `set` / the op's args.
    Builder,
    /// `findByIdAndUpdate(id, data)`, `kv.set(key, value)`, `fs.writeFile(path, data)`.
    KeyThenData,
    /// Mongo `updateOne(filter, update)`, `deleteOne(filter)`.
    FilterThenData,
    /// Stripe: a leading id string and the object references among the fields
    /// (`payment_intent`, `customer`, `subscription`…) are keys; everything is data, and
    /// `metadata` is never a key.
    Stripe,
    /// Anything else: every argument is both key and data.
    Generic,
}

/// A recognised sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinkMatch {
    /// Mutation, read or public side effect.
    pub kind: SinkKind,
    /// The library family, for messages.
    pub library: Library,
    /// The operation (`delete`, `update`, `insert`...).
    pub op: String,
    /// The model / table when the call names one (`post` in `prisma.post.delete`).
    pub model: Option<String>,
    /// Index of the operation's segment in the chain.
    pub op_index: usize,
    /// Where keys and data sit.
    pub shape: ArgShape,
}

/// One segment of a call chain, as the catalog sees it.
#[derive(Debug, Clone, Copy)]
pub struct Seg<'s> {
    /// The property or function name.
    pub name: &'s str,
    /// Whether this segment is called.
    pub called: bool,
    /// A string literal first argument, if any (`from("posts")`).
    pub str_arg: Option<&'s str>,
}

/// What a link of a builder chain (Supabase, Drizzle, Kysely, Knex) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuilderLink {
    /// Conditions that select rows (`where`, `eq`, `match`, `in`…): the keys.
    Key,
    /// What is written (`values`, `set`, `insert`, `update`, `upsert`).
    Data,
    /// The columns returned (`select`, `columns`, `returning`).
    Columns,
    /// Every column (`selectAll`).
    AllColumns,
}

/// What the builder link `name` holds, if anything.
pub fn builder_link(name: &str) -> Option<BuilderLink> {
    Some(match name {
        "where" | "eq" | "neq" | "match" | "filter" | "in" | "is" | "andWhere" | "orWhere"
        | "whereIn" | "having" | "on" => BuilderLink::Key,
        "values" | "set" | "insert" | "update" | "upsert" => BuilderLink::Data,
        "select" | "columns" | "returning" => BuilderLink::Columns,
        "selectAll" => BuilderLink::AllColumns,
        _ => return None,
    })
}

/// Operations that remove rows (`delete`, `deleteMany`, `destroy`, `truncate`): with no key
/// at all, they empty the table.
pub fn removes_rows(op: &str) -> bool {
    matches!(op, "del" | "destroy" | "truncate" | "drop" | "remove")
        || op.starts_with("delete")
        || op.starts_with("remove")
}

/// Builder links after which one more condition can be chained (`.where(..)`, `.eq(..)`,
/// `.match(..)`).
pub fn is_condition_link(name: &str) -> bool {
    matches!(name, "where" | "eq" | "match")
}

/// Operations that create rows (`create`, `insertMany`, `values`, `upsert`): a client value
/// in an owner column of a new row picks its owner.
pub fn creates_rows(op: &str) -> bool {
    matches!(
        op,
        "create"
            | "createMany"
            | "insert"
            | "insertOne"
            | "insertMany"
            | "insertInto"
            | "upsert"
            | "values"
    ) || op.starts_with("create")
        || op.starts_with("insert")
}

/// Reads that return a plain count (`count`, `countDocuments`), no column's values.
pub fn is_count(op: &str) -> bool {
    matches!(op, "count" | "countDocuments" | "estimatedDocumentCount")
}

/// Verbs whose calls mutate state when no more specific entry matched.
const MUTATING_VERBS: &[&str] = &[
    "delete",
    "remove",
    "update",
    "insert",
    "create",
    "upsert",
    "save",
    "destroy",
    "transfer",
    "ban",
    "unban",
    "grant",
    "revoke",
    "publish",
    "unpublish",
    "archive",
    "approve",
    "reject",
    "assign",
    "invite",
    "kick",
    "promote",
    "demote",
    "impersonate",
    "refund",
    "charge",
    "withdraw",
    "deposit",
    "purge",
    "reset",
    "modify",
    "edit",
    "patch",
    "write",
    "cancel",
    "suspend",
    "restore",
    "erase",
    "drop",
    "truncate",
    "pay",
    "increment",
    "decrement",
    "enroll",
    "unenroll",
    "subscribe",
    "unsubscribe",
    "set",
    "add",
    "append",
    "move",
    "rename",
    "replace",
    "upload",
    "send",
    "mark",
    "toggle",
    "like",
    "unlike",
    "follow",
    "unfollow",
    "vote",
    "book",
    "reserve",
    "submit",
    "post",
    "put",
    "store",
    "persist",
    "register",
    "disable",
    "enable",
    "deactivate",
    "activate",
    "close",
    "reopen",
    "lock",
    "unlock",
    "clear",
    "change",
    "apply",
    "confirm",
];

/// Calls with a mutating-verb name that are not mutations of user data and belong to no
/// family's list (see [`is_known_non_write`]).
const VERB_EXCEPTIONS: &[&str] = &[
    "createTransport",
    "createElement",
    "createId",
    "createSearchParams",
    "createRef",
    "createPortal",
    "createObjectURL",
    "createLoader",
    "setTimeout",
    "setInterval",
    "setHeader",
    "addEventListener",
    "postMessage",
    "sendStatus",
    "revalidatePath",
    "revalidateTag",
    "updateTag",
    "refresh",
    "applyMiddleware",
    "markdown",
    "setState",
    "replaceAll",
    "postcss",
];

/// Receivers whose verb-named methods are not data mutations (`formData.set`, `console.log`),
/// besides the built-ins (see [`is_inert_receiver`]).
const RECEIVER_EXCEPTIONS: &[&str] = &[
    "formData",
    "searchParams",
    "params",
    "cookieStore",
    "console",
    "Math",
    "JSON",
    "Promise",
    "url",
    "Reflect",
    "map",
    "set",
    "cache",
    "router",
    "z",
    "crypto",
    "logger",
    "log",
    "span",
    "tracer",
    "metrics",
    "posthog",
    "analytics",
    "Sentry",
    "performance",
    "window",
    "document",
    "localStorage",
    "sessionStorage",
    "res",
    "response",
    "errors",
    "list",
    "arr",
    "array",
    "result",
    "results",
    "seen",
    "ids",
    "items",
    "acc",
];

/// A promise's own methods: what they are chained to is the call that does the work.
const PROMISE_HANDLERS: [&str; 3] = ["then", "catch", "finally"];

/// Whether `method` is one of a promise's own methods (`then`, `catch`, `finally`).
pub fn is_promise_handler(method: &str) -> bool {
    PROMISE_HANDLERS.contains(&method)
}

/// Classifies a call chain. `root` is the chain's root identifier (`prisma`, `db`, `supabase`),
/// empty when the chain does not start with one; `segs` are the segments after the root.
pub fn classify_chain(root: &str, segs: &[Seg<'_>], extra_sinks: &[String]) -> Option<SinkMatch> {
    let names: Vec<&str> = segs.iter().map(|s| s.name).collect();
    let mk = |kind, library, i: usize, model: Option<String>, shape| SinkMatch {
        kind,
        library,
        op: segs[i].name.to_string(),
        model,
        op_index: i,
        shape,
    };

    // User-configured sinks: match the dotted path suffix.
    let dotted = if extra_sinks.is_empty() {
        String::new()
    } else {
        std::iter::once(root)
            .chain(names.iter().copied())
            .collect::<Vec<_>>()
            .join(".")
    };
    for extra in extra_sinks {
        if super::path_ends_with(&dotted, extra) && segs.last().is_some_and(|s| s.called) {
            return Some(mk(
                SinkKind::Mutation,
                Library::Configured,
                segs.len() - 1,
                None,
                ArgShape::Generic,
            ));
        }
    }

    // A model's completion (`openai.chat.completions.create`) is generated, not stored.
    if super::libraries::ai_models::is_inference_call(root, &names) {
        return None;
    }

    // Each library's recogniser, in order, on each called segment.
    for i in 0..segs.len() {
        if !segs[i].called {
            continue;
        }
        let step = Step {
            root,
            segs,
            names: &names,
            i,
        };
        for recognise in RECOGNISERS {
            match recognise(&step) {
                Some(Outcome::Sink(found)) => return Some(found),
                Some(Outcome::NextSegment) => break,
                None => {}
            }
        }
    }
    // Session-bound auth SDK calls (`supabase.auth.updateUser`) act on the signed-in user only.
    if super::libraries::supabase::acts_on_session_user(&names)
        || super::libraries::better_auth::acts_on_session_user(&names)
    {
        return None;
    }
    // A generic mutating verb on the last called segment, before any promise handlers
    // (`client.post(..).then(..).catch(..)` is the `post`).
    let (i, seg) = segs
        .iter()
        .enumerate()
        .rev()
        .skip_while(|(_, s)| PROMISE_HANDLERS.contains(&s.name))
        .find(|(_, s)| s.called)?;
    if is_known_non_write(seg.name) || is_inert_receiver(root) && i == 0 {
        return None;
    }
    if segs[..i].iter().any(|s| is_inert_receiver(s.name)) {
        return None;
    }
    if starts_with_mutating_verb(seg.name) {
        let model = if i >= 1 {
            Some(segs[i - 1].name.to_string())
        } else {
            None
        };
        return Some(mk(
            SinkKind::Mutation,
            Library::Generic,
            i,
            model,
            ArgShape::Generic,
        ));
    }
    None
}

/// Whether a request URL (its source text) is a chat webhook: posting to it sends a message, a
/// side effect on no user's data, like a mail (`https://hooks.slack.com/..`, or a server setting
/// named for one: `process.env.DISCORD_WEBHOOK_URL`, `env.SLACK_SUPPORT_WEBHOOK_URL`). A URL
/// the client sends is named by the client, so only a chat host counts then.
pub fn is_message_webhook(url_text: &str, from_client: bool) -> bool {
    let lower = url_text.to_ascii_lowercase();
    let chat_host = [
        "hooks.slack.com",
        "discord.com/api/webhooks",
        "discordapp.com/api/webhooks",
        "webhook.office.com",
    ]
    .iter()
    .any(|host| lower.contains(host));
    // The setting itself (`process.env.SLACK_WEBHOOK_URL`, `env.DISCORD_BUGS_WEBHOOK`), not a
    // URL built with one (`${env.API_URL}/teams/webhooks` is the app's own API).
    // `process.env.SLACK_WEBHOOK_URL!`, `env.SLACK_WEBHOOK_URL as string`.
    let bare = lower
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches('!');
    let setting = bare.strip_prefix("process.").unwrap_or(bare);
    let chat_setting = setting.strip_prefix("env.").is_some_and(|name| {
        let words: Vec<&str> = name.split('_').collect();
        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && words.contains(&"webhook")
            && ["slack", "discord", "teams"]
                .iter()
                .any(|service| words.contains(service))
    });
    chat_host || (chat_setting && !from_client)
}

/// A host on the public internet (`events.pagerduty.com`, `api.eu.opsgenie.com`): named with a
/// dot, not `localhost`, not an IP address (an internal service trusts its network, not a key).
pub fn is_public_host(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    host.contains('.')
        && host.chars().any(|c| c.is_ascii_alphabetic())
        && !host.starts_with('[')
        && !["localhost", ".local", ".internal", ".svc", ".lan"]
            .iter()
            .any(|internal| host == internal.trim_start_matches('.') || host.ends_with(internal))
}

/// `deletePost`, `remove`, `update_user` start with a mutating verb; `settings`, `updated` do not.
pub fn starts_with_mutating_verb(name: &str) -> bool {
    // Bytes, not `str` slices: a name may have a multi-byte character where a verb would end
    // (found by fuzzing: `kvҡel`).
    let bytes = name.as_bytes();
    MUTATING_VERBS.iter().any(|verb| {
        bytes
            .get(..verb.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(verb.as_bytes()))
            && bytes
                .get(verb.len())
                .is_none_or(|&c| c.is_ascii_uppercase() || c == b'_')
    })
}

/// Whether a `fetch` init's `method` makes it a mutation.
pub fn is_mutating_http_method(method: &str) -> bool {
    !method.eq_ignore_ascii_case("GET")
        && !method.eq_ignore_ascii_case("HEAD")
        && !method.eq_ignore_ascii_case("OPTIONS")
}

/// A raw SQL statement (`db.query("DELETE ..")`, `` sql`UPDATE ..` ``) as a sink of `kind`:
/// its operation is the statement's first word.
pub fn sql_statement(kind: SinkKind, text: &str) -> SinkMatch {
    SinkMatch {
        kind,
        library: Library::Sql,
        op: text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase(),
        model: None,
        op_index: 0,
        shape: ArgShape::Generic,
    }
}

/// A request to another service (`fetch(url, { method: "POST" })`) as a mutation: its
/// operation is the HTTP method.
pub fn http_request(method: &str) -> SinkMatch {
    SinkMatch {
        kind: SinkKind::Mutation,
        library: Library::Fetch,
        op: method.to_string(),
        model: None,
        op_index: 0,
        shape: ArgShape::Generic,
    }
}

/// The SQL verb of a tagged template's text: a mutation, a read, or neither.
pub fn classify_sql(text: &str) -> Option<SinkKind> {
    let first = text
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()?
        .to_ascii_uppercase();
    match first.as_str() {
        "INSERT" | "UPDATE" | "DELETE" | "UPSERT" | "MERGE" | "TRUNCATE" | "DROP" | "ALTER"
        | "REPLACE" => Some(SinkKind::Mutation),
        "SELECT" | "WITH" => Some(SinkKind::Read),
        _ => None,
    }
}

/// Whether a call named `name` is known not to write data although its name may start with a
/// verb: each family's own list (Supabase clients and signed URLs, action clients and tRPC
/// callers, Lucia's cookie makers, crypto and `next/headers` factories, exits), then [`VERB_EXCEPTIONS`].
fn is_known_non_write(name: &str) -> bool {
    VERB_EXCEPTIONS.contains(&name)
        || libraries::supabase::is_client_factory(name)
        || libraries::supabase::is_storage_read(name)
        || libraries::action_clients::is_client_factory(name)
        || libraries::lucia::is_cookie_maker(name)
        || super::builtins::is_inert_name(name)
        || super::exits::EXIT_CALLS.contains(&name)
}

/// Whether a receiver's verb-named methods are not data mutations: the built-ins, then
/// [`RECEIVER_EXCEPTIONS`].
fn is_inert_receiver(name: &str) -> bool {
    RECEIVER_EXCEPTIONS.contains(&name) || super::builtins::is_inert_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs<'a>(parts: &'a [(&'a str, bool)]) -> Vec<Seg<'a>> {
        parts
            .iter()
            .map(|(n, c)| Seg {
                name: n,
                called: *c,
                str_arg: None,
            })
            .collect()
    }

    #[test]
    fn prisma_and_drizzle() {
        let m = classify_chain("prisma", &segs(&[("post", false), ("delete", true)]), &[]).unwrap();
        assert_eq!(
            (m.kind, m.model.as_deref(), m.shape),
            (SinkKind::Mutation, Some("post"), ArgShape::PrismaObject)
        );
        let m = classify_chain(
            "db",
            &segs(&[("update", true), ("set", true), ("where", true)]),
            &[],
        )
        .unwrap();
        assert_eq!((m.library, m.op.as_str()), (Library::Drizzle, "update"));
        let m = classify_chain(
            "db",
            &segs(&[("select", true), ("from", true), ("where", true)]),
            &[],
        )
        .unwrap();
        assert_eq!(m.kind, SinkKind::Read);
    }

    #[test]
    fn supabase_chains() {
        let m = classify_chain(
            "supabase",
            &segs(&[("from", true), ("delete", true), ("eq", true)]),
            &[],
        )
        .unwrap();
        assert_eq!((m.library, m.kind), (Library::Supabase, SinkKind::Mutation));
        let m = classify_chain(
            "supabase",
            &segs(&[("storage", false), ("from", true), ("upload", true)]),
            &[],
        )
        .unwrap();
        assert_eq!(m.library, Library::SupabaseStorage);
    }

    #[test]
    fn verbs_and_exceptions() {
        assert!(starts_with_mutating_verb("deletePost"));
        assert!(!starts_with_mutating_verb("settings"));
        assert!(!starts_with_mutating_verb("updated"));
        assert!(classify_chain("", &segs(&[("createClient", true)]), &[]).is_none());
        assert!(classify_chain("formData", &segs(&[("set", true)]), &[]).is_none());
        assert!(classify_chain("console", &segs(&[("log", true)]), &[]).is_none());
        assert!(classify_chain("db", &segs(&[("transfer", true)]), &[]).is_some());
    }

    #[test]
    fn sql_verbs() {
        assert_eq!(
            classify_sql("\n  UPDATE posts SET"),
            Some(SinkKind::Mutation)
        );
        assert_eq!(classify_sql("select * from x"), Some(SinkKind::Read));
        assert_eq!(classify_sql("-- nothing"), None);
    }
}
