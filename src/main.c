/* main.c: dispatch `shardlab SUBCOMMAND [options]`. */
#include <stdio.h>
#include <string.h>

#include "catalog/catalog.h"
#include "cli/cli.h"
#include "tui.h"

typedef int (*CmdFn)(const Catalog *, int, char **);

static const struct {
	const char *name;
	CmdFn fn;
	const char *help;
} commands[] = {
	{ "tui", cmd_tui, "the workbench (what shardlab with no subcommand opens)" },
	{ "eval", cmd_eval, "one evaluation: memory per stage, TTFT, TPOT, throughput, serving, checks" },
	{ "audit", cmd_audit, "check a deployment plan's claims and layout (docs/audit.md)" },
	{ "search", cmd_search, "rank every strategy for the model on the cluster within SLOs" },
	{ "calibrate", cmd_calibrate, "fit the efficiency parameters to your own benchmark result files" },
	{ "models", cmd_models, "list the models in the catalog" },
	{ "gpus", cmd_gpus, "list the GPUs in the catalog" },
	{ "fields", cmd_fields, "list every figure eval reports (--man: the man page's FIGURES)" },
	{ "presets", cmd_presets, "list scenario, cluster, runtime and fabric presets" },
	{ "import", cmd_import, "show how a Hugging Face config.json is read" },
	{ "run", cmd_run, "run a what-if Lua script (man shardlab-lua)" },
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: shardlab [SUBCOMMAND] [options]\n\n"
	    "Plan how a large language model is split across a GPU cluster.\n"
	    "Without a subcommand: the workbench (needs a terminal).\n\nsubcommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'shardlab SUBCOMMAND --help' for each; 'man shardlab' for everything.\n"
	    "Exit status: 0 ok, 1 the plan fails a check, 2 bad usage or input.\n");
}

int
main(int argc, char **argv)
{
	Catalog cat;
	int rc;

	if (argc >= 2 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("shardlab %s\n", SHARDLAB_VERSION);
		return EXIT_OK;
	}
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc == 3 && strcmp(argv[1], "--list-keys") == 0)
		return cli_list_keys(argv[2]);         /* hidden: the man page's tables (cli/cmd-keys.c) */
	if (argc < 2 || argv[1][0] == '-') {
		/* no subcommand: the workbench on presets/default.lua, options and all */
		argv[0] = "tui";
		catalog_init(&cat);
		rc = cmd_tui(&cat, argc, argv);
		catalog_fini(&cat);
		return rc;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[1], commands[i].name) == 0) {
			catalog_init(&cat);
			rc = commands[i].fn(&cat, argc - 1, argv + 1);
			catalog_fini(&cat);
			return rc;
		}
	}
	fprintf(stderr, "shardlab: unknown subcommand '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
