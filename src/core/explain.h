/* explain.h: provenance.  Every figure of a Result can say how it was
 * computed: the formula, the values that went in, and the term that
 * dominates.  The CLI's --explain, the TUI's Enter and the audit show the
 * same text.  Text is made on demand, so eval_run stays printf-free. */
#ifndef SHARDLAB_CORE_EXPLAIN_H
#define SHARDLAB_CORE_EXPLAIN_H

#include <stddef.h>

#include "eval.h"
#include "explain-fns.h"

/* explain_path: the i-th figure that can explain itself, by JSON path
 * ("memory.kv_bytes_per_token"), in field-table order; NULL past the last. */
const char *explain_path(int i);

/* explain_figure: the explanation of `path` for stage `stage` (-1: the
 * fullest stage for memory figures), into buf[n], several lines, no
 * trailing newline.  Returns 0, or -1 when the path is unknown or the
 * result is invalid (buf then holds the reason). */
int explain_figure(const Scenario *s, const Result *r, const char *path, int stage,
    char *buf, size_t n);

/* explain_value: the numeric value at `path` in r (any numeric figure of
 * the field table that the Result alone holds), into *out.  Returns 0, or
 * -1 when unknown. */
int explain_value(const Result *r, const char *path, double *out);

#endif
