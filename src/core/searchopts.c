/* searchopts.c: the search-option table; see searchopts.h. */
#include "searchopts.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALL (SOPT_CLI | SOPT_TUI | SOPT_LUA)

static const SearchOptDef opt_table[SOPT_COUNT] = {
	[SOPT_OBJECTIVE] = { "objective", "objective", SOPT_T_OBJECTIVE, "NAME", 0, 0, ALL, false,
		"objective", "throughput (default: output tok/s per GPU at the best rate within the "
		"SLOs), ttft or tpot (p99 at --rps), gpus (fewest to serve --rps), cost ($ per million "
		"output tokens)" },
	[SOPT_TOP] = { "top", "top", SOPT_T_INT, "N", 1, SEARCH_QUERY_MAX_TOP, ALL, false, NULL,
		"rows in the ranking (default 10)" },
	[SOPT_CSV] = { "csv", NULL, SOPT_T_FLAG, NULL, 0, 0, SOPT_CLI, false, NULL,
		"the ranking as CSV" },
	[SOPT_USD] = { "usd-per-gpu-hour", "usd_per_gpu_hour", SOPT_T_REAL, "X", 0, 1e6, ALL, false,
		"gpu_hour_usd", "price per GPU-hour (default: the cluster preset's)" },
	[SOPT_DTYPES] = { "dtypes", "dtypes", SOPT_T_DTYPES, "LIST|all", 0, 0, ALL, false, "dtypes",
		"weight dtypes to try, e.g. bf16,fp8,int4 (default: --dtype)" },
	[SOPT_KV_DTYPES] = { "kv-dtypes", "kv_dtypes", SOPT_T_DTYPES, "LIST|all", 0, 0, ALL, false,
		"kv_dtypes", "KV-cache dtypes to try (default: --kv-dtype)" },
	[SOPT_MAX_GPUS] = { "max-gpus", "max_gpus", SOPT_T_INT, "N", 1, SEARCH_MAX_GPUS, ALL, false,
		"max_gpus", "use at most N of the cluster's GPUs" },
	[SOPT_MAX_BATCH] = { "max-batch", "max_batch", SOPT_T_INT, "N", 1, 1 << (SERVING_MAX_SAMPLES - 2),
		ALL, false, "max_batch", "largest running-batch cap tried (default: the runtime's max_num_seqs)" },
	[SOPT_TP_NODES] = { "allow-tp-across-nodes", "allow_tp_across_nodes", SOPT_T_FLAG, NULL, 0, 0,
		ALL, false, "allow_tp_across_nodes", "let TP groups span nodes" },
	[SOPT_NO_MICRO] = { "no-micro-batch-variants", "micro_batch_variants", SOPT_T_FLAG, NULL, 0, 0,
		ALL, true, "micro_batch_variants", "with PP > 1 try only PP micro-batches" },
	[SOPT_NO_CHUNKED] = { "no-chunked-prefill", "chunked_prefill", SOPT_T_FLAG, NULL, 0, 0, ALL,
		true, "chunked_prefill", "prefill steps stall decode (vLLM V0) instead of riding along "
		"decode steps" },
	[SOPT_INPUT_CV] = { "input-cv", "input_cv", SOPT_T_REAL, "X", 0, 2, ALL, false, "input_cv",
		"spread of input lengths: coefficient of variation (0 fixed, 1 like ShareGPT; "
		"gamma-distributed)" },
	[SOPT_OUTPUT_CV] = { "output-cv", "output_cv", SOPT_T_REAL, "X", 0, 2, ALL, false, "output_cv",
		"spread of output lengths (same)" },
	[SOPT_THREADS] = { "threads", NULL, SOPT_T_INT, "N", 1, SEARCH_QUERY_MAX_THREADS, SOPT_CLI,
		false, NULL, "worker threads (default: the online CPUs)" },
	[SOPT_NO_PLOT] = { "no-plot", NULL, SOPT_T_FLAG, NULL, 0, 0, SOPT_CLI, false, NULL,
		"leave the text plot of the Pareto front out" },
	[SOPT_CHART] = { "chart", NULL, SOPT_T_PATH, "FILE.svg", 0, 0, SOPT_CLI, false, NULL,
		"also draw the Pareto front, with the ranked layouts beside it, as an SVG file" },
	[SOPT_CHECKS] = { "checks", "checks", SOPT_T_FLAG, NULL, 0, 0, SOPT_LUA, false, NULL,
		"run the registered shardlab.check{}s as a filter" },
	[SOPT_SPEC] = { "spec", "spec", SOPT_T_INT, "K", 0, SEARCH_QUERY_MAX_SPEC, ALL, false, "spec_max",
		"speculative decoding: try k = 0..K draft tokens per layout and batch cap, keep the best "
		"(default: the scenario's spec_tokens as K; 0: that)" },
	/* NVIDIA Dynamo's aiconfigurator compares aggregated and disaggregated
	 * deployments the same way (docs.nvidia.com/dynamo, "Disaggregated
	 * Serving": prefill/decode worker counts and parallelism for the SLAs) */
	[SOPT_DISAGG] = { "disagg", "disagg", SOPT_T_FLAG, NULL, 0, 0, ALL, false, NULL,
		"also search disaggregated prefill/decode: P:D counts and each pool's TP/PP/EP for the "
		"rate under the SLOs, compared per GPU with the best aggregated layout" },
};

