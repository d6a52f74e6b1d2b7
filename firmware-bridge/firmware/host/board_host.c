#define _GNU_SOURCE /* ppoll, cfmakeraw, ptsname_r */
#include "board_host.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
    int fd;                     /* the link: --tty's terminal, or the master of --pty's pseudo-terminal */
    int pty_slave;              /* --pty: our own slave descriptor, held so the master never reads EIO; else -1 */
    const char *pty_link;
    char terminal[PATH_MAX];
    struct plant plant;
    int64_t start_ns;
    int64_t plant_ns;
    uint32_t boot_count;
    int16_t temperature_centi_c;
    sigset_t wait_mask;         /* the mask ppoll waits with: SIGTERM, SIGINT and SIGUSR1 unblocked */
    enum host_stop stop;
    uint32_t corrupt_every;
    uint32_t drop_every;
    uint64_t frames_sent;       /* frames handed to board_link_write since start (one call per frame) */
    uint8_t corrupted[BRIDGE_MAX_ENCODED + 1u];
    struct host_counters counters;
} board = {.fd = -1, .pty_slave = -1};

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t emergency_stop_requested;

static void on_stop_signal(int number)
{
    stop_signal = number;
}

static void on_emergency_stop_signal(int number)
{
    (void)number;
    emergency_stop_requested = 1;
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
    if (board.plant.held) {
        board.plant_ns += (now_ns - board.plant_ns) / PLANT_STEP_NS * PLANT_STEP_NS; /* held: time passes, no motion */
        return;
    }
    int steps = 0;
    while (board.plant_ns + PLANT_STEP_NS <= now_ns) {
        if (steps == PLANT_MAX_CATCH_UP_STEPS) {
            const int64_t behind = (now_ns - board.plant_ns) / PLANT_STEP_NS;
            board.counters.skipped_steps += (uint64_t)behind;
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
    struct sigaction stop;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = on_stop_signal;
    sigemptyset(&stop.sa_mask);
    struct sigaction emergency = stop;
    emergency.sa_handler = on_emergency_stop_signal;
    sigset_t handled;
    sigemptyset(&handled);
    sigaddset(&handled, SIGTERM);
    sigaddset(&handled, SIGINT);
    sigaddset(&handled, SIGUSR1);
    sigset_t previous;
    /* blocked but while waiting in ppoll: a handler never interrupts the core, the main loop acts on its flag */
    if (sigaction(SIGTERM, &stop, NULL) != 0 || sigaction(SIGINT, &stop, NULL) != 0
        || sigaction(SIGUSR1, &emergency, NULL) != 0 || sigprocmask(SIG_BLOCK, &handled, &previous) != 0) {
        snprintf(error, error_capacity, "cannot install the SIGTERM/SIGINT/SIGUSR1 handlers: %s", strerror(errno));
        return -1;
    }
    board.wait_mask = previous;
    sigdelset(&board.wait_mask, SIGTERM);
    sigdelset(&board.wait_mask, SIGINT);
    sigdelset(&board.wait_mask, SIGUSR1);
    return 0;
}

/* Raw mode (cfmakeraw, CLOCAL, CREAD) on a terminal; -1 with the reason in error. */
static int set_raw(int fd, const char *option, const char *path, char *error, size_t error_capacity)
{
    struct termios mode;
    if (tcgetattr(fd, &mode) != 0) {
        snprintf(error, error_capacity, "%s %s: not a terminal (%s); give the slave side of a pseudo-terminal",
            option, path, strerror(errno));
        return -1;
    }
    cfmakeraw(&mode);
    mode.c_cflag |= CLOCAL | CREAD;
    if (tcsetattr(fd, TCSANOW, &mode) != 0) {
        snprintf(error, error_capacity, "%s %s: cannot set raw mode: %s", option, path, strerror(errno));
        return -1;
    }
    return 0;
}

static int open_tty(const char *tty, char *error, size_t error_capacity)
{
    const int fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(error, error_capacity, "--tty %s: cannot open it: %s", tty, strerror(errno));
        return -1;
    }
    board.fd = fd;
    snprintf(board.terminal, sizeof board.terminal, "%s", tty);
    return set_raw(fd, "--tty", tty, error, error_capacity);
}

/* Makes a pseudo-terminal (raw, the master non-blocking as the link), keeps a slave descriptor open and points the
 * symbolic link at the slave (made beside it, then renamed over it: a host never sees the link half made). */
static int open_pty(const char *link, char *error, size_t error_capacity)
{
    struct stat existing;
    if (lstat(link, &existing) == 0 && !S_ISLNK(existing.st_mode)) {
        snprintf(error, error_capacity, "--pty %s: exists and is not a symbolic link; not replacing it (remove it "
            "or choose another path)", link);
        return -1;
    }
    const int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0) {
        snprintf(error, error_capacity, "--pty %s: cannot create a pseudo-terminal: %s", link, strerror(errno));
        return -1;
    }
    board.fd = master;
    if (grantpt(master) != 0 || unlockpt(master) != 0
        || ptsname_r(master, board.terminal, sizeof board.terminal) != 0
        || fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK) != 0) {
        snprintf(error, error_capacity, "--pty %s: cannot set up the pseudo-terminal: %s", link, strerror(errno));
        return -1;
    }
    board.pty_slave = open(board.terminal, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (board.pty_slave < 0) {
        snprintf(error, error_capacity, "--pty %s: cannot open the slave %s: %s", link, board.terminal,
            strerror(errno));
        return -1;
    }
    if (set_raw(board.pty_slave, "--pty", link, error, error_capacity) != 0) {
        return -1;
    }
    char staged[PATH_MAX];
    if (snprintf(staged, sizeof staged, "%s.%ld.new", link, (long)getpid()) >= (int)sizeof staged) {
        snprintf(error, error_capacity, "--pty %s: the path is too long", link);
        return -1;
    }
    unlink(staged);
    if (symlink(board.terminal, staged) != 0 || rename(staged, link) != 0) {
        snprintf(error, error_capacity, "--pty %s: cannot link it to %s: %s", link, board.terminal, strerror(errno));
        unlink(staged);
        return -1;
    }
    board.pty_link = link;
    return 0;
}

