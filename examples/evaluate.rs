//! Scores the extractor on gold `.ann` files (see `ANNOTATION.md`).
//!
//! ```text
//! cargo run --release --example evaluate -- GOLD_DIR [--out PRED_DIR]
//! ```
//!
//! For each `NAME.ann` it strips the markup, runs the extractor (with the
//! file's `#meta reference_date=` as reference date when given), optionally
//! writes `PRED_DIR/NAME.json`, and prints strict and partial P/R/F1 per
//! label the way `shared/tools/score.py` does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use viet_ner::{CalendarDate, Extraction, Extractor};

/// A gold file: raw text, meta lines, entities as (label, start, end, attrs) in code points.
struct Gold {
    text: String,
    meta: BTreeMap<String, String>,
    entities: Vec<(String, usize, usize, BTreeMap<String, String>)>,
}

fn parse_gold(src: &str) -> Gold {
    let mut lines: Vec<&str> = src.split('\n').collect();
    let mut meta = BTreeMap::new();
    while !lines.is_empty() && lines[0].starts_with("#meta ") {
        let l = lines.remove(0);
        let (k, v) = l[6..].split_once('=').unwrap_or((&l[6..], ""));
        meta.insert(k.trim().to_string(), v.trim().to_string());
    }
    let body = lines.join("\n");
    let re = regex::Regex::new(r"\[\[([A-Z]+)\|([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]").unwrap();
    let mut text = String::new();
    let mut chars = 0usize;
    let mut pos = 0;
    let mut entities = Vec::new();
    for c in re.captures_iter(&body) {
        let m = c.get(0).unwrap();
        let chunk = &body[pos..m.start()];
        text.push_str(chunk);
        chars += chunk.chars().count();
        let surface = &c[2];
        let mut attrs = BTreeMap::new();
        if let Some(a) = c.get(3) {
            for pair in a.as_str().split(';').filter(|p| !p.is_empty()) {
                if let Some((k, v)) = pair.split_once('=') {
                    attrs.insert(k.trim().to_string(), v.trim().to_string());
                }
            }
        }
        let n = surface.chars().count();
        entities.push((c[1].to_string(), chars, chars + n, attrs));
        text.push_str(surface);
        chars += n;
        pos = m.end();
    }
    text.push_str(&body[pos..]);
    Gold {
        text,
        meta,
        entities,
    }
}

fn prf(tp: usize, fp: usize, fn_: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        0.0
    };
    let r = if tp + fn_ > 0 {
        tp as f64 / (tp + fn_) as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

const LABELS: [&str; 8] = ["DATE", "DOC", "EVENT", "LOC", "ORG", "PER", "TERM", "TITLE"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut gold_dir = None;
    let mut out_dir = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--out" => out_dir = it.next().cloned(),
            "-h" | "--help" => {
                println!("usage: evaluate GOLD_DIR [--out PRED_DIR]");
                return;
            }
            other if other.starts_with('-') => {
                eprintln!("evaluate: unknown option {other}");
                std::process::exit(2);
            }
            other => gold_dir = Some(other.to_string()),
        }
    }
    let Some(gold_dir) = gold_dir else {
        eprintln!("usage: evaluate GOLD_DIR [--out PRED_DIR]");
        std::process::exit(2);
    };
    if let Some(o) = &out_dir {
        std::fs::create_dir_all(o).expect("create output dir");
    }
    let mut names: Vec<_> = std::fs::read_dir(&gold_dir)
        .expect("read gold dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    names.sort();
    // label -> [tp, fp, fn] strict and partial
    let mut strict: BTreeMap<&str, [usize; 3]> = LABELS.iter().map(|l| (*l, [0; 3])).collect();
    let mut partial = strict.clone();
    let (mut docs, mut pairs, mut dates) = ([0usize; 3], [0usize; 3], [0usize; 2]);
    for path in &names {
        let gold = parse_gold(&std::fs::read_to_string(path).expect("read gold"));
        let mut b = Extractor::builder();
        if let Some(d) = gold.meta.get("reference_date") {
            b = b.reference_date(d.parse::<CalendarDate>().expect("reference_date"));
        }
        let ex = b.build().expect("extractor");
        let out: Extraction = ex.extract(&gold.text);
        if let Some(o) = &out_dir {
            let stem = path.file_stem().unwrap().to_string_lossy();
            std::fs::write(Path::new(o).join(format!("{stem}.json")), out.to_json()).unwrap();
        }
        extra_metrics(&gold, &out, &mut docs, &mut pairs, &mut dates);
        for l in LABELS {
            let g: Vec<(usize, usize)> = gold
                .entities
                .iter()
                .filter(|e| e.0 == l)
                .map(|e| (e.1, e.2))
                .collect();
            let p: Vec<(usize, usize)> = out
                .entities
                .iter()
                .filter(|e| e.label.as_str() == l)
                .map(|e| (e.start, e.end))
                .collect();
            let s = strict.get_mut(l).unwrap();
            let tp = p.iter().filter(|x| g.contains(x)).count();
            s[0] += tp;
            s[1] += p.len() - tp;
            s[2] += g.len() - tp;
            let ov = |a: &(usize, usize), b: &(usize, usize)| a.0 < b.1 && b.0 < a.1;
            let hit_g = g.iter().filter(|x| p.iter().any(|y| ov(x, y))).count();
            let hit_p = p.iter().filter(|y| g.iter().any(|x| ov(x, y))).count();
            let q = partial.get_mut(l).unwrap();
            q[0] += hit_g;
            q[1] += p.len() - hit_p;
            q[2] += g.len() - hit_g;
        }
    }
    println!(
        "{:7} {:>5}  {:>8} {:>6} {:>6}   {:>9} {:>6} {:>6}",
        "label", "gold", "strict P", "R", "F1", "partial P", "R", "F1"
    );
    let (mut ts, mut tq) = ([0usize; 3], [0usize; 3]);
    for l in LABELS {
        let (s, q) = (strict[l], partial[l]);
        for i in 0..3 {
            ts[i] += s[i];
            tq[i] += q[i];
        }
        let (a, b, c) = prf(s[0], s[1], s[2]);
        let (d, e, f) = prf(q[0], q[1], q[2]);
        println!(
            "{l:7} {:5}  {a:8.3} {b:6.3} {c:6.3}   {d:9.3} {e:6.3} {f:6.3}",
            s[0] + s[2]
        );
    }
    let (a, b, c) = prf(ts[0], ts[1], ts[2]);
    let (d, e, f) = prf(tq[0], tq[1], tq[2]);
    println!(
        "{:7} {:5}  {a:8.3} {b:6.3} {c:6.3}   {d:9.3} {e:6.3} {f:6.3}",
        "micro", ""
    );
    let (p, r, f) = prf(docs[0], docs[1], docs[2]);
    println!(
        "doc ids           P {p:.3} R {r:.3} F1 {f:.3}  (gold {})",
        docs[0] + docs[2]
    );
    let (p, r, f) = prf(pairs[0], pairs[1], pairs[2]);
    println!(
        "person-title pairs P {p:.3} R {r:.3} F1 {f:.3}  (gold {})",
        pairs[0] + pairs[2]
    );
    let acc = if dates[1] > 0 {
        dates[0] as f64 / dates[1] as f64
    } else {
        0.0
    };
    println!("date values       accuracy {acc:.3}  (gold {})", dates[1]);
}

