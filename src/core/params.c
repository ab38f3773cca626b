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

/* NUM, SLO and STR rows may end in more designated fields: .label = "input" */
#define NUM(id, nm, un, lo, hi, st, df, in, hw, hp, ...) \
	[id] = { .name = nm, .unit = un, .min = lo, .max = hi, .step = st, .def = df, .integer = in, \
		.help = hp, .type = (in) ? PARAM_T_INT : PARAM_T_REAL, .arg = "N", .hardware = hw, __VA_ARGS__ }
#define SLO(id, nm, st, al, hp, ...) \
	[id] = { .name = nm, .unit = "s", .min = 0, .max = MAX_SLO_S, .step = st, .help = hp, \
		.type = PARAM_T_REAL, .arg = "N", .alias = al, __VA_ARGS__ }
#define STR(id, nm, ag, hw, cp, dt, hp, ...) \
	[id] = { .name = nm, .unit = "", .help = hp, .type = PARAM_T_STRING, .arg = ag, .hardware = hw, \
		.complete = cp, .def_text = dt, __VA_ARGS__ }

static const ParamDef param_table[PARAM_KEY_COUNT] = {
	NUM(PARAM_TP, "tp", "GPUs", 1, MAX_GPUS, 1, 1, true, false, "tensor-parallel degree", .label = "TP"),
	NUM(PARAM_PP, "pp", "stages", 1, MAX_STAGES, 1, 1, true, false, "pipeline-parallel stages", .label = "PP"),
	NUM(PARAM_DP, "dp", "replicas", 1, MAX_GPUS, 1, 1, true, false, "data-parallel replicas", .label = "DP"),
	NUM(PARAM_EP, "ep", "GPUs", 1, MAX_GPUS, 1, 1, true, false, "expert-parallel degree (MoE)", .label = "EP"),
	NUM(PARAM_ETP, "etp", "GPUs", 0, MAX_GPUS, 1, 0, true, false,
	    "expert tensor-parallel degree; 0 = TP without EP, 1 with EP"),
	NUM(PARAM_MICRO_BATCHES, "micro_batches", "", 0, 1024, 1, 0, true, false,
	    "pipeline micro-batches; 0 = PP", .label = "ubatch"),
	/* the one default batch: eval, audit, search, Lua and the TUI all start
	 * here (presets/default.lua no longer sets its own) */
	NUM(PARAM_BATCH, "batch", "seqs", 1, 65536, 1, 128, true, false,
	    "concurrent sequences per replica"),
	NUM(PARAM_INPUT_LEN, "input_len", "tokens", 1, MAX_TOKENS, 128, 2048, true, false,
	    "prompt length", .label = "input"),
	NUM(PARAM_OUTPUT_LEN, "output_len", "tokens", 1, MAX_TOKENS, 32, 256, true, false,
	    "generated tokens per request", .label = "output"),
	NUM(PARAM_MAX_BATCHED_TOKENS, "max_batched_tokens", "tokens", 0, MAX_TOKENS, 1024, 0, true, false,
	    "max_num_batched_tokens; 0 = the runtime's default"),
	NUM(PARAM_MAX_MODEL_LEN, "max_model_len", "tokens", 0, MAX_TOKENS, 1024, 0, true, false,
	    "max context per sequence; 0 = input_len + output_len"),
	[PARAM_MEM_UTIL] = { .name = "mem_util", .unit = "fraction", .min = 0.05, .max = 1.0, .step = 0.01,
		.def = 0.9, .help = "runtime memory fraction (vLLM gpu_memory_utilization, ...)",
		.type = PARAM_T_REAL, .arg = "F", .def_text = "the runtime's", .label = "mem frac" },
	NUM(PARAM_NODES, "nodes", "nodes", 1, MAX_GPUS, 1, 1, true, true, "nodes in the cluster"),
	NUM(PARAM_GPUS_PER_NODE, "gpus_per_node", "GPUs", 1, 64, 1, 8, true, true, "GPUs per node"),
	NUM(PARAM_NVLINK_DOMAIN, "nvlink_domain", "GPUs", 0, MAX_GPUS, 1, 0, true, true,
	    "GPUs per NVLink domain (TP/EP at NVLink speed within it); 0 = GPUs per node"),
	SLO(PARAM_TTFT_P50, "ttft_p50", 0.05, "ttft_p50_s", "TTFT p50 SLO; 0 = none", .label = "TTFT p50"),
	SLO(PARAM_TTFT_P99, "ttft_p99", 0.05, "ttft_p99_s", "TTFT p99 SLO; 0 = none", .label = "TTFT p99"),
	SLO(PARAM_TPOT_P50, "tpot_p50", 0.005, "tpot_p50_s", "TPOT p50 SLO; 0 = none", .label = "TPOT p50"),
	SLO(PARAM_TPOT_P99, "tpot_p99", 0.005, "tpot_p99_s", "TPOT p99 SLO; 0 = none", .label = "TPOT p99"),
	NUM(PARAM_RPS, "rps", "req/s", 0, 1e6, 0.5, 0, false, false, "target request rate; 0 = none", .label = "rate SLO"),
	NUM(PARAM_PREFIX_LEN, "prefix_len", "tokens", 0, MAX_TOKENS, 128, 0, true, false,
	    "prompt tokens every request shares (system prompt, few-shot): prefix caching; 0 = none", .label = "prefix"),
	NUM(PARAM_PREFIX_HIT, "prefix_hit", "fraction", 0, 1, 0.05, 1, false, false,
	    "fraction of requests that find the shared prefix cached", .label = "hit rate"),
	/* bound: PARAM_SPEC_TOKENS_MAX (params.h, its sources) */
	NUM(PARAM_SPEC_TOKENS, "spec_tokens", "tokens", 0, PARAM_SPEC_TOKENS_MAX, 1, 0, true, false,
	    "speculative decoding: draft tokens per step k; 0 = off", .label = "spec k"),
	/* 0.7: a typical per-position rate (Leviathan et al., arXiv 2211.17192,
	 * table 3 measures 0.5-0.9 across model pairs and tasks) */
	NUM(PARAM_SPEC_ACCEPT, "spec_accept", "fraction", 0, 0.99, 0.05, 0.7, false, false,
	    "speculative decoding: per-position acceptance rate a", .label = "accept"),
	/* Disaggregated prefill/decode (xPyD): x = prefill_dp prefill
	 * instances of prefill_tp x prefill_pp GPUs beside the scenario's own
	 * tp x pp x dp, which become the decode pool (NVIDIA Dynamo prefill and
	 * decode workers, docs.nvidia.com/dynamo "Disaggregated Serving";
	 * SGLang --disaggregation-mode prefill|decode, docs.sglang.io
	 * advanced_features/pd_disaggregation; aiconfigurator's prefill/decode
	 * worker counts and parallelism) */
	NUM(PARAM_PREFILL_TP, "prefill_tp", "GPUs", 1, MAX_GPUS, 1, 1, true, false,
	    "disaggregated: tensor-parallel degree of each prefill instance"),
	NUM(PARAM_PREFILL_PP, "prefill_pp", "stages", 1, MAX_STAGES, 1, 1, true, false,
	    "disaggregated: pipeline stages of each prefill instance"),
	NUM(PARAM_PREFILL_DP, "prefill_dp", "instances", 0, MAX_GPUS, 1, 0, true, false,
	    "disaggregated: prefill instances (xP); tp/pp/dp become the decode pool (yD); "
	    "0 = aggregated", .label = "prefill"),
	NUM(PARAM_PREFILL_EP, "prefill_ep", "GPUs", 1, MAX_GPUS, 1, 1, true, false,
	    "disaggregated: expert-parallel degree of each prefill instance (MoE)"),
	/* bandwidth in GB/s (1e9 bytes/s) as NIC datasheets give it */
	NUM(PARAM_KV_TRANSFER_BW, "kv_transfer_bw", "GB/s", 0, 1e5, 5, 0, false, false,
	    "disaggregated: KV-transfer bandwidth per GPU, GB/s; 0 = the kv_transfer fabric's "
	    "(achievable: datasheet x efficiency)"),
	NUM(PARAM_KV_TRANSFER_LATENCY, "kv_transfer_latency", "s", 0, 10, 1e-5, 0, false, false,
	    "disaggregated: latency per KV transfer; 0 = the fabric's"),
	/* EPLB redundant experts: DeepSeek-V3 deploys 32 for prefill (arXiv
	 * 2412.19437 sec. 3.4), SGLang's 96-H100 recipe 32 at EP 32 and EP 72
	 * (sgl-project/sglang issue #6017); 1,024 is beyond any published one */
	NUM(PARAM_EP_REDUNDANT, "ep_redundant", "experts", 0, 1024, 8, 0, true, false,
	    "redundant expert slots over the EP group (EPLB): (experts + these) / EP per GPU"),
	STR(PARAM_MODEL, "model", "NAME|PATH", true, COMPLETE_VALUE_MODEL, "llama-3-70b",
	    "model: catalog name, config.json, or a directory holding one"),
	STR(PARAM_CLUSTER, "cluster", "NAME", true, COMPLETE_VALUE_CLUSTER, "h100x8",
	    "cluster preset (h100x8, h100x16, t4x1, ...)"),
	STR(PARAM_GPU, "gpu", "NAME", true, COMPLETE_VALUE_GPU, NULL,
	    "GPU type, to build a cluster without a preset (with --gpus)"),
	[PARAM_GPUS] = { .name = "gpus", .unit = "GPUs", .min = 1, .max = MAX_GPUS, .step = 1,
		.integer = true, .help = "total GPUs (with --gpu)", .type = PARAM_T_INT, .arg = "N",
		.hardware = true },
	STR(PARAM_RUNTIME, "runtime", "NAME", false, COMPLETE_VALUE_RUNTIME, "vllm",
	    "serving engine: vllm, sglang, trtllm"),
	STR(PARAM_DTYPE, "dtype", "TYPE", false, COMPLETE_VALUE_DTYPE,
	    "the checkpoint's own (config.json quantization_config, torch_dtype)",
	    "weights: fp32 bf16 fp16 fp8 int8 int4 nvfp4 mxfp4 w4a8 (int4: AWQ/GPTQ g128, W4A16; "
	    "nvfp4: 16-blocks + e4m3 scales; mxfp4: 32-blocks + e8m0 scales; w4a8: fp8 compute)",
	    .label = "weights"),
	STR(PARAM_EXPERT_DTYPE, "expert_dtype", "TYPE", false, COMPLETE_VALUE_DTYPE,
	    "the checkpoint's (quantization_config), else dtype",
	    "routed experts' weights (per-layer-class precision: gpt-oss mxfp4 experts, bf16 rest)"),
	STR(PARAM_KV_DTYPE, "kv_dtype", "TYPE", false, COMPLETE_VALUE_KV_DTYPE, "the compute dtype",
	    "KV cache: bf16 fp16 fp8 ..., as the runtime offers (vLLM, SGLang: 16-bit or fp8)",
	    .label = "KV cache"),
	STR(PARAM_ACT_DTYPE, "act_dtype", "TYPE", false, COMPLETE_VALUE_ACT_DTYPE,
	    "16/32-bit weights' own, else bf16 (fp16 before Ampere)",
	    "compute/activation dtype: fp32 bf16 fp16"),
	STR(PARAM_STAGE_LAYERS, "stage_layers", "N,N,...", false, COMPLETE_VALUE_NONE, NULL,
	    "layers per pipeline stage (uneven split)"),
	STR(PARAM_SPEC_METHOD, "spec_method", "METHOD", false, COMPLETE_VALUE_SPEC_METHOD, "auto",
	    "drafter: auto, draft (spec_model), eagle (one head layer), mtp (the model's MTP layers)"),
	STR(PARAM_SPEC_MODEL, "spec_model", "NAME|PATH", false, COMPLETE_VALUE_MODEL, NULL,
	    "draft model for speculative decoding (a catalog name or config.json)"),
	/* not "hardware": the decode pool keeps its layout (its DP refills,
	 * scenario/setup.h) */
	STR(PARAM_PREFILL_GPU, "prefill_gpu", "NAME", false, COMPLETE_VALUE_GPU, "the cluster's",
	    "disaggregated: GPU type of the prefill pool (its own GPUs); unset: the cluster's, "
	    "both pools sharing its GPUs"),
	/* the transfer engines move KV over RDMA NICs (SGLang
	 * --disaggregation-transfer-backend mooncake|nixl, --disaggregation-ib-device;
	 * vLLM NixlConnector; Dynamo NIXL) */
	STR(PARAM_KV_TRANSFER, "kv_transfer", "FABRIC", false, COMPLETE_VALUE_FABRIC,
	    "the cluster's inter-node fabric",
	    "disaggregated: fabric the KV cache crosses between the pools (ib-ndr, roce-400g, "
	    "nvlink5, ...)"),
	STR(PARAM_KV_TRANSFER_MODE, "kv_transfer_mode", "MODE", false, COMPLETE_VALUE_KV_XFER_MODE,
	    "request", "disaggregated: request (the whole cache after the prefill: SGLang, vLLM "
	    "NixlConnector) or layer (streamed layer by layer during the prefill: Mooncake)"),
	STR(PARAM_EP_MODE, "ep_mode", "MODE", false, COMPLETE_VALUE_EP_MODE, "auto",
	    "EP all-to-all: auto (wide EP: DeepEP normal for prefill, low_latency for decode; else a2a), "
	    "a2a (plain all-to-all), normal, low_latency"),
};
#undef NUM
#undef SLO
#undef STR

