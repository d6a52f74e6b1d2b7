#!/usr/bin/env python3
"""End-to-end smoke test of the STM32 firmware under QEMU, for developers (no build runs it; the Java
hardware-in-the-loop test is the automated one). Opens a pseudo-terminal, starts run-qemu.sh on its slave, waits for
the boot HELLO_REPLY, says HELLO, CONFIGUREs the simulated cart-pole (slider: effort, max 10 N; hinge: passive;
watchdog 50 ms by default; damping safe state), balances the pole with a discrete LQR at a fixed command rate, checks that every
STATE acknowledges its COMMAND's sequence number and that the pole stays up, then stops commanding and measures the
watchdog on the firmware's own clock. Python 3 standard library only.

Usage: smoke.py ELF [--seconds S] [--rate-hz R] [--watchdog-ms W]"""
import argparse
import errno
import importlib.util
import math
import os
import select
import struct
import subprocess
import sys
import time
import tty

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    'vectors', os.path.join(HERE, '..', '..', 'protocol', 'make-test-vectors.py'))
vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vectors)

HELLO, CONFIGURE, COMMAND, HEARTBEAT = 0x01, 0x02, 0x03, 0x04
HELLO_REPLY, STATE, FAULT = 0x81, 0x83, 0x84
MODE_READY, MODE_ACTIVE, MODE_SAFE = 1, 2, 3
FAULT_WATCHDOG = 1
CAPABILITIES = 0b1111            # effort, PD, damping, simulated
EFFORT_MAX_N = 10.0
CART_LIMIT_M = 2.4
POLE_LIMIT_RAD = 0.2             # "stays up": the run fails beyond this
# robots/cartpole.yaml, as firmware/plant/plant.c integrates it (pole inertia m l^2 / 3)
CART_MASS_KG, POLE_MASS_KG, POLE_HALF_LENGTH_M, GRAVITY_M_PER_S2 = 1.0, 0.1, 0.5, 9.8
# policies/cartpole-lqr.policy's weights on [x, theta, x', theta'] and on the force
LQR_Q = [10.0, 100.0, 1.0, 1.0]
LQR_R = 0.1


class SmokeFailure(Exception):
    pass


def cobs_decode(data):
    out = bytearray()
    i = 0
    while i < len(data):
        code = data[i]
        if code == 0 or i + code > len(data):
            raise SmokeFailure('bad COBS block at %d in %s' % (i, data.hex()))
        out += data[i + 1:i + code]
        i += code
        if code < 255 and i < len(data):
            out.append(0)
    return bytes(out)


class Link:
    """The host end of the bridge protocol on the pty master."""

    def __init__(self, fd):
        self.fd = fd
        self.pending = bytearray()
        self.sequence = 0
        self.last_encoded_bytes = 0

    def send(self, kind, payload=b''):
        sequence = self.sequence
        os.write(self.fd, vectors.frame(kind, sequence, payload))
        self.sequence = (sequence + 1) & 0xFFFF
        return sequence

    def receive(self, timeout_s):
        """The next frame as (type, sequence, payload), or None after timeout_s."""
        deadline = time.monotonic() + timeout_s
        while True:
            end = self.pending.find(0)
            if end >= 0:
                encoded = bytes(self.pending[:end])
                del self.pending[:end + 1]
                self.last_encoded_bytes = end + 1
                if encoded:
                    return self._check(cobs_decode(encoded))
                continue
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            if select.select([self.fd], [], [], left)[0]:
                self.pending += os.read(self.fd, 4096)

    @staticmethod
    def _check(decoded):
        if len(decoded) < 8:
            raise SmokeFailure('short frame %s' % decoded.hex())
        kind, reserved, sequence, length = struct.unpack_from('<BBHH', decoded)
        (crc,) = struct.unpack_from('<H', decoded, len(decoded) - 2)
        if crc != vectors.crc16_ccitt_false(decoded[:-2]) or reserved or length != len(decoded) - 8:
            raise SmokeFailure('corrupt frame %s' % decoded.hex())
        return kind, sequence, decoded[6:-2]


def parse_state(payload):
    time_us, boot, acked, mode, joints, faults, temperature, crc_errors, gaps = struct.unpack_from('<IIHBBHhII', payload)
    q = [struct.unpack_from('<fff', payload, 24 + 12 * j) for j in range(joints)]
    return {'time_us': time_us, 'boot': boot, 'acked': acked, 'mode': mode, 'faults': faults,
            'crc_errors': crc_errors, 'gaps': gaps, 'position': [j[0] for j in q], 'velocity': [j[1] for j in q]}


def parse_fault(payload):
    code, mode, sequence, time_us = struct.unpack('<BBHI', payload)
    return {'code': code, 'mode': mode, 'sequence': sequence, 'time_us': time_us}


# ---- a discrete LQR for the cart-pole, in plain Python (4 states, 1 input) ----

