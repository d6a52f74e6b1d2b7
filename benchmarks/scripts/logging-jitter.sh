#!/usr/bin/env bash
# The effect of the experience log on the 1 kHz loop: the same run without and with --log, back to back, with the
# loop thread's real-time set-up, each for DURATION seconds (default 60). Prints both summaries.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-60}"
log_dir="$(mktemp -d)"
trap 'rm -rf "$log_dir"' EXIT
for log in "" "--log $log_dir/cartpole"; do
    echo "=== 1 kHz, ${duration} s, ${log:-no log}"
    # shellcheck disable=SC2086
    "$root/sparring" run --robot "$root/robots/cartpole.yaml" --rate 1000 --duration "$duration" --realtime $log \
        | grep -v '^warning'
done
