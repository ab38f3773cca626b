/* cmd-search.c: `shardlab search`: every valid strategy for the model on
 * the cluster, ranked by an objective under the SLOs, with the reasons, the
 * obvious layouts' fate, the Pareto front and the fewest GPUs; as a table,
 * --json, --csv or --format markdown.  The space is split over threads
 * (search.h: parts) and merged; the result does not depend on the count. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chart/chart.h"
#include "cli.h"
#include "scenario/search_notes.h"
#include "core/search.h"
#include "core/searchopts.h"
#include "core/units.h"
#include "io/search_json.h"
#include "core/disagg.h"
#include "io/disagg_json.h"
#include "scenario/engine.h"
#include "scenario/report.h"
#include "scenario/report-search.h"
#include "util/xmalloc.h"

#define PLOT_WIDTH 60
#define PLOT_HEIGHT 12

typedef SearchQuery SearchCli;

/* text wrapped at `width` columns, continuation lines indented by `indent` */
static void
print_wrapped(FILE *f, const char *text, int indent, int width)
{
	int col = indent;
	const char *p = text;

	while (*p) {
		const char *w = p;
		while (*w && *w != ' ')
			w++;
		int len = (int)(w - p);
		if (col > indent && col + 1 + len > width) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', f);
			col++;
		}
		fprintf(f, "%.*s", len, p);
		col += len;
		p = *w ? w + 1 : w;
	}
	fputc('\n', f);
}

static void
search_usage(void)
{
	printf("usage: shardlab search [options]\n\n"
	    "Rank every deployment strategy of the model on the cluster: TP, PP, DP, EP and\n"
	    "expert TP, micro-batches, the running-batch cap (max_num_seqs) and, with --dtypes\n"
	    "and --kv-dtypes, the weight and KV-cache dtypes.  Each layout is evaluated as\n"
	    "`shardlab eval` would, then served under Poisson arrivals with continuous batching\n"
	    "to find the highest rate within the TTFT/TPOT SLOs and the p50/p99 at --rps.\n"
	    "Prints the ranking with what binds each row, what rejected the obvious layouts,\n"
	    "the Pareto front of throughput per GPU against tokens/s per user, and the fewest\n"
	    "GPUs that serve --rps.  Exit status: 0 something is feasible, 1 nothing is,\n"
	    "2 bad input.\n\nSearch options:\n");
	for (int i = 0; i < SOPT_COUNT; i++) {
		const SearchOptDef *d = search_opt_def((SearchOptId)i);
		char left[48];
		if (!(d->fronts & SOPT_CLI))
			continue;
		snprintf(left, sizeof left, "--%s%s%s", d->name, d->arg ? " " : "", d->arg ? d->arg : "");
		printf("  %-23s ", left);
		print_wrapped(stdout, d->help, 26, 88);
	}
	printf("  --json                  the result as JSON\n"
	    "  --format markdown       the ranking as a Markdown table\n"
	    "  --check FILE.lua        Lua checks reject the candidates they fail\n\n");
	cli_print_scenario_options(stdout);
	printf("\nThe SLOs are --ttft-p50/--ttft-p99/--tpot-p50/--tpot-p99 and the target rate --rps\n"
	    "(requests/s); the scenario's TP/PP/DP only name the layout compared as \"the\n"
	    "scenario's own\".\n\n"
	    "Example: shardlab search --model llama-3-70b --cluster h100x8 --rps 8 --ttft-p99 1 "
	    "--tpot-p99 0.1\n");
}

/* Take search's own options (the search-option table's CLI rows) out of
 * argv into sc, and leave the scenario options for cli_parse in *rest
 * (allocated; argv's strings borrowed). */
static int
split_args(int argc, char **argv, SearchCli *sc, char ***rest, int *n_rest)
{
	char **keep = xcalloc((size_t)argc + 1, sizeof *keep);
	int n = 0;

	keep[n++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			while (i < argc)
				keep[n++] = argv[i++];
			break;
		}
		int id;
		const char *v;
		char why[256];
		int took = search_opt_take(sc, argc, argv, &i, SOPT_CLI, &id, &v, why, sizeof why);
		if (took < 0) {
			cli_error("%s", why);
			free(keep);
			return -1;
		}
		if (took == 0)
			keep[n++] = argv[i];
	}
	keep[n] = NULL;
	*rest = keep;
	*n_rest = n;
	return 0;
}

