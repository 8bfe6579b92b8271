//! Auth libraries: which calls look up the caller from the server-side session, and how each
//! one fails.

use super::{last_segment, path_ends_with};

/// How a guard call behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuardKind {
    /// Returns the session or user (or `null`): the result must be checked.
    NeedsCheck,
    /// Throws or redirects by itself when there is no user.
    FailsClosed,
    /// Fails closed by itself and also checks a role or permission.
    RoleFailsClosed,
    /// Always returns an object (iron-session): the guard is a check of one of its fields.
    AlwaysObject,
    /// Returns functions (Kinde `getKindeServerSession()`): calling them is the lookup.
    Factory,
    /// Reads identity without verifying it (`supabase.auth.getSession()`, `jwt.decode`).
    Unverified,
}

/// A library guard: a callee-path suffix and its kind.
#[derive(Debug, Clone, Copy)]
pub struct GuardEntry {
    /// Callee path suffix, matched on segment boundaries.
    pub path: &'static str,
    /// How it behaves.
    pub kind: GuardKind,
    /// The library, for messages.
    pub library: &'static str,
}

const fn g(path: &'static str, kind: GuardKind, library: &'static str) -> GuardEntry {
    GuardEntry {
        path,
        kind,
        library,
    }
}

use GuardKind::*;

/// Guards of the auth libraries named in the spec. Longer (more specific) paths come first.
pub const LIBRARY_GUARDS: &[GuardEntry] = &[
    // Supabase
    g("auth.getSession", Unverified, "Supabase"),
    g("auth.getUser", NeedsCheck, "Supabase"),
    g("auth.getClaims", NeedsCheck, "Supabase"),
    // Clerk
    g("auth.protect", FailsClosed, "Clerk"),
    g("currentUser", NeedsCheck, "Clerk"),
    // better-auth
    g("api.getSession", NeedsCheck, "better-auth"),
    // Lucia
    g("validateRequest", NeedsCheck, "Lucia"),
    g("lucia.validateSession", NeedsCheck, "Lucia"),
    g("validateSessionToken", NeedsCheck, "Lucia"),
    // iron-session
    g("getIronSession", AlwaysObject, "iron-session"),
    // Kinde
    g("getKindeServerSession", Factory, "Kinde"),
    // next-auth v4 / Auth.js / Clerk
    g("getServerSession", NeedsCheck, "next-auth"),
    g("getServerAuthSession", NeedsCheck, "next-auth"),
    g("auth", NeedsCheck, "Auth.js"),
    // WorkOS
    g("withAuth", NeedsCheck, "WorkOS"),
    g("getSignInUrl", Unverified, "WorkOS"),
    // Verified token / sealed-cookie reads (the Next.js docs "stateless session" pattern).
    g("jwtVerify", FailsClosed, "jose"),
    g("jwt.verify", FailsClosed, "jsonwebtoken"),
    g("verifyJwt", NeedsCheck, "project helper"),
    g("unsealData", NeedsCheck, "iron-session"),
    g("decrypt", NeedsCheck, "session cookie"),
    g("decryptSession", NeedsCheck, "session cookie"),
    // Firebase Admin: verify the ID token or session cookie the client sends, throw when invalid.
    g("verifyIdToken", FailsClosed, "Firebase Admin"),
    g("verifySessionCookie", FailsClosed, "Firebase Admin"),
    // next-auth's JWT read (`getToken({ req })`): `null` when there is no valid token.
    g("getToken", NeedsCheck, "next-auth"),
    // unverified token reads
    g("jwt.decode", Unverified, "jsonwebtoken"),
    g("decodeJwt", Unverified, "jose"),
    g("jwtDecode", Unverified, "jwt-decode"),
];

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

