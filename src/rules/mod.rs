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
use crate::gazetteer::{Combined, UserGazetteer};
use crate::label::{Label, LabelSet};
use std::sync::{Arc, OnceLock};

/// Every recognizer of one [`Extractor`](crate::Extractor): the built-in
/// families (shared by every extractor in the process) and the user's
/// run-time entries.
#[derive(Debug)]
pub(crate) struct Rules {
    builtin: Arc<Builtin>,
    user: UserGazetteer,
}

/// The built-in families. They depend on the embedded data only, so they
/// are built once per process, lazily, and a fresh extractor (user entries
/// or catalogs) pays only for what the user added.
#[derive(Debug)]
struct Builtin {
    date: date::DateRules,
    term: term::TermRules,
    docref: docref::DocRules,
    title: title::TitleRules,
    org: org::OrgRules,
    place: place::PlaceRules,
    event: event::EventRules,
    quantity: quantity::QuantityRules,
    person: person::PersonRules,
    /// The lexicon behind title, org and person: one word scan serves all three.
    lex: Arc<names::Lexicon>,
    /// Every family's phrase sets, searched in one pass per document.
    phrases: Combined,
}

impl Builtin {
    fn new(cfg: &Config) -> Result<Self> {
        let lex = names::lexicon()?;
        let place = place::PlaceRules::new(cfg)?;
        // Place names are looked up at capitalized word starts instead
        // (`place::BareNames`): most must match a capital there.
        let mut parts = vec![lex.bodies.part(), lex.roles.part(), lex.levels.part()];
        parts.extend(docref::tables().phrase_parts());
        let phrases = Combined::new(&parts);
        Ok(Builtin {
            date: date::DateRules::new(cfg)?,
            term: term::TermRules::new(cfg)?,
            docref: docref::DocRules::new(cfg)?,
            title: title::TitleRules::new(cfg)?,
            org: org::OrgRules::new(cfg)?,
            place,
            event: event::EventRules::new(cfg)?,
            quantity: quantity::QuantityRules::new(cfg)?,
            person: person::PersonRules::new(cfg)?,
            lex,
            phrases,
        })
    }

    /// Built once per process from the embedded data (the families read
    /// nothing from the configuration).
    fn shared() -> Result<Arc<Builtin>> {
        static BUILTIN: OnceLock<std::result::Result<Arc<Builtin>, String>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Builtin::new(&Config::default())
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(|e| crate::error::Error::data("data", 0, e))
    }
}

/// Builds the built-in recognizers anew, bypassing the process-wide copy
/// (for the benches): what the first extractor of a process pays.
pub(crate) fn build_builtin() -> Result<usize> {
    Ok(Builtin::new(&Config::default())?.phrases.len())
}

impl Rules {
    pub(crate) fn new(cfg: &Config) -> Result<Self> {
        Ok(Rules {
            builtin: Builtin::shared()?,
            user: UserGazetteer::new(cfg.user_entries.clone()),
        })
    }

    /// The shared gazetteer pass alone (for the benches): the number of
    /// phrase hits in `lower`.
    pub(crate) fn phrase_pass(&self, lower: &str) -> usize {
        self.builtin.phrases.prime(lower)
    }

    /// Runs every family. All families run whatever labels are enabled, since
    /// a disabled label's spans still block wrong guesses; the extractor
    /// drops disabled labels after overlap resolution.
    pub(crate) fn run(&self, doc: &Doc, _labels: LabelSet, out: &mut Vec<Candidate>) {
        let b = &*self.builtin;
        b.phrases.prime(doc.lower());
        self.user.run(doc.text(), doc.lower(), out);
        b.date.run(doc, out);
        b.term.run(doc, out);
        b.docref.run(doc, out);
        let scan = names::Scan::new(&b.lex, doc);
        b.title.run(&scan, doc, out);
        b.org.run(&scan, doc, out);
        b.place.run(doc, out);
        b.event.run(doc, out);
        b.quantity.run(doc, out);
        b.person.run(&scan, doc, out);
        let _ = Label::Per;
    }
}

/// For the tests of hand-written matchers that replace a regex: on each of
/// `texts`, `found` gives exactly what `pattern`'s matches, read by `read`,
/// give.
#[cfg(test)]
pub(crate) fn assert_same_as_regex<T: PartialEq + std::fmt::Debug>(
    pattern: &str,
    texts: &[&str],
    read: impl Fn(&regex::Captures) -> T,
    found: impl Fn(&str) -> Vec<T>,
) {
    let re = regex::Regex::new(pattern).expect("test pattern");
    for t in texts {
        let want: Vec<T> = re.captures_iter(t).map(|c| read(&c)).collect();
        assert_eq!(found(t), want, "{pattern} on {t:?}");
    }
}
