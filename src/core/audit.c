/* audit.c: a plan's claims and layout against the model; see audit.h and
 * docs/audit.md. */
#include "audit.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "units.h"

/* ---- the metrics ------------------------------------------------------ */

enum {
	M_PARAMS_TOTAL, M_PARAMS_ACTIVE, M_FLOPS_PER_TOKEN, M_LAYERS, M_EXPERTS, M_HEADS,
	M_KV_HEADS, M_MODEL_WEIGHTS, M_BYTES_PER_PARAM, M_GPUS, M_CLUSTER_GPUS, M_GPU_MEMORY,
	M_CLUSTER_MEMORY, M_HBM, M_PEAK, M_INTRA, M_INTER, M_CC, M_USD,
	M_PER_GPU, M_WEIGHTS, M_KV_CACHE, M_KV_POOL, M_ACT, M_RESERVED, M_CAPACITY, M_BUDGET,
	M_KV_BPT, M_MAX_KV_TOKENS, M_MAX_SEQS, M_PER_GPU_FRAC, M_HEADROOM, M_HEADROOM_FRAC,
	M_OVERHEAD, M_OPTIMIZER, M_COMM_BUF, M_IMBALANCE, M_SHORTFALL, M_SHORTFALL_FRAC,
	M_W_TO_CAP,
	M_TTFT, M_TPOT, M_BATCH_PREFILL, M_E2E, M_COMM_SHARE, M_COLLECTIVE,
	M_TOK_S, M_TOK_S_GPU, M_TOK_S_USER, M_RPS, M_MFU, M_FLOPS_NEEDED,
	M_BUBBLE, M_STAGE_IMB,
	M_GPUS_MISSING, M_GPUS_IDLE, M_GPU_USE, M_MIN_GPUS, M_LAYERS_STAGE, M_LAYERS_GPU,
	M_HEADS_GPU, M_KV_HEADS_GPU, M_EXPERTS_GPU, M_SEQS_REPLICA, M_SEQS_TOTAL, M_FEASIBLE,
	M_COUNT
};

/* name, dimension, higher is better, exact, per stage, summable, help */
const AuditMetric audit_metrics[M_COUNT + 1] = {
	[M_PARAMS_TOTAL] = { "model.params_total", DIM_COUNT, false, false, false, false,
		"parameters of the model (Result model.params_total)" },
	[M_PARAMS_ACTIVE] = { "model.params_active", DIM_COUNT, false, false, false, false,
		"parameters active per token: top-k and shared experts (MoE)" },
	[M_FLOPS_PER_TOKEN] = { "model.flops_per_token", DIM_FLOPS, false, false, false, false,
		"forward FLOPs per token at the decode context: 2 x active matmul parameters + attention" },
	[M_LAYERS] = { "model.layers", DIM_COUNT, false, true, false, false,
		"transformer layers" },
	[M_EXPERTS] = { "model.experts", DIM_COUNT, false, true, false, false,
		"routed experts per MoE layer" },
	[M_HEADS] = { "model.heads", DIM_COUNT, false, true, false, false,
		"attention (query) heads" },
	[M_KV_HEADS] = { "model.kv_heads", DIM_COUNT, false, true, false, false,
		"key/value heads" },
	[M_MODEL_WEIGHTS] = { "model.weights_bytes", DIM_BYTES, false, false, false, false,
		"weights of the whole model in the plan's dtype, one copy (embedding and head "
		"16-bit when quantized)" },
	[M_BYTES_PER_PARAM] = { "strategy.bytes_per_param", DIM_BYTES, false, false, false, false,
		"bytes per weight of the plan's dtype, group scales included" },
	[M_GPUS] = { "strategy.gpus", DIM_COUNT, false, true, false, false,
		"GPUs the layout needs: TP x PP x DP (EP folds into TP x DP, as engines do)" },
	[M_CLUSTER_GPUS] = { "cluster.gpus", DIM_COUNT, true, true, false, false,
		"GPUs in the cluster" },
	[M_GPU_MEMORY] = { "cluster.gpu_memory_bytes", DIM_BYTES, true, false, false, false,
		"one GPU's memory as the driver exposes it" },
	[M_CLUSTER_MEMORY] = { "cluster.memory_bytes", DIM_BYTES, true, false, false, false,
		"memory of all the cluster's GPUs" },
	[M_HBM] = { "cluster.hbm_bytes_per_s", DIM_BYTES_PER_S, true, false, false, false,
		"one GPU's memory bandwidth (datasheet)" },
	[M_PEAK] = { "cluster.peak_flops", DIM_FLOP_PER_S, true, false, false, false,
		"one GPU's dense peak FLOP/s in the plan's compute dtype (datasheet, no sparsity)" },
	[M_INTRA] = { "cluster.intra_bytes_per_s", DIM_BYTES_PER_S, true, false, false, false,
		"intra-node fabric bandwidth per GPU per direction (NVLink, PCIe)" },
	[M_INTER] = { "cluster.inter_bytes_per_s", DIM_BYTES_PER_S, true, false, false, false,
		"inter-node fabric bandwidth per GPU per direction (InfiniBand, RoCE)" },
	[M_CC] = { "cluster.compute_capability", DIM_COUNT, true, false, false, false,
		"CUDA compute capability (7.5 for a T4)" },
	[M_USD] = { "cluster.usd_per_hour", DIM_USD_PER_HOUR, false, false, false, false,
		"the cluster's illustrative on-demand price, GPUs x price per GPU-hour" },
	[M_PER_GPU] = { "memory.per_gpu_bytes", DIM_BYTES, false, false, true, true,
		"one GPU's memory: weights + KV cache for the workload + activations + reserve" },
	[M_WEIGHTS] = { "memory.weights_bytes", DIM_BYTES, false, false, true, true,
		"one GPU's weights" },
	[M_KV_CACHE] = { "memory.kv_cache_bytes", DIM_BYTES, false, false, true, true,
		"one GPU's KV cache for the workload (batch x context)" },
	[M_KV_POOL] = { "memory.kv_pool_bytes", DIM_BYTES, true, false, true, true,
		"the KV-cache pool the runtime allocates on one GPU" },
	[M_ACT] = { "memory.activation_bytes", DIM_BYTES, false, false, true, true,
		"one GPU's activation peak" },
	[M_RESERVED] = { "memory.reserved_bytes", DIM_BYTES, false, false, true, true,
		"one GPU's runtime reserve: CUDA context, CUDA graphs, communication buffers" },
	[M_CAPACITY] = { "memory.capacity_bytes", DIM_BYTES, true, false, false, false,
		"one GPU's memory capacity" },
	[M_BUDGET] = { "memory.budget_bytes", DIM_BYTES, true, false, true, false,
		"what the runtime lets one GPU use (vLLM: capacity x gpu_memory_utilization)" },
	[M_KV_BPT] = { "memory.kv_bytes_per_token", DIM_BYTES, false, false, true, false,
		"KV-cache bytes per token on one GPU" },
	[M_MAX_KV_TOKENS] = { "memory.max_kv_tokens", DIM_COUNT, true, false, false, false,
		"tokens the KV pool holds" },
	[M_MAX_SEQS] = { "memory.max_concurrent_seqs", DIM_COUNT, true, false, false, false,
		"sequences of input + output tokens the KV pool holds at once" },
	[M_PER_GPU_FRAC] = { "memory.per_gpu_fraction", DIM_FRACTION, false, false, true, false,
		"memory.per_gpu_bytes / capacity" },
	[M_HEADROOM] = { "memory.headroom_bytes", DIM_BYTES, true, false, true, false,
		"capacity - memory.per_gpu_bytes" },
	[M_HEADROOM_FRAC] = { "memory.headroom_fraction", DIM_FRACTION, true, false, true, false,
		"1 - memory.per_gpu_fraction" },
	[M_OVERHEAD] = { "memory.overhead_bytes", DIM_BYTES, false, false, true, true,
		"what is neither weights nor KV cache: activations + reserve (\"system\")" },
	[M_OPTIMIZER] = { "memory.optimizer_bytes", DIM_BYTES, false, false, true, true,
		"optimizer state: none at inference" },
	[M_COMM_BUF] = { "memory.comm_buffer_bytes", DIM_BYTES, false, false, true, true,
		"communication (NCCL, custom all-reduce) buffers, when TP x PP > 1" },
	[M_IMBALANCE] = { "memory.imbalance", DIM_FRACTION, false, false, false, false,
		"(fullest - emptiest stage) / fullest, of memory.per_gpu_bytes" },
	[M_SHORTFALL] = { "memory.shortfall_bytes", DIM_BYTES, false, false, false, false,
		"model.weights_bytes beyond cluster.memory_bytes (0 when they fit)" },
	[M_SHORTFALL_FRAC] = { "memory.shortfall_fraction", DIM_RATIO, false, false, false, false,
		"memory.shortfall_bytes / cluster.memory_bytes (\"890% over capacity\")" },
	[M_W_TO_CAP] = { "memory.weights_to_capacity", DIM_RATIO, false, false, false, false,
		"model.weights_bytes / cluster.memory_bytes (\"4.6x available memory\")" },
	[M_TTFT] = { "latency.ttft_s", DIM_SECONDS, false, false, false, false,
		"time to first token of one request on an idle deployment (prefill)" },
	[M_TPOT] = { "latency.tpot_s", DIM_SECONDS, false, false, false, false,
		"time per output token: one decode step at the workload's batch" },
	[M_BATCH_PREFILL] = { "latency.batch_prefill_s", DIM_SECONDS, false, false, false, false,
		"prefill of the whole batch through the pipeline" },
	[M_E2E] = { "latency.e2e_s", DIM_SECONDS, false, false, false, false,
		"batch prefill + (output_len - 1) decode steps" },
	[M_COMM_SHARE] = { "latency.comm_share", DIM_FRACTION, false, false, false, false,
		"share of the request cycle (batch prefill + output_len decode steps) spent in TP "
		"all-reduce, EP all-to-all and PP sends" },
	[M_COLLECTIVE] = { "latency.collective_s", DIM_SECONDS, false, false, false, false,
		"mean time of one TP/EP collective in the TTFT prefill" },
	[M_TOK_S] = { "throughput.tokens_per_s", DIM_TOKENS_PER_S, true, false, false, false,
		"output tokens per second, all replicas" },
	[M_TOK_S_GPU] = { "throughput.tokens_per_s_per_gpu", DIM_TOKENS_PER_S, true, false, false, false,
		"output tokens per second per GPU" },
	[M_TOK_S_USER] = { "throughput.tokens_per_s_per_user", DIM_TOKENS_PER_S, true, false, false, false,
		"output tokens per second one sequence sees (1 / TPOT)" },
	[M_RPS] = { "throughput.requests_per_s", DIM_REQ_PER_S, true, false, false, false,
		"requests per second, all replicas" },
	[M_MFU] = { "throughput.mfu", DIM_FRACTION, true, false, false, false,
		"model FLOPs utilisation: tokens/s x FLOPs per token / (GPUs x peak)" },
	[M_FLOPS_NEEDED] = { "compute.flops_per_s_per_gpu", DIM_FLOP_PER_S, false, false, false, false,
		"FLOP/s each GPU must sustain for a per-GPU rate (the claim's tokens_per_s_per_gpu, "
		"else shardlab's): rate x model.flops_per_token" },
	[M_BUBBLE] = { "pipeline.bubble_fraction", DIM_FRACTION, false, false, false, false,
		"GPipe bubble (PP - 1) / (micro-batches + PP - 1)" },
	[M_STAGE_IMB] = { "pipeline.stage_imbalance", DIM_FRACTION, false, false, false, false,
		"slowest / fastest stage decode step - 1" },
	[M_GPUS_MISSING] = { "layout.gpus_missing", DIM_COUNT, false, true, false, false,
		"GPUs the layout needs beyond the cluster's" },
	[M_GPUS_IDLE] = { "layout.gpus_idle", DIM_COUNT, true, true, false, false,
		"the cluster's GPUs the layout leaves idle (spares)" },
	[M_GPU_USE] = { "layout.gpu_use_fraction", DIM_FRACTION, true, false, false, false,
		"strategy.gpus / cluster.gpus" },
	[M_MIN_GPUS] = { "layout.min_gpus", DIM_COUNT, false, true, false, false,
		"fewest GPUs of this type whose runtime budget holds the weights beside the "
		"activations and reserve (bound: the weights in raw capacity)" },
	[M_LAYERS_STAGE] = { "layout.layers_per_stage", DIM_COUNT, false, true, true, false,
		"layers of a pipeline stage (default: the largest)" },
	[M_LAYERS_GPU] = { "layout.layers_per_gpu", DIM_COUNT, false, false, true, false,
		"whole layers' worth of weights one GPU holds: stage layers / TP for dense layers" },
	[M_HEADS_GPU] = { "layout.heads_per_gpu", DIM_COUNT, false, true, false, false,
		"attention heads per TP rank" },
	[M_KV_HEADS_GPU] = { "layout.kv_heads_per_gpu", DIM_COUNT, false, true, false, false,
		"KV heads per TP rank (replicated when TP > KV heads)" },
	[M_EXPERTS_GPU] = { "layout.experts_per_gpu", DIM_COUNT, false, true, false, false,
		"routed experts per GPU per MoE layer: experts / EP" },
	[M_SEQS_REPLICA] = { "workload.seqs_per_replica", DIM_COUNT, true, true, false, false,
		"sequences decoded together by one replica (the batch)" },
	[M_SEQS_TOTAL] = { "workload.seqs_total", DIM_COUNT, true, true, false, false,
		"sequences decoded together by all replicas: batch x DP" },
	[M_FEASIBLE] = { "feasible", DIM_BOOL, true, true, false, false,
		"no error among shardlab's checks (the plan can run as stated)" },
	[M_COUNT] = { NULL, DIM_COUNT, false, false, false, false, NULL },
};

int
audit_metric_find(const char *name)
{
	for (int i = 0; i < M_COUNT; i++)
		if (strcmp(audit_metrics[i].name, name) == 0)
			return i;
	return -1;
}

