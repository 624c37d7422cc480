#!/usr/bin/env bash
# Peer comparison (issue 5): runs underthesea 9.5.0 and ViNLP 1.2.106 on the
# same texts, one core, offline once installed. Never a CI dependency.
#
#   scripts/peers.sh [DIR...]        # default: fixtures/ and ../shared/corpus/dev
#
# Env: PEERS_VENV (default /tmp/viet-ner-peers-venv; created on first use,
# outside the repository), PEERS_MIN_SECONDS (default 20).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
venv="${PEERS_VENV:-/tmp/viet-ner-peers-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet underthesea==9.5.0 ViNLP==1.2.106
fi
dirs=("$@")
if [ ${#dirs[@]} -eq 0 ]; then
  dirs=("$here/fixtures")
  [ -d "$here/../shared/corpus/dev" ] && dirs+=("$here/../shared/corpus/dev")
fi
# One core: pin the process and keep numeric libraries single-threaded.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 HF_HUB_OFFLINE=1
pin=()
command -v taskset >/dev/null && pin=(taskset -c 0)
exec "${pin[@]}" "$venv/bin/python" "$here/scripts/peers.py" \
  --min-seconds "${PEERS_MIN_SECONDS:-20}" "${dirs[@]}"
