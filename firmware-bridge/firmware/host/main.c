/*
 * sparring-firmware: the reference firmware as a host process on a pseudo-terminal (docs/firmware.md).
 *
 *   sparring-firmware (--tty PATH | --pty LINK) [--plant cartpole|motors] [--joints N] [--initial-angle RAD]
 *                     [--boot-count N] [--temperature-c C] [--corrupt-every N] [--drop-every N]
 *                     [--restart-after-ms T]
 *
 * Exit status: 0 after SIGTERM, SIGINT or a hangup of the terminal (outputs left safe), 2 for a usage error.
 * SIGUSR1 is the board's e-stop input.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board.h"
#include "board_host.h"
#include "firmware.h"

#define EXIT_USAGE 2
#define READ_CHUNK 256u
#define DEFAULT_INITIAL_ANGLE_RAD 0.05 /* robots/cartpole.yaml sim.initial_state */
#define DEFAULT_TEMPERATURE_CENTI_C 2500
#define DEFAULT_MOTOR_JOINTS 2u
/* the clock wraps at 2^32 us (71.6 min): a restart must come before */
#define RESTART_AFTER_MAX_MS 4000000.0
#define US_PER_MS 1000u
#define PI 3.14159265358979323846

static const char USAGE[] = "usage: sparring-firmware (--tty PATH | --pty LINK) [--plant cartpole|motors] [--joints N] "
    "[--initial-angle RAD] [--boot-count N] [--temperature-c C] [--corrupt-every N] [--drop-every N] "
    "[--restart-after-ms T] [--hold-until-active]\n"
    "  --tty PATH             an existing terminal (the slave side of a pseudo-terminal) as the link\n"
    "  --pty LINK             make a pseudo-terminal and link LINK to its slave (removed at exit)\n"
    "  --plant cartpole|motors  the simulated joints (default cartpole)\n"
    "  --joints N             motors only, 1..8 (default 2)\n"
    "  --initial-angle RAD    the pole's angle at start (default 0.05)\n"
    "  --boot-count N         reported in HELLO_REPLY and STATE (default 1)\n"
    "  --temperature-c C      reported in STATE (default 25)\n"
    "  --corrupt-every N      tests: change one byte in the middle of every Nth frame sent (its CRC fails)\n"
    "  --drop-every N         tests: do not send every Nth frame (the host sees a sequence gap)\n"
    "  --restart-after-ms T   tests: reboot once at T ms (boot count + 1, clock from 0, plant state kept)\n"
    "  --hold-until-active    the plant stays at its start state until the firmware is first ACTIVE (a hand\n"
    "                         holding the pole up until the controller takes over)\n"
    "  SIGUSR1: the e-stop input; SIGTERM, SIGINT: safe state and exit";
static const char *const OPTIONS[] = {"--tty", "--pty", "--plant", "--joints", "--initial-angle", "--boot-count",
    "--temperature-c", "--corrupt-every", "--drop-every", "--restart-after-ms"};
static const char USAGE_OPTIONS[] = "is not an option (options: --tty PATH, --pty LINK, --plant cartpole|motors, "
    "--joints N, --initial-angle RAD, --boot-count N, --temperature-c C, --corrupt-every N, --drop-every N, "
    "--restart-after-ms T, --hold-until-active, --help)";

/* One line on stderr naming the option and what was wrong with it; returns -1. */
static int usage_error(const char *option, const char *value, const char *problem)
{
    if (value != NULL) {
        fprintf(stderr, "sparring-firmware: %s %s: %s\n", option, value, problem);
    } else {
        fprintf(stderr, "sparring-firmware: %s %s\n", option, problem);
    }
    return -1;
}

static int parse_double(const char *option, const char *text, double min, double max, double *out)
{
    char *end = NULL;
    errno = 0;
    const double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !isfinite(value) || value < min || value > max) {
        char range[96];
        snprintf(range, sizeof range, "must be a number in [%g, %g]", min, max);
        return usage_error(option, text, range);
    }
    *out = value;
    return 0;
}

static int parse_integer(const char *option, const char *text, double min, double max, double *out)
{
    if (parse_double(option, text, min, max, out) != 0) {
        return -1;
    }
    if (*out != floor(*out)) {
        return usage_error(option, text, "must be a whole number");
    }
    return 0;
}

