/* plan_text-claims.c: a text plan's numbers -> claims, targets and
 * settings.  The words that name a metric are the audit metric table's
 * words column (core/audit.h audit_metric_words): nothing here lists
 * metric names.  This file knows only the roles around a number: a
 * target ("Target:", a Target column, "(target: 500ms)") becomes an SLO,
 * a figure the plan rejects ("Original:", "vs ...") a rejected claim, a
 * comparison with the plan's own target ("50% improvement", "1.4x higher
 * than target") a claim shardlab does not check; and engine command
 * blocks (engine.h) become settings and claims. */
#include "plan_text-internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/params.h"
#include "scenario/engine.h"
#include "util/xmalloc.h"

#define MAX_NUMS 24

/* ---- metric words --------------------------------------------------------- */

/* How well alternative `alt` ("a+b": both) matches s: the matched length, 0 none. */
static size_t
alt_score(const char *s, const char *alt, size_t len)
{
	size_t score = 0;
	char part[96];
	for (const char *p = alt; p < alt + len;) {
		const char *plus = memchr(p, '+', (size_t)(alt + len - p));
		size_t pl = plus ? (size_t)(plus - p) : (size_t)(alt + len - p);
		if (pl == 0 || pl >= sizeof part)
			return 0;
		memcpy(part, p, pl);
		part[pl] = '\0';
		bool alnum_end = isalnum((unsigned char)part[pl - 1]) && isalnum((unsigned char)part[0]);
		if (alnum_end ? !pt_has_word(s, part) : !strstr(s, part))
			return 0;
		score += pl;
		p += pl + (plus ? 1 : 0);
	}
	return score;
}

/* The best-matching phrase of metric i in s: its length, 0 none. */
static size_t
metric_score(int i, const char *s, char *words, size_t n)
{
	const char *w = audit_metric_words(i);
	size_t best = 0;
	for (const char *p = w; p && *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		size_t sc = alt_score(s, p, len);
		if (sc > best) {
			best = sc;
			if (words)
				snprintf(words, n, "%.*s", (int)len, p);
		}
		p += len + (bar ? 1 : 0);
	}
	return best;
}

/* A number in `unit` (value v) can be metric i's: a bare number is a
 * count, a ratio, or a fraction up to 1 ("0.05"). */
static bool
unit_fits(int i, const char *unit, double v)
{
	AuditDim d = audit_metrics[i].dim;
	double f;
	if (d == DIM_BOOL)
		return false;
	if (!*unit)
		return d == DIM_COUNT || d == DIM_RATIO || (d == DIM_FRACTION && v <= 1);
	return audit_unit(unit, d, &f) == 0;
}

int
pt_metric_for(const char *s, const char *unit, char *words, size_t n)
{
	int best = -1;
	size_t bs = 0;
	for (int i = 0; audit_metrics[i].name; i++) {
		char w[64];
		if (!unit_fits(i, unit, 0))
			continue;
		size_t sc = metric_score(i, s, w, sizeof w);
		if (sc > bs) {
			bs = sc;
			best = i;
			snprintf(words, n, "%s", w);
		}
	}
	return best;
}

/* The metric for a number: its own words (local, twice the weight), the
 * label's, then the section heading's. */
static int
metric_of(const char *local, const char *label, const char *heading, const char *unit, double v,
    char *words, size_t n)
{
	int best = -1;
	size_t bs = 0;
	for (int i = 0; audit_metrics[i].name; i++) {
		char w1[64] = "", w2[64] = "", w3[64] = "";
		if (!unit_fits(i, unit, v))
			continue;
		char both[320];
		snprintf(both, sizeof both, "%s %s", label ? label : "", local);
		size_t a = 2 * metric_score(i, local, w1, sizeof w1);
		size_t b = metric_score(i, both, w2, sizeof w2);
		size_t c = heading ? metric_score(i, heading, w3, sizeof w3) / 3 : 0;
		size_t sc = a >= b && a >= c ? a : b >= c ? b : c;
		if (sc > bs) {
			bs = sc;
			best = i;
			snprintf(words, n, "%s", a >= b && a >= c ? w1 : b >= c ? w2 : w3);
		}
	}
	return best;
}

