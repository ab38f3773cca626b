/* textout.c: the bounded appender; see textout.h. */
#include "textout.h"

#include <stdarg.h>
#include <stdio.h>

void
text_out(TextOut *o, const char *fmt, ...)
{
	va_list ap;

	if (o->n == 0 || o->len + 1 >= o->n)
		return;
	va_start(ap, fmt);
	int k = vsnprintf(o->buf + o->len, o->n - o->len, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len = o->len + (size_t)k < o->n ? o->len + (size_t)k : o->n - 1;
}
