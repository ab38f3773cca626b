/* cmd-fields.c: `shardlab fields [--man]`: the field table (core/fields.h),
 * as a list or as the man page's FIGURES section (tests/cli/fields.sh diffs
 * man/shardlab.1 against it). */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/fields.h"

/* One row's facts in words: "bytes; lower is better; per stage; explained". */
static void
facts(const ResultField *f, char *buf, size_t n)
{
	const char *unit = field_dim_unit(f->dim);
	int o = snprintf(buf, n, "%s", f->kind == FIELD_STR ? "text" : *unit ? unit : "count");

	if (f->better != BETTER_NONE && o >= 0 && (size_t)o < n)
		o += snprintf(buf + o, n - o, "; %s is better", field_better_name(f->better));
	if ((f->flags & FIELD_PER_STAGE) && o >= 0 && (size_t)o < n)
		o += snprintf(buf + o, n - o, "; per stage");
	if (f->explain && o >= 0 && (size_t)o < n)
		o += snprintf(buf + o, n - o, "; \\-\\-explain");
	if (f->band != BAND_NONE && o >= 0 && (size_t)o < n)
		snprintf(buf + o, n - o, "; band from the %s residuals", band_kind_name(f->band));
}

void
cli_fields_man(void)
{
	char buf[192];

	printf(".SH FIGURES\n"
	    "Every figure of\n.B eval \\-\\-json\nand of the Lua result tree, by path; made from the\n"
	    "field table in src/core/fields.c by\n.BR \"shardlab fields \\-\\-man\" .\n"
	    "A figure marked per stage is also in every\n.B stages\nentry (memory{} shows the fullest stage);\n"
	    "one marked \\-\\-explain says how it was computed with\n.BR \\-\\-explain=PATH .\n");
	for (int sec = 0; sec < FSEC_COUNT; sec++) {
		printf(".SS %s\n", field_section_name(sec));
		for (int i = 0; i < field_count(); i++) {
			const ResultField *f = &field_table[i];
			if ((int)f->section != sec)
				continue;
			facts(f, buf, sizeof buf);
			printf(".TP\n.B %s\n%s (%s).\n", f->path, f->help, buf);
		}
	}
}

int
cmd_fields(const Catalog *c, int argc, char **argv)
{
	(void)c;
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		printf("usage: shardlab fields [--man]\n\nList every figure eval reports: path, unit, "
		    "which way is better, per stage, and what it is.\n--man: as the man page's FIGURES "
		    "section (roff).\n");
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--man") == 0 && argc == 2) {
		cli_fields_man();
		return EXIT_OK;
	}
	if (argc > 1) {
		cli_error("fields: unexpected argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	for (int i = 0; i < field_count(); i++) {
		const ResultField *f = &field_table[i];
		const char *unit = field_dim_unit(f->dim);
		printf("%-38s %-8s %-7s %-5s %-8s %s\n", f->path,
		    f->kind == FIELD_STR ? "text" : *unit ? unit : "count", field_better_name(f->better),
		    (f->flags & FIELD_PER_STAGE) ? "stage" : "-", f->explain ? "explain" : "-", f->help);
	}
	return EXIT_OK;
}
