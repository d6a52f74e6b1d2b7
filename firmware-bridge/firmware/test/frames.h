/*
 * Host-side frame building for the tests: little-endian payload writing and framing (header, CRC-16, COBS,
 * delimiter) written from docs/bridge-protocol.md, independent of the firmware's own encoder.
 */
#ifndef SPARRING_FRAMES_H
#define SPARRING_FRAMES_H

#include <stddef.h>
#include <stdint.h>

#include "bridge_protocol.h"

struct payload {
    uint8_t bytes[BRIDGE_MAX_PAYLOAD + 16];
    size_t length;
};

void payload_u8(struct payload *p, uint8_t value);
void payload_u16(struct payload *p, uint16_t value);
void payload_u32(struct payload *p, uint32_t value);
void payload_f32(struct payload *p, float value);

uint16_t read_u16(const uint8_t *at);
uint32_t read_u32(const uint8_t *at);
float read_f32(const uint8_t *at);

/* Writes the encoded frame and its delimiter to out (capacity >= BRIDGE_MAX_ENCODED + 1); returns its length. */
size_t encode_frame(uint8_t type, uint16_t sequence, const uint8_t *payload, size_t length, uint8_t *out);

#endif
