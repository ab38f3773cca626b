/* audit-metrics.c: the metric table, dimensions, units, names and value
 * formatting; see audit.h and docs/audit.md. */
#include "audit-internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

/* ---- the metrics ------------------------------------------------------ */

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

/* The phrases column of the table above (audit.h audit_metric_words): the
 * words plans use for each figure, as in shared/plans and the plans in
 * tests/plans/text.  Longer phrases win over shorter ones; a claim's unit
 * must still fit the metric's dimension, so "memory" can be bytes
 * (memory.per_gpu_bytes) or a share (memory.per_gpu_fraction). */
static const char *const metric_words[M_COUNT] = {
	[M_PARAMS_TOTAL] = "parameters|parameter model|params|model size|parameter count",
	[M_PARAMS_ACTIVE] = "active parameters|activated parameters|active params|active",
	[M_FLOPS_PER_TOKEN] = "flops per token|tflops per token|gflops per token|flops+per token|flop per token",
	[M_LAYERS] = "transformer layers|total layers|layers+total|model architecture|number of layers",
	[M_EXPERTS] = "total experts|experts per layer|number of experts|routed experts",
	[M_HEADS] = "attention heads|query heads",
	[M_KV_HEADS] = "kv heads|key/value heads|key-value heads",
	[M_MODEL_WEIGHTS] = "model weights+required|estimated model weights|quantization+required|"
	    "memory required|required memory|model size+gb|weights total|full model",
	[M_BYTES_PER_PARAM] = "bytes per parameter|bytes per param|memory format|data type",
	[M_GPUS] = "required gpus|gpus required|gpus used|gpus needed|recommended gpus|gpus+requiring|"
	    "gpu match|total modules|gpus+efficient|better solution+gpus|"
	    "gpus+original",
	[M_CLUSTER_GPUS] = "available gpus|gpu count|gpus available|total gpus",
	[M_GPU_MEMORY] = "gpu memory available|memory per gpu+of|vram each|gb each|per gpu)|"
	    "available memory|gpu memory+capacity|vram",
	[M_CLUSTER_MEMORY] = "available memory+total|memory+gb total|cluster memory|gb total memory",
	[M_HBM] = "memory bandwidth|hbm bandwidth|hbm",
	[M_PEAK] = "tflops per gpu|available+tflops|peak compute|peak flops|compute per gpu",
	[M_INTRA] = "nvlink|intra-node|intra node|nvswitch|interconnect",
	[M_INTER] = "inter-node|inter node|infiniband|roce|network bandwidth",
	[M_CC] = "compute capability",
	[M_USD] = "cost estimate+/hour|cost+per hour|/hour|hourly cost|per hour",
	[M_PER_GPU] = "memory usage|memory per gpu|per-gpu memory|total usage|memory used|total+per gpu|total memory|"
	    "memory distribution|memory+per gpu|memory load",
	[M_WEIGHTS] = "model weights|weights per gpu|weight distribution|gb model|model per gpu|weights",
	[M_KV_CACHE] = "kv cache|kv-cache|key-value cache",
	[M_KV_POOL] = "kv pool|kv cache pool|kv-cache pool|kv cache budget",
	[M_ACT] = "activation memory|activations|activation",
	[M_RESERVED] = "reserved memory|cuda graphs|reserve",
	[M_BUDGET] = "memory limit|memory budget|gpu memory utilization+gb",
	[M_KV_BPT] = "kv bytes per token|kv cache per token|per token+kv",
	[M_MAX_KV_TOKENS] = "kv tokens|tokens in the kv|max kv tokens",
	[M_MAX_SEQS] = "max concurrent sequences|concurrent sequences|max-num-seqs|max num seqs",
	[M_PER_GPU_FRAC] = "memory usage|memory utilization|memory efficiency|memory limits|"
	    "gpu memory utilization|memory per gpu|gpu utilization+symmetric|peak usage|"
	    "efficient utilization|total usage",
	[M_HEADROOM] = "headroom",
	[M_HEADROOM_FRAC] = "headroom+%|memory headroom",
	[M_OVERHEAD] = "gb system|overhead memory",
	[M_OPTIMIZER] = "optimizer",
	[M_COMM_BUF] = "communication+gb|comm buffer|communication buffers|nccl buffers",
	[M_IMBALANCE] = "memory balance|memory imbalance|balance ε",
	[M_SHORTFALL] = "memory shortfall|shortfall+gb|exceeds available memory|short by",
	[M_SHORTFALL_FRAC] = "over capacity|insufficient by",
	[M_W_TO_CAP] = "available memory)|x available memory|times the available memory",
	[M_TTFT] = "prefill latency|prefill|time to first token|ttft|first token latency",
	[M_TPOT] = "decode latency|decode|time per output token|tpot|inter-token latency|"
	    "per-token latency|latency",
	[M_COMM_SHARE] = "communication overhead|communication share|comm overhead|communication+%|"
	    "overhead+communication",
	[M_COLLECTIVE] = "collective operations|collective latency|all-reduce latency|collectives",
	[M_TOK_S] = "throughput|tokens/second|system throughput|tokens per second|tokens/sec",
	[M_TOK_S_GPU] = "per gpu+tokens/ms|per gpu+tokens/s|tokens/ms per gpu|tokens/s per gpu|"
	    "throughput per gpu|per-gpu throughput",
	[M_RPS] = "rps|requests per second|requests/second|req/s|requests/s|throughput+rps",
	[M_MFU] = "gpu utilization|mfu|compute utilization|utilization+effective|"
	    "flops utilization|resource utilization",
	[M_FLOPS_NEEDED] = "tflops sustained|sustained+tflops|flops needed|compute needed|required+tflops",
	[M_BUBBLE] = "pipeline bubble|bubble",
	[M_STAGE_IMB] = "load variance|stage imbalance|load imbalance",
	[M_GPUS_MISSING] = "gpu shortfall|gpus short|missing gpus",
	[M_GPUS_IDLE] = "spare|idle gpus|gpus idle",
	[M_GPU_USE] = "utilization for redundancy|gpu use|gpus used+%",
	[M_MIN_GPUS] = "minimum required gpus|minimum gpus|min gpus|minimum viable",
	[M_LAYERS_STAGE] = "layers per stage|per stage+layers|layers per pipeline stage|equivalent+layers",
	[M_LAYERS_GPU] = "layers per gpu|layer distribution",
	[M_HEADS_GPU] = "heads per gpu|heads per rank|attention heads per gpu",
	[M_KV_HEADS_GPU] = "kv heads per gpu|kv heads per rank",
	[M_EXPERTS_GPU] = "experts per gpu|experts per rank",
	[M_SEQS_REPLICA] = "sequences per gpu|sequences per replica|per replica+sequences",
	[M_SEQS_TOTAL] = "batch size+sequences|global batch|total sequences",
	[M_FEASIBLE] = "mathematically impossible|impossible to implement|cannot load model|"
	    "cannot be deployed|not deployable",
};

