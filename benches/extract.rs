//! Criterion benches (issue 5): end to end and per stage, over a corpus read
//! at bench time from our own `fixtures/*.txt` and, when present,
//! `../shared/corpus/dev/*.txt` (real articles stay outside the repository).
//!
//! Every bench asserts, on every iteration, the count it got when computed
//! once up front (entities, candidates, lines), so a broken pipeline cannot
//! look fast. Lazies (the default engine, built once per process) are warmed
//! before anything is timed. Throughput is in input bytes.
//!
//! ```text
//! cargo bench --bench extract                     # everything (minutes)
//! cargo bench --bench extract -- e2e              # end to end only
//! cargo bench --bench extract -- --warm-up-time 1 --measurement-time 2 e2e
//! BENCH_WALL_TIME=1 cargo bench --bench extract   # wall clock instead
//! ```
//!
//! Time is the benchmarking thread's CPU time (`CLOCK_THREAD_CPUTIME_ID`)
//! unless `BENCH_WALL_TIME` is set: on a machine shared with other jobs,
//! wall time counts the time the thread waited for a core. On a quiet
//! machine the two agree.
//!
//! Groups:
//! - `e2e`: `extract` over every article; `default` is `Extractor::new()`,
//!   `user_entries` adds run-time gazetteer entries (entities exist even
//!   where recognizers are stubs), `scratch` reuses buffers
//!   (`extract_with`), `nfd` is the corpus in NFD (the slow normalization
//!   path).
//! - `stage`: normalize, segment (+ metadata scan), recognize, overlap, link,
//!   each alone, through the hidden `viet_ner::__bench` wrappers;
//!   `phrase_pass` is the part of recognize that walks the document once
//!   for every family's gazetteer phrases (the budget the rest is built on).
//! - `build`: `Extractor::builder().entry(..).build()`, a fresh engine for a
//!   non-default configuration: the user's entries and catalogs are parsed
//!   and matched anew; the built-in recognizers (all embedded data parsed,
//!   automata built) are shared by every extractor and built once per
//!   process, lazily, which `main` times first.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BatchSize, Criterion, Throughput};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;
use unicode_normalization::UnicodeNormalization;
use viet_ner::__bench as stage;
use viet_ner::{Extractor, Label, Scratch};

/// CPU time of the calling thread (criterion runs routines on its own thread).
struct ThreadCpuTime;

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// Linux `CLOCK_THREAD_CPUTIME_ID`.
const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

fn thread_cpu() -> Duration {
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is Linux's.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID)");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpuTime {
    type Intermediate = Duration;
    type Value = Duration;
    fn start(&self) -> Duration {
        thread_cpu()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, v: &Duration) -> f64 {
        v.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

/// The articles: fixtures first, then the shared dev corpus if it is there.
fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut docs = Vec::new();
    for dir in [root.join("fixtures"), root.join("../shared/corpus/dev")] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).expect("corpus file is UTF-8");
            // Drop fixture `#meta` lines: they are not article text.
            let body: String = text
                .lines()
                .filter(|l| !l.starts_with("#meta "))
                .collect::<Vec<_>>()
                .join("\n");
            docs.push(body);
        }
    }
    assert!(!docs.is_empty(), "no corpus: fixtures/*.txt missing");
    docs
}

/// How many of [`corpus`]'s articles are fixtures (they come first).
fn fixture_count() -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    std::fs::read_dir(dir).map_or(0, |rd| {
        rd.filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .count()
    })
}

fn bytes(docs: &[String]) -> u64 {
    docs.iter().map(|d| d.len() as u64).sum()
}

/// Entities found over the whole corpus.
fn entities(ex: &Extractor, docs: &[String]) -> usize {
    docs.iter().map(|d| ex.extract(d).entities.len()).sum()
}

fn user_extractor() -> Extractor {
    Extractor::builder()
        .entry(Label::Org, "Ban Thường vụ Tỉnh ủy")
        .entry(Label::Org, "Tỉnh ủy")
        .entry(Label::Org, "Bộ Chính trị")
        .entry(Label::Org, "UBND tỉnh")
        .entry(Label::Org, "HĐND tỉnh")
        .entry(Label::Title, "Bí thư Tỉnh ủy")
        .entry(Label::Title, "Chủ tịch UBND tỉnh")
        .entry(Label::Title, "Phó Bí thư Tỉnh ủy")
        .entry(Label::Loc, "Hà Nội")
        .entry(Label::Loc, "Thành phố Hồ Chí Minh")
        .build()
        .expect("user entries build")
}

fn e2e<M: Measurement>(c: &mut Criterion<M>) {
    let docs = corpus();
    let nfd: Vec<String> = docs.iter().map(|d| d.nfd().collect()).collect();
    let default = Extractor::new();
    let user = user_extractor();
    // Warm the lazies, then fix the expected counts.
    let want_default = entities(&default, &docs);
    let want_user = entities(&user, &docs);
    let want_nfd = entities(&default, &nfd);
    eprintln!(
        "corpus: {} articles, {} bytes; entities: default {want_default}, user_entries {want_user}, nfd {want_nfd}",
        docs.len(),
        bytes(&docs)
    );

    let mut g = c.benchmark_group("e2e");
    g.throughput(Throughput::Bytes(bytes(&docs)));
    g.bench_function("default", |b| {
        b.iter(|| assert_eq!(entities(&default, black_box(&docs)), want_default))
    });
    g.bench_function("user_entries", |b| {
        b.iter(|| assert_eq!(entities(&user, black_box(&docs)), want_user))
    });
    g.bench_function("scratch", |b| {
        let mut scratch = Scratch::default();
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| {
                    default
                        .extract_with(&mut scratch, black_box(d))
                        .entities
                        .len()
                })
                .sum();
            assert_eq!(n, want_default);
        })
    });
    // The peers' text (PERFORMANCE.md): the shared dev articles alone.
    let dev: Vec<String> = docs[fixture_count()..].to_vec();
    if !dev.is_empty() {
        let want_dev = entities(&default, &dev);
        let chars: usize = dev.iter().map(|d| d.chars().count()).sum();
        eprintln!(
            "dev corpus: {} articles, {} bytes, {chars} characters; entities {want_dev}",
            dev.len(),
            bytes(&dev)
        );
        g.throughput(Throughput::Bytes(bytes(&dev)));
        g.bench_function("dev_corpus", |b| {
            b.iter(|| assert_eq!(entities(&default, black_box(&dev)), want_dev))
        });
    }
    g.throughput(Throughput::Bytes(bytes(&nfd)));
    g.bench_function("nfd", |b| {
        b.iter(|| assert_eq!(entities(&default, black_box(&nfd)), want_nfd))
    });
    g.finish();
}

