/*
 * The firmware core through the fake board: handshake and versions, CONFIGURE and its ranges, COMMAND and the control
 * law, the watchdog on both sides of its edge, e-stop and clear, limits, the link's counters and the receiver's
 * resynchronisation. The clock is the fake board's; nothing sleeps.
 */
#include <math.h>
#include <string.h>

#include "board_fake.h"
#include "check.h"
#include "firmware.h"
#include "frames.h"
#include "tests.h"
#include "vectors.h"

#define WATCHDOG_MS 50u
#define WATCHDOG_US (WATCHDOG_MS * 1000u)
#define SAFE_KD 0.5f
#define EFFORT_MAX 10.0f

static struct firmware fw;
static struct fake_frame reply;
static uint16_t host_sequence;

/* ---- the host's side ---- */

static void send_frame_bytes(const uint8_t *bytes, size_t length)
{
    fw_receive(&fw, bytes, length);
}

static void send_with_sequence(uint8_t type, uint16_t sequence, const struct payload *p)
{
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(type, sequence, p ? p->bytes : NULL, p ? p->length : 0, encoded);
    send_frame_bytes(encoded, length);
}

static void send(uint8_t type, const struct payload *p)
{
    send_with_sequence(type, host_sequence++, p);
}

static struct payload hello_payload(uint16_t version)
{
    struct payload p = {.length = 0};
    payload_u16(&p, version);
    payload_u16(&p, 0);
    return p;
}

/* joints joints: each (-2.4, 2.4) m, 5 m/s, 10 N, but the last of two or more is passive (effort max 0). */
static struct payload configure_payload(uint8_t joints, uint8_t control_mode, uint8_t safe_mode)
{
    struct payload p = {.length = 0};
    payload_u8(&p, joints);
    payload_u8(&p, control_mode);
    payload_u8(&p, safe_mode);
    payload_u8(&p, 0);
    payload_u16(&p, WATCHDOG_MS);
    payload_u16(&p, 0);
    payload_f32(&p, SAFE_KD);
    for (uint8_t i = 0; i < joints; i++) {
        payload_f32(&p, -2.4f);
        payload_f32(&p, 2.4f);
        payload_f32(&p, 5.0f);
        payload_f32(&p, joints > 1 && i == joints - 1 ? 0.0f : EFFORT_MAX);
    }
    return p;
}

static void set_f32(struct payload *p, size_t offset, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    for (unsigned i = 0; i < 4; i++) {
        p->bytes[offset + i] = (uint8_t)(bits >> (8 * i));
    }
}

static void set_u16(struct payload *p, size_t offset, uint16_t value)
{
    p->bytes[offset] = (uint8_t)value;
    p->bytes[offset + 1] = (uint8_t)(value >> 8);
}

/* A COMMAND for joints joints, every joint (position, velocity, effort, kp, kd) = the five values given. */
static struct payload command_payload(uint8_t joints, float position, float velocity, float effort, float kp,
    float kd)
{
    struct payload p = {.length = 0};
    payload_u32(&p, joints);
    for (uint8_t i = 0; i < joints; i++) {
        payload_f32(&p, position);
        payload_f32(&p, velocity);
        payload_f32(&p, effort);
        payload_f32(&p, kp);
        payload_f32(&p, kd);
    }
    return p;
}

/* ---- the firmware's answers ---- */

/* Exactly one frame was answered, of this type; it is in reply. */
static void expect_reply(uint8_t type)
{
    CHECK_EQ(fake_pending_frames(), 1);
    CHECK_EQ(fake_next_frame(&reply), 1);
    CHECK_EQ(reply.type, type);
}

static void expect_fault(uint8_t code, uint8_t mode_after, uint16_t sequence)
{
    expect_reply(BRIDGE_FAULT);
    CHECK_EQ(reply.length, BRIDGE_FAULT_LENGTH);
    CHECK_EQ(reply.payload[0], code);
    CHECK_EQ(reply.payload[1], mode_after);
    CHECK_EQ(read_u16(reply.payload + 2), sequence);
    CHECK_EQ(read_u32(reply.payload + 4), fake.time_us);
}

static void expect_state(uint8_t mode)
{
    expect_reply(BRIDGE_STATE);
    CHECK_EQ(reply.payload[10], mode);
    CHECK_EQ(reply.length, BRIDGE_STATE_LENGTH(reply.payload[11]));
}

static void expect_silence(void)
{
    CHECK_EQ(fake_pending_frames(), 0);
}

static uint16_t state_fault_bits(void)
{
    return read_u16(reply.payload + 12);
}

/* ---- fixtures ---- */

static void boot(void)
{
    fake_reset();
    memset(&fw, 0, sizeof fw);
    fw_init(&fw);
    CHECK_EQ(fake_next_frame(&reply), 1);
    host_sequence = 0;
}

