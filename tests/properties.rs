//! Properties that must hold for EVERY input (issue 7): no panic, offsets on
//! the caller's char boundaries that slice to the entity text, code-point and
//! byte offsets in agreement, sorted non-overlapping entities, the same
//! answer for NFC and NFD (and any normalization-equivalent) input,
//! byte-identical output across runs and threads, and `extract_bytes`
//! failing exactly when the input is not UTF-8.
//!
//! Two extractors drive every property: one with user gazetteer entries, so
//! entities exist whatever the built-in recognizers do, and the default one,
//! so the real recognizers are held to the same invariants.
//!
//! Inputs come from two generators: arbitrary Unicode, and text built from
//! fragments of the genre (titles, bodies, document numbers, dates) glued
//! with the variants normalization folds (NBSP and other spaces, curly
//! quotes, dashes, `Ð`, old tone placement, ALL-CAPS, NFD, line breaks).
//!
//! 256 cases per property by default (`PROPTEST_CASES=N` to change), short
//! inputs, so `cargo test` stays fast.

use proptest::prelude::*;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use viet_ner::{Error, Extraction, Extractor, Label, Scratch};

// ---------------------------------------------------------------- extractors

/// Invented officials and real kinds of bodies and documents: the shapes of
/// the genre, none taken from gold data.
const USER_ENTRIES: &[(Label, &str)] = &[
    (Label::Org, "Ban Thường vụ Tỉnh ủy"),
    (Label::Org, "Tỉnh ủy"),
    (Label::Org, "Bộ Chính trị"),
    (Label::Org, "Ủy ban nhân dân tỉnh"),
    (Label::Org, "HĐND tỉnh"),
    (Label::Title, "Bí thư Tỉnh ủy"),
    (Label::Title, "Phó Bí thư Thường trực Tỉnh ủy"),
    (Label::Title, "Chủ tịch UBND tỉnh"),
    (Label::Per, "Trần Minh Khôi"),
    (Label::Per, "Lê Thị Hồng Vân"),
    (Label::Per, "Y Thanh Hà Niê Kđăm"),
    (Label::Loc, "Hòa Bình"),
    (Label::Loc, "Đắk Lắk"),
    (Label::Loc, "Thừa Thiên Huế"),
    (Label::Doc, "Nghị quyết số 18-NQ/TW"),
    (Label::Doc, "Nghị định 30/2020/NĐ-CP"),
    (Label::Event, "Hội nghị Trung ương 8"),
    (Label::Term, "nhiệm kỳ 2020 - 2025"),
    (Label::Date, "ngày 25/10/2017"),
];

static USER: LazyLock<Extractor> = LazyLock::new(|| {
    let mut b = Extractor::builder();
    for &(label, text) in USER_ENTRIES {
        b = b.entry(label, text);
    }
    b.build().expect("user entries build")
});

static DEFAULT: LazyLock<Extractor> = LazyLock::new(Extractor::new);

fn extractors() -> [&'static Extractor; 2] {
    [&USER, &DEFAULT]
}

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        c.cases = 256;
    }
    c
}

// ---------------------------------------------------------------- generators

