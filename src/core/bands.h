/* bands.h: honest error bands.  Every latency and throughput figure carries
 * a band (low, high) from the model's measured residuals for that kind of
 * figure: the reference set of published measurements (tests/unit/
 * test_crosscheck.c, docs/measurements.md) evaluated by `make accuracy`,
 * split by model class (dense, MoE), kind of figure (prefill, decode,
 * e2e, throughput, serving) and engine.  Each residual set keeps its quantiles of
 * measured / predicted in time orientation (a latency's ratio; a
 * throughput's is predicted / measured), and a figure's band is its value
 * times the set's p10 and p90 (divided, for throughputs).
 *
 * The sets are data, generated into bands.c by scripts/gen-bands from the
 * accuracy reporter (never edited by hand; tests/cli/bands.sh fails when
 * they are stale).  The field table names each figure's kind (fields.h
 * ResultField.band); JSON, Lua, the CLI, the TUI, --explain and the audit
 * all take the band from band_of.
 *
 * Pure: static const data and functions over const inputs. */
#ifndef SHARDLAB_CORE_BANDS_H
#define SHARDLAB_CORE_BANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario.h"

/* The kind of figure a band comes from (a field-table column). */
typedef enum {
	BAND_NONE,              /* no band: inputs, memory, counts, breakdowns */
	BAND_PREFILL,           /* TTFT and batch prefill on an idle deployment */
	BAND_DECODE,            /* TPOT */
	BAND_E2E,               /* a request's end-to-end latency */
	BAND_THROUGHPUT,        /* tokens/s, requests/s, capacity: rates at full load */
	BAND_SERVING,           /* latencies at a request rate (serving section) */
	BAND_KINDS
} BandKind;

/* Model classes; BAND_CLASS_ANY pools both. */
typedef enum { BAND_DENSE, BAND_MOE, BAND_CLASS_ANY, BAND_CLASSES } BandClass;

/* One residual set (a generated row of bands.c). */
typedef struct BandSet {
	BandClass cls;
	BandKind kind;
	const char *engine;     /* runtime profile name ("vllm"), or "" for every engine */
	int rows;               /* residuals in the set (fitted and held-out rows alike) */
	double q10, q50, q90;   /* quantiles of measured / predicted, time orientation */
} BandSet;

/* A band: the figure's range and the set it came from. */
typedef struct Band {
	double low, high;
	const BandSet *set;     /* NULL: no band */
} Band;

/* Sets with fewer rows than this are passed over for a wider one
 * (engine -> every engine -> both classes). */
#define BAND_MIN_ROWS 3

/* band_class_name: "dense", "MoE", "all". */
const char *band_class_name(BandClass c);

/* band_kind_name: "prefill", "decode", "e2e", "throughput", "serving"
 * (the reference set's kinds, tests/crosscheck/reference.h; "" for
 * BAND_NONE). */
const char *band_kind_name(BandKind k);

/* band_set_for: the residual set for a figure of kind k in scenario s:
 * its class and engine, else every engine, else both classes; NULL when
 * none has BAND_MIN_ROWS rows or k is BAND_NONE. */
const BandSet *band_set_for(const Scenario *s, BandKind k);

/* band_of: the band of a figure of kind k, value v (> 0, finite) and
 * direction higher_is_better (a throughput: the ratio divides) for s.
 * Returns 0 with *out filled, or -1 (no set, or v not a positive
 * number): out->set NULL. */
int band_of(const Scenario *s, BandKind k, bool higher_is_better, double v, Band *out);

/* band_set_text: "dense decode residuals, vllm (23 rows): measured/predicted
 * p10 0.93, median 1.04, p90 1.15" into buf[n]; returns buf. */
char *band_set_text(const BandSet *b, char *buf, size_t n);

/* band_count / band_set: the generated sets, for tests and the man page. */
int band_count(void);
const BandSet *band_set(int i);

#endif
