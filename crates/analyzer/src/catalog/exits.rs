//! Calls that end the action: Next.js navigation helpers throw, so code after them never runs.

/// Functions whose call never returns normally (they throw a Next.js control-flow error).
pub const EXIT_CALLS: &[&str] = &[
    "redirect",
    "permanentRedirect",
    "notFound",
    "unauthorized",
    "forbidden",
    "process.exit",
];

/// Whether a call with this callee path ends the action.
pub fn is_exit_call(path: &str) -> bool {
    EXIT_CALLS
        .iter()
        .any(|name| super::path_ends_with(path, name))
}