/* ---- Lua checks as a search filter ---------------------------------------- */

typedef struct LuaFilter {
	const Catalog *cat;
	const CliOptions *o;
	pthread_mutex_t lock;
} LuaFilter;

static bool
lua_filter(void *ud, const Scenario *s, const Result *r, char *why, size_t n)
{
	LuaFilter *f = ud;
	ExtraCheck *extra = NULL;
	int n_extra = 0;
	bool ok = true;

	pthread_mutex_lock(&f->lock);
	if (report_lua_checks(f->cat, f->o, s, r, &extra, &n_extra) != 0) {
		snprintf(why, n, "the check files failed to run");
		ok = false;
	}
	for (int i = 0; i < n_extra && ok; i++)
		if (extra[i].severity == SEV_ERROR) {
			snprintf(why, n, "%s: %s", extra[i].id, extra[i].message);
			ok = false;
		}
	report_extra_free(extra, n_extra);
	pthread_mutex_unlock(&f->lock);
	return ok;
}

/* ---- running the parts ------------------------------------------------------ */

typedef struct Job {
	const Scenario *s;
	SearchOptions so;
	SearchWork *w;
	SearchResult r;
	SearchCandidate *top, *front;
} Job;

static void *
job_run(void *p)
{
	Job *j = p;
	search_run(j->s, &j->so, j->w, &j->r);
	return NULL;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Run the search over `threads` parts into r (its buffers set); w is the
 * first thread's scratch, kept for search_finish. */
static void
run_parts(const Scenario *s, const SearchOptions *so, int threads, int top, SearchWork *w0,
    SearchResult *r)
{
	Job *jobs = xcalloc((size_t)threads, sizeof *jobs);
	pthread_t *tid = xcalloc((size_t)threads, sizeof *tid);
	bool *started = xcalloc((size_t)threads, sizeof *started);

	for (int i = 0; i < threads; i++) {
		Job *j = &jobs[i];
		j->s = s;
		j->so = *so;
		j->so.part = i;
		j->so.parts = threads;
		j->w = i == 0 ? w0 : xcalloc(1, sizeof *j->w);
		j->top = xcalloc((size_t)top, sizeof *j->top);
		j->front = xcalloc(SEARCH_PARETO_CAP, sizeof *j->front);
		search_result_init(&j->r, j->top, top, j->front, SEARCH_PARETO_CAP);
	}
	for (int i = 1; i < threads; i++)
		started[i] = pthread_create(&tid[i], NULL, job_run, &jobs[i]) == 0;
	job_run(&jobs[0]);
	for (int i = 1; i < threads; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			job_run(&jobs[i]);
	}
	for (int i = 0; i < threads; i++) {
		search_merge(r, &jobs[i].r, so);
		if (i > 0)
			free(jobs[i].w);
		free(jobs[i].top);
		free(jobs[i].front);
	}
	free(started);
	free(tid);
	free(jobs);
}

/* ---- output ---------------------------------------------------------------------- */

static const char *
slo_text(const Slo *slo, char *buf, size_t n)
{
	char a[32], rate[48];
	size_t o = 0;
	buf[0] = '\0';
#define ADD(v, label) do { if ((v) > 0 && o < n) o += (size_t)snprintf(buf + o, n - o, "%s%s %s", \
	o ? ", " : "", label, fmt_seconds(v, a, sizeof a)); } while (0)
	ADD(slo->ttft_p50_s, "TTFT p50");
	ADD(slo->ttft_p99_s, "TTFT p99");
	ADD(slo->tpot_p50_s, "TPOT p50");
	ADD(slo->tpot_p99_s, "TPOT p99");
#undef ADD
	if (slo->rps > 0 && o < n)
		o += (size_t)snprintf(buf + o, n - o, "%s%s (Poisson)", o ? "; " : "",
		    fmt_rate(slo->rps, "req/s", rate, sizeof rate));
	if (!o)
		snprintf(buf, n, "none");
	return buf;
}

static const char *
dtypes_text(unsigned mask, Dtype fallback, char *buf, size_t n)
{
	size_t o = 0;
	buf[0] = '\0';
	if (!mask)
		mask = 1u << fallback;
	for (int d = 0; d < DTYPE_COUNT && o < n; d++)
		if (mask & 1u << d)
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? "," : "", dtype_name((Dtype)d));
	return buf;
}

