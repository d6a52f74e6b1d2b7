#include "usart.h"

#include "stm32f405.h"

#define RX_RING_BYTES 512u   /* a power of two; holds several encoded frames (a 2-joint COMMAND is 54 bytes) */

static uint8_t rx_ring[RX_RING_BYTES];
static volatile uint32_t rx_head;   /* written only by the interrupt */
static volatile uint32_t rx_tail;   /* written only by the main loop */

void usart1_init(uint32_t pclk_hz, uint32_t baud_per_s)
{
    RCC_AHB1ENR |= RCC_AHB1ENR_GPIOAEN;
    RCC_APB2ENR |= RCC_APB2ENR_USART1EN;
    GPIOA_MODER = (GPIOA_MODER & ~(3u << 18 | 3u << 20)) | GPIO_MODE_AF << 18 | GPIO_MODE_AF << 20;
    GPIOA_AFRH = (GPIOA_AFRH & ~(0xFu << 4 | 0xFu << 8)) | USART1_AF << 4 | USART1_AF << 8;

    USART1_CR1 = 0;
    USART1_CR2 = 0;   /* 1 stop bit */
    USART1_CR3 = 0;   /* no flow control */
    USART1_BRR = (pclk_hz + baud_per_s / 2u) / baud_per_s;   /* 16x oversampling: mantissa.fraction in one value */
    NVIC_IPR_BYTE(USART1_IRQ) = 0x40u;                          /* above SysTick (0x80): bytes are never late */
    NVIC_ISER(USART1_IRQ / 32u) = 1u << (USART1_IRQ % 32u);
    USART1_CR1 = USART_CR1_UE | USART_CR1_TE | USART_CR1_RE | USART_CR1_RXNEIE;
}

void USART1_IRQHandler(void)
{
    uint32_t status = USART1_SR;
    if (status & (USART_SR_RXNE | USART_SR_ORE)) {
        /* Reading SR then DR clears RXNE and ORE. A byte that finds the ring full is dropped: the frame it belonged
         * to fails its CRC and the core counts it. */
        uint8_t byte = (uint8_t) USART1_DR;
        uint32_t head = rx_head;
        if (head - rx_tail < RX_RING_BYTES) {
            rx_ring[head % RX_RING_BYTES] = byte;
            __asm__ volatile("dmb" ::: "memory");   /* the byte is stored before the head moves past it */
            rx_head = head + 1u;
        }
    }
}

int usart1_rx_pending(void)
{
    return rx_head != rx_tail;
}

size_t usart1_read(uint8_t *buf, size_t cap)
{
    uint32_t tail = rx_tail;
    uint32_t available = rx_head - tail;
    __asm__ volatile("dmb" ::: "memory");   /* read the bytes only after seeing the head that covers them */
    size_t n = available < cap ? available : cap;
    for (size_t i = 0; i < n; i++) {
        buf[i] = rx_ring[(tail + i) % RX_RING_BYTES];
    }
    rx_tail = tail + (uint32_t) n;
    return n;
}

void usart1_write(const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        while (!(USART1_SR & USART_SR_TXE)) {
        }
        USART1_DR = buf[i];
    }
}
