/* delta.c: differences between two evaluations; see delta.h. */
#include "delta.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/params.h"
#include "core/units.h"

/* Relative changes below this are noise from rounding, not a change. */
#define DELTA_EPSILON 5e-4

/* The figures compared, by field-table path (core/fields.h gives the
 * label, dimension and better direction). */
static const char *const compared[] = {
	"memory.per_gpu_bytes", "memory.weights_bytes", "memory.kv_cache_bytes",
	"memory.kv_bytes_per_token", "memory.kv_pool_bytes", "memory.max_concurrent_seqs",
	"latency.ttft_s", "latency.tpot_s", "latency.e2e_s", "throughput.tokens_per_s",
	"throughput.tokens_per_s_per_gpu", "throughput.requests_per_s", "throughput.mfu",
	"strategy.gpus",
};

#define N_COMPARED ((int)(sizeof compared / sizeof compared[0]))

/* Figures that lead the one-line summary, in this order. */
static const char *const summary_order[] = {
	"memory.kv_cache_bytes", "memory.weights_bytes", "latency.tpot_s", "latency.ttft_s",
	"throughput.tokens_per_s", "memory.max_concurrent_seqs", "memory.per_gpu_bytes",
};

static int
delta_kind(FieldDim d)
{
	switch (d) {
	case DIM_BYTES: return DELTA_BYTES;
	case DIM_SECONDS: return DELTA_SECONDS;
	case DIM_TOKENS_PER_S: case DIM_REQ_PER_S: return DELTA_RATE;
	case DIM_FRACTION: return DELTA_PERCENT;
	default: return DELTA_COUNT_;
	}
}

const DeltaFigure *
delta_figures(int *n)
{
	static DeltaFigure figs[N_COMPARED];

	if (!figs[0].path) {
		for (int i = 0; i < N_COMPARED; i++) {
			const ResultField *f = field_find(compared[i]);
			figs[i] = (DeltaFigure){ field_title(f), f->path, delta_kind(f->dim), f->better == BETTER_LOWER };
		}
	}
	*n = N_COMPARED;
	return figs;
}

/* Compared figure i. */
static const DeltaFigure *
fig(int i)
{
	int n;
	return &delta_figures(&n)[i];
}

double
delta_value(const Scenario *s, const Result *r, int i)
{
	const ResultField *f = field_find(compared[i]);
	FieldValue v;

	/* memory and the layout are known for an invalid layout too */
	if (r->status != EVAL_OK && f->section != FSEC_MEMORY && f->section != FSEC_STRATEGY)
		return NAN;
	if (field_get(f, s, r, -1, &v) != 0)
		return NAN;
	return v.num;
}

char *
delta_format_value(int i, double v, char *buf, size_t n)
{
	if (!isfinite(v)) {
		snprintf(buf, n, "-");
		return buf;
	}
	switch (fig(i)->kind) {
	case DELTA_BYTES:
		if (strcmp(fig(i)->path, "memory.kv_bytes_per_token") == 0) {
			char t[32];
			snprintf(buf, n, "%s B", fmt_int(v, t, sizeof t));
			return buf;
		}
		return fmt_bytes(v, buf, n);
	case DELTA_SECONDS: return fmt_seconds(v, buf, n);
	case DELTA_RATE: return fmt_rate(v, field_find(fig(i)->path)->dim == DIM_REQ_PER_S ? "req/s" :
		"tok/s", buf, n);
	case DELTA_PERCENT: snprintf(buf, n, "%.1f%%", v * 100); return buf;
	default: return fmt_int(v, buf, n);
	}
}

/* A relative change as "+12%" / "-3%"; one that rounds to zero at that
 * precision as "0%", never "-0%". */
static void
percent_text(double pct, char *buf, size_t n)
{
	if (fabs(pct) < 0.5)
		snprintf(buf, n, "0%%");
	else
		snprintf(buf, n, "%+.0f%%", pct);
}

const char *
delta_format_change(int i, double a, double b, char *buf, size_t n, bool *better)
{
	char pct[16];

	char t[48];

	if (!isfinite(a) || !isfinite(b)) {
		if (isfinite(a) == isfinite(b))
			return NULL;
		snprintf(buf, n, "%s", isfinite(b) ? "now valid" : "now invalid");
		*better = isfinite(b);
		return buf;
	}
	double d = b - a;
	if (fabs(d) <= DELTA_EPSILON * fmax(fabs(a), fabs(b)) || d == 0)
		return NULL;
	*better = fig(i)->lower_better ? d < 0 : d > 0;
	switch (fig(i)->kind) {
	case DELTA_SECONDS:
		fmt_seconds(fabs(d), t, sizeof t);
		snprintf(buf, n, "%c%s", d < 0 ? '-' : '+', t);
		break;
	case DELTA_PERCENT:
		if (fabs(d * 100) < 0.05)
			snprintf(buf, n, "0.0 pt");
		else
			snprintf(buf, n, "%+.1f pt", d * 100);
		break;
	case DELTA_COUNT_:
		if (a != 0) {
			percent_text(100 * d / fabs(a), pct, sizeof pct);
			snprintf(buf, n, "%+.0f (%s)", d, pct);
		} else {
			snprintf(buf, n, "%+.0f", d);
		}
		break;
	default:
		if (a != 0)
			percent_text(100 * d / fabs(a), buf, n);
		else
			snprintf(buf, n, "+%s", delta_format_value(i, d, t, sizeof t));
		break;
	}
	return buf;
}

