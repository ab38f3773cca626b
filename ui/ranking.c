/* ranking.c: the strategy search for the ranking screen: options, the run
 * (in-process or in a child process), the result; see ranking.h. */
#include "ranking.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "scenario/child.h"

#include "core/searchopts.h"
#include "core/units.h"
#include "scenario/search_notes.h"
#include "util/xmalloc.h"

/* Above this many terminal rows the default top list grows a row per row. */
#define RANKING_TALL_ROWS 50

/* ---- options ------------------------------------------------------------ */

void
ranking_query_init(RankingQuery *q)
{
	SearchQuery sq;

	memset(q, 0, sizeof *q);
	search_query_init(&sq);
	q->so = sq.so;
	q->top = sq.top;
	q->disagg = sq.disagg;
}

char *
ranking_synopsis(char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, ":search");
	for (int id = 0; id < SOPT_COUNT && o < n; id++) {
		const SearchOptDef *d = search_opt_def((SearchOptId)id);
		if (!(d->fronts & SOPT_TUI))
			continue;
		int k = d->arg ? snprintf(buf + o, n - o, " [--%s %s]", d->name, d->arg) :
		    snprintf(buf + o, n - o, " [--%s]", d->name);
		o += k > 0 ? (size_t)k : 0;
	}
	return buf;
}

/* `shardlab search`'s own options, the TUI rows of the search-option
 * table (core/searchopts.h): the CLI's without --csv, --threads, --no-plot. */
int
ranking_parse(int argc, char *const *argv, const Scenario *s, RankingQuery *q, char **cause)
{
	SearchQuery sq;
	size_t o = 0;

	search_query_init(&sq);
	sq.so = q->so;
	sq.top = q->top;
	sq.disagg = q->disagg;
	q->args[0] = '\0';
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v;
		char why[256];
		int id;
		int took = search_opt_take(&sq, argc, argv, &i, SOPT_TUI, &id, &v, why, sizeof why);
		if (took < 0) {
			*cause = xasprintf("search: %s", why);
			return -1;
		}
		if (took == 0 && strncmp(a, "--", 2) != 0) {
			*cause = xasprintf("search: unexpected '%s': options only (--objective NAME, --top N, "
			    "--dtypes LIST, ...; :help search)", a);
			return -1;
		}
		if (took == 0) {
			*cause = xasprintf("search: unknown option '%s' (Tab completes the options; "
			    "scenario changes go through :set)", a);
			return -1;
		}
		const SearchOptDef *d = search_opt_def((SearchOptId)id);
		if (o < sizeof q->args)
			o += (size_t)snprintf(q->args + o, sizeof q->args - o, "%s--%s%s%s", o ? " " : "",
			    d->name, v ? " " : "", v ? v : "");
	}
	if (o >= sizeof q->args)
		q->args[sizeof q->args - 1] = '\0';
	q->so = sq.so;
	q->top = sq.top;
	q->disagg = sq.disagg;
	SearchOptId bad;
	char why[256];
	if (search_query_check(&sq, s, SOPT_TUI, &bad, why, sizeof why) != 0) {
		*cause = xasprintf("search: --%s: %s", search_opt_def(bad)->name, why);
		return -1;
	}
	return 0;
}

/* ---- the result ------------------------------------------------------- */

Ranking *
ranking_new(void)
{
	Ranking *rk = xcalloc(1, sizeof *rk);
	rk->fd = -1;
	rk->inline_work = RANKING_INLINE_WORK;
	rk->base = xcalloc(1, sizeof *rk->base);
	rk->pending_base = xcalloc(1, sizeof *rk->pending_base);
	ranking_query_init(&rk->q);
	return rk;
}

static void
result_clear(Ranking *rk)
{
	for (int i = 0; i < rk->n_notes; i++)
		free(rk->notes[i]);
	free(rk->notes);
	free(rk->top);
	free(rk->front);
	rk->notes = NULL;
	rk->n_notes = 0;
	rk->top = rk->front = NULL;
	rk->done = false;
}

static void
child_stop(Ranking *rk)
{
	if (!rk->pid)
		return;
	kill(rk->pid, SIGKILL);         /* nothing to clean up: it only computes */
	Child c = { rk->pid, rk->fd, rk->started_s };
	child_reap(&c);
	rk->fd = -1;
	rk->pid = 0;
	rk->len = 0;
}

