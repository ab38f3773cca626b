/* session.h: what widgets draw.  A widget's draw function takes the
 * session (the scenario on screen, its result, serving at the target rate,
 * the checks, and how to draw them), not the whole App: what a widget shows
 * can depend on nothing else, and nothing it draws changes the App.
 *
 * A Session is a view the App lends (app_session): every pointer borrows
 * the App's state and stays valid until the next change; nothing in it is
 * freed by its users. */
#ifndef SHARDLAB_UI_SESSION_H
#define SHARDLAB_UI_SESSION_H

#include <stdbool.h>

#include "catalog/catalog.h"
#include "core/eval.h"
#include "core/serving.h"
#include "io/result_json.h"
#include "scenario/setup.h"
#include "theme.h"

typedef struct Session {
	const Theme *theme;
	const Catalog *cat;
	const Setup *setup;             /* the scenario's source */
	const Scenario *s;              /* derived from setup */
	const Result *r;
	const ServingReport *sv;        /* serving at the target rate ... */
	bool sv_ok;                     /* ... when sv holds a report */
	bool meets_slos;                /* app_meets_slos */
	const char *label;              /* preset or file name */
	const char *file;               /* the scenario's file, or NULL */
	const ExtraCheck *extra;        /* Lua checks' results */
	int n_extra;
	const char *lua_error;          /* a check file that failed to load, or NULL */
	bool lua_checks;                /* app_has_lua_checks */
	int rows, cols;                 /* the terminal, for popups */
	/* scratch for which slider values are valid (probing never writes s) */
	Scenario *probe_s;
	Result *probe;
	int spec_breakeven;             /* eval_spec_breakeven of r, once per evaluation (0: none) */
} Session;

#endif