static int is_option(const char *text)
{
    for (size_t i = 0; i < sizeof OPTIONS / sizeof OPTIONS[0]; i++) {
        if (strcmp(text, OPTIONS[i]) == 0) {
            return 1;
        }
    }
    return 0;
}

/* A whole number in [min, max] into *out (uint32_t); -1 after a usage error. */
static int parse_count(const char *option, const char *text, double min, double max, uint32_t *out)
{
    double number = 0.0;
    if (parse_integer(option, text, min, max, &number) != 0) {
        return -1;
    }
    *out = (uint32_t)number;
    return 0;
}

static int parse_options(int argc, char **argv, struct host_options *options)
{
    int joints_given = 0;
    double number = 0.0;
    uint32_t count = 0;
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--help") == 0) {
            printf("%s\n", USAGE);
            exit(0);
        }
        if (strcmp(option, "--hold-until-active") == 0) {
            options->hold_until_active = 1;
            continue;
        }
        if (!is_option(option)) {
            return usage_error(option, NULL, USAGE_OPTIONS);
        }
        if (i + 1 >= argc) {
            return usage_error(option, NULL, "needs a value");
        }
        const char *value = argv[++i];
        if (strcmp(option, "--tty") == 0) {
            options->tty = value;
        } else if (strcmp(option, "--pty") == 0) {
            options->pty_link = value;
        } else if (strcmp(option, "--plant") == 0) {
            if (strcmp(value, "cartpole") == 0) {
                options->plant = PLANT_CARTPOLE;
            } else if (strcmp(value, "motors") == 0) {
                options->plant = PLANT_MOTORS;
            } else {
                return usage_error(option, value, "unknown plant (cartpole or motors)");
            }
        } else if (strcmp(option, "--joints") == 0) {
            if (parse_count(option, value, 1, PLANT_MAX_JOINTS, &count) != 0) {
                return -1;
            }
            options->joints = (uint8_t)count;
            joints_given = 1;
        } else if (strcmp(option, "--initial-angle") == 0) {
            if (parse_double(option, value, -PI, PI, &options->initial_angle_rad) != 0) {
                return -1;
            }
        } else if (strcmp(option, "--boot-count") == 0) {
            if (parse_count(option, value, 0, UINT32_MAX, &options->boot_count) != 0) {
                return -1;
            }
        } else if (strcmp(option, "--corrupt-every") == 0) {
            if (parse_count(option, value, 1, UINT32_MAX, &options->corrupt_every) != 0) {
                return -1;
            }
        } else if (strcmp(option, "--drop-every") == 0) {
            if (parse_count(option, value, 1, UINT32_MAX, &options->drop_every) != 0) {
                return -1;
            }
        } else if (strcmp(option, "--restart-after-ms") == 0) {
            if (parse_count(option, value, 1, RESTART_AFTER_MAX_MS, &options->restart_after_ms) != 0) {
                return -1;
            }
        } else if (parse_double(option, value, INT16_MIN / 100.0, INT16_MAX / 100.0, &number) != 0) {
            return -1;
        } else {
            options->temperature_centi_c = (int16_t)lround(number * 100.0);
        }
    }
    if (options->tty != NULL && options->pty_link != NULL) {
        return usage_error("--tty and --pty", NULL, "exclude each other: give one (--tty PATH opens an existing "
            "terminal, --pty LINK makes a pseudo-terminal)");
    }
    if (options->tty == NULL && options->pty_link == NULL) {
        return usage_error("--tty PATH or --pty LINK", NULL, "is required (--tty: the slave side of a "
            "pseudo-terminal, e.g. /dev/pts/3; --pty: where to link the one this firmware makes)");
    }
    if (joints_given && options->plant == PLANT_CARTPOLE && options->joints != 2) {
        return usage_error("--joints", NULL, "applies to --plant motors only (the cart-pole has 2 joints)");
    }
    if (options->plant == PLANT_CARTPOLE) {
        options->joints = 2;
    }
    return 0;
}

static const char *plant_name(enum plant_kind plant)
{
    return plant == PLANT_CARTPOLE ? "cartpole" : "motors";
}

