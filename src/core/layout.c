/* layout.c: the layout rules, once (see layout.h). */
#include <string.h>

#include "layout.h"

bool
layout_heads_ok(const Model *m, int tp)
{
	return tp >= 1 && m->n_heads % tp == 0;
}

bool
layout_kv_heads_ok(const Model *m, int tp)
{
	if (tp < 1)
		return false;
	if (model_is_mla(m) || m->n_kv_heads <= 0)
		return true;
	return tp <= m->n_kv_heads ? m->n_kv_heads % tp == 0 : tp % m->n_kv_heads == 0;
}

/* Whether any layer has a dense MLP (full or sliding-window attention). */
static bool
has_dense_mlp(const Model *m)
{
	return model_layers_of_kind(m, 0, 0, m->n_layers) +
	    model_layers_of_kind(m, LAYER_SLIDING, 0, m->n_layers) > 0;
}

bool
layout_width_ok(const Model *m, int tp)
{
	return tp >= 1 && (!has_dense_mlp(m) || m->intermediate % tp == 0);
}

bool
layout_tp_ok(const Model *m, int tp)
{
	return layout_heads_ok(m, tp) && layout_kv_heads_ok(m, tp) && layout_width_ok(m, tp);
}

bool
layout_pp_ok(const Model *m, int pp)
{
	return pp >= 1 && pp <= m->n_layers && pp <= MAX_STAGES;
}

bool
layout_ep_ok(const Model *m, int ep)
{
	return layout_ep_slots_ok(m, ep, 0);
}

bool
layout_ep_slots_ok(const Model *m, int ep, int redundant)
{
	if (ep < 1)
		return false;
	return model_is_moe(m) ? (m->n_experts + (redundant > 0 ? redundant : 0)) % ep == 0 : ep == 1;
}

bool
layout_ep_group_ok(const Model *m, int tp, int dp, int ep, int etp)
{
	if (!model_is_moe(m))
		return true;
	if (ep < 1 || etp < 1)
		return false;
	return (tp * dp) % (ep * etp) == 0 && m->expert_intermediate % etp == 0;
}

bool
layout_gpus_ok(const Cluster *cl, int tp, int pp, int dp)
{
	return (long)tp * pp * dp <= cluster_gpus(cl);
}

bool
layout_tp_in_domain(const Cluster *cl, int tp)
{
	return tp <= cluster_nvlink_domain(cl);
}

static int
add(Check *out, int n, int max, CheckId id, CheckArgs a)
{
	if (n < max)
		out[n++] = (Check){ .id = id, .severity = check_def(id)->severity, .stage = -1, .a = a };
	return n;
}

int
layout_rules(const Model *m, const Cluster *cl, const Strategy *st, int etp, Check *out, int max)
{
	int tp = st->tp, pp = st->pp, dp = st->dp, ep = st->ep;
	int need = tp * pp * dp, have = cluster_gpus(cl), n = 0;

	if (!layout_gpus_ok(cl, tp, pp, dp))
		n = add(out, n, max, CHECK_GPU_COUNT, (CheckArgs){ .gpu_count = { need, have, tp, pp, dp } });
	else if (need < have)
		n = add(out, n, max, CHECK_GPUS_IDLE, (CheckArgs){ .gpus_idle = { need, have, tp * pp } });

	if (!layout_heads_ok(m, tp))
		n = add(out, n, max, CHECK_HEADS_TP, (CheckArgs){ .heads_tp = { m->n_heads, tp } });
	if (!layout_kv_heads_ok(m, tp))
		n = add(out, n, max, CHECK_KV_HEADS_TP, (CheckArgs){ .kv_heads_tp = { m->n_kv_heads, tp } });
	else if (!model_is_mla(m) && tp > m->n_kv_heads)
		n = add(out, n, max, CHECK_KV_HEADS_REPLICATED,
		    (CheckArgs){ .kv_heads_replicated = { m->n_kv_heads, tp, tp / m->n_kv_heads } });
	if (!layout_width_ok(m, tp))
		n = add(out, n, max, CHECK_WIDTH_TP, (CheckArgs){ .width_tp = { m->intermediate, tp } });
	if (!layout_pp_ok(m, pp)) {
		n = add(out, n, max, CHECK_LAYERS_PP, (CheckArgs){ .layers_pp = { m->n_layers, pp } });
	} else {
		int layers[MAX_STAGES];
		if (eval_stage_split(st, m->n_layers, layers) != 0)
			n = add(out, n, max, CHECK_STAGE_LAYERS,
			    (CheckArgs){ .stage_layers = { m->n_layers, pp } });
		else if (m->n_layers % pp != 0)
			n = add(out, n, max, CHECK_LAYERS_UNEVEN, (CheckArgs){ .layers_uneven = {
			    m->n_layers, pp, m->n_layers / pp, m->n_layers / pp + 1 } });
	}
	if (!layout_ep_slots_ok(m, ep, strategy_redundant(st)))
		n = add(out, n, max, CHECK_EXPERTS_EP, (CheckArgs){ .experts_ep = {
		    model_is_moe(m) ? m->n_experts : 0, ep, model_is_moe(m) ? strategy_redundant(st) : 0 } });
	else if (!layout_ep_group_ok(m, tp, dp, ep, etp))
		n = add(out, n, max, CHECK_EP_GROUP,
		    (CheckArgs){ .ep_group = { ep, etp, tp, dp, m->expert_intermediate } });

	int domain = cluster_nvlink_domain(cl);
	if (!layout_tp_in_domain(cl, tp))
		n = add(out, n, max, CHECK_TP_SPANS_NODES,
		    (CheckArgs){ .tp_spans_nodes = { tp, domain } });
	else if (have > domain && domain % tp != 0)
		n = add(out, n, max, CHECK_TP_ALIGN, (CheckArgs){ .tp_align = { tp, domain } });
	return n;
}

