/* plan_text-hw.c: a text plan's hardware and model.  GPU names are the
 * catalog's ("H100" -> h100-sxm, the GPU of a cluster preset, unless the
 * text says "PCIe"; "A100 (40GB each)" -> a100-40gb); a GPU the catalog
 * lacks ("16 GPUs (64GB VRAM each)") is described as the catalog GPU
 * nearest in peak FLOP/s (else memory) with the stated figures.  Models
 * are catalog names or Hugging Face ids (presets/models/hf-ids.tsv)
 * matched without separators ("Llama3-70B-Instruct" -> llama-3-70b); a
 * model not in the catalog is synthesised from what the plan states
 * (parameters, experts, layers) with every other dimension assumed and
 * listed.  Sections about alternatives ("Required Configuration", "Deploy
 * Smaller Model", "Cloud Deployment") become variants of the scenario. */
#include "plan_text-internal.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/preset.h"
#include "scenario/engine.h"
#include "scenario/setup.h"
#include "util/xmalloc.h"

/* Headings of the system the plan runs on, and of the ones it compares
 * or proposes instead. */
#define W_ACTUAL "actual|available|current|environment|existing|target system|deployment configuration"
#define W_OTHER "required configuration|required hardware|input specification|alternative|alternatives|" \
	"option|options|upgrade|cloud|smaller|" \
	"recommended|recommendation|optimal configuration|quantization|solution|long-term|short-term|" \
	"previous|original|premise|hardware upgrade"

/* ---- GPUs ----------------------------------------------------------------- */

void
pt_load_names(PtDoc *d)
{
	if (d->gpu_names)
		return;
	d->n_gpu_names = catalog_list(d->cat, PRESET_GPU, &d->gpu_names);
	d->gpu_usual = xcalloc((size_t)(d->n_gpu_names > 0 ? d->n_gpu_names : 1), sizeof *d->gpu_usual);
	char **cl;
	int ncl = catalog_list(d->cat, PRESET_CLUSTER, &cl);
	for (int k = 0; k < ncl; k++) {
		Cluster c;
		char *why = NULL;
		if (preset_cluster(d->cat, cl[k], &c, &why) == 0) {
			for (int g = 0; g < d->n_gpu_names; g++)
				if (strcmp(d->gpu_names[g], c.gpu.name) == 0)
					d->gpu_usual[g] = true;
		}
		free(why);
	}
	catalog_list_free(cl, ncl);
	d->n_model_names = catalog_list(d->cat, PRESET_MODEL, &d->model_names);
}

/* The GPU named at the start of a word of s: index, and where. */
static int
gpu_at(const PtDoc *d, const char *s, const char **where)
{
	int best = -1, bscore = -1;
	*where = NULL;
	for (int g = 0; g < d->n_gpu_names; g++) {
		char base[32];
		const char *name = d->gpu_names[g];
		const char *dash = strchr(name, '-');
		snprintf(base, sizeof base, "%.*s", (int)(dash ? dash - name : (long)strlen(name)), name);
		if (strlen(base) < 2)
			continue;
		const char *at = NULL;
		for (const char *p = s; (p = strstr(p, base)); p++) {
			size_t bl = strlen(base);
			if ((p == s || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[bl])) {
				at = p;
				break;
			}
		}
		if (!at)
			continue;
		/* the variant's own words ("sxm", "pcie", "40gb") win; else the usual one */
		int score = (int)strlen(base) * 4 + (d->gpu_usual[g] ? 1 : 0);
		if (dash && strstr(s, dash + 1))
			score += 2;
		if (score > bscore) {
			bscore = score;
			best = g;
			*where = at;
		}
	}
	return best;
}

char *
pt_gpu_in(const PtDoc *d, const char *s)
{
	const char *w;
	int g = gpu_at(d, s, &w);
	return g >= 0 ? xstrdup(d->gpu_names[g]) : NULL;
}

/* The count right before position `at` of s ("8x H100", "1 Tesla T4",
 * "8× NVIDIA H100"), 0 when none. */
