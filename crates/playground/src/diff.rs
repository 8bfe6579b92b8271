//! The fixed pane's line diff: which lines of the fixed file are new, and which lines of the
//! input were removed. Patience-style: the lines that occur exactly once on each side (an
//! action's `function` line) and keep their order are anchors; between anchors, Myers'
//! algorithm (our own, below: the `similar` crate's cost about 20 KiB of wasm for this one
//! use). A fix in each of 3,000 actions is then 3,000 small hunks found in milliseconds: Myers
//! over the whole of such a file is quadratic in the edits and marked nearly every line changed
//! once it gave up. Each stretch between anchors has a work budget of its own, and the whole
//! diff one more, counted in steps rather than time (the same diff on every machine), so that a
//! huge rewrite still gives a valid, if not minimal, diff in bounded time.

use std::collections::HashMap;

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

/// How many steps (diagonals tried and lines compared) Myers' search may take for one stretch
/// between anchors before it settles for a valid script, and for all of them.
const STEP_BUDGET: u64 = 4_000_000;
const TOTAL_STEP_BUDGET: u64 = 40_000_000;
/// The most edits a stretch's minimal script is searched for (the search keeps one row of
/// `2d + 1` positions per edit `d`: at most about 8 MB).
const MAX_EDITS: usize = 1_000;

/// Diffs two lists of lines. Removed lines come before the added lines that replace them.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<DiffLine> {
    let mut total = TOTAL_STEP_BUDGET;
    let mut out = Vec::with_capacity(old.len().max(new.len()) + 8);
    let (mut o, mut n) = (0, 0);
    let end = (old.len(), new.len());
    for (ao, an) in anchors(old, new).into_iter().chain([end]) {
        myers(&old[o..ao], &new[n..an], (o, n), &mut total, &mut out);
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

/// Myers' diff of `old` and `new`, lines counted from `(o, n)`, appended to `out`: their common
/// start and end are kept, and between them a minimal script when one is found within the
/// budgets (the stretch's own, and what is left of `total`); otherwise every line between them
/// is removed and added.
fn myers(
    old: &[&str],
    new: &[&str],
    (o, n): (usize, usize),
    total: &mut u64,
    out: &mut Vec<DiffLine>,
) {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    out.extend((0..prefix).map(|i| DiffLine::Same {
        old: o + i,
        new: n + i,
    }));
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let (ao, bo) = (o + prefix, n + prefix);
    let mut budget = STEP_BUDGET.min(*total);
    let start = out.len();
    match edit_path(a, b, &mut budget) {
        Some(path) => {
            // The path from (0, 0) to the end; between two kept lines, the removed lines first.
            let (mut x, mut y) = (0, 0);
            let (mut removed, mut added) = (Vec::new(), Vec::new());
            for (px, py) in path {
                // At most one edit, then the diagonal to the point.
                if px - x > py - y {
                    removed.push(DiffLine::Removed { old: ao + x });
                    x += 1;
                } else if py - y > px - x {
                    added.push(DiffLine::Added { new: bo + y });
                    y += 1;
                }
                while x < px {
                    out.append(&mut removed);
                    out.append(&mut added);
                    out.push(DiffLine::Same {
                        old: ao + x,
                        new: bo + y,
                    });
                    (x, y) = (x + 1, y + 1);
                }
            }
            out.append(&mut removed);
            out.append(&mut added);
        }
        None => {
            out.truncate(start);
            out.extend((0..a.len()).map(|i| DiffLine::Removed { old: ao + i }));
            out.extend((0..b.len()).map(|i| DiffLine::Added { new: bo + i }));
        }
    }
    *total = total.saturating_sub(STEP_BUDGET.min(*total) - budget);
    out.extend((0..suffix).map(|i| DiffLine::Same {
        old: o + old.len() - suffix + i,
        new: n + new.len() - suffix + i,
    }));
}

/// The points of a shortest edit path from `(0, 0)` to `(a.len(), b.len())` (Myers 1986, the
/// greedy forward search), each edit a step right (a line of `a` removed) or down (a line of
/// `b` added) followed by its diagonal of equal lines; `None` when it needs more than
/// [`MAX_EDITS`] edits or more steps than `budget` holds.
fn edit_path(a: &[&str], b: &[&str], budget: &mut u64) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(MAX_EDITS) as isize;
    // v[k + max]: the furthest x on diagonal k = x - y; rows[d]: v for k in -d..=d after edit d.
    let mut v = vec![0isize; 2 * max as usize + 3];
    let mut rows: Vec<Vec<isize>> = Vec::new();
    let at = |k: isize| (k + max + 1) as usize;
    for d in 0..=max {
        let mut k = -d;
        while k <= d {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                (x, y) = (x + 1, y + 1);
                *budget = budget.checked_sub(1)?;
            }
            *budget = budget.checked_sub(1)?;
            v[at(k)] = x;
            if x >= n && y >= m {
                rows.push(v[at(-d)..=at(d)].to_vec());
                return Some(backtrack(&rows, n, m));
            }
            k += 2;
        }
        rows.push(v[at(-d)..=at(d)].to_vec());
    }
    None
}

