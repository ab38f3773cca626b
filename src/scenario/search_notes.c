/* search_notes.c: the notes of an infeasible search; see search_notes.h. */
#include "scenario/search_notes.h"

#include <stdio.h>

#include "util/xmalloc.h"

/* "6 x t4 (8 in whole 4-GPU nodes)" */
const char *
search_count_text(int used, int rounded, const Scenario *s, char *buf, size_t n)
{
	int gpn = s->cluster.gpus_per_node;
	if (s->cluster.nodes <= 1 && s->cluster.gpu.gpus_per_node > gpn)
		gpn = s->cluster.gpu.gpus_per_node;
	if (rounded > used)
		snprintf(buf, n, "%d x %s (%d in whole %d-GPU nodes)", used, s->cluster.gpu.name, rounded, gpn);
	else
		snprintf(buf, n, "%d x %s", used, s->cluster.gpu.name);
	return buf;
}

int
search_notes(const Scenario *s, const SearchOptions *so, SearchWork *w, char **notes, int cap)
{
	char cnt[128], lay[256];
	SearchCandidate c1, c2, c3;
	int n = 0;
	const char *gpu = s->cluster.gpu.name;
	unsigned wmask = so->weight_dtypes ? so->weight_dtypes : 1u << s->strategy.weight_dtype;

	if (cap < 3)
		return 0;
	int g1 = search_fewest_gpus(s, so, true, w, &c1);
	int g2 = 0;
	if (!(wmask & 1u << DTYPE_INT4)) {
		SearchOptions q = *so;
		q.weight_dtypes = 1u << DTYPE_INT4;
		g2 = search_fewest_gpus(s, &q, true, w, &c2);
	}
	if (g1 == 0 && g2 == 0) {
		notes[n++] = xasprintf("nothing fits in memory on up to %d x %s, at any layout", SEARCH_MAX_GPUS,
		    gpu);
	} else {
		bool int4_first = g2 > 0 && (g1 == 0 || g2 < g1);
		const SearchCandidate *b = int4_first ? &c2 : &c1;
		search_format_layout(b, lay, sizeof lay);
		notes[n++] = xasprintf("smallest change that fits in memory: %s%s: %s",
		    int4_first ? "int4 weights on " : "", search_count_text(b->gpus, int4_first ? g2 : g1, s, cnt,
		    sizeof cnt), lay);
		if (int4_first && g1 > 0) {
			search_format_layout(&c1, lay, sizeof lay);
			notes[n++] = xasprintf("  at %s: %s: %s", dtype_name(c1.weight_dtype),
			    search_count_text(c1.gpus, g1, s, cnt, sizeof cnt), lay);
		} else if (!int4_first && g2 > 0) {
			search_format_layout(&c2, lay, sizeof lay);
			notes[n++] = xasprintf("  with int4 weights: %s: %s", search_count_text(c2.gpus, g2, s, cnt,
			    sizeof cnt), lay);
		}
	}
	const Slo *slo = &s->workload.slo;
	bool slos = slo->ttft_p50_s > 0 || slo->ttft_p99_s > 0 || slo->tpot_p50_s > 0 ||
	    slo->tpot_p99_s > 0 || slo->rps > 0;
	if (slos && n < cap) {
		int g3 = search_fewest_gpus(s, so, false, w, &c3);
		if (g3 > 0) {
			search_format_layout(&c3, lay, sizeof lay);
			notes[n++] = xasprintf("to meet the SLOs%s as well: %s: %s", slo->rps > 0 ?
			    " and rate" : "", search_count_text(c3.gpus, g3, s, cnt, sizeof cnt), lay);
		} else {
			notes[n++] = xasprintf("no count of %s up to %d meets the SLOs%s: relax them, shorten "
			    "the inputs, or use a faster GPU", gpu, SEARCH_MAX_GPUS, slo->rps > 0 ?
			    " and rate" : "");
		}
	}
	return n;
}