void
search_query_init(SearchQuery *q)
{
	memset(q, 0, sizeof *q);
	search_options_init(&q->so);
	q->top = SEARCH_QUERY_DEFAULT_TOP;
	q->checks = true;
}

const SearchOptDef *
search_opt_def(SearchOptId id)
{
	return &opt_table[id];
}

/* a and b equal with '-' and '_' alike */
static bool
same_name(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (*a != *b && !((*a == '-' || *a == '_') && (*b == '-' || *b == '_')))
			return false;
	return !*a && !*b;
}

int
search_opt_find(const char *name, unsigned front)
{
	for (int i = 0; i < SOPT_COUNT; i++) {
		const SearchOptDef *d = &opt_table[i];
		if (!(d->fronts & front))
			continue;
		if (front == SOPT_LUA ? d->lua && same_name(name, d->lua) : same_name(name, d->name))
			return i;
	}
	return -1;
}

static int
set_flag(SearchQuery *q, SearchOptId id, bool given)
{
	switch (id) {
	case SOPT_CSV: q->csv = given; break;
	case SOPT_TP_NODES: q->so.allow_tp_across_nodes = given; break;
	case SOPT_NO_MICRO: q->so.micro_batch_variants = !given; break;
	case SOPT_NO_CHUNKED: q->so.serving.chunked_prefill = !given; break;
	case SOPT_NO_PLOT: q->no_plot = given; break;
	case SOPT_CHECKS: q->checks = given; break;
	case SOPT_DISAGG: q->disagg = given; break;
	default: return -1;
	}
	return 0;
}

int
search_opt_apply_bool(SearchQuery *q, SearchOptId id, bool on, char *why, size_t n)
{
	const SearchOptDef *d = &opt_table[id];

	if (d->type != SOPT_T_FLAG) {
		snprintf(why, n, "takes a value, not true or false");
		return -1;
	}
	return set_flag(q, id, d->lua_negates ? !on : on);
}

int
search_opt_apply(SearchQuery *q, SearchOptId id, const char *text, char *why, size_t n)
{
	const SearchOptDef *d = &opt_table[id];
	SearchOptions *so = &q->so;
	char *end;

	if (d->type == SOPT_T_FLAG) {
		if (text) {
			snprintf(why, n, "takes no value");
			return -1;
		}
		return set_flag(q, id, true);
	}
	if (!text) {
		snprintf(why, n, "needs a value (%s)", d->arg);
		return -1;
	}
	switch (d->type) {
	case SOPT_T_OBJECTIVE:
		if (search_objective_parse(text, &so->objective) != 0) {
			snprintf(why, n, "must be throughput, ttft, tpot, gpus or cost");
			return -1;
		}
		return 0;
	case SOPT_T_DTYPES: {
		unsigned mask = 0;
		if (search_dtype_mask_parse(text, id == SOPT_KV_DTYPES, &mask) != 0 || mask == 0) {
			char names[160];
			snprintf(why, n, "a comma-separated list of %s, or all",
			    dtype_names_text(id == SOPT_DTYPES, names, sizeof names));
			return -1;
		}
		*(id == SOPT_DTYPES ? &so->weight_dtypes : &so->kv_dtypes) = mask;
		return 0;
	}
	case SOPT_T_PATH:
		if (!*text) {
			snprintf(why, n, "needs a file name");
			return -1;
		}
		q->chart = text;
		return 0;
	case SOPT_T_INT: {
		long x = strtol(text, &end, 10);
		if (end == text || *end || x < d->min || x > d->max) {
			snprintf(why, n, "must be a whole number in %.0f..%.0f", d->min, d->max);
			return -1;
		}
		int *slot = id == SOPT_TOP ? &q->top : id == SOPT_THREADS ? &q->threads :
		    id == SOPT_MAX_GPUS ? &so->max_gpus : id == SOPT_SPEC ? &so->spec_max : &so->batch_max;
		*slot = (int)x;
		return 0;
	}
	case SOPT_T_REAL: {
		double x = strtod(text, &end);
		if (end == text || *end || !(x >= d->min && x <= d->max)) {
			snprintf(why, n, "must be a number in %g..%g", d->min, d->max);
			return -1;
		}
		*(id == SOPT_USD ? &so->gpu_hour_usd : id == SOPT_INPUT_CV ? &so->serving.input_cv :
		    &so->serving.output_cv) = x;
		return 0;
	}
	default:
		return -1;
	}
}

