#!/bin/sh
# Builds the native parts of the MuJoCo binding from the installed headers (libmujoco-dev):
#   $2/mujoco-layout.properties    offsets and sizes of the mjModel/mjData fields used, enum values, header version
#   $2/libsparring_mujoco_guard.so the error guard (mujoco_guard.c)
# Never fails: without a C compiler or the headers it writes "unavailable=<why>" instead, so the rest of the
# project builds and the binding reports "MuJoCo unavailable: <why>". $CC chooses the compiler (default gcc).
#   usage: build-native.sh <source dir> <output dir> <work dir>
set -u
src="$1"
out="$2"
work="$3"
cc="${CC:-gcc}"
install_hint="install libmujoco2.2.2 and libmujoco-dev (apt-get install libmujoco2.2.2 libmujoco-dev) and gcc,"
install_hint="$install_hint then rebuild"
mkdir -p "$out" "$work"
rm -f "$out/mujoco-layout.properties" "$out/libsparring_mujoco_guard.so"

unavailable() {
    printf 'unavailable=%s\n' "$1" > "$out/mujoco-layout.properties"
    echo "build-native.sh: MuJoCo binding unavailable: $1" >&2
    exit 0
}

first_error() {
    grep -m 1 'error' "$1" | sed 's/\\/\\\\/g'
}

command -v "$cc" > /dev/null 2>&1 || unavailable "no C compiler '$cc' at build time: $install_hint"

"$cc" -std=c11 -O1 -o "$work/mujoco_layout" "$src/mujoco_layout.c" 2> "$work/layout.log" \
    || unavailable "the MuJoCo headers did not compile ($(first_error "$work/layout.log")): $install_hint"
"$work/mujoco_layout" > "$work/mujoco-layout.properties" \
    || unavailable "the layout program built from the MuJoCo headers failed to run"

"$cc" -std=c11 -O2 -fPIC -shared -o "$out/libsparring_mujoco_guard.so" "$src/mujoco_guard.c" 2> "$work/guard.log" \
    || unavailable "the MuJoCo error guard did not compile ($(first_error "$work/guard.log")): $install_hint"
mv "$work/mujoco-layout.properties" "$out/mujoco-layout.properties"
