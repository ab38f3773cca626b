/* checks.c: the built-in checks (DESIGN "Checks"), one table: each row has
 * a stable id, its one severity, whether it is structural, a summary for
 * the man page and a message function that prints the check's named
 * numbers with a fix, offered only once re-evaluating the fix shows that it
 * passes.  The layout rules themselves are in layout.c. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "disagg.h"
#include "eval-internal.h"
#include "layout.h"
#include "params.h"
#include "units.h"

/* A stage whose decode step is this much slower than the fastest is
 * reported as imbalanced (a 15% spread costs PP throughput visibly). */
#define STAGE_IMBALANCE_RATIO 1.15

/* Compute capability thresholds (NVIDIA CUDA C Programming Guide, "Compute
 * Capabilities"): bf16 tensor cores from Ampere (8.0), fp8 from Ada (8.9). */
#define CC_BF16 80
#define CC_FP8 89

/* The most GPUs a memory.fit fix may propose. */
#define FIX_MAX_GPUS 4096

typedef unsigned long Len;

/* ---- messages ----------------------------------------------------------- */

static int
fmt_gpu_count(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "layout needs %d GPUs (TP %d x PP %d x DP %d), the cluster has %d; "
	    "fix: a cluster with >= %d GPUs, or lower TP/PP/DP", c->a.gpu_count.need,
	    c->a.gpu_count.tp, c->a.gpu_count.pp, c->a.gpu_count.dp, c->a.gpu_count.have,
	    c->a.gpu_count.need);
}

static int
fmt_gpus_idle(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	int per = c->a.gpus_idle.replica_gpus, have = c->a.gpus_idle.have;
	(void)s; (void)r;
	if (per > 0 && have % per == 0)
		return snprintf(buf, n, "uses %d of %d GPUs; fix: DP %d uses them all",
		    c->a.gpus_idle.used, have, have / per);
	return snprintf(buf, n, "uses %d of %d GPUs", c->a.gpus_idle.used, have);
}

static int
fmt_heads_tp(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char vals[96];
	int o = 0, shown = 0, gpus = s->cluster.nodes * s->cluster.gpus_per_node;

	(void)r;
	/* the TP values that pass every TP rule (layout.h), up to the cluster */
	vals[0] = '\0';
	for (int tp = 1; tp <= c->a.heads_tp.heads && tp <= gpus && shown < 8; tp++) {
		if (!layout_tp_ok(&s->model, tp))
			continue;
		int k = snprintf(vals + o, sizeof vals - (size_t)o, "%s%d", shown ? ", " : "", tp);
		if (k < 0 || (size_t)(o + k) >= sizeof vals)
			break;
		o += k, shown++;
	}
	return snprintf(buf, n, "TP %d does not divide the %d attention heads; fix: TP a divisor of "
	    "%d (%s)", c->a.heads_tp.tp, c->a.heads_tp.heads, c->a.heads_tp.heads,
	    shown ? vals : "none fits the cluster");
}

static int
fmt_kv_heads_tp(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "TP %d and the %d KV heads do not divide one another; fix: TP a "
	    "divisor or multiple of %d", c->a.kv_heads_tp.tp, c->a.kv_heads_tp.kv_heads,
	    c->a.kv_heads_tp.kv_heads);
}

static int
fmt_kv_heads_replicated(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "TP %d > %d KV heads: each KV head is replicated on %d GPUs, so KV "
	    "per token does not shrink past TP %d", c->a.kv_heads_replicated.tp,
	    c->a.kv_heads_replicated.kv_heads, c->a.kv_heads_replicated.copies,
	    c->a.kv_heads_replicated.kv_heads);
}

static int
fmt_width_tp(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "TP %d does not divide intermediate_size %d; fix: TP a divisor of %d",
	    c->a.width_tp.tp, c->a.width_tp.intermediate, c->a.width_tp.intermediate);
}

static int
fmt_layers_pp(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	if (c->a.layers_pp.pp < 1)
		return snprintf(buf, n, "PP %d: a pipeline has at least one stage; fix: PP >= 1",
		    c->a.layers_pp.pp);
	if (c->a.layers_pp.pp <= c->a.layers_pp.layers)
		return snprintf(buf, n, "PP %d exceeds the %d pipeline stages shardlab models; fix: PP "
		    "<= %d", c->a.layers_pp.pp, MAX_STAGES, MAX_STAGES);
	return snprintf(buf, n, "PP %d exceeds the %d layers; fix: PP <= %d", c->a.layers_pp.pp,
	    c->a.layers_pp.layers, c->a.layers_pp.layers < MAX_STAGES ? c->a.layers_pp.layers : MAX_STAGES);
}

static int
fmt_layers_uneven(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "%d layers over PP %d: stages hold %d or %d layers",
	    c->a.layers_uneven.layers, c->a.layers_uneven.pp, c->a.layers_uneven.fewest,
	    c->a.layers_uneven.most);
}

static int
fmt_stage_layers(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "the per-stage layer split must give each of the %d stages >= 1 "
	    "layer and sum to %d; fix: --stage-layers summing to %d, or none (an even split)",
	    c->a.stage_layers.pp, c->a.stage_layers.layers, c->a.stage_layers.layers);
}