def cartpole_derivative(y, force_n):
    m, l, g = POLE_MASS_KG, POLE_HALF_LENGTH_M, GRAVITY_M_PER_S2
    s, c = math.sin(y[1]), math.cos(y[1])
    a, b, d = CART_MASS_KG + m, m * l * c, m * l * l / 3.0 + m * l * l
    f0 = force_n + m * l * s * y[3] * y[3]
    f1 = m * g * l * s
    det = a * d - b * b
    return [y[2], y[3], (d * f0 - b * f1) / det, (a * f1 - b * f0) / det]


def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def transpose(a):
    return [list(row) for row in zip(*a)]


def lqr_gain(dt_s):
    """K for u = -K x, from the linearisation at upright, discretised with a zero-order hold over dt_s."""
    h = 1e-6
    columns = []
    for i in range(5):   # 4 states then the force
        y = [0.0] * 4
        u = 0.0
        if i < 4:
            y[i] = h
        else:
            u = h
        columns.append([v / h for v in cartpole_derivative(y, u)])
    # augmented [[A, B], [0, 0]] * dt, exponentiated by its series: gives Ad and Bd together
    m = [[columns[j][i] * dt_s if i < 4 else 0.0 for j in range(5)] for i in range(5)]
    e = [[1.0 if i == j else 0.0 for j in range(5)] for i in range(5)]
    term = [row[:] for row in e]
    for n in range(1, 20):
        term = [[v / n for v in row] for row in matmul(term, m)]
        e = [[e[i][j] + term[i][j] for j in range(5)] for i in range(5)]
    ad = [row[:4] for row in e[:4]]
    bd = [[row[4]] for row in e[:4]]
    p = [[LQR_Q[i] if i == j else 0.0 for j in range(4)] for i in range(4)]
    k = None
    for _ in range(5000):
        btp = matmul(transpose(bd), p)
        s = LQR_R + matmul(btp, bd)[0][0]
        k = [[v / s for v in matmul(btp, ad)[0]]]
        closed = [[ad[i][j] - bd[i][0] * k[0][j] for j in range(4)] for i in range(4)]
        nxt = matmul(matmul(transpose(ad), p), closed)
        nxt = [[nxt[i][j] + (LQR_Q[i] if i == j else 0.0) for j in range(4)] for i in range(4)]
        if max(abs(nxt[i][j] - p[i][j]) for i in range(4) for j in range(4)) < 1e-9:
            break
        p = nxt
    return k[0]


def percentile(sorted_values, fraction):
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def expect(frame, kind, what):
    if frame is None:
        raise SmokeFailure('no answer to %s' % what)
    if frame[0] != kind:
        raise SmokeFailure('%s answered with type 0x%02x %s' % (what, frame[0], frame[2].hex()))
    return frame[2]


