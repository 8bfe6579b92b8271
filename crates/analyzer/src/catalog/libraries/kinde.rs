//! Kinde: `getKindeServerSession()` returns functions; calling `getUser()` is the lookup.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookup, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[guard("getKindeServerSession", Factory, Library::Kinde)],
    modules: &["@kinde-oss/"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// `const user = await getKindeServerSession().getUser()`.
fn idiom(name: &str, module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    if !module.starts_with("@kinde-oss/") {
        return None;
    }
    Some((name == "getKindeServerSession").then(|| {
        GuardIdiom::lookup(
            "await getKindeServerSession().getUser()".into(),
            "{v}",
            "user",
            "{v}",
            "{v}.id",
        )
    }))
}