static int
fmt_experts_ep(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	if (c->a.experts_ep.experts == 0)
		return snprintf(buf, n, "EP %d on a dense model (no experts); fix: EP 1",
		    c->a.experts_ep.ep);
	if (c->a.experts_ep.redundant > 0)
		return snprintf(buf, n, "EP %d does not divide the %d experts + %d redundant; fix: EP a "
		    "divisor of %d, or ep_redundant making the sum a multiple of EP",
		    c->a.experts_ep.ep, c->a.experts_ep.experts, c->a.experts_ep.redundant,
		    c->a.experts_ep.experts + c->a.experts_ep.redundant);
	return snprintf(buf, n, "EP %d does not divide the %d experts; fix: EP a divisor of %d, or "
	    "ep_redundant making experts + redundant a multiple of EP (EPLB)",
	    c->a.experts_ep.ep, c->a.experts_ep.experts, c->a.experts_ep.experts);
}

static int
fmt_ep_group(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	if (c->a.ep_group.etp > 0 && c->a.ep_group.expert_width % c->a.ep_group.etp != 0)
		return snprintf(buf, n, "expert-TP %d does not divide the experts' intermediate size %d; "
		    "fix: expert-TP a divisor of %d", c->a.ep_group.etp, c->a.ep_group.expert_width,
		    c->a.ep_group.expert_width);
	return snprintf(buf, n, "EP %d x expert-TP %d must divide TP x DP = %d x %d (experts are "
	    "spread over the TP x DP GPUs of a stage, as vLLM and SGLang do); fix: EP x expert-TP "
	    "a divisor of %d", c->a.ep_group.ep, c->a.ep_group.etp, c->a.ep_group.tp,
	    c->a.ep_group.dp, c->a.ep_group.tp * c->a.ep_group.dp);
}

static int
fmt_tp_spans_nodes(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)r;
	return snprintf(buf, n, "TP %d spans NVLink domains of %d GPUs: every all-reduce crosses %s "
	    "(%s/s per GPU) instead of %s (%s/s); fix: TP <= %d with PP across domains", c->a.tp_spans_nodes.tp,
	    c->a.tp_spans_nodes.gpus_per_node, s->cluster.inter.name,
	    fmt_bytes(s->cluster.inter.bytes_per_s, a, sizeof a), s->cluster.intra.name,
	    fmt_bytes(s->cluster.intra.bytes_per_s, b, sizeof b), c->a.tp_spans_nodes.gpus_per_node);
}

static int
fmt_tp_align(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "TP %d does not divide the %d GPUs of an NVLink domain: some TP groups "
	    "straddle two domains; fix: TP a divisor of %d", c->a.tp_align.tp, c->a.tp_align.gpus_per_node,
	    c->a.tp_align.gpus_per_node);
}

/* Whether `t` (a copy of a scenario with a fix applied) evaluates, into
 * *r, without a memory.fit error. */
static bool
fits(const Scenario *t, Result *r)
{
	if (eval_run(t, r) != EVAL_OK)
		return false;
	for (int i = 0; i < r->n_checks; i++)
		if (r->checks[i].id == CHECK_MEMORY_FIT)
			return false;
	return true;
}

/* The smallest replica (powers of two GPUs, TP within an NVLink domain
 * first, then PP) above the current one on which the scenario passes
 * memory.fit, as re-evaluated on a cluster with enough nodes; 0 when none
 * up to FIX_MAX_GPUS.  Writes the layout into *tp, *pp. */
static int
gpus_to_fit(const Scenario *s, int *tp_out, int *pp_out)
{
	Scenario t, *w = &t;
	/* nodes as large as this cluster's, or as the GPU's usual node */
	int gpn = s->cluster.gpus_per_node > 0 ? s->cluster.gpus_per_node : 1;
	if (s->cluster.gpu.gpus_per_node > gpn)
		gpn = s->cluster.gpu.gpus_per_node;
	int cur = s->strategy.tp * s->strategy.pp;
	/* TP within the re-evaluated cluster's NVLink domain: the one the
	 * cluster names (an NVL72 rack), else its node */
	int dom = s->cluster.nvlink_domain > 0 ? s->cluster.nvlink_domain : gpn;

	for (int n = 1; n <= FIX_MAX_GPUS; n *= 2) {
		if (n <= cur)
			continue;
		int tp = 0;
		for (int x = 1; x <= n && x <= dom; x *= 2)
			if (n % x == 0 && layout_tp_ok(&s->model, x))
				tp = x;
		if (tp == 0 || !layout_pp_ok(&s->model, n / tp))
			continue;
		*w = *s;
		w->strategy.tp = tp;
		w->strategy.pp = n / tp;
		w->strategy.dp = 1;
		w->strategy.etp = 0;
		memset(w->strategy.stage_layers, 0, sizeof w->strategy.stage_layers);
		w->cluster.nodes = (n + gpn - 1) / gpn;
		if (w->cluster.nodes > 1)
			w->cluster.gpus_per_node = gpn;
		else
			w->cluster.gpus_per_node = gpn > n ? gpn : n;
		Result r;
		if (fits(w, &r)) {
			*tp_out = tp;
			*pp_out = n / tp;
			return n;
		}
	}
	return 0;
}

