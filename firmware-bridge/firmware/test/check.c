#include "check.h"

#include <math.h>
#include <stdio.h>

static unsigned checks;
static unsigned failures;
static unsigned tests;
static const char *current_test = "?";

static void fail_header(const char *file, int line)
{
    failures++;
    fprintf(stderr, "FAIL %s (%s:%d): ", current_test, file, line);
}

void check_true(int ok, const char *text, const char *file, int line)
{
    checks++;
    if (!ok) {
        fail_header(file, line);
        fprintf(stderr, "%s\n", text);
    }
}

void check_equal(long long actual, long long expected, const char *actual_text, const char *expected_text,
    const char *file, int line)
{
    checks++;
    if (actual != expected) {
        fail_header(file, line);
        fprintf(stderr, "%s = %lld, expected %s = %lld\n", actual_text, actual, expected_text, expected);
    }
}

void check_near(double actual, double expected, double tolerance, const char *text, const char *file, int line)
{
    checks++;
    if (!(fabs(actual - expected) <= tolerance)) {
        fail_header(file, line);
        fprintf(stderr, "%s = %.17g, expected %.17g within %.3g\n", text, actual, expected, tolerance);
    }
}

void run_test(const char *name, void (*test)(void))
{
    current_test = name;
    tests++;
    test();
}

int check_summary(const char *suite)
{
    fprintf(stderr, "%s: %u tests, %u checks, %u failed\n", suite, tests, checks, failures);
    return failures == 0 ? 0 : 1;
}
