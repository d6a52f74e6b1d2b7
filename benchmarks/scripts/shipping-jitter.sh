#!/usr/bin/env bash
# Shipping's cost on the robot: the 1 kHz loop on the simulated cart-pole with --log only, then with --log and
# --ship-to a fleet receiver running in another process on loopback, back to back, each for DURATION seconds
# (default 60), with the loop thread's real-time set-up. Prints both summaries, then their timing lines side by side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
duration="${1:-60}"
port="${2:-40917}"
work="$(mktemp -d)"
receiver_pid=""
cleanup() {
    if [[ -n "$receiver_pid" ]]; then
        kill -TERM "$receiver_pid" 2>/dev/null || true
        wait "$receiver_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
"$root/sparring" fleet receive --listen "127.0.0.1:$port" --out "$work/trainer" > "$work/receiver.out" 2>&1 &
receiver_pid=$!
until grep -q "listening" "$work/receiver.out"; do
    kill -0 "$receiver_pid" 2>/dev/null || { cat "$work/receiver.out" >&2; exit 1; }
    sleep 0.2
done
run() {
    local name="$1"
    shift
    echo "=== 1 kHz, ${duration} s, $name"
    "$root/sparring" run --robot "$root/robots/cartpole.yaml" --rate 1000 --duration "$duration" --realtime "$@" \
        | grep -v '^warning' | tee "$work/$name.out"
}
run log-only --log "$work/log-only/cartpole"
run log-and-ship --log "$work/shipped/cartpole" --ship-to "127.0.0.1:$port"
echo "=== side by side (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
for line in overruns jitter compute "experience log" shipping; do
    for name in log-only log-and-ship; do
        printf '%-13s %s\n' "$name" "$(grep -m1 "^$line  " "$work/$name.out" || echo "$line -")"
    done
done
