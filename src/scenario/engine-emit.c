/* engine-emit.c: the command(s) that realise a scenario on an engine,
 * written from the same flag tables that engine_read reads (engine.h). */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/eval.h"
#include "util/xmalloc.h"

/* the head node's address and rendezvous ports in multi-node commands:
 * placeholders the user replaces (vLLM docs: Ray's default port 6379;
 * SGLang docs' example uses port 50000) */
#define HEAD "HEAD_IP"

typedef struct Out { char *s; size_t n, cap; } Out;

static void
out_add(Out *o, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	int len = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if ((size_t)len >= sizeof buf)
		len = (int)sizeof buf - 1;
	if (o->n + (size_t)len + 1 > o->cap) {
		o->cap = (o->n + (size_t)len + 1) * 2;
		o->s = xrealloc(o->s, o->cap);
	}
	memcpy(o->s + o->n, buf, (size_t)len + 1);
	o->n += (size_t)len;
}

/* a word the shell reads back as it is, else in single quotes */
static void
out_word(Out *o, const char *w)
{
	bool plain = *w != '\0';
	for (const char *p = w; *p; p++)
		if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/:=,+-@", *p))
			plain = false;
	if (plain) {
		out_add(o, "%s", w);
		return;
	}
	out_add(o, "'");
	for (const char *p = w; *p; p++)
		out_add(o, *p == '\'' ? "'\\''" : "%c", *p);
	out_add(o, "'");
}

static const char *
torch_dtype(Dtype d)
{
	return d == DTYPE_FP32 ? "float32" : d == DTYPE_FP16 ? "float16" : "bfloat16";
}

/* Attention DP with expert parallelism: DP ranks that share one expert
 * group (EP x expert TP = TP x DP > TP) of a MoE model. */
static bool
sglang_dp_attention(const Scenario *s)
{
	const Strategy *st = &s->strategy;
	int etp = eval_etp(st);
	return s->model.n_experts > 0 && st->dp > 1 && st->ep * etp == st->tp * st->dp;
}

/* TensorRT-LLM attention DP (enable_attention_dp): attention TP 1 on every
 * rank of one --tp_size world, the experts over it (EP = DP). */
static bool
trtllm_adp(const Scenario *s)
{
	const Strategy *st = &s->strategy;
	return sglang_dp_attention(s) && st->tp == 1 && st->pp == 1 && st->ep == st->dp && eval_etp(st) == 1;
}

/* The scenario's EP runs DeepEP: ep_mode normal or low_latency, or auto
 * with the EP group spanning NVLink domains (core eval_ep_mode: its
 * prefill is then DeepEP normal, a2a everywhere else). */
static bool
ep_deepep(const Scenario *s)
{
	return s->model.n_experts > 0 && eval_ep_mode(s, false) != EP_MODE_A2A;
}

/* Speculative decoding's flags: vLLM's --speculative-config JSON (method
 * "eagle" needs the head's checkpoint as "model", "deepseek_mtp" /
 * "mtp" the checkpoint's own MTP layers, a draft model its id), SGLang's
 * --speculative-algorithm EAGLE (EAGLE heads and DeepSeek MTP) or
 * STANDALONE with --speculative-num-steps k, --speculative-eagle-topk 1,
 * --speculative-num-draft-tokens k + 1 (a chain). */
