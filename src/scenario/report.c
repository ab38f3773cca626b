/* report.c: text and Markdown reports; see report.h. */
#include "scenario/report.h"

#include "core/disagg.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/explain.h"
#include "core/fields.h"
#include "core/units.h"
#include "scenario/bar.h"
#include "scenario/report-search.h"
#include "util/xmalloc.h"

#define BAR_WIDTH 48

/* Component glyphs in bars (monochrome-safe): weights, KV, activations,
 * reserve. */
static const char bar_glyphs[] = "WKAR";

void
bar_text(char *buf, int width, const double *parts, int n_parts, const char *glyphs,
    double capacity, double budget)
{
	signed char cells[256];

	if (width > (int)sizeof cells)
		width = (int)sizeof cells;
	bar_cells(parts, n_parts, capacity, budget, width, cells, NULL);
	for (int x = 0; x < width; x++)
		buf[x] = cells[x] == BAR_FREE ? '.' : cells[x] == BAR_OVER ? '!' :
		    cells[x] == BAR_BUDGET ? '|' : glyphs[cells[x]];
	buf[width] = '\0';
}

bool
report_feasible(const Result *r, const ExtraCheck *extra, int n_extra)
{
	if (r->status != EVAL_OK || !r->feasible)
		return false;
	for (int i = 0; i < n_extra; i++)
		if (extra[i].severity == SEV_ERROR)
			return false;
	return true;
}

int
report_serving(const Scenario *s, const Result *r, ServingReport *out)
{
	Scenario *work;
	Result *scratch;
	ServingTail *tail;
	ServingOptions o;
	int rc;

	if (r->status != EVAL_OK)
		return -1;
	work = xmalloc(sizeof *work);
	scratch = xmalloc(sizeof *scratch);
	tail = xcalloc(1, sizeof *tail);
	serving_options_init(&o);
	rc = serving_evaluate(s, &o, work, scratch, tail, out);
	free(tail);
	free(scratch);
	free(work);
	return rc;
}

bool
report_serving_meets(const Scenario *s, const ServingReport *sv)
{
	ServingField f[SERVING_MAX_FIELDS];
	bool meets = true;

	if (sv)
		serving_fields(s, sv, f, SERVING_MAX_FIELDS, &meets);
	return meets;
}

/* The SLOs in one line: "TTFT p50 500.0 ms p99 1.00 s, TPOT p50 50.0 ms
 * p99 100.0 ms, rate 8.00 req/s" ("-" for one not set). */
static void
slo_text(const Scenario *s, char *buf, size_t n)
{
	const Slo *o = &s->workload.slo;
	char a[32], b[32], c[32], d[32], e[32];
	if (o->rps > 0)
		snprintf(e, sizeof e, "rate %s", fmt_rate(o->rps, "req/s", a, sizeof a));
	else
		snprintf(e, sizeof e, "no target rate");
	snprintf(buf, n, "TTFT p50 %s p99 %s, TPOT p50 %s p99 %s, %s",
	    o->ttft_p50_s > 0 ? fmt_seconds(o->ttft_p50_s, a, sizeof a) : "-",
	    o->ttft_p99_s > 0 ? fmt_seconds(o->ttft_p99_s, b, sizeof b) : "-",
	    o->tpot_p50_s > 0 ? fmt_seconds(o->tpot_p50_s, c, sizeof c) : "-",
	    o->tpot_p99_s > 0 ? fmt_seconds(o->tpot_p99_s, d, sizeof d) : "-", e);
}

/* A serving figure (its value from serving_fields) with its band, by the
 * field table's row "serving.KEY". */
static char *
serving_figure(const char *key, const Scenario *s, double v, char *buf, size_t n)
{
	char path[64];
	FieldValue val = { .kind = FIELD_NUM, .num = v };

	snprintf(path, sizeof path, "serving.%s", key);
	const ResultField *row = field_find(path);
	if (!row)
		return fmt_seconds(v, buf, n);
	return field_format_banded(row, s, &val, buf, n);
}

/* The serving section: eval's table (REPORT_TEXT, lines indented under
 * "serving") and the Markdown report (a list under its heading) from one
 * formatter. */
/* Speculative decoding's and prefix caching's lines, when they are on
 * (the field table's latency.spec.* and latency.prefix.* rows). */
