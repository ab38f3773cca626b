/* plan_text-lex.c: a text plan's lines (headings, bullets, tables, code
 * fences) and the numbers in them with their units, ranges and bounds
 * ("<0.5ms", "<=50ms", "$50-100/hour", "12-15%", "8+ RPS", "~35GB"); see
 * plan_text-internal.h. */
#include "plan_text-internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xmalloc.h"

/* UTF-8 spellings plans use */
#define U_LE "\xe2\x89\xa4"     /* ≤ */
#define U_GE "\xe2\x89\xa5"     /* ≥ */
#define U_TIMES "\xc3\x97"      /* × */
#define U_NDASH "\xe2\x80\x93"  /* – */
#define U_MINUS "\xe2\x88\x92"  /* − (U+2212) */
#define U_MICRO "\xc2\xb5"      /* µ */

static bool
starts(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

/* Markers before a line's content: bullets, numbers, check boxes, tree glyphs. */
static const char *
skip_markers(const char *s)
{
	static const char *const marks[] = { "- [ ] ", "- [x] ", "- ", "* ", "+ ", "\xe2\x94\x9c\xe2\x94\x80\xe2\x94\x80 ",
		"\xe2\x94\x94\xe2\x94\x80\xe2\x94\x80 ", "\xe2\x9c\x93 ", "\xe2\x9c\x85 ", "\xe2\x9d\x8c ",
		"\xe2\x9a\xa0\xef\xb8\x8f ", NULL };
	for (bool again = true; again;) {
		again = false;
		while (*s == ' ' || *s == '\t')
			s++;
		for (const char *const *m = marks; *m; m++)
			if (starts(s, *m)) {
				s += strlen(*m);
				again = true;
			}
		const char *q = s;
		while (isdigit((unsigned char)*q))
			q++;
		if (q > s && q - s <= 3 && (*q == '.' || *q == ')') && q[1] == ' ') {
			s = q + 2;
			again = true;
		}
	}
	return s;
}

PtLine *
pt_split_lines(const char *text, int *n)
{
	int cap = 64, k = 0, heading = -1, fence = -1;
	PtLine *l = xcalloc((size_t)cap, sizeof *l);

	for (const char *p = text; *p || (p > text && p[-1] == '\n' && false);) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (k == cap) {
			cap *= 2;
			l = xrealloc(l, (size_t)cap * sizeof *l);
		}
		PtLine *x = &l[k];
		memset(x, 0, sizeof *x);
		x->no = k + 1;
		x->raw = xasprintf("%.*s", (int)len, p);
		size_t rl = strlen(x->raw);
		while (rl > 0 && (x->raw[rl - 1] == '\r' || x->raw[rl - 1] == ' ' || x->raw[rl - 1] == '\t'))
			x->raw[--rl] = '\0';
		/* NUL bytes end the line early: keep it a string */
		const char *s = x->raw;
		while (*s == ' ' || *s == '\t')
			s++;
		x->heading = heading;
		x->fence = -1;
		if (starts(s, "```") || starts(s, "~~~")) {
			x->kind = PT_FENCE;
			fence = fence < 0 ? k : -1;
		} else if (fence >= 0) {
			x->kind = PT_CODE;
			x->fence = fence;
			s = skip_markers(s);
		} else if (!*s) {
			x->kind = PT_BLANK;
		} else if (*s == '#') {
			while (*s == '#') {
				x->level++;
				s++;
			}
			while (*s == ' ')
				s++;
			x->kind = PT_HEADING;
			heading = k;
			x->heading = -1;
		} else if (*s == '|') {
			const char *q = s;
			bool rule = true;
			for (; *q; q++)
				if (!strchr("|-: \t", *q))
					rule = false;
			x->kind = rule ? PT_RULE : PT_TABLE;
		} else {
			const char *b = skip_markers(s);
			x->kind = b != s ? PT_BULLET : PT_TEXT;
			s = b;
		}
		x->body = xstrdup(s);
		/* clean: no emphasis, same text otherwise */
		x->clean = xmalloc(strlen(s) + 1);
		char *o = x->clean;
		for (const char *q = s; *q; q++)
			if (*q != '*' && *q != '`')
				*o++ = *q;
		*o = '\0';
		x->plain = xstrdup(x->clean);
		for (char *q = x->plain; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		k++;
		if (!e)
			break;
		p = e + 1;
	}
	*n = k;
	return l;
}

void
pt_free_lines(PtLine *l, int n)
{
	for (int i = 0; i < n; i++) {
		free(l[i].raw);
		free(l[i].body);
		free(l[i].clean);
		free(l[i].plain);
	}
	free(l);
}

void
pt_quote(const PtLine *l, char *out, size_t n)
{
	size_t len = strlen(l->body);
	if (len >= n) {
		len = n - 1;
		while (len > 0 && ((unsigned char)l->body[len] & 0xC0) == 0x80)
			len--;          /* not inside a UTF-8 character */
	}
	memcpy(out, l->body, len);
	out[len] = '\0';
}

bool
pt_has_word(const char *s, const char *w)
{
	size_t wl = strlen(w);
	if (!wl)
		return false;
	for (const char *p = s; (p = strstr(p, w)); p++) {
		/* "80GB each": a number's end is a word's start */
		bool left = p == s || !isalnum((unsigned char)p[-1]) ||
		    (isdigit((unsigned char)p[-1]) && isalpha((unsigned char)w[0]));
		bool right = !isalnum((unsigned char)p[wl]) || !isalnum((unsigned char)w[wl - 1]);
		if (left && right)
			return true;
	}
	return false;
}

void
pt_norm(const char *s, char *out, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n; s++)
		if (isalnum((unsigned char)*s))
			out[o++] = (char)tolower((unsigned char)*s);
	out[o] = '\0';
}

