//! The fixed pane's line diff: which lines of the fixed file are new, and which lines of the
//! input were removed. Myers' algorithm from `similar` (the crate the CLI's `--diff` uses), with
//! a deadline so that a huge rewrite gives a valid, if not minimal, diff in bounded time.

use similar::{Algorithm, DiffOp};
use std::time::Duration;

// `similar` takes its deadline in the clock it was built with: `web-time` in the browser (where
// `std::time::Instant` is unavailable), the standard library's natively.
#[cfg(target_arch = "wasm32")]
use similar::Instant;
#[cfg(not(target_arch = "wasm32"))]
use std::time::Instant;

/// One row of a diff between the input and the fixed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffLine {
    /// Line `new` of the fixed file equals line `old` of the input.
    Same { old: usize, new: usize },
    /// Line `new` of the fixed file is new or changed.
    Added { new: usize },
    /// Line `old` of the input is gone from the fixed file.
    Removed { old: usize },
}

/// How long the diff may search for a minimal script before it settles for a valid one.
const DEADLINE: Duration = Duration::from_millis(40);

/// Diffs two lists of lines. Removed lines come before the added lines that replace them.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<DiffLine> {
    let deadline = Instant::now().checked_add(DEADLINE);
    let ops = similar::capture_diff_slices_deadline(Algorithm::Myers, old, new, deadline);
    let mut out = Vec::with_capacity(old.len().max(new.len()) + 8);
    let removed =
        |start: usize, len: usize| (start..start + len).map(|old| DiffLine::Removed { old });
    let added = |start: usize, len: usize| (start..start + len).map(|new| DiffLine::Added { new });
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|i| DiffLine::Same {
                old: old_index + i,
                new: new_index + i,
            })),
            DiffOp::Delete {
                old_index, old_len, ..
            } => out.extend(removed(old_index, old_len)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => out.extend(added(new_index, new_len)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.extend(removed(old_index, old_len));
                out.extend(added(new_index, new_len));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(old: &[&str], new: &[&str]) -> Vec<String> {
        diff_lines(old, new)
            .into_iter()
            .map(|d| match d {
                DiffLine::Same { old: o, .. } => format!(" {}", old[o]),
                DiffLine::Added { new: n } => format!("+{}", new[n]),
                DiffLine::Removed { old: o } => format!("-{}", old[o]),
            })
            .collect()
    }

    #[test]
    fn inserted_lines_are_added() {
        let old = ["a", "b", "c"];
        let new = ["a", "x", "y", "b", "c"];
        assert_eq!(render(&old, &new), [" a", "+x", "+y", " b", " c"]);
    }

    #[test]
    fn replaced_lines_are_removed_then_added() {
        let old = ["a", "delete()", "c", "d"];
        let new = ["import", "a", "deleteMany()", "check", "c", "d"];
        assert_eq!(
            render(&old, &new),
            [
                "+import",
                " a",
                "-delete()",
                "+deleteMany()",
                "+check",
                " c",
                " d"
            ]
        );
    }

    #[test]
    fn identical_and_empty_inputs() {
        assert_eq!(render(&["a"], &["a"]), [" a"]);
        assert!(render(&[], &[]).is_empty());
        assert_eq!(render(&[], &["a"]), ["+a"]);
        assert_eq!(render(&["a"], &[]), ["-a"]);
    }

    #[test]
    fn every_line_of_both_sides_appears_once_in_order() {
        let old: Vec<String> = (0..300).map(|i| format!("l{}", i % 7)).collect();
        let new: Vec<String> = (0..280).map(|i| format!("l{}", (i * 3) % 11)).collect();
        let (o, n): (Vec<&str>, Vec<&str>) = (
            old.iter().map(|s| s.as_str()).collect(),
            new.iter().map(|s| s.as_str()).collect(),
        );
        let d = diff_lines(&o, &n);
        let olds: Vec<usize> = d
            .iter()
            .filter_map(|x| match x {
                DiffLine::Same { old, .. } | DiffLine::Removed { old } => Some(*old),
                _ => None,
            })
            .collect();
        let news: Vec<usize> = d
            .iter()
            .filter_map(|x| match x {
                DiffLine::Same { new, .. } | DiffLine::Added { new } => Some(*new),
                _ => None,
            })
            .collect();
        assert_eq!(olds, (0..300).collect::<Vec<_>>());
        assert_eq!(news, (0..280).collect::<Vec<_>>());
        for x in &d {
            if let DiffLine::Same { old: a, new: b } = x {
                assert_eq!(o[*a], n[*b]);
            }
        }
    }
}