int main(int argc, char **argv)
{
    struct host_options options = {
        .tty = NULL,
        .pty_link = NULL,
        .plant = PLANT_CARTPOLE,
        .joints = DEFAULT_MOTOR_JOINTS,
        .initial_angle_rad = DEFAULT_INITIAL_ANGLE_RAD,
        .boot_count = 1,
        .temperature_centi_c = DEFAULT_TEMPERATURE_CENTI_C,
        .corrupt_every = 0,
        .drop_every = 0,
        .restart_after_ms = 0,
        .hold_until_active = 0,
    };
    if (parse_options(argc, argv, &options) != 0) {
        return EXIT_USAGE;
    }
    char error[512];
    if (host_board_open(&options, error, sizeof error) != 0) {
        fprintf(stderr, "sparring-firmware: %s\n", error);
        return EXIT_USAGE;
    }
    static struct firmware fw;
    fw_init(&fw);
    if (options.pty_link != NULL) {
        fprintf(stderr, "sparring-firmware: %u.%u.%u (protocol %u) on %s (linked from %s), plant %s, boot %lu\n",
            FW_VERSION_MAJOR, FW_VERSION_MINOR, FW_VERSION_PATCH, BRIDGE_PROTOCOL_VERSION, host_board_terminal(),
            options.pty_link, plant_name(options.plant), (unsigned long)options.boot_count);
    } else {
        fprintf(stderr, "sparring-firmware: %u.%u.%u (protocol %u) on %s, plant %s, boot %lu\n", FW_VERSION_MAJOR,
            FW_VERSION_MINOR, FW_VERSION_PATCH, BRIDGE_PROTOCOL_VERSION, options.tty, plant_name(options.plant),
            (unsigned long)options.boot_count);
    }
    int restart_pending = options.restart_after_ms > 0;
    uint32_t boot_count = options.boot_count;
    uint32_t control_due_us = board_time_us();
    while (host_board_stopped() == HOST_RUNNING) {
        if (host_board_take_emergency_stop()) {
            fw_emergency_stop(&fw, board_time_us());
            fprintf(stderr, "sparring-firmware: emergency stop (SIGUSR1): ESTOP latched, outputs safe\n");
        }
        if (restart_pending && board_time_us() >= options.restart_after_ms * US_PER_MS) {
            restart_pending = 0;
            host_board_reboot();
            boot_count++;
            fw_init(&fw);
            control_due_us = board_time_us();
            fprintf(stderr, "sparring-firmware: rebooting after %lu ms (--restart-after-ms): boot %lu, clock from 0, "
                "plant state kept\n", (unsigned long)options.restart_after_ms, (unsigned long)boot_count);
        }
        uint8_t bytes[READ_CHUNK];
        const size_t got = board_link_read(bytes, sizeof bytes);
        fw_receive(&fw, bytes, got);
        if (fw.mode == BRIDGE_MODE_ACTIVE) {
            host_board_release_plant();
        }
        const uint32_t now_us = board_time_us();
        if ((int32_t)(now_us - control_due_us) >= 0) {
            fw_control(&fw, now_us);
            control_due_us = now_us + FW_CONTROL_PERIOD_US;
        }
        if (got < sizeof bytes) {
            const int32_t remaining_us = (int32_t)(control_due_us - board_time_us());
            board_wait(remaining_us > 0 ? (uint32_t)remaining_us : 0u);
        }
    }
    fw_apply_safe_state(&fw);
    if (host_board_stopped() == HOST_HUNG_UP) {
        fprintf(stderr, "sparring-firmware: %s hung up (the host closed it); outputs safe, exiting\n",
            host_board_terminal());
    } else {
        fprintf(stderr, "sparring-firmware: stopped by signal %d; outputs safe\n", host_board_signal());
    }
    const struct host_counters counters = host_board_counters();
    fprintf(stderr, "sparring-firmware: frames %lu, CRC errors %lu, sequence gaps %lu, dropped %lu (oversize %lu), "
        "bytes not sent %llu, plant steps skipped %llu\n", (unsigned long)fw.frames_received,
        (unsigned long)fw.crc_errors, (unsigned long)fw.sequence_gaps, (unsigned long)fw.frames_dropped,
        (unsigned long)fw.frames_oversize, (unsigned long long)counters.dropped_bytes,
        (unsigned long long)counters.skipped_steps);
    if (options.corrupt_every != 0 || options.drop_every != 0) {
        fprintf(stderr, "sparring-firmware: fault injection: frames corrupted %llu, frames not sent %llu\n",
            (unsigned long long)counters.frames_corrupted, (unsigned long long)counters.frames_dropped);
    }
    host_board_close();
    return 0;
}
