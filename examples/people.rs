//! Prints the people records (name, titles, mentions) for a short text.
//!
//! ```text
//! cargo run --example people            # the built-in text below
//! cargo run --example people -- FILE    # any article; also lists PER/TITLE/ORG
//! ```

use viet_ner::{Extractor, Label};

const TEXT: &str = "\
Sáng 12/3, đồng chí Trần Minh Khoa - Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy, \
Chủ tịch HĐND tỉnh chủ trì hội nghị Ban Thường vụ Tỉnh ủy.
Dự hội nghị có Phó Chủ tịch Thường trực UBND tỉnh Lò Thị Hương và đồng chí A Vương, \
Trưởng ban Dân vận Tỉnh ủy.
Phát biểu kết luận, Bí thư Tỉnh ủy Trần Minh Khoa nhấn mạnh yêu cầu đổi mới. \
Bí thư Tỉnh ủy đề nghị Sở Tài chính, Sở Kế hoạch và Đầu tư phối hợp. Ông Khoa cảm ơn \
đồng chí AVương.
";

fn main() {
    let path = std::env::args().nth(1);
    let text = match &path {
        Some(p) => std::fs::read_to_string(p).expect("readable file"),
        None => TEXT.to_string(),
    };
    let ex = Extractor::new();
    let out = ex.extract(&text);
    if path.is_some() {
        for e in &out.entities {
            if matches!(e.label, Label::Per | Label::Title | Label::Org) {
                let of = e
                    .attr_str("of")
                    .map(|o| format!("  of={o}"))
                    .unwrap_or_default();
                println!("{:<5} {}{}", e.label.to_string(), e.text, of);
            }
        }
        println!();
    }
    for p in &out.people {
        println!("{}  ({} mentions)", p.name, p.mentions.len());
        for t in &p.titles {
            let mut typed = Vec::new();
            if let Some(r) = &t.role {
                typed.push(format!("role={r}"));
            }
            if let Some(q) = &t.qualifier {
                typed.push(format!("qualifier={q}"));
            }
            if let Some(b) = &t.body {
                typed.push(format!("body={b}"));
            }
            if let Some(l) = &t.level {
                typed.push(format!("level={l}"));
            }
            println!(
                "  - {} [{}] x{}",
                t.text,
                typed.join("; "),
                t.mentions.len()
            );
        }
    }
}