static void
print_header(FILE *f, const Scenario *s, const SearchCli *sc, const SearchResult *r, double elapsed)
{
	char a[256], b[64], c[64];
	const Workload *w = &s->workload;
	const SearchOptions *so = &sc->so;

	fprintf(f, "search    %s on %s: %d x %s, %s; input %s, output %s tokens\n", s->model.name,
	    s->cluster.name, r->max_gpus, s->cluster.gpu.name, s->runtime.name,
	    fmt_int(w->input_len, b, sizeof b), fmt_int(w->output_len, c, sizeof c));
	fprintf(f, "SLOs      %s\n", slo_text(&w->slo, a, sizeof a));
	fprintf(f, "objective %s; weights %s", search_objective_label(so->objective),
	    dtypes_text(so->weight_dtypes, s->strategy.weight_dtype, b, sizeof b));
	/* the routed experts keep the scenario's own dtype (gpt-oss: mxfp4) */
	if (model_is_moe(&s->model) && s->strategy.expert_dtype_set)
		fprintf(f, " (experts %s)", dtype_name(s->strategy.expert_dtype));
	fprintf(f, ", KV %s; %s prefill", dtypes_text(so->kv_dtypes, s->strategy.kv_dtype, c, sizeof c),
	    so->serving.chunked_prefill ? "chunked" : "unchunked");
	if (so->serving.input_cv > 0 || so->serving.output_cv > 0)
		fprintf(f, "; length spread cv %g in / %g out", so->serving.input_cv, so->serving.output_cv);
	if (r->gpu_hour_usd > 0)
		fprintf(f, "; $%.2f per GPU-hour", r->gpu_hour_usd);
	fprintf(f, "\nsearched  %ld layout%s (%ld cut by lower bounds before evaluation, %ld more by "
	    "rate bounds), %ld feasible; %ld evaluations, %ld batch caps served (%ld more bounded out), "
	    "%ld of them feasible, in %s\n", r->layouts, r->layouts == 1 ? "" : "s", r->pruned,
	    r->bounded_layouts, r->feasible_layouts, r->evaluations, r->candidates - r->bounded,
	    r->bounded, r->feasible,
	    fmt_seconds(elapsed, a, sizeof a));
}

static void
print_table(FILE *f, const Scenario *s, const SearchCli *sc, const SearchResult *r)
{
	char a[48], b[48], d[48], e[48], g[48];
	bool target = s->workload.slo.rps > 0;
	/* with speculation tried, the batch column also shows the k chosen */
	bool spec = r->n_top > 0 && r->top[0].spec_max > 0;
	int bw = spec ? 9 : 5;

	fprintf(f, "\n  #  TP PP  DP  EP dtype/KV     %*s GPUs  tok/s/GPU tok/s/user  max req/s"
	    "  TTFT p50/p99%-9s TPOT p50/p99   $/Mtok  binding\n", bw, spec ? "batch/k" : "batch",
	    target ? " @rate" : "");
	for (int i = 0; i < r->n_top; i++) {
		const SearchCandidate *c = &r->top[i];
		const ServingPoint *p = &c->at_target;
		char dt[32], ep[16], ttft[48], tpot[48], bind[96], usd[16], bk[32];
		snprintf(dt, sizeof dt, "%s/%s", dtype_name(c->weight_dtype), dtype_name(c->kv_dtype));
		snprintf(ep, sizeof ep, c->ep > 1 ? "%d" : "-", c->ep);
		snprintf(ttft, sizeof ttft, "%s%s/%s", p->heavy ? "~" : "", fmt_seconds(p->ttft_p50_s, a,
		    sizeof a), fmt_seconds(p->ttft_p99_s, b, sizeof b));
		snprintf(tpot, sizeof tpot, "%s/%s", fmt_seconds(p->tpot_p50_s, d, sizeof d),
		    fmt_seconds(p->tpot_p99_s, e, sizeof e));
		search_format_binding(c, bind, sizeof bind);
		if (spec)
			snprintf(bk, sizeof bk, "%d/k%d", c->batch, c->spec_tokens);
		else
			snprintf(bk, sizeof bk, "%d", c->batch);
		if (c->usd_per_mtok > 0)
			snprintf(usd, sizeof usd, "%.3f", c->usd_per_mtok);
		else
			snprintf(usd, sizeof usd, "-");
		fprintf(f, "%3d%c %3d %2d %3d %3s %-12s %*s %4d %10s %10.1f %10.2f  %-21s %-14s %7s  %s\n",
		    c->rank, c->pareto ? '*' : ' ', c->tp, c->pp, c->dp, ep, dt, bw, bk, c->gpus,
		    fmt_int(c->tokens_per_s_per_gpu, g, sizeof g), c->tokens_per_s_per_user,
		    c->rate_max_rps * c->dp, ttft, tpot, usd, bind);
	}
	fprintf(f, "  (* on the Pareto front; max req/s over the DP replicas within the SLOs;%s "
	    "~ marks loads above %.0f%% of capacity, where queueing figures are rough)\n",
	    target ? " TTFT/TPOT at the target rate;" : " TTFT/TPOT at that rate;",
	    100 * SERVING_HEAVY_LOAD);
	(void)sc;
}

