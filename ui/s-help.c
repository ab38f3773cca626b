/* s-help.c: every key, command, parameter and screen.  Commands,
 * parameters and screens come from their tables, so the help cannot fall
 * behind them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "commands.h"
#include "keys.h"
#include "core/params.h"
#include "util/xmalloc.h"
#include "w-text.h"

typedef struct HelpScreen {
	Screen base;
	TextView *tv;
} HelpScreen;

/* the keys of the widgets on the screens (the keys of every screen are
 * keys.c's table) */
static const char *const keys[][2] = {
	{ "Tab, Shift-Tab", "next / previous panel of the main screen" },
	{ "arrows, h j k l", "move; on a slider or field Left/Right (h/l) change it" },
	{ "+ / -", "the next / previous valid value of the slider or field" },
	{ "0-9", "type a number for the slider or field (2k, 32768, 500ms); Enter sets it" },
	{ "Enter", "explain the figure or memory bar; open a field's pick list" },
	{ "e", "explain the selected figure, bar, check or GPU" },
	{ "x", "(compare screen) make A the scenario again" },
	{ "m g t c r o ?", "screens: main, GPU map, timeline, compare, ranking, output, help" },
	{ "F2-F8", "screens by number" },
	{ "/, n, N", "(help, output, popups) search, next, previous match" },
	{ "(ranking) Enter", "load the selected strategy into the main screen (u undoes it)" },
	{ "(ranking) Tab, s, e", "why / Pareto front / more; search again; the row's why in a popup" },
	{ "mouse", "click tabs, rows, slider values and fields; the wheel turns sliders and "
	  "scrolls lists (--no-mouse turns it off)" },
};

/* help_text: the help screen's text (allocated). */
static char *
help_text(App *app)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		fatal("open_memstream failed");
	fprintf(f, "shardlab %s plans how a model is split across GPUs. Every change is evaluated at "
	    "once; every figure explains itself (Enter).\n\nKeys:\n", SHARDLAB_VERSION);
	/* every screen's keys (keys.c's table, the hint bar's), then the widgets' */
	for (const KeyDef *k = tui_keys_table; k->name; k++)
		fprintf(f, "  %-18s %s\n", k->name, k->help);
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		fprintf(f, "  %-18s %s\n", keys[i][0], keys[i][1]);
	fprintf(f, "\nCommands (after ':'; Tab completes commands, keys, names and files):\n");
	for (const TuiCommand *c = tui_commands; c->name; c++) {
		char left[64];
		snprintf(left, sizeof left, "%s%s%s %s", c->name, c->alias ? ", " : "",
		    c->alias ? c->alias : "", c->args);
		fprintf(f, "  %-26s %s\n", left, c->help);
	}
	fprintf(f, "  %-26s %s\n", "KEY VALUE", "a parameter name alone works as :set (:tp 4)");
	fprintf(f, "\nParameters (:set KEY VALUE; tokens take 2k = 2048, seconds take 500ms):\n");
	for (int p = 0; p < PARAM_COUNT; p++) {
		const ParamDef *d = param_def((ParamId)p);
		fprintf(f, "  %-20s %s (%s, %.10g..%.10g)\n", d->name, d->help,
		    *d->unit ? d->unit : "count", d->min, d->max);
	}
	fprintf(f, "  %-20s %s\n", "model, cluster, gpu, gpus, runtime, dtype, kv_dtype, stage_layers",
	    "");
	fprintf(f, "\nScreens:\n");
	for (int i = 0; i < app->n_screens; i++) {
		const ScreenClass *c = app->screens[i]->cls;
		char left[48];
		snprintf(left, sizeof left, "%c  %s", c->key ? c->key : ' ', c->tab);
		fprintf(f, "  %-18s %s\n", left, c->help);
	}
	fprintf(f, "\nReading the main screen:\n"
	    "  memory bars        W weights, K KV cache for the workload, A activations, R reserve,\n"
	    "                     . free, | the runtime's memory fraction, ! beyond capacity\n"
	    "  figures            ok meets its SLO, FAIL misses it (TTFT and TPOT against p50/p99)\n"
	    "  serving row        TTFT and TPOT p99 at the target rate (continuous batching, Poisson\n"
	    "                     arrivals), as shardlab eval serves it; in the title the highest\n"
	    "                     rate within the SLOs\n"
	    "  verdict            FEASIBLE, MISSES SLOs (checks pass, the SLOs fail at the rate),\n"
	    "                     NOT FEASIBLE (a check fails), INVALID LAYOUT; as eval's exit status\n"
	    "  checks             ERROR, warn, info: built-in checks and Lua checks (:check FILE)\n"
	    "  status line        the scenario's file ([+]: unsaved changes), layout and GPUs\n"
	    "\nColours: NO_COLOR=1 or --no-color for monochrome (glyphs and words carry the "
	    "meaning); 8-colour terminals work.\n");
	if (fclose(f) != 0)
		fatal("help text");
	return text;
}

static Screen *
help_create(App *app)
{
	HelpScreen *s = xcalloc(1, sizeof *s);
	s->base.cls = &screen_help;
	(void)app;
	return &s->base;
}

static void
help_destroy(Screen *base)
{
	HelpScreen *s = (HelpScreen *)base;
	if (s->tv)
		widget_destroy(&s->tv->base);
	free(s);
}

static void
help_draw(Screen *base, App *app, Grid *g, Rect r)
{
	HelpScreen *s = (HelpScreen *)base;
	if (!s->tv) {
		/* built on first use: the screen table is complete by then */
		char *text = help_text(app);
		s->tv = textview_new("help", text, TV_WRAP | TV_HEADINGS, false);
		free(text);
	}
	grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Help: arrows or PgUp/PgDn scroll, / searches, m returns ");
	widget_resize(&s->tv->base, (Rect){ r.y + 1, r.x + 1, r.h - 1, r.w - 2 });
	widget_draw(&s->tv->base, app_session(app), g);
}

static int
help_key(Screen *base, App *app, int key)
{
	HelpScreen *s = (HelpScreen *)base;
	if (!s->tv)
		return H_NONE;
	/* a search being typed (/) keeps every key; Esc first forgets it */
	if (!s->tv->find_on && (key == 'q' || (key == TK_ESC && !s->tv->find[0])))
		return H_NONE;
	return widget_key(&s->tv->base, app, key);
}

const ScreenClass screen_help = {
	.name = "help",
	.tab = "Help",
	.key = '?',
	.help = "every key, command, parameter and screen",
	.create = help_create,
	.destroy = help_destroy,
	.draw = help_draw,
	.handle_key = help_key,
	.hints = "/\tFind",
};
