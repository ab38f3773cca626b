/* benchfile.c: benchmark result files -> BenchRun; see benchfile.h for the
 * formats and the source files that write them. */
#include "benchfile.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* Result files are a few kB; --save-detailed ones hold every request. */
#define BENCH_MAX_BYTES (64u << 20)
/* More runs in one file than this is not a benchmark sweep. */
#define BENCH_MAX_RUNS 4096
/* Sanity bounds: a request of more than 2^24 tokens or a TTFT of an hour
 * is a broken file, not a measurement. */
#define MAX_TOKENS 16777216.0
#define MAX_SECONDS 3600.0
#define MAX_RATE 1e9

const char *
bench_tool_name(BenchTool t)
{
	static const char *const names[BENCH_TOOLS] = {
		[BENCH_VLLM] = "vllm", [BENCH_SGLANG] = "sglang", [BENCH_TRTLLM] = "trtllm-bench",
		[BENCH_GENAI_PERF] = "genai-perf",
	};
	return t < BENCH_TOOLS ? names[t] : "?";
}

typedef struct {
	const char *path;
	int line;
	char **cause;
	bool failed;
} Rd;

static int
fail(Rd *r, const char *fmt, const char *field, const char *what)
{
	if (!r->failed) {
		char msg[256];
		snprintf(msg, sizeof msg, fmt, field, what);
		*r->cause = xasprintf("%s:%d: %s", r->path, r->line, msg);
	}
	r->failed = true;
	return -1;
}

/* The number at o[key] (a JSON number, or a string holding one: vLLM's
 * --metadata values and its request_rate "inf"), into *v.  Returns 1, 0
 * when absent or null, -1 (failed) when it is something else or outside
 * lo..hi. */
static int
num(Rd *r, const cJSON *o, const char *key, const char *shown, double lo, double hi, double *v)
{
	const cJSON *it = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	char bounds[96];

	if (!it || cJSON_IsNull(it))
		return 0;
	if (cJSON_IsNumber(it)) {
		*v = it->valuedouble;
	} else if (cJSON_IsString(it) && it->valuestring) {
		char *end;
		const char *s = it->valuestring;
		if (strcmp(s, "inf") == 0 || strcmp(s, "Infinity") == 0) {
			*v = INFINITY;
		} else {
			*v = strtod(s, &end);
			if (end == s || *end)
				return fail(r, "field '%s' must be a number, not \"%.40s\"", shown, s);
		}
	} else {
		return fail(r, "field '%s' must be a number%s", shown, "");
	}
	if (isnan(*v) || !(*v >= lo) || (!(*v <= hi) && !(isinf(*v) && isinf(hi)))) {
		snprintf(bounds, sizeof bounds, " (%g), must be in %g..%g", *v, lo, hi);
		return fail(r, "field '%s' is out of range%s", shown, bounds);
	}
	return 1;
}

/* A string at o[key] into dst; 0 when absent, -1 when not a string. */
static int
str(Rd *r, const cJSON *o, const char *key, const char *shown, char *dst, size_t n)
{
	const cJSON *it = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;

	if (!it || cJSON_IsNull(it))
		return 0;
	if (!cJSON_IsString(it) || !it->valuestring)
		return fail(r, "field '%s' must be a string%s", shown, "");
	snprintf(dst, n, "%s", it->valuestring);
	return 1;
}

/* A whole count (tp, concurrency) at o[key]. */
static int
count(Rd *r, const cJSON *o, const char *key, const char *shown, int *dst)
{
	double v;
	int k = num(r, o, key, shown, 0, 1 << 20, &v);
	if (k == 1) {
		if (v != floor(v))
			return fail(r, "field '%s' must be a whole number%s", shown, "");
		*dst = (int)v;
	}
	return k;
}

static const cJSON *
obj(const cJSON *o, const char *key)
{
	const cJSON *it = o ? cJSON_GetObjectItemCaseSensitive(o, key) : NULL;
	return cJSON_IsObject(it) ? it : NULL;
}

