//! better-auth: the imported object is not callable; its API looks the session up
//! (`auth.api.getSession({ headers: await headers() })`).

use super::auth::{imports_name, AuthFamily, GuardIdiom};
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

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[guard("api.getSession", NeedsCheck, Library::BetterAuth)],
    modules: &["better-auth"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// `await <name>.api.getSession({ headers: await headers() })`, when the file calls it so.
fn idiom(name: &str, _module: &str, source: &str) -> Option<Option<GuardIdiom>> {
    if !source.contains(&format!("{name}.api.getSession(")) {
        return None;
    }
    let mut i = GuardIdiom::lookup(
        format!("await {name}.api.getSession({{ headers: await headers() }})"),
        "{v}",
        "session",
        "{v}",
        "{v}.user.id",
    );
    if !imports_name(source, "headers") {
        i.imports
            .push("import { headers } from \"next/headers\";".to_string());
    }
    Some(Some(i))
}
