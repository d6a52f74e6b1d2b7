/*
 * The few STM32F405 and Cortex-M4 registers this board layer touches, at their reference-manual addresses
 * (RM0090 for the peripherals, the ARMv7-M architecture manual for SysTick, NVIC and SCB). Written out here on
 * purpose: no vendor HAL or CMSIS headers.
 */
#ifndef SPARRING_STM32F405_H
#define SPARRING_STM32F405_H

#include <stdint.h>

#define REG32(address) (*(volatile uint32_t *) (address))

/* RCC (RM0090 section 7.3). Not emulated by QEMU 7.2: reads return 0, writes are ignored. */
#define RCC_BASE 0x40023800u
#define RCC_CR REG32(RCC_BASE + 0x00u)
#define RCC_AHB1ENR REG32(RCC_BASE + 0x30u)
#define RCC_APB1ENR REG32(RCC_BASE + 0x40u)
#define RCC_APB2ENR REG32(RCC_BASE + 0x44u)
#define RCC_CR_HSIRDY (1u << 1)
#define RCC_AHB1ENR_GPIOAEN (1u << 0)
#define RCC_APB1ENR_TIM2EN (1u << 0)
#define RCC_APB2ENR_USART1EN (1u << 4)

/* GPIOA (RM0090 section 8.4): USART1 TX on PA9, RX on PA10, alternate function 7. Not emulated by QEMU 7.2. */
#define GPIOA_BASE 0x40020000u
#define GPIOA_MODER REG32(GPIOA_BASE + 0x00u)
#define GPIOA_AFRH REG32(GPIOA_BASE + 0x24u)
#define GPIO_MODE_AF 2u
#define USART1_AF 7u

/* TIM2, a 32-bit timer (RM0090 section 18.4): the free-running microsecond counter. QEMU 7.2 models TIM2..5 at
 * 1 GHz before the prescaler and derives CNT from its virtual clock on every read. */
#define TIM2_BASE 0x40000000u
#define TIM2_CR1 REG32(TIM2_BASE + 0x00u)
#define TIM2_EGR REG32(TIM2_BASE + 0x14u)
#define TIM2_CNT REG32(TIM2_BASE + 0x24u)
#define TIM2_PSC REG32(TIM2_BASE + 0x28u)
#define TIM2_ARR REG32(TIM2_BASE + 0x2Cu)
#define TIM_CR1_CEN (1u << 0)
#define TIM_EGR_UG (1u << 0)

/* USART1 (RM0090 section 30.6); QEMU's netduinoplus2 connects its first -serial here. */
#define USART1_BASE 0x40011000u
#define USART1_SR REG32(USART1_BASE + 0x00u)
#define USART1_DR REG32(USART1_BASE + 0x04u)
#define USART1_BRR REG32(USART1_BASE + 0x08u)
#define USART1_CR1 REG32(USART1_BASE + 0x0Cu)
#define USART1_CR2 REG32(USART1_BASE + 0x10u)
#define USART1_CR3 REG32(USART1_BASE + 0x14u)
#define USART_SR_ORE (1u << 3)
#define USART_SR_RXNE (1u << 5)
#define USART_SR_TXE (1u << 7)
#define USART_CR1_RE (1u << 2)
#define USART_CR1_TE (1u << 3)
#define USART_CR1_RXNEIE (1u << 5)
#define USART_CR1_UE (1u << 13)
#define USART1_IRQ 37u

/* SysTick (ARMv7-M B3.3) */
#define SYST_CSR REG32(0xE000E010u)
#define SYST_RVR REG32(0xE000E014u)
#define SYST_CVR REG32(0xE000E018u)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)   /* 1 = the processor clock */

/* NVIC and SCB (ARMv7-M B3.2, B3.4) */
#define NVIC_ISER(n) REG32(0xE000E100u + 4u * (n))
#define NVIC_IPR_BYTE(irq) (*(volatile uint8_t *) (0xE000E400u + (irq)))
#define SCB_AIRCR REG32(0xE000ED0Cu)
#define SCB_AIRCR_SYSRESETREQ (0x05FAu << 16 | 1u << 2)
#define SCB_SHPR3 REG32(0xE000ED20u)
#define SCB_CPACR REG32(0xE000ED88u)
#define SCB_CPACR_CP10_CP11_FULL (0xFu << 20)

static inline void cpu_disable_interrupts(void) { __asm__ volatile("cpsid i" ::: "memory"); }
static inline void cpu_enable_interrupts(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void cpu_wait_for_interrupt(void) { __asm__ volatile("wfi" ::: "memory"); }
static inline void cpu_barriers(void) { __asm__ volatile("dsb\n\tisb" ::: "memory"); }

#endif