/* ms -> s for latency figures, checked. */
static void
ms_field(Rd *r, const cJSON *o, const char *key, const char *shown, double *dst)
{
	double v;
	if (num(r, o, key, shown, 0, MAX_SECONDS * 1e3, &v) == 1)
		*dst = v / 1e3;
}

/* vLLM and SGLang share the metric names (SGLang's bench_serving began as
 * a copy of vLLM's benchmark_serving.py). */
static void
serving_metrics(Rd *r, const cJSON *o, BenchRun *run)
{
	double tin = 0, tout = 0, done = 0, v;

	if (num(r, o, "completed", "completed", 0, 1e9, &done) == 1)
		run->completed = (int)done;
	num(r, o, "total_input_tokens", "total_input_tokens", 0, 1e15, &tin);
	num(r, o, "total_output_tokens", "total_output_tokens", 0, 1e15, &tout);
	if (done > 0) {
		run->input_len = tin / done;
		run->output_len = tout / done;
	}
	ms_field(r, o, "mean_ttft_ms", "mean_ttft_ms", &run->ttft_s);
	if (num(r, o, "median_ttft_ms", "median_ttft_ms", 0, MAX_SECONDS * 1e3, &v) == 1) {
		run->ttft_s = v / 1e3;
		run->ttft_median = true;
	}
	ms_field(r, o, "mean_tpot_ms", "mean_tpot_ms", &run->tpot_s);
	if (num(r, o, "median_tpot_ms", "median_tpot_ms", 0, MAX_SECONDS * 1e3, &v) == 1) {
		run->tpot_s = v / 1e3;
		run->tpot_median = true;
	}
	if (num(r, o, "output_throughput", "output_throughput", 0, MAX_RATE, &v) == 1)
		run->tokens_per_s = v;
	if (num(r, o, "max_concurrency", "max_concurrency", 1, 1 << 20, &v) == 1)
		run->concurrency = v;
	if (num(r, o, "request_rate", "request_rate", 0, INFINITY, &v) == 1)
		run->request_rate = isinf(v) ? 0 : v;
}

static void
read_vllm(Rd *r, const cJSON *o, BenchRun *run)
{
	run->tool = BENCH_VLLM;
	str(r, o, "model_id", "model_id", run->model, sizeof run->model);
	serving_metrics(r, o, run);
	/* --metadata KEY=VALUE pairs land at the top level as strings */
	count(r, o, "tp", "tp", &run->tp);
	count(r, o, "tensor_parallel_size", "tensor_parallel_size", &run->tp);
	count(r, o, "pp", "pp", &run->pp);
	count(r, o, "dp", "dp", &run->dp);
	count(r, o, "ep", "ep", &run->ep);
	str(r, o, "gpu", "gpu", run->gpu, sizeof run->gpu);
}

static void
read_sglang(Rd *r, const cJSON *o, BenchRun *run)
{
	const cJSON *si = obj(o, "server_info");
	double v;

	run->tool = BENCH_SGLANG;
	serving_metrics(r, o, run);
	if (run->completed == 0) {
		/* without totals: the random dataset's lengths */
		if (num(r, o, "random_input_len", "random_input_len", 1, MAX_TOKENS, &v) == 1)
			run->input_len = v;
		if (num(r, o, "random_output_len", "random_output_len", 1, MAX_TOKENS, &v) == 1)
			run->output_len = v;
	}
	if (si) {
		str(r, si, "model_path", "server_info.model_path", run->model, sizeof run->model);
		count(r, si, "tp_size", "server_info.tp_size", &run->tp);
		count(r, si, "pp_size", "server_info.pp_size", &run->pp);
		count(r, si, "dp_size", "server_info.dp_size", &run->dp);
		count(r, si, "ep_size", "server_info.ep_size", &run->ep);
	}
}