static int
count_before(const char *s, const char *at)
{
	const char *p = at;
	int words = 0;
	while (p > s && words < 3) {
		p--;
		if (*p == ' ')
			words++;
		if (isdigit((unsigned char)*p)) {
			const char *e = p + 1;
			while (p > s && isdigit((unsigned char)p[-1]))
				p--;
			if (p > s && (isalpha((unsigned char)p[-1]) || p[-1] == '.'))
				return 0;
			/* only "x", "×", spaces and words between the count and the name */
			for (const char *q = e; q < at; q++)
				if (isdigit((unsigned char)*q) || *q == '(' || *q == ',')
					return 0;
			return atoi(p);
		}
	}
	return 0;
}

int
pt_standing(const PtDoc *d, int i)
{
	int h = d->l[i].kind == PT_HEADING ? i : d->l[i].heading;
	int score = 0;
	for (int k = 0; h >= 0 && k < 3; k++) {
		if (pt_has_word(d->l[h].plain, "actual") || (k == 0 && pt_section_has(d, i, W_ACTUAL)))
			score += 2;
		const char *t = d->l[h].plain;
		char w[48];
		for (const char *p = W_OTHER; *p;) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);
			snprintf(w, sizeof w, "%.*s", (int)len, p);
			if (pt_has_word(t, w)) {
				score -= 2;
				break;
			}
			p += len + (bar ? 1 : 0);
		}
		if (score != 0)
			break;
		/* a deeper heading inherits its parent's standing */
		int lv = d->l[h].level, up = -1;
		for (int q = h - 1; q >= 0; q--)
			if (d->l[q].kind == PT_HEADING && d->l[q].level < lv) {
				up = q;
				break;
			}
		h = up;
	}
	if (pt_has_word(d->l[i].plain, "original") || pt_has_word(d->l[i].plain, "previous") ||
	    strstr(d->l[i].plain, " vs"))
		score -= 1;
	return score;
}

typedef struct Mention {
	int line;
	char name[64];
	int count;
	int score;
} Mention;

/* A variant setting for every line of the section of line i. */
static void
section_variant(PtDoc *d, int i, const char *key, const char *text, double num)
{
	int h = d->l[i].heading;
	int start = h >= 0 ? h : 0, end = d->n;
	for (int q = start + 1; q < d->n; q++)
		if (d->l[q].kind == PT_HEADING) {
			end = q;
			break;
		}
	int w = -1;
	for (int q = start; q < end && w < 0; q++)
		w = d->line_with[q];
	if (w < 0) {
		d->withs = xrealloc(d->withs, (size_t)(d->n_withs + 1) * sizeof *d->withs);
		w = d->n_withs++;
		memset(&d->withs[w], 0, sizeof d->withs[w]);
	}
	PtWith *pw = &d->withs[w];
	for (int k = 0; k < pw->n; k++)
		if (strcmp(pw->set[k].key, key) == 0)
			return;
	if (pw->n >= PT_MAX_WITH)
		return;
	PtSet *s = &pw->set[pw->n++];
	memset(s, 0, sizeof *s);
	snprintf(s->key, sizeof s->key, "%s", key);
	snprintf(s->text, sizeof s->text, "%s", text ? text : "");
	s->num = num;
	s->line = d->l[i].no;
	for (int q = start; q < end; q++)
		d->line_with[q] = w;
}

/* The cluster preset of `gpus` x `gpu`, allocated, or NULL. */
static char *
cluster_preset(PtDoc *d, const char *gpu, int gpus)
{
	char **cl, *out = NULL;
	int ncl = catalog_list(d->cat, PRESET_CLUSTER, &cl);
	for (int k = 0; k < ncl && !out; k++) {
		Cluster c;
		char *why = NULL;
		if (preset_cluster(d->cat, cl[k], &c, &why) == 0 && strcmp(c.gpu.name, gpu) == 0 &&
		    c.nodes * c.gpus_per_node == gpus)
			out = xstrdup(cl[k]);
		free(why);
	}
	catalog_list_free(cl, ncl);
	return out;
}

