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

/* layout_ep_slots_ok: EP divides the routed experts plus `redundant`
 * replicas (EPLB: SGLang --ep-num-redundant-experts 32 runs DeepSeek-V3's
 * 256 experts on EP 72 as 288 slots, 4 per GPU; sgl-project/sglang
 * issue #6017).  redundant 0 is layout_ep_ok. */
bool layout_ep_slots_ok(const Model *m, int ep, int redundant);

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
 * with the rest of s's strategy (for TP: with PP and DP following it,
 * layout_with_tp), into vals[max].  Returns the count. */
int layout_values(const Scenario *s, LayoutKnob k, int *vals, int max);

/* layout_with: s's strategy with knob k set to v. */
Strategy layout_with(const Strategy *st, LayoutKnob k, int v);

/* layout_pp_follow: the PP a layout keeps when TP changes to tp: pp
 * while TP x PP fits the cluster's GPUs and PP is valid, else the largest
 * PP below it that does (TP 4 x PP 2 on 8 GPUs -> TP 8 x PP 1). */
int layout_pp_follow(const Model *m, const Cluster *cl, int tp, int pp);

/* layout_with_tp: st with TP tp, PP following it (layout_pp_follow) and DP
 * the GPUs left over, so that lowering TP raises DP instead of leaving
 * GPUs idle; with an EP group spanning replicas (attention DP), the most
 * replicas whose TP x DP the EP group divides.  What a TP given alone does (setup_edit_finish, the TUI's TP
 * slider). */
Strategy layout_with_tp(const Model *m, const Cluster *cl, const Strategy *st, int tp);

/* Why a layout was chosen by layout_fill. */
typedef enum {
	LAYOUT_FILL_NONE,       /* nothing filled (or DP only) */
	LAYOUT_FILL_WORKLOAD,   /* the fewest GPUs per replica whose KV pool holds the batch */
	LAYOUT_FILL_WEIGHTS,    /* the fewest whose memory fits, though no pool holds the batch */
	LAYOUT_FILL_WIDEST,     /* the widest layout: no replica width fits the weights */
	LAYOUT_FILL_TP,         /* TP filled for a given PP, by the same rule */
	LAYOUT_FILL_PP,         /* TP given: PP lowered so TP x PP fits the GPUs */
} LayoutFill;

/* layout_fill: fill the knobs of s->strategy not marked in tp_set, pp_set,
 * dp_set, into *st (a copy of s->strategy), by the fill rules, each
 * candidate evaluated (eval_run) on s's workload:
 * - TP and PP: the fewest GPUs per replica (powers of two, TP within an
 *   NVLink domain first, then PP) whose memory fits and whose KV pool holds the
 *   batch's sequences (no memory.fit, memory.kv_room or memory.kv_max_len
 *   error); else the fewest whose memory fits; else the widest;
 * - TP alone (PP given): the smallest TP in an NVLink domain by the same order;
 * - PP alone (TP given): layout_pp_follow from s->strategy.pp;
 * - DP: the GPUs left over.
 * Returns why TP/PP were chosen. */
LayoutFill layout_fill(const Scenario *s, bool tp_set, bool pp_set, bool dp_set, Strategy *st);

#endif
