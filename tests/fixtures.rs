//! Golden snapshots: every `fixtures/*.txt` rendered one entity per line
//! (`LABEL  start..end  text  attrs`), then its linked records. The file-name
//! prefix picks the labels shown (see `common::labels_for`), so a snapshot
//! only changes when its own family does. Review changes with
//! `cargo insta review`, line by line: a wrong line is a bug, not a baseline.

mod common;

use std::fmt::Write;
use viet_ner::output;

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*.txt", |path| {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(path).unwrap();
        let (meta, text) = common::split_meta(&src);
        let ex = common::extractor_for(&name, &meta);
        let out = ex.extract(text);
        for e in &out.entities {
            assert_eq!(&text[e.byte_start..e.byte_end], e.text, "{name}: offsets");
        }
        let mut snap = output::to_table(&out);
        let shown = common::labels_for(&name);
        let records = |v: serde_json::Value| -> String {
            v.as_array()
                .map(|a| a.iter().map(|r| format!("{r}\n")).collect())
                .unwrap_or_default()
        };
        let json = serde_json::to_value(&out).unwrap();
        use viet_ner::Label::*;
        if shown.contains(&Per) || shown.contains(&Title) {
            let _ = write!(snap, "-- people\n{}", records(json["people"].clone()));
        }
        if shown.contains(&Doc) {
            let _ = write!(snap, "-- documents\n{}", records(json["documents"].clone()));
        }
        if shown.contains(&Event) {
            let _ = write!(snap, "-- events\n{}", records(json["events"].clone()));
        }
        if name.starts_with("meta_") || name.starts_with("article_") {
            let _ = write!(snap, "-- meta\n{}\n", json["meta"]);
        }
        insta::assert_snapshot!(snap);
    });
}
