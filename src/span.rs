//! Byte spans into the caller's original text.

use serde::Serialize;
use std::ops::Range;

/// A half-open byte range `[start, end)` into the caller's original text.
/// Both ends always lie on `char` boundaries. Serialized as
/// `{"byte_start", "byte_end"}` so it is never mistaken for the code-point
/// `start`/`end` of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    #[serde(rename = "byte_start")]
    pub start: usize,
    /// One past the last byte.
    #[serde(rename = "byte_end")]
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The span as a `Range`, for slicing: `&text[span.range()]`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}