static int
fmt_memory_fit(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32], d[32], e[32], f[32];
	const StageResult *sr = &r->stages[c->stage];
	double need = c->a.memory_fit.need_bytes, allowed = c->a.memory_fit.allowed_bytes;
	double fixed = c->a.memory_fit.fixed_bytes;
	int o = snprintf(buf, n, "stage %d needs %s per GPU (weights %s + activations and reserve %s) "
	    "but %s allows %s; short by %s", c->stage, fmt_bytes(need, a, sizeof a),
	    fmt_bytes(c->a.memory_fit.weights_bytes, b, sizeof b), fmt_bytes(fixed, d, sizeof d),
	    s->runtime.name, fmt_bytes(allowed, e, sizeof e),
	    fmt_bytes(need - allowed > 0 ? need - allowed : sr->kv_pool_shortfall_bytes, f, sizeof f));
	if (o < 0 || (Len)o >= n)
		return o;
	if (s->runtime.mode != MEM_MODE_STATIC && fixed >= allowed)
		return o + snprintf(buf + o, n - o, "; fix: activations and reserve alone exceed what "
		    "%s allows: a higher memory fraction, or fewer batched tokens", s->runtime.name);

	/* every fix below is re-evaluated before it is offered */
	const char *sep = "; fix:";
	int tp = 0, pp = 0, gpus = gpus_to_fit(s, &tp, &pp);
	if (gpus > 0) {
		o += snprintf(buf + o, n - o, "%s >= %d GPUs per replica (e.g. TP %d x PP %d)", sep, gpus,
		    tp, pp);
		sep = ", or";
	}
	if ((Len)o < n && !dtype_is_quantized(s->strategy.weight_dtype)) {
		Scenario t = *s;
		Result rt;
		t.strategy.weight_dtype = DTYPE_INT4;
		if (fits(&t, &rt)) {
			int st = c->stage < rt.n_stages ? c->stage : 0;
			o += snprintf(buf + o, n - o, "%s int4 weights (%s per GPU)", sep,
			    fmt_bytes(rt.stages[st].weights_bytes, b, sizeof b));
		}
	}
	return o;
}

static int
fmt_kv_room(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)r;
	return snprintf(buf, n, "KV cache for batch %d x %d tokens needs %s per GPU, the pool holds "
	    "%s (%.0f sequences); fix: batch <= %.0f, fp8 KV cache, or more TP/PP", c->a.kv_room.batch,
	    s->workload.input_len + s->workload.output_len, fmt_bytes(c->a.kv_room.need_bytes, a, sizeof a),
	    fmt_bytes(c->a.kv_room.pool_bytes, b, sizeof b), c->a.kv_room.seqs, c->a.kv_room.seqs);
}

static int
fmt_kv_max_len(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "the KV pool holds %s tokens, fewer than max_model_len %s (vLLM "
	    "refuses to start); fix: lower --max-model-len, or free memory",
	    fmt_int(c->a.kv_max_len.pool_tokens, a, sizeof a), fmt_int(c->a.kv_max_len.max_model_len, b, sizeof b));
}

static int
fmt_static_headroom(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "activations and CUDA graphs %s exceed the %s left outside "
	    "mem_fraction_static; fix: lower the memory fraction",
	    fmt_bytes(c->a.static_headroom.need_bytes, a, sizeof a),
	    fmt_bytes(c->a.static_headroom.room_bytes, b, sizeof b));
}

static int
fmt_context_len(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	fmt_int(c->a.context_len.max_position, b, sizeof b);
	return snprintf(buf, n, "context %s tokens exceeds the model's max_position_embeddings %s; "
	    "fix: input + output <= %s, or a long-context (RoPE-scaled) model",
	    fmt_int(c->a.context_len.context_tokens, a, sizeof a), b, b);
}

static int
fmt_batched_tokens(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "input %s tokens exceeds max_num_batched_tokens %s: the engine "
	    "prefills it in chunks (TTFT here is one pass)",
	    fmt_int(c->a.batched_tokens.input_tokens, a, sizeof a),
	    fmt_int(c->a.batched_tokens.max_batched_tokens, b, sizeof b));
}

static int
fmt_batch_seqs(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)r;
	return snprintf(buf, n, "batch %d exceeds %s's max_num_seqs %d", c->a.batch_seqs.batch,
	    s->runtime.name, c->a.batch_seqs.max_num_seqs);
}

static int
fmt_dtype_support(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	const Gpu *g = &s->cluster.gpu;
	(void)r;
	return snprintf(buf, n, "%s (%s, sm %d) has no %s tensor cores; fix: --dtype fp16", g->name,
	    g->arch, g->compute_capability, dtype_name(c->a.dtype_support.dtype));
}

static int
fmt_fp8_weight_only(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	const Gpu *g = &s->cluster.gpu;
	(void)r;
	return snprintf(buf, n, "%s (%s) has no %s tensor cores: %s weights run weight-only (Marlin) "
	    "at 16-bit compute", g->name, g->arch, dtype_name(c->a.fp8_weight_only.dtype),
	    dtype_name(c->a.fp8_weight_only.weight));
}

static int
fmt_slo_ttft(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "TTFT %s > p%d SLO %s, even on an idle deployment; fix: more TP, "
	    "shorter inputs, or a faster GPU", fmt_seconds(c->a.slo_ttft.ttft_s, a, sizeof a),
	    c->a.slo_ttft.percentile, fmt_seconds(c->a.slo_ttft.slo_s, b, sizeof b));
}

static int
fmt_slo_tpot(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "TPOT %s > p%d SLO %s at batch %d; fix: smaller batch or more TP",
	    fmt_seconds(c->a.slo_tpot.tpot_s, a, sizeof a), c->a.slo_tpot.percentile,
	    fmt_seconds(c->a.slo_tpot.slo_s, b, sizeof b), c->a.slo_tpot.batch);
}

static int
fmt_slo_rps(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[48], b[48];
	(void)s; (void)r;
	fmt_rate(c->a.slo_rps.requests_per_s, "requests/s", a, sizeof a);
	fmt_rate_number(c->a.slo_rps.target_per_s, b, sizeof b);
	return snprintf(buf, n, "sustains %s with static batches of %d, target %s; "
	    "fix: more DP replicas or a larger batch", a, c->a.slo_rps.batch, b);
}

