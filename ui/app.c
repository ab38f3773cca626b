/* app.c: the workbench's scenario state: changes, validity, undo, files,
 * Lua checks; see app.h.  Drawing and keys are in frame.c. */
#include "app.h"
#include "io/plan.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scenario/report.h"
#include "core/explain.h"
#include "core/params.h"
#include "core/units.h"
#include "delta.h"
#include "io/scenario_json.h"
#include "bind/luacheck.h"
#include "util/xmalloc.h"

/* Lua checks run again after every change: a check that loops trips this
 * budget in about a tenth of a second instead of the CLI's seconds, so the
 * UI stays responsive (--lua-budget overrides). */
#define TUI_CHECK_BUDGET 20000000L

/* Scenario files are small; refuse anything larger than this. */
#define SCENARIO_FILE_MAX (1u << 20)

static Scenario *
scenario_alloc(void)
{
	return xcalloc(1, sizeof(Scenario));
}

static Result *
result_alloc(void)
{
	return xcalloc(1, sizeof(Result));
}

/* ---- undo snapshots ---------------------------------------------------- */

static void
snap_take(const App *a, Snapshot *sn)
{
	setup_init(&sn->setup);
	setup_copy(&sn->setup, &a->setup);
	sn->modified = a->modified;
}

static void
snap_free(Snapshot *sn)
{
	setup_fini(&sn->setup);
	memset(sn, 0, sizeof *sn);
}

static int derive(App *a, char **notes, char **cause);

/* snap_restore: move sn into the app (sn is left empty) and derive the
 * scenario from it. */
static void
snap_restore(App *a, Snapshot *sn)
{
	char *cause = NULL;
	setup_fini(&a->setup);
	a->setup = sn->setup;
	a->modified = sn->modified;
	memset(sn, 0, sizeof *sn);
	if (derive(a, NULL, &cause) != 0) {
		app_msg(a, ROLE_ERROR, "%s", cause);
		free(cause);
	}
}

static void
stack_push(Snapshot *stack, int *n, Snapshot *sn)
{
	if (*n == APP_UNDO_MAX) {
		snap_free(&stack[0]);
		memmove(stack, stack + 1, (APP_UNDO_MAX - 1) * sizeof *stack);
		(*n)--;
	}
	stack[(*n)++] = *sn;
	memset(sn, 0, sizeof *sn);
}

static void
stack_clear(Snapshot *stack, int *n)
{
	while (*n > 0)
		snap_free(&stack[--(*n)]);
}

/* The TP/PP/DP/EP the scenario has are part of it from now on: a later
 * rebuild (runtime, dtype) keeps them instead of filling them afresh. */
static void
mark_layout_set(App *a)
{
	static const ParamId ids[] = { PARAM_TP, PARAM_PP, PARAM_DP, PARAM_EP };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		a->setup.set[ids[i]] = true;
		a->setup.value[ids[i]] = param_get(a->s, ids[i]);
	}
}

/* derive: the scenario from a->setup (app_derive), the layout it has then
 * marked as given.  *notes (may be NULL) gets what was filled in.  On
 * failure the scenario stays as it was. */
static int
derive(App *a, char **notes, char **cause)
{
	Scenario *ns = scenario_alloc();
	if (app_derive(a, &a->setup, ns, notes, cause) != 0) {
		free(ns);
		return -1;
	}
	free(a->s);
	a->s = ns;
	mark_layout_set(a);
	return 0;
}

/* begin_change: remember the scenario for undo and for the delta line. */
static void
begin_change(App *a)
{
	Snapshot sn;
	snap_take(a, &sn);
	stack_push(a->undo, &a->n_undo, &sn);
	stack_clear(a->redo, &a->n_redo);
	*a->prev_s = *a->s;
	*a->prev_r = *a->r;
	a->prev_meets = app_meets_slos(a);
	a->have_prev = true;
}