/// Pieces of the genre. Entity strings come in their variants (case, old
/// tone placement, `Ð`, spacing) so the folds are exercised at entity edges.
const FRAGMENTS: &[&str] = &[
    "Đồng chí",
    "ông",
    "bà",
    "Trần Minh Khôi",
    "TRẦN MINH KHÔI",
    "Lê Thị Hồng Vân",
    "Y Thanh Hà Niê Kđăm",
    "Bí thư Tỉnh ủy",
    "Bí thư Tỉnh uỷ",
    "BÍ THƯ TỈNH ỦY",
    "Phó Bí thư Thường trực Tỉnh ủy",
    "Chủ tịch UBND tỉnh",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ Tỉnh Uỷ",
    "Tỉnh ủy",
    "Bộ Chính trị",
    "Ủy ban nhân dân tỉnh",
    "Uỷ ban nhân dân tỉnh",
    "HĐND tỉnh",
    "HÐND tỉnh",
    "Hòa Bình",
    "Hoà Bình",
    "HOÀ BÌNH",
    "Đắk Lắk",
    "Ðắk Lắk",
    "Thừa Thiên Huế",
    "Nghị quyết số 18-NQ/TW",
    "Nghị quyết số 18–NQ/TW",
    "Nghị quyết số 1, 2 và 3",
    "Nghị quyết số 1,",
    "Nghị định 30/2020/NĐ-CP",
    "Nghị định 30/2020/NÐ‑CP",
    "Chỉ thị số 35-CT/TW",
    "Quyết định số 1234/QĐ-UBND",
    "Kế hoạch số 215-KH/TU",
    "Hội nghị Trung ương 8",
    "Đại hội XIII",
    "khóa XII",
    "khoá XVII",
    "nhiệm kỳ 2020 - 2025",
    "nhiệm kỳ 2020 – 2025",
    "ngày 25/10/2017",
    "ngày 25/10/2017,",
    "14/07/2023 - 09:15",
    "Sáng 13/7",
    "tháng 6/2024",
    "quý III",
    "năm 2023",
    "7,15%",
    "1.256 đảng viên",
    "chủ trì hội nghị",
    "phát biểu",
    "của",
    "và",
    "số",
    "ngày",
    ".",
    ",",
    ";",
    ":",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "-",
    "–",
    "—",
    "/",
    "…",
    "\u{301}",
    "\u{300}\u{323}",
    "a\u{306}\u{301}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "ð",
    "Ð",
    "\u{0}",
    "\u{7}",
    "\u{85}",
    "\u{1f}",
    "🇻🇳",
    "한국",
    "Москва",
    "北京",
    "i̇",
    "ß",
    "ǅ",
    "ﬁ",
];

/// What goes between fragments: every class of white space and break.
const GLUE: &[&str] = &[
    " ",
    " ",
    " ",
    "",
    "  ",
    "\u{a0}",
    "\u{a0}\u{a0}",
    "\t",
    "\u{2009}",
    "\u{202f}",
    "\u{3000}",
    "\u{200b}",
    " \u{200b} ",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\u{2028}",
    "\u{b}",
    "\u{c}",
];

fn genre_text() -> impl Strategy<Value = String> {
    let piece = (prop::sample::select(FRAGMENTS), prop::sample::select(GLUE));
    (prop::collection::vec(piece, 0..24), 0u8..6).prop_map(|(pieces, form)| {
        let mut s = String::new();
        for (f, g) in pieces {
            s.push_str(f);
            s.push_str(g);
        }
        match form {
            0 => s.nfd().collect(),
            1 => s.to_uppercase(),
            2 => s.nfc().collect(),
            _ => s,
        }
    })
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..48).prop_map(|v| v.into_iter().collect())
}

/// Either generator, and their mix (random characters inside genre text).
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => genre_text(),
        1 => unicode_text(),
        1 => (genre_text(), unicode_text(), any::<prop::sample::Index>()).prop_map(|(g, u, at)| {
            let cut = g.char_indices().map(|(i, _)| i).chain([g.len()]);
            let cuts: Vec<usize> = cut.collect();
            let i = cuts[at.index(cuts.len())];
            format!("{}{}{}", &g[..i], u, &g[i..])
        }),
    ]
}

/// Arbitrary bytes, and valid text with a few bytes spliced in.
fn any_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..96),
        (
            genre_text(),
            prop::collection::vec(any::<u8>(), 0..4),
            any::<prop::sample::Index>()
        )
            .prop_map(|(g, junk, at)| {
                let mut b = g.into_bytes();
                let i = at.index(b.len() + 1);
                b.splice(i..i, junk);
                b
            }),
    ]
}

// ---------------------------------------------------------------- checks

