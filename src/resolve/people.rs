//! People: titles tied to names, mentions of one person merged.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::span::Span;
use serde::Serialize;

/// One person mentioned in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// The fullest form of the name in the text.
    pub name: String,
    /// Every title tied to the person, deduplicated, in order of first mention.
    pub titles: Vec<HeldTitle>,
    /// Byte spans of every mention of the name.
    pub mentions: Vec<Span>,
}

/// A title held by a person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HeldTitle {
    /// The title as written.
    pub text: String,
    /// Byte spans of the title mentions tied to the person.
    pub mentions: Vec<Span>,
}

pub(crate) fn link(_doc: &Doc, _ents: &mut [Candidate]) -> Vec<Person> {
    Vec::new()
}