const ParamDef *
param_def(ParamId id)
{
	return &param_table[id];
}

int
param_name_normalize(const char *name, char *out, size_t n)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < n; i++)
		out[i] = name[i] == '-' ? '_' : name[i];
	if (n)
		out[i] = '\0';
	return name[i] ? -1 : 0;
}

int
param_key_find(const char *name)
{
	char norm[64];

	if (param_name_normalize(name, norm, sizeof norm) != 0)
		return -1;
	for (int p = 0; p < PARAM_KEY_COUNT; p++)
		if (strcmp(norm, param_table[p].name) == 0 ||
		    (param_table[p].alias && strcmp(norm, param_table[p].alias) == 0))
			return p;
	return -1;
}

const char *
param_label(ParamId id)
{
	return param_table[id].label ? param_table[id].label : param_table[id].name;
}

/* label and name equal, case aside, a label's space matching '_' or '-' */
static bool
label_is(const char *label, const char *name)
{
	for (; *label && *name; label++, name++) {
		bool sp = *label == ' ' && (*name == '_' || *name == '-');
		if (!sp && tolower((unsigned char)*label) != tolower((unsigned char)*name))
			return false;
	}
	return !*label && !*name;
}

int
param_label_find(const char *name)
{
	int id = param_key_find(name);

	for (int p = 0; id < 0 && p < PARAM_KEY_COUNT; p++)
		if (param_table[p].label && label_is(param_table[p].label, name))
			id = p;
	return id;
}