/* search --disagg: the best disaggregated deployment beside the best
 * aggregated layout, per GPU. */
static void
print_disagg(FILE *f, const Scenario *s, const SearchResult *r, const DisaggSearchResult *d,
    double elapsed)
{
	char a[48], b[48], c[48], e[48], g[160];
	DisaggVersus v;

	disagg_versus(d, r, &v);
	fprintf(f, "\ndisaggregated prefill/decode: %d prefill and %d decode layouts evaluated once each "
	    "(%ld evaluations), %ld pairs combined, in %s\n", d->prefill_layouts, d->decode_layouts,
	    d->evaluations, d->pairs, fmt_seconds(elapsed, a, sizeof a));
	if (!d->found) {
		fprintf(f, "  no disaggregated deployment meets the SLOs%s within %d GPUs\n",
		    s->workload.slo.rps > 0 ? " and the rate" : "", d->max_gpus);
	} else {
		const DisaggReport *rep = &d->report;
		char pe[32] = "", de[32] = "";
		if (d->prefill.ep > 1)
			snprintf(pe, sizeof pe, ", EP %d", d->prefill.ep);
		if (d->decode.dp > 1)
			snprintf(de, sizeof de, " x DP %d, EP %d", d->decode.dp, d->decode.ep);
		else if (d->decode.ep > 1)
			snprintf(de, sizeof de, ", EP %d", d->decode.ep);
		fprintf(f, "  best      %dP%dD: prefill %d x (TP %d x PP %d%s), decode %d x (TP %d x PP %d%s) = %d "
		    "GPUs; %s within the SLOs (the %s limits)\n", d->x, d->y, d->x, d->prefill.tp,
		    d->prefill.pp, pe, d->y, d->decode.tp, d->decode.pp, de, d->gpus,
		    fmt_rate(d->rate_rps, "req/s", a, sizeof a), disagg_limit_name(rep->limit));
		if (rep->at.stable)
			fprintf(f, "            at %s: TTFT p99 %s (KV transfer %s), TPOT p99 %s\n",
			    fmt_rate(rep->at.rate_rps, "req/s", a, sizeof a), fmt_seconds(rep->at.ttft_p99_s, b,
			    sizeof b), fmt_seconds(rep->kv.exposed_s, c, sizeof c),
			    fmt_seconds(rep->at.tpot_p99_s, e, sizeof e));
		fprintf(f, "            %s per GPU\n", fmt_rate(d->tokens_per_s_per_gpu, "tok/s", a, sizeof a));
	}
	if (v.agg_index >= 0) {
		search_format_layout(&r->top[v.agg_index], g, sizeof g);
		fprintf(f, "  aggregated %s: %s per GPU\n", g, fmt_rate(v.agg_tokens_per_s_per_gpu, "tok/s", a,
		    sizeof a));
	} else {
		fprintf(f, "  aggregated: nothing feasible\n");
	}
	if (v.ratio > 0)
		fprintf(f, "  %s wins by %.2fx per GPU\n", v.disagg_wins ? "disaggregated" : "aggregated",
		    v.ratio);
	else if (d->found)
		fprintf(f, "  disaggregated wins: no aggregated layout meets the SLOs\n");
}

