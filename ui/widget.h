/* widget.h: widgets, screens and keys (htop Object.h, Panel.h).
 *
 * A widget is a small object: a const class struct of function pointers
 * and the base struct first in every subclass.  Key handlers return flags
 * saying what the key did, not a boolean: the loop re-evaluates on
 * RECOMPUTE, redraws on REDRAW, leaves on QUIT.
 *
 * Keys are ints: bytes of typed text (< 256) and the TK_* codes below.
 * term.c turns curses keys and mouse events into these, so tests drive
 * widgets with the same codes and never need a terminal. */
#ifndef SHARDLAB_UI_WIDGET_H
#define SHARDLAB_UI_WIDGET_H

#include "grid.h"

typedef struct App App;
typedef struct Session Session;         /* session.h: what widgets draw */

/* Handler flags. */
enum {
	H_NONE = 0,
	H_HANDLED = 1,          /* the key was used */
	H_REDRAW = 2,           /* the screen changed */
	H_RECOMPUTE = 4,        /* the scenario changed: evaluate again */
	H_QUIT = 8              /* leave the TUI */
};

/* Keys beyond typed bytes. */
enum {
	TK_ESC = 27,
	TK_TAB = '\t',
	TK_ENTER = 0x1000,
	TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_HOME, TK_END, TK_PGUP, TK_PGDN,
	TK_BTAB, TK_BACKSPACE, TK_DEL,
	TK_F1, TK_F2, TK_F3, TK_F4, TK_F5, TK_F6, TK_F7, TK_F8, TK_F9, TK_F10,
	TK_RESIZE,
	/* mouse events as synthetic keys; the position is in app->mouse_y/x */
	TK_CLICK, TK_WHEEL_UP, TK_WHEEL_DOWN,
	TK_INTERRUPT            /* SIGINT / Ctrl-C */
};

#define TK_CTRL(c) ((c) & 0x1f)
/* Alt/Meta + a byte: ESC followed at once by another key. */
#define TK_META_BIT 0x20000
#define TK_META(c) (TK_META_BIT | (c))

typedef struct Widget Widget;

typedef struct WidgetClass {
	const char *name;
	/* draw: into g inside w->rect, from the session alone. */
	void (*draw)(Widget *w, const Session *ss, Grid *g);
	/* handle_key: H_* flags; H_NONE passes the key on. */
	int (*handle_key)(Widget *w, App *app, int key);
	/* resize: lay out again for r (NULL: w->rect = r). */
	void (*resize)(Widget *w, Rect r);
	/* destroy: free w (NULL: free(w)). */
	void (*destroy)(Widget *w);
} WidgetClass;

struct Widget {
	const WidgetClass *cls;
	Rect rect;
	bool focused;
};

void widget_draw(Widget *w, const Session *ss, Grid *g);
int widget_key(Widget *w, App *app, int key);
void widget_resize(Widget *w, Rect r);
void widget_destroy(Widget *w);

/* rect_contains: (y, x) inside r. */
static inline bool
rect_contains(Rect r, int y, int x)
{
	return y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* ---- screens -------------------------------------------------------- */

typedef struct Screen Screen;

typedef struct ScreenClass {
	const char *name;       /* "main"; also `:screen NAME` */
	const char *tab;        /* tab label, "Main" */
	int key;                /* the key that shows it ('m'); 0 for none */
	const char *help;       /* one line for the help screen */
	Screen *(*create)(App *app);
	void (*destroy)(Screen *s);
	/* draw: the screen's body into r (the rows between the tab bar and
	 * the status line). */
	void (*draw)(Screen *s, App *app, Grid *g, Rect r);
	int (*handle_key)(Screen *s, App *app, int key);
	/* show: it became the screen shown (may be NULL). */
	void (*show)(Screen *s, App *app);
	/* the screen's own keys for the hint bar, before the table's
	 * (keys.h): "Tab\tPanel\nEnter\tExplain"; NULL: none */
	const char *hints;
} ScreenClass;

struct Screen {
	const ScreenClass *cls;
	Rect rect;              /* last drawn body */
};

/* The screens, in tab order; NULL-terminated (screens.c).  To add one,
 * write a ScreenClass in ui/s-NAME.c and list it there. */
extern const ScreenClass *const tui_screens[];

extern const ScreenClass screen_main, screen_gpumap, screen_pipeline, screen_compare,
    screen_ranking, screen_output, screen_help;

#endif
