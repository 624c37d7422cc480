//! The output value types: entities and the extraction that holds them.

use crate::label::Label;
use crate::meta::Meta;
use crate::resolve::{Document, Event, Person};
use crate::span::Span;
use serde::Serialize;

pub use crate::attrs::Attrs;

/// One recognized entity. `&text[byte_start..byte_end] == entity.text` always
/// holds for the text it was extracted from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// What it is.
    pub label: Label,
    /// Code-point offset of the first character (as Python counts).
    pub start: usize,
    /// Code-point offset one past the last character.
    pub end: usize,
    /// Byte offset of the first character (as Rust counts).
    pub byte_start: usize,
    /// Byte offset one past the last character.
    pub byte_end: usize,
    /// The entity as written in the input.
    pub text: String,
    /// Typed attributes.
    pub attrs: Attrs,
    /// The rule that produced it (for debugging; not serialized).
    #[serde(skip)]
    pub rule: &'static str,
}

impl Entity {
    /// The byte span into the input.
    pub fn span(&self) -> Span {
        Span::new(self.byte_start, self.byte_end)
    }
    /// A string attribute, if present.
    pub fn attr_str(&self, key: &str) -> Option<&str> {
        self.attrs.get(key).and_then(|v| v.as_str())
    }
}

/// Everything extracted from one text.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    /// Article metadata: title, publication date-time, authors, boilerplate.
    pub meta: Meta,
    /// Entities, sorted by start offset.
    pub entities: Vec<Entity>,
    /// One record per person, with every title and mention.
    pub people: Vec<Person>,
    /// One record per document referred to, with every mention.
    pub documents: Vec<Document>,
    /// One record per congress, plenum or session, with every mention.
    pub events: Vec<Event>,
}

impl Extraction {
    /// Entities with `label`.
    pub fn with_label(&self, label: Label) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.label == label)
    }
    /// The JSON form of the output contract, on one line.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("extraction serializes")
    }
}
