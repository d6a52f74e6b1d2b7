/*
 * CRC-16/CCITT-FALSE (docs/bridge-protocol.md): polynomial 0x1021, initial value 0xFFFF, not reflected, no final
 * XOR. Four bits at a time through a 16-entry table: 32 bytes of flash instead of 512, two lookups per byte.
 */
#include "bridge_protocol.h"

static const uint16_t CRC16_NIBBLE[16] = {
    0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50A5, 0x60C6, 0x70E7,
    0x8108, 0x9129, 0xA14A, 0xB16B, 0xC18C, 0xD1AD, 0xE1CE, 0xF1EF
};

uint16_t bridge_crc16(const uint8_t *data, size_t length)
{
    uint16_t crc = 0xFFFFu;
    for (size_t i = 0; i < length; i++) {
        crc = (uint16_t)((crc << 4) ^ CRC16_NIBBLE[((crc >> 12) ^ (data[i] >> 4)) & 0x0Fu]);
        crc = (uint16_t)((crc << 4) ^ CRC16_NIBBLE[((crc >> 12) ^ (data[i] & 0x0Fu)) & 0x0Fu]);
    }
    return crc;
}
