//! How each auth library looks the caller up, for fixes written in the file's own idiom.
//!
//! A fix that adds a login check uses the session helper the file already imports — Supabase's
//! `auth.getUser()`, better-auth's `auth.api.getSession({ headers })`, Clerk's `auth()` — and
//! binds an identity that is never optional, so an owner filter built from it can never be
//! `undefined` (Prisma drops `undefined` filters and would match every row). Only a file that
//! uses no auth library at all gets the seeds' Auth.js fallback, said as an assumption.

/// How to look the caller up with one library, with `{v}` for the bound variable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardIdiom {
    /// Imports the call needs that the file lacks (whole statements).
    pub imports: Vec<String>,
    /// The awaited call, e.g. `await auth()`.
    pub call: String,
    /// The binding pattern, e.g. `{ userId: {v} }`; `{v}` alone binds the whole result.
    pub pattern: &'static str,
    /// The variable name to bind.
    pub var: &'static str,
    /// Whether the helper fails closed by itself (no check needed).
    pub fails_closed: bool,
    /// The test for "signed in with a known id", with `{v}` for the variable.
    pub present: &'static str,
    /// The identity expression, with `{v}` for the variable.
    pub identity: &'static str,
    /// Said in the fix's description when the idiom is a guess (the fallback).
    pub assumption: Option<String>,
}

impl GuardIdiom {
    /// A fix's description, followed by the idiom's assumption when it is a guess.
    pub fn with_assumption(&self, description: String) -> String {
        match &self.assumption {
            Some(assumption) => format!("{description} {assumption}"),
            None => description,
        }
    }

    /// `const <pattern> = <call>;` with the variable named `var`.
    pub fn declaration(&self, var: &str) -> String {
        let binding = self.pattern.replace("{v}", var);
        // `{ userId: userId }` is written `{ userId }`.
        let binding = binding.replace(&format!("{var}: {var}"), var);
        format!("const {binding} = {};", self.call)
    }
}

/// Module specifiers (or parts of them) of auth libraries: a file importing one already has
/// its way of looking the caller up, and never gets another library's helper.
const AUTH_MODULES: &[&str] = &[
    "next-auth",
    "@auth/",
    "@clerk/",
    "better-auth",
    "supabase",
    "lucia",
    "iron-session",
    "@kinde-oss/",
    "@workos-inc/",
    "firebase-admin",
    "jose",
    "jsonwebtoken",
];

/// Whether importing from `module` means the file uses an auth library.
pub fn is_auth_module(module: &str) -> bool {
    AUTH_MODULES.iter().any(|m| module.contains(m))
}

