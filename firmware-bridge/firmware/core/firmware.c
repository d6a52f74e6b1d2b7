/*
 * The portable firmware core: docs/bridge-protocol.md, version 1. No allocation, no recursion, every loop bounded by
 * a frame or joint count. Host frames are answered from inside fw_receive (one frame each); fw_control adds the two
 * unsolicited-by-design duties, the watchdog and the control law.
 */
#include <math.h>
#include <string.h>

#include "board.h"
#include "firmware.h"

#define FRAME_OVERHEAD (BRIDGE_HEADER_LENGTH + BRIDGE_CRC_LENGTH)
#define COMMAND_JOINT_BYTES 20u
#define CONFIGURE_JOINT_BYTES 16u
#define STATE_JOINT_BYTES 12u
#define CONFIGURE_JOINTS_AT 12u
#define COMMAND_JOINTS_AT 4u
#define STATE_JOINTS_AT 24u
#define WATCHDOG_MAX_MS 60000u
#define US_PER_MS 1000u
#define HALF_RANGE_US 0x80000000u
#define LATCHING_FAULTS ((1u << (BRIDGE_FAULT_WATCHDOG - 1u)) | (1u << (BRIDGE_FAULT_ESTOP - 1u)) \
    | (1u << (BRIDGE_FAULT_POSITION_LIMIT - 1u)) | (1u << (BRIDGE_FAULT_BAD_COMMAND - 1u)))

/* ---- little-endian fields ---- */

static void put_u16(uint8_t *at, uint16_t value)
{
    at[0] = (uint8_t)value;
    at[1] = (uint8_t)(value >> 8);
}

static void put_u32(uint8_t *at, uint32_t value)
{
    at[0] = (uint8_t)value;
    at[1] = (uint8_t)(value >> 8);
    at[2] = (uint8_t)(value >> 16);
    at[3] = (uint8_t)(value >> 24);
}

static void put_f32(uint8_t *at, float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    put_u32(at, bits);
}

static uint16_t get_u16(const uint8_t *at)
{
    return (uint16_t)(at[0] | (at[1] << 8));
}

static uint32_t get_u32(const uint8_t *at)
{
    return (uint32_t)at[0] | ((uint32_t)at[1] << 8) | ((uint32_t)at[2] << 16) | ((uint32_t)at[3] << 24);
}