/* Append ", " separated items to a bounded buffer. */
static void
add(char *buf, size_t n, size_t *o, int *count, const char *fmt, const char *x, const char *y)
{
	if (*o >= n)
		return;
	int k = snprintf(buf + *o, n - *o, "%s", *count ? ", " : "");
	*o += k > 0 ? (size_t)k : 0;
	if (*o >= n)
		return;
	k = snprintf(buf + *o, n - *o, fmt, x, y);
	*o += k > 0 ? (size_t)k : 0;
	if (*o > n)
		*o = n;
	(*count)++;
}

static const char *
num(double v, char *buf, size_t n)
{
	if (v == floor(v) && fabs(v) < 1e9)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%g", v);
	return buf;
}

int
delta_inputs(const Scenario *a, const Scenario *b, char *buf, size_t n)
{
	size_t o = 0;
	int count = 0;
	char x[64], y[64];
	static const struct { ParamId id; const char *label; } params[] = {
		{ PARAM_TP, "TP" }, { PARAM_PP, "PP" }, { PARAM_DP, "DP" }, { PARAM_EP, "EP" },
		{ PARAM_ETP, "expert TP" }, { PARAM_MICRO_BATCHES, "micro-batches" },
		{ PARAM_BATCH, "batch" }, { PARAM_INPUT_LEN, "input" }, { PARAM_OUTPUT_LEN, "output" },
		{ PARAM_MAX_BATCHED_TOKENS, "max batched tokens" },
		{ PARAM_MAX_MODEL_LEN, "max model len" }, { PARAM_MEM_UTIL, "memory fraction" },
		{ PARAM_NODES, "nodes" }, { PARAM_GPUS_PER_NODE, "GPUs per node" },
		{ PARAM_NVLINK_DOMAIN, "NVLink domain" },
		{ PARAM_TTFT_P50, "TTFT p50 SLO" }, { PARAM_TTFT_P99, "TTFT p99 SLO" },
		{ PARAM_TPOT_P50, "TPOT p50 SLO" }, { PARAM_TPOT_P99, "TPOT p99 SLO" },
		{ PARAM_RPS, "rate SLO" },
	};

	if (n)
		buf[0] = '\0';
	if (strcmp(a->model.name, b->model.name) != 0)
		add(buf, n, &o, &count, "model %s -> %s", a->model.name, b->model.name);
	if (strcmp(a->cluster.name, b->cluster.name) != 0)
		add(buf, n, &o, &count, "cluster %s -> %s", a->cluster.name, b->cluster.name);
	if (strcmp(a->runtime.name, b->runtime.name) != 0)
		add(buf, n, &o, &count, "runtime %s -> %s", a->runtime.name, b->runtime.name);
	if (a->strategy.weight_dtype != b->strategy.weight_dtype)
		add(buf, n, &o, &count, "weights %s -> %s", dtype_name(a->strategy.weight_dtype),
		    dtype_name(b->strategy.weight_dtype));
	if (a->strategy.kv_dtype != b->strategy.kv_dtype)
		add(buf, n, &o, &count, "KV %s -> %s", dtype_name(a->strategy.kv_dtype),
		    dtype_name(b->strategy.kv_dtype));
	for (size_t i = 0; i < sizeof params / sizeof params[0]; i++) {
		double va = param_get(a, params[i].id), vb = param_get(b, params[i].id);
		if (va == vb)
			continue;
		char fmt[64];
		snprintf(fmt, sizeof fmt, "%s %%s -> %%s", params[i].label);
		add(buf, n, &o, &count, fmt, num(va, x, sizeof x), num(vb, y, sizeof y));
	}
	if (memcmp(a->strategy.stage_layers, b->strategy.stage_layers,
	    sizeof a->strategy.stage_layers) != 0 && count == 0)
		add(buf, n, &o, &count, "%s%sstage split changed", "", "");
	return count;
}

int
delta_summary(const Scenario *a, const Result *ra, const Scenario *b, const Result *rb,
    int max_figures, char *buf, size_t n)
{
	char what[256], ch[48];
	size_t o;
	int count = 0;

	if (delta_inputs(a, b, what, sizeof what) == 0) {
		buf[0] = '\0';
		return 0;
	}
	o = (size_t)snprintf(buf, n, "%s", what);
	if (o >= n)
		return 1;
	if (ra->status != rb->status) {
		snprintf(buf + o, n - o, ": layout now %s", rb->status == EVAL_OK ? "valid" : "INVALID");
		return 1;
	}
	if (rb->status != EVAL_OK) {
		snprintf(buf + o, n - o, ": layout still invalid");
		return 1;
	}
	size_t n_order = sizeof summary_order / sizeof summary_order[0];
	for (size_t k = 0; k < n_order && count < max_figures; k++) {
		int i = 0;
		while (i < N_COMPARED - 1 && strcmp(compared[i], summary_order[k]) != 0)
			i++;
		bool better;
		double va = delta_value(a, ra, i), vb = delta_value(b, rb, i);
		if (!delta_format_change(i, va, vb, ch, sizeof ch, &better))
			continue;
		/* rounded to nothing: not worth a word in the sentence */
		if (strcmp(ch, "0%") == 0 || strcmp(ch, "0.0 pt") == 0)
			continue;
		int w = snprintf(buf + o, n - o, "%s%s %s", count ? ", " : ": ", fig(i)->label, ch);
		if (w < 0 || (size_t)w >= n - o)
			break;
		o += (size_t)w;
		count++;
	}
	if (ra->feasible != rb->feasible && o < n)
		snprintf(buf + o, n - o, "%snow %s", count ? "; " : ": ", rb->feasible ? "feasible" :
		    "NOT feasible");
	else if (count == 0 && o < n)
		snprintf(buf + o, n - o, ": no change in the figures");
	return 1;
}
