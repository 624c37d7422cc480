//! Stage 0 and the driver: the [`Extractor`], its builder, and the pipeline
//! normalize → segment/meta → recognize → overlap → link → output.

use crate::candidate::Candidate;
use crate::date::CalendarDate;
use crate::doc::Doc;
use crate::entity::{Entity, Extraction};
use crate::error::{Error, Result};
use crate::gazetteer::{self, UserEntry};
use crate::label::{Label, LabelSet};
use crate::meta::{self, Meta};
use crate::normalize;
use crate::overlap;
use crate::resolve::{self, Resources};
use crate::rules::Rules;
use crate::segment::Segments;
use crate::span::Span;
use std::borrow::Cow;
use std::sync::{Arc, LazyLock};

/// Options that shape the recognizers, fixed when the extractor is built.
#[derive(Debug, Clone, Default)]
pub(crate) struct Config {
    pub user_entries: Vec<UserEntry>,
    /// User document catalogs: (source name, TSV text).
    pub user_catalogs: Vec<(String, String)>,
}

impl Config {
    fn is_default(&self) -> bool {
        self.user_entries.is_empty() && self.user_catalogs.is_empty()
    }
}

/// Recognizers and linking data; shared between extractors built alike.
#[derive(Debug)]
struct Engine {
    rules: Rules,
    resources: Resources,
}

impl Engine {
    fn new(cfg: &Config) -> Result<Self> {
        Ok(Engine {
            rules: Rules::new(cfg)?,
            resources: Resources::new(cfg)?,
        })
    }
}

/// The embedded defaults, built once per process on first use.
static DEFAULT_ENGINE: LazyLock<Arc<Engine>> = LazyLock::new(|| {
    Arc::new(Engine::new(&Config::default()).expect("embedded data is valid (checked by tests)"))
});

/// Turns Vietnamese news text into typed, linked entities.
///
/// Build it once and share it: it is `Send + Sync`, and `extract` takes
/// `&self`. [`Extractor::new`] uses the embedded gazetteers (built lazily,
/// once per process); [`Extractor::builder`] sets options.
///
/// ```
/// use viet_ner::{Extractor, Label};
///
/// let ex = Extractor::new();
/// let text = "Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW.";
/// let out = ex.extract(text);
/// for e in &out.entities {
///     assert_eq!(&text[e.byte_start..e.byte_end], e.text);
/// }
/// assert!(out.entities.iter().any(|e| e.label == Label::Date));
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    engine: Arc<Engine>,
    reference_date: Option<CalendarDate>,
    labels: LabelSet,
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// Reusable buffers for [`Extractor::extract_with`]: the normalized text,
/// its lower-cased twin and the candidate list, kept between documents so
/// that a batch allocates them once. [`Extractor::extract`] uses one per
/// thread. Buffers that grew past 4 MiB (a huge input) are not kept.
#[derive(Debug, Default)]
pub struct Scratch {
    candidates: Vec<Candidate>,
    text: normalize::Buffers,
}

/// Buffers larger than this are dropped after use rather than kept.
const SCRATCH_MAX: usize = 4 << 20;

