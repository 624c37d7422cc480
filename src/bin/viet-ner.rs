//! `viet-ner`: extract typed entities from Vietnamese news on the command line.
//!
//! Exit codes: 0 ok; 1 input error (unreadable file, invalid UTF-8, bad
//! gazetteer); 2 usage error.

use clap::{Parser, ValueEnum};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use viet_ner::{output, CalendarDate, Extraction, Extractor, Label, Scratch};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The JSON output contract (one object; an array for several files).
    Json,
    /// One compact JSON object per line.
    Jsonl,
    /// The text with `[[LABEL|text|attrs]]` markup, as gold files are written.
    Ann,
    /// An aligned listing for the terminal.
    Table,
    /// Every entity with the rule that made it, and the candidates it beat.
    Debug,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Input {
    /// Each file (or stdin) is one article.
    Text,
    /// Lines of `{"id": ..., "text": ...}`; one output line per input line.
    Jsonl,
}

/// Extract people, titles, organizations, places, congresses, terms, dates and
/// Party/State document references from Vietnamese political news.
#[derive(Debug, Parser)]
#[command(name = "viet-ner", version, about)]
struct Cli {
    /// Input files; standard input when none.
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value = "json")]
    format: Format,
    /// Reference date (YYYY-MM-DD) for year-less dates; default: the article's dateline.
    #[arg(long, value_parser = parse_date)]
    published: Option<CalendarDate>,
    /// How input is framed.
    #[arg(long, value_enum, default_value = "text")]
    input: Input,
    /// Worker threads for `--input jsonl` (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=512))]
    threads: Option<u16>,
    /// Only these labels, comma-separated (e.g. `DOC,DATE`).
    #[arg(long, value_delimiter = ',', value_parser = parse_label)]
    labels: Option<Vec<Label>>,
    /// Extra gazetteer TSV (`label  text  canonical  attrs`); repeatable.
    #[arg(long)]
    gazetteer: Vec<PathBuf>,
    /// Extra document catalog TSV; repeatable.
    #[arg(long)]
    catalog: Vec<PathBuf>,
}

fn parse_date(s: &str) -> Result<CalendarDate, String> {
    s.parse::<CalendarDate>().map_err(|e| e.to_string())
}

fn parse_label(s: &str) -> Result<Label, String> {
    s.parse::<Label>().map_err(|e| e.to_string())
}

/// An error that ends the run with exit code 1.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(Failure(msg)) => {
            eprintln!("viet-ner: {msg}");
            ExitCode::from(1)
        }
    }
}

fn build(cli: &Cli) -> Result<Extractor, Failure> {
    let mut b = Extractor::builder();
    if let Some(d) = cli.published {
        b = b.reference_date(d);
    }
    if let Some(l) = &cli.labels {
        b = b.labels(l.iter().copied());
    }
    for g in &cli.gazetteer {
        b = b.gazetteer_file(g).map_err(|e| Failure(e.to_string()))?;
    }
    for c in &cli.catalog {
        let text =
            std::fs::read_to_string(c).map_err(|e| Failure(format!("{}: {e}", c.display())))?;
        b = b.catalog_tsv(c.display().to_string(), text);
    }
    b.build().map_err(|e| Failure(e.to_string()))
}

/// Runs; `Ok(false)` when some input failed but the others went through.
fn run(cli: &Cli) -> Result<bool, Failure> {
    let ex = build(cli)?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let ok = match cli.input {
        Input::Jsonl => {
            if !matches!(cli.format, Format::Json | Format::Jsonl) {
                eprintln!(
                    "viet-ner: --input jsonl writes JSON lines; --format must be json or jsonl"
                );
                std::process::exit(2);
            }
            let threads = cli
                .threads
                .map(usize::from)
                .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
            let mut ok = true;
            if cli.files.is_empty() {
                batch(&ex, io::BufReader::new(io::stdin()), &mut out, threads)
                    .map_err(io_failure)?;
            }
            for f in &cli.files {
                match std::fs::File::open(f) {
                    Ok(file) => batch(&ex, io::BufReader::new(file), &mut out, threads)
                        .map_err(|e| Failure(format!("{}: {e}", f.display())))?,
                    Err(e) => {
                        eprintln!("viet-ner: {}: {e}", f.display());
                        ok = false;
                    }
                }
            }
            ok
        }
        Input::Text => texts(cli, &ex, &mut out)?,
    };
    out.flush().map_err(io_failure)?;
    Ok(ok)
}

fn io_failure(e: io::Error) -> Failure {
    Failure(e.to_string())
}

/// Reads a whole input as UTF-8, naming the byte offset of bad input.
fn read_text(name: &str, mut r: impl Read) -> Result<String, String> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })
}