static void boot_and_hello(void)
{
    boot();
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    send(BRIDGE_HELLO, &hello);
    expect_reply(BRIDGE_HELLO_REPLY);
}

/* Booted, greeted, configured with two joints (the second passive): READY. */
static void ready(uint8_t control_mode, uint8_t safe_mode)
{
    boot_and_hello();
    const struct payload configure = configure_payload(2, control_mode, safe_mode);
    send(BRIDGE_CONFIGURE, &configure);
    expect_state(BRIDGE_MODE_READY);
}

/* READY, then one effort COMMAND of 1.5 N at fake.time_us: ACTIVE. */
static void active(uint8_t safe_mode)
{
    ready(BRIDGE_CONTROL_EFFORT, safe_mode);
    const struct payload command = command_payload(2, 0.0f, 0.0f, 1.5f, 0.0f, 0.0f);
    send(BRIDGE_COMMAND, &command);
    expect_state(BRIDGE_MODE_ACTIVE);
}

/* ---- boot and versions ---- */

static void boot_announces_itself_with_hello_reply(void)
{
    fake_reset();
    fake.boot_count = 3;
    fw_init(&fw);
    expect_reply(BRIDGE_HELLO_REPLY);
    CHECK_EQ(reply.sequence, 0);
    CHECK_EQ(reply.length, BRIDGE_HELLO_REPLY_LENGTH);
    CHECK_EQ(read_u16(reply.payload), BRIDGE_PROTOCOL_VERSION);
    CHECK_EQ(read_u32(reply.payload + 4), 0x010000);
    CHECK_EQ(read_u32(reply.payload + 8), fake.capabilities);
    CHECK_EQ(reply.payload[12], BRIDGE_MAX_JOINTS);
    CHECK_EQ(read_u32(reply.payload + 16), 3);
    CHECK_EQ(fw.mode, BRIDGE_MODE_IDLE);
    CHECK_EQ(fake.apply_calls, 0);
}