static const char *const dim_names[DIM_KINDS] = {
	[DIM_BYTES] = "bytes", [DIM_SECONDS] = "seconds", [DIM_TOKENS_PER_S] = "tokens/s",
	[DIM_REQ_PER_S] = "requests/s", [DIM_FLOPS] = "FLOPs", [DIM_FLOP_PER_S] = "FLOP/s",
	[DIM_BYTES_PER_S] = "bytes/s", [DIM_FRACTION] = "fraction", [DIM_RATIO] = "ratio",
	[DIM_COUNT] = "count", [DIM_USD_PER_HOUR] = "USD/hour", [DIM_BOOL] = "true/false",
};

const char *
audit_dim_name(AuditDim d)
{
	return d < DIM_KINDS ? dim_names[d] : "?";
}

/* ---- units ------------------------------------------------------------- */

#define DIMS(a) (1u << (a))

static const struct {
	const char *unit;
	unsigned dims;
	double factor;
} unit_table[] = {
	{ "B", DIMS(DIM_BYTES), 1 }, { "bytes", DIMS(DIM_BYTES), 1 },
	{ "kB", DIMS(DIM_BYTES), 1e3 }, { "KB", DIMS(DIM_BYTES), 1e3 },
	{ "MB", DIMS(DIM_BYTES), 1e6 }, { "GB", DIMS(DIM_BYTES), 1e9 },
	{ "TB", DIMS(DIM_BYTES), 1e12 }, { "KiB", DIMS(DIM_BYTES), 1024.0 },
	{ "MiB", DIMS(DIM_BYTES), 1048576.0 }, { "GiB", DIMS(DIM_BYTES), BYTES_PER_GIB },
	{ "TiB", DIMS(DIM_BYTES), BYTES_PER_GIB * 1024 },
	{ "s", DIMS(DIM_SECONDS), 1 }, { "ms", DIMS(DIM_SECONDS), 1e-3 },
	{ "us", DIMS(DIM_SECONDS), 1e-6 }, { "min", DIMS(DIM_SECONDS), 60 },
	{ "h", DIMS(DIM_SECONDS), 3600 },
	{ "tokens/s", DIMS(DIM_TOKENS_PER_S), 1 }, { "tok/s", DIMS(DIM_TOKENS_PER_S), 1 },
	{ "tokens/ms", DIMS(DIM_TOKENS_PER_S), 1e3 },
	{ "req/s", DIMS(DIM_REQ_PER_S), 1 }, { "requests/s", DIMS(DIM_REQ_PER_S), 1 },
	{ "RPS", DIMS(DIM_REQ_PER_S), 1 },
	{ "FLOP", DIMS(DIM_FLOPS), 1 }, { "FLOPs", DIMS(DIM_FLOPS), 1 },
	{ "GFLOP", DIMS(DIM_FLOPS), 1e9 }, { "TFLOP", DIMS(DIM_FLOPS), 1e12 },
	{ "PFLOP", DIMS(DIM_FLOPS), 1e15 },
	/* "TFLOPs" means a count or a rate depending on the author: accepted as either */
	{ "GFLOPs", DIMS(DIM_FLOPS) | DIMS(DIM_FLOP_PER_S), 1e9 },
	{ "TFLOPs", DIMS(DIM_FLOPS) | DIMS(DIM_FLOP_PER_S), 1e12 },
	{ "PFLOPs", DIMS(DIM_FLOPS) | DIMS(DIM_FLOP_PER_S), 1e15 },
	{ "FLOP/s", DIMS(DIM_FLOP_PER_S), 1 }, { "GFLOP/s", DIMS(DIM_FLOP_PER_S), 1e9 },
	{ "TFLOP/s", DIMS(DIM_FLOP_PER_S), 1e12 }, { "PFLOP/s", DIMS(DIM_FLOP_PER_S), 1e15 },
	{ "TFLOPS", DIMS(DIM_FLOP_PER_S), 1e12 }, { "PFLOPS", DIMS(DIM_FLOP_PER_S), 1e15 },
	{ "B/s", DIMS(DIM_BYTES_PER_S), 1 }, { "MB/s", DIMS(DIM_BYTES_PER_S), 1e6 },
	{ "GB/s", DIMS(DIM_BYTES_PER_S), 1e9 }, { "TB/s", DIMS(DIM_BYTES_PER_S), 1e12 },
	/* bits: 1 Gbps = 1e9 bits/s = 1.25e8 bytes/s */
	{ "Gbps", DIMS(DIM_BYTES_PER_S), 1e9 / 8 }, { "Gb/s", DIMS(DIM_BYTES_PER_S), 1e9 / 8 },
	{ "Tbps", DIMS(DIM_BYTES_PER_S), 1e12 / 8 },
	{ "%", DIMS(DIM_FRACTION) | DIMS(DIM_RATIO), 0.01 },
	{ "fraction", DIMS(DIM_FRACTION) | DIMS(DIM_RATIO), 1 },
	{ "x", DIMS(DIM_FRACTION) | DIMS(DIM_RATIO), 1 },
	{ "ratio", DIMS(DIM_FRACTION) | DIMS(DIM_RATIO), 1 },
	{ "count", DIMS(DIM_COUNT), 1 }, { "GPUs", DIMS(DIM_COUNT), 1 },
	{ "layers", DIMS(DIM_COUNT), 1 }, { "experts", DIMS(DIM_COUNT), 1 },
	{ "heads", DIMS(DIM_COUNT), 1 }, { "sequences", DIMS(DIM_COUNT), 1 },
	{ "tokens", DIMS(DIM_COUNT), 1 }, { "params", DIMS(DIM_COUNT), 1 },
	{ "thousand", DIMS(DIM_COUNT), 1e3 }, { "million", DIMS(DIM_COUNT), 1e6 },
	{ "billion", DIMS(DIM_COUNT), 1e9 },
	{ "USD/h", DIMS(DIM_USD_PER_HOUR), 1 }, { "$/h", DIMS(DIM_USD_PER_HOUR), 1 },
	{ "$/hour", DIMS(DIM_USD_PER_HOUR), 1 },
};

int
audit_unit(const char *unit, AuditDim d, double *factor)
{
	if (!unit || !*unit) {
		*factor = 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++) {
		if (strcmp(unit, unit_table[i].unit) == 0) {
			if (d != DIM_KINDS && !(unit_table[i].dims & DIMS(d)))
				return -1;
			*factor = unit_table[i].factor;
			return 0;
		}
	}
	return -1;
}

const char *
audit_units_of(AuditDim d)
{
	switch (d) {
	case DIM_BYTES: return "B, kB, MB, GB, TB, KiB, MiB, GiB, TiB";
	case DIM_SECONDS: return "s, ms, us, min, h";
	case DIM_TOKENS_PER_S: return "tokens/s, tok/s, tokens/ms";
	case DIM_REQ_PER_S: return "req/s, requests/s, RPS";
	case DIM_FLOPS: return "FLOPs, GFLOP, TFLOP, PFLOP, GFLOPs, TFLOPs";
	case DIM_FLOP_PER_S: return "FLOP/s, GFLOP/s, TFLOP/s, PFLOP/s, TFLOPS, TFLOPs";
	case DIM_BYTES_PER_S: return "B/s, MB/s, GB/s, TB/s, Gbps, Gb/s, Tbps";
	case DIM_FRACTION: case DIM_RATIO: return "%, fraction, x, ratio";
	case DIM_COUNT: return "count, GPUs, layers, experts, heads, sequences, tokens, params, "
		"thousand, million, billion";
	case DIM_USD_PER_HOUR: return "USD/h, $/h, $/hour";
	case DIM_BOOL: return "none (true or false)";
	case DIM_KINDS: break;
	}
	return "";
}

/* ---- small helpers ----------------------------------------------------- */

/* A bounded appender, as in explain.c. */
typedef struct {
	char *buf;
	size_t n, len;
} Out;

