/*
 * What the STM32 main loop needs from its board layer beyond board.h: start-up of the clocks, link and time base, and
 * the simulated plant, which the main loop advances to board time after each control step.
 */
#ifndef SPARRING_STM32_BOARD_H
#define SPARRING_STM32_BOARD_H

#include <stdint.h>

/* Counts the boot, starts SysTick, USART1 and the cart-pole plant. Call first, before fw_init. */
void stm32_board_init(void);

/* Steps the plant in fixed steps until its time reaches now_us (board_time_us). */
void stm32_plant_advance(uint32_t now_us);
/* The simulated cart-pole is held at its start angle from boot until this is first called (when the firmware is first
 * ACTIVE): booting and the handshake take longer than the pole takes to fall. */
void stm32_plant_release(void);

#endif
