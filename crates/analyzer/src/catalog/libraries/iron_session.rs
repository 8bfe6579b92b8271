//! iron-session: `getIronSession(..)` always returns an object (the check is of one of its
//! fields); `unsealData(..)` opens a sealed cookie.

use super::auth::AuthFamily;
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups and modules.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("getIronSession", AlwaysObject, Library::IronSession),
        guard("unsealData", NeedsCheck, Library::IronSession),
    ],
    modules: &["iron-session"],
    idiom: None,
    result_methods: &[],
    closing_options: &[],
};