static int
fmt_stage_imbalance(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	char a[32], b[32];
	(void)s; (void)r;
	return snprintf(buf, n, "stage %d's decode step takes %s, stage %d's %s: the pipeline runs "
	    "at the slowest; fix: move layers off stage %d (--stage-layers)",
	    c->a.stage_imbalance.slow, fmt_seconds(c->a.stage_imbalance.slow_s, a, sizeof a),
	    c->a.stage_imbalance.fast, fmt_seconds(c->a.stage_imbalance.fast_s, b, sizeof b),
	    c->a.stage_imbalance.slow);
}

/* DeepEP's low-latency buffers are sized for num_max_dispatch_tokens_per_rank
 * tokens per rank; its README: "should be less than 256" (the buffer grows
 * with it), SGLang's SGLANG_DEEPEP_NUM_MAX_DISPATCH_TOKENS_PER_RANK defaults
 * to 128 and the 96-H100 recipe runs 256 (sgl-project/sglang issue #6017).
 * Tokens per EP rank per decode step. */
#define DEEPEP_LL_MAX_TOKENS 256
#define CHECK_STR_(x) #x
#define CHECK_STR(x) CHECK_STR_(x)  /* a constant's digits in a check's description */

static int
fmt_ep_ll_tokens(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "DeepEP low-latency decode dispatches %d tokens per rank per step, above the "
	    "%d its buffers are sized for (num_max_dispatch_tokens_per_rank); fix: a batch of at most %d per "
	    "rank, or ep_mode normal", c->a.ep_ll_tokens.tokens, c->a.ep_ll_tokens.max_tokens,
	    c->a.ep_ll_tokens.max_tokens);
}

static int
fmt_pp_bubble(const Scenario *s, const Result *r, const Check *c, char *buf, Len n)
{
	(void)s; (void)r;
	return snprintf(buf, n, "%d micro-batches over PP %d leave a %.0f%% pipeline bubble; fix: "
	    "micro-batches >= PP", c->a.pp_bubble.micro_batches, c->a.pp_bubble.pp,
	    c->a.pp_bubble.bubble * 100);
}

/* ---- fixes as data (check_fix re-evaluates each before it is offered) --- */

static bool
fix_num(CheckFix *f, ParamId key, double v)
{
	if (f->n >= CHECK_FIX_KEYS)
		return false;
	f->set[f->n++] = (CheckFixKey){ (int)key, v, NULL };
	return true;
}

static bool
fix_str(CheckFix *f, ParamId key, const char *text)
{
	if (f->n >= CHECK_FIX_KEYS)
		return false;
	f->set[f->n++] = (CheckFixKey){ (int)key, 0, text };
	return true;
}

/* layout.gpus_idle: the DP that uses every GPU. */
static bool
fix_gpus_idle(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	int per = c->a.gpus_idle.replica_gpus, have = c->a.gpus_idle.have;
	(void)s; (void)r;
	return per > 0 && have % per == 0 && fix_num(f, PARAM_DP, have / per);
}

/* layout.gpu_count: DP over the GPUs when TP x PP fits; else the largest
 * valid TP that keeps the stages (PP 2 on TP 8 of 8 GPUs: TP 4); else
 * fewer stages. */
static bool
fix_gpu_count(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	int tp = c->a.gpu_count.tp, pp = c->a.gpu_count.pp, have = c->a.gpu_count.have;
	(void)r;
	if ((long)tp * pp <= have)
		return fix_num(f, PARAM_DP, have / (tp * pp));
	for (int t = tp - 1; t >= 1 && pp <= have; t--)
		if ((long)t * pp <= have && layout_tp_ok(&s->model, t) && layout_tp_in_domain(&s->cluster, t))
			return fix_num(f, PARAM_TP, t);
	if (tp <= have)
		return fix_num(f, PARAM_PP, layout_pp_follow(&s->model, &s->cluster, tp, pp));
	return false;
}

/* heads_tp, kv_heads_tp, width_tp: the nearest valid TP, below first. */
static bool
fix_tp_valid(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	int cur = s->strategy.tp, gpus = cluster_gpus(&s->cluster);
	(void)r; (void)c;
	for (int t = cur - 1; t >= 1; t--)
		if (layout_tp_ok(&s->model, t) && layout_tp_in_domain(&s->cluster, t))
			return fix_num(f, PARAM_TP, t);
	for (int t = cur + 1; t <= gpus && layout_tp_in_domain(&s->cluster, t); t++)
		if (layout_tp_ok(&s->model, t))
			return fix_num(f, PARAM_TP, t);
	return false;
}

/* layout.layers_pp: one layer per stage at most. */
static bool
fix_layers_pp(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	int pp = c->a.layers_pp.layers < MAX_STAGES ? c->a.layers_pp.layers : MAX_STAGES;
	(void)s; (void)r;
	return pp >= 1 && fix_num(f, PARAM_PP, pp);
}

/* layout.experts_ep: the largest EP below that divides the experts. */
static bool
fix_experts_ep(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	(void)r;
	for (int ep = c->a.experts_ep.ep - 1; ep >= 1; ep--)
		if (layout_ep_slots_ok(&s->model, ep, s->strategy.ep_redundant) &&
		    layout_ep_group_ok(&s->model, s->strategy.tp, s->strategy.dp, ep, eval_etp(&s->strategy)))
			return fix_num(f, PARAM_EP, ep);
	return false;
}

/* memory.fit: the fewest GPUs per replica of this cluster (TP within a
 * node first, then PP) that fit, else int4 weights. */
