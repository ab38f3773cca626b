/* engine.c: engine command lines in (engine_read) and the Hugging Face id
 * table; see engine.h.  The writer is engine-emit.c. */
#include "engine.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "lua/preset.h"
#include "io/scenario_json.h"
#include "util/xmalloc.h"

#define HF_IDS_FILE "presets/models/hf-ids.tsv"
#define HF_IDS_MAX (256 * 1024)

int
engine_find(const char *name)
{
	for (int i = 0; i < ENGINE_COUNT; i++)
		if (!engine_def((EngineId)i)->read_only && strcmp(name, engine_def((EngineId)i)->name) == 0)
			return i;
	return -1;
}

/* ---- the Hugging Face id table (presets/models/hf-ids.tsv) ---- */

static char *
hf_table(const Catalog *c)
{
	for (int i = 0; i < c->n_roots; i++) {
		char *path = xasprintf("%s/%s", c->roots[i], HF_IDS_FILE);
		char *cause = NULL, *text = read_file(path, HF_IDS_MAX, &cause);
		free(path);
		free(cause);
		if (text)
			return text;
	}
	return NULL;
}

/* hf_walk: call fn on each row (id, name, note) until it returns nonzero. */
static void
hf_walk(const Catalog *c, int (*fn)(void *ud, char *id, char *name, char *note), void *ud)
{
	char *text = hf_table(c), *save = NULL;

	if (!text)
		return;
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (*line == '#' || !*line)
			continue;
		char *name = strchr(line, '\t');
		if (!name)
			continue;
		*name++ = '\0';
		char *note = strchr(name, '\t');
		if (note)
			*note++ = '\0';
		if (fn(ud, line, name, note))
			break;
	}
	free(text);
}

struct hf_find { const char *id; char *name, *note; bool by_id; };

static const char *
last_part(const char *id)
{
	const char *slash = strrchr(id, '/');
	return slash ? slash + 1 : id;
}

static int
hf_match(void *ud, char *id, char *name, char *note)
{
	struct hf_find *f = ud;
	bool hit = f->by_id ? strcasecmp(f->id, id) == 0 || strcasecmp(last_part(f->id), last_part(id)) == 0 :
	    strcmp(f->id, name) == 0;
	if (!hit)
		return 0;
	f->name = xstrdup(f->by_id ? name : id);
	f->note = note && *note ? xstrdup(note) : NULL;
	return 1;
}

char *
engine_hf_lookup(const Catalog *c, const char *id, char **note)
{
	struct hf_find f = { .id = id, .by_id = true };
	hf_walk(c, hf_match, &f);
	if (note)
		*note = f.note;
	else
		free(f.note);
	return f.name;
}

char *
engine_hf_id(const Catalog *c, const char *name)
{
	struct hf_find f = { .id = name, .by_id = false };
	hf_walk(c, hf_match, &f);
	free(f.note);
	return f.name;
}

/* ---- shell words ---- */

typedef struct Words { char **w; int n, cap; } Words;
typedef struct Cmds { Words *c; int n, cap; } Cmds;

static void
words_push(Words *w, char *s)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->w = xrealloc(w->w, (size_t)w->cap * sizeof *w->w);
	}
	w->w[w->n++] = s;
}

static void
cmds_end(Cmds *c, Words *cur)
{
	if (cur->n == 0)
		return;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 4;
		c->c = xrealloc(c->c, (size_t)c->cap * sizeof *c->c);
	}
	c->c[c->n++] = *cur;
	memset(cur, 0, sizeof *cur);
}

static void
cmds_free(Cmds *c)
{
	for (int i = 0; i < c->n; i++) {
		for (int j = 0; j < c->c[i].n; j++)
			free(c->c[i].w[j]);
		free(c->c[i].w);
	}
	free(c->c);
}

/* split: POSIX shell quoting (XCU 2.2): '...' literal, "..." with \" \\ \$
 * \` escapes, backslash outside quotes, backslash-newline joins lines, '#'
 * at a word's start comments to the line's end; newline, ';', '&', '|'
 * end a command.  Expansions ($VAR) are kept as text. */
