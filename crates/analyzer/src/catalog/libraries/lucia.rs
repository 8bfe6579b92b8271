//! Lucia: `validateRequest()`, `lucia.validateSession(..)` and `validateSessionToken(..)` always
//! return an object, `{ user, session }` with both `null` when signed out: the guard is the check
//! of `user` (or `session`), never of the object.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("validateRequest", AlwaysObject, Library::Lucia),
        guard("lucia.validateSession", AlwaysObject, Library::Lucia),
        guard("validateSessionToken", AlwaysObject, Library::Lucia),
    ],
    modules: &["lucia"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// `const { user } = await validateRequest()`.
fn idiom(name: &str, _module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    (name == "validateRequest").then(|| {
        Some(GuardIdiom::lookup(
            "await validateRequest()".into(),
            "{ user: {v} }",
            "user",
            "{v}",
            "{v}.id",
        ))
    })
}

/// Lucia's cookie makers: they build a cookie's name, value and attributes in memory for the
/// caller to set (`lucia.createBlankSessionCookie()` on sign-out or when the session is gone),
/// and store nothing. `lucia.createSession(userId, ..)` does store a session and stays a write.
const COOKIE_MAKERS: &[&str] = &[
    "createSessionCookie",
    "createBlankSessionCookie",
    "readSessionCookie",
    "readBearerToken",
];

/// Whether a call named `name` is one of Lucia's cookie makers ([`COOKIE_MAKERS`]).
pub fn is_cookie_maker(name: &str) -> bool {
    COOKIE_MAKERS.contains(&name)
}
