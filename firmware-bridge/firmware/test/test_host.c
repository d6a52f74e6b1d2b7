/*
 * host-tests FIRMWARE: the host build as a process, end to end on a pseudo-terminal this test creates: the boot
 * announcement, a handshake, the cart-pole falling under zero force, the watchdog's unsolicited FAULT, and the three
 * ways it ends (SIGTERM, the host closing the terminal, a usage error). Waits are bounded polls, never sleeps.
 */
#define _GNU_SOURCE /* openpty, pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "frames.h"

#define WAIT_MS 5000
#define WATCHDOG_MS 50u

static const char *firmware_path;

/* Bytes read from the terminal but not yet framed (one terminal at a time). */
static uint8_t pending[512];
static size_t pending_start;
static size_t pending_end;

struct child {
    pid_t pid;
    int master;       /* our side of the terminal, -1 when closed */
    int errors;       /* read end of the child's stderr */
    char stderr_text[4096];
};

static int64_t now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

static int64_t now_ms(void)
{
    return now_ns() / 1000000;
}

static int compare_ns(const void *a, const void *b)
{
    const int64_t x = *(const int64_t *)a;
    const int64_t y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* Starts the firmware with extra arguments (NULL-terminated); with a terminal when with_tty. */
static int start(struct child *c, int with_tty, const char *const *extra)
{
    memset(c, 0, sizeof *c);
    c->master = -1;
    pending_start = 0;
    pending_end = 0;
    int slave = -1;
    char slave_path[128] = "";
    if (with_tty && (openpty(&c->master, &slave, slave_path, NULL, NULL) != 0)) {
        fprintf(stderr, "openpty: %s\n", strerror(errno));
        return -1;
    }
    if (with_tty) {
        fcntl(c->master, F_SETFD, FD_CLOEXEC); /* else the child holds our side open and never sees a hangup */
        fcntl(slave, F_SETFD, FD_CLOEXEC);
    }
    int errors[2];
    if (pipe2(errors, O_CLOEXEC) != 0) {
        return -1;
    }
    const char *argv[16] = {firmware_path};
    int argc = 1;
    if (with_tty) {
        argv[argc++] = "--tty";
        argv[argc++] = slave_path;
    }
    for (int i = 0; extra[i] != NULL && argc < 15; i++) {
        argv[argc++] = extra[i];
    }
    argv[argc] = NULL;
    c->pid = fork();
    if (c->pid == 0) {
        dup2(errors[1], 2);
        execv(firmware_path, (char *const *)argv);
        _exit(127);
    }
    close(errors[1]);
    c->errors = errors[0];
    if (with_tty) {
        /* our slave stays open until the firmware has announced itself: a pty with no slave open reads EIO */
        struct pollfd readable = {.fd = c->master, .events = POLLIN};
        poll(&readable, 1, WAIT_MS);
        close(slave);
    }
    return 0;
}

/* Waits for the child to exit (bounded); returns its exit status, or -1 if it is still running after WAIT_MS. */
static int wait_exit(struct child *c)
{
    const int64_t deadline = now_ms() + WAIT_MS;
    size_t length = 0;
    for (;;) {
        int status = 0;
        if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
            ssize_t got;
            while (length + 1 < sizeof c->stderr_text
                && (got = read(c->errors, c->stderr_text + length, sizeof c->stderr_text - 1 - length)) > 0) {
                length += (size_t)got;
            }
            c->stderr_text[length] = '\0';
            close(c->errors);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        const int64_t left = deadline - now_ms();
        if (left <= 0) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
            return -1;
        }
        struct pollfd readable = {.fd = c->errors, .events = POLLIN};
        if (poll(&readable, 1, (int)(left < 20 ? left : 20)) > 0) { /* stderr closes when the child exits */
            const ssize_t got = read(c->errors, c->stderr_text + length, sizeof c->stderr_text - 1 - length);
            if (got > 0 && length + (size_t)got + 1 < sizeof c->stderr_text) {
                length += (size_t)got;
            }
        }
    }
}

