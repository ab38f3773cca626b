/* explain-ep.c: the explanation of attention DP with expert parallelism's
 * figures (fields.c rows latency.ep.*): the DeepEP mode of each phase, the
 * all-to-all bytes and their NVLink / RDMA split, the experts per GPU with
 * EPLB's redundant slots and the imbalance; see explain-fns.h. */
#include <stdio.h>
#include <string.h>

#include "explain-fns.h"
#include "fields.h"
#include "units.h"

const char *
explain_ep_mode_text(EpMode m, bool wide)
{
	switch (m) {
	case EP_MODE_NORMAL:
		return wide ? "DeepEP normal (one RDMA copy per destination node, NVLink forwarding)" :
		    "DeepEP normal (NVLink, intranode)";
	case EP_MODE_LOW_LATENCY: return "DeepEP low-latency (pure RDMA, one message per token-expert pair)";
	case EP_MODE_A2A:
	case EP_MODE_AUTO:
	default: return wide ? "all-to-all, the cross-domain share over the NIC (no DeepEP)" :
		"NVLink all-to-all (the group fits one NVLink domain)";
	}
}

static void
traffic(ExplainOut *o, const char *what, EpMode m, bool wide, const EpTraffic *t, double tokens)
{
	char a[32], b[32], c[32], d[32];
	double all = t->nvlink_bytes + t->rdma_bytes;

	text_out(o, "%s: %s; per MoE layer on the most-loaded rank (%s tokens of its own) %s over "
	    "NVLink + %s over RDMA (%.0f%% NVLink) in %s (dispatch + combine)\n", what,
	    explain_ep_mode_text(m, wide), fmt_int(tokens, c, sizeof c), fmt_bytes(t->nvlink_bytes, a, sizeof a),
	    fmt_bytes(t->rdma_bytes, b, sizeof b), all > 0 ? 100 * t->nvlink_bytes / all : 0,
	    fmt_seconds(t->a2a_s, d, sizeof d));
}

/* Every latency.ep.* figure as the screens print it, one line. */
static void
figures(ExplainOut *o, const Scenario *s, const Result *r)
{
	static const char prefix[] = "latency.ep.";
	const char *sep = "figures: ";

	for (int i = 0; i < field_count(); i++) {
		const ResultField *f = &field_table[i];
		FieldValue v;
		char buf[48];
		if (strncmp(f->path, prefix, sizeof prefix - 1) != 0 || field_get(f, s, r, -1, &v) != 0)
			continue;
		text_out(o, "%s%s %s", sep, f->path + sizeof prefix - 1, field_format(f, &v, buf, sizeof buf));
		sep = ", ";
	}
}

void
explain_ep(ExplainOut *o, const Scenario *s, const Result *r, int stage)
{
	const EpResult *e = &r->latency.ep;
	const Strategy *st = &s->strategy;
	const Model *m = &s->model;
	char a[32];

	(void)stage;
	if (!model_is_moe(m) || st->ep <= 1) {
		text_out(o, "no expert parallelism (EP %d%s): no all-to-all\n", st->ep,
		    model_is_moe(m) ? "" : ", a dense model");
		figures(o, s, r);
		return;
	}
	char split[48] = "";
	if (r->etp > 1)
		snprintf(split, sizeof split, ", each split over expert-TP %d GPUs", r->etp);
	text_out(o, "attention DP %d x TP %d, experts over EP %d (%d NVLink domain%s): %d experts + %d "
	    "redundant = %d slots, %d per EP rank%s; attention, dense layers, embedding and LM head "
	    "replicated per DP rank\n", st->dp, st->tp, st->ep, e->nodes, e->nodes == 1 ? "" : "s",
	    m->n_experts, st->ep_redundant, m->n_experts + st->ep_redundant, e->experts_per_gpu, split);
	text_out(o, "dispatch_bytes_per_token = hidden %d x top-k %d x %.4f bytes (%s) = %s; combine "
	    "in 16 bits, twice that per byte of dispatch\n", m->hidden, m->top_k,
	    e->dispatch_bytes_per_token / ((double)m->hidden * m->top_k),
	    e->decode_mode != EP_MODE_A2A ? "fp8 + one fp32 scale per 128 channels, DeepEP" :
	    "the engine's dispatch dtype", fmt_bytes(e->dispatch_bytes_per_token, a, sizeof a));
	traffic(o, "prefill", e->prefill_mode, e->nodes > 1, &e->prefill, s->workload.input_len);
	traffic(o, "decode", e->decode_mode, e->nodes > 1, &e->decode,
	    (double)s->workload.batch / r->micro_batches);
	text_out(o, "imbalance: the most-loaded rank gets %.2fx the mean in decode (moe_imbalance %.2f x "
	    "EPLB factor %.2f on the spread; ep_redundant %d over %d ranks)\n", r->latency.moe_load_factor,
	    s->runtime.moe_imbalance, e->eplb_factor, st->ep_redundant, st->ep);
	text_out(o, "source: deepseek-ai/DeepEP README \"Performance\" (normal: 153/158 GB/s NVLink at EP 8, "
	    "43-58 GB/s RDMA at EP 16-64; low-latency: 39-98 GB/s RDMA at EP 8-256), scaled by this "
	    "cluster's NIC (%s) and NVLink (%s) line rates; no two-batch overlap (SGLang "
	    "--enable-two-batch-overlap hides part of it)\n", s->cluster.inter.name, s->cluster.intra.name);
	figures(o, s, r);
}
