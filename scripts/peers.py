#!/usr/bin/env python3
"""Peer comparison for PERFORMANCE.md (issue 5): how fast the Python
Vietnamese NER peers run on the same texts we benchmark.

Peers: underthesea 9.5.0 and ViNLP 1.2.106 from PyPI. Their models ship in
the wheels, so this runs offline. One process, one core (run it through
`scripts/peers.sh`, which pins the process and the BLAS/OpenMP threads).

Unit of work: each non-blank line of each `*.txt` file (articles are one
paragraph per line), passed to the peer's `ner()`; characters counted as
Python counts them (code points). Model loading and a warm-up call are
timed separately and excluded from the throughput. The corpus is run
repeatedly until at least `--min-seconds` have passed, so short corpora
still give a stable figure.

Usage: peers.py DIR [DIR...] [--min-seconds 20] [--peers underthesea,vinlp]
Prints one line per peer and a JSON summary on the last line.
"""

import argparse
import glob
import json
import os
import sys
import time


def load_lines(dirs):
    lines = []
    files = 0
    for d in dirs:
        for path in sorted(glob.glob(os.path.join(d, "*.txt"))):
            files += 1
            with open(path, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#meta"):
                        lines.append(line)
    return files, lines


def peer(name):
    """Returns (version, ner function, seconds to import and load)."""
    t0 = time.perf_counter()
    if name == "underthesea":
        import underthesea

        fn, version = underthesea.ner, underthesea.__version__
    elif name == "vinlp":
        import ViNLP
        from importlib.metadata import version as v

        fn, version = ViNLP.ner, v("ViNLP")
    else:
        raise SystemExit(f"unknown peer {name!r}; expected underthesea or vinlp")
    fn("Đồng chí Nguyễn Văn An dự họp.")  # loads the model
    return version, fn, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--min-seconds", type=float, default=20.0)
    ap.add_argument("--peers", default="underthesea,vinlp")
    args = ap.parse_args()
    files, lines = load_lines(args.dirs)
    if not lines:
        raise SystemExit(f"no text in {args.dirs}")
    chars = sum(len(l) for l in lines)
    nbytes = sum(len(l.encode("utf-8")) for l in lines)
    print(f"corpus: {files} files, {len(lines)} lines, {chars} chars, {nbytes} bytes", file=sys.stderr)
    results = []
    for name in args.peers.split(","):
        version, fn, load = peer(name.strip())
        passes, entities = 0, 0
        t0 = time.process_time()
        w0 = time.perf_counter()
        while True:
            for line in lines:
                entities += sum(1 for tok in fn(line) if tok[-1].startswith("B-"))
            passes += 1
            if time.perf_counter() - w0 >= args.min_seconds:
                break
        cpu = time.process_time() - t0
        wall = time.perf_counter() - w0
        r = {
            "peer": name,
            "version": version,
            "load_s": round(load, 3),
            "passes": passes,
            "entities_per_pass": entities // passes,
            "cpu_s": round(cpu, 3),
            "wall_s": round(wall, 3),
            "chars_per_s_cpu": round(chars * passes / cpu),
            "bytes_per_s_cpu": round(nbytes * passes / cpu),
        }
        results.append(r)
        print(
            f"{name} {version}: {r['chars_per_s_cpu']:,} chars/s "
            f"({r['bytes_per_s_cpu'] / 1e6:.3f} MB/s) one core, "
            f"{passes} passes, load {load:.2f} s",
            file=sys.stderr,
        )
    print(json.dumps({"files": files, "lines": len(lines), "chars": chars, "bytes": nbytes, "peers": results}))


if __name__ == "__main__":
    main()
