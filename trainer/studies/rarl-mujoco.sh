#!/usr/bin/env bash
# The RARL reproduction on the paper's MuJoCo robots (docs/results.md), as one resumable study.
#
#   trainer/studies/rarl-mujoco.sh [OUT]        (default OUT: runs/rarl-mujoco)
#
# Each stage trains into OUT/<stage>/ and evaluates into OUT/<stage>/eval*/. Run it again after an interruption: a
# finished stage (its .done marker) is skipped, and `train` itself skips finished seeds and resumes the others from
# their checkpoints. OUT/walltime.csv records each stage's wall time. Stages run in priority order, so a study cut
# short still has its most important results.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$here/runs/rarl-mujoco}"
sparring="$here/sparring"
seeds=0,1,2,3,4
mkdir -p "$out"
[[ -f "$out/walltime.csv" ]] || echo "stage,seconds,commit" > "$out/walltime.csv"
commit="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# stage NAME COMMAND...: runs COMMAND unless NAME finished before, then records its wall time.
stage() {
  local name="$1"; shift
  [[ -f "$out/.done-$name" ]] && { echo "== $name: done before, skipped"; return; }
  echo "== $name: $*"
  local start=$SECONDS
  "$@"
  echo "$name,$((SECONDS - start)),$commit" >> "$out/walltime.csv"
  touch "$out/.done-$name"
}

# baseline vs RARL at the authors' adversary (0.25 x 5 N per component), then its robustness evaluation: nominal,
# random forces, a fresh adversary, and a 5 x 5 torso-mass x foot-friction grid (0.5-1.5) with and without it.
# The sweep's axes default to mass,friction; the swimmer, which touches nothing, sweeps its torso's and its back
# segment's masses instead (extra arguments to eval).
pair() {
  local task="$1" algo="$2" steps="$3"
  shift 3
  local dir="$out/$task-$algo"
  stage "$task-$algo-train" "$sparring" train --env "$task" --algo "$algo" --rarl --with-baseline \
    --seeds "$seeds" --steps "$steps" --out "$dir"
  stage "$task-$algo-eval" "$sparring" eval --run "$dir" --adversary-steps 50000 --points 5 \
    --sweep-under none,adversary "$@" --out "$dir/eval"
}

# RARL with a stronger adversary on Hopper (PPO), evaluated beside the baseline of hopper-ppo at that strength.
stronger() {
  local fraction="$1" label="$2"
  local dir="$out/hopper-ppo-adv$label"
  stage "hopper-ppo-adv$label-train" "$sparring" train --env hopper --algo ppo --rarl --adv-fraction "$fraction" \
    --seeds "$seeds" --steps 1000000 --out "$dir"
  local policies=()
  for s in ${seeds//,/ }; do
    policies+=(--policy "baseline=$out/hopper-ppo/baseline/seed-$s/policy.policy"
               --policy "rarl=$dir/rarl/seed-$s/policy.policy")
  done
  stage "hopper-ppo-adv$label-eval" "$sparring" eval "${policies[@]}" --adv-fraction "$fraction" \
    --adversary-steps 50000 --points 5 --sweep-under none,adversary --out "$dir/eval"
}

pair hopper ppo 1000000
stage hopper-ppo-rrls "$sparring" eval --run "$out/hopper-ppo" --adversary-steps 0 --range 0.1,3 --points 6 \
  --sweep-under none --out "$out/hopper-ppo/eval-rrls"
stronger 1 5N
stronger 4 20N
pair mujoco_inverted_pendulum ppo 200000
pair half_cheetah ppo 1000000
pair walker2d ppo 1000000
pair swimmer ppo 1000000 --sweep torso_mass_kg,back_mass_kg
# PPO with CleanRL ppo_continuous_action's settings (annealed learning rate, 10 epochs of 32 minibatches), baseline
# only: the learning-quality bar of issue 9 (CleanRL's 2 652 on Hopper-v4 at 1 M steps).
stage hopper-ppo-cleanrl-train "$sparring" train --env hopper --algo ppo --seeds "$seeds" --steps 1000000 \
  --set ppo.annealLearningRate=true --set ppo.epochs=10 --set ppo.minibatches=32 --out "$out/hopper-ppo-cleanrl"
pair hopper trpo 1000000
pair half_cheetah trpo 1000000
echo "study complete: $out (wall times in $out/walltime.csv)"
