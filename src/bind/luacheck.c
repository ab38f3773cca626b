/* luacheck.c: custom checks from Lua files, run beside the built-in ones;
 * see luacheck.h.  Each file gets a state of its own, so nothing one file
 * defines (globals, library changes) can reach another. */
#include "bind/luacheck.h"

#include <stdlib.h>
#include <string.h>

#include "bind/luaapi.h"
#include "util/xmalloc.h"

/* The first line of an error (the rest is a traceback). */
static char *
first_line(char *msg)
{
	msg[strcspn(msg, "\n")] = '\0';
	return msg;
}

int
luacheck_run(const Catalog *c, const LuaLimits *lim, const char *const *files, int n_files,
    const Scenario *s, const Result *r, ExtraCheck **extra, int *n_extra, char **cause)
{
	LuaApiConfig cfg = { .catalog = c };

	*extra = NULL;
	*n_extra = 0;
	for (int i = 0; i < n_files; i++) {
		lua_State *L = luastate_new(lim, cause);
		int rc;

		if (!L)
			goto fail;
		rc = luaapi_open(L, &cfg, cause);
		if (rc == 0 && (rc = luaapi_loadfile(L, files[i], cause)) == 0 &&
		    (rc = luastate_pcall(L, 0, 0, cause)) != 0)
			first_line(*cause);
		if (rc == 0)
			rc = luaapi_checks_run(L, s, r, extra, n_extra, cause);
		luaapi_close(L);
		if (rc != 0)
			goto fail;
	}
	return 0;
fail:
	for (int i = 0; i < *n_extra; i++) {
		free((*extra)[i].id);
		free((*extra)[i].message);
	}
	free(*extra);
	*extra = NULL;
	*n_extra = 0;
	return -1;
}
