#!/usr/bin/env python3
"""Fail when a dev-gold metric drops below its floor.

Usage: accuracy_gate.py SCORE_JSON FLOORS_TSV

SCORE_JSON is `score.py --json` output. FLOORS_TSV rows are `metric<TAB>floor`
where metric is `micro` (strict micro F1), a label (`DOC`: strict F1),
`doc_ids`, `person_title_pairs` (F1) or `date_values` (accuracy). Floors only
ever go up: raise them as quality rises, never lower one to pass.
"""
import json
import sys


def metric(score, name):
    if name == "micro":
        return score["micro_strict"][2]
    if name in score["labels"]:
        return score["labels"][name]["strict"][2]
    if name in ("doc_ids", "person_title_pairs"):
        return score[name][2]
    if name == "date_values":
        return score[name][0]
    raise SystemExit(f"unknown metric {name!r} in floors file")


def main(score_path, floors_path):
    with open(score_path, encoding="utf-8") as f:
        score = json.load(f)
    failed = 0
    with open(floors_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#") or line.startswith("metric\t"):
                continue
            name, floor = line.split("\t")
            value = metric(score, name)
            ok = value + 1e-9 >= float(floor)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {name:20} {value:.3f} (floor {float(floor):.3f})")
    if failed:
        print(f"{failed} metric(s) below their floor")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