/* Reads the next frame from the terminal within WAIT_MS: 1 when one arrived, 0 on timeout or a broken frame. */
static int read_frame(int master, uint8_t *type, uint8_t *payload, size_t *length)
{
    uint8_t encoded[BRIDGE_MAX_ENCODED + 1];
    size_t count = 0;
    const int64_t deadline = now_ms() + WAIT_MS;
    while (now_ms() < deadline) {
        if (pending_start == pending_end) {
            struct pollfd readable = {.fd = master, .events = POLLIN};
            if (poll(&readable, 1, (int)(deadline - now_ms())) <= 0) {
                continue;
            }
            const ssize_t got = read(master, pending, sizeof pending);
            if (got <= 0) {
                return 0;
            }
            pending_start = 0;
            pending_end = (size_t)got;
        }
        const uint8_t byte = pending[pending_start++];
        if (byte != 0) {
            if (count < sizeof encoded) {
                encoded[count++] = byte;
            }
            continue;
        }
        uint8_t frame[BRIDGE_MAX_FRAME];
        const size_t decoded = bridge_cobs_decode(encoded, count, frame, sizeof frame);
        if (decoded == (size_t)-1 || decoded < 8 || read_u16(frame + decoded - 2) != bridge_crc16(frame, decoded - 2)) {
            return 0;
        }
        *type = frame[0];
        *length = decoded - 8;
        memcpy(payload, frame + BRIDGE_HEADER_LENGTH, *length);
        return 1;
    }
    return 0;
}

static uint16_t host_sequence;

static void send_frame(int master, uint8_t type, const struct payload *p)
{
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(type, host_sequence++, p ? p->bytes : NULL, p ? p->length : 0, encoded);
    CHECK_EQ(write(master, encoded, length), (ssize_t)length);
}

/* Sends a frame and reads its answer, which must be of the expected type. */
static void exchange(int master, uint8_t type, const struct payload *p, uint8_t expected, uint8_t *answer)
{
    send_frame(master, type, p);
    uint8_t got = 0;
    size_t length = 0;
    CHECK(read_frame(master, &got, answer, &length));
    CHECK_EQ(got, expected);
}

