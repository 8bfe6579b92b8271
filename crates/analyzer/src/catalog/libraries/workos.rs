//! WorkOS AuthKit: `withAuth()` returns `{ user }` (`withAuth({ ensureSignedIn: true })`
//! redirects by itself); `getSignInUrl` reads no verified identity.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups, modules, idiom and the option that makes `withAuth` fail closed.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("withAuth", NeedsCheck, Library::WorkOs),
        guard("getSignInUrl", Unverified, Library::WorkOs),
    ],
    modules: &["@workos-inc/"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &["ensureSignedIn: true"],
};

/// `const { user } = await withAuth()`.
fn idiom(name: &str, module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    if !module.starts_with("@workos-inc/") {
        return None;
    }
    Some((name == "withAuth").then(|| {
        GuardIdiom::lookup(
            "await withAuth()".into(),
            "{ user: {v} }",
            "user",
            "{v}",
            "{v}.id",
        )
    }))
}