static void refuses_everything_but_hello_and_estop_until_a_hello_of_its_version(void)
{
    boot();
    const struct payload configure = configure_payload(2, BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    send(BRIDGE_CONFIGURE, &configure);
    expect_fault(BRIDGE_FAULT_VERSION_MISMATCH, BRIDGE_MODE_IDLE, 0);

    const struct payload newer = hello_payload(2);
    send(BRIDGE_HELLO, &newer);
    expect_reply(BRIDGE_HELLO_REPLY);
    CHECK_EQ(read_u16(reply.payload), BRIDGE_PROTOCOL_VERSION); /* the host names both: its 2, our 1 */
    send(BRIDGE_HEARTBEAT, NULL);
    expect_fault(BRIDGE_FAULT_VERSION_MISMATCH, BRIDGE_MODE_IDLE, 2);
    send(BRIDGE_CLEAR, NULL);
    expect_fault(BRIDGE_FAULT_VERSION_MISMATCH, BRIDGE_MODE_IDLE, 3);

    const struct payload ours = hello_payload(BRIDGE_PROTOCOL_VERSION);
    send(BRIDGE_HELLO, &ours);
    expect_reply(BRIDGE_HELLO_REPLY);
    send(BRIDGE_CONFIGURE, &configure);
    expect_state(BRIDGE_MODE_READY);

    send(BRIDGE_HELLO, &newer);
    expect_reply(BRIDGE_HELLO_REPLY);
    send(BRIDGE_HEARTBEAT, NULL);
    expect_fault(BRIDGE_FAULT_VERSION_MISMATCH, BRIDGE_MODE_READY, 7);
}

/* Safety beats protocol etiquette: an ESTOP stops the firmware before any HELLO and after one of another version. */
static void estop_is_honoured_whatever_the_version_state(void)
{
    boot();
    send(BRIDGE_ESTOP, NULL);
    expect_state(BRIDGE_MODE_ESTOP);
    CHECK_EQ(state_fault_bits(), 1u << (BRIDGE_FAULT_ESTOP - 1u));

    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    const struct payload command = command_payload(2, 0.0f, 0.0f, 1.5f, 0.0f, 0.0f);
    send(BRIDGE_COMMAND, &command);
    expect_state(BRIDGE_MODE_ACTIVE);
    const struct payload newer = hello_payload(2);
    send(BRIDGE_HELLO, &newer);
    expect_reply(BRIDGE_HELLO_REPLY);
    fake.velocity[0] = 2.0f;
    send(BRIDGE_ESTOP, NULL);
    expect_state(BRIDGE_MODE_ESTOP);
    CHECK(fake.applied[0] == -SAFE_KD * 2.0f);
    send(BRIDGE_CLEAR, NULL); /* releasing it still needs a HELLO of our version */
    expect_fault(BRIDGE_FAULT_VERSION_MISMATCH, BRIDGE_MODE_ESTOP, (uint16_t)(host_sequence - 1u));
}

/* The firmware's own frames equal the hello-reply, state and fault vectors when driven to their field values. */
static void firmware_frames_equal_the_test_vectors(void)
{
    fake_reset();
    fake.boot_count = 7;
    fake.capabilities = 0xF;
    fake.temperature_centi_c = 3650;
    fw_init(&fw);
    const struct vector *hello_reply = vectors_find("frame-hello-reply");
    CHECK(hello_reply != NULL && fake.output_length == hello_reply->output_length
        && memcmp(fake.output, hello_reply->output, hello_reply->output_length) == 0);

    const char *host_frames[] = {"frame-hello", "frame-configure", "frame-command"};
    fake.time_us = 123455;
    for (unsigned i = 0; i < 3; i++) {
        const struct vector *v = vectors_find(host_frames[i]);
        CHECK(v != NULL);
        if (v != NULL) {
            send_frame_bytes(v->output, v->output_length);
        }
    }
    CHECK_EQ(fw.mode, BRIDGE_MODE_ACTIVE);
    fake.position[0] = 0.1f;
    fake.velocity[0] = -0.25f;
    fake.position[1] = 0.05f;
    fake.time_us = 123456;
    fw.tx_sequence = 1; /* the vector's number; the handshake's answers took 1..3 */
    fake.output_length = 0;
    fake.output_read = 0;
    const struct vector *heartbeat = vectors_find("frame-heartbeat");
    const struct vector *state = vectors_find("frame-state");
    CHECK(heartbeat != NULL && state != NULL);
    if (heartbeat == NULL || state == NULL) {
        return;
    }
    send_frame_bytes(heartbeat->output, heartbeat->output_length);
    CHECK(fake.output_length == state->output_length && memcmp(fake.output, state->output, state->output_length) == 0);

    fake.output_length = 0;
    fw_control(&fw, 123455u + WATCHDOG_US);
    CHECK_EQ(fake.output_length, 0);
    fw_control(&fw, 123456u + WATCHDOG_US);
    const struct vector *fault = vectors_find("frame-fault");
    CHECK(fault != NULL && fake.output_length == fault->output_length
        && memcmp(fake.output, fault->output, fault->output_length) == 0);
}

/* ---- CONFIGURE ---- */

static void configure_with_valid_ranges_makes_it_ready(void)
{
    boot_and_hello();
    struct payload p = configure_payload(8, BRIDGE_CONTROL_PD, BRIDGE_SAFE_ZERO_TORQUE);
    set_u16(&p, 4, 60000);
    set_f32(&p, 8, 0.0f);
    set_f32(&p, 12, -INFINITY); /* a free joint: no position limits */
    set_f32(&p, 16, INFINITY);
    send(BRIDGE_CONFIGURE, &p);
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(reply.payload[11], 8);
    CHECK_EQ(fw.watchdog_ms, 60000);

    struct payload one = configure_payload(1, BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    set_u16(&one, 4, 1);
    send(BRIDGE_CONFIGURE, &one);
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(reply.payload[11], 1);
    CHECK_EQ(fw.watchdog_ms, 1);
}

static void configure_out_of_range_is_refused_and_changes_nothing(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    struct {
        size_t offset;
        unsigned kind; /* 0 u8, 1 u16, 2 f32 */
        float value;
    } cases[] = {
        {1, 0, 2},                  /* control mode */
        {2, 0, 2},                  /* safe mode */
        {4, 1, 0},                  /* watchdog 0 ms */
        {4, 1, 60001},              /* watchdog > 60 000 ms */
        {8, 2, -0.1f},              /* safe kd < 0 */
        {8, 2, NAN},
        {8, 2, INFINITY},
        {12, 2, 3.0f},              /* position min > max */
        {16, 2, NAN},               /* position max */
        {20, 2, 0.0f},              /* velocity max must be > 0 */
        {20, 2, NAN},
        {24, 2, -1.0f},             /* effort max < 0 */
        {24, 2, INFINITY},
        {12 + 16 + 12, 2, -0.5f},   /* the second joint's effort max */
    };
    const unsigned count = sizeof cases / sizeof cases[0];
    for (unsigned i = 0; i < count; i++) {
        struct payload p = configure_payload(2, BRIDGE_CONTROL_PD, BRIDGE_SAFE_ZERO_TORQUE);
        if (cases[i].kind == 0) {
            p.bytes[cases[i].offset] = (uint8_t)cases[i].value;
        } else if (cases[i].kind == 1) {
            set_u16(&p, cases[i].offset, (uint16_t)cases[i].value);
        } else {
            set_f32(&p, cases[i].offset, cases[i].value);
        }
        const uint16_t sequence = host_sequence;
        send(BRIDGE_CONFIGURE, &p);
        expect_fault(BRIDGE_FAULT_BAD_CONFIGURE, BRIDGE_MODE_READY, sequence);
    }
    const uint8_t joint_counts[] = {0, 9};
    for (unsigned i = 0; i < 2; i++) {
        const struct payload p = configure_payload(joint_counts[i], BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
        const uint16_t sequence = host_sequence;
        send(BRIDGE_CONFIGURE, &p);
        expect_fault(BRIDGE_FAULT_BAD_CONFIGURE, BRIDGE_MODE_READY, sequence);
    }
    CHECK_EQ(fw.joint_count, 2);
    CHECK_EQ(fw.control_mode, BRIDGE_CONTROL_EFFORT);
    CHECK_EQ(fw.safe_mode, BRIDGE_SAFE_DAMPING);
    CHECK_EQ(fw.watchdog_ms, WATCHDOG_MS);
    CHECK(fw.joints[0].effort_max == EFFORT_MAX);
    CHECK_EQ(fw.fault_bits, 0);
}

static void configure_while_active_is_busy(void)
{
    active(BRIDGE_SAFE_DAMPING);
    const struct payload p = configure_payload(1, BRIDGE_CONTROL_PD, BRIDGE_SAFE_ZERO_TORQUE);
    const uint16_t sequence = host_sequence;
    send(BRIDGE_CONFIGURE, &p);
    expect_fault(BRIDGE_FAULT_BUSY, BRIDGE_MODE_ACTIVE, sequence);
    CHECK_EQ(fw.joint_count, 2);
    CHECK_EQ(fw.control_mode, BRIDGE_CONTROL_EFFORT);
}

/* ---- COMMAND and the control law ---- */

static void command_before_configure_is_refused(void)
{
    boot_and_hello();
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    send(BRIDGE_COMMAND, &p);
    expect_fault(BRIDGE_FAULT_NOT_CONFIGURED, BRIDGE_MODE_IDLE, 1);
    CHECK_EQ(fw.fault_bits, 0);
    CHECK_EQ(fake.apply_calls, 0);
}

static void command_in_ready_activates_and_applies_the_effort(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    const uint16_t sequence = host_sequence;
    const struct payload p = command_payload(2, 0.0f, 0.0f, 1.5f, 0.0f, 0.0f);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ACTIVE);
    CHECK_EQ(read_u16(reply.payload + 8), sequence);
    CHECK(fake.applied[0] == 1.5f);
    CHECK(fake.applied[1] == 0.0f); /* passive */
    CHECK(read_f32(reply.payload + 24 + 8) == 1.5f);
    CHECK_EQ(fake.applied_count, 2);
}

static void pd_law_is_exact_and_recomputed_every_control_period(void)
{
    ready(BRIDGE_CONTROL_PD, BRIDGE_SAFE_DAMPING);
    fake.position[0] = 0.25f;
    fake.velocity[0] = -0.5f;
    /* tau = kp (q* - q) + kd (qd* - qd) + effort = 8 (1 - 0.25) + 2 (0.5 + 0.5) + 0.5 = 8.5 */
    const struct payload p = command_payload(2, 1.0f, 0.5f, 0.5f, 8.0f, 2.0f);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ACTIVE);
    CHECK(fake.applied[0] == 8.5f);
    fake.position[0] = 0.5f;
    fake.velocity[0] = 0.0f;
    fake.time_us += 1000;
    fw_control(&fw, fake.time_us);
    CHECK(fake.applied[0] == 8.0f * 0.5f + 2.0f * 0.5f + 0.5f);
    CHECK(fake.applied[1] == 0.0f);
    expect_silence();
}

static void effort_is_clamped_to_effort_max(void)
{
    ready(BRIDGE_CONTROL_PD, BRIDGE_SAFE_DAMPING);
    const struct payload up = command_payload(2, 2.0f, 0.0f, 0.0f, 100.0f, 0.0f);
    send(BRIDGE_COMMAND, &up);
    expect_state(BRIDGE_MODE_ACTIVE);
    CHECK(fake.applied[0] == EFFORT_MAX);
    CHECK(fake.applied[1] == 0.0f);
    const struct payload down = command_payload(2, 0.0f, 0.0f, -3.0e38f, 0.0f, 0.0f);
    send(BRIDGE_COMMAND, &down);
    expect_state(BRIDGE_MODE_ACTIVE);
    CHECK(fake.applied[0] == -EFFORT_MAX);
    CHECK(fake.applied[1] == 0.0f);
    CHECK(!signbit(fake.applied[1]));
}

static void bad_command_latches_and_holds_the_safe_state(void)
{
    struct payload wrong_count = command_payload(1, 0, 0, 1, 0, 0);
    struct payload not_a_number = command_payload(2, 0, 0, 1, 0, 0);
    set_f32(&not_a_number, 4 + 20 + 12, NAN);
    struct payload infinite = command_payload(2, 0, 0, 1, 0, 0);
    set_f32(&infinite, 4 + 4, INFINITY);
    const struct payload *bad[] = {&wrong_count, &not_a_number, &infinite};
    for (unsigned i = 0; i < 3; i++) {
        active(BRIDGE_SAFE_DAMPING);
        fake.velocity[0] = 2.0f;
        const uint16_t sequence = host_sequence;
        const uint16_t applied_sequence = (uint16_t)(sequence - 1u);
        send(BRIDGE_COMMAND, bad[i]);
        expect_fault(BRIDGE_FAULT_BAD_COMMAND, BRIDGE_MODE_FAULTED, sequence);
        CHECK(fake.applied[0] == -SAFE_KD * 2.0f);
        const struct payload good = command_payload(2, 0, 0, 1, 0, 0);
        send(BRIDGE_COMMAND, &good);
        expect_state(BRIDGE_MODE_FAULTED);
        CHECK_EQ(state_fault_bits(), 1u << (BRIDGE_FAULT_BAD_COMMAND - 1u));
        CHECK_EQ(read_u16(reply.payload + 8), applied_sequence);
        CHECK(fake.applied[0] == -SAFE_KD * 2.0f);
    }
}

/* ---- the watchdog ---- */

static void watchdog_trips_just_after_its_timeout_not_at_it(void)
{
    active(BRIDGE_SAFE_DAMPING);
    const uint32_t commanded_us = fake.time_us;
    const uint16_t commanded_sequence = fw.last_command_sequence;
    fake.velocity[0] = -4.0f;
    fake.time_us = commanded_us + WATCHDOG_US;
    fw_control(&fw, fake.time_us);
    expect_silence();
    CHECK_EQ(fw.mode, BRIDGE_MODE_ACTIVE);
    CHECK(fake.applied[0] == 1.5f);

    fake.time_us = commanded_us + WATCHDOG_US + 1u;
    fw_control(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_WATCHDOG, BRIDGE_MODE_SAFE, commanded_sequence);
    CHECK(fake.applied[0] == SAFE_KD * 4.0f); /* damping: -kd qd */
    CHECK(fake.applied[1] == 0.0f);
    fake.time_us += 10000;
    fw_control(&fw, fake.time_us);
    expect_silence(); /* reported once */
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_SAFE);
    CHECK_EQ(state_fault_bits(), 1u << (BRIDGE_FAULT_WATCHDOG - 1u));
}

