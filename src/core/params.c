/* params.c: the parameter table; see params.h. */
#include "params.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Upper bounds: 4,096 GPUs is the largest cluster search covers (issue 5);
 * 16,777,216 tokens (2^24) is far beyond any released context window
 * (Llama 4 Scout: 10M), so larger lengths are treated as typos. */
#define MAX_GPUS 4096
#define MAX_TOKENS 16777216
#define MAX_SLO_S 3600

static const ParamDef param_table[PARAM_COUNT] = {
	[PARAM_TP] = { "tp", "GPUs", 1, MAX_GPUS, 1, 1, true, "tensor-parallel degree" },
	[PARAM_PP] = { "pp", "stages", 1, MAX_STAGES, 1, 1, true, "pipeline-parallel stages" },
	[PARAM_DP] = { "dp", "replicas", 1, MAX_GPUS, 1, 1, true, "data-parallel replicas" },
	[PARAM_EP] = { "ep", "GPUs", 1, MAX_GPUS, 1, 1, true, "expert-parallel degree (MoE)" },
	[PARAM_ETP] = { "etp", "GPUs", 0, MAX_GPUS, 1, 0, true,
		"expert tensor-parallel degree; 0 = TP without EP, 1 with EP" },
	[PARAM_MICRO_BATCHES] = { "micro_batches", "", 0, 1024, 1, 0, true,
		"pipeline micro-batches; 0 = PP" },
	/* the one default batch: eval, audit, search, Lua and the TUI all start
	 * here (presets/default.lua no longer sets its own) */
	[PARAM_BATCH] = { "batch", "seqs", 1, 65536, 1, 128, true,
		"concurrent sequences per replica" },
	[PARAM_INPUT_LEN] = { "input_len", "tokens", 1, MAX_TOKENS, 128, 2048, true,
		"prompt length" },
	[PARAM_OUTPUT_LEN] = { "output_len", "tokens", 1, MAX_TOKENS, 32, 256, true,
		"generated tokens per request" },
	[PARAM_MAX_BATCHED_TOKENS] = { "max_batched_tokens", "tokens", 0, MAX_TOKENS, 1024, 0, true,
		"max_num_batched_tokens; 0 = the runtime's default" },
	[PARAM_MAX_MODEL_LEN] = { "max_model_len", "tokens", 0, MAX_TOKENS, 1024, 0, true,
		"max context per sequence; 0 = input_len + output_len" },
	[PARAM_MEM_UTIL] = { "mem_util", "fraction", 0.05, 1.0, 0.01, 0.9, false,
		"runtime memory fraction (vLLM gpu_memory_utilization, ...)" },
	[PARAM_NODES] = { "nodes", "nodes", 1, MAX_GPUS, 1, 1, true, "nodes in the cluster" },
	[PARAM_GPUS_PER_NODE] = { "gpus_per_node", "GPUs", 1, 64, 1, 8, true, "GPUs per node" },
	[PARAM_TTFT_P50] = { "ttft_p50", "s", 0, MAX_SLO_S, 0.05, 0, false, "TTFT p50 SLO; 0 = none" },
	[PARAM_TTFT_P99] = { "ttft_p99", "s", 0, MAX_SLO_S, 0.05, 0, false, "TTFT p99 SLO; 0 = none" },
	[PARAM_TPOT_P50] = { "tpot_p50", "s", 0, MAX_SLO_S, 0.005, 0, false, "TPOT p50 SLO; 0 = none" },
	[PARAM_TPOT_P99] = { "tpot_p99", "s", 0, MAX_SLO_S, 0.005, 0, false, "TPOT p99 SLO; 0 = none" },
	[PARAM_RPS] = { "rps", "req/s", 0, 1e6, 0.5, 0, false, "target request rate; 0 = none" },
};

const ParamDef *
param_def(ParamId id)
{
	return &param_table[id];
}

int
param_find(const char *name)
{
	char norm[64];
	size_t i;

	for (i = 0; name[i] && i + 1 < sizeof norm; i++)
		norm[i] = name[i] == '-' ? '_' : name[i];
	norm[i] = '\0';
	for (int p = 0; p < PARAM_COUNT; p++)
		if (strcmp(norm, param_table[p].name) == 0)
			return p;
	return -1;
}

