/*
 * The board layer (board.h) of the STM32F405 build: TIM2 as the microsecond clock, SysTick as the wake-up tick, USART1
 * as the link, and a simulated cart-pole in place of motors (plant.h), as run under qemu-system-arm -M netduinoplus2.
 */
#include "board.h"

#include "bridge_protocol.h"
#include "plant.h"
#include "stm32_board.h"
#include "stm32f405.h"
#include "usart.h"

#define LINK_BAUD_PER_S 115200u
/* SysTick period: the longest a wfi sleeps past board_wait's max_us, so the control law runs at least this often.
 * 1 ms, the plant's step (a faster control law changes nothing the plant sees), rather than the core's 200 us: under
 * QEMU each wake-up costs about 40 us of host CPU, 4 % of a core idle at 1 kHz against 20 % at 5 kHz. Time itself is
 * TIM2's, so a late or lost tick under an emulator costs a late wake-up, never time. */
#ifndef STM32_TICK_US
#define STM32_TICK_US 1000u
#endif
#define PLANT_STEP_US 1000u
#define PLANT_MAX_CATCH_UP_US 100000u   /* beyond this the plant drops time instead of stepping to catch up */
#ifndef PLANT_INITIAL_ANGLE_RAD
#define PLANT_INITIAL_ANGLE_RAD 0.05    /* the pole starts tilted, so a controller has something to do */
#endif
#define BOARD_TEMPERATURE_CENTI_C 2500  /* no sensor is read: the ADC's temperature channel is not modelled by QEMU */
#define BOOT_MAGIC 0x5350424Fu          /* "SPBO": the boot record below has been initialised */

/* The boot record lives in .noinit: kept across a system reset (a fault, SYSRESETREQ), lost with power or a new
 * QEMU process, where it starts again at 1. */
static struct {
    uint32_t magic;
    uint32_t count;
} boot_record __attribute__((section(".noinit")));

static struct plant plant;
static uint32_t plant_time_us;

/* Only wakes the main loop from wfi. */
void SysTick_Handler(void)
{
}

void stm32_board_init(void)
{
    if (boot_record.magic != BOOT_MAGIC) {
        boot_record.magic = BOOT_MAGIC;
        boot_record.count = 0;
    }
    boot_record.count++;

    /* Silicon leaves reset on the 16 MHz HSI (core, buses and timers), with HSIRDY set. QEMU 7.2 has no RCC (it reads
     * 0), clocks the core at 168 MHz as if the PLL ran, its TIM2..5 at 1 GHz, and its USART ignores BRR (the APB2
     * value is the PLL configuration's 84 MHz). No PLL start-up is attempted: it would wait forever for PLLRDY under
     * QEMU and cannot be tested here. */
    uint32_t core_hz = 168000000u;
    uint32_t timer_hz = 1000000000u;
    uint32_t apb2_hz = 84000000u;
    if (RCC_CR & RCC_CR_HSIRDY) {
        core_hz = 16000000u;
        timer_hz = 16000000u;
        apb2_hz = 16000000u;
    }

    /* TIM2 counts microseconds, free-running over its 32 bits: it is board_time_us. */
    RCC_APB1ENR |= RCC_APB1ENR_TIM2EN;
    TIM2_PSC = timer_hz / 1000000u - 1u;
    TIM2_ARR = 0xFFFFFFFFu;
    TIM2_EGR = TIM_EGR_UG;   /* loads the prescaler and zeroes the counter */
    TIM2_CR1 = TIM_CR1_CEN;

    SCB_SHPR3 = (SCB_SHPR3 & 0x00FFFFFFu) | 0x80u << 24;   /* SysTick below the USART */
    SYST_RVR = STM32_TICK_US * (core_hz / 1000000u) - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_CLKSOURCE | SYST_CSR_TICKINT | SYST_CSR_ENABLE;

    plant_init_cartpole(&plant, PLANT_INITIAL_ANGLE_RAD, PLANT_STEP_US * 1e-6);
    plant.held = 1u;
    plant_time_us = 0;

    usart1_init(apb2_hz, LINK_BAUD_PER_S);
}

uint32_t board_time_us(void)
{
    return TIM2_CNT;
}

void board_wait(uint32_t max_us)
{
    uint32_t start_us = board_time_us();
    for (;;) {
        /* With interrupts masked a byte cannot slip in between the check and the wfi; wfi still wakes on it. */
        cpu_disable_interrupts();
        if (usart1_rx_pending() || board_time_us() - start_us >= max_us) {
            cpu_enable_interrupts();
            return;
        }
        cpu_wait_for_interrupt();
        cpu_enable_interrupts();
    }
}

size_t board_link_read(uint8_t *buf, size_t cap)
{
    return usart1_read(buf, cap);
}

void board_link_write(const uint8_t *buf, size_t len)
{
    usart1_write(buf, len);
}

void stm32_plant_release(void)
{
    plant.held = 0u;
}

void stm32_plant_advance(uint32_t now_us)
{
    if (now_us - plant_time_us > PLANT_MAX_CATCH_UP_US) {
        plant_time_us = now_us - PLANT_MAX_CATCH_UP_US;
    }
    while (now_us - plant_time_us >= PLANT_STEP_US) {
        plant_step(&plant);
        plant_time_us += PLANT_STEP_US;
    }
}

void board_read_joints(float *position, float *velocity, float *effort, uint8_t count)
{
    for (uint8_t i = 0; i < count; i++) {
        int simulated = i < plant.joint_count;
        position[i] = simulated ? (float) plant.q[i] : 0.0f;
        velocity[i] = simulated ? (float) plant.qd[i] : 0.0f;
        effort[i] = simulated ? plant.effort[i] : 0.0f;
    }
}

void board_apply_efforts(const float *effort, uint8_t count)
{
    for (uint8_t i = 0; i < count && i < plant.joint_count; i++) {
        plant.effort[i] = effort[i];
    }
}

int16_t board_temperature_centi_c(void)
{
    return BOARD_TEMPERATURE_CENTI_C;
}

uint32_t board_boot_count(void)
{
    return boot_record.count;
}

uint32_t board_capabilities(void)
{
    return BRIDGE_CAP_EFFORT | BRIDGE_CAP_PD | BRIDGE_CAP_DAMPING | BRIDGE_CAP_SIMULATED;
}
