/* layout.h: the rules a TP x PP x DP x EP layout must follow, once.  The
 * checks (checks.c), the fill rules of a scenario given no layout
 * (setup.c), the TUI's valid slider values and `:set`, and search's
 * enumeration all call these; none keeps its own copy.  Pure. */
#ifndef SHARDLAB_CORE_LAYOUT_H
#define SHARDLAB_CORE_LAYOUT_H

#include <stdbool.h>

#include "eval.h"

/* layout_heads_ok: TP divides the attention heads (each GPU holds whole
 * heads: Megatron-LM, arXiv 1909.08053 sec. 3). */
bool layout_heads_ok(const Model *m, int tp);

/* layout_kv_heads_ok: TP divides the KV heads or is a multiple of them
 * (then each KV head is replicated TP / a_kv times, as vLLM
 * QKVParallelLinear does); always true for MLA (one latent, replicated). */
bool layout_kv_heads_ok(const Model *m, int tp);

/* layout_width_ok: TP divides the dense MLP width when the model has a
 * dense (or sliding-window) layer. */
bool layout_width_ok(const Model *m, int tp);

/* layout_tp_ok: all three TP rules above. */
bool layout_tp_ok(const Model *m, int tp);

/* layout_pp_ok: 1 <= PP <= layers and <= MAX_STAGES. */
bool layout_pp_ok(const Model *m, int pp);

/* layout_ep_ok: EP divides the routed experts (EP 1 on a dense model). */
bool layout_ep_ok(const Model *m, int ep);

/* layout_ep_group_ok: EP x expert-TP divides the TP x DP GPUs of a stage,
 * and expert-TP divides the expert width (vLLM and SGLang spread experts
 * over the TP x DP group: vllm FusedMoEParallelConfig).  True on dense
 * models. */
bool layout_ep_group_ok(const Model *m, int tp, int dp, int ep, int etp);

/* layout_gpus_ok: TP x PP x DP GPUs exist in the cluster. */
bool layout_gpus_ok(const Cluster *cl, int tp, int pp, int dp);

/* layout_tp_in_domain: a TP group fits inside one NVLink domain
 * (cluster_nvlink_domain: the node, or 72 GPUs on GB200/GB300 NVL72), so
 * its all-reduces stay on the intra fabric.  The one "TP within a node"
 * rule of checks, search, setup and the TUI. */
bool layout_tp_in_domain(const Cluster *cl, int tp);

/* layout_rules: every layout rule over model m, cluster cl and strategy st
 * (etp: the resolved expert TP), as checks appended to out[max] (errors
 * first, then warnings and notes).  Returns the number written.  The
 * severities and ids are the check table's. */
int layout_rules(const Model *m, const Cluster *cl, const Strategy *st, int etp, Check *out, int max);

/* layout_fault: the first error among layout_rules into *fault (when not
 * NULL).  Returns true when the layout breaks a rule, i.e. cannot run. */
bool layout_fault(const Model *m, const Cluster *cl, const Strategy *st, Check *fault);

/* The layout knobs a user turns. */
typedef enum { LAYOUT_TP, LAYOUT_PP, LAYOUT_DP, LAYOUT_EP, LAYOUT_ETP } LayoutKnob;

/* layout_values: the values of knob k, ascending, that make a valid layout
 * with the rest of s's strategy, into vals[max].  Returns the count. */
int layout_values(const Scenario *s, LayoutKnob k, int *vals, int max);

/* layout_with: s's strategy with knob k set to v. */
Strategy layout_with(const Strategy *st, LayoutKnob k, int v);

/* Why a layout was chosen by layout_fill. */
typedef enum {
	LAYOUT_FILL_NONE,       /* nothing filled */
	LAYOUT_FILL_FEWEST,     /* the fewest GPUs per replica whose weights fit */
	LAYOUT_FILL_WIDEST,     /* the widest layout: no replica width fits the weights */
	LAYOUT_FILL_TP,         /* TP filled for a given PP: the widest valid TP in an NVLink domain */
} LayoutFill;

/* Weights may take this share of the runtime's memory fraction when TP/PP
 * are filled in, leaving the rest for KV cache, activations and reserve (on
 * an 80 GB GPU: ~44 GB of weights, ~30 GB of KV: a few hundred 2k-token
 * sequences; less and the batch starves). */
#define LAYOUT_FILL_WEIGHT_SHARE 0.6

/* layout_fill: fill the knobs of s->strategy not marked in tp_set, pp_set,
 * dp_set, into *st (a copy of s->strategy), by the fill rules: TP and PP
 * the fewest GPUs per replica (TP within an NVLink domain first, powers of two,
 * then PP) whose weights stay within LAYOUT_FILL_WEIGHT_SHARE of the
 * runtime's fraction; else the widest such layout; DP the GPUs left over.
 * Returns why TP/PP were chosen. */
LayoutFill layout_fill(const Scenario *s, bool tp_set, bool pp_set, bool dp_set, Strategy *st);

#endif
