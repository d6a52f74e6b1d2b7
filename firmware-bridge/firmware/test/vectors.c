#include "vectors.h"

#include <stdio.h>
#include <string.h>

static struct vector table[VECTORS_MAX];
static unsigned count;

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static int parse_hex(const char *text, uint8_t *out, size_t *length)
{
    *length = 0;
    if (strcmp(text, "-") == 0) {
        return 0;
    }
    const size_t digits = strlen(text);
    if (digits % 2 != 0 || digits / 2 > VECTOR_MAX_BYTES) {
        return -1;
    }
    for (size_t i = 0; i < digits; i += 2) {
        const int high = hex_digit(text[i]);
        const int low = hex_digit(text[i + 1]);
        if (high < 0 || low < 0) {
            return -1;
        }
        out[(*length)++] = (uint8_t)(high << 4 | low);
    }
    return 0;
}

int vectors_load(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fprintf(stderr, "cannot read test vectors %s (pass firmware-bridge/protocol/test-vectors.txt)\n", path);
        return -1;
    }
    static char line[4096];
    static char name[64];
    static char input[2048];
    static char output[2048];
    unsigned number = 0;
    count = 0;
    while (fgets(line, sizeof line, file) != NULL) {
        number++;
        if (line[0] == '#' || line[0] == '\n') {
            continue;
        }
        struct vector *v = &table[count];
        if (count == VECTORS_MAX || sscanf(line, "%63s %2047s %2047s", name, input, output) != 3
            || strlen(name) >= sizeof v->name || parse_hex(input, v->input, &v->input_length) != 0
            || parse_hex(output, v->output, &v->output_length) != 0) {
            fprintf(stderr, "%s:%u: not a test vector line (name input-hex output-hex)\n", path, number);
            fclose(file);
            return -1;
        }
        strcpy(v->name, name);
        count++;
    }
    fclose(file);
    return (int)count;
}

unsigned vectors_count(void)
{
    return count;
}

const struct vector *vectors_at(unsigned index)
{
    return &table[index];
}

const struct vector *vectors_find(const char *name)
{
    for (unsigned i = 0; i < count; i++) {
        if (strcmp(table[i].name, name) == 0) {
            return &table[i];
        }
    }
    return NULL;
}