/* change_line: what changed since prev_s, in words, into line[n]: the
 * delta summary, and whether the SLOs at the target rate now hold. */
static void
change_line(App *a, char *line, size_t n)
{
	if (delta_summary(a->prev_s, a->prev_r, a->s, a->r, 3, line, n) == 0)
		snprintf(line, n, "no change");
	bool meets = app_meets_slos(a);
	size_t o = strlen(line);
	if (meets != a->prev_meets && a->r->status == EVAL_OK && o < n) {
		double rps = a->s->workload.slo.rps;
		/* "now NOT feasible" may be there already (delta_summary) */
		const char *now = strstr(line, "now ") ? "" : "now ";
		if (meets)
			snprintf(line + o, n - o, "; SLOs %smet%s", now, rps > 0 ? " at the target rate" : "");
		else if (rps > 0)
			snprintf(line + o, n - o, "; %smisses its SLOs at %g req/s", now, rps);
		else
			snprintf(line + o, n - o, "; %smisses its SLOs at any rate", now);
	}
}

/* end_change: evaluate and say what changed, with `note` (may be NULL)
 * before it, or after it when !note_first. */
static void
end_change(App *a, const char *note, bool note_first)
{
	char line[APP_MSG_MAX];

	a->modified = true;
	app_eval(a);
	change_line(a, line, sizeof line);
	if (note && *note && note_first)
		app_msg(a, ROLE_MESSAGE, "%s; %s", note, line);
	else if (note && *note)
		app_msg(a, ROLE_MESSAGE, "%s; %s", line, note);
	else
		app_msg(a, ROLE_MESSAGE, "%s", line);
}

/* ---- life ------------------------------------------------------------- */

char *
app_base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return xstrdup(b && b[1] ? b + 1 : path);
}

static bool
is_file_name(const char *name)
{
	size_t len = strlen(name);
	return strchr(name, '/') || (len > 4 && strcmp(name + len - 4, ".lua") == 0) ||
	    (len > 5 && strcmp(name + len - 5, ".json") == 0);
}

/* What app_new allocates before anything can fail, freed. */
static void
free_scenario_state(App *a)
{
	app_forget_presets(a);
	setup_fini(&a->setup);
	setup_fini(&a->pin_setup);
	free(a->s);
	free(a->r);
	free(a->probe);
	free(a->probe_s);
	free(a->prev_s);
	free(a->prev_r);
	free(a->pin_s);
	free(a->pin_r);
	free(a->pin_sv);
	free(a->sv);
	free(a->sv_work);
	free(a->sv_scratch);
	free(a->sv_tail);
}

