/* search-front.c: the search's ordering (a total order on candidates, so
 * results do not depend on the search order), its top list and its Pareto
 * front of throughput per GPU against tokens/s per user; see search.c. */
#include "search-internal.h"

#include <math.h>

/* ---- ordering ---------------------------------------------------------- */

int
icmp(long a, long b)
{
	return a < b ? -1 : a > b;
}

/* The layout key: a total order so results do not depend on search order. */
int
key_cmp(const SearchCandidate *a, const SearchCandidate *b)
{
	int c;
	if ((c = icmp(a->tp, b->tp)) || (c = icmp(a->pp, b->pp)) || (c = icmp(a->ep, b->ep)) ||
	    (c = icmp(a->etp, b->etp)) || (c = icmp(a->weight_dtype, b->weight_dtype)) ||
	    (c = icmp(a->kv_dtype, b->kv_dtype)) || (c = icmp(a->micro_batches, b->micro_batches)) ||
	    (c = icmp(a->batch, b->batch)) || (c = icmp(a->dp, b->dp)) ||
	    (c = icmp(a->spec_tokens, b->spec_tokens)))
		return c;
	return 0;
}

static int
dcmp_desc(double a, double b)
{
	return a > b ? -1 : a < b;
}

/* < 0 when a ranks above b. */
int
cand_cmp(const SearchCandidate *a, const SearchCandidate *b)
{
	int c;
	if ((c = dcmp_desc(a->score, b->score)) ||
	    (c = dcmp_desc(a->tokens_per_s_per_gpu, b->tokens_per_s_per_gpu)) ||
	    (c = icmp(a->gpus, b->gpus)) ||
	    (c = dcmp_desc(-a->at_target.tpot_p99_s, -b->at_target.tpot_p99_s)))
		return c;
	return key_cmp(a, b);
}

bool
same_layout(const SearchCandidate *a, const SearchCandidate *b)
{
	return a->tp == b->tp && a->pp == b->pp && a->ep == b->ep && a->etp == b->etp &&
	    a->weight_dtype == b->weight_dtype && a->kv_dtype == b->kv_dtype;
}

/* ---- the top list and the Pareto front ---------------------------------- */

bool
top_would_enter(const SearchResult *r, const SearchCandidate *c)
{
	return r->top_cap > 0 && (r->n_top < r->top_cap || cand_cmp(c, &r->top[r->n_top - 1]) < 0);
}

void
top_insert(SearchResult *r, const SearchCandidate *c)
{
	int i = r->n_top < r->top_cap ? r->n_top++ : r->top_cap - 1;
	while (i > 0 && cand_cmp(c, &r->top[i - 1]) < 0) {
		r->top[i] = r->top[i - 1];
		i--;
	}
	r->top[i] = *c;
}

/* Points closer than this (relative, in both coordinates) are one Pareto
 * point: candidates held at the same SLO differ only by the rate
 * bisection's precision (2^-14 of capacity). */
#define PARETO_EPS 1e-3

bool
near(double a, double b)
{
	return fabs(a - b) <= PARETO_EPS * fmax(fabs(a), fabs(b));
}

/* a dominates b on (throughput per GPU, tokens/s per user), both maximised. */
static bool
dominates(double ax, double ay, double bx, double by)
{
	return (ax >= bx || near(ax, bx)) && (ay >= by || near(ay, by)) &&
	    ((ax > bx && !near(ax, bx)) || (ay > by && !near(ay, by)));
}

static bool
same_point(double ax, double ay, double bx, double by)
{
	return near(ax, bx) && near(ay, by);
}

bool
front_dominated(const SearchResult *r, double x, double y)
{
	for (int i = 0; i < r->n_pareto; i++)
		if (dominates(r->pareto[i].tokens_per_s_per_gpu, r->pareto[i].tokens_per_s_per_user, x, y))
			return true;
	return false;
}

bool
pareto_would_enter(const SearchResult *r, const SearchCandidate *c)
{
	double x = c->tokens_per_s_per_gpu, y = c->tokens_per_s_per_user;
	if (r->pareto_cap <= 0)
		return false;
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *f = &r->pareto[i];
		if (dominates(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y))
			return false;
		if (same_point(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y) && cand_cmp(f, c) <= 0)
			return false;
	}
	return true;
}

void
pareto_insert(SearchResult *r, const SearchCandidate *c)
{
	double x = c->tokens_per_s_per_gpu, y = c->tokens_per_s_per_user;
	int n = 0;
	for (int i = 0; i < r->n_pareto; i++) {
		const SearchCandidate *f = &r->pareto[i];
		bool same = same_point(f->tokens_per_s_per_gpu, f->tokens_per_s_per_user, x, y);
		if (dominates(x, y, f->tokens_per_s_per_gpu, f->tokens_per_s_per_user) || same)
			continue;
		r->pareto[n++] = *f;
	}
	r->n_pareto = n;
	if (n >= r->pareto_cap) {
		r->pareto_truncated = true;
		return;
	}
	int i = n;
	while (i > 0 && (r->pareto[i - 1].tokens_per_s_per_gpu < x ||
	    (r->pareto[i - 1].tokens_per_s_per_gpu == x && r->pareto[i - 1].tokens_per_s_per_user < y))) {
		r->pareto[i] = r->pareto[i - 1];
		i--;
	}
	r->pareto[i] = *c;
	r->n_pareto++;
}

bool
fewest_better(const SearchCandidate *a, const SearchCandidate *b)
{
	if (a->gpus != b->gpus)
		return a->gpus < b->gpus;
	if (a->tokens_per_s_per_gpu != b->tokens_per_s_per_gpu)
		return a->tokens_per_s_per_gpu > b->tokens_per_s_per_gpu;
	return key_cmp(a, b) < 0;
}
