#!/usr/bin/env bash
# The Hopper policies that `./sparring demo` evaluates (policies/hopper/), made by one command:
#
#   trainer/studies/demo-policies.sh OUT STEPS [--seeds LIST] [--from EXPERIMENT] [--from-rarl EXPERIMENT]
#                                    [--work DIR] [--adv-fraction F] [--set NAME=VALUE]... [--algo ALGO]
#
# trains, per seed of LIST (default 0,1,2,3,4), the baseline and RARL protagonists on hopper:
#   ./sparring train --env hopper --seeds LIST --steps STEPS [--algo/--set] --out WORK/baseline
#   ./sparring train --env hopper --rarl --seeds LIST --steps STEPS [--algo/--set] [--adv-fraction F] --out WORK/rarl
# (WORK default runs/demo-policies; run the script again after an interruption and `train` resumes), then writes
# OUT/<method>/seed-<n>.policy (the exported policy), OUT/<method>/seed-<n>.config.txt (its settings) and
# OUT/MANIFEST.txt (this invocation, the two train commands, the commit, the date and the files' SHA-256).
#
# --from EXPERIMENT reuses runs of those same train commands made elsewhere (an experiment directory holding
# baseline/seed-<n>/ and rarl/seed-<n>/, e.g. trainer/studies/rarl-mujoco.sh's hopper-ppo); --from-rarl takes the
# RARL runs from another one (e.g. its hopper-ppo-adv20N, trained with --adv-fraction 4). Each seed's config.txt,
# checkpoint and metrics are copied into WORK, where `train` resumes the finished checkpoint: it refuses one whose
# settings differ from the command's, trains no further, and exports it with this commit's exporter.
#
# DemoPoliciesTest re-runs this script with MANIFEST.txt's options at a small budget and checks that it writes what
# the bundle holds (settings other than the budget, network shape, action scaling, metadata other than the budget).
# $SPARRING replaces ./sparring (the test runs the trainer from its own class path).
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
sparring="${SPARRING:-$here/sparring}"
readonly methods=(baseline rarl)

usage() {
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

[[ $# -ge 2 ]] || usage
invocation="trainer/studies/demo-policies.sh $*"
out="$1" steps="$2"
shift 2
[[ "$steps" =~ ^[1-9][0-9]*$ ]] || { echo "demo-policies: STEPS must be a whole number > 0, was '$steps'" >&2; exit 2; }
seeds=0,1,2,3,4 work="$here/runs/demo-policies" from="" from_rarl=""
common=() rarl_only=()
while [[ $# -gt 0 ]]; do
  [[ $# -ge 2 ]] || { echo "demo-policies: $1 needs a value" >&2; exit 2; }
  case "$1" in
    --seeds) seeds="$2" ;;
    --from) from="$2" ;;
    --from-rarl) from_rarl="$2" ;;
    --work) work="$2" ;;
    --adv-fraction) rarl_only+=("$1" "$2") ;;
    --set|--algo) common+=("$1" "$2") ;;
    *) echo "demo-policies: unknown option '$1' (expected --seeds, --from, --from-rarl, --work, --adv-fraction," \
         "--set or --algo)" >&2; exit 2 ;;
  esac
  shift 2
done
for word in "${common[@]}" "${rarl_only[@]}"; do
  [[ "$word" != *[[:space:]]* ]] || {
    echo "demo-policies: option values may not hold spaces, was '$word'" >&2
    exit 2
  }
done
from_rarl="${from_rarl:-$from}"

# source METHOD: the experiment directory whose runs METHOD reuses, or nothing.
source_of() {
  if [[ "$1" == rarl ]]; then echo "$from_rarl"; else echo "$from"; fi
}

# train_args METHOD: the train command's options for METHOD, without --out.
train_args() {
  local args=(train --env hopper)
  [[ "$1" == rarl ]] && args+=(--rarl)
  args+=(--seeds "$seeds" --steps "$steps" "${common[@]}")
  [[ "$1" == rarl ]] && args+=("${rarl_only[@]}")
  echo "${args[*]}"
}

for method in "${methods[@]}"; do
  src="$(source_of "$method")"
  if [[ -n "$src" ]]; then
    for seed in ${seeds//,/ }; do
      from_dir="$src/$method/seed-$seed" to_dir="$work/$method/$method/seed-$seed"
      [[ -f "$to_dir/policy.policy" || -f "$to_dir/checkpoint.ckpt" ]] && continue
      for file in config.txt checkpoint.ckpt metrics.csv; do
        [[ -f "$from_dir/$file" ]] || { echo "demo-policies: $from_dir/$file is missing; --from needs an experiment" \
          "that train finished ($method/seed-<n>/ with config.txt, checkpoint.ckpt and metrics.csv)" >&2; exit 1; }
      done
      mkdir -p "$to_dir"
      cp "$from_dir/config.txt" "$from_dir/checkpoint.ckpt" "$from_dir/metrics.csv" "$to_dir/"
    done
  fi
done
for method in "${methods[@]}"; do
  # shellcheck disable=SC2046
  "$sparring" $(train_args "$method") --out "$work/$method"
done

# The checkout as it was before this script replaced the bundle (replacing it is not an uncommitted change).
commit="$(git -C "$here" rev-parse HEAD 2>/dev/null || echo "unknown (not a git checkout)")"
if [[ -n "$(git -C "$here" status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
  commit="$commit with uncommitted changes"
fi
mkdir -p "$out"
rm -f "$out"/MANIFEST.txt "$out"/*/seed-*.policy "$out"/*/seed-*.config.txt
for method in "${methods[@]}"; do
  mkdir -p "$out/$method"
  for seed in ${seeds//,/ }; do
    cp "$work/$method/$method/seed-$seed/policy.policy" "$out/$method/seed-$seed.policy"
    cp "$work/$method/$method/seed-$seed/config.txt" "$out/$method/seed-$seed.config.txt"
  done
done

{
  echo "# The Hopper policies ./sparring demo evaluates, written by trainer/studies/demo-policies.sh (do not edit)."
  echo "# DemoPoliciesTest re-runs the script with these options at a small budget and compares with these files."
  echo "script = $invocation"
  options=("${common[@]}" "${rarl_only[@]}")
  echo "options = ${options[*]}"
  echo "steps = $steps"
  echo "seeds = $seeds"
  for method in "${methods[@]}"; do
    echo "$method = ./sparring $(train_args "$method") --out ${work#"$here"/}/$method"
    src="$(source_of "$method")"
    [[ -n "$src" ]] && echo "$method.from = $src (the same command's finished runs, resumed and exported here)"
  done
  echo "commit = $commit"
  echo "date = $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  (cd "$out" && sha256sum ./*/seed-*.policy) | sed 's|  \./| |; s|^|sha256 = |'
} > "$out/MANIFEST.txt"
echo "wrote $out (${methods[*]} × seeds $seeds; how: $out/MANIFEST.txt)"