static void
out(Out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
out(Out *o, const char *fmt, ...)
{
	va_list ap;
	char *dst = o->buf && o->len < o->n ? o->buf + o->len : NULL;
	size_t room = dst ? o->n - o->len : 0;

	va_start(ap, fmt);
	int k = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

const char *
audit_verdict_name(Verdict v)
{
	switch (v) {
	case VERDICT_CONSISTENT: return "consistent";
	case VERDICT_OPTIMISTIC: return "optimistic";
	case VERDICT_PESSIMISTIC: return "pessimistic";
	case VERDICT_IMPOSSIBLE: return "impossible";
	case VERDICT_UNCHECKED: return "not checked";
	}
	return "?";
}

const char *
audit_plan_verdict_name(PlanVerdict v)
{
	switch (v) {
	case PLAN_CONSISTENT: return "consistent";
	case PLAN_OPTIMISTIC: return "optimistic";
	case PLAN_PESSIMISTIC: return "pessimistic";
	case PLAN_INCONSISTENT: return "inconsistent";
	}
	return "?";
}

const char *
audit_op_name(ClaimOp op)
{
	return op == CLAIM_AT_MOST ? "at most" : op == CLAIM_AT_LEAST ? "at least" : "about";
}

char *
audit_format_value(AuditDim d, double v, char *buf, size_t n)
{
	char t[48];

	if (!isfinite(v)) {
		snprintf(buf, n, "-");
		return buf;
	}
	switch (d) {
	case DIM_BYTES:
		if (fabs(v) > 0 && fabs(v) < 1e3)
			snprintf(buf, n, "%g B", v);
		else if (fabs(v) >= 1e12)
			snprintf(buf, n, "%.2f TB", v / 1e12);
		else
			fmt_bytes(v, buf, n);
		break;
	case DIM_SECONDS:
		if (v == 0)
			snprintf(buf, n, "0 s");
		else
			fmt_seconds(v, buf, n);
		break;
	case DIM_TOKENS_PER_S:
		fmt_rate(v, "tok/s", buf, n);
		break;
	case DIM_REQ_PER_S:
		snprintf(buf, n, "%.2f req/s", v);
		break;
	case DIM_FLOPS:
		snprintf(buf, n, "%.3g FLOPs", v);
		break;
	case DIM_FLOP_PER_S:
		if (fabs(v) >= 1e12 || v == 0)
			snprintf(buf, n, "%.4g TFLOP/s", v / 1e12);
		else
			snprintf(buf, n, "%.3g FLOP/s", v);
		break;
	case DIM_BYTES_PER_S:
		if (fabs(v) >= 1e12)
			snprintf(buf, n, "%.2f TB/s", v / 1e12);
		else
			snprintf(buf, n, "%.4g GB/s", v / 1e9);
		break;
	case DIM_FRACTION:
		snprintf(buf, n, "%.1f%%", v * 100);
		break;
	case DIM_RATIO:
		snprintf(buf, n, "%.3gx", v);
		break;
	case DIM_COUNT:
		if (v != floor(v) && fabs(v) < 1e7)
			snprintf(buf, n, "%.3g", v);
		else
			snprintf(buf, n, "%s", fmt_count(v, t, sizeof t));
		break;
	case DIM_USD_PER_HOUR:
		snprintf(buf, n, "$%.2f/h", v);
		break;
	case DIM_BOOL:
		snprintf(buf, n, "%s", v != 0 ? "true" : "false");
		break;
	case DIM_KINDS:
		snprintf(buf, n, "%g", v);
		break;
	}
	return buf;
}

char *
audit_format_claimed(const AuditClaim *c, char *buf, size_t n)
{
	char a[48], b[48];

	if (c->metric < 0) {
		if (c->lo != c->hi)
			snprintf(buf, n, "%g-%g %s", c->lo, c->hi, c->unit);
		else if (isfinite(c->lo))
			snprintf(buf, n, "%g %s", c->lo, c->unit);
		else
			snprintf(buf, n, "-");
		return buf;
	}
	AuditDim d = audit_metrics[c->metric].dim;
	audit_format_value(d, c->lo, a, sizeof a);
	if (c->hi != c->lo) {
		audit_format_value(d, c->hi, b, sizeof b);
		snprintf(buf, n, "%s to %s", a, b);
	} else {
		snprintf(buf, n, "%s%s", c->op == CLAIM_AT_MOST ? "<= " : c->op == CLAIM_AT_LEAST ?
		    ">= " : "", a);
	}
	return buf;
}

/* ---- figures of one scenario ------------------------------------------- */

/* What audit needs beyond the Result, derived once per scenario. */
typedef struct Fig {
	const Scenario *s;
	const Result *r;
	bool valid;             /* eval_run accepted the layout */
	bool runs;              /* valid, enough GPUs, and every stage fits */
	char why_not[AUDIT_MSG_MAX];
	double peak;            /* FLOP/s of the compute dtype, datasheet */
	double hbm;             /* bytes/s, datasheet */
	double ttft_floor, tpot_floor, bp_floor, e2e_floor;
	int m_pre;              /* micro-batches in flight */
	double weights_total;   /* the whole model, one copy */
	double layer_bytes;     /* one whole layer's weights, mean over layers */
	double expert_bytes;    /* one routed expert */
} Fig;

/* The compute dtype's peak, as eval's ctx_init picks it. */
static double
compute_peak(const Scenario *s)
{
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;
	Dtype d = st->act_dtype;

	if (st->weight_dtype == DTYPE_FP8 && g->peak_flops[DTYPE_FP8] > 0)
		d = DTYPE_FP8;
	if (st->weight_dtype == DTYPE_FP32)
		d = DTYPE_FP32;
	double p = g->peak_flops[d];
	if (p <= 0)
		p = g->peak_flops[DTYPE_FP32] > 0 ? g->peak_flops[DTYPE_FP32] : g->peak_flops[DTYPE_FP16];
	return p;
}

/* The physical floor of one stage's pass: the roofline at 100% of the
 * datasheet's peak and bandwidth, without kernel floors or communication. */
static double
stage_floor(const Fig *f, int i, Phase ph)
{
	const PhaseTime *pt = &f->r->stages[i].phase[ph];
	return fmax(pt->bytes / f->hbm, pt->flops / f->peak);
}

static void
fig_init(Fig *f, const Scenario *s, const Result *r)
{
	const Model *m = &s->model;
	const ModelParams *p = &r->params;
	const Strategy *st = &s->strategy;
	char msg[AUDIT_MSG_MAX];

	memset(f, 0, sizeof *f);
	f->s = s;
	f->r = r;
	f->valid = r->status == EVAL_OK && r->n_stages > 0;
	f->peak = compute_peak(s);
	f->hbm = s->cluster.gpu.hbm_bytes_per_s;
	double bw = dtype_weight_bytes(st->weight_dtype);
	double be = dtype_is_quantized(st->weight_dtype) ? dtype_bytes(DTYPE_BF16) : bw;
	f->weights_total = (p->total - p->embedding - p->head) * bw + (p->embedding + p->head) * be;
	f->layer_bytes = m->n_layers > 0 ?
	    (p->total - p->embedding - p->head - p->final_norm) / m->n_layers * bw : 0;
	f->expert_bytes = p->expert * bw;

	f->runs = f->valid;
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		if (c->severity != SEV_ERROR)
			continue;
		if (check_structural(c->id) || c->id == CHECK_GPU_COUNT || c->id == CHECK_MEMORY_FIT) {
			if (f->runs || !f->why_not[0]) {
				check_format(s, r, c, msg, sizeof msg);
				snprintf(f->why_not, sizeof f->why_not, "%s: %.400s", check_id_name(c->id), msg);
			}
			f->runs = false;
		}
	}
	if (!f->valid)
		return;

	double sum_pre = 0, sum_bp = 0, max_bp = 0, sum_dec = 0, max_dec = 0;
	for (int i = 0; i < r->n_stages; i++) {
		sum_pre += stage_floor(f, i, PHASE_PREFILL);
		double b = stage_floor(f, i, PHASE_BATCH_PREFILL);
		sum_bp += b;
		max_bp = fmax(max_bp, b);
		double d = stage_floor(f, i, PHASE_DECODE);
		sum_dec += d;
		max_dec = fmax(max_dec, d);
	}
	/* the same micro-batching as latency.c */
	int micro = r->micro_batches > 0 ? r->micro_batches : 1;
	double batch = s->workload.batch;
	double mb = ceil(batch / micro);
	f->m_pre = (int)ceil(batch / mb);
	f->ttft_floor = sum_pre;
	f->bp_floor = sum_bp + (f->m_pre - 1) * max_bp;
	f->tpot_floor = fmax(sum_dec, f->m_pre * max_dec);
	f->e2e_floor = f->bp_floor + (s->workload.output_len - 1) * f->tpot_floor;
}

/* The stage a per-stage figure is read from by default. */
static int
default_stage(const Fig *f, int metric)
{
	const Result *r = f->r;
	if (metric == M_LAYERS_STAGE || metric == M_LAYERS_GPU) {
		int best = 0;
		for (int i = 1; i < r->n_stages; i++)
			if (r->stages[i].n_layers > r->stages[best].n_layers)
				best = i;
		return best;
	}
	return r->memory.stage;
}

/* Whole layers' worth of weights on one GPU of stage i. */
static double
layers_per_gpu(const Fig *f, int i)
{
	const Scenario *s = f->s;
	const StageResult *sr = &f->r->stages[i];
	const ModelParams *p = &f->r->params;
	int tp = s->strategy.tp;
	double edge = (sr->has_embedding ? p->embedding / tp : 0) +
	    (sr->has_head ? p->head / tp + p->final_norm : 0);
	double full = s->model.n_layers > 0 ?
	    (p->total - p->embedding - p->head - p->final_norm) / s->model.n_layers : 0;
	return full > 0 ? (sr->params - edge) / full : 0;
}

/* A per-stage figure of stage i. */
static double
stage_value(const Fig *f, int metric, int i)
{
	const StageResult *sr = &f->r->stages[i];
	const Scenario *s = f->s;
	double cap = s->cluster.gpu.memory_bytes;

	switch (metric) {
	case M_PER_GPU: return sr->per_gpu_bytes;
	case M_WEIGHTS: return sr->weights_bytes;
	case M_KV_CACHE: return sr->kv_cache_bytes;
	case M_KV_POOL: return sr->kv_pool_bytes;
	case M_ACT: return sr->activation_bytes;
	case M_RESERVED: return sr->reserved_bytes;
	case M_BUDGET: return sr->budget_bytes;
	case M_KV_BPT: return sr->kv_bytes_per_token;
	case M_PER_GPU_FRAC: return sr->per_gpu_bytes / cap;
	case M_HEADROOM: return cap - sr->per_gpu_bytes;
	case M_HEADROOM_FRAC: return 1 - sr->per_gpu_bytes / cap;
	case M_OVERHEAD: return sr->activation_bytes + sr->reserved_bytes;
	case M_OPTIMIZER: return 0;
	case M_COMM_BUF: return s->strategy.tp * s->strategy.pp > 1 ? s->runtime.comm_buffer_bytes : 0;
	case M_LAYERS_STAGE: return sr->n_layers;
	case M_LAYERS_GPU: return layers_per_gpu(f, i);
	}
	return NAN;
}

/* Share of phase ph's path spent communicating. */
static void
phase_comm(const Result *r, Phase ph, double *comm, double *total)
{
	*comm = *total = 0;
	for (int i = 0; i < r->n_stages; i++) {
		*comm += r->stages[i].phase[ph].comm_s + r->stages[i].send_s[ph];
		*total += r->stages[i].phase[ph].total_s + r->stages[i].send_s[ph];
	}
}

/* Collectives one GPU of stage i runs in one pass (latency.c's layer()). */
static int
stage_collectives(const Scenario *s, const Result *r, int i)
{
	const StageResult *sr = &r->stages[i];
	int tp = s->strategy.tp, ep = s->strategy.ep;
	int dense = sr->n_kind[0] + sr->n_kind[LAYER_SLIDING];
	int moe = sr->n_kind[LAYER_MOE] + sr->n_kind[LAYER_MOE | LAYER_SLIDING];
	int n = 0;
	if (tp > 1)
		n += 2 * dense + moe + (sr->has_head ? 1 : 0);
	if (ep > 1)
		n += moe * (2 + (r->params.shared > 0 && tp > 1 ? 1 : 0));
	else if (tp > 1)
		n += moe;
	return n;
}

/* Everything one claim's figure needs to be judged: the value, the
 * physical bound it may not cross, and the explanation. */
typedef struct Judged {
	bool available;
	double value;
	double lo, hi;          /* over stages */
	double bound;           /* NAN: none */
	bool bound_is_max;
	bool impossible;        /* not available because the claim cannot hold at all */
	char why[AUDIT_MSG_MAX];        /* a short reason when not available / the bound's origin */
} Judged;

static void
set_bound(Judged *j, double bound, bool is_max, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
set_bound(Judged *j, double bound, bool is_max, const char *fmt, ...)
{
	va_list ap;
	j->bound = bound;
	j->bound_is_max = is_max;
	va_start(ap, fmt);
	vsnprintf(j->why, sizeof j->why, fmt, ap);
	va_end(ap);
}

static bool
needs_eval(int metric)
{
	switch (metric) {
	case M_PARAMS_TOTAL: case M_PARAMS_ACTIVE: case M_LAYERS: case M_EXPERTS: case M_HEADS:
	case M_KV_HEADS: case M_MODEL_WEIGHTS: case M_BYTES_PER_PARAM: case M_GPUS:
	case M_CLUSTER_GPUS: case M_GPU_MEMORY: case M_CLUSTER_MEMORY: case M_HBM: case M_PEAK:
	case M_INTRA: case M_INTER: case M_CC: case M_USD: case M_CAPACITY: case M_SHORTFALL:
	case M_SHORTFALL_FRAC: case M_W_TO_CAP: case M_GPUS_MISSING: case M_GPUS_IDLE:
	case M_GPU_USE: case M_MIN_GPUS: case M_HEADS_GPU: case M_KV_HEADS_GPU:
	case M_EXPERTS_GPU: case M_SEQS_REPLICA: case M_SEQS_TOTAL: case M_FEASIBLE:
	case M_BUBBLE:
		return false;
	}
	return true;
}

static bool
is_throughput(int metric)
{
	return metric == M_TOK_S || metric == M_TOK_S_GPU || metric == M_TOK_S_USER ||
	    metric == M_RPS || metric == M_MFU;
}

/* judge_metric: the figure of c->metric in scenario f.  Fills *j. */
static void
judge_metric(const Fig *f, const AuditClaim *c, Judged *j)
{
	const Scenario *s = f->s;
	const Result *r = f->r;
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;
	const Workload *w = &s->workload;
	int metric = c->metric;
	int G = cluster_gpus(&s->cluster), need = st->tp * st->pp * st->dp;
	double cap = g->memory_bytes, cl_mem = cap * G;
	char a[48], b[48];

	memset(j, 0, sizeof *j);
	j->bound = NAN;
	j->available = true;
	if (needs_eval(metric) && !f->valid) {
		j->available = false;
		j->impossible = true;
		snprintf(j->why, sizeof j->why, "the layout is invalid (%.400s)", f->why_not);
		return;
	}
	if (is_throughput(metric) && !f->runs) {
		/* a deployment that cannot start serves nothing */
		j->value = j->lo = j->hi = 0;
		snprintf(j->why, sizeof j->why, "the deployment cannot run (%.400s): it serves nothing",
		    f->why_not);
		return;
	}
	if ((metric == M_TTFT || metric == M_TPOT || metric == M_BATCH_PREFILL || metric == M_E2E ||
	    metric == M_COMM_SHARE || metric == M_COLLECTIVE || metric == M_STAGE_IMB) && !f->runs) {
		j->available = false;
		j->impossible = true;
		snprintf(j->why, sizeof j->why, "the deployment cannot run (%.400s)", f->why_not);
		return;
	}

	if (audit_metrics[metric].per_stage && f->valid) {
		int first = 0, last = r->n_stages - 1;
		if (c->stage == AUDIT_STAGE_DEFAULT)
			first = last = default_stage(f, metric);
		else if (c->stage >= 0)
			first = last = c->stage < r->n_stages ? c->stage : -1;
		if (first < 0) {
			j->available = false;
			j->impossible = true;
			snprintf(j->why, sizeof j->why, "stage %d does not exist: the layout has %d",
			    c->stage, r->n_stages);
			return;
		}
		j->lo = INFINITY;
		j->hi = -INFINITY;
		for (int i = first; i <= last; i++) {
			double v = stage_value(f, metric, i);
			if (c->all_gpus && audit_metrics[metric].summable) {
				/* every stage's GPUs: TP x DP each */
				v = 0;
				for (int k = 0; k < r->n_stages; k++)
					v += stage_value(f, metric, k) * st->tp * st->dp;
			}
			j->lo = fmin(j->lo, v);
			j->hi = fmax(j->hi, v);
		}
		j->value = j->hi;
		double ceiling = c->all_gpus ? cap * need : cap;
		switch (metric) {
		case M_PER_GPU: case M_WEIGHTS: case M_KV_CACHE: case M_KV_POOL: case M_ACT:
		case M_RESERVED: case M_BUDGET: case M_OVERHEAD: case M_OPTIMIZER: case M_COMM_BUF:
		case M_HEADROOM:
			set_bound(j, ceiling, true, "%s%s holds %s", c->all_gpus ? "all " : "one ",
			    c->all_gpus ? "GPUs of the layout" : g->name, fmt_bytes(ceiling, a, sizeof a));
			break;
		case M_PER_GPU_FRAC: case M_HEADROOM_FRAC:
			set_bound(j, 1, true, "a GPU holds at most 100%% of its memory");
			break;
		case M_LAYERS_GPU: {
			double fit = f->layer_bytes > 0 ? cap / f->layer_bytes : INFINITY;
			if (fit < m->n_layers)
				set_bound(j, fit, true, "one whole layer is %s in %s: %s holds %.1f of them",
				    fmt_bytes(f->layer_bytes, a, sizeof a), dtype_name(st->weight_dtype),
				    fmt_bytes(cap, b, sizeof b), fit);
			else
				set_bound(j, m->n_layers, true, "the model has %d layers", m->n_layers);
			break;
		}
		case M_LAYERS_STAGE:
			set_bound(j, m->n_layers, true, "the model has %d layers", m->n_layers);
			break;
		}
		return;
	}

	double v = NAN;
	switch (metric) {
	case M_PARAMS_TOTAL: v = r->params.total; break;
	case M_PARAMS_ACTIVE: v = r->params.active; break;
	case M_FLOPS_PER_TOKEN: v = r->flops_per_token; break;
	case M_LAYERS: v = m->n_layers; break;
	case M_EXPERTS: v = m->n_experts; break;
	case M_HEADS: v = m->n_heads; break;
	case M_KV_HEADS: v = m->n_kv_heads; break;
	case M_MODEL_WEIGHTS: v = f->weights_total; break;
	case M_BYTES_PER_PARAM: v = dtype_weight_bytes(st->weight_dtype); break;
	case M_GPUS:
		v = need;
		set_bound(j, need, false, "TP %d x PP %d x DP %d = %d GPUs", st->tp, st->pp, st->dp, need);
		break;
	case M_CLUSTER_GPUS: v = G; break;
	case M_GPU_MEMORY: v = cap; break;
	case M_CLUSTER_MEMORY: v = cl_mem; break;
	case M_HBM: v = g->hbm_bytes_per_s; break;
	case M_PEAK: v = f->peak; break;
	case M_INTRA: v = s->cluster.intra.bytes_per_s; break;
	case M_INTER: v = s->cluster.inter.bytes_per_s; break;
	case M_CC:
		if (g->compute_capability <= 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "%s has no CUDA compute capability", g->name);
			return;
		}
		v = g->compute_capability / 10.0;
		break;
	case M_USD:
		if (s->cluster.gpu_hour_usd <= 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "the cluster preset has no price");
			return;
		}
		v = s->cluster.gpu_hour_usd * G;
		break;
	case M_CAPACITY: v = cap; break;
	case M_MAX_KV_TOKENS:
		v = r->memory.max_kv_tokens;
		if (r->memory.kv_bytes_per_token > 0)
			set_bound(j, cap / r->memory.kv_bytes_per_token, true,
			    "%s of memory at %s bytes per token", fmt_bytes(cap, a, sizeof a),
			    fmt_int(r->memory.kv_bytes_per_token, b, sizeof b));
		break;
	case M_MAX_SEQS: v = r->memory.max_concurrent_seqs; break;
	case M_IMBALANCE: {
		double hi = 0, lo = INFINITY;
		for (int i = 0; i < r->n_stages; i++) {
			hi = fmax(hi, r->stages[i].per_gpu_bytes);
			lo = fmin(lo, r->stages[i].per_gpu_bytes);
		}
		v = hi > 0 ? (hi - lo) / hi : 0;
		set_bound(j, 0, false, "an imbalance is never negative");
		break;
	}
	case M_SHORTFALL: v = fmax(0, f->weights_total - cl_mem); break;
	case M_SHORTFALL_FRAC: v = fmax(0, f->weights_total - cl_mem) / cl_mem; break;
	case M_W_TO_CAP: v = f->weights_total / cl_mem; break;
	case M_TTFT:
		v = r->latency.ttft_s;
		set_bound(j, f->ttft_floor, false, "the prefill's FLOPs at %.0f TFLOP/s peak and its "
		    "bytes at %s, stage by stage", f->peak / 1e12,
		    audit_format_value(DIM_BYTES_PER_S, f->hbm, a, sizeof a));
		break;
	case M_TPOT: {
		v = r->latency.tpot_s;
		const StageResult *sr = &r->stages[r->memory.stage];
		set_bound(j, f->tpot_floor, false, "HBM-bandwidth bound: each decode step reads %s per "
		    "GPU (weights and the batch's KV cache) at %s peak, through %d stage%s",
		    fmt_bytes(sr->phase[PHASE_DECODE].bytes * f->m_pre, a, sizeof a),
		    audit_format_value(DIM_BYTES_PER_S, f->hbm, b, sizeof b), r->n_stages,
		    r->n_stages == 1 ? "" : "s");
		break;
	}
	case M_BATCH_PREFILL:
		v = r->latency.batch_prefill_s;
		set_bound(j, f->bp_floor, false, "the batch's prefill FLOPs at %.0f TFLOP/s peak",
		    f->peak / 1e12);
		break;
	case M_E2E:
		v = r->latency.e2e_s;
		set_bound(j, f->e2e_floor, false, "prefill and decode at peak FLOP/s and HBM bandwidth");
		break;
	case M_COMM_SHARE: {
		double cb, tb, cd, td;
		phase_comm(r, PHASE_BATCH_PREFILL, &cb, &tb);
		phase_comm(r, PHASE_DECODE, &cd, &td);
		double bp = r->latency.batch_prefill_s, dec = w->output_len * r->latency.tpot_s;
		v = (tb > 0 ? cb / tb * bp : 0) + (td > 0 ? cd / td * dec : 0);
		v = bp + dec > 0 ? v / (bp + dec) : 0;
		set_bound(j, 1, true, "a share is at most 100%%");
		break;
	}
	case M_COLLECTIVE: {
		double t = 0;
		int n = 0;
		for (int i = 0; i < r->n_stages; i++) {
			int k = stage_collectives(s, r, i);
			double cs = r->stages[i].phase[PHASE_PREFILL].comm_s;
			if (k > 0 && cs / k > t)
				t = cs / k, n = k;
		}
		v = n > 0 ? t : 0;
		break;
	}
	case M_TOK_S: case M_TOK_S_GPU: case M_RPS: {
		v = metric == M_TOK_S ? r->throughput.tokens_per_s : metric == M_TOK_S_GPU ?
		    r->throughput.tokens_per_s_per_gpu : r->throughput.requests_per_s;
		double compute = need * f->peak / r->flops_per_token;
		double hbm = st->dp * w->batch / f->tpot_floor;
		double ceil_tok = fmin(compute, hbm);
		double div = metric == M_TOK_S ? 1 : metric == M_TOK_S_GPU ? need : w->output_len;
		if (compute <= hbm)
			set_bound(j, ceil_tok / div, true, "compute bound: %d GPUs x %.0f TFLOP/s peak / %.3g "
			    "FLOPs per token", need, f->peak / 1e12, r->flops_per_token);
		else
			set_bound(j, ceil_tok / div, true, "HBM-bandwidth bound: DP %d x batch %d per decode "
			    "step of at least %s", st->dp, w->batch, fmt_seconds(f->tpot_floor, a, sizeof a));
		break;
	}
	case M_TOK_S_USER:
		v = r->throughput.tokens_per_s_per_user;
		set_bound(j, 1 / f->tpot_floor, true, "one token per decode step of at least %s",
		    fmt_seconds(f->tpot_floor, a, sizeof a));
		break;
	case M_MFU:
		v = r->throughput.mfu;
		set_bound(j, 1, true, "no GPU exceeds its peak");
		break;
	case M_FLOPS_NEEDED: {
		double rate = c->rate > 0 ? c->rate : r->throughput.tokens_per_s_per_gpu;
		v = rate * r->flops_per_token;
		snprintf(j->why, sizeof j->why, "%s per GPU x %.3g FLOPs per token; one %s peaks at "
		    "%.0f TFLOP/s", fmt_rate(rate, "tok/s", a, sizeof a), r->flops_per_token, g->name,
		    f->peak / 1e12);
		break;
	}
	case M_BUBBLE: {
		int mb = r->micro_batches > 0 ? r->micro_batches : 1;
		v = st->pp > 1 ? (double)(st->pp - 1) / (mb + st->pp - 1) : 0;
		set_bound(j, 0, false, "a bubble is never negative");
		break;
	}
	case M_STAGE_IMB: {
		double hi = 0, lo = INFINITY;
		for (int i = 0; i < r->n_stages; i++) {
			hi = fmax(hi, r->stages[i].phase[PHASE_DECODE].total_s);
			lo = fmin(lo, r->stages[i].phase[PHASE_DECODE].total_s);
		}
		v = lo > 0 ? hi / lo - 1 : 0;
		set_bound(j, 0, false, "an imbalance is never negative");
		break;
	}
	case M_GPUS_MISSING: v = need > G ? need - G : 0; break;
	case M_GPUS_IDLE:
		v = G > need ? G - need : 0;
		set_bound(j, G, true, "the cluster has %d GPUs", G);
		break;
	case M_GPU_USE: v = (double)need / G; break;
	case M_MIN_GPUS: {
		/* as checks.c gpus_to_fit, per GPU: weights / n + activations and
		 * reserve within the runtime's budget */
		double fixed = 0, budget = cap * s->runtime.mem_fraction;
		if (f->valid) {
			const StageResult *sr = &r->stages[r->memory.stage];
			fixed = sr->activation_bytes + sr->reserved_bytes;
			budget = sr->budget_bytes > 0 ? sr->budget_bytes : budget;
		} else {
			fixed = s->runtime.cuda_context_bytes + s->runtime.cuda_graph_bytes +
			    s->runtime.comm_buffer_bytes;
		}
		v = 0;
		for (int n = 1; n <= 4096; n++)
			if (f->weights_total / n + fixed < budget) {
				v = n;
				break;
			}
		if (v == 0) {
			j->available = false;
			snprintf(j->why, sizeof j->why, "no count up to 4096 fits");
			return;
		}
		double raw = ceil(f->weights_total / cap);
		set_bound(j, raw, false, "the weights (%s) alone fill %.0f x %s", fmt_bytes(f->weights_total,
		    a, sizeof a), raw, fmt_bytes(cap, b, sizeof b));
		break;
	}
	case M_HEADS_GPU:
		v = (double)m->n_heads / st->tp;
		set_bound(j, m->n_heads, true, "the model has %d heads", m->n_heads);
		break;
	case M_KV_HEADS_GPU:
		v = ceil((double)m->n_kv_heads / st->tp);
		set_bound(j, m->n_kv_heads, true, "the model has %d KV heads", m->n_kv_heads);
		break;
	case M_EXPERTS_GPU:
		if (!model_is_moe(m)) {
			j->available = false;
			j->impossible = true;
			snprintf(j->why, sizeof j->why, "%s is dense: it has no experts", m->name);
			return;
		}
		v = (double)m->n_experts / st->ep;
		if (f->expert_bytes > 0 && cap / f->expert_bytes < m->n_experts)
			set_bound(j, cap / f->expert_bytes, true, "one expert is %s: %s holds %.0f",
			    fmt_bytes(f->expert_bytes, a, sizeof a), fmt_bytes(cap, b, sizeof b),
			    floor(cap / f->expert_bytes));
		else
			set_bound(j, m->n_experts, true, "the model has %d experts per layer", m->n_experts);
		break;
	case M_SEQS_REPLICA: v = w->batch; break;
	case M_SEQS_TOTAL: v = (double)w->batch * st->dp; break;
	case M_FEASIBLE: v = f->valid && r->feasible ? 1 : 0; break;
	default:
		j->available = false;
		snprintf(j->why, sizeof j->why, "no figure");
		return;
	}
	j->value = j->lo = j->hi = v;
}