/* ---- numbers ------------------------------------------------------------ */

/* Unit spellings -> the audit unit table's names (core/audit-metrics.c).
 * Matched case-sensitively first (Gb/s bits, GB/s bytes), then without
 * case; the longest spelling wins. */
static const struct { const char *spelling, *unit; bool nocase; } spellings[] = {
	{ "GB/s", "GB/s", false }, { "GBps", "GB/s", false }, { "Gb/s", "Gb/s", false },
	{ "Gbps", "Gbps", true }, { "TB/s", "TB/s", true }, { "MB/s", "MB/s", true },
	{ "Tbps", "Tbps", true }, { "Tb/s", "Tbps", false },
	{ "GiB", "GiB", true }, { "MiB", "MiB", true }, { "TiB", "TiB", true },
	{ "GB", "GB", true }, { "TB", "TB", true }, { "MB", "MB", true }, { "KB", "kB", true },
	{ "bytes", "B", true }, { "byte", "B", true },
	{ "TFLOP/s", "TFLOP/s", true }, { "TFLOPs", "TFLOPs", true }, { "TFLOP", "TFLOP", true },
	{ "GFLOP/s", "GFLOP/s", true }, { "GFLOPs", "GFLOPs", true }, { "GFLOP", "GFLOP", true },
	{ "PFLOP/s", "PFLOP/s", true }, { "PFLOPs", "PFLOPs", true }, { "FLOPs", "FLOPs", true },
	{ "tokens/second", "tokens/s", true }, { "tokens/sec", "tokens/s", true },
	{ "tokens/s", "tokens/s", true }, { "tok/s", "tok/s", true }, { "tokens/ms", "tokens/ms", true },
	{ "tokens per second", "tokens/s", true },
	{ "requests/second", "req/s", true }, { "requests/s", "req/s", true }, { "req/s", "req/s", true },
	{ "requests per second", "req/s", true }, { "RPS", "RPS", true }, { "QPS", "req/s", true },
	{ "milliseconds", "ms", true }, { "millisecond", "ms", true }, { "ms", "ms", true },
	{ "microseconds", "us", true }, { "us", "us", false }, { U_MICRO "s", "us", false },
	{ "\xce\xbcs", "us", false },
	{ "seconds", "s", true }, { "second", "s", true }, { "secs", "s", true }, { "sec", "s", true },
	{ "s", "s", false }, { "minutes", "min", true }, { "min", "min", true },
	{ "hours", "h", true }, { "hour", "h", true },
	{ "%", "%", false }, { "x", "x", true }, { U_TIMES, "x", false },
	{ "billion", "billion", true }, { "million", "million", true }, { "thousand", "thousand", true },
	{ "layers", "layers", true }, { "layer", "layers", true }, { "experts", "experts", true },
	{ "GPUs", "GPUs", true }, { "GPU", "GPUs", true }, { "sequences", "sequences", true },
	{ "tokens", "tokens", true }, { "heads", "heads", true },
};

