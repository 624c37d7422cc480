//! Stage 4: resolve overlapping candidates into a flat set of entities.
//!
//! The policy is one total order, applied greedily: a candidate is accepted
//! unless it overlaps one accepted before it. The order is
//!
//! 1. higher `priority` first (user gazetteer entries, then rules);
//! 2. then the longer span (so `Bí thư Tỉnh ủy` beats `Tỉnh ủy`, a `DOC`
//!    swallows the `EVENT` inside it, an `ORG` the place in its name);
//! 3. then the earlier start, then label order, then rule id — so the result
//!    never depends on the order recognizers ran in.
//!
//! Accepted spans mark the bytes they hold (a bit each), so each check reads
//! only the candidate's own bytes: the stage is `O(n log n)` in the number
//! of candidates plus linear in their lengths and the text's.

use crate::candidate::Candidate;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The total order: `Less` means "`a` is preferred".
pub(crate) fn preference(a: &Candidate, b: &Candidate) -> Ordering {
    // Lazily: the rule ids (strings) only compare on a tie of the rest.
    b.priority
        .cmp(&a.priority)
        .then(b.len().cmp(&a.len()))
        .then(a.start.cmp(&b.start))
        .then(a.label.cmp(&b.label))
        .then_with(|| a.rule.cmp(b.rule))
        // Equal attributes print alike: only format the ones that differ
        // (duplicates from several rules are the common tie).
        .then_with(|| {
            if a.attrs == b.attrs {
                Ordering::Equal
            } else {
                format!("{:?}", a.attrs).cmp(&format!("{:?}", b.attrs))
            }
        })
}

/// The first four keys of [`preference`] in one integer, in the same order
/// (priority descending, length descending, start, label); the rest decides
/// only on a tie. Lengths and starts are far below 2^48.
fn packed(c: &Candidate) -> u128 {
    const MAX48: u128 = (1 << 48) - 1;
    let priority = (i16::MAX as i32 - c.priority as i32) as u128; // 0..=65535
    let len = MAX48 - (c.len() as u128).min(MAX48);
    let start = (c.start as u128).min(MAX48);
    priority << 112 | len << 64 | start << 16 | c.label as u128
}

/// A set of byte offsets, one bit each.
struct Held(Vec<u64>);

impl Held {
    /// Bits `lo..hi` of a word (`lo < hi <= 64`).
    fn mask(lo: usize, hi: usize) -> u64 {
        let upto = if hi == 64 { !0 } else { (1u64 << hi) - 1 };
        upto & (!0u64 << lo)
    }

    /// The last offset of `s..e` (non-empty) in the set.
    fn last_in(&self, s: usize, e: usize) -> Option<usize> {
        let first = s / 64;
        let mut w = (e - 1) / 64;
        loop {
            let lo = if w == first { s % 64 } else { 0 };
            let hi = (e - w * 64).min(64);
            let bits = self.0[w] & Self::mask(lo, hi);
            if bits != 0 {
                return Some(w * 64 + 63 - bits.leading_zeros() as usize);
            }
            if w == first {
                return None;
            }
            w -= 1;
        }
    }

    /// Adds `s..e`.
    fn set(&mut self, s: usize, e: usize) {
        let mut p = s;
        while p < e {
            let w = p / 64;
            let hi = (e - w * 64).min(64);
            self.0[w] |= Self::mask(p % 64, hi);
            p = w * 64 + hi;
        }
    }
}

/// The outcome: accepted candidates sorted by start, and each rejected one
/// with the index (into `accepted`) of the one that beat it.
#[derive(Debug, Default)]
pub(crate) struct Resolution {
    pub accepted: Vec<Candidate>,
    pub rejected: Vec<(Candidate, usize)>,
}

/// Resolves overlaps (see the module docs). Empty candidates are dropped.
pub(crate) fn resolve(cands: Vec<Candidate>, keep_rejected: bool) -> Resolution {
    let mut cands = cands;
    resolve_in(&mut cands, keep_rejected)
}

