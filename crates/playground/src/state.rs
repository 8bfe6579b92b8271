//! The playground's state outside the editor: what the page starts with (from the URL), the
//! share and embed links, and the language selector. Pure functions over strings, so the URL
//! handling is tested natively; the browser code only reads `location` and writes `history`.

use actiongate_permalink::{
    decode_project, encode, encode_project, is_valid_file_name, DecodeError, PlaygroundState,
    ProjectFile, ProjectState, ViewOptions, MAX_CODE_BYTES,
};

use crate::examples::default_example;

/// The languages the selector offers: extension and label.
pub const LANGUAGES: [(&str, &str); 4] = [
    ("ts", "TypeScript"),
    ("tsx", "TSX"),
    ("js", "JavaScript"),
    ("jsx", "JSX"),
];

/// Extension of a file name (`ts` for `app/actions.ts`), lower case, or `""`.
pub fn extension(file_name: &str) -> &str {
    let last = file_name.rsplit('/').next().unwrap_or(file_name);
    last.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// `file_name` with its extension replaced by `ext`.
pub fn with_extension(file_name: &str, ext: &str) -> String {
    let (dir, last) = match file_name.rsplit_once('/') {
        Some((dir, last)) => (Some(dir), last),
        None => (None, file_name),
    };
    let stem = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    let stem = if stem.is_empty() { "actions" } else { stem };
    match dir {
        Some(dir) => format!("{dir}/{stem}.{ext}"),
        None => format!("{stem}.{ext}"),
    }
}

/// Normalises line endings to `\n`, which is what a `<textarea>` holds (so byte offsets into
/// the state and into the editor agree).
pub fn normalize_newlines(code: &str) -> String {
    if code.contains('\r') {
        code.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        code.to_owned()
    }
}

/// The default state: the first gallery example, fixed pane shown.
pub fn default_state() -> PlaygroundState {
    let example = default_example();
    PlaygroundState {
        code: example.code.to_owned(),
        file_name: example.file_name.to_owned(),
        selected: None,
        options: ViewOptions { show_fixed: true },
    }
}

/// What the page opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Startup {
    /// The state to show (the active file).
    pub state: PlaygroundState,
    /// Every file of a multi-file link, in tab order (empty for a single file).
    pub files: Vec<ProjectFile>,
    /// A message to show (a link that could not be opened).
    pub notice: Option<String>,
    /// Whether to render the compact embed view.
    pub embed: bool,
    /// Whether the state came from a link.
    pub from_link: bool,
}

/// The embed flag in a fragment: `#embed` or `#embed/<permalink>`.
const EMBED_FRAGMENT: &str = "embed";

/// The colours an embed uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follow the reader's system setting.
    #[default]
    Auto,
    /// Always light (a light-only blog).
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The `theme=` value (`None` for [`Theme::Auto`]).
    pub fn param(self) -> Option<&'static str> {
        match self {
            Theme::Auto => None,
            Theme::Light => Some("light"),
            Theme::Dark => Some("dark"),
        }
    }
}

/// How an embed looks and opens, from its query (`?embed&theme=dark&tab=fix`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    /// Its colours.
    pub theme: Theme,
    /// Whether the Fix tab opens first.
    pub open_fix: bool,
}

impl EmbedOptions {
    /// Reads `theme=` and `tab=` from `search`; anything else is the default.
    pub fn from_search(search: &str) -> EmbedOptions {
        let mut options = EmbedOptions::default();
        for pair in search.trim_start_matches('?').split('&') {
            match pair.split_once('=') {
                Some(("theme", "light")) => options.theme = Theme::Light,
                Some(("theme", "dark")) => options.theme = Theme::Dark,
                Some(("tab", "fix")) => options.open_fix = true,
                _ => {}
            }
        }
        options
    }

    /// The query after `?embed` (`&theme=dark&tab=fix`).
    pub fn query(self) -> String {
        let mut query = String::new();
        if let Some(theme) = self.theme.param() {
            query.push_str(&format!("&theme={theme}"));
        }
        if self.open_fix {
            query.push_str("&tab=fix");
        }
        query
    }
}

/// The iframe height that shows `lines` lines of code and `findings` findings rows with the
/// embed's header, within sensible bounds (px).
pub fn embed_height(lines: usize, findings: usize) -> u32 {
    const LINE: u32 = 20;
    const ROW: u32 = 60;
    // Header, the findings pane's head, and padding.
    const CHROME: u32 = 44 + 36 + 60;
    let rows = (findings.max(1) as u32).saturating_mul(ROW);
    (lines as u32)
        .saturating_mul(LINE)
        .saturating_add(rows)
        .saturating_add(CHROME)
        .clamp(260, 900)
}

