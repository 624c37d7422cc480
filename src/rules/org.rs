//! Recognizer family `org`: Party, State, Front and mass organizations at
//! every level, composed from body heads (`data/bodies.tsv`) with a level word,
//! a place, a field name or a nested body (`Ban Thường vụ Đảng ủy Khối ...`),
//! typed with `level` and the `canonical` expanded name; outlet tags.

use super::names::{self, generic_before, is_all_caps, next_word, prev_word, word_at, Lexicon, Scan};
use crate::candidate::{Candidate, PRIORITY_WEAK};
use crate::doc::Doc;
use crate::error::Result;
use crate::extractor::Config;
use crate::label::Label;
use std::sync::Arc;

#[derive(Debug)]
pub(crate) struct OrgRules {
    lex: Arc<Lexicon>,
}

impl OrgRules {
    pub(crate) fn new(_cfg: &Config) -> Result<Self> {
        Ok(OrgRules {
            lex: names::lexicon()?,
        })
    }

    pub(crate) fn run(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        let sc = Scan::new(&self.lex, doc);
        find_orgs(&sc, out);
        outlet_tags(doc, out);
    }
}

pub(crate) fn find_orgs(sc: &Scan, out: &mut Vec<Candidate>) {
    let (t, lower) = (sc.text, sc.lower);
    let mut starts: Vec<usize> = sc.bodies.starts().collect();
    starts.sort_unstable();
    for start in starts {
        let Some(w) = word_at(t, start) else { continue };
        // Only capitalized mentions (`Huyện ủy`); lower case is mostly generic.
        if !t[start..].starts_with(char::is_uppercase) {
            continue;
        }
        let Some(m) = sc.body_at(start, 0) else { continue };
        let head = &lower[start..sc.bodies.at(start)[0].0];
        let mut complete = m.complete;
        // `Trung ương` is a body after `của`/`thuộc`, a level elsewhere.
        if head == "trung ương" && m.end == w.end + " ương".len() {
            complete = prev_word(lower, start).is_some_and(|p| matches!(&lower[p], "của" | "thuộc"));
        }
        if !complete || generic_before(lower, start) {
            continue;
        }
        // A plural after the head (`Ban Thường vụ các huyện ủy`) is generic.
        if next_word(t, m.end).is_some_and(|n| &lower[n] == "các") && m.end == w.end {
            continue;
        }
        let mut c = Candidate::new(start, m.end, Label::Org, "org/body")
            .attr("canonical", sc.lex.expand(&t[start..m.end]));
        if let Some(l) = m.level {
            c = c.attr("level", l);
        }
        out.push(c);
    }
}

/// Outlet tags opening a line (`BDK - `, `(ĐTTCO) -`, `(binhdinh.gov.vn) -`).
fn outlet_tags(doc: &Doc, out: &mut Vec<Candidate>) {
    let t = doc.text();
    for line in &doc.seg.lines {
        let s = &t[line.clone()];
        let Some(dash) = s.find(" - ") else { continue };
        if dash == 0 || dash > 40 {
            continue;
        }
        let tag = &s[..dash];
        let (a, b) = if tag.starts_with('(') && tag.ends_with(')') {
            (1, dash - 1)
        } else {
            (0, dash)
        };
        let inner = &tag[a..b];
        let is_domain = inner.contains('.') && !inner.contains(' ') && inner.len() > 3;
        let is_abbr = !inner.contains(' ')
            && (2..=8).contains(&inner.chars().count())
            && is_all_caps(inner, &(0..inner.len()));
        if (is_domain || is_abbr) && a <= b {
            out.push(
                Candidate::new(line.start + a, line.start + b, Label::Org, "org/outlet-tag")
                    .with_priority(PRIORITY_WEAK + 5),
            );
        }
    }
}