static bool
fix_memory_fit(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	Scenario t;
	Result rt;
	int gpus = cluster_gpus(&s->cluster), cur = s->strategy.tp * s->strategy.pp;
	(void)r; (void)c;
	for (int n = 2; n <= gpus; n *= 2) {
		int tp = 0;
		if (n <= cur)
			continue;
		for (int x = 1; x <= n && layout_tp_in_domain(&s->cluster, x); x *= 2)
			if (n % x == 0 && layout_tp_ok(&s->model, x))
				tp = x;
		if (tp == 0 || !layout_pp_ok(&s->model, n / tp))
			continue;
		CheckFix g = { 0 };
		fix_num(&g, PARAM_TP, tp);
		fix_num(&g, PARAM_PP, n / tp);
		if (check_fix_apply(s, &g, &t) == 0 && fits(&t, &rt)) {
			*f = g;
			return true;
		}
	}
	if (!dtype_is_quantized(s->strategy.weight_dtype)) {
		CheckFix g = { 0 };
		fix_str(&g, PARAM_DTYPE, dtype_name(DTYPE_INT4));
		if (check_fix_apply(s, &g, &t) == 0 && fits(&t, &rt)) {
			*f = g;
			return true;
		}
	}
	/* more GPUs of this type: the smallest replica that fits, as the
	 * message's "fix: >= N GPUs per replica" */
	int tp = 0, pp = 0, n = gpus_to_fit(s, &tp, &pp);
	if (n <= gpus)
		return false;
	fix_str(f, PARAM_GPU, s->cluster.gpu.name);
	fix_num(f, PARAM_GPUS, n);
	fix_num(f, PARAM_TP, tp);
	return fix_num(f, PARAM_PP, pp);
}

/* memory.kv_room: the batch the pool holds. */
static bool
fix_kv_room(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	(void)s; (void)r;
	return c->a.kv_room.seqs >= 1 && fix_num(f, PARAM_BATCH, (int)c->a.kv_room.seqs);
}

/* memory.kv_max_len: a max_model_len the pool holds, above the workload's. */
static bool
fix_kv_max_len(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	int len = (int)c->a.kv_max_len.pool_tokens, need = s->workload.input_len + s->workload.output_len;
	(void)r;
	return len >= need && fix_num(f, PARAM_MAX_MODEL_LEN, len);
}

/* workload.max_num_seqs: the runtime's limit. */
static bool
fix_batch_seqs(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	(void)s; (void)r;
	return c->a.batch_seqs.max_num_seqs >= 1 && fix_num(f, PARAM_BATCH, c->a.batch_seqs.max_num_seqs);
}

/* dtype.support: fp16, the 16-bit type every CUDA GPU since Volta has
 * tensor cores for (vLLM asks for --dtype half on sm < 80); a bf16 KV cache
 * with it. */
static bool
fix_dtype_support(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	(void)r;
	if (c->a.dtype_support.dtype != DTYPE_BF16 || s->cluster.gpu.peak_flops[DTYPE_FP16] <= 0)
		return false;
	if (!fix_str(f, PARAM_DTYPE, dtype_name(DTYPE_FP16)))
		return false;
	return s->strategy.kv_dtype != DTYPE_BF16 || fix_str(f, PARAM_KV_DTYPE, dtype_name(DTYPE_FP16));
}

/* slo.tpot: the largest batch, halving, whose TPOT meets the SLO. */
static bool
fix_slo_tpot(const Scenario *s, const Result *r, const Check *c, CheckFix *f)
{
	Scenario t = *s;
	Result rt;
	(void)r;
	for (int b = c->a.slo_tpot.batch / 2; b >= 1; b /= 2) {
		t.workload.batch = b;
		if (eval_run(&t, &rt) == EVAL_OK && rt.latency.tpot_s <= c->a.slo_tpot.slo_s)
			return fix_num(f, PARAM_BATCH, b);
	}
	return false;
}

int
check_fix_apply(const Scenario *s, const CheckFix *f, Scenario *out)
{
	char why[128];
	bool dp_given = false;

	*out = *s;
	for (int i = 0; i < f->n; i++) {
		dp_given |= f->set[i].key == PARAM_DP;
		if (f->set[i].key == PARAM_GPUS) {
			/* N GPUs of the cluster's type, as setup_cluster builds them:
			 * one node up to the GPU's node size, else whole nodes */
			Cluster *cl = &out->cluster;
			int n = (int)f->set[i].value, gpn = cl->gpu.gpus_per_node > 0 ?
			    cl->gpu.gpus_per_node : cl->gpus_per_node;
			if (n < 1 || (n > gpn && n % gpn != 0))
				return -1;
			cl->nodes = n <= gpn ? 1 : n / gpn;
			cl->gpus_per_node = n <= gpn ? n : gpn;
		}
	}
	for (int i = 0; i < f->n; i++) {
		int key = f->set[i].key;
		double v = f->set[i].value;
		Strategy *st = &out->strategy;
		Dtype d;
		if (key == PARAM_TP) {
			*st = layout_with_tp(&out->model, &out->cluster, st, (int)v);
		} else if (key == PARAM_PP) {
			if (st->pp != (int)v)
				memset(st->stage_layers, 0, sizeof st->stage_layers);
			st->pp = (int)v;
			if (!dp_given && st->tp * st->pp <= cluster_gpus(&out->cluster))
				st->dp = cluster_gpus(&out->cluster) / (st->tp * st->pp);
		} else if (key == PARAM_DTYPE || key == PARAM_KV_DTYPE) {
			if (!f->set[i].text || dtype_parse(f->set[i].text, &d) != 0)
				return -1;
			if (key == PARAM_KV_DTYPE) {
				st->kv_dtype = d;
			} else {
				st->weight_dtype = d;
				if (d == DTYPE_FP32 || d == DTYPE_FP16 || d == DTYPE_BF16)
					st->act_dtype = d;
			}
		} else if (key == PARAM_GPU || key == PARAM_GPUS) {
			continue;       /* the cluster, above */
		} else if (key < PARAM_COUNT) {
			if (param_set(out, (ParamId)key, v, why, sizeof why) != 0)
				return -1;
		} else {
			return -1;
		}
	}
	return 0;
}

