/* w-quit.c: the question before quitting with unsaved changes (save,
 * discard, keep working); see w-quit.h. */
#include "w-quit.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/xmalloc.h"

typedef struct QuitPrompt {
	Widget base;
} QuitPrompt;

static void
quit_draw(Widget *w, const Session *ss, Grid *g)
{
	char line[256];
	int width = 64 < ss->cols - 4 ? 64 : ss->cols - 4;
	Rect r = { (ss->rows - 8) / 2, (ss->cols - width) / 2, 8, width };

	w->rect = r;
	grid_box(g, ss->theme, r, ROLE_POPUP, "unsaved changes");
	snprintf(line, sizeof line, "%s has changes that are not saved.", ss->label);
	grid_put_fit(g, ss->theme, r.y + 2, r.x + 2, r.w - 4, ROLE_WARN, line);
	if (ss->file)
		snprintf(line, sizeof line, "s  save to %s and quit", ss->file);
	else
		snprintf(line, sizeof line, "s  save to a file (you name it) and quit");
	grid_put_fit(g, ss->theme, r.y + 3, r.x + 2, r.w - 4, ROLE_POPUP, line);
	grid_put(g, r.y + 4, r.x + 2, r.w - 4, ROLE_POPUP, "d  discard the changes and quit");
	grid_put(g, r.y + 5, r.x + 2, r.w - 4, ROLE_POPUP, "Esc  keep working");
}

static int
quit_key(Widget *w, App *a, int key)
{
	char *cause = NULL;
	(void)w;

	switch (key) {
	case 's': case 'S': case 'y': case 'Y':
		if (a->file) {
			if (app_save(a, NULL, &cause) != 0) {
				app_set_modal(a, NULL);
				app_msg(a, ROLE_ERROR, "%s", cause);
				free(cause);
				return H_HANDLED | H_REDRAW;
			}
			a->quit = true;
			return H_HANDLED | H_QUIT;
		}
		app_set_modal(a, NULL);
		a->quit_after_save = true;
		a->cmd_open = "save ";          /* the frame opens the command line */
		app_msg(a, ROLE_MESSAGE, "name the file (.lua or .json) and press Enter");
		return H_HANDLED | H_REDRAW;
	case 'd': case 'D': case 'n': case 'N':
		a->quit = true;
		return H_HANDLED | H_QUIT;
	case TK_ESC: case 'c': case 'q': case TK_INTERRUPT:
		app_set_modal(a, NULL);
		app_msg(a, ROLE_MESSAGE, "still here");
		return H_HANDLED | H_REDRAW;
	default:
		return H_HANDLED;
	}
}

const WidgetClass quit_class = {
	.name = "quit",
	.draw = quit_draw,
	.handle_key = quit_key,
};

int
app_request_quit(App *a, bool force)
{
	if (force || !a->modified) {
		a->quit = true;
		return H_QUIT;
	}
	QuitPrompt *q = xcalloc(1, sizeof *q);
	q->base.cls = &quit_class;
	app_set_modal(a, &q->base);
	return H_HANDLED | H_REDRAW;
}
