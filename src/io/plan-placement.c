/* plan-placement.c: a plan's "placement" entries (which GPUs hold which
 * stage, replica, layers or experts) -> AuditGroup; see docs/audit.md. */
#include "plan-internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* "0-3,8" or [0, 1, 2] into g->gpus. */
static void
read_gpus(PlanReader *r, const PlanNode *v, const char *where, AuditGroup *g)
{
	if (v->type == PN_ARRAY) {
		for (int i = 0; i < v->n_kids; i++) {
			if (v->kids[i].type != PN_NUMBER || !(v->kids[i].number >= 0) ||
			    v->kids[i].number != floor(v->kids[i].number) || v->kids[i].number > PLAN_GPU_NUMBER_MAX) {
				plan_fail(r, "key '%s[%d]' must be a GPU number (0, 1, ...)", where, i);
				return;
			}
			if (g->n_gpus >= AUDIT_MAX_GROUP_GPUS) {
				plan_fail(r, "key '%s': more than %d GPUs", where, AUDIT_MAX_GROUP_GPUS);
				return;
			}
			g->gpus[g->n_gpus++] = (int)v->kids[i].number;
		}
		return;
	}
	if (v->type != PN_STRING) {
		plan_fail(r, "key '%s' must be an array of GPU numbers or a string such as \"0-3,8\"", where);
		return;
	}
	const char *s = v->string;
	while (*s) {
		char *end;
		/* GPU numbers as the array's: 0..PLAN_GPU_NUMBER_MAX, so no long wraps an int */
		long a = strtol(s, &end, 10), b = a;
		if (end == s || a < 0 || a > PLAN_GPU_NUMBER_MAX) {
			plan_fail(r, "key '%s': '%s' is not a GPU list such as \"0-3,8\" (GPUs 0..%d)", where,
			    v->string, PLAN_GPU_NUMBER_MAX);
			return;
		}
		s = end;
		if (*s == '-') {
			b = strtol(s + 1, &end, 10);
			if (end == s + 1 || b < a || b > PLAN_GPU_NUMBER_MAX) {
				plan_fail(r, "key '%s': '%s' is not a GPU list such as \"0-3,8\"", where, v->string);
				return;
			}
			s = end;
		}
		for (long i = a; i <= b; i++) {
			if (g->n_gpus >= AUDIT_MAX_GROUP_GPUS) {
				plan_fail(r, "key '%s': more than %d GPUs", where, AUDIT_MAX_GROUP_GPUS);
				return;
			}
			g->gpus[g->n_gpus++] = (int)i;
		}
		while (*s == ',' || *s == ' ')
			s++;
	}
}

static bool
read_pair(PlanReader *r, const PlanNode *v, const char *where, int *a, int *b)
{
	/* negated so that NaN fails too (a Lua plan's 0/0) */
	if (v->type != PN_ARRAY || v->n_kids != 2 || v->kids[0].type != PN_NUMBER ||
	    v->kids[1].type != PN_NUMBER || !(v->kids[0].number >= 0) ||
	    !(v->kids[1].number >= v->kids[0].number) || !(v->kids[1].number <= PLAN_GPU_NUMBER_MAX) ||
	    v->kids[0].number != floor(v->kids[0].number) || v->kids[1].number != floor(v->kids[1].number)) {
		plan_fail(r, "key '%s' must be [first, last] (inclusive, counting from 0)", where);
		return false;
	}
	*a = (int)v->kids[0].number;
	*b = (int)v->kids[1].number;
	return true;
}

static int
read_int(PlanReader *r, const PlanNode *v, const char *where, int min, int max)
{
	if (!plan_want(r, v, PN_NUMBER, where))
		return 0;
	if (v->number != floor(v->number) || v->number < min || v->number > max) {
		plan_fail(r, "key '%s': %g must be a whole number in %d..%d", where, v->number, min, max);
		return 0;
	}
	return (int)v->number;
}

void
plan_read_group(PlanReader *r, const PlanNode *n, int index, AuditGroup *g)
{
	static const char *const keys[] = { "group", "stage", "replica", "gpus", "layers", "experts",
		"experts_per_gpu", "text", NULL };
	char w[64], k[96];
	const PlanNode *v;

	memset(g, 0, sizeof *g);
	g->stage = -1;
	g->first_layer = g->last_layer = g->first_expert = g->last_expert = -1;
	snprintf(w, sizeof w, "placement[%d]", index);
	snprintf(g->where, sizeof g->where, "placement[%d]", index);
	if (!plan_want(r, n, PN_OBJECT, w) || !plan_known_keys(r, n, w, keys))
		return;
	snprintf(k, sizeof k, "%s.group", w);
	if (!(v = plan_get(n, "group"))) {
		plan_fail(r, "missing key '%s' (stage, experts or replica)", k);
		return;
	}
	if (!plan_want(r, v, PN_STRING, k))
		return;
	if (strcmp(v->string, "stage") == 0)
		g->kind = GROUP_STAGE;
	else if (strcmp(v->string, "experts") == 0)
		g->kind = GROUP_EXPERTS;
	else if (strcmp(v->string, "replica") == 0)
		g->kind = GROUP_REPLICA;
	else {
		plan_fail(r, "key '%s': '%s' must be stage, experts or replica", k, v->string);
		return;
	}
	snprintf(k, sizeof k, "%s.gpus", w);
	if (!(v = plan_get(n, "gpus"))) {
		plan_fail(r, "missing key '%s'", k);
		return;
	}
	read_gpus(r, v, k, g);
	if ((v = plan_get(n, "stage"))) {
		snprintf(k, sizeof k, "%s.stage", w);
		g->stage = read_int(r, v, k, 0, MAX_STAGES - 1);
	} else if (g->kind == GROUP_STAGE) {
		plan_fail(r, "missing key '%s.stage'", w);
		return;
	}
	if ((v = plan_get(n, "replica"))) {
		snprintf(k, sizeof k, "%s.replica", w);
		g->replica = read_int(r, v, k, 0, 4095);
	}
	if ((v = plan_get(n, "layers"))) {
		snprintf(k, sizeof k, "%s.layers", w);
		read_pair(r, v, k, &g->first_layer, &g->last_layer);
	}
	if ((v = plan_get(n, "experts"))) {
		snprintf(k, sizeof k, "%s.experts", w);
		read_pair(r, v, k, &g->first_expert, &g->last_expert);
	}
	if ((v = plan_get(n, "experts_per_gpu"))) {
		snprintf(k, sizeof k, "%s.experts_per_gpu", w);
		g->experts_per_gpu = read_int(r, v, k, 1, 1 << 16);
	}
	if ((v = plan_get(n, "text"))) {
		snprintf(k, sizeof k, "%s.text", w);
		if (plan_want(r, v, PN_STRING, k))
			plan_copy_text(g->text, sizeof g->text, v->string);
	}
}
