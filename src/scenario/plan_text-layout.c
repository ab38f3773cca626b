/* plan_text-layout.c: TP, PP, DP and EP from the notations plans use
 * ("TP2-PP4-DP1", "TP=8, PP=1, DP=1", "PP(4) x TP(2)", "TP2-EP4-PP2-DP2",
 * "Tensor Parallelism (TP) - Degree 2", "Data Parallel: 3 (vs 4-5)"), the
 * layouts a plan rejects ("EP64-TP8-PP2-DP2 requiring 2048 GPUs"), and
 * the placement ("Stage 0: GPUs [0,1] - Layers 0-19", "GPUs 4-7
 * dedicated to expert processing"). */
#include "plan_text-internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { D_TP, D_PP, D_DP, D_EP, D_N };
static const char *const dim_keys[D_N] = { "tp", "pp", "dp", "ep" };

/* How plans name each dimension (the short name first). */
static const char *const dim_words[D_N][4] = {
	{ "tp", "tensor parallelism", "tensor parallel", "tensor-parallel" },
	{ "pp", "pipeline parallelism", "pipeline parallel", "pipeline-parallel" },
	{ "dp", "data parallelism", "data parallel", "data-parallel" },
	{ "ep", "expert parallelism", "expert parallel", "expert-parallel" },
};

typedef struct Dim {
	int dim, value;
	int start, end;         /* the span in the line */
} Dim;

/* The dimension named at s[i] and the degree after it. */
static bool
dim_at(const char *s, size_t i, Dim *out)
{
	for (int d = 0; d < D_N; d++)
		for (int w = 0; w < 4; w++) {
			const char *word = dim_words[d][w];
			size_t wl = strlen(word);
			if (strncmp(s + i, word, wl) != 0 || (i > 0 && isalnum((unsigned char)s[i - 1])))
				continue;
			const char *p = s + i + wl;
			/* "TP2", "TP=8", "TP 2", "(TP) - Degree 2", "(4)", ": 3", " degree 4" */
			if (w > 0 && strncmp(p, " (", 2) == 0 && strncmp(p + 2, dim_words[d][0], 2) == 0 &&
			    p[4] == ')')
				p += 5;
			if (w == 0 && isalpha((unsigned char)*p))
				continue;
			for (int k = 0; k < 4 && *p && strchr(" =:(-", *p); k++)
				p++;
			while (*p == ' ' || *p == '-')
				p++;
			if (strncmp(p, "degree", 6) == 0)
				for (p += 6; *p == ' ' || *p == ':' || *p == '='; p++)
					;
			if (!isdigit((unsigned char)*p))
				continue;
			char *e;
			long v = strtol(p, &e, 10);
			if (v < 1 || v > 4096 || isalpha((unsigned char)*e) || (*e == '.' && isdigit((unsigned char)e[1])))
				continue;
			if (*e == ')')
				e++;
			out->dim = d;
			out->value = (int)v;
			out->start = (int)i;
			out->end = (int)(e - s);
			return true;
		}
	return false;
}

static int
dims_in(const char *s, Dim *out, int max)
{
	int n = 0;
	for (size_t i = 0; s[i] && n < max; i++)
		if (dim_at(s, i, &out[n])) {
			i = (size_t)out[n].end - 1;
			n++;
		}
	return n;
}

/* Only separators between two dimensions of one notation. */
static bool
joined(const char *s, int a, int b)
{
	if (b - a > 10)
		return false;
	for (int k = a; k < b; k++)
		if (!strchr(" ,-x*/+", s[k]) && !((unsigned char)s[k] == 0xc3 || (unsigned char)s[k] == 0x97) &&
		    strncmp(s + k, "and", 3) != 0)
			return false;
	return true;
}

int
pt_layout_in(const char *s, int *tp, int *pp, int *dp, int *ep)
{
	Dim ds[16];
	int n = dims_in(s, ds, 16), v[D_N] = { 0 };
	for (int a = 0; a < n; a++) {
		int b = a;
		while (b + 1 < n && joined(s, ds[b].end, ds[b + 1].start))
			b++;
		if (b > a) {
			for (int k = a; k <= b; k++)
				v[ds[k].dim] = ds[k].value;
			*tp = v[D_TP];
			*pp = v[D_PP];
			*dp = v[D_DP];
			*ep = v[D_EP];
			return b - a + 1;
		}
	}
	return 0;
}