/* ---- roles ---------------------------------------------------------------- */

static bool
any_word(const char *s, const char *words)
{
	char w[48];
	for (const char *p = words; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		snprintf(w, sizeof w, "%.*s", (int)len, p);
		if (pt_has_word(s, w))
			return true;
		p += len + (bar ? 1 : 0);
	}
	return false;
}

/* Words around a number that give it its role. */
#define W_TARGET "target|targets|requirement|requirements|slo|slos|goal|required by"
#define W_REJECT "original|previous|old|before|originally|was"
#define W_COMPARE "improvement|better|faster|slower|lower|higher|reduction|savings|saving|" \
	"more|less|headroom for growth|overestimation|error"
#define W_MET "within|met|achieved|sustain|meets|exceeds"
#define W_AT_MOST "limit|cap|ceiling|budget"
/* a number's fabric: the host link beside the GPU-GPU one (NVLink,
 * NVSwitch; AMD's Infinity Fabric / xGMI) */
#define W_HOST_LINK "pcie|pci-e|pci express"
#define W_GPU_FABRIC "nvlink|nvswitch|infinity fabric|xgmi"
/* a section that describes the hardware (its GPUs' figures are capacities) */
#define W_HW_SECTION "hardware|cluster|infrastructure|gpu specs|gpu specifications"
/* words that make a memory figure a use of it */
#define W_MEM_USE "used|usage|use|uses|footprint|required|requires|needed|need|needs|consumption|" \
	"consumed|occupied|allocated|peak|utilization"


/* Scenario keys plans state in words (the workload's; the layout and
 * hardware have passes of their own). */
static const struct { const char *words, *key; } settings[] = {
	{ "max batch size|batch size|batch optimization|batch", "batch" },
	{ "max batched tokens|max-num-batched-tokens|batched tokens", "max_batched_tokens" },
	{ "max sequence length|max model len|max-model-len|context length|sequence length", "max_model_len" },
	{ "input length|prompt length|input tokens|prompt tokens", "input_len" },
	{ "output length|output tokens|generation length", "output_len" },
};

/* The scenario key the label of a count names, or NULL. */
static const char *
setting_for(const char *label)
{
	for (size_t k = 0; k < sizeof settings / sizeof settings[0]; k++)
		if (any_word(label, settings[k].words))
			return settings[k].key;
	return NULL;
}

/* The SLO key a target of metric m sets ("ttft_p99"), or NULL. */
static const char *
slo_key(int m, const char *text)
{
	bool p99 = strstr(text, "p99") || strstr(text, "p95") || strstr(text, "p90");
	if (m == audit_metric_find("latency.ttft_s"))
		return p99 ? "ttft_p99" : "ttft_p50";
	if (m == audit_metric_find("latency.tpot_s"))
		return p99 ? "tpot_p99" : "tpot_p50";
	if (m == audit_metric_find("throughput.requests_per_s"))
		return "rps";
	return NULL;
}

/* The value of n in the metric's base units. */
static double
base_value(const PtNum *n, int m, double v)
{
	double f = 1;
	if (audit_unit(n->unit, m >= 0 ? audit_metrics[m].dim : DIM_KINDS, &f) != 0)
		f = 1;
	return v * f;
}

/* A claim of number x of line i. */
static PtClaim *
add_claim(PtDoc *d, int i, int m, const PtNum *x, const char *words)
{
	PtClaim *c = pt_claim(d, i);
	if (!c)
		return NULL;
	c->metric = m;
	c->lo = x->lo;
	c->hi = x->hi;
	c->op = x->lo != x->hi ? CLAIM_ABOUT : x->op;
	snprintf(c->unit, sizeof c->unit, "%s", x->unit);
	snprintf(c->words, sizeof c->words, "%s", words ? words : "");
	if (d->line_with[i] >= 0)
		c->with = d->withs[d->line_with[i]];
	return c;
}

