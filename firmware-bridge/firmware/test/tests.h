/* The test suites of fw-tests (test_main.c runs them all). */
#ifndef SPARRING_TESTS_H
#define SPARRING_TESTS_H

void protocol_tests(void);
void firmware_tests(void);
void plant_tests(void);

#endif