typedef struct Cand {
	int v[D_N];             /* 0: not said */
	int count, line;
} Cand;

static bool
compatible(const int *a, const int *b)
{
	for (int k = 0; k < D_N; k++)
		if (a[k] && b[k] && a[k] != b[k])
			return false;
	return true;
}

/* "requiring 2048 GPUs" after a rejected layout: a claim on its variant. */
static void
rejected_layout(PtDoc *d, int i, const int *v, int end)
{
	const char *p = strstr(d->l[i].plain + end, "requiring ");
	if (!p || p - (d->l[i].plain + end) > 4)
		p = strstr(d->l[i].plain + end, "requires ");
	if (!p || p - (d->l[i].plain + end) > 4)
		return;
	p = strchr(p, ' ') + 1;
	int gpus = atoi(p);
	if (gpus <= 0)
		return;
	PtClaim *c = pt_claim(d, i);
	if (!c)
		return;
	c->metric = audit_metric_find("strategy.gpus");
	c->lo = c->hi = gpus;
	c->rejected = true;
	snprintf(c->words, sizeof c->words, "requiring");
	for (int k = 0; k < D_N && c->with.n < PT_MAX_WITH; k++)
		if (v[k]) {
			PtSet *s = &c->with.set[c->with.n++];
			memset(s, 0, sizeof *s);
			snprintf(s->key, sizeof s->key, "%s", dim_keys[k]);
			s->num = v[k];
		}
	pt_explain(d, "line %d: a layout the plan rejects, requiring %d GPUs -> strategy.gpus on its variant",
	    d->l[i].no, gpus);
}

void
pt_layout(PtDoc *d)
{
	Cand c[64];
	int nc = 0;
	int single[D_N] = { 0 }, single_line[D_N] = { 0 };

	for (int i = 0; i < d->n; i++) {
		PtLine *l = &d->l[i];
		if (l->kind == PT_BLANK || l->kind == PT_FENCE || l->used)
			continue;
		Dim ds[16];
		int n = dims_in(l->plain, ds, 16);
		if (n == 0)
			continue;
		bool other = pt_section_has(d, i, "alternative|alternatives|considered|rejected|previous|original") ||
		    pt_has_word(l->plain, "would") || pt_has_word(l->plain, "original");
		for (int a = 0; a < n; a++) {
			int b = a;
			while (b + 1 < n && joined(l->plain, ds[b].end, ds[b + 1].start))
				b++;
			const char *after = l->plain + ds[b].end;
			if (b > a) {
				int v[D_N] = { 0 };
				for (int k = a; k <= b; k++)
					v[ds[k].dim] = ds[k].value;
				bool rejected = other || strstr(after, "requiring") == after + 1 ||
				    strstr(l->plain, "mismatch");
				if (rejected && strstr(after, "requir") && strstr(after, "requir") - after < 4)
					rejected_layout(d, i, v, ds[b].end);
				if (!rejected && nc < 64) {
					memcpy(c[nc].v, v, sizeof v);
					c[nc].count = l->kind == PT_HEADING ? 2 : 1;
					c[nc].line = i;
					nc++;
				}
			} else if (!other && !single[ds[a].dim]) {
				single[ds[a].dim] = ds[a].value;
				single_line[ds[a].dim] = l->no;
			}
			a = b;
		}
		/* a line that only states degrees holds no claims */
		PtNum nums[16];
		int nn = pt_numbers(l->clean, nums, 16), free_nums = 0;
		for (int k = 0; k < nn; k++) {
			bool in = nums[k].glued || nums[k].vs;
			for (int q = 0; q < n && !in; q++)
				in = nums[k].start >= ds[q].start && nums[k].start < ds[q].end;
			free_nums += !in;
		}
		if (free_nums == 0 && l->kind != PT_HEADING)
			l->used = true;
	}
	/* the notation named most (a heading counts twice); its compatible
	 * mentions fill each other in */
	int best = -1, bcount = 0;
	for (int a = 0; a < nc; a++) {
		int count = 0;
		for (int b = 0; b < nc; b++)
			count += compatible(c[a].v, c[b].v) ? c[b].count : 0;
		if (count > bcount) {
			bcount = count;
			best = a;
		}
	}
	int v[D_N] = { 0 }, from[D_N] = { 0 };
	if (best >= 0)
		for (int b = 0; b < nc; b++)
			if (compatible(c[best].v, c[b].v))
				for (int k = 0; k < D_N; k++)
					if (!v[k] && c[b].v[k]) {
						v[k] = c[b].v[k];
						from[k] = d->l[c[b].line].no;
					}
	for (int k = 0; k < D_N; k++)
		if (!v[k] && single[k]) {
			v[k] = single[k];
			from[k] = single_line[k];
		}
	for (int k = 0; k < D_N; k++)
		if (v[k]) {
			pt_set(d, dim_keys[k], v[k], from[k], true);
			pt_explain(d, "line %d: %s = %d", from[k], dim_keys[k], v[k]);
		}
	d->dp = v[D_DP] ? v[D_DP] : 1;
}