/// Whether `search` (`location.search`) asks for embed mode: `?embed`, `?embed=1`, `?x&embed`.
pub fn search_has_embed(search: &str) -> bool {
    search.trim_start_matches('?').split('&').any(|pair| {
        pair.split('=').next() == Some("embed")
            && !matches!(pair.split_once('=').map(|(_, v)| v), Some("0" | "false"))
    })
}

/// Splits the embed flag off a fragment: `("#embed/v1.x")` → `(true, "v1.x")`.
pub fn split_embed_fragment(hash: &str) -> (bool, &str) {
    let body = hash.strip_prefix('#').unwrap_or(hash);
    if body == EMBED_FRAGMENT {
        return (true, "");
    }
    match body.strip_prefix("embed/") {
        Some(rest) => (true, rest),
        None => (false, body),
    }
}

/// Works out the starting state from `location.search` and `location.hash`. Never fails: a
/// link that cannot be decoded gives the default state and a message saying why.
pub fn startup(search: &str, hash: &str) -> Startup {
    let (embed_fragment, fragment) = split_embed_fragment(hash);
    let embed = embed_fragment || search_has_embed(search);
    match decode_project(fragment) {
        Ok(mut project) => {
            for file in &mut project.files {
                file.code = normalize_newlines(&file.code);
            }
            let active = &project.files[project.active.min(project.files.len() - 1)];
            Startup {
                state: PlaygroundState {
                    code: active.code.clone(),
                    file_name: active.name.clone(),
                    selected: project.selected,
                    options: project.options,
                },
                files: if project.files.len() > 1 {
                    project.files
                } else {
                    Vec::new()
                },
                notice: None,
                embed,
                from_link: true,
            }
        }
        Err(DecodeError::Empty) => Startup {
            state: default_state(),
            files: Vec::new(),
            notice: None,
            embed,
            from_link: false,
        },
        Err(err) => Startup {
            state: default_state(),
            files: Vec::new(),
            notice: Some(format!("{err} The default example is shown instead.")),
            embed,
            from_link: false,
        },
    }
}

/// Why a link cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The code is over the permalink limit.
    TooLarge,
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::TooLarge => write!(
                f,
                "The code is larger than 1 MB, so it can't be shared as a link."
            ),
        }
    }
}

/// The fragment (without `#`) for a state, or why there cannot be one.
pub fn share_fragment(state: &PlaygroundState) -> Result<String, ShareError> {
    if state.code.len() > MAX_CODE_BYTES {
        return Err(ShareError::TooLarge);
    }
    let mut state = state.clone();
    if !is_valid_file_name(&state.file_name) {
        state.file_name = actiongate_permalink::sanitize_file_name(&state.file_name);
    }
    Ok(encode(&state))
}

/// The fragment for several files (tabs), or why there cannot be one: one file gives the
/// single-file link, so links of one file stay as they were.
pub fn share_project_fragment(state: &ProjectState) -> Result<String, ShareError> {
    let total: usize = state.files.iter().map(|f| f.code.len()).sum();
    if total > MAX_CODE_BYTES {
        return Err(ShareError::TooLarge);
    }
    let mut state = state.clone();
    for file in &mut state.files {
        if !is_valid_file_name(&file.name) {
            file.name = actiongate_permalink::sanitize_file_name(&file.name);
        }
    }
    Ok(encode_project(&state))
}

/// A file name for code pasted over the whole editor: a path named in its first comment lines
/// (`// app/billing/actions.ts — ...`), else `app/actions.ts`, or `.tsx` when it holds JSX.
pub fn infer_file_name(code: &str) -> String {
    let named = code
        .lines()
        .take(3)
        .filter(|line| {
            let line = line.trim_start();
            line.starts_with("//") || line.starts_with("/*") || line.starts_with('*')
        })
        .flat_map(|line| {
            line.split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        })
        .map(|word| word.trim_matches(|c: char| matches!(c, '`' | '"' | '\'' | ':' | '*' | '/')))
        .find(|word| {
            matches!(extension(word), "ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs")
                && word.contains('/')
                && is_valid_file_name(word)
        });
    if let Some(name) = named {
        return name.to_owned();
    }
    let jsx = code.contains("</") || code.contains("/>");
    if jsx {
        "app/page.tsx"
    } else {
        "app/actions.ts"
    }
    .to_owned()
}