static void
print_spec_prefix(FILE *f, const Scenario *s, const Result *r)
{
	const SpecResult *x = &r->spec;
	const PrefixResult *p = &r->prefix;
	char a[32], b[32], c[32], d[32], e[32], g[32];

	if (p->cached_tokens > 0)
		fprintf(f, "prefix    %s of %s prompt tokens cached (prefix %s, hit %.0f%%): TTFT %s against "
		    "%s uncached (%.2fx); the prefix's KV %s per GPU held once\n",
		    fmt_int(p->cached_tokens, a, sizeof a), fmt_int(s->workload.input_len, b, sizeof b),
		    fmt_int(p->prefix_tokens, c, sizeof c), 100 * s->workload.prefix_hit,
		    fmt_seconds(r->latency.ttft_s, d, sizeof d), fmt_seconds(p->ttft_uncached_s, e, sizeof e),
		    p->ttft_speedup, fmt_bytes(p->shared_kv_bytes, g, sizeof g));
	if (!x->on)
		return;
	fprintf(f, "speculative %s, k %d, acceptance %.2f: %.2f tokens per step; step %s (draft %s + verify "
	    "%s of %s tokens)\n", spec_method_name(x->method), x->tokens, x->accept, x->accepted_tokens,
	    fmt_seconds(x->step_s, a, sizeof a), fmt_seconds(x->draft_s, b, sizeof b),
	    fmt_seconds(x->verify_s, c, sizeof c), fmt_int(x->verify_tokens, d, sizeof d));
	fprintf(f, "          TPOT %s against %s without: %.2fx at batch %d; ", fmt_seconds(x->tpot_s, a, sizeof a),
	    fmt_seconds(x->tpot_plain_s, b, sizeof b), x->speedup, s->workload.batch);
	int breakeven = eval_spec_breakeven(s, r);
	if (breakeven > 0)
		fprintf(f, "stops paying at batch %d", breakeven);
	else
		fprintf(f, "pays at every batch the KV pool holds (to %d)", x->batch_limit);
	fprintf(f, " (verify compute-bound from batch %.0f); drafter %s per GPU\n", x->ridge_batch,
	    fmt_bytes(x->draft_weights_bytes, a, sizeof a));
}

/* Disaggregated prefill/decode (core/disagg.h): the pools, the KV
 * transfer, which pool limits the rate and the per-GPU figure. */
static void
print_disagg(FILE *f, const char *in, const Scenario *s, const ServingReport *sv)
{
	const DisaggReport *d = &sv->disagg;
	const Disagg *g = &s->disagg;
	const char *pgpu = g->prefill_gpu_set ? g->prefill_gpu.name : s->cluster.gpu.name;
	char a[48], b[48], c[48], e[48], h[48];

	fprintf(f, "%sdisaggregated %dP%dD: prefill %d x TP %d x PP %d on %s (%d GPUs), decode %d x TP %d x "
	    "PP %d on %s (%d GPUs); %d GPUs\n", in, d->prefill_dp, d->decode_dp, d->prefill_dp,
	    g->prefill_tp, g->prefill_pp, pgpu, d->prefill_gpus, d->decode_dp, s->strategy.tp,
	    s->strategy.pp, s->cluster.gpu.name, d->decode_gpus, d->gpus);
	if (!d->prefill.feasible)
		fprintf(f, "%sprefill pool fails %s (shardlab eval --tp %d --pp %d --dp %d%s%s shows why)\n", in,
		    d->prefill.error < CHECK_COUNT ? check_id_name(d->prefill.error) : "its layout",
		    g->prefill_tp, g->prefill_pp, g->prefill_dp, g->prefill_gpu_set ? " --gpu " : "",
		    g->prefill_gpu_set ? pgpu : "");
	fprintf(f, "%sprefill %s idle, %s per request in steps of %d; capacity: prefill pool %s, decode pool "
	    "%s: the %s limits the rate\n", in, fmt_seconds(d->prefill.ttft_s, a, sizeof a),
	    fmt_seconds(d->prefill.service_s, b, sizeof b), d->prefill.batch,
	    fmt_rate(d->prefill_capacity_rps, "req/s", c, sizeof c),
	    fmt_rate(d->decode_capacity_rps, "req/s", e, sizeof e), disagg_limit_name(d->limit));
	fprintf(f, "%sKV transfer (%s) %s per link x %d link%s (%s per request) over %s at %s/s + %s: %s",
	    in, kv_xfer_mode_name(d->kv.mode), fmt_bytes(d->kv.link_bytes, a, sizeof a), d->kv.links,
	    d->kv.links == 1 ? "" : "s", fmt_bytes(d->kv.bytes, b, sizeof b), g->kv_fabric.name,
	    fmt_bytes(d->kv.bytes_per_s, c, sizeof c), fmt_seconds(d->kv.latency_s, e, sizeof e),
	    fmt_seconds(d->kv.wire_s + d->kv.latency_s, h, sizeof h));
	if (d->kv.mode == KV_XFER_LAYER)
		fprintf(f, ", %s exposed after the prefill", fmt_seconds(d->kv.exposed_s, a, sizeof a));
	fprintf(f, "\n");
	if (d->at.stable)
		fprintf(f, "%sat %s: prefill load %.0f%%, decode load %.0f%% (%.1f running per instance); %s "
		    "per GPU over both pools\n", in, fmt_rate(d->at.rate_rps, "req/s", a, sizeof a),
		    100 * d->at.prefill_load, 100 * d->at.decode_load, d->at.decode_batch,
		    fmt_rate(d->tokens_per_s_per_gpu, "tok/s", b, sizeof b));
}

