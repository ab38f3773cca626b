/* audit_json.h: the audit report as JSON, through cJSON (docs/audit.md
 * lists the fields of `audit --format json`). */
#ifndef SHARDLAB_IO_AUDIT_JSON_H
#define SHARDLAB_IO_AUDIT_JSON_H

#include "core/audit.h"

/* audit_json: the report as JSON text (allocated; caller frees); pretty:
 * indented. */
char *audit_json(const AuditReport *r, int pretty);

#endif
