/* keys.h: the keys that work on every screen, one table (htop's
 * FunctionBar, tmux's key table): the key, how it is named, its word on
 * the hint bar, its help line and what it does.  frame.c dispatches
 * through it, draws the hint bar from it, and the help screen lists it;
 * none keeps its own list. */
#ifndef SHARDLAB_UI_KEYS_H
#define SHARDLAB_UI_KEYS_H

#include "app.h"

typedef struct KeyDef {
	int key, alt;           /* the key and a second one (0: none) */
	const char *name;       /* as the help shows it: "u", "F1, ?" */
	const char *bar_key;    /* as the hint bar shows it, NULL: not on the bar */
	const char *bar;        /* the hint bar's word ("Undo") */
	const char *help;       /* the help screen's line */
	int (*fn)(App *a, int key);     /* H_* flags */
} KeyDef;

/* The table, in the hint bar's order (what matters most first: the bar
 * keeps as many as fit), NULL-name terminated. */
extern const KeyDef tui_keys_table[];

/* keys_find: the row for key, or NULL. */
const KeyDef *keys_find(int key);

#endif
