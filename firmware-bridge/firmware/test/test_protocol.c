/*
 * The codec against firmware-bridge/protocol/test-vectors.txt: the CRC check value, every COBS case both ways, and
 * every frame-* vector rebuilt from the field values of make-test-vectors.py, compared byte for byte and decoded back.
 */
#include <string.h>

#include "check.h"
#include "frames.h"
#include "tests.h"
#include "vectors.h"

/* The fields of each frame-* vector, as make-test-vectors.py writes them. Returns 0 for an unknown name. */
static int vector_fields(const char *name, uint8_t *type, uint16_t *sequence, struct payload *p)
{
    p->length = 0;
    if (strcmp(name, "frame-hello") == 0) {
        *type = BRIDGE_HELLO;
        *sequence = 0;
        payload_u16(p, 1);
        payload_u16(p, 0);
    } else if (strcmp(name, "frame-configure") == 0) {
        *type = BRIDGE_CONFIGURE;
        *sequence = 1;
        payload_u8(p, 2);
        payload_u8(p, BRIDGE_CONTROL_EFFORT);
        payload_u8(p, BRIDGE_SAFE_DAMPING);
        payload_u8(p, 0);
        payload_u16(p, 50);
        payload_u16(p, 0);
        payload_f32(p, 0.5f);
        const float joints[8] = {-2.4f, 2.4f, 5.0f, 10.0f, -3.5f, 3.5f, 20.0f, 0.0f};
        for (unsigned i = 0; i < 8; i++) {
            payload_f32(p, joints[i]);
        }
    } else if (strcmp(name, "frame-command") == 0) {
        *type = BRIDGE_COMMAND;
        *sequence = 2;
        payload_u32(p, 2);
        const float joints[10] = {0.0f, 0.0f, 1.5f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
        for (unsigned i = 0; i < 10; i++) {
            payload_f32(p, joints[i]);
        }
    } else if (strcmp(name, "frame-heartbeat") == 0) {
        *type = BRIDGE_HEARTBEAT;
        *sequence = 3;
    } else if (strcmp(name, "frame-estop") == 0) {
        *type = BRIDGE_ESTOP;
        *sequence = 4;
    } else if (strcmp(name, "frame-clear") == 0) {
        *type = BRIDGE_CLEAR;
        *sequence = 5;
    } else if (strcmp(name, "frame-hello-reply") == 0) {
        *type = BRIDGE_HELLO_REPLY;
        *sequence = 0;
        payload_u16(p, 1);
        payload_u16(p, 0);
        payload_u32(p, 0x010000u);
        payload_u32(p, 0xFu);
        payload_u32(p, 8);
        payload_u32(p, 7);
    } else if (strcmp(name, "frame-state") == 0) {
        *type = BRIDGE_STATE;
        *sequence = 1;
        payload_u32(p, 123456);
        payload_u32(p, 7);
        payload_u16(p, 2);
        payload_u8(p, BRIDGE_MODE_ACTIVE);
        payload_u8(p, 2);
        payload_u16(p, 0);
        payload_u16(p, 3650);
        payload_u32(p, 0);
        payload_u32(p, 0);
        const float joints[6] = {0.1f, -0.25f, 1.5f, 0.05f, 0.0f, 0.0f};
        for (unsigned i = 0; i < 6; i++) {
            payload_f32(p, joints[i]);
        }
    } else if (strcmp(name, "frame-fault") == 0) {
        *type = BRIDGE_FAULT;
        *sequence = 2;
        payload_u8(p, BRIDGE_FAULT_WATCHDOG);
        payload_u8(p, BRIDGE_MODE_SAFE);
        payload_u16(p, 2);
        payload_u32(p, 173456);
    } else {
        return 0;
    }
    return 1;
}

static void check_crc_vector(const struct vector *v)
{
    CHECK_EQ(v->output_length, 2);
    CHECK_EQ(bridge_crc16(v->input, v->input_length), (v->output[0] << 8) | v->output[1]);
}

static void check_cobs_vector(const struct vector *v)
{
    uint8_t encoded[VECTOR_MAX_BYTES];
    uint8_t decoded[VECTOR_MAX_BYTES];
    const size_t encoded_length = bridge_cobs_encode(v->input, v->input_length, encoded, sizeof encoded);
    CHECK_EQ(encoded_length, v->output_length);
    CHECK(memcmp(encoded, v->output, v->output_length) == 0);
    const size_t decoded_length = bridge_cobs_decode(v->output, v->output_length, decoded, sizeof decoded);
    CHECK_EQ(decoded_length, v->input_length);
    CHECK(memcmp(decoded, v->input, v->input_length) == 0);
    /* one byte less room than the encoding needs is refused */
    CHECK_EQ(bridge_cobs_encode(v->input, v->input_length, encoded, v->output_length - 1u), 0);
}

static void check_frame_vector(const struct vector *v)
{
    uint8_t type = 0;
    uint16_t sequence = 0;
    struct payload p;
    if (!vector_fields(v->name, &type, &sequence, &p)) {
        CHECK(!"a frame-* vector this test does not know: add its fields to vector_fields");
        return;
    }
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(type, sequence, p.bytes, p.length, encoded);
    CHECK_EQ(length, v->output_length);
    CHECK(memcmp(encoded, v->output, length) == 0);

    CHECK_EQ(v->output[v->output_length - 1u], 0);
    uint8_t frame[BRIDGE_MAX_FRAME];
    const size_t decoded = bridge_cobs_decode(v->output, v->output_length - 1u, frame, sizeof frame);
    CHECK_EQ(decoded, p.length + BRIDGE_HEADER_LENGTH + BRIDGE_CRC_LENGTH);
    CHECK_EQ(frame[0], type);
    CHECK_EQ(frame[1], 0);
    CHECK_EQ(read_u16(frame + 2), sequence);
    CHECK_EQ(read_u16(frame + 4), p.length);
    CHECK(memcmp(frame + BRIDGE_HEADER_LENGTH, p.bytes, p.length) == 0);
    CHECK_EQ(read_u16(frame + decoded - 2u), bridge_crc16(frame, decoded - 2u));
}

static void every_test_vector_matches(void)
{
    unsigned crc = 0;
    unsigned cobs = 0;
    unsigned frames = 0;
    for (unsigned i = 0; i < vectors_count(); i++) {
        const struct vector *v = vectors_at(i);
        if (strcmp(v->name, "crc16") == 0) {
            check_crc_vector(v);
            crc++;
        } else if (strncmp(v->name, "cobs-", 5) == 0) {
            check_cobs_vector(v);
            cobs++;
        } else if (strncmp(v->name, "frame-", 6) == 0) {
            check_frame_vector(v);
            frames++;
        } else {
            CHECK(!"a test vector of an unknown kind");
        }
    }
    CHECK_EQ(crc, 1);
    CHECK_EQ(cobs, 7);
    CHECK_EQ(frames, 9);
}

static void crc_check_value_is_29b1(void)
{
    CHECK_EQ(bridge_crc16((const uint8_t *)"123456789", 9), 0x29B1);
    CHECK_EQ(bridge_crc16(NULL, 0), 0xFFFF);
}

static void cobs_decoder_refuses_malformed_input(void)
{
    uint8_t out[300];
    const uint8_t zero_code[] = {0x02, 0x11, 0x00, 0x01};
    CHECK_EQ(bridge_cobs_decode(zero_code, sizeof zero_code, out, sizeof out), (size_t)-1);
    const uint8_t zero_in_block[] = {0x03, 0x11, 0x00};
    CHECK_EQ(bridge_cobs_decode(zero_in_block, sizeof zero_in_block, out, sizeof out), (size_t)-1);
    const uint8_t overrun[] = {0x05, 0x11, 0x22};
    CHECK_EQ(bridge_cobs_decode(overrun, sizeof overrun, out, sizeof out), (size_t)-1);
    const uint8_t fits[] = {0x03, 0x11, 0x22, 0x02, 0x33};
    CHECK_EQ(bridge_cobs_decode(fits, sizeof fits, out, 4), 4);
    CHECK_EQ(out[2], 0);
    CHECK_EQ(bridge_cobs_decode(fits, sizeof fits, out, 3), (size_t)-1);
    CHECK_EQ(bridge_cobs_decode(fits, 0, out, sizeof out), 0);
}

static void cobs_decoder_accepts_a_full_block_without_final_code(void)
{
    uint8_t in[255];
    uint8_t out[300];
    in[0] = 0xFF;
    for (unsigned i = 1; i < 255; i++) {
        in[i] = (uint8_t)i;
    }
    CHECK_EQ(bridge_cobs_decode(in, sizeof in, out, sizeof out), 254);
    CHECK_EQ(out[253], 254);
}

void protocol_tests(void)
{
    RUN(every_test_vector_matches);
    RUN(crc_check_value_is_29b1);
    RUN(cobs_decoder_refuses_malformed_input);
    RUN(cobs_decoder_accepts_a_full_block_without_final_code);
}