int host_board_open(const struct host_options *options, char *error, size_t error_capacity)
{
    const int opened = options->pty_link != NULL ? open_pty(options->pty_link, error, error_capacity)
        : open_tty(options->tty, error, error_capacity);
    if (opened != 0 || install_signals(error, error_capacity) != 0) {
        host_board_close();
        return -1;
    }
    if (options->plant == PLANT_CARTPOLE) {
        plant_init_cartpole(&board.plant, options->initial_angle_rad, PLANT_STEP_S);
    } else {
        plant_init_motors(&board.plant, options->joints, MOTOR_INERTIA_KG_M2, MOTOR_DAMPING_NM_S_PER_RAD,
            PLANT_STEP_S);
    }
    board.plant.held = options->hold_until_active ? 1u : 0u;
    board.boot_count = options->boot_count;
    board.temperature_centi_c = options->temperature_centi_c;
    board.corrupt_every = options->corrupt_every;
    board.drop_every = options->drop_every;
    board.start_ns = monotonic_ns();
    board.plant_ns = 0;
    board.stop = HOST_RUNNING;
    return 0;
}

const char *host_board_terminal(void)
{
    return board.terminal;
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

int host_board_take_emergency_stop(void)
{
    /* SIGUSR1 is blocked outside ppoll, so no signal lands between the test and the reset */
    if (emergency_stop_requested == 0) {
        return 0;
    }
    emergency_stop_requested = 0;
    return 1;
}

void host_board_release_plant(void)
{
    if (board.plant.held) {
        plant_catch_up(); /* the held time passes without motion */
        board.plant.held = 0;
    }
}

void host_board_reboot(void)
{
    plant_catch_up(); /* the physics up to the reset, with the efforts of before */
    const int64_t now_ns = monotonic_ns();
    board.plant_ns -= now_ns - board.start_ns; /* the plant's time stays aligned with the restarted clock */
    board.start_ns = now_ns;
    for (uint8_t i = 0; i < PLANT_MAX_JOINTS; i++) {
        board.plant.effort[i] = 0.0f; /* a reset MCU's drive outputs are off until the core drives them */
    }
    board.boot_count++;
}

struct host_counters host_board_counters(void)
{
    return board.counters;
}

void host_board_close(void)
{
    if (board.pty_link != NULL) {
        char target[PATH_MAX];
        const ssize_t length = readlink(board.pty_link, target, sizeof target - 1u);
        if (length >= 0) {
            target[length] = '\0';
            if (strcmp(target, board.terminal) == 0) {
                unlink(board.pty_link); /* not when another firmware has taken the link over since */
            }
        }
        board.pty_link = NULL;
    }
    if (board.pty_slave >= 0) {
        close(board.pty_slave);
        board.pty_slave = -1;
    }
    if (board.fd >= 0) {
        close(board.fd);
        board.fd = -1;
    }
}

/* Changes the COBS data byte nearest the middle of an encoded frame (length bytes, the last its delimiter) to another
 * non-zero value: the delimiters and the COBS code bytes stay, so the frame still decodes, to its length, and fails
 * its CRC (CRC-16 detects every single-byte error). Every frame has a data byte: its type is not zero. */
static void corrupt_middle(uint8_t *frame, size_t length)
{
    const size_t encoded = length - 1u;
    uint8_t is_code[BRIDGE_MAX_ENCODED + 1u] = {0};
    for (size_t at = 0; at < encoded; at += frame[at]) {
        is_code[at] = 1; /* COBS code bytes are never 0 */
    }
    const size_t middle = encoded / 2u;
    for (size_t distance = 0; distance <= middle; distance++) {
        const size_t candidates[2] = {middle + distance, middle - distance};
        for (unsigned k = 0; k < 2u; k++) {
            const size_t at = candidates[k];
            if (at < encoded && !is_code[at]) {
                frame[at] = frame[at] == 0xFFu ? 0x01u : (uint8_t)(frame[at] + 1u);
                return;
            }
        }
    }
}

static void write_all(const uint8_t *buf, size_t len)
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
    board.counters.dropped_bytes += len - done;
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

/* The core writes each frame, delimiter included, in one call: the fault injection counts calls as frames. */
void board_link_write(const uint8_t *buf, size_t len)
{
    board.frames_sent++;
    if (board.drop_every != 0 && board.frames_sent % board.drop_every == 0) {
        board.counters.frames_dropped++;
        return;
    }
    if (board.corrupt_every != 0 && board.frames_sent % board.corrupt_every == 0 && len >= 2u
        && len <= sizeof board.corrupted) {
        memcpy(board.corrupted, buf, len);
        corrupt_middle(board.corrupted, len);
        board.counters.frames_corrupted++;
        write_all(board.corrupted, len);
        return;
    }
    write_all(buf, len);
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