static void watchdog_applies_zero_torque_when_so_configured(void)
{
    active(BRIDGE_SAFE_ZERO_TORQUE);
    fake.velocity[0] = -4.0f;
    fake.time_us += WATCHDOG_US + 1u;
    fw_control(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_WATCHDOG, BRIDGE_MODE_SAFE, fw.last_command_sequence);
    CHECK(fake.applied[0] == 0.0f);
}

static void only_commands_feed_the_watchdog(void)
{
    active(BRIDGE_SAFE_DAMPING);
    const uint32_t start_us = fake.time_us;
    fake.time_us = start_us + WATCHDOG_US - 10000u;
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ACTIVE);
    fake.time_us = start_us + WATCHDOG_US + 1u;
    fw_control(&fw, fake.time_us);
    expect_silence();

    fake.time_us = start_us + WATCHDOG_US + 20000u;
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_ACTIVE);
    fake.time_us = start_us + 2u * WATCHDOG_US - 10000u + 1u;
    fw_control(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_WATCHDOG, BRIDGE_MODE_SAFE, fw.last_command_sequence);
}

static void watchdog_counts_across_the_clock_wrap_and_ignores_an_earlier_now(void)
{
    boot_and_hello();
    fake.time_us = 0xFFFFFF00u;
    const struct payload configure = configure_payload(2, BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    send(BRIDGE_CONFIGURE, &configure);
    expect_state(BRIDGE_MODE_READY);
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ACTIVE);
    fw_control(&fw, 0xFFFFFF00u - 5u); /* a "now" read before the command arrived */
    expect_silence();
    fw_control(&fw, 0xFFFFFF00u + WATCHDOG_US);
    expect_silence();
    fake.time_us = 0xFFFFFF00u + WATCHDOG_US + 1u;
    fw_control(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_WATCHDOG, BRIDGE_MODE_SAFE, fw.last_command_sequence);
}

