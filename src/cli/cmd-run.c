/* cmd-run.c: `shardlab run SCRIPT.lua [args...]`: a what-if script,
 * headless, print() to stdout, the exit status from the script. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "bind/luaapi.h"
#include "bind/run.h"

static void
run_usage(void)
{
	printf("usage: shardlab run [options] SCRIPT.lua [args...]\n\n"
	    "Run a what-if script in the Lua sandbox (man shardlab-lua): the global\n"
	    "`shardlab` evaluates scenarios, `arg` holds the arguments, print() writes to\n"
	    "stdout.  Exit status: the number the script returns (nothing: 0), 1 when it\n"
	    "raises, trips its budget or runs out of memory, 2 when it cannot be read.\n\n"
	    "  --check FILE.lua        load a file of checks first; they run on every result\n"
	    "  --lua-budget N          VM instructions the script may run (default %ld)\n"
	    "  --unsafe                open io and os (trusted local scripts only)\n\n"
	    "Scenario options given before SCRIPT.lua become evaluate's base scenario.\n\n",
	    (long)LUA_DEFAULT_BUDGET);
	cli_print_scenario_options(stdout);
	printf("\nExample: shardlab run lua/examples/tp_pp_sweep.lua llama-3-70b h100x8\n");
}

static void
to_stdout(void *ud, const char *text, size_t len)
{
	(void)ud;
	fwrite(text, 1, len, stdout);
}

int
cmd_run(const Catalog *c, int argc, char **argv)
{
	CliOptions o;
	char *cause = NULL;
	int status = EXIT_USAGE;

	if (cli_parse(c, "run", argc, argv, &o) != 0)
		goto out;
	if (o.help) {
		run_usage();
		status = EXIT_OK;
		goto out;
	}
	if (o.n_args < 1) {
		cli_error("run: needs a SCRIPT.lua; see 'shardlab run --help'");
		goto out;
	}
	LuaLimits lim = { .budget = o.lua_budget > 0 ? o.lua_budget : LUA_DEFAULT_BUDGET,
		.unsafe = o.unsafe };
	ScriptOptions opt = { .base = &o.setup, .checks = o.checks, .n_checks = o.n_checks };
	if (script_run_with(c, &lim, o.args[0], o.n_args - 1, o.args + 1, &opt, to_stdout, NULL,
	    &status, &cause) != 0) {
		fflush(stdout);
		cli_error("%s", cause);
	}
	fflush(stdout);
out:
	free(cause);
	cli_options_fini(&o);
	return status;
}
