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
//! Accepted spans are kept in a `BTreeMap` keyed by start, so each check is
//! `O(log n)` and the whole stage `O(n log n)` in the number of candidates.

use crate::candidate::Candidate;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The total order: `Less` means "`a` is preferred".
pub(crate) fn preference(a: &Candidate, b: &Candidate) -> Ordering {
    b.priority
        .cmp(&a.priority)
        .then(b.len().cmp(&a.len()))
        .then(a.start.cmp(&b.start))
        .then(a.label.cmp(&b.label))
        .then(a.rule.cmp(b.rule))
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

/// The outcome: accepted candidates sorted by start, and each rejected one
/// with the index (into `accepted`) of the one that beat it.
#[derive(Debug, Default)]
pub(crate) struct Resolution {
    pub accepted: Vec<Candidate>,
    pub rejected: Vec<(Candidate, usize)>,
}

/// Resolves overlaps (see the module docs). Empty candidates are dropped.
pub(crate) fn resolve(mut cands: Vec<Candidate>, keep_rejected: bool) -> Resolution {
    cands.retain(|c| c.start < c.end);
    cands.sort_by(preference);
    // start -> (end, index into `kept`)
    let mut taken: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    let mut kept: Vec<Candidate> = Vec::new();
    let mut lost: Vec<(Candidate, usize)> = Vec::new();
    for c in cands {
        let blocker = taken
            .range(..c.end)
            .next_back()
            .filter(|(_, &(end, _))| end > c.start)
            .map(|(_, &(_, i))| i);
        match blocker {
            Some(i) => {
                if keep_rejected {
                    lost.push((c, i));
                }
            }
            None => {
                taken.insert(c.start, (c.end, kept.len()));
                kept.push(c);
            }
        }
    }
    // Sort accepted by start and remap the rejected ones' winners.
    let mut order: Vec<usize> = (0..kept.len()).collect();
    order.sort_by_key(|&i| kept[i].start);
    let mut new_index = vec![0; kept.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut slots: Vec<Option<Candidate>> = kept.into_iter().map(Some).collect();
    let accepted = order.iter().map(|&i| slots[i].take().unwrap()).collect();
    let rejected = lost.into_iter().map(|(c, i)| (c, new_index[i])).collect();
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