/* Attention DP with expert parallelism's line, for MoE with EP > 1 (the
 * field table's latency.ep.* rows). */
static void
print_ep(FILE *f, const Scenario *s, const Result *r)
{
	const EpResult *e = &r->latency.ep;
	const Strategy *st = &s->strategy;
	char a[32], b[32], c[32];

	if (!model_is_moe(&s->model) || st->ep <= 1 || e->nodes <= 0)
		return;
	double all = e->decode.nvlink_bytes + e->decode.rdma_bytes;
	fprintf(f, "experts   EP %d over %d node%s (attention DP %d x TP %d): %d experts per GPU "
	    "(%d + %d redundant); dispatch %s per token\n", st->ep, e->nodes, e->nodes == 1 ? "" : "s",
	    st->dp, st->tp, e->experts_per_gpu, s->model.n_experts, st->ep_redundant,
	    fmt_bytes(e->dispatch_bytes_per_token, a, sizeof a));
	fprintf(f, "          all-to-all prefill %s, decode %s: %s per decode MoE layer (%.0f%% NVLink) in %s; "
	    "most-loaded rank %.2fx the mean (EPLB %.2f)\n", ep_mode_name(e->prefill_mode),
	    ep_mode_name(e->decode_mode), fmt_bytes(all, b, sizeof b),
	    all > 0 ? 100 * e->decode.nvlink_bytes / all : 0, fmt_seconds(e->decode.a2a_s, c, sizeof c),
	    r->latency.moe_load_factor, e->eplb_factor);
}

static void
print_serving(FILE *f, ReportFormat fmt, const Scenario *s, const ServingReport *sv)
{
	const Slo *slo = &s->workload.slo;
	const ServingPoint *p = sv->has_target ? &sv->at_target : &sv->at_max;
	int dp = s->strategy.dp > 0 ? s->strategy.dp : 1;
	char a[48], b[48], c[48], d[48];
	bool meets = report_serving_meets(s, sv);
	const char *in = fmt == REPORT_MARKDOWN ? "- " : "          ";

	if (fmt == REPORT_MARKDOWN)
		fprintf(f, "## Serving at the target rate\n\n%s.\n\n", sv->disagg.on ? disagg_model_text :
		    serving_model_text);
	else
		fprintf(f, "\nserving   %s\n", sv->disagg.on ? disagg_model_text : serving_model_text);
	if (sv->disagg.on)
		print_disagg(f, in, s, sv);
	fprintf(f, "%shighest rate within the SLOs %s (%s binds); capacity %s (%s)\n", in,
	    fmt_rate(sv->rate_max_rps * dp, "req/s", a, sizeof a), serving_limit_name(sv->limit),
	    fmt_rate(sv->capacity_rps * dp, "req/s", b, sizeof b), serving_limit_name(sv->capacity_limit));
	if (sv->has_target && !p->stable)
		fprintf(f, "%sat %s over %d replica%s: overloaded, %.0f%% of capacity: the "
		    "queue grows without bound (no steady-state latency)\n", in,
		    fmt_rate(slo->rps, "req/s", c, sizeof c), dp,
		    dp == 1 ? "" : "s", p->load * 100);
	else if (sv->has_target)
		fprintf(f, "%sat %s over %d replica%s: load %.0f%%%s, %.1f running, queue wait %s\n",
		    in, fmt_rate(slo->rps, "req/s", c, sizeof c), dp, dp == 1 ? "" : "s", p->load * 100,
		    p->heavy ? " (rough above 80%)" : "", p->batch_mean, fmt_seconds(p->wait_s, a, sizeof a));
	else
		fprintf(f, "%sat that rate: load %.0f%%, %.1f running, queue wait %s\n", in,
		    p->load * 100, p->batch_mean, fmt_seconds(p->wait_s, a, sizeof a));
	if (p->stable)
		fprintf(f, "%sTTFT p50 %s p99 %s   TPOT p50 %s p99 %s   %s\n", in,
		    serving_figure("at_target.ttft_p50_s", s, p->ttft_p50_s, a, sizeof a),
		    serving_figure("at_target.ttft_p99_s", s, p->ttft_p99_s, b, sizeof b),
		    serving_figure("at_target.tpot_p50_s", s, p->tpot_p50_s, c, sizeof c),
		    serving_figure("at_target.tpot_p99_s", s, p->tpot_p99_s, d, sizeof d),
		    meets ? "SLOs met" : "SLOs MISSED");
	else
		fprintf(f, "%sSLOs MISSED (%s binds): %s\n", in, serving_limit_name(p->overload),
		    serving_limit_fix(p->overload));
	if (fmt == REPORT_MARKDOWN)
		fprintf(f, "\n");
}