static void
explain_claim(PtDoc *d, const PtClaim *c, const char *label)
{
	char v[64];
	if (c->lo != c->hi)
		snprintf(v, sizeof v, "%g-%g %s", c->lo, c->hi, c->unit);
	else
		snprintf(v, sizeof v, "%s%g %s", c->op == CLAIM_AT_MOST ? "<= " : c->op == CLAIM_AT_LEAST ?
		    ">= " : "", c->lo, c->unit);
	if (c->metric >= 0)
		pt_explain(d, "line %d: \"%.60s\" -> %s = %s (words: \"%s\")%s%s", c->line, label,
		    audit_metrics[c->metric].name, v, c->words, c->rejected ? ", rejected by the plan" : "",
		    c->with.n ? ", on the section's variant" : "");
	else
		pt_explain(d, "line %d: %s \"%.60s\": %s", c->line, v, label, c->note);
}

/* The variant a dtype in the label gives ("INT8 Quantization: 70GB"). */
static void
dtype_variant(const char *label, PtClaim *c)
{
	static const char *const q[][2] = { { "int8", "int8" }, { "int4", "int4" }, { "fp8", "fp8" },
		{ "awq", "int4" }, { "gptq", "int4" } };
	if (!strstr(label, "quantiz"))
		return;
	for (size_t k = 0; k < sizeof q / sizeof q[0]; k++)
		if (pt_has_word(label, q[k][0]) && c->with.n < PT_MAX_WITH) {
			PtSet *s = &c->with.set[c->with.n++];
			memset(s, 0, sizeof *s);
			snprintf(s->key, sizeof s->key, "dtype");
			snprintf(s->text, sizeof s->text, "%s", q[k][1]);
			return;
		}
}

/* One number x of line i (label: the words before ':' or the row's first
 * cell; local: its own words; role_target: a Target column). */
