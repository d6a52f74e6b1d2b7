/*
 * The portable firmware core (docs/bridge-protocol.md): frame decoding and encoding, the joint state machine
 * (IDLE, READY, ACTIVE, SAFE, ESTOP, FAULTED), the watchdog, the control law and the safe state. It owns no memory
 * but the struct below and calls the board layer (board.h) for time, link and joints. A board's main loop is:
 *
 *     struct firmware fw;
 *     fw_init(&fw);                                  // sends the boot HELLO_REPLY
 *     for (;;) {
 *         uint8_t bytes[64];
 *         size_t n = board_link_read(bytes, sizeof bytes);
 *         fw_receive(&fw, bytes, n);                 // decodes frames, answers them
 *         fw_control(&fw, board_time_us());          // watchdog, limits, efforts to the board
 *         board_wait(FW_CONTROL_PERIOD_US);
 *     }
 */
#ifndef SPARRING_FIRMWARE_H
#define SPARRING_FIRMWARE_H

#include <stddef.h>
#include <stdint.h>

#include "bridge_protocol.h"

#define FW_VERSION_MAJOR 1u
#define FW_VERSION_MINOR 0u
#define FW_VERSION_PATCH 0u
/* The control law and watchdog run at least this often (the main loop's longest wait). */
#define FW_CONTROL_PERIOD_US 200u

struct fw_joint_config {
    float position_min;
    float position_max;
    float velocity_max;
    float effort_max;
};

struct fw_joint_command {
    float position;
    float velocity;
    float effort;
    float kp;
    float kd;
};

struct firmware {
    uint8_t mode;                 /* BRIDGE_MODE_* */
    uint8_t joint_count;          /* configured joints, 0 when IDLE */
    uint8_t control_mode;         /* BRIDGE_CONTROL_* */
    uint8_t safe_mode;            /* BRIDGE_SAFE_* */
    uint8_t version_ok;           /* a HELLO of our protocol version has arrived */
    uint16_t fault_bits;
    uint16_t watchdog_ms;
    float safe_kd;
    struct fw_joint_config joints[BRIDGE_MAX_JOINTS];
    struct fw_joint_command command[BRIDGE_MAX_JOINTS];
    float effort[BRIDGE_MAX_JOINTS];
    uint32_t last_command_us;
    uint16_t last_command_sequence;
    uint16_t tx_sequence;
    uint16_t rx_expected_sequence;
    uint8_t rx_seen_any;
    uint32_t crc_errors;
    uint32_t sequence_gaps;
    uint32_t frames_dropped;      /* COBS errors, oversize, bad length, reserved byte */
    uint32_t frames_oversize;     /* of those: longer than BRIDGE_MAX_ENCODED before their delimiter */
    uint32_t frames_received;     /* valid frames (answered, or refused with a FAULT) */
    /* the receive accumulator (one encoded frame) and a transmit scratch buffer */
    uint8_t rx[BRIDGE_MAX_ENCODED];
    size_t rx_length;
    uint8_t rx_overflow;
    uint8_t decoded[BRIDGE_MAX_FRAME];
    uint8_t tx[BRIDGE_MAX_ENCODED + 1];
    uint8_t tx_frame[BRIDGE_MAX_FRAME];
};

/* Resets the state to IDLE and sends the boot HELLO_REPLY. */
void fw_init(struct firmware *fw);

/* Feeds received bytes; every complete frame is checked and answered (board_link_write) before this returns. */
void fw_receive(struct firmware *fw, const uint8_t *bytes, size_t length);

/* Runs the watchdog, the limit checks and the control law at now_us, and applies the efforts (board_apply_efforts). */
void fw_control(struct firmware *fw, uint32_t now_us);

/* The board's emergency-stop input (a button, a signal): latches ESTOP, applies the safe state at once and sends an
 * unsolicited FAULT ESTOP (the sequence of the last COMMAND applied, stamped now_us). CLEAR releases it, as after
 * the ESTOP message. Call it from the main loop, not from an interrupt handler that could preempt fw_receive. */
void fw_emergency_stop(struct firmware *fw, uint32_t now_us);

/* Applies the configured safe mode to the outputs once, whatever the mode (nothing to drive before the first
 * CONFIGURE): for a board about to stop running the core (the host build on SIGTERM or a hangup). */
void fw_apply_safe_state(struct firmware *fw);

#endif
