/* audit-layout.c: the plan's placement and strategy against the model and
 * the cluster, as findings; see audit.h and docs/audit.md. */
#include "audit-internal.h"

#include <stdlib.h>

#include "layout.h"
#include "units.h"

/* "0-3", "4, 6, 9": a GPU list into buf. */
static char *
gpu_list(const int *g, int n, char *buf, size_t len)
{
	TextOut o = { .buf = buf, .n = len };
	buf[0] = '\0';
	for (int i = 0; i < n;) {
		int j = i;
		while (j + 1 < n && g[j + 1] == g[j] + 1)
			j++;
		text_out(&o, "%s%d", i ? ", " : "", g[i]);
		if (j > i)
			text_out(&o, "-%d", g[j]);
		i = j + 1;
	}
	return buf;
}

static int
cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

void
audit_layout_checks(Ctx *x)
{
	const AuditInput *in = x->in;
	const Scenario *s = in->scenarios[0];
	const Result *r = in->results[0];
	const Model *m = &s->model;
	const Strategy *st = &s->strategy;
	int tp = st->tp, pp = st->pp, dp = st->dp, ep = st->ep;
	int G = cluster_gpus(&s->cluster), need = tp * pp * dp;
	char a[256], b[256];
	int layers[MAX_STAGES];
	bool split_ok = pp <= MAX_STAGES && eval_stage_split(st, m->n_layers, layers) == 0;

	/* what the layout is, stated */
	audit_finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.gpus", "TP %d x PP %d x DP %d = %d GPUs "
	    "of the cluster's %d%s", tp, pp, dp, need, G, ep > 1 ?
	    "; EP folds into TP x DP, as vLLM, SGLang and TensorRT-LLM do: it adds no GPUs" : "");
	if (split_ok && pp <= 16) {
		TextOut o = { .buf = a, .n = sizeof a };
		for (int i = 0, first = 0; i < pp; first += layers[i], i++)
			text_out(&o, "%s%d-%d", i ? ", " : "", first, first + layers[i] - 1);
		audit_finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.layers", "%d layers over PP %d: "
		    "stages hold layers %s", m->n_layers, pp, a);
	}
	if (layout_heads_ok(m, tp))
		audit_finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.heads", "%d heads / TP %d = %d per "
		    "GPU; %d KV heads -> %d per GPU%s", m->n_heads, tp, m->n_heads / tp, m->n_kv_heads,
		    (m->n_kv_heads + tp - 1) / tp, tp > m->n_kv_heads ? " (replicated)" : "");
	if (model_is_moe(m) && layout_ep_ok(m, ep))
		audit_finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.experts", "%d experts / EP %d = %d "
		    "per GPU in each MoE layer; EP %d x expert-TP %d within TP x DP = %d", m->n_experts,
		    ep, m->n_experts / ep, ep, r->etp, tp * dp);

	/* beyond total memory: no layout of these GPUs holds the weights */
	const Fig *f0 = &x->figs[0];
	double cl_mem = s->cluster.gpu.memory_bytes * G;
	if (f0->weights_total > cl_mem)
		audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 8, "layout.total_memory", "the weights of %s "
		    "in %s (%s) are %.1fx the memory of the whole cluster (%d x %s = %s): no layout of "
		    "these GPUs holds them", m->name, dtype_name(st->weight_dtype),
		    fmt_bytes(f0->weights_total, a, sizeof a), f0->weights_total / cl_mem, G,
		    s->cluster.gpu.name, fmt_bytes(cl_mem, b, sizeof b));

	if (in->n_groups == 0 || pp * dp > MAX_SLOTS)
		return;
	for (int g = 0; g < MAX_GPU_IDS; g++)
		x->owner[g] = -1;

	/* explicit stage groups */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_STAGE)
			continue;
		if (gr->stage < 0 || gr->stage >= pp || gr->replica < 0 || gr->replica >= dp) {
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage", "%s: stage %d of DP "
			    "replica %d does not exist with PP %d x DP %d", gr->where, gr->stage, gr->replica,
			    pp, dp);
			continue;
		}
		int slot = gr->replica * pp + gr->stage;
		if (x->covered[slot])
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage", "%s: stage %d of DP "
			    "replica %d is placed twice", gr->where, gr->stage, gr->replica);
		x->covered[slot] = true;
		if (gr->n_gpus != tp)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.tp_group", "%s: stage %d lists "
			    "%d GPU%s (%s), its TP group needs TP = %d", gr->where, gr->stage, gr->n_gpus,
			    gr->n_gpus == 1 ? "" : "s", gpu_list(gr->gpus, gr->n_gpus, a, sizeof a), tp);
		if (split_ok && gr->first_layer >= 0) {
			int first = 0;
			for (int k = 0; k < gr->stage; k++)
				first += layers[k];
			int last = first + layers[gr->stage] - 1;
			if (gr->first_layer != first || gr->last_layer != last)
				audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.stage_layers", "%s: stage %d "
				    "lists layers %d-%d, the layout gives it %d-%d (%d layers over PP %d%s)",
				    gr->where, gr->stage, gr->first_layer, gr->last_layer, first, last,
				    m->n_layers, pp, st->stage_layers[0] ? ", --stage-layers" :
				    ", vLLM get_pp_indices");
		}
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g < 0 || g >= G) {
				audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.gpu_range", "%s: GPU %d is "
				    "not in the %d-GPU cluster (GPUs 0-%d)", gr->where, g, G, G - 1);
				continue;
			}
			if (g >= MAX_GPU_IDS)
				continue;
			if (x->owner[g] >= 0 && x->owner[g] != slot)
				audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.double_claim", "GPU %d is "
				    "claimed by two pipeline stages: stage %d of replica %d and %s (stage %d of "
				    "replica %d)", g, x->owner[g] % pp, x->owner[g] / pp, gr->where, gr->stage,
				    gr->replica);
			x->owner[g] = slot;
		}
	}

	/* the stages the plan leaves unplaced go where engines put them: the
	 * lowest free GPUs, replica by replica, stage by stage (rank order) */
	int next = 0;
	for (int slot = 0; slot < pp * dp; slot++) {
		if (x->covered[slot])
			continue;
		int got[AUDIT_MAX_GROUP_GPUS], n = 0;
		while (n < tp && n < AUDIT_MAX_GROUP_GPUS && next < MAX_GPU_IDS) {
			if (x->owner[next] < 0) {
				x->owner[next] = slot;
				x->implied[next] = true;
				got[n++] = next;
			}
			next++;
		}
		if (n > 0 && slot < 64)
			audit_finding(x, FINDING_LAYOUT, SEV_INFO, -1, 0, "layout.implied", "the placement gives "
			    "stage %d of DP replica %d no GPUs; the layout needs it, and engines' rank order "
			    "puts it on GPU%s %s", slot % pp, slot / pp, n == 1 ? "" : "s",
			    gpu_list(got, n, a, sizeof a));
	}

	/* expert groups: EP ranks live on the TP x DP GPUs of one stage */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_EXPERTS)
			continue;
		if (!model_is_moe(m)) {
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.experts", "%s places experts, "
			    "but %s is dense", gr->where, m->name);
			continue;
		}
		if (gr->n_gpus != ep)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.ep_group", "%s lists %d GPUs "
			    "for experts; EP is %d", gr->where, gr->n_gpus, ep);
		if (gr->experts_per_gpu > 0 && gr->experts_per_gpu * ep != m->n_experts)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.experts_per_gpu", "%s: %d "
			    "experts per GPU x EP %d != the model's %d experts", gr->where, gr->experts_per_gpu,
			    ep, m->n_experts);
		if (gr->first_expert >= 0 && gr->last_expert - gr->first_expert + 1 > m->n_experts)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.experts", "%s: experts %d-%d, "
			    "the model has %d per layer", gr->where, gr->first_expert, gr->last_expert,
			    m->n_experts);
		int none[AUDIT_MAX_GROUP_GPUS], n_none = 0, imp[AUDIT_MAX_GROUP_GPUS], n_imp = 0;
		int stages_seen = 0, stage0 = -1, imp_replica = -1;
		bool multi = false;
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g < 0 || g >= G || g >= MAX_GPU_IDS) {
				audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.gpu_range", "%s: GPU %d is "
				    "not in the %d-GPU cluster", gr->where, g, G);
				continue;
			}
			int o = x->owner[g];
			if (o < 0) {
				none[n_none++] = g;
				continue;
			}
			if (x->implied[g]) {
				imp[n_imp++] = g;
				imp_replica = o / pp;
			}
			if (stage0 < 0)
				stage0 = o % pp;
			else if (o % pp != stage0)
				multi = true;
			stages_seen++;
		}
		if (n_none > 0)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 4, "layout.ep_placement", "%s puts experts "
			    "on GPU%s %s, which hold no pipeline stage: engines place EP ranks on the TP x DP "
			    "GPUs of each stage (vLLM --enable-expert-parallel, SGLang --ep-size), so "
			    "dedicated expert GPUs are not a layout they run", gr->where, n_none == 1 ? "" : "s",
			    gpu_list(none, n_none, a, sizeof a));
		if (n_imp > 0) {
			qsort(imp, (size_t)n_imp, sizeof imp[0], cmp_int);
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 5, "layout.double_claim", "GPU%s %s %s "
			    "claimed by two groups: %s (experts%s%.80s%s) and DP replica %d's pipeline "
			    "stage%s, which TP %d x PP %d x DP %d needs there (the plan places no GPUs for "
			    "replica %d; engines' rank order puts it on the next %d)", n_imp == 1 ? "" : "s",
			    gpu_list(imp, n_imp, a, sizeof a), n_imp == 1 ? "is" : "are", gr->where,
			    gr->text[0] ? ": \"" : "", gr->text, gr->text[0] ? "\"" : "", imp_replica,
			    multi ? "s" : "", tp, pp, dp, imp_replica, tp * pp);
		} else if (multi) {
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 3, "layout.ep_stages", "%s spans GPUs of "
			    "several pipeline stages: an EP group is the TP x DP GPUs of one stage and holds "
			    "that stage's layers' experts", gr->where);
		} else if (stages_seen > 0 && gr->stage >= 0 && gr->stage != stage0) {
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.ep_stages", "%s says stage %d, "
			    "but its GPUs hold stage %d", gr->where, gr->stage, stage0);
		}
	}

	/* replica groups: the union of the replica's stages */
	for (int i = 0; i < in->n_groups; i++) {
		const AuditGroup *gr = &in->groups[i];
		if (gr->kind != GROUP_REPLICA)
			continue;
		int bad = 0;
		for (int k = 0; k < gr->n_gpus; k++) {
			int g = gr->gpus[k];
			if (g >= 0 && g < MAX_GPU_IDS && x->owner[g] >= 0 && x->owner[g] / pp != gr->replica)
				bad++;
		}
		if (gr->n_gpus != tp * pp || bad > 0)
			audit_finding(x, FINDING_LAYOUT, SEV_ERROR, -1, 2, "layout.replica", "%s: DP replica %d "
			    "lists %d GPUs (%s)%s; a replica is TP x PP = %d GPUs holding its own stages",
			    gr->where, gr->replica, gr->n_gpus, gpu_list(gr->gpus, gr->n_gpus, b, sizeof b),
			    bad ? ", some holding another replica's stages" : "", tp * pp);
	}
}
