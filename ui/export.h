/* export.h: `:export FILE`: the scenario on screen as eval's Markdown
 * report (src/cli/report.c), with serving at the target rate and, when A
 * is pinned, the comparison the compare screen shows. */
#ifndef SHARDLAB_UI_EXPORT_H
#define SHARDLAB_UI_EXPORT_H

#include "app.h"

/* app_export: the report to path, atomically.  Returns 0, or -1 with
 * *cause. */
int app_export(App *a, const char *path, char **cause);

#endif
