//! A sparse map from offsets in the normalized text back to the original.
//!
//! Normalization rewrites characters (NBSP → space, `Ð` → `Đ`, NFD → NFC,
//! `hoà` → `hòa`) and so shifts byte offsets. Rather than one entry per byte,
//! the map keeps one *change point* per place where the shift changes:
//!
//! ```text
//! original:   C h ỉ ␣ t h ị NBSP NBSP s ố          (NBSP is 2 bytes)
//! byte:       0 1 2 5 6 7 8 11   13   15 16
//! normalized: C h ỉ ␣ t h ị ␣ s ố                (run of spaces → one)
//! byte:       0 1 2 5 6 7 8 11 12 13
//! starts:     (0,0) (12,15)      norm 12 ("s") starts at original 15
//! ```
//!
//! A start offset maps through the `starts` points, an end offset through the
//! `ends` points, so a span never swallows a dropped character at its edge.
//! Both lists are sorted, so a lookup is a binary search.

/// Change points for span starts and span ends: `(normalized, original)`.
#[derive(Debug, Clone, Default)]
pub(crate) struct OffsetMap {
    starts: Vec<(usize, usize)>,
    ends: Vec<(usize, usize)>,
    /// Whether the map is the identity (the borrowed fast path).
    identity: bool,
}

impl OffsetMap {
    pub(crate) fn identity() -> Self {
        OffsetMap {
            starts: Vec::new(),
            ends: Vec::new(),
            identity: true,
        }
    }

    pub(crate) fn builder() -> OffsetMapBuilder {
        OffsetMapBuilder {
            map: OffsetMap::default(),
            start_delta: 0,
            end_delta: 0,
        }
    }

    /// The original offset where the character at normalized offset `n` begins.
    pub(crate) fn start(&self, n: usize) -> usize {
        if self.identity {
            return n;
        }
        lookup(&self.starts, n)
    }

    /// The original offset where the character ending at normalized offset `n` ends.
    pub(crate) fn end(&self, n: usize) -> usize {
        if self.identity {
            return n;
        }
        lookup(&self.ends, n)
    }
}

fn lookup(points: &[(usize, usize)], n: usize) -> usize {
    // Last point at or before `n`; offsets between points shift uniformly.
    let i = points.partition_point(|&(norm, _)| norm <= n);
    if i == 0 {
        return n;
    }
    let (norm, orig) = points[i - 1];
    orig + (n - norm)
}

pub(crate) struct OffsetMapBuilder {
    map: OffsetMap,
    start_delta: isize,
    end_delta: isize,
}

impl OffsetMapBuilder {
    /// Records that the normalized bytes `[n, n_end)` came from the original
    /// bytes `[o, o_end)`. Calls come in increasing order.
    pub(crate) fn push(&mut self, n: usize, n_end: usize, o: usize, o_end: usize) {
        let sd = o as isize - n as isize;
        if sd != self.start_delta {
            self.map.starts.push((n, o));
            self.start_delta = sd;
        }
        let ed = o_end as isize - n_end as isize;
        if ed != self.end_delta {
            self.map.ends.push((n_end, o_end));
            self.end_delta = ed;
        }
    }

    /// Whether every push so far mapped offsets to themselves.
    pub(crate) fn is_identity(&self) -> bool {
        self.map.starts.is_empty() && self.map.ends.is_empty()
    }

    pub(crate) fn finish(mut self, norm_len: usize, orig_len: usize) -> OffsetMap {
        // The end of the normalized text is the end of the original text.
        self.push(norm_len, norm_len, orig_len, orig_len);
        self.map
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_maps_to_itself() {
        let m = OffsetMap::identity();
        assert_eq!(m.start(7), 7);
        assert_eq!(m.end(7), 7);
    }

    #[test]
    fn shrink_then_grow() {
        // "a" (0..1 → 0..1), NBSP (1..3 → 1..2 as ' '), "b" (3..4 → 2..3)
        let mut b = OffsetMap::builder();
        b.push(0, 1, 0, 1);
        b.push(1, 2, 1, 3);
        b.push(2, 3, 3, 4);
        let m = b.finish(3, 4);
        assert_eq!(m.start(0), 0);
        assert_eq!(m.start(1), 1);
        assert_eq!(m.start(2), 3);
        assert_eq!(m.end(1), 1);
        assert_eq!(m.end(2), 3);
        assert_eq!(m.end(3), 4);
    }
}