/* The first number of line i's value with one of `units`, 0 none. */
static double
value_with(const PtDoc *d, int i, const char *units, const char *after)
{
	PtNum nums[16];
	const char *s = d->l[i].clean;
	const char *from = after ? strstr(d->l[i].plain, after) : NULL;
	int off = from ? (int)(from - d->l[i].plain) : 0;
	int n = pt_numbers(s + off, nums, 16);
	for (int k = 0; k < n; k++) {
		if (nums[k].glued || nums[k].vs)
			continue;
		if (*units == '\0' ? nums[k].unit[0] == '\0' || !strcmp(nums[k].unit, "GPUs") :
		    pt_has_word(units, nums[k].unit))
			return nums[k].lo;
	}
	return 0;
}

/* The catalog GPU nearest a described one: in peak FLOP/s when stated,
 * else in memory. */
static char *
nearest_gpu(PtDoc *d, double mem, double peak)
{
	int best = -1;
	double bd = INFINITY;
	for (int g = 0; g < d->n_gpu_names; g++) {
		Gpu gp;
		char *why = NULL;
		if (preset_gpu(d->cat, d->gpu_names[g], &gp, &why) != 0) {
			free(why);
			continue;
		}
		double p = gp.peak_flops[DTYPE_BF16] > 0 ? gp.peak_flops[DTYPE_BF16] : gp.peak_flops[DTYPE_FP16];
		double dist = peak > 0 && p > 0 ? fabs(log(p / peak)) : mem > 0 ? fabs(log(gp.memory_bytes / mem)) :
		    INFINITY;
		if (dist < bd) {
			bd = dist;
			best = g;
		}
	}
	return best >= 0 ? xstrdup(d->gpu_names[best]) : NULL;
}

