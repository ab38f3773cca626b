/* widget.c: the widget calls every widget class answers; see widget.h.
 * Moved out of frame.c so that widget.h is implemented below the App. */
#include "widget.h"

#include <stdlib.h>

void
widget_draw(Widget *w, const Session *ss, Grid *g)
{
	if (w && w->cls->draw)
		w->cls->draw(w, ss, g);
}

int
widget_key(Widget *w, App *app, int key)
{
	return w && w->cls->handle_key ? w->cls->handle_key(w, app, key) : H_NONE;
}

void
widget_resize(Widget *w, Rect r)
{
	if (!w)
		return;
	if (w->cls->resize)
		w->cls->resize(w, r);
	else
		w->rect = r;
}

void
widget_destroy(Widget *w)
{
	if (!w)
		return;
	if (w->cls->destroy)
		w->cls->destroy(w);
	else
		free(w);
}
