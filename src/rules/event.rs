//! Recognizer family `event` (stub: filled in by its issue).

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;

#[derive(Debug)]
pub(crate) struct EventRules {}

impl EventRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(EventRules {})
    }

    pub(crate) fn run(&self, _doc: &Doc, _out: &mut Vec<Candidate>) {}
}
