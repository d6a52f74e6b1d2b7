#!/usr/bin/env python3
"""Writes test-vectors.txt: the bridge protocol's reference encodings (docs/bridge-protocol.md), for the C and Java
tests alike. Independent of both implementations on purpose: CRC and COBS are written here from their definitions."""
import struct
import sys


def crc16_ccitt_false(data: bytes) -> int:
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def cobs_encode(data: bytes) -> bytes:
    out = bytearray()
    block = bytearray()
    for byte in data:
        if byte == 0:
            out.append(len(block) + 1)
            out += block
            block = bytearray()
        else:
            block.append(byte)
            if len(block) == 254:
                out.append(255)
                out += block
                block = bytearray()
    out.append(len(block) + 1)
    out += block
    return bytes(out)


def frame(kind: int, sequence: int, payload: bytes) -> bytes:
    body = struct.pack('<BBHH', kind, 0, sequence, len(payload)) + payload
    return cobs_encode(body + struct.pack('<H', crc16_ccitt_false(body))) + b'\x00'


def f32s(*values):
    return struct.pack('<%df' % len(values), *values)


def vectors():
    yield 'crc16', b'123456789'.hex(), '%04x' % crc16_ccitt_false(b'123456789')
    cobs_cases = {
        'empty': b'',
        'one-zero': b'\x00',
        'two-zeros': b'\x00\x00',
        'mixed': b'\x11\x22\x00\x33',
        'nonzero-254': bytes(range(1, 255)),
        'nonzero-255': bytes(range(1, 256)),
        'zero-then-254': b'\x00' + bytes(range(1, 255)),
    }
    for name, data in cobs_cases.items():
        yield 'cobs-' + name, data.hex() or '-', cobs_encode(data).hex()
    yield 'frame-hello', '-', frame(0x01, 0, struct.pack('<HH', 1, 0)).hex()
    configure = struct.pack('<BBBBHHf', 2, 0, 1, 0, 50, 0, 0.5) + f32s(-2.4, 2.4, 5.0, 10.0) \
        + f32s(-3.5, 3.5, 20.0, 0.0)
    yield 'frame-configure', '-', frame(0x02, 1, configure).hex()
    command = struct.pack('<BBBB', 2, 0, 0, 0) + f32s(0.0, 0.0, 1.5, 0.0, 0.0) + f32s(0.0, 0.0, 0.0, 0.0, 0.0)
    yield 'frame-command', '-', frame(0x03, 2, command).hex()
    yield 'frame-heartbeat', '-', frame(0x04, 3, b'').hex()
    yield 'frame-estop', '-', frame(0x05, 4, b'').hex()
    yield 'frame-clear', '-', frame(0x06, 5, b'').hex()
    reply = struct.pack('<HHIIBBBBI', 1, 0, 0x010000, 0b1111, 8, 0, 0, 0, 7)
    yield 'frame-hello-reply', '-', frame(0x81, 0, reply).hex()
    state = struct.pack('<IIHBBHhII', 123456, 7, 2, 2, 2, 0, 3650, 0, 0) + f32s(0.1, -0.25, 1.5) \
        + f32s(0.05, 0.0, 0.0)
    yield 'frame-state', '-', frame(0x83, 1, state).hex()
    yield 'frame-fault', '-', frame(0x84, 2, struct.pack('<BBHI', 1, 3, 2, 173456)).hex()


def main():
    lines = ['# Bridge protocol v1 test vectors (docs/bridge-protocol.md), made by make-test-vectors.py.',
             '# name input-hex output-hex   ("-" = no input / empty).',
             '# crc16: CRC-16/CCITT-FALSE of the input. cobs-*: COBS encoding of the input (no delimiter).',
             '# frame-*: a whole encoded frame with its 0x00 delimiter; the field values are listed in',
             '# make-test-vectors.py and in both sides\' tests.']
    for name, given, expected in vectors():
        lines.append('%s %s %s' % (name, given, expected))
    text = '\n'.join(lines) + '\n'
    if len(sys.argv) > 1:
        with open(sys.argv[1], 'w') as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == '__main__':
    main()
