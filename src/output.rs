//! Stage 6: render an [`Extraction`] as JSON, gold-style `ann` markup, or an
//! aligned table for the terminal.

use crate::entity::{Entity, Extraction};
use std::fmt::Write;

/// The attribute keys of `ANNOTATION.md`, in the order `ann` writes them.
const ANN_KEYS: [&str; 7] = ["of", "id", "ids", "kind", "number", "date", "value"];

/// An attribute value as one flat string (`ids` lists joined by `,`).
pub fn attr_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(attr_text).collect::<Vec<_>>().join(","),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn ann_attrs(e: &Entity) -> String {
    let mut parts = Vec::new();
    for k in ANN_KEYS {
        if let Some(v) = e.attrs.get(k) {
            let t = attr_text(v);
            // Markup cannot carry these characters; drop the attribute instead.
            if t.is_empty() || t.contains(['[', ']', '|', ';', '\n']) {
                continue;
            }
            parts.push(format!("{k}={t}"));
        }
    }
    parts.join(";")
}

/// The text with entities marked `[[LABEL|text|k=v;...]]`, the gold format,
/// preceded by `#meta` lines. Removing the markup gives the input back.
///
/// ```
/// use viet_ner::{Extractor, Label, output};
/// let ex = Extractor::builder().entry(Label::Org, "Bộ Chính trị").build().unwrap();
/// let text = "của Bộ Chính trị.";
/// assert_eq!(output::to_ann(text, &ex.extract(text)), "của [[ORG|Bộ Chính trị]].");
/// ```
pub fn to_ann(text: &str, ex: &Extraction) -> String {
    let mut out = String::with_capacity(text.len() + ex.entities.len() * 16);
    if let Some(p) = &ex.meta.published {
        let _ = writeln!(out, "#meta published={p}");
    }
    for a in &ex.meta.authors {
        let _ = writeln!(out, "#meta author={a}");
    }
    let mut pos = 0;
    for e in &ex.entities {
        // Spans that markup cannot hold are left as plain text.
        if e.byte_start < pos || e.text.contains(['[', ']', '|', '\n']) {
            continue;
        }
        out.push_str(&text[pos..e.byte_start]);
        let attrs = ann_attrs(e);
        if attrs.is_empty() {
            let _ = write!(out, "[[{}|{}]]", e.label, e.text);
        } else {
            let _ = write!(out, "[[{}|{}|{}]]", e.label, e.text, attrs);
        }
        pos = e.byte_end;
    }
    out.push_str(&text[pos..]);
    out
}

/// One line per entity, aligned: label, code-point span, text, attributes.
///
/// ```
/// use viet_ner::{Extractor, Label, output};
/// let ex = Extractor::builder().entry(Label::Org, "Bộ Chính trị").build().unwrap();
/// let t = output::to_table(&ex.extract("của Bộ Chính trị."));
/// assert_eq!(t.trim_end(), "ORG       4..16     Bộ Chính trị");
/// ```
pub fn to_table(ex: &Extraction) -> String {
    let mut out = String::new();
    let tw = ex
        .entities
        .iter()
        .map(|e| e.text.chars().count().min(48))
        .max()
        .unwrap_or(0);
    for e in &ex.entities {
        let span = format!("{}..{}", e.start, e.end);
        let text: String = if e.text.chars().count() > 48 {
            e.text.chars().take(47).chain(['…']).collect()
        } else {
            e.text.replace('\n', " ")
        };
        let attrs: Vec<String> = e
            .attrs
            .iter()
            .map(|(k, v)| format!("{k}={}", attr_text(v)))
            .collect();
        let pad = tw.saturating_sub(text.chars().count());
        let line = format!(
            "{:<9} {:<9} {}{}  {}",
            e.label.as_str(),
            span,
            text,
            " ".repeat(pad),
            attrs.join(" ")
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
