//! Recognizer family `org` (stub: filled in by its issue).

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;

#[derive(Debug)]
pub(crate) struct OrgRules {}

impl OrgRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(OrgRules {})
    }

    pub(crate) fn run(&self, _doc: &Doc, _out: &mut Vec<Candidate>) {}
}