int
search_opt_value(const SearchOptions *o, SearchOptId id, double *num, const char **str)
{
	switch (id) {
	case SOPT_OBJECTIVE: *str = search_objective_name(o->objective); return 1;
	case SOPT_USD: *num = o->gpu_hour_usd; return 0;
	case SOPT_MAX_GPUS: *num = o->max_gpus; return 0;
	case SOPT_MAX_BATCH: *num = o->batch_max; return 0;
	case SOPT_TP_NODES: *num = o->allow_tp_across_nodes; return 2;
	case SOPT_NO_MICRO: *num = o->micro_batch_variants; return 2;
	case SOPT_NO_CHUNKED: *num = o->serving.chunked_prefill; return 2;
	case SOPT_INPUT_CV: *num = o->serving.input_cv; return 0;
	case SOPT_OUTPUT_CV: *num = o->serving.output_cv; return 0;
	case SOPT_SPEC: *num = o->spec_max; return 0;
	default: return -1;
	}
}

int
search_query_check(const SearchQuery *q, const Scenario *s, unsigned front, SearchOptId *bad,
    char *why, size_t n)
{
	unsigned supported = s->runtime.kv_dtypes, asked = q->so.kv_dtypes;
	char a[96], b[96];

	if (q->so.objective == SEARCH_OBJ_COST && q->so.gpu_hour_usd <= 0 &&
	    s->cluster.gpu_hour_usd <= 0) {
		const SearchOptDef *usd = search_opt_def(SOPT_USD);
		*bad = SOPT_OBJECTIVE;
		snprintf(why, n, "cost needs a price: give %s%s (cluster %s has none)",
		    front == SOPT_LUA ? "" : "--", front == SOPT_LUA ? usd->lua : usd->name, s->cluster.name);
		return -1;
	}
	if (supported && asked & ~supported) {
		*bad = SOPT_KV_DTYPES;
		snprintf(why, n, "%s supports a %s KV cache, not %s", s->runtime.name,
		    dtype_mask_text(supported, a, sizeof a), dtype_mask_text(asked & ~supported, b, sizeof b));
		return -1;
	}
	return 0;
}

int
search_opt_take(SearchQuery *q, int argc, char *const *argv, int *i, unsigned front, int *id,
    const char **value, char *why, size_t n)
{
	const char *a = argv[*i], *eq, *v = NULL;
	char name[64], sub[160];

	*id = -1;
	*value = NULL;
	if (strncmp(a, "--", 2) != 0)
		return 0;
	eq = strchr(a + 2, '=');
	snprintf(name, sizeof name, "%.*s", eq ? (int)(eq - a - 2) : (int)strlen(a + 2), a + 2);
	int k = search_opt_find(name, front);
	if (k < 0)
		return 0;
	const SearchOptDef *d = search_opt_def((SearchOptId)k);
	if (d->arg) {
		if (eq) {
			v = eq + 1;
		} else if (*i + 1 < argc) {
			v = argv[++*i];
		} else {
			snprintf(why, n, "--%s: needs a value (%s)", d->name, d->arg);
			return -1;
		}
	} else if (eq) {
		snprintf(why, n, "--%s takes no value", d->name);
		return -1;
	}
	if (search_opt_apply(q, (SearchOptId)k, v, sub, sizeof sub) != 0) {
		snprintf(why, n, "--%s %s: %s", d->name, v ? v : "", sub);
		return -1;
	}
	*id = k;
	*value = v;
	return 1;
}