int
pt_hardware(PtDoc *d, char **cause)
{
	Mention *m = xcalloc((size_t)d->n + 1, sizeof *m);
	int nm = 0;

	pt_load_names(d);
	for (int i = 0; i < d->n; i++) {
		const PtLine *l = &d->l[i];
		if (l->kind == PT_BLANK || l->kind == PT_FENCE || l->used)
			continue;
		const char *at;
		int g = gpu_at(d, l->plain, &at);
		if (g < 0)
			continue;
		Mention *x = &m[nm++];
		x->line = i;
		snprintf(x->name, sizeof x->name, "%s", d->gpu_names[g]);
		x->count = count_before(l->plain, at);
		x->score = pt_standing(d, i) + (x->count > 0 ? 1 : 0) + (l->kind == PT_HEADING ? 0 : 0);
	}
	int best = -1;
	for (int k = 0; k < nm; k++)
		if (best < 0 || m[k].score > m[best].score)
			best = k;

	if (best >= 0) {
		snprintf(d->base_gpu, sizeof d->base_gpu, "%s", m[best].name);
		d->base_gpus = m[best].count;
		if (d->base_gpus <= 0)
			for (int k = 0; k < nm && d->base_gpus <= 0; k++)
				if (!strcmp(m[k].name, m[best].name) && m[k].count > 0 && m[k].score >= 0)
					d->base_gpus = m[k].count;
		pt_explain(d, "line %d: \"%s\" -> the plan's GPU %s%s", d->l[m[best].line].no,
		    d->l[m[best].line].body, d->base_gpu, d->base_gpus ? "" : " (no count: its usual node)");
	}
	/* the count when no name gives it: "Total GPUs Available: 16", "GPUs: 24" */
	int count_line = -1;
	for (int i = 0; i < d->n && d->base_gpus <= 0; i++) {
		const char *p = d->l[i].plain;
		if (d->l[i].kind == PT_HEADING || pt_standing(d, i) < 0)
			continue;
		if (strstr(p, "gpus available") || strstr(p, "available gpus") || strstr(p, "gpu count") ||
		    strncmp(p, "gpus:", 5) == 0 || strstr(p, "total gpus")) {
			double v = value_with(d, i, "", ":");
			if (v >= 1 && v <= 1e5) {
				d->base_gpus = (int)v;
				count_line = i;
			}
		}
	}
	if (!d->base_gpu[0]) {
		/* a GPU the catalog lacks: what the plan says of it */
		for (int i = 0; i < d->n && !d->gpu_memory; i++) {
			const char *p = d->l[i].plain;
			if (pt_standing(d, i) < 0)
				continue;
			if (strstr(p, "vram") || strstr(p, "gb each") || strstr(p, "memory per gpu") ||
			    strstr(p, "gpu memory"))
				d->gpu_memory = value_with(d, i, "GB", strstr(p, "of ") && strstr(p, "memory per gpu") ?
				    "of " : strstr(p, "(") ? "(" : NULL) * 1e9;
		}
		for (int i = 0; i < d->n && !d->gpu_peak; i++) {
			const char *p = d->l[i].plain;
			if (strstr(p, "per gpu") && (strstr(p, "tflops") || strstr(p, "tflop/s")) &&
			    (strstr(p, "available") || strstr(p, "peak")))
				d->gpu_peak = value_with(d, i, "TFLOPs TFLOP/s TFLOPS", NULL) * 1e12;
		}
		if (!d->gpu_memory || d->base_gpus <= 0) {
			free(m);
			*cause = xasprintf("%s: no hardware found: name the GPUs (\"8x H100\") or their count and "
			    "memory (\"16 GPUs (64GB VRAM each)\")", d->path);
			return -1;
		}
		d->gpu_like = nearest_gpu(d, d->gpu_memory, d->gpu_peak);
		snprintf(d->base_gpu, sizeof d->base_gpu, "gpu-%.0fgb", d->gpu_memory / 1e9);
		pt_explain(d, "the GPU is not named: described as %s, taken as %s with the plan's %.0f GB%s", d->base_gpu,
		    d->gpu_like ? d->gpu_like : "?", d->gpu_memory / 1e9, d->gpu_peak ? " and peak" : "");
		pt_assume(d, "the unnamed %.0f GB GPU is taken as %s for bandwidth, links and efficiencies%s",
		    d->gpu_memory / 1e9, d->gpu_like ? d->gpu_like : "?",
		    d->gpu_peak ? "" : " and peak FLOP/s");
	}
	if (d->base_gpus > 0 && !d->gpu_like) {
		char *preset = cluster_preset(d, d->base_gpu, d->base_gpus);
		if (preset) {
			pt_set_text(d, "cluster", preset, 0, true);
			free(preset);
		} else {
			pt_set_text(d, "gpu", d->base_gpu, 0, true);
			pt_set(d, "gpus", d->base_gpus, 0, true);
		}
	} else if (d->gpu_like) {
		pt_set(d, "gpus", d->base_gpus, count_line >= 0 ? d->l[count_line].no : 0, true);
	} else {
		pt_set_text(d, "gpu", d->base_gpu, 0, true);
	}

	if (d->gpu_memory > 0) {
		d->gpu_capacity = d->gpu_memory;
	} else {
		Gpu g;
		char *why = NULL;
		if (preset_gpu(d->cat, d->base_gpu, &g, &why) == 0)
			d->gpu_capacity = g.memory_bytes;
		free(why);
	}
	/* sections about other hardware: their claims are on a variant */
	for (int k = 0; k < nm; k++) {
		if (k == best || (!strcmp(m[k].name, d->base_gpu) && (m[k].count == d->base_gpus || !m[k].count)))
			continue;
		if (m[k].count <= 0 || d->l[m[k].line].kind == PT_HEADING || pt_standing(d, m[k].line) >= 0)
			continue;
		char *preset = cluster_preset(d, m[k].name, m[k].count);
		if (preset) {
			section_variant(d, m[k].line, "cluster", preset, 0);
		} else {
			section_variant(d, m[k].line, "gpu", m[k].name, 0);
			section_variant(d, m[k].line, "gpus", NULL, m[k].count);
		}
		pt_explain(d, "line %d: %d x %s: its section's claims are on that variant", d->l[m[k].line].no,
		    m[k].count, m[k].name);
		if (d->required_with < 0 && pt_section_has(d, m[k].line, "required|requirement|requirements"))
			d->required_with = d->line_with[m[k].line];
		free(preset);
	}
	free(m);
	return 0;
}