static void
print_text(FILE *f, const Scenario *s, const SearchCli *sc, const SearchResult *r, double elapsed,
    char *const *notes, int n_notes)
{
	char buf[4096], a[48];
	const SearchOptions *so = &sc->so;

	print_header(f, s, sc, r, elapsed);
	if (r->n_top > 0) {
		print_table(f, s, sc, r);
		fprintf(f, "\nwhy\n");
		for (int i = 0; i < r->n_top; i++) {
			search_format_layout(&r->top[i], buf, sizeof buf);
			fprintf(f, "  #%d %s: ", r->top[i].rank, buf);
			search_format_why(s, so, r, &r->top[i], buf, sizeof buf);
			fprintf(f, "%s\n", buf);
		}
	} else {
		search_format_none(s, so, r, buf, sizeof buf);
		fprintf(f, "\n%s\n", buf);
	}
	if (r->n_probes > 0) {
		fprintf(f, "\nobvious layouts\n");
		for (int i = 0; i < r->n_probes; i++) {
			search_format_probe(s, so, r, &r->probes[i], buf, sizeof buf);
			fprintf(f, "  %s\n", buf);
		}
	}
	if (r->n_top > 0) {
		bool any = false;
		for (int i = SEARCH_REJ_COUNT - 1; i > SEARCH_OK; i--) {
			if (!r->rejected[i])
				continue;
			if (!any)
				fprintf(f, "\nrejected (count; the nearest miss)\n");
			any = true;
			search_format_rejection(s, so, &r->nearest[i], buf, sizeof buf);
			fprintf(f, "  %-8s %6ld  %s\n", search_reject_name((SearchReject)i), r->rejected[i], buf);
		}
	}
	if (r->n_pareto > 0) {
		fprintf(f, "\nPareto front: throughput per GPU against tokens/s per user (# ranked above)%s\n",
		    r->pareto_truncated ? " (truncated)" : "");
		fprintf(f, "  tok/s/GPU tok/s/user  max req/s  layout\n");
		for (int i = 0; i < r->n_pareto; i++) {
			const SearchCandidate *c = &r->pareto[i];
			search_format_layout(c, buf, sizeof buf);
			fprintf(f, "  %9s %10.1f %10.2f  %s%s\n", fmt_int(c->tokens_per_s_per_gpu, a, sizeof a),
			    c->tokens_per_s_per_user, c->rate_max_rps * c->dp, buf, c->rank ? "  #" : "");
		}
		if (!sc->no_plot && r->n_pareto > 1) {
			search_format_plot(r, PLOT_WIDTH, PLOT_HEIGHT, buf, sizeof buf);
			fprintf(f, "\n%s", buf);
		}
	}
	if (r->has_fewest && s->workload.slo.rps > 0) {
		char cnt[128];
		int g = r->fewest.gpus, gpn = s->cluster.gpus_per_node > 0 ? s->cluster.gpus_per_node : 1;
		search_format_layout(&r->fewest, buf, sizeof buf);
		char rate[48];
		fprintf(f, "\nfewest GPUs for %s within the SLOs: %s (%s)\n",
		    fmt_rate(s->workload.slo.rps, "req/s", rate, sizeof rate),
		    search_count_text(g, g > gpn ? (g + gpn - 1) / gpn * gpn : g, s, cnt, sizeof cnt), buf);
	}
	for (int i = 0; i < n_notes; i++)
		fprintf(f, "%s%s\n", i == 0 ? "\n" : "", notes[i]);
	fprintf(f, "\nserving model: continuous batching, Poisson arrivals; mean running batch by Little's "
	    "law, slot waits M/G/c (Erlang C, Halfin-Whitt), prefill waits M/G/1 (Pollaczek-Khinchine, "
	    "as DistServe), see shardlab(1) and docs/search.md\n");
}

/* One row per ranked candidate; max_rps and capacity_rps are over the DP
 * replicas, TTFT/TPOT at the target rate (or at max_rps without one). */