static void watchdog_sleeps_unless_active(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    fake.time_us += 10u * WATCHDOG_US;
    fw_control(&fw, fake.time_us);
    expect_silence();
    CHECK_EQ(fw.mode, BRIDGE_MODE_READY);
}

/* ---- e-stop, clear, limits ---- */

static void estop_latches_until_clear(void)
{
    active(BRIDGE_SAFE_DAMPING);
    fake.velocity[0] = 1.0f;
    send(BRIDGE_ESTOP, NULL);
    expect_state(BRIDGE_MODE_ESTOP);
    CHECK_EQ(state_fault_bits(), 1u << (BRIDGE_FAULT_ESTOP - 1u));
    CHECK(fake.applied[0] == -SAFE_KD);
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ESTOP);
    CHECK(fake.applied[0] == -SAFE_KD);
    const struct payload bad = command_payload(3, 0, 0, 1, 0, 0);
    const uint16_t sequence = host_sequence;
    send(BRIDGE_COMMAND, &bad);
    expect_fault(BRIDGE_FAULT_BAD_COMMAND, BRIDGE_MODE_ESTOP, sequence); /* the e-stop outranks it */

    send(BRIDGE_CLEAR, NULL);
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(state_fault_bits(), 0);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ACTIVE);
    CHECK(fake.applied[0] == 1.0f);
}

