/* The STM32 build's main loop: firmware.h's loop, with the simulated plant stepped to board time after each control
 * step (in thread context, so the plant needs no locking against an interrupt). */
#include "board.h"
#include "firmware.h"
#include "stm32_board.h"

static struct firmware fw;

int main(void)
{
    stm32_board_init();
    fw_init(&fw);
    for (;;) {
        uint8_t bytes[64];
        size_t n = board_link_read(bytes, sizeof bytes);
        fw_receive(&fw, bytes, n);
        uint32_t now_us = board_time_us();
        fw_control(&fw, now_us);
        if (fw.mode == BRIDGE_MODE_ACTIVE) {
            stm32_plant_release();
        }
        stm32_plant_advance(now_us);
        board_wait(FW_CONTROL_PERIOD_US);
    }
}
