#!/bin/sh
# Runs the STM32F405 firmware under QEMU's netduinoplus2 board with USART1 on a serial device the caller owns.
#
# Usage: run-qemu.sh ELF TTY [QMP_SOCKET]
#   ELF         OUTDIR/sparring-firmware.elf from build.sh
#   TTY         the slave path (/dev/pts/N) of a pseudo-terminal the caller created with openpty and keeps the master of
#   QMP_SOCKET  optional: a Unix socket path where QEMU serves QMP, to restart the firmware mid-run: connect, send
#               {"execute":"qmp_capabilities"} then {"execute":"system_reset"}; the firmware boots again, sends an
#               unsolicited HELLO_REPLY, and its boot count goes up by one (it is kept in RAM across resets).
#
# The procedure a host (smoke.py, the Java hardware-in-the-loop test) follows:
#   1. openpty(); put the slave in raw mode (cfmakeraw); keep the master open from now on and read it.
#   2. start this script with the slave's path; it execs QEMU, so the process id is QEMU's.
#   3. wait for the firmware's unsolicited boot HELLO_REPLY on the master (send nothing before it: QEMU drops bytes
#      that reach USART1 before the firmware has enabled it). Nothing is lost in the other direction: the master is
#      open before QEMU starts, so the boot frame waits in the pty. No -S / QMP dance is needed for this reason.
#   4. close the caller's own slave descriptor, if it opened one, once the boot HELLO_REPLY is in: then QEMU is the
#      slave's only holder and its exit shows on the master as POLLHUP / EIO (the "unplugged" device).
#   5. stop it with SIGTERM: QEMU prints "terminating on signal 15" on stderr and exits with status 0.
# Exit status 77 without starting anything when qemu-system-arm is not installed (the caller skips, naming the
# package), 2 on a usage error.
set -eu

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 ELF TTY [QMP_SOCKET]" >&2
    exit 2
fi
if ! command -v qemu-system-arm >/dev/null 2>&1; then
    echo "qemu-system-arm is missing (apt-get install --no-install-recommends qemu-system-arm)" >&2
    exit 77
fi
if [ ! -f "$1" ]; then
    echo "no firmware at $1: build it with firmware-bridge/firmware/stm32/build.sh OUTDIR" >&2
    exit 2
fi
if [ ! -c "$2" ]; then
    echo "$2 is not a character device: pass the slave path of a pseudo-terminal (/dev/pts/N)" >&2
    exit 2
fi

# -nographic without a stdio serial or monitor: QEMU leaves the caller's terminal alone. The first -serial is USART1.
if [ $# -eq 3 ]; then
    exec qemu-system-arm -M netduinoplus2 -nographic -monitor none -serial "$2" -kernel "$1" \
        -qmp "unix:$3,server=on,wait=off"
fi
exec qemu-system-arm -M netduinoplus2 -nographic -monitor none -serial "$2" -kernel "$1"
