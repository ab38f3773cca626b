/* checks.c: built-in checks (DESIGN "Checks"): each has a stable id, a
 * severity, the numbers in v[], and a message with a fix made on demand by
 * check_format. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "eval-internal.h"
#include "units.h"

/* A stage whose decode step is this much slower than the fastest is
 * reported as imbalanced (a 15% spread costs PP throughput visibly). */
#define STAGE_IMBALANCE_RATIO 1.15

/* Compute capability thresholds (NVIDIA CUDA C Programming Guide, "Compute
 * Capabilities"): bf16 tensor cores from Ampere (8.0), fp8 from Ada (8.9). */
#define CC_BF16 80
#define CC_FP8 89

static const struct {
	const char *name;
	bool structural;
} check_table[CHECK_COUNT] = {
	[CHECK_GPU_COUNT] = { "layout.gpu_count", false },
	[CHECK_GPUS_IDLE] = { "layout.gpus_idle", false },
	[CHECK_HEADS_TP] = { "layout.heads_tp", true },
	[CHECK_KV_HEADS_TP] = { "layout.kv_heads_tp", true },
	[CHECK_LAYERS_PP] = { "layout.layers_pp", true },
	[CHECK_STAGE_LAYERS] = { "layout.stage_layers", true },
	[CHECK_EXPERTS_EP] = { "layout.experts_ep", true },
	[CHECK_EP_GROUP] = { "layout.ep_group", true },
	[CHECK_WIDTH_TP] = { "layout.width_tp", true },
	[CHECK_TP_SPANS_NODES] = { "layout.tp_spans_nodes", false },
	[CHECK_TP_ALIGN] = { "layout.tp_node_alignment", false },
	[CHECK_MEMORY_FIT] = { "memory.fit", false },
	[CHECK_KV_ROOM] = { "memory.kv_room", false },
	[CHECK_KV_MAX_LEN] = { "memory.kv_max_len", false },
	[CHECK_STATIC_HEADROOM] = { "memory.static_headroom", false },
	[CHECK_CONTEXT_LEN] = { "workload.context_len", false },
	[CHECK_BATCHED_TOKENS] = { "workload.batched_tokens", false },
	[CHECK_BATCH_SEQS] = { "workload.max_num_seqs", false },
	[CHECK_DTYPE_SUPPORT] = { "dtype.support", false },
	[CHECK_SLO_TTFT] = { "slo.ttft", false },
	[CHECK_SLO_TPOT] = { "slo.tpot", false },
	[CHECK_SLO_RPS] = { "slo.rps", false },
	[CHECK_STAGE_IMBALANCE] = { "pipeline.imbalance", false },
	[CHECK_PP_BUBBLE] = { "pipeline.bubble", false },
};

const char *
check_id_name(CheckId id)
{
	return id < CHECK_COUNT ? check_table[id].name : "?";
}

bool
check_structural(CheckId id)
{
	return id < CHECK_COUNT && check_table[id].structural;
}

const char *
severity_name(Severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARN ? "warn" : "info";
}

void
checks_add(Result *r, CheckId id, Severity sev, int stage, double v0, double v1, double v2, double v3)
{
	if (r->n_checks >= MAX_CHECKS)
		return;
	r->checks[r->n_checks++] = (Check){ .id = id, .severity = sev, .stage = stage,
		.v = { v0, v1, v2, v3 } };
}