/// Walks the rows of [`edit_path`] back from the end: the point after each edit's diagonal.
fn backtrack(rows: &[Vec<isize>], n: isize, m: isize) -> Vec<(usize, usize)> {
    let mut points = vec![(n as usize, m as usize)];
    let (mut x, mut y) = (n, m);
    for d in (1..rows.len() as isize).rev() {
        let prev = &rows[d as usize - 1];
        let get = |k: isize| prev[(k + d - 1) as usize];
        let k = x - y;
        let down = k == -d || (k != d && get(k - 1) < get(k + 1));
        let pk = if down { k + 1 } else { k - 1 };
        let px = get(pk);
        let py = px - pk;
        // The edit starts at (px, py): a step down or right, then the diagonal to (x, y).
        points.push((px as usize, py as usize));
        (x, y) = (px, py);
    }
    points.reverse();
    points
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

    /// The length of a longest common subsequence (the lines a minimal diff keeps).
    fn lcs(a: &[&str], b: &[&str]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for x in a {
            let mut diag = 0;
            for (j, y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
                diag = up;
            }
        }
        row[b.len()]
    }

    #[test]
    fn between_anchors_the_diff_is_minimal() {
        // Myers alone (no anchors), checked against the LCS.
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..200 {
            let old: Vec<String> = (0..next() % 30)
                .map(|_| format!("l{}", next() % 4))
                .collect();
            let new: Vec<String> = (0..next() % 30)
                .map(|_| format!("l{}", next() % 4))
                .collect();
            let (o, n): (Vec<&str>, Vec<&str>) = (
                old.iter().map(|s| s.as_str()).collect(),
                new.iter().map(|s| s.as_str()).collect(),
            );
            let mut d = Vec::new();
            myers(&o, &n, (0, 0), &mut TOTAL_STEP_BUDGET.clone(), &mut d);
            let same = d
                .iter()
                .filter(|x| matches!(x, DiffLine::Same { .. }))
                .count();
            assert_eq!(same, lcs(&o, &n), "{o:?} / {n:?}");
            assert_eq!(d.len(), o.len() + n.len() - same);
            for x in &d {
                if let DiffLine::Same { old: a, new: b } = x {
                    assert_eq!(o[*a], n[*b]);
                }
            }
            // Removed lines never follow added ones within a hunk.
            for w in d.windows(2) {
                assert!(
                    !matches!(w, [DiffLine::Added { .. }, DiffLine::Removed { .. }]),
                    "{d:?}"
                );
            }
        }
    }

    #[test]
    fn a_rewrite_past_the_budget_is_removed_and_added() {
        // 3,000 lines against 3,000 others, no line in common but the first and last: more
        // edits than the search follows, so the middle is removed and added whole.
        let old: Vec<String> = (0..3000).map(|i| format!("a{}", i % 2)).collect();
        let new: Vec<String> = (0..3000).map(|i| format!("b{}", i % 2)).collect();
        let (o, n): (Vec<&str>, Vec<&str>) = (
            old.iter().map(|s| s.as_str()).collect(),
            new.iter().map(|s| s.as_str()).collect(),
        );
        let d = diff_lines(&o, &n);
        assert_eq!(d.len(), 6000);
        assert!(matches!(d[2999], DiffLine::Removed { old: 2999 }));
        assert!(matches!(d[3000], DiffLine::Added { new: 0 }));
    }
}
