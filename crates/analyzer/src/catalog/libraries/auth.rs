//! What the auth library families share: the shape of a family's knowledge ([`AuthFamily`]),
//! their registry ([`AUTH_FAMILIES`], in order), and how a fix looks the caller up
//! ([`GuardIdiom`], [`idiom_for`]).
//!
//! A fix that adds a login check uses the session helper the file already imports — Supabase's
//! `auth.getUser()`, better-auth's `auth.api.getSession({ headers })`, Clerk's `auth()` — and
//! binds an identity that is never optional, so an owner filter built from it can never be
//! `undefined` (Prisma drops `undefined` filters and would match every row).

use super::{
    better_auth, clerk, iron_session, kinde, lucia, next_auth, session_helpers, supabase, tokens,
    workos,
};
use crate::catalog::guards::GuardEntry;

/// How a fix looks the caller up with `name` imported from `module`, judged with the file's
/// text: `None` when the family does not claim the import, `Some(None)` when it claims it but
/// has no lookup to offer.
pub type IdiomFn = fn(name: &str, module: &str, file: &FileText<'_>) -> Option<Option<GuardIdiom>>;

/// A file's text, with what the idioms ask of it read once: a file with many helpers asks about
/// each of them, and a search of the whole text per question made big files quadratic.
pub struct FileText<'s> {
    /// The file's text.
    pub source: &'s str,
    /// The identifiers written right before `.api.` (`auth` in `auth.api.getSession`).
    api_receivers: std::cell::OnceCell<rustc_hash::FxHashSet<&'s str>>,
}

impl<'s> FileText<'s> {
    /// The text, nothing read yet.
    pub fn new(source: &'s str) -> Self {
        FileText {
            source,
            api_receivers: std::cell::OnceCell::new(),
        }
    }

    /// Whether the text contains `{name}.api.` (better-auth's server API called on `name`).
    pub fn calls_api_on(&self, name: &str) -> bool {
        if name.is_empty() || !name.chars().all(is_word_char) {
            return self.source.contains(&format!("{name}.api."));
        }
        // `name` is made of word characters, so it ends right before `.api.` exactly when it
        // is a suffix of the run of word characters there.
        self.api_receivers
            .get_or_init(|| {
                self.source
                    .match_indices(".api.")
                    .map(|(at, _)| {
                        let before = &self.source[..at];
                        let start = before
                            .char_indices()
                            .rev()
                            .find(|&(_, c)| !is_word_char(c))
                            .map_or(0, |(i, c)| i + c.len_utf8());
                        &before[start..]
                    })
                    .collect()
            })
            .iter()
            .any(|receiver| receiver.ends_with(name))
    }
}

/// All one auth library family knows, as the generic tables read it.
pub struct AuthFamily {
    /// Its session lookups, as callee-path suffixes.
    pub guards: &'static [GuardEntry],
    /// Module specifiers (or parts of them) of its packages: a file importing one already has
    /// its way of looking the caller up, and never gets another library's helper.
    pub modules: &'static [&'static str],
    /// How a fix looks the caller up with it, if it can.
    pub idiom: Option<IdiomFn>,
    /// Functions on its lookup's result that are always present (Clerk's `has`, `protect`):
    /// testing them proves nothing.
    pub result_methods: &'static [&'static str],
    /// Options in a lookup's call that make it fail closed by itself
    /// (WorkOS `withAuth({ ensureSignedIn: true })`).
    pub closing_options: &'static [&'static str],
}

/// The auth library families, in the order their lookups and idioms are tried.
pub const AUTH_FAMILIES: &[&AuthFamily] = &[
    &better_auth::AUTH,
    &supabase::AUTH,
    &clerk::AUTH,
    &kinde::AUTH,
    &workos::AUTH,
    &next_auth::AUTH,
    &lucia::AUTH,
    &session_helpers::AUTH,
    &iron_session::AUTH,
    &tokens::AUTH,
];

/// Every family's session lookups, in registry order.
pub fn library_guards() -> impl Iterator<Item = &'static GuardEntry> {
    AUTH_FAMILIES.iter().flat_map(|f| f.guards.iter())
}

/// Whether importing from `module` means the file uses an auth library.
pub fn is_auth_module(module: &str) -> bool {
    AUTH_FAMILIES
        .iter()
        .flat_map(|f| f.modules.iter())
        .any(|m| module.contains(m))
}

/// Whether `name`, bound from a lookup's result, is one of its always-present functions.
pub fn is_result_method(name: &str) -> bool {
    AUTH_FAMILIES
        .iter()
        .any(|f| f.result_methods.contains(&name))
}

/// Whether a lookup call's text (`withAuth({ ensureSignedIn: true })`) asks it to fail closed.
pub fn asks_to_fail_closed(call_text: &str) -> bool {
    AUTH_FAMILIES
        .iter()
        .flat_map(|f| f.closing_options.iter())
        .any(|o| call_text.contains(o))
}