fn texts(cli: &Cli, ex: &Extractor, out: &mut impl Write) -> Result<bool, Failure> {
    let inputs: Vec<(String, Option<&PathBuf>)> = if cli.files.is_empty() {
        vec![("<stdin>".to_string(), None)]
    } else {
        cli.files
            .iter()
            .map(|f| (f.display().to_string(), Some(f)))
            .collect()
    };
    let many = inputs.len() > 1;
    let mut ok = true;
    let mut first = true;
    if many && cli.format == Format::Json {
        writeln!(out, "[").map_err(io_failure)?;
    }
    for (name, path) in &inputs {
        let text = match path {
            None => read_text(name, io::stdin().lock()),
            Some(p) => std::fs::File::open(p)
                .map_err(|e| format!("{name}: {e}"))
                .and_then(|f| read_text(name, f)),
        };
        let text = match text {
            Ok(t) => t,
            Err(msg) => {
                eprintln!("viet-ner: {msg}");
                ok = false;
                continue;
            }
        };
        let res = ex.extract(&text);
        let w = match cli.format {
            Format::Json if many => {
                let sep = if first { "" } else { "," };
                let v = with_key(&res, "file", &serde_json::Value::String(name.clone()), true);
                writeln!(out, "{sep}{v}")
            }
            Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&res).unwrap()),
            Format::Jsonl => {
                let v = if many {
                    with_key(
                        &res,
                        "file",
                        &serde_json::Value::String(name.clone()),
                        false,
                    )
                } else {
                    res.to_json()
                };
                writeln!(out, "{v}")
            }
            Format::Ann => {
                if many {
                    writeln!(out, "==> {name} <==").map_err(io_failure)?;
                }
                let a = output::to_ann(&text, &res);
                if a.ends_with('\n') {
                    write!(out, "{a}")
                } else {
                    writeln!(out, "{a}")
                }
            }
            Format::Table => {
                if many {
                    writeln!(out, "==> {name} <==").map_err(io_failure)?;
                }
                write!(out, "{}", output::to_table(&res))
            }
            Format::Debug => {
                if many {
                    writeln!(out, "==> {name} <==").map_err(io_failure)?;
                }
                write!(out, "{}", debug_view(ex, &text))
            }
        };
        w.map_err(io_failure)?;
        first = false;
    }
    if many && cli.format == Format::Json {
        writeln!(out, "]").map_err(io_failure)?;
    }
    Ok(ok)
}

/// The extraction as a JSON object with one more key in front.
///
/// Written straight from the extraction, in the library's key order
/// ([`Extraction::to_json`]): going through a `serde_json::Value` cost more
/// than the extraction itself.
fn with_key(res: &Extraction, key: &str, value: &serde_json::Value, pretty: bool) -> String {
    let key = serde_json::Value::from(key);
    let body = if pretty {
        serde_json::to_string_pretty(res)
    } else {
        serde_json::to_string(res)
    }
    .expect("an extraction serializes");
    // `body` is an object with fields: the new key goes right after `{`.
    let rest = body.strip_prefix('{').unwrap_or(&body);
    if pretty {
        format!("{{\n  {key}: {value},{rest}")
    } else {
        format!("{{{key}:{value},{rest}")
    }
}

/// Each entity with its rule and context, and under it the candidates it beat.
fn debug_view(ex: &Extractor, text: &str) -> String {
    let lines = ex.explain(text);
    let accepted: Vec<_> = lines.iter().filter(|l| l.lost_to.is_none()).collect();
    let mut lost: BTreeMap<usize, Vec<&viet_ner::Explanation>> = BTreeMap::new();
    for l in &lines {
        if let Some(w) = l.lost_to {
            lost.entry(w).or_default().push(l);
        }
    }
    let mut s = String::new();
    for (i, a) in accepted.iter().enumerate() {
        let e = &a.entity;
        let before: String = {
            let b = &text[..e.byte_start];
            let chars: Vec<char> = b.chars().rev().take(24).collect();
            chars
                .into_iter()
                .rev()
                .collect::<String>()
                .replace('\n', " ")
        };
        let after: String = text[e.byte_end..]
            .chars()
            .take(24)
            .collect::<String>()
            .replace('\n', " ");
        s.push_str(&format!(
            "{:<8} {:>6}..{:<6} {:<22} …{before}[{}]{after}…\n",
            e.label.as_str(),
            e.start,
            e.end,
            e.rule,
            e.text
        ));
        for l in lost.get(&i).into_iter().flatten() {
            let le = &l.entity;
            s.push_str(&format!(
                "    beat {:<8} {:>6}..{:<6} {:<22} {}\n",
                le.label.as_str(),
                le.start,
                le.end,
                le.rule,
                le.text
            ));
        }
    }
    s
}

// ---- batch mode -------------------------------------------------------------

/// Records per work unit: large enough to amortize channel traffic, small
/// enough that memory stays bounded by `threads * 2 + 2` chunks in flight.
const CHUNK_RECORDS: usize = 64;
const CHUNK_BYTES: usize = 4 << 20;

type Chunk = (u64, Vec<(u64, Vec<u8>)>);