const char *
audit_metric_words(int i)
{
	return i >= 0 && i < M_COUNT ? metric_words[i] : NULL;
}

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

/* SI prefixes, for audit_unit_slip: a unit of the table above is a
 * prefix and a base ("TFLOPs" = "T" + "FLOPs", "ms" = "m" + "s"). */
static const struct { const char *prefix; double factor; } si_prefixes[] = {
	{ "P", 1e15 }, { "T", 1e12 }, { "G", 1e9 }, { "M", 1e6 }, { "k", 1e3 }, { "K", 1e3 },
	{ "m", 1e-3 }, { "u", 1e-6 }, { "", 1 },
};

static int
known_unit(const char *u)
{
	double f;
	return *u && audit_unit(u, DIM_KINDS, &f) == 0;
}

char *
audit_unit_slip(const char *unit, double ratio, char *buf, size_t n)
{
	if (!unit || !*unit || !(ratio > 0) || !isfinite(ratio) ||
	    fabs(log10(ratio)) < log10(AUDIT_OFF_SCALE_RATIO))
		return NULL;
	int k = (int)lround(log10(ratio) / 3);
	if (k == 0)
		k = ratio > 1 ? 1 : -1;
	size_t np = sizeof si_prefixes / sizeof si_prefixes[0];
	for (size_t i = 0; i < np; i++) {
		size_t pl = strlen(si_prefixes[i].prefix);
		const char *base = unit + pl;
		if (strncmp(unit, si_prefixes[i].prefix, pl) != 0 || !known_unit(base))
			continue;
		/* the claim is ratio x too large: the intended prefix is 1000^k smaller */
		double want = si_prefixes[i].factor / pow(1e3, k);
		for (size_t j = 0; j < np; j++) {
			char u[32];
			if (fabs(si_prefixes[j].factor / want - 1) > 1e-9)
				continue;
			snprintf(u, sizeof u, "%s%s", si_prefixes[j].prefix, base);
			if (!known_unit(u))
				continue;
			snprintf(buf, n, "%s written as %s", u, unit);
			return buf;
		}
	}
	return NULL;
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
	case DIM_KINDS: case DIM_TEXT: break;
	}
	return "";
}

/* ---- small helpers ----------------------------------------------------- */

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
		fmt_rate(v, "req/s", buf, n);
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
	case DIM_KINDS: case DIM_TEXT:
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
