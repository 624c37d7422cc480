//! Small cases as data: `tests/cases/FAMILY_*.cases` hold pairs of lines
//!
//! ```text
//! > input text
//! = the expected ann markup, for the family's labels only
//! ```
//!
//! (`#` lines are comments; `@ref YYYY-MM-DD` sets the reference date for
//! the cases after it). One loader runs them all and reports every failure.

mod common;

use viet_ner::{output, CalendarDate, Extractor};

#[test]
fn cases() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "cases"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut total = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap();
        let labels = common::labels_for(&name);
        let mut reference = None;
        let mut input: Option<(usize, String)> = None;
        for (i, line) in src.lines().enumerate() {
            if let Some(d) = line.strip_prefix("@ref ") {
                reference = Some(d.trim().parse::<CalendarDate>().expect("@ref date"));
            } else if let Some(t) = line.strip_prefix("> ") {
                input = Some((i + 1, t.to_string()));
            } else if let Some(want) = line.strip_prefix("= ") {
                let (at, text) = input.take().expect("'=' line without a '>' line");
                let mut b = Extractor::builder().labels(labels.clone());
                if let Some(d) = reference {
                    b = b.reference_date(d);
                }
                let out = b.build().unwrap().extract(&text);
                let got = output::to_ann(&text, &out);
                total += 1;
                if got != want {
                    failures.push(format!("{name}:{at}\n  want: {want}\n  got:  {got}"));
                }
            }
        }
    }
    assert!(total > 0, "no cases found");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
