/*
 * USART1 driver at register level: 8N1, receive by the RXNE interrupt into a single-producer single-consumer ring
 * (the interrupt produces, the main loop consumes; no locks), transmit by polling TXE.
 */
#ifndef SPARRING_STM32_USART_H
#define SPARRING_STM32_USART_H

#include <stddef.h>
#include <stdint.h>

/* Enables USART1 on PA9/PA10 at baud_per_s from a peripheral clock of pclk_hz, and its receive interrupt. */
void usart1_init(uint32_t pclk_hz, uint32_t baud_per_s);

/* Copies up to cap received bytes into buf; returns how many. */
size_t usart1_read(uint8_t *buf, size_t cap);

/* Whether received bytes are waiting in the ring. */
int usart1_rx_pending(void);

/* Sends len bytes, waiting for TXE before each. */
void usart1_write(const uint8_t *buf, size_t len);

#endif
