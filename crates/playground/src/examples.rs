//! The examples gallery: every vulnerable and fixed example of the articles in `shared/seeds/`,
//! and one example per auth library and ORM the analyzer knows, each with a one-line lesson.
//!
//! The article examples are the seed fixtures (`tests/fixtures/seeds/`, labels removed by
//! `build.rs`); the library examples live in `crates/playground/examples/`. Both are compiled in
//! with `include_str!`. The
//! tests below analyse every example and check that it reports what its card promises, so the
//! gallery cannot drift from the analyzer.

/// Where an example comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// From one of the articles the rules were written from.
    Article,
    /// One auth library or ORM at work.
    Library,
    /// An action and the project files it imports, as tabs.
    Project,
}

impl Group {
    /// Heading of the group in the gallery.
    pub fn title(self) -> &'static str {
        match self {
            Group::Article => "From the articles",
            Group::Library => "Auth libraries and ORMs",
            Group::Project => "Across files",
        }
    }
}

/// Whether the example is the bug or its fix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The vulnerable version.
    Vulnerable,
    /// The fixed (or safe) version.
    Fixed,
}

impl Variant {
    /// Badge text.
    pub fn label(self) -> &'static str {
        match self {
            Variant::Vulnerable => "vulnerable",
            Variant::Fixed => "fixed",
        }
    }
}

/// One gallery entry.
#[derive(Debug, Clone, Copy)]
pub struct Example {
    /// Stable id (for a library example, its file name under `crates/playground/examples/`).
    pub id: &'static str,
    /// Card title.
    pub title: &'static str,
    /// What the example teaches, in one line.
    pub lesson: &'static str,
    /// Library / source tags shown on the card.
    pub tags: &'static str,
    /// Its group.
    pub group: Group,
    /// Bug or fix.
    pub variant: Variant,
    /// File name the code is analysed as.
    pub file_name: &'static str,
    /// The code.
    pub code: &'static str,
    /// The rules it reports, in report order (what the card promises).
    pub expect: &'static [&'static str],
    /// The project files it imports, opened as further tabs: (file name, code).
    pub helpers: &'static [(&'static str, &'static str)],
}

impl Example {
    /// Every file of the example, the action's first (one tab each).
    pub fn files(&self) -> Vec<(&'static str, &'static str)> {
        std::iter::once((self.file_name, self.code))
            .chain(self.helpers.iter().copied())
            .collect()
    }
}

macro_rules! example {
    // An article example: a seed fixture, without its `// expect:` labels (see `build.rs`).
    (seed $id:literal = $fixture:literal, $($rest:tt)*) => {
        example!(@card $id, include_str!(concat!(env!("OUT_DIR"), "/seeds/", $fixture)), $($rest)*)
    };
    (@card $id:literal, $code:expr, $file:literal, $group:ident, $variant:ident, $title:literal, $tags:literal, $lesson:literal, [$($rule:literal),*]) => {
        Example {
            id: $id,
            title: $title,
            lesson: $lesson,
            tags: $tags,
            group: Group::$group,
            variant: Variant::$variant,
            file_name: $file,
            code: $code,
            expect: &[$($rule),*],
            helpers: &[],
        }
    };
    // A multi-file example: `crates/playground/projects/<id>/`, the action file first.
    (project $id:literal, $file:literal + [$($helper:literal),*], $group:ident, $variant:ident, $title:literal, $tags:literal, $lesson:literal, [$($rule:literal),*]) => {
        Example {
            helpers: &[$(($helper, include_str!(concat!("../projects/", $id, "/", $helper)))),*],
            ..example!(@card $id, include_str!(concat!("../projects/", $id, "/", $file)), $file, $group, $variant, $title, $tags, $lesson, [$($rule),*])
        }
    };
    // A library example: its file under `crates/playground/examples/`.
    ($id:literal, $($rest:tt)*) => {
        example!(@card $id, include_str!(concat!("../examples/", $id)), $($rest)*)
    };
}

