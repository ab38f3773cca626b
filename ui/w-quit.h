/* w-quit.h: quitting: at once, or first the question what to do with
 * unsaved changes (a modal widget: s saves, d discards, Esc stays). */
#ifndef SHARDLAB_UI_W_QUIT_H
#define SHARDLAB_UI_W_QUIT_H

#include <stdbool.h>

#include "app.h"

extern const WidgetClass quit_class;

/* app_request_quit: quit (H_QUIT), or ask about unsaved changes first;
 * force quits without asking.  Returns H_* flags. */
int app_request_quit(App *a, bool force);

#endif