static void
one_number(PtDoc *d, int i, const char *label, const char *plain, PtNum *x, int prev_end,
    const PtNum *next, bool role_target, bool role_claim)
{
	const PtLine *l = &d->l[i];
	const char *heading = l->heading >= 0 ? d->l[l->heading].plain : "";
	char local[160], before[96], lead[160], words[64] = "";
	int ls = x->start, le = next ? next->start : (int)strlen(plain);
	snprintf(lead, sizeof lead, "%s %.*s", label, x->start - prev_end > 0 ? x->start - prev_end : 0,
	    plain + prev_end);
	/* a number's own words stop at a remark in parentheses after it */
	const char *paren = strchr(plain + x->end, '(');
	if (!x->paren && paren && paren - plain < le)
		le = (int)(paren - plain);
	/* the plan's own arithmetic in parentheses: "(TP2 x PP4 x DP1 = 8)" */
	if (x->paren) {
		const char *open = plain + x->start;
		while (open > plain && *open != '(')
			open--;
		const char *close = strchr(plain + x->start, ')');
		char group[160];
		snprintf(group, sizeof group, "%.*s", (int)((close ? close : plain + strlen(plain)) - open), open);
		if (strchr(group, '=') || strstr(group, " x ") || strstr(group, " / ") || strstr(group, " * ") ||
		    strstr(group, "\xc3\x97"))
			return;
	}
	snprintf(local, sizeof local, "%.*s", le - ls, plain + ls);
	int bs = x->start > 24 ? x->start - 24 : 0;
	snprintf(before, sizeof before, "%.*s", x->start - bs, plain + bs);

	/* "8x H100": a GPU count of the section's hardware */
	bool hardware = false;
	if (strcmp(x->unit, "x") == 0 || !x->unit[0]) {
		char win[40];
		snprintf(win, sizeof win, "%.30s", plain + x->start);
		char *g = pt_gpu_in(d, win);
		if (g) {
			snprintf(x->unit, sizeof x->unit, "GPUs");
			hardware = true;
		}
		free(g);
	}
	/* ids, not amounts: "GPUs 0-1", "Stage 2", "layers 0-19"; a degree: "2-way" */
	static const char *const ids[] = { "gpus ", "gpu ", "gpus [", "stage ", "layers ", "layer ", "group ",
		"rank ", NULL };
	for (const char *const *q = ids; *q; q++)
		if (strlen(before) >= strlen(*q) && strcmp(before + strlen(before) - strlen(*q), *q) == 0)
			return;
	if (strncmp(plain + x->end, "-way", 4) == 0)
		return;
	if (!x->unit[0])
		pt_label_unit(label, x->unit, sizeof x->unit);
	bool target = role_target || (!role_claim && (any_word(label, W_TARGET) ||
	    (x->paren && strstr(before, "target")) || pt_section_has(d, i, "targets|requirements|requirement|slos")));
	bool rejected = !role_target && (x->vs || any_word(label, W_REJECT));
	bool compare = any_word(local, W_COMPARE) && (!strcmp(x->unit, "%") || !strcmp(x->unit, "x"));
	int m = -1;
	size_t bl = strlen(before);
	if (bl >= 4 && strcmp(before + bl - 4, " of ") == 0 && audit_unit(x->unit, DIM_BYTES,
	    &(double){ 0 }) == 0)
		m = audit_metric_find("cluster.gpu_memory_bytes");       /* "(7.7% of 64GB)" */
	/* "640 GB (80GB per GPU)": the first is the whole cluster's */
	if (m < 0 && next && next->paren && audit_unit(x->unit, DIM_BYTES, &(double){ 0 }) == 0 &&
	    audit_unit(next->unit, DIM_BYTES, &(double){ 0 }) == 0 && (strstr(plain + next->end, "per gpu") ==
	    plain + next->end + 1 || strstr(plain + next->end, "each") == plain + next->end + 1))
		m = audit_metric_find("cluster.memory_bytes");
	if (m < 0)
		m = metric_of(local, lead, heading, x->unit, x->hi, words, sizeof words);
	else
		snprintf(words, sizeof words, "of");
	if (m < 0 && hardware) {
		pt_explain(d, "line %d: %g x a GPU: the hardware of the section, not a claim", l->no, x->lo);
		return;
	}
	/* the workload in words: "Max Batch Size: 64", "Batch optimization: 256 (vs 128)" */
	const char *key = setting_for(label);
	bool count = !x->unit[0] || !strcmp(x->unit, "sequences") || !strcmp(x->unit, "tokens");
	if (key && count && !rejected && !x->paren && !target && x->lo == x->hi && x->lo >= 1) {
		if (m < 0) {
			pt_set(d, key, x->lo, l->no, false);
			pt_explain(d, "line %d: \"%.60s\" -> %s = %g", l->no, label, key, x->lo);
			return;
		}
		pt_set(d, key, x->lo, l->no, true);
	}
	/* "Memory Limit: 68GB (85% of 80GB)": the runtime's memory fraction */
	if (!strcmp(x->unit, "%") && strstr(plain + x->end, " of ") == plain + x->end && any_word(plain, "limit") &&
	    x->lo > 5 && x->lo <= 100 && !rejected) {
		pt_set(d, "mem_util", x->lo / 100, l->no, true);
		pt_explain(d, "line %d: %g%% of the GPU as the limit -> mem_util = %g", l->no, x->lo, x->lo / 100);
	}
	/* nothing deployed: a zero per GPU is no figure to check */
	if (x->lo == 0 && x->hi == 0 && d->infeasible && m >= 0 && audit_metrics[m].per_stage) {
		PtClaim *z = add_claim(d, i, -1, x, "");
		if (z) {
			snprintf(z->note, sizeof z->note, "zero: the plan says nothing can be deployed");
			explain_claim(d, z, label);
		}
		return;
	}
	if (compare && !strstr(words, "headroom"))
		m = -1;
	/* "NVLink 900GB/s, PCIe 64GB/s": beside the GPU-GPU fabric, PCIe is
	 * the host link, not a second intra-node figure (a PCIe-only node's
	 * "PCIe 64GB/s" alone stays its intra fabric) */
	if (m == audit_metric_find("cluster.intra_bytes_per_s")) {
		char own[96];
		snprintf(own, sizeof own, "%.*s", x->start - prev_end > 0 ? x->start - prev_end : 0,
		    plain + prev_end);
		if (any_word(own, W_HOST_LINK) && !any_word(own, W_GPU_FABRIC) &&
		    (any_word(plain, W_GPU_FABRIC) || any_word(label, W_GPU_FABRIC))) {
			pt_explain(d, "line %d: %g %s after \"%.40s\": the host link (PCIe) beside the GPU-GPU "
			    "fabric, not the intra-node figure", l->no, x->lo, x->unit, own);
			return;
		}
	}
	/* "Memory per GPU: 80GB" under a Hardware heading: what a GPU has,
	 * not what the plan uses */
	if (m == audit_metric_find("memory.per_gpu_bytes") && pt_section_has(d, i, W_HW_SECTION) &&
	    !any_word(label, W_MEM_USE) && !any_word(plain, W_MEM_USE))
		m = audit_metric_find("cluster.gpu_memory_bytes");
	/* "Model Weights: 671GB": more than a GPU holds is the whole model's */
	if (m == audit_metric_find("memory.weights_bytes") && d->gpu_capacity > 0 &&
	    base_value(x, m, x->lo) > d->gpu_capacity && !strstr(plain, "per gpu"))
		m = audit_metric_find("model.weights_bytes");

	if (target && !rejected) {
		const char *slo = m >= 0 ? slo_key(m, *label ? label : heading) : NULL;
		if (slo) {
			char full[64];
			snprintf(full, sizeof full, "%s", slo);
			if (!pt_get(d, full)) {
				pt_set(d, full, base_value(x, m, x->hi), l->no, true);
				pt_explain(d, "line %d: \"%.60s\" %g %s -> SLO %s (a target)", l->no, label, x->hi,
				    x->unit, slo);
			}
			if (!any_word(plain, W_MET) || role_target)
				return;
		} else if (m < 0) {
			pt_explain(d, "line %d: \"%.60s\" %g %s: a target, not a claim", l->no, label, x->lo,
			    x->unit);
			return;
		}
		/* a target of a figure no SLO names: the plan says it will hold */
	}
	PtClaim *c = add_claim(d, i, m, x, words);
	if (!c)
		return;
	c->rejected = rejected;
	if (m >= 0 && x->op == CLAIM_ABOUT && x->lo == x->hi && (any_word(label, W_AT_MOST) ||
	    (audit_metrics[m].dim == DIM_FRACTION && any_word(plain, W_AT_MOST))) && strcmp(words, "of"))
		c->op = CLAIM_AT_MOST;
	/* a requirement stated beside the plan's required hardware is on it */
	if (!c->with.n && d->required_with >= 0 && any_word(label, "minimum required|minimum|required gpus") &&
	    pt_standing(d, i) == 0)
		c->with = d->withs[d->required_with];
	if (m >= 0 && audit_metrics[m].per_stage &&
	    (strstr(local, "per stage") || strstr(label, "per stage") || strstr(local, "identical") ||
	    strstr(label, "equivalent") || strstr(local, "equivalent")))
		c->each_stage = true;
	dtype_variant(label, c);
	if (m < 0) {
		if (compare)
			snprintf(c->note, sizeof c->note, "a comparison with the plan's own figures, not a figure "
			    "shardlab computes");
		else {
			snprintf(c->note, sizeof c->note, "not understood: no metric has the words \"%.80s\" "
			    "for a number in %s", *label ? label : local, *x->unit ? x->unit : "no unit");
			d->not_understood++;
		}
	}
	explain_claim(d, c, *label ? label : local);
}