thread_local! {
    /// [`Extractor::extract`]'s buffers, one set per thread.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Extractor {
    /// An extractor with the embedded defaults and every label enabled.
    pub fn new() -> Self {
        Extractor {
            engine: Arc::clone(&DEFAULT_ENGINE),
            reference_date: None,
            labels: LabelSet::all(),
        }
    }

    /// A builder for options: reference date, labels, extra gazetteer entries.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The reference date set on the builder, if any.
    pub fn reference_date(&self) -> Option<CalendarDate> {
        self.reference_date
    }

    /// Extracts entities and records from `text`. Never fails.
    ///
    /// # Guarantees and input limits
    /// - Any `&str` is accepted: empty, white space only, control
    ///   characters, lone combining marks, mixed scripts, NFC or NFD. There
    ///   is no length limit and no input that panics (`tests/properties.rs`,
    ///   `fuzz/`).
    /// - Every entity's `byte_start..byte_end` lies on char boundaries of
    ///   `text` and slices to `entity.text`; `start..end` are the same span
    ///   in code points; entities are sorted by start and never overlap.
    /// - Time and memory are linear in the input (`tests/scaling.rs`). Peak
    ///   heap is about 1–3 bytes per input byte for ordinary NFC articles,
    ///   6–15 for NFD text, and at most about 35 on the worst inputs known
    ///   (text made only of line breaks or of combining marks): a 50 MB
    ///   crawled page needs well under 2 GB. Split much larger inputs at
    ///   paragraph breaks and extract each part.
    /// - The same input gives byte-identical output across runs, threads
    ///   and extractors built alike.
    pub fn extract(&self, text: &str) -> Extraction {
        // The thread's buffers, unless they are in use further up this
        // thread's stack or the thread is being torn down.
        SCRATCH
            .try_with(|s| {
                let mut s = s.try_borrow_mut().ok()?;
                Some(self.extract_with(&mut s, text))
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| self.extract_with(&mut Scratch::default(), text))
    }

    /// Like [`extract`](Self::extract), reusing `scratch`'s buffers.
    pub fn extract_with(&self, scratch: &mut Scratch, text: &str) -> Extraction {
        self.run(scratch, text, false).0
    }

    /// Extracts from bytes that should be UTF-8; invalid UTF-8 is an error
    /// naming the byte offset.
    ///
    /// ```
    /// let err = viet_ner::Extractor::new().extract_bytes(b"ok \xff").unwrap_err();
    /// assert_eq!(err.to_string(), "<input>: invalid UTF-8 at byte 3");
    /// ```
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Extraction> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            source_name: "<input>".into(),
            offset: e.valid_up_to(),
        })?;
        Ok(self.extract(text))
    }

    /// Extracts from bytes that may not be UTF-8 (crawled pages with a wrong
    /// charset, truncated downloads): each invalid sequence is replaced by
    /// U+FFFD `�`, exactly as [`String::from_utf8_lossy`] does, and the
    /// extraction runs on that text. Never fails.
    ///
    /// Returns the decoded text with the extraction: **all offsets
    /// (`byte_start`/`byte_end`, `start`/`end`, record mentions) refer to
    /// that text**, not to `bytes`. When `bytes` is valid UTF-8 the text is
    /// borrowed, identical to the input, and the result equals
    /// [`extract`](Self::extract)'s; otherwise each replaced sequence (one
    /// to three bytes) became three bytes, so byte offsets after it differ
    /// from the input's. Use [`extract_bytes`](Self::extract_bytes) to refuse
    /// such input instead.
    ///
    /// ```
    /// use viet_ner::{Extractor, Label};
    /// let ex = Extractor::builder().entry(Label::Org, "Bộ Chính trị").build().unwrap();
    /// let (text, out) = ex.extract_lossy(b"\xff\xfe B\xe1\xbb\x99 Ch\xc3\xadnh tr\xe1\xbb\x8b");
    /// assert_eq!(text, "\u{fffd}\u{fffd} Bộ Chính trị");
    /// let e = &out.entities[0];
    /// assert_eq!((e.byte_start, e.start), (7, 3));
    /// assert_eq!(&text[e.byte_start..e.byte_end], e.text);
    /// ```
    pub fn extract_lossy<'a>(&self, bytes: &'a [u8]) -> (Cow<'a, str>, Extraction) {
        let text = String::from_utf8_lossy(bytes);
        let out = self.extract(&text);
        (text, out)
    }

    /// Explains an extraction: each accepted entity, and each candidate that
    /// lost an overlap with the entity that beat it (for debugging rules).
    pub fn explain(&self, text: &str) -> Vec<Explanation> {
        let (out, rejected) = self.run(&mut Scratch::default(), text, true);
        let mut v: Vec<Explanation> = out
            .entities
            .into_iter()
            .map(|e| Explanation {
                entity: e,
                lost_to: None,
            })
            .collect();
        v.extend(rejected);
        v
    }

    /// Stages 1 and 2: normalize, segment, find the article's own metadata.
    pub(crate) fn prepare<'a>(&self, text: &'a str) -> Doc<'a> {
        self.prepare_in(text, &mut normalize::Buffers::default())
    }

    /// [`prepare`](Self::prepare) with the normalization's strings from `bufs`.
    fn prepare_in<'a>(&self, text: &'a str, bufs: &mut normalize::Buffers) -> Doc<'a> {
        let norm = normalize::normalize_in(text, bufs);
        let seg = Segments::new(&norm.text);
        let scan = meta::scan(&norm.text, &norm.lower, &seg);
        let reference_date = self
            .reference_date
            .or(scan.published_date)
            .or_else(|| meta::latest_written_date(&norm.text));
        Doc {
            orig: text,
            norm,
            seg,
            reference_date,
            scan,
        }
    }

    /// Stage 3: every recognizer's candidates, minus any a buggy rule put off
    /// the normalized text's char boundaries (which would panic or lie later;
    /// debug builds, and so the property tests, fail loudly instead).
    pub(crate) fn recognize(&self, doc: &Doc, cands: &mut Vec<Candidate>) {
        cands.clear();
        // The families share their phrase searches over this text.
        let memo = gazetteer::memo_scope(doc.lower());
        self.engine.rules.run(doc, self.labels, cands);
        drop(memo);
        let t = doc.text();
        cands.retain(|c| {
            let ok = c.start <= c.end
                && c.end <= t.len()
                && t.is_char_boundary(c.start)
                && t.is_char_boundary(c.end);
            debug_assert!(
                ok,
                "rule {} gave {}..{}, off char boundaries",
                c.rule, c.start, c.end
            );
            ok
        });
    }

    /// The shared gazetteer pass over a prepared document (`__bench`).
    pub(crate) fn phrase_pass(&self, doc: &Doc) -> usize {
        let _memo = gazetteer::memo_scope(doc.lower());
        self.engine.rules.phrase_pass(doc.lower())
    }

    /// The linking data, for the stage wrappers of `__bench`.
    pub(crate) fn resources(&self) -> &Resources {
        &self.engine.resources
    }

    fn run(
        &self,
        scratch: &mut Scratch,
        text: &str,
        explain: bool,
    ) -> (Extraction, Vec<Explanation>) {
        // 1. normalize, 2. segment and find the article's own metadata.
        let doc = self.prepare_in(text, &mut scratch.text);
        // 3. recognize.
        let cands = &mut scratch.candidates;
        self.recognize(&doc, cands);
        // 4. resolve overlaps.
        let res = overlap::resolve_in(cands, explain);
        if cands.capacity() * std::mem::size_of::<Candidate>() > SCRATCH_MAX {
            *cands = Vec::new();
        }
        let mut accepted = res.accepted;
        // 5. link.
        let linked = resolve::link(&doc, &mut accepted, &self.engine.resources);
        // 6. output.
        let mut ents: Vec<(Span, Candidate)> = Vec::with_capacity(accepted.len());
        for c in accepted {
            if !self.labels.contains(c.label) {
                continue;
            }
            let span = doc.orig_span(c.start, c.end);
            if span.is_empty() {
                continue;
            }
            // The offset map keeps spans on the caller's char boundaries; if it
            // ever did not, slicing would panic: drop the span instead.
            let on_chars = text.is_char_boundary(span.start) && text.is_char_boundary(span.end);
            debug_assert!(on_chars, "span {span:?} off the input's char boundaries");
            if !on_chars {
                continue;
            }
            ents.push((span, c));
        }
        let entities = to_entities(text, ents);
        let mut rejected = Vec::new();
        if explain {
            // One sorted pass, so code-point offsets are counted once.
            let mut lost: Vec<(Span, Candidate, usize)> = res
                .rejected
                .into_iter()
                .map(|(c, w)| (doc.orig_span(c.start, c.end), c, w))
                .filter(|(s, _, _)| !s.is_empty())
                .collect();
            lost.sort_by_key(|(s, c, _)| (s.start, s.end, c.label));
            let winners: Vec<usize> = lost.iter().map(|l| l.2).collect();
            let ents = to_entities(text, lost.into_iter().map(|(s, c, _)| (s, c)).collect());
            for (e, w) in ents.into_iter().zip(winners) {
                rejected.push(Explanation {
                    entity: e,
                    lost_to: Some(w),
                });
            }
        }
        let meta = to_meta(&doc);
        doc.norm.recycle(&mut scratch.text, SCRATCH_MAX);
        let ex = Extraction {
            meta,
            entities,
            people: linked.people,
            documents: linked.documents,
            events: linked.events,
        };
        (ex, rejected)
    }
}

