/*
 * host-tests FIRMWARE FIRMWARE_PROTOCOL2: the host build as a process, end to end on a pseudo-terminal this test
 * creates or the firmware makes (--pty): the boot announcement, a handshake, the cart-pole falling under zero force,
 * the watchdog's unsolicited FAULT, the e-stop input (SIGUSR1), the fault injection (--corrupt-every, --drop-every),
 * a reboot (--restart-after-ms), a build of protocol version 2, and the ways it ends (SIGTERM, the host closing the
 * terminal, a usage error). Waits are bounded polls, never sleeps.
 */
#define _GNU_SOURCE /* openpty, pipe2, mkdtemp */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "frames.h"

#define WAIT_MS 5000
#define WATCHDOG_MS 50u
#define WATCHDOG_MAX_MS 60000u

static const char *firmware_path;
static const char *protocol2_firmware_path;

/* Bytes read from the terminal but not yet framed (one terminal at a time). */
static uint8_t pending[512];
static size_t pending_start;
static size_t pending_end;

struct child {
    pid_t pid;
    int master;       /* our side of the terminal, -1 when closed */
    int errors;       /* read end of the child's stderr */
    char stderr_text[4096];
    size_t stderr_length;
};

/* What read_frame found. */
enum frame_read {
    FRAME_BAD_CRC = -2,   /* valid COBS, the CRC does not match */
    FRAME_BAD_COBS = -1,  /* not COBS, or shorter than a header and CRC */
    FRAME_TIMEOUT = 0,
    FRAME_OK = 1
};