/// Every example, in gallery order. The first one is the playground's default.
pub static EXAMPLES: &[Example] = &[
    example!(seed "seed-posts-vulnerable.ts" = "001-posts.vulnerable.ts", "app/actions/posts.ts", Article, Vulnerable,
        "deletePost / updatePost with no auth", "Prisma · GuardLayer article",
        "An action is a public POST endpoint: the dashboard's login does not protect it.",
        ["missing-authn", "missing-authn", "unvalidated-input"]),
    example!(seed "seed-posts-fixed.ts" = "001-posts.fixed.ts", "app/actions/posts.ts", Article, Fixed,
        "deletePost scoped to its author", "Prisma · GuardLayer article",
        "Authenticate from the session, then scope the write: deleteMany({ id, authorId }) + a count check.",
        []),
    example!(seed "seed-transfer-funds-vulnerable.ts" = "000-transfer-funds.vulnerable.ts", "app/actions/transfer.ts", Article, Vulnerable,
        "transferFunds with no session", "Securie guide",
        "Running on the server is not the same as being authenticated.",
        ["missing-authn", "unvalidated-input"]),
    example!(seed "seed-transfer-funds-fixed.ts" = "000-transfer-funds.fixed.ts", "app/actions/transfer.ts", Article, Fixed,
        "transferFunds with auth() and the caller's account", "Auth.js · Securie guide",
        "Fail closed on a missing session, and take the from-account from the session, not the client.",
        ["unvalidated-input"]),
    example!(seed "seed-delete-post-action-vulnerable.ts" = "002-actions.vulnerable.ts", "app/dashboard/posts/actions.ts", Article, Vulnerable,
        "\u{201c}The page already verified the user\u{201d}", "DAL article",
        "A check in the page that renders the button never runs for a direct POST to the action.",
        ["missing-authn"]),
    example!(seed "seed-delete-post-action-fixed.ts" = "002-actions.fixed.ts", "app/dashboard/posts/actions.ts", Article, Fixed,
        "verifySession() + an ownership check", "DAL article",
        "The action is its own entry point: verify the session, then compare the owner before deleting.",
        []),
    example!(seed "seed-delete-post-action-dal.ts" = "002-thin-action-dal.fixed.ts", "app/dashboard/posts/actions.ts", Article, Fixed,
        "A thin action over the Data Access Layer", "DAL article",
        "Pasted alone, an imported helper is judged by its name; the CLI reads its real definition.",
        []),
    example!(seed "seed-update-profile-raw.ts" = "002-update-profile-raw.vulnerable.ts", "app/profile/actions.ts", Article, Vulnerable,
        "updateProfile returns the raw user row", "Prisma · DAL article",
        "Whatever an action returns is serialised to the browser \u{2014} password hash included.",
        ["raw-record-return", "unvalidated-input"]),
    example!(seed "seed-update-profile-dto.ts" = "002-update-profile-dto.fixed.ts", "app/profile/actions.ts", Article, Fixed,
        "updateProfile returns a DTO", "Prisma · DAL article",
        "Return only what the UI needs.",
        ["unvalidated-input"]),
    example!(seed "seed-delete-user-vulnerable.ts" = "003-delete-user.vulnerable.ts", "app/actions/users.ts", Article, Vulnerable,
        "deleteUser: \u{201c}Anyone can call this!\u{201d}", "Next.js best practices",
        "An action that deletes users needs a session and an admin (or self) check.",
        ["missing-authn"]),
    example!(seed "seed-delete-user-fixed.ts" = "003-delete-user.fixed.ts", "app/actions/users.ts", Article, Fixed,
        "deleteUser with a role check", "Next.js best practices",
        "Authenticate, then authorize: admins may delete anyone, users only themselves.",
        []),
    example!(seed "seed-update-profile-zod.ts" = "003-update-profile-validated.fixed.ts", "app/actions/profile.ts", Article, Fixed,
        "Validate, authenticate, authorize", "zod · Next.js best practices",
        "Schema validation checks the shape of input, the session decides who may change it.",
        []),
    example!(seed "seed-delete-post-authjs.ts" = "004-delete-post.fixed.ts", "app/actions/posts.ts", Article, Fixed,
        "deletePost with auth() and an ownership check", "Auth.js · course lesson",
        "redirect('/login') fails closed; the author-or-admin check runs before the delete.",
        []),
    example!(seed "seed-ban-user-require-admin.ts" = "004-ban-user.fixed.ts", "app/actions/admin.ts", Article, Fixed,
        "banUser behind requireAdmin()", "course lesson",
        "A require* helper that throws or redirects is a guard that cannot be forgotten halfway.",
        []),
    example!("lib-authjs-prisma.ts", "app/todos/actions.ts", Library, Vulnerable,
        "Signed in is not allowed", "Auth.js · Prisma",
        "Authentication alone lets any user edit any row: scope the update to the session's user.",
        ["missing-authz", "unvalidated-input"]),
    example!("lib-nextauth-drizzle.ts", "app/projects/actions.ts", Library, Vulnerable,
        "A session that is never checked", "next-auth v4 · Drizzle",
        "getServerSession() only helps when a missing session ends the action.",
        ["unchecked-session"]),
    example!("lib-clerk-drizzle.ts", "app/notes/actions.ts", Library, Vulnerable,
        "The owner comes from the form", "Clerk · Drizzle",
        "Identity must come from auth(), never from formData.",
        ["client-identity", "unvalidated-input"]),
    example!("lib-supabase-getsession.ts", "app/profile/actions.ts", Library, Vulnerable,
        "getSession() on the server", "Supabase",
        "getSession() trusts the cookie; use getUser() or getClaims(), which verify it.",
        ["unverified-session", "unvalidated-input"]),
    example!("lib-supabase-service-role.ts", "app/avatars/actions.ts", Library, Vulnerable,
        "The service-role key for a user's own change", "Supabase",
        "The service-role client bypasses Row Level Security: keep it out of user-driven actions.",
        ["service-role-client"]),
    example!("lib-better-auth-kysely.ts", "app/workspaces/actions.ts", Library, Vulnerable,
        "The check after the write", "better-auth · Kysely",
        "A session check after the mutation protects nothing: it has already happened.",
        ["auth-after-mutation", "unvalidated-input"]),
    example!("lib-lucia-knex.ts", "app/tasks/actions.ts", Library, Fixed,
        "Validated, authenticated, owner-scoped", "Lucia · Knex · zod",
        "The clean shape: session check, schema parse, and a where() that includes the owner.",
        []),
    example!("lib-iron-session-kv.ts", "app/cart/actions.ts", Library, Vulnerable,
        "An iron-session that is always truthy", "iron-session · Vercel KV",
        "getIronSession() returns an object for everyone: the guard is the check of session.userId.",
        ["unchecked-session"]),
    example!("lib-kinde-mongoose.ts", "app/recipes/actions.ts", Library, Vulnerable,
        "A whole Mongoose document returned", "Kinde · Mongoose",
        "Scoped correctly, but the raw document leaks every field: select or map to a DTO.",
        ["raw-record-return"]),
    example!("lib-workos-sql.ts", "app/tickets/actions.ts", Library, Vulnerable,
        "An UPDATE keyed only by the client's id", "WorkOS AuthKit · SQL template",
        "ensureSignedIn is authentication; the WHERE clause still needs the caller's id.",
        ["missing-authz"]),
    example!("lib-next-safe-action.ts", "app/api-keys/actions.ts", Library, Vulnerable,
        "A safe-action client without auth middleware", "next-safe-action · Prisma",
        "An input schema is not a login check: use a client whose .use() middleware fails closed.",
        ["missing-authn"]),
    example!("lib-zsa.ts", "app/events/actions.ts", Library, Vulnerable,
        "A zsa action with no procedure", "zsa · Drizzle",
        "createServerAction() alone is public: check the session in the handler, or build it on an authed procedure.",
        ["missing-authn"]),
    example!("lib-inline-page.tsx", "app/admin/users/page.tsx", Library, Vulnerable,
        "An inline action in an admin page", "Auth.js · Prisma · TSX",
        "The page's admin check does not guard the inline action it renders.",
        ["missing-authn"]),
    example!("lib-stripe-refund.js", "app/billing/actions.js", Library, Vulnerable,
        "Refund any payment", "Stripe · JavaScript",
        "Payment side effects need authorization too: check the payment belongs to the caller.",
        ["missing-authz", "unvalidated-input"]),
    example!(project "dal-thin-action" , "app/notes/actions.ts" + ["lib/dal.ts"], Project, Fixed,
        "A thin action over its Data Access Layer", "DAL article · Auth.js · Prisma · 2 files",
        "The action checks nothing itself: the DAL verifies the session and scopes the write.",
        []),
    example!(project "raw-query-module", "app/notes/actions.ts" + ["lib/queries.ts"], Project, Vulnerable,
        "The same action over raw queries", "Prisma · 2 files",
        "A helper in another file is judged by what it does: this one checks nobody.",
        ["missing-authn"]),
    example!(project "safe-action-client", "app/invoices/actions.ts" + ["lib/safe-action.ts"], Project, Vulnerable,
        "An action client with two middlewares", "next-safe-action · Prisma · 2 files",
        "The client's middleware signs the caller in; the action must still check the invoice is theirs.",
        ["missing-authz"]),
    example!(project "wrapper-in-helper", "app/bookmarks/actions.ts" + ["lib/with-user.ts"], Project, Fixed,
        "A wrapper defined in a helper file", "Auth.js · Prisma · 2 files",
        "withUser() looks the caller up and fails closed; the action scopes its delete to them.",
        []),
];