/// One line of [`Extractor::explain`].
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The entity (or the losing candidate, as an entity).
    pub entity: Entity,
    /// For a losing candidate: the index in the accepted list of the winner.
    pub lost_to: Option<usize>,
}

/// Builds entities with code-point offsets in one pass over the text.
fn to_entities(text: &str, mut ents: Vec<(Span, Candidate)>) -> Vec<Entity> {
    ents.sort_by_key(|(s, c)| (s.start, s.end, c.label));
    let mut out = Vec::with_capacity(ents.len());
    // Offsets come in non-decreasing order for starts; ends may step back
    // only for the explain view. Counting goes on from the nearest
    // checkpoint at or before the offset: the last start or the last end
    // (accepted entities do not overlap, so the next start is past the end
    // and no byte is counted twice).
    let mut at_start = (0usize, 0usize); // (byte, char)
    let mut at_end = (0usize, 0usize);
    let char_at = |b: usize, from: (usize, usize)| -> (usize, usize) {
        (b, from.1 + text[from.0..b].chars().count())
    };
    for (span, c) in ents {
        let from = if span.start >= at_end.0 {
            at_end
        } else if span.start >= at_start.0 {
            at_start
        } else {
            (0, 0)
        };
        at_start = char_at(span.start, from);
        at_end = char_at(span.end, at_start);
        let (start, end) = (at_start.1, at_end.1);
        out.push(Entity {
            label: c.label,
            start,
            end,
            byte_start: span.start,
            byte_end: span.end,
            text: text[span.range()].to_string(),
            attrs: c.attrs,
            rule: c.rule,
        });
    }
    out
}

