//! Stage 3: recognize. Each family is one module producing candidates; they
//! run in a fixed order, and `person` runs last because titles, places and
//! bodies found before it are its evidence and its stop words.

pub(crate) mod date;
pub(crate) mod docref;
pub(crate) mod event;
pub(crate) mod names;
pub(crate) mod org;
pub(crate) mod person;
pub(crate) mod place;
pub(crate) mod quantity;
pub(crate) mod term;
pub(crate) mod title;

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::gazetteer::UserGazetteer;
use crate::label::{Label, LabelSet};

/// Every recognizer, built once per [`Extractor`](crate::Extractor).
#[derive(Debug)]
pub(crate) struct Rules {
    date: date::DateRules,
    term: term::TermRules,
    docref: docref::DocRules,
    title: title::TitleRules,
    org: org::OrgRules,
    place: place::PlaceRules,
    event: event::EventRules,
    quantity: quantity::QuantityRules,
    person: person::PersonRules,
    user: UserGazetteer,
    /// The lexicon behind title, org and person: one word scan serves all three.
    lex: std::sync::Arc<names::Lexicon>,
}

impl Rules {
    pub(crate) fn new(cfg: &Config) -> Result<Self> {
        Ok(Rules {
            date: date::DateRules::new(cfg)?,
            term: term::TermRules::new(cfg)?,
            docref: docref::DocRules::new(cfg)?,
            title: title::TitleRules::new(cfg)?,
            org: org::OrgRules::new(cfg)?,
            place: place::PlaceRules::new(cfg)?,
            event: event::EventRules::new(cfg)?,
            quantity: quantity::QuantityRules::new(cfg)?,
            person: person::PersonRules::new(cfg)?,
            user: UserGazetteer::new(cfg.user_entries.clone()),
            lex: names::lexicon()?,
        })
    }

    /// Runs every family. All families run whatever labels are enabled, since
    /// a disabled label's spans still block wrong guesses; the extractor
    /// drops disabled labels after overlap resolution.
    pub(crate) fn run(&self, doc: &Doc, _labels: LabelSet, out: &mut Vec<Candidate>) {
        self.user.run(doc.text(), doc.lower(), out);
        self.date.run(doc, out);
        self.term.run(doc, out);
        self.docref.run(doc, out);
        let scan = names::Scan::new(&self.lex, doc);
        self.title.run(&scan, doc, out);
        self.org.run(&scan, doc, out);
        self.place.run(doc, out);
        self.event.run(doc, out);
        self.quantity.run(doc, out);
        self.person.run(&scan, doc, out);
        let _ = Label::Per;
    }
}
