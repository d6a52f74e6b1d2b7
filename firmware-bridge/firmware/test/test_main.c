/* fw-tests VECTORS: the firmware's C unit tests; VECTORS is firmware-bridge/protocol/test-vectors.txt. */
#include <stdio.h>

#include "check.h"
#include "tests.h"
#include "vectors.h"

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: fw-tests firmware-bridge/protocol/test-vectors.txt\n");
        return 2;
    }
    if (vectors_load(argv[1]) < 0) {
        return 2;
    }
    protocol_tests();
    firmware_tests();
    plant_tests();
    return check_summary("fw-tests");
}