/* The label of a line: the words before its first ": " (short, with
 * letters), or "" for prose. */
static size_t
label_end(const char *s)
{
	const char *colon = strstr(s, ": ");
	if (!colon && (colon = strchr(s, ':')) && colon[1] != '\0')
		colon = NULL;
	if (!colon || colon - s > 80)
		return 0;
	int words = 1, letters = 0;
	for (const char *q = s; q < colon; q++) {
		words += *q == ' ';
		letters += isalpha((unsigned char)*q) != 0;
	}
	return words <= 9 && letters >= 2 ? (size_t)(colon - s) : 0;
}

/* ---- lines ---------------------------------------------------------------- */

static void
feasible_claim(PtDoc *d, int i, bool *done)
{
	char words[64];
	int m = audit_metric_find("feasible");
	if (*done || metric_score(m, d->l[i].plain, words, sizeof words) == 0)
		return;
	PtClaim *c = pt_claim(d, i);
	if (!c)
		return;
	c->metric = m;
	c->lo = c->hi = 0;
	snprintf(c->words, sizeof c->words, "%s", words);
	snprintf(c->unit, sizeof c->unit, "bool");
	pt_explain(d, "line %d: \"%s\" -> feasible = false", d->l[i].no, words);
	*done = true;
	d->infeasible = true;
}