/// Reads JSONL records, extracts on `threads` workers, writes results in
/// input order, one line per input line. Bad records get an `error` line.
fn batch(
    ex: &Extractor,
    mut input: impl BufRead + Send,
    out: &mut impl Write,
    threads: usize,
) -> io::Result<()> {
    let slots = threads * 2 + 2;
    let (work_tx, work_rx) = sync_channel::<Chunk>(slots);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<(u64, Vec<String>)>(slots);
    // Tokens bound the chunks between reading and writing, so a slow chunk
    // cannot make the reorder buffer grow without limit.
    let (tok_tx, tok_rx) = sync_channel::<()>(slots);
    for _ in 0..slots {
        tok_tx.send(()).expect("token channel");
    }
    let progress = io::stderr().is_terminal();
    std::thread::scope(|s| -> io::Result<()> {
        for _ in 0..threads {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            s.spawn(move || worker(ex, rx, tx));
        }
        drop(done_tx);
        // Reading on its own thread, writing here: stdout's lock stays on this thread.
        let reader = s.spawn(move || read_chunks(&mut input, work_tx, tok_rx));
        let written = write_in_order(done_rx, out, tok_tx, progress);
        let read = reader.join().expect("reader thread");
        read.and(written)
    })
}

fn read_chunks(
    input: &mut impl BufRead,
    work: SyncSender<Chunk>,
    tokens: Receiver<()>,
) -> io::Result<()> {
    let mut seq = 0u64;
    let mut line_no = 0u64;
    loop {
        let mut chunk = Vec::new();
        let mut bytes = 0;
        while chunk.len() < CHUNK_RECORDS && bytes < CHUNK_BYTES {
            let mut buf = Vec::new();
            if input.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            line_no += 1;
            bytes += buf.len();
            chunk.push((line_no, buf));
        }
        if chunk.is_empty() {
            return Ok(());
        }
        if tokens.recv().is_err() || work.send((seq, chunk)).is_err() {
            return Ok(()); // the writer stopped (e.g. a closed pipe)
        }
        seq += 1;
    }
}

fn worker(ex: &Extractor, rx: Arc<Mutex<Receiver<Chunk>>>, tx: SyncSender<(u64, Vec<String>)>) {
    let mut scratch = Scratch::default();
    loop {
        let next = rx.lock().map(|r| r.recv());
        let Ok(Ok((seq, records))) = next else {
            return;
        };
        let lines = records
            .into_iter()
            .map(|(n, raw)| record(ex, &mut scratch, n, &raw))
            .collect();
        if tx.send((seq, lines)).is_err() {
            return;
        }
    }
}

/// One output line for one input line.
fn record(ex: &Extractor, scratch: &mut Scratch, line_no: u64, raw: &[u8]) -> String {
    let err = |id: serde_json::Value, msg: String| {
        let msg = serde_json::Value::from(msg);
        format!("{{\"id\":{id},\"line\":{line_no},\"error\":{msg}}}")
    };
    let mut line = raw;
    while let [rest @ .., b'\n' | b'\r'] = line {
        line = rest;
    }
    // Parsed from the bytes, which checks the UTF-8 of its strings on the
    // way (one pass, not a check of the whole line first). On failure the
    // line's UTF-8 is checked, so a bad byte is named as such.
    let v: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => {
            let msg = match std::str::from_utf8(line) {
                Err(u) => format!("invalid UTF-8 at byte {} of the line", u.valid_up_to()),
                Ok(l) if l.trim().is_empty() => "empty line".into(),
                Ok(_) => format!("not JSON: {e}"),
            };
            return err(serde_json::Value::Null, msg);
        }
    };
    let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
    let Some(text) = v.get("text").and_then(|t| t.as_str()) else {
        return err(id, "no string field \"text\"".into());
    };
    let res = ex.extract_with(scratch, text);
    with_key(&res, "id", &id, false)
}

fn write_in_order(
    done: Receiver<(u64, Vec<String>)>,
    out: &mut impl Write,
    tokens: SyncSender<()>,
    progress: bool,
) -> io::Result<()> {
    let mut pending: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let mut next = 0u64;
    let mut records = 0u64;
    let start = Instant::now();
    let mut last = start;
    for (seq, lines) in done {
        pending.insert(seq, lines);
        while let Some(lines) = pending.remove(&next) {
            for l in &lines {
                out.write_all(l.as_bytes())?;
                out.write_all(b"\n")?;
            }
            records += lines.len() as u64;
            next += 1;
            let _ = tokens.send(());
        }
        if progress && last.elapsed() > Duration::from_millis(200) {
            last = Instant::now();
            let secs = start.elapsed().as_secs_f64().max(1e-9);
            eprint!(
                "\r{records} records, {:.0} records/s ",
                records as f64 / secs
            );
        }
    }
    if progress {
        eprintln!(
            "\r{records} records in {:.1} s          ",
            start.elapsed().as_secs_f64()
        );
    }
    out.flush()
}
