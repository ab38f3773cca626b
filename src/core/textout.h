/* textout.h: a bounded appender for text made in caller buffers (messages,
 * explanations, reports): printf into buf[n] after what is there, cut at
 * n-1 and always terminated.  Pure: no allocation. */
#ifndef SHARDLAB_CORE_TEXTOUT_H
#define SHARDLAB_CORE_TEXTOUT_H

#include <stddef.h>

typedef struct TextOut {
	char *buf;
	size_t n;               /* capacity, bytes */
	size_t len;             /* bytes in buf, < n (what fitted) */
	size_t want;            /* bytes the text needs, as snprintf counts them, even past n */
} TextOut;

/* text_out: append printf-formatted text to o; what does not fit is cut
 * (o->want still counts it). */
void text_out(TextOut *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
