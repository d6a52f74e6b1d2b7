/*
 * The board layer: everything the portable firmware core needs from the hardware. Two implementations: host/
 * (a POSIX process on a pseudo-terminal whose joints are a simulated plant) and stm32/ (an STM32F405 whose USART is
 * driven at register level, under qemu-system-arm -M netduinoplus2 in the hardware-in-the-loop tests).
 * None of these functions may allocate memory.
 */
#ifndef SPARRING_BOARD_H
#define SPARRING_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* Microseconds since boot, monotonic, wrapping at 2^32. */
uint32_t board_time_us(void);

/* Copies up to cap bytes received on the link into buf without waiting; returns how many (0 when none). */
size_t board_link_read(uint8_t *buf, size_t cap);

/* Sends len bytes on the link; returns once they are queued or sent. */
void board_link_write(const uint8_t *buf, size_t len);

/* Measured joint positions (m or rad), velocities and the efforts being applied (N or N·m), count joints. */
void board_read_joints(float *position, float *velocity, float *effort, uint8_t count);

/* Applies efforts (N or N·m) to count joints until the next call. */
void board_apply_efforts(const float *effort, uint8_t count);

/* Board temperature in 0.01 degrees Celsius. */
int16_t board_temperature_centi_c(void);

/* How many times this board has booted (persisted where the board can; the host build takes it as an option). */
uint32_t board_boot_count(void);

/* Capability bits of HELLO_REPLY (bridge_protocol.h BRIDGE_CAP_*). */
uint32_t board_capabilities(void);

/* Idles until a byte arrives on the link or max_us have passed, whichever is first (wfi on the MCU, poll on a host). */
void board_wait(uint32_t max_us);

#endif