bool
layout_fault(const Model *m, const Cluster *cl, const Strategy *st, Check *fault)
{
	Check c[16];
	int n = layout_rules(m, cl, st, eval_etp(st), c, 16);

	for (int i = 0; i < n; i++)
		if (c[i].severity == SEV_ERROR && check_structural(c[i].id)) {
			if (fault)
				*fault = c[i];
			return true;
		}
	return false;
}

Strategy
layout_with(const Strategy *st, LayoutKnob k, int v)
{
	Strategy t = *st;
	switch (k) {
	case LAYOUT_TP: t.tp = v; break;
	case LAYOUT_PP: t.pp = v; break;
	case LAYOUT_DP: t.dp = v; break;
	case LAYOUT_EP: t.ep = v; break;
	case LAYOUT_ETP: t.etp = v; break;
	}
	return t;
}

int
layout_values(const Scenario *s, LayoutKnob k, int *vals, int max)
{
	const Model *m = &s->model;
	int gpus = cluster_gpus(&s->cluster), bound, n = 0;

	switch (k) {
	case LAYOUT_TP: bound = m->n_heads; break;
	case LAYOUT_PP: bound = m->n_layers < MAX_STAGES ? m->n_layers : MAX_STAGES; break;
	case LAYOUT_EP: bound = model_is_moe(m) ? m->n_experts + s->strategy.ep_redundant : 1; break;
	case LAYOUT_ETP: bound = s->strategy.tp * s->strategy.dp; break;
	default: bound = gpus; break;
	}
	if (bound > gpus)
		bound = gpus;
	for (int v = 1; v <= bound && n < max; v++) {
		/* TP takes PP and DP with it (layout_with_tp) */
		Strategy t = k == LAYOUT_TP ? layout_with_tp(m, &s->cluster, &s->strategy, v) :
		    layout_with(&s->strategy, k, v);
		/* a custom stage split belongs to one PP: other PPs split evenly */
		if (k == LAYOUT_PP && t.pp != s->strategy.pp)
			memset(t.stage_layers, 0, sizeof t.stage_layers);
		if (!layout_fault(m, &s->cluster, &t, NULL))
			vals[n++] = v;
	}
	return n;
}

int
layout_pp_follow(const Model *m, const Cluster *cl, int tp, int pp)
{
	int gpus = cluster_gpus(cl), p = pp > 1 ? pp : 1;

	while (p > 1 && (!layout_pp_ok(m, p) || (long)tp * p > gpus))
		p--;
	return p;
}

Strategy
layout_with_tp(const Model *m, const Cluster *cl, const Strategy *st, int tp)
{
	Strategy t = *st;
	int per;

	t.tp = tp;
	t.pp = layout_pp_follow(m, cl, tp, st->pp);
	if (t.pp != st->pp)
		memset(t.stage_layers, 0, sizeof t.stage_layers);
	per = t.tp * t.pp;
	t.dp = per > 0 && cluster_gpus(cl) / per >= 1 ? cluster_gpus(cl) / per : 1;
	/* an EP group spanning DP replicas (attention DP) needs TP x DP a
	 * multiple of EP x expert TP: the most replicas that keep it (DP 48 of
	 * 72 GPUs at EP 48), else all the GPUs as before */
	int etp = eval_etp(&t);
	if (model_is_moe(m) && st->ep > 1 && !layout_ep_group_ok(m, t.tp, t.dp, st->ep, etp))
		for (int dp = t.dp - 1; dp >= 1; dp--)
			if (layout_ep_group_ok(m, t.tp, dp, st->ep, etp)) {
				t.dp = dp;
				break;
			}
	return t;
}

