/* app.h: the workbench's state and the operations every screen, command
 * and test uses.  Nothing here touches the terminal: keys go in through
 * app_key, the screen comes out of app_render into app->grid, so unit tests
 * drive the whole TUI without curses (term.c is the only terminal code;
 * the frame around the screens is frame.h).
 *
 * One scenario: `setup` (names and options, what :save writes) is the
 * source; `s`, the Scenario the core evaluates, is derived from it by
 * app_derive (app-scenario.c) after every change and never written
 * elsewhere.  A change edits setup, then derives s. */
#ifndef SHARDLAB_UI_APP_H
#define SHARDLAB_UI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "catalog/catalog.h"
#include "core/eval.h"
#include "core/search.h"
#include "core/serving.h"
#include "io/result_json.h"
#include "lua/luastate.h"
#include "scenario/setup.h"
#include "session.h"
#include "widget.h"

#define APP_MIN_ROWS 24
#define APP_MIN_COLS 80
#define APP_UNDO_MAX 200
#define APP_MSG_MAX 512
#define APP_LOG_MAX 500         /* messages :messages keeps, in full */
#define APP_OUTPUT_MAX (4u << 20)       /* bytes of :run output kept */

typedef struct AppOptions {
	const Setup *setup;     /* the scenario from the command line (copied); NULL: default */
	const char *file;       /* the scenario file it came from, for :save; may be NULL */
	const char *label;      /* preset name shown when file is NULL ("default") */
	char *const *checks;    /* Lua check files (copied) */
	int n_checks;
	long lua_budget;        /* --lua-budget; 0: the defaults (short for checks) */
	bool unsafe;
	bool no_color, no_mouse;
	bool unicode;           /* box-drawing glyphs */
	const char *history;    /* readline history file; NULL: none */
} AppOptions;

/* One undo step: the scenario as it was (its setup; s is derived again). */
typedef struct Snapshot {
	Setup setup;
	bool modified;
} Snapshot;

typedef struct ScenarioCache ScenarioCache;     /* app-scenario.c: presets read */

/* A Lua script running under `:run`, in a child process so the UI stays
 * responsive; its output arrives through a pipe. */
typedef struct Job {
	pid_t pid;              /* 0: none */
	int out_fd;             /* read end of the child's output, -1 when closed */
	char *path;
	double started_s;
} Job;

typedef struct Ranking Ranking;       /* ranking.h: the strategy search */

/* The scenario's verdict, as `shardlab eval`'s exit status has it: 0
 * (FEASIBLE) only when every check passes and the SLOs hold at the target
 * rate (report_serving_meets). */
typedef enum {
	APP_FEASIBLE,
	APP_MISSES_SLOS,        /* checks pass, serving misses an SLO at the rate */
	APP_NOT_FEASIBLE,       /* a check (built-in or Lua) failed */
	APP_INVALID             /* the layout is invalid */
} AppVerdict;

struct App {
	const Catalog *cat;
	Setup setup;            /* the scenario: the source */
	Scenario *s;            /* derived from setup (app_derive); read only */
	ScenarioCache *cache;   /* the presets setup names, read once */
	Result *r;
	Scenario *probe_s;      /* scratch copy of s for slider validity */
	Result *probe;          /* scratch result for slider validity */
	int spec_breakeven;     /* eval_spec_breakeven of r, found by app_eval (a search of
	                           doublings and bisection: once per change, not per redraw) */
	char *notes;            /* what setup_build filled in */

	/* serving at the target rate, after every change, as eval does
	 * (report_serving's options; the tail table is kept between changes) */
	ServingReport *sv;
	bool sv_ok;             /* sv holds a report (the layout fits at batch 1) */
	Scenario *sv_work;
	Result *sv_scratch;
	ServingTail *sv_tail;

	/* where the scenario came from */
	char *file;             /* user file that :save writes by default, or NULL */
	char *label;            /* catalog preset name ("default") or file name */
	bool modified;

	/* Lua checks beside the built-in ones */
	char **check_files;
	int n_check_files;
	ExtraCheck *extra;
	int n_extra;
	char *lua_error;        /* a check file that failed to load */
	bool lua_dirty;         /* run the Lua checks when idle */
	LuaLimits lim;          /* for checks */
	long run_budget;        /* for :run scripts */

	/* undo and redo */
	Snapshot undo[APP_UNDO_MAX];
	int n_undo;
	Snapshot redo[APP_UNDO_MAX];
	int n_redo;

	/* the state before the last change, for the "TP 4 -> 8: ..." line */
	Scenario *prev_s;
	Result *prev_r;
	bool have_prev;
	bool prev_meets;        /* app_meets_slos before it */

