//! The invariants every fuzz target checks on an extraction (the same as
//! `tests/properties.rs`): a violation panics, which libFuzzer reports.

use std::sync::LazyLock;
use viet_ner::{Extraction, Extractor, Label};

/// The default extractor (real recognizers) and one with user entries (so
/// entities exist whatever the recognizers find).
pub static EXTRACTORS: LazyLock<[Extractor; 2]> = LazyLock::new(|| {
    let user = Extractor::builder()
        .entry(Label::Org, "Ban Thường vụ Tỉnh ủy")
        .entry(Label::Org, "Bộ Chính trị")
        .entry(Label::Title, "Bí thư Tỉnh ủy")
        .entry(Label::Per, "Trần Minh Khôi")
        .entry(Label::Loc, "Hòa Bình")
        .entry(Label::Doc, "Nghị quyết số 18-NQ/TW")
        .build()
        .expect("user entries build");
    [Extractor::new(), user]
});

pub fn check(text: &str, out: &Extraction) {
    let (mut prev_end, mut cp) = (0usize, (0usize, 0usize));
    for e in &out.entities {
        let (bs, be) = (e.byte_start, e.byte_end);
        assert!(bs < be && be <= text.len(), "span out of range: {e:?}");
        assert!(
            text.is_char_boundary(bs) && text.is_char_boundary(be),
            "off char boundaries: {e:?}"
        );
        assert_eq!(&text[bs..be], e.text, "text does not slice: {e:?}");
        assert!(bs >= prev_end, "unsorted or overlapping: {e:?}");
        cp = (bs, cp.1 + text[cp.0..bs].chars().count());
        assert_eq!(e.start, cp.1, "code-point start: {e:?}");
        assert_eq!(
            e.end - e.start,
            e.text.chars().count(),
            "code-point end: {e:?}"
        );
        prev_end = be;
    }
    let spans = out
        .people
        .iter()
        .flat_map(|p| p.mentions.iter())
        .chain(out.documents.iter().flat_map(|d| d.mentions.iter()))
        .chain(out.events.iter().flat_map(|d| d.mentions.iter()))
        .chain(out.meta.boilerplate.iter());
    for s in spans {
        assert!(s.start <= s.end && s.end <= text.len(), "record span {s:?}");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "record span {s:?}"
        );
    }
    // Rendering never panics either.
    let _ = out.to_json();
    let _ = viet_ner::output::to_ann(text, out);
    let _ = viet_ner::output::to_table(out);
}