def run(elf, seconds, rate_hz, watchdog_ms):
    # The pole starts falling at boot: everything slow happens before QEMU starts.
    period_s = 1.0 / rate_hz
    gain = lqr_gain(period_s)
    print('LQR gain on [x, theta, x\', theta\'] at %.0f Hz: [%s]' % (rate_hz, ', '.join('%.3f' % g for g in gain)))
    master, slave = os.openpty()
    tty.setraw(slave)
    qemu = subprocess.Popen([os.path.join(HERE, 'run-qemu.sh'), elf, os.ttyname(slave)], stderr=subprocess.PIPE)
    link = Link(master)
    try:
        started = time.monotonic()
        boot = expect(link.receive(20.0), HELLO_REPLY, 'boot (the unsolicited HELLO_REPLY)')
        print('boot HELLO_REPLY after %.0f ms, boot count %d' % ((time.monotonic() - started) * 1e3,
                                                                struct.unpack_from('<I', boot, 16)[0]))
        os.close(slave)
        slave = None

        link.send(HELLO, struct.pack('<HH', 1, 0))
        reply = expect(link.receive(1.0), HELLO_REPLY, 'HELLO')
        version, _, firmware, capabilities, max_joints = struct.unpack_from('<HHIIB', reply)
        if version != 1 or capabilities != CAPABILITIES:
            raise SmokeFailure('HELLO_REPLY: protocol %d, capabilities 0x%x' % (version, capabilities))
        print('HELLO_REPLY: protocol %d, firmware %d.%d.%d, capabilities 0x%x, max joints %d'
              % (version, firmware >> 16, firmware >> 8 & 0xFF, firmware & 0xFF, capabilities, max_joints))

        configure = struct.pack('<BBBBHHf', 2, 0, 1, 0, watchdog_ms, 0, 0.5) \
            + struct.pack('<4f', -CART_LIMIT_M, CART_LIMIT_M, 20.0, EFFORT_MAX_N) \
            + struct.pack('<4f', -3.5, 3.5, 50.0, 0.0)
        link.send(CONFIGURE, configure)
        state = parse_state(expect(link.receive(1.0), STATE, 'CONFIGURE'))
        first, first_host = state, time.monotonic()
        print('CONFIGURE at %.0f ms firmware time, pole at %.4f rad' % (state['time_us'] / 1e3, state['position'][1]))
        if state['mode'] != MODE_READY:
            raise SmokeFailure('CONFIGURE left mode %d' % state['mode'])

        rtts, max_angle, overruns = [], 0.0, 0
        next_s = time.monotonic()
        previous_sent = time.perf_counter()
        for _ in range(int(seconds * rate_hz)):
            now = time.monotonic()
            if now < next_s:
                time.sleep(next_s - now)
            x = state['position'] + state['velocity']
            force = max(-EFFORT_MAX_N, min(EFFORT_MAX_N, -sum(k * v for k, v in zip(gain, x))))
            command = struct.pack('<BBBB', 2, 0, 0, 0) + struct.pack('<5f', 0.0, 0.0, force, 0.0, 0.0) \
                + struct.pack('<5f', 0.0, 0.0, 0.0, 0.0, 0.0)
            sent = time.perf_counter()
            sequence = link.send(COMMAND, command)
            answer = link.receive(1.0)
            if answer is not None and answer[0] == FAULT:
                raise SmokeFailure('COMMAND %d answered by FAULT %s; %.1f ms (host) since the previous command, the '
                                   'last STATE at %d us (firmware)' % (sequence, parse_fault(answer[2]),
                                                                       (sent - previous_sent) * 1e3, state['time_us']))
            state = parse_state(expect(answer, STATE, 'COMMAND %d' % sequence))
            previous_sent = sent
            rtts.append(time.perf_counter() - sent)
            last_host = time.monotonic()
            state_bytes = link.last_encoded_bytes
            if state['acked'] != sequence or state['mode'] != MODE_ACTIVE:
                raise SmokeFailure('COMMAND %d answered by a STATE acknowledging %d in mode %d'
                                   % (sequence, state['acked'], state['mode']))
            max_angle = max(max_angle, abs(state['position'][1]))
            if max_angle > POLE_LIMIT_RAD or abs(state['position'][0]) > CART_LIMIT_M:
                raise SmokeFailure('the pole fell: x %.3f m, theta %.3f rad' % tuple(state['position']))
            next_s += period_s
            if time.monotonic() > next_s:
                missed = int((time.monotonic() - next_s) / period_s) + 1
                overruns += missed
                next_s += missed * period_s
        last = state
        clock_ratio = ((last['time_us'] - first['time_us']) & 0xFFFFFFFF) * 1e-6 / (last_host - first_host)

        fault = parse_fault(expect(link.receive(2.0), FAULT, 'silence (the watchdog)'))
        if fault['code'] != FAULT_WATCHDOG or fault['mode'] != MODE_SAFE:
            raise SmokeFailure('expected FAULT WATCHDOG into SAFE, got %s' % fault)
        watchdog_us = (fault['time_us'] - last['time_us']) & 0xFFFFFFFF
        link.send(HEARTBEAT)
        after = parse_state(expect(link.receive(1.0), STATE, 'HEARTBEAT'))

        rtts.sort()
        count = len(rtts)
        print('%d COMMANDs in %.1f s (%.0f Hz asked, %.0f Hz achieved, %d periods overrun): every STATE acknowledged '
              'its command' % (count, last_host - first_host, rate_hz, count / (last_host - first_host), overruns))
        print('pole: max |theta| %.4f rad, final x %.3f m theta %.4f rad; firmware CRC errors %d, gaps %d'
              % (max_angle, last['position'][0], last['position'][1], last['crc_errors'], last['gaps']))
        print('round trip COMMAND -> STATE: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d-byte command, %d-byte state)'
              % (percentile(rtts, 0.5) * 1e3, percentile(rtts, 0.99) * 1e3, rtts[-1] * 1e3,
                 len(vectors.frame(COMMAND, 0, command)), state_bytes))
        print('firmware clock / host clock over the run: %.4f' % clock_ratio)
        print('watchdog: FAULT WATCHDOG %.2f ms after the last command (firmware clock; timeout %d ms); '
              'then mode %d, fault bits 0x%x' % (watchdog_us / 1e3, watchdog_ms, after['mode'], after['faults']))
        if after['mode'] != MODE_SAFE or not after['faults'] & 1:
            raise SmokeFailure('after the watchdog: mode %d, fault bits 0x%x' % (after['mode'], after['faults']))
    finally:
        if slave is not None:
            os.close(slave)
        qemu.terminate()
        status = qemu.wait(10)
        stderr = qemu.stderr.read().decode(errors='replace').strip()
        print('QEMU after SIGTERM: exit status %d, stderr: %s' % (status, stderr or '(empty)'))
    try:
        os.read(master, 1)
        print('pty master after QEMU exited: readable')
    except OSError as error:
        print('pty master after QEMU exited: %s' % errno.errorcode.get(error.errno, error.errno))
    os.close(master)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('elf', help='sparring-firmware.elf from build.sh')
    parser.add_argument('--seconds', type=float, default=5.0, help='how long to balance (default 5)')
    parser.add_argument('--rate-hz', type=float, default=200.0, help='COMMAND rate (default 200)')
    parser.add_argument('--watchdog-ms', type=int, default=50,
                        help='firmware watchdog timeout (default 50; a host stalled longer trips it mid-run)')
    args = parser.parse_args()
    try:
        run(args.elf, args.seconds, args.rate_hz, args.watchdog_ms)
    except SmokeFailure as failure:
        print('FAILED: %s' % failure, file=sys.stderr)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
