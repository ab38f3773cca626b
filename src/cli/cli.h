/* cli.h: subcommands and the scenario options they share. */
#ifndef SHARDLAB_CLI_CLI_H
#define SHARDLAB_CLI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "catalog/catalog.h"
#include "scenario/report.h"
#include "scenario/setup.h"

/* Exit statuses (DESIGN "Interfaces"). */
enum { EXIT_OK = 0, EXIT_CHECK = 1, EXIT_USAGE = 2 };

/* Options common to scenario subcommands, parsed from argv. */
typedef struct CliOptions {
	Setup setup;
	bool json;
	bool explain;
	char *explain_path;     /* --explain=PATH: one figure */
	bool help;
	bool no_color;
	bool no_mouse;
	char **checks;          /* --check FILE (repeatable) */
	int n_checks;
	long lua_budget;        /* --lua-budget N; 0 = default */
	bool unsafe;
	const char *format;     /* --format text|markdown|json */
	int emit;               /* --emit ENGINE: an EngineId (scenario/engine.h), or -1 */
	const char *chart;      /* eval --chart FILE.svg: the memory chart (borrowed from argv) */
	char **args;            /* positional arguments (borrowed from argv) */
	int n_args;
	bool given[PARAM_KEY_COUNT];    /* the scenario keys given on the command line */
	char **held_out;        /* calibrate --held-out FILE (borrowed from argv) */
	int n_held_out;
	bool dry_run;           /* calibrate --dry-run: write no preset */
} CliOptions;

/* cli_parse: parse argv[1..] of subcommand `cmd` into *o (initialised here;
 * release with cli_options_fini).  The base scenario is presets/default.lua
 * (or --preset NAME), then each option in order.  Returns 0, or -1 after
 * printing "shardlab: ..." to stderr. */
int cli_parse(const Catalog *c, const char *cmd, int argc, char **argv, CliOptions *o);
void cli_options_fini(CliOptions *o);

/* cli_print_scenario_options: the option list for --help. */
void cli_print_scenario_options(FILE *f);

/* cli_list_keys: the hidden `shardlab --list-keys WHAT`: a table as the roff
 * text of a man page's generated section (WHAT: man for shardlab(1)
 * PARAMETERS, lua for shardlab-lua(7)'s keys, search and lua-search for the
 * search options, checks for CHECKS, figures for FIGURES; names for one key
 * per line).  scripts/gen-man writes them, tests/cli/man.sh diffs them. */
int cli_list_keys(const char *what);

/* cli_error: print "shardlab: MSG" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_eval(const Catalog *c, int argc, char **argv);
/* cmd_calibrate: `shardlab calibrate FILE...` (cmd-calibrate.c). */
int cmd_calibrate(const Catalog *c, int argc, char **argv);
int cmd_search(const Catalog *c, int argc, char **argv);
int cmd_audit(const Catalog *c, int argc, char **argv);
int cmd_models(const Catalog *c, int argc, char **argv);
int cmd_gpus(const Catalog *c, int argc, char **argv);

/* cmd_fields: `shardlab fields [--man]`, the field table (cmd-fields.c). */
int cmd_fields(const Catalog *c, int argc, char **argv);

/* cli_fields_man: the field table as shardlab(1)'s FIGURES section (roff) to
 * stdout; `shardlab fields --man` and `--list-keys figures`. */
void cli_fields_man(void);
int cmd_presets(const Catalog *c, int argc, char **argv);
int cmd_import(const Catalog *c, int argc, char **argv);
int cmd_run(const Catalog *c, int argc, char **argv);

/* bar_text: a memory bar of `width` cells into buf: W weights, K KV cache,
 * A activations, R reserve, '.' free, '|' the runtime's budget line, '!'
 * cells beyond capacity.  Sizes ceil(v/total*w) clamped as htop's
 * BarMeterMode_draw; over capacity is shown, never clamped silently. */
void bar_text(char *buf, int width, const double *parts, int n_parts, const char *glyphs,
    double capacity, double budget);

/* report_invalid: print structural errors (one line each) to stderr;
 * returns EXIT_USAGE (cmd-eval.c). */
int report_invalid(const Scenario *s, const Result *r);

/* report_lua_checks: run the --check files and the catalog's checks on r;
 * fills *extra (allocated; free with report_extra_free).  Returns 0, or -1
 * after printing an error when a check file cannot be loaded (lua-checks.c). */
int report_lua_checks(const Catalog *c, const CliOptions *o, const Scenario *s, const Result *r,
    ExtraCheck **extra, int *n_extra);

#endif
