//! # viet-ner
//!
//! Typed, linked entities from Vietnamese political and government news:
//! people and the titles they hold, organizations, places, congresses and
//! sessions, terms of office, dates, and references to Party and State
//! documents (`Nghị quyết số 18-NQ/TW`, `Nghị định 30/2020/NĐ-CP`).
//!
//! ```
//! use viet_ner::{Extractor, Label};
//!
//! let ex = Extractor::new(); // build once, share across threads
//! let text = "Đồng chí Bí thư Tỉnh ủy chủ trì Hội nghị.";
//! let out = ex.extract(text);
//! for e in &out.entities {
//!     // Offsets are into *your* text, whatever normalization happened.
//!     assert_eq!(&text[e.byte_start..e.byte_end], e.text);
//! }
//! println!("{}", out.to_json());
//! ```
//!
//! ## The pipeline
//! One module per stage: [`normalize`](crate) (NFC, white space, quotes,
//! dashes, `Ð`, tone placement; with an offset map back to the input) →
//! `segment` (lines, word boundaries) and `meta` (dateline, title, bylines) →
//! `rules` (one recognizer family per file) → `overlap` (one total order) →
//! `resolve` (titles to people, short document forms to identifiers) →
//! [`output`] (JSON, `ann` markup, table). `DESIGN.md` has the picture and
//! the invariants.
//!
//! ## Performance
//! Build one [`Extractor`] and reuse it: the embedded gazetteers are parsed
//! and compiled once per process. `extract` is linear in the input.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[doc(hidden)]
#[path = "bench_api.rs"]
pub mod __bench;
mod attrs;
mod candidate;
mod date;
mod doc;
mod entity;
mod error;
mod extractor;
mod gazetteer;
mod label;
mod meta;
mod normalize;
pub mod output;
mod overlap;
mod phrase_dfa;
mod resolve;
mod rules;
mod segment;
mod span;

pub use attrs::Iter as AttrsIter;
pub use date::CalendarDate;
pub use entity::{Attrs, Entity, Extraction};
pub use error::{Error, Result};
pub use extractor::{Explanation, Extractor, ExtractorBuilder, Scratch};
pub use gazetteer::USER_HEADER;
pub use label::{Label, LabelSet, UnknownLabel};
pub use meta::Meta;
pub use resolve::{CatalogEntry, Document, Event, HeldTitle, Person};
pub use span::Span;

// The README's Rust examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