/// score.py's `norm`: NFC, white space folded, case folded.
fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let n: String = s.nfc().collect();
    n.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The identifiers in `id`/`ids` values, normalized.
fn ids<'a>(values: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    values
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(norm)
        .collect()
}

/// Document-identifier F1, person–title pairs and date values, as score.py counts them.
fn extra_metrics(
    gold: &Gold,
    out: &Extraction,
    docs: &mut [usize; 3],
    pairs: &mut [usize; 3],
    dates: &mut [usize; 2],
) {
    use viet_ner::output::attr_text;
    let pattr = |e: &viet_ner::Entity, k: &str| e.attrs.get(k).map(attr_text);
    let gids = ids(gold.entities.iter().filter(|e| e.0 == "DOC").flat_map(|e| {
        ["id", "ids"]
            .into_iter()
            .filter_map(|k| e.3.get(k).map(String::as_str))
    }));
    let pred_vals: Vec<String> = out
        .entities
        .iter()
        .filter(|e| e.label.as_str() == "DOC")
        .flat_map(|e| [pattr(e, "id"), pattr(e, "ids")].into_iter().flatten())
        .chain(
            serde_json::to_value(&out.documents)
                .unwrap()
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|d| d.get("id").and_then(|v| v.as_str()).map(String::from)),
        )
        .collect();
    let pids = ids(pred_vals.iter().map(String::as_str));
    count(docs, &gids, &pids);
    let key = |s: &str| norm(s).split_whitespace().collect::<String>();
    let text: Vec<char> = gold.text.chars().collect();
    let gp: BTreeSet<(String, String)> = gold
        .entities
        .iter()
        .filter(|e| e.0 == "TITLE" && e.3.get("of").is_some_and(|o| !o.is_empty()))
        .map(|e| {
            (
                key(&e.3["of"]),
                norm(&text[e.1..e.2].iter().collect::<String>()),
            )
        })
        .collect();
    let pp: BTreeSet<(String, String)> = out
        .entities
        .iter()
        .filter(|e| e.label.as_str() == "TITLE")
        .filter_map(|e| {
            pattr(e, "of")
                .filter(|v| !v.is_empty())
                .map(|v| (key(&v), norm(&e.text)))
        })
        .collect();
    count(pairs, &gp, &pp);
    let pv: BTreeMap<(usize, usize), Option<String>> = out
        .entities
        .iter()
        .filter(|e| e.label.as_str() == "DATE")
        .map(|e| ((e.start, e.end), pattr(e, "value")))
        .collect();
    for e in gold.entities.iter().filter(|e| e.0 == "DATE") {
        if let Some(v) = e.3.get("value").filter(|v| !v.is_empty()) {
            dates[1] += 1;
            if pv.get(&(e.1, e.2)).and_then(|x| x.as_ref()) == Some(v) {
                dates[0] += 1;
            }
        }
    }
}

fn count<T: Ord>(acc: &mut [usize; 3], gold: &BTreeSet<T>, pred: &BTreeSet<T>) {
    acc[0] += gold.intersection(pred).count();
    acc[1] += pred.difference(gold).count();
    acc[2] += gold.difference(pred).count();
}
