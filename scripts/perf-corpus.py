#!/usr/bin/env python3
"""Builds a JSONL of texts for the CLI batch mode (issue 5 measurements).

  scripts/perf-corpus.py regress > /tmp/regress.jsonl
      every fixtures/*.txt, ../shared/corpus/dev/*.txt and the raw text of
      ../shared/gold/dev/*.ann (one record each): output must stay
      byte-identical across optimizations.
  scripts/perf-corpus.py repeat BYTES > /tmp/big.jsonl
      fixtures and ../shared/corpus/dev articles repeated until BYTES of JSONL.
"""
import json
import os
import subprocess
import sys

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
        for name, text in articles():
            out.write(json.dumps({"id": name, "text": text}, ensure_ascii=False) + "\n")
        gold = os.path.join(SHARED, "gold", "dev")
        tool = os.path.join(SHARED, "tools", "ann2json.py")
        for f in sorted(os.listdir(gold)) if os.path.isdir(gold) else []:
            if f.endswith(".ann"):
                text = subprocess.run([sys.executable, tool, "--text", os.path.join(gold, f)],
                                      capture_output=True, text=True, check=True).stdout
                out.write(json.dumps({"id": "gold/" + f, "text": text}, ensure_ascii=False) + "\n")
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
