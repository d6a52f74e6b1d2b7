/*
 * A minimal test harness: checks count and report failures with file and line, tests are plain functions run by
 * RUN, and the runner's exit status says whether any check failed.
 */
#ifndef SPARRING_CHECK_H
#define SPARRING_CHECK_H

#include <stdint.h>

#define CHECK(condition) check_true((condition) != 0, #condition, __FILE__, __LINE__)
#define CHECK_EQ(actual, expected) \
    check_equal((long long)(actual), (long long)(expected), #actual, #expected, __FILE__, __LINE__)
#define CHECK_NEAR(actual, expected, tolerance) \
    check_near((double)(actual), (double)(expected), (double)(tolerance), #actual, __FILE__, __LINE__)
#define RUN(test) run_test(#test, test)

void check_true(int ok, const char *text, const char *file, int line);
void check_equal(long long actual, long long expected, const char *actual_text, const char *expected_text,
    const char *file, int line);
void check_near(double actual, double expected, double tolerance, const char *text, const char *file, int line);
void run_test(const char *name, void (*test)(void));
/* Prints the totals; returns the process exit status (0 when every check passed). */
int check_summary(const char *suite);

#endif