/* ---- provenance -------------------------------------------------------- */

static bool
explainable(const char *path)
{
	for (const char *const *p = explain_paths; *p; p++)
		if (strcmp(*p, path) == 0)
			return true;
	return false;
}

/* The explanation of claim c's figure in scenario f into buf[n]. */
static void
explain_claim(const Fig *f, const AuditClaim *c, const Judged *j, char *buf, size_t n)
{
	const Scenario *s = f->s;
	const Result *r = f->r;
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;
	const Model *m = &s->model;
	const char *name = audit_metrics[c->metric].name;
	int G = cluster_gpus(&s->cluster), need = st->tp * st->pp * st->dp;
	Out o = { buf, n, 0 };
	char a[48], b[48], d[48], e[48];

	buf[0] = '\0';
	if (!j->available) {
		out(&o, "%s", j->why);
		return;
	}
	if (f->valid && explainable(name) && (!is_throughput(c->metric) || f->runs)) {
		int stage = c->stage >= 0 ? c->stage : -1;
		explain_figure(s, r, name, stage, buf, n);
		o.len = strlen(buf);
		if (c->all_gpus && audit_metrics[c->metric].summable)
			out(&o, "\n  summed over every GPU: each stage's figure x TP %d x DP %d", st->tp, st->dp);
		if (!isnan(j->bound))
			out(&o, "\n  bound: %s", j->why);
		return;
	}
	switch (c->metric) {
	case M_LAYERS: case M_EXPERTS: case M_HEADS: case M_KV_HEADS:
		out(&o, "%s (%s): %d layers, %d heads, %d KV heads, %d experts (top-%d)", m->name, m->arch,
		    m->n_layers, m->n_heads, m->n_kv_heads, m->n_experts, m->top_k);
		break;
	case M_MODEL_WEIGHTS: case M_SHORTFALL: case M_SHORTFALL_FRAC: case M_W_TO_CAP: {
		const ModelParams *p = &r->params;
		out(&o, "model.weights_bytes = %s parameters x %g bytes (%s)", fmt_count(p->total -
		    p->embedding - p->head, a, sizeof a), dtype_weight_bytes(st->weight_dtype),
		    dtype_name(st->weight_dtype));
		out(&o, " + embedding and LM head %s x %g bytes = %s\n", fmt_count(p->embedding + p->head,
		    b, sizeof b), dtype_is_quantized(st->weight_dtype) ? 2.0 : dtype_weight_bytes(st->weight_dtype),
		    fmt_bytes(f->weights_total, d, sizeof d));
		out(&o, "  cluster.memory_bytes = %d x %s (%s) = %s; the weights are %.2fx that",
		    G, fmt_bytes(g->memory_bytes, a, sizeof a), g->name, fmt_bytes(g->memory_bytes * G, b,
		    sizeof b), f->weights_total / (g->memory_bytes * G));
		if (f->weights_total > g->memory_bytes * G)
			out(&o, ", short by %s (%.0f%% of the memory)", fmt_bytes(f->weights_total -
			    g->memory_bytes * G, e, sizeof e), (f->weights_total / (g->memory_bytes * G) - 1) * 100);
		break;
	}
	case M_BYTES_PER_PARAM:
		out(&o, "%s: %g bytes per weight%s", dtype_name(st->weight_dtype),
		    dtype_weight_bytes(st->weight_dtype), dtype_info(st->weight_dtype)->group_size > 0 ?
		    " including one 16-bit scale and 4-bit zero per group" : "");
		break;
	case M_GPUS: case M_GPUS_MISSING: case M_GPUS_IDLE: case M_GPU_USE:
		out(&o, "strategy.gpus = TP %d x PP %d x DP %d = %d", st->tp, st->pp, st->dp, need);
		if (st->ep > 1)
			out(&o, "; EP %d adds none: engines spread the experts over the TP x DP = %d GPUs of "
			    "each stage (vLLM --enable-expert-parallel, SGLang --ep-size)", st->ep, st->tp * st->dp);
		out(&o, "\n  the cluster (%s) has %d x %s", s->cluster.name, G, g->name);
		break;
	case M_CLUSTER_GPUS: case M_GPU_MEMORY: case M_CLUSTER_MEMORY: case M_CAPACITY:
		out(&o, "%s: %d nodes x %d GPUs of %s; one GPU exposes %s (%s; datasheet %s)", s->cluster.name,
		    s->cluster.nodes, s->cluster.gpus_per_node, g->name, fmt_bytes(g->memory_bytes, a, sizeof a),
		    fmt_gib(g->memory_bytes, b, sizeof b), fmt_bytes(g->datasheet_memory_bytes, d, sizeof d));
		break;
	case M_HBM: case M_PEAK: case M_CC:
		out(&o, "%s (%s): HBM %s/s, dense peak %.1f TFLOP/s in %s, compute capability %.1f "
		    "(presets/gpus/%s.lua, from the datasheet)", g->name, g->arch,
		    fmt_bytes(g->hbm_bytes_per_s, a, sizeof a), f->peak / 1e12, dtype_name(st->act_dtype),
		    g->compute_capability / 10.0, g->name);
		break;
	case M_INTRA: case M_INTER:
		out(&o, "%s: %s/s per GPU per direction inside a node; %s: %s/s between nodes "
		    "(presets/fabrics; a bidirectional figure is twice these, and 1 Gbps = 0.125 GB/s)",
		    s->cluster.intra.name, fmt_bytes(s->cluster.intra.bytes_per_s, a, sizeof a),
		    s->cluster.inter.name, fmt_bytes(s->cluster.inter.bytes_per_s, b, sizeof b));
		break;
	case M_USD:
		out(&o, "%d GPUs x $%.2f per GPU-hour (presets/clusters/%s.lua: an illustrative on-demand "
		    "price, not a quote)", G, s->cluster.gpu_hour_usd, s->cluster.name);
		break;
	case M_BUDGET:
		out(&o, "budget_bytes = capacity %s x %s memory fraction %.2f = %s",
		    fmt_bytes(g->memory_bytes, a, sizeof a), s->runtime.name, s->runtime.mem_fraction,
		    fmt_bytes(j->value, b, sizeof b));
		break;
	case M_PER_GPU_FRAC: case M_HEADROOM: case M_HEADROOM_FRAC: case M_OVERHEAD:
	case M_OPTIMIZER: case M_COMM_BUF: case M_IMBALANCE: {
		int i = c->stage >= 0 && c->stage < r->n_stages ? c->stage : r->memory.stage;
		const StageResult *sr = &r->stages[i];
		char t1[32], t2[32];
		out(&o, "stage %d per GPU: weights %s + KV cache %s + activations %s + reserve %s "
		    "(communication buffers %s) = %s of %s", i,
		    fmt_bytes(sr->weights_bytes, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b),
		    fmt_bytes(sr->activation_bytes, d, sizeof d), fmt_bytes(sr->reserved_bytes, e, sizeof e),
		    stage_value(f, M_COMM_BUF, i) > 0 ? "included" : "none", fmt_bytes(sr->per_gpu_bytes, t1,
		    sizeof t1), fmt_bytes(g->memory_bytes, t2, sizeof t2));
		if (c->metric == M_OPTIMIZER)
			out(&o, "\n  inference keeps no optimizer state (Adam's moments exist only in training)");
		if (c->metric == M_IMBALANCE && r->n_stages > 1) {
			out(&o, "\n  per stage:");
			for (int k = 0; k < r->n_stages; k++)
				out(&o, " %s", fmt_bytes(r->stages[k].per_gpu_bytes, a, sizeof a));
		}
		break;
	}
	case M_COMM_SHARE: case M_COLLECTIVE: {
		double cb, tb, cd, td;
		phase_comm(r, PHASE_BATCH_PREFILL, &cb, &tb);
		phase_comm(r, PHASE_DECODE, &cd, &td);
		out(&o, "communication on the path of one micro-batch: batch prefill %s of %s, decode step "
		    "%s of %s (TP all-reduce over %s, EP all-to-all, PP sends)", fmt_seconds(cb, a, sizeof a),
		    fmt_seconds(tb, b, sizeof b), fmt_seconds(cd, d, sizeof d), fmt_seconds(td, e, sizeof e),
		    st->tp > s->cluster.gpus_per_node ? s->cluster.inter.name : s->cluster.intra.name);
		out(&o, "\n  share = (prefill share x %s + decode share x %d steps x %s) / cycle",
		    fmt_seconds(r->latency.batch_prefill_s, a, sizeof a), s->workload.output_len,
		    fmt_seconds(r->latency.tpot_s, b, sizeof b));
		if (c->metric == M_COLLECTIVE)
			out(&o, "\n  collective_s = TTFT prefill communication / collectives per stage (2 "
			    "all-reduces per dense layer, 1 + EP dispatch and combine per MoE layer)");
		break;
	}
	case M_FLOPS_NEEDED:
		out(&o, "flops_per_s_per_gpu = %s\n  model.flops_per_token = %.3g (2 x %s active "
		    "parameters + attention; Kaplan et al., arXiv 2001.08361, sec. 2.1)", j->why,
		    r->flops_per_token, fmt_count(r->params.active, a, sizeof a));
		return;
	case M_BUBBLE:
		out(&o, "bubble = (PP %d - 1) / (micro-batches %d + PP %d - 1) (GPipe, arXiv 1811.06965)",
		    st->pp, r->micro_batches, st->pp);
		break;
	case M_STAGE_IMB:
		out(&o, "decode step per stage:");
		for (int k = 0; k < r->n_stages; k++)
			out(&o, " %s", fmt_seconds(r->stages[k].phase[PHASE_DECODE].total_s, a, sizeof a));
		break;
	case M_MIN_GPUS:
		out(&o, "the fewest GPUs n with weights %s / n + activations and reserve within the %s "
		    "budget (%s x %.2f)", fmt_bytes(f->weights_total, a, sizeof a), s->runtime.name,
		    fmt_bytes(g->memory_bytes, b, sizeof b), s->runtime.mem_fraction);
		break;
	case M_LAYERS_STAGE: case M_LAYERS_GPU: {
		int i = c->stage >= 0 && c->stage < r->n_stages ? c->stage : default_stage(f, c->metric);
		const StageResult *sr = &r->stages[i];
		out(&o, "stage %d holds layers %d-%d (%d layers) split over TP %d: each GPU holds 1/%d of "
		    "every one of them, %.3g whole layers' worth of weights (%s)", i, sr->first_layer,
		    sr->first_layer + sr->n_layers - 1, sr->n_layers, st->tp, st->tp, layers_per_gpu(f, i),
		    fmt_bytes(sr->weights_bytes, a, sizeof a));
		out(&o, "\n  one whole layer is %s in %s", fmt_bytes(f->layer_bytes, b, sizeof b),
		    dtype_name(st->weight_dtype));
		break;
	}
	case M_HEADS_GPU: case M_KV_HEADS_GPU:
		out(&o, "%d heads / TP %d = %g per GPU; %d KV heads / TP %d = %g per GPU%s", m->n_heads,
		    st->tp, (double)m->n_heads / st->tp, m->n_kv_heads, st->tp,
		    ceil((double)m->n_kv_heads / st->tp), st->tp > m->n_kv_heads ? " (replicated)" : "");
		break;
	case M_EXPERTS_GPU:
		out(&o, "%d experts / EP %d = %g per GPU in every MoE layer of its stage (%s each)",
		    m->n_experts, st->ep, (double)m->n_experts / st->ep, fmt_bytes(f->expert_bytes, a, sizeof a));
		break;
	case M_SEQS_REPLICA: case M_SEQS_TOTAL:
		out(&o, "batch %d per replica x DP %d = %d sequences; within a replica every GPU works on "
		    "all %d (TP splits each token's math, PP passes micro-batches along)",
		    s->workload.batch, st->dp, s->workload.batch * st->dp, s->workload.batch);
		break;
	case M_FEASIBLE: {
		int errors = 0;
		for (int k = 0; k < r->n_checks; k++)
			errors += r->checks[k].severity == SEV_ERROR;
		out(&o, "%d error%s among shardlab's checks of this scenario", errors, errors == 1 ? "" : "s");
		if (f->why_not[0])
			out(&o, "; first: %s", f->why_not);
		break;
	}
	default:
		if (is_throughput(c->metric))
			out(&o, "%s", j->why);
		break;
	}
	if (!isnan(j->bound) && c->metric != M_FLOPS_NEEDED && !is_throughput(c->metric))
		out(&o, "\n  bound: %s", j->why);
}

