/* lua-checks.c: run the --check files and the scenario's own Lua checks for
 * eval and search (report_lua_checks in cli.h). */
#include <stdlib.h>

#include "cli.h"
#include "bind/luacheck.h"

int
report_lua_checks(const Catalog *c, const CliOptions *o, const Scenario *s, const Result *r,
    ExtraCheck **extra, int *n_extra)
{
	char *cause = NULL;
	LuaLimits lim = { .budget = o->lua_budget > 0 ? o->lua_budget : LUA_DEFAULT_BUDGET,
		.unsafe = o->unsafe };

	/* --check files, then the scenario preset's own checks */
	const char *files[o->n_checks + 1];
	int n = 0;

	*extra = NULL;
	*n_extra = 0;
	for (int i = 0; i < o->n_checks; i++)
		files[n++] = o->checks[i];
	if (o->setup.checks_file)
		files[n++] = o->setup.checks_file;
	if (n == 0)
		return 0;
	if (luacheck_run(c, &lim, files, n, s, r, extra, n_extra, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

