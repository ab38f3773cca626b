/* search-internal.h: what the parts of the search share (search.c the
 * enumeration, search-front.c the ranking and the Pareto front,
 * search-assess.c one unit's assessment); not for use outside src/core/search*.c. */
#ifndef SHARDLAB_CORE_SEARCH_INTERNAL_H
#define SHARDLAB_CORE_SEARCH_INTERNAL_H

#include <stdbool.h>

#include "search.h"

typedef struct Unit {
	int tp, pp, ep, etp, dp_unit;
	Dtype wd, kd, act;
} Unit;

/* What eval_run said at one batch cap. */
typedef struct Sample {
	int batch;
	double tpot_s, per_gpu_bytes, weights_bytes, static_rps, bound_share;
	double spec_speedup;    /* eval's latency.spec.speedup (1 without speculation) */
	ServingBound bound;
} Sample;

typedef struct Ctx {
	const Scenario *base;
	const SearchOptions *o;
	SearchWork *w;
	SearchResult *r;
	SearchProbe *probe;     /* non-NULL: assess for this probe only */
	ModelParams mp;
	const Slo *slo;
	int max_gpus, gpn, batch_max, max_model_len, full_layers;
	double usd, in, out;
	double ttft_slo, tpot_slo;      /* the tighter of p50/p99 when set, as eval checks */
	bool has_bf16;
	int spec_max;                   /* search_spec_max: k = 0..spec_max per layout */
	int spec_k;                     /* the k being assessed */
} Ctx;

/* search-front.c: ordering, the top list and the Pareto front. */
int icmp(long a, long b);
int key_cmp(const SearchCandidate *a, const SearchCandidate *b);
int cand_cmp(const SearchCandidate *a, const SearchCandidate *b);
bool same_layout(const SearchCandidate *a, const SearchCandidate *b);
bool near(double a, double b);
bool front_dominated(const SearchResult *r, double x, double y);
bool top_would_enter(const SearchResult *r, const SearchCandidate *c);
void top_insert(SearchResult *r, const SearchCandidate *c);
bool pareto_would_enter(const SearchResult *r, const SearchCandidate *c);
void pareto_insert(SearchResult *r, const SearchCandidate *c);
bool fewest_better(const SearchCandidate *a, const SearchCandidate *b);

/* search-assess.c: rejections, the model's constraints, one unit. */
bool nearer(const SearchRejection *a, const SearchRejection *b);
void reject(Ctx *c, const Unit *u, SearchReject why, int batch, int dp, double miss, bool bound,
    double v0, double v1, double v2, double v3);
bool memory_lb(const Ctx *c, const Unit *u, double *need, double *budget, double *wts, double *fixed);
void set_strategy(Scenario *s, const Unit *u, int dp, int micro);
void assess_unit(Ctx *c, const Unit *u);

#endif