static int
split(const char *p, Cmds *out, char **cause)
{
	Words cur = { 0 };
	char *word = xmalloc(strlen(p) + 1);
	size_t n = 0;
	bool in_word = false;

	memset(out, 0, sizeof *out);
	for (;;) {
		char ch = *p;
		if (ch == '\0' || ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == ';' ||
		    ch == '&' || ch == '|') {
			if (in_word) {
				word[n] = '\0';
				words_push(&cur, xstrdup(word));
				n = 0;
				in_word = false;
			}
			if (ch == '\0')
				break;
			if (ch == '\n' || ch == ';' || ch == '&' || ch == '|')
				cmds_end(out, &cur);
			p++;
			continue;
		}
		if (ch == '#' && !in_word) {
			while (*p && *p != '\n')
				p++;
			continue;
		}
		in_word = true;
		if (ch == '\\') {
			if (p[1] == '\n') {
				p += 2;
				if (n == 0)
					in_word = false;
				continue;
			}
			if (p[1] == '\r' && p[2] == '\n') {
				p += 3;
				continue;
			}
			if (p[1])
				word[n++] = p[1], p += 2;
			else
				p++;
			continue;
		}
		if (ch == '\'') {
			const char *e = strchr(p + 1, '\'');
			if (!e) {
				*cause = xstrdup("unterminated ' quote");
				goto fail;
			}
			memcpy(word + n, p + 1, (size_t)(e - p - 1));
			n += (size_t)(e - p - 1);
			p = e + 1;
			continue;
		}
		if (ch == '"') {
			p++;
			while (*p && *p != '"') {
				if (*p == '\\' && p[1] == '\n') {
					p += 2;
				} else if (*p == '\\' && strchr("\"\\$`", p[1]) && p[1]) {
					word[n++] = p[1];
					p += 2;
				} else {
					word[n++] = *p++;
				}
			}
			if (*p != '"') {
				*cause = xstrdup("unterminated \" quote");
				goto fail;
			}
			p++;
			continue;
		}
		word[n++] = ch;
		p++;
	}
	cmds_end(out, &cur);
	free(word);
	return 0;
fail:
	for (int j = 0; j < cur.n; j++)
		free(cur.w[j]);
	free(cur.w);
	free(word);
	cmds_free(out);
	memset(out, 0, sizeof *out);
	return -1;
}

/* ---- reading ---- */

static bool
is_assignment(const char *w)
{
	if (!isalpha((unsigned char)*w) && *w != '_')
		return false;
	while (isalnum((unsigned char)*w) || *w == '_')
		w++;
	return *w == '=';
}

/* engine_start: the engine a command runs and where its arguments begin
 * (*arg), or -1.  Skips assignments, env, mpirun/srun up to
 * trtllm-llmapi-launch, `python -m`. */
static int
engine_start(const Words *w, int *arg)
{
	int i = 0;

	while (i < w->n && (is_assignment(w->w[i]) || strcmp(w->w[i], "env") == 0))
		i++;
	if (i < w->n && (strcmp(w->w[i], "mpirun") == 0 || strcmp(w->w[i], "mpiexec") == 0 ||
	    strcmp(w->w[i], "srun") == 0)) {
		while (i < w->n && strcmp(w->w[i], "trtllm-llmapi-launch") != 0 &&
		    strncmp(w->w[i], "trtllm-", 7) != 0)
			i++;
	}
	if (i < w->n && strcmp(w->w[i], "trtllm-llmapi-launch") == 0)
		i++;
	if (i >= w->n)
		return -1;
	const char *w0 = w->w[i];
	const char *base = strrchr(w0, '/') ? strrchr(w0, '/') + 1 : w0;
	if (strncmp(base, "python", 6) == 0 && i + 2 < w->n + 1 && i + 1 < w->n &&
	    strcmp(w->w[i + 1], "-m") == 0 && i + 2 < w->n) {
		for (int e = 0; e < ENGINE_COUNT; e++) {
			const char *m = engine_def((EngineId)e)->module;
			if (m && strcmp(w->w[i + 2], m) == 0) {
				*arg = i + 3;
				return e;
			}
		}
		return -1;
	}
	if ((strcmp(base, "vllm") == 0 || strcmp(base, "sglang") == 0) && i + 1 < w->n &&
	    strcmp(w->w[i + 1], "serve") == 0) {
		*arg = i + 2;
		return base[0] == 'v' ? ENGINE_VLLM : ENGINE_SGLANG;
	}
	if (strcmp(base, "trtllm-serve") == 0) {
		*arg = i + 1 < w->n && strcmp(w->w[i + 1], "serve") == 0 ? i + 2 : i + 1;
		return ENGINE_TRTLLM;
	}
	if (strcmp(base, "trtllm-bench") == 0) {
		*arg = i + 1;
		return ENGINE_TRTLLM_BENCH;
	}
	return -1;
}

