/* theme.c: colour roles and glyphs; see theme.h. */
#include "theme.h"

#include <stdlib.h>
#include <string.h>

enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE, DEF = -1 };

/* The 8-colour palette (every colour terminal has these) and the
 * attributes that carry the same meaning in monochrome.  Memory components
 * are solid background blocks in colour, letters in reverse video in
 * monochrome, so a bar reads from across a room either way. */
static const RoleStyle roles[ROLE_COUNT] = {
	[ROLE_DEFAULT] = { DEF, DEF, 0, 0 },
	[ROLE_DIM] = { CYAN, DEF, 0, TA_DIM },
	[ROLE_TITLE] = { YELLOW, DEF, TA_BOLD, TA_BOLD | TA_UNDERLINE },
	[ROLE_TAB] = { BLACK, CYAN, 0, TA_REVERSE },
	[ROLE_TAB_ACTIVE] = { WHITE, BLUE, TA_BOLD, TA_BOLD },
	[ROLE_LABEL] = { DEF, DEF, 0, 0 },
	[ROLE_VALUE] = { DEF, DEF, TA_BOLD, TA_BOLD },
	[ROLE_FOCUS] = { BLACK, CYAN, 0, TA_REVERSE },
	[ROLE_SELECT] = { DEF, DEF, TA_UNDERLINE, TA_UNDERLINE },
	[ROLE_EDIT] = { BLACK, YELLOW, TA_BOLD, TA_REVERSE | TA_BOLD },
	[ROLE_TRACK] = { BLUE, DEF, 0, 0 },
	[ROLE_KNOB] = { YELLOW, DEF, TA_BOLD, TA_BOLD | TA_REVERSE },
	[ROLE_WEIGHTS] = { BLACK, BLUE, 0, TA_REVERSE },
	[ROLE_KV] = { BLACK, GREEN, 0, TA_REVERSE },
	[ROLE_KV_POOL] = { GREEN, DEF, TA_BOLD, 0 },
	[ROLE_ACT] = { BLACK, YELLOW, 0, TA_REVERSE },
	[ROLE_RESERVE] = { BLACK, MAGENTA, 0, TA_REVERSE },
	[ROLE_FREE] = { DEF, DEF, TA_DIM, 0 },
	[ROLE_BUDGET] = { YELLOW, DEF, TA_BOLD, TA_BOLD },
	[ROLE_OVER] = { WHITE, RED, TA_BOLD, TA_BOLD | TA_REVERSE },
	[ROLE_OK] = { GREEN, DEF, TA_BOLD, 0 },
	[ROLE_WARN] = { YELLOW, DEF, TA_BOLD, TA_BOLD },
	[ROLE_ERROR] = { RED, DEF, TA_BOLD, TA_BOLD | TA_REVERSE },
	[ROLE_INFO] = { CYAN, DEF, 0, 0 },
	[ROLE_STATUS] = { BLACK, WHITE, 0, TA_REVERSE },
	[ROLE_MESSAGE] = { DEF, DEF, 0, 0 },
	[ROLE_POPUP] = { DEF, DEF, 0, 0 },
	[ROLE_POPUP_TITLE] = { WHITE, BLUE, TA_BOLD, TA_REVERSE | TA_BOLD },
	[ROLE_CROSS] = { WHITE, RED, TA_BOLD, TA_BOLD | TA_UNDERLINE },
	[ROLE_STAGE0] = { BLACK, BLUE, 0, 0 },
	[ROLE_STAGE1] = { BLACK, GREEN, 0, TA_REVERSE },
	[ROLE_STAGE2] = { BLACK, MAGENTA, 0, 0 },
	[ROLE_STAGE3] = { BLACK, CYAN, 0, TA_REVERSE },
	[ROLE_STAGE4] = { BLACK, YELLOW, 0, 0 },
	[ROLE_STAGE5] = { BLACK, WHITE, 0, TA_REVERSE },
	[ROLE_BUBBLE] = { RED, DEF, 0, TA_DIM },
	[ROLE_BETTER] = { GREEN, DEF, TA_BOLD, 0 },
	[ROLE_WORSE] = { RED, DEF, TA_BOLD, TA_BOLD },
};

static const Glyphs ascii = {
	.hline = "-", .vline = "|", .tl = "+", .tr = "+", .bl = "+", .br = "+",
	.ellipsis = "~", .arrow = "->", .le = "<=", .ge = ">=", .better = "^", .worse = "v",
	.knob = "O", .track = "-", .more_up = "^", .more_down = "v",
	.bar_used = { 'W', 'K', 'k', 'A', 'R' }, .bar_free = '.', .bar_budget = '|', .bar_over = '!',
};

static const Glyphs unicode = {
	.hline = "\u2500", .vline = "\u2502", .tl = "\u250c", .tr = "\u2510", .bl = "\u2514",
	.br = "\u2518", .ellipsis = "\u2026", .arrow = "\u2192", .le = "\u2264", .ge = "\u2265",
	.better = "\u25b2", .worse = "\u25bc",
	.knob = "\u25cf", .track = "\u2500", .more_up = "\u25b2", .more_down = "\u25bc",
	.bar_used = { 'W', 'K', 'k', 'A', 'R' }, .bar_free = '.', .bar_budget = '|', .bar_over = '!',
};

void
theme_init(Theme *t, ThemeMode mode, bool uni)
{
	memset(t, 0, sizeof *t);
	t->mode = mode;
	t->unicode = uni;
	t->g = uni ? unicode : ascii;
	memcpy(t->role, roles, sizeof roles);
}

ThemeMode
theme_mode_from_env(bool no_color)
{
	const char *nc = getenv("NO_COLOR");
	return no_color || (nc && *nc) ? THEME_MONO : THEME_COLOR;
}

Role
theme_stage_role(int i)
{
	return (Role)(ROLE_STAGE0 + (i % STAGE_ROLES + STAGE_ROLES) % STAGE_ROLES);
}
