//! What the analyzer knows about the ecosystem, as data: one module per library family in
//! [`libraries`] (its sinks, session lookups, fix idioms), the generic tables assembled from
//! them ([`sinks`], [`guards`]), the calls that end an action, naming conventions.
//!
//! Adding a library is a module in `libraries/`, a registry line and a fixture. Every table matches on a call's
//! *callee path*: the dotted names of the callee with `await`, `?.`, `!` and call parentheses
//! removed — `(await createClient()).auth.getUser()` has the path `createClient.auth.getUser`.

pub mod builtins;
pub mod exits;
pub mod fold;
pub mod guards;
pub mod libraries;
pub mod names;
pub mod sinks;

/// True when `path` ends with the dotted `suffix` on a segment boundary
/// (`supabase.auth.getUser` ends with `auth.getUser` but `xauth.getUser` does not).
pub fn path_ends_with(path: &str, suffix: &str) -> bool {
    path == suffix
        || (path.len() > suffix.len()
            && path.ends_with(suffix)
            && path.as_bytes()[path.len() - suffix.len() - 1] == b'.')
}

/// The last segment of a dotted path.
pub fn last_segment(path: &str) -> &str {
    path.rsplit('.').next().unwrap_or(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffixes_match_on_segment_boundaries() {
        assert!(path_ends_with("supabase.auth.getUser", "auth.getUser"));
        assert!(path_ends_with("auth.getUser", "auth.getUser"));
        assert!(!path_ends_with("xauth.getUser", "auth.getUser"));
        assert_eq!(last_segment("a.b.c"), "c");
    }
}