/* flag names compare with '_' and '-' alike (vLLM's FlexibleArgumentParser
 * takes both; TensorRT-LLM spells them with '_') */
static bool
flag_eq(const char *a, const char *b, size_t blen)
{
	size_t i = 0;
	for (; i < blen && a[i]; i++) {
		char x = a[i] == '_' ? '-' : a[i], y = b[i] == '_' ? '-' : b[i];
		if (x != y)
			return false;
	}
	return i == blen && a[i] == '\0';
}

static const EngineFlag *
flag_find(const EngineDef *d, const char *name, size_t len)
{
	for (int i = 0; i < d->n_flags; i++) {
		const EngineFlag *f = &d->flags[i];
		if ((f->flag && flag_eq(f->flag, name, len)) || (f->alias && flag_eq(f->alias, name, len)))
			return f;
	}
	return NULL;
}

static void
list_add(char **list, const char *sep, const char *fmt, ...)
{
	va_list ap;
	char item[512];

	va_start(ap, fmt);
	vsnprintf(item, sizeof item, fmt, ap);
	va_end(ap);
	char *old = *list;
	*list = old ? xasprintf("%s%s%s", old, sep, item) : xstrdup(item);
	free(old);
}

static void
key_add(EngineRead *r, ParamId key, const char *text, const char *flag)
{
	for (int i = 0; i < r->n_keys; i++)
		if (r->keys[i].key == key) {    /* the later flag wins, as in argparse */
			free(r->keys[i].text);
			free(r->keys[i].flag);
			r->keys[i].text = xstrdup(text);
			r->keys[i].flag = xstrdup(flag);
			return;
		}
	r->keys = xrealloc(r->keys, (size_t)(r->n_keys + 1) * sizeof *r->keys);
	r->keys[r->n_keys++] = (EngineKey){ key, xstrdup(text), xstrdup(flag) };
}

static const char *
key_text(const EngineRead *r, ParamId key)
{
	for (int i = 0; i < r->n_keys; i++)
		if (r->keys[i].key == key)
			return r->keys[i].text;
	return NULL;
}

static int
read_model_key(const Catalog *c, ParamId key, const char *v, EngineRead *r, const char *flag,
    char **cause)
{
	char *found = catalog_find(c, PRESET_MODEL, v), *note = NULL, *name;
	struct stat st;

	if (found) {
		free(found);
		key_add(r, key, v, flag);
		return 0;
	}
	if ((name = engine_hf_lookup(c, v, &note))) {
		key_add(r, key, name, flag);
		if (note)
			list_add(&r->notes, "; ", "%s read as %s (%s)", v, name, note);
		free(note);
		free(name);
		return 0;
	}
	if (stat(v, &st) == 0) {        /* a local checkpoint: config.json or its directory */
		key_add(r, key, v, flag);
		return 0;
	}
	*cause = xasprintf("unknown model '%s' (not a catalog model, a Hugging Face id in %s, "
	    "or a local path; see 'shardlab models')", v, HF_IDS_FILE);
	return -1;
}

static int
read_model(const Catalog *c, const char *v, EngineRead *r, const char *flag, char **cause)
{
	return read_model_key(c, PARAM_MODEL, v, r, flag, cause);
}

/* A drafter's method as the engines spell it -> spec_method: vLLM
 * vllm/config/speculative.py SpeculativeConfig.method ("eagle", "eagle3",
 * "mtp", "deepseek_mtp" and other *_mtp, "draft_model"); SGLang
 * server_args.py --speculative-algorithm ("EAGLE": the model's MTP layers
 * where it has them (DeepSeek docs use it for MTP), else an EAGLE head;
 * "EAGLE3"; "NEXTN": MTP; "STANDALONE": a draft model).  NULL: a method
 * not modelled (ngram, medusa, ...). */
static const char *
spec_method_word(const char *v)
{
	size_t n = strlen(v);
	if (strcasecmp(v, "EAGLE") == 0)
		return "auto";
	if (strcasecmp(v, "EAGLE3") == 0)
		return "eagle";
	if (strcasecmp(v, "NEXTN") == 0 || strcasecmp(v, "mtp") == 0 ||
	    (n > 4 && strcasecmp(v + n - 4, "_mtp") == 0))
		return "mtp";
	if (strcasecmp(v, "STANDALONE") == 0 || strcmp(v, "draft_model") == 0)
		return "draft";
	return NULL;
}