void
checks_layout(const EvalCtx *c, Result *r)
{
	const Model *m = c->m;
	const Cluster *cl = &c->s->cluster;
	int tp = c->tp, pp = c->pp, dp = c->dp, ep = c->ep, etp = c->etp;
	int need = tp * pp * dp, have = cluster_gpus(cl);

	if (need > have)
		checks_add(r, CHECK_GPU_COUNT, SEV_ERROR, -1, need, tp, pp, dp);
	else if (need < have)
		checks_add(r, CHECK_GPUS_IDLE, SEV_INFO, -1, need, have, 0, 0);

	if (m->n_heads % tp != 0)
		checks_add(r, CHECK_HEADS_TP, SEV_ERROR, -1, m->n_heads, tp, 0, 0);
	if (!model_is_mla(m)) {
		if (tp <= m->n_kv_heads ? m->n_kv_heads % tp != 0 : tp % m->n_kv_heads != 0)
			checks_add(r, CHECK_KV_HEADS_TP, SEV_ERROR, -1, m->n_kv_heads, tp, 0, 0);
		else if (tp > m->n_kv_heads)
			checks_add(r, CHECK_KV_HEADS_TP, SEV_INFO, -1, m->n_kv_heads, tp, tp / m->n_kv_heads, 0);
	}
	bool dense_layer = model_layers_of_kind(m, 0, 0, m->n_layers) +
	    model_layers_of_kind(m, LAYER_SLIDING, 0, m->n_layers) > 0;
	if (dense_layer && m->intermediate % tp != 0)
		checks_add(r, CHECK_WIDTH_TP, SEV_ERROR, -1, m->intermediate, tp, 0, 0);
	if (pp > m->n_layers)
		checks_add(r, CHECK_LAYERS_PP, SEV_ERROR, -1, m->n_layers, pp, 0, 0);
	else if (m->n_layers % pp != 0)
		checks_add(r, CHECK_LAYERS_PP, SEV_INFO, -1, m->n_layers, pp,
		    m->n_layers / pp, m->n_layers / pp + 1);
	if (ep > 1 && !model_is_moe(m))
		checks_add(r, CHECK_EXPERTS_EP, SEV_ERROR, -1, 0, ep, 0, 0);
	else if (model_is_moe(m) && m->n_experts % ep != 0)
		checks_add(r, CHECK_EXPERTS_EP, SEV_ERROR, -1, m->n_experts, ep, 0, 0);
	else if (model_is_moe(m) && ((tp * dp) % (ep * etp) != 0 ||
	    m->expert_intermediate % etp != 0))
		checks_add(r, CHECK_EP_GROUP, SEV_ERROR, -1, ep, etp, tp, dp);

	if (tp > cl->gpus_per_node)
		checks_add(r, CHECK_TP_SPANS_NODES, SEV_WARN, -1, tp, cl->gpus_per_node, 0, 0);
	else if (cl->nodes > 1 && cl->gpus_per_node % tp != 0)
		checks_add(r, CHECK_TP_ALIGN, SEV_WARN, -1, tp, cl->gpus_per_node, 0, 0);

	/* compute dtype support by generation; AMD CDNA3 has bf16 and fp8 */
	const Gpu *g = &cl->gpu;
	const Strategy *st = &c->s->strategy;
	if (g->peak_flops[st->act_dtype] <= 0 ||
	    (st->act_dtype == DTYPE_BF16 && g->compute_capability && g->compute_capability < CC_BF16))
		checks_add(r, CHECK_DTYPE_SUPPORT, SEV_ERROR, -1, st->act_dtype, 1, 0, 0);
	if (st->weight_dtype == DTYPE_FP8 && (g->peak_flops[DTYPE_FP8] <= 0 ||
	    (g->compute_capability && g->compute_capability < CC_FP8)))
		checks_add(r, CHECK_DTYPE_SUPPORT, SEV_WARN, -1, DTYPE_FP8, 0, 0, 0);
}

