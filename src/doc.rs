//! The document as every stage after normalization sees it.

use crate::date::CalendarDate;
use crate::meta::MetaScan;
use crate::normalize::Normalized;
use crate::segment::Segments;
use crate::span::Span;

/// One text under extraction: original, normalized, segmented, with the
/// article metadata found so far and the reference date for year-less dates.
#[derive(Debug)]
pub(crate) struct Doc<'a> {
    pub orig: &'a str,
    pub norm: Normalized<'a>,
    pub seg: Segments,
    /// The date year-less dates take their year from: the builder's, else the
    /// dateline's.
    pub reference_date: Option<CalendarDate>,
    /// Dateline, title, bylines and boilerplate (normalized offsets).
    pub scan: MetaScan,
}

impl<'a> Doc<'a> {
    /// The normalized text, in its original case.
    #[inline]
    pub(crate) fn text(&self) -> &str {
        &self.norm.text
    }
    /// The normalized text, lower-cased (same offsets).
    #[inline]
    pub(crate) fn lower(&self) -> &str {
        &self.norm.lower
    }
    /// The original span of a normalized range.
    pub(crate) fn orig_span(&self, start: usize, end: usize) -> Span {
        let (s, e) = self.norm.to_orig(start, end);
        Span::new(s, e)
    }
}