static float get_f32(const uint8_t *at)
{
    const uint32_t bits = get_u32(at);
    float value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

/* ---- sending ---- */

static uint8_t *tx_payload(struct firmware *fw)
{
    return fw->tx_frame + BRIDGE_HEADER_LENGTH;
}

/* Frames the payload already written at tx_payload(fw), encodes it and hands it to the board. */
static void send_frame(struct firmware *fw, uint8_t type, uint16_t payload_length)
{
    uint8_t *frame = fw->tx_frame;
    frame[BRIDGE_OFFSET_TYPE] = type;
    frame[BRIDGE_OFFSET_RESERVED] = 0;
    put_u16(frame + BRIDGE_OFFSET_SEQUENCE, fw->tx_sequence);
    put_u16(frame + BRIDGE_OFFSET_LENGTH, payload_length);
    const size_t body = BRIDGE_HEADER_LENGTH + (size_t)payload_length;
    put_u16(frame + body, bridge_crc16(frame, body));
    const size_t encoded = bridge_cobs_encode(frame, body + BRIDGE_CRC_LENGTH, fw->tx, sizeof fw->tx - 1u);
    fw->tx[encoded] = 0;
    board_link_write(fw->tx, encoded + 1u);
    fw->tx_sequence++;
}

static void send_hello_reply(struct firmware *fw)
{
    uint8_t *p = tx_payload(fw);
    memset(p, 0, BRIDGE_HELLO_REPLY_LENGTH);
    put_u16(p, BRIDGE_PROTOCOL_VERSION);
    put_u32(p + 4, (FW_VERSION_MAJOR << 16) | (FW_VERSION_MINOR << 8) | FW_VERSION_PATCH);
    put_u32(p + 8, board_capabilities());
    p[12] = BRIDGE_MAX_JOINTS;
    put_u32(p + 16, board_boot_count());
    send_frame(fw, BRIDGE_HELLO_REPLY, BRIDGE_HELLO_REPLY_LENGTH);
}

static void send_state(struct firmware *fw)
{
    const uint8_t joints = fw->joint_count;
    float position[BRIDGE_MAX_JOINTS];
    float velocity[BRIDGE_MAX_JOINTS];
    float effort[BRIDGE_MAX_JOINTS];
    board_read_joints(position, velocity, effort, joints);
    uint8_t *p = tx_payload(fw);
    put_u32(p, board_time_us());
    put_u32(p + 4, board_boot_count());
    put_u16(p + 8, fw->last_command_sequence);
    p[10] = fw->mode;
    p[11] = joints;
    put_u16(p + 12, fw->fault_bits);
    put_u16(p + 14, (uint16_t)board_temperature_centi_c());
    put_u32(p + 16, fw->crc_errors);
    put_u32(p + 20, fw->sequence_gaps);
    for (uint8_t i = 0; i < joints; i++) {
        uint8_t *joint = p + STATE_JOINTS_AT + STATE_JOINT_BYTES * i;
        put_f32(joint, position[i]);
        put_f32(joint + 4, velocity[i]);
        put_f32(joint + 8, effort[i]);
    }
    send_frame(fw, BRIDGE_STATE, (uint16_t)BRIDGE_STATE_LENGTH(joints));
}

static void send_fault(struct firmware *fw, uint8_t code, uint16_t sequence, uint32_t time_us)
{
    uint8_t *p = tx_payload(fw);
    p[0] = code;
    p[1] = fw->mode;
    put_u16(p + 2, sequence);
    put_u32(p + 4, time_us);
    send_frame(fw, BRIDGE_FAULT, BRIDGE_FAULT_LENGTH);
}

/* ---- modes and outputs ---- */

/* The mode a set of latched faults holds: an e-stop outranks a command or limit fault, which outranks the watchdog. */
static uint8_t latched_mode(uint16_t fault_bits)
{
    if (fault_bits & (1u << (BRIDGE_FAULT_ESTOP - 1u))) {
        return BRIDGE_MODE_ESTOP;
    }
    if (fault_bits & ((1u << (BRIDGE_FAULT_POSITION_LIMIT - 1u)) | (1u << (BRIDGE_FAULT_BAD_COMMAND - 1u)))) {
        return BRIDGE_MODE_FAULTED;
    }
    return BRIDGE_MODE_SAFE;
}

static void latch(struct firmware *fw, uint8_t code)
{
    fw->fault_bits = (uint16_t)(fw->fault_bits | (1u << (code - 1u)));
    fw->mode = latched_mode(fw->fault_bits);
}

static float clamp_effort(float effort, float effort_max)
{
    if (isnan(effort)) {
        return 0.0f;
    }
    if (effort > effort_max) {
        return effort_max;
    }
    if (effort < -effort_max) {
        return 0.0f - effort_max; /* +0.0, not -0.0, for a passive joint */
    }
    return effort;
}

static float control_law(const struct firmware *fw, uint8_t joint, float position, float velocity)
{
    const struct fw_joint_command *c = &fw->command[joint];
    if (fw->control_mode == BRIDGE_CONTROL_PD) {
        return c->kp * (c->position - position) + c->kd * (c->velocity - velocity) + c->effort;
    }
    return c->effort;
}

static float safe_law(const struct firmware *fw, float velocity)
{
    return fw->safe_mode == BRIDGE_SAFE_DAMPING ? fw->safe_kd * (0.0f - velocity) : 0.0f;
}

/* Computes and applies the efforts: the control law when active, the safe mode otherwise. */
static void drive(struct firmware *fw, int active, const float *position, const float *velocity)
{
    const uint8_t joints = fw->joint_count;
    for (uint8_t i = 0; i < joints; i++) {
        const float effort = active ? control_law(fw, i, position[i], velocity[i]) : safe_law(fw, velocity[i]);
        fw->effort[i] = clamp_effort(effort, fw->joints[i].effort_max);
    }
    board_apply_efforts(fw->effort, joints);
}

/* Reads the joints, latches POSITION_LIMIT when an ACTIVE joint is outside its range, then drives the joints in the
 * current mode. Nothing to drive before the first CONFIGURE. */
static void update_outputs(struct firmware *fw)
{
    const uint8_t joints = fw->joint_count;
    if (joints == 0) {
        return;
    }
    float position[BRIDGE_MAX_JOINTS];
    float velocity[BRIDGE_MAX_JOINTS];
    float applied[BRIDGE_MAX_JOINTS];
    board_read_joints(position, velocity, applied, joints);
    if (fw->mode == BRIDGE_MODE_ACTIVE) {
        for (uint8_t i = 0; i < joints; i++) {
            if (!(position[i] >= fw->joints[i].position_min && position[i] <= fw->joints[i].position_max)) {
                latch(fw, BRIDGE_FAULT_POSITION_LIMIT);
                break;
            }
        }
    }
    drive(fw, fw->mode == BRIDGE_MODE_ACTIVE, position, velocity);
}

static void zero_outputs(struct firmware *fw)
{
    for (uint8_t i = 0; i < BRIDGE_MAX_JOINTS; i++) {
        fw->effort[i] = 0.0f;
    }
    board_apply_efforts(fw->effort, fw->joint_count);
}

/* ---- host messages ---- */

static void on_hello(struct firmware *fw, const uint8_t *payload)
{
    fw->version_ok = (uint8_t)(get_u16(payload) == BRIDGE_PROTOCOL_VERSION);
    send_hello_reply(fw);
}

/* Validates a CONFIGURE payload against every range of the protocol; the configuration changes only when all hold. */
static int configure_valid(const uint8_t *payload)
{
    const uint8_t joints = payload[0];
    const uint16_t watchdog_ms = get_u16(payload + 4);
    const float safe_kd = get_f32(payload + 8);
    if (joints < 1u || joints > BRIDGE_MAX_JOINTS || payload[1] > BRIDGE_CONTROL_PD || payload[2] > BRIDGE_SAFE_DAMPING
        || watchdog_ms < 1u || watchdog_ms > WATCHDOG_MAX_MS || !(safe_kd >= 0.0f) || !isfinite(safe_kd)) {
        return 0;
    }
    for (uint8_t i = 0; i < joints; i++) {
        const uint8_t *joint = payload + CONFIGURE_JOINTS_AT + CONFIGURE_JOINT_BYTES * i;
        const float position_min = get_f32(joint);
        const float position_max = get_f32(joint + 4);
        const float velocity_max = get_f32(joint + 8);
        const float effort_max = get_f32(joint + 12);
        if (!(position_min <= position_max) || !(velocity_max > 0.0f) || !(effort_max >= 0.0f)
            || !isfinite(effort_max)) {
            return 0;
        }
    }
    return 1;
}

static void on_configure(struct firmware *fw, uint16_t sequence, const uint8_t *payload)
{
    if (fw->mode == BRIDGE_MODE_ACTIVE) {
        send_fault(fw, BRIDGE_FAULT_BUSY, sequence, board_time_us());
        return;
    }
    if (!configure_valid(payload)) {
        send_fault(fw, BRIDGE_FAULT_BAD_CONFIGURE, sequence, board_time_us());
        return;
    }
    zero_outputs(fw);
    const uint8_t joints = payload[0];
    fw->joint_count = joints;
    fw->control_mode = payload[1];
    fw->safe_mode = payload[2];
    fw->watchdog_ms = get_u16(payload + 4);
    fw->safe_kd = get_f32(payload + 8);
    memset(fw->joints, 0, sizeof fw->joints);
    memset(fw->command, 0, sizeof fw->command);
    for (uint8_t i = 0; i < joints; i++) {
        const uint8_t *joint = payload + CONFIGURE_JOINTS_AT + CONFIGURE_JOINT_BYTES * i;
        fw->joints[i].position_min = get_f32(joint);
        fw->joints[i].position_max = get_f32(joint + 4);
        fw->joints[i].velocity_max = get_f32(joint + 8);
        fw->joints[i].effort_max = get_f32(joint + 12);
    }
    if (fw->mode == BRIDGE_MODE_IDLE) {
        fw->mode = BRIDGE_MODE_READY;
    }
    update_outputs(fw);
    send_state(fw);
}

static int command_valid(const struct firmware *fw, const uint8_t *payload)
{
    const uint8_t joints = payload[0];
    if (joints != fw->joint_count) {
        return 0;
    }
    for (uint8_t i = 0; i < joints; i++) {
        const uint8_t *joint = payload + COMMAND_JOINTS_AT + COMMAND_JOINT_BYTES * i;
        for (uint8_t k = 0; k < COMMAND_JOINT_BYTES; k = (uint8_t)(k + 4u)) {
            if (!isfinite(get_f32(joint + k))) {
                return 0;
            }
        }
    }
    return 1;
}

static void on_command(struct firmware *fw, uint16_t sequence, const uint8_t *payload)
{
    if (fw->joint_count == 0) {
        send_fault(fw, BRIDGE_FAULT_NOT_CONFIGURED, sequence, board_time_us());
        return;
    }
    if (!command_valid(fw, payload)) {
        latch(fw, BRIDGE_FAULT_BAD_COMMAND);
        update_outputs(fw);
        send_fault(fw, BRIDGE_FAULT_BAD_COMMAND, sequence, board_time_us());
        return;
    }
    if (fw->mode == BRIDGE_MODE_READY || fw->mode == BRIDGE_MODE_ACTIVE) {
        for (uint8_t i = 0; i < fw->joint_count; i++) {
            const uint8_t *joint = payload + COMMAND_JOINTS_AT + COMMAND_JOINT_BYTES * i;
            fw->command[i].position = get_f32(joint);
            fw->command[i].velocity = get_f32(joint + 4);
            fw->command[i].effort = get_f32(joint + 8);
            fw->command[i].kp = get_f32(joint + 12);
            fw->command[i].kd = get_f32(joint + 16);
        }
        fw->mode = BRIDGE_MODE_ACTIVE;
        fw->last_command_us = board_time_us();
        fw->last_command_sequence = sequence;
        update_outputs(fw);
    }
    send_state(fw);
}

static void on_clear(struct firmware *fw)
{
    fw->fault_bits = (uint16_t)(fw->fault_bits & ~LATCHING_FAULTS);
    fw->mode = fw->joint_count > 0 ? BRIDGE_MODE_READY : BRIDGE_MODE_IDLE;
    update_outputs(fw);
    send_state(fw);
}

static void on_estop(struct firmware *fw)
{
    latch(fw, BRIDGE_FAULT_ESTOP);
    update_outputs(fw);
    send_state(fw);
}

/* ---- frames ---- */

/* The payload length a host message type requires, given its payload of length bytes; -1 for a type this firmware
 * does not know. */
static long required_length(uint8_t type, const uint8_t *payload, size_t length)
{
    switch (type) {
    case BRIDGE_HELLO:
        return BRIDGE_HELLO_LENGTH;
    case BRIDGE_CONFIGURE:
        return length > 0 ? (long)BRIDGE_CONFIGURE_LENGTH((unsigned)payload[0]) : 1L;
    case BRIDGE_COMMAND:
        return length > 0 ? (long)BRIDGE_COMMAND_LENGTH((unsigned)payload[0]) : 1L;
    case BRIDGE_HEARTBEAT:
    case BRIDGE_ESTOP:
    case BRIDGE_CLEAR:
        return 0;
    default:
        return -1;
    }
}

static void count_sequence(struct firmware *fw, uint8_t type, uint16_t sequence)
{
    if (fw->rx_seen_any && type != BRIDGE_HELLO && sequence != fw->rx_expected_sequence) {
        fw->sequence_gaps += (uint16_t)(sequence - fw->rx_expected_sequence);
    }
    fw->rx_seen_any = 1;
    fw->rx_expected_sequence = (uint16_t)(sequence + 1u);
}

static void dispatch(struct firmware *fw, uint8_t type, uint16_t sequence, const uint8_t *payload)
{
    if (type == BRIDGE_HELLO) {
        on_hello(fw, payload);
    } else if (type == BRIDGE_ESTOP) {
        on_estop(fw); /* whatever the version state: safety beats protocol etiquette */
    } else if (!fw->version_ok) {
        send_fault(fw, BRIDGE_FAULT_VERSION_MISMATCH, sequence, board_time_us());
    } else if (type == BRIDGE_CONFIGURE) {
        on_configure(fw, sequence, payload);
    } else if (type == BRIDGE_COMMAND) {
        on_command(fw, sequence, payload);
    } else if (type == BRIDGE_HEARTBEAT) {
        send_state(fw);
    } else if (type == BRIDGE_CLEAR) {
        on_clear(fw);
    } else {
        send_fault(fw, BRIDGE_FAULT_UNKNOWN_TYPE, sequence, board_time_us());
    }
}

/* Decodes and checks the frame in the accumulator, then answers it; a frame failing a check is dropped and counted. */
static void on_encoded_frame(struct firmware *fw)
{
    const size_t length = bridge_cobs_decode(fw->rx, fw->rx_length, fw->decoded, sizeof fw->decoded);
    if (length == (size_t)-1 || length < FRAME_OVERHEAD) {
        fw->frames_dropped++;
        return;
    }
    const uint8_t *frame = fw->decoded;
    const size_t body = length - BRIDGE_CRC_LENGTH;
    if (get_u16(frame + body) != bridge_crc16(frame, body)) {
        fw->crc_errors++;
        return;
    }
    const size_t payload_length = length - FRAME_OVERHEAD;
    if (get_u16(frame + BRIDGE_OFFSET_LENGTH) != payload_length || payload_length > BRIDGE_MAX_PAYLOAD
        || frame[BRIDGE_OFFSET_RESERVED] != 0) {
        fw->frames_dropped++;
        return;
    }
    const uint8_t type = frame[BRIDGE_OFFSET_TYPE];
    const uint8_t *payload = frame + BRIDGE_HEADER_LENGTH;
    const long required = required_length(type, payload, payload_length);
    if (required >= 0 && (size_t)required != payload_length) {
        fw->frames_dropped++;
        return;
    }
    const uint16_t sequence = get_u16(frame + BRIDGE_OFFSET_SEQUENCE);
    fw->frames_received++;
    count_sequence(fw, type, sequence);
    dispatch(fw, type, sequence, payload);
}

/* ---- the API ---- */

void fw_init(struct firmware *fw)
{
    memset(fw, 0, sizeof *fw);
    fw->mode = BRIDGE_MODE_IDLE;
    send_hello_reply(fw);
}

void fw_receive(struct firmware *fw, const uint8_t *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        const uint8_t byte = bytes[i];
        if (byte != 0) {
            if (fw->rx_length < sizeof fw->rx) {
                fw->rx[fw->rx_length++] = byte;
            } else {
                fw->rx_overflow = 1;
            }
            continue;
        }
        if (fw->rx_overflow) {
            fw->frames_dropped++;
            fw->frames_oversize++;
        } else if (fw->rx_length > 0) {
            on_encoded_frame(fw);
        }
        fw->rx_length = 0;
        fw->rx_overflow = 0;
    }
}

