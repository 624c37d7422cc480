//! The command-line tool end to end: formats, exit codes, batch order.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_viet-ner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The tool may exit (usage or data error) before reading its input.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn fixture(name: &str) -> String {
    format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_of_a_fixture_follows_the_contract() {
    let o = run(&[&fixture("article_hoi_nghi_tinh_uy.txt")], b"");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["entities"].is_array() && v["meta"].is_object());
}

#[test]
fn every_format_runs() {
    for f in ["json", "jsonl", "ann", "table", "debug"] {
        let o = run(&["--format", f], "Hội nghị Tỉnh ủy.".as_bytes());
        assert!(
            o.status.success(),
            "{f}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn ann_output_strips_back_to_the_input() {
    let text = std::fs::read_to_string(fixture("article_hoi_nghi_tinh_uy.txt")).unwrap();
    let o = run(&["--format", "ann"], text.as_bytes());
    let ann = String::from_utf8(o.stdout).unwrap();
    let body: String = ann
        .split_inclusive('\n')
        .skip_while(|l| l.starts_with("#meta "))
        .collect();
    let re = regex::Regex::new(r"\[\[[A-Z]+\|([^\[\]|\n]+)(?:\|[^\[\]\n]*)?\]\]").unwrap();
    let stripped = re.replace_all(&body, "$1");
    assert_eq!(stripped.trim_end(), text.trim_end());
}

#[test]
fn exit_codes() {
    let o = run(&["--format", "nope"], b"");
    assert_eq!(o.status.code(), Some(2), "usage error");
    let o = run(&["--published", "2020-02-31"], b"");
    assert_eq!(o.status.code(), Some(2), "bad date is a usage error");
    let o = run(&["--labels", "PERSON"], b"");
    assert_eq!(o.status.code(), Some(2), "unknown label");
    let o = run(&[], b"ok \xff");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim(),
        "viet-ner: <stdin>: invalid UTF-8 at byte 3"
    );
    let o = run(&["/nonexistent/file.txt"], b"");
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_gazetteer_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("viet-ner-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let g = dir.join("bad.tsv");
    std::fs::write(
        &g,
        "label\ttext\tcanonical\tattrs\nPER\tNguyễn Văn A\nXYZ\tB\n",
    )
    .unwrap();
    let o = run(&["--gazetteer", g.to_str().unwrap()], b"x");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.tsv:3: unknown label \"XYZ\""), "{err}");
}

#[test]
fn batch_keeps_order_and_reports_bad_lines() {
    let mut input = Vec::new();
    for i in 0..300 {
        if i % 97 == 5 {
            input.extend_from_slice(b"{not json\n");
        } else if i % 101 == 7 {
            input.extend_from_slice(b"{\"id\": 1, \"text\": \"\xff\"}\n");
        } else {
            input.extend_from_slice(
                format!("{{\"id\": {i}, \"text\": \"Ngày 14/6/2024 số {i}\"}}\n").as_bytes(),
            );
        }
    }
    for threads in ["1", "2", "4"] {
        let o = run(&["--input", "jsonl", "--threads", threads], &input);
        assert!(o.status.success());
        let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 300, "one output line per input line");
        for (i, v) in lines.iter().enumerate() {
            if i % 97 == 5 || i % 101 == 7 {
                assert!(v["error"].is_string(), "line {i}: {v}");
                assert_eq!(v["line"], i + 1);
            } else {
                assert_eq!(v["id"], i, "order kept");
                assert!(v["entities"].is_array());
            }
        }
    }
}