/* One "Label: value" segment [a, b) of line i's clean text. */
static void
segment(PtDoc *d, int i, int a, int b)
{
	const PtLine *l = &d->l[i];
	PtNum nums[MAX_NUMS];
	char *plain = xasprintf("%.*s", b - a, l->plain + a), *clean = xasprintf("%.*s", b - a, l->clean + a);
	size_t le = label_end(plain);
	char label[128];
	snprintf(label, sizeof label, "%.*s", (int)le, plain);
	if (!le) {
		/* prose: numbers without a label are listed, not claimed */
		int n = pt_numbers(clean, nums, MAX_NUMS);
		for (int k = 0; k < n; k++)
			if (!nums[k].glued) {
				pt_explain(d, "line %d: %g %s in prose: not understood (no label names it)", l->no,
				    nums[k].lo, nums[k].unit);
				d->not_understood++;
			}
	} else {
		int n = pt_numbers(clean + le, nums, MAX_NUMS), kept = 0;
		for (int k = 0; k < n; k++)
			if (!nums[k].glued)
				nums[kept++] = nums[k];
		for (int k = 0; k < kept; k++)
			one_number(d, i, label, plain + le, &nums[k], k ? nums[k - 1].end : 0,
			    k + 1 < kept ? &nums[k + 1] : NULL, false, false);
	}
	free(plain);
	free(clean);
}

/* The byte of line l's body where its clean text's byte `off` is (clean
 * drops the emphasis marks). */
static int
body_offset(const PtLine *l, int off)
{
	int b = 0, c = 0;
	while (l->body[b] && c < off) {
		if (l->body[b] != '*' && l->body[b] != '`')
			c++;
		b++;
	}
	while (l->body[b] == '*' || l->body[b] == '`')
		b++;
	return b;
}

/* A line holds several "Label: value" sentences ("Expected TTFT: 300 ms.
 * Expected TPOT: 20ms."): each is a segment, its claims quote it alone. */
static void
text_line(PtDoc *d, int i)
{
	const PtLine *l = &d->l[i];
	const char *c = l->clean;
	int cuts[32], nc = 0, len = (int)strlen(c);
	cuts[nc++] = 0;
	for (int k = 1; k + 2 < len && nc < 31; k++) {
		if ((c[k] != '.' && c[k] != ';') || c[k + 1] != ' ' || !isupper((unsigned char)c[k + 2]))
			continue;
		if (c[k] == '.' && isdigit((unsigned char)c[k - 1]) && isdigit((unsigned char)c[k + 1]))
			continue;
		if (label_end(l->plain + k + 2) > 0)
			cuts[nc++] = k + 2;
	}
	cuts[nc] = len;
	if (nc == 1) {
		segment(d, i, 0, len);
		return;
	}
	for (int s = 0; s < nc; s++) {
		int a = body_offset(l, cuts[s]), b = body_offset(l, cuts[s + 1]);
		while (b > a && (l->body[b - 1] == ' '))
			b--;
		char *q = xasprintf("%.*s", b - a, l->body + a);
		d->quote = q;
		segment(d, i, cuts[s], cuts[s + 1]);
		d->quote = NULL;
		free(q);
	}
}