/* ---- models --------------------------------------------------------------- */

char *
pt_model_in(const PtDoc *d, const char *s)
{
	char words[64][64];
	int nw = 0;
	const char *p = s;
	while (*p && nw < 64) {
		while (*p && strchr(" \t()*,:;|\"'`[]", *p))
			p++;
		const char *b = p;
		while (*p && !strchr(" \t()*,:;|\"'`[]", *p))
			p++;
		if (p > b)
			snprintf(words[nw++], sizeof words[0], "%.*s", (int)(p - b), b);
	}
	const char *best = NULL;
	size_t bl = 0;
	for (int w = 0; w < nw; w++) {
		if (strchr(words[w], '/')) {
			char *note = NULL, *name = engine_hf_lookup(d->cat, words[w], &note);
			free(note);
			if (name)
				return name;
		}
		char joined[160] = "";
		for (int k = w; k < nw && k < w + 3; k++) {
			char nrm[160];
			strncat(joined, words[k], sizeof joined - strlen(joined) - 1);
			pt_norm(joined, nrm, sizeof nrm);
			for (int q = 0; q < d->n_model_names; q++) {
				char mn[96];
				pt_norm(d->model_names[q], mn, sizeof mn);
				size_t ml = strlen(mn);
				/* the name's letters must start the first word */
				char first[64];
				pt_norm(words[w], first, sizeof first);
				if (ml < 4 || strncmp(nrm, mn, ml) != 0 || isdigit((unsigned char)nrm[ml]) ||
				    strncmp(first, mn, strlen(first) < ml ? strlen(first) : ml) != 0 || !first[0])
					continue;
				if (ml > bl) {
					bl = ml;
					best = d->model_names[q];
				}
			}
		}
	}
	return best ? xstrdup(best) : NULL;
}

/* The first number with one of `units` on a line whose plain text holds
 * `phrase`, outside sections about alternatives; 0 none. */
static double
stated(const PtDoc *d, const char *phrase, const char *units, int *line)
{
	for (int i = 0; i < d->n; i++) {
		const PtLine *l = &d->l[i];
		/* the model is the model, in any section */
		if (l->kind == PT_HEADING || l->used || !strstr(l->plain, phrase))
			continue;
		PtNum nums[16];
		int n = pt_numbers(l->clean, nums, 16);
		const char *at = strstr(l->plain, phrase);
		int pos = (int)(at - l->plain), best = -1;
		/* the number right before the phrase ("16 transformer layers"),
		 * else the first after it ("Total Experts: 64") */
		for (int k = 0; k < n; k++) {
			/* "16 transformer layers"; "64 experts" (the phrase is its unit) */
			bool right_before = (nums[k].end <= pos && pos - nums[k].end <= 2) ||
			    (nums[k].start < pos && nums[k].end >= pos);
			if (nums[k].glued || nums[k].vs || (!pt_has_word(units, nums[k].unit[0] ? nums[k].unit : "-") &&
			    !(right_before && !nums[k].unit[0])))
				continue;
			if (right_before)
				best = k;
			else if (nums[k].start >= pos && nums[k].start <= pos + (int)strlen(phrase) + 12 && best < 0)
				best = k;
		}
		if (best >= 0) {
			*line = l->no;
			return nums[best].lo;
		}
	}
	return 0;
}

/* Mixtral-8x7B's shape (mistralai/Mixtral-8x7B-v0.1 config.json: hidden
 * 4096, 32 layers, 32 query / 8 KV heads of 128, vocabulary 32000, 8
 * experts, top-2), for what a plan does not state. */
