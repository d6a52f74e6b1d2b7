#include "frames.h"

#include <string.h>

void payload_u8(struct payload *p, uint8_t value)
{
    p->bytes[p->length++] = value;
}

void payload_u16(struct payload *p, uint16_t value)
{
    payload_u8(p, (uint8_t)value);
    payload_u8(p, (uint8_t)(value >> 8));
}

void payload_u32(struct payload *p, uint32_t value)
{
    payload_u16(p, (uint16_t)value);
    payload_u16(p, (uint16_t)(value >> 16));
}

void payload_f32(struct payload *p, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    payload_u32(p, bits);
}

uint16_t read_u16(const uint8_t *at)
{
    return (uint16_t)(at[0] | (at[1] << 8));
}

uint32_t read_u32(const uint8_t *at)
{
    return (uint32_t)read_u16(at) | ((uint32_t)read_u16(at + 2) << 16);
}

float read_f32(const uint8_t *at)
{
    const uint32_t bits = read_u32(at);
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

size_t encode_frame(uint8_t type, uint16_t sequence, const uint8_t *payload, size_t length, uint8_t *out)
{
    uint8_t frame[BRIDGE_MAX_FRAME + 16];
    frame[0] = type;
    frame[1] = 0;
    frame[2] = (uint8_t)sequence;
    frame[3] = (uint8_t)(sequence >> 8);
    frame[4] = (uint8_t)length;
    frame[5] = (uint8_t)(length >> 8);
    if (length > 0) {
        memcpy(frame + BRIDGE_HEADER_LENGTH, payload, length);
    }
    const size_t body = BRIDGE_HEADER_LENGTH + length;
    const uint16_t crc = bridge_crc16(frame, body);
    frame[body] = (uint8_t)crc;
    frame[body + 1] = (uint8_t)(crc >> 8);
    const size_t encoded = bridge_cobs_encode(frame, body + BRIDGE_CRC_LENGTH, out, BRIDGE_MAX_ENCODED + 16);
    out[encoded] = 0;
    return encoded + 1;
}