static void emergency_stop_input_latches_applies_the_safe_state_and_reports_it(void)
{
    active(BRIDGE_SAFE_DAMPING);
    const uint16_t command_sequence = (uint16_t)(host_sequence - 1u);
    fake.velocity[0] = 1.0f;
    fake.time_us += 1234u;
    fw_emergency_stop(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_ESTOP, BRIDGE_MODE_ESTOP, command_sequence);
    CHECK(fake.applied[0] == -SAFE_KD);
    CHECK_EQ(fw.fault_bits, 1u << (BRIDGE_FAULT_ESTOP - 1u));
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    send(BRIDGE_COMMAND, &p);
    expect_state(BRIDGE_MODE_ESTOP);
    CHECK(fake.applied[0] == -SAFE_KD);
    send(BRIDGE_CLEAR, NULL);
    expect_state(BRIDGE_MODE_READY);

    boot(); /* before any HELLO or CONFIGURE: latched and reported, nothing to drive */
    fw_emergency_stop(&fw, fake.time_us);
    expect_fault(BRIDGE_FAULT_ESTOP, BRIDGE_MODE_ESTOP, 0);
    CHECK_EQ(fake.apply_calls, 0);
}

static void clear_from_active_returns_to_ready_with_safe_outputs(void)
{
    active(BRIDGE_SAFE_DAMPING);
    fake.velocity[0] = 3.0f;
    send(BRIDGE_CLEAR, NULL);
    expect_state(BRIDGE_MODE_READY);
    CHECK(fake.applied[0] == -SAFE_KD * 3.0f);
    fake.time_us += 10u * WATCHDOG_US;
    fw_control(&fw, fake.time_us);
    expect_silence(); /* no watchdog out of ACTIVE */
    CHECK(fake.applied[0] == -SAFE_KD * 3.0f);
}

static void clear_before_configure_returns_to_idle(void)
{
    boot_and_hello();
    send(BRIDGE_ESTOP, NULL);
    expect_state(BRIDGE_MODE_ESTOP);
    send(BRIDGE_CLEAR, NULL);
    expect_state(BRIDGE_MODE_IDLE);
    CHECK_EQ(reply.payload[11], 0);
}

static void position_outside_limits_latches_while_active(void)
{
    active(BRIDGE_SAFE_ZERO_TORQUE);
    fake.position[0] = 2.4f;
    fake.time_us += 1000;
    fw_control(&fw, fake.time_us);
    CHECK_EQ(fw.mode, BRIDGE_MODE_ACTIVE);
    fake.position[0] = 2.41f;
    fake.time_us += 1000;
    fw_control(&fw, fake.time_us);
    CHECK_EQ(fw.mode, BRIDGE_MODE_FAULTED);
    CHECK(fake.applied[0] == 0.0f);
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_FAULTED);
    CHECK_EQ(state_fault_bits(), 1u << (BRIDGE_FAULT_POSITION_LIMIT - 1u));

    active(BRIDGE_SAFE_ZERO_TORQUE);
    fake.position[1] = NAN;
    fw_control(&fw, fake.time_us);
    CHECK_EQ(fw.mode, BRIDGE_MODE_FAULTED);

    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_ZERO_TORQUE);
    fake.position[0] = 5.0f;
    fw_control(&fw, fake.time_us);
    CHECK_EQ(fw.mode, BRIDGE_MODE_READY); /* limits are checked while ACTIVE only */
}