bool
check_fix(const Scenario *s, const Result *r, const Check *c, CheckFix *out, Scenario *work,
    Result *scratch)
{
	const CheckDef *d = check_def(c->id);

	memset(out, 0, sizeof *out);
	if (!d || !d->fix || !d->fix(s, r, c, out) || out->n == 0)
		return false;
	if (check_fix_apply(s, out, work) != 0 || eval_run(work, scratch) != EVAL_OK)
		return false;
	for (int i = 0; i < scratch->n_checks; i++)
		if (scratch->checks[i].id == c->id)
			return false;
	return true;
}

char *
check_fix_text(const CheckFix *f, char *buf, unsigned long n)
{
	int o = 0;

	buf[0] = '\0';
	for (int i = 0; i < f->n && (unsigned long)o < n; i++) {
		const ParamDef *d = param_def((ParamId)f->set[i].key);
		if (f->set[i].text)
			o += snprintf(buf + o, n - o, "%s%s %s", i ? ", " : "", d->name, f->set[i].text);
		else
			o += snprintf(buf + o, n - o, "%s%s %g", i ? ", " : "", d->name, f->set[i].value);
	}
	return buf;
}

/* ---- the table ---------------------------------------------------------- */

static const CheckDef check_table[CHECK_COUNT] = {
	[CHECK_GPU_COUNT] = { "layout.gpu_count", SEV_ERROR, true,
		"TP x PP x DP exceeds the cluster's GPUs: the layout cannot run", fmt_gpu_count, "--tp/--pp/--dp", fix_gpu_count },
	[CHECK_GPUS_IDLE] = { "layout.gpus_idle", SEV_INFO, false,
		"GPUs left unused, with the DP that would use them", fmt_gpus_idle, NULL, fix_gpus_idle },
	[CHECK_HEADS_TP] = { "layout.heads_tp", SEV_ERROR, true,
		"TP must divide the attention heads", fmt_heads_tp, "--tp", fix_tp_valid },
	[CHECK_KV_HEADS_TP] = { "layout.kv_heads_tp", SEV_ERROR, true,
		"TP must divide the KV heads or be a multiple of them", fmt_kv_heads_tp, "--tp", fix_tp_valid },
	[CHECK_KV_HEADS_REPLICATED] = { "layout.kv_heads_replicated", SEV_INFO, false,
		"TP above the KV heads: each KV head is replicated", fmt_kv_heads_replicated, NULL, NULL },
	[CHECK_LAYERS_PP] = { "layout.layers_pp", SEV_ERROR, true,
		"PP above the layer count", fmt_layers_pp, "--pp", fix_layers_pp },
	[CHECK_LAYERS_UNEVEN] = { "layout.layers_uneven", SEV_INFO, false,
		"PP does not divide the layers: stages differ by one layer", fmt_layers_uneven, NULL, NULL },
	[CHECK_STAGE_LAYERS] = { "layout.stage_layers", SEV_ERROR, true,
		"a custom per-stage layer split with an empty stage or the wrong sum", fmt_stage_layers, "--stage-layers", NULL },
	[CHECK_EXPERTS_EP] = { "layout.experts_ep", SEV_ERROR, true,
		"EP must divide the experts (EP 1 on a dense model)", fmt_experts_ep, "--ep", fix_experts_ep },
	[CHECK_EP_GROUP] = { "layout.ep_group", SEV_ERROR, true,
		"EP x expert-TP must divide TP x DP, and expert-TP the expert width", fmt_ep_group, "--ep", NULL },
	[CHECK_WIDTH_TP] = { "layout.width_tp", SEV_ERROR, true,
		"TP must divide the dense MLP width (intermediate_size)", fmt_width_tp, "--tp", fix_tp_valid },
	[CHECK_TP_SPANS_NODES] = { "layout.tp_spans_nodes", SEV_WARN, false,
		"a TP group leaves its NVLink domain (a node, or an NVL72 rack) for the inter fabric",
		fmt_tp_spans_nodes, NULL, NULL },
	[CHECK_TP_ALIGN] = { "layout.tp_node_alignment", SEV_WARN, false,
		"TP does not divide the GPUs of an NVLink domain: some TP groups straddle domains",
		fmt_tp_align, NULL, NULL },
	[CHECK_MEMORY_FIT] = { "memory.fit", SEV_ERROR, false,
		"a stage's weights, activations and reserve exceed what the runtime allows, with the "
		"shortfall and a re-evaluated GPU count or dtype that fits", fmt_memory_fit, NULL, fix_memory_fit },
	[CHECK_KV_ROOM] = { "memory.kv_room", SEV_ERROR, false,
		"the KV pool cannot hold the batch", fmt_kv_room, NULL, fix_kv_room },
	[CHECK_KV_MAX_LEN] = { "memory.kv_max_len", SEV_ERROR, false,
		"the KV pool cannot hold one max_model_len sequence (vLLM refuses to start)", fmt_kv_max_len, NULL, fix_kv_max_len },
	[CHECK_STATIC_HEADROOM] = { "memory.static_headroom", SEV_WARN, false,
		"SGLang: activations and CUDA graphs exceed the memory left outside mem_fraction_static",
		fmt_static_headroom, NULL, NULL },
	[CHECK_CONTEXT_LEN] = { "workload.context_len", SEV_ERROR, false,
		"the context exceeds max_position_embeddings", fmt_context_len, NULL, NULL },
	[CHECK_BATCHED_TOKENS] = { "workload.batched_tokens", SEV_INFO, false,
		"the input exceeds max_num_batched_tokens: chunked prefill", fmt_batched_tokens, NULL, NULL },
	[CHECK_BATCH_SEQS] = { "workload.max_num_seqs", SEV_WARN, false,
		"the batch exceeds the runtime's max_num_seqs", fmt_batch_seqs, NULL, fix_batch_seqs },
	[CHECK_DTYPE_SUPPORT] = { "dtype.support", SEV_ERROR, false,
		"a compute dtype the GPU lacks (bf16 before Ampere)", fmt_dtype_support, NULL, fix_dtype_support },
	[CHECK_FP8_WEIGHT_ONLY] = { "dtype.fp8_weight_only", SEV_WARN, false,
		"fp8 (or w4a8) weights before Ada/Hopper, fp4 weights before Blackwell, run weight-only at "
		"16-bit compute", fmt_fp8_weight_only, NULL, NULL },
	[CHECK_SLO_TTFT] = { "slo.ttft", SEV_ERROR, false,
		"TTFT above its SLO even on an idle deployment", fmt_slo_ttft, NULL, NULL },
	[CHECK_SLO_TPOT] = { "slo.tpot", SEV_ERROR, false,
		"TPOT at the full batch above its SLO", fmt_slo_tpot, NULL, fix_slo_tpot },
	[CHECK_SLO_RPS] = { "slo.rps", SEV_ERROR, false,
		"the sustained request rate below the target", fmt_slo_rps, NULL, NULL },
	[CHECK_STAGE_IMBALANCE] = { "pipeline.imbalance", SEV_WARN, false,
		"a stage's decode step 15% slower than another's", fmt_stage_imbalance, NULL, NULL },
	[CHECK_PP_BUBBLE] = { "pipeline.bubble", SEV_INFO, false,
		"fewer micro-batches than stages: a pipeline bubble", fmt_pp_bubble, NULL, NULL },
	[CHECK_EP_LL_TOKENS] = { "ep.low_latency_tokens", SEV_WARN, false,
		"DeepEP low-latency decode above " CHECK_STR(DEEPEP_LL_MAX_TOKENS) " tokens per rank", fmt_ep_ll_tokens, NULL, NULL },
};

