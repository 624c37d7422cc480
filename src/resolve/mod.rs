//! Stage 5: link. Accepted entities are tied together into records: titles to
//! the people who hold them (`of`), mentions of one person, one document or
//! one event merged, short document forms resolved to full identifiers.

mod documents;
mod events;
mod people;

pub use documents::{CatalogEntry, Document};
pub use events::Event;
pub use people::{HeldTitle, Person};

use crate::candidate::Candidate;
use crate::doc::Doc;

/// The linked records of one text.
#[derive(Debug, Default)]
pub(crate) struct Linked {
    pub people: Vec<Person>,
    pub documents: Vec<Document>,
    pub events: Vec<Event>,
}

/// Links the accepted candidates (sorted by start); may add attributes to them.
pub(crate) fn link(doc: &Doc, ents: &mut [Candidate], resources: &Resources) -> Linked {
    Linked {
        people: people::link(doc, ents),
        documents: documents::link(doc, ents, resources),
        events: events::link(doc, ents),
    }
}

/// Data the linkers need, built once per extractor (the document catalog).
#[derive(Debug, Default)]
pub(crate) struct Resources {
    pub catalog: documents::Catalog,
}

impl Resources {
    pub(crate) fn new(cfg: &crate::extractor::Config) -> crate::error::Result<Self> {
        Ok(Resources {
            catalog: documents::Catalog::new(cfg)?,
        })
    }
}