static void runs_the_cartpole_on_a_pseudo_terminal_until_sigterm(void)
{
    const char *const extra[] = {"--boot-count", "5", "--initial-angle", "0.1", NULL};
    struct child c;
    if (start(&c, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    uint8_t type = 0;
    uint8_t answer[BRIDGE_MAX_PAYLOAD];
    size_t length = 0;
    CHECK(read_frame(c.master, &type, answer, &length));
    CHECK_EQ(type, BRIDGE_HELLO_REPLY);
    CHECK_EQ(read_u32(answer + 16), 5);
    CHECK_EQ(read_u32(answer + 8) & BRIDGE_CAP_SIMULATED, BRIDGE_CAP_SIMULATED);

    host_sequence = 0;
    struct payload hello = {.length = 0};
    payload_u16(&hello, BRIDGE_PROTOCOL_VERSION);
    payload_u16(&hello, 0);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, answer);
    struct payload configure = {.length = 0};
    payload_u32(&configure, 2u | (BRIDGE_CONTROL_EFFORT << 8) | (BRIDGE_SAFE_DAMPING << 16));
    payload_u16(&configure, WATCHDOG_MS);
    payload_u16(&configure, 0);
    payload_f32(&configure, 0.5f);
    const float joints[8] = {-2.4f, 2.4f, 5.0f, 10.0f, -3.5f, 3.5f, 20.0f, 0.0f};
    for (unsigned i = 0; i < 8; i++) {
        payload_f32(&configure, joints[i]);
    }
    exchange(c.master, BRIDGE_CONFIGURE, &configure, BRIDGE_STATE, answer);
    CHECK_EQ(answer[10], BRIDGE_MODE_READY);
    struct payload command = {.length = 0};
    payload_u32(&command, 2);
    for (unsigned i = 0; i < 10; i++) {
        payload_f32(&command, 0.0f);
    }
    /* zero force while the pole falls from 0.1 rad: its angle grows, its velocity is positive */
    float angle = 0.1f;
    uint32_t last_command_time_us = 0;
    int64_t round_trip_ns[200];
    for (unsigned i = 0; i < 200; i++) {
        const int64_t sent_ns = now_ns();
        exchange(c.master, BRIDGE_COMMAND, &command, BRIDGE_STATE, answer);
        round_trip_ns[i] = now_ns() - sent_ns;
        CHECK_EQ(answer[10], BRIDGE_MODE_ACTIVE);
        CHECK(read_f32(answer + 24 + 12) >= angle);
        angle = read_f32(answer + 24 + 12);
        last_command_time_us = read_u32(answer);
    }
    qsort(round_trip_ns, 200, sizeof round_trip_ns[0], compare_ns);
    fprintf(stderr, "host-tests: COMMAND -> STATE round trip over the pty (200, not paced): p50 %lld us, p99 %lld us, "
        "max %lld us\n", (long long)round_trip_ns[100] / 1000, (long long)round_trip_ns[197] / 1000,
        (long long)round_trip_ns[199] / 1000);
    CHECK(angle > 0.1f);
    CHECK(read_f32(answer + 24 + 16) > 0.0f);
    CHECK_EQ(read_u32(answer + 16), 0); /* CRC errors */
    CHECK_EQ(read_u32(answer + 20), 0); /* sequence gaps */

    /* commands stop: the unsolicited FAULT WATCHDOG comes after the timeout, stamped with the firmware's time */
    CHECK(read_frame(c.master, &type, answer, &length));
    CHECK_EQ(type, BRIDGE_FAULT);
    CHECK_EQ(answer[0], BRIDGE_FAULT_WATCHDOG);
    CHECK_EQ(answer[1], BRIDGE_MODE_SAFE);
    const uint32_t tripped_after_us = read_u32(answer + 4) - last_command_time_us;
    CHECK(tripped_after_us > WATCHDOG_MS * 1000u);
    CHECK(tripped_after_us < WATCHDOG_MS * 1000u + 100000u);
    fprintf(stderr, "host-tests: watchdog tripped %u us after the last command (timeout %u ms)\n",
        tripped_after_us, WATCHDOG_MS);

    kill(c.pid, SIGTERM);
    CHECK_EQ(wait_exit(&c), 0);
    CHECK(strstr(c.stderr_text, "stopped by signal") != NULL);
    close(c.master);
}

static void exits_cleanly_when_the_host_closes_the_terminal(void)
{
    const char *const extra[] = {"--plant", "motors", "--joints", "3", NULL};
    struct child c;
    if (start(&c, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    uint8_t type = 0;
    uint8_t answer[BRIDGE_MAX_PAYLOAD];
    size_t length = 0;
    CHECK(read_frame(c.master, &type, answer, &length));
    CHECK_EQ(type, BRIDGE_HELLO_REPLY);
    close(c.master);
    CHECK_EQ(wait_exit(&c), 0);
    CHECK(strstr(c.stderr_text, "hung up") != NULL);
}

static void usage_errors_name_the_option_and_exit_2(void)
{
    const char *const missing_tty[] = {NULL};
    const char *const bad_joints[] = {"--tty", "/dev/null", "--plant", "motors", "--joints", "9", NULL};
    const char *const no_such_tty[] = {"--tty", "/nonexistent/tty", NULL};
    const char *const unknown[] = {"--speed", "3", NULL};
    const char *const *cases[] = {missing_tty, bad_joints, no_such_tty, unknown};
    const char *named[] = {"--tty", "--joints 9", "--tty /nonexistent/tty", "--speed"};
    for (unsigned i = 0; i < 4; i++) {
        struct child c;
        if (start(&c, 0, cases[i]) != 0) {
            CHECK(!"could not start the firmware");
            return;
        }
        CHECK_EQ(wait_exit(&c), 2);
        CHECK(strstr(c.stderr_text, named[i]) != NULL);
        CHECK(strchr(c.stderr_text, '\n') == c.stderr_text + strlen(c.stderr_text) - 1); /* one line */
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: host-tests PATH/TO/sparring-firmware\n");
        return 2;
    }
    firmware_path = argv[1];
    RUN(runs_the_cartpole_on_a_pseudo_terminal_until_sigterm);
    RUN(exits_cleanly_when_the_host_closes_the_terminal);
    RUN(usage_errors_name_the_option_and_exit_2);
    return check_summary("host-tests");
}
