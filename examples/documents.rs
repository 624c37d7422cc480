//! Document references: every `DOC` entity with its identifier, and the
//! linked records (one per document, every mention, catalog facts).
//!
//! ```text
//! cargo run --example documents            # a short built-in article
//! cargo run --example documents -- FILE... # your own texts
//! ```

use viet_ner::{CalendarDate, Extractor, Label};

const TEXT: &str = "Ngày 12/11/2020, Ban Thường vụ Tỉnh ủy họp, quán triệt Chỉ thị số 05-CT/TW \
của Bộ Chính trị và Kế hoạch số 100-KH/TU, ngày 02/3/2020 của Tỉnh ủy “Về chuẩn bị đại hội”. \
Hội nghị yêu cầu thực hiện tốt Chỉ thị 05 của Bộ Chính trị, Nghị quyết Trung ương 4 khóa XII \
và Nghị quyết số 18, 19 của Trung ương; triển khai Kế hoạch 100-KH/TU.";

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let ex = Extractor::builder()
        .reference_date(CalendarDate::new(2020, 11, 12).expect("a real date"))
        .build()
        .expect("embedded data is valid");
    if files.is_empty() {
        show(&ex, "<built-in>", TEXT);
        return;
    }
    let ex = Extractor::new();
    for f in files {
        match std::fs::read_to_string(&f) {
            Ok(text) => show(&ex, &f, &text),
            Err(e) => eprintln!("{f}: {e}"),
        }
    }
}

fn show(ex: &Extractor, name: &str, text: &str) {
    let out = ex.extract(text);
    println!("== {name}");
    for e in out.with_label(Label::Doc) {
        let id = e
            .attrs
            .get("id")
            .or_else(|| e.attrs.get("ids"))
            .map(viet_ner::output::attr_text)
            .unwrap_or_default();
        println!("DOC {:?} {id}", e.text);
    }
    for d in &out.documents {
        println!("{}", serde_json::to_string(d).expect("records serialize"));
    }
}