/* vLLM --speculative-config '{"method": ..., "model": ...,
 * "num_speculative_tokens": k}' (vllm/engine/arg_utils.py: a JSON object
 * of SpeculativeConfig's fields) */
static int
read_spec_config(const Catalog *c, const char *flag, const char *v, EngineRead *r, char **cause)
{
	JsonKey *keys = NULL;
	int n = 0, rc = -1;
	const char *method = NULL, *model = NULL;
	char *sub = NULL;

	if (scenario_json_parse(v, flag, &keys, &n, &sub) != 0) {
		*cause = xasprintf("%s", sub);
		free(sub);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (strcmp(keys[i].key, "method") == 0 && keys[i].str)
			method = keys[i].str;
		else if (strcmp(keys[i].key, "model") == 0 && keys[i].str)
			model = keys[i].str;
		else if (strcmp(keys[i].key, "num_speculative_tokens") == 0 && !keys[i].str) {
			char num[32], why[160];
			snprintf(num, sizeof num, "%.0f", keys[i].num);
			if (param_check_text(PARAM_SPEC_TOKENS, num, why, sizeof why) != 0) {
				*cause = xasprintf("%s num_speculative_tokens %s: %s", flag, num, why);
				goto out;
			}
			key_add(r, PARAM_SPEC_TOKENS, num, flag);
		} else {
			list_add(&r->ignored, ", ", "%s %s", flag, keys[i].key);
		}
	}
	const char *word = method ? spec_method_word(method) : model ? "draft" : NULL;
	if (method && !word) {
		list_add(&r->notes, "; ", "%s method %s: not modelled (draft, eagle, mtp are)", flag, method);
		rc = 0;
		goto out;
	}
	if (word && strcmp(word, "auto") == 0)
		word = "eagle";         /* vLLM's "eagle" is an EAGLE head */
	if (word)
		key_add(r, PARAM_SPEC_METHOD, word, flag);
	if (model && word && strcmp(word, "draft") == 0) {
		if (read_model_key(c, PARAM_SPEC_MODEL, model, r, flag, cause) != 0)
			goto out;
	} else if (model) {
		list_add(&r->notes, "; ", "%s model %s: the %s head's checkpoint (modelled as one head "
		    "layer of the target's shape)", flag, model, word ? word : "drafter");
	}
	rc = 0;
out:
	scenario_json_free(keys, n);
	return rc;
}

/* a dtype word of the engines ("bfloat16", "half", "fp8_e5m2") -> ours */
static int
read_dtype(const char *v, Dtype *d)
{
	if (strcmp(v, "float") == 0) {
		*d = DTYPE_FP32;
		return 0;
	}
	if (strncmp(v, "fp8", 3) == 0) {        /* fp8, fp8_e4m3, fp8_e5m2, fp8_inc */
		*d = DTYPE_FP8;
		return 0;
	}
	return dtype_parse(v, d);
}

static const struct { const char *name; Dtype d; } quant_names[] = {
	{ "fp8", DTYPE_FP8 }, { "fbgemm_fp8", DTYPE_FP8 }, { "modelopt", DTYPE_FP8 },
	{ "ptpc_fp8", DTYPE_FP8 }, { "w8a8_fp8", DTYPE_FP8 },
	{ "awq", DTYPE_INT4 }, { "awq_marlin", DTYPE_INT4 }, { "gptq", DTYPE_INT4 },
	{ "gptq_marlin", DTYPE_INT4 }, { "marlin", DTYPE_INT4 }, { "bitsandbytes", DTYPE_INT4 },
	{ "experts_int8", DTYPE_INT8 }, { "w8a8_int8", DTYPE_INT8 },
	{ "modelopt_fp4", DTYPE_NVFP4 }, { "mxfp4", DTYPE_MXFP4 },
};

/* switches read_command applies once every flag is read */
enum { SW_EP = 1u << 0, SW_DP_ATTENTION = 1u << 1, SW_DEEPEP = 1u << 2 };