App *
app_new(const Catalog *c, const AppOptions *o, char **cause)
{
	App *a = xcalloc(1, sizeof *a);
	char *notes = NULL;

	a->cat = c;
	setup_init(&a->setup);
	setup_init(&a->pin_setup);
	if (o->setup) {
		setup_copy(&a->setup, o->setup);
	} else {
		char *found = catalog_find(c, PRESET_SCENARIO, "default");
		if (found && setup_load_scenario(c, "default", &a->setup, cause) != 0) {
			free(found);
			goto fail;
		}
		free(found);
	}
	a->s = scenario_alloc();
	a->r = result_alloc();
	a->probe = result_alloc();
	a->probe_s = scenario_alloc();
	a->prev_s = scenario_alloc();
	a->prev_r = result_alloc();
	a->pin_s = scenario_alloc();
	a->pin_r = result_alloc();
	a->pin_sv = xcalloc(1, sizeof *a->pin_sv);
	a->sv = xcalloc(1, sizeof *a->sv);
	a->sv_work = scenario_alloc();
	a->sv_scratch = result_alloc();
	a->sv_tail = xcalloc(1, sizeof *a->sv_tail);
	if (derive(a, &notes, cause) != 0)
		goto fail;
	a->notes = notes;
	if (o->file) {
		a->file = xstrdup(o->file);
		a->label = app_base_name(o->file);
	} else {
		a->label = xstrdup(o->label ? o->label : "default");
	}
	for (int i = 0; i < o->n_checks; i++) {
		a->check_files = xrealloc(a->check_files, (size_t)(i + 1) * sizeof *a->check_files);
		a->check_files[i] = xstrdup(o->checks[i]);
		a->n_check_files = i + 1;
	}
	a->lim = (LuaLimits){ .mem_bytes = LUA_DEFAULT_MEM_BYTES,
		.budget = o->lua_budget > 0 ? o->lua_budget : TUI_CHECK_BUDGET, .unsafe = o->unsafe };
	a->run_budget = o->lua_budget > 0 ? o->lua_budget : LUA_DEFAULT_BUDGET;
	a->history = o->history ? xstrdup(o->history) : NULL;
	a->mouse = !o->no_mouse;
	a->job.out_fd = -1;
	a->out_status = 0;
	theme_init(&a->theme, theme_mode_from_env(o->no_color), o->unicode);
	grid_init(&a->grid);
	int max_screens = (int)(sizeof a->screens / sizeof a->screens[0]);
	for (int i = 0; tui_screens[i] && a->n_screens < max_screens; i++)
		a->screens[a->n_screens++] = tui_screens[i]->create(a);
	app_eval(a);
	app_run_lua_checks(a);
	if (a->notes)
		app_msg(a, ROLE_INFO, "%s", a->notes);
	else
		app_msg(a, ROLE_MESSAGE, "%s: Tab moves between panels, arrows adjust, Enter explains, "
		    "? for help", a->label);
	return a;
fail:
	free_scenario_state(a);
	free(a);
	return NULL;
}

void
app_free(App *a)
{
	if (!a)
		return;
	app_job_cancel(a);
	app_set_modal(a, NULL);
	for (int i = 0; i < a->n_screens; i++)
		if (a->screens[i]->cls->destroy)
			a->screens[i]->cls->destroy(a->screens[i]);
		else
			free(a->screens[i]);
	stack_clear(a->undo, &a->n_undo);
	stack_clear(a->redo, &a->n_redo);
	free_scenario_state(a);
	for (int i = 0; i < a->n_log; i++)
		free(a->log[i]);
	for (int i = 0; i < a->n_check_files; i++)
		free(a->check_files[i]);
	free(a->check_files);
	report_extra_free(a->extra, a->n_extra);
	free(a->lua_error);
	free(a->notes);
	free(a->file);
	free(a->label);
	free(a->out);
	for (int i = 0; i < a->n_plan_keys; i++) {
		free(a->plan_keys[i]);
		free(a->plan_vals[i]);
	}
	free(a->plan_keys);
	free(a->plan_vals);
	free(a->plan_path);
	free(a->job.path);
	free(a->history);
	grid_fini(&a->grid);
	free(a);
}

/* ---- evaluation ------------------------------------------------------- */

bool
app_has_lua_checks(const App *a)
{
	return a->n_check_files > 0 || a->setup.checks_file != NULL;
}

void
app_eval(App *a)
{
	eval_run(a->s, a->r);
	a->spec_breakeven = a->r->status == EVAL_OK && a->r->spec.on ? eval_spec_breakeven(a->s, a->r) : 0;
	/* serve it at the target rate as eval does (report_serving: chunked
	 * prefill, fixed lengths), keeping the tail table between changes:
	 * ~10 eval_runs, plus ~1 ms when the lengths change */
	a->sv_ok = false;
	if (a->r->status == EVAL_OK) {
		ServingOptions o;
		serving_options_init(&o);
		a->sv_ok = serving_evaluate(a->s, &o, a->sv_work, a->sv_scratch, a->sv_tail, a->sv) == 0;
	}
	a->lua_dirty = app_has_lua_checks(a);
}