static const char *
emit_spec(const EngineFlag *f, const Scenario *s, const char *draft_hf, char *buf, size_t n,
    const char **comment)
{
	const Speculation *sp = &s->spec;
	SpecMethod m = eval_spec_method(s);

	if (sp->tokens <= 0)
		return NULL;
	switch (f->conv) {
	case ECONV_SPEC_CONFIG:
		if (m == SPEC_DRAFT)
			snprintf(buf, n, "{\"model\": \"%s\", \"num_speculative_tokens\": %d}",
			    draft_hf ? draft_hf : sp->draft.name, sp->tokens);
		else if (m == SPEC_MTP)
			snprintf(buf, n, "{\"method\": \"%s\", \"num_speculative_tokens\": %d}",
			    strcmp(s->model.arch, "deepseek_v3") == 0 ? "deepseek_mtp" : "mtp", sp->tokens);
		else {
			snprintf(buf, n, "{\"method\": \"eagle\", \"model\": \"EAGLE_HEAD\", "
			    "\"num_speculative_tokens\": %d}", sp->tokens);
			*comment = "# EAGLE_HEAD: the EAGLE head's checkpoint for this model";
		}
		return buf;
	case ECONV_SPEC_ALGO:
		return m == SPEC_DRAFT ? "STANDALONE" : "EAGLE";
	case ECONV_SPEC_MODEL:
		if (m == SPEC_DRAFT)
			return draft_hf ? draft_hf : sp->draft.name;
		if (m == SPEC_EAGLE) {
			*comment = "# EAGLE_HEAD: the EAGLE head's checkpoint for this model";
			return "EAGLE_HEAD";
		}
		return NULL;    /* MTP: SGLang loads the checkpoint's NextN layer */
	case ECONV_SPEC_NOTE:
		if (f->value)
			return f->value;        /* --speculative-eagle-topk 1: a chain */
		snprintf(buf, n, "%d", sp->tokens + 1);
		return buf;
	default:
		return NULL;
	}
}

/* the value a row writes for s, or NULL to leave the flag out (the
 * engine's default is the scenario's); *comment gets a line to say what
 * the engine cannot be told by this flag */
