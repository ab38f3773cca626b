/* export.c: `:export FILE`; see export.h. */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>

#include "scenario/report.h"
#include "compare.h"
#include "util/xmalloc.h"

int
app_export(App *a, const char *path, char **cause)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		fatal("open_memstream failed");
	ReportCompareRow rows[COMPARE_ROWS_MAX];
	char summary[512];
	ReportCompare cmp = { "A (pinned)", summary, rows, 0 };
	if (a->pinned) {
		cmp.n_rows = compare_rows(a, rows, COMPARE_ROWS_MAX);
		compare_summary(a, summary, sizeof summary);
	}
	report_markdown(f, a->s, a->r, a->sv_ok ? a->sv : NULL, a->extra, a->n_extra,
	    a->pinned ? &cmp : NULL);
	if (a->lua_error)
		fprintf(f, "\nLua checks could not run: %s\n", a->lua_error);
	if (fclose(f) != 0)
		fatal("writing a report in memory failed");
	int rc = write_file_atomic(path, text, len, cause);
	free(text);
	if (rc == 0)
		app_msg(a, ROLE_OK, "exported a Markdown report of %s to %s", a->label, path);
	return rc;
}
