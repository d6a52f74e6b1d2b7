#!/bin/sh
# The firmware's builds and checks, called by Maven (firmware-bridge/pom.xml) and usable by hand (docs/firmware.md):
#
#   sh firmware-bridge/firmware/build.sh build OUTDIR   the host build, OUTDIR/host/sparring-firmware (and
#                                                       sparring-firmware-protocol2, speaking protocol version 2);
#                                                       then the STM32 build (stm32/build.sh) into OUTDIR/stm32
#   sh firmware-bridge/firmware/build.sh check OUTDIR   the C unit and host tests, again under ASan+UBSan, then
#                                                       libFuzzer on the receiver for FUZZ_RUNS inputs (1000000)
#
# Outputs go under OUTDIR only. A missing tool is not a failure: one line names the Debian package to install and
# that part is skipped (exit 0). A compile error, a failed test or a fuzzer finding exits non-zero.
set -eu

usage() {
    echo "usage: sh firmware-bridge/firmware/build.sh build|check OUTDIR" >&2
    exit 2
}
[ $# -eq 2 ] || usage
MODE=$1
case "$MODE" in build|check) ;; *) usage ;; esac
HERE=$(cd "$(dirname "$0")" && pwd)
PROTOCOL=$(cd "$HERE/../protocol" && pwd)
mkdir -p "$2"
OUT=$(cd "$2" && pwd)
FUZZ_RUNS=${FUZZ_RUNS:-1000000}

say() {
    echo "firmware: $*"
}

# has TOOL PACKAGE WHAT: true when TOOL is on PATH, else says which package to install and that WHAT is skipped.
has() {
    if command -v "$1" >/dev/null 2>&1; then
        return 0
    fi
    say "$1 not found: skipping $3 (install the Debian package $2)"
    return 1
}

# compiles CC FLAGS... a trivial program (with a libFuzzer entry point when the flags ask for the fuzzer)
compiles() {
    probe_cc=$1
    shift
    probe_dir=$OUT/probe
    mkdir -p "$probe_dir"
    printf '#include <stddef.h>\n#include <stdint.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)%s\n%s\n' \
        '{ (void)d; (void)n; return 0; }' \
        "$(case "$*" in *fuzzer*) ;; *) echo 'int main(void) { return LLVMFuzzerTestOneInput(NULL, 0); }' ;; esac)" \
        > "$probe_dir/probe.c"
    "$probe_cc" "$@" "$probe_dir/probe.c" -o "$probe_dir/probe" >/dev/null 2>&1
}

run_make() {
    make --no-print-directory -s -j2 -f "$HERE/Makefile" OUT="$OUT" "$@"
}

now_ms() {
    date +%s%3N
}

# timed LABEL COMMAND...: runs the command and says how long it took
timed() {
    label=$1
    shift
    started=$(now_ms)
    "$@"
    say "$label in $(( $(now_ms) - started )) ms"
}

has gcc gcc "the firmware (host build and tests)" || exit 0
has make make "the firmware (host build and tests)" || exit 0

if [ "$MODE" = build ]; then
    timed "host build $OUT/host/sparring-firmware, sparring-firmware-protocol2" run_make host
    if [ -f "$HERE/stm32/build.sh" ]; then
        if has arm-none-eabi-gcc gcc-arm-none-eabi "the STM32 build"; then
            timed "STM32 build $OUT/stm32" sh "$HERE/stm32/build.sh" "$OUT/stm32"
        fi
    fi
    exit 0
fi

# check
timed "C tests built" run_make host tests
timed "C tests passed" "$OUT/test/fw-tests" "$PROTOCOL/test-vectors.txt"
timed "host tests passed" "$OUT/test/host-tests" "$OUT/host/sparring-firmware" \
    "$OUT/host/sparring-firmware-protocol2"

sanitize_cc=gcc
if ! compiles gcc -fsanitize=address,undefined; then
    sanitize_cc=clang-14
    if ! command -v clang-14 >/dev/null 2>&1 || ! compiles clang-14 -fsanitize=address,undefined; then
        say "no compiler here builds with -fsanitize=address,undefined: skipping the sanitized tests" \
            "(install the Debian packages libasan8 libubsan1)"
        sanitize_cc=
    fi
fi
if [ -n "$sanitize_cc" ]; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    timed "sanitized tests built ($sanitize_cc)" run_make SANITIZE_CC="$sanitize_cc" tests-sanitized
    timed "sanitized C tests passed" "$OUT/test-sanitized/fw-tests" "$PROTOCOL/test-vectors.txt"
    # the protocol-2 build differs from the sanitized firmware in one constant: the unsanitized one serves both runs
    timed "sanitized host tests passed" "$OUT/test-sanitized/host-tests" "$OUT/test-sanitized/sparring-firmware" \
        "$OUT/host/sparring-firmware-protocol2"
fi

if has clang-14 clang-14 "the fuzzer"; then
    if ! compiles clang-14 -fsanitize=fuzzer,address,undefined; then
        say "clang-14 cannot link libFuzzer: skipping the fuzzer (install the Debian package libclang-rt-14-dev)"
        exit 0
    fi
    timed "fuzzer built" run_make fuzzer
    rm -rf "$OUT/fuzz/corpus" "$OUT/fuzz/findings"
    mkdir -p "$OUT/fuzz/corpus" "$OUT/fuzz/findings"
    # New inputs go to OUT/fuzz/corpus (the first directory); the committed seeds are only read.
    started=$(now_ms)
    if ! "$OUT/fuzz/fuzz-receive" -runs="$FUZZ_RUNS" -max_len=512 -seed=1 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$OUT/fuzz/findings/" "$OUT/fuzz/corpus" "$PROTOCOL/corpus" \
        > "$OUT/fuzz/fuzz.log" 2>&1; then
        tail -n 60 "$OUT/fuzz/fuzz.log" >&2
        say "the fuzzer found a failure: the input is in $OUT/fuzz/findings, the log in $OUT/fuzz/fuzz.log" >&2
        exit 1
    fi
    elapsed=$(( $(now_ms) - started ))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$OUT/fuzz/fuzz.log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$OUT/fuzz/fuzz.log")
    say "fuzzer: $runs inputs in $elapsed ms ($rate/s), no failure (log $OUT/fuzz/fuzz.log)"
fi