static const char *
emit_value(const EngineFlag *f, const Scenario *s, const char *hf, const char *draft_hf, char *buf,
    size_t n, const char **comment)
{
	const Strategy *st = &s->strategy;
	const Workload *w = &s->workload;

	switch (f->conv) {
	case ECONV_MODEL:
		return hf;
	case ECONV_NUM:
		switch (f->key) {
		case PARAM_TP:
			/* TensorRT-LLM attention DP: --tp_size is the whole world */
			snprintf(buf, n, "%d", trtllm_adp(s) && f->flag && (strcmp(f->flag, "--tp_size") == 0 ||
			    strcmp(f->flag, "--tp") == 0) ? st->dp : st->tp);
			return buf;
		case PARAM_PP: if (st->pp <= 1) return NULL; snprintf(buf, n, "%d", st->pp); return buf;
		case PARAM_DP: if (st->dp <= 1) return NULL; snprintf(buf, n, "%d", st->dp); return buf;
		case PARAM_EP: if (st->ep <= 1) return NULL; snprintf(buf, n, "%d", st->ep); return buf;
		case PARAM_MAX_MODEL_LEN:
			snprintf(buf, n, "%d", w->max_model_len > 0 ? w->max_model_len : w->input_len + w->output_len);
			return buf;
		case PARAM_BATCH:
			/* SGLang attention DP: max_running_requests is the group's, each
			 * DP rank takes 1/dp_size (sglang/srt/managers/scheduler.py) */
			snprintf(buf, n, "%ld", (long)w->batch *
			    (f->conv == ECONV_NUM && strcmp(f->flag, "--max-running-requests") == 0 &&
			    sglang_dp_attention(s) ? st->dp : 1));
			return buf;
		case PARAM_MAX_BATCHED_TOKENS:
			if (w->max_batched_tokens <= 0)
				return NULL;
			snprintf(buf, n, "%d", w->max_batched_tokens);
			return buf;
		case PARAM_MEM_UTIL: snprintf(buf, n, "%g", s->runtime.mem_fraction); return buf;
		case PARAM_SPEC_TOKENS:
			if (s->spec.tokens <= 0)
				return NULL;
			snprintf(buf, n, "%d", s->spec.tokens);
			return buf;
		case PARAM_EP_MODE:     /* SGLang --deepep-mode: auto is its default */
			if (!ep_deepep(s) || st->ep_mode == EP_MODE_AUTO)
				return NULL;
			return ep_mode_name(st->ep_mode);
		case PARAM_EP_REDUNDANT:
			if (st->ep_redundant <= 0 || s->model.n_experts == 0)
				return NULL;
			snprintf(buf, n, "%d", st->ep_redundant);
			return buf;
		default: return NULL;
		}
	case ECONV_A2A_BACKEND:
		if (ep_deepep(s))
			return "deepep";
		return st->ep_mode == EP_MODE_A2A && st->ep > 1 ? "none" : NULL;
	case ECONV_VLLM_A2A:
		if (st->ep <= 1 || s->model.n_experts == 0)
			return NULL;
		if (st->ep_mode == EP_MODE_NORMAL)
			return "deepep_high_throughput";
		if (st->ep_mode == EP_MODE_LOW_LATENCY)
			return "deepep_low_latency";
		if (st->ep_mode == EP_MODE_A2A)
			return "allgather_reducescatter";     /* vLLM's default backend */
		if (ep_deepep(s))
			*comment = "# ep_mode auto: vLLM runs one all2all backend for prefill and decode; "
			    "deepep_high_throughput for prefill-heavy, deepep_low_latency for decode";
		return NULL;
	case ECONV_EPLB:
		return st->ep_redundant > 0 && s->model.n_experts > 0 ? "" : NULL;
	case ECONV_TRT_YAML:
		return trtllm_adp(s) ? TRTLLM_ADP_YAML_FILE : NULL;
	case ECONV_EPLB_CONFIG:
		if (st->ep_redundant <= 0 || s->model.n_experts == 0)
			return NULL;
		snprintf(buf, n, "{\"num_redundant_experts\": %d}", st->ep_redundant);
		return buf;
	case ECONV_DTYPE:
		return torch_dtype(st->act_dtype);
	case ECONV_QUANT:
		switch (st->weight_dtype) {
		case DTYPE_FP8: return "fp8";
		case DTYPE_INT4: return "awq";  /* AWQ g128, as dtype.h's int4 */
		/* vllm/model_executor/layers/quantization/__init__.py
		 * QUANTIZATION_METHODS: "modelopt_fp4" (NVFP4), "mxfp4" */
		case DTYPE_NVFP4: return "modelopt_fp4";
		case DTYPE_MXFP4: return "mxfp4";
		case DTYPE_W4A8:
			*comment = "# weights w4a8: serve a W4A8 checkpoint (TensorRT-LLM W4A8_AWQ); no vLLM flag sets it";
			return NULL;
		case DTYPE_INT8:
			*comment = "# weights int8: serve a W8A8 checkpoint (compressed-tensors); no flag sets it";
			return NULL;
		default: return NULL;
		}
	case ECONV_KV_DTYPE:
		if (st->kv_dtype == st->act_dtype)
			return NULL;
		if (st->kv_dtype == DTYPE_FP8)
			return f->value;
		return torch_dtype(st->kv_dtype);
	case ECONV_SPEC_CONFIG:
	case ECONV_SPEC_ALGO:
	case ECONV_SPEC_MODEL:
	case ECONV_SPEC_NOTE:
		return emit_spec(f, s, draft_hf, buf, n, comment);
	case ECONV_TP_TOTAL:
		/* attention DP: the experts' group spans the DP ranks (EP x expert
		 * TP = TP x DP), which SGLang runs as one tp-size group */
		snprintf(buf, n, "%d", sglang_dp_attention(s) ? st->tp * st->dp : st->tp);
		return buf;
	case ECONV_DP_ATTENTION:
		return sglang_dp_attention(s) ? "" : NULL;
	case ECONV_PREFIX_OFF:
		/* on by default (vLLM V1, SGLang's radix cache); off only when the
		 * scenario says no request hits */
		return w->prefix_len > 0 && w->prefix_hit <= 0 ? "" : NULL;
	case ECONV_EP_SWITCH:
		if (st->ep <= 1)
			return NULL;
		if (st->ep != st->tp * st->dp)
			*comment = "# note: vLLM's expert-parallel group is TP x DP, not the scenario's EP";
		return "";
	default:
		return NULL;
	}
}

/* one command: prefix words, the engine's flags, extra flags */
static void
emit_command(Out *o, const EngineDef *d, const Scenario *s, const char *hf, const char *draft_hf,
    const char *prefix, const char *extra)
{
	char buf[256];
	const char *comments[8];
	int n_comments = 0;

	if (prefix)
		out_add(o, "%s", prefix);
	out_add(o, "%s", d->command);
	for (int i = 0; i < d->n_flags; i++) {
		const EngineFlag *f = &d->flags[i];
		const char *comment = NULL;
		if (!f->emit)
			continue;
		const char *v = emit_value(f, s, hf, draft_hf, buf, sizeof buf, &comment);
		if (comment && n_comments < 8)
			comments[n_comments++] = comment;
		if (!v)
			continue;
		out_add(o, f->flag ? " \\\n    %s" : " ", f->flag ? f->flag : "");
		if (*v) {
			if (f->flag)
				out_add(o, " ");
			out_word(o, v);
		}
	}
	if (extra)
		out_add(o, " \\\n    %s", extra);
	out_add(o, "\n");
	for (int i = 0; i < n_comments; i++)
		out_add(o, "%s\n", comments[i]);
}