/* The verdict, as eval's exit status has it. */
static const char *
verdict_text(const Scenario *s, const Result *r, const ServingReport *sv, const ExtraCheck *extra,
    int n_extra, char *buf, size_t n)
{
	if (!report_feasible(r, extra, n_extra))
		snprintf(buf, n, "not feasible");
	else if (!report_serving_meets(s, sv)) {
		char rate[48];
		snprintf(buf, n, "fits, but misses its SLOs at %s",
		    fmt_rate(s->workload.slo.rps, "req/s", rate, sizeof rate));
	}
	else
		snprintf(buf, n, "feasible");
	return buf;
}

void
report_text(FILE *f, const Scenario *s, const Result *r, const ServingReport *sv,
    const ExtraCheck *extra, int n_extra, const char *notes)
{
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	const Workload *w = &s->workload;
	const Gpu *g = &s->cluster.gpu;
	char a[48], b[48], c[48], d[48], e[48], h[48], bar[BAR_WIDTH + 1], msg[512];

	fprintf(f, "model     %s (%s): %s parameters", m->name, m->arch, fmt_count(r->params.total, a, sizeof a));
	if (model_is_moe(m))
		fprintf(f, ", %s active (top-%d of %d experts)", fmt_count(r->params.active, b, sizeof b),
		    m->top_k, m->n_experts);
	if (model_is_mla(m))
		fprintf(f, "; %d layers, hidden %d, %d heads, MLA latent %d + %d\n", m->n_layers,
		    m->hidden, m->n_heads, m->kv_lora_rank, m->qk_rope_head_dim);
	else
		fprintf(f, "; %d layers, hidden %d, %d heads / %d KV heads\n", m->n_layers, m->hidden,
		    m->n_heads, m->n_kv_heads);
	fprintf(f, "cluster   %s: %d x %s (%s = %s per GPU), %d node%s, ",
	    s->cluster.name, cluster_gpus(&s->cluster), g->name, fmt_bytes(g->memory_bytes, a, sizeof a),
	    fmt_gib(g->memory_bytes, b, sizeof b), s->cluster.nodes, s->cluster.nodes == 1 ? "" : "s");
	if (cluster_nvlink_domain(&s->cluster) != s->cluster.gpus_per_node)
		fprintf(f, "NVLink domains of %d GPUs, ", cluster_nvlink_domain(&s->cluster));
	fprintf(f, "%s inside, %s between\n", s->cluster.intra.name, s->cluster.inter.name);
	fprintf(f, "strategy  TP %d x PP %d x DP %d", st->tp, st->pp, st->dp);
	if (model_is_moe(m))
		fprintf(f, ", EP %d (expert TP %d)", st->ep, r->etp);
	fprintf(f, " = %d of %d GPUs%s; weights %s", r->gpus_used, r->gpus_available,
	    disagg_on(s) ? " the prefill pool leaves (the decode pool)" : "",
	    dtype_name(st->weight_dtype));
	if (model_is_moe(m) && strategy_expert_dtype(st) != st->weight_dtype)
		fprintf(f, " (experts %s)", dtype_name(strategy_expert_dtype(st)));
	fprintf(f, ", KV %s; runtime %s (memory fraction %.2f)\n", dtype_name(st->kv_dtype),
	    s->runtime.name, s->runtime.mem_fraction);
	if (s->runtime.calibration[0])
		fprintf(f, "calibrated %s (calibrations/%s.lua: fitted efficiency parameters; "
		    "--no-calibration for the presets')\n", s->runtime.calibration, s->runtime.calibration);
	fprintf(f, "workload  batch %d per replica, input %s, output %s tokens\n", w->batch,
	    fmt_int(w->input_len, a, sizeof a), fmt_int(w->output_len, b, sizeof b));
	slo_text(s, msg, sizeof msg);
	fprintf(f, "SLOs      %s\n", msg);
	if (notes && *notes) {
		const char *p = notes;
		while (*p) {
			const char *nl = strchr(p, '\n');
			int len = nl ? (int)(nl - p) : (int)strlen(p);
			fprintf(f, "note      %.*s\n", len, p);
			p += len + (nl ? 1 : 0);
		}
	}

	fprintf(f, "\nmemory per GPU  [W weights  K KV cache (workload)  A activations  R reserve  "
	    ". free  | %s budget  ! over capacity]\n", s->runtime.name);
	fprintf(f, "stage layers   weights    KV need    activ.     reserve    total      KV pool    "
	    "max KV tokens\n");
	for (int i = 0; i < r->n_stages; i++) {
		const StageResult *sr = &r->stages[i];
		char lay[24];
		snprintf(lay, sizeof lay, "%d-%d", sr->first_layer, sr->first_layer + sr->n_layers - 1);
		fprintf(f, "%5d %-8s %-10s %-10s %-10s %-10s %-10s %-10s %s\n", i, lay,
		    fmt_bytes(sr->weights_bytes, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b),
		    fmt_bytes(sr->activation_bytes, c, sizeof c), fmt_bytes(sr->reserved_bytes, d, sizeof d),
		    fmt_bytes(sr->per_gpu_bytes, e, sizeof e), field_format_kv_pool(sr, h, sizeof h),
		    fmt_int(sr->max_kv_tokens, msg, sizeof msg));
		double parts[4] = { sr->weights_bytes, sr->kv_cache_bytes, sr->activation_bytes,
			sr->reserved_bytes };
		bar_text(bar, BAR_WIDTH, parts, 4, bar_glyphs, g->memory_bytes, sr->budget_bytes);
		fprintf(f, "      [%s] %s / %s (%.0f%%)\n", bar, fmt_bytes(sr->per_gpu_bytes, a, sizeof a),
		    fmt_bytes(g->memory_bytes, b, sizeof b), 100 * sr->per_gpu_bytes / g->memory_bytes);
	}
	fprintf(f, "KV cache  %s bytes per token per GPU (stage %d); pool holds %s tokens = %s "
	    "sequences of %s\n", fmt_int(r->memory.kv_bytes_per_token, a, sizeof a), r->memory.stage,
	    fmt_int(r->memory.max_kv_tokens, b, sizeof b), fmt_int(r->memory.max_concurrent_seqs, c, sizeof c),
	    fmt_int(w->input_len + w->output_len, d, sizeof d));
	if (r->memory.kv_pool_shortfall_bytes > 0)
		fprintf(f, "          no KV pool: weights, activations and reserve exceed the %s budget; "
		    "short by %s\n", s->runtime.name, fmt_bytes(r->memory.kv_pool_shortfall_bytes, a, sizeof a));

	/* figures with their error bands, through the field table (core/bands.h) */
	fprintf(f, "\nlatency   TTFT %s   TPOT %s   batch prefill %s   e2e %s\n",
	    field_format_path("latency.ttft_s", s, r, a, sizeof a),
	    field_format_path("latency.tpot_s", s, r, b, sizeof b),
	    field_format_path("latency.batch_prefill_s", s, r, c, sizeof c),
	    field_format_path("latency.e2e_s", s, r, d, sizeof d));
	fprintf(f, "throughput %s (%s per GPU, %s per user), %s, MFU %s\n",
	    field_format_path("throughput.tokens_per_s", s, r, a, sizeof a),
	    field_format_path("throughput.tokens_per_s_per_gpu", s, r, b, sizeof b),
	    field_format_path("throughput.tokens_per_s_per_user", s, r, c, sizeof c),
	    field_format_path("throughput.requests_per_s", s, r, d, sizeof d),
	    field_format_path("throughput.mfu", s, r, e, sizeof e));
	fprintf(f, "          FLOPs per token %.3g (forward, at %s tokens of context)\n",
	    r->flops_per_token, fmt_int(r->latency.decode_ctx_tokens, a, sizeof a));
	if (disagg_on(s))
		fprintf(f, "          (the decode pool's layout on its own, prefilling its prompts itself; "
		    "the disaggregated deployment's TTFT, rate and tokens/s per GPU are under serving)\n");
	print_spec_prefix(f, s, r);
	print_ep(f, s, r);
	if (sv)
		print_serving(f, REPORT_TEXT, s, sv);

	fprintf(f, "\nchecks\n");
	if (r->n_checks + n_extra == 0)
		fprintf(f, "  (none)\n");
	for (int sev = SEV_ERROR; sev >= SEV_INFO; sev--) {
		for (int i = 0; i < r->n_checks; i++) {
			if ((int)r->checks[i].severity != sev)
				continue;
			check_format(s, r, &r->checks[i], msg, sizeof msg);
			fprintf(f, "  %-5s  %-24s %s\n", severity_name(r->checks[i].severity),
			    check_id_name(r->checks[i].id), msg);
		}
		for (int i = 0; i < n_extra; i++)
			if ((int)extra[i].severity == sev)
				fprintf(f, "  %-5s  %-24s %s\n", severity_name(extra[i].severity), extra[i].id,
				    extra[i].message);
	}
	if (!report_feasible(r, extra, n_extra))
		fprintf(f, "\nverdict   NOT feasible: see the errors above\n");
	else
		fprintf(f, "\nverdict   %s%s\n", verdict_text(s, r, sv, extra, n_extra, msg, sizeof msg),
		    report_serving_meets(s, sv) ? "" : " (see serving)");
}

