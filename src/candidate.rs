//! Candidates: what recognizers propose, before overlaps are resolved.

use crate::entity::Attrs;
use crate::label::Label;

/// A proposed entity over the *normalized* text (byte offsets into
/// `Normalized::text`). Recognizers push these; `overlap` accepts some.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// Higher wins an overlap before length is considered. Recognizers use
    /// the `PRIORITY_*` constants.
    pub priority: i16,
    /// Stable id of the rule or gazetteer that proposed it (`date/dmy`, ...).
    pub rule: &'static str,
    pub attrs: Attrs,
}

/// Ordinary candidates: overlaps decided by length.
pub(crate) const PRIORITY_DEFAULT: i16 = 0;
/// Weak guesses that should lose to anything of evidence.
pub(crate) const PRIORITY_WEAK: i16 = -10;
/// Entries a user added at run time: they beat built-in rules.
pub(crate) const PRIORITY_USER: i16 = 20;

impl Candidate {
    pub(crate) fn new(start: usize, end: usize, label: Label, rule: &'static str) -> Self {
        Candidate {
            start,
            end,
            label,
            priority: PRIORITY_DEFAULT,
            rule,
            attrs: Attrs::new(),
        }
    }

    /// A stand-in left where a candidate was moved out (allocates nothing).
    pub(crate) fn placeholder() -> Self {
        Candidate::new(0, 0, Label::Doc, "")
    }

    pub(crate) fn with_priority(mut self, p: i16) -> Self {
        self.priority = p;
        self
    }

    /// Sets a string attribute.
    pub(crate) fn attr(mut self, key: &'static str, value: impl Into<serde_json::Value>) -> Self {
        self.attrs.insert(key, value);
        self
    }

    pub(crate) fn len(&self) -> usize {
        self.end - self.start
    }
}