void
ranking_free(Ranking *rk)
{
	if (!rk)
		return;
	child_stop(rk);
	result_clear(rk);
	free(rk->buf);
	free(rk->base);
	free(rk->pending_base);
	free(rk);
}

static bool
same_str(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

bool
ranking_stale(const Ranking *rk, const Scenario *s)
{
	const Scenario *b = rk->base;
	const Model *ma = &b->model, *mb = &s->model;
	const Cluster *ca = &b->cluster, *cb = &s->cluster;
	const Runtime *ra = &b->runtime, *rb = &s->runtime;
	const Workload *wa = &b->workload, *wb = &s->workload;

	if (!rk->done)
		return false;
	if (!same_str(ma->name, mb->name) || ma->n_layers != mb->n_layers || ma->hidden != mb->hidden ||
	    ma->n_experts != mb->n_experts)
		return true;
	if (!same_str(ca->name, cb->name) || !same_str(ca->gpu.name, cb->gpu.name) ||
	    ca->nodes != cb->nodes || ca->gpus_per_node != cb->gpus_per_node)
		return true;
	if (!same_str(ra->name, rb->name) || ra->mem_fraction != rb->mem_fraction ||
	    ra->max_num_seqs != rb->max_num_seqs || ra->max_num_batched_tokens != rb->max_num_batched_tokens)
		return true;
	if (wa->input_len != wb->input_len || wa->output_len != wb->output_len ||
	    wa->max_batched_tokens != wb->max_batched_tokens || wa->max_model_len != wb->max_model_len ||
	    wa->slo.ttft_p50_s != wb->slo.ttft_p50_s || wa->slo.ttft_p99_s != wb->slo.ttft_p99_s ||
	    wa->slo.tpot_p50_s != wb->slo.tpot_p50_s || wa->slo.tpot_p99_s != wb->slo.tpot_p99_s ||
	    wa->slo.rps != wb->slo.rps)
		return true;
	if (!rk->q.so.weight_dtypes && b->strategy.weight_dtype != s->strategy.weight_dtype)
		return true;
	if (!rk->q.so.kv_dtypes && b->strategy.kv_dtype != s->strategy.kv_dtype)
		return true;
	return false;
}

bool
ranking_matches(const SearchCandidate *c, const Scenario *s)
{
	const Strategy *st = &s->strategy;
	for (int i = 0; i < MAX_STAGES; i++)
		if (st->stage_layers[i])
			return false;   /* a custom split: the search splits evenly */
	int mc = c->micro_batches > 0 ? c->micro_batches : c->pp;
	int ms = st->micro_batches > 0 ? st->micro_batches : st->pp;
	/* expert TP 0 is the default: TP without EP, else 1 (scenario.h) */
	int ec = c->etp > 0 ? c->etp : c->ep == 1 ? c->tp : 1;
	int es = st->etp > 0 ? st->etp : st->ep == 1 ? st->tp : 1;
	return ec == es && c->tp == st->tp && c->pp == st->pp && c->dp == st->dp && c->ep == st->ep &&
	    c->weight_dtype == st->weight_dtype && c->kv_dtype == st->kv_dtype &&
	    c->batch == s->workload.batch && mc == ms &&
	    (c->spec_max == 0 || c->spec_tokens == s->spec.tokens);
}

/* ---- the disaggregated best -------------------------------------------- */

/* "TP 8", "TP 8 x PP 2", "TP 8 x DP 4, EP 32": one pool's
 * instance, as search --disagg's text names it (PP 1 and EP 1 left out) */
static void
pool_text(const DisaggLayout *l, char *buf, size_t n)
{
	size_t o = (size_t)snprintf(buf, n, "TP %d", l->tp);
	if (l->pp > 1 && o < n)
		o += (size_t)snprintf(buf + o, n - o, " x PP %d", l->pp);
	if (l->dp > 1 && o < n)
		o += (size_t)snprintf(buf + o, n - o, " x DP %d", l->dp);
	if (l->ep > 1 && o < n)
		snprintf(buf + o, n - o, ", EP %d", l->ep);
}

void
ranking_disagg_text(const Ranking *rk, char *buf, size_t n)
{
	const DisaggSearchResult *d = &rk->disagg;
	const SearchResult *r = &rk->r;
	char a[48], b[48], p[64], q[64], g[160];
	DisaggVersus v;
	size_t o;

	/* against the aggregated row search --disagg compares with */
	disagg_versus(d, r, &v);
	int ai = v.agg_index;
	double agg = v.agg_tokens_per_s_per_gpu;
	if (!d->found) {
		int gpus = d->max_gpus;
		o = (size_t)snprintf(buf, n, "disaggregated: nothing meets the SLOs%s within %d GPU%s\n"
		    "  (%d prefill and %d decode layouts evaluated, %ld pairs combined)\n",
		    rk->base->workload.slo.rps > 0 ? " and the rate" : "", gpus, gpus == 1 ? "" : "s",
		    d->prefill_layouts, d->decode_layouts, d->pairs);
	} else {
		pool_text(&d->prefill, p, sizeof p);
		pool_text(&d->decode, q, sizeof q);
		o = (size_t)snprintf(buf, n, "disaggregated %dP%dD: prefill %d x %s; decode %d x %s\n"
		    "  %d GPUs, %s within the SLOs, %s per GPU\n", d->x, d->y, d->x, p, d->y, q, d->gpus,
		    fmt_rate(d->rate_rps, "req/s", a, sizeof a), fmt_rate(d->tokens_per_s_per_gpu, "tok/s",
		    b, sizeof b));
	}
	if (o >= n)
		return;
	if (ai < 0) {
		snprintf(buf + o, n - o, d->found ? "  disaggregated wins: no aggregated layout meets the "
		    "SLOs" : "  aggregated: nothing feasible either");
		return;
	}
	if (!d->found) {
		search_format_layout(&r->top[ai], g, sizeof g);
		snprintf(buf + o, n - o, "  aggregated wins: #%d %s, %s per GPU", r->top[ai].rank, g,
		    fmt_rate(agg, "tok/s", a, sizeof a));
		return;
	}
	snprintf(buf + o, n - o, "  %s wins by %.2fx per GPU (aggregated #%d: %s per GPU)",
	    v.disagg_wins ? "disaggregated" : "aggregated", v.ratio, r->top[ai].rank,
	    fmt_rate(agg, "tok/s", a, sizeof a));
}

/* ---- running it --------------------------------------------------------- */

/* The result as it crosses the pipe (both ways of running produce it):
 * this header, then top[n_top], pareto[n_pareto], then the notes, each
 * NUL-terminated.  Parent and child are the same binary. */
typedef struct Blob {
	char magic[8];
	int n_top, n_pareto, n_notes;
	size_t notes_len;
	double elapsed_s;
	SearchResult r;         /* its pointers mean nothing on the other side */
	bool has_disagg;        /* --disagg: d is the disaggregated search's result */
	DisaggSearchResult d;
} Blob;

static const char blob_magic[8] = "shsrch2";

/* compute: the search, as `shardlab search` runs it (one thread), into an
 * allocated blob of *len bytes. */
static char *
compute(const Scenario *s, const RankingQuery *q, size_t *len)
{
	SearchWork *w = xcalloc(1, sizeof *w);
	SearchCandidate *top = xcalloc((size_t)q->top, sizeof *top);
	SearchCandidate *front = xcalloc(SEARCH_PARETO_CAP, sizeof *front);
	char *notes[SEARCH_MAX_NOTES] = { 0 };
	int n_notes = 0;
	Blob h;

	memset(&h, 0, sizeof h);
	search_result_init(&h.r, top, q->top, front, SEARCH_PARETO_CAP);
	double t0 = child_now_s();
	search_run(s, &q->so, w, &h.r);
	search_finish(s, &q->so, w, &h.r);
	h.elapsed_s = child_now_s() - t0;
	if (h.r.n_top == 0)
		n_notes = search_notes(s, &q->so, w, notes, SEARCH_MAX_NOTES);
	if (q->disagg) {
		/* as `shardlab search --disagg`: the same scenario's disaggregated
		 * deployments, beside the aggregated ranking */
		DisaggSearchWork *dw = xmalloc(sizeof *dw);
		disagg_search(s, q->so.max_gpus, q->so.allow_tp_across_nodes, dw, &h.d);
		h.has_disagg = true;
		free(dw);
	}
	memcpy(h.magic, blob_magic, sizeof h.magic);
	h.n_top = h.r.n_top;
	h.n_pareto = h.r.n_pareto;
	h.n_notes = n_notes;
	for (int i = 0; i < n_notes; i++)
		h.notes_len += strlen(notes[i]) + 1;
	size_t n = sizeof h + (size_t)(h.n_top + h.n_pareto) * sizeof *top + h.notes_len;
	char *buf = xmalloc(n), *p = buf;
	memcpy(p, &h, sizeof h);
	p += sizeof h;
	memcpy(p, top, (size_t)h.n_top * sizeof *top);
	p += (size_t)h.n_top * sizeof *top;
	memcpy(p, front, (size_t)h.n_pareto * sizeof *front);
	p += (size_t)h.n_pareto * sizeof *front;
	for (int i = 0; i < n_notes; i++) {
		size_t k = strlen(notes[i]) + 1;
		memcpy(p, notes[i], k);
		p += k;
		free(notes[i]);
	}
	free(front);
	free(top);
	free(w);
	*len = n;
	return buf;
}

/* install: take a blob as rk's result (for the pending query and base). */
static int
install(Ranking *rk, const char *buf, size_t len)
{
	Blob h;
	if (len < sizeof h)
		return -1;
	memcpy(&h, buf, sizeof h);
	size_t cs = sizeof(SearchCandidate);
	if (memcmp(h.magic, blob_magic, sizeof h.magic) != 0 || h.n_top < 0 || h.n_top > SEARCH_MAX_TOP ||
	    h.n_pareto < 0 || h.n_pareto > SEARCH_PARETO_CAP || h.n_notes < 0 ||
	    h.n_notes > SEARCH_MAX_NOTES ||
	    len != sizeof h + (size_t)(h.n_top + h.n_pareto) * cs + h.notes_len)
		return -1;
	result_clear(rk);
	const char *p = buf + sizeof h;
	rk->top = xcalloc((size_t)h.n_top + 1, cs);
	rk->front = xcalloc((size_t)h.n_pareto + 1, cs);
	memcpy(rk->top, p, (size_t)h.n_top * cs);
	p += (size_t)h.n_top * cs;
	memcpy(rk->front, p, (size_t)h.n_pareto * cs);
	p += (size_t)h.n_pareto * cs;
	rk->notes = xcalloc((size_t)h.n_notes + 1, sizeof *rk->notes);
	const char *end = buf + len;
	for (int i = 0; i < h.n_notes && p < end; i++) {
		size_t k = strnlen(p, (size_t)(end - p));
		rk->notes[rk->n_notes++] = xasprintf("%.*s", (int)k, p);
		p += k + 1;
	}
	rk->r = h.r;
	rk->r.top = rk->top;
	rk->r.top_cap = h.n_top;
	rk->r.n_top = h.n_top;
	rk->r.pareto = rk->front;
	rk->r.pareto_cap = h.n_pareto;
	rk->r.n_pareto = h.n_pareto;
	rk->elapsed_s = h.elapsed_s;
	rk->has_disagg = h.has_disagg;
	rk->disagg = h.d;
	rk->q = rk->pending_q;
	*rk->base = *rk->pending_base;
	rk->done = true;
	rk->error[0] = '\0';
	rk->gen++;
	return 0;
}

/* The child: compute, write the result to the pipe. */
static int
search_child(void *ud, int fd)
{
	Ranking *rk = ud;
	size_t len;
	char *buf = compute(rk->pending_base, &rk->pending_q, &len);
	child_write_all(fd, buf, len);
	return 0;
}

/* The message line after a search (took_s < 0: it ran in-process). */
static void
say_done(App *a, double took_s)
{
	const Ranking *rk = a->ranking;
	char t[48] = "";
	if (took_s >= 0)
		snprintf(t, sizeof t, " in %.2f s", took_s);
	const char *s = rk->r.layouts == 1 ? "" : "s";
	if (rk->r.n_top)
		app_msg(a, ROLE_OK, "searched %ld layout%s%s: %ld feasible; Enter loads the selected row "
		    "into the main screen", rk->r.layouts, s, t, rk->r.feasible_layouts);
	else
		app_msg(a, ROLE_WARN, "searched %ld layout%s%s: nothing is feasible; the ranking says why "
		    "and the smallest change", rk->r.layouts, s, t);
}

static int
popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

int
app_search_start(App *a, const RankingQuery *q, char **cause)
{
	Ranking *rk = a->ranking;

	child_stop(rk);
	rk->pending_q = *q;
	/* no --top given: a tall terminal ranks as many as its table shows
	 * (the default's 10 at 80x24, about twice that at 200x60) */
	if (!q->args[0] && a->rows > RANKING_TALL_ROWS) {
		int want = a->rows - RANKING_TALL_ROWS + q->top;
		rk->pending_q.top = want < SEARCH_MAX_TOP ? want : SEARCH_MAX_TOP;
	}
	*rk->pending_base = *a->s;
	rk->error[0] = '\0';
	int gpus = q->so.max_gpus > 0 ? q->so.max_gpus : cluster_gpus(&a->s->cluster);
	long work = (long)gpus * popcount(q->so.weight_dtypes ? q->so.weight_dtypes : 1) *
	    popcount(q->so.kv_dtypes ? q->so.kv_dtypes : 1) * (q->disagg ? 2 : 1);
	if (work <= rk->inline_work) {
		size_t len;
		char *buf = compute(rk->pending_base, &rk->pending_q, &len);
		int rc = install(rk, buf, len);
		free(buf);
		if (rc != 0) {
			*cause = xstrdup("search: internal error: the result did not read back");
			return -1;
		}
		say_done(a, -1);
		return 0;
	}
	Child c;
	if (child_start(&c, "search", false, search_child, rk, cause) != 0)
		return -1;
	rk->pid = c.pid;
	rk->fd = c.fd;
	rk->len = 0;
	rk->started_s = c.started_s;
	app_msg(a, ROLE_MESSAGE, "searching %s on %d GPUs in the background; Esc or Ctrl-C stops it",
	    a->s->model.name, gpus);
	return 0;
}

/* finish: the child closed its pipe: reap it, take the result. */
static void
finish(App *a)
{
	Ranking *rk = a->ranking;
	int st = 0;
	char what[128];

	Child c = { rk->pid, rk->fd, rk->started_s };
	st = child_reap(&c);
	rk->fd = -1;
	rk->pid = 0;
	double took = child_now_s() - rk->started_s;
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && install(rk, rk->buf, rk->len) == 0) {
		say_done(a, took);
	} else {
		if (WIFSIGNALED(st))
			snprintf(what, sizeof what, "killed by signal %d", WTERMSIG(st));
		else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
			snprintf(what, sizeof what, "exit status %d", WEXITSTATUS(st));
		else
			snprintf(what, sizeof what, "an incomplete result (%zu bytes)", rk->len);
		snprintf(rk->error, sizeof rk->error, "the search failed: %s", what);
		app_msg(a, ROLE_ERROR, "%s", rk->error);
	}
	rk->len = 0;
}

