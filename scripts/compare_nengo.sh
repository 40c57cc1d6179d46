#!/usr/bin/env bash
# Usage: scripts/compare_nengo.sh MODEL SIZE [RUNS]
# Runs snn-bench and scripts/nengo_bench.py (Nengo 4.1) alternately (RUNS times each,
# default 3) on this machine and prints each run's JSON line, then the
# median of each figure for both and the ratio Nengo / snn (above 1: we are
# faster or, for rmse, more accurate). Nengo comes from a venv outside the
# repository (~/.venvs/nengo), created on first use.
set -euo pipefail
model=${1:?usage: compare_nengo.sh MODEL SIZE [RUNS]}
size=${2:?usage: compare_nengo.sh MODEL SIZE [RUNS]}
runs=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${NENGO_VENV:-$HOME/.venvs/nengo}
bench_py=$root/scripts/nengo_bench.py
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q nengo==4.1.0
fi
cargo build -q --release -p snn-bench --manifest-path "$root/Cargo.toml"
ours=$(mktemp) theirs=$(mktemp)
trap 'rm -f "$ours" "$theirs"' EXIT
for _ in $(seq "$runs"); do
  # SNN_BENCH_ARGS passes options such as `--threads 1` to our side.
  "$root/target/release/snn-bench" "$model" "$size" ${SNN_BENCH_ARGS:-} | tee -a "$ours"
  "$venv/bin/python" "$bench_py" "$model" "$size" 2>/dev/null | tee -a "$theirs"
done
python3 - "$ours" "$theirs" <<'PY'
import json, statistics, sys
ours = [json.loads(l) for l in open(sys.argv[1])]
theirs = [json.loads(l) for l in open(sys.argv[2])]
print(f"model: {ours[0]['model']}")
print(f"size: {ours[0]['size']}")
for key in ("build_s", "sim_s_per_sim_s", "rmse"):
    a = [r[key] for r in ours if r[key] is not None]
    b = [r[key] for r in theirs if r[key] is not None]
    if not a or not b:
        continue
    ma, mb = statistics.median(a), statistics.median(b)
    print(f"snn_{key}: {ma:.4g}")
    print(f"nengo_{key}: {mb:.4g}")
    print(f"ratio_{key}: {mb / ma:.3g}")
PY