/* one flag's value through its row's conversion */
static int
read_value(const Catalog *c, const EngineFlag *f, const char *flag, const char *v, EngineRead *r,
    unsigned *sw, char **cause)
{
	char why[256];
	Dtype d;

	switch (f->conv) {
	case ECONV_NUM:
		if (f->key == PARAM_MAX_BATCHED_TOKENS && strcmp(v, "-1") == 0) {
			list_add(&r->notes, "; ", "%s -1: chunked prefill off (a serving option: "
			    "search --no-chunked-prefill)", flag);
			return 0;
		}
		if (param_check_text(f->key, v, why, sizeof why) != 0) {
			*cause = xasprintf("%s %s: %s", flag, v, why);
			return -1;
		}
		key_add(r, f->key, v, flag);
		return 0;
	case ECONV_MODEL:
		return read_model(c, v, r, flag, cause);
	case ECONV_DTYPE:
		if (strcmp(v, "auto") == 0)
			return 0;
		if (read_dtype(v, &d) != 0 || (d != DTYPE_FP32 && d != DTYPE_BF16 && d != DTYPE_FP16)) {
			*cause = xasprintf("%s %s: not a compute dtype (auto, bfloat16, float16, float32)", flag, v);
			return -1;
		}
		key_add(r, PARAM_ACT_DTYPE, dtype_name(d), flag);
		return 0;
	case ECONV_KV_DTYPE:
		if (strcmp(v, "auto") == 0)
			return 0;
		if (read_dtype(v, &d) != 0) {
			*cause = xasprintf("%s %s: unknown KV-cache dtype (auto, fp8, fp8_e4m3, fp8_e5m2, "
			    "bfloat16)", flag, v);
			return -1;
		}
		key_add(r, PARAM_KV_DTYPE, dtype_name(d), flag);
		return 0;
	case ECONV_QUANT:
		if (strcmp(v, "none") == 0)
			return 0;
		for (size_t i = 0; i < sizeof quant_names / sizeof quant_names[0]; i++)
			if (strcmp(v, quant_names[i].name) == 0) {
				key_add(r, PARAM_DTYPE, dtype_name(quant_names[i].d), flag);
				return 0;
			}
		if (strcmp(v, "compressed-tensors") == 0 || strcmp(v, "modelopt_fp4") == 0 ||
		    strcmp(v, "gguf") == 0) {
			list_add(&r->notes, "; ", "%s %s: bits not known from the flag; the checkpoint's "
			    "own dtype applies (give --dtype)", flag, v);
			return 0;
		}
		*cause = xasprintf("%s %s: unknown quantization (fp8, awq, gptq, bitsandbytes, ...)", flag, v);
		return -1;
	case ECONV_EP_SWITCH:
		*sw |= SW_EP;
		return 0;
	case ECONV_CHUNKED:
		list_add(&r->notes, "; ", "%s: chunked prefill %s is a serving option (search "
		    "--no-chunked-prefill), not a scenario key", flag, f->value);
		return 0;
	case ECONV_CONTEXT:
		return 0;
	case ECONV_SPEC_CONFIG:
		return read_spec_config(c, flag, v, r, cause);
	case ECONV_SPEC_ALGO: {
		const char *word = spec_method_word(v);
		if (!word) {
			list_add(&r->notes, "; ", "%s %s: not modelled (EAGLE, EAGLE3, NEXTN, STANDALONE are)",
			    flag, v);
			return 0;
		}
		key_add(r, PARAM_SPEC_METHOD, word, flag);
		return 0;
	}
	case ECONV_SPEC_MODEL:
		/* a head checkpoint (lmsys/DeepSeek-V3-0324-NextN) is no catalog
		 * model: kept as given, dropped below unless the method is draft */
		if (read_model_key(c, PARAM_SPEC_MODEL, v, r, flag, cause) != 0) {
			free(*cause);
			*cause = NULL;
			key_add(r, PARAM_SPEC_MODEL, v, flag);
		}
		return 0;
	case ECONV_SPEC_NOTE:
		if (strcmp(v, f->value ? f->value : "") != 0)
			list_add(&r->notes, "; ", "%s %s: drafts are modelled as one chain of spec_tokens "
			    "(topk 1, spec_tokens + 1 tokens verified)", flag, v);
		return 0;
	case ECONV_PREFIX_OFF:
		key_add(r, PARAM_PREFIX_HIT, "0", flag);
		return 0;
	case ECONV_TP_TOTAL:
		if (param_check_text(PARAM_TP, v, why, sizeof why) != 0) {
			*cause = xasprintf("%s %s: %s", flag, v, why);
			return -1;
		}
		key_add(r, PARAM_TP, v, flag);
		return 0;
	case ECONV_DP_ATTENTION:
		*sw |= SW_DP_ATTENTION;
		return 0;
	case ECONV_A2A_BACKEND: {
		const char *b = f->arity == 0 ? f->value : v;
		if (strcmp(b, "deepep") == 0) {
			*sw |= SW_DEEPEP;
		} else if (strcmp(b, "none") == 0) {
			key_add(r, PARAM_EP_MODE, "a2a", flag);
		} else {
			list_add(&r->notes, "; ", "%s %s: modelled as the plain all-to-all (ep_mode a2a)", flag, b);
			key_add(r, PARAM_EP_MODE, "a2a", flag);
		}
		return 0;
	}
	case ECONV_VLLM_A2A:
		if (strcmp(v, "deepep_high_throughput") == 0)
			key_add(r, PARAM_EP_MODE, "normal", flag);
		else if (strcmp(v, "deepep_low_latency") == 0)
			key_add(r, PARAM_EP_MODE, "low_latency", flag);
		else
			key_add(r, PARAM_EP_MODE, "a2a", flag);
		return 0;
	case ECONV_EPLB:
	case ECONV_TRT_YAML:
		return 0;
	case ECONV_EPLB_CONFIG: {
		JsonKey *keys = NULL;
		int n = 0;
		char *sub = NULL;
		if (scenario_json_parse(v, flag, &keys, &n, &sub) != 0) {
			*cause = xasprintf("%s", sub);
			free(sub);
			return -1;
		}
		int rc = 0;
		for (int i = 0; i < n; i++) {
			if (strcmp(keys[i].key, "num_redundant_experts") == 0 && !keys[i].str) {
				char num[32];
				snprintf(num, sizeof num, "%.0f", keys[i].num);
				if (param_check_text(PARAM_EP_REDUNDANT, num, why, sizeof why) != 0) {
					*cause = xasprintf("%s num_redundant_experts %s: %s", flag, num, why);
					rc = -1;
					break;
				}
				key_add(r, PARAM_EP_REDUNDANT, num, flag);
			} else {
				list_add(&r->ignored, ", ", "%s %s", flag, keys[i].key);
			}
		}
		scenario_json_free(keys, n);
		return rc;
	}
	}
	return 0;
}

