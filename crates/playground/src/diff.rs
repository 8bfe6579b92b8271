//! The fixed pane's line diff: which lines of the fixed file are new, and which lines of the
//! input were removed. Patience-style: the lines that occur exactly once on each side (an
//! action's `function` line) and keep their order are anchors; between anchors, Myers'
//! algorithm from `similar` (the crate the CLI's `--diff` uses). A fix in each of 3,000 actions
//! is then 3,000 small hunks found in milliseconds: Myers over the whole of such a file ran past
//! its deadline in the browser and marked nearly every line changed. Each stretch between anchors
//! has a deadline of its own, and the whole diff one more, so that a huge rewrite still gives a
//! valid, if not minimal, diff in bounded time. (`similar`'s own patience algorithm gives the
//! same diffs but costs 53 KiB of wasm.)

use similar::{Algorithm, DiffOp};
use std::collections::HashMap;
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

/// How long the diff of one stretch between anchors may search for a minimal script before it
/// settles for a valid one, and how long all of them may.
const DEADLINE: Duration = Duration::from_millis(40);
const TOTAL_DEADLINE: Duration = Duration::from_millis(400);

/// Diffs two lists of lines. Removed lines come before the added lines that replace them.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<DiffLine> {
    let total = Instant::now().checked_add(TOTAL_DEADLINE);
    let mut out = Vec::with_capacity(old.len().max(new.len()) + 8);
    let (mut o, mut n) = (0, 0);
    let end = (old.len(), new.len());
    for (ao, an) in anchors(old, new).into_iter().chain([end]) {
        myers(&old[o..ao], &new[n..an], (o, n), total, &mut out);
        if (ao, an) != end {
            out.push(DiffLine::Same { old: ao, new: an });
        }
        (o, n) = (ao + 1, an + 1);
    }
    out
}

/// The lines that occur once in `old` and once in `new`, as `(old, new)` index pairs: the
/// longest chain of them in the same order on both sides (patience sorting).
fn anchors(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    // For each line: how often it occurs in old and new, and where (the last occurrence).
    let mut seen: HashMap<&str, (u32, u32, usize, usize)> = HashMap::with_capacity(old.len());
    for (i, line) in old.iter().enumerate() {
        let e = seen.entry(line).or_default();
        e.0 += 1;
        e.2 = i;
    }
    for (i, line) in new.iter().enumerate() {
        if let Some(e) = seen.get_mut(line) {
            e.1 += 1;
            e.3 = i;
        }
    }
    let pairs: Vec<(usize, usize)> = old
        .iter()
        .filter_map(|line| {
            let &(in_old, in_new, o, n) = seen.get(line)?;
            (in_old == 1 && in_new == 1).then_some((o, n))
        })
        .collect();
    // Longest increasing subsequence of the new indexes (pairs are in old order): `tops[k]` is
    // the pair ending the best chain of length k + 1, `back[i]` the pair before pair i.
    let mut tops: Vec<usize> = Vec::new();
    let mut back: Vec<Option<usize>> = vec![None; pairs.len()];
    for (i, &(_, n)) in pairs.iter().enumerate() {
        let k = tops.partition_point(|&t| pairs[t].1 < n);
        back[i] = k.checked_sub(1).map(|k| tops[k]);
        if k == tops.len() {
            tops.push(i);
        } else {
            tops[k] = i;
        }
    }
    let mut chain = Vec::with_capacity(tops.len());
    let mut at = tops.last().copied();
    while let Some(i) = at {
        chain.push(pairs[i]);
        at = back[i];
    }
    chain.reverse();
    chain
}

/// Myers' diff of `old` and `new`, lines counted from `(o, n)`, appended to `out`; it settles
/// for a valid script after [`DEADLINE`], or at `total`.
fn myers(
    old: &[&str],
    new: &[&str],
    (o, n): (usize, usize),
    total: Option<Instant>,
    out: &mut Vec<DiffLine>,
) {
    let removed = |start: usize, len: usize| {
        (start..start + len).map(|old| DiffLine::Removed { old: o + old })
    };
    let added =
        |start: usize, len: usize| (start..start + len).map(|new| DiffLine::Added { new: n + new });
    if old.is_empty() || new.is_empty() {
        out.extend(removed(0, old.len()));
        out.extend(added(0, new.len()));
        return;
    }
    let deadline = Instant::now().checked_add(DEADLINE).min(total);
    for op in similar::capture_diff_slices_deadline(Algorithm::Myers, old, new, deadline) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => out.extend((0..len).map(|i| DiffLine::Same {
                old: o + old_index + i,
                new: n + new_index + i,
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
    fn a_fix_in_each_of_3000_actions_is_3000_hunks() {
        // 3,000 actions of 13 lines, each fixed by 4 lines at its start (what the page's big
        // paste does): only those lines are added, nothing is removed.
        let mut old = Vec::new();
        let mut new = Vec::new();
        for i in 0..3000 {
            let head = format!("export async function deletePost{i}(id: string) {{");
            old.push(head.clone());
            new.push(head);
            for fix in [
                "  const session = await auth();",
                "  if (!session) {",
                "    throw new Error(\"Unauthorized\");",
                "  }",
            ] {
                new.push(fix.to_owned());
            }
            for body in [
                "  await db.post.delete({",
                "    where: { id },",
                "  });",
                "  revalidatePath(\"/posts\");",
                "}",
                "",
            ] {
                old.push(body.to_owned());
                new.push(body.to_owned());
            }
        }
        let (o, n): (Vec<&str>, Vec<&str>) = (
            old.iter().map(|s| s.as_str()).collect(),
            new.iter().map(|s| s.as_str()).collect(),
        );
        let d = diff_lines(&o, &n);
        let added = d
            .iter()
            .filter(|x| matches!(x, DiffLine::Added { .. }))
            .count();
        let removed = d
            .iter()
            .filter(|x| matches!(x, DiffLine::Removed { .. }))
            .count();
        assert_eq!((added, removed), (12_000, 0));
        assert_eq!(d.len(), n.len());
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