/* ---- the plan's own arithmetic ----------------------------------------- */

typedef struct Expr {
	const char *p;
	const AuditClaim *claims;
	int n;
	char *err;
	size_t err_n;
	bool failed;
} Expr;

static double expr_sum(Expr *x);

static void
expr_fail(Expr *x, const char *what, const char *at)
{
	if (!x->failed && x->err && x->err_n)
		snprintf(x->err, x->err_n, "%s at '%.20s'", what, *at ? at : "(end)");
	x->failed = true;
}

static void
skip_space(Expr *x)
{
	while (*x->p == ' ' || *x->p == '\t')
		x->p++;
}

static double
claim_mid(const AuditClaim *c)
{
	return (c->lo + c->hi) / 2;
}

static double
expr_atom(Expr *x)
{
	skip_space(x);
	if (*x->p == '(') {
		x->p++;
		double v = expr_sum(x);
		skip_space(x);
		if (*x->p != ')') {
			expr_fail(x, "expected ')'", x->p);
			return 0;
		}
		x->p++;
		return v;
	}
	if (*x->p == '-') {
		x->p++;
		return -expr_atom(x);
	}
	if (isdigit((unsigned char)*x->p) || *x->p == '.') {
		char *end;
		double v = strtod(x->p, &end);
		if (end == x->p) {
			expr_fail(x, "bad number", x->p);
			return 0;
		}
		x->p = end;
		return v;
	}
	if (isalpha((unsigned char)*x->p) || *x->p == '_') {
		const char *start = x->p;
		while (isalnum((unsigned char)*x->p) || *x->p == '_')
			x->p++;
		size_t len = (size_t)(x->p - start);
		for (int i = 0; i < x->n; i++)
			if (strlen(x->claims[i].id) == len && strncmp(x->claims[i].id, start, len) == 0)
				return claim_mid(&x->claims[i]);
		expr_fail(x, "no claim has this id", start);
		return 0;
	}
	expr_fail(x, "expected a number, a claim id or '('", x->p);
	return 0;
}

static double
expr_product(Expr *x)
{
	double v = expr_atom(x);
	for (;;) {
		skip_space(x);
		if (*x->p == '*') {
			x->p++;
			v *= expr_atom(x);
		} else if (*x->p == '/') {
			x->p++;
			double d = expr_atom(x);
			if (d == 0)
				expr_fail(x, "division by zero", x->p);
			v = d != 0 ? v / d : 0;
		} else {
			return v;
		}
	}
}

static double
expr_sum(Expr *x)
{
	double v = expr_product(x);
	for (;;) {
		skip_space(x);
		if (*x->p == '+') {
			x->p++;
			v += expr_product(x);
		} else if (*x->p == '-') {
			x->p++;
			v -= expr_product(x);
		} else {
			return v;
		}
	}
}

int
audit_expr_eval(const char *expr, const AuditClaim *claims, int n, double *value, char *err,
    size_t err_n)
{
	Expr x = { expr, claims, n, err, err_n, false };
	double v = expr_sum(&x);
	skip_space(&x);
	if (!x.failed && *x.p)
		expr_fail(&x, "unexpected text", x.p);
	if (x.failed)
		return -1;
	if (!isfinite(v)) {     /* 1e308*1e308, 0/0: no figure to compare */
		snprintf(err, err_n, "the result is %s, not a finite number", isnan(v) ? "NaN" :
		    "infinite");
		return -1;
	}
	*value = v;
	return 0;
}

/* ---- the run ----------------------------------------------------------- */

#define MAX_GPU_IDS 4096
#define MAX_SLOTS 4096

typedef struct Ctx {
	const AuditInput *in;
	AuditReport *out;
	double tol;
	Fig figs[AUDIT_MAX_SCENARIOS];
	/* placement: which (replica, stage) slot holds each GPU */
	int owner[MAX_GPU_IDS];         /* slot = replica * pp + stage, -1 none */
	bool implied[MAX_GPU_IDS];
	bool covered[MAX_SLOTS];
} Ctx;