/* The unit spelled at s (after the number), its length into *len. */
static const char *
unit_at(const char *s, size_t *len)
{
	const char *best = NULL;
	size_t bl = 0;
	for (int pass = 0; pass < 2 && !best; pass++)
		for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
			const char *sp = spellings[i].spelling;
			size_t l = strlen(sp);
			if (l <= bl)
				continue;
			bool hit = pass == 0 ? strncmp(s, sp, l) == 0 :
			    spellings[i].nocase && strncasecmp(s, sp, l) == 0;
			/* a unit ends the word ("50%" may be followed by anything) */
			if (hit && (!isalnum((unsigned char)s[l]) || !isalnum((unsigned char)sp[l - 1]))) {
				best = spellings[i].unit;
				bl = l;
			}
		}
	*len = bl;
	return best;
}

/* A number at s: digits with thousands commas and a decimal point. */
static bool
number_at(const char *s, double *v, size_t *len)
{
	char buf[64];
	size_t o = 0, i = 0;
	bool digits = false, dot = false;
	while (s[i] && o + 1 < sizeof buf) {
		if (isdigit((unsigned char)s[i])) {
			buf[o++] = s[i++];
			digits = true;
		} else if (s[i] == ',' && digits && !dot && isdigit((unsigned char)s[i + 1]) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
		    !isdigit((unsigned char)s[i + 4])) {
			i++;
		} else if (s[i] == '.' && !dot && isdigit((unsigned char)s[i + 1])) {
			buf[o++] = s[i++];
			dot = true;
		} else {
			break;
		}
	}
	if (!digits)
		return false;
	buf[o] = '\0';
	*v = strtod(buf, NULL);
	*len = i;
	return true;
}

