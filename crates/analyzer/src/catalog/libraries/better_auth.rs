//! better-auth: the imported object is not callable; its API looks the session up
//! (`auth.api.getSession({ headers: await headers() })`).

use super::auth::{imports_name, AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Where better-auth's client is made: (module, export). Every call on that client goes to the
/// app's own better-auth endpoints with the request's cookie, and those endpoints look the
/// session up and check it themselves (`authClient.updateUser(..)` can only rename the signed-in
/// user; the admin plugin's calls check the caller's role on the server). So a call on it is
/// never an unauthenticated sink of the action: the service it calls is the guard.
pub const CLIENT_FACTORIES: &[(&str, &str)] = &[
    ("better-auth/client", "createAuthClient"),
    ("better-auth/react", "createAuthClient"),
    ("better-auth/vue", "createAuthClient"),
    ("better-auth/svelte", "createAuthClient"),
    ("better-auth/solid", "createAuthClient"),
];

/// Server endpoints (`auth.api.<endpoint>(..)`) that act only on the user whose session the
/// request's headers carry: they look it up and refuse without one, like Supabase's
/// `auth.updateUser`.
const SESSION_USER_ENDPOINTS: &[&str] = &[
    "updateUser",
    "changePassword",
    "changeEmail",
    "deleteUser",
    "signOut",
    "listSessions",
    "revokeSession",
    "revokeSessions",
    "revokeOtherSessions",
    "linkSocial",
    "unlinkAccount",
    "listUserAccounts",
];

/// `auth.api.updateUser({ body, headers })`: a call of better-auth's server API that can only
/// act on the signed-in user (`names`: the chain's segments after its root).
pub fn acts_on_session_user(names: &[&str]) -> bool {
    matches!(names, ["api", endpoint] if SESSION_USER_ENDPOINTS.contains(endpoint))
}

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[guard("api.getSession", NeedsCheck, Library::BetterAuth)],
    modules: &["better-auth"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// `await <name>.api.getSession({ headers: await headers() })`, when the file calls better-auth's
/// server API on that name (`<name>.api.getSession(..)`, `<name>.api.updateUser(..)`). A
/// file that only makes better-auth's client (`createAuthClient`) gets the server instance
/// where better-auth's guide puts it, `auth` from `@/lib/auth`, and the fix says so.
fn idiom(name: &str, module: &str, file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    let client_only = CLIENT_FACTORIES.contains(&(module, name));
    if !client_only && !file.calls_api_on(name) {
        return None;
    }
    let server = if client_only { "auth" } else { name };
    let mut i = GuardIdiom::lookup(
        format!("await {server}.api.getSession({{ headers: await headers() }})"),
        "{v}",
        "session",
        // The same test a later scope fix needs before it uses `{v}.user.id` (see
        // `fix::identity_check`), so the two never stack.
        "{v}?.user?.id",
        "{v}.user.id",
    );
    if client_only {
        if !imports_name(file.source, "auth") {
            i.imports
                .push("import { auth } from \"@/lib/auth\";".to_string());
        }
        i.assumption = Some(
            "It assumes the project's better-auth server instance is `auth` from `@/lib/auth`, as better-auth's guide sets it up (set `fix.auth_import` and `fix.session_call` in actiongate.toml if yours differs).".to_string(),
        );
    }
    if !imports_name(file.source, "headers") {
        i.imports
            .push("import { headers } from \"next/headers\";".to_string());
    }
    Some(Some(i))
}