const CheckDef *
check_def(CheckId id)
{
	return (unsigned)id < CHECK_COUNT ? &check_table[id] : NULL;
}

CheckId
check_find_id(const char *name)
{
	for (int i = 0; i < CHECK_COUNT; i++)
		if (strcmp(check_table[i].id, name) == 0)
			return (CheckId)i;
	return CHECK_COUNT;
}

const char *
check_id_name(CheckId id)
{
	return (unsigned)id < CHECK_COUNT ? check_table[id].id : "?";
}

bool
check_structural(CheckId id)
{
	return (unsigned)id < CHECK_COUNT && check_table[id].structural;
}

const char *
severity_name(Severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARN ? "warn" : "info";
}

int
check_format(const Scenario *s, const Result *r, const Check *c, char *buf, unsigned long n)
{
	if ((unsigned)c->id >= CHECK_COUNT)
		return snprintf(buf, n, "?");
	return check_table[c->id].format(s, r, c, buf, n);
}

/* ---- running the checks ------------------------------------------------- */

void
checks_add(Result *r, CheckId id, int stage, CheckArgs a)
{
	if (r->n_checks >= MAX_CHECKS)
		return;
	r->checks[r->n_checks++] = (Check){ .id = id, .severity = check_table[id].severity,
		.stage = stage, .a = a };
}