/// The idiom for `name` imported from `module`, judged with the file's text (`source`).
pub fn idiom_for(name: &str, module: &str, file: &FileText<'_>) -> Option<GuardIdiom> {
    AUTH_FAMILIES
        .iter()
        .filter_map(|f| f.idiom)
        .find_map(|idiom| idiom(name, module, file))
        .flatten()
}

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
    /// A lookup that needs a check, imports nothing and assumes nothing.
    pub fn lookup(
        call: String,
        pattern: &'static str,
        var: &'static str,
        present: &'static str,
        identity: &'static str,
    ) -> GuardIdiom {
        GuardIdiom {
            imports: Vec::new(),
            call,
            pattern,
            var,
            fails_closed: false,
            present,
            identity,
            assumption: None,
        }
    }

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

/// Whether the file imports a binding called `name` (the clauses of its `import` statements,
/// also when they span several lines).
pub fn imports_name(source: &str, name: &str) -> bool {
    import_clauses(source).any(|clause| clause_words(clause).any(|w| w == name))
}

/// Every word of the file's import clauses, for asking [`imports_name`]'s question many times.
pub fn import_clause_words(source: &str) -> rustc_hash::FxHashSet<String> {
    import_clauses(source)
        .flat_map(clause_words)
        .map(str::to_string)
        .collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// The words of one import clause.
fn clause_words(clause: &str) -> impl Iterator<Item = &str> {
    clause
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// The clauses of the file's `import` statements: the text between `import` and ` from `.
fn import_clauses(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = source;
    std::iter::from_fn(move || loop {
        let at = rest.find("import")?;
        let before = &source[..source.len() - rest.len() + at];
        rest = &rest[at + "import".len()..];
        if before.chars().last().is_some_and(is_word_char) {
            continue;
        }
        match rest.find(" from ") {
            Some(end) if !rest[..end].contains(';') => return Some(&rest[..end]),
            _ => continue,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_clause_words_answer_as_imports_name() {
        let text = "import { and, eq as equal } from \"drizzle-orm\";\nimport type {\n  Session,\n} from \"x\";\nconst reimport = 1; import(\"y\");";
        let words = import_clause_words(text);
        for name in [
            "and", "eq", "equal", "as", "Session", "type", "reimport", "y", "x",
        ] {
            assert_eq!(words.contains(name), imports_name(text, name), "{name}");
        }
    }

    #[test]
    fn api_receivers_answer_as_a_search_of_the_text_would() {
        let texts = [
            "const s = await auth.api.getSession({ headers });",
            "await ctx.auth.api.x(); é.api.y; $a_b.api.z",
            "no api here: auth.apix, auth .api.",
            "",
        ];
        let names = [
            "auth", "th", "ctx", "é", "$a_b", "a_b", "b", "x", "auth.", "api", "",
        ];
        for text in texts {
            let file = FileText::new(text);
            for name in names {
                assert_eq!(
                    file.calls_api_on(name),
                    text.contains(&format!("{name}.api.")),
                    "{name:?} in {text:?}"
                );
            }
        }
    }
    use crate::catalog::path_ends_with;

    #[test]
    fn each_library_gets_its_own_lookup() {
        let ba = idiom_for(
            "auth",
            "@/lib/auth",
            &FileText::new("auth.api.getSession({ headers })"),
        )
        .unwrap();
        assert_eq!(
            ba.declaration("session"),
            "const session = await auth.api.getSession({ headers: await headers() });"
        );
        assert_eq!(ba.imports.len(), 1);
        let clerk = idiom_for("auth", "@clerk/nextjs/server", &FileText::new("")).unwrap();
        assert_eq!(
            clerk.declaration("userId"),
            "const { userId } = await auth();"
        );
        assert_eq!(
            clerk.declaration("callerId"),
            "const { userId: callerId } = await auth();"
        );
        let supa = idiom_for(
            "createClient",
            "@/utils/supabase/server",
            &FileText::new(""),
        )
        .unwrap();
        assert_eq!(
            supa.declaration("user"),
            "const { data: { user } } = await (await createClient()).auth.getUser();"
        );
        assert!(idiom_for("createServerClient", "@supabase/ssr", &FileText::new("")).is_none());
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

    /// No lookup path ends with another on a segment boundary (`auth` matches only itself), so
    /// the order of the families never decides which lookup a call is.
    #[test]
    fn lookups_never_overlap() {
        let all: Vec<&GuardEntry> = library_guards().collect();
        for a in &all {
            for b in &all {
                if !std::ptr::eq(*a, *b) && b.path != "auth" {
                    assert!(!path_ends_with(a.path, b.path), "{} / {}", a.path, b.path);
                }
            }
        }
    }
}
