//! ORMs, SDKs and side effects: which calls mutate data or read user data, and where in each call
//! the *resource key* (what row) and the *data* (what is written) sit.
//!
//! A call is seen as a chain of segments, `supabase.from("posts").delete().eq("id", id)` being
//! `supabase` · `from(..)` · `delete()` · `eq(..)`. [`classify_chain`] names the operation.

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

const PRISMA_MUTATIONS: &[&str] = &[
    "create",
    "createMany",
    "createManyAndReturn",
    "update",
    "updateMany",
    "updateManyAndReturn",
    "upsert",
    "delete",
    "deleteMany",
];
const PRISMA_READS: &[&str] = &[
    "count",
    "aggregate",
    "groupBy",
    "findUnique",
    "findUniqueOrThrow",
    "findFirst",
    "findFirstOrThrow",
    "findMany",
];
const MONGO_MUTATIONS: &[&str] = &[
    "findByIdAndUpdate",
    "findByIdAndDelete",
    "findByIdAndRemove",
    "findOneAndUpdate",
    "findOneAndDelete",
    "findOneAndReplace",
    "findOneAndRemove",
    "updateOne",
    "updateMany",
    "deleteOne",
    "deleteMany",
    "insertOne",
    "insertMany",
    "replaceOne",
    "bulkWrite",
];
const MONGO_READS: &[&str] = &["findById", "findOne", "find", "exists", "countDocuments"];
const KV_ROOTS: &[&str] = &["kv", "redis", "upstash", "valkey"];
const KV_MUTATIONS: &[&str] = &[
    "set", "del", "hset", "hdel", "hmset", "lpush", "rpush", "lrem", "sadd", "srem", "zadd",
    "zrem", "incr", "incrby", "decr", "expire", "setex", "mset", "getdel", "unlink", "json.set",
];
const FS_MUTATIONS: &[&str] = &[
    "writeFile",
    "writeFileSync",
    "appendFile",
    "appendFileSync",
    "unlink",
    "unlinkSync",
    "rm",
    "rmSync",
    "rmdir",
    "rename",
    "renameSync",
    "copyFile",
    "mkdir",
    "createWriteStream",
];
const MAIL_CALLS: &[&str] = &[
    "sendMail",
    "sendEmail",
    "sendTransactionalEmail",
    "sendVerificationEmail",
];
const STORAGE_MUTATIONS: &[&str] = &[
    "upload",
    "update",
    "move",
    "remove",
    "copy",
    "uploadToSignedUrl",
];
const STORAGE_READS: &[&str] = &[
    "createSignedUrl",
    "createSignedUrls",
    "download",
    "getPublicUrl",
];

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
    let called_at = |i: usize| segs.get(i).is_some_and(|s| s.called);
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

    for (i, seg) in segs.iter().enumerate() {
        if !seg.called {
            continue;
        }
        let prev = if i == 0 { root } else { segs[i - 1].name };
        let prev_is_property = i == 0 || !segs[i - 1].called;
        // Stripe
        if root == "stripe"
            && matches!(
                seg.name,
                "create"
                    | "update"
                    | "del"
                    | "cancel"
                    | "refund"
                    | "capture"
                    | "confirm"
                    | "pay"
                    | "void"
                    | "finalizeInvoice"
            )
        {
            return Some(mk(
                SinkKind::Mutation,
                "Stripe",
                i,
                names.first().map(|s| s.to_string()),
                ArgShape::Stripe,
            ));
        }
        // Stripe reads of one customer's objects (`customers.retrieve(id)`, `invoices.list(..)`).
        if root == "stripe" && matches!(seg.name, "retrieve" | "list" | "search") {
            return Some(mk(
                SinkKind::Read,
                "Stripe",
                i,
                names.first().map(|s| s.to_string()),
                ArgShape::Stripe,
            ));
        }
        // Mail
        if MAIL_CALLS.contains(&seg.name)
            || (seg.name == "send"
                && (names.contains(&"emails")
                    || matches!(
                        root,
                        "resend" | "sgMail" | "mailer" | "transporter" | "postmark" | "mailgun"
                    )))
        {
            return Some(mk(
                SinkKind::PublicSideEffect,
                "mail",
                i,
                None,
                ArgShape::Generic,
            ));
        }
        // Supabase storage: storage.from(bucket).upload(..)
        if i >= 2 && names[i - 2] == "storage" && names[i - 1] == "from" {
            if STORAGE_MUTATIONS.contains(&seg.name) {
                return Some(mk(
                    SinkKind::Mutation,
                    "Supabase Storage",
                    i,
                    segs[i - 1].str_arg.map(str::to_string),
                    ArgShape::KeyThenData,
                ));
            }
            if STORAGE_READS.contains(&seg.name) {
                return Some(mk(
                    SinkKind::Read,
                    "Supabase Storage",
                    i,
                    segs[i - 1].str_arg.map(str::to_string),
                    ArgShape::KeyThenData,
                ));
            }
        }
        // Supabase / PostgREST: from(table).insert|update|upsert|delete|select
        if i >= 1 && names[i - 1] == "from" && called_at(i - 1) {
            let model = segs[i - 1].str_arg.map(str::to_string);
            match seg.name {
                "insert" | "update" | "upsert" | "delete" => {
                    return Some(mk(
                        SinkKind::Mutation,
                        "Supabase",
                        i,
                        model,
                        ArgShape::Builder,
                    ))
                }
                "select" => {
                    return Some(mk(SinkKind::Read, "Supabase", i, model, ArgShape::Builder))
                }
                _ => {}
            }
        }
        if seg.name == "rpc" && i == 0 {
            return Some(mk(
                SinkKind::Mutation,
                "Supabase",
                i,
                seg.str_arg.map(str::to_string),
                ArgShape::Generic,
            ));
        }
        // Prisma: <client>.<model>.<op>(..)
        if i >= 1 && prev_is_property && !prev.starts_with('$') {
            if PRISMA_MUTATIONS.contains(&seg.name) {
                return Some(mk(
                    SinkKind::Mutation,
                    "Prisma",
                    i,
                    Some(prev.to_string()),
                    ArgShape::PrismaObject,
                ));
            }
            if PRISMA_READS.contains(&seg.name) {
                return Some(mk(
                    SinkKind::Read,
                    "Prisma",
                    i,
                    Some(prev.to_string()),
                    ArgShape::PrismaObject,
                ));
            }
        }
        if i == 0
            && (PRISMA_READS.contains(&seg.name) || PRISMA_MUTATIONS.contains(&seg.name))
            && is_model_like(root)
        {
            let kind = if PRISMA_READS.contains(&seg.name) {
                SinkKind::Read
            } else {
                SinkKind::Mutation
            };
            // `Post.create(...)` on a capitalised model is Mongoose/Sequelize-style.
            let shape = if root.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                ArgShape::FilterThenData
            } else {
                ArgShape::PrismaObject
            };
            return Some(mk(kind, "ORM", i, Some(root.to_string()), shape));
        }
        // Drizzle: db.insert(t) / db.update(t) / db.delete(t) / db.select().from(t)
        if i == 0
            && matches!(seg.name, "insert" | "update" | "delete")
            && !root.is_empty()
            && !KV_ROOTS.contains(&root)
        {
            return Some(mk(
                SinkKind::Mutation,
                "Drizzle",
                i,
                None,
                ArgShape::Builder,
            ));
        }
        if i == 0 && seg.name == "select" && names.get(1) == Some(&"from") {
            return Some(mk(SinkKind::Read, "Drizzle", i, None, ArgShape::Builder));
        }
        // Kysely
        match seg.name {
            "insertInto" | "updateTable" | "deleteFrom" | "replaceInto" | "mergeInto" => {
                return Some(mk(
                    SinkKind::Mutation,
                    "Kysely",
                    i,
                    seg.str_arg.map(str::to_string),
                    ArgShape::Builder,
                ))
            }
            "selectFrom" => {
                return Some(mk(
                    SinkKind::Read,
                    "Kysely",
                    i,
                    seg.str_arg.map(str::to_string),
                    ArgShape::Builder,
                ))
            }
            _ => {}
        }
        // Knex: knex("t").where(..).update(..) / .del()
        if matches!(
            seg.name,
            "del" | "insert" | "update" | "delete" | "increment" | "decrement"
        ) && i >= 1
            && matches!(root, "knex" | "db" | "trx" | "pg" | "sql")
        {
            return Some(mk(SinkKind::Mutation, "Knex", i, None, ArgShape::Builder));
        }
        // Mongoose / MongoDB
        if MONGO_MUTATIONS.contains(&seg.name) {
            let shape = if seg.name.starts_with("findById") {
                ArgShape::KeyThenData
            } else {
                ArgShape::FilterThenData
            };
            let model = if i == 0 {
                Some(root.to_string())
            } else {
                Some(prev.to_string())
            };
            return Some(mk(SinkKind::Mutation, "MongoDB", i, model, shape));
        }
        if MONGO_READS.contains(&seg.name)
            && (i == 0 && is_model_like(root) || i >= 1 && prev_is_property)
        {
            let shape = if seg.name == "findById" {
                ArgShape::KeyThenData
            } else {
                ArgShape::FilterThenData
            };
            let model = if i == 0 {
                Some(root.to_string())
            } else {
                Some(prev.to_string())
            };
            return Some(mk(SinkKind::Read, "MongoDB", i, model, shape));
        }
        // Key-value stores
        if i == 0 && (KV_ROOTS.contains(&root) || root.to_ascii_lowercase().contains("redis")) {
            if KV_MUTATIONS.contains(&seg.name) {
                return Some(mk(
                    SinkKind::Mutation,
                    "key-value store",
                    i,
                    None,
                    ArgShape::KeyThenData,
                ));
            }
            continue;
        }
        // File system
        if FS_MUTATIONS.contains(&seg.name)
            && (i == 0 && matches!(root, "fs" | "fsp" | "promises" | "")
                || i >= 1 && names[..i].iter().all(|n| matches!(*n, "promises")))
        {
            return Some(mk(
                SinkKind::Mutation,
                "file system",
                i,
                None,
                ArgShape::KeyThenData,
            ));
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