void
app_run_lua_checks(App *a)
{
	char *cause = NULL;

	report_extra_free(a->extra, a->n_extra);
	a->extra = NULL;
	a->n_extra = 0;
	free(a->lua_error);
	a->lua_error = NULL;
	a->lua_dirty = false;
	if (!app_has_lua_checks(a) || a->r->status != EVAL_OK)
		return;
	/* the :check files, then the scenario preset's own checks */
	const char **files = xcalloc((size_t)a->n_check_files + 1, sizeof *files);
	int n = 0;
	for (int i = 0; i < a->n_check_files; i++)
		files[n++] = a->check_files[i];
	if (a->setup.checks_file)
		files[n++] = a->setup.checks_file;
	if (luacheck_run(a->cat, &a->lim, files, n, a->s, a->r, &a->extra, &a->n_extra, &cause) != 0)
		a->lua_error = cause;
	free(files);
}

bool
app_feasible(const App *a)
{
	return report_feasible(a->r, a->extra, a->n_extra) && !a->lua_error;
}

bool
app_meets_slos(const App *a)
{
	return report_serving_meets(a->s, a->sv_ok ? a->sv : NULL);
}

AppVerdict
app_verdict(const App *a)
{
	if (a->r->status != EVAL_OK)
		return APP_INVALID;
	if (!app_feasible(a))
		return APP_NOT_FEASIBLE;
	return app_meets_slos(a) ? APP_FEASIBLE : APP_MISSES_SLOS;
}

const char *
app_verdict_name(AppVerdict v)
{
	switch (v) {
	case APP_FEASIBLE: return "FEASIBLE";
	case APP_MISSES_SLOS: return "MISSES SLOs";
	case APP_NOT_FEASIBLE: return "NOT FEASIBLE";
	case APP_INVALID: return "INVALID LAYOUT";
	}
	return "?";
}

/* ---- changes ---------------------------------------------------------- */

int
app_set_param(App *a, ParamId id, double v, char **cause)
{
	Scenario *tmp = a->prev_s;      /* scratch; begin_change overwrites it */
	char why[160];
	char *sub = NULL;

	if (param_def(id)->hardware ||
	    ((id == PARAM_TP || id == PARAM_PP || id == PARAM_PREFILL_DP || id == PARAM_PREFILL_TP ||
	    id == PARAM_PREFILL_PP) && param_get(a->s, id) != v)) {
		/* nodes, gpus_per_node: the hardware changes, the layout is
		 * refilled; TP takes PP and DP with it (setup_edit_finish) */
		char text[32];
		const char *key = param_def(id)->name, *value = text;
		snprintf(text, sizeof text, "%.17g", v);
		return app_set_many(a, 1, &key, &value, cause);
	}
	*tmp = *a->s;
	if (param_set(tmp, id, v, why, sizeof why) != 0) {
		*cause = xasprintf("%s: %s", param_def(id)->name, why);
		return -1;
	}
	if (param_get(a->s, id) == v) {
		app_msg(a, ROLE_MESSAGE, "%s is already %g", param_def(id)->name, v);
		return 0;
	}
	begin_change(a);
	if (setup_set_number(&a->setup, param_def(id)->name, v, &sub) != 0)
		free(sub);
	/* a new PP drops a custom layer split that no longer matches it */
	if (id == PARAM_PP && a->setup.stage_layers) {
		free(a->setup.stage_layers);
		a->setup.stage_layers = NULL;
	}
	if (derive(a, NULL, cause) != 0) {
		/* take the change back: the setup as it was */
		snap_restore(a, &a->undo[--a->n_undo]);
		return -1;
	}
	end_change(a, NULL, true);
	return 0;
}

/* rebuild: s from setup t (taken), as one undoable change; the message
 * line says what was filled, before what changed when note_first (new
 * hardware: the fill is the news), after it otherwise (TP 8 -> 4). */
