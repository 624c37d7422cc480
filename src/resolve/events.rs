//! Events: congresses, plenums and sessions, mentions merged.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::span::Span;
use serde::Serialize;

/// One congress, plenum or session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `congress`, `plenum` or `session`.
    pub kind: String,
    /// Byte spans of every mention.
    pub mentions: Vec<Span>,
}

pub(crate) fn link(_doc: &Doc, _ents: &mut [Candidate]) -> Vec<Event> {
    Vec::new()
}