static void safe_state_on_shutdown_keeps_the_mode(void)
{
    active(BRIDGE_SAFE_DAMPING);
    fake.velocity[0] = 2.0f;
    fw_apply_safe_state(&fw);
    CHECK(fake.applied[0] == -SAFE_KD * 2.0f);
    CHECK_EQ(fw.mode, BRIDGE_MODE_ACTIVE);
    expect_silence();
}

/* ---- the link ---- */

static void sequence_gaps_are_counted_and_reported(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING); /* host frames 0, 1 */
    send_with_sequence(BRIDGE_HEARTBEAT, 5, NULL);     /* 2, 3, 4 missing */
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(read_u32(reply.payload + 20), 3);
    send_with_sequence(BRIDGE_HEARTBEAT, 6, NULL);
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(read_u32(reply.payload + 20), 3);
    send_with_sequence(BRIDGE_HEARTBEAT, 65535, NULL); /* 7 .. 65534 missing */
    send_with_sequence(BRIDGE_HEARTBEAT, 0, NULL);     /* wraps: none */
    CHECK_EQ(fw.sequence_gaps, 3u + 65528u);
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    send_with_sequence(BRIDGE_HELLO, 0, &hello);       /* a host (re)opening the link starts again */
    send_with_sequence(BRIDGE_HEARTBEAT, 1, NULL);
    CHECK_EQ(fw.sequence_gaps, 3u + 65528u);
}

static void outgoing_frames_are_numbered_from_zero(void)
{
    boot_and_hello();
    CHECK_EQ(reply.sequence, 1);
    for (uint16_t i = 0; i < 3; i++) {
        send(BRIDGE_HEARTBEAT, NULL);
        expect_state(BRIDGE_MODE_IDLE);
        CHECK_EQ(reply.sequence, 2u + i);
    }
}

static void crc_errors_are_dropped_counted_and_reported(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(BRIDGE_HEARTBEAT, host_sequence++, NULL, 0, encoded);
    encoded[3] = encoded[3] == 0x7F ? 0x7E : 0x7F; /* a corrupted sequence byte, still non-zero */
    send_frame_bytes(encoded, length);
    expect_silence();
    CHECK_EQ(fw.crc_errors, 1);
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_READY);
    CHECK_EQ(read_u32(reply.payload + 16), 1);
    CHECK_EQ(read_u32(reply.payload + 20), 1); /* the lost frame is also a gap */
}

static void garbage_and_truncated_frames_are_dropped_and_the_next_frame_answered(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    const uint8_t garbage[] = {0x55, 0xAA, 0x13, 0x37, 0x00, 0x01, 0x00, 0xFF, 0x00};
    send_frame_bytes(garbage, sizeof garbage);
    expect_silence();
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    const size_t length = encode_frame(BRIDGE_COMMAND, host_sequence++, p.bytes, p.length, encoded);
    send_frame_bytes(encoded, length / 2);
    const uint8_t delimiter = 0;
    send_frame_bytes(&delimiter, 1);
    expect_silence();
    const uint32_t dropped = fw.frames_dropped + fw.crc_errors;
    CHECK(dropped >= 3);
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_READY);
}

static void oversize_input_is_dropped_counted_and_resynchronised(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    uint8_t flood[1000];
    memset(flood, 0x42, sizeof flood);
    send_frame_bytes(flood, sizeof flood);
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(BRIDGE_HEARTBEAT, host_sequence++, NULL, 0, encoded);
    send_frame_bytes(encoded, length); /* its body extends the flood; its delimiter ends it */
    expect_silence();
    CHECK_EQ(fw.frames_oversize, 1);
    send(BRIDGE_HEARTBEAT, NULL);
    expect_state(BRIDGE_MODE_READY);

    /* 249 non-zero bytes encode to 250: the accumulator holds them, but they decode to more than a frame */
    uint8_t longest[BRIDGE_MAX_ENCODED + 1];
    memset(longest, 0x42, sizeof longest);
    longest[0] = (uint8_t)BRIDGE_MAX_ENCODED;
    longest[BRIDGE_MAX_ENCODED] = 0;
    const uint32_t dropped = fw.frames_dropped;
    send_frame_bytes(longest, sizeof longest);
    expect_silence();
    CHECK_EQ(fw.frames_oversize, 1);
    CHECK_EQ(fw.frames_dropped, dropped + 1u);
}

