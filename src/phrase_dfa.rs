//! The shared phrase pass's automaton: an Aho-Corasick DFA over a few
//! hundred keys, reporting every match (overlapping ones included).
//!
//! The `aho-corasick` crate's overlapping search spent about 22 instructions
//! per input byte here, and more than that share of the time: the walk is
//! generic over automata and re-entered for every match. This DFA is a flat
//! table walked by one loop: per byte a class lookup, a transition and one
//! compare (match states are numbered last); two walks, over the two halves
//! of the text, run interleaved so that their loads overlap. The tests
//! check it against the crate's overlapping search.

/// A complete DFA: every state has a transition on every byte class.
#[derive(Debug, Clone)]
pub(crate) struct PhraseDfa {
    /// Byte → class; class 0 is every byte no key has.
    classes: [u8; 256],
    /// The row width: the number of classes.
    width: u32,
    /// `trans[state * width + class]`: the next state, premultiplied.
    trans: Vec<u32>,
    /// Premultiplied id of the first match state: states at or above it
    /// end at least one key.
    first_match: u32,
    /// Per match state (in order from `first_match`): its range in `ends`.
    outputs: Vec<(u32, u32)>,
    /// `(key, key length in bytes)` of every key ending in a match state.
    ends: Vec<(u32, u32)>,
    /// The longest key's length in bytes (at least 1).
    longest: usize,
}

const NONE: u32 = u32::MAX;