void
report_explain(FILE *f, const Scenario *s, const Result *r)
{
	char buf[4096], prev[4096] = "";

	fprintf(f, "\nexplain\n");
	const char *p;
	for (int k = 0; (p = explain_path(k)); k++) {
		if (strcmp(p, "model.params_active") == 0 && !model_is_moe(&s->model))
			continue;
		if (strcmp(p, "memory.kv_pool_shortfall_bytes") == 0 && r->memory.kv_pool_shortfall_bytes <= 0)
			continue;
		if (explain_figure(s, r, p, -1, buf, sizeof buf) != 0)
			continue;
		/* figures one explanation covers (the speculation block, the EP
		 * block) differ only in their band line: the block once, then
		 * each figure's name and band */
		char *band = strstr(buf, "\n  band: ");
		size_t body = band ? (size_t)(band - buf) : strlen(buf);
		if (body > 0 && strlen(prev) == body && strncmp(prev, buf, body) == 0) {
			fprintf(f, "%s: explained above%s\n", p, band ? band : "");
			continue;
		}
		snprintf(prev, sizeof prev, "%.*s", (int)body, buf);
		fprintf(f, "\n%s\n", buf);
	}
}

void
report_explain_disagg(FILE *f, const Scenario *s, const ServingReport *sv)
{
	const DisaggReport *d = &sv->disagg;
	char a[48], b[48], c[48], e[48], h[48], k[48];

	if (!d->on)
		return;
	fprintf(f, "\nserving.disagg.kv_transfer_s = %s\n", fmt_seconds(d->kv.exposed_s, a, sizeof a));
	fprintf(f, "  KV transfer (%s mode): %s bytes per token per decode GPU (its fullest stage; a "
	    "prefill GPU holds %s) x %s prompt tokens = %s per link; %d links (decode TP x PP) carry %s "
	    "per request\n", kv_xfer_mode_name(d->kv.mode),
	    fmt_int(d->decode.kv_bytes_per_token, a, sizeof a), fmt_int(d->prefill.kv_bytes_per_token, b,
	    sizeof b), fmt_int(d->kv.tokens, c, sizeof c), fmt_bytes(d->kv.link_bytes, e, sizeof e),
	    d->kv.links, fmt_bytes(d->kv.bytes, h, sizeof h));
	fprintf(f, "  time = latency %s + %s / %s/s (%s) = %s", fmt_seconds(d->kv.latency_s, a, sizeof a),
	    fmt_bytes(d->kv.link_bytes, b, sizeof b), fmt_bytes(d->kv.bytes_per_s, c, sizeof c),
	    s->disagg.kv_gb_per_s > 0 ? "kv_transfer_bw" : s->disagg.kv_fabric.name,
	    fmt_seconds(d->kv.latency_s + d->kv.wire_s, e, sizeof e));
	if (d->kv.mode == KV_XFER_LAYER)
		fprintf(f, "; streamed per layer over %d layers of a %s prefill: latency + max(T/L, T - "
		    "P(L-1)/L) = %s", s->model.n_layers, fmt_seconds(d->prefill.compute_s, h, sizeof h),
		    fmt_seconds(d->kv.exposed_s, k, sizeof k));
	fprintf(f, "\n\nserving.disagg.capacity_rps = %s\n", fmt_rate(d->capacity_rps, "req/s", a, sizeof a));
	fprintf(f, "  min(prefill pool %d x 1 / %s = %s, decode pool %d x %.0f seqs / (%d steps x %s) = %s): "
	    "the %s limits the rate\n", d->prefill_dp, fmt_seconds(d->prefill.service_s, a, sizeof a),
	    fmt_rate(d->prefill_capacity_rps, "req/s", b, sizeof b), d->decode_dp, d->decode.max_seqs,
	    s->workload.output_len > 1 ? s->workload.output_len - 1 : 1,
	    fmt_seconds(d->decode.n > 0 ? d->decode.step_s[d->decode.n - 1] : 0, c, sizeof c),
	    fmt_rate(d->decode_capacity_rps, "req/s", e, sizeof e), disagg_limit_name(d->limit));
	if (d->at.stable)
		fprintf(f, "\nserving.at_target.ttft_p50_s = %s\n  prefill %s + queue p50 %s (M/D/1 at load "
		    "%.0f%%, mean %s; p99 %s) + KV transfer %s\n", fmt_seconds(d->at.ttft_p50_s, a, sizeof a),
		    fmt_seconds(d->prefill.ttft_s, b, sizeof b), fmt_seconds(d->at.wait_p50_s, c, sizeof c),
		    100 * d->at.prefill_load, fmt_seconds(d->at.wait_s, h, sizeof h),
		    fmt_seconds(d->at.wait_p99_s, k, sizeof k), fmt_seconds(d->kv.exposed_s, e, sizeof e));
}