/// The example the playground opens with.
pub fn default_example() -> &'static Example {
    &EXAMPLES[0]
}

/// The example whose files are exactly `files` (name and code), if any: a link of an unchanged
/// example still shows its lesson.
pub fn matching(files: &[(&str, &str)]) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| {
        let own = e.files();
        own.len() == files.len()
            && own
                .iter()
                .zip(files)
                .all(|((n, c), (m, d))| n == m && crate::state::normalize_newlines(c) == **d)
    })
}

/// The teaching track: the gallery's order (the articles' examples first, then one per library,
/// then across files). Returns the example's place (from 1), and the ones before and after it.
pub fn track_position(
    id: &str,
) -> Option<(usize, Option<&'static Example>, Option<&'static Example>)> {
    let i = EXAMPLES.iter().position(|e| e.id == id)?;
    Some((
        i + 1,
        i.checked_sub(1).map(|j| &EXAMPLES[j]),
        EXAMPLES.get(i + 1),
    ))
}

/// Looks an example up by id.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actiongate_analyzer::{analyze, analyze_with_loader, Options, Report};
    use actiongate_project::{MemoryFiles, Resolver};

    /// The example analysed as the playground does: its files are one project.
    fn report_of(e: &Example) -> Report {
        if e.helpers.is_empty() {
            return analyze(e.code, &Options::new(e.file_name));
        }
        let project = Resolver::new(MemoryFiles::new(e.files()).as_project());
        let path = MemoryFiles::path_of(e.file_name);
        analyze_with_loader(e.code, &Options::new(path.to_string_lossy()), &project)
    }

    fn rules_of(e: &Example) -> Vec<&'static str> {
        report_of(e).findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn the_track_walks_the_gallery_and_unchanged_examples_are_recognised() {
        let first = &EXAMPLES[0];
        let (n, prev, next) = track_position(first.id).unwrap();
        assert_eq!((n, prev.map(|e| e.id)), (1, None));
        assert_eq!(next.map(|e| e.id), Some(EXAMPLES[1].id));
        let last = EXAMPLES.last().unwrap();
        assert_eq!(track_position(last.id).unwrap().2.map(|e| e.id), None);
        assert_eq!(matching(&first.files()).map(|e| e.id), Some(first.id));
        let project = by_id("dal-thin-action").unwrap();
        assert_eq!(matching(&project.files()).map(|e| e.id), Some(project.id));
        assert!(matching(&[(first.file_name, "changed")]).is_none());
    }

    #[test]
    fn multi_file_examples_are_judged_by_their_helpers() {
        for e in EXAMPLES.iter().filter(|e| !e.helpers.is_empty()) {
            let report = report_of(e);
            assert!(
                report.assumptions.is_empty(),
                "{}: {:?}",
                e.id,
                report.assumptions
            );
            // Alone, the action file rests on an assumption or a guess.
            let alone = analyze(e.code, &Options::new(e.file_name));
            assert!(
                !alone.assumptions.is_empty() || alone.findings.len() != report.findings.len(),
                "{}: the helper changed nothing",
                e.id
            );
        }
    }

    fn is_high(rule: &str) -> bool {
        actiongate_analyzer::rule_by_id(rule)
            .is_some_and(|m| m.severity == actiongate_analyzer::Severity::High)
    }

    #[test]
    fn every_example_reports_the_high_findings_its_card_promises() {
        for e in EXAMPLES {
            let got: Vec<_> = rules_of(e).into_iter().filter(|r| is_high(r)).collect();
            let want: Vec<_> = e.expect.iter().copied().filter(|r| is_high(r)).collect();
            assert_eq!(got, want, "{}: high findings differ from the card", e.id);
        }
    }

    #[test]
    fn every_example_reports_the_other_rules_its_card_names() {
        for e in EXAMPLES {
            let got = rules_of(e);
            for rule in e.expect {
                assert!(got.contains(rule), "{}: expected {rule}, got {got:?}", e.id);
            }
        }
    }

    #[test]
    fn fixed_examples_have_no_high_findings_and_vulnerable_ones_have_findings() {
        for e in EXAMPLES {
            let rules = rules_of(e);
            match e.variant {
                Variant::Fixed => assert!(!rules.iter().any(|r| is_high(r)), "{}: {rules:?}", e.id),
                Variant::Vulnerable => assert!(!rules.is_empty(), "{}", e.id),
            }
        }
    }

    #[test]
    fn examples_parse_cleanly_have_valid_file_names_and_unique_ids() {
        let mut ids = std::collections::HashSet::new();
        for e in EXAMPLES {
            assert!(ids.insert(e.id), "duplicate id {}", e.id);
            assert!(
                actiongate_permalink::is_valid_file_name(e.file_name),
                "{}",
                e.file_name
            );
            assert!(e.lesson.len() < 120, "{}: a lesson is one line", e.id);
            let report = report_of(e);
            assert!(report.errors.is_empty(), "{}: {:?}", e.id, report.errors);
            assert!(!report.actions.is_empty(), "{}: no action found", e.id);
        }
    }

    #[test]
    fn the_gallery_covers_every_seed_article_and_the_libraries_of_the_spec() {
        let tags: String = EXAMPLES
            .iter()
            .map(|e| e.tags)
            .collect::<Vec<_>>()
            .join(" ");
        for lib in [
            "Auth.js",
            "next-auth",
            "Clerk",
            "Supabase",
            "better-auth",
            "Lucia",
            "iron-session",
            "Kinde",
            "WorkOS",
            "next-safe-action",
            "zsa",
            "Prisma",
            "Drizzle",
            "Kysely",
            "Knex",
            "Mongoose",
            "SQL",
            "KV",
            "Stripe",
        ] {
            assert!(tags.contains(lib), "no example for {lib}");
        }
        assert!(EXAMPLES
            .iter()
            .any(|e| e.group == Group::Article && e.variant == Variant::Vulnerable));
        assert_eq!(default_example().id, "seed-posts-vulnerable.ts");
        assert!(by_id("lib-zsa.ts").is_some());
    }
}