/// [`resolve`], draining `cands` (left empty, its capacity kept for the
/// next document).
pub(crate) fn resolve_in(cands: &mut Vec<Candidate>, keep_rejected: bool) -> Resolution {
    cands.retain(|c| c.start < c.end);
    // Indices are sorted, not the candidates (large structs); ties keep the
    // input order, as a stable sort of the candidates would.
    let mut keyed: Vec<(u128, u32)> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (packed(c), i as u32))
        .collect();
    keyed.sort_unstable_by(|&(ka, a), &(kb, b)| {
        ka.cmp(&kb)
            .then_with(|| preference(&cands[a as usize], &cands[b as usize]).then(a.cmp(&b)))
    });
    let order: Vec<u32> = keyed.into_iter().map(|(_, i)| i).collect();
    // The bytes accepted spans hold, one bit each; a check reads only the
    // candidate's own bytes. Accepted spans never overlap, so the last held
    // byte inside a span belongs to the accepted span that starts last
    // before its end: the one that beats it (looked up by start, for the
    // explain view only).
    let len = cands.iter().map(|c| c.end).max().unwrap_or(0);
    let mut held = Held(vec![0; len.div_ceil(64)]);
    let mut by_start: BTreeMap<usize, u32> = BTreeMap::new();
    let mut kept: Vec<u32> = Vec::new();
    let mut lost: Vec<(u32, u32)> = Vec::new(); // (candidate, winning candidate)
    for &i in &order {
        let c = &cands[i as usize];
        match held.last_in(c.start, c.end) {
            Some(p) => {
                if keep_rejected {
                    let w = by_start.range(..=p).next_back().map_or(0, |(_, &w)| w);
                    lost.push((i, w));
                }
            }
            None => {
                held.set(c.start, c.end);
                if keep_rejected {
                    by_start.insert(c.start, i);
                }
                kept.push(i);
            }
        }
    }
    // Accepted by start (distinct: they do not overlap); the rejected ones'
    // winners as indices into that list.
    kept.sort_unstable_by_key(|&i| cands[i as usize].start);
    // Each candidate is moved out once (kept and lost are disjoint); what
    // is left is dropped with the vector's contents.
    let mut new_index = vec![0; if keep_rejected { cands.len() } else { 0 }];
    let mut take = |i: u32| std::mem::replace(&mut cands[i as usize], Candidate::placeholder());
    let mut accepted = Vec::with_capacity(kept.len());
    for (new, &i) in kept.iter().enumerate() {
        if keep_rejected {
            new_index[i as usize] = new;
        }
        accepted.push(take(i));
    }
    let rejected = lost
        .into_iter()
        .map(|(i, w)| (take(i), new_index[w as usize]))
        .collect();
    cands.clear();
    Resolution { accepted, rejected }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::candidate::PRIORITY_USER;
    use crate::label::Label;

    fn c(s: usize, e: usize, l: Label) -> Candidate {
        Candidate::new(s, e, l, "test")
    }

    #[test]
    fn longest_wins_then_order_is_flat() {
        let r = resolve(
            vec![
                c(0, 5, Label::Org),
                c(0, 12, Label::Title),
                c(13, 20, Label::Per),
            ],
            true,
        );
        let got: Vec<_> = r
            .accepted
            .iter()
            .map(|c| (c.start, c.end, c.label))
            .collect();
        assert_eq!(got, vec![(0, 12, Label::Title), (13, 20, Label::Per)]);
        assert_eq!(r.rejected.len(), 1);
        assert_eq!(r.rejected[0].1, 0);
    }

    #[test]
    fn priority_beats_length() {
        let r = resolve(
            vec![
                c(0, 12, Label::Org),
                c(2, 6, Label::Per).with_priority(PRIORITY_USER),
            ],
            false,
        );
        assert_eq!(r.accepted.len(), 1);
        assert_eq!(r.accepted[0].label, Label::Per);
    }

    #[test]
    fn held_bytes_agree_with_a_plain_set() {
        let mut held = Held(vec![0; 4]);
        let mut plain = [false; 256];
        let mut x = 7usize;
        for _ in 0..300 {
            x = (x * 1103515245 + 12345) % 2147483648;
            let s = x % 250;
            let e = s + 1 + (x / 256) % 6 * (x / 4096 % 40);
            let e = e.min(256);
            let want = (s..e).rev().find(|&p| plain[p]);
            assert_eq!(held.last_in(s, e), want, "{s}..{e}");
            if x % 3 == 0 {
                held.set(s, e);
                plain[s..e].fill(true);
            }
        }
    }

    #[test]
    fn independent_of_input_order() {
        let a = vec![
            c(0, 4, Label::Loc),
            c(2, 6, Label::Org),
            c(5, 9, Label::Per),
        ];
        let mut b = a.clone();
        b.reverse();
        assert_eq!(resolve(a, false).accepted, resolve(b, false).accepted);
    }
}