/* A chart's link, when there is one. */
static void
print_chart(FILE *f, const char *alt, const char *path)
{
	if (path && *path)
		fprintf(f, "![%s](%s)\n\n", alt, path);
}

/* The comparison with a pinned scenario A, as the compare screen has it. */
static void
print_compare(FILE *f, const ReportCompare *cmp, const char *chart)
{
	fprintf(f, "## Compared with %s\n\n", cmp->a_label);
	if (cmp->summary && *cmp->summary)
		fprintf(f, "%s\n\n", cmp->summary);
	fprintf(f, "| figure | A | B | change |\n|---|---|---|---|\n");
	for (int i = 0; i < cmp->n_rows; i++) {
		const ReportCompareRow *row = &cmp->rows[i];
		fprintf(f, "| %s | %s | %s | %s%s|\n", row->label, row->a, row->b, row->change,
		    *row->change ? " " : "");
	}
	fprintf(f, "\n");
	print_chart(f, "A against B", chart);
}

/* The top of the last search's ranking. */
static void
print_ranking(FILE *f, const Scenario *s, const ReportAttach *att)
{
	const SearchResult *r = att->search;
	const Scenario *base = att->search_base ? att->search_base : s;
	int shown = att->search_rows > 0 && att->search_rows < r->n_top ? att->search_rows : r->n_top;

	fprintf(f, "## Top of the ranking\n\n");
	fprintf(f, "The search of %s on %s by %s: %ld layout%s, %ld feasible; the first %d of %d ranked"
	    "%s.\n\n", base->model.name, base->cluster.name, search_objective_label(att->search_objective),
	    r->layouts, r->layouts == 1 ? "" : "s", r->feasible_layouts, shown, r->n_top,
	    att->search_stale ? " (the scenario has changed since this search ran)" : "");
	if (r->n_top == 0)
		fprintf(f, "Nothing is feasible.\n\n");
	else {
		report_search_markdown_table(f, r, att->search_rows);
		fprintf(f, "\n");
	}
	print_chart(f, "Pareto front of the search", att->chart_pareto);
}

