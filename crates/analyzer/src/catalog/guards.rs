//! Session lookups: which calls look up the caller from the server-side session, and how each
//! one fails — the auth libraries' lookups (each family's rows, in `catalog/libraries/`; a
//! project's own helpers by their naming conventions in `libraries/session_helpers.rs`) — and
//! the names of auth wrappers and action clients.

use super::libraries::{auth, session_helpers, Library};
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
    pub library: Library,
}

/// A lookup row of an auth family's table (`catalog/libraries/<family>.rs`).
pub const fn guard(path: &'static str, kind: GuardKind, library: Library) -> GuardEntry {
    GuardEntry {
        path,
        kind,
        library,
    }
}

/// What the catalog knows about a call, judged by its callee path only.
pub fn classify_by_name(path: &str, has_function_arg: bool) -> Option<(GuardKind, Library)> {
    let last = last_segment(path);
    // `withAuth(async (user) => ..)` is a wrapper, not a lookup.
    if has_function_arg {
        return None;
    }
    for entry in auth::library_guards() {
        if path_ends_with(path, entry.path) {
            // `auth` alone only when it is a call of `auth` itself, not `x.auth`.
            if entry.path == "auth" && path != "auth" {
                continue;
            }
            return Some((entry.kind, entry.library));
        }
    }
    session_helpers::classify(last).map(|kind| (kind, Library::ProjectHelper))
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
    use super::GuardKind::*;
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
