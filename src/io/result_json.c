/* result_json.c: Result -> JSON (DESIGN "JSON result"). */
#include "result_json.h"

#include <cjson/cJSON.h>

#include "jsonutil.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"

/* Builds the tree from the field table's walk: a stack of open objects. */
typedef struct JsonWalk {
	cJSON *stack[8];
	int depth;
} JsonWalk;

static void
jw_begin(void *ud, const char *key)
{
	JsonWalk *w = ud;
	cJSON *top = w->stack[w->depth], *o = cJSON_CreateObject();

	if (key)
		cJSON_AddItemToObject(top, key, o);
	else
		cJSON_AddItemToArray(top, o);
	if (w->depth + 1 < (int)(sizeof w->stack / sizeof w->stack[0]))
		w->stack[++w->depth] = o;
}

static void
jw_value(void *ud, const char *key, const ResultField *f, const FieldValue *v)
{
	JsonWalk *w = ud;
	cJSON *top = w->stack[w->depth];

	(void)f;
	if (v->kind == FIELD_NUM)
		json_add_num(top, key, v->num);
	else if (v->kind == FIELD_BOOL)
		cJSON_AddBoolToObject(top, key, v->flag);
	else
		cJSON_AddStringToObject(top, key, v->str ? v->str : "");
}

static void
jw_end(void *ud)
{
	JsonWalk *w = ud;

	if (w->depth > 0)
		w->depth--;
}

/* The figure sections, from the field table (core/fields.h). */
static void
add_sections(cJSON *root, const Scenario *s, const Result *r, const ServingReport *sv)
{
	JsonWalk w;
	FieldVisitor v = { jw_begin, jw_value, jw_end, &w };

	for (int sec = 0; sec < FSEC_COUNT; sec++) {
		if (field_section_needs_result(sec) && r->status != EVAL_OK)
			continue;
		if (sec == FSEC_SERVING && !sv)
			continue;
		const char *name = field_section_name(sec);
		w.depth = 0;
		w.stack[0] = sec == FSEC_STAGES ? cJSON_AddArrayToObject(root, name) :
		    cJSON_AddObjectToObject(root, name);
		fields_walk_section(s, r, sv, sec, &v);
	}
}

char *
result_json(const Scenario *s, const Result *r, const ServingReport *sv, const ExtraCheck *extra,
    int n_extra, const char *notes, int pretty)
{
	cJSON *root = cJSON_CreateObject();
	char msg[512];

	add_sections(root, s, r, sv);
	bool feasible = r->status == EVAL_OK && r->feasible;
	for (int i = 0; i < n_extra; i++)
		feasible &= extra[i].severity != SEV_ERROR;
	cJSON_AddBoolToObject(root, "feasible", feasible);
	cJSON *checks = cJSON_AddArrayToObject(root, "checks");
	for (int i = 0; i < r->n_checks; i++) {
		const Check *c = &r->checks[i];
		cJSON *o = cJSON_CreateObject();
		check_format(s, r, c, msg, sizeof msg);
		cJSON_AddStringToObject(o, "id", check_id_name(c->id));
		cJSON_AddStringToObject(o, "severity", severity_name(c->severity));
		cJSON_AddStringToObject(o, "message", msg);
		if (c->stage >= 0)
			json_add_num(o, "stage", c->stage);
		cJSON_AddItemToArray(checks, o);
	}
	for (int i = 0; i < n_extra; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", extra[i].id);
		cJSON_AddStringToObject(o, "severity", severity_name(extra[i].severity));
		cJSON_AddStringToObject(o, "message", extra[i].message);
		cJSON_AddItemToArray(checks, o);
	}
	if (notes && *notes)
		cJSON_AddStringToObject(root, "notes", notes);

	return json_print_delete(root, pretty);
}