static AuditFinding *
finding(Ctx *x, AuditFindingKind kind, Severity sev, int claim, double weight, const char *id,
    const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static AuditFinding *
finding(Ctx *x, AuditFindingKind kind, Severity sev, int claim, double weight, const char *id,
    const char *fmt, ...)
{
	AuditReport *r = x->out;
	va_list ap;

	if (r->n_findings >= AUDIT_MAX_FINDINGS)
		return NULL;
	AuditFinding *f = &r->findings[r->n_findings++];
	f->kind = kind;
	f->severity = sev;
	f->claim = claim;
	f->weight = weight;
	snprintf(f->id, sizeof f->id, "%s", id);
	va_start(ap, fmt);
	vsnprintf(f->message, sizeof f->message, fmt, ap);
	va_end(ap);
	if (kind == FINDING_LAYOUT && sev == SEV_ERROR)
		r->n_layout_errors++;
	if (kind == FINDING_ARITH)
		r->n_arith_errors++;
	return f;
}

static double
claim_tolerance(const Ctx *x, const AuditClaim *c)
{
	if (c->tolerance >= 0)
		return c->tolerance;
	if (c->metric >= 0 && audit_metrics[c->metric].exact)
		return 0;
	return x->tol;
}

/* "within": |claimed - computed| allowed by the tolerance, per op. */
static bool
within(const AuditClaim *c, AuditDim d, double v, double tol)
{
	double abs_tol = d == DIM_FRACTION ? AUDIT_FRACTION_ABS : 1e-12;
	double lo = c->lo - fabs(c->lo) * tol - abs_tol, hi = c->hi + fabs(c->hi) * tol + abs_tol;
	switch (c->op) {
	case CLAIM_AT_MOST: return v <= hi;
	case CLAIM_AT_LEAST: return v >= lo;
	case CLAIM_ABOUT: break;
	}
	return v >= lo && v <= hi;
}

static double
log_ratio(double claimed, double computed)
{
	if (claimed == computed)
		return 0;
	if (claimed <= 0 || computed <= 0)
		return 3;       /* a zero against a figure: as bad as 1000x */
	double w = fabs(log10(claimed / computed));
	return w > 20 ? 20 : w;
}

static void
judge_arith(Ctx *x, int k)
{
	const AuditClaim *c = &x->out->claims[k];
	AuditClaimResult *res = &x->out->results[k];
	char err[128], a[48], b[48];
	double v;

	if (!c->equals[0])
		return;
	res->arith = true;
	if (audit_expr_eval(c->equals, x->out->claims, x->out->n_claims, &v, err, sizeof err) != 0) {
		res->arith_ok = false;
		res->arith_value = NAN;
		finding(x, FINDING_ARITH, SEV_WARN, k, 1, "plan.arithmetic", "%s: '%s' cannot be "
		    "evaluated: %s", c->where, c->equals, err);
		return;
	}
	res->arith_value = v;
	AuditDim d = c->metric >= 0 ? audit_metrics[c->metric].dim : DIM_RATIO;
	double abs_tol = d == DIM_FRACTION || d == DIM_RATIO ? 0.005 : 1e-12;
	if (c->lo != c->hi)
		res->arith_ok = v >= c->lo * (1 - AUDIT_ARITH_TOLERANCE) - abs_tol &&
		    v <= c->hi * (1 + AUDIT_ARITH_TOLERANCE) + abs_tol;
	else
		res->arith_ok = fabs(v - c->lo) <= AUDIT_ARITH_TOLERANCE * fmax(fabs(v), fabs(c->lo)) + abs_tol;
	if (!res->arith_ok) {
		if (c->metric >= 0) {
			audit_format_value(d, v, a, sizeof a);
			audit_format_value(d, c->lo, b, sizeof b);
		} else {
			snprintf(a, sizeof a, "%.4g", v);
			snprintf(b, sizeof b, "%.4g", c->lo);
		}
		finding(x, FINDING_ARITH, SEV_WARN, k, log_ratio(fabs(c->lo), fabs(v)), "plan.arithmetic",
		    "%s \"%.120s\": the plan's own numbers give %s = %s, not the %s it states",
		    c->where, c->text, c->equals, a, b);
	}
}

static void
judge_claim(Ctx *x, int k)
{
	const AuditInput *in = x->in;
	const AuditClaim *c = &x->out->claims[k];
	AuditClaimResult *res = &x->out->results[k];
	char cl[64], co[64], bo[64];
	Judged j;

	res->bound = NAN;
	res->computed = res->computed_lo = res->computed_hi = NAN;
	res->ratio = NAN;
	res->tolerance = claim_tolerance(x, c);
	if (c->metric < 0 || c->scenario < 0 || c->scenario >= in->n_scenarios) {
		res->verdict = VERDICT_UNCHECKED;
		snprintf(res->message, sizeof res->message, "%.400s", c->note[0] ? c->note :
		    "shardlab has no figure for it");
		return;
	}
	const AuditMetric *mt = &audit_metrics[c->metric];
	const Fig *f = &x->figs[c->scenario];
	judge_metric(f, c, &j);
	explain_claim(f, c, &j, res->explain, sizeof res->explain);
	audit_format_claimed(c, cl, sizeof cl);
	res->available = j.available;
	if (!j.available) {
		res->verdict = j.impossible ? VERDICT_IMPOSSIBLE : VERDICT_UNCHECKED;
		snprintf(res->message, sizeof res->message, "claimed %s, but %.400s", cl, j.why);
	} else {
		res->computed = j.value;
		res->computed_lo = j.lo;
		res->computed_hi = j.hi;
		res->bound = j.bound;
		res->bound_is_max = j.bound_is_max;
		double mid = (c->lo + c->hi) / 2;
		res->ratio = j.value != 0 ? mid / j.value : (mid == 0 ? 1 : INFINITY);
		bool impossible = false;
		if (!isnan(j.bound)) {
			double eps = 1e-9 * fmax(fabs(j.bound), 1e-30);
			if (j.bound_is_max && c->op != CLAIM_AT_MOST && c->lo > j.bound + eps)
				impossible = true;
			if (!j.bound_is_max && c->op != CLAIM_AT_LEAST && c->hi < j.bound - eps)
				impossible = true;
		}
		/* every stage must agree: judge the worst one */
		double v = j.value;
		if (j.lo != j.hi) {
			bool lo_ok = within(c, mt->dim, j.lo, res->tolerance);
			bool hi_ok = within(c, mt->dim, j.hi, res->tolerance);
			v = !lo_ok && hi_ok ? j.lo : j.hi;
			if (!lo_ok && !hi_ok)
				v = fabs(log_ratio(mid, j.lo)) > fabs(log_ratio(mid, j.hi)) ? j.lo : j.hi;
			res->computed = v;
		}
		if (impossible)
			res->verdict = VERDICT_IMPOSSIBLE;
		else if (within(c, mt->dim, v, res->tolerance))
			res->verdict = VERDICT_CONSISTENT;
		else {
			bool claim_higher = c->op == CLAIM_AT_LEAST ? true : c->op == CLAIM_AT_MOST ? false :
			    c->lo > v;
			res->verdict = claim_higher == mt->higher_is_better ? VERDICT_OPTIMISTIC :
			    VERDICT_PESSIMISTIC;
		}
		if (j.lo != j.hi) {
			char l[48], h[48];
			snprintf(co, sizeof co, "%s to %s over the stages", audit_format_value(mt->dim, j.lo,
			    l, sizeof l), audit_format_value(mt->dim, j.hi, h, sizeof h));
		} else {
			audit_format_value(mt->dim, j.value, co, sizeof co);
		}
		Out o = { res->message, sizeof res->message, 0 };
		out(&o, "claimed %s, shardlab %s", cl, co);
		if (res->verdict == VERDICT_IMPOSSIBLE) {
			audit_format_value(mt->dim, j.bound, bo, sizeof bo);
			out(&o, "; impossible: %s %s (%.300s)", j.bound_is_max ? "at most" : "at least", bo, j.why);
		} else if (res->verdict == VERDICT_CONSISTENT) {
			if (res->tolerance > 0)
				out(&o, ": consistent within %g%%", res->tolerance * 100);
			else
				out(&o, ": consistent");
		} else {
			double ratio = v != 0 ? mid / v : INFINITY;
			if (isfinite(ratio) && ratio > 0)
				out(&o, " (the claim is %.3gx shardlab's): %s", ratio,
				    audit_verdict_name(res->verdict));
			else
				out(&o, ": %s", audit_verdict_name(res->verdict));
		}
	}
	if (c->rejected) {
		res->plan_right = res->verdict != VERDICT_CONSISTENT;
		char tmp[AUDIT_MSG_MAX];
		snprintf(tmp, sizeof tmp, "%s", res->message);
		snprintf(res->message, sizeof res->message, "the plan rejects it%s; %.400s",
		    res->verdict == VERDICT_UNCHECKED ? "" : res->plan_right ? ", rightly" :
		    ", but shardlab finds it consistent", tmp);
	}
}

/* Findings from the claims' verdicts (after judge_claim and the layout's
 * own GPU-count rule). */
static void
claim_findings(Ctx *x, int k)
{
	const AuditClaim *c = &x->out->claims[k];
	const AuditClaimResult *res = &x->out->results[k];
	const AuditInput *in = x->in;
	double w = isfinite(res->ratio) ? log_ratio(fabs((c->lo + c->hi) / 2), fabs(res->computed)) : 3;

	if (res->verdict == VERDICT_UNCHECKED || res->verdict == VERDICT_CONSISTENT) {
		if (c->rejected && res->verdict == VERDICT_CONSISTENT)
			finding(x, FINDING_CLAIM, SEV_WARN, k, 0.5, "claim.rejected", "%s \"%.160s\": %s",
			    c->where, c->text, res->message);
		return;
	}
	if (c->rejected) {
		finding(x, FINDING_CLAIM, SEV_INFO, k, w, "claim.rejected", "%s \"%.160s\": %s", c->where,
		    c->text, res->message);
		return;
	}
	/* a wrong GPU count for the plan's own layout is a layout error */
	if (c->metric == M_GPUS && c->scenario == 0 && res->available) {
		const Strategy *st = &in->scenarios[0]->strategy;
		int need = st->tp * st->pp * st->dp;
		finding(x, FINDING_LAYOUT, SEV_ERROR, k, w, "layout.gpu_count_claimed",
		    "%s \"%.120s\": the plan counts %g GPUs, its layout TP %d x PP %d x DP %d needs %d%s",
		    c->where, c->text, (c->lo + c->hi) / 2, st->tp, st->pp, st->dp, need,
		    st->ep > 1 && fabs(c->lo - (double)need * st->ep) < 0.5 ?
		    "; the plan multiplies EP in, but engines fold EP into TP x DP: it adds no GPUs" :
		    st->ep > 1 ? " (EP folds into TP x DP: it adds no GPUs)" : "");
		return;
	}
	Severity sev = res->verdict == VERDICT_IMPOSSIBLE ? SEV_ERROR : SEV_WARN;
	finding(x, FINDING_CLAIM, sev, k, w + (sev == SEV_ERROR ? 10 : 0),
	    res->verdict == VERDICT_IMPOSSIBLE ? "claim.impossible" : res->verdict == VERDICT_OPTIMISTIC ?
	    "claim.optimistic" : "claim.pessimistic", "%s \"%.160s\": %s", c->where, c->text, res->message);
}

/* "0-3", "4, 6, 9": a GPU list into buf. */
static char *
gpu_list(const int *g, int n, char *buf, size_t len)
{
	Out o = { buf, len, 0 };
	buf[0] = '\0';
	for (int i = 0; i < n;) {
		int j = i;
		while (j + 1 < n && g[j + 1] == g[j] + 1)
			j++;
		out(&o, "%s%d", i ? ", " : "", g[i]);
		if (j > i)
			out(&o, "-%d", g[j]);
		i = j + 1;
	}
	return buf;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void
layout_checks(Ctx *x)
{
	const AuditInput *in = x->in;
	const Scenario *s = in->scenarios[0];
	const Result *r = in->results[0];
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	int tp = st->tp, pp = st->pp, dp = st->dp, ep = st->ep;
	int G = cluster_gpus(&s->cluster), need = tp * pp * dp;
	char a[256], b[256];
	int layers[MAX_STAGES];
	bool split_ok = pp <= MAX_STAGES && eval_stage_split(st, m->n_layers, layers) == 0;

	/* what the layout is, stated */
	finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.gpus", "TP %d x PP %d x DP %d = %d GPUs "
	    "of the cluster's %d%s", tp, pp, dp, need, G, ep > 1 ?
	    "; EP folds into TP x DP, as vLLM, SGLang and TensorRT-LLM do: it adds no GPUs" : "");
	if (split_ok && pp <= 16) {
		Out o = { a, sizeof a, 0 };
		for (int i = 0, first = 0; i < pp; first += layers[i], i++)
			out(&o, "%s%d-%d", i ? ", " : "", first, first + layers[i] - 1);
		finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.layers", "%d layers over PP %d: "
		    "stages hold layers %s", m->n_layers, pp, a);
	}
	if (m->n_heads % tp == 0)
		finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.heads", "%d heads / TP %d = %d per "
		    "GPU; %d KV heads -> %d per GPU%s", m->n_heads, tp, m->n_heads / tp, m->n_kv_heads,
		    (m->n_kv_heads + tp - 1) / tp, tp > m->n_kv_heads ? " (replicated)" : "");
	if (model_is_moe(m) && m->n_experts % ep == 0)
		finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.experts", "%d experts / EP %d = %d "
		    "per GPU in each MoE layer; EP %d x expert-TP %d within TP x DP = %d", m->n_experts,
		    ep, m->n_experts / ep, ep, r->etp, tp * dp);

	/* beyond total memory: no layout of these GPUs holds the weights */
	const Fig *f0 = &x->figs[0];
	double cl_mem = s->cluster.gpu.memory_bytes * G;
	if (f0->weights_total > cl_mem)
		finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 8, "layout.total_memory", "the weights of %s "
		    "in %s (%s) are %.1fx the memory of the whole cluster (%d x %s = %s): no layout of "
		    "these GPUs holds them", m->name, dtype_name(st->weight_dtype),
		    fmt_bytes(f0->weights_total, a, sizeof a), f0->weights_total / cl_mem, G,
		    s->cluster.gpu.name, fmt_bytes(cl_mem, b, sizeof b));

	if (in->n_groups == 0 || pp * dp > MAX_SLOTS)
		return;
	for (int g = 0; g < MAX_GPU_IDS; g++)
		x->owner[g] = -1;

	/* explicit stage groups */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_STAGE)
			continue;
		if (gr->stage < 0 || gr->stage >= pp || gr->replica < 0 || gr->replica >= dp) {
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage", "%s: stage %d of DP "
			    "replica %d does not exist with PP %d x DP %d", gr->where, gr->stage, gr->replica,
			    pp, dp);
			continue;
		}
		int slot = gr->replica * pp + gr->stage;
		if (x->covered[slot])
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage", "%s: stage %d of DP "
			    "replica %d is placed twice", gr->where, gr->stage, gr->replica);
		x->covered[slot] = true;
		if (gr->n_gpus != tp)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.tp_group", "%s: stage %d lists "
			    "%d GPU%s (%s), its TP group needs TP = %d", gr->where, gr->stage, gr->n_gpus,
			    gr->n_gpus == 1 ? "" : "s", gpu_list(gr->gpus, gr->n_gpus, a, sizeof a), tp);
		if (split_ok && gr->first_layer >= 0) {
			int first = 0;
			for (int k = 0; k < gr->stage; k++)
				first += layers[k];
			int last = first + layers[gr->stage] - 1;
			if (gr->first_layer != first || gr->last_layer != last)
				finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage_layers", "%s: stage %d "
				    "lists layers %d-%d, the layout gives it %d-%d (%d layers over PP %d%s)",
				    gr->where, gr->stage, gr->first_layer, gr->last_layer, first, last,
				    m->n_layers, pp, st->stage_layers[0] ? ", --stage-layers" :
				    ", vLLM get_pp_indices");
		}
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g < 0 || g >= G) {
				finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.gpu_range", "%s: GPU %d is "
				    "not in the %d-GPU cluster (GPUs 0-%d)", gr->where, g, G, G - 1);
				continue;
			}
			if (g >= MAX_GPU_IDS)
				continue;
			if (x->owner[g] >= 0 && x->owner[g] != slot)
				finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.double_claim", "GPU %d is "
				    "claimed by two pipeline stages: stage %d of replica %d and %s (stage %d of "
				    "replica %d)", g, x->owner[g] % pp, x->owner[g] / pp, gr->where, gr->stage,
				    gr->replica);
			x->owner[g] = slot;
		}
	}

	/* the stages the plan leaves unplaced go where engines put them: the
	 * lowest free GPUs, replica by replica, stage by stage (rank order) */
	int next = 0;
	for (int slot = 0; slot < pp * dp; slot++) {
		if (x->covered[slot])
			continue;
		int got[AUDIT_MAX_GROUP_GPUS], n = 0;
		while (n < tp && n < AUDIT_MAX_GROUP_GPUS && next < MAX_GPU_IDS) {
			if (x->owner[next] < 0) {
				x->owner[next] = slot;
				x->implied[next] = true;
				got[n++] = next;
			}
			next++;
		}
		if (n > 0 && slot < 64)
			finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.implied", "the placement gives "
			    "stage %d of DP replica %d no GPUs; the layout needs it, and engines' rank order "
			    "puts it on GPU%s %s", slot % pp, slot / pp, n == 1 ? "" : "s",
			    gpu_list(got, n, a, sizeof a));
	}

	/* expert groups: EP ranks live on the TP x DP GPUs of one stage */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_EXPERTS)
			continue;
		if (!model_is_moe(m)) {
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.experts", "%s places experts, "
			    "but %s is dense", gr->where, m->name);
			continue;
		}
		if (gr->n_gpus != ep)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.ep_group", "%s lists %d GPUs "
			    "for experts; EP is %d", gr->where, gr->n_gpus, ep);
		if (gr->experts_per_gpu > 0 && gr->experts_per_gpu * ep != m->n_experts)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.experts_per_gpu", "%s: %d "
			    "experts per GPU x EP %d != the model's %d experts", gr->where, gr->experts_per_gpu,
			    ep, m->n_experts);
		if (gr->first_expert >= 0 && gr->last_expert - gr->first_expert + 1 > m->n_experts)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.experts", "%s: experts %d-%d, "
			    "the model has %d per layer", gr->where, gr->first_expert, gr->last_expert,
			    m->n_experts);
		int none[AUDIT_MAX_GROUP_GPUS], n_none = 0, imp[AUDIT_MAX_GROUP_GPUS], n_imp = 0;
		int stages_seen = 0, stage0 = -1, imp_replica = -1;
		bool multi = false;
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g < 0 || g >= G || g >= MAX_GPU_IDS) {
				finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.gpu_range", "%s: GPU %d is "
				    "not in the %d-GPU cluster", gr->where, g, G);
				continue;
			}
			int o = x->owner[g];
			if (o < 0) {
				none[n_none++] = g;
				continue;
			}
			if (x->implied[g]) {
				imp[n_imp++] = g;
				imp_replica = o / pp;
			}
			if (stage0 < 0)
				stage0 = o % pp;
			else if (o % pp != stage0)
				multi = true;
			stages_seen++;
		}
		if (n_none > 0)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 4, "layout.ep_placement", "%s puts experts "
			    "on GPU%s %s, which hold no pipeline stage: engines place EP ranks on the TP x DP "
			    "GPUs of each stage (vLLM --enable-expert-parallel, SGLang --ep-size), so "
			    "dedicated expert GPUs are not a layout they run", gr->where, n_none == 1 ? "" : "s",
			    gpu_list(none, n_none, a, sizeof a));
		if (n_imp > 0) {
			qsort(imp, (size_t)n_imp, sizeof imp[0], cmp_int);
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 5, "layout.double_claim", "GPU%s %s %s "
			    "claimed by two groups: %s (experts%s%.80s%s) and DP replica %d's pipeline "
			    "stage%s, which TP %d x PP %d x DP %d needs there (the plan places no GPUs for "
			    "replica %d; engines' rank order puts it on the next %d)", n_imp == 1 ? "" : "s",
			    gpu_list(imp, n_imp, a, sizeof a), n_imp == 1 ? "is" : "are", gr->where,
			    gr->text[0] ? ": \"" : "", gr->text, gr->text[0] ? "\"" : "", imp_replica,
			    multi ? "s" : "", tp, pp, dp, imp_replica, tp * pp);
		} else if (multi) {
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.ep_stages", "%s spans GPUs of "
			    "several pipeline stages: an EP group is the TP x DP GPUs of one stage and holds "
			    "that stage's layers' experts", gr->where);
		} else if (stages_seen > 0 && gr->stage >= 0 && gr->stage != stage0) {
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.ep_stages", "%s says stage %d, "
			    "but its GPUs hold stage %d", gr->where, gr->stage, stage0);
		}
	}

	/* replica groups: the union of the replica's stages */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_REPLICA)
			continue;
		int bad = 0;
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g >= 0 && g < MAX_GPU_IDS && x->owner[g] >= 0 && x->owner[g] / pp != gr->replica)
				bad++;
		}
		if (gr->n_gpus != tp * pp || bad > 0)
			finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.replica", "%s: DP replica %d "
			    "lists %d GPUs (%s)%s; a replica is TP x PP = %d GPUs holding its own stages",
			    gr->where, gr->replica, gr->n_gpus, gpu_list(gr->gpus, gr->n_gpus, b, sizeof b),
			    bad ? ", some holding another replica's stages" : "", tp * pp);
	}
}

