/*
 * A board for tests and the fuzzer (board.h): a clock the test sets, the link's output captured, joints whose
 * measurements the test sets and whose applied efforts it reads back.
 */
#ifndef SPARRING_BOARD_FAKE_H
#define SPARRING_BOARD_FAKE_H

#include <stddef.h>
#include <stdint.h>

#include "bridge_protocol.h"

#define FAKE_OUTPUT_CAPACITY 65536u

struct fake_board {
    uint32_t time_us;
    float position[BRIDGE_MAX_JOINTS];
    float velocity[BRIDGE_MAX_JOINTS];
    float applied[BRIDGE_MAX_JOINTS];     /* the last efforts board_apply_efforts received */
    uint8_t applied_count;
    unsigned apply_calls;
    int16_t temperature_centi_c;
    uint32_t boot_count;
    uint32_t capabilities;
    uint8_t output[FAKE_OUTPUT_CAPACITY]; /* every byte the firmware wrote, from output_read on still unread */
    size_t output_length;
    size_t output_read;
    unsigned output_overflows;            /* writes that did not fit (the capture restarts empty) */
};

/* A decoded frame the firmware sent. */
struct fake_frame {
    uint8_t type;
    uint16_t sequence;
    uint16_t length;
    uint8_t payload[BRIDGE_MAX_PAYLOAD];
};

extern struct fake_board fake;

/* Everything zero but boot count 1, capabilities effort|PD|damping, temperature 25.00 C. */
void fake_reset(void);

/* Decodes the next frame the firmware wrote: 1 when one was read, 0 when no more, -1 when the bytes are not a valid
 * frame (bad COBS, CRC, header or length), each check of docs/bridge-protocol.md. */
int fake_next_frame(struct fake_frame *frame);

/* How many complete frames (delimiters) remain unread. */
unsigned fake_pending_frames(void);

#endif