static double *
param_double(Scenario *s, ParamId id)
{
	switch (id) {
	case PARAM_MEM_UTIL: return &s->runtime.mem_fraction;
	case PARAM_TTFT_P50: return &s->workload.slo.ttft_p50_s;
	case PARAM_TTFT_P99: return &s->workload.slo.ttft_p99_s;
	case PARAM_TPOT_P50: return &s->workload.slo.tpot_p50_s;
	case PARAM_TPOT_P99: return &s->workload.slo.tpot_p99_s;
	case PARAM_RPS: return &s->workload.slo.rps;
	default: return NULL;
	}
}

static int *
param_int(Scenario *s, ParamId id)
{
	switch (id) {
	case PARAM_TP: return &s->strategy.tp;
	case PARAM_PP: return &s->strategy.pp;
	case PARAM_DP: return &s->strategy.dp;
	case PARAM_EP: return &s->strategy.ep;
	case PARAM_ETP: return &s->strategy.etp;
	case PARAM_MICRO_BATCHES: return &s->strategy.micro_batches;
	case PARAM_BATCH: return &s->workload.batch;
	case PARAM_INPUT_LEN: return &s->workload.input_len;
	case PARAM_OUTPUT_LEN: return &s->workload.output_len;
	case PARAM_MAX_BATCHED_TOKENS: return &s->workload.max_batched_tokens;
	case PARAM_MAX_MODEL_LEN: return &s->workload.max_model_len;
	case PARAM_NODES: return &s->cluster.nodes;
	case PARAM_GPUS_PER_NODE: return &s->cluster.gpus_per_node;
	default: return NULL;
	}
}

double
param_get(const Scenario *s, ParamId id)
{
	Scenario *m = (Scenario *)s;     /* accessors are shared; nothing is written */
	double *d = param_double(m, id);
	int *i = param_int(m, id);
	return d ? *d : i ? *i : 0;
}

int
param_set(Scenario *s, ParamId id, double v, char *why, size_t n)
{
	const ParamDef *p = &param_table[id];

	if (!isfinite(v)) {
		snprintf(why, n, "must be a finite number");
		return -1;
	}
	if (p->integer && v != floor(v)) {
		snprintf(why, n, "must be a whole number");
		return -1;
	}
	if (v < p->min) {
		snprintf(why, n, p->integer ? "must be >= %.0f" : "must be >= %g", p->min);
		return -1;
	}
	if (v > p->max) {
		snprintf(why, n, p->integer ? "must be <= %.0f" : "must be <= %g", p->max);
		return -1;
	}
	double *d = param_double(s, id);
	if (d)
		*d = v;
	else
		*param_int(s, id) = (int)v;
	return 0;
}

int
param_parse(Scenario *s, ParamId id, const char *text, char *why, size_t n)
{
	const ParamDef *p = &param_table[id];
	char *end;
	double v;

	while (isspace((unsigned char)*text))
		text++;
	if (*text == '\0') {
		snprintf(why, n, "needs a value");
		return -1;
	}
	v = strtod(text, &end);
	if (end == text) {
		snprintf(why, n, "'%s' is not a number", text);
		return -1;
	}
	/* unit suffixes: k/K and M for token counts, ms/us for seconds */
	if (strcmp(p->unit, "s") == 0 && strcmp(end, "ms") == 0)
		v /= 1e3, end += 2;
	else if (strcmp(p->unit, "s") == 0 && strcmp(end, "us") == 0)
		v /= 1e6, end += 2;
	else if (strcmp(p->unit, "s") == 0 && strcmp(end, "s") == 0)
		end += 1;
	else if ((*end == 'k' || *end == 'K') && end[1] == '\0')
		v *= 1024, end += 1;
	else if (*end == 'M' && end[1] == '\0')
		v *= 1024 * 1024, end += 1;
	if (*end != '\0') {
		snprintf(why, n, "'%s' is not a number", text);
		return -1;
	}
	return param_set(s, id, v, why, n);
}
