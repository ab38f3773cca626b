/* disagg-search.c: the best disaggregated deployment (search --disagg);
 * see disagg.h. */
#include <math.h>
#include <string.h>

#include "disagg.h"
#include "layout.h"
#include "search.h"
#include "serving.h"

/* TP and PP degrees tried per instance (powers of two, as search.c). */
static const int degrees[] = { 1, 2, 4, 8, 16, 32, 64 };
#define N_DEGREES ((int)(sizeof degrees / sizeof degrees[0]))
#define PP_MAX 16

/* The instance layouts of base: TP (within the NVLink domain unless
 * allowed) x PP up to half the GPUs, EP 1 or TP for MoE. */
static int
layouts(const Scenario *base, int max_gpus, bool allow_tp_nodes, DisaggLayout *out)
{
	int n = 0, domain = cluster_nvlink_domain(&base->cluster);
	bool moe = model_is_moe(&base->model);

	for (int i = 0; i < N_DEGREES; i++)
		for (int j = 0; j < N_DEGREES && degrees[j] <= PP_MAX; j++) {
			int tp = degrees[i], pp = degrees[j];
			if (tp * pp > max_gpus / 2 || (!allow_tp_nodes && tp > domain))
				continue;
			if (!layout_heads_ok(&base->model, tp) || !layout_pp_ok(&base->model, pp))
				continue;
			for (int e = 0; e < (moe && tp > 1 ? 2 : 1) && n < DISAGG_SEARCH_LAYOUTS; e++)
				out[n++] = (DisaggLayout){ tp, pp, e ? tp : 1, 1 };
		}
	return n;
}

/* Decode instances that spread the experts over several replicas (EP =
 * TP x replicas, PP 1), as search's aggregated layouts do when EP spans
 * DP replicas; each replica its own attention. */
static int
ep_group_layouts(const Scenario *base, int max_gpus, bool allow_tp_nodes, DisaggLayout *out, int n)
{
	int domain = cluster_nvlink_domain(&base->cluster);

	if (!model_is_moe(&base->model))
		return n;
	for (int i = 0; i < N_DEGREES; i++)
		for (int k = 2; k <= 64; k *= 2) {
			int tp = degrees[i], ep = tp * k;
			if (ep > max_gpus / 2 || ep > base->model.n_experts || base->model.n_experts % ep != 0 ||
			    (!allow_tp_nodes && tp > domain) || !layout_heads_ok(&base->model, tp))
				continue;
			if (n < DISAGG_SEARCH_LAYOUTS)
				out[n++] = (DisaggLayout){ tp, 1, ep, k };
		}
	return n;
}

/* The decode instance of layout l: the base at that layout, one replica,
 * disaggregation off (its GPUs: the cluster's), the runtime's batch cap. */
static void
decode_scenario(const Scenario *base, const DisaggLayout *l, Scenario *out)
{
	*out = *base;
	out->disagg.prefill_dp = 0;
	out->strategy.tp = l->tp;
	out->strategy.pp = l->pp;
	out->strategy.ep = l->ep;
	out->strategy.dp = l->dp > 0 ? l->dp : 1;
	out->strategy.etp = 0;
	out->strategy.micro_batches = 0;
	memset(out->strategy.stage_layers, 0, sizeof out->strategy.stage_layers);
}

static int
decode_cap(const Scenario *base)
{
	int cap = base->runtime.max_num_seqs > base->workload.batch ? base->runtime.max_num_seqs :
	    base->workload.batch;
	return cap > 0 ? cap : 1;
}

