#!/usr/bin/env python3
"""Builds data/admin_units.tsv from the administrative-unit lists in
shared/corpus/admin/ (python3 stdlib only).

    python3 tools/admin_units.py ../shared/corpus/admin ../shared/domain/provinces_2025.tsv > data/admin_units.tsv

Sources and licences (restated in the output header and data/README.md):
- units before 1 July 2025 (63 provinces, districts, communes):
  ThangLeQuoc/vietnamese-provinces-database, MIT licence;
- units after 1 July 2025 (34 provinces, communes/wards): khanhk8a/vn-geo,
  whose README allows use for any lawful purpose; compiled by hand, codes not
  official, so units are keyed by name and parent here and no code is kept;
- which old provinces form each new one: the project's own
  shared/domain/provinces_2025.tsv.

Output columns: name (without the unit word), type (the unit word, lower
case), parent (district for old communes, else province; empty for
provinces), province (the province the unit lies in, or for a province the
new province it became / the old ones it came from), era (`old`, `new` or
`both` when a province kept its name).
"""
import json
import os
import sys
import unicodedata

TYPES = ["thành phố", "thị xã", "thị trấn", "đặc khu", "tỉnh", "huyện", "quận", "phường", "xã"]


# Old-style tone placement (`Hoà`, `Thuỷ`) rewritten to the new style the
# library's normalizer produces (`Hòa`, `Thủy`), so both sources agree.
TONES = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ"}
UTONES = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}


def new_tones(s):
    s2 = list(s)
    for i in range(1, len(s2)):
        end = i + 1 == len(s2) or not s2[i + 1].isalpha()
        if not end:
            continue
        prev, c = s2[i - 1], s2[i]
        lc = c.lower()
        if prev.lower() == "o" and lc in TONES:
            s2[i - 1] = TONES[lc] if prev.islower() else TONES[lc].upper()
            s2[i] = "a" if c.islower() else "A"
        elif prev.lower() == "o" and lc in {"è": 1, "é": 1, "ẻ": 1, "ẽ": 1, "ẹ": 1}:
            m = {"è": "ò", "é": "ó", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ"}[lc]
            s2[i - 1] = m if prev.islower() else m.upper()
            s2[i] = "e" if c.islower() else "E"
        elif prev.lower() == "u" and lc in UTONES and (i < 2 or s2[i - 2].lower() != "q"):
            s2[i - 1] = UTONES[lc] if prev.islower() else UTONES[lc].upper()
            s2[i] = "y" if c.islower() else "Y"
    return "".join(s2)


def split(full):
    full = new_tones(unicodedata.normalize("NFC", full.strip()))
    # `Ia H' Drai` is written `Ia H'Drai` in the press.
    full = full.replace("' ", "'")
    low = full.lower()
    for t in TYPES:
        if low.startswith(t + " "):
            return t, full[len(t) + 1:].strip()
    raise ValueError(f"no unit word in {full!r}")


def main(admin, prov_tsv):
    rows = []
    old_path = os.path.join(admin, "ThangLeQuoc_vietnamese-provinces-database",
                            "vn_only_simplified_json_generated_data_vn_units_minified.json")
    new_path = os.path.join(admin, "khanhk8a_vn-geo", "tree.json")
    # old province -> new province, from the project's merger table
    became = {}
    for line in open(prov_tsv, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if len(f) < 3 or f[0].startswith("name_from"):
            continue
        _, new_name = split(f[0])
        for part in f[2].split("|"):
            old = part.split("(")[0].strip()
            old = old.replace("TP ", "")
            became[new_tones(unicodedata.normalize("NFC", old))] = new_name
    new_provs = {}
    for p in json.load(open(new_path, encoding="utf-8")):
        t, name = split(p["fullName"])
        new_provs[name] = t
    old_provs = set()
    for p in json.load(open(old_path, encoding="utf-8")):
        t, pname = split(p["FullName"])
        old_provs.add(pname)
        era = "both" if pname in new_provs else "old"
        rows.append((pname, t, "", became.get(pname, pname), era))
        for d in p.get("District") or []:
            dt, dname = split(d["FullName"])
            rows.append((dname, dt, pname, pname, "old"))
            for w in d.get("Ward") or []:
                wt, wname = split(w["FullName"])
                rows.append((wname, wt, dname, pname, "old"))
    for p in json.load(open(new_path, encoding="utf-8")):
        t, pname = split(p["fullName"])
        if pname not in old_provs:
            formers = sorted(o for o, n in became.items() if n == pname)
            rows.append((pname, t, "", "|".join(formers), "new"))
        for w in p.get("wards") or []:
            wt, wname = split(w["fullName"].split(",")[0])
            rows.append((wname, wt, pname, pname, "new"))
    out = sys.stdout
    out.write("# source: ThangLeQuoc/vietnamese-provinces-database (units before 2025-07-01); licence: MIT\n")
    out.write("# source: khanhk8a/vn-geo (units after 2025-07-01, hand-compiled, codes not official); licence: any lawful use (its README)\n")
    out.write("# source: viet-ner shared/domain/provinces_2025.tsv (old province -> new province); licence: project's own\n")
    out.write("# generated by tools/admin_units.py; do not edit by hand\n")
    out.write("name\ttype\tparent\tprovince\tera\n")
    seen = set()
    for r in rows:
        if r in seen:
            continue
        seen.add(r)
        out.write("\t".join(r) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