/// What the catalog knows about a call, judged by its callee path only.
pub fn classify_by_name(path: &str, has_function_arg: bool) -> Option<(GuardKind, &'static str)> {
    let last = last_segment(path);
    // `withAuth(async (user) => ..)` is a wrapper, not a lookup.
    if has_function_arg {
        return None;
    }
    for entry in LIBRARY_GUARDS {
        if path_ends_with(path, entry.path) {
            // `auth` alone only when it is a call of `auth` itself, not `x.auth`.
            if entry.path == "auth" && path != "auth" {
                continue;
            }
            return Some((entry.kind, entry.library));
        }
    }
    if HELPER_NAMES.contains(&last) {
        return Some((NeedsCheck, "project helper"));
    }
    if let Some(kind) = classify_lookup_name(last) {
        return Some((kind, "project helper"));
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
        if rest.is_empty() || looks_like_auth {
            let role = ROLE_WORDS.iter().any(|w| rest.contains(w));
            return Some((
                if role { RoleFailsClosed } else { FailsClosed },
                "project helper",
            ));
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

/// Wrapper names that authenticate the function they wrap
/// (`withAuth(async (user, formData) => ..)`).
pub fn is_auth_wrapper_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"", |n| {
        [
            "withauth",
            "withuser",
            "withsession",
            "authenticated",
            "withauthentication",
            "protected",
            "withprotection",
            "requireauth",
            "requireuser",
            "withadmin",
            "withrole",
            "withpermission",
            "authaction",
            "authedaction",
            "withauthenticateduser",
            "withloggedinuser",
            "withteam",
            "withorg",
            "withworkspace",
            "protect",
            "withcurrentuser",
            "withviewer",
            "adminaction",
            "useraction",
        ]
        .iter()
        // `validatedActionWithUser(schema, async (data, formData, user) => ..)` (Vercel's
        // SaaS starter), `createActionWithAuth(..)`: a `with…` word that ends the name
        // (`rateLimitWithUserIp` is about something else).
        .any(|w| n == *w || n.starts_with(w) || (w.starts_with("with") && n.ends_with(w)))
    })
}

/// Wrapper names that also check a role.
pub fn is_role_wrapper_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"", |n| {
        n.contains("admin") || n.contains("role") || n.contains("permission")
    })
}

/// Action-client names that carry auth middleware, used when their definition is not available
/// (`authActionClient`, `authedProcedure`, `protectedAction`, `userActionClient`).
pub fn is_auth_client_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"", |n| {
        if n.contains("public") || n.contains("unauth") || n.contains("anon") {
            return false;
        }
        [
            "auth",
            "protected",
            "private",
            "user",
            "admin",
            "member",
            "session",
            "secure",
            "signedin",
            "loggedin",
            "owner",
            "team",
            "org",
        ]
        .iter()
        .any(|w| n.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_guards_are_recognised() {
        assert_eq!(classify_by_name("auth", false).unwrap().0, NeedsCheck);
        assert_eq!(
            classify_by_name("auth.protect", false).unwrap().0,
            FailsClosed
        );
        assert_eq!(
            classify_by_name("supabase.auth.getUser", false).unwrap().0,
            NeedsCheck
        );
        assert_eq!(
            classify_by_name("supabase.auth.getSession", false)
                .unwrap()
                .0,
            Unverified
        );
        assert_eq!(
            classify_by_name("getIronSession", false).unwrap().0,
            AlwaysObject
        );
        assert_eq!(
            classify_by_name("getKindeServerSession", false).unwrap().0,
            Factory
        );
        assert_eq!(
            classify_by_name("auth.api.getSession", false).unwrap().0,
            NeedsCheck
        );
    }

    #[test]
    fn helper_names_follow_the_prefix_convention() {
        assert_eq!(
            classify_by_name("requireUser", false).unwrap().0,
            FailsClosed
        );
        assert_eq!(
            classify_by_name("requireAdmin", false).unwrap().0,
            RoleFailsClosed
        );
        assert_eq!(
            classify_by_name("verifySession", false).unwrap().0,
            FailsClosed
        );
        assert_eq!(
            classify_by_name("getCurrentUser", false).unwrap().0,
            NeedsCheck
        );
        assert!(classify_by_name("requirements", false).is_none());
        assert!(classify_by_name("ensureDirectory", false).is_none());
        assert!(classify_by_name("withAuth", true).is_none());
    }

    #[test]
    fn conventional_lookup_names() {
        assert_eq!(
            classify_by_name("getAuthenticatedUser", false).unwrap().0,
            NeedsCheck
        );
        assert_eq!(
            classify_by_name("getSessionOrThrow", false).unwrap().0,
            FailsClosed
        );
        assert_eq!(
            classify_by_name("fetchCurrentUser", false).unwrap().0,
            NeedsCheck
        );
        assert_eq!(classify_by_name("checkAuth", false).unwrap().0, NeedsCheck);
        assert!(classify_by_name("getUserPosts", false).is_none());
        assert!(classify_by_name("getSessionToken", false).is_none());
        assert!(classify_by_name("getProfileImage", false).is_none());
    }

    #[test]
    fn client_names() {
        assert!(is_auth_client_name("authActionClient"));
        assert!(is_auth_client_name("authedProcedure"));
        assert!(!is_auth_client_name("actionClient"));
        assert!(!is_auth_client_name("publicAction"));
    }
}