#define SYN_HIDDEN 4096
#define SYN_LAYERS 32
#define SYN_HEADS 32
#define SYN_KV_HEADS 8
#define SYN_HEAD_DIM 128
#define SYN_VOCAB 32000
#define SYN_EXPERTS 8
#define SYN_TOP_K 2

static int
synthesise(PtDoc *d, char **cause)
{
	int pl = 0, el = 0, ll = 0;
	double params = stated(d, "parameter", "billion", &pl);
	if (!params)
		params = stated(d, "moe", "billion", &pl);
	if (!params)
		params = stated(d, "model", "billion", &pl);
	if (!params) {
		*cause = xasprintf("%s: no model found: name a catalog model or a Hugging Face id "
		    "(\"Llama3-70B-Instruct\"), or state its size (\"10B parameter model\")", d->path);
		return -1;
	}
	double experts = stated(d, "total experts", "- experts", &el);
	if (!experts)
		experts = stated(d, "experts", "experts", &el);
	double layers = stated(d, "transformer layers", "layers", &ll);
	if (!layers)
		layers = stated(d, "total", "layers", &ll);
	if (!layers)
		layers = stated(d, "layers", "layers", &ll);
	bool moe = experts > 0 || stated(d, "moe", "billion", &(int){ 0 }) > 0;
	for (int i = 0; i < d->n && !moe; i++)
		moe = strstr(d->l[i].plain, "expert parallel") || strstr(d->l[i].plain, "experts");
	char assumed[400] = "";
	size_t o = 0;
#define ASSUME(...) (o += (size_t)snprintf(assumed + o, o < sizeof assumed ? sizeof assumed - o : 0, __VA_ARGS__))
	int L = layers > 0 ? (int)layers : SYN_LAYERS;
	int E = moe ? (experts > 0 ? (int)experts : SYN_EXPERTS) : 0;
	if (layers <= 0)
		ASSUME("%d layers, ", L);
	if (moe && experts <= 0)
		ASSUME("%d experts, ", E);
	ASSUME("hidden %d, %d query / %d KV heads of %d, vocabulary %d%s (Mixtral-8x7B's shape)",
	    SYN_HIDDEN, SYN_HEADS, SYN_KV_HEADS, SYN_HEAD_DIM, SYN_VOCAB, moe ? ", top-2 routing" : "");
	double h = SYN_HIDDEN, attn = h * SYN_HEADS * SYN_HEAD_DIM * 2 + 2 * h * SYN_KV_HEADS * SYN_HEAD_DIM;
	double fixed = 2.0 * SYN_VOCAB * h + L * (attn + 2 * h + (moe ? h * E : 0)) + h;
	double per = L * 3.0 * h * (moe ? E : 1);
	double inter = floor((params * 1e9 - fixed) / per);
	if (!(inter >= 64))
		inter = 64;
	ASSUME("; the %s width %.0f makes %.3gB parameters", moe ? "expert" : "MLP", inter, params);
	char name[64];
	snprintf(name, sizeof name, "plan-%s%.3gb", moe ? "moe-" : "", params);
	char stated_txt[200];
	int so = snprintf(stated_txt, sizeof stated_txt, "%.3gB parameters (line %d)", params, pl);
	if (experts > 0)
		so += snprintf(stated_txt + so, sizeof stated_txt - (size_t)so, ", %.0f experts (line %d)", experts, el);
	if (layers > 0)
		snprintf(stated_txt + so, sizeof stated_txt - (size_t)so, ", %.0f layers (line %d)", layers, ll);
	char moe_keys[96] = "";
	if (moe)
		snprintf(moe_keys, sizeof moe_keys, "\"num_local_experts\": %d, \"num_experts_per_tok\": %d, ", E,
		    E < SYN_TOP_K ? E : SYN_TOP_K);
	d->model_json = xasprintf("{\"_name_or_path\": \"%s\", \"_comment\": \"synthesised by shardlab "
	    "audit from the plan: stated %s; assumed %s\", \"architectures\": [\"%s\"], "
	    "\"model_type\": \"%s\", \"num_hidden_layers\": %d, \"hidden_size\": %d, "
	    "\"num_attention_heads\": %d, \"num_key_value_heads\": %d, \"head_dim\": %d, "
	    "\"intermediate_size\": %.0f, %s\"vocab_size\": %d, \"max_position_embeddings\": 32768, "
	    "\"tie_word_embeddings\": false, \"rms_norm_eps\": 1e-05, \"torch_dtype\": \"bfloat16\"}",
	    name, stated_txt, assumed, moe ? "MixtralForCausalLM" : "LlamaForCausalLM", moe ? "mixtral" : "llama",
	    L, SYN_HIDDEN, SYN_HEADS, SYN_KV_HEADS, SYN_HEAD_DIM, inter,
	    moe_keys, SYN_VOCAB);
	snprintf(d->base_model, sizeof d->base_model, "%s", name);
	pt_explain(d, "line %d: no catalog model named: synthesised %s from the plan (%s); assumed %s", pl,
	    name, stated_txt, assumed);
	pt_assume(d, "the model %s: %s", name, assumed);
	return 0;
#undef ASSUME
}