	/* compare: the pinned scenario A */
	bool pinned;
	Setup pin_setup;
	Scenario *pin_s;
	Result *pin_r;
	ServingReport *pin_sv;  /* A served at its target rate, as sv */
	bool pin_sv_ok;
	char pin_label[64];
	AppVerdict pin_verdict;

	/* :run output */
	char *out;
	size_t out_len;
	char out_title[256];
	Job job;
	int out_status;         /* exit status of the last script, -1 while running */
	unsigned out_gen;       /* bumped by app_output_clear */
	bool out_from_top;      /* a report (:audit): show it from the top, not follow its end */
	/* the last :audit's plan as scenario keys: L on the output screen
	 * loads them into the workbench (app_load_plan) */
	char **plan_keys, **plan_vals;
	int n_plan_keys;
	char *plan_path;
	bool plan_inline;       /* its model or GPU is described, not a catalog name */

	/* the strategy search (:search): owned by the ranking screen, which
	 * makes it (s-ranking.c) */
	Ranking *ranking;

	/* the view widgets draw (app_session) */
	Session view;

	/* the terminal picture */
	Theme theme;
	Grid grid;
	int rows, cols;
	bool too_small;
	bool mouse;             /* mouse events enabled */
	int mouse_y, mouse_x;   /* position of the last TK_CLICK / TK_WHEEL_* */

	/* screens */
	Screen *screens[16];
	int n_screens;
	int cur;                /* index of the shown screen */
	Rect tab_rect[16];      /* tab labels, for clicks */

	/* a modal widget over the screen (pick list, explanation, question) */
	Widget *modal;

	/* the command line (cmdline.c) */
	bool cmd_active;
	bool quit_after_save;
	const char *cmd_open;   /* a widget asks the frame to open the command line with this */
	char cmd_hint[APP_MSG_MAX];     /* completions, shown above the command line */
	char *history;

	/* message line, and every message in full (:messages), oldest first */
	char msg[APP_MSG_MAX];
	Role msg_role;
	char *log[APP_LOG_MAX];
	int n_log;

	bool quit;
};

/* app_new: load the scenario and evaluate it.  Returns NULL with *cause
 * when the scenario cannot be built.  Free with app_free. */
App *app_new(const Catalog *c, const AppOptions *o, char **cause);
void app_free(App *a);

/* ---- the scenario ---------------------------------------------------- */

/* app_eval: evaluate the current scenario (the core, then the Lua checks
 * are marked to run when idle). */
void app_eval(App *a);

/* app_derive: build the Scenario of setup t into *out (the presets it
 * names read once and kept); *notes (allocated, may be NULL) says what was
 * filled in.  The one place a Setup becomes the scenario on screen.
 * Returns 0, or -1 with *cause. */
int app_derive(App *a, const Setup *t, Scenario *out, char **notes, char **cause);

/* app_forget_presets: read the presets again at the next app_derive. */
void app_forget_presets(App *a);

/* app_session: the session widgets draw, lent (see session.h); valid
 * until the next change. */
const Session *app_session(App *a);

/* app_has_lua_checks: :check files, or a scenario preset with checks. */
bool app_has_lua_checks(const App *a);

/* app_run_lua_checks: run the Lua check files on the current result now. */
void app_run_lua_checks(App *a);

/* app_set: `:set KEY VALUE` for a parameter or a Setup string key (model,
 * cluster, gpu, runtime, dtype, kv_dtype, stage_layers, gpus).  Records
 * undo, re-evaluates and says what changed.  Returns 0 or -1 with *cause. */
int app_set(App *a, const char *key, const char *value, char **cause);

/* app_keep_plan: remember plan p's scenario (its model, cluster, runtime,
 * layout and workload keys; PP, DP and EP 1 when it does not say, as the
 * audit reads it) for app_load_plan. */
struct Plan;
void app_keep_plan(App *a, const struct Plan *p);

/* app_load_plan: the last :audit's scenario into the workbench as one
 * change (app_set_many).  Returns 0, or -1 with *cause (no plan audited,
 * or a model or GPU the plan describes but the catalog lacks). */
int app_load_plan(App *a, char **cause);

/* app_set_many: several keys as one change (one rebuild, one undo step). */
int app_set_many(App *a, int n, const char *const *keys, const char *const *values, char **cause);

/* app_set_param: a number for a parameter (sliders, fields). */
int app_set_param(App *a, ParamId id, double v, char **cause);

/* app_step_param: the next valid value of id in direction dir (+1/-1):
 * for TP, PP, DP, EP only layouts the core accepts, for lengths the
 * model's context; *why (allocated) says why there is none. */
int app_step_param(App *a, ParamId id, int dir, char **why);