/* eval's checks of the plan's scenario, as findings. */
static void
check_findings(Ctx *x)
{
	const Scenario *s = x->in->scenarios[0];
	const Result *r = x->in->results[0];
	char msg[AUDIT_MSG_MAX];

	int n_fit = 0, worst_fit = -1;
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		if (c->id != CHECK_MEMORY_FIT)
			continue;
		n_fit++;
		if (worst_fit < 0 || c->v[0] - c->v[1] > r->checks[worst_fit].v[0] - r->checks[worst_fit].v[1])
			worst_fit = i;
	}
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		const char *id = check_id_name(c->id);
		/* one memory.fit finding: the stage furthest over, and how many more */
		if (c->id == CHECK_MEMORY_FIT && i != worst_fit)
			continue;
		check_format(s, r, c, msg, sizeof msg);
		if (c->id == CHECK_MEMORY_FIT && n_fit > 1) {
			size_t len = strlen(msg);
			snprintf(msg + len, sizeof msg - len, " (and %d more stage%s short)", n_fit - 1,
			    n_fit == 2 ? "" : "s");
		}
		bool layout = strncmp(id, "layout.", 7) == 0 || c->id == CHECK_MEMORY_FIT ||
		    c->id == CHECK_DTYPE_SUPPORT;
		Severity sev = c->severity;
		if (!layout && sev == SEV_ERROR)
			sev = SEV_WARN;         /* SLOs, KV room: findings, not a broken plan */
		finding(x, layout ? FINDING_LAYOUT : FINDING_CHECK, sev, -1,
		    c->severity == SEV_ERROR ? 6 : 0, id, "%s", msg);
	}
}

static void
context_fill(AuditContext *cx, const Scenario *s, const Result *r)
{
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;

	snprintf(cx->model, sizeof cx->model, "%s", m->name);
	snprintf(cx->arch, sizeof cx->arch, "%s", m->arch);
	cx->params_total = r->params.total;
	cx->params_active = r->params.active;
	cx->layers = m->n_layers;
	cx->heads = m->n_heads;
	cx->kv_heads = m->n_kv_heads;
	cx->experts = m->n_experts;
	cx->top_k = m->top_k;
	snprintf(cx->cluster, sizeof cx->cluster, "%s", s->cluster.name);
	snprintf(cx->gpu, sizeof cx->gpu, "%s", s->cluster.gpu.name);
	cx->gpus = cluster_gpus(&s->cluster);
	cx->nodes = s->cluster.nodes;
	cx->gpus_per_node = s->cluster.gpus_per_node;
	cx->gpu_memory_bytes = s->cluster.gpu.memory_bytes;
	snprintf(cx->runtime, sizeof cx->runtime, "%s", s->runtime.name);
	cx->mem_fraction = s->runtime.mem_fraction;
	cx->tp = st->tp;
	cx->pp = st->pp;
	cx->dp = st->dp;
	cx->ep = st->ep;
	cx->gpus_used = st->tp * st->pp * st->dp;
	snprintf(cx->dtype, sizeof cx->dtype, "%s", dtype_name(st->weight_dtype));
	snprintf(cx->kv_dtype, sizeof cx->kv_dtype, "%s", dtype_name(st->kv_dtype));
	cx->batch = s->workload.batch;
	cx->input_len = s->workload.input_len;
	cx->output_len = s->workload.output_len;
	cx->valid = r->status == EVAL_OK;
	cx->feasible = r->status == EVAL_OK && r->feasible;
}

/* Worst first: severity, then how far off, then the plan's order. */
static void
sort_findings(AuditReport *r)
{
	for (int i = 1; i < r->n_findings; i++) {
		AuditFinding f = r->findings[i];
		int k = i;
		while (k > 0 && (r->findings[k - 1].severity < f.severity ||
		    (r->findings[k - 1].severity == f.severity && r->findings[k - 1].weight < f.weight))) {
			r->findings[k] = r->findings[k - 1];
			k--;
		}
		r->findings[k] = f;
	}
}

PlanVerdict
audit_run(const AuditInput *in, AuditReport *out)
{
	Ctx ctx_storage;        /* ~50 kB: figures per scenario, GPU owners */
	Ctx *x = &ctx_storage;

	memset(out, 0, sizeof *out);
	memset(x, 0, sizeof *x);
	x->in = in;
	x->out = out;
	x->tol = in->tolerance >= 0 ? in->tolerance : AUDIT_DEFAULT_TOLERANCE;
	out->tolerance = x->tol;
	snprintf(out->path, sizeof out->path, "%s", in->path ? in->path : "");
	snprintf(out->title, sizeof out->title, "%s", in->title ? in->title : "");
	snprintf(out->source, sizeof out->source, "%s", in->source ? in->source : "");
	snprintf(out->notes, sizeof out->notes, "%s", in->notes ? in->notes : "");
	snprintf(out->assumed, sizeof out->assumed, "%s", in->assumed ? in->assumed : "");
	if (in->n_scenarios < 1)
		return out->verdict = PLAN_INCONSISTENT;
	context_fill(&out->ctx, in->scenarios[0], in->results[0]);
	for (int i = 0; i < in->n_scenarios && i < AUDIT_MAX_SCENARIOS; i++)
		fig_init(&x->figs[i], in->scenarios[i], in->results[i]);

	out->n_claims = in->n_claims < AUDIT_MAX_CLAIMS ? in->n_claims : AUDIT_MAX_CLAIMS;
	memcpy(out->claims, in->claims, (size_t)out->n_claims * sizeof out->claims[0]);
	out->n_groups = in->n_groups;
	layout_checks(x);
	check_findings(x);
	for (int k = 0; k < out->n_claims; k++) {
		judge_claim(x, k);
		judge_arith(x, k);
		claim_findings(x, k);
	}
	bool impossible = false, optimistic = false, pessimistic = false;
	for (int k = 0; k < out->n_claims; k++) {
		const AuditClaimResult *res = &out->results[k];
		if (out->claims[k].rejected) {
			pessimistic |= res->verdict == VERDICT_CONSISTENT;
			continue;
		}
		out->n_verdict[res->verdict]++;
		impossible |= res->verdict == VERDICT_IMPOSSIBLE;
		optimistic |= res->verdict == VERDICT_OPTIMISTIC;
		pessimistic |= res->verdict == VERDICT_PESSIMISTIC;
	}
	sort_findings(out);
	if (impossible || out->n_layout_errors > 0)
		out->verdict = PLAN_INCONSISTENT;
	else if (optimistic)
		out->verdict = PLAN_OPTIMISTIC;
	else if (pessimistic)
		out->verdict = PLAN_PESSIMISTIC;
	else
		out->verdict = PLAN_CONSISTENT;
	return out->verdict;
}

int
audit_exit_status(const AuditReport *r)
{
	return r->verdict == PLAN_INCONSISTENT ? 1 : 0;
}

/* ---- the report as text or Markdown ------------------------------------ */

/* Findings listed under "worst findings". */
#define WORST_MAX 64

static void
out_md(Out *o, const char *s)
{
	/* a Markdown table cell: no pipes, no newlines */
	for (; *s; s++) {
		if (*s == '|')
			out(o, "\\|");
		else if (*s == '\n')
			out(o, " ");
		else
			out(o, "%c", *s);
	}
}

/* Each line of `s` prefixed with `pre`. */
static void
out_lines(Out *o, const char *pre, const char *s)
{
	while (*s) {
		const char *nl = strchr(s, '\n');
		int len = nl ? (int)(nl - s) : (int)strlen(s);
		out(o, "%s%.*s\n", pre, len, s);
		s += len + (nl ? 1 : 0);
	}
}

