#!/usr/bin/env python3
"""Builds a JSONL of texts for the CLI batch mode (issue 5 measurements).

  scripts/perf-corpus.py regress > /tmp/regress.jsonl
      every fixtures/*.txt, ../shared/corpus/dev/*.txt, ../shared/seeds/*.txt,
      tests/cases/*.cases and the raw text of ../shared/gold/dev/*.ann, each
      also in NFD and in capitals: output must stay identical across
      optimizations (run the CLI over it before and after, then `same`).
  scripts/perf-corpus.py same BEFORE.jsonl AFTER.jsonl
      the two CLI outputs hold the same records (compared as parsed JSON, so
      a change of key order alone does not count); exit 1 if not.
  scripts/perf-corpus.py repeat BYTES > /tmp/big.jsonl
      fixtures and ../shared/corpus/dev articles repeated until BYTES of JSONL.
"""
import json
import os
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(HERE, "..", "shared")


def txts(d):
    if not os.path.isdir(d):
        return []
    return [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".txt")]


def articles():
    for p in txts(os.path.join(HERE, "fixtures")) + txts(os.path.join(SHARED, "corpus", "dev")):
        with open(p, encoding="utf-8") as f:
            yield os.path.relpath(p, HERE), f.read()


def main():
    mode = sys.argv[1]
    out = sys.stdout
    if mode == "regress":
        recs = list(articles())
        for p in txts(os.path.join(SHARED, "seeds")):
            with open(p, encoding="utf-8") as f:
                recs.append((os.path.relpath(p, HERE), f.read()))
        cases = os.path.join(HERE, "tests", "cases")
        for f in sorted(os.listdir(cases)) if os.path.isdir(cases) else []:
            with open(os.path.join(cases, f), encoding="utf-8") as fh:
                recs.append(("tests/cases/" + f, fh.read()))
        gold = os.path.join(SHARED, "gold", "dev")
        tool = os.path.join(SHARED, "tools", "ann2json.py")
        for f in sorted(os.listdir(gold)) if os.path.isdir(gold) else []:
            if f.endswith(".ann"):
                text = subprocess.run([sys.executable, tool, "--text", os.path.join(gold, f)],
                                      capture_output=True, text=True, check=True).stdout
                recs.append(("gold/" + f, text))
        recs += [(n + "#nfd", unicodedata.normalize("NFD", t)) for n, t in recs] + \
                [(n + "#upper", t.upper()) for n, t in recs]
        for name, text in recs:
            out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
    elif mode == "same":
        with open(sys.argv[2], encoding="utf-8") as fa, open(sys.argv[3], encoding="utf-8") as fb:
            a, b = fa.read().splitlines(), fb.read().splitlines()
        if len(a) != len(b):
            sys.exit(f"{len(a)} records vs {len(b)}")
        bad = [i for i, (x, y) in enumerate(zip(a, b)) if json.loads(x) != json.loads(y)]
        if bad:
            sys.exit(f"{len(bad)} records differ, the first on line {bad[0] + 1}")
        print(f"{len(a)} records, identical")
    elif mode == "repeat":
        want = int(float(sys.argv[2]))
        lines = [json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n" for n, t in articles()]
        size, i = 0, 0
        while size < want:
            line = lines[i % len(lines)]
            out.write(line)
            size += len(line.encode("utf-8"))
            i += 1
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