static int
rebuild(App *a, Setup *t, bool note_first, char **cause)
{
	Scenario *ns = scenario_alloc();
	char *notes = NULL;

	/* built first, so a setup that does not build changes nothing */
	if (app_derive(a, t, ns, &notes, cause) != 0) {
		free(ns);
		setup_fini(t);
		return -1;
	}
	begin_change(a);
	setup_fini(&a->setup);
	a->setup = *t;
	free(a->s);
	a->s = ns;
	mark_layout_set(a);
	free(a->notes);
	a->notes = notes;
	if (notes) {
		char *nl = strchr(notes, '\n');
		char first[256];
		snprintf(first, sizeof first, "%.*s", nl ? (int)(nl - notes) : (int)strlen(notes), notes);
		end_change(a, first, note_first);
	} else {
		end_change(a, NULL, true);
	}
	return 0;
}

int
app_set_many(App *a, int n, const char *const *keys, const char *const *values, char **cause)
{
	Setup t;
	SetupEdit e;

	setup_init(&t);
	setup_copy(&t, &a->setup);
	setup_edit_init(&e);
	for (int i = 0; i < n; i++) {
		if (setup_apply(&t, &e, keys[i], values[i], 0, cause) != 0) {
			setup_fini(&t);
			return -1;
		}
	}
	/* the one refill rule (setup.h), as the CLI and Lua apply it: on other
	 * hardware or another model the layout is filled afresh but for what
	 * was given; the notes say what was chosen */
	setup_edit_finish(&t, &e);
	return rebuild(a, &t, e.hardware, cause);
}

bool
app_check_fix(App *a, int i, CheckFix *f)
{
	if (i < 0 || i >= a->r->n_checks)
		return false;
	return check_fix(a->s, a->r, &a->r->checks[i], f, a->probe_s, a->probe);
}

int
app_apply_fix(App *a, int i, char **cause)
{
	CheckFix f;
	const char *keys[CHECK_FIX_KEYS], *values[CHECK_FIX_KEYS];
	char num[CHECK_FIX_KEYS][32], what[160], id[64];

	if (i < 0)
		for (int j = 0; j < a->r->n_checks && i < 0; j++)
			if (a->r->checks[j].severity == SEV_ERROR && app_check_fix(a, j, &f))
				i = j;
	if (i < 0 || !app_check_fix(a, i, &f)) {
		if (i < 0)
			*cause = xasprintf("no error has a one-key fix (the checks' \"fix:\" says what "
			    "to change)");
		else
			*cause = xasprintf("%s has no one-key fix", check_id_name(a->r->checks[i].id));
		return -1;
	}
	snprintf(id, sizeof id, "%s", check_id_name(a->r->checks[i].id));
	for (int k = 0; k < f.n; k++) {
		keys[k] = param_def((ParamId)f.set[k].key)->name;
		snprintf(num[k], sizeof num[k], "%.17g", f.set[k].value);
		values[k] = f.set[k].text ? f.set[k].text : num[k];
	}
	check_fix_text(&f, what, sizeof what);
	if (app_set_many(a, f.n, keys, values, cause) != 0)
		return -1;
	/* one log entry: the fix, then what the change did (the set's own
	 * message, taken whole from the log, not kept a second time) */
	char *line = a->n_log > 0 ? a->log[--a->n_log] : xasprintf("%s", a->msg);
	app_msg(a, ROLE_MESSAGE, "fixed %s: %s (u undoes); %s", id, what, line);
	free(line);
	return 0;
}