static int
read_command(const Catalog *c, const EngineDef *d, const Words *w, int i, EngineRead *r, char **cause)
{
	unsigned sw = 0;
	bool have_model = false;
	const EngineFlag *positional = NULL;

	for (int k = 0; k < d->n_flags; k++)
		if (!d->flags[k].flag)
			positional = &d->flags[k];
	for (; i < w->n; i++) {
		const char *t = w->w[i];
		if (t[0] != '-' || t[1] == '\0') {
			if (positional && !have_model) {
				if (read_value(c, positional, "MODEL", t, r, &sw, cause) != 0)
					return -1;
				have_model = true;
			} else if (d == engine_def(ENGINE_TRTLLM_BENCH) && (strcmp(t, "throughput") == 0 ||
			    strcmp(t, "latency") == 0 || strcmp(t, "build") == 0)) {
				continue;
			} else {
				list_add(&r->ignored, ", ", "'%s'", t);
			}
			continue;
		}
		const char *eq = strchr(t, '=');
		size_t len = eq ? (size_t)(eq - t) : strlen(t);
		const EngineFlag *f = flag_find(d, t, len);
		char flag[128];
		snprintf(flag, sizeof flag, "%.*s", (int)len, t);
		if (!f) {
			/* not modelled: its value, if any, goes with it */
			if (!eq && i + 1 < w->n && w->w[i + 1][0] != '-')
				i++;
			list_add(&r->ignored, ", ", "%s", flag);
			continue;
		}
		const char *v = NULL;
		if (f->arity > 0) {
			if (eq)
				v = eq + 1;
			else if (i + 1 < w->n)
				v = w->w[++i];
			else {
				*cause = xasprintf("%s: needs a value", flag);
				return -1;
			}
		}
		if (f->conv == ECONV_MODEL)
			have_model = true;
		if (read_value(c, f, flag, v ? v : "", r, &sw, cause) != 0)
			return -1;
	}
	if (!key_text(r, PARAM_MODEL)) {
		*cause = xasprintf("%s: no model in the command", d->command);
		return -1;
	}
	/* a draft-model path is a draft model only for STANDALONE; with EAGLE
	 * or NEXTN it is the head's checkpoint */
	const char *sm = key_text(r, PARAM_SPEC_METHOD), *dm = key_text(r, PARAM_SPEC_MODEL);
	if (dm && (!sm || strcmp(sm, "draft") != 0)) {
		list_add(&r->notes, "; ", "draft model path %s: the %s head's checkpoint (modelled as one "
		    "head layer of the target's shape)", dm, sm && strcmp(sm, "auto") != 0 ? sm : "EAGLE/MTP");
		for (int k = 0; k < r->n_keys; k++)
			if (r->keys[k].key == PARAM_SPEC_MODEL) {
				free(r->keys[k].text);
				free(r->keys[k].flag);
				r->keys[k] = r->keys[--r->n_keys];
				break;
			}
	}
	if ((sw & SW_DEEPEP) && !key_text(r, PARAM_EP)) {
		/* SGLang with DeepEP: ep_size = tp_size, the whole group (server_args.py) */
		const char *tp = key_text(r, PARAM_TP);
		key_add(r, PARAM_EP, tp ? tp : "1", "--moe-a2a-backend deepep");
	}
	if (sw & SW_DP_ATTENTION) {
		/* SGLang: --tp-size is the group, attention TP its share per DP rank */
		const char *tp = key_text(r, PARAM_TP), *dp = key_text(r, PARAM_DP);
		long t = tp ? atol(tp) : 1, ranks = dp ? atol(dp) : 1;
		if (ranks < 1 || t % ranks != 0) {
			*cause = xasprintf("--enable-dp-attention: --tp-size %ld is not a multiple of --dp-size %ld",
			    t, ranks);
			return -1;
		}
		char num[32];
		snprintf(num, sizeof num, "%ld", t / ranks);
		key_add(r, PARAM_TP, num, "--enable-dp-attention");
		/* each DP rank's scheduler takes max_running_requests / dp_size
		 * (sglang/srt/managers/scheduler.py, enable_dp_attention) */
		const char *mb = key_text(r, PARAM_BATCH);
		if (mb && ranks > 1 && atol(mb) >= ranks) {
			long all = atol(mb);
			snprintf(num, sizeof num, "%ld", all / ranks);
			key_add(r, PARAM_BATCH, num, "--max-running-requests");
			list_add(&r->notes, "; ", "--max-running-requests %ld: %s per DP rank", all, num);
		}
		if (!key_text(r, PARAM_EP)) {   /* experts TP-sharded over the whole group */
			snprintf(num, sizeof num, "%ld", t);
			key_add(r, PARAM_ETP, num, "--enable-dp-attention");
		}
		list_add(&r->notes, "; ", "--enable-dp-attention: attention TP %ld x DP %ld over one group of %ld "
		    "GPUs", t / ranks, ranks, t);
	}
	if (sw & SW_EP) {        /* vLLM: the expert-parallel group is TP x DP */
		const char *tp = key_text(r, PARAM_TP), *dp = key_text(r, PARAM_DP);
		char ep[32];
		snprintf(ep, sizeof ep, "%ld", (tp ? atol(tp) : 1) * (dp ? atol(dp) : 1));
		key_add(r, PARAM_EP, ep, "--enable-expert-parallel");
	}
	return 0;
}

