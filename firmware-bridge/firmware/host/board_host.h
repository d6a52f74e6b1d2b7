/*
 * The host board (board.h over POSIX): the link is a terminal in raw, non-blocking mode, either one the caller made
 * (--tty: the slave side of its pseudo-terminal) or one the board makes itself (--pty: the master side of a new
 * pseudo-terminal whose slave is published as a symbolic link); the joints are a simulated plant (plant.h) stepped in
 * fixed steps up to CLOCK_MONOTONIC's now whenever the core reads or drives them; board_wait is a ppoll on the
 * terminal that SIGTERM, SIGINT and SIGUSR1 (the e-stop input) interrupt. For tests it can corrupt or drop every Nth
 * frame it sends, and "reboot" (a new boot count, the clock from 0, the plant's physical state kept).
 */
#ifndef SPARRING_BOARD_HOST_H
#define SPARRING_BOARD_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "plant.h"

struct host_options {
    const char *tty;            /* --tty: an existing terminal to open, or NULL */
    const char *pty_link;       /* --pty: where to link the slave of the pseudo-terminal this board makes, or NULL */
    enum plant_kind plant;
    uint8_t joints;             /* motors only; the cart-pole has 2 */
    double initial_angle_rad;   /* cart-pole only */
    uint32_t boot_count;
    int16_t temperature_centi_c;
    uint32_t corrupt_every;     /* change one byte of every Nth frame sent (0: never) */
    uint32_t drop_every;        /* do not send every Nth frame (0: never) */
    uint32_t restart_after_ms;  /* reboot once when the clock passes this (0: never); main acts on it */
    int hold_until_active;      /* the plant held at its start state until released (main: when first ACTIVE) */
};

/* What stopped the board, once it has. */
enum host_stop {
    HOST_RUNNING = 0,
    HOST_SIGNALLED,             /* SIGTERM or SIGINT */
    HOST_HUNG_UP                /* the other side closed the terminal (POLLHUP, EIO, end of file); never with --pty */
};

struct host_counters {
    uint64_t dropped_bytes;     /* not sent because the other side did not read them */
    uint64_t skipped_steps;     /* plant steps skipped because the process fell behind */
    uint64_t frames_corrupted;  /* by --corrupt-every */
    uint64_t frames_dropped;    /* by --drop-every */
};

/* Opens or makes the terminal and sets the board up; on failure returns -1 with a one-line reason in error. */
int host_board_open(const struct host_options *options, char *error, size_t error_capacity);
/* The terminal's path: --tty's, or the slave of the pseudo-terminal --pty made. */
const char *host_board_terminal(void);
enum host_stop host_board_stopped(void);
/* The signal that stopped the board (when HOST_SIGNALLED). */
int host_board_signal(void);
/* 1 once for each SIGUSR1 received since the last call (several before a call count as one), else 0. */
int host_board_take_emergency_stop(void);
/* An MCU reset that leaves the link open: boot count + 1, board_time_us restarts from 0, the drive's outputs off;
 * the plant keeps its physical state. The caller runs fw_init again. */
void host_board_reboot(void);
/* Lets a plant held by --hold-until-active go (from now on it moves); nothing when it is not held. */
void host_board_release_plant(void);
struct host_counters host_board_counters(void);
/* Closes the terminal; with --pty also removes the symbolic link if it still points to this board's slave. */
void host_board_close(void);

#endif
