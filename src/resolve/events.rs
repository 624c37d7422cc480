//! Events: congresses, plenums and sessions, mentions merged.
//!
//! Two mentions are the same event when their type and ordinal agree and
//! their bodies agree once the filler words are dropped (`Đại hội XVI Đảng
//! bộ tỉnh` and `Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI`). A mention with
//! an ordinal but no body (`Đại hội XIII`) joins the one record of that type
//! and ordinal when there is exactly one. Each entity gets `event`, the index
//! of its record.

use crate::candidate::Candidate;
use crate::doc::Doc;
use crate::label::Label;
use crate::span::Span;
use serde::Serialize;
use std::collections::HashMap;

/// One congress, plenum or session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// `congress`, `plenum` or `session`.
    pub kind: String,
    /// Its number (`XIII` → 13), when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ordinal: Option<u32>,
    /// The body holding it, as first written (`Đảng bộ tỉnh`), when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Byte spans of every mention.
    pub mentions: Vec<Span>,
}

/// A body reduced to its identifying words (`đại biểu`, `Đảng`, `của` dropped).
fn body_key(body: &str) -> String {
    let lower = super::fold::lower(body);
    let words: Vec<&str> = lower
        .split(' ')
        .filter(|w| {
            !matches!(
                *w,
                "đại" | "biểu" | "đảng" | "của" | "" | "ban" | "chấp" | "hành"
            )
        })
        .collect();
    words.join(" ")
}

pub(crate) fn link(doc: &Doc, ents: &mut [Candidate]) -> Vec<Event> {
    let mut events: Vec<Event> = Vec::new();
    let mut by_key: HashMap<(String, Option<u32>, String), usize> = HashMap::new();
    let mut by_ordinal: HashMap<(String, u32), Vec<usize>> = HashMap::new();
    // Bodyless mentions wait until every bodied one is known.
    let mut pending: Vec<usize> = Vec::new();
    for (i, c) in ents.iter().enumerate() {
        if c.label != Label::Event {
            continue;
        }
        let kind = c
            .attrs
            .get("type")
            .and_then(|v| v.as_str())
            .unwrap_or("congress")
            .to_string();
        let ordinal = c
            .attrs
            .get("ordinal")
            .and_then(|v| v.as_u64())
            .map(|n| n as u32);
        let body = c
            .attrs
            .get("body")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let key = body.as_deref().map(body_key).unwrap_or_default();
        if key.is_empty() && ordinal.is_some() {
            pending.push(i);
            continue;
        }
        let k = (kind.clone(), ordinal, key);
        let idx = *by_key.entry(k).or_insert_with(|| {
            events.push(Event {
                kind: kind.clone(),
                ordinal,
                body,
                mentions: Vec::new(),
            });
            events.len() - 1
        });
        if let Some(n) = ordinal {
            let v = by_ordinal.entry((kind, n)).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
        events[idx].mentions.push(doc.orig_span(c.start, c.end));
    }
    let mut bare: HashMap<(String, u32), usize> = HashMap::new();
    for i in pending {
        let c = &ents[i];
        let kind = c
            .attrs
            .get("type")
            .and_then(|v| v.as_str())
            .unwrap_or("congress")
            .to_string();
        let n = c.attrs.get("ordinal").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        let idx = match by_ordinal.get(&(kind.clone(), n)) {
            Some(v) if v.len() == 1 => v[0],
            _ => *bare.entry((kind.clone(), n)).or_insert_with(|| {
                events.push(Event {
                    kind,
                    ordinal: Some(n),
                    body: None,
                    mentions: Vec::new(),
                });
                events.len() - 1
            }),
        };
        events[idx].mentions.push(doc.orig_span(c.start, c.end));
    }
    // Records in order of first mention; entities tagged with their record.
    for e in events.iter_mut() {
        e.mentions.sort_by_key(|s| s.start);
    }
    events.sort_by_key(|e| e.mentions.first().map_or(0, |s| s.start));
    let at: HashMap<usize, usize> = events
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |s| (s.start, i)))
        .collect();
    for c in ents.iter_mut().filter(|c| c.label == Label::Event) {
        let span = doc.orig_span(c.start, c.end);
        if let Some(&i) = at.get(&span.start) {
            c.attrs.insert("event", i);
        }
    }
    events
}
