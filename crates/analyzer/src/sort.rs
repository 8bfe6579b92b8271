//! One stable sort for the whole page.
//!
//! `slice::sort_by_key` is generic over the element and the key closure, so every call site
//! carries its own copy of the standard library's sort (2–3 KiB of WebAssembly each; the
//! page's wasm held two dozen of them, issue #13). These functions decide the order through
//! one sort of indices with the comparison behind `dyn`, so the sort's code exists once, and
//! each call site keeps only a short reordering loop. They are stable, like `sort_by_key`.

use std::cmp::Ordering;

/// Sorts `items` by `key`, keeping equal items in their order (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` by `compare`, keeping equal items in their order (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut order = {
        let items = &*items;
        stable_order(items.len(), &|a, b| compare(&items[a], &items[b]))
    };
    permute(items, &mut order);
}

/// The indices `0..len` in the order `compare` gives them (stable). The only instance of the
/// standard sort behind these functions.
#[inline(never)]
fn stable_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the item at `order[k]` to position `k` for every `k`, in place (cycle by cycle;
/// `order` is used up as the record of placed positions).
fn permute<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fixed pseudo-random sequence (no extra dependency for a test).
    fn numbers(seed: u64, len: usize) -> Vec<(u8, usize)> {
        let mut state = seed;
        (0..len)
            .map(|i| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 59) as u8, i)
            })
            .collect()
    }

    #[test]
    fn sorts_as_the_standard_stable_sort() {
        for len in [0, 1, 2, 3, 7, 64, 500] {
            for seed in 0..20 {
                let mut ours = numbers(seed, len);
                let mut std = ours.clone();
                sort_by_key(&mut ours, |&(k, _)| k);
                std.sort_by_key(|&(k, _)| k);
                assert_eq!(ours, std, "len {len} seed {seed}");
            }
        }
    }

    #[test]
    fn keeps_equal_items_in_order_and_sorts_by_comparison() {
        let mut words = vec!["pear", "fig", "apple", "kiwi", "date"];
        sort_by(&mut words, |a, b| a.len().cmp(&b.len()));
        assert_eq!(words, ["fig", "pear", "kiwi", "date", "apple"]);
        let mut owned: Vec<String> = ["b", "a", "c"].iter().map(|s| s.to_string()).collect();
        sort_by_key(&mut owned, |s| s.clone());
        assert_eq!(owned, ["a", "b", "c"]);
    }
}
