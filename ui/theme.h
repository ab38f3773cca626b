/* theme.h: colour roles and glyphs (htop CRT.c, nnn initcurses).  Screens
 * draw in roles, never in colours; the theme maps each role to a colour
 * pair and attributes, or in monochrome to attributes and glyphs alone, so
 * that every state also reads without colour (words, glyphs, reverse
 * video).  No curses here: term.c turns a theme into curses pairs. */
#ifndef SHARDLAB_UI_THEME_H
#define SHARDLAB_UI_THEME_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
	ROLE_DEFAULT,
	ROLE_DIM,               /* secondary text, units, hints */
	ROLE_TITLE,             /* panel titles */
	ROLE_TAB,               /* tab bar */
	ROLE_TAB_ACTIVE,
	ROLE_LABEL,             /* field names */
	ROLE_VALUE,             /* field values */
	ROLE_FOCUS,             /* the selected row of the focused panel */
	ROLE_SELECT,            /* the selected row of another panel */
	ROLE_EDIT,              /* a number being typed */
	ROLE_TRACK,             /* slider track */
	ROLE_KNOB,              /* slider knob / current value */
	ROLE_WEIGHTS,           /* memory bar components */
	ROLE_KV,
	ROLE_KV_POOL,           /* KV pool the runtime preallocates beyond the need */
	ROLE_ACT,
	ROLE_RESERVE,
	ROLE_FREE,
	ROLE_BUDGET,            /* the runtime's memory-fraction line */
	ROLE_OVER,              /* beyond capacity */
	ROLE_OK,
	ROLE_WARN,
	ROLE_ERROR,
	ROLE_INFO,
	ROLE_STATUS,            /* status line */
	ROLE_MESSAGE,           /* message line */
	ROLE_POPUP,
	ROLE_POPUP_TITLE,
	ROLE_CROSS,             /* a TP/EP group that crosses nodes */
	ROLE_STAGE0,            /* pipeline stages, cycling */
	ROLE_STAGE1,
	ROLE_STAGE2,
	ROLE_STAGE3,
	ROLE_STAGE4,
	ROLE_STAGE5,
	ROLE_BUBBLE,            /* idle pipeline time */
	ROLE_BETTER,            /* a delta for the better */
	ROLE_WORSE,
	ROLE_COUNT
} Role;

#define STAGE_ROLES 6

typedef enum {
	THEME_COLOR,            /* 8 or more colours */
	THEME_MONO              /* NO_COLOR, --no-color, or no colours */
} ThemeMode;

/* Attribute bits (term.c maps them to A_BOLD, ...). */
enum { TA_BOLD = 1, TA_REVERSE = 2, TA_UNDERLINE = 4, TA_DIM = 8 };

typedef struct RoleStyle {
	int8_t fg, bg;          /* 0..7 curses colours, -1 the terminal's default */
	uint8_t attr;           /* TA_* in colour */
	uint8_t mono;           /* TA_* in monochrome */
} RoleStyle;

typedef struct Glyphs {
	const char *hline, *vline;                      /* rules */
	const char *tl, *tr, *bl, *br;                  /* box corners */
	const char *ellipsis;
	const char *arrow;                              /* "->" */
	const char *le, *ge;                            /* "<=", ">=" */
	const char *better, *worse;                     /* compare's marks, monochrome too */
	const char *knob, *track;                       /* slider */
	const char *more_up, *more_down;                /* list scrolled */
	uint32_t bar_used[5];                           /* W K k A R in each mode */
	uint32_t bar_free, bar_budget, bar_over;
} Glyphs;

typedef struct Theme {
	ThemeMode mode;
	bool unicode;           /* box drawing and symbols; else ASCII */
	Glyphs g;
	RoleStyle role[ROLE_COUNT];
} Theme;

/* theme_init: the theme for mode; unicode selects the glyph set. */
void theme_init(Theme *t, ThemeMode mode, bool unicode);

/* theme_mode_from_env: THEME_MONO when no_color is set or the NO_COLOR
 * environment variable is non-empty (no-color.org), else THEME_COLOR. */
ThemeMode theme_mode_from_env(bool no_color);

/* theme_stage_role: the role for pipeline stage i. */
Role theme_stage_role(int i);

#endif
