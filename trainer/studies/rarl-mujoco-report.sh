#!/usr/bin/env bash
# Collects what trainer/studies/rarl-mujoco.sh measured into DOCS (default docs/results/mujoco): per experiment the
# comparison report (`./sparring report`: tables with Welch's t and bootstrap intervals, learning curves, percentile
# plots, 1-D mass and friction curves), the evaluation's heat maps and per-seed CSVs, and the study's wall times.
#
#   trainer/studies/rarl-mujoco-report.sh [STUDY] [DOCS]     (defaults: runs/rarl-mujoco, docs/results/mujoco)
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
study="${1:-$here/runs/rarl-mujoco}"
docs="${2:-$here/docs/results/mujoco}"
mkdir -p "$docs"
cp "$study/walltime.csv" "$docs/walltime.csv"
for experiment in "$study"/*/; do
  name="$(basename "$experiment")"
  compgen -G "$experiment/eval*/returns_per_seed.csv" > /dev/null || continue
  "$here/sparring" report --run "$experiment" --out "$docs/$name.md"
  for evaluation in "$experiment"/eval*/; do
    target="$docs/$name-plots/$(basename "$evaluation")"
    mkdir -p "$target"
    cp "$evaluation"/returns_per_seed.csv "$evaluation"/sweep_*.csv "$target/"
    cp "$evaluation"/plots/robustness_*.png "$target/"
  done
done
echo "wrote $docs"