static void
print_csv(FILE *f, const Scenario *s, const SearchResult *r)
{
	fprintf(f, "rank,tp,pp,dp,ep,etp,micro_batches,dtype,kv_dtype,batch,gpus,tokens_per_s_per_gpu,"
	    "tokens_per_s_per_user,max_rps,capacity_rps,ttft_p50_s,ttft_p99_s,tpot_p50_s,tpot_p99_s,"
	    "heavy_load,usd_per_mtok,limit,bound,pareto,per_gpu_bytes,weights_bytes,ttft_idle_s,"
	    "tpot_full_batch_s,spec_tokens\n");
	for (int i = 0; i < r->n_top; i++) {
		const SearchCandidate *c = &r->top[i];
		const ServingPoint *p = &c->at_target;
		fprintf(f, "%d,%d,%d,%d,%d,%d,%d,%s,%s,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d,%.6g,"
		    "\"%s\",\"%s\",%d,%.6g,%.6g,%.6g,%.6g,%d\n", c->rank, c->tp, c->pp, c->dp, c->ep, c->etp,
		    c->micro_batches, dtype_name(c->weight_dtype), dtype_name(c->kv_dtype), c->batch, c->gpus,
		    c->tokens_per_s_per_gpu, c->tokens_per_s_per_user, c->rate_max_rps * c->dp,
		    c->capacity_rps * c->dp, p->ttft_p50_s, p->ttft_p99_s, p->tpot_p50_s, p->tpot_p99_s,
		    p->heavy, c->usd_per_mtok, serving_limit_name(c->limit), serving_bound_name(c->bound),
		    c->pareto, c->per_gpu_bytes, c->weights_bytes, c->ttft_s, c->tpot_s, c->spec_tokens);
	}
	(void)s;
}

static void
print_markdown(FILE *f, const Scenario *s, const SearchCli *sc, const SearchResult *r)
{
	char buf[2048];

	fprintf(f, "# Strategies for %s on %s\n\n", s->model.name, s->cluster.name);
	fprintf(f, "SLOs: %s. Objective: %s.\n\n", slo_text(&s->workload.slo, buf, sizeof buf),
	    search_objective_label(sc->so.objective));
	if (r->n_top == 0) {
		search_format_none(s, &sc->so, r, buf, sizeof buf);
		fprintf(f, "```\n%s\n```\n", buf);
		return;
	}
	report_search_markdown_table(f, r, 0);
	fprintf(f, "\n");
	for (int i = 0; i < r->n_top; i++) {
		search_format_why(s, &sc->so, r, &r->top[i], buf, sizeof buf);
		fprintf(f, "- **#%d**: %s\n", r->top[i].rank, buf);
	}
	for (int i = 0; i < r->n_probes; i++) {
		search_format_probe(s, &sc->so, r, &r->probes[i], buf, sizeof buf);
		fprintf(f, "- %s\n", buf);
	}
	if (sc->chart && r->n_pareto > 0)
		fprintf(f, "\n![Pareto front of the search](%s)\n", sc->chart);
}

