#!/bin/sh
# Builds the STM32F405 firmware: OUTDIR/sparring-firmware.elf (for qemu-system-arm -kernel, see run-qemu.sh) and
# OUTDIR/sparring-firmware.bin (a raw flash image for 0x08000000), with the portable core (../core), the plant
# (../plant) and this board layer. Prints the section sizes. Fails when anything pulls in malloc.
# Usage: build.sh OUTDIR
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 OUTDIR" >&2
    exit 2
fi
if ! command -v arm-none-eabi-gcc >/dev/null 2>&1; then
    echo "STM32 firmware not built: arm-none-eabi-gcc is missing (apt-get install --no-install-recommends gcc-arm-none-eabi libnewlib-arm-none-eabi)"
    exit 0
fi

here=$(cd "$(dirname "$0")" && pwd)
firmware=$(dirname "$here")
out=$1
mkdir -p "$out"
elf=$out/sparring-firmware.elf

# shellcheck disable=SC2046 # the globs are the source lists
arm-none-eabi-gcc \
    -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 \
    -std=c11 -O2 -g -Wall -Wextra -Werror \
    -ffunction-sections -fdata-sections \
    -I"$firmware/include" -I"$firmware/plant" -I"$here" \
    $(ls "$firmware"/core/*.c "$firmware"/plant/*.c "$here"/*.c) \
    -T "$here/stm32f405.ld" -nostartfiles --specs=nano.specs \
    -Wl,--gc-sections -Wl,-Map="$out/sparring-firmware.map" -Wl,--print-memory-usage \
    -lm -o "$elf" >"$out/sparring-firmware.link.txt"

# No heap: nothing may link malloc or the _sbrk it needs (there is no _sbrk, so newlib's malloc cannot link either;
# this check names the culprit if a libc that brings its own ever does).
heap=$(arm-none-eabi-nm "$elf" | awk '$3 ~ /^(_?malloc|_malloc_r|calloc|_calloc_r|realloc|_realloc_r|free|_free_r|_sbrk|_sbrk_r)$/ {print $3}' | tr '\n' ' ')
if [ -n "$heap" ]; then
    echo "$elf links heap functions: $heap (the firmware must not allocate; see $out/sparring-firmware.map)" >&2
    exit 1
fi

arm-none-eabi-objcopy -O binary "$elf" "$out/sparring-firmware.bin"
arm-none-eabi-size "$elf"
