/*
 * sparring-firmware: the reference firmware as a host process on a pseudo-terminal (docs/firmware.md).
 *
 *   sparring-firmware --tty PATH [--plant cartpole|motors] [--joints N] [--initial-angle RAD] [--boot-count N]
 *                     [--temperature-c C]
 *
 * Exit status: 0 after SIGTERM, SIGINT or a hangup of the terminal (outputs left safe), 2 for a usage error.
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
#define PI 3.14159265358979323846

static const char USAGE[] = "usage: sparring-firmware --tty PATH [--plant cartpole|motors] [--joints N] "
    "[--initial-angle RAD] [--boot-count N] [--temperature-c C]";
static const char USAGE_OPTIONS[] = "is not an option (options: --tty PATH, --plant cartpole|motors, --joints N, "
    "--initial-angle RAD, --boot-count N, --temperature-c C, --help)";

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

static int parse_options(int argc, char **argv, struct host_options *options)
{
    int joints_given = 0;
    double number = 0.0;
    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        if (strcmp(option, "--help") == 0) {
            printf("%s\n", USAGE);
            exit(0);
        }
        if (strncmp(option, "--", 2) != 0 || (strcmp(option, "--tty") != 0 && strcmp(option, "--plant") != 0
            && strcmp(option, "--joints") != 0 && strcmp(option, "--initial-angle") != 0
            && strcmp(option, "--boot-count") != 0 && strcmp(option, "--temperature-c") != 0)) {
            return usage_error(option, NULL, USAGE_OPTIONS);
        }
        if (i + 1 >= argc) {
            return usage_error(option, NULL, "needs a value");
        }
        const char *value = argv[++i];
        if (strcmp(option, "--tty") == 0) {
            options->tty = value;
        } else if (strcmp(option, "--plant") == 0) {
            if (strcmp(value, "cartpole") == 0) {
                options->plant = PLANT_CARTPOLE;
            } else if (strcmp(value, "motors") == 0) {
                options->plant = PLANT_MOTORS;
            } else {
                return usage_error(option, value, "unknown plant (cartpole or motors)");
            }
        } else if (strcmp(option, "--joints") == 0) {
            if (parse_integer(option, value, 1, PLANT_MAX_JOINTS, &number) != 0) {
                return -1;
            }
            options->joints = (uint8_t)number;
            joints_given = 1;
        } else if (strcmp(option, "--initial-angle") == 0) {
            if (parse_double(option, value, -PI, PI, &options->initial_angle_rad) != 0) {
                return -1;
            }
        } else if (strcmp(option, "--boot-count") == 0) {
            if (parse_integer(option, value, 0, UINT32_MAX, &number) != 0) {
                return -1;
            }
            options->boot_count = (uint32_t)number;
        } else if (parse_double(option, value, INT16_MIN / 100.0, INT16_MAX / 100.0, &number) != 0) {
            return -1;
        } else {
            options->temperature_centi_c = (int16_t)lround(number * 100.0);
        }
    }
    if (options->tty == NULL) {
        return usage_error("--tty PATH", NULL, "is required (the slave side of a pseudo-terminal, e.g. /dev/pts/3)");
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
        .plant = PLANT_CARTPOLE,
        .joints = DEFAULT_MOTOR_JOINTS,
        .initial_angle_rad = DEFAULT_INITIAL_ANGLE_RAD,
        .boot_count = 1,
        .temperature_centi_c = DEFAULT_TEMPERATURE_CENTI_C,
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
    fprintf(stderr, "sparring-firmware: %u.%u.%u on %s, plant %s, boot %lu\n", FW_VERSION_MAJOR, FW_VERSION_MINOR,
        FW_VERSION_PATCH, options.tty, plant_name(options.plant), (unsigned long)options.boot_count);
    uint32_t control_due_us = board_time_us();
    while (host_board_stopped() == HOST_RUNNING) {
        uint8_t bytes[READ_CHUNK];
        const size_t got = board_link_read(bytes, sizeof bytes);
        fw_receive(&fw, bytes, got);
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
        fprintf(stderr, "sparring-firmware: %s hung up (the host closed it); outputs safe, exiting\n", options.tty);
    } else {
        fprintf(stderr, "sparring-firmware: stopped by signal %d; outputs safe\n", host_board_signal());
    }
    fprintf(stderr, "sparring-firmware: frames %lu, CRC errors %lu, sequence gaps %lu, dropped %lu (oversize %lu), "
        "bytes not sent %llu, plant steps skipped %llu\n", (unsigned long)fw.frames_received,
        (unsigned long)fw.crc_errors, (unsigned long)fw.sequence_gaps, (unsigned long)fw.frames_dropped,
        (unsigned long)fw.frames_oversize, (unsigned long long)host_board_dropped_bytes(),
        (unsigned long long)host_board_skipped_steps());
    host_board_close();
    return 0;
}