static void frames_split_or_joined_are_all_answered_and_empty_frames_ignored(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    uint8_t stream[3 * (BRIDGE_MAX_ENCODED + 16)];
    size_t length = 0;
    const struct payload p = command_payload(2, 0, 0, 1, 0, 0);
    length += encode_frame(BRIDGE_COMMAND, host_sequence++, p.bytes, p.length, stream + length);
    stream[length++] = 0;
    length += encode_frame(BRIDGE_HEARTBEAT, host_sequence++, NULL, 0, stream + length);
    stream[length++] = 0;
    length += encode_frame(BRIDGE_CLEAR, host_sequence++, NULL, 0, stream + length);
    const uint32_t dropped = fw.frames_dropped;
    for (size_t i = 0; i < length; i++) {
        send_frame_bytes(stream + i, 1);
    }
    CHECK_EQ(fake_pending_frames(), 3);
    CHECK_EQ(fw.frames_dropped, dropped);
    send_frame_bytes(stream, length);
    CHECK_EQ(fake_pending_frames(), 6);
    CHECK_EQ(fw.frames_dropped, dropped);
}

static void malformed_headers_are_dropped(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    uint8_t frame[16] = {BRIDGE_HEARTBEAT, 1, 0, 0, 0, 0}; /* reserved byte 1 */
    uint8_t encoded[32];
    const uint32_t dropped = fw.frames_dropped;
    for (unsigned variant = 0; variant < 3; variant++) {
        size_t body = 6;
        frame[1] = variant == 0 ? 1 : 0;
        frame[4] = variant == 1 ? 3 : 0;                       /* payload length field says 3, there are none */
        if (variant == 2) {
            frame[0] = BRIDGE_CLEAR;                           /* CLEAR with a payload byte */
            frame[4] = 1;
            frame[6] = 9;
            body = 7;
        }
        const uint16_t crc = bridge_crc16(frame, body);
        frame[body] = (uint8_t)crc;
        frame[body + 1] = (uint8_t)(crc >> 8);
        const size_t length = bridge_cobs_encode(frame, body + 2, encoded, sizeof encoded - 1);
        encoded[length] = 0;
        send_frame_bytes(encoded, length + 1);
        expect_silence();
    }
    CHECK_EQ(fw.frames_dropped, dropped + 3u);
    CHECK_EQ(fw.crc_errors, 0);
}

static void unknown_types_are_refused(void)
{
    ready(BRIDGE_CONTROL_EFFORT, BRIDGE_SAFE_DAMPING);
    const uint8_t types[] = {0x00, 0x07, 0x7F, BRIDGE_STATE};
    for (unsigned i = 0; i < sizeof types; i++) {
        const uint16_t sequence = host_sequence;
        send(types[i], NULL);
        expect_fault(BRIDGE_FAULT_UNKNOWN_TYPE, BRIDGE_MODE_READY, sequence);
    }
    CHECK_EQ(fw.fault_bits, 0);
}

void firmware_tests(void)
{
    RUN(boot_announces_itself_with_hello_reply);
    RUN(refuses_everything_but_hello_and_estop_until_a_hello_of_its_version);
    RUN(estop_is_honoured_whatever_the_version_state);
    RUN(firmware_frames_equal_the_test_vectors);
    RUN(configure_with_valid_ranges_makes_it_ready);
    RUN(configure_out_of_range_is_refused_and_changes_nothing);
    RUN(configure_while_active_is_busy);
    RUN(command_before_configure_is_refused);
    RUN(command_in_ready_activates_and_applies_the_effort);
    RUN(pd_law_is_exact_and_recomputed_every_control_period);
    RUN(effort_is_clamped_to_effort_max);
    RUN(bad_command_latches_and_holds_the_safe_state);
    RUN(watchdog_trips_just_after_its_timeout_not_at_it);
    RUN(watchdog_applies_zero_torque_when_so_configured);
    RUN(only_commands_feed_the_watchdog);
    RUN(watchdog_counts_across_the_clock_wrap_and_ignores_an_earlier_now);
    RUN(watchdog_sleeps_unless_active);
    RUN(estop_latches_until_clear);
    RUN(emergency_stop_input_latches_applies_the_safe_state_and_reports_it);
    RUN(clear_from_active_returns_to_ready_with_safe_outputs);
    RUN(clear_before_configure_returns_to_idle);
    RUN(position_outside_limits_latches_while_active);
    RUN(safe_state_on_shutdown_keeps_the_mode);
    RUN(sequence_gaps_are_counted_and_reported);
    RUN(outgoing_frames_are_numbered_from_zero);
    RUN(crc_errors_are_dropped_counted_and_reported);
    RUN(garbage_and_truncated_frames_are_dropped_and_the_next_frame_answered);
    RUN(oversize_input_is_dropped_counted_and_resynchronised);
    RUN(frames_split_or_joined_are_all_answered_and_empty_frames_ignored);
    RUN(malformed_headers_are_dropped);
    RUN(unknown_types_are_refused);
}