/// The idiom for `name` imported from `module`, judged with the file's text (`source`).
pub fn idiom_for(name: &str, module: &str, source: &str) -> Option<GuardIdiom> {
    let idiom = |call: String,
                 pattern: &'static str,
                 var: &'static str,
                 present: &'static str,
                 identity: &'static str| GuardIdiom {
        imports: Vec::new(),
        call,
        pattern,
        var,
        fails_closed: false,
        present,
        identity,
        assumption: None,
    };
    // better-auth: the imported object is not callable; its API looks the session up.
    if source.contains(&format!("{name}.api.getSession(")) {
        let mut i = idiom(
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
        return Some(i);
    }
    // Supabase: a project helper that creates the server client; `getUser()` verifies the JWT.
    if module.contains("supabase") && !module.starts_with("@supabase/") {
        if name.starts_with("create") {
            return Some(idiom(
                format!("await (await {name}()).auth.getUser()"),
                "{ data: { user: {v} } }",
                "user",
                "{v}",
                "{v}.id",
            ));
        }
        return None;
    }
    if module.starts_with("@clerk/") {
        return match name {
            "auth" => Some(idiom(
                "await auth()".into(),
                "{ userId: {v} }",
                "userId",
                "{v}",
                "{v}",
            )),
            "currentUser" => Some(idiom(
                "await currentUser()".into(),
                "{v}",
                "user",
                "{v}",
                "{v}.id",
            )),
            _ => None,
        };
    }
    if module.starts_with("@kinde-oss/") {
        return (name == "getKindeServerSession").then(|| {
            idiom(
                "await getKindeServerSession().getUser()".into(),
                "{v}",
                "user",
                "{v}",
                "{v}.id",
            )
        });
    }
    if module.starts_with("@workos-inc/") {
        return (name == "withAuth").then(|| {
            idiom(
                "await withAuth()".into(),
                "{ user: {v} }",
                "user",
                "{v}",
                "{v}.id",
            )
        });
    }
    let session = |call: String| idiom(call, "{v}", "session", "{v}?.user?.id", "{v}.user.id");
    let user = |call: String| idiom(call, "{v}", "user", "{v}", "{v}.id");
    Some(match name {
        "auth" => session("await auth()".into()),
        "getServerSession" => {
            let arg = if source.contains("authOptions") {
                "authOptions"
            } else {
                ""
            };
            session(format!("await getServerSession({arg})"))
        }
        "getServerAuthSession" | "getSession" => session(format!("await {name}()")),
        "currentUser" | "getCurrentUser" | "getUser" | "getViewer" | "getSessionUser" => {
            user(format!("await {name}()"))
        }
        "verifySession" => GuardIdiom {
            fails_closed: true,
            ..idiom(
                "await verifySession()".into(),
                "{v}",
                "session",
                "{v}",
                "{v}.userId",
            )
        },
        "requireUser" | "requireAuth" | "ensureSignedIn" => GuardIdiom {
            fails_closed: true,
            ..user(format!("await {name}()"))
        },
        // Lucia's `validateRequest()` returns `{ user, session }`.
        "validateRequest" => idiom(
            "await validateRequest()".into(),
            "{ user: {v} }",
            "user",
            "{v}",
            "{v}.id",
        ),
        _ => return None,
    })
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
        pattern: "{v}",
        var: "session",
        fails_closed: false,
        present: "{v}?.user?.id",
        identity: "{v}.user.id",
    }
}

/// Whether the file imports a binding called `name` (the clauses of its `import` statements,
/// also when they span several lines).
pub fn imports_name(source: &str, name: &str) -> bool {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    let mut rest = source;
    while let Some(at) = rest.find("import") {
        let before = &source[..source.len() - rest.len() + at];
        let clause_start = at + "import".len();
        rest = &rest[clause_start..];
        if before.chars().last().is_some_and(is_word_char) {
            continue;
        }
        let clause = match rest.find(" from ") {
            Some(end) if !rest[..end].contains(';') => &rest[..end],
            _ => continue,
        };
        if clause.split(|c: char| !is_word_char(c)).any(|w| w == name) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_library_gets_its_own_lookup() {
        let ba = idiom_for("auth", "@/lib/auth", "auth.api.getSession({ headers })").unwrap();
        assert_eq!(
            ba.declaration("session"),
            "const session = await auth.api.getSession({ headers: await headers() });"
        );
        assert_eq!(ba.imports.len(), 1);
        let clerk = idiom_for("auth", "@clerk/nextjs/server", "").unwrap();
        assert_eq!(
            clerk.declaration("userId"),
            "const { userId } = await auth();"
        );
        assert_eq!(
            clerk.declaration("callerId"),
            "const { userId: callerId } = await auth();"
        );
        let supa = idiom_for("createClient", "@/utils/supabase/server", "").unwrap();
        assert_eq!(
            supa.declaration("user"),
            "const { data: { user } } = await (await createClient()).auth.getUser();"
        );
        assert!(idiom_for("createServerClient", "@supabase/ssr", "").is_none());
        assert!(is_auth_module("@supabase/ssr") && !is_auth_module("@/lib/db"));
        assert!(imports_name(
            "import {\n  and,\n  eq,\n} from \"drizzle-orm\";",
            "eq"
        ));
        assert!(!imports_name(
            "const eq = 1; import { and } from \"x\";",
            "eq"
        ));
    }

    #[test]
    fn the_fallback_says_it_is_an_assumption_unless_configured() {
        assert!(fallback(&crate::Config::default()).assumption.is_some());
    }
}