int
param_find(const char *name)
{
	int id = param_key_find(name);
	return id < PARAM_COUNT ? id : -1;
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
	case PARAM_PREFIX_HIT: return &s->workload.prefix_hit;
	case PARAM_SPEC_ACCEPT: return &s->spec.accept;
	case PARAM_KV_TRANSFER_BW: return &s->disagg.kv_gb_per_s;
	case PARAM_KV_TRANSFER_LATENCY: return &s->disagg.kv_latency_s;
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
	case PARAM_NVLINK_DOMAIN: return &s->cluster.nvlink_domain;
	case PARAM_PREFIX_LEN: return &s->workload.prefix_len;
	case PARAM_SPEC_TOKENS: return &s->spec.tokens;
	case PARAM_PREFILL_TP: return &s->disagg.prefill_tp;
	case PARAM_PREFILL_PP: return &s->disagg.prefill_pp;
	case PARAM_PREFILL_DP: return &s->disagg.prefill_dp;
	case PARAM_PREFILL_EP: return &s->disagg.prefill_ep;
	case PARAM_EP_REDUNDANT: return &s->strategy.ep_redundant;
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
param_check_number(ParamId id, double v, char *why, size_t n)
{
	const ParamDef *p = &param_table[id];

	if (p->type == PARAM_T_STRING) {
		snprintf(why, n, "must be a string");
		return -1;
	}
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
	return 0;
}

int
param_set(Scenario *s, ParamId id, double v, char *why, size_t n)
{
	if (id >= PARAM_COUNT) {
		snprintf(why, n, "'%s' is not a scenario figure", param_table[id].name);
		return -1;
	}
	if (param_check_number(id, v, why, n) != 0)
		return -1;
	double *d = param_double(s, id);
	if (id == PARAM_MEM_UTIL)
		s->runtime.mem_fraction_auto = false;   /* a given fraction is used as given */
	if (d)
		*d = v;
	else
		*param_int(s, id) = (int)v;
	return 0;
}

int
param_parse_number(ParamId id, const char *text, double *out, char *why, size_t n)
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
	if (param_check_number(id, v, why, n) != 0)
		return -1;
	*out = v;
	return 0;
}

