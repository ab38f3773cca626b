/* units.h: human-readable figures for messages and reports.
 * GB = 1e9 bytes, GiB = 2^30 bytes (DESIGN: never "GB" for GiB). */
#ifndef SHARDLAB_CORE_UNITS_H
#define SHARDLAB_CORE_UNITS_H

#include <stddef.h>

#define BYTES_PER_GB 1e9
#define BYTES_PER_GIB 1073741824.0

/* name_index: the index of `name` in names[0..n-1] (an enum's name
 * table), or -1; the one lookup behind the *_parse functions. */
int name_index(const char *const *names, int n, const char *name);

/* piecewise_linear: y at `at` through n >= 1 samples (x[] increasing,
 * y[]): linear between samples, extended by the last segment's slope
 * above them, y[0] at and below x[0].  The step-time curve of serving.h
 * and disagg.h (a decode step at a running batch). */
double piecewise_linear(const double *x, const double *y, int n, double at);

/* fmt_bytes: "141.1 GB" (decimal) into buf[n]; returns buf. */
char *fmt_bytes(double bytes, char *buf, size_t n);

/* fmt_gib: "79.19 GiB" into buf[n]; returns buf. */
char *fmt_gib(double bytes, char *buf, size_t n);

/* fmt_seconds: "1.24 s", "35.2 ms", "12.0 us" into buf[n]; returns buf. */
char *fmt_seconds(double s, char *buf, size_t n);

/* fmt_count: "70.55e9" style engineering for large counts, "1,234" for
 * integers below 1e7, into buf[n]; returns buf. */
char *fmt_count(double x, char *buf, size_t n);

/* fmt_int: an integer with thousands separators ("40,960"). */
char *fmt_int(double x, char *buf, size_t n);

/* fmt_rate: a rate with its unit, the one format of every front end's
 * text: "8.83 req/s" below 100, "8,049.8 req/s" and "2,261.4 tok/s" above
 * (thousands separators and one decimal, never "8049.77"; no decimal from
 * 1e7 up). */
char *fmt_rate(double x, const char *unit, char *buf, size_t n);

/* fmt_rate_number: fmt_rate's number alone ("8,049.8", "8.83", "-" when
 * not finite), for a figure's band. */
char *fmt_rate_number(double x, char *buf, size_t n);

#endif