void
app_keep_plan(App *a, const Plan *p)
{
	static const char *const ones[] = { "pp", "dp", "ep" };
	for (int i = 0; i < a->n_plan_keys; i++) {
		free(a->plan_keys[i]);
		free(a->plan_vals[i]);
	}
	free(a->plan_path);
	int n = 0, cap = p->n_base + 3;
	a->plan_keys = xrealloc(a->plan_keys, (size_t)cap * sizeof *a->plan_keys);
	a->plan_vals = xrealloc(a->plan_vals, (size_t)cap * sizeof *a->plan_vals);
	for (int i = 0; i < p->n_base; i++) {
		a->plan_keys[n] = xstrdup(p->base[i].key);
		a->plan_vals[n++] = p->base[i].text ? xstrdup(p->base[i].text) : xasprintf("%g", p->base[i].number);
	}
	for (size_t k = 0; k < sizeof ones / sizeof ones[0]; k++) {
		bool said = false;
		for (int i = 0; i < p->n_base; i++)
			said |= strcmp(p->base[i].key, ones[k]) == 0;
		if (!said) {
			a->plan_keys[n] = xstrdup(ones[k]);
			a->plan_vals[n++] = xstrdup("1");
		}
	}
	a->n_plan_keys = n;
	a->plan_path = xstrdup(p->path);
	a->plan_inline = p->model_config || p->gpu;
}

int
app_load_plan(App *a, char **cause)
{
	if (a->n_plan_keys == 0) {
		*cause = xstrdup("no plan audited yet (:audit PLAN)");
		return -1;
	}
	if (a->plan_inline) {
		*cause = xasprintf("%s describes a model or GPU the catalog lacks: shardlab audit --extract "
		    "writes it out", a->plan_path);
		return -1;
	}
	if (app_set_many(a, a->n_plan_keys, (const char *const *)a->plan_keys,
	    (const char *const *)a->plan_vals, cause) != 0)
		return -1;
	return 0;
}

int
app_set(App *a, const char *key, const char *value, char **cause)
{
	int id = param_key_find(key);

	/* a number that leaves the hardware alone changes in place (fast,
	 * undoable); everything else rebuilds through setup_apply */
	if (id >= 0 && id < PARAM_COUNT && !param_def((ParamId)id)->hardware) {
		Scenario *tmp = a->prev_s;
		char why[160];
		*tmp = *a->s;
		if (param_parse(tmp, (ParamId)id, value, why, sizeof why) != 0) {
			*cause = xasprintf("%s %s: %s", param_def((ParamId)id)->name, value, why);
			return -1;
		}
		return app_set_param(a, (ParamId)id, param_get(tmp, (ParamId)id), cause);
	}
	if (app_set_many(a, 1, &key, &value, cause) != 0) {
		if (id >= 0 && strncmp(*cause, "bad value for '", 15) == 0) {
			/* "bad value for 'nodes': must be >= 1" -> "nodes 0: must be >= 1", as above */
			char *c = xasprintf("%s %s: %s", param_def((ParamId)id)->name, value,
			    setup_cause_why(*cause));
			free(*cause);
			*cause = c;
		}
		return -1;
	}
	return 0;
}

int
app_load(App *a, const char *name, char **cause)
{
	Setup t;

	setup_init(&t);
	if (setup_load_scenario(a->cat, name, &t, cause) != 0) {
		setup_fini(&t);
		return -1;
	}
	app_forget_presets(a);          /* a file loaded: its presets read afresh */
	if (rebuild(a, &t, true, cause) != 0)
		return -1;
	free(a->file);
	free(a->label);
	if (is_file_name(name)) {
		a->file = xstrdup(name);
		a->label = app_base_name(name);
	} else {
		a->file = NULL;
		a->label = xstrdup(name);
	}
	a->modified = false;
	char line[APP_MSG_MAX];
	snprintf(line, sizeof line, "%s", a->msg);
	app_msg(a, ROLE_MESSAGE, "loaded %s: %s", name, line);
	return 0;
}

/* ---- undo, compare, checks ------------------------------------------ */

