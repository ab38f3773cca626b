/* fuzz.h: helpers of the libFuzzer targets in tests/fuzz (each defines
 * LLVMFuzzerTestOneInput; runner.c is the plain main() over files that
 * replaces libFuzzer where clang is missing). */
#ifndef SHARDLAB_FUZZ_H
#define SHARDLAB_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "catalog/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* fuzz_text: the input as a NUL-terminated string (caller frees); a NUL
 * byte inside ends it, as read_file refuses such files. */
char *fuzz_text(const uint8_t *data, size_t size);

/* fuzz_file: write the input to this process's scratch file ending in
 * `ext` (".lua", ".json"); returns its path (static storage). */
const char *fuzz_file(const uint8_t *data, size_t size, const char *ext);

/* fuzz_catalog: the source tree's presets (FUZZ_ROOT, or $SHARDLAB_PATH),
 * made once. */
const Catalog *fuzz_catalog(void);

#endif