/* TensorRT-LLM takes dtypes from the checkpoint or the LLM-API YAML */
static void
trtllm_notes(Out *o, const Scenario *s)
{
	const Strategy *st = &s->strategy;
	if (dtype_is_quantized(st->weight_dtype))
		out_add(o, "# weights %s: serve a checkpoint quantized to %s (TensorRT Model Optimizer)\n",
		    dtype_name(st->weight_dtype), dtype_name(st->weight_dtype));
	if (st->kv_dtype != st->act_dtype)
		out_add(o, "# KV cache %s: kv_cache_config: {dtype: %s} in --extra_llm_api_options FILE.yaml\n",
		    dtype_name(st->kv_dtype), dtype_name(st->kv_dtype));
}

static void
emit_trtllm(Out *o, const EngineDef *d, const Scenario *s, const char *hf, const char *draft_hf, int gpn)
{
	const Strategy *st = &s->strategy;
	int per = st->tp * st->pp;
	char prefix[512], extra[64];

	trtllm_notes(o, s);
	if (trtllm_adp(s)) {
		/* one world of DP ranks, attention DP in the LLM-API YAML */
		out_add(o, "# attention DP %d x TP 1 (ADP), experts over EP %d: enable_attention_dp in the "
		    "LLM-API YAML (max_batch_size is per rank)\n", st->dp, st->ep);
		if (st->ep_redundant > 0 || st->ep_mode != EP_MODE_AUTO)
			out_add(o, "# not written: ep_redundant %d and ep_mode %s (TensorRT-LLM sets its MoE load "
			    "balancer and all-to-all in the YAML's moe_config)\n", st->ep_redundant,
			    ep_mode_name(st->ep_mode));
		out_add(o, "printf '%s\\n' > %s\n", TRTLLM_ADP_YAML_LINE, TRTLLM_ADP_YAML_FILE);
		per = st->dp;
		if (per > gpn) {
			int nodes = (per + gpn - 1) / gpn;
			size_t k = (size_t)snprintf(prefix, sizeof prefix, "mpirun -H ");
			for (int i = 0; i < nodes && k < sizeof prefix; i++)
				k += (size_t)snprintf(prefix + k, sizeof prefix - k, "%snode%d:%d", i ? "," : "", i,
				    gpn);
			if (k < sizeof prefix)
				snprintf(prefix + k, sizeof prefix - k, " -n %d trtllm-llmapi-launch ", per);
			emit_command(o, d, s, hf, draft_hf, prefix, NULL);
		} else {
			emit_command(o, d, s, hf, draft_hf, NULL, NULL);
		}
		return;
	}
	if (st->dp > 1)
		out_add(o, "# DP %d: TensorRT-LLM has no data-parallel flag; one server per replica "
		    "behind a load balancer\n", st->dp);
	for (int r = 0; r < st->dp; r++) {
		int first = r * per;            /* the replica's first GPU, over all nodes */
		snprintf(extra, sizeof extra, "--port %d", 8000 + r);
		if (per > gpn) {
			/* one MPI world over the replica's nodes (docs: mpirun ...
			 * trtllm-llmapi-launch trtllm-serve) */
			int nodes = (per + gpn - 1) / gpn;
			size_t k = (size_t)snprintf(prefix, sizeof prefix, "mpirun -H ");
			for (int i = 0; i < nodes && k < sizeof prefix; i++)
				k += (size_t)snprintf(prefix + k, sizeof prefix - k, "%snode%d:%d", i ? "," : "",
				    first / gpn + i, gpn);
			if (k < sizeof prefix)
				snprintf(prefix + k, sizeof prefix - k, " -n %d trtllm-llmapi-launch ", per);
			out_add(o, "# replica %d: nodes %d-%d, from node %d\n", r, first / gpn,
			    first / gpn + nodes - 1, first / gpn);
			emit_command(o, d, s, hf, draft_hf, prefix, st->dp > 1 ? extra : NULL);
			continue;
		}
		if (st->dp == 1) {
			emit_command(o, d, s, hf, draft_hf, NULL, NULL);
			continue;
		}
		int local = first % gpn;
		size_t k = (size_t)snprintf(prefix, sizeof prefix, "CUDA_VISIBLE_DEVICES=");
		for (int g = 0; g < per && k < sizeof prefix; g++)
			k += (size_t)snprintf(prefix + k, sizeof prefix - k, "%s%d", g ? "," : "", local + g);
		if (k < sizeof prefix)
			snprintf(prefix + k, sizeof prefix - k, " ");
		out_add(o, "# replica %d on node %d:\n", r, first / gpn);
		emit_command(o, d, s, hf, draft_hf, prefix, extra);
	}
}

