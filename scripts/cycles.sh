#!/bin/bash
# Instructions and estimated cycles per input byte, per pipeline stage, from
# valgrind's callgrind with its cache and branch simulation: repeatable on a
# noisy machine, unlike times (PERFORMANCE.md, "Where the time goes").
#
#   scripts/cycles.sh [BINARY]     # default: target/release/viet-ner (build it
#                                  # with `cargo build --release --features cli`)
#
# Input: 1 MB of corpus JSONL (`scripts/perf-corpus.py repeat 1e6`), through
# `--input jsonl --threads 1`. Estimated cycles = instructions + 12 × L1 misses
# + 40 × L2 misses + 15 × branch mispredictions (L1 48 KiB, L2 1 MiB, as
# `lscpu` reports here). Inclusive counts: a stage includes what it calls.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/release/viet-ner}
IN=${CYCLES_INPUT:-/tmp/viet-ner-cycles.jsonl}
[ -s "$IN" ] || scripts/perf-corpus.py repeat 1e6 > "$IN"
OUT=$(mktemp)
trap 'rm -f "$OUT" "$OUT.txt"' EXIT
valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \
  --D1=49152,12,64 --LL=1048576,16,64 --callgrind-out-file="$OUT" \
  "$BIN" --input jsonl --threads 1 "$IN" > /dev/null 2> "$OUT.txt"
callgrind_annotate --inclusive=yes "$OUT" > "$OUT.txt"
python3 - "$OUT.txt" "$IN" <<'PY'
import json, re, sys
lines = open(sys.argv[1]).read().splitlines()
text_bytes = sum(len(json.loads(l)["text"].encode()) for l in open(sys.argv[2]))
events = next(l for l in lines if l.startswith("Events shown")).split(":")[1].split()
fns = {}
for l in lines:
    nums = re.findall(r"([\d,]+) \(\s*[\d.]+%\)", l)
    if len(nums) != len(events):
        continue
    v = dict(zip(events, (int(x.replace(",", "")) for x in nums)))
    name = re.sub(r" \[.*\]$", "", l.split(")")[-1].strip())
    name = re.sub(r"^.*?:(?=viet_ner|<viet_ner)", "", name)
    est = v["Ir"] + 12 * (v["D1mr"] + v["D1mw"]) + 40 * (v["DLmr"] + v["DLmw"]) + 15 * (v["Bcm"] + v["Bim"])
    if name not in fns or fns[name][0] < v["Ir"]:
        fns[name] = (v["Ir"], est)
stages = [
    ("extract", r"Extractor::extract_with$"), ("prepare", r"Extractor::prepare(_in)?$"),
    ("recognize", r"Extractor::recognize$"), ("  phrase pass", r"Combined::prime$"),
    ("  place", r"PlaceRules::run$"), ("  org", r"OrgRules::run$"), ("  person", r"PersonRules::run$"),
    ("  docref", r"DocRules::run$"), ("  title", r"TitleRules::run$"), ("  date", r"DateRules::run$"),
    ("  quantity", r"QuantityRules::run$"), ("  event", r"EventRules::run$"), ("  term", r"TermRules::run$"),
    ("overlap", r"overlap::resolve(_in)?$"), ("link", r"resolve::link$"), ("entities out", r"to_entities$"),
]
print(f"{text_bytes:,} text bytes; per input byte:")
print(f"{'stage':<16}{'instructions':>13}{'est. cycles':>13}")
for label, pat in stages:
    hit = [v for k, v in fns.items() if re.search(pat, k)]
    if hit:
        ir, est = max(hit)
        print(f"{label:<16}{ir / text_bytes:>13.0f}{est / text_bytes:>13.0f}")
PY
