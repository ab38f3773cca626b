/* textout.c: the bounded appender; see textout.h. */
#include "textout.h"

#include <stdarg.h>
#include <stdio.h>

void
text_out(TextOut *o, const char *fmt, ...)
{
	va_list ap;
	char *dst = NULL;
	size_t room = 0;

	if (o->buf && o->n > 0 && o->len + 1 < o->n) {
		dst = o->buf + o->len;
		room = o->n - o->len;
	}
	va_start(ap, fmt);
	int k = vsnprintf(dst, room, fmt, ap);
	va_end(ap);
	if (k <= 0)
		return;
	o->want += (size_t)k;
	if (dst)
		o->len = o->len + (size_t)k < o->n ? o->len + (size_t)k : o->n - 1;
}
