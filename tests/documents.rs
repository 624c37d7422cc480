//! Document references end to end: user catalogs, input variants (NFD,
//! NO-BREAK SPACE, `Ð`, ALL CAPS), and the records' shape.

use viet_ner::{CalendarDate, Extractor, Label};

fn ids(text: &str, ex: &Extractor) -> Vec<(String, String)> {
    let out = ex.extract(text);
    out.with_label(Label::Doc)
        .map(|e| {
            let id = e
                .attrs
                .get("id")
                .or_else(|| e.attrs.get("ids"))
                .map(viet_ner::output::attr_text)
                .unwrap_or_default();
            (e.text.clone(), id)
        })
        .collect()
}

#[test]
fn user_catalog_resolves_local_documents() {
    let tsv = "# source: test\nid\tkind\tdate\tterm\tplenum\tissuer\ttitle\tconfidence\n\
               09-NQ/TU\tNghị quyết\t2021-05-10\t\t\tTỉnh ủy\tPhát triển du lịch\thigh\n";
    let ex = Extractor::builder()
        .catalog_tsv("tinh_uy.tsv", tsv)
        .reference_date(CalendarDate::new(2022, 1, 5).unwrap())
        .build()
        .unwrap();
    let out = ex.extract("Thực hiện Nghị quyết số 09 của Tỉnh ủy về du lịch.");
    let d = &out.documents[0];
    assert_eq!(d.id.as_deref(), Some("09-NQ/TU"));
    assert_eq!(d.date.as_deref(), Some("2021-05-10"));
    assert_eq!(d.catalog.as_ref().unwrap().source, "tinh_uy.tsv");
}

#[test]
fn bad_catalog_line_names_file_and_line() {
    let tsv = "id\tkind\tdate\tterm\tplenum\tissuer\ttitle\tconfidence\n09-NQ/TU\tNghị quyết\t10/5/2021\n";
    let err = Extractor::builder()
        .catalog_tsv("tinh_uy.tsv", tsv)
        .build()
        .unwrap_err();
    assert!(err.to_string().starts_with("tinh_uy.tsv:2:"), "{err}");
}

#[test]
fn ambiguous_numbers_expose_candidates() {
    // No date, term, issuer or article date decides between 2019 and 2024.
    let out = Extractor::new().extract("Quán triệt Chỉ thị số 35-CT/TW.");
    let d = &out.documents[0];
    assert_eq!(d.id.as_deref(), Some("35-CT/TW"));
    assert!(d.ambiguous);
    assert_eq!(d.candidates.len(), 2);
    // The article's date decides.
    let ex = Extractor::builder()
        .reference_date(CalendarDate::new(2020, 6, 25).unwrap())
        .build()
        .unwrap();
    let out = ex.extract("Quán triệt Chỉ thị số 35-CT/TW.");
    assert_eq!(out.documents[0].date.as_deref(), Some("2019-05-30"));
    assert!(!out.documents[0].ambiguous);
}

#[test]
fn input_variants_give_the_same_identifiers() {
    let ex = Extractor::new();
    let nfc = "Thực hiện Chỉ thị số 05-CT/TW và Quy định số 08-QĐi/TW.";
    let nfd: String = unicode_normalization::UnicodeNormalization::nfd(nfc).collect();
    let nbsp = nfc.replace(' ', "\u{a0}");
    let eth = nfc.replace('Đ', "Ð");
    let want = vec![
        ("Chỉ thị số 05-CT/TW".to_string(), "05-CT/TW".to_string()),
        ("Quy định số 08-QĐi/TW".to_string(), "08-QĐi/TW".to_string()),
    ];
    assert_eq!(ids(nfc, &ex), want);
    for v in [nfd, nbsp, eth] {
        let got: Vec<String> = ids(&v, &ex).into_iter().map(|x| x.1).collect();
        assert_eq!(got, ["05-CT/TW", "08-QĐi/TW"], "{v:?}");
    }
    let caps = ids("NGHỊ QUYẾT SỐ 19-NQ/TW NGÀY 25/10/2017", &ex);
    assert_eq!(
        caps,
        [("NGHỊ QUYẾT SỐ 19-NQ/TW".to_string(), "19-NQ/TW".to_string())]
    );
}

#[test]
fn records_keep_every_mention() {
    let text = "Kế hoạch 100-KH/TU của Tỉnh ủy; triển khai Kế hoạch số 100-KH/TU.";
    let out = Extractor::new().extract(text);
    assert_eq!(out.documents.len(), 1);
    let d = &out.documents[0];
    assert_eq!(d.mentions.len(), 2);
    assert_eq!(&text[d.mentions[1].range()], "Kế hoạch số 100-KH/TU");
    assert_eq!(d.issuer_code.as_deref(), Some("TU"));
}

mod fuzz {
    use proptest::prelude::*;
    use viet_ner::Extractor;

    /// Pieces the document parser looks at, shuffled into any order: the
    /// bounded look-ahead windows must never split a character or panic.
    const PIECES: &[&str] = &[
        "Nghị quyết",
        "nghị quyết",
        "Chỉ thị",
        "Luật",
        "Đề án",
        "Kế hoạch",
        "Chương trình hành động thực hiện ",
        " số ",
        "số",
        "18",
        "2020",
        "05",
        "-",
        "/",
        " - ",
        " / ",
        "NQ",
        "TW",
        "TƯ",
        "T.Ư",
        "QĐi",
        "CTr",
        "NĐ-CP",
        "QH15",
        "\n",
        " ",
        ", ",
        " và ",
        "khóa",
        " XII",
        "XIII",
        " Trung ương ",
        "Hội nghị",
        " lần thứ ",
        "Đại hội",
        " đại biểu ",
        "ĐH",
        "ngày ",
        "14/6/2024",
        "9.1.2025",
        " của ",
        "Bộ Chính trị",
        "Tỉnh ủy",
        "năm",
        "\"Về ",
        "\"",
        "(khóa ",
        ")",
        "\u{a0}",
        "ư",
        "ạ",
        "Ð",
        "ỗ",
        "sửa đổi",
        "này",
        "các",
        "2 ",
        "Điều 18 ",
        "%",
        "1.000",
        ":",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn never_panics_and_spans_hold(ix in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = ix.iter().map(|&i| PIECES[i]).collect();
            let out = Extractor::new().extract(&text);
            for e in &out.entities {
                prop_assert_eq!(&text[e.byte_start..e.byte_end], e.text.as_str());
            }
            for d in &out.documents {
                for m in &d.mentions {
                    prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
            }
        }
    }
}