/* How candidate layout st serves the workload of s: 2 when memory fits
 * and the KV pool holds the batch (no memory.fit, memory.kv_room or
 * memory.kv_max_len error), 1 when only the weights, activations and
 * reserve fit, 0 when they do not or the layout cannot run. */
static int
fill_score(const Scenario *s, const Strategy *st)
{
	Scenario t = *s;
	Result r;
	int score = 2;

	t.strategy = *st;
	if (eval_run(&t, &r) != EVAL_OK)
		return 0;
	for (int i = 0; i < r.n_checks; i++) {
		CheckId id = r.checks[i].id;
		if (id == CHECK_MEMORY_FIT)
			return 0;
		if (id == CHECK_KV_ROOM || id == CHECK_KV_MAX_LEN)
			score = 1;
	}
	return score;
}

/* st with TP tp, PP pp and DP the GPUs left over (stage split dropped
 * when PP changes). */
static Strategy
fill_with(const Cluster *cl, const Strategy *st, int tp, int pp)
{
	Strategy t = *st;
	int per = tp * pp;

	t.tp = tp;
	t.pp = pp;
	if (pp != st->pp)
		memset(t.stage_layers, 0, sizeof t.stage_layers);
	t.dp = per > 0 && cluster_gpus(cl) / per >= 1 ? cluster_gpus(cl) / per : 1;
	return t;
}

LayoutFill
layout_fill(const Scenario *s, bool tp_set, bool pp_set, bool dp_set, Strategy *st)
{
	const Model *m = &s->model;
	const Cluster *cl = &s->cluster;
	int gpus = cluster_gpus(cl);
	LayoutFill why = LAYOUT_FILL_NONE;

	*st = s->strategy;
	if (!tp_set && !pp_set) {
		/* replicas of 1, 2, 4, ... GPUs: TP within an NVLink domain first, then PP */
		Strategy best[3];
		bool have[3] = { false, false, false };
		for (int n = 1; n <= gpus; n *= 2) {
			int tp = 0;
			for (int t = 1; t <= n && layout_tp_in_domain(cl, t); t *= 2)
				if (n % t == 0 && layout_tp_ok(m, t))
					tp = t;
			if (tp == 0 || !layout_pp_ok(m, n / tp))
				continue;
			Strategy c = fill_with(cl, st, tp, n / tp);
			int score = fill_score(s, &c);
			if (!have[score] || score == 0) {
				/* the fewest GPUs for scores 1 and 2, the widest for 0 */
				best[score] = c;
				have[score] = true;
			}
			if (score == 2)
				break;
		}
		if (have[2]) {
			*st = best[2];
			why = LAYOUT_FILL_WORKLOAD;
		} else if (have[1]) {
			*st = best[1];
			why = LAYOUT_FILL_WEIGHTS;
		} else {
			*st = have[0] ? best[0] : fill_with(cl, st, 1, 1);
			why = LAYOUT_FILL_WIDEST;
		}
	} else if (!tp_set) {
		/* PP given: the smallest TP within an NVLink domain that serves the
		 * workload, else whose weights fit, else the widest */
		int pp = st->pp > 0 ? st->pp : 1, tp = 0, fit = 0, widest = 1;
		for (int t = 1; (long)t * pp <= gpus && layout_tp_in_domain(cl, t); t *= 2) {
			if (!layout_tp_ok(m, t))
				continue;
			widest = t;
			Strategy c = fill_with(cl, st, t, pp);
			int score = fill_score(s, &c);
			if (score == 2) {
				tp = t;
				break;
			}
			if (score == 1 && fit == 0)
				fit = t;
		}
		*st = fill_with(cl, st, tp ? tp : fit ? fit : widest, pp);
		why = LAYOUT_FILL_TP;
	} else if (!pp_set) {
		/* TP given: PP keeps its stages while TP x PP fits the GPUs */
		int pp = layout_pp_follow(m, cl, st->tp, st->pp);
		if (pp != (st->pp > 0 ? st->pp : 1))
			why = LAYOUT_FILL_PP;
		*st = fill_with(cl, st, st->tp, pp);
	}
	if (!dp_set) {
		int per = st->tp * st->pp;
		st->dp = per > 0 && gpus / per >= 1 ? gpus / per : 1;
	} else {
		st->dp = s->strategy.dp;
	}
	return why;
}