/* A Markdown table row under header cells hdr[0..nh). */
static void
table_row(PtDoc *d, int i, char hdr[][48], int nh)
{
	const PtLine *l = &d->l[i];
	char cells[16][160], kept[16][160];     /* lower case; case kept (Gbps, GB/s) */
	int nc = 0;
	const char *p = l->plain;
	if (*p == '|')
		p++;
	while (*p && nc < 16) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		while (len && p[len - 1] == ' ')
			len--;
		while (len && *p == ' ') {
			p++;
			len--;
		}
		snprintf(kept[nc], sizeof kept[0], "%.*s", (int)len, l->clean + (p - l->plain));
		snprintf(cells[nc++], sizeof cells[0], "%.*s", (int)len, p);
		if (!bar)
			break;
		p = bar + 1;
		if (!*p)
			break;
	}
	if (nc < 2)
		return;
	for (int k = 1; k < nc; k++) {
		const char *h = k < nh ? hdr[k] : "";
		if (any_word(h, "status|check|notes|note|comment|remarks"))
			continue;
		bool target = any_word(h, W_TARGET);
		bool claim = !target;
		PtNum nums[8];
		int n = pt_numbers(kept[k], nums, 8);
		char label[200];
		snprintf(label, sizeof label, "%s %s", cells[0], strstr(cells[k], "p99") ? "p99" : "");
		for (int q = 0; q < n; q++) {
			if (nums[q].glued)
				continue;
			/* the cell's text is the number's local words; the first cell the label */
			one_number(d, i, label, cells[k], &nums[q], q ? nums[q - 1].end : 0,
			    q + 1 < n ? &nums[q + 1] : NULL, target, claim);
		}
	}
}

void
pt_claims(PtDoc *d)
{
	char hdr[16][48];
	int nh = 0;
	bool feasible = false;

	for (int i = 0; i < d->n; i++) {
		const PtLine *l = &d->l[i];
		if (l->used)
			continue;
		switch (l->kind) {
		case PT_TABLE:
			if (i + 1 < d->n && d->l[i + 1].kind == PT_RULE) {
				nh = 0;
				const char *p = l->plain;
				if (*p == '|')
					p++;
				while (*p && nh < 16) {
					const char *bar = strchr(p, '|');
					size_t len = bar ? (size_t)(bar - p) : strlen(p);
					while (len && *p == ' ') {
						p++;
						len--;
					}
					snprintf(hdr[nh++], sizeof hdr[0], "%.*s", (int)len, p);
					if (!bar)
						break;
					p = bar + 1;
				}
			} else {
				table_row(d, i, hdr, nh);
			}
			break;
		case PT_TEXT: case PT_BULLET: case PT_CODE:
			feasible_claim(d, i, &feasible);
			text_line(d, i);
			break;
		default:
			break;
		}
	}
}

/* ---- engine command blocks ------------------------------------------------ */

static bool
engine_word(const char *s)
{
	static const char *const w[] = { "vllm ", "python -m sglang", "python3 -m sglang", "sglang ",
		"trtllm-serve", "trtllm-bench", "mpirun ", NULL };
	while (*s == ' ' || *s == '$')
		s++;
	for (const char *const *p = w; *p; p++)
		if (strncmp(s, *p, strlen(*p)) == 0)
			return true;
	return false;
}

/* The line of block [a, b) whose raw text holds `flag`, else a. */
static int
flag_line(const PtDoc *d, int a, int b, const char *flag)
{
	for (int i = a; i < b; i++)
		if (flag && strstr(d->l[i].raw, flag))
			return i;
	return a;
}

/* text with each word holding a '/' that is no Hugging Face id of
 * hf-ids.tsv but names a catalog model fuzzily replaced by that name
 * (allocated), or NULL when nothing changed. */
static char *
model_by_name(PtDoc *d, const char *text)
{
	char *out = NULL;
	const char *p = text;
	while (*p) {
		while (*p && isspace((unsigned char)*p))
			p++;
		const char *b = p;
		while (*p && !isspace((unsigned char)*p))
			p++;
		if (p == b || !memchr(b, '/', (size_t)(p - b)) || p - b > 120)
			continue;
		char word[128], low[128], *note = NULL;
		snprintf(word, sizeof word, "%.*s", (int)(p - b), b);
		char *known = engine_hf_lookup(d->cat, word, &note);
		free(note);
		if (known) {
			free(known);
			continue;
		}
		for (size_t k = 0; k <= strlen(word); k++)
			low[k] = (char)tolower((unsigned char)word[k]);
		const char *slash = strrchr(low, '/');
		char *name = pt_model_in(d, slash ? slash + 1 : low);
		if (!name)
			continue;
		pt_explain(d, "%s: not in hf-ids.tsv; read as the catalog's %s", word, name);
		const char *base = out ? out : text;
		size_t off = (size_t)(b - text) + (out ? strlen(out) - strlen(text) : 0);
		char *n = xasprintf("%.*s%s%s", (int)off, base, name, base + off + strlen(word));
		/* keep scanning the original text; offsets shift by the replacement */
		free(out);
		out = n;
		free(name);
	}
	return out;
}

