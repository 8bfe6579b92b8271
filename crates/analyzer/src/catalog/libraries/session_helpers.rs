//! The project's own session helpers, by their conventional names (`getCurrentUser()`,
//! `requireUser()`, the Next.js docs' `verifySession()`): how a fix calls them. Which names
//! are lookups at all, by the same conventions (`getCurrentUser` returns the user or `null`,
//! `requireAdmin` fails closed and checks a role), is [`classify`].

use super::auth::{AuthFamily, FileText, GuardIdiom};
use crate::catalog::guards::GuardKind::{self, *};

/// Their idiom (their lookups are judged by name: [`classify`]).
pub(super) const AUTH: AuthFamily = AuthFamily {
    guards: &[],
    modules: &[],
    idiom: Some(idiom),
    result_methods: &[],
    closing_options: &[],
};

/// A user lookup bound whole: `user.id` is the identity.
fn user(call: String) -> GuardIdiom {
    GuardIdiom::lookup(call, "{v}", "user", "{v}", "{v}.id")
}

/// `const user = await getCurrentUser()`, `const session = await verifySession()`.
fn idiom(name: &str, _module: &str, _file: &FileText<'_>) -> Option<Option<GuardIdiom>> {
    Some(Some(match name {
        "currentUser" | "getCurrentUser" | "getUser" | "getViewer" | "getSessionUser" => {
            user(format!("await {name}()"))
        }
        "verifySession" => GuardIdiom {
            fails_closed: true,
            ..GuardIdiom::lookup(
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
        _ => return None,
    }))
}

/// Project helper names that look up the session (the user must check their result).
const HELPER_NAMES: &[&str] = &[
    "getCurrentUser",
    "getUser",
    "getSession",
    "currentUser",
    "getViewer",
    "getAuthUser",
    "getAuthSession",
    "getUserSession",
    "getLoggedInUser",
    "getSessionUser",
    "getServerUser",
    "getMe",
    "getAuth",
    "getCurrentSession",
    "getVerifiedUser",
    "getUserOrNull",
];

/// Prefixes of helpers that fail closed by themselves (`requireUser`, `assertAdmin`...).
const FAIL_CLOSED_PREFIXES: &[&str] = &["require", "ensure", "assert", "verify", "protect"];

/// Words in a fail-closed helper's name that mean it also checks a role.
const ROLE_WORDS: &[&str] = &[
    "admin",
    "role",
    "permission",
    "owner",
    "moderator",
    "staff",
    "superuser",
    "access",
    "member",
];

/// How a project helper named `last` (the callee's last segment) looks the caller up, judged by
/// its name alone.
pub fn classify(last: &str) -> Option<GuardKind> {
    if HELPER_NAMES.contains(&last) {
        return Some(NeedsCheck);
    }
    if let Some(kind) = classify_lookup_name(last) {
        return Some(kind);
    }
    if let Some(prefix) = FAIL_CLOSED_PREFIXES
        .iter()
        .find(|p| starts_with_word(last, p))
    {
        let rest = &last[prefix.len()..].to_ascii_lowercase();
        let looks_like_auth = [
            "user",
            "auth",
            "session",
            "login",
            "signedin",
            "loggedin",
            "admin",
            "role",
            "permission",
            "owner",
            "member",
            "access",
            "viewer",
            "account",
            "staff",
            "moderator",
            "superuser",
            "authenticated",
            "authorized",
            "org",
            "team",
            "workspace",
            "can",
            "is",
            "has",
        ]
        .iter()
        .any(|w| rest.contains(w));
        // A bare `assert(x)` is a generic assertion (see `builtins::is_assertion`), not a lookup.
        if (rest.is_empty() && *prefix != "assert") || looks_like_auth {
            let role = ROLE_WORDS.iter().any(|w| rest.contains(w));
            return Some(if role { RoleFailsClosed } else { FailsClosed });
        }
    }
    None
}

/// Session-lookup helpers named by convention rather than listed: `getAuthenticatedUser`,
/// `getSessionOrThrow`, `fetchCurrentUser`, `checkAuth`, `authenticate`, `authGuard`.
fn classify_lookup_name(name: &str) -> Option<GuardKind> {
    crate::catalog::fold::with_folded(name, b"", |n| {
        let subject = ["user", "session", "viewer", "account", "profile", "me"];
        let getter = ["get", "fetch", "load", "read", "resolve"];
        if let Some(g) = getter.iter().find(|g| starts_with_word(name, g)) {
            let rest = &n[g.len()..];
            let rest = rest.strip_prefix("current").unwrap_or(rest);
            let qualified = [
                "authenticated",
                "loggedin",
                "signedin",
                "verified",
                "session",
                "server",
                "valid",
                "auth",
            ]
            .iter()
            .find_map(|q| rest.strip_prefix(q));
            for candidate in [Some(rest), qualified].into_iter().flatten() {
                for s in subject {
                    let Some(tail) = candidate.strip_prefix(s) else {
                        continue;
                    };
                    // `getUserPosts`, `getSessionToken` are not lookups of the caller.
                    match tail {
                        "" | "ornull" | "orundefined" | "data" | "info" => return Some(NeedsCheck),
                        "orthrow" | "orredirect" | "or401" | "orfail" => return Some(FailsClosed),
                        _ => {}
                    }
                }
            }
            return None;
        }
        let checker = [
            "checkauth",
            "checksession",
            "checkuser",
            "checklogin",
            "authenticate",
            "authguard",
            "authcheck",
            "guardauth",
            "validatesession",
            "validateuser",
            "ensureauth",
            "mustbeloggedin",
            "mustbesignedin",
        ];
        if checker.iter().any(|c| {
            n == *c || n.starts_with(c) && n[c.len()..].chars().all(|ch| ch.is_ascii_alphanumeric())
        }) {
            return Some(NeedsCheck);
        }
        None
    })
}

/// `requireUser` starts with the word `require`; `requirements` does not.
fn starts_with_word(name: &str, prefix: &str) -> bool {
    name.starts_with(prefix)
        && name[prefix.len()..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_uppercase() || c == '_')
}
