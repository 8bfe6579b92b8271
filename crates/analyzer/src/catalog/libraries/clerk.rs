//! Clerk: `auth()` (its `userId`), `auth.protect()`, `currentUser()` from `@clerk/nextjs`.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups, modules, idiom and the functions on `auth()`'s result.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("auth.protect", FailsClosed, Library::Clerk),
        guard("currentUser", NeedsCheck, Library::Clerk),
    ],
    modules: &["@clerk/"],
    idiom: Some(idiom),
    result_methods: &[
        "has",
        "protect",
        "redirectToSignIn",
        "redirectToSignUp",
        "getToken",
    ],
    closing_options: &[],
};

/// `const { userId } = await auth()` or `const user = await currentUser()`.
fn idiom(name: &str, module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    if !module.starts_with("@clerk/") {
        return None;
    }
    Some(match name {
        "auth" => Some(GuardIdiom::lookup(
            "await auth()".into(),
            "{ userId: {v} }",
            "userId",
            "{v}",
            "{v}",
        )),
        "currentUser" => Some(GuardIdiom::lookup(
            "await currentUser()".into(),
            "{v}",
            "user",
            "{v}",
            "{v}.id",
        )),
        _ => None,
    })
}