static void
read_trtllm(Rd *r, const cJSON *o, BenchRun *run)
{
	const cJSON *eng = obj(o, "engine"), *wi = obj(o, "world_info"), *ri = obj(o, "request_info");
	const cJSON *perf = obj(o, "performance"), *st = obj(o, "streaming_metrics");
	double v;

	run->tool = BENCH_TRTLLM;
	if (!perf)
		fail(r, "field '%s' must be an object%s", "performance", "");
	str(r, eng, "model", "engine.model", run->model, sizeof run->model);
	/* quant_algo names (tensorrt_llm/quantization/mode.py QuantAlgo) */
	char q[32] = "";
	str(r, eng, "quantization", "engine.quantization", q, sizeof q);
	if (strcmp(q, "FP8") == 0 || strcmp(q, "FP8_BLOCK_SCALES") == 0)
		snprintf(run->dtype, sizeof run->dtype, "fp8");
	else if (strncmp(q, "W4A16", 5) == 0)
		snprintf(run->dtype, sizeof run->dtype, "int4");
	else if (strcmp(q, "W8A16") == 0 || strncmp(q, "W8A8_SQ", 7) == 0)
		snprintf(run->dtype, sizeof run->dtype, "int8");
	count(r, wi, "tp_size", "world_info.tp_size", &run->tp);
	count(r, wi, "pp_size", "world_info.pp_size", &run->pp);
	count(r, wi, "ep_size", "world_info.ep_size", &run->ep);
	if (num(r, wi, "max_batch_size", "world_info.max_batch_size", 1, 1 << 20, &v) == 1)
		run->concurrency = v;
	if (num(r, ri, "avg_num_concurrent_requests", "request_info.avg_num_concurrent_requests", 0,
	    1 << 20, &v) == 1 && v >= 1)
		run->concurrency = v;
	if (num(r, ri, "num_requests", "request_info.num_requests", 0, 1e9, &v) == 1)
		run->completed = (int)v;
	num(r, ri, "avg_input_length", "request_info.avg_input_length", 0, MAX_TOKENS, &run->input_len);
	num(r, ri, "avg_output_length", "request_info.avg_output_length", 0, MAX_TOKENS, &run->output_len);
	if (num(r, perf, "system_output_throughput_tok_s", "performance.system_output_throughput_tok_s",
	    0, MAX_RATE, &v) == 1)
		run->tokens_per_s = v;
	ms_field(r, st, "avg_ttft_ms", "streaming_metrics.avg_ttft_ms", &run->ttft_s);
	ms_field(r, st, "avg_tpot_ms", "streaming_metrics.avg_tpot_ms", &run->tpot_s);
	/* trtllm-bench throughput queues every request at once */
	run->request_rate = 0;
}

/* genai-perf's {unit, avg, p50, ...}: the p50 (else avg), converted to
 * seconds (time units) or taken as is; 0 when absent. */
static int
stat(Rd *r, const cJSON *o, const char *key, bool time, double *dst, bool *median)
{
	const cJSON *m = obj(o, key);
	char shown[96], unit[32] = "";
	double v, scale = 1;

	if (!m)
		return 0;
	snprintf(shown, sizeof shown, "%s.unit", key);
	str(r, m, "unit", shown, unit, sizeof unit);
	if (time) {
		if (strcmp(unit, "ms") == 0 || !*unit)
			scale = 1e-3;
		else if (strcmp(unit, "ns") == 0)
			scale = 1e-9;
		else if (strcmp(unit, "us") == 0)
			scale = 1e-6;
		else if (strcmp(unit, "s") == 0 || strcmp(unit, "sec") == 0)
			scale = 1;
		else
			return fail(r, "field '%s' must be ms, us, ns or s, not \"%.20s\"", shown, unit);
	}
	snprintf(shown, sizeof shown, "%s.p50", key);
	if (num(r, m, "p50", shown, 0, INFINITY, &v) == 1) {
		if (median)
			*median = true;
	} else {
		snprintf(shown, sizeof shown, "%s.avg", key);
		if (num(r, m, "avg", shown, 0, INFINITY, &v) != 1)
			return 0;
	}
	*dst = v * scale;
	return 1;
}