struct frame {
    uint8_t type;
    uint16_t sequence;
    size_t length;        /* of the payload; with FRAME_BAD_CRC too */
    uint8_t payload[BRIDGE_MAX_PAYLOAD];
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

/* Starts firmware with extra arguments (NULL-terminated); with a terminal this test makes (--tty) when with_tty. */
static int start(struct child *c, const char *firmware, int with_tty, const char *const *extra)
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
    const char *argv[20] = {firmware};
    int argc = 1;
    if (with_tty) {
        argv[argc++] = "--tty";
        argv[argc++] = slave_path;
    }
    for (int i = 0; extra[i] != NULL && argc < 19; i++) {
        argv[argc++] = extra[i];
    }
    argv[argc] = NULL;
    c->pid = fork();
    if (c->pid == 0) {
        dup2(errors[1], 2);
        execv(firmware, (char *const *)argv);
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

/* Reads what the child wrote on stderr within wait_ms (0: only what is there): 1 when some arrived, 0 when none,
 * -1 when its stderr has closed (or the buffer is full). */
static int read_stderr(struct child *c, int wait_ms)
{
    if (c->stderr_length + 1 >= sizeof c->stderr_text) {
        return -1;
    }
    struct pollfd readable = {.fd = c->errors, .events = POLLIN};
    if (poll(&readable, 1, wait_ms) <= 0) {
        return 0;
    }
    const ssize_t got = read(c->errors, c->stderr_text + c->stderr_length,
        sizeof c->stderr_text - 1 - c->stderr_length);
    if (got <= 0) {
        return -1;
    }
    c->stderr_length += (size_t)got;
    c->stderr_text[c->stderr_length] = '\0';
    return 1;
}

/* Waits (bounded) until the child's stderr contains text; 1 when it does. */
static int wait_stderr(struct child *c, const char *text)
{
    const int64_t deadline = now_ms() + WAIT_MS;
    while (strstr(c->stderr_text, text) == NULL) {
        const int64_t left = deadline - now_ms();
        if (left <= 0 || read_stderr(c, (int)left) < 0) {
            return 0;
        }
    }
    return 1;
}

/* Waits for the child to exit (bounded); returns its exit status, or -1 if it is still running after WAIT_MS. */
static int wait_exit(struct child *c)
{
    const int64_t deadline = now_ms() + WAIT_MS;
    for (;;) {
        int status = 0;
        if (waitpid(c->pid, &status, WNOHANG) == c->pid) {
            while (read_stderr(c, 0) > 0) {
                continue; /* the rest of what it wrote */
            }
            close(c->errors);
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        const int64_t left = deadline - now_ms();
        if (left <= 0) {
            kill(c->pid, SIGKILL);
            waitpid(c->pid, &status, 0);
            close(c->errors);
            return -1;
        }
        if (read_stderr(c, (int)(left < 20 ? left : 20)) < 0) { /* stderr closes when the child exits */
            struct pollfd none = {.fd = -1};
            poll(&none, 0, 1);
        }
    }
}

/* Forgets bytes read from the previous terminal. */
static void new_terminal(void)
{
    pending_start = 0;
    pending_end = 0;
}

/* Reads the next frame from the terminal within WAIT_MS. */
static enum frame_read read_frame(int master, struct frame *f)
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
                return FRAME_TIMEOUT;
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
        uint8_t decoded[BRIDGE_MAX_FRAME];
        const size_t length = bridge_cobs_decode(encoded, count, decoded, sizeof decoded);
        if (length == (size_t)-1 || length < 8) {
            return FRAME_BAD_COBS;
        }
        f->type = decoded[0];
        f->sequence = read_u16(decoded + BRIDGE_OFFSET_SEQUENCE);
        f->length = length - 8;
        memcpy(f->payload, decoded + BRIDGE_HEADER_LENGTH, f->length);
        return read_u16(decoded + length - 2) == bridge_crc16(decoded, length - 2) ? FRAME_OK : FRAME_BAD_CRC;
    }
    return FRAME_TIMEOUT;
}

static uint16_t host_sequence;

static void send_frame(int master, uint8_t type, const struct payload *p)
{
    uint8_t encoded[BRIDGE_MAX_ENCODED + 16];
    const size_t length = encode_frame(type, host_sequence++, p ? p->bytes : NULL, p ? p->length : 0, encoded);
    CHECK_EQ(write(master, encoded, length), (ssize_t)length);
}

/* Sends a frame and reads its answer, which must be a good frame of the expected type. */
static void exchange(int master, uint8_t type, const struct payload *p, uint8_t expected, struct frame *answer)
{
    send_frame(master, type, p);
    CHECK_EQ(read_frame(master, answer), FRAME_OK);
    CHECK_EQ(answer->type, expected);
}

static struct payload hello_payload(uint16_t version)
{
    struct payload hello = {.length = 0};
    payload_u16(&hello, version);
    payload_u16(&hello, 0);
    return hello;
}

/* Effort control, damping safe mode (kd 0.5); limits holds (position min, position max, velocity max, effort max)
 * for each of joints joints. */
static struct payload configure_payload(uint8_t joints, uint16_t watchdog_ms, const float *limits)
{
    struct payload configure = {.length = 0};
    payload_u32(&configure, joints | (BRIDGE_CONTROL_EFFORT << 8) | (BRIDGE_SAFE_DAMPING << 16));
    payload_u16(&configure, watchdog_ms);
    payload_u16(&configure, 0);
    payload_f32(&configure, 0.5f);
    for (unsigned i = 0; i < 4u * joints; i++) {
        payload_f32(&configure, limits[i]);
    }
    return configure;
}

/* An effort COMMAND: every joint's effort, the rest zero. */
static struct payload command_payload(uint8_t joints, float effort)
{
    struct payload command = {.length = 0};
    payload_u32(&command, joints);
    for (unsigned i = 0; i < joints; i++) {
        const float fields[5] = {0.0f, 0.0f, effort, 0.0f, 0.0f};
        for (unsigned k = 0; k < 5; k++) {
            payload_f32(&command, fields[k]);
        }
    }
    return command;
}

static const float CARTPOLE_LIMITS[8] = {-2.4f, 2.4f, 5.0f, 10.0f, -3.5f, 3.5f, 20.0f, 0.0f};

/* Reads the boot HELLO_REPLY, then HELLO and CONFIGURE (the cart-pole's two joints): READY. */
static void greet_and_configure_cartpole(int master, uint16_t watchdog_ms, struct frame *answer)
{
    CHECK_EQ(read_frame(master, answer), FRAME_OK);
    CHECK_EQ(answer->type, BRIDGE_HELLO_REPLY);
    host_sequence = 0;
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    exchange(master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, answer);
    const struct payload configure = configure_payload(2, watchdog_ms, CARTPOLE_LIMITS);
    exchange(master, BRIDGE_CONFIGURE, &configure, BRIDGE_STATE, answer);
    CHECK_EQ(answer->payload[10], BRIDGE_MODE_READY);
}

/* SIGTERM, a clean exit; 1 when its stderr has text. */
static int stop_and_find(struct child *c, const char *text)
{
    kill(c->pid, SIGTERM);
    CHECK_EQ(wait_exit(c), 0);
    CHECK(strstr(c->stderr_text, "stopped by signal") != NULL);
    if (c->master >= 0) {
        close(c->master);
        c->master = -1;
    }
    return strstr(c->stderr_text, text) != NULL;
}

static void runs_the_cartpole_on_a_pseudo_terminal_until_sigterm(void)
{
    const char *const extra[] = {"--boot-count", "5", "--initial-angle", "0.1", NULL};
    struct child c;
    if (start(&c, firmware_path, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
    CHECK_EQ(read_u32(answer.payload + 16), 5);
    CHECK_EQ(read_u32(answer.payload + 8) & BRIDGE_CAP_SIMULATED, BRIDGE_CAP_SIMULATED);

    host_sequence = 0;
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
    const struct payload configure = configure_payload(2, WATCHDOG_MS, CARTPOLE_LIMITS);
    exchange(c.master, BRIDGE_CONFIGURE, &configure, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_READY);
    const struct payload command = command_payload(2, 0.0f);
    /* zero force while the pole falls from 0.1 rad: its angle grows, its velocity is positive */
    float angle = 0.1f;
    uint32_t last_command_time_us = 0;
    int64_t round_trip_ns[200];
    for (unsigned i = 0; i < 200; i++) {
        const int64_t sent_ns = now_ns();
        exchange(c.master, BRIDGE_COMMAND, &command, BRIDGE_STATE, &answer);
        round_trip_ns[i] = now_ns() - sent_ns;
        CHECK_EQ(answer.payload[10], BRIDGE_MODE_ACTIVE);
        CHECK(read_f32(answer.payload + 24 + 12) >= angle);
        angle = read_f32(answer.payload + 24 + 12);
        last_command_time_us = read_u32(answer.payload);
    }
    qsort(round_trip_ns, 200, sizeof round_trip_ns[0], compare_ns);
    fprintf(stderr, "host-tests: COMMAND -> STATE round trip over the pty (200, not paced): p50 %lld us, p99 %lld us, "
        "max %lld us\n", (long long)round_trip_ns[100] / 1000, (long long)round_trip_ns[197] / 1000,
        (long long)round_trip_ns[199] / 1000);
    CHECK(angle > 0.1f);
    CHECK(read_f32(answer.payload + 24 + 16) > 0.0f);
    CHECK_EQ(read_u32(answer.payload + 16), 0); /* CRC errors */
    CHECK_EQ(read_u32(answer.payload + 20), 0); /* sequence gaps */

    /* commands stop: the unsolicited FAULT WATCHDOG comes after the timeout, stamped with the firmware's time */
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_FAULT);
    CHECK_EQ(answer.payload[0], BRIDGE_FAULT_WATCHDOG);
    CHECK_EQ(answer.payload[1], BRIDGE_MODE_SAFE);
    const uint32_t tripped_after_us = read_u32(answer.payload + 4) - last_command_time_us;
    CHECK(tripped_after_us > WATCHDOG_MS * 1000u);
    CHECK(tripped_after_us < WATCHDOG_MS * 1000u + 100000u);
    fprintf(stderr, "host-tests: watchdog tripped %u us after the last command (timeout %u ms)\n",
        tripped_after_us, WATCHDOG_MS);
    stop_and_find(&c, "");
}

static void exits_cleanly_when_the_host_closes_the_terminal(void)
{
    const char *const extra[] = {"--plant", "motors", "--joints", "3", NULL};
    struct child c;
    if (start(&c, firmware_path, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
    close(c.master);
    CHECK_EQ(wait_exit(&c), 0);
    CHECK(strstr(c.stderr_text, "hung up") != NULL);
}

/* --pty: the firmware makes the pseudo-terminal, links LINK to its slave (replacing a symbolic link there), keeps
 * running while no host has the slave open, and removes the link at exit. */
static void makes_its_own_pseudo_terminal_behind_a_link_and_outlives_its_hosts(void)
{
    char directory[] = "/tmp/host-tests.XXXXXX";
    CHECK(mkdtemp(directory) != NULL);
    char link[PATH_MAX];
    snprintf(link, sizeof link, "%s/link", directory);
    CHECK_EQ(symlink("/nonexistent/stale", link), 0);
    const char *const extra[] = {"--pty", link, NULL};
    struct child c;
    if (start(&c, firmware_path, 0, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    CHECK(wait_stderr(&c, "linked from"));
    char target[PATH_MAX] = "";
    const ssize_t target_length = readlink(link, target, sizeof target - 1);
    CHECK(target_length > 0 && strncmp(target, "/dev/pts/", 9) == 0);
    CHECK(strstr(c.stderr_text, target) != NULL);

    struct frame answer;
    for (unsigned host = 0; host < 2; host++) {
        const int fd = open(link, O_RDWR | O_NOCTTY | O_CLOEXEC);
        CHECK(fd >= 0);
        new_terminal();
        if (host == 0) { /* the boot HELLO_REPLY waited in the terminal for the first host */
            CHECK_EQ(read_frame(fd, &answer), FRAME_OK);
            CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
        }
        host_sequence = 0;
        const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
        exchange(fd, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
        exchange(fd, BRIDGE_HEARTBEAT, NULL, BRIDGE_STATE, &answer);
        CHECK_EQ(answer.payload[10], BRIDGE_MODE_IDLE);
        close(fd); /* not a hangup: the firmware holds a slave descriptor of its own */
    }
    CHECK(waitpid(c.pid, NULL, WNOHANG) == 0);
    stop_and_find(&c, "");
    struct stat gone;
    CHECK(lstat(link, &gone) != 0 && errno == ENOENT);
    CHECK_EQ(rmdir(directory), 0);
}

static void pty_never_replaces_a_file_that_is_not_a_link(void)
{
    char directory[] = "/tmp/host-tests.XXXXXX";
    CHECK(mkdtemp(directory) != NULL);
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/regular", directory);
    const int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
    CHECK(fd >= 0);
    CHECK_EQ(write(fd, "keep", 4), 4);
    close(fd);
    const char *const extra[] = {"--pty", path, NULL};
    struct child c;
    if (start(&c, firmware_path, 0, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    CHECK_EQ(wait_exit(&c), 2);
    CHECK(strstr(c.stderr_text, "is not a symbolic link") != NULL);
    CHECK(strstr(c.stderr_text, path) != NULL);
    struct stat kept;
    CHECK(lstat(path, &kept) == 0 && S_ISREG(kept.st_mode) && kept.st_size == 4);
    CHECK_EQ(unlink(path), 0);
    CHECK_EQ(rmdir(directory), 0);
}

/* --corrupt-every 3: frames 3 and 6 (the boot HELLO_REPLY is frame 1) arrive whole, COBS intact, with a bad CRC. */
static void corrupts_one_byte_of_every_nth_frame_keeping_its_framing(void)
{
    const char *const extra[] = {"--corrupt-every", "3", NULL};
    struct child c;
    if (start(&c, firmware_path, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    host_sequence = 0;
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
    for (unsigned frame = 3; frame <= 7; frame++) {
        send_frame(c.master, BRIDGE_HEARTBEAT, NULL);
        const enum frame_read got = read_frame(c.master, &answer);
        CHECK_EQ(got, frame % 3 == 0 ? FRAME_BAD_CRC : FRAME_OK);
        CHECK_EQ(answer.length, BRIDGE_STATE_LENGTH(0)); /* the corrupted byte is data, never a COBS code */
        if (got == FRAME_OK) {
            CHECK_EQ(answer.type, BRIDGE_STATE);
            CHECK_EQ(answer.sequence, frame - 1); /* numbered as sent: a changed frame, not a missing one */
        }
    }
    CHECK(stop_and_find(&c, "frames corrupted 2, frames not sent 0"));
}

/* --drop-every 2: frames 2 and 4 never arrive; the host sees the gap in the sequence numbers. */
static void drops_every_nth_frame(void)
{
    const char *const extra[] = {"--drop-every", "2", NULL};
    struct child c;
    if (start(&c, firmware_path, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.sequence, 0);
    host_sequence = 0;
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    send_frame(c.master, BRIDGE_HELLO, &hello);        /* its HELLO_REPLY is frame 2: dropped */
    exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.sequence, 2);
    send_frame(c.master, BRIDGE_HEARTBEAT, NULL);      /* frame 4: dropped */
    exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.sequence, 4);
    CHECK(stop_and_find(&c, "frames corrupted 0, frames not sent 2"));
}

/* --restart-after-ms: an MCU reset on an open link: a new boot announced unsolicited, the clock from 0, the
 * configuration gone, the motor still where the physics took it (not back at rest at 0). */
static void reboots_once_announcing_a_new_boot_and_keeping_the_plant(void)
{
    const char *const extra[] = {"--plant", "motors", "--joints", "1", "--boot-count", "4", "--restart-after-ms",
        "300", NULL};
    struct child c;
    if (start(&c, firmware_path, 1, extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
    CHECK_EQ(read_u32(answer.payload + 16), 4);
    host_sequence = 0;
    const struct payload hello = hello_payload(BRIDGE_PROTOCOL_VERSION);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
    const float limits[4] = {-1000.0f, 1000.0f, 100.0f, 5.0f};
    const struct payload configure = configure_payload(1, WATCHDOG_MAX_MS, limits);
    exchange(c.master, BRIDGE_CONFIGURE, &configure, BRIDGE_STATE, &answer);
    const struct payload command = command_payload(1, 1.0f);
    exchange(c.master, BRIDGE_COMMAND, &command, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_ACTIVE);
    /* 1 N m on J = 0.01, b = 0.1: past 0.05 rad after about 35 ms, long before the reboot at 300 ms */
    float position = 0.0f;
    uint32_t clock_before_us = 0;
    int64_t asked_before_ns = 0;
    const int64_t deadline = now_ms() + WAIT_MS;
    while (position <= 0.05f && now_ms() < deadline && answer.type == BRIDGE_STATE) {
        asked_before_ns = now_ns();
        exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_STATE, &answer);
        CHECK_EQ(read_u32(answer.payload + 4), 4);
        clock_before_us = read_u32(answer.payload);
        position = read_f32(answer.payload + 24);
    }
    CHECK(position > 0.05f);

    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK); /* unsolicited */
    CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
    CHECK_EQ(answer.sequence, 0);
    CHECK_EQ(read_u32(answer.payload + 16), 5);
    exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_FAULT, &answer); /* a new boot wants a new HELLO */
    CHECK_EQ(answer.payload[0], BRIDGE_FAULT_VERSION_MISMATCH);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
    exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_STATE, &answer);
    /* The clock restarted from 0. Had it gone on, it would now read at least clock_before_us plus the time since
     * that state was asked for; the reboot at 300 ms put it 300 ms behind that, however slow the host was. */
    const int64_t since_asked_us = (now_ns() - asked_before_ns) / 1000;
    CHECK((int64_t)read_u32(answer.payload) < (int64_t)clock_before_us + since_asked_us - 150000);
    CHECK_EQ(read_u32(answer.payload + 4), 5);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_IDLE);
    exchange(c.master, BRIDGE_CONFIGURE, &configure, BRIDGE_STATE, &answer);
    CHECK(read_f32(answer.payload + 24) >= position);   /* coasting on from where it was */
    CHECK(read_f32(answer.payload + 24 + 4) > 0.0f);
    CHECK(stop_and_find(&c, "rebooting after 300 ms"));
}

/* SIGUSR1, the board's e-stop input: an unsolicited FAULT ESTOP, then ESTOP held until CLEAR. */
static void sigusr1_is_the_emergency_stop_input(void)
{
    const char *const no_extra[] = {NULL};
    struct child c;
    if (start(&c, firmware_path, 1, no_extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    greet_and_configure_cartpole(c.master, WATCHDOG_MAX_MS, &answer);
    const struct payload command = command_payload(2, 0.0f);
    const uint16_t command_sequence = host_sequence;
    exchange(c.master, BRIDGE_COMMAND, &command, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_ACTIVE);

    kill(c.pid, SIGUSR1);
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_FAULT);
    CHECK_EQ(answer.payload[0], BRIDGE_FAULT_ESTOP);
    CHECK_EQ(answer.payload[1], BRIDGE_MODE_ESTOP);
    CHECK_EQ(read_u16(answer.payload + 2), command_sequence);
    exchange(c.master, BRIDGE_COMMAND, &command, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_ESTOP);
    CHECK_EQ(read_u16(answer.payload + 12), 1u << (BRIDGE_FAULT_ESTOP - 1u));
    exchange(c.master, BRIDGE_CLEAR, NULL, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_READY);
    CHECK(stop_and_find(&c, "emergency stop (SIGUSR1)"));
}

/* The protocol-2 build announces version 2, refuses a version-1 host's requests, and still stops on ESTOP. */
static void a_protocol_2_build_refuses_a_version_1_host_but_stops_on_estop(void)
{
    const char *const no_extra[] = {NULL};
    struct child c;
    if (start(&c, protocol2_firmware_path, 1, no_extra) != 0) {
        CHECK(!"could not start the firmware");
        return;
    }
    struct frame answer;
    CHECK_EQ(read_frame(c.master, &answer), FRAME_OK);
    CHECK_EQ(answer.type, BRIDGE_HELLO_REPLY);
    CHECK_EQ(read_u16(answer.payload), 2);
    host_sequence = 0;
    const struct payload hello = hello_payload(1);
    exchange(c.master, BRIDGE_HELLO, &hello, BRIDGE_HELLO_REPLY, &answer);
    CHECK_EQ(read_u16(answer.payload), 2);
    exchange(c.master, BRIDGE_HEARTBEAT, NULL, BRIDGE_FAULT, &answer);
    CHECK_EQ(answer.payload[0], BRIDGE_FAULT_VERSION_MISMATCH);
    exchange(c.master, BRIDGE_ESTOP, NULL, BRIDGE_STATE, &answer);
    CHECK_EQ(answer.payload[10], BRIDGE_MODE_ESTOP);
    stop_and_find(&c, "");
}

static void usage_errors_name_the_option_and_exit_2(void)
{
    const char *const missing_tty[] = {NULL};
    const char *const bad_joints[] = {"--tty", "/dev/null", "--plant", "motors", "--joints", "9", NULL};
    const char *const no_such_tty[] = {"--tty", "/nonexistent/tty", NULL};
    const char *const unknown[] = {"--speed", "3", NULL};
    const char *const both[] = {"--tty", "/dev/null", "--pty", "/tmp/unused-link", NULL};
    const char *const never[] = {"--tty", "/dev/null", "--corrupt-every", "0", NULL};
    const char *const late[] = {"--tty", "/dev/null", "--restart-after-ms", "5000000", NULL};
    const char *const no_directory[] = {"--pty", "/nonexistent/link", NULL};
    const char *const *cases[] = {missing_tty, bad_joints, no_such_tty, unknown, both, never, late, no_directory};
    const char *named[] = {"--tty", "--joints 9", "--tty /nonexistent/tty", "--speed", "--tty and --pty",
        "--corrupt-every 0", "--restart-after-ms 5000000", "--pty /nonexistent/link"};
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct child c;
        if (start(&c, firmware_path, 0, cases[i]) != 0) {
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
    if (argc != 3) {
        fprintf(stderr, "usage: host-tests PATH/TO/sparring-firmware PATH/TO/sparring-firmware-protocol2\n");
        return 2;
    }
    firmware_path = argv[1];
    protocol2_firmware_path = argv[2];
    RUN(runs_the_cartpole_on_a_pseudo_terminal_until_sigterm);
    RUN(exits_cleanly_when_the_host_closes_the_terminal);
    RUN(makes_its_own_pseudo_terminal_behind_a_link_and_outlives_its_hosts);
    RUN(pty_never_replaces_a_file_that_is_not_a_link);
    RUN(corrupts_one_byte_of_every_nth_frame_keeping_its_framing);
    RUN(drops_every_nth_frame);
    RUN(reboots_once_announcing_a_new_boot_and_keeping_the_plant);
    RUN(sigusr1_is_the_emergency_stop_input);
    RUN(a_protocol_2_build_refuses_a_version_1_host_but_stops_on_estop);
    RUN(usage_errors_name_the_option_and_exit_2);
    return check_summary("host-tests");
}