int
app_search_poll(App *a, int timeout_ms)
{
	Ranking *rk = a->ranking;
	int flags = H_NONE;

	while (rk->pid && rk->fd >= 0) {
		if (rk->cap - rk->len < 65536) {
			rk->cap = rk->cap ? rk->cap * 2 : 1 << 17;
			rk->buf = xrealloc(rk->buf, rk->cap);
		}
		Child c = { rk->pid, rk->fd, rk->started_s };
		ssize_t k = child_read(&c, rk->buf + rk->len, rk->cap - rk->len, timeout_ms);
		if (k < 0)
			break;
		if (k == 0) {
			finish(a);
			return H_REDRAW;
		}
		rk->len += (size_t)k;
		if (timeout_ms >= 0)
			timeout_ms = 0;         /* drain what is there, then return */
	}
	return flags;
}

void
app_search_cancel(App *a)
{
	Ranking *rk = a->ranking;
	if (!rk->pid)
		return;
	child_stop(rk);
	app_msg(a, ROLE_WARN, "search stopped%s", rk->done ? "; the ranking shown is the last one" : "");
}

int
app_search_fd(const App *a)
{
	return a->ranking->pid ? a->ranking->fd : -1;
}

bool
app_search_running(const App *a)
{
	return a->ranking->pid != 0;
}
