/*
 * COBS (Cheshire and Baker, "Consistent Overhead Byte Stuffing", 1999) without the delimiter, exactly as
 * firmware-bridge/protocol/make-test-vectors.py encodes it: a block of 254 non-zero bytes is closed with code 0xFF
 * as soon as it is full, so data ending on a full block is followed by a final code 0x01 (254 non-zero bytes encode
 * to 0xFF, the bytes, 0x01). The decoder accepts that form and the one without the final 0x01.
 */
#include "bridge_protocol.h"

#define COBS_FULL_BLOCK 0xFFu

size_t bridge_cobs_encode(const uint8_t *data, size_t length, uint8_t *out, size_t out_capacity)
{
    if (out_capacity == 0) {
        return 0;
    }
    size_t code_at = 0;
    size_t written = 1;
    uint8_t code = 1;
    for (size_t i = 0; i < length; i++) {
        if (data[i] == 0) {
            out[code_at] = code;
            code_at = written++;
            code = 1;
        } else {
            if (written >= out_capacity) {
                return 0;
            }
            out[written++] = data[i];
            code++;
            if (code == COBS_FULL_BLOCK) {
                out[code_at] = code;
                code_at = written++;
                code = 1;
            }
        }
        if (code_at >= out_capacity) {
            return 0;
        }
    }
    out[code_at] = code;
    return written;
}

size_t bridge_cobs_decode(const uint8_t *data, size_t length, uint8_t *out, size_t out_capacity)
{
    size_t i = 0;
    size_t written = 0;
    while (i < length) {
        const uint8_t code = data[i++];
        if (code == 0) {
            return (size_t)-1;
        }
        const size_t run = (size_t)code - 1u;
        if (run > length - i || run > out_capacity - written) {
            return (size_t)-1;
        }
        for (size_t k = 0; k < run; k++) {
            if (data[i] == 0) {
                return (size_t)-1;
            }
            out[written++] = data[i++];
        }
        if (code != COBS_FULL_BLOCK && i < length) {
            if (written >= out_capacity) {
                return (size_t)-1;
            }
            out[written++] = 0;
        }
    }
    return written;
}
