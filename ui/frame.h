/* frame.h: what surrounds every screen (tab bar, status line, message or
 * command line, a modal popup, "terminal too small") and where keys go
 * first (frame.c).  Keys go in through app_key, the screen comes out of
 * app_render into app->grid. */
#ifndef SHARDLAB_UI_FRAME_H
#define SHARDLAB_UI_FRAME_H

#include <stdbool.h>

#include "app.h"

/* app_resize: lay out for a rows x cols terminal. */
void app_resize(App *a, int rows, int cols);

/* app_key: one key; returns H_* flags (H_QUIT: leave). */
int app_key(App *a, int key);

/* app_keys: each byte of s as a key (tests). */
int app_keys(App *a, const char *s);

/* app_render: draw everything into a->grid. */
void app_render(App *a);

/* app_screen_text: render, then the screen as text (allocated; tests). */
char *app_screen_text(App *a);

#endif
