#!/usr/bin/env bash
# Runs the cargo-fuzz targets for a bounded time (issue 7).
#
#   scripts/fuzz.sh SECONDS [TARGET...]     # default targets: extract extract_docs
#
# SECONDS is the total, split evenly between the targets. Needs `cargo
# +nightly` and cargo-fuzz; when cargo-fuzz is missing it is installed with
# `cargo install cargo-fuzz --locked` unless FUZZ_NO_INSTALL=1. When the
# toolchain is not there, prints why and exits 0 (skipped, not failed).
# Exits 1 on a crash, naming the artifact and how to replay it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
secs="${1:?usage: scripts/fuzz.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract extract_docs)

skip() { echo "fuzz: SKIPPED: $*" >&2; exit 0; }
cargo +nightly --version >/dev/null 2>&1 || skip "no nightly toolchain (rustup toolchain install nightly)"
if ! cargo fuzz --version >/dev/null 2>&1; then
  [ "${FUZZ_NO_INSTALL:-0}" = 1 ] && skip "cargo-fuzz is not installed (cargo install cargo-fuzz --locked)"
  echo "fuzz: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked >&2 || skip "could not install cargo-fuzz"
fi

"$root/scripts/fuzz-seed.sh"
per=$(( secs / ${#targets[@]} ))
[ "$per" -ge 1 ] || per=1
cd "$root/fuzz"
status=0
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${per}s" >&2
  dict=()
  [ "$t" = extract ] && dict=(-dict=vi.dict)
  # Debug assertions stay on (cargo-fuzz's default without -O), so the
  # library's own debug_assert!s are checked too.
  # (no artifacts folder yet is zero artifacts, not an error under pipefail)
  count() { { find "artifacts/$t" -type f 2>/dev/null || true; } | wc -l; }
  before=$(count)
  if ! cargo +nightly fuzz run "$t" "corpus/$t" -- \
      -max_total_time="$per" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
      "${dict[@]}" -print_final_stats=1; then
    status=1
    if [ "$(count)" -gt "$before" ]; then
      echo "fuzz: $t FOUND A CRASH, A TIMEOUT OR AN OOM; artifacts:" >&2
      ls -1t "artifacts/$t" >&2
      echo "replay: (cd fuzz && cargo +nightly fuzz run $t artifacts/$t/<file>)" >&2
    else
      echo "fuzz: $t failed to build or run (see above)" >&2
    fi
  fi
done
exit $status
