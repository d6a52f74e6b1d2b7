/*
 * firmware-bridge/protocol/test-vectors.txt, loaded once: "name input-hex output-hex" per line, "-" for none.
 */
#ifndef SPARRING_VECTORS_H
#define SPARRING_VECTORS_H

#include <stddef.h>
#include <stdint.h>

#define VECTORS_MAX 32u
#define VECTOR_MAX_BYTES 512u

struct vector {
    char name[32];
    uint8_t input[VECTOR_MAX_BYTES];
    size_t input_length;
    uint8_t output[VECTOR_MAX_BYTES];
    size_t output_length;
};

/* Reads the file; returns the number of vectors, or -1 (with a message on stderr naming the file and line). */
int vectors_load(const char *path);
unsigned vectors_count(void);
const struct vector *vectors_at(unsigned index);
/* The vector named name, or NULL. */
const struct vector *vectors_find(const char *name);

#endif
