/* plan-internal.h: what plan.c and plan-placement.c share to read a plan's
 * node tree (private to src/io). */
#ifndef SHARDLAB_IO_PLAN_INTERNAL_H
#define SHARDLAB_IO_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "plan.h"

/* The reading of one plan: the first failure's message goes to *cause. */
typedef struct PlanReader {
	const char *path;
	Plan *p;
	char **cause;
	bool failed;
} PlanReader;

/* plan_get: member `key` of object `obj`, NULL when absent, null, or obj
 * is not an object. */
const PlanNode *plan_get(const PlanNode *obj, const char *key);

/* plan_fail: record the first failure as "PATH: message"; later ones are
 * dropped. */
void plan_fail(PlanReader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* plan_known_keys: false (and fails) when `obj` has a key not in the
 * NULL-ended `keys`; `where` prefixes the key in the message. */
bool plan_known_keys(PlanReader *r, const PlanNode *obj, const char *where, const char *const *keys);

/* plan_want: true when n is of type t (an empty object stands for an
 * empty array), else fails naming `where`. */
bool plan_want(PlanReader *r, const PlanNode *n, PlanNodeType t, const char *where);

/* plan_copy_text: src (NULL: "") into dst of n bytes, truncated. */
void plan_copy_text(char *dst, size_t n, const char *src);

/* plan_read_group: placement entry `index` (node n) into *g
 * (plan-placement.c). */
void plan_read_group(PlanReader *r, const PlanNode *n, int index, AuditGroup *g);

#endif