static void
summary_line(Out *o, const AuditReport *r, bool md)
{
	int impossible = r->n_verdict[VERDICT_IMPOSSIBLE];
	out(o, "%s%s%s: ", md ? "**Verdict: " : "verdict   ", md ? audit_plan_verdict_name(r->verdict) :
	    r->verdict == PLAN_INCONSISTENT ? "INCONSISTENT" : r->verdict == PLAN_OPTIMISTIC ?
	    "OPTIMISTIC" : r->verdict == PLAN_PESSIMISTIC ? "PESSIMISTIC" : "CONSISTENT", md ? "**" : "");
	out(o, "%d claim%s impossible, %d layout error%s; %d optimistic, %d pessimistic, %d consistent, "
	    "%d not checked", impossible, impossible == 1 ? "" : "s", r->n_layout_errors,
	    r->n_layout_errors == 1 ? "" : "s", r->n_verdict[VERDICT_OPTIMISTIC],
	    r->n_verdict[VERDICT_PESSIMISTIC], r->n_verdict[VERDICT_CONSISTENT],
	    r->n_verdict[VERDICT_UNCHECKED]);
	int rejected = 0;
	for (int k = 0; k < r->n_claims; k++)
		rejected += r->claims[k].rejected;
	if (rejected)
		out(o, "; %d figure%s the plan itself rejects", rejected, rejected == 1 ? "" : "s");
	if (r->n_arith_errors)
		out(o, "; %d arithmetic slip%s", r->n_arith_errors, r->n_arith_errors == 1 ? "" : "s");
	out(o, " (tolerance %g%%; exit status %d)\n", r->tolerance * 100, audit_exit_status(r));
}

static void
scenario_lines(Out *o, const AuditReport *r, bool md)
{
	const AuditContext *c = &r->ctx;
	char a[48], b[48];
	const char *k1 = md ? "| " : "", *k2 = md ? " | " : "", *end = md ? " |\n" : "\n";

	if (md)
		out(o, "| | |\n|---|---|\n");
	out(o, "%s%-9s%s", k1, "plan", k2);
	if (md)
		out(o, "`%s`", r->path);
	else
		out(o, "%s", r->path);
	if (r->source[0])
		out(o, md ? " (converted from `%s`)" : " (converted from %s)", r->source);
	out(o, "%s", end);
	out(o, "%s%-9s%s%s (%s): %s parameters", k1, "model", k2, c->model, c->arch,
	    fmt_count(c->params_total, a, sizeof a));
	if (c->experts > 0)
		out(o, ", %s active (top-%d of %d experts)", fmt_count(c->params_active, b, sizeof b),
		    c->top_k, c->experts);
	out(o, "; %d layers, %d heads / %d KV heads%s", c->layers, c->heads, c->kv_heads, end);
	out(o, "%s%-9s%s%s: %d x %s (%s each), %d node%s of %d%s", k1, "cluster", k2, c->cluster,
	    c->gpus, c->gpu, fmt_bytes(c->gpu_memory_bytes, a, sizeof a), c->nodes,
	    c->nodes == 1 ? "" : "s", c->gpus_per_node, end);
	out(o, "%s%-9s%sTP %d x PP %d x DP %d, EP %d = %d of %d GPUs; weights %s, KV %s; %s, memory "
	    "fraction %.2f%s", k1, "layout", k2, c->tp, c->pp, c->dp, c->ep, c->gpus_used, c->gpus,
	    c->dtype, c->kv_dtype, c->runtime, c->mem_fraction, end);
	out(o, "%s%-9s%sbatch %d per replica, input %d, output %d tokens%s", k1, "workload", k2,
	    c->batch, c->input_len, c->output_len, end);
	if (r->assumed[0]) {
		out(o, "%s%-9s%s", k1, "assumed", k2);
		if (md)
			out_md(o, r->assumed);
		else
			out(o, "%s", r->assumed);
		out(o, "%s", end);
	}
	if (r->notes[0]) {
		out(o, "%s%-9s%s", k1, "notes", k2);
		if (md)
			out_md(o, r->notes);
		else
			out(o, "%s", r->notes);
		out(o, "%s", end);
	}
}

static void
best_lines(Out *o, const AuditReport *r, bool md)
{
	const AuditBest *b = &r->best;
	char a[48], c[48], d[48], e[48];

	if (!b->searched)
		return;
	out(o, md ? "\n## Best layout shardlab finds\n\n" : "\nbest layout shardlab finds\n  ");
	if (!b->found) {
		out(o, "%s\n", b->summary[0] ? b->summary : "none of the layouts searched passes the checks");
		return;
	}
	out(o, "%sTP %d x PP %d x DP %d, EP %d on %d GPUs: %s per GPU, TTFT %s, TPOT %s, %s, %.2f "
	    "req/s%s\n", md ? "**" : "", b->tp, b->pp, b->dp, b->ep, b->gpus,
	    fmt_bytes(b->per_gpu_bytes, a, sizeof a), fmt_seconds(b->ttft_s, c, sizeof c),
	    fmt_seconds(b->tpot_s, d, sizeof d), fmt_rate(b->tokens_per_s, "tok/s", e, sizeof e),
	    b->requests_per_s, md ? "**" : "");
	if (b->summary[0])
		out(o, "%s%s\n", md ? "\n" : "  ", b->summary);
}

static void
claim_text(Out *o, const AuditReport *r, int k)
{
	const AuditClaim *c = &r->claims[k];
	const AuditClaimResult *res = &r->results[k];
	char a[64];

	out(o, "\n  %s  %s%s%s\n", c->where, c->metric >= 0 ? audit_metrics[c->metric].name : "(no metric)",
	    c->stage >= 0 ? " stage " : c->stage == AUDIT_STAGE_EACH ? " (each stage)" : "",
	    c->stage >= 0 ? (snprintf(a, sizeof a, "%d", c->stage), a) : "");
	out(o, "    plan says  \"%s\"\n", c->text);
	if (c->with[0])
		out(o, "    scenario   with %s\n", c->with);
	out(o, "    verdict    %s%s: %s\n", audit_verdict_name(res->verdict), c->rejected ?
	    " (the plan rejects this figure)" : "", res->message);
	if (res->arith)
		out(o, "    arithmetic %s = %.4g: %s\n", c->equals, res->arith_value, res->arith_ok ?
		    "holds" : "does NOT hold");
	if (c->note[0] && res->verdict != VERDICT_UNCHECKED)
		out(o, "    note       %s\n", c->note);
	if (res->explain[0])
		out_lines(o, "    | ", res->explain);
}

static void
claim_md(Out *o, const AuditReport *r, int k)
{
	const AuditClaim *c = &r->claims[k];
	const AuditClaimResult *res = &r->results[k];

	out(o, "\n### %s: `%s` — %s%s\n\n", c->where, c->metric >= 0 ? audit_metrics[c->metric].name :
	    "no metric", audit_verdict_name(res->verdict), c->rejected ? " (rejected by the plan)" : "");
	out(o, "> ");
	out_md(o, c->text);
	out(o, "\n\n- %s\n", res->message);
	if (c->with[0])
		out(o, "- scenario: with `%s`\n", c->with);
	if (res->arith)
		out(o, "- the plan's arithmetic `%s` = %.4g: %s\n", c->equals, res->arith_value,
		    res->arith_ok ? "holds" : "**does not hold**");
	if (c->note[0] && res->verdict != VERDICT_UNCHECKED)
		out(o, "- note: %s\n", c->note);
	if (res->explain[0])
		out(o, "\n```\n%s\n```\n", res->explain);
}

size_t
audit_format(const AuditReport *r, AuditFormat fmt, char *buf, size_t n)
{
	Out o = { buf, n, 0 };
	bool md = fmt == AUDIT_MARKDOWN;
	char a[64], b[64];
	int shown = 0;

	if (buf && n)
		buf[0] = '\0';
	if (md)
		out(&o, "# Audit: %s\n\n", r->title[0] ? r->title : r->path);
	else
		out(&o, "shardlab audit: %s\n\n", r->title[0] ? r->title : r->path);
	if (md) {
		summary_line(&o, r, true);
		out(&o, "\n");
		scenario_lines(&o, r, true);
	} else {
		scenario_lines(&o, r, false);
		out(&o, "\n");
		summary_line(&o, r, false);
	}

	out(&o, md ? "\n## Worst findings\n\n" : "\nworst findings\n");
	for (int i = 0; i < r->n_findings && shown < WORST_MAX; i++) {
		const AuditFinding *f = &r->findings[i];
		if (f->severity == SEV_INFO)
			continue;
		shown++;
		if (md)
			out(&o, "%d. **%s** `%s`: %s\n", shown, severity_name(f->severity), f->id, f->message);
		else
			out(&o, "  %2d. %-5s %-26s %s\n", shown, severity_name(f->severity), f->id, f->message);
	}
	if (shown == 0)
		out(&o, md ? "None: every claim checked is consistent.\n" : "  none: every claim checked "
		    "is consistent\n");

	out(&o, md ? "\n## Layout\n\n" : "\nlayout\n");
	for (int i = 0; i < r->n_findings; i++) {
		const AuditFinding *f = &r->findings[i];
		if (f->kind != FINDING_LAYOUT)
			continue;
		if (md)
			out(&o, "- **%s** `%s`: %s\n", severity_name(f->severity), f->id, f->message);
		else
			out(&o, "  %-5s %-26s %s\n", severity_name(f->severity), f->id, f->message);
	}

	out(&o, md ? "\n## Claims\n\n" : "\nclaims (%d)\n", r->n_claims);
	if (md) {
		out(&o, "| # | the plan says | metric | claimed | shardlab | verdict |\n"
		    "|---|---|---|---|---|---|\n");
		for (int k = 0; k < r->n_claims; k++) {
			const AuditClaim *c = &r->claims[k];
			const AuditClaimResult *res = &r->results[k];
			out(&o, "| %d | ", k);
			out_md(&o, c->text);
			out(&o, " | %s%s%s | ", c->metric >= 0 ? "`" : "", c->metric >= 0 ?
			    audit_metrics[c->metric].name : "-", c->metric >= 0 ? "`" : "");
			out_md(&o, audit_format_claimed(c, a, sizeof a));
			out(&o, " | ");
			if (res->available && c->metric >= 0 && isfinite(res->computed))
				out_md(&o, audit_format_value(audit_metrics[c->metric].dim, res->computed, b, sizeof b));
			else
				out(&o, "-");
			out(&o, " | %s%s%s%s%s |\n", res->verdict == VERDICT_IMPOSSIBLE ? "**" : "",
			    audit_verdict_name(res->verdict), res->verdict == VERDICT_IMPOSSIBLE ? "**" : "",
			    c->rejected ? (res->plan_right ? " (rejected, rightly)" : " (rejected)") : "",
			    res->arith && !res->arith_ok ? "; its arithmetic does not hold" : "");
		}
		out(&o, "\n## Claim details\n");
		for (int k = 0; k < r->n_claims; k++)
			claim_md(&o, r, k);
	} else {
		for (int k = 0; k < r->n_claims; k++)
			claim_text(&o, r, k);
	}

	int n_checks = 0;
	for (int i = 0; i < r->n_findings; i++)
		n_checks += r->findings[i].kind == FINDING_CHECK;
	if (n_checks) {
		out(&o, md ? "\n## shardlab's checks of the plan's scenario\n\n" :
		    "\nshardlab's checks of the plan's scenario\n");
		for (int i = 0; i < r->n_findings; i++) {
			const AuditFinding *f = &r->findings[i];
			if (f->kind != FINDING_CHECK)
				continue;
			if (md)
				out(&o, "- **%s** `%s`: %s\n", severity_name(f->severity), f->id, f->message);
			else
				out(&o, "  %-5s %-26s %s\n", severity_name(f->severity), f->id, f->message);
		}
	}
	best_lines(&o, r, md);
	if (buf && n && o.len >= n)
		buf[n - 1] = '\0';
	return o.len;
}

/* ---- the best layout ---------------------------------------------------- */

void
audit_best(const Scenario *plan, const Result *r, SearchWork *w, AuditReport *rep)
{
	AuditBest *b = &rep->best;
	const Strategy *st = &plan->strategy;
	SearchCandidate c;
	char lay[128], bind[160], a[48];

	memset(b, 0, sizeof *b);
	b->searched = true;
	if (search_best(plan, SEARCH_OBJ_TPUT_PER_GPU, w, &c)) {
		b->found = true;
		b->tp = c.tp;
		b->pp = c.pp;
		b->dp = c.dp;
		b->ep = c.ep;
		b->gpus = c.gpus;
		b->per_gpu_bytes = c.per_gpu_bytes;
		b->ttft_s = c.ttft_s;
		b->tpot_s = c.tpot_s;
		b->tokens_per_s = c.tokens_per_s_per_gpu * c.gpus;
		b->requests_per_s = c.rate_max_rps * c.dp;
		search_format_layout(&c, lay, sizeof lay);
		search_format_binding(&c, bind, sizeof bind);
		bool same = c.tp == st->tp && c.pp == st->pp && c.ep == st->ep;
		Out o = { b->summary, sizeof b->summary, 0 };
		out(&o, "%s, ranked by throughput per GPU within the SLOs: %s per GPU at up to %.2f "
		    "req/s per replica (%s)", lay, fmt_rate(c.tokens_per_s_per_gpu, "tok/s", a, sizeof a),
		    c.rate_max_rps, bind);
		if (same)
			out(&o, "; the plan's TP %d x PP %d replica is this one", st->tp, st->pp);
		else if (r->status == EVAL_OK)
			out(&o, "; the plan's TP %d x PP %d x DP %d%s gives %s per GPU in static batches of "
			    "%d", st->tp, st->pp, st->dp, st->ep > 1 ? " (EP folded)" : "",
			    fmt_rate(r->throughput.tokens_per_s_per_gpu, "tok/s", a, sizeof a),
			    plan->workload.batch);
		return;
	}
	SearchOptions so;
	search_options_init(&so);
	int n = search_fewest_gpus(plan, &so, true, w, &c);
	Out o = { b->summary, sizeof b->summary, 0 };
	out(&o, "no layout of %s on %d x %s meets the checks and SLOs", plan->model.name,
	    cluster_gpus(&plan->cluster), plan->cluster.gpu.name);
	if (n > 0) {
		search_format_layout(&c, lay, sizeof lay);
		out(&o, "; the fewest %s that hold it (SLOs aside): %d, as %s", plan->cluster.gpu.name,
		    n, lay);
	} else {
		out(&o, "; no count of %s up to %d holds it", plan->cluster.gpu.name, SEARCH_MAX_GPUS);
	}
}