void
checks_results(const EvalCtx *c, Result *r)
{
	const Scenario *s = c->s;
	const Workload *w = &s->workload;
	const Runtime *rt = &s->runtime;

	for (int i = 0; i < r->n_stages; i++) {
		const StageResult *sr = &r->stages[i];
		double fixed = sr->weights_bytes + sr->activation_bytes + sr->reserved_bytes;
		double room = rt->mode == MEM_MODE_FREE ? s->cluster.gpu.memory_bytes :
		    rt->mode == MEM_MODE_STATIC ? sr->budget_bytes : sr->budget_bytes;
		double need = rt->mode == MEM_MODE_STATIC ? sr->weights_bytes : fixed;
		if (need >= room || sr->kv_pool_bytes <= 0) {
			checks_add(r, CHECK_MEMORY_FIT, SEV_ERROR, i, need, room, sr->weights_bytes,
			    sr->activation_bytes + sr->reserved_bytes);
			continue;
		}
		if (rt->mode == MEM_MODE_STATIC) {
			/* activations and CUDA graphs must fit beside the static pool */
			double rest = sr->budget_bytes / rt->mem_fraction * (1 - rt->mem_fraction);
			double need_rest = sr->activation_bytes + rt->cuda_graph_bytes;
			if (need_rest > rest)
				checks_add(r, CHECK_STATIC_HEADROOM, SEV_WARN, i, need_rest, rest, 0, 0);
		}
	}
	const MemorySummary *ms = &r->memory;
	bool fits = true;
	for (int i = 0; i < r->n_checks; i++)
		fits &= r->checks[i].id != CHECK_MEMORY_FIT;
	if (fits) {
		const StageResult *f = &r->stages[ms->stage];
		if (ms->max_kv_tokens < c->max_model_len)
			checks_add(r, CHECK_KV_MAX_LEN, SEV_ERROR, -1, c->max_model_len, ms->max_kv_tokens, 0, 0);
		else if (ms->max_concurrent_seqs < w->batch)
			checks_add(r, CHECK_KV_ROOM, SEV_ERROR, ms->stage, f->kv_cache_bytes,
			    f->kv_pool_bytes, ms->max_concurrent_seqs, w->batch);
	}

	if (s->model.max_position > 0 && c->max_model_len > s->model.max_position)
		checks_add(r, CHECK_CONTEXT_LEN, SEV_ERROR, -1, c->max_model_len, s->model.max_position, 0, 0);
	if (w->input_len > c->max_batched_tokens)
		checks_add(r, CHECK_BATCHED_TOKENS, SEV_INFO, -1, w->input_len, c->max_batched_tokens, 0, 0);
	if (rt->max_num_seqs > 0 && w->batch > rt->max_num_seqs)
		checks_add(r, CHECK_BATCH_SEQS, SEV_WARN, -1, w->batch, rt->max_num_seqs, 0, 0);

	const Slo *slo = &w->slo;
	const Latency *l = &r->latency;
	if (slo->ttft_p99_s > 0 && l->ttft_s > slo->ttft_p99_s)
		checks_add(r, CHECK_SLO_TTFT, SEV_ERROR, -1, l->ttft_s, slo->ttft_p99_s, 99, 0);
	else if (slo->ttft_p50_s > 0 && l->ttft_s > slo->ttft_p50_s)
		checks_add(r, CHECK_SLO_TTFT, SEV_ERROR, -1, l->ttft_s, slo->ttft_p50_s, 50, 0);
	if (slo->tpot_p99_s > 0 && l->tpot_s > slo->tpot_p99_s)
		checks_add(r, CHECK_SLO_TPOT, SEV_ERROR, -1, l->tpot_s, slo->tpot_p99_s, 99, 0);
	else if (slo->tpot_p50_s > 0 && l->tpot_s > slo->tpot_p50_s)
		checks_add(r, CHECK_SLO_TPOT, SEV_ERROR, -1, l->tpot_s, slo->tpot_p50_s, 50, 0);
	if (slo->rps > 0 && r->throughput.requests_per_s < slo->rps)
		checks_add(r, CHECK_SLO_RPS, SEV_ERROR, -1, r->throughput.requests_per_s, slo->rps, 0, 0);

	if (r->n_stages > 1) {
		int slow = 0, fast = 0;
		for (int i = 1; i < r->n_stages; i++) {
			double t = r->stages[i].phase[PHASE_DECODE].total_s;
			if (t > r->stages[slow].phase[PHASE_DECODE].total_s)
				slow = i;
			if (t < r->stages[fast].phase[PHASE_DECODE].total_s)
				fast = i;
		}
		double ts = r->stages[slow].phase[PHASE_DECODE].total_s;
		double tf = r->stages[fast].phase[PHASE_DECODE].total_s;
		if (tf > 0 && ts / tf > STAGE_IMBALANCE_RATIO)
			checks_add(r, CHECK_STAGE_IMBALANCE, SEV_WARN, slow, ts, tf, slow, fast);
		if (c->micro < c->pp)
			checks_add(r, CHECK_PP_BUBBLE, SEV_INFO, -1, c->micro, c->pp,
			    (double)(c->pp - 1) / (c->micro + c->pp - 1), 0);
	}
}

/* Smallest power-of-two GPU count whose share of the weights fits next to
 * the per-GPU fixed costs, for the memory.fit fix; 0 when none <= 4096. */
static int
gpus_to_fit(double weights_total, double room, double per_gpu_fixed)
{
	for (int n = 1; n <= 4096; n *= 2)
		if (weights_total / n + per_gpu_fixed < room)
			return n;
	return 0;
}