impl PhraseDfa {
    /// Builds the DFA of `keys` (non-empty, as byte strings). Key `i`
    /// is reported as `i`.
    pub(crate) fn new<K: AsRef<[u8]>>(keys: &[K]) -> Self {
        // Byte classes: one per byte some key has, the rest share class 0.
        let mut classes = [0u8; 256];
        let mut n_classes = 1usize;
        for k in keys {
            for &b in k.as_ref() {
                if classes[b as usize] == 0 {
                    classes[b as usize] = n_classes as u8;
                    n_classes += 1;
                    assert!(n_classes <= 256, "at most 255 distinct key bytes");
                }
            }
        }
        // Rows exactly as wide as the classes: the table is walked one
        // dependent load per byte, so its size (cache residency) is the cost.
        let width = n_classes;
        // The trie: `delta[state * width + class]`, NONE where no key goes.
        let mut delta: Vec<u32> = vec![NONE; width];
        let mut out: Vec<Vec<(u32, u32)>> = vec![Vec::new()];
        for (i, k) in keys.iter().enumerate() {
            let k = k.as_ref();
            // An empty key would match everywhere (and make the start state
            // a match state): there are none, and it is never reported.
            if k.is_empty() {
                continue;
            }
            let mut s = 0usize;
            for &b in k {
                let c = classes[b as usize] as usize;
                let next = delta[s * width + c];
                s = if next == NONE {
                    let n = out.len();
                    delta[s * width + c] = n as u32;
                    delta.extend(std::iter::repeat_n(NONE, width));
                    out.push(Vec::new());
                    n
                } else {
                    next as usize
                };
            }
            out[s].push((i as u32, k.len() as u32));
        }
        // Failure links, breadth first, completing the DFA as they go: a
        // missing transition is the failure state's (already complete, being
        // shallower); a state also ends every key its failure state ends.
        let n = out.len();
        let mut fail = vec![0u32; n];
        let mut queue = std::collections::VecDeque::new();
        for d in &mut delta[..width] {
            match *d {
                NONE => *d = 0,
                v => {
                    fail[v as usize] = 0;
                    queue.push_back(v as usize);
                }
            }
        }
        while let Some(u) = queue.pop_front() {
            let f = fail[u] as usize;
            let inherited = out[f].clone();
            out[u].extend(inherited);
            for c in 0..width {
                let v = delta[u * width + c];
                if v == NONE {
                    delta[u * width + c] = delta[f * width + c];
                } else {
                    fail[v as usize] = delta[f * width + c];
                    queue.push_back(v as usize);
                }
            }
        }
        // Renumber: states ending no key first (the start state stays 0),
        // then the match states.
        let mut order: Vec<usize> = (0..n).filter(|&s| out[s].is_empty()).collect();
        let first = order.len();
        order.extend((0..n).filter(|&s| !out[s].is_empty()));
        let mut new_id = vec![0u32; n];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as u32;
        }
        let mut trans = vec![0u32; n * width];
        for (new, &old) in order.iter().enumerate() {
            for c in 0..width {
                trans[new * width + c] = new_id[delta[old * width + c] as usize] * width as u32;
            }
        }
        let mut outputs = Vec::with_capacity(n - first);
        let mut ends = Vec::new();
        for &old in &order[first..] {
            let a = ends.len() as u32;
            ends.extend_from_slice(&out[old]);
            outputs.push((a, ends.len() as u32));
        }
        PhraseDfa {
            classes,
            width: width as u32,
            trans,
            first_match: u32::try_from(first * width).expect("DFA fits u32 ids"),
            outputs,
            ends,
            longest: keys
                .iter()
                .map(|k| k.as_ref().len())
                .max()
                .unwrap_or(0)
                .max(1),
        }
    }

    /// Calls `f(key, start, end)` for every occurrence of every key in
    /// `text`, overlapping ones included, in no particular order.
    ///
    /// Each step of a walk waits for the load of the step before, so two
    /// walks run interleaved, one over each half of the text: the processor
    /// overlaps them. The second starts `longest - 1` bytes before the
    /// middle, from the start state, so it sees every key ending after the
    /// middle whole, and reports only those; the first reports the rest.
    #[inline]
    pub(crate) fn for_each_match(&self, text: &[u8], mut f: impl FnMut(u32, usize, usize)) {
        let n = text.len();
        if n < 4 * self.longest + 64 {
            let mut s = 0u32;
            for (i, &b) in text.iter().enumerate() {
                s = self.step(s, b);
                if s >= self.first_match {
                    self.report(s, i + 1, &mut f);
                }
            }
            return;
        }
        let mid = n / 2;
        let from = mid + 1 - self.longest;
        let (mut s, mut t) = (0u32, 0u32);
        for (k, (&a, &b)) in text[..mid].iter().zip(&text[from..]).enumerate() {
            s = self.step(s, a);
            t = self.step(t, b);
            if s >= self.first_match {
                self.report(s, k + 1, &mut f);
            }
            if t >= self.first_match && from + k >= mid {
                self.report(t, from + k + 1, &mut f);
            }
        }
        for (i, &b) in text.iter().enumerate().skip(from + mid) {
            t = self.step(t, b);
            if t >= self.first_match {
                self.report(t, i + 1, &mut f);
            }
        }
    }

    #[inline(always)]
    fn step(&self, s: u32, b: u8) -> u32 {
        self.trans[s as usize + self.classes[b as usize] as usize]
    }

    /// Every key that match state `s` ends, the match ending at `end`.
    #[inline(always)]
    fn report(&self, s: u32, end: usize, f: &mut impl FnMut(u32, usize, usize)) {
        let (a, z) = self.outputs[((s - self.first_match) / self.width) as usize];
        for &(key, len) in &self.ends[a as usize..z as usize] {
            f(key, end - len as usize, end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};

    fn all(keys: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let mut v = Vec::new();
        PhraseDfa::new(keys).for_each_match(text.as_bytes(), |k, s, e| v.push((k, s, e)));
        v.sort();
        v
    }

    fn reference(keys: &[&str], text: &str) -> Vec<(u32, usize, usize)> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(keys)
            .unwrap();
        let mut v: Vec<_> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_u32(), m.start(), m.end()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn overlapping_suffixes_and_duplicates() {
        let keys = [
            "he", "she", "his", "hers", "she", "e", "ủy ban", "ban", "ủy",
        ];
        for text in [
            "ushers",
            "she sells",
            "",
            "hhhe",
            "ủy ban nhân dân",
            "ủy bann ủy",
        ] {
            assert_eq!(all(&keys, text), reference(&keys, text), "{text:?}");
        }
    }

    /// Keys across the middle, where the two interleaved walks meet, at every
    /// offset: each match is reported once. (Short texts take one walk.)
    #[test]
    fn matches_where_walks_meet() {
        let keys = ["abcab", "ca", "b", "cabcabca", "bcabcabcabc"];
        for n in (80..160).chain(300..700) {
            let text: String = "abc".chars().cycle().take(n).collect();
            assert_eq!(all(&keys, &text), reference(&keys, &text), "{n}");
            for cut in [n / 4, n / 2, 3 * n / 4] {
                let text = format!("{}ủy ban{}", "x".repeat(cut - 3), "y".repeat(n - cut));
                let keys = ["ủy ban", "ban", "y b", "xxủy", "x", "yy"];
                assert_eq!(all(&keys, &text), reference(&keys, &text), "{n} {cut}");
            }
        }
    }

    /// The crate's overlapping search and this DFA agree on the fixtures,
    /// with the fixtures' own words and phrases as keys.
    #[test]
    fn agrees_with_aho_corasick() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        let texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .to_lowercase()
            })
            .collect();
        let words: Vec<&str> = texts
            .iter()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .step_by(7)
            .take(300)
            .collect();
        let pairs: Vec<String> = words.windows(2).step_by(3).map(|w| w.join(" ")).collect();
        let mut keys: Vec<&str> = words.clone();
        keys.extend(pairs.iter().map(String::as_str));
        for t in &texts {
            assert_eq!(all(&keys, t), reference(&keys, t));
        }
    }
}