int
param_parse(Scenario *s, ParamId id, const char *text, char *why, size_t n)
{
	double v;

	if (param_parse_number(id, text, &v, why, n) != 0)
		return -1;
	return param_set(s, id, v, why, n);
}

int
param_check_text(ParamId id, const char *text, char *why, size_t n)
{
	const ParamDef *p = &param_table[id];
	Dtype d;

	if (p->type != PARAM_T_STRING) {
		double v;
		return param_parse_number(id, text, &v, why, n);
	}
	if (!*text) {
		snprintf(why, n, "empty");
		return -1;
	}
	switch (p->complete) {
	case COMPLETE_VALUE_DTYPE:
	case COMPLETE_VALUE_KV_DTYPE: {
		bool kv = p->complete == COMPLETE_VALUE_KV_DTYPE;
		char names[160];
		if (dtype_parse(text, &d) != 0 || (kv && dtype_info(d)->weights_only)) {
			snprintf(why, n, "%s dtype '%s' (%s)", dtype_parse(text, &d) == 0 ? "not a KV" :
			    "unknown", text, dtype_names_text(!kv, names, sizeof names));
			return -1;
		}
		return 0;
	}
	case COMPLETE_VALUE_SPEC_METHOD: {
		SpecMethod sm;
		if (spec_method_parse(text, &sm) != 0) {
			snprintf(why, n, "unknown method '%s' (auto, draft, eagle, mtp)", text);
			return -1;
		}
		return 0;
	}
	case COMPLETE_VALUE_KV_XFER_MODE: {
		KvXferMode km;
		if (kv_xfer_mode_parse(text, &km) != 0) {
			snprintf(why, n, "unknown mode '%s' (request, layer)", text);
			return -1;
		}
		return 0;
	}
	case COMPLETE_VALUE_EP_MODE: {
		EpMode em;
		if (ep_mode_parse(text, &em) != 0) {
			snprintf(why, n, "unknown mode '%s' (auto, a2a, normal, low_latency)", text);
			return -1;
		}
		return 0;
	}
	case COMPLETE_VALUE_ACT_DTYPE:
		if (dtype_parse(text, &d) != 0 || (d != DTYPE_FP32 && d != DTYPE_BF16 && d != DTYPE_FP16)) {
			snprintf(why, n, "'%s' is not a compute dtype (fp32, bf16, fp16)", text);
			return -1;
		}
		return 0;
	default:
		break;
	}
	if (id == PARAM_STAGE_LAYERS) {
		const char *q = text;
		int stages = 0;
		while (*q) {
			char *end;
			long v = strtol(q, &end, 10);
			if (end == q || v < 1 || v > MODEL_MAX_LAYERS || ++stages > MAX_STAGES ||
			    (*end && *end != ',')) {
				snprintf(why, n, "'%s' (comma-separated layer counts, one per stage)", text);
				return -1;
			}
			q = *end == ',' ? end + 1 : end;
		}
	}
	return 0;
}

void
param_keys_text(char *buf, size_t n)
{
	size_t o = 0;

	buf[0] = '\0';
	/* the keys that name things first, as the CLI's --help lists them */
	for (int k = 0; k < PARAM_KEY_COUNT && o < n; k++) {
		int p = (k + PARAM_COUNT) % PARAM_KEY_COUNT;
		o += (size_t)snprintf(buf + o, n - o, "%s%s", k ? ", " : "", param_table[p].name);
	}
}
