#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from our own fixtures and case files (never from
# real articles). Idempotent; the corpus directory is git-ignored.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
for target in extract extract_docs; do
  dir="$root/fuzz/corpus/$target"
  mkdir -p "$dir"
  for f in "$root"/fixtures/*.txt; do
    name="$(basename "$f" .txt)"
    cp "$f" "$dir/fixture-$name"
    # Each paragraph alone too: small seeds mutate faster.
    i=0
    while IFS= read -r line; do
      [ -n "$line" ] || continue
      i=$((i + 1))
      printf '%s' "$line" > "$dir/fixture-$name-$i"
    done < "$f"
  done
  # The inputs of the small cases (`> input` lines).
  for f in "$root"/tests/cases/*.cases; do
    [ -e "$f" ] || continue
    name="$(basename "$f" .cases)"
    i=0
    grep '^> ' "$f" | cut -c3- | while IFS= read -r line; do
      i=$((i + 1))
      printf '%s' "$line" > "$dir/case-$name-$i"
    done
  done
done
echo "seeded $(ls "$root/fuzz/corpus/extract" | wc -l) inputs per target in fuzz/corpus/"