int
disagg_search(const Scenario *base, int max_gpus, bool allow_tp_nodes, DisaggSearchWork *w,
    DisaggSearchResult *out)
{
	const Slo *slo = &base->workload.slo;
	double O = base->workload.output_len;
	int gpus = cluster_gpus(&base->cluster);
	DisaggLayout cand[DISAGG_SEARCH_LAYOUTS];

	memset(out, 0, sizeof *out);
	if (max_gpus <= 0 || max_gpus > gpus)
		max_gpus = gpus;
	out->max_gpus = max_gpus;
	w->base = *base;
	w->base.disagg.prefill_gpu_set = false;
	int n = layouts(base, max_gpus, allow_tp_nodes, cand);

	/* prefill-only: one evaluation per layout */
	w->n_prefill = 0;
	for (int i = 0; i < n; i++) {
		Scenario *s = &w->base;
		s->disagg.prefill_tp = cand[i].tp;
		s->disagg.prefill_pp = cand[i].pp;
		s->disagg.prefill_ep = cand[i].ep;
		s->disagg.prefill_dp = 1;
		DisaggPrefill *p = &w->pre[w->n_prefill];
		out->evaluations++;
		if (disagg_prefill_eval(s, &w->work, &w->result, p) != 0 || !p->feasible)
			continue;
		w->pl[w->n_prefill++] = cand[i];
	}
	/* decode-only: one step model per layout (eval at batch 1, 2, 4, ...) */
	w->n_decode = 0;
	n = ep_group_layouts(base, max_gpus, allow_tp_nodes, cand, n);
	for (int i = 0; i < n; i++) {
		StepModel sm, *m = &sm;
		Scenario *s = &w->base;
		decode_scenario(base, &cand[i], s);
		if (serving_step_model(s, decode_cap(base), &w->work, &w->result, m) != 0) {
			out->evaluations++;
			continue;
		}
		out->evaluations += m->n;
		DisaggDecode *d = &w->dec[w->n_decode];
		disagg_decode_from(s, &w->result, m->n, m->batch, m->step_s, m->max_seqs, d);
		if (!d->valid)
			continue;
		/* the step model's last eval is at the cap: a memory error there
		 * is the KV room of the cap, which the cap already respects */
		d->feasible = true;
		d->replicas = cand[i].dp > 0 ? cand[i].dp : 1;
		d->gpus_per_instance *= d->replicas;
		w->dec_rate[w->n_decode] = disagg_decode_rate(d, O, slo);
		w->dl[w->n_decode++] = cand[i];
	}
	out->prefill_layouts = w->n_prefill;
	out->decode_layouts = w->n_decode;
	w->base = *base;
	w->base.disagg.prefill_gpu_set = false;

	/* every pair: its transfer, the prefill rate a under it, and the counts */
	double best = 0;
	for (int i = 0; i < w->n_prefill; i++)
		for (int j = 0; j < w->n_decode; j++) {
			const DisaggPrefill *p = &w->pre[i];
			const DisaggDecode *d = &w->dec[j];
			double b = w->dec_rate[j];
			DisaggTransfer kv;
			out->pairs++;
			if (!(b > 0))
				continue;
			w->base.strategy.tp = w->dl[j].tp;
			w->base.strategy.pp = w->dl[j].pp;
			disagg_transfer(&w->base, p, d, &kv);
			double a = disagg_prefill_rate(p, &kv, slo);
			if (!(a > 0))
				continue;
			int gp = p->gpus_per_instance, gd = d->gpus_per_instance, x = 0, y = 0;
			double rate = 0, score = 0;
			if (slo->rps > 0) {
				x = (int)ceil(slo->rps / a - 1e-9);
				y = (int)ceil(slo->rps / b - 1e-9);
				if (x < 1 || y < 1 || x * gp + y * gd > max_gpus)
					continue;
				rate = fmin(x * a, y * b);
				score = rate * O / (x * gp + y * gd);
			} else {
				/* the P:D ratio: for each decode count the prefill
				 * counts on either side of balance, within the GPUs */
				for (int yy = 1; yy * gd + gp <= max_gpus; yy++) {
					double bal = yy * b / a;
					int xs[2] = { (int)floor(bal), (int)ceil(bal) };
					for (int k = 0; k < 2; k++) {
						int xx = xs[k] < 1 ? 1 : xs[k];
						if (xx * gp + yy * gd > max_gpus)
							continue;
						double rr = fmin(xx * a, yy * b), sc = rr * O / (xx * gp + yy * gd);
						if (sc > score * (1 + 1e-12) || (sc >= score && xx * gp + yy * gd >
						    x * gp + y * gd)) {
							score = sc;
							rate = rr;
							x = xx;
							y = yy;
						}
					}
				}
				if (x < 1)
					continue;
			}
			if (score > best) {
				best = score;
				out->found = true;
				out->prefill = w->pl[i];
				out->decode = w->dl[j];
				out->x = x;
				out->y = y;
				out->gpus = x * gp + y * gd;
				out->rate_rps = rate;
				out->tokens_per_s_per_gpu = score;
				disagg_combine(&w->base, p, x, d, y, &kv, &out->report);
			}
		}
	return 0;
}

void
disagg_versus(const DisaggSearchResult *d, const SearchResult *agg, DisaggVersus *out)
{
	*out = (DisaggVersus){ .agg_index = -1 };
	for (int i = 0; i < agg->n_top; i++)
		if (agg->top[i].tokens_per_s_per_gpu > out->agg_tokens_per_s_per_gpu) {
			out->agg_tokens_per_s_per_gpu = agg->top[i].tokens_per_s_per_gpu;
			out->agg_index = i;
		}
	double a = out->agg_tokens_per_s_per_gpu, x = d->tokens_per_s_per_gpu;
	out->disagg_wins = d->found && x >= a;
	if (d->found && a > 0)
		out->ratio = out->disagg_wins ? x / a : a / x;
}
