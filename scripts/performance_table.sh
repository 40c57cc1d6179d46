#!/usr/bin/env bash
# Usage: scripts/performance_table.sh [RUNS] > table.md
# Runs scripts/compare_nengo.sh for every benchmark model and size of
# docs/benchmarks.md that Nengo can build (RUNS alternating runs each,
# default 3; one run for the slowest Nengo builds) and prints a Markdown table
# of the medians and the ratios Nengo / snn. Expect about 40 minutes.
set -euo pipefail
runs=${1:-3}
here=$(cd "$(dirname "$0")" && pwd)
echo "| model | size | snn build (s) | Nengo build (s) | build ratio | snn sim (s/s) | Nengo sim (s/s) | sim ratio | snn rmse | Nengo rmse |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for case in "neurons 1000" "neurons 10000" "neurons 100000" "neurons 1000000" \
            "channel 1000" "channel 10000" \
            "ensemble_array 1000" "ensemble_array 10000" "ensemble_array 100000" \
            "integrator 1000" "integrator 10000" \
            "oscillator 1000" "oscillator 10000"; do
  set -- $case
  n=$runs
  case "$1 $2" in
    "integrator 10000"|"oscillator 10000"|"neurons 1000000"|"ensemble_array 100000") n=1 ;;
  esac
  out=$("$here/compare_nengo.sh" "$1" "$2" "$n" 2>/dev/null)
  get() { echo "$out" | sed -n "s/^$1: //p"; }
  echo "| $1 | $2 | $(get snn_build_s) | $(get nengo_build_s) | $(get ratio_build_s) | $(get snn_sim_s_per_sim_s) | $(get nengo_sim_s_per_sim_s) | $(get ratio_sim_s_per_sim_s) | $(get snn_rmse) | $(get nengo_rmse) |"
done