/// The tab a file imported as `specifier` from `importer` would live in
/// (`@/lib/dal` → `lib/dal.ts`, `./queries` next to the importer), or `None` for a package.
pub fn file_for_import(importer: &str, specifier: &str) -> Option<String> {
    let path = if let Some(rest) = specifier
        .strip_prefix("@/")
        .or_else(|| specifier.strip_prefix("~/"))
    {
        rest.to_owned()
    } else if specifier.starts_with("./") || specifier.starts_with("../") {
        let dir = importer.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for part in specifier.split('/') {
            match part {
                "." | "" => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        parts.join("/")
    } else {
        return None;
    };
    let path = path.trim_matches('/');
    if path.is_empty() {
        return None;
    }
    let ext = extension(path);
    let name = if matches!(ext, "ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs") {
        path.to_owned()
    } else {
        // The importer's language: a `.tsx` page imports `.ts` helpers.
        let ext = match extension(importer) {
            "js" | "jsx" | "mjs" | "cjs" => "js",
            _ => "ts",
        };
        format!("{path}.{ext}")
    };
    is_valid_file_name(&name).then_some(name)
}

/// The full link: `base` is the page's address without search or fragment.
pub fn share_url(base: &str, fragment: &str, embed: bool) -> String {
    if embed {
        format!("{base}?embed#{fragment}")
    } else {
        format!("{base}#{fragment}")
    }
}

/// Escapes text for an HTML attribute value in double quotes.
pub fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<iframe>` snippet for a blog post.
pub fn iframe_snippet(embed_url: &str, file_name: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:1px solid #d0d7de;border-radius:8px\"></iframe>",
        escape_attr(embed_url),
        escape_attr(&format!("actiongate: {file_name}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embed_options_round_trip_through_the_query_and_size_the_frame() {
        let options = EmbedOptions::from_search("?embed&theme=dark&tab=fix");
        assert_eq!(
            options,
            EmbedOptions {
                theme: Theme::Dark,
                open_fix: true
            }
        );
        assert_eq!(options.query(), "&theme=dark&tab=fix");
        assert_eq!(
            EmbedOptions::from_search(&format!("?embed{}", options.query())),
            options
        );
        assert_eq!(
            EmbedOptions::from_search("?embed&theme=purple"),
            EmbedOptions::default()
        );
        assert_eq!(EmbedOptions::default().query(), "");
        assert_eq!(embed_height(1, 0), 260);
        assert_eq!(embed_height(20, 3), 720);
        assert_eq!(embed_height(7, 2), 400);
        assert_eq!(embed_height(5000, 1), 900);
    }

    #[test]
    fn a_pasted_file_is_named_from_its_first_comment_or_its_shape() {
        assert_eq!(
            infer_file_name("// app/billing/actions.js — Stripe\n\"use server\";"),
            "app/billing/actions.js"
        );
        assert_eq!(
            infer_file_name("\"use server\";\nexport async function f() {}"),
            "app/actions.ts"
        );
        assert_eq!(
            infer_file_name("export default function Page() {\n  return <form action={f} />;\n}"),
            "app/page.tsx"
        );
        // A word that only looks like a path is not taken.
        assert_eq!(infer_file_name("// see docs/intro.md\n"), "app/actions.ts");
    }

    #[test]
    fn imports_name_the_tab_they_would_live_in() {
        assert_eq!(
            file_for_import("app/actions.ts", "@/lib/dal").as_deref(),
            Some("lib/dal.ts")
        );
        assert_eq!(
            file_for_import("app/actions.js", "~/db").as_deref(),
            Some("db.js")
        );
        assert_eq!(
            file_for_import("app/posts/actions.ts", "../../lib/q.tsx").as_deref(),
            Some("lib/q.tsx")
        );
        assert_eq!(
            file_for_import("app/a.ts", "./helpers").as_deref(),
            Some("app/helpers.ts")
        );
        assert_eq!(file_for_import("app/a.ts", "next/cache"), None);
        assert_eq!(file_for_import("app/a.ts", "@/"), None);
    }

    #[test]
    fn several_files_share_one_link_and_open_as_tabs() {
        let project = ProjectState {
            files: vec![
                ProjectFile {
                    name: "app/actions.ts".into(),
                    code: "\"use server\";".into(),
                },
                ProjectFile {
                    name: "lib/dal.ts".into(),
                    code: "export {}".into(),
                },
                ProjectFile {
                    name: "lib/db.ts".into(),
                    code: "export {}".into(),
                },
            ],
            active: 1,
            selected: None,
            options: ViewOptions { show_fixed: true },
        };
        let fragment = share_project_fragment(&project).unwrap();
        let s = startup("", &format!("#{fragment}"));
        assert_eq!(s.files, project.files);
        assert_eq!(s.state.file_name, "lib/dal.ts");
        // One file is the single-file link of before.
        let one = ProjectState {
            files: project.files[..1].to_vec(),
            active: 0,
            ..project
        };
        assert!(share_project_fragment(&one).unwrap().starts_with("v1."));
        assert!(
            startup("", &format!("#{}", share_project_fragment(&one).unwrap()))
                .files
                .is_empty()
        );
    }

    fn sample() -> PlaygroundState {
        PlaygroundState {
            code: "\"use server\";\nexport async function f() {}\n".into(),
            file_name: "app/x.tsx".into(),
            selected: Some(1),
            options: ViewOptions { show_fixed: false },
        }
    }

    #[test]
    fn a_shared_link_restores_the_same_state() {
        let fragment = share_fragment(&sample()).unwrap();
        let url = share_url("http://127.0.0.1:8080/", &fragment, false);
        let hash = &url[url.find('#').unwrap()..];
        let s = startup("", hash);
        assert_eq!(s.state, sample());
        assert!(s.from_link && !s.embed && s.notice.is_none());
    }

    #[test]
    fn embed_is_read_from_the_query_or_the_fragment() {
        let fragment = share_fragment(&sample()).unwrap();
        assert!(startup("?embed", &format!("#{fragment}")).embed);
        assert!(startup("?a=1&embed=1", "").embed);
        assert!(!startup("?embed=0", "").embed);
        assert!(!startup("?embedded", "").embed);
        let s = startup("", &format!("#embed/{fragment}"));
        assert!(s.embed);
        assert_eq!(s.state, sample());
        assert!(startup("", "#embed").embed);
        let url = share_url("https://x.dev/play/", &fragment, true);
        assert_eq!(url, format!("https://x.dev/play/?embed#{fragment}"));
    }

    #[test]
    fn no_fragment_opens_the_default_example_without_a_message() {
        let s = startup("", "");
        assert_eq!(s.state, default_state());
        assert!(s.notice.is_none() && !s.from_link);
        assert_eq!(startup("", "#").state, default_state());
    }

    #[test]
    fn a_mangled_link_gives_a_message_and_the_default_example() {
        let fragment = share_fragment(&sample()).unwrap();
        let cases = [
            format!("#{}", &fragment[..fragment.len() / 2]), // truncated
            "#v1.@@@@".to_owned(),                           // invalid characters
            "#v9.abc".to_owned(),                            // unknown version
            "#hello".to_owned(),                             // not a permalink
            "#v1.".to_owned(),
            format!("#v1.{}", "A".repeat(3 * 1024 * 1024)), // oversized
            format!(
                "#v1.{}",
                actiongate_permalink::lz::compress_to_encoded_uri_component("[1,2]")
            ),
        ];
        for hash in cases {
            let s = startup("", &hash);
            assert_eq!(s.state, default_state(), "{}", &hash[..hash.len().min(40)]);
            let notice = s.notice.expect("a message");
            assert!(
                notice.ends_with("The default example is shown instead."),
                "{notice}"
            );
            assert!(!s.from_link);
        }
    }

    #[test]
    fn crlf_code_from_a_link_is_normalised() {
        let mut state = sample();
        state.code = "a\r\nb\rc".into();
        let s = startup("", &format!("#{}", share_fragment(&state).unwrap()));
        assert_eq!(s.state.code, "a\nb\nc");
    }

    #[test]
    fn oversized_code_cannot_be_shared() {
        let mut state = sample();
        state.code = "x".repeat(MAX_CODE_BYTES + 1);
        assert_eq!(share_fragment(&state), Err(ShareError::TooLarge));
        assert!(ShareError::TooLarge.to_string().contains("1 MB"));
    }

    #[test]
    fn the_iframe_snippet_escapes_its_attributes() {
        let snippet = iframe_snippet("https://x.dev/?embed#v1.a\"><script>", "app/a.ts", 460);
        assert!(snippet
            .starts_with("<iframe src=\"https://x.dev/?embed#v1.a&quot;&gt;&lt;script&gt;\""));
        assert!(snippet.contains("title=\"actiongate: app/a.ts\""));
        assert!(!snippet.contains("<script>"));
    }

    #[test]
    fn the_language_selector_swaps_extensions() {
        assert_eq!(extension("app/actions.tsx"), "tsx");
        assert_eq!(extension("noext"), "");
        assert_eq!(with_extension("app/actions.ts", "tsx"), "app/actions.tsx");
        assert_eq!(with_extension("actions", "js"), "actions.js");
        assert_eq!(with_extension("app/v1.2/a.ts", "js"), "app/v1.2/a.js");
        assert_eq!(with_extension(".ts", "js"), "actions.js");
        for (ext, _) in LANGUAGES {
            assert!(is_valid_file_name(&with_extension("app/actions.ts", ext)));
        }
    }
}
