#include "board_fake.h"

#include <stddef.h>
#include <string.h>

#include "board.h"

struct fake_board fake;

void fake_reset(void)
{
    memset(&fake, 0, offsetof(struct fake_board, output)); /* the output bytes need no clearing (fuzzer speed) */
    fake.output_length = 0;
    fake.output_read = 0;
    fake.output_overflows = 0;
    fake.boot_count = 1;
    fake.capabilities = BRIDGE_CAP_EFFORT | BRIDGE_CAP_PD | BRIDGE_CAP_DAMPING;
    fake.temperature_centi_c = 2500;
}

int fake_next_frame(struct fake_frame *frame)
{
    size_t end = fake.output_read;
    while (end < fake.output_length && fake.output[end] != 0) {
        end++;
    }
    if (end >= fake.output_length) {
        return 0;
    }
    uint8_t decoded[BRIDGE_MAX_FRAME];
    const size_t start = fake.output_read;
    fake.output_read = end + 1;
    const size_t length = bridge_cobs_decode(fake.output + start, end - start, decoded, sizeof decoded);
    if (length == (size_t)-1 || length < BRIDGE_HEADER_LENGTH + BRIDGE_CRC_LENGTH) {
        return -1;
    }
    const size_t body = length - BRIDGE_CRC_LENGTH;
    const uint16_t crc = (uint16_t)(decoded[body] | (decoded[body + 1] << 8));
    const uint16_t payload_length = (uint16_t)(decoded[4] | (decoded[5] << 8));
    if (crc != bridge_crc16(decoded, body) || decoded[1] != 0 || payload_length != body - BRIDGE_HEADER_LENGTH) {
        return -1;
    }
    frame->type = decoded[0];
    frame->sequence = (uint16_t)(decoded[2] | (decoded[3] << 8));
    frame->length = payload_length;
    memcpy(frame->payload, decoded + BRIDGE_HEADER_LENGTH, payload_length);
    return 1;
}

unsigned fake_pending_frames(void)
{
    unsigned count = 0;
    for (size_t i = fake.output_read; i < fake.output_length; i++) {
        count += fake.output[i] == 0;
    }
    return count;
}

uint32_t board_time_us(void)
{
    return fake.time_us;
}

size_t board_link_read(uint8_t *buf, size_t cap)
{
    (void)buf;
    (void)cap;
    return 0;
}

void board_link_write(const uint8_t *buf, size_t len)
{
    if (len > FAKE_OUTPUT_CAPACITY - fake.output_length) {
        fake.output_overflows++;
        fake.output_length = 0;
        fake.output_read = 0;
        if (len > FAKE_OUTPUT_CAPACITY) {
            return;
        }
    }
    memcpy(fake.output + fake.output_length, buf, len);
    fake.output_length += len;
}

void board_read_joints(float *position, float *velocity, float *effort, uint8_t count)
{
    for (uint8_t i = 0; i < count && i < BRIDGE_MAX_JOINTS; i++) {
        position[i] = fake.position[i];
        velocity[i] = fake.velocity[i];
        effort[i] = fake.applied[i];
    }
}

void board_apply_efforts(const float *effort, uint8_t count)
{
    fake.apply_calls++;
    fake.applied_count = count;
    for (uint8_t i = 0; i < count && i < BRIDGE_MAX_JOINTS; i++) {
        fake.applied[i] = effort[i];
    }
}

int16_t board_temperature_centi_c(void)
{
    return fake.temperature_centi_c;
}

uint32_t board_boot_count(void)
{
    return fake.boot_count;
}

uint32_t board_capabilities(void)
{
    return fake.capabilities;
}

void board_wait(uint32_t max_us)
{
    fake.time_us += max_us;
}