void
pt_engine_blocks(PtDoc *d)
{
	for (int i = 0; i < d->n; i++) {
		int a, b;
		size_t len = 1;
		if (d->l[i].kind == PT_FENCE && i + 1 < d->n && d->l[i + 1].kind == PT_CODE &&
		    engine_word(d->l[i + 1].raw)) {
			/* a fenced block: every line of it */
			a = b = i + 1;
			while (b < d->n && d->l[b].kind == PT_CODE)
				len += strlen(d->l[b++].raw) + 1;
		} else if (d->l[i].kind != PT_CODE && d->l[i].kind != PT_FENCE && !d->l[i].used &&
		    engine_word(d->l[i].raw)) {
			/* an indented or bare command: its backslash continuations */
			a = b = i;
			do
				len += strlen(d->l[b++].raw) + 1;
			while (b < d->n && b - a < 64 && strlen(d->l[b - 1].raw) > 0 &&
			    d->l[b - 1].raw[strlen(d->l[b - 1].raw) - 1] == '\\');
		} else {
			continue;
		}
		char *text = xmalloc(len + 1), *end = text;
		*end = '\0';
		for (int k = a; k < b; k++)     /* a running end, not strcat's rescans */
			end += sprintf(end, "%s\n", d->l[k].raw);
		EngineRead er;
		char *why = NULL;
		/* a model id the catalog does not list, spelled near a catalog
		 * name ("meta-llama/Llama-3-70B-Instruct"): read as that name */
		char *fixed = model_by_name(d, text);
		if (fixed) {
			free(text);
			text = fixed;
		}
		for (int k = a; k < b; k++)
			d->l[k].used = true;
		if (engine_read(d->cat, text, &er, &why) != 0) {
			pt_explain(d, "line %d: an engine command not read: %s", d->l[a].no, why);
			free(why);
			free(text);
			i = b;
			continue;
		}
		const EngineDef *ed = engine_def(er.engine);
		pt_explain(d, "line %d: a %s command: settings from its flags%s%s", d->l[a].no, ed->label,
		    er.ignored ? "; not modelled: " : "", er.ignored ? er.ignored : "");
		pt_set_text(d, "runtime", ed->runtime, d->l[a].no, true);
		for (int k = 0; k < er.n_keys; k++) {
			const EngineKey *ek = &er.keys[k];
			const char *name = param_def(ek->key)->name;
			bool dflt = strstr(ek->flag, "default") != NULL;
			int ln = d->l[flag_line(d, a, b, dflt ? NULL : ek->flag)].no;
			/* the prose's layout, model and batch come first; the engine's
			 * max-num-seqs is a cap on the batch */
			bool keep = ek->key == PARAM_MODEL || ek->key == PARAM_BATCH || ek->key == PARAM_TP ||
			    ek->key == PARAM_PP || ek->key == PARAM_DP || ek->key == PARAM_EP;
			if (dflt && pt_get(d, name))
				continue;
			if (param_def(ek->key)->type == PARAM_T_STRING)
				pt_set_text(d, name, ek->text, ln, keep);
			else
				pt_set(d, name, atof(ek->text), ln, keep);
			pt_explain(d, "line %d: %s %s -> %s = %s", ln, ek->flag, ek->text, name, ek->text);
			if (ek->key == PARAM_BATCH && !dflt) {
				int fl = flag_line(d, a, b, ek->flag);
				PtClaim *c = pt_claim(d, fl);
				if (c) {
					c->metric = audit_metric_find("memory.max_concurrent_seqs");
					c->lo = c->hi = atof(ek->text);
					c->op = CLAIM_AT_LEAST;
					snprintf(c->words, sizeof c->words, "%s", ek->flag);
					explain_claim(d, c, ek->flag);
				}
			}
		}
		engine_read_free(&er);
		free(text);
		i = b;
	}
}
