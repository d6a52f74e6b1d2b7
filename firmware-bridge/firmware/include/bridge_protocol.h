/*
 * Bridge protocol version 1: constants, layouts and the codec (docs/bridge-protocol.md). Shared by every build of
 * the firmware and by its tests; the Java host mirrors it in dev.sparring.bridge.protocol.
 */
#ifndef SPARRING_BRIDGE_PROTOCOL_H
#define SPARRING_BRIDGE_PROTOCOL_H

#include <stddef.h>
#include <stdint.h>

/* Overridable at compile time (-DBRIDGE_PROTOCOL_VERSION=2u) for a firmware of another version: the host's refusal
 * test runs such a build (docs/firmware.md). */
#ifndef BRIDGE_PROTOCOL_VERSION
#define BRIDGE_PROTOCOL_VERSION 1u
#endif

#define BRIDGE_MAX_JOINTS 8u
#define BRIDGE_HEADER_LENGTH 6u
#define BRIDGE_CRC_LENGTH 2u
#define BRIDGE_MAX_PAYLOAD 240u
#define BRIDGE_MAX_FRAME (BRIDGE_HEADER_LENGTH + BRIDGE_MAX_PAYLOAD + BRIDGE_CRC_LENGTH)   /* 248 decoded */
#define BRIDGE_MAX_ENCODED (BRIDGE_MAX_FRAME + 2u)                                        /* 250 + delimiter */

/* header offsets */
#define BRIDGE_OFFSET_TYPE 0u
#define BRIDGE_OFFSET_RESERVED 1u
#define BRIDGE_OFFSET_SEQUENCE 2u
#define BRIDGE_OFFSET_LENGTH 4u

/* message types: host -> firmware */
#define BRIDGE_HELLO 0x01u
#define BRIDGE_CONFIGURE 0x02u
#define BRIDGE_COMMAND 0x03u
#define BRIDGE_HEARTBEAT 0x04u
#define BRIDGE_ESTOP 0x05u
#define BRIDGE_CLEAR 0x06u
/* message types: firmware -> host */
#define BRIDGE_HELLO_REPLY 0x81u
#define BRIDGE_STATE 0x83u
#define BRIDGE_FAULT 0x84u

/* payload lengths */
#define BRIDGE_HELLO_LENGTH 4u
#define BRIDGE_CONFIGURE_LENGTH(joints) (12u + 16u * (joints))
#define BRIDGE_COMMAND_LENGTH(joints) (4u + 20u * (joints))
#define BRIDGE_HELLO_REPLY_LENGTH 20u
#define BRIDGE_STATE_LENGTH(joints) (24u + 12u * (joints))
#define BRIDGE_FAULT_LENGTH 8u

/* control and safe modes */
#define BRIDGE_CONTROL_EFFORT 0u
#define BRIDGE_CONTROL_PD 1u
#define BRIDGE_SAFE_ZERO_TORQUE 0u
#define BRIDGE_SAFE_DAMPING 1u

/* firmware modes (STATE byte 10) */
#define BRIDGE_MODE_IDLE 0u
#define BRIDGE_MODE_READY 1u
#define BRIDGE_MODE_ACTIVE 2u
#define BRIDGE_MODE_SAFE 3u
#define BRIDGE_MODE_ESTOP 4u
#define BRIDGE_MODE_FAULTED 5u

/* fault codes (FAULT byte 0); STATE's fault bits hold bit (code - 1) of the latched ones (1..4) */
#define BRIDGE_FAULT_WATCHDOG 1u
#define BRIDGE_FAULT_ESTOP 2u
#define BRIDGE_FAULT_POSITION_LIMIT 3u
#define BRIDGE_FAULT_BAD_COMMAND 4u
#define BRIDGE_FAULT_NOT_CONFIGURED 5u
#define BRIDGE_FAULT_BAD_CONFIGURE 6u
#define BRIDGE_FAULT_VERSION_MISMATCH 7u
#define BRIDGE_FAULT_UNKNOWN_TYPE 8u
#define BRIDGE_FAULT_BUSY 9u

/* HELLO_REPLY capability bits */
#define BRIDGE_CAP_EFFORT 0x1u
#define BRIDGE_CAP_PD 0x2u
#define BRIDGE_CAP_DAMPING 0x4u
#define BRIDGE_CAP_SIMULATED 0x8u

/* CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, not reflected, no final xor); check("123456789") = 0x29B1. */
uint16_t bridge_crc16(const uint8_t *data, size_t length);

/* COBS-encodes length bytes into out (capacity out_capacity, no delimiter written); returns the encoded length, or 0
 * when it does not fit. */
size_t bridge_cobs_encode(const uint8_t *data, size_t length, uint8_t *out, size_t out_capacity);

/* COBS-decodes length bytes (no delimiter) into out; returns the decoded length, or (size_t)-1 when the input is not
 * valid COBS or does not fit. */
size_t bridge_cobs_decode(const uint8_t *data, size_t length, uint8_t *out, size_t out_capacity);

#endif