/* What comes before position i of s: a bound, "vs", a currency. */
static void
look_back(const char *s, size_t i, PtNum *n, bool *dollar)
{
	size_t k = i;
	if (k > 0 && s[k - 1] == '$') {
		*dollar = true;
		k--;
	}
	if (k > 0 && s[k - 1] == '~')
		k--;
	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k > 0 && s[k - 1] == '$') {
		*dollar = true;
		k--;
	}
	if (k >= 2 && strncmp(s + k - 2, "<=", 2) == 0)
		n->op = CLAIM_AT_MOST;
	else if (k >= 2 && strncmp(s + k - 2, ">=", 2) == 0)
		n->op = CLAIM_AT_LEAST;
	else if (k >= 3 && strncmp(s + k - 3, U_LE, 3) == 0)
		n->op = CLAIM_AT_MOST;
	else if (k >= 3 && strncmp(s + k - 3, U_GE, 3) == 0)
		n->op = CLAIM_AT_LEAST;
	else if (k >= 1 && s[k - 1] == '<')
		n->op = CLAIM_AT_MOST;
	else if (k >= 1 && s[k - 1] == '>')
		n->op = CLAIM_AT_LEAST;
	else {
		static const struct { const char *w; ClaimOp op; } words[] = {
			{ "under", CLAIM_AT_MOST }, { "below", CLAIM_AT_MOST }, { "at most", CLAIM_AT_MOST },
			{ "up to", CLAIM_AT_MOST }, { "within", CLAIM_AT_MOST }, { "at least", CLAIM_AT_LEAST },
			{ "above", CLAIM_AT_LEAST },
		};
		for (size_t w = 0; w < sizeof words / sizeof words[0]; w++) {
			size_t wl = strlen(words[w].w);
			if (k >= wl && strncasecmp(s + k - wl, words[w].w, wl) == 0 &&
			    (k == wl || !isalnum((unsigned char)s[k - wl - 1])))
				n->op = words[w].op;
		}
	}
	/* "vs 4-5", "(vs. 60%)", "vs Original:" */
	size_t j = k;
	while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == ':' || s[j - 1] == '.'))
		j--;
	if (j >= 2 && strncasecmp(s + j - 2, "vs", 2) == 0 && (j == 2 || !isalnum((unsigned char)s[j - 3])))
		n->vs = true;
	/* parentheses open before i and not closed */
	int depth = 0;
	for (size_t q = 0; q < i; q++)
		depth += s[q] == '(' ? 1 : s[q] == ')' ? -1 : 0;
	n->paren = depth > 0;
}