static bool
undo_step(App *a, Snapshot *from, int *n_from, Snapshot *to, int *n_to, const char *verb)
{
	Snapshot cur;
	char line[APP_MSG_MAX];

	if (*n_from == 0) {
		app_msg(a, ROLE_MESSAGE, "nothing to %s", verb);
		return false;
	}
	*a->prev_s = *a->s;
	*a->prev_r = *a->r;
	a->prev_meets = app_meets_slos(a);
	snap_take(a, &cur);
	stack_push(to, n_to, &cur);
	snap_restore(a, &from[--(*n_from)]);
	app_eval(a);
	change_line(a, line, sizeof line);
	app_msg(a, ROLE_MESSAGE, "%s: %s", verb, line);
	return true;
}

bool
app_undo(App *a)
{
	return undo_step(a, a->undo, &a->n_undo, a->redo, &a->n_redo, "undo");
}

bool
app_redo(App *a)
{
	return undo_step(a, a->redo, &a->n_redo, a->undo, &a->n_undo, "redo");
}

void
app_pin(App *a)
{
	const Strategy *st = &a->s->strategy;
	setup_copy(&a->pin_setup, &a->setup);
	*a->pin_s = *a->s;
	*a->pin_r = *a->r;
	*a->pin_sv = *a->sv;
	a->pin_sv_ok = a->sv_ok;
	a->pin_verdict = app_verdict(a);
	a->pinned = true;
	snprintf(a->pin_label, sizeof a->pin_label, "TP %d x PP %d x DP %d", st->tp, st->pp, st->dp);
	app_msg(a, ROLE_OK, "pinned %s on %s as A; change things, then c compares A with B",
	    a->s->model.name, a->s->cluster.name);
}

void
app_restore_pin(App *a)
{
	if (!a->pinned)
		return;
	begin_change(a);
	setup_copy(&a->setup, &a->pin_setup);
	char *cause = NULL;
	if (derive(a, NULL, &cause) != 0) {
		app_msg(a, ROLE_ERROR, "%s", cause);
		free(cause);
		return;
	}
	end_change(a, "A is the scenario again", true);
}

void
app_load_candidate(App *a, const SearchCandidate *c, const char *what)
{
	char *sub = NULL;
	Setup *t = &a->setup;
	SearchCandidate k = *c;

	/* the defaults as defaults (scenario.h): expert TP as TP without EP
	 * (else 1), micro-batches as PP; the figures are the same */
	if (k.etp == (k.ep == 1 ? k.tp : 1))
		k.etp = 0;
	if (k.micro_batches == k.pp)
		k.micro_batches = 0;
	c = &k;
	begin_change(a);
	/* the candidate's strategy into the setup; the scenario follows */
	const struct { const char *key; double v; bool always; } nums[] = {
		{ "tp", c->tp, true }, { "pp", c->pp, true }, { "dp", c->dp, true },
		{ "ep", c->ep, true }, { "etp", c->etp, false },
		{ "micro_batches", c->micro_batches, false }, { "batch", c->batch, true },
		/* the k the search chose, when it tried speculation (k 0 too) */
		{ "spec_tokens", c->spec_tokens, c->spec_max > 0 },
	};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		int id = param_find(nums[i].key);
		if (!nums[i].always && nums[i].v == 0 && !(id >= 0 && t->set[id]))
			continue;
		if (setup_set_number(t, nums[i].key, nums[i].v, &sub) != 0) {
			free(sub);
			sub = NULL;
		}
	}
	if (setup_set(t, "dtype", dtype_name(c->weight_dtype), &sub) != 0 ||
	    setup_set(t, "kv_dtype", dtype_name(c->kv_dtype), &sub) != 0) {
		free(sub);
		sub = NULL;
	}
	/* the search places layers evenly */
	free(t->stage_layers);
	t->stage_layers = NULL;
	if (derive(a, NULL, &sub) != 0) {
		app_msg(a, ROLE_ERROR, "%s", sub);
		free(sub);
		return;
	}
	end_change(a, what, true);
}

