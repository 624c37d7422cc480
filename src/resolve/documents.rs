//! Documents: mentions of one document merged, short forms resolved.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::span::Span;
use serde::Serialize;

/// One document referred to in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// Canonical identifier (`18-NQ/TW`, `30/2020/NĐ-CP`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Kind (`Nghị quyết`, `Chỉ thị`, ...).
    pub kind: String,
    /// Byte spans of every mention.
    pub mentions: Vec<Span>,
}

/// The catalog of known documents (embedded plus user entries).
#[derive(Debug, Default)]
pub(crate) struct Catalog {}

impl Catalog {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(Catalog {})
    }
}

pub(crate) fn link(_doc: &Doc, _ents: &mut [Candidate], _r: &super::Resources) -> Vec<Document> {
    Vec::new()
}
