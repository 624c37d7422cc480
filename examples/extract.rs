//! Text in, entities out. `cargo run --example extract [FILE]`
use viet_ner::Extractor;

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => std::fs::read_to_string(path).expect("readable UTF-8 file"),
        None => {
            "Ngày 14/6/2024, Bộ Chính trị ban hành Chỉ thị số 35-CT/TW về đại hội đảng bộ các cấp."
                .into()
        }
    };
    let extractor = Extractor::new(); // build once, reuse for every text
    for e in extractor.extract(&text).entities {
        println!(
            "{:<6} {:>5}..{:<5} {}  {:?}",
            e.label, e.start, e.end, e.text, e.attrs
        );
    }
}