/* A modelled flag the command leaves out takes the engine's own default,
 * not shardlab's: the engine's runtime preset holds them, each cited from
 * the engine's source (presets/runtimes/vllm.lua: vllm/config/cache.py
 * CacheConfig.gpu_memory_utilization 0.92 in current main (0.90 before),
 * vllm/engine/arg_utils.py get_batch_defaults max_num_batched_tokens 8192 and max_num_seqs 1024 for
 * the OpenAI server on H100-class GPUs; sglang.lua: server_args.py
 * mem_fraction_static's heuristic 0.818 and chunked_prefill_size 8192 for
 * an 80 GB GPU; trtllm.lua: KvCacheConfig.free_gpu_memory_fraction 0.9,
 * trtllm-serve --max_num_tokens 8192 and --max_batch_size 256).  The
 * memory fraction becomes a key; the batched-token budget left out stays
 * 0, which the core reads as the runtime's (the engine's) default; the
 * engine's max-num-seqs is only a cap on the batch, so the batch stays the
 * workload's and a note says so. */
static int
engine_defaults(const Catalog *c, const EngineDef *d, EngineRead *out, char **cause)
{
	Runtime rt;
	char v[32], *why = NULL, flag[64];

	if (preset_runtime(c, d->runtime, &rt, &why) != 0) {
		*cause = xasprintf("%s: runtime preset '%s': %s", d->command, d->runtime, why);
		free(why);
		return -1;
	}
	snprintf(flag, sizeof flag, "(%s default)", d->name);
	if (!key_text(out, PARAM_MEM_UTIL)) {
		snprintf(v, sizeof v, "%g", rt.mem_fraction);
		key_add(out, PARAM_MEM_UTIL, v, flag);
	}
	if (!key_text(out, PARAM_BATCH) && rt.max_num_seqs > 0)
		list_add(&out->notes, "; ", "no batch flag: %s caps running sequences at %d by default; "
		    "the batch is the workload's", d->label, rt.max_num_seqs);
	return 0;
}