void
app_unpin(App *a)
{
	a->pinned = false;
	app_msg(a, ROLE_MESSAGE, "unpinned A");
}

int
app_add_check(App *a, const char *path, char **cause)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		char *sub = NULL;
		char *text = read_file(path, SCENARIO_FILE_MAX, &sub);
		free(text);
		*cause = sub ? sub : xasprintf("%s: cannot read", path);
		return -1;
	}
	fclose(f);
	for (int i = 0; i < a->n_check_files; i++)
		if (strcmp(a->check_files[i], path) == 0)
			goto run;
	a->check_files = xrealloc(a->check_files,
	    (size_t)(a->n_check_files + 1) * sizeof *a->check_files);
	a->check_files[a->n_check_files++] = xstrdup(path);
run:
	app_run_lua_checks(a);
	if (a->lua_error) {
		*cause = xstrdup(a->lua_error);
		app_remove_checks(a, path);
		return -1;
	}
	int failing = 0;
	for (int i = 0; i < a->n_extra; i++)
		failing += a->extra[i].severity == SEV_ERROR;
	app_msg(a, failing ? ROLE_ERROR : ROLE_OK, "%s: %d Lua check%s report%s, %d error%s", path,
	    a->n_extra, a->n_extra == 1 ? "" : "s", a->n_extra == 1 ? "s" : "", failing,
	    failing == 1 ? "" : "s");
	return 0;
}

void
app_remove_checks(App *a, const char *path)
{
	int o = 0;
	for (int i = 0; i < a->n_check_files; i++) {
		if (!path || strcmp(a->check_files[i], path) == 0)
			free(a->check_files[i]);
		else
			a->check_files[o++] = a->check_files[i];
	}
	a->n_check_files = o;
	app_run_lua_checks(a);
}

void
app_show_index(App *a, int i)
{
	a->cur = i;
	if (a->screens[i]->cls->show)
		a->screens[i]->cls->show(a->screens[i], a);
}

int
app_show_screen(App *a, const char *name)
{
	for (int i = 0; i < a->n_screens; i++) {
		if (strcmp(a->screens[i]->cls->name, name) == 0 ||
		    strcasecmp(a->screens[i]->cls->tab, name) == 0) {
			app_show_index(a, i);
			return i;
		}
	}
	return -1;
}

Screen *
app_screen(App *a, const ScreenClass *cls)
{
	for (int i = 0; i < a->n_screens; i++)
		if (a->screens[i]->cls == cls)
			return a->screens[i];
	return NULL;
}

void
app_set_modal(App *a, Widget *w)
{
	Widget *old = a->modal;
	a->modal = w;
	widget_destroy(old);
}

void
app_msg(App *a, Role role, const char *fmt, ...)
{
	va_list ap, aq;
	char *full;

	va_start(ap, fmt);
	va_copy(aq, ap);
	int len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	full = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	vsnprintf(full, len > 0 ? (size_t)len + 1 : 1, fmt, aq);
	va_end(aq);
	snprintf(a->msg, sizeof a->msg, "%s", full);
	a->msg_role = role;
	if (!*full || (a->n_log > 0 && strcmp(a->log[a->n_log - 1], full) == 0)) {
		free(full);
		return;
	}
	if (a->n_log == APP_LOG_MAX) {
		free(a->log[0]);
		memmove(a->log, a->log + 1, (APP_LOG_MAX - 1) * sizeof a->log[0]);
		a->n_log--;
	}
	a->log[a->n_log++] = full;
}

char *
app_messages_text(const App *a)
{
	size_t len = 1;
	for (int i = 0; i < a->n_log; i++)
		len += strlen(a->log[i]) + 2;
	char *t = xmalloc(len), *p = t;
	*p = '\0';
	for (int i = 0; i < a->n_log; i++)
		p += sprintf(p, "%s\n\n", a->log[i]);
	if (a->n_log == 0)
		snprintf(t, len, "%s", "");
	return t;
}
