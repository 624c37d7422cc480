//! Adds a province's own officials and bodies at run time, without touching
//! the built-in data: a TSV gazetteer (`label, text, canonical, attrs`) and
//! single entries. User entries win every overlap.
//!
//! ```text
//! cargo run --example custom_gazetteer
//! ```

use viet_ner::{Extractor, Label};

/// What a newsroom in one province might keep: its special bodies, and names
/// the rules cannot tell from ordinary words.
const LOCAL_TSV: &str = "\
# source: example data written for this demo; licence: public domain
label\ttext\tcanonical\tattrs
ORG\tBan Quản lý Khu kinh tế tỉnh\tBan Quản lý Khu kinh tế tỉnh Quảng Bắc\tlevel=province
ORG\tKhu kinh tế Vân Đồn\t\tlevel=province
TITLE\tTrưởng ban Quản lý Khu kinh tế tỉnh\t\tlevel=province
";

const TEXT: &str = "\
Chiều 5/6, Ban Quản lý Khu kinh tế tỉnh làm việc với nhà đầu tư tại Khu kinh tế Vân Đồn. \
Đồng chí Hờ A Di - Trưởng ban Quản lý Khu kinh tế tỉnh báo cáo tiến độ. \
Dự buổi làm việc có bà Mai Phương Thảo, Phó Chủ tịch UBND tỉnh.
";

fn main() {
    let ex = Extractor::builder()
        .gazetteer_tsv("local.tsv", LOCAL_TSV)
        // A single entry: a name the surname list does not cover.
        .entry(Label::Per, "Hờ A Di")
        .build()
        .expect("the gazetteer parses");
    let out = ex.extract(TEXT);
    for e in &out.entities {
        let attrs: Vec<String> = e.attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        println!(
            "{:<5} {:<40} {}",
            e.label.to_string(),
            e.text,
            attrs.join(" ")
        );
    }
    println!();
    for p in &out.people {
        let titles: Vec<&str> = p.titles.iter().map(|t| t.text.as_str()).collect();
        println!("{} — {}", p.name, titles.join("; "));
    }
}