void
report_markdown(FILE *f, const Scenario *s, const Result *r, const ServingReport *sv,
    const ExtraCheck *extra, int n_extra, const ReportAttach *att)
{
	static const ReportAttach none;
	const Strategy *st = &s->strategy;
	const Workload *w = &s->workload;
	const Gpu *g = &s->cluster.gpu;
	char a[48], b[48], c[48], d[48], e[48], bar[BAR_WIDTH + 1], msg[512];

	fprintf(f, "# %s on %s: TP %d x PP %d x DP %d\n\n", s->model.name, s->cluster.name, st->tp,
	    st->pp, st->dp);
	fprintf(f, "| | |\n|---|---|\n");
	fprintf(f, "| model | %s, %s parameters |\n", s->model.name, fmt_count(r->params.total, a, sizeof a));
	fprintf(f, "| cluster | %d x %s (%s each), %s / %s |\n", cluster_gpus(&s->cluster), g->name,
	    fmt_bytes(g->memory_bytes, a, sizeof a), s->cluster.intra.name, s->cluster.inter.name);
	fprintf(f, "| strategy | TP %d, PP %d, DP %d, EP %d; weights %s, KV %s |\n", st->tp, st->pp,
	    st->dp, st->ep, dtype_name(st->weight_dtype), dtype_name(st->kv_dtype));
	fprintf(f, "| runtime | %s, memory fraction %.2f |\n", s->runtime.name, s->runtime.mem_fraction);
	fprintf(f, "| workload | batch %d, input %d, output %d tokens |\n", w->batch, w->input_len,
	    w->output_len);
	slo_text(s, msg, sizeof msg);
	fprintf(f, "| SLOs | %s |\n\n", msg);
	if (r->status != EVAL_OK) {
		fprintf(f, "**The layout is invalid.**\n\n");
	} else {
		fprintf(f, "## Memory per GPU\n\n| stage | layers | weights | KV need | activations | "
		    "reserve | total | KV pool |\n|---|---|---|---|---|---|---|---|\n");
		for (int i = 0; i < r->n_stages; i++) {
			const StageResult *sr = &r->stages[i];
			fprintf(f, "| %d | %d | %s | %s | %s | %s | %s | %s |\n", i, sr->n_layers,
			    fmt_bytes(sr->weights_bytes, a, sizeof a), fmt_bytes(sr->kv_cache_bytes, b, sizeof b),
			    fmt_bytes(sr->activation_bytes, c, sizeof c), fmt_bytes(sr->reserved_bytes, d, sizeof d),
			    fmt_bytes(sr->per_gpu_bytes, e, sizeof e), field_format_kv_pool(sr, msg, sizeof msg));
		}
		fprintf(f, "\n```\n");
		for (int i = 0; i < r->n_stages; i++) {
			const StageResult *sr = &r->stages[i];
			double parts[4] = { sr->weights_bytes, sr->kv_cache_bytes, sr->activation_bytes,
				sr->reserved_bytes };
			bar_text(bar, BAR_WIDTH, parts, 4, bar_glyphs, g->memory_bytes, sr->budget_bytes);
			fprintf(f, "stage %-3d [%s] %s / %s\n", i, bar, fmt_bytes(sr->per_gpu_bytes, a, sizeof a),
			    fmt_bytes(g->memory_bytes, b, sizeof b));
		}
		fprintf(f, "W weights, K KV cache, A activations, R reserve, | %s budget, ! over capacity\n```\n\n",
		    s->runtime.name);
		print_chart(f, "Memory per GPU by stage", att ? att->chart_memory : NULL);
		fprintf(f, "## Latency and throughput\n\n| figure | value |\n|---|---|\n");
		/* each figure with its error band, by the field table (core/bands.h) */
		fprintf(f, "| TTFT | %s |\n| TPOT | %s |\n| batch prefill | %s |\n| e2e | %s |\n",
		    field_format_path("latency.ttft_s", s, r, a, sizeof a),
		    field_format_path("latency.tpot_s", s, r, b, sizeof b),
		    field_format_path("latency.batch_prefill_s", s, r, c, sizeof c),
		    field_format_path("latency.e2e_s", s, r, d, sizeof d));
		fprintf(f, "| throughput | %s |\n| per GPU | %s |\n| requests/s | %s |\n| max concurrent "
		    "sequences | %s |\n\n", field_format_path("throughput.tokens_per_s", s, r, a, sizeof a),
		    field_format_path("throughput.tokens_per_s_per_gpu", s, r, b, sizeof b),
		    field_format_path("throughput.requests_per_s", s, r, c, sizeof c),
		    fmt_int(r->memory.max_concurrent_seqs, d, sizeof d));
		if (sv)
			print_serving(f, REPORT_MARKDOWN, s, sv);
	}
	if (!att)
		att = &none;
	if (att->cmp)
		print_compare(f, att->cmp, att->chart_compare);
	if (att->search)
		print_ranking(f, s, att);
	fprintf(f, "## Checks\n\n");
	if (r->n_checks + n_extra == 0)
		fprintf(f, "None.\n");
	for (int i = 0; i < r->n_checks; i++) {
		check_format(s, r, &r->checks[i], msg, sizeof msg);
		fprintf(f, "- **%s** `%s`: %s\n", severity_name(r->checks[i].severity),
		    check_id_name(r->checks[i].id), msg);
	}
	for (int i = 0; i < n_extra; i++)
		fprintf(f, "- **%s** `%s`: %s\n", severity_name(extra[i].severity), extra[i].id,
		    extra[i].message);
	fprintf(f, "\nVerdict: **%s**\n", verdict_text(s, r, sv, extra, n_extra, msg, sizeof msg));
}

void
report_extra_free(ExtraCheck *extra, int n)
{
	for (int i = 0; i < n; i++) {
		free(extra[i].id);
		free(extra[i].message);
	}
	free(extra);
}