void
checks_layout(const Scenario *s, Result *r)
{
	const Strategy *st = &s->strategy;
	Check c[16];
	int n = layout_rules(&s->model, &s->cluster, st, r->etp, c, 16);

	for (int i = 0; i < n && r->n_checks < MAX_CHECKS; i++) {
		/* disaggregated: the GPU count is the decode pool's share
		 * (r->gpus_available, core/disagg.h), not the whole cluster's */
		if (disagg_on(s) && (c[i].id == CHECK_GPU_COUNT || c[i].id == CHECK_GPUS_IDLE))
			continue;
		r->checks[r->n_checks++] = c[i];
	}
	if (disagg_on(s)) {
		int need = st->tp * st->pp * st->dp, have = r->gpus_available;
		if (need > have)
			checks_add(r, CHECK_GPU_COUNT, -1, (CheckArgs){ .gpu_count = { need, have, st->tp, st->pp,
			    st->dp } });
		else if (need < have)
			checks_add(r, CHECK_GPUS_IDLE, -1, (CheckArgs){ .gpus_idle = { need, have,
			    st->tp * st->pp } });
	}

	/* compute dtype support by generation; AMD CDNA3 has bf16 and fp8 */
	const Gpu *g = &s->cluster.gpu;
	if (g->peak_flops[st->act_dtype] <= 0 ||
	    (st->act_dtype == DTYPE_BF16 && g->compute_capability && g->compute_capability < CC_BF16))
		checks_add(r, CHECK_DTYPE_SUPPORT, -1, (CheckArgs){ .dtype_support = { st->act_dtype } });
	/* weights whose GEMM dtype the GPU lacks (fp8 before Ada, fp4 before
	 * Blackwell) are dequantised: the routed experts' dtype too */
	Dtype wds[2] = { st->weight_dtype, strategy_expert_dtype(st) };
	for (int i = 0; i < (model_is_moe(&s->model) && wds[1] != wds[0] ? 2 : 1); i++) {
		int gd = dtype_gemm(wds[i]);
		if (gd < 0 || gd == DTYPE_FP32)
			continue;
		if (g->peak_flops[gd] <= 0 || (gd == DTYPE_FP8 && g->compute_capability &&
		    g->compute_capability < CC_FP8))
			checks_add(r, CHECK_FP8_WEIGHT_ONLY, -1,
			    (CheckArgs){ .fp8_weight_only = { (Dtype)gd, wds[i] } });
	}
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
		double room = rt->mode == MEM_MODE_FREE ? s->cluster.gpu.memory_bytes : sr->budget_bytes;
		double need = rt->mode == MEM_MODE_STATIC ? sr->weights_bytes : fixed;
		if (need >= room || sr->kv_pool_bytes <= 0) {
			checks_add(r, CHECK_MEMORY_FIT, i, (CheckArgs){ .memory_fit = { need, room,
			    sr->weights_bytes, sr->activation_bytes + sr->reserved_bytes } });
			continue;
		}
		if (rt->mode == MEM_MODE_STATIC) {
			/* activations and CUDA graphs must fit beside the static pool */
			double rest = sr->budget_bytes / rt->mem_fraction * (1 - rt->mem_fraction);
			double need_rest = sr->activation_bytes + rt->cuda_graph_bytes;
			if (need_rest > rest)
				checks_add(r, CHECK_STATIC_HEADROOM, i,
				    (CheckArgs){ .static_headroom = { need_rest, rest } });
		}
	}
	const MemorySummary *ms = &r->memory;
	bool fit = true;
	for (int i = 0; i < r->n_checks; i++)
		fit &= r->checks[i].id != CHECK_MEMORY_FIT;
	if (fit) {
		const StageResult *f = &r->stages[ms->stage];
		if (ms->max_kv_tokens < c->max_model_len)
			checks_add(r, CHECK_KV_MAX_LEN, -1,
			    (CheckArgs){ .kv_max_len = { c->max_model_len, ms->max_kv_tokens } });
		else if (ms->max_concurrent_seqs < w->batch)
			checks_add(r, CHECK_KV_ROOM, ms->stage, (CheckArgs){ .kv_room = { f->kv_cache_bytes,
			    f->kv_pool_bytes, ms->max_concurrent_seqs, w->batch } });
	}

	if (s->model.max_position > 0 && c->max_model_len > s->model.max_position)
		checks_add(r, CHECK_CONTEXT_LEN, -1,
		    (CheckArgs){ .context_len = { c->max_model_len, s->model.max_position } });
	if (w->input_len > c->max_batched_tokens)
		checks_add(r, CHECK_BATCHED_TOKENS, -1,
		    (CheckArgs){ .batched_tokens = { w->input_len, c->max_batched_tokens } });
	if (rt->max_num_seqs > 0 && w->batch > rt->max_num_seqs)
		checks_add(r, CHECK_BATCH_SEQS, -1, (CheckArgs){ .batch_seqs = { w->batch, rt->max_num_seqs } });

	const Slo *slo = &w->slo;
	const Latency *l = &r->latency;
	if (slo->ttft_p99_s > 0 && l->ttft_s > slo->ttft_p99_s)
		checks_add(r, CHECK_SLO_TTFT, -1, (CheckArgs){ .slo_ttft = { l->ttft_s, slo->ttft_p99_s, 99 } });
	else if (slo->ttft_p50_s > 0 && l->ttft_s > slo->ttft_p50_s)
		checks_add(r, CHECK_SLO_TTFT, -1, (CheckArgs){ .slo_ttft = { l->ttft_s, slo->ttft_p50_s, 50 } });
	if (slo->tpot_p99_s > 0 && l->tpot_s > slo->tpot_p99_s)
		checks_add(r, CHECK_SLO_TPOT, -1,
		    (CheckArgs){ .slo_tpot = { l->tpot_s, slo->tpot_p99_s, 99, w->batch } });
	else if (slo->tpot_p50_s > 0 && l->tpot_s > slo->tpot_p50_s)
		checks_add(r, CHECK_SLO_TPOT, -1,
		    (CheckArgs){ .slo_tpot = { l->tpot_s, slo->tpot_p50_s, 50, w->batch } });
	if (slo->rps > 0 && r->throughput.requests_per_s < slo->rps)
		checks_add(r, CHECK_SLO_RPS, -1,
		    (CheckArgs){ .slo_rps = { r->throughput.requests_per_s, slo->rps, w->batch } });

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
			checks_add(r, CHECK_STAGE_IMBALANCE, slow,
			    (CheckArgs){ .stage_imbalance = { ts, tf, slow, fast } });
		if (c->micro < c->pp)
			checks_add(r, CHECK_PP_BUBBLE, -1, (CheckArgs){ .pp_bubble = { c->micro, c->pp,
			    (double)(c->pp - 1) / (c->micro + c->pp - 1) } });
	}
	/* tokens each EP rank dispatches per decode step: the group's tokens
	 * (the micro-batch of every replica sharing it) over EP */
	if (r->latency.ep.decode_mode == EP_MODE_LOW_LATENCY && c->ep > 1) {
		double mb;
		eval_micro_split(w->batch, c->micro, &mb);
		double replicas = (double)c->ep * c->etp / c->tp;
		int tokens = (int)ceil(mb * (replicas > 1 ? replicas : 1) / c->ep);
		if (tokens > DEEPEP_LL_MAX_TOKENS)
			checks_add(r, CHECK_EP_LL_TOKENS, -1,
			    (CheckArgs){ .ep_ll_tokens = { tokens, DEEPEP_LL_MAX_TOKENS } });
	}
}