fn to_meta(doc: &Doc) -> Meta {
    let s = &doc.scan;
    let slice = |r: &std::ops::Range<usize>| {
        let sp = doc.orig_span(r.start, r.end);
        doc.orig[sp.range()].to_string()
    };
    Meta {
        published: s.published.clone(),
        title: s.title.as_ref().map(slice),
        // A name signed twice (`Tác giả: X` and a last line `X`) is one author.
        authors: s.authors.iter().map(slice).fold(Vec::new(), |mut v, a| {
            if !v.contains(&a) {
                v.push(a);
            }
            v
        }),
        boilerplate: s
            .boilerplate
            .iter()
            .map(|r| doc.orig_span(r.start, r.end))
            .collect(),
    }
}

/// Options for an [`Extractor`].
///
/// ```
/// use viet_ner::{CalendarDate, Extractor, Label};
///
/// let ex = Extractor::builder()
///     .reference_date(CalendarDate::new(2020, 11, 12).unwrap())
///     .labels([Label::Date, Label::Per])
///     .gazetteer_tsv("local.tsv", "label\ttext\tcanonical\tattrs\nPER\tY Thanh Hà Niê Kđăm\n")
///     .build()
///     .unwrap();
/// let out = ex.extract("Chiều 11/11, ông Y Thanh Hà Niê Kđăm phát biểu.");
/// let per: Vec<_> = out.with_label(Label::Per).map(|e| e.text.as_str()).collect();
/// assert_eq!(per, ["Y Thanh Hà Niê Kđăm"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ExtractorBuilder {
    reference_date: Option<CalendarDate>,
    labels: Option<LabelSet>,
    gazetteers: Vec<(String, String)>,
    entries: Vec<(Label, String)>,
    catalogs: Vec<(String, String)>,
}

