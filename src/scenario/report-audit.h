/* report-audit.h: an audit report (core/audit.h's AuditReport) for people:
 * plain text (`shardlab audit`, the TUI's :audit) or Markdown
 * (`audit --format markdown`). */
#ifndef SHARDLAB_SCENARIO_REPORT_AUDIT_H
#define SHARDLAB_SCENARIO_REPORT_AUDIT_H

#include <stddef.h>

#include "core/audit.h"

typedef enum { AUDIT_TEXT, AUDIT_MARKDOWN } AuditFormat;

/* audit_format: the whole report as plain text or Markdown into buf[n]
 * (always NUL-terminated when n > 0).  Returns the length it needs, as
 * snprintf does: call with n = 0 to size a buffer. */
size_t audit_format(const AuditReport *r, AuditFormat f, char *buf, size_t n);

#endif
