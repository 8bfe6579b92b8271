//! A small line diff (Myers' O(ND) algorithm) for the fixed pane: which lines of the fixed file
//! are new, and which lines of the input were removed.

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

/// Above this edit distance the diff gives up on finding a minimal script and reports the
/// differing middle as removed + added (bounds time and memory on huge rewrites).
const MAX_EDIT_DISTANCE: usize = 2_000;

/// Diffs two lists of lines. Removed lines come before the added lines that replace them.
pub fn diff_lines(old: &[&str], new: &[&str]) -> Vec<DiffLine> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = Vec::with_capacity(old.len().max(new.len()) + 8);
    for i in 0..prefix {
        out.push(DiffLine::Same { old: i, new: i });
    }
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    match myers(a, b) {
        Some(ops) => {
            for op in ops {
                out.push(match op {
                    DiffLine::Same { old, new } => DiffLine::Same {
                        old: old + prefix,
                        new: new + prefix,
                    },
                    DiffLine::Added { new } => DiffLine::Added { new: new + prefix },
                    DiffLine::Removed { old } => DiffLine::Removed { old: old + prefix },
                });
            }
        }
        None => {
            out.extend((0..a.len()).map(|i| DiffLine::Removed { old: i + prefix }));
            out.extend((0..b.len()).map(|i| DiffLine::Added { new: i + prefix }));
        }
    }
    for i in 0..suffix {
        out.push(DiffLine::Same {
            old: old.len() - suffix + i,
            new: new.len() - suffix + i,
        });
    }
    out
}

/// Myers' greedy algorithm with a stored trace for backtracking. `None` when the edit distance
/// exceeds [`MAX_EDIT_DISTANCE`].
fn myers(a: &[&str], b: &[&str]) -> Option<Vec<DiffLine>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 && m == 0 {
        return Some(Vec::new());
    }
    let max = ((n + m) as usize).min(MAX_EDIT_DISTANCE) as isize;
    let offset = max + 1;
    let mut v = vec![0isize; (2 * max + 3) as usize];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let idx = (k + offset) as usize;
            let mut x = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
                v[idx + 1]
            } else {
                v[idx - 1] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[idx] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let d_final = found?;
    // Backtrack from (n, m).
    let mut ops = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=d_final).rev() {
        let v = &trace[d as usize];
        let k = x - y;
        let idx = (k + offset) as usize;
        let prev_k = if k == -d || (k != d && v[idx - 1] < v[idx + 1]) {
            k + 1
        } else {
            k - 1
        };
        let prev_x = v[(prev_k + offset) as usize];
        let prev_y = prev_x - prev_k;
        while x > prev_x && y > prev_y {
            x -= 1;
            y -= 1;
            ops.push(DiffLine::Same {
                old: x as usize,
                new: y as usize,
            });
        }
        if x == prev_x {
            y -= 1;
            ops.push(DiffLine::Added { new: y as usize });
        } else {
            x -= 1;
            ops.push(DiffLine::Removed { old: x as usize });
        }
        x = prev_x;
        y = prev_y;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        ops.push(DiffLine::Same {
            old: x as usize,
            new: y as usize,
        });
    }
    ops.reverse();
    // Put removals before the additions of the same hunk, like a unified diff.
    let mut i = 0;
    while i < ops.len() {
        if !matches!(ops[i], DiffLine::Same { .. }) {
            let start = i;
            while i < ops.len() && !matches!(ops[i], DiffLine::Same { .. }) {
                i += 1;
            }
            ops[start..i].sort_by_key(|op| matches!(op, DiffLine::Added { .. }));
        } else {
            i += 1;
        }
    }
    Some(ops)
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
