/*
 * Start-up for the STM32F405 (Cortex-M4F), in C: the vector table, and a Reset_Handler that enables the FPU, copies
 * .data from flash, zeroes .bss and calls main. The symbols come from stm32f405.ld.
 */
#include <stdint.h>

#include "stm32f405.h"

extern uint32_t _estack;
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss;

int main(void);
void Reset_Handler(void);
void Fault_Handler(void);
void SysTick_Handler(void);
void USART1_IRQHandler(void);

#define IRQ_COUNT 82u   /* STM32F405: IRQ 0 (WWDG) .. 81 (FPU) */

typedef void (*vector)(void);

__attribute__((section(".isr_vector"), used))
static const vector vector_table[16 + IRQ_COUNT] = {
    [0] = (vector) (uintptr_t) &_estack,
    [1] = Reset_Handler,
    [2] = Fault_Handler,         /* NMI */
    [3] = Fault_Handler,         /* HardFault */
    [4] = Fault_Handler,         /* MemManage */
    [5] = Fault_Handler,         /* BusFault */
    [6] = Fault_Handler,         /* UsageFault */
    [11] = Fault_Handler,        /* SVCall: never used */
    [14] = Fault_Handler,        /* PendSV: never used */
    [15] = SysTick_Handler,
    [16 + USART1_IRQ] = USART1_IRQHandler,
};

/* Any fault or unexpected exception resets the chip: the efforts return to their reset state (off), and the host sees
 * the restart as an unsolicited boot HELLO_REPLY. */
void Fault_Handler(void)
{
    SCB_AIRCR = SCB_AIRCR_SYSRESETREQ;
    cpu_barriers();
    for (;;) {
        cpu_wait_for_interrupt();
    }
}

void Reset_Handler(void)
{
    /* Full access to CP10/CP11 (the FPU) before any floating-point instruction runs. */
    SCB_CPACR |= SCB_CPACR_CP10_CP11_FULL;
    cpu_barriers();
    const uint32_t *from = &_sidata;
    for (uint32_t *to = &_sdata; to < &_edata;) {
        *to++ = *from++;
    }
    for (uint32_t *to = &_sbss; to < &_ebss;) {
        *to++ = 0;
    }
    main();
    Fault_Handler();   /* main never returns */
}
