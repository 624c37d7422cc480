//! The JSON output contract of issue 2, checked field by field: the shape
//! `shared/tools/score.py` and downstream users read.

use serde_json::Value;
use viet_ner::{Extractor, Label};

fn sample() -> (String, Value) {
    let ex = Extractor::builder()
        .entry(Label::Per, "Dương Văn Trang")
        .entry(Label::Org, "Bộ Chính trị")
        .build()
        .unwrap();
    // NBSP, NFD and a curly quote before the entities shift every offset kind.
    let text =
        "Tiêu\u{a0}đề “mới”\n\nĐồng chí Dương Văn Trang dự họp của Bộ Chính trị.".to_string();
    let v = serde_json::to_value(ex.extract(&text)).unwrap();
    (text, v)
}

#[test]
fn top_level_keys() {
    let (_, v) = sample();
    let o = v.as_object().unwrap();
    for k in ["meta", "entities", "people", "documents", "events"] {
        assert!(o.contains_key(k), "missing {k}");
    }
    assert!(o["meta"]["authors"].is_array());
    assert!(o["meta"]["title"].is_string());
    for k in ["people", "documents", "events"] {
        assert!(o[k].is_array(), "{k} is not an array");
    }
}

#[test]
fn entity_fields_and_offsets() {
    let (text, v) = sample();
    let ents = v["entities"].as_array().unwrap();
    assert_eq!(ents.len(), 2);
    let chars: Vec<char> = text.chars().collect();
    let mut last = 0;
    for e in ents {
        let o = e.as_object().unwrap();
        let keys: Vec<&str> = o.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "attrs",
                "byte_end",
                "byte_start",
                "end",
                "label",
                "start",
                "text"
            ],
            "exact field set"
        );
        let label = o["label"].as_str().unwrap();
        assert!(label.parse::<Label>().is_ok(), "{label}");
        let (s, en) = (
            o["start"].as_u64().unwrap() as usize,
            o["end"].as_u64().unwrap() as usize,
        );
        let (bs, be) = (
            o["byte_start"].as_u64().unwrap() as usize,
            o["byte_end"].as_u64().unwrap() as usize,
        );
        let t = o["text"].as_str().unwrap();
        assert_eq!(&text[bs..be], t, "byte offsets slice to text");
        assert_eq!(
            chars[s..en].iter().collect::<String>(),
            t,
            "code-point offsets slice to text"
        );
        assert!(o["attrs"].is_object());
        assert!(s >= last, "sorted by start");
        last = s;
    }
    assert_eq!(ents[0]["label"], "PER");
    assert_eq!(ents[0]["text"], "Dương Văn Trang");
}

#[test]
fn record_mentions_are_byte_spans() {
    let ex = Extractor::builder()
        .entry(Label::Per, "Dương Văn Trang")
        .build()
        .unwrap();
    let text = "Đồng chí Dương Văn Trang - Bí thư Tỉnh ủy phát biểu.";
    let v = serde_json::to_value(ex.extract(text)).unwrap();
    let m = &v["people"][0]["mentions"][0];
    let (bs, be) = (
        m["byte_start"].as_u64().unwrap() as usize,
        m["byte_end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[bs..be], "Dương Văn Trang");
    assert!(
        m.get("start").is_none(),
        "no code-point-looking keys on byte spans"
    );
}

#[test]
fn output_is_deterministic() {
    let (text, _) = sample();
    let ex = Extractor::new();
    let a = ex.extract(&text).to_json();
    let b = ex.extract(&text).to_json();
    assert_eq!(a, b);
}

#[test]
fn labels_are_the_annotation_names() {
    let names: Vec<&str> = Label::ALL.iter().map(|l| l.as_str()).collect();
    for l in ["PER", "TITLE", "ORG", "LOC", "DOC", "EVENT", "TERM", "DATE"] {
        assert!(names.contains(&l));
    }
}
