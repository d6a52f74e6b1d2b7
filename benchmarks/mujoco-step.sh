#!/usr/bin/env bash
# MuJoCo step from Java beside the same loop in C, in one command (docs/benchmarks.md):
#   benchmarks/mujoco-step.sh <model.xml> [extra JMH options]
# Builds benchmarks/src/main/c/mujoco_step.c against the installed libmujoco, runs it (10 rounds of 1 s after as
# many warm-up rounds), then MujocoStepBenchmark through ./sparring bench on the same model.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -lt 1 ]]; then
    echo "usage: $0 <model.xml> [extra JMH options]" >&2
    exit 2
fi
model="$(realpath "$1")"
shift
mkdir -p "$root/benchmarks/target"
gcc -std=c11 -O2 -o "$root/benchmarks/target/mujoco_step" "$root/benchmarks/src/main/c/mujoco_step.c" -lmujoco
echo "== C: mj_step in a loop"
"$root/benchmarks/target/mujoco_step" "$model"
echo "== Java: MujocoStepBenchmark"
"$root/sparring" bench MujocoStepBenchmark -p model="$model" "$@"
