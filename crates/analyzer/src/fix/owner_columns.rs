//! The owner columns a file already scopes its queries by (`authorId: session.user.id`), read
//! once per file from its text so that a fix scopes a query the way its neighbours do.
//!
//! This runs on every analysis over the whole file, so it scans for the few needles it needs
//! (`where`, `: session`, `: user`, `: ctx.`) with `memchr::memmem` instead of building a
//! pattern string per line and column.

use memchr::memmem;

use crate::catalog::names::OWNER_COLUMN_SPELLINGS;

/// What a column must be set to for it to name the caller: `column: session..`, `column: user..`
/// or `column: ctx.` (a middleware's context).
const CALLER_VALUES: [&[u8]; 3] = [b"session", b"user", b"ctx."];

/// The owner columns the file already scopes queries by, read once per file.
#[derive(Debug, Clone, Default)]
pub struct OwnerColumns {
    /// The file's column: one set to the caller's identity (`authorId: session.user.id`),
    /// preferring one inside a `where` (a middleware's `ctx: { userId: .. }` names a context
    /// field, not a column).
    pub file: Option<String>,
    /// Per model (`db.draft`), from `where` lines that call it: a file whose models have
    /// different owner columns scopes each by its own.
    pub by_model: std::collections::HashMap<String, String>,
}

impl OwnerColumns {
    /// Reads the columns from the file's text.
    pub fn detect(source: &str) -> OwnerColumns {
        let mut found = OwnerColumns::default();
        for (line, at) in lines_with_where(source) {
            let Some(column) = caller_column_in(line) else {
                continue;
            };
            found.file.get_or_insert_with(|| column.to_string());
            if let Some((model, _)) = callee_before(line, at).and_then(|c| c.rsplit_once('.')) {
                found
                    .by_model
                    .entry(model.to_string())
                    .or_insert_with(|| column.to_string());
            }
        }
        if found.file.is_none() {
            found.file = caller_column_in(source).map(str::to_string);
        }
        found
    }
}

/// Each line of `source` (as `str::lines` splits them) that contains `where`, in order, with
/// the offset of its first `where` within the line.
fn lines_with_where(source: &str) -> impl Iterator<Item = (&str, usize)> {
    let bytes = source.as_bytes();
    let mut next_line = 0;
    memmem::find_iter(bytes, b"where").filter_map(move |hit| {
        if hit < next_line {
            // A later `where` of a line already yielded.
            return None;
        }
        let start = memchr::memrchr(b'\n', &bytes[..hit]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &bytes[hit..]).map_or(bytes.len(), |i| hit + i);
        next_line = end + 1;
        let mut line = &source[start..end];
        // `str::lines` drops the `\r` of a `\r\n`.
        if end < bytes.len() {
            line = line.strip_suffix('\r').unwrap_or(line);
        }
        Some((line, hit - start))
    })
}

/// The first of [`OWNER_COLUMN_SPELLINGS`] (in their order) that `text` sets to the caller
/// (`userId: session.user.id`).
fn caller_column_in(text: &str) -> Option<&'static str> {
    let bytes = text.as_bytes();
    let mut first: Option<usize> = None;
    for colon in memmem::find_iter(bytes, b": ") {
        let value = &bytes[colon + 2..];
        if !CALLER_VALUES.iter().any(|v| value.starts_with(v)) {
            continue;
        }
        let before = &bytes[..colon];
        let earlier = first.unwrap_or(OWNER_COLUMN_SPELLINGS.len());
        first = OWNER_COLUMN_SPELLINGS[..earlier]
            .iter()
            .position(|column| before.ends_with(column.as_bytes()))
            .or(first);
    }
    first.map(|i| OWNER_COLUMN_SPELLINGS[i])
}

/// The callee of the call whose arguments hold the `where` at `at` in `line`:
/// `await db.board.findFirst({ where: ..` → `db.board.findFirst`.
fn callee_before(line: &str, at: usize) -> Option<&str> {
    let open = line[..at].rfind('(')?;
    let before = &line[..open];
    // After the last character that cannot be part of the callee (it may be several bytes long).
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '_' | '$' | '.')))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(&before[start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_columns_are_read_per_model_and_multibyte_text_is_safe() {
        let source = "await db.board.findFirst({ where: { id, ownerId: ctx.userId } });\nconst x=«db.card.findFirst({ where: { id, authorId: session.user.id } });\n";
        let columns = OwnerColumns::detect(source);
        assert_eq!(columns.file.as_deref(), Some("ownerId"));
        assert_eq!(
            columns.by_model.get("db.board").map(String::as_str),
            Some("ownerId")
        );
        assert_eq!(
            columns.by_model.get("db.card").map(String::as_str),
            Some("authorId")
        );
    }

    /// The plain reading: one pattern string per column and value, tried on each line.
    fn detect_plainly(source: &str) -> (Option<String>, Vec<(String, String)>) {
        let used_in = |text: &str| {
            OWNER_COLUMN_SPELLINGS.iter().find(|column| {
                ["session", "user", "ctx."]
                    .iter()
                    .any(|value| text.contains(&format!("{column}: {value}")))
            })
        };
        let mut file = None;
        let mut by_model = std::collections::HashMap::new();
        for line in source.lines() {
            let Some(at) = line.find("where") else {
                continue;
            };
            let Some(column) = used_in(line) else {
                continue;
            };
            file.get_or_insert_with(|| column.to_string());
            if let Some((model, _)) = callee_before(line, at).and_then(|c| c.rsplit_once('.')) {
                by_model
                    .entry(model.to_string())
                    .or_insert_with(|| column.to_string());
            }
        }
        if file.is_none() {
            file = used_in(source).map(|c| c.to_string());
        }
        let mut by_model: Vec<_> = by_model.into_iter().collect();
        by_model.sort();
        (file, by_model)
    }

    #[test]
    fn the_scan_reads_what_the_plain_reading_reads() {
        let mut texts: Vec<String> = vec![
            "db.a.findFirst({ where: { userId: user.id, authorId: session.user.id } })\r\n".into(),
            "x({ ownerId: ctx.id });\nq.where(eq(t.user_id: user))\r".into(),
            "where\nwhere where userId: session\r\nfoo(owner_id: ctx.a) where\n".into(),
            "user_id: session userId: session; db.x.y.find({ where: authorId: user }) where".into(),
            "no where here\nauthorId: session.user.id\n".into(),
        ];
        let tests = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests");
        let mut dirs: Vec<std::path::PathBuf> = ["fixtures", "corpus"]
            .iter()
            .map(|d| std::path::Path::new(tests).join(d))
            .collect();
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 20);
        for text in &texts {
            let columns = OwnerColumns::detect(text);
            let mut by_model: Vec<_> = columns.by_model.into_iter().collect();
            by_model.sort();
            assert_eq!((columns.file, by_model), detect_plainly(text), "{text}");
        }
    }
}