void fw_control(struct firmware *fw, uint32_t now_us)
{
    int tripped = 0;
    if (fw->mode == BRIDGE_MODE_ACTIVE) {
        const uint32_t elapsed_us = now_us - fw->last_command_us;
        if (elapsed_us > (uint32_t)fw->watchdog_ms * US_PER_MS && elapsed_us < HALF_RANGE_US) {
            latch(fw, BRIDGE_FAULT_WATCHDOG);
            tripped = 1;
        }
    }
    update_outputs(fw);
    if (tripped) {
        send_fault(fw, BRIDGE_FAULT_WATCHDOG, fw->last_command_sequence, now_us);
    }
}

void fw_emergency_stop(struct firmware *fw, uint32_t now_us)
{
    latch(fw, BRIDGE_FAULT_ESTOP);
    update_outputs(fw);
    send_fault(fw, BRIDGE_FAULT_ESTOP, fw->last_command_sequence, now_us);
}

void fw_apply_safe_state(struct firmware *fw)
{
    if (fw->joint_count == 0) {
        return;
    }
    float position[BRIDGE_MAX_JOINTS];
    float velocity[BRIDGE_MAX_JOINTS];
    float applied[BRIDGE_MAX_JOINTS];
    board_read_joints(position, velocity, applied, fw->joint_count);
    drive(fw, 0, position, velocity);
}