/* ---- placement ------------------------------------------------------------ */

/* GPU ids after "gpu"/"gpus" at p: "[0,1]", "0-1", "4-7", "0, 1"; 0 when a
 * number there is no GPU id (above io/plan.h PLAN_GPU_NUMBER_MAX). */
static int
gpu_list(const char *p, int *out, int max)
{
	int n = 0;
	while (*p && !isdigit((unsigned char)*p)) {
		if (!strchr(" s:[(", *p))
			return 0;
		p++;
	}
	while (isdigit((unsigned char)*p) && n < max) {
		char *e;
		long a = strtol(p, &e, 10), b = a;
		if (*e == '-' && isdigit((unsigned char)e[1]))
			b = strtol(e + 1, &e, 10);
		if (a > PLAN_GPU_NUMBER_MAX || b > PLAN_GPU_NUMBER_MAX)
			return 0;
		for (long g = a; g <= b && n < max && b - a < 4096; g++)
			out[n++] = (int)g;
		p = e;
		if (*p == ',' && (p[1] == ' ' || isdigit((unsigned char)p[1])))
			p += p[1] == ' ' ? 2 : 1;
		else
			break;
	}
	return n;
}

void
pt_placement(PtDoc *d)
{
	for (int i = 0; i < d->n && d->n_groups < PT_MAX_GROUPS; i++) {
		PtLine *l = &d->l[i];
		if (l->kind == PT_HEADING || l->kind == PT_BLANK)
			continue;
		const char *st = strstr(l->plain, "stage ");
		PtGroup x;
		memset(&x, 0, sizeof x);
		x.line = l->no;
		x.first_layer = x.last_layer = -1;
		for (const char *g = l->plain; (g = strstr(g, "gpu")) && x.n_gpus == 0; g += 3)
			x.n_gpus = gpu_list(g + 3, x.gpus, 64);
		if (x.n_gpus == 0)
			continue;
		if (st && isdigit((unsigned char)st[6])) {
			x.kind = GROUP_STAGE;
			x.stage = atoi(st + 6);
			const char *ly = strstr(l->plain, "layers ");
			if (ly && isdigit((unsigned char)ly[7])) {
				char *e;
				x.first_layer = (int)strtol(ly + 7, &e, 10);
				x.last_layer = *e == '-' ? atoi(e + 1) : x.first_layer;
			}
		} else if (strstr(l->plain, "expert") && x.n_gpus > 1 && (strstr(l->plain, "dedicated") ||
		    strstr(l->plain, "assigned") || strstr(l->plain, "host"))) {
			x.kind = GROUP_EXPERTS;
			x.stage = -1;
		} else {
			continue;
		}
		pt_quote(l, x.text, sizeof x.text);
		/* the same group said twice ("Stage 0: GPUs 0-1 (layers 0-7)" and
		 * "Pipeline Stage 0 + Tensor Parallel: 2 modules (GPUs 0-1)") */
		bool dup = false;
		for (int k = 0; k < d->n_groups && !dup; k++) {
			PtGroup *o = &d->groups[k];
			if (o->kind == x.kind && o->stage == x.stage && o->n_gpus == x.n_gpus &&
			    memcmp(o->gpus, x.gpus, (size_t)x.n_gpus * sizeof x.gpus[0]) == 0) {
				dup = true;
				if (o->first_layer < 0)
					o->first_layer = x.first_layer, o->last_layer = x.last_layer;
			}
		}
		if (!dup) {
			d->groups[d->n_groups++] = x;
			pt_explain(d, "line %d: placement: %s on %d GPU%s", l->no, x.kind == GROUP_STAGE ? "a stage" :
			    "an expert group", x.n_gpus, x.n_gpus == 1 ? "" : "s");
		}
		l->used = true;
	}
}
