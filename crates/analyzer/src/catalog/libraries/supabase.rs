//! Supabase: its session lookups (`auth.getUser()`, the unverified `auth.getSession()`), how a
//! fix calls them, storage (`storage.from(bucket).upload(..)`), PostgREST tables
//! (`from(table).insert|update|upsert|delete|select`), `rpc(..)`, and the service-role
//! clients that bypass row-level security.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::{Library, OwnerScope};
use crate::catalog::guards::{guard, GuardKind::*};
use crate::catalog::sinks::step::{Outcome, Step};
use crate::catalog::sinks::{ArgShape, SinkKind};

/// Storage operations that change a bucket.
const STORAGE_MUTATIONS: &[&str] = &[
    "upload",
    "update",
    "move",
    "remove",
    "copy",
    "uploadToSignedUrl",
];

/// Storage operations that read or hand out a bucket's files.
const STORAGE_READS: &[&str] = &[
    "createSignedUrl",
    "createSignedUrls",
    "download",
    "getPublicUrl",
];

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("auth.getSession", Unverified, Library::Supabase),
        guard("auth.getUser", NeedsCheck, Library::Supabase),
        guard("auth.getClaims", NeedsCheck, Library::Supabase),
    ],
    modules: &["supabase"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// A project helper that creates the server client (`createClient` from
/// `@/utils/supabase/server`): `getUser()` on it verifies the JWT.
fn idiom(name: &str, module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    if !module.contains("supabase") || module.starts_with("@supabase/") {
        return None;
    }
    Some(name.starts_with("create").then(|| {
        GuardIdiom::lookup(
            format!("await (await {name}()).auth.getUser()"),
            "{ data: { user: {v} } }",
            "user",
            "{v}",
            "{v}.id",
        )
    }))
}

/// Factories of a client with the service-role key, which bypasses row-level security.
const SERVICE_CLIENT_FACTORIES: &[&str] = &[
    "createAdminClient",
    "createServiceClient",
    "createServiceRoleClient",
    "getServiceSupabase",
    "createSupabaseAdmin",
    "getSupabaseAdmin",
    "supabaseAdmin",
];

/// Factories of a client whose key is an argument: a service-role client when that key is.
const KEYED_CLIENT_FACTORIES: &[&str] = &["createClient", "createServerClient"];

/// Factories of a client with the caller's own session (the auth helpers' and common project
/// names).
const SESSION_CLIENT_FACTORIES: &[&str] = &[
    "createBrowserClient",
    "createRouteHandlerClient",
    "createServerComponentClient",
    "createServerActionClient",
    "createSupabaseClient",
    "createSupabaseServerClient",
];

/// Whether a call of this name makes a Supabase client (of any key): not a write, although
/// its name starts with `create`.
pub fn is_client_factory(name: &str) -> bool {
    [
        SESSION_CLIENT_FACTORIES,
        KEYED_CLIENT_FACTORIES,
        SERVICE_CLIENT_FACTORIES,
    ]
    .iter()
    .any(|list| list.contains(&name))
}

/// Whether a storage method of this name only reads or hands out files (`createSignedUrl`).
pub fn is_storage_read(name: &str) -> bool {
    STORAGE_READS.contains(&name)
}

/// What in a client factory call's text names the service-role key.
const SERVICE_KEY_MARKERS: &[&str] = &["SERVICE_ROLE", "SERVICE_KEY", "serviceRole"];

/// A fix adds `.eq("user_id", id)` to a table chain; an `rpc` call's arguments are its own.
pub(super) fn owner_scope(shape: ArgShape) -> Option<OwnerScope> {
    (shape == ArgShape::Builder).then_some(OwnerScope::AppendCondition {
        template: ".eq(\"{col}\", {id})",
        snake_case: true,
    })
}

/// The client's properties whose queries still run with its key (`admin.from(..)`,
/// `admin.storage`, `admin.rpc(..)`, `admin.schema(..)`).
const QUERY_ENTRY_POINTS: &[&str] = &["from", "storage", "rpc", "schema"];

/// Whether a client's property `prop` keeps the client's service role for what it runs.
pub fn keeps_service_role(prop: &str) -> bool {
    QUERY_ENTRY_POINTS.contains(&prop)
}

/// Whether a chain (its segment names) is a session-bound auth SDK call
/// (`supabase.auth.updateUser`, `auth.signOut`, `auth.mfa.*`), which can only act on the
/// signed-in user; `auth.admin.*` is the exception.
pub fn acts_on_session_user(names: &[&str]) -> bool {
    names.contains(&"auth") && !names.contains(&"admin")
}

/// Whether an imported binding's name says it is a service-role client (`supabaseAdmin`,
/// `adminClient`, `serviceRoleClient`).
pub fn is_service_client_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.contains("admin") && (n.contains("supabase") || n.contains("client"))
        || n.contains("servicerole")
        || n.contains("serviceclient")
}

/// Whether a call of `callee` (its last segment), whose source text is `call_text`, creates a
/// service-role client.
pub fn creates_service_client(callee: &str, call_text: &str) -> bool {
    SERVICE_CLIENT_FACTORIES.contains(&callee)
        || KEYED_CLIENT_FACTORIES.contains(&callee)
            && SERVICE_KEY_MARKERS.iter().any(|m| call_text.contains(m))
}

/// A storage, table or rpc call.
pub(super) fn recognise(step: &Step) -> Option<Outcome> {
    let (i, names) = (step.i, step.names);
    // Storage: storage.from(bucket).upload(..)
    if i >= 2 && names[i - 2] == "storage" && names[i - 1] == "from" {
        let bucket = step.segs[i - 1].str_arg.map(str::to_string);
        if STORAGE_MUTATIONS.contains(&step.name()) {
            return step.sink(
                SinkKind::Mutation,
                Library::SupabaseStorage,
                bucket,
                ArgShape::KeyThenData,
            );
        }
        if STORAGE_READS.contains(&step.name()) {
            return step.sink(
                SinkKind::Read,
                Library::SupabaseStorage,
                bucket,
                ArgShape::KeyThenData,
            );
        }
    }
    // PostgREST: from(table).insert|update|upsert|delete|select
    if i >= 1 && names[i - 1] == "from" && step.called_at(i - 1) {
        let table = step.segs[i - 1].str_arg.map(str::to_string);
        match step.name() {
            "insert" | "update" | "upsert" | "delete" => {
                return step.sink(
                    SinkKind::Mutation,
                    Library::Supabase,
                    table,
                    ArgShape::Builder,
                )
            }
            "select" => {
                return step.sink(SinkKind::Read, Library::Supabase, table, ArgShape::Builder)
            }
            _ => {}
        }
    }
    if step.name() == "rpc" && i == 0 {
        let function = step.str_arg().map(str::to_string);
        return step.sink(
            SinkKind::Mutation,
            Library::Supabase,
            function,
            ArgShape::Generic,
        );
    }
    None
}
