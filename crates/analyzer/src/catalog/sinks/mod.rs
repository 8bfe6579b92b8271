//! ORMs, SDKs and side effects: which calls mutate data or read user data, and where in each call
//! the *resource key* (what row) and the *data* (what is written) sit.
//!
//! A call is seen as a chain of segments, `supabase.from("posts").delete().eq("id", id)` being
//! `supabase` · `from(..)` · `delete()` · `eq(..)`. [`classify_chain`] names the operation: a
//! configured sink first, then each library family's recogniser in [`RECOGNISERS`] order on
//! each called segment (one module per family, its tables beside its code), then a generic
//! mutating verb on the last call.

mod fs;
mod kv;
mod mail;
mod mongo;
mod prisma;
mod sql_builders;
mod step;
mod stripe;
mod supabase;

use step::{Outcome, Step};

/// The library families' recognisers, in the order they are asked (the first that knows a
/// segment decides it).
const RECOGNISERS: &[fn(&Step) -> Option<Outcome>] = &[
    stripe::recognise,
    mail::recognise,
    supabase::recognise,
    prisma::recognise,
    sql_builders::drizzle,
    sql_builders::kysely,
    sql_builders::knex,
    mongo::recognise,
    kv::recognise,
    fs::recognise,
];

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
    pub library: &'static str,
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

/// Calls with a mutating-verb name that are not mutations of user data.
const VERB_EXCEPTIONS: &[&str] = &[
    "createClient",
    "createServerClient",
    "createBrowserClient",
    "createRouteHandlerClient",
    "createServerComponentClient",
    "createServerActionClient",
    "createSafeActionClient",
    "createServerAction",
    "createServerActionProcedure",
    "createHash",
    "createHmac",
    "createCipheriv",
    "createDecipheriv",
    "createTransport",
    "createElement",
    "createContext",
    "createId",
    "createMiddleware",
    "createSearchParams",
    "createSignedUrl",
    "createSignedUrls",
    "createRef",
    "createPortal",
    "createObjectURL",
    "createAdminClient",
    "createServiceClient",
    "createServiceRoleClient",
    "createSupabaseClient",
    "createSupabaseServerClient",
    "createCaller",
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
    "redirect",
    "applyMiddleware",
    "markdown",
    "setState",
    "replaceAll",
    "postcss",
];

/// Receivers whose verb-named methods are not data mutations (`formData.set`, `console.log`).
const RECEIVER_EXCEPTIONS: &[&str] = &[
    "formData",
    "searchParams",
    "params",
    "headers",
    "cookies",
    "cookieStore",
    "console",
    "Object",
    "Array",
    "Math",
    "JSON",
    "Promise",
    "URLSearchParams",
    "url",
    "URL",
    "Date",
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
                "configured",
                segs.len() - 1,
                None,
                ArgShape::Generic,
            ));
        }
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
    // Session-bound auth SDK calls (`supabase.auth.updateUser`, `auth.signOut`, `auth.mfa.*`) can
    // only act on the signed-in user; `auth.admin.*` is the exception.
    if names.contains(&"auth") && !names.contains(&"admin") {
        return None;
    }
    // A generic mutating verb on the last called segment.
    let (i, seg) = segs.iter().enumerate().rev().find(|(_, s)| s.called)?;
    if VERB_EXCEPTIONS.contains(&seg.name) || RECEIVER_EXCEPTIONS.contains(&root) && i == 0 {
        return None;
    }
    if segs[..i]
        .iter()
        .any(|s| RECEIVER_EXCEPTIONS.contains(&s.name))
    {
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
            "generic",
            i,
            model,
            ArgShape::Generic,
        ));
    }
    None
}

/// A capitalised identifier (`Post`): a model class called directly.
fn is_model_like(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether a request URL (its source text) is a chat webhook: posting to it sends a message, a
/// side effect on no user's data, like a mail (`https://hooks.slack.com/..`,
/// `process.env.DISCORD_WEBHOOK_URL`).
pub fn is_message_webhook(url_text: &str) -> bool {
    let lower = url_text.to_ascii_lowercase();
    [
        "hooks.slack.com",
        "discord.com/api/webhooks",
        "discordapp.com/api/webhooks",
        "webhook.office.com",
    ]
    .iter()
    .any(|host| lower.contains(host))
        || ["slack_webhook", "discord_webhook", "teams_webhook"]
            .iter()
            .any(|name| lower.contains(name))
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

/// Functions that make a tRPC caller or client: calling a procedure through it runs that
/// procedure with its own middlewares, as a request to the tRPC route does.
pub const TRPC_CALLER_FACTORIES: &[&str] = &[
    "createCaller",
    "createCallerFactory",
    "createHydrationHelpers",
    "createServerSideHelpers",
    "createTRPCClient",
    "createTRPCProxyClient",
];

/// Whether an import (its specifier and local name) is tRPC's: a `@trpc/` package or a
/// caller factory re-exported by the project (`import { createCaller } from "@/trpc"`).
pub fn is_trpc_import(source: &str, local: &str) -> bool {
    source.starts_with("@trpc/") || TRPC_CALLER_FACTORIES.contains(&local)
}

/// Whether a project specifier names the project's tRPC module (`@/trpc/server`,
/// `~/lib/trpc/server`, `@/server/trpc`): the guess for a lone snippet, whose imports are unseen.
pub fn is_trpc_module_path(specifier: &str) -> bool {
    specifier
        .split('/')
        .any(|segment| segment.eq_ignore_ascii_case("trpc"))
}

/// Whether a `fetch` init's `method` makes it a mutation.
pub fn is_mutating_http_method(method: &str) -> bool {
    !method.eq_ignore_ascii_case("GET")
        && !method.eq_ignore_ascii_case("HEAD")
        && !method.eq_ignore_ascii_case("OPTIONS")
}

/// AWS SDK command classes that write or read objects.
pub fn s3_command(class: &str) -> Option<SinkKind> {
    match class {
        "PutObjectCommand"
        | "DeleteObjectCommand"
        | "DeleteObjectsCommand"
        | "CopyObjectCommand"
        | "CreateMultipartUploadCommand"
        | "PutItemCommand"
        | "UpdateItemCommand"
        | "DeleteItemCommand" => Some(SinkKind::Mutation),
        "GetObjectCommand" | "GetItemCommand" => Some(SinkKind::Read),
        _ => None,
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
        assert_eq!((m.library, m.op.as_str()), ("Drizzle", "update"));
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
        assert_eq!((m.library, m.kind), ("Supabase", SinkKind::Mutation));
        let m = classify_chain(
            "supabase",
            &segs(&[("storage", false), ("from", true), ("upload", true)]),
            &[],
        )
        .unwrap();
        assert_eq!(m.library, "Supabase Storage");
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