int
engine_read(const Catalog *c, const char *text, EngineRead *out, char **cause)
{
	Cmds cmds;
	int first = -1, same = 0;
	char *why = NULL;

	memset(out, 0, sizeof *out);
	if (split(text, &cmds, &why) != 0) {
		*cause = xasprintf("%s", why);
		free(why);
		return -1;
	}
	for (int k = 0; k < cmds.n; k++) {
		int arg = 0, e = engine_start(&cmds.c[k], &arg);
		if (e < 0)
			continue;       /* ray start, cd, export ...: not the engine */
		if (first < 0) {
			first = e;
			out->engine = (EngineId)e;
			if (read_command(c, engine_def((EngineId)e), &cmds.c[k], arg, out, cause) != 0)
				goto fail;
		}
		if (e == first)
			same++;
	}
	if (first < 0) {
		const char *w0 = cmds.n > 0 && cmds.c[0].n > 0 ? cmds.c[0].w[0] : "";
		*cause = xasprintf("'%s' is not a vllm serve, sglang serve, python -m sglang.launch_server, "
		    "trtllm-serve or trtllm-bench command", w0);
		goto fail;
	}
	out->commands = same;
	/* a layout flag left out is the engine's default, 1 (not shardlab's
	 * fill over the rest of the cluster) */
	static const ParamId layout[] = { PARAM_TP, PARAM_PP, PARAM_DP, PARAM_EP };
	for (size_t i = 0; i < sizeof layout / sizeof layout[0]; i++)
		if (!key_text(out, layout[i]) && !(layout[i] == PARAM_DP && same > 1 &&
		    (first == ENGINE_TRTLLM || first == ENGINE_TRTLLM_BENCH)))
			key_add(out, layout[i], "1", "(engine default)");
	if (engine_defaults(c, engine_def((EngineId)first), out, cause) != 0)
		goto fail;
	/* TensorRT-LLM attention DP (ADP): enable_attention_dp in the LLM-API
	 * YAML makes every rank of --tp_size an attention DP rank of attention
	 * TP 1, the experts over --ep_size (TensorRT-LLM LlmArgs
	 * enable_attention_dp; docs blogs/tech_blog "Scaling Expert Parallelism
	 * in TensorRT-LLM").  The YAML itself is read only when the text writes
	 * it, as --emit trtllm does (`printf 'enable_attention_dp: true\n' >
	 * FILE`); a path to an existing file is not opened. */
	bool adp = false;
	for (int k = 0; k < cmds.n && (first == ENGINE_TRTLLM || first == ENGINE_TRTLLM_BENCH); k++)
		for (int i = 0; i < cmds.c[k].n; i++)
			if (strncmp(cmds.c[k].w[i], TRTLLM_ADP_YAML_LINE, sizeof TRTLLM_ADP_YAML_LINE - 1) == 0)
				adp = true;
	if (adp) {
		const char *tp = key_text(out, PARAM_TP);
		char n[32];
		snprintf(n, sizeof n, "%s", tp ? tp : "1");
		key_add(out, PARAM_DP, n, "enable_attention_dp");
		key_add(out, PARAM_TP, "1", "enable_attention_dp");
		list_add(&out->notes, "; ", "enable_attention_dp: attention TP 1 x DP %s, experts over EP", n);
	}
	/* TensorRT-LLM has no data-parallel flag: --emit writes one command per
	 * replica, so several of them read back as DP */
	if ((first == ENGINE_TRTLLM || first == ENGINE_TRTLLM_BENCH) && same > 1 && !adp) {
		char dp[32];
		snprintf(dp, sizeof dp, "%d", same);
		key_add(out, PARAM_DP, dp, "(replicas)");
	}
	cmds_free(&cmds);
	return 0;
fail:
	cmds_free(&cmds);
	engine_read_free(out);
	return -1;
}

void
engine_read_free(EngineRead *r)
{
	for (int i = 0; i < r->n_keys; i++) {
		free(r->keys[i].text);
		free(r->keys[i].flag);
	}
	free(r->keys);
	free(r->ignored);
	free(r->notes);
	memset(r, 0, sizeof *r);
}
