//! Lucia: `validateRequest()` returns `{ user, session }`; `lucia.validateSession(..)`.

use super::auth::{AuthFamily, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("validateRequest", NeedsCheck, Library::Lucia),
        guard("lucia.validateSession", NeedsCheck, Library::Lucia),
        guard("validateSessionToken", NeedsCheck, Library::Lucia),
    ],
    modules: &["lucia"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// `const { user } = await validateRequest()`.
fn idiom(name: &str, _module: &str, _source: &str) -> Option<Option<GuardIdiom>> {
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