/* app_param_options: the valid values of a layout parameter in ascending
 * order into vals[max]; returns how many (capped at max). */
int app_param_options(App *a, ParamId id, double *vals, int max);

/* app_param_invalid: why value v of id would be invalid given the other
 * parameters (the core's check text, into why[n]), or NULL when valid. */
const char *app_param_invalid(App *a, ParamId id, double v, char *why, size_t n);

/* session_param_options / session_param_invalid: the same for the session
 * a widget draws (probing its scratch copy, never its scenario). */
int session_param_options(const Session *ss, ParamId id, double *vals, int max);
const char *session_param_invalid(const Session *ss, ParamId id, double v, char *why, size_t n);

/* app_check_fix: the one-key fix of built-in check i of the current
 * result (core/checks.c check_fix: keys to set, re-evaluated) into *f;
 * false when it has none. */
bool app_check_fix(App *a, int i, CheckFix *f);

/* app_apply_fix: apply the fix of built-in check i (-1: the first error
 * with one) as one undoable change (u undoes it); the message line says
 * which keys were set and what changed.  Returns 0, or -1 with *cause. */
int app_apply_fix(App *a, int i, char **cause);

/* app_load: a scenario preset name, or a .lua / .json file.  Replaces the
 * scenario (undoable). */
int app_load(App *a, const char *name, char **cause);

/* app_save: write the scenario to path (.json: JSON, else Lua),
 * atomically.  NULL path: the current file. */
int app_save(App *a, const char *path, char **cause);


/* app_undo / app_redo: step back or forward; false when there is nothing. */
bool app_undo(App *a);
bool app_redo(App *a);

/* app_pin: the current scenario becomes A for the compare screen. */
void app_pin(App *a);
void app_unpin(App *a);
/* app_restore_pin: make A the scenario again (undoable). */
void app_restore_pin(App *a);

/* app_add_check / app_remove_checks: Lua check files. */
int app_add_check(App *a, const char *path, char **cause);
void app_remove_checks(App *a, const char *path);

/* app_feasible: no error among built-in and Lua checks. */
bool app_feasible(const App *a);

/* app_meets_slos: serving at the target rate meets the SLOs (true when the
 * scenario is not served: invalid, or no room at batch 1), as
 * report_serving_meets. */
bool app_meets_slos(const App *a);

/* app_verdict: the verdict of the top-right corner; VERDICT_FEASIBLE
 * exactly when `shardlab eval` on this scenario exits 0. */
AppVerdict app_verdict(const App *a);

/* app_verdict_name: "FEASIBLE", "MISSES SLOs", "NOT FEASIBLE", "INVALID LAYOUT". */
const char *app_verdict_name(AppVerdict v);

/* app_load_candidate: a search candidate's strategy (search_scenario: TP,
 * PP, DP, EP, expert TP, micro-batches, dtypes, batch) as one undoable
 * change; the message line starts with `what`. */
void app_load_candidate(App *a, const SearchCandidate *c, const char *what);

/* app_scenario_text: the scenario as a Lua preset or JSON (allocated). */
char *app_scenario_text(const App *a, bool json);

/* app_base_name: the last component of path (allocated). */
char *app_base_name(const char *path);

/* app_messages_text: every message of this session in full, oldest
 * first, one per paragraph (allocated). */
char *app_messages_text(const App *a);

/* app_msg / app_error: the message line; the log keeps it whole. */
void app_msg(App *a, Role role, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* app_set_modal: replace the modal widget (takes ownership; NULL closes). */
void app_set_modal(App *a, Widget *w);

/* app_show_screen: by name; -1 when unknown.  app_show_index: screen i. */
int app_show_screen(App *a, const char *name);
void app_show_index(App *a, int i);

/* app_screen: the screen object of class cls (for screens that share state). */
Screen *app_screen(App *a, const ScreenClass *cls);

/* The screen (app_render, app_key, app_resize, ...) is frame.h's;
 * app_command is commands.h's; app_show_text is w-text.h's;
 * app_request_quit is w-quit.h's: all of them
 * above this header, none included by its implementation. */

/* ---- :run output ----------------------------------------------------- */

void app_output_clear(App *a, const char *title);
void app_output_append(App *a, const char *text, size_t len);

/* app_job_start: run a Lua script in a child process; output to the
 * output screen.  Returns 0 or -1 with *cause. */
int app_job_start(App *a, const char *path, int argc, char *const *argv, char **cause);
/* app_job_poll: read what the child wrote; reap it when done.  timeout_ms
 * < 0 waits until it ends.  Returns H_* flags. */
int app_job_poll(App *a, int timeout_ms);
/* app_job_cancel: stop a running script. */
void app_job_cancel(App *a);

#endif
