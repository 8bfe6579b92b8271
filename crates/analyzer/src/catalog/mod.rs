//! What the analyzer knows about the ecosystem, as data: auth libraries and their guard calls,
//! ORMs and their sinks, the calls that end an action, schema validators.
//!
//! Adding a library should be a table entry plus a fixture. Every table matches on a call's
//! *callee path*: the dotted names of the callee with `await`, `?.`, `!` and call parentheses
//! removed — `(await createClient()).auth.getUser()` has the path `createClient.auth.getUser`.

pub mod builtins;
pub mod exits;
pub mod fold;
pub mod guards;
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
