//! next-auth v4 (`getServerSession(authOptions)`, `getToken({ req })`) and Auth.js
//! (`auth()`); Auth.js `auth()` from `@/auth` is also the fixes' guess for a file that uses no
//! auth library.

use super::auth::{AuthFamily, FileText, GuardIdiom};
use super::Library;
use crate::catalog::guards::{guard, GuardKind::*};

/// Its lookups, modules and idiom.
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[
        guard("getServerSession", NeedsCheck, Library::NextAuth),
        guard("getServerAuthSession", NeedsCheck, Library::NextAuth),
        guard("auth", NeedsCheck, Library::AuthJs),
        // next-auth's JWT read: `null` when there is no valid token.
        guard("getToken", NeedsCheck, Library::NextAuth),
    ],
    modules: &["next-auth", "@auth/"],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// A session lookup bound whole: `{v}?.user?.id` is the signed-in test.
fn session(call: String) -> GuardIdiom {
    GuardIdiom::lookup(call, "{v}", "session", "{v}?.user?.id", "{v}.user.id")
}

/// `const session = await auth()`, `await getServerSession(authOptions)`.
fn idiom(name: &str, _module: &str, file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    Some(Some(match name {
        "auth" => session("await auth()".into()),
        "getServerSession" => {
            let arg = if file.source.contains("authOptions") {
                "authOptions"
            } else {
                ""
            };
            session(format!("await getServerSession({arg})"))
        }
        "getServerAuthSession" | "getSession" => session(format!("await {name}()")),
        _ => return None,
    }))
}

/// The seeds' idiom (Auth.js `auth()` from `@/auth`), or the configured one: for files that
/// use no auth library.
pub fn fallback(config: &crate::Config) -> GuardIdiom {
    let configured = config.fix.auth_import.is_some() || config.fix.session_call.is_some();
    let import = config
        .fix
        .auth_import
        .clone()
        .unwrap_or_else(|| "import { auth } from \"@/auth\";".to_string());
    GuardIdiom {
        assumption: (!configured).then(|| {
            "It assumes the project's session helper is Auth.js `auth()` from `@/auth` (set `fix.auth_import` in actiongate.toml if yours differs).".to_string()
        }),
        imports: vec![import],
        call: config
            .fix
            .session_call
            .clone()
            .unwrap_or_else(|| "await auth()".to_string()),
        ..session(String::new())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fallback_says_it_is_an_assumption_unless_configured() {
        assert!(super::fallback(&crate::Config::default())
            .assumption
            .is_some());
    }
}