static void
read_genai_perf(Rd *r, const cJSON *o, BenchRun *run)
{
	const cJSON *in = obj(o, "input_config");
	double v;

	run->tool = BENCH_GENAI_PERF;
	stat(r, o, "time_to_first_token", true, &run->ttft_s, &run->ttft_median);
	stat(r, o, "inter_token_latency", true, &run->tpot_s, &run->tpot_median);
	/* throughputs and lengths: the run's mean */
	const cJSON *tp = obj(o, "output_token_throughput");
	if (tp && num(r, tp, "avg", "output_token_throughput.avg", 0, MAX_RATE, &v) == 1)
		run->tokens_per_s = v;
	const cJSON *isl = obj(o, "input_sequence_length"), *osl = obj(o, "output_sequence_length");
	if (isl)
		num(r, isl, "avg", "input_sequence_length.avg", 0, MAX_TOKENS, &run->input_len);
	if (osl)
		num(r, osl, "avg", "output_sequence_length.avg", 0, MAX_TOKENS, &run->output_len);
	if (in) {
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(in, "model");
		if (cJSON_IsArray(m) && cJSON_GetArraySize(m) > 0)
			m = cJSON_GetArrayItem(m, 0);
		if (m && !cJSON_IsNull(m)) {
			if (!cJSON_IsString(m) || !m->valuestring)
				fail(r, "field '%s' must be a string or a list of strings%s", "input_config.model", "");
			else
				snprintf(run->model, sizeof run->model, "%s", m->valuestring);
		}
		if (num(r, in, "concurrency", "input_config.concurrency", 0, 1 << 20, &v) == 1 && v >= 1)
			run->concurrency = v;
		if (num(r, in, "request_rate", "input_config.request_rate", 0, INFINITY, &v) == 1)
			run->request_rate = isinf(v) ? 0 : v;
		if (run->input_len <= 0)
			num(r, in, "synthetic_input_tokens_mean", "input_config.synthetic_input_tokens_mean", 0,
			    MAX_TOKENS, &run->input_len);
		if (run->output_len <= 0)
			num(r, in, "output_tokens_mean", "input_config.output_tokens_mean", 0, MAX_TOKENS,
			    &run->output_len);
	}
}

/* Which tool wrote record o, by the keys only it writes; -1 when none. */
static int
detect(const cJSON *o)
{
	if (obj(o, "performance") && (obj(o, "world_info") || obj(o, "request_info")))
		return BENCH_TRTLLM;
	if (obj(o, "time_to_first_token") || obj(o, "input_config"))
		return BENCH_GENAI_PERF;
	if (cJSON_GetObjectItemCaseSensitive(o, "server_info") ||
	    cJSON_GetObjectItemCaseSensitive(o, "random_input_len") ||
	    cJSON_GetObjectItemCaseSensitive(o, "total_output_tokens_retokenized"))
		return BENCH_SGLANG;
	if (cJSON_GetObjectItemCaseSensitive(o, "model_id") ||
	    cJSON_GetObjectItemCaseSensitive(o, "tokenizer_id") ||
	    cJSON_GetObjectItemCaseSensitive(o, "mean_tpot_ms"))
		return BENCH_VLLM;
	return -1;
}

