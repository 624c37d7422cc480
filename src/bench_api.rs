//! Thin wrappers over the pipeline stages, so `benches/` can time each stage
//! and the property tests can check normalization on its own. Not part of
//! the API: hidden from the docs, may change in any release.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::extractor::Extractor;
use crate::segment::Segments;
use crate::{meta, normalize, overlap, resolve};

/// Builds every built-in recognizer anew (embedded data parsed, automata
/// built), as the first extractor of a process does; returns the number of
/// gazetteer phrases in the shared pass.
pub fn build_builtin() -> usize {
    crate::rules::build_builtin().expect("embedded data is valid")
}

/// Stage 1: the normalized text and its lower-cased twin.
pub fn normalize(text: &str) -> (String, String) {
    let n = normalize::normalize(text);
    (n.text.into_owned(), n.lower)
}

/// Stage 1 without copying the result out: the normalized length.
pub fn normalize_len(text: &str) -> usize {
    normalize::normalize(text).lower.len()
}

/// Stage 2 on already normalized text and its lower-cased twin (as
/// `normalize` returns them): lines and the article metadata scan.
/// Returns the number of lines plus whether a dateline was found.
pub fn segment(normalized: &str, lower: &str) -> usize {
    let seg = Segments::new(normalized);
    let scan = meta::scan(normalized, lower, &seg);
    seg.lines.len() + usize::from(scan.dateline.is_some())
}

/// A text after stages 1 and 2, ready for the recognizers.
pub struct Prepared<'a>(Doc<'a>);

/// Candidates out of stage 3 or 4.
#[derive(Clone)]
pub struct Candidates(Vec<Candidate>);

impl Candidates {
    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Stages 1 and 2 as `ex` runs them.
pub fn prepare<'a>(ex: &Extractor, text: &'a str) -> Prepared<'a> {
    Prepared(ex.prepare(text))
}

impl Prepared<'_> {
    /// The gazetteer pass of stage 3 alone: one Aho-Corasick walk over the
    /// document for every family's phrase sets. Returns the hit count.
    pub fn phrase_pass(&self, ex: &Extractor) -> usize {
        ex.phrase_pass(&self.0)
    }

    /// Stage 3: every recognizer.
    pub fn recognize(&self, ex: &Extractor) -> Candidates {
        let mut v = Vec::new();
        ex.recognize(&self.0, &mut v);
        Candidates(v)
    }

    /// Stage 5: links accepted candidates; returns entities plus records.
    pub fn link(&self, ex: &Extractor, mut accepted: Candidates) -> usize {
        let l = resolve::link(&self.0, &mut accepted.0, ex.resources());
        accepted.0.len() + l.people.len() + l.documents.len() + l.events.len()
    }
}

/// Stage 4: overlap resolution; returns the accepted candidates.
pub fn overlap(cands: Candidates) -> Candidates {
    Candidates(overlap::resolve(cands.0, false).accepted)
}
