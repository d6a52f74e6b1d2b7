/*
 * libFuzzer target: any byte stream into the firmware's receiver (fw_receive), interleaved with the control loop
 * (fw_control) on an advancing clock, from three starting states (booted; greeted; greeted and configured, chosen by
 * the input's length modulo 3). Beyond the sanitizers' checks it asserts what must hold for every input: each frame
 * the firmware sends is valid, the mode and joint count stay in range, and every applied effort is finite and within
 * its joint's effort max. Also COBS: decoding, re-encoding and decoding again gives the same bytes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "board_fake.h"
#include "firmware.h"
#include "frames.h"

#define CONTROL_PERIOD_US 7000u

static struct firmware fw;

static void require(int condition)
{
    if (!condition) {
        abort();
    }
}

static void feed_frame(uint8_t type, uint16_t sequence, const struct payload *p)
{
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(type, sequence, p->bytes, p->length, encoded);
    fw_receive(&fw, encoded, length);
}

/* The firmware after each starting stage, made once: an input starts from a copy instead of replaying the handshake. */
static struct firmware snapshots[3];

static void make_snapshots(void)
{
    fake_reset();
    fw_init(&fw);
    snapshots[0] = fw;
    struct payload hello = {.length = 0};
    payload_u16(&hello, BRIDGE_PROTOCOL_VERSION);
    payload_u16(&hello, 0);
    feed_frame(BRIDGE_HELLO, 0, &hello);
    snapshots[1] = fw;
    struct payload configure = {.length = 0};
    payload_u32(&configure, 2u | (BRIDGE_CONTROL_PD << 8) | (BRIDGE_SAFE_DAMPING << 16));
    payload_u16(&configure, 50);
    payload_u16(&configure, 0);
    payload_f32(&configure, 0.5f);
    const float joints[8] = {-2.4f, 2.4f, 5.0f, 10.0f, -3.5f, 3.5f, 20.0f, 0.0f};
    for (unsigned i = 0; i < 8; i++) {
        payload_f32(&configure, joints[i]);
    }
    feed_frame(BRIDGE_CONFIGURE, 1, &configure);
    snapshots[2] = fw;
}

static void start(unsigned stage)
{
    static int made;
    if (!made) {
        make_snapshots();
        made = 1;
    }
    fake_reset();
    fw = snapshots[stage];
}

static void check_state(void)
{
    require(fw.mode <= BRIDGE_MODE_FAULTED);
    require(fw.joint_count <= BRIDGE_MAX_JOINTS);
    require(fw.rx_length <= sizeof fw.rx);
    for (uint8_t i = 0; i < fw.joint_count; i++) {
        require(isfinite(fw.effort[i]) && fabsf(fw.effort[i]) <= fw.joints[i].effort_max);
    }
}

static void check_output(void)
{
    if (fake.output_overflows == 0) {
        struct fake_frame frame;
        int read;
        while ((read = fake_next_frame(&frame)) == 1) {
            require(frame.type == BRIDGE_HELLO_REPLY || frame.type == BRIDGE_STATE || frame.type == BRIDGE_FAULT);
        }
        require(read == 0);
    }
}

static void check_cobs(const uint8_t *data, size_t size)
{
    static uint8_t decoded[2048];
    static uint8_t encoded[2048 + 16];
    static uint8_t again[2048];
    const size_t length = bridge_cobs_decode(data, size, decoded, sizeof decoded);
    if (length == (size_t)-1) {
        return;
    }
    const size_t encoded_length = bridge_cobs_encode(decoded, length, encoded, sizeof encoded);
    require(encoded_length > 0 && memchr(encoded, 0, encoded_length) == NULL);
    require(bridge_cobs_decode(encoded, encoded_length, again, sizeof again) == length);
    require(memcmp(decoded, again, length) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    start((unsigned)(size % 3u));
    size_t at = 0;
    unsigned step = 0;
    while (at < size) {
        const size_t chunk = 1u + (data[at] & 0x3Fu);
        const size_t length = chunk < size - at ? chunk : size - at;
        fw_receive(&fw, data + at, length);
        at += length;
        step++;
        fake.time_us += CONTROL_PERIOD_US;
        fake.position[0] = (float)(step % 7u) - 3.0f; /* sometimes beyond the slider's limits */
        fake.velocity[0] = (float)(step % 5u) - 2.0f;
        fw_control(&fw, fake.time_us);
        check_state();
    }
    check_output();
    check_cobs(data, size);
    return 0;
}
