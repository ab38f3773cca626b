/* s-output.c: what `:run SCRIPT.lua` prints, as it arrives; errors (lines
 * "shardlab: file:line: ...") stand out.  The script runs in a child
 * process (job.c), so this screen scrolls while it runs. */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "util/xmalloc.h"
#include "w-text.h"

typedef struct OutputScreen {
	Screen base;
	TextView *tv;
	unsigned gen;           /* the output the view was set up for */
} OutputScreen;

static Screen *
output_create(App *app)
{
	OutputScreen *s = xcalloc(1, sizeof *s);
	(void)app;
	s->base.cls = &screen_output;
	s->tv = textview_new("", "", TV_ERRORS | TV_FOLLOW, false);
	return &s->base;
}

static void
output_destroy(Screen *base)
{
	OutputScreen *s = (OutputScreen *)base;
	widget_destroy(&s->tv->base);
	free(s);
}

static void
output_draw(Screen *base, App *app, Grid *g, Rect r)
{
	OutputScreen *s = (OutputScreen *)base;
	char title[300];

	if (!app->out_title[0]) {
		grid_put(g, r.y, r.x, r.w, ROLE_TITLE, " Output ");
		grid_put_fit(g, &app->theme, r.y + 2, r.x + 1, r.w - 2, ROLE_DEFAULT,
		    "No script has run yet.  :run SCRIPT.lua [ARGS] runs a what-if script (lua/ holds "
		    "examples); what it prints appears here as it runs, and Ctrl-C stops it.  :audit "
		    "PLAN shows a plan's audit here.");
		return;
	}
	snprintf(title, sizeof title, " %s ", app->out_title);
	grid_put_fit(g, &app->theme, r.y, r.x, r.w, app->job.pid ? ROLE_WARN : app->out_status ?
	    ROLE_ERROR : ROLE_TITLE, title);
	if (s->gen != app->out_gen) {
		/* new output: a script's end stays in view, a report (:audit)
		 * starts at its top, its long lines wrapped */
		s->gen = app->out_gen;
		s->tv->top = 0;
		if (app->out_from_top)
			s->tv->flags = (s->tv->flags & ~TV_FOLLOW) | TV_WRAP;
		else
			s->tv->flags = (s->tv->flags | TV_FOLLOW) & ~TV_WRAP;
	}
	textview_borrow(s->tv, app->out, app->out_len);
	widget_resize(&s->tv->base, (Rect){ r.y + 1, r.x + 1, r.h - 1, r.w - 2 });
	widget_draw(&s->tv->base, app_session(app), g);
	if (app->out_len == 0)
		grid_put(g, r.y + 1, r.x + 1, r.w - 2, ROLE_DIM, app->job.pid ? "(running, no output yet)" :
		    "(no output)");
}

static int
output_key(Screen *base, App *app, int key)
{
	OutputScreen *s = (OutputScreen *)base;
	/* a search being typed (/) keeps every key */
	if (!s->tv->find_on && (key == 'q' || key == TK_ENTER || (key == TK_ESC && !s->tv->find[0])))
		return H_NONE;
	if (key == 'L' && app->n_plan_keys > 0 && app->out_from_top) {
		char *cause = NULL;
		if (app_load_plan(app, &cause) != 0) {
			app_msg(app, ROLE_ERROR, "%s", cause);
			free(cause);
			return H_REDRAW;
		}
		app_show_screen(app, "main");
		/* the file name, not the path: the message must fit an 80-column line */
		app_msg(app, ROLE_OK, "loaded the scenario of %s (u undoes)", path_file(app->plan_path));
		return H_REDRAW;
	}
	return widget_key(&s->tv->base, app, key);
}

const ScreenClass screen_output = {
	.name = "output",
	.tab = "Output",
	.key = 'o',
	.help = "what :run SCRIPT.lua prints, as it runs; :audit PLAN's report (L loads the plan's scenario)",
	.create = output_create,
	.destroy = output_destroy,
	.draw = output_draw,
	.handle_key = output_key,
	.hints = "/\tFind",
};
