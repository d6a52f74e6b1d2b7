/*
 * The host board (board.h over POSIX): the link is a terminal device (the slave side of a pseudo-terminal) in raw,
 * non-blocking mode; the joints are a simulated plant (plant.h) stepped in fixed steps up to CLOCK_MONOTONIC's now
 * whenever the core reads or drives them; board_wait is a ppoll on the terminal that SIGTERM and SIGINT interrupt.
 */
#ifndef SPARRING_BOARD_HOST_H
#define SPARRING_BOARD_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "plant.h"

struct host_options {
    const char *tty;
    enum plant_kind plant;
    uint8_t joints;             /* motors only; the cart-pole has 2 */
    double initial_angle_rad;   /* cart-pole only */
    uint32_t boot_count;
    int16_t temperature_centi_c;
};

/* What stopped the board, once it has. */
enum host_stop {
    HOST_RUNNING = 0,
    HOST_SIGNALLED,             /* SIGTERM or SIGINT */
    HOST_HUNG_UP                /* the other side closed the terminal (POLLHUP, EIO, end of file) */
};

/* Opens the terminal and sets the board up; on failure returns -1 with a one-line reason in error. */
int host_board_open(const struct host_options *options, char *error, size_t error_capacity);
enum host_stop host_board_stopped(void);
/* The signal that stopped the board (when HOST_SIGNALLED). */
int host_board_signal(void);
/* Bytes dropped because the other side did not read them, and plant steps skipped because the process fell behind. */
uint64_t host_board_dropped_bytes(void);
uint64_t host_board_skipped_steps(void);
void host_board_close(void);

#endif