char *
engine_emit(const Catalog *c, const Scenario *s, EngineId id, char **cause)
{
	const EngineDef *d = engine_def(id);
	const Strategy *st = &s->strategy;
	int gpus = st->tp * st->pp * st->dp;
	int gpn = s->cluster.gpus_per_node > 0 ? s->cluster.gpus_per_node : gpus;
	int nodes = (gpus + gpn - 1) / gpn;
	char *hf = engine_hf_id(c, s->model.name);
	char *draft_hf = s->spec.has_draft ? engine_hf_id(c, s->spec.draft.name) : NULL;
	Out o = { 0 };

	if (!hf) {
		*cause = xasprintf("--emit %s: model %s has no Hugging Face id in "
		    "presets/models/hf-ids.tsv", d->name, s->model.name);
		free(draft_hf);
		return NULL;
	}
	out_add(&o, "# %s: %s on %d GPU%s (TP %d x PP %d x DP %d%s), %d node%s of %d; from shardlab\n",
	    d->label, s->model.name, gpus, gpus == 1 ? "" : "s", st->tp, st->pp, st->dp,
	    st->ep > 1 ? ", EP" : "", nodes, nodes == 1 ? "" : "s", gpn);
	if (st->ep > 1)
		out_add(&o, "# expert parallel %d\n", st->ep);
	if (id == ENGINE_TRTLLM || id == ENGINE_TRTLLM_BENCH) {
		emit_trtllm(&o, d, s, hf, draft_hf, gpn);
	} else if (nodes <= 1) {
		emit_command(&o, d, s, hf, draft_hf, NULL, NULL);
	} else if (id == ENGINE_VLLM) {
		/* docs serving/distributed_serving: a Ray cluster over the nodes,
		 * then vllm serve on the head with the Ray executor */
		out_add(&o, "# node 0 (head):\nray start --head --port=6379\n");
		for (int i = 1; i < nodes; i++)
			out_add(&o, "# node %d:\nray start --address=" HEAD ":6379\n", i);
		out_add(&o, "# node 0, once every node has joined (ray status):\n");
		emit_command(&o, d, s, hf, draft_hf, NULL, st->dp > 1 ?
		    "--distributed-executor-backend ray --data-parallel-backend ray" :
		    "--distributed-executor-backend ray");
	} else {
		/* SGLang docs: the same command on each node with --nnodes,
		 * --node-rank and the head's --dist-init-addr */
		for (int i = 0; i < nodes; i++) {
			char extra[128];
			snprintf(extra, sizeof extra, "--nnodes %d --node-rank %d --dist-init-addr " HEAD ":50000",
			    nodes, i);
			out_add(&o, "# node %d%s:\n", i, i == 0 ? " (head)" : "");
			emit_command(&o, d, s, hf, draft_hf, NULL, extra);
		}
	}
	if (s->spec.tokens > 0 && (id == ENGINE_TRTLLM || id == ENGINE_TRTLLM_BENCH))
		out_add(&o, "# speculative decoding (%s, %d draft tokens): speculative_config in "
		    "--extra_llm_api_options FILE.yaml\n", spec_method_name(eval_spec_method(s)), s->spec.tokens);
	free(hf);
	free(draft_hf);
	return o.s;
}
