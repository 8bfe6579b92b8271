//! What a project's `package.json` tells the analyzer: the packages it depends on. A project
//! that depends on no auth or identity package, and has no data model of accounts, has no
//! accounts at all (a public demo whose table anyone edits): its actions are public by design
//! (SPEC §3), except one that wipes a whole table.

use crate::catalog::libraries::auth;

/// The dependencies of a project, as its `package.json` lists them (`crates/project` reads it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Package names from `dependencies` and `devDependencies`.
    pub dependencies: Vec<String>,
    /// Whether any of them is a link to another package of the workspace (`workspace:*`,
    /// `file:..`, `link:..`), which could bring an auth package of its own.
    pub workspace_links: bool,
}

/// Words in a package's name that say it knows who the user is (beyond the auth families the
/// catalog knows by module): identity providers, token libraries, session stores.
const IDENTITY_WORDS: &[&str] = &[
    "auth",
    "clerk",
    "lucia",
    "supabase",
    "firebase",
    "kinde",
    "workos",
    "session",
    "passport",
    "jose",
    "jsonwebtoken",
    "jwt",
    "appwrite",
    "stack",
    "pocketbase",
    "convex",
    "oauth",
    "oidc",
    "keycloak",
    "cognito",
    "amplify",
    "magic",
    "stytch",
    "descope",
    "privy",
    "dynamic",
];

impl Manifest {
    /// Whether nothing the project depends on could tell who the user is: no auth or identity
    /// package, no workspace link, and at least one dependency (an empty or unreadable
    /// manifest tells nothing).
    pub fn has_no_identity(&self) -> bool {
        !self.workspace_links
            && !self.dependencies.is_empty()
            && !self
                .dependencies
                .iter()
                .any(|d| auth::is_auth_module(d) || names_identity(d))
    }
}

/// Whether a package's name has an identity word as one of its parts (`next-auth`,
/// `@auth/core`, `authkit-nextjs`, `iron-session`), not merely inside a longer word
/// (`class-variance-authority`).
fn names_identity(package: &str) -> bool {
    package
        .split(['/', '-', '@', '.', '_'])
        .filter(|part| !part.starts_with("author"))
        .any(|part| {
            IDENTITY_WORDS
                .iter()
                .any(|w| part == *w || part.starts_with(w) && w.len() >= 4)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(deps: &[&str]) -> Manifest {
        Manifest {
            dependencies: deps.iter().map(|d| d.to_string()).collect(),
            workspace_links: false,
        }
    }

    #[test]
    fn a_project_without_identity_packages_has_no_accounts() {
        assert!(manifest(&["next", "react", "drizzle-orm", "zod"]).has_no_identity());
        assert!(!manifest(&["next", "next-auth"]).has_no_identity());
        assert!(!manifest(&["next", "@clerk/nextjs"]).has_no_identity());
        assert!(!manifest(&["next", "iron-session"]).has_no_identity());
        assert!(!manifest(&[]).has_no_identity());
        // A word inside a longer one is no identity package.
        assert!(manifest(&["next", "class-variance-authority"]).has_no_identity());
        assert!(!manifest(&["@workos-inc/authkit-nextjs"]).has_no_identity());
        let linked = Manifest {
            workspace_links: true,
            ..manifest(&["next", "@acme/db"])
        };
        assert!(!linked.has_no_identity());
    }
}
