//! Shared helpers for the integration tests: the label family a fixture or
//! case file is about, taken from its file-name prefix.
#![allow(dead_code)]

use viet_ner::{CalendarDate, Extractor, Label};

/// Labels shown for a file whose name starts with `prefix_`.
/// `article_` (and anything unknown) shows every label.
pub fn labels_for(name: &str) -> Vec<Label> {
    use Label::*;
    let prefix = name.split(['_', '.']).next().unwrap_or("");
    match prefix {
        "doc" => vec![Doc],
        "people" => vec![Per, Title, Org],
        "place" => vec![Loc],
        "date" => vec![Date],
        "term" => vec![Term],
        "event" => vec![Event, Term],
        "quantity" => vec![Percent, Quantity],
        "meta" => vec![Per, Date],
        _ => Label::ALL.to_vec(),
    }
}

/// Splits leading `#meta key=value` lines off a fixture, as gold files do.
pub fn split_meta(src: &str) -> (Vec<(String, String)>, &str) {
    let mut meta = Vec::new();
    let mut rest = src;
    while let Some(line) = rest.strip_prefix("#meta ") {
        let (l, tail) = line.split_once('\n').unwrap_or((line, ""));
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        meta.push((k.trim().to_string(), v.trim().to_string()));
        rest = tail;
    }
    (meta, rest)
}

/// An extractor for a fixture: its labels, and its `reference_date` if given.
pub fn extractor_for(name: &str, meta: &[(String, String)]) -> Extractor {
    let mut b = Extractor::builder().labels(labels_for(name));
    for (k, v) in meta {
        if k == "reference_date" {
            b = b.reference_date(v.parse::<CalendarDate>().expect("reference_date"));
        }
    }
    b.build().expect("extractor")
}