static void
read_record(Rd *r, const cJSON *o, BenchRun *run)
{
	memset(run, 0, sizeof *run);
	run->line = r->line;
	run->ttft_s = run->tpot_s = run->tokens_per_s = NAN;
	if (!cJSON_IsObject(o)) {
		fail(r, "%s%s", "a benchmark result must be a JSON object", "");
		return;
	}
	switch (detect(o)) {
	case BENCH_VLLM: read_vllm(r, o, run); break;
	case BENCH_SGLANG: read_sglang(r, o, run); break;
	case BENCH_TRTLLM: read_trtllm(r, o, run); break;
	case BENCH_GENAI_PERF: read_genai_perf(r, o, run); break;
	default:
		fail(r, "%s%s", "not a result of vLLM benchmark_serving.py / vllm bench serve, SGLang "
		    "bench_serving, trtllm-bench or genai-perf (none of their fields: model_id, server_info, "
		    "performance, time_to_first_token)", "");
		return;
	}
	if (r->failed)
		return;
	if (!(run->input_len >= 1) || !(run->output_len >= 1))
		fail(r, "%s%s", "no input/output lengths (total_input_tokens and completed, "
		    "avg_input_length, input_sequence_length)", "");
	else if (isnan(run->tpot_s) && isnan(run->ttft_s) && isnan(run->tokens_per_s))
		fail(r, "%s%s", "no measured figure (TTFT, TPOT or output throughput)", "");
}

/* Python's json writes Infinity, -Infinity and NaN, which JSON lacks
 * (SGLang's request_rate): outside strings, as 1e999, -1e999 and null. */
static char *
sanitize(const char *text, size_t len)
{
	char *out = xmalloc(len * 2 + 1);
	size_t o = 0;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (in_str) {
			out[o++] = c;
			if (c == '\\' && i + 1 < len)
				out[o++] = text[++i];
			else if (c == '"')
				in_str = false;
			continue;
		}
		if (c == '"') {
			in_str = true;
		} else if (c == 'I' && len - i >= 8 && memcmp(text + i, "Infinity", 8) == 0) {
			memcpy(out + o, "1e999", 5);
			o += 5;
			i += 7;
			continue;
		} else if (c == 'N' && len - i >= 3 && memcmp(text + i, "NaN", 3) == 0) {
			memcpy(out + o, "null", 4);
			o += 4;
			i += 2;
			continue;
		}
		out[o++] = c;
	}
	out[o] = '\0';
	return out;
}

static int
line_at(const char *text, const char *at)
{
	int line = 1;
	for (const char *p = text; p < at && *p; p++)
		line += *p == '\n';
	return line;
}

int
bench_parse(const char *path, const char *text, size_t len, BenchRun **runs, int *n, char **cause)
{
	char *clean = sanitize(text, len);
	const char *p = clean, *end = clean + strlen(clean);
	BenchRun *out = NULL;
	int k = 0, cap = 0;
	Rd r = { .path = path, .cause = cause };

	*runs = NULL;
	*n = 0;
	for (;;) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		if (p >= end)
			break;
		r.line = line_at(clean, p);
		const char *stop = NULL;
		cJSON *o = cJSON_ParseWithLengthOpts(p, (size_t)(end - p), &stop, 0);
		if (!o) {
			r.line = line_at(clean, stop && stop >= p ? stop : p);
			fail(&r, "%s%s", "not valid JSON (a benchmark result file: one JSON object, or "
			    "one per line)", "");
			break;
		}
		if (k >= BENCH_MAX_RUNS) {
			cJSON_Delete(o);
			fail(&r, "more than %s runs in one file%s", "4096", "");
			break;
		}
		if (k == cap) {
			cap = cap ? cap * 2 : 8;
			out = xrealloc(out, (size_t)cap * sizeof *out);
		}
		read_record(&r, o, &out[k]);
		cJSON_Delete(o);
		if (r.failed)
			break;
		k++;
		p = stop && stop > p ? stop : end;
	}
	if (!r.failed && k == 0) {
		r.line = 1;
		fail(&r, "%s%s", "no benchmark result in the file", "");
	}
	free(clean);
	if (r.failed) {
		free(out);
		return -1;
	}
	*runs = out;
	*n = k;
	return 0;
}

int
bench_read(const char *path, BenchRun **runs, int *n, char **cause)
{
	char *text = read_file(path, BENCH_MAX_BYTES, cause);
	int rc;

	*runs = NULL;
	*n = 0;
	if (!text)
		return -1;
	rc = bench_parse(path, text, strlen(text), runs, n, cause);
	free(text);
	return rc;
}
