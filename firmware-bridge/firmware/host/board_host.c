#define _GNU_SOURCE /* ppoll, cfmakeraw */
#include "board_host.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "board.h"
#include "bridge_protocol.h"

#define PLANT_STEP_NS 250000LL
#define PLANT_STEP_S 250e-6
/* Catch-up bound per call: 100 ms of plant time; a process stalled for longer skips the rest (counted). */
#define PLANT_MAX_CATCH_UP_STEPS 400
#define WRITE_WAIT_MS 10
#define MOTOR_INERTIA_KG_M2 0.01
#define MOTOR_DAMPING_NM_S_PER_RAD 0.1
#define NS_PER_US 1000LL
#define NS_PER_S 1000000000LL

static struct {
    int fd;
    struct plant plant;
    int64_t start_ns;
    int64_t plant_ns;
    uint32_t boot_count;
    int16_t temperature_centi_c;
    sigset_t wait_mask;         /* the mask ppoll waits with: SIGTERM and SIGINT unblocked */
    enum host_stop stop;
    uint64_t dropped_bytes;
    uint64_t skipped_steps;
} board = {.fd = -1};

static volatile sig_atomic_t stop_signal;

static void on_signal(int number)
{
    stop_signal = number;
}

static int64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * NS_PER_S + now.tv_nsec;
}

/* Steps the plant with the efforts last applied up to now. */
static void plant_catch_up(void)
{
    const int64_t now_ns = monotonic_ns() - board.start_ns;
    int steps = 0;
    while (board.plant_ns + PLANT_STEP_NS <= now_ns) {
        if (steps == PLANT_MAX_CATCH_UP_STEPS) {
            const int64_t behind = (now_ns - board.plant_ns) / PLANT_STEP_NS;
            board.skipped_steps += (uint64_t)behind;
            board.plant_ns += behind * PLANT_STEP_NS;
            return;
        }
        plant_step(&board.plant);
        board.plant_ns += PLANT_STEP_NS;
        steps++;
    }
}

static void hang_up(void)
{
    if (board.stop == HOST_RUNNING) {
        board.stop = HOST_HUNG_UP;
    }
}

static int install_signals(char *error, size_t error_capacity)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGTERM);
    sigaddset(&stops, SIGINT);
    sigset_t previous;
    if (sigaction(SIGTERM, &action, NULL) != 0 || sigaction(SIGINT, &action, NULL) != 0
        || sigprocmask(SIG_BLOCK, &stops, &previous) != 0) {
        snprintf(error, error_capacity, "cannot install the SIGTERM/SIGINT handlers: %s", strerror(errno));
        return -1;
    }
    board.wait_mask = previous;
    sigdelset(&board.wait_mask, SIGTERM);
    sigdelset(&board.wait_mask, SIGINT);
    return 0;
}

int host_board_open(const struct host_options *options, char *error, size_t error_capacity)
{
    const int fd = open(options->tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(error, error_capacity, "--tty %s: cannot open it: %s", options->tty, strerror(errno));
        return -1;
    }
    struct termios mode;
    if (tcgetattr(fd, &mode) != 0) {
        snprintf(error, error_capacity, "--tty %s: not a terminal (%s); give the slave side of a pseudo-terminal",
            options->tty, strerror(errno));
        close(fd);
        return -1;
    }
    cfmakeraw(&mode);
    mode.c_cflag |= CLOCAL | CREAD;
    if (tcsetattr(fd, TCSANOW, &mode) != 0) {
        snprintf(error, error_capacity, "--tty %s: cannot set raw mode: %s", options->tty, strerror(errno));
        close(fd);
        return -1;
    }
    board.fd = fd;
    if (install_signals(error, error_capacity) != 0) {
        host_board_close();
        return -1;
    }
    if (options->plant == PLANT_CARTPOLE) {
        plant_init_cartpole(&board.plant, options->initial_angle_rad, PLANT_STEP_S);
    } else {
        plant_init_motors(&board.plant, options->joints, MOTOR_INERTIA_KG_M2, MOTOR_DAMPING_NM_S_PER_RAD,
            PLANT_STEP_S);
    }
    board.boot_count = options->boot_count;
    board.temperature_centi_c = options->temperature_centi_c;
    board.start_ns = monotonic_ns();
    board.plant_ns = 0;
    board.stop = HOST_RUNNING;
    return 0;
}

