#!/usr/bin/env python3
"""Writes corpus/: the seed inputs of the protocol fuzzers (the C libFuzzer target firmware/fuzz/fuzz_receive.c and the
Java one), each a raw byte stream as it would arrive on the link: every frame-* test vector, whole sessions, and a few
mutations a link produces (corruption, truncation, oversize, empty frames, wrong lengths, non-finite values).
Usage: make-corpus.py [DIRECTORY] (default: corpus/ next to this script). Deterministic: no randomness."""
import importlib.util
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location('vectors', os.path.join(HERE, 'make-test-vectors.py'))
vectors = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(vectors)
frame = vectors.frame
f32s = vectors.f32s

HELLO = frame(0x01, 0, struct.pack('<HH', 1, 0))


def configure(sequence, joints=2, control=0, safe=1, watchdog_ms=50, kd=0.5):
    payload = struct.pack('<BBBBHHf', joints, control, safe, 0, watchdog_ms, 0, kd)
    for joint in range(joints):
        payload += f32s(-2.4, 2.4, 5.0, 0.0 if joint == joints - 1 and joints > 1 else 10.0)
    return frame(0x02, sequence, payload)


def command(sequence, joints=2, values=(0.0, 0.0, 1.5, 0.0, 0.0)):
    payload = struct.pack('<BBBB', joints, 0, 0, 0)
    for _ in range(joints):
        payload += f32s(*values)
    return frame(0x03, sequence, payload)


def empty(kind, sequence):
    return frame(kind, sequence, b'')


def reserved_set(kind, sequence):
    body = struct.pack('<BBHH', kind, 1, sequence, 0)
    return vectors.cobs_encode(body + struct.pack('<H', vectors.crc16_ccitt_false(body))) + b'\x00'


def corrupt(data, at, value):
    data = bytearray(data)
    data[at] = value
    return bytes(data)


def seeds():
    for name, _, hexed in vectors.vectors():
        if name.startswith('frame-'):
            yield name, bytes.fromhex(hexed)
    start = HELLO + configure(1)
    yield 'session-effort', start + command(2) + empty(0x04, 3) + empty(0x05, 4) + empty(0x06, 5) + command(6)
    yield 'session-pd', HELLO + configure(1, control=1) + command(2, values=(0.5, 0.0, 0.1, 20.0, 1.0)) \
        + command(3, values=(-0.5, 0.2, 0.0, 20.0, 1.0))
    yield 'session-eight-joints', HELLO + configure(1, joints=8, control=1, safe=0) + command(2, joints=8)
    yield 'command-before-configure', HELLO + command(1)
    yield 'command-wrong-joint-count', start + command(2, joints=3)
    yield 'command-nan', start + command(2, values=(float('nan'), 0.0, 0.0, 1.0, 0.0))
    yield 'command-infinite', start + command(2, values=(0.0, 0.0, float('inf'), 0.0, 0.0))
    yield 'command-huge-gain', start + command(2, values=(3.0e38, 0.0, 0.0, 3.0e38, 0.0))
    yield 'configure-watchdog-zero', HELLO + configure(1, watchdog_ms=0)
    yield 'configure-negative-kd', HELLO + configure(1, kd=-1.0)
    yield 'configure-nine-joints', HELLO + configure(1, joints=9)
    yield 'configure-while-active', start + command(2) + configure(3)
    yield 'version-mismatch', frame(0x01, 0, struct.pack('<HH', 2, 0)) + configure(1) + empty(0x04, 2)
    yield 'unknown-type', HELLO + empty(0x07, 1) + empty(0x83, 2)
    yield 'sequence-gap', start + empty(0x04, 9) + empty(0x04, 65535) + empty(0x04, 0)
    yield 'bad-crc', HELLO + corrupt(empty(0x04, 1), 7, 0x55) + empty(0x04, 2)
    yield 'reserved-byte', HELLO + reserved_set(0x04, 1) + empty(0x04, 2)
    yield 'truncated', HELLO + command(1)[:20] + b'\x00' + empty(0x04, 2)
    yield 'oversize', b'\x41' * 300 + b'\x00' + HELLO
    yield 'empty-frames', b'\x00\x00\x00' + HELLO + b'\x00'
    yield 'cobs-full-block', b'\xff' + bytes(range(1, 255)) + b'\x01\x00' + HELLO
    yield 'no-delimiter', configure(1)[:-1]


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, 'corpus')
    os.makedirs(directory, exist_ok=True)
    for name, data in seeds():
        with open(os.path.join(directory, name + '.bin'), 'wb') as out:
            out.write(data)


if __name__ == '__main__':
    main()