int
check_format(const Scenario *s, const Result *r, const Check *ck, char *buf, unsigned long n)
{
	char a[32], b[32], d[32], e[32], f[32];
	const double *v = ck->v;
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	const Gpu *g = &s->cluster.gpu;

	switch (ck->id) {
	case CHECK_GPU_COUNT:
		return snprintf(buf, n, "layout needs %.0f GPUs (TP %.0f x PP %.0f x DP %.0f), the cluster "
		    "has %d; fix: a cluster with >= %.0f GPUs, or lower TP/PP/DP",
		    v[0], v[1], v[2], v[3], r->gpus_available, v[0]);
	case CHECK_GPUS_IDLE: {
		int per = st->tp * st->pp;
		if (per > 0 && (int)v[1] % per == 0)
			return snprintf(buf, n, "uses %.0f of %.0f GPUs; fix: DP %d uses them all",
			    v[0], v[1], (int)v[1] / per);
		return snprintf(buf, n, "uses %.0f of %.0f GPUs", v[0], v[1]);
	}
	case CHECK_HEADS_TP:
		return snprintf(buf, n, "TP %.0f does not divide the %.0f attention heads; fix: TP a "
		    "divisor of %.0f (1, 2, 4, 8, ...)", v[1], v[0], v[0]);
	case CHECK_KV_HEADS_TP:
		if (ck->severity == SEV_ERROR)
			return snprintf(buf, n, "TP %.0f and the %.0f KV heads do not divide one another; "
			    "fix: TP a divisor or multiple of %.0f", v[1], v[0], v[0]);
		return snprintf(buf, n, "TP %.0f > %.0f KV heads: each KV head is replicated on %.0f "
		    "GPUs, so KV per token does not shrink past TP %.0f", v[1], v[0], v[2], v[0]);
	case CHECK_WIDTH_TP:
		return snprintf(buf, n, "TP %.0f does not divide intermediate_size %.0f", v[1], v[0]);
	case CHECK_LAYERS_PP:
		if (ck->severity == SEV_ERROR)
			return snprintf(buf, n, "PP %.0f exceeds the %.0f layers; fix: PP <= %.0f",
			    v[1], v[0], v[0]);
		return snprintf(buf, n, "%.0f layers over PP %.0f: stages hold %.0f or %.0f layers",
		    v[0], v[1], v[2], v[3]);
	case CHECK_STAGE_LAYERS:
		return snprintf(buf, n, "the per-stage layer split must give each of the %.0f stages "
		    ">= 1 layer and sum to %.0f", v[1], v[0]);
	case CHECK_EXPERTS_EP:
		if (v[0] == 0)
			return snprintf(buf, n, "EP %.0f on a dense model (no experts); fix: EP 1", v[1]);
		return snprintf(buf, n, "EP %.0f does not divide the %.0f experts; fix: EP a divisor "
		    "of %.0f", v[1], v[0], v[0]);
	case CHECK_EP_GROUP:
		return snprintf(buf, n, "EP %.0f x expert-TP %.0f must divide TP x DP = %.0f x %.0f "
		    "(experts are spread over the TP x DP GPUs of a stage, as vLLM and SGLang do)",
		    v[0], v[1], v[2], v[3]);
	case CHECK_TP_SPANS_NODES:
		return snprintf(buf, n, "TP %.0f spans nodes of %.0f GPUs: every all-reduce crosses %s "
		    "(%s/s per GPU) instead of %s (%s/s); fix: TP <= %.0f with PP across nodes",
		    v[0], v[1], s->cluster.inter.name, fmt_bytes(s->cluster.inter.bytes_per_s, a, sizeof a),
		    s->cluster.intra.name, fmt_bytes(s->cluster.intra.bytes_per_s, b, sizeof b), v[1]);
	case CHECK_TP_ALIGN:
		return snprintf(buf, n, "TP %.0f does not divide the %.0f GPUs per node: some TP groups "
		    "straddle two nodes", v[0], v[1]);
	case CHECK_MEMORY_FIT: {
		const StageResult *sr = &r->stages[ck->stage];
		int per_gpu = st->tp * st->pp;
		double total_w = 0;
		for (int i = 0; i < r->n_stages; i++)
			total_w += r->stages[i].weights_bytes * st->tp;
		double fixed = s->runtime.mode == MEM_MODE_STATIC ? 0 : v[3];
		int fit = gpus_to_fit(total_w, v[1], fixed);
		int o = snprintf(buf, n, "stage %d needs %s per GPU (weights %s + activations and reserve "
		    "%s) but %s allows %s; short by %s",
		    ck->stage, fmt_bytes(v[0], a, sizeof a), fmt_bytes(v[2], b, sizeof b),
		    fmt_bytes(v[3], d, sizeof d), s->runtime.name, fmt_bytes(v[1], e, sizeof e),
		    fmt_bytes(v[0] - v[1] > 0 ? v[0] - v[1] : sr->kv_pool_shortfall_bytes, f, sizeof f));
		if (o >= 0 && (unsigned long)o < n && fit > per_gpu)
			o += snprintf(buf + o, n - o, "; fix: >= %d GPUs (e.g. TP x PP = %d)", fit, fit);
		if (o >= 0 && (unsigned long)o < n && st->weight_dtype != DTYPE_INT4 && !dtype_is_quantized(st->weight_dtype))
			o += snprintf(buf + o, n - o, ", or int4 weights (%s per GPU)",
			    fmt_bytes(v[2] * dtype_weight_bytes(DTYPE_INT4) / dtype_weight_bytes(st->weight_dtype), b, sizeof b));
		return o;
	}
	case CHECK_KV_ROOM:
		return snprintf(buf, n, "KV cache for batch %.0f x %d tokens needs %s per GPU, the pool "
		    "holds %s (%.0f sequences); fix: batch <= %.0f, fp8 KV cache, or more TP/PP",
		    v[3], s->workload.input_len + s->workload.output_len, fmt_bytes(v[0], a, sizeof a),
		    fmt_bytes(v[1], b, sizeof b), v[2], v[2]);
	case CHECK_KV_MAX_LEN:
		return snprintf(buf, n, "the KV pool holds %s tokens, fewer than max_model_len %s (vLLM "
		    "refuses to start); fix: lower --max-model-len, or free memory",
		    fmt_int(v[1], a, sizeof a), fmt_int(v[0], b, sizeof b));
	case CHECK_STATIC_HEADROOM:
		return snprintf(buf, n, "activations and reserve %s exceed the %s left outside "
		    "mem_fraction_static; fix: lower the memory fraction",
		    fmt_bytes(v[0], a, sizeof a), fmt_bytes(v[1], b, sizeof b));
	case CHECK_CONTEXT_LEN:
		return snprintf(buf, n, "context %s tokens exceeds the model's max_position_embeddings "
		    "%s; fix: input + output <= %s, or a long-context (RoPE-scaled) model",
		    fmt_int(v[0], a, sizeof a), fmt_int(v[1], b, sizeof b), fmt_int(v[1], d, sizeof d));
	case CHECK_BATCHED_TOKENS:
		return snprintf(buf, n, "input %s tokens exceeds max_num_batched_tokens %s: the engine "
		    "prefills it in chunks (TTFT here is one pass)", fmt_int(v[0], a, sizeof a),
		    fmt_int(v[1], b, sizeof b));
	case CHECK_BATCH_SEQS:
		return snprintf(buf, n, "batch %.0f exceeds %s's max_num_seqs %.0f", v[0],
		    s->runtime.name, v[1]);
	case CHECK_DTYPE_SUPPORT:
		if (v[1] == 1)
			return snprintf(buf, n, "%s (%s, sm %d) has no %s tensor cores; fix: --dtype fp16",
			    g->name, g->arch, g->compute_capability, dtype_name((Dtype)v[0]));
		return snprintf(buf, n, "%s (%s) has no fp8 tensor cores: fp8 weights run weight-only "
		    "(Marlin) at 16-bit compute", g->name, g->arch);
	case CHECK_SLO_TTFT:
		return snprintf(buf, n, "TTFT %s > p%.0f SLO %s, even on an idle deployment; fix: more "
		    "TP, shorter inputs, or a faster GPU", fmt_seconds(v[0], a, sizeof a), v[2],
		    fmt_seconds(v[1], b, sizeof b));
	case CHECK_SLO_TPOT:
		return snprintf(buf, n, "TPOT %s > p%.0f SLO %s at batch %d; fix: smaller batch or more TP",
		    fmt_seconds(v[0], a, sizeof a), v[2], fmt_seconds(v[1], b, sizeof b),
		    s->workload.batch);
	case CHECK_SLO_RPS:
		return snprintf(buf, n, "sustains %.2f requests/s with static batches of %d, target "
		    "%.2f; fix: more DP replicas or a larger batch", v[0], s->workload.batch, v[1]);
	case CHECK_STAGE_IMBALANCE:
		return snprintf(buf, n, "stage %.0f's decode step takes %s, stage %.0f's %s: the "
		    "pipeline runs at the slowest; fix: move layers off stage %.0f (--stage-layers)",
		    v[2], fmt_seconds(v[0], a, sizeof a), v[3], fmt_seconds(v[1], b, sizeof b), v[2]);
	case CHECK_PP_BUBBLE:
		return snprintf(buf, n, "%.0f micro-batches over PP %.0f leave a %.0f%% pipeline bubble; "
		    "fix: micro-batches >= PP", v[0], v[1], v[2] * 100);
	case CHECK_COUNT:
		break;
	}
	(void)m;
	return snprintf(buf, n, "?");
}
