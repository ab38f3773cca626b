/* tui_helpers.h: drive the workbench in tests: build an App on the
 * default scenario (with key=value changes), send keys, read the screen
 * as text, compare it with tests/tui/expected/NAME.txt. */
#ifndef SHARDLAB_TEST_TUI_HELPERS_H
#define SHARDLAB_TEST_TUI_HELPERS_H

#include <string.h>

#include "app.h"
#include "commands.h"
#include "frame.h"

/* tui_app: the default scenario plus "key=value" changes (NULL
 * terminated), monochrome, ASCII glyphs, rows x cols. */
App *tui_app(int rows, int cols, ...) __attribute__((sentinel));

/* tui_screen: render and return the screen text (static buffer, valid
 * until the next call). */
const char *tui_screen(App *a);

/* tui_row: one row of the last rendered screen. */
const char *tui_row(App *a, int y);

/* tui_expect_screen: compare the screen with tests/tui/expected/NAME.txt;
 * with SHARDLAB_UPDATE_EXPECTED=1 in the environment, write it instead.
 * Returns true when they match; prints a diff line otherwise. */
bool tui_expect_screen(App *a, const char *name, const char *file, int line);

/* tui_keys: send keys, rendering after each: '@' is Enter, '^' Esc, '>'
 * Tab, anything else itself. */
void tui_keys(App *a, const char *k);

#define EXPECT_SCREEN_HAS(app, needle) do { \
	const char *scr_ = tui_screen(app); \
	if (!strstr(scr_, needle)) \
		test_fail(__FILE__, __LINE__, "screen lacks \"%s\":\n%s", needle, scr_); \
} while (0)

#define EXPECT_SCREEN_LACKS(app, needle) do { \
	const char *scr_ = tui_screen(app); \
	if (strstr(scr_, needle)) \
		test_fail(__FILE__, __LINE__, "screen has \"%s\":\n%s", needle, scr_); \
} while (0)

#define EXPECT_SCREEN(app, name) do { \
	if (!tui_expect_screen((app), (name), __FILE__, __LINE__)) \
		test_fail(__FILE__, __LINE__, "screen %s differs from tests/tui/expected/%s.txt " \
		    "(SHARDLAB_UPDATE_EXPECTED=1 rewrites it after a deliberate change)", name, name); \
} while (0)

#endif
