/* keys.c: the keys of every screen; see keys.h. */
#include "keys.h"

#include <stdlib.h>

#include "cmdline.h"
#include "ranking.h"
#include "w-quit.h"

static int
key_command(App *a, int key)
{
	(void)key;
	cmdline_open(a, NULL);
	return H_HANDLED | H_REDRAW;
}

static int
key_help(App *a, int key)
{
	(void)key;
	app_show_screen(a, "help");     /* shows it (app_show_index) */
	return H_HANDLED | H_REDRAW;
}

static int
key_quit(App *a, int key)
{
	(void)key;
	return app_request_quit(a, false);
}

static int
key_interrupt(App *a, int key)
{
	(void)key;
	if (a->job.pid) {
		app_job_cancel(a);
		return H_HANDLED | H_REDRAW;
	}
	if (app_search_running(a)) {
		app_search_cancel(a);
		return H_HANDLED | H_REDRAW;
	}
	return app_request_quit(a, false);
}

static int
key_undo(App *a, int key)
{
	if (key == 'u')
		app_undo(a);
	else
		app_redo(a);
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

static int
key_pin(App *a, int key)
{
	(void)key;
	app_pin(a);
	return H_HANDLED | H_REDRAW;
}

static int
key_fix(App *a, int key)
{
	/* the first error's one-key fix (core/checks.c check_fix) */
	char *cause = NULL;
	(void)key;
	if (app_apply_fix(a, -1, &cause) != 0) {
		app_msg(a, ROLE_ERROR, "%s", cause);
		free(cause);
	}
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

static int
key_cycle(App *a, int key)
{
	app_show_index(a, (a->cur + (key == ']' ? 1 : a->n_screens - 1)) % a->n_screens);
	return H_HANDLED | H_REDRAW;
}

static int
key_redraw(App *a, int key)
{
	(void)a; (void)key;
	return H_HANDLED | H_REDRAW;
}

static int
key_clear(App *a, int key)
{
	(void)key;
	a->msg[0] = '\0';
	return H_HANDLED | H_REDRAW;
}

const KeyDef tui_keys_table[] = {
	{ '?', TK_F1, "?, F1", "F1", "Help", "the help screen: every key, command and parameter",
	  key_help },
	{ ':', 0, ":", ":", "Cmd", "the command line: readline editing, history, Tab completes",
	  key_command },
	{ 'f', 0, "f", "f", "Fix", "apply a check's fix (checks marked f; the first error's "
	  "elsewhere); u undoes it", key_fix },
	{ 'u', 0, "u", "u", "Undo", "undo the last change", key_undo },
	{ 'p', 0, "p", "p", "Pin", "pin the scenario as A for the compare screen", key_pin },
	{ 'q', 0, "q", "q", "Quit", "quit; unsaved changes are offered for saving", key_quit },
	{ 'U', TK_CTRL('r'), "U, Ctrl-R", NULL, NULL, "redo", key_undo },
	{ ']', '[', "] and [", NULL, NULL, "next / previous screen", key_cycle },
	{ TK_INTERRUPT, 0, "Ctrl-C", NULL, NULL, "stop a running script or search; otherwise quit",
	  key_interrupt },
	{ TK_CTRL('l'), 0, "Ctrl-L", NULL, NULL, "redraw", key_redraw },
	{ TK_ESC, 0, "Esc", NULL, NULL, "close a popup, cancel typing, stop a search (ranking), "
	  "clear the message", key_clear },
	{ 0, 0, NULL, NULL, NULL, NULL, NULL },
};

const KeyDef *
keys_find(int key)
{
	for (const KeyDef *k = tui_keys_table; k->name; k++)
		if (k->key == key || (k->alt && k->alt == key))
			return k;
	return NULL;
}
