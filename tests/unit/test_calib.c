/* test_calib.c: the calibration-parameter table (calib-params.c). */
#include <string.h>

#include "core/bands.h"
#include "core/calib-params.h"
#include "core/fields.h"
#include "helpers.h"
#include "test.h"

TEST(calib_params_table_is_well_formed)
{
	int n = calib_param_count();
	EXPECT_TRUE(n >= 4);
	for (int i = 0; i < n; i++) {
		const CalibParamDef *d = calib_param_def(i);
		EXPECT_TRUE(d->name && *d->name && d->field && *d->field);
		EXPECT_TRUE(d->help && *d->help && d->def_source && *d->def_source && d->unit);
		EXPECT_TRUE(d->kind < CALIB_KIND_COUNT);
		EXPECT_TRUE(d->min > 0 && d->min < d->max);
		EXPECT_TRUE(d->offset + sizeof(double) <= sizeof(Scenario));
		EXPECT_EQ(calib_param_find(d->name), i);
		for (int j = 0; j < i; j++)
			EXPECT_TRUE(strcmp(calib_param_def(j)->name, d->name) != 0);
	}
	EXPECT_EQ(calib_param_find("compute-fraction"), calib_param_find("compute_fraction"));
	EXPECT_EQ(calib_param_find("no_such_parameter"), -1);
}

/* Every shipped cluster and runtime's defaults lie inside the bounds a
 * fit keeps to (a default outside would be clamped by the first fit). */
TEST(calib_params_defaults_within_bounds)
{
	static const char *const clusters[] = { "a100x8", "b200x8", "h100x16", "h100x8", "h200x8",
		"l4x1", "mi300x8", "t4x1" };
	static const char *const runtimes[] = { "vllm", "sglang", "trtllm" };
	char why[64];

	for (size_t c = 0; c < sizeof clusters / sizeof *clusters; c++)
		for (size_t r = 0; r < sizeof runtimes / sizeof *runtimes; r++) {
			Scenario s;
			char cl[64], rt[64];
			snprintf(cl, sizeof cl, "cluster=%s", clusters[c]);
			snprintf(rt, sizeof rt, "runtime=%s", runtimes[r]);
			scenario_from(&s, "model=llama-3-8b", cl, rt, NULL);
			for (int i = 0; i < calib_param_count(); i++) {
				const CalibParamDef *d = calib_param_def(i);
				double v = calib_param_get(&s, i);
				if (!(v >= d->min && v <= d->max))
					test_fail(__FILE__, __LINE__, "%s %s: %s = %g outside %g..%g",
					    clusters[c], runtimes[r], d->name, v, d->min, d->max);
				/* set within bounds round-trips; outside is refused */
				EXPECT_EQ(calib_param_set(&s, i, v, why, sizeof why), 0);
				EXPECT_EQ(calib_param_get(&s, i), v);
				EXPECT_EQ(calib_param_set(&s, i, d->max * 2, why, sizeof why), -1);
				EXPECT_EQ(calib_param_get(&s, i), v);
			}
		}
}

TEST(calib_params_reach_the_scenario)
{
	Scenario s;
	char why[64];
	scenario_from(&s, "model=llama-3-8b", "cluster=h100x8", NULL);
	int cf = calib_param_find("compute_fraction"), fl = calib_param_find("kernel_floor_s");
	int ie = calib_param_find("intra_efficiency");
	EXPECT_EQ(calib_param_get(&s, cf), 0.80);       /* presets/gpus/h100-sxm.lua */
	EXPECT_EQ(calib_param_set(&s, cf, 0.6, why, sizeof why), 0);
	EXPECT_EQ(s.cluster.gpu.compute_fraction, 0.6);
	EXPECT_EQ(calib_param_set(&s, fl, 7e-6, why, sizeof why), 0);
	EXPECT_EQ(s.runtime.kernel_floor_s, 7e-6);
	EXPECT_EQ(calib_param_set(&s, ie, 0.5, why, sizeof why), 0);
	EXPECT_EQ(s.cluster.intra.efficiency, 0.5);
	EXPECT_EQ(calib_param_set(&s, cf, 1.5, why, sizeof why), -1);
	EXPECT_STR_CONTAINS(why, "0.2..1");
}

/* ---- error bands (core/bands.h) ---------------------------------------- */

/* Every latency and throughput figure of eval carries a band kind (the
 * field table's column): seconds and rates in latency, throughput and
 * serving, but the breakdowns and counts. */
TEST(bands_every_latency_and_throughput_figure)
{
	for (int i = 0; i < field_count(); i++) {
		const ResultField *f = &field_table[i];
		bool timed = f->dim == DIM_SECONDS || f->dim == DIM_TOKENS_PER_S || f->dim == DIM_REQ_PER_S;
		bool section = f->section == FSEC_LATENCY || f->section == FSEC_THROUGHPUT ||
		    f->section == FSEC_SERVING;
		bool exempt = strcmp(f->path, "serving.target_rps") == 0 ||
		    strcmp(f->path, "serving.at_target.rate_rps_per_replica") == 0;   /* inputs */
		if (timed && section && !exempt && f->band == BAND_NONE)
			test_fail(__FILE__, __LINE__, "%s has no band kind", f->path);
		if (f->band != BAND_NONE && (f->kind != FIELD_NUM || !section))
			test_fail(__FILE__, __LINE__, "%s: a band on a non-figure", f->path);
	}
}

/* A latency's band multiplies by the set's p10 and p90 of measured /
 * predicted; a rate's divides (the set is in time orientation). */
TEST(bands_orientation)
{
	Scenario s;
	Band t, r;
	scenario_from(&s, "model=llama-3-70b", "cluster=h100x8", "tp=8", NULL);
	const BandSet *b = band_set_for(&s, BAND_THROUGHPUT);
	EXPECT_TRUE(b != NULL);
	EXPECT_TRUE(b->rows >= BAND_MIN_ROWS && b->q10 <= b->q50 && b->q50 <= b->q90);
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, 2.0, &t), 0);
	EXPECT_NEAR(t.low, 2.0 * b->q10, 1e-12, "band_of, a latency");
	EXPECT_NEAR(t.high, 2.0 * b->q90, 1e-12, "band_of, a latency");
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, true, 1000.0, &r), 0);
	EXPECT_NEAR(r.low, 1000.0 / b->q90, 1e-12, "band_of, a rate");
	EXPECT_NEAR(r.high, 1000.0 / b->q10, 1e-12, "band_of, a rate");
	/* nonsense in, no band out */
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, NAN, &t), -1);
	EXPECT_EQ(band_of(&s, BAND_THROUGHPUT, false, -1, &t), -1);
	EXPECT_EQ(band_of(&s, BAND_NONE, false, 1, &t), -1);
	EXPECT_TRUE(t.set == NULL);
	/* MoE figures draw on the MoE sets */
	scenario_from(&s, "model=mixtral-8x7b", "cluster=h100x8", "tp=8", NULL);
	b = band_set_for(&s, BAND_THROUGHPUT);
	EXPECT_TRUE(b && b->cls == BAND_MOE);
	char text[160];
	EXPECT_STR_CONTAINS(band_set_text(b, text, sizeof text), "MoE throughput residuals");
}