impl ExtractorBuilder {
    /// The date that year-less dates (`11/11`, `quý III`) take their year
    /// from. Without it, the article's own dateline is used when found.
    pub fn reference_date(mut self, date: CalendarDate) -> Self {
        self.reference_date = Some(date);
        self
    }

    /// Keeps only these labels in the output (all by default).
    pub fn labels(mut self, labels: impl IntoIterator<Item = Label>) -> Self {
        self.labels = Some(labels.into_iter().collect());
        self
    }

    /// Adds one gazetteer entry: `text` will be recognized as `label`.
    pub fn entry(mut self, label: Label, text: impl Into<String>) -> Self {
        self.entries.push((label, text.into()));
        self
    }

    /// Adds a gazetteer in TSV (`label  text  canonical  attrs`, header
    /// required). `name` is used in error messages. Checked by `build`.
    pub fn gazetteer_tsv(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.gazetteers.push((name.into(), tsv.into()));
        self
    }

    /// Reads a gazetteer TSV file (see [`gazetteer_tsv`](Self::gazetteer_tsv)).
    pub fn gazetteer_file(self, path: impl AsRef<std::path::Path>) -> Result<Self> {
        let p = path.as_ref();
        let text = std::fs::read_to_string(p).map_err(|source| Error::Io {
            path: p.display().to_string(),
            source,
        })?;
        Ok(self.gazetteer_tsv(p.display().to_string(), text))
    }

    /// Adds document catalog entries (a province's own resolutions) in the
    /// catalog TSV format documented in `data/README.md`.
    pub fn catalog_tsv(mut self, name: impl Into<String>, tsv: impl Into<String>) -> Self {
        self.catalogs.push((name.into(), tsv.into()));
        self
    }

    /// Builds the extractor; fails on a malformed gazetteer or catalog,
    /// naming the file and line, and loads nothing from it.
    pub fn build(self) -> Result<Extractor> {
        let mut cfg = Config::default();
        for (name, text) in &self.gazetteers {
            cfg.user_entries.extend(gazetteer::parse_user(name, text)?);
        }
        for (label, text) in self.entries {
            let text = normalize::clean(&text);
            if text.is_empty() {
                continue;
            }
            let capitalized = text.starts_with(char::is_uppercase);
            cfg.user_entries.push(UserEntry {
                label,
                text,
                attrs: Default::default(),
                capitalized,
            });
        }
        cfg.user_catalogs = self.catalogs;
        let engine = if cfg.is_default() {
            Arc::clone(&DEFAULT_ENGINE)
        } else {
            Arc::new(Engine::new(&cfg)?)
        };
        Ok(Extractor {
            engine,
            reference_date: self.reference_date,
            labels: self.labels.unwrap_or_else(LabelSet::all),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn send_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
    }

    #[test]
    fn offsets_are_exact_for_nbsp_and_nfd() {
        let ex = Extractor::builder()
            .entry(Label::Org, "Ban Thường vụ Tỉnh ủy")
            .build()
            .unwrap();
        let text = "Đ\u{a0}Ban\u{a0}\u{a0}Thường vụ Tỉnh uỷ, ";
        let out = ex.extract(text);
        assert_eq!(out.entities.len(), 1);
        let e = &out.entities[0];
        assert_eq!(&text[e.byte_start..e.byte_end], e.text);
        assert_eq!(e.text, "Ban\u{a0}\u{a0}Thường vụ Tỉnh uỷ");
        assert_eq!(e.start, 2);
    }
}