int
cmd_search(const Catalog *c, int argc, char **argv)
{
	SearchCli sc;
	CliOptions o;
	Scenario *s = NULL;
	SearchWork *w = NULL;
	SearchCandidate *top = NULL, *front = NULL;
	char **rest = NULL, *notes_fill = NULL, *cause = NULL, *notes[8] = { 0 };
	int n_rest = 0, n_notes = 0, rc = EXIT_USAGE;
	LuaFilter lf = { .cat = c };
	bool json_disagg_found = false;

	memset(&o, 0, sizeof o);
	search_query_init(&sc);
	if (split_args(argc, argv, &sc, &rest, &n_rest) != 0)
		goto out;
	if (cli_parse(c, "search", n_rest, rest, &o) != 0)
		goto out;
	if (o.help) {
		search_usage();
		rc = EXIT_OK;
		goto out;
	}
	if (o.n_args > 0) {
		cli_error("search: unexpected argument '%s'", o.args[0]);
		goto out;
	}
	if (o.format && strcmp(o.format, "json") == 0)
		o.json = true;
	if (o.json && sc.csv) {
		cli_error("search: --json and --csv exclude one another");
		goto out;
	}
	s = xmalloc(sizeof *s);
	if (setup_build(c, &o.setup, s, &notes_fill, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	SearchOptId bad;
	char why[256];
	if (search_query_check(&sc, s, SOPT_CLI, &bad, why, sizeof why) != 0) {
		cli_error("--%s: %s", search_opt_def(bad)->name, why);
		goto out;
	}
	w = xcalloc(1, sizeof *w);
	if (o.n_checks > 0) {
		/* load the check files once on the scenario as given, so that a
		 * broken file is reported here and not once per candidate */
		ExtraCheck *extra = NULL;
		int n_extra = 0;
		w->scenario = *s;
		eval_run(&w->scenario, &w->result);
		if (report_lua_checks(c, &o, &w->scenario, &w->result, &extra, &n_extra) != 0)
			goto out;
		report_extra_free(extra, n_extra);
		pthread_mutex_init(&lf.lock, NULL);
		lf.o = &o;
		sc.so.filter = lua_filter;
		sc.so.filter_ud = &lf;
	}
	if (sc.threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		sc.threads = cpus < 1 ? 1 : cpus > 16 ? 16 : (int)cpus;
	}

	SearchResult r;
	top = xcalloc((size_t)sc.top, sizeof *top);
	front = xcalloc(SEARCH_PARETO_CAP, sizeof *front);
	search_result_init(&r, top, sc.top, front, SEARCH_PARETO_CAP);
	double t0 = now_s();
	run_parts(s, &sc.so, sc.threads, sc.top, w, &r);
	search_finish(s, &sc.so, w, &r);
	double elapsed = now_s() - t0;

	if (r.n_top == 0)
		n_notes = search_notes(s, &sc.so, w, notes, (int)(sizeof notes / sizeof notes[0]));

	if (sc.chart) {
		ChartPareto *chart = xmalloc(sizeof *chart);
		int crc = 0;
		if (chart_pareto_init(chart, s, &r) != 0)
			cli_error("note: --chart %s: nothing is feasible, no Pareto front to draw (no file "
			    "written)", sc.chart);
		else
			crc = chart_write(&chart->base, sc.chart, &cause);
		free(chart);
		if (crc != 0) {
			cli_error("--chart: %s", cause);
			goto out;
		}
	}
	if (o.emit >= 0) {
		if (r.n_top == 0) {
			cli_error("search --emit %s: no strategy fits; nothing to emit",
			    engine_def((EngineId)o.emit)->name);
			rc = EXIT_CHECK;
			goto out;
		}
		Scenario *win = xmalloc(sizeof *win);
		search_scenario(s, &r.top[0], win);
		char *cmd = engine_emit(c, win, (EngineId)o.emit, &cause);
		free(win);
		if (!cmd) {
			cli_error("%s", cause);
			goto out;
		}
		fputs(cmd, stdout);
		free(cmd);
		rc = EXIT_OK;
		goto out;
	}
	if (o.json) {
		char *text = search_json(s, &sc.so, &r, elapsed, (const char *const *)notes, n_notes, 1);
		if (sc.disagg) {
			/* search --disagg --json: the disaggregated search as "disagg" */
			DisaggSearchWork *dw = xmalloc(sizeof *dw);
			DisaggSearchResult *dr = xmalloc(sizeof *dr);
			disagg_search(s, sc.so.max_gpus, sc.so.allow_tp_across_nodes, dw, dr);
			char *with = disagg_json_add(text, &r, dr, 1);
			if (with) {
				free(text);
				text = with;
			}
			json_disagg_found = dr->found;
			free(dw);
			free(dr);
		}
		printf("%s\n", text);
		free(text);
	} else if (sc.csv) {
		print_csv(stdout, s, &r);
	} else if (o.format && strcmp(o.format, "markdown") == 0) {
		print_markdown(stdout, s, &sc, &r);
	} else {
		print_text(stdout, s, &sc, &r, elapsed, notes, n_notes);
	}
	rc = r.n_top > 0 || json_disagg_found ? EXIT_OK : EXIT_CHECK;
	if (sc.disagg && !o.json && !sc.csv) {
		DisaggSearchWork *dw = xmalloc(sizeof *dw);
		DisaggSearchResult *dr = xmalloc(sizeof *dr);
		double t1 = now_s();
		disagg_search(s, sc.so.max_gpus, sc.so.allow_tp_across_nodes, dw, dr);
		print_disagg(stdout, s, &r, dr, now_s() - t1);
		if (dr->found)
			rc = EXIT_OK;
		free(dw);
		free(dr);
	}
out:
	if (sc.so.filter)
		pthread_mutex_destroy(&lf.lock);
	for (int i = 0; i < n_notes; i++)
		free(notes[i]);
	free(top);
	free(front);
	free(w);
	free(s);
	free(notes_fill);
	free(cause);
	free(rest);
	cli_options_fini(&o);
	return rc;
}
