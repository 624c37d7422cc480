//! The entity labels of `ANNOTATION.md`, plus the extra quantity labels.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of thing an entity is. The first eight are the contract of
/// `ANNOTATION.md`; `Percent` and `Quantity` are extra labels scorers ignore.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// A person's name.
    Per,
    /// A position or rank held by a person, with the body it is attached to.
    Title,
    /// A specific organization or body.
    Org,
    /// A named place.
    Loc,
    /// A reference to a specific document (or a list of numbered ones).
    Doc,
    /// A specific congress, plenum or session.
    Event,
    /// A term of office.
    Term,
    /// A calendar date, month, quarter, year or range of them.
    Date,
    /// A percentage (`97,73%`).
    Percent,
    /// A counted quantity with its unit (`49.356 ĐV`).
    Quantity,
}

impl Label {
    /// Every label, in output order.
    pub const ALL: [Label; 10] = [
        Label::Per,
        Label::Title,
        Label::Org,
        Label::Loc,
        Label::Doc,
        Label::Event,
        Label::Term,
        Label::Date,
        Label::Percent,
        Label::Quantity,
    ];

    /// The label as written in gold files (`PER`, `TITLE`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Per => "PER",
            Label::Title => "TITLE",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Doc => "DOC",
            Label::Event => "EVENT",
            Label::Term => "TERM",
            Label::Date => "DATE",
            Label::Percent => "PERCENT",
            Label::Quantity => "QUANTITY",
        }
    }

    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that names no label.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown label {0:?}; expected one of PER, TITLE, ORG, LOC, DOC, EVENT, TERM, DATE, PERCENT, QUANTITY")]
pub struct UnknownLabel(pub String);

impl FromStr for Label {
    type Err = UnknownLabel;

    /// Parses a label case-insensitively (`per`, `PER`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownLabel(s.to_string()))
    }
}

/// A set of labels (which recognizers run, which entities are kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabelSet(u16);

impl LabelSet {
    /// Every label.
    pub fn all() -> Self {
        LabelSet(Label::ALL.iter().fold(0, |acc, l| acc | l.bit()))
    }
    /// No label.
    pub fn empty() -> Self {
        LabelSet(0)
    }
    /// Whether `label` is in the set.
    pub fn contains(self, label: Label) -> bool {
        self.0 & label.bit() != 0
    }
    /// Adds `label`.
    pub fn insert(&mut self, label: Label) {
        self.0 |= label.bit();
    }
}

impl FromIterator<Label> for LabelSet {
    fn from_iter<I: IntoIterator<Item = Label>>(iter: I) -> Self {
        let mut s = LabelSet::empty();
        for l in iter {
            s.insert(l);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print_round_trip() {
        for l in Label::ALL {
            assert_eq!(l.as_str().parse::<Label>().unwrap(), l);
            assert_eq!(l.as_str().to_lowercase().parse::<Label>().unwrap(), l);
        }
        assert!("PERSON".parse::<Label>().is_err());
    }

    #[test]
    fn label_set() {
        let s: LabelSet = [Label::Doc, Label::Date].into_iter().collect();
        assert!(s.contains(Label::Doc) && !s.contains(Label::Per));
        assert!(LabelSet::all().contains(Label::Quantity));
    }
}