enum host_stop host_board_stopped(void)
{
    if (board.stop == HOST_RUNNING && stop_signal != 0) {
        board.stop = HOST_SIGNALLED;
    }
    return board.stop;
}

int host_board_signal(void)
{
    return (int)stop_signal;
}

uint64_t host_board_dropped_bytes(void)
{
    return board.dropped_bytes;
}

uint64_t host_board_skipped_steps(void)
{
    return board.skipped_steps;
}

void host_board_close(void)
{
    if (board.fd >= 0) {
        close(board.fd);
        board.fd = -1;
    }
}

/* ---- board.h ---- */

uint32_t board_time_us(void)
{
    return (uint32_t)((monotonic_ns() - board.start_ns) / NS_PER_US);
}

size_t board_link_read(uint8_t *buf, size_t cap)
{
    const ssize_t got = read(board.fd, buf, cap);
    if (got > 0) {
        return (size_t)got;
    }
    if (got == 0 || (errno != EAGAIN && errno != EINTR)) {
        hang_up(); /* end of file or EIO: the other side closed the terminal */
    }
    return 0;
}

void board_link_write(const uint8_t *buf, size_t len)
{
    size_t done = 0;
    int waits = 0;
    while (done < len && board.stop != HOST_HUNG_UP) {
        const ssize_t wrote = write(board.fd, buf + done, len - done);
        if (wrote > 0) {
            done += (size_t)wrote;
        } else if (wrote < 0 && errno == EINTR) {
            continue;
        } else if (wrote < 0 && errno == EAGAIN && waits < WRITE_WAIT_MS) {
            struct pollfd writable = {.fd = board.fd, .events = POLLOUT};
            poll(&writable, 1, 1);
            waits++;
        } else if (wrote < 0 && errno == EAGAIN) {
            break; /* the other side stopped reading: a real line would lose these bytes too */
        } else {
            hang_up();
        }
    }
    board.dropped_bytes += len - done;
}

void board_read_joints(float *position, float *velocity, float *effort, uint8_t count)
{
    plant_catch_up();
    for (uint8_t i = 0; i < count && i < BRIDGE_MAX_JOINTS; i++) {
        const int simulated = i < board.plant.joint_count;
        position[i] = simulated ? (float)board.plant.q[i] : 0.0f;
        velocity[i] = simulated ? (float)board.plant.qd[i] : 0.0f;
        effort[i] = simulated ? board.plant.effort[i] : 0.0f;
    }
}

void board_apply_efforts(const float *effort, uint8_t count)
{
    plant_catch_up();
    for (uint8_t i = 0; i < count && i < board.plant.joint_count; i++) {
        board.plant.effort[i] = effort[i];
    }
}

int16_t board_temperature_centi_c(void)
{
    return board.temperature_centi_c;
}

uint32_t board_boot_count(void)
{
    return board.boot_count;
}

uint32_t board_capabilities(void)
{
    return BRIDGE_CAP_EFFORT | BRIDGE_CAP_PD | BRIDGE_CAP_DAMPING | BRIDGE_CAP_SIMULATED;
}

void board_wait(uint32_t max_us)
{
    struct pollfd readable = {.fd = board.fd, .events = POLLIN};
    const struct timespec timeout = {.tv_sec = (time_t)(max_us / 1000000u),
        .tv_nsec = (long)(max_us % 1000000u) * 1000L};
    const int ready = ppoll(&readable, 1, &timeout, &board.wait_mask);
    if (ready > 0 && (readable.revents & (POLLHUP | POLLERR | POLLNVAL)) && !(readable.revents & POLLIN)) {
        hang_up();
    }
}