/* The weights' dtype the plan states outside its alternatives. */
static void
plan_dtype(PtDoc *d)
{
	static const char *const t[][2] = { { "fp16", "fp16" }, { "float16", "fp16" }, { "half", "fp16" },
		{ "bf16", "bf16" }, { "bfloat16", "bf16" }, { "fp8", "fp8" }, { "fp32", "fp32" } };
	for (int i = 0; i < d->n; i++) {
		const PtLine *l = &d->l[i];
		if (l->used || pt_standing(d, i) < 0 || strstr(l->plain, "quantiz") || l->kind == PT_HEADING)
			continue;
		for (size_t k = 0; k < sizeof t / sizeof t[0]; k++)
			if (pt_has_word(l->plain, t[k][0])) {
				pt_set_text(d, "dtype", t[k][1], l->no, true);
				pt_explain(d, "line %d: \"%s\" -> dtype = %s", l->no, t[k][0], t[k][1]);
				return;
			}
	}
}

int
pt_model(PtDoc *d, char **cause)
{
	typedef struct { char name[96]; int n, score, line; } Seen;
	Seen seen[16];
	int ns = 0;

	pt_load_names(d);
	for (int i = 0; i < d->n; i++) {
		const PtLine *l = &d->l[i];
		if (l->kind == PT_BLANK || l->kind == PT_FENCE)
			continue;
		char *name = pt_model_in(d, l->plain);
		if (!name)
			continue;
		int st = pt_standing(d, i), k;
		for (k = 0; k < ns && strcmp(seen[k].name, name); k++)
			;
		if (k == ns && ns < 16) {
			snprintf(seen[ns].name, sizeof seen[ns].name, "%s", name);
			seen[ns].n = 0;
			seen[ns].score = -100;
			seen[ns].line = i;
			ns++;
		}
		if (k < ns) {
			seen[k].n++;
			if (st > seen[k].score)
				seen[k].score = st;
		}
		/* "Model: Llama3-8B" in a section about an alternative */
		if (st < 0 && strncmp(l->plain, "model:", 6) == 0)
			section_variant(d, i, "model", name, 0);
		free(name);
	}
	int best = -1;
	for (int k = 0; k < ns; k++)
		if (seen[k].score >= -1 && (best < 0 || seen[k].n > seen[best].n ||
		    (seen[k].n == seen[best].n && seen[k].score > seen[best].score)))
			best = k;
	if (best >= 0) {
		snprintf(d->base_model, sizeof d->base_model, "%s", seen[best].name);
		pt_set_text(d, "model", seen[best].name, d->l[seen[best].line].no, true);
		pt_explain(d, "line %d: \"%.80s\" -> model %s (named %d times)", d->l[seen[best].line].no,
		    d->l[seen[best].line].body, seen[best].name, seen[best].n);
	} else if (synthesise(d, cause) != 0) {
		return -1;
	}
	plan_dtype(d);
	return 0;
}