/// Every invariant of one extraction against the text it came from.
fn check_offsets(text: &str, out: &Extraction) -> Result<(), TestCaseError> {
    let mut prev_end = 0usize;
    let mut prev_start = 0usize;
    // Count code points in one pass, entities being sorted.
    let mut cp = (0usize, 0usize); // (byte, code points before it)
    for e in &out.entities {
        let (bs, be) = (e.byte_start, e.byte_end);
        prop_assert!(bs < be && be <= text.len(), "empty or out of range: {e:?}");
        prop_assert!(
            text.is_char_boundary(bs) && text.is_char_boundary(be),
            "{e:?}"
        );
        prop_assert_eq!(&text[bs..be], e.text.as_str());
        prop_assert!(bs >= prev_start, "not sorted by start: {:?}", e);
        prop_assert!(bs >= prev_end, "overlaps the entity before: {:?}", e);
        cp = (bs, cp.1 + text[cp.0..bs].chars().count());
        prop_assert_eq!(e.start, cp.1, "code-point start of {:?}", e);
        prop_assert_eq!(
            e.end - e.start,
            e.text.chars().count(),
            "code-point end of {:?}",
            e
        );
        prop_assert!(out.meta.boilerplate.iter().all(|s| s.end <= text.len()));
        prev_start = bs;
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
        prop_assert!(s.start <= s.end && s.end <= text.len(), "record span {s:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
    if let Some(t) = &out.meta.title {
        prop_assert!(text.contains(t.as_str()), "title {t:?} is not in the text");
    }
    for a in &out.meta.authors {
        prop_assert!(text.contains(a.as_str()), "author {a:?} is not in the text");
    }
    // The JSON renders, and renders the same entities.
    let v: serde_json::Value = serde_json::from_str(&out.to_json()).expect("valid JSON");
    prop_assert_eq!(
        v["entities"].as_array().map_or(0, Vec::len),
        out.entities.len()
    );
    Ok(())
}

/// What must not depend on how the input was written: the label, the entity
/// text once normalized, the attributes; and the records' shape.
fn comparable(out: &Extraction) -> Vec<String> {
    let mut v: Vec<String> = out
        .entities
        .iter()
        .map(|e| {
            let (norm, _) = viet_ner::__bench::normalize(&e.text);
            format!("{} {:?} {:?}", e.label, norm, e.attrs)
        })
        .collect();
    v.push(format!(
        "people={} documents={} events={} published={:?}",
        out.people.len(),
        out.documents.len(),
        out.events.len(),
        out.meta.published
    ));
    v
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(config())]

    /// No panic, and every offset invariant, on any text.
    #[test]
    fn offsets_hold_for_any_text(text in any_text()) {
        for ex in extractors() {
            let out = ex.extract(&text);
            check_offsets(&text, &out)?;
            // The debugging view holds the same offsets, losers included.
            for x in ex.explain(&text) {
                let e = &x.entity;
                prop_assert!(text.is_char_boundary(e.byte_start) && text.is_char_boundary(e.byte_end));
                prop_assert_eq!(&text[e.byte_start..e.byte_end], e.text.as_str());
                prop_assert_eq!(e.start, text[..e.byte_start].chars().count());
            }
        }
    }

    /// The user entries are found whatever the spacing, quoting, case, `Ð`,
    /// tone placement or normalization form they are written in.
    #[test]
    fn genre_text_finds_entries(text in genre_text()) {
        let out = USER.extract(&text);
        check_offsets(&text, &out)?;
        let norm = viet_ner::__bench::normalize(&text).1;
        // Spot check: a plain "bộ chính trị" standing free must be an entity.
        if norm == "bộ chính trị" {
            prop_assert_eq!(out.entities.len(), 1);
        }
    }

    /// NFC and NFD spellings of one text give the same entities (each with
    /// offsets into its own input).
    #[test]
    fn nfc_and_nfd_agree(text in any_text()) {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        for ex in extractors() {
            let a = ex.extract(&nfc);
            let b = ex.extract(&nfd);
            check_offsets(&nfc, &a)?;
            check_offsets(&nfd, &b)?;
            prop_assert_eq!(comparable(&a), comparable(&b), "nfc {:?} nfd {:?}", nfc, nfd);
        }
    }

    /// Normalizing is idempotent, keeps the lower-cased twin aligned, and the
    /// normalized text extracts the same entities as the original.
    #[test]
    fn normalization_is_idempotent(text in any_text()) {
        let (norm, lower) = viet_ner::__bench::normalize(&text);
        prop_assert_eq!(norm.len(), lower.len());
        for (i, _) in norm.char_indices() {
            prop_assert!(lower.is_char_boundary(i), "lower is misaligned at {}", i);
        }
        let (again, _) = viet_ner::__bench::normalize(&norm);
        prop_assert_eq!(&again, &norm, "normalize(normalize(x)) != normalize(x)");
        for ex in extractors() {
            let a = ex.extract(&text);
            let b = ex.extract(&norm);
            check_offsets(&norm, &b)?;
            prop_assert_eq!(comparable(&a), comparable(&b));
        }
    }

    /// Same input, same bytes out: across runs, extractors built alike, and
    /// threads.
    #[test]
    fn deterministic(text in any_text()) {
        for ex in extractors() {
            let a = ex.extract(&text).to_json();
            prop_assert_eq!(&a, &ex.extract(&text).to_json());
            let t = text.clone();
            let ex2 = ex.clone();
            let c = std::thread::spawn(move || ex2.extract(&t).to_json()).join().unwrap();
            prop_assert_eq!(&a, &c);
        }
        let mut b = Extractor::builder();
        for &(label, t) in USER_ENTRIES {
            b = b.entry(label, t);
        }
        let rebuilt = b.build().unwrap();
        prop_assert_eq!(USER.extract(&text).to_json(), rebuilt.extract(&text).to_json());
    }

    /// Buffers reused from one text to the next (`extract_with`, and the
    /// thread's own under `extract`) change nothing: each result is that of
    /// fresh buffers, whatever came before.
    #[test]
    fn scratch_reuse_changes_nothing(a in any_text(), b in genre_text()) {
        let ex = extractors()[0];
        let fresh = |t: &str| ex.extract_with(&mut Scratch::default(), t).to_json();
        let mut scratch = Scratch::default();
        for t in [&a, &b, &a, &b] {
            prop_assert_eq!(ex.extract_with(&mut scratch, t).to_json(), fresh(t));
            prop_assert_eq!(ex.extract(t).to_json(), fresh(t));
        }
    }

    /// `extract_bytes` fails exactly when `from_utf8` does, at the same byte;
    /// otherwise it is `extract`. `extract_lossy` never fails, and its
    /// offsets hold in the text it returns.
    #[test]
    fn bytes_entry_points(bytes in any_bytes()) {
        for ex in extractors() {
            match (std::str::from_utf8(&bytes), ex.extract_bytes(&bytes)) {
                (Ok(s), Ok(out)) => {
                    prop_assert_eq!(out.to_json(), ex.extract(s).to_json());
                }
                (Err(e), Err(Error::InvalidUtf8 { offset, .. })) => {
                    prop_assert_eq!(offset, e.valid_up_to());
                }
                (want, got) => {
                    prop_assert!(false, "from_utf8 {:?} but extract_bytes {:?}", want.map(|_| ()), got.map(|_| ()));
                }
            }
            let (text, out) = ex.extract_lossy(&bytes);
            prop_assert_eq!(&*text, &*String::from_utf8_lossy(&bytes));
            check_offsets(&text, &out)?;
            if let Ok(s) = std::str::from_utf8(&bytes) {
                prop_assert_eq!(out.to_json(), ex.extract(s).to_json());
            }
        }
    }

    /// Any user entry text (empty, spaces only, lone marks, odd scripts)
    /// builds, and extraction with it keeps every invariant.
    #[test]
    fn any_user_entry(entry in any_text(), text in any_text()) {
        let ex = Extractor::builder().entry(Label::Org, entry.clone()).build().unwrap();
        let haystack = format!("{text} {entry} {text}");
        let out = ex.extract(&haystack);
        check_offsets(&haystack, &out)?;
    }

    /// A user gazetteer file is either loaded whole or refused with a line
    /// number inside the file; never a panic.
    #[test]
    fn any_gazetteer_file(body in prop::collection::vec(
        prop_oneof![
            Just("label\ttext\tcanonical\tattrs".to_string()),
            Just("PER\tTrần Minh Khôi".to_string()),
            Just("ORG\tBộ Chính trị\t\tlevel=central".to_string()),
            Just("# source: test".to_string()),
            Just(String::new()),
            any_text(),
            (any_text(), any_text()).prop_map(|(a, b)| format!("ORG\t{a}\t{b}")),
        ],
        0..6,
    )) {
        let tsv = body.join("\n");
        match Extractor::builder().gazetteer_tsv("g.tsv", tsv.clone()).build() {
            Ok(ex) => check_offsets(&tsv, &ex.extract(&tsv))?,
            Err(Error::Data { source_name, line, .. }) => {
                prop_assert_eq!(source_name, "g.tsv");
                prop_assert!(line >= 1 && line <= tsv.lines().count().max(1), "line {}", line);
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }

    /// Labels switched off never appear; the rest keep their invariants.
    #[test]
    fn label_filter(text in genre_text(), keep in prop::sample::subsequence(Label::ALL.to_vec(), 0..=Label::ALL.len())) {
        let mut b = Extractor::builder().labels(keep.clone());
        for &(label, t) in USER_ENTRIES {
            b = b.entry(label, t);
        }
        let out = b.build().unwrap().extract(&text);
        check_offsets(&text, &out)?;
        prop_assert!(out.entities.iter().all(|e| keep.contains(&e.label)));
    }
}

// ---------------------------------------------------------------- fixed cases

/// Inputs that once broke something, or easily could, kept as plain tests.
#[test]
fn edge_inputs() {
    let cases: &[&str] = &[
        "",
        " ",
        "\n",
        "\r\n\r\n",
        "\u{a0}\u{a0}",
        "\u{301}",
        "\u{301}\u{301}Bộ Chính trị",
        "Bộ Chính trị\u{301}",
        "Bộ Chính trị\u{200b}",
        "\u{200b}Bộ Chính trị",
        "Bộ Chính \u{200b} trị",
        "Bộ \u{200b} Chính trị",
        "oà",
        "Hoà Bình\u{300}",
        "HOÀ BÌNH",
        "\u{0}Bộ Chính trị\u{0}",
        "\u{feff}Bộ Chính trị",
        "\r\rBộ Chính trị\r",
    ];
    for text in cases {
        for ex in extractors() {
            let out = ex.extract(text);
            check_offsets(text, &out).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            let nfd: String = text.nfd().collect();
            let out2 = ex.extract(&nfd);
            check_offsets(&nfd, &out2).unwrap_or_else(|e| panic!("{nfd:?}: {e}"));
            assert_eq!(comparable(&out), comparable(&out2), "{text:?}");
        }
    }
}

/// Zero-width characters inside a run of spaces used to leave two spaces in
/// the normalized text (so `Bộ \u{200b} Chính trị` was not `Bộ Chính trị`).
#[test]
fn zero_width_inside_spaces_collapses() {
    let (n, _) = viet_ner::__bench::normalize("Bộ \u{200b} Chính trị");
    assert_eq!(n, "Bộ Chính trị");
    let out = USER.extract("của Bộ \u{200b} Chính trị.");
    assert_eq!(out.entities.len(), 1);
}

/// A lone `\r` (or U+0085, U+2028) in text that needed no other rewrite
/// used to stay in the normalized text, so `ngày 25/10/2017\r...` kept its
/// dateline on one long line in NFC but not in NFD.
#[test]
fn lone_carriage_return_is_a_line_break() {
    for t in ["a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b"] {
        assert_eq!(viet_ner::__bench::normalize(t).0, "a\nb", "{t:?}");
    }
}

/// Dropped characters between combining marks: the marks compose as they
/// will once the character is gone, so normalizing twice changes nothing.
#[test]
fn dropped_characters_between_marks() {
    for t in [
        "ba\u{300}\u{200b}\u{323}\u{300} ",
        "\u{5b1}\u{200b}\u{5b0}",
        "a\u{ad}\u{301}",
    ] {
        let (once, _) = viet_ner::__bench::normalize(t);
        let (twice, _) = viet_ner::__bench::normalize(&once);
        assert_eq!(once, twice, "{t:?}");
    }
}

/// NFD Hangul (and other starters that compose backwards) used to stay
/// decomposed, three times as long, so NFC and NFD lines differed in length
/// and a dateline was found in one and not the other.
#[test]
fn nfd_hangul_composes() {
    let nfd: String = "한국 ngày 25/10/2017".nfd().collect();
    assert_eq!(viet_ner::__bench::normalize(&nfd).0, "한국 ngày 25/10/2017");
}

/// Old tone placement followed by a mark that does not compose is left as
/// is: moving the tone let the mark compose on the next pass.
#[test]
fn retone_leaves_extra_marks_alone() {
    let t = "Bi\u{301} thu\u{31b} Ti\u{309}nh uy\u{309}\u{301} ";
    let (once, _) = viet_ner::__bench::normalize(t);
    assert_eq!(viet_ner::__bench::normalize(&once).0, once);
}