int
pt_numbers(const char *s, PtNum *out, int max)
{
	int n = 0;
	size_t len = strlen(s);

	for (size_t i = 0; i < len && n < max;) {
		if (!isdigit((unsigned char)s[i]) && !(s[i] == '.' && isdigit((unsigned char)s[i + 1]) &&
		    (i == 0 || !isdigit((unsigned char)s[i - 1])))) {
			i++;
			continue;
		}
		PtNum *x = &out[n];
		memset(x, 0, sizeof *x);
		x->start = (int)i;
		double v;
		size_t nl;
		if (!number_at(s + i, &v, &nl)) {
			i++;
			continue;
		}
		/* glued to a name: H100, TP2, P99, llama3-70b, fp16, 8x7b */
		if (i > 0 && (isalpha((unsigned char)s[i - 1]) || s[i - 1] == '_' ||
		    (s[i - 1] == '=' && i > 1 && isalpha((unsigned char)s[i - 2])) ||
		    (s[i - 1] == '-' && i > 1 && isalnum((unsigned char)s[i - 2])) ||
		    (s[i - 1] == '.' && i > 1 && isalnum((unsigned char)s[i - 2]))))
			x->glued = true;
		/* a sign: "-3.5 GB", "headroom=-2", "\xe2\x88\x92" (U+2212) -- a hyphen after a
		 * word or digit is a name's or a range's ("TP2-PP4", "0-19") */
		size_t sign = 0;
		if (!x->glued && i >= 1 && s[i - 1] == '-' && (i == 1 || !(isalnum((unsigned char)s[i - 2]) ||
		    s[i - 2] == '-' || s[i - 2] == '.' || s[i - 2] == '_')))
			sign = 1;
		else if (!x->glued && i >= 3 && strncmp(s + i - 3, U_MINUS, 3) == 0)
			sign = 3;
		if (sign) {
			x->start = (int)(i - sign);
			v = -v;
		}
		bool dollar = false;
		look_back(s, i - sign, x, &dollar);
		x->lo = x->hi = v;
		size_t e = i + nl;
		/* "10B parameter", "70B-Instruct": a B after the digits */
		const char *u = NULL;
		size_t ul = 0, sp = (s[e] == ' ') ? 1 : 0;
		if ((s[e] == 'B' || s[e] == 'b') && !isalnum((unsigned char)s[e + 1])) {
			const char *after = s + e + 1;
			while (*after == ' ' || *after == '-')
				after++;
			/* "10B parameter", "141B total parameters", "39B active" */
			char next2[32];
			snprintf(next2, sizeof next2, "%s", after);
			for (char *q = next2; *q; q++)
				*q = (char)tolower((unsigned char)*q);
			if (strncasecmp(after, "param", 5) == 0 || strncasecmp(after, "moe", 3) == 0 ||
			    strncasecmp(after, "model", 5) == 0 || strncasecmp(after, "dense", 5) == 0 ||
			    strncasecmp(after, "active", 6) == 0 || strstr(next2, " param") == next2 + 5) {
				u = "billion";
				ul = 1;
				sp = 0;
			}
		}
		if (!u)
			u = unit_at(s + e + sp, &ul);
		if (!u && sp)
			ul = 0;
		/* a range: "12-15%", "$50-100/hour", "0.5 to 1 ms" */
		size_t r = e + (u ? sp + ul : 0);
		const char *dash = NULL;
		if (s[e] == '-' && isdigit((unsigned char)s[e + 1]))
			dash = s + e + 1;
		else if (strncmp(s + e, U_NDASH, 3) == 0 && isdigit((unsigned char)s[e + 3]))
			dash = s + e + 3;
		else if (s[e] == '-' && s[e + 1] == '$' && isdigit((unsigned char)s[e + 2]))
			dash = s + e + 2;
		else if (u && (s[r] == '-') && isdigit((unsigned char)s[r + 1]))
			dash = s + r + 1;
		if (dash && !x->glued) {
			double v2;
			size_t l2;
			if (number_at(dash, &v2, &l2) && v2 >= v) {
				x->hi = v2;
				e = (size_t)(dash - s) + l2;
				sp = s[e] == ' ' ? 1 : 0;
				const char *u2 = unit_at(s + e + sp, &ul);
				if (u2)
					u = u2;
				else if (u && dash == s + r + 1)
					ul = 0;
				else {
					u = NULL;
					ul = 0;
				}
				r = e + (u ? sp + ul : 0);
			}
		}
		if (u) {
			snprintf(x->unit, sizeof x->unit, "%s", u);
			e += (strcmp(u, "billion") == 0 && ul == 1) ? 1 : sp + ul;
		}
		if (dollar) {
			/* "$50-100/hour", "$2.50/GPU-hour", "$80,000" */
			if (strncasecmp(s + e, "/hour", 5) == 0 || strncasecmp(s + e, "/hr", 3) == 0 ||
			    strncasecmp(s + e, "/h", 2) == 0 || strncasecmp(s + e, " per hour", 9) == 0) {
				snprintf(x->unit, sizeof x->unit, "$/h");
				e += strncasecmp(s + e, "/hour", 5) == 0 ? 5 : strncasecmp(s + e, " per hour", 9) == 0 ?
				    9 : strncasecmp(s + e, "/hr", 3) == 0 ? 3 : 2;
			} else {
				snprintf(x->unit, sizeof x->unit, "USD");
			}
		}
		if (s[e] == '+' && !isdigit((unsigned char)s[e + 1])) {
			x->op = CLAIM_AT_LEAST;
			e++;
		}
		x->end = (int)e;
		n++;
		i = e > i ? e : i + 1;
	}
	return n;
}

void
pt_label_unit(const char *label, char *unit, size_t n)
{
	/* only rates and sizes: "Target RPS: 8", "Throughput (tokens/s): 900" */
	static const char *const ok[] = { "RPS", "req/s", "tokens/s", "tok/s", "tokens/ms", "GB", "ms", "GB/s",
		"Gbps", "TFLOPs", "TFLOP/s", "%", "$/h", NULL };
	for (const char *p = label; *p; p++) {
		if (p != label && isalnum((unsigned char)p[-1]))
			continue;
		size_t len;
		const char *u = unit_at(p, &len);
		if (!u || len < 2)
			continue;
		for (const char *const *q = ok; *q; q++)
			if (strcmp(*q, u) == 0) {
				snprintf(unit, n, "%s", u);
				return;
			}
	}
}
