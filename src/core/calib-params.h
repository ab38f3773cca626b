/* calib-params.h: the one table of fit-able efficiency parameters.
 *
 * Each row is one named, bounded efficiency parameter of the performance
 * model (an achievable fraction of a datasheet peak, a fixed overhead):
 * its name (the key of a calibration preset, docs/PRESET-FORMAT.md), the
 * preset kind it lives in (gpu, runtime, or the cluster's intra-node
 * fabric) and that preset's field, where it sits in a Scenario, the bounds
 * a fit keeps it within, its unit, where its default comes from, and a
 * line of help.  `shardlab calibrate` fits these rows (and only these) to
 * a user's benchmark runs; calibration presets set them; the man page's
 * CALIBRATION section lists them.  Adding a parameter is one row in
 * calib-params.c.
 *
 * Pure: static const data and functions over Scenario values. */
#ifndef SHARDLAB_CORE_CALIB_PARAMS_H
#define SHARDLAB_CORE_CALIB_PARAMS_H

#include <stdbool.h>
#include <stddef.h>

#include "scenario.h"

/* Which preset a parameter's default comes from. */
typedef enum {
	CALIB_KIND_GPU,         /* presets/gpus/NAME.lua -> Scenario.cluster.gpu */
	CALIB_KIND_RUNTIME,     /* presets/runtimes/NAME.lua -> Scenario.runtime */
	CALIB_KIND_FABRIC,      /* presets/fabrics/NAME.lua (the intra-node one) -> Scenario.cluster.intra */
	CALIB_KIND_COUNT
} CalibKind;

typedef struct CalibParamDef {
	const char *name;       /* calibration-preset key: "compute_fraction" */
	CalibKind kind;
	const char *field;      /* the field of that preset kind: "compute_fraction" */
	size_t offset;          /* of the double in Scenario (offsetof) */
	size_t unset_offset;    /* nonzero: a 0 at offset means "this value" (the
	                           evaluation's fallback, e.g. compute_fraction) */
	double min, max;        /* bounds a fit and a calibration preset keep to */
	const char *unit;       /* "fraction", "s" */
	bool fit;               /* `shardlab calibrate` fits it by default */
	const char *def_source; /* where the default value comes from */
	const char *help;       /* one line: what it scales */
} CalibParamDef;

/* calib_param_count: rows in the table. */
int calib_param_count(void);

/* calib_param_def: row i (0 <= i < calib_param_count()). */
const CalibParamDef *calib_param_def(int i);

/* calib_param_find: the index of `name` (dashes read as underscores), or -1. */
int calib_param_find(const char *name);

/* calib_kind_name: "gpu", "runtime", "fabric". */
const char *calib_kind_name(CalibKind k);

/* calib_param_get: row i's value in s, as evaluation uses it (the unset_offset
 * value where the row holds 0). */
double calib_param_get(const Scenario *s, int i);

/* calib_param_set: store v as row i's value in s when it lies within the
 * row's bounds.  Returns 0, or -1 with "must be in MIN..MAX" in why[n]
 * (s unchanged). */
int calib_param_set(Scenario *s, int i, double v, char *why, size_t n);

#endif