fn stages<M: Measurement>(c: &mut Criterion<M>) {
    let docs = corpus();
    let ex = Extractor::new();
    ex.extract("warm up the default engine");
    let total = bytes(&docs);

    let mut g = c.benchmark_group("stage");
    g.throughput(Throughput::Bytes(total));

    let want_norm: usize = docs.iter().map(|d| stage::normalize_len(d)).sum();
    g.bench_function("normalize", |b| {
        b.iter(|| {
            let n: usize = docs
                .iter()
                .map(|d| stage::normalize_len(black_box(d)))
                .sum();
            assert_eq!(n, want_norm);
        })
    });

    let normalized: Vec<(String, String)> = docs.iter().map(|d| stage::normalize(d)).collect();
    let want_lines: usize = normalized.iter().map(|(t, l)| stage::segment(t, l)).sum();
    g.bench_function("segment", |b| {
        b.iter(|| {
            let n: usize = normalized
                .iter()
                .map(|(t, l)| stage::segment(black_box(t), l))
                .sum();
            assert_eq!(n, want_lines);
        })
    });

    let prepared: Vec<_> = docs.iter().map(|d| stage::prepare(&ex, d)).collect();
    let want_hits: usize = prepared.iter().map(|p| p.phrase_pass(&ex)).sum();
    g.bench_function("phrase_pass", |b| {
        b.iter(|| {
            let n: usize = prepared.iter().map(|p| p.phrase_pass(&ex)).sum();
            assert_eq!(n, want_hits);
        })
    });
    let cands: Vec<_> = prepared.iter().map(|p| p.recognize(&ex)).collect();
    let want_cands: usize = cands.iter().map(stage::Candidates::len).sum();
    g.bench_function("recognize", |b| {
        b.iter(|| {
            let n: usize = prepared.iter().map(|p| p.recognize(&ex).len()).sum();
            assert_eq!(n, want_cands);
        })
    });

    let accepted: Vec<_> = cands.iter().cloned().map(stage::overlap).collect();
    let want_accepted: usize = accepted.iter().map(stage::Candidates::len).sum();
    g.bench_function("overlap", |b| {
        b.iter_batched(
            || cands.clone(),
            |cs| {
                let n: usize = cs.into_iter().map(|c| stage::overlap(c).len()).sum();
                assert_eq!(n, want_accepted);
            },
            BatchSize::SmallInput,
        )
    });

    let want_linked: usize = prepared
        .iter()
        .zip(&accepted)
        .map(|(p, a)| p.link(&ex, a.clone()))
        .sum();
    g.bench_function("link", |b| {
        b.iter_batched(
            || accepted.clone(),
            |acc| {
                let n: usize = prepared.iter().zip(acc).map(|(p, a)| p.link(&ex, a)).sum();
                assert_eq!(n, want_linked);
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn build<M: Measurement>(c: &mut Criterion<M>) {
    let mut g = c.benchmark_group("build");
    // A fresh engine each time: any non-default config builds its own.
    g.bench_function("fresh_engine", |b| {
        b.iter(|| {
            let ex = Extractor::builder()
                .entry(Label::Org, "Ban Chỉ đạo phòng, chống tham nhũng tỉnh")
                .build()
                .expect("builds");
            let out = ex.extract("của Ban Chỉ đạo phòng, chống tham nhũng tỉnh");
            assert_eq!(out.entities.len(), 1);
        })
    });
    // What the first extractor of a process pays once (lazily): every
    // built-in recognizer built anew.
    let phrases = stage::build_builtin();
    g.bench_function("builtin", |b| {
        b.iter(|| assert_eq!(stage::build_builtin(), phrases))
    });
    g.finish();
}

fn run<M: Measurement>(mut c: Criterion<M>) {
    e2e(&mut c);
    stages(&mut c);
    build(&mut c);
    c.final_summary();
}

fn main() {
    // The default engine's first build (once per process, lazily): timed
    // before anything else touches it.
    let (wall, cpu) = (std::time::Instant::now(), thread_cpu());
    let n = Extractor::new().extract("Bộ Chính trị").entities.len();
    eprintln!(
        "default engine, first build + one tiny extract: {:.1} ms wall, {:.1} ms CPU ({n} entity)",
        wall.elapsed().as_secs_f64() * 1e3,
        (thread_cpu() - cpu).as_secs_f64() * 1e3
    );
    if std::env::var_os("BENCH_WALL_TIME").is_some() {
        run(Criterion::default().configure_from_args());
    } else {
        run(Criterion::default()
            .with_measurement(ThreadCpuTime)
            .configure_from_args());
    }
}
