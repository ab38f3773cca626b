/* w-text.h: a scrollable block of text: explanations and check details
 * (as a popup), the help and output screens (embedded). */
#ifndef SHARDLAB_UI_W_TEXT_H
#define SHARDLAB_UI_W_TEXT_H

#include <stddef.h>

#include "widget.h"

enum {
	TV_WRAP = 1,            /* wrap long lines at words (else cut) */
	TV_HEADINGS = 2,        /* unindented lines ending in ':' are titles */
	TV_ERRORS = 4,          /* lines starting "shardlab: " are errors */
	TV_FOLLOW = 8           /* keep the end in view as text grows */
};

typedef struct TextLine {
	size_t off, len;        /* bytes into the text */
	int indent;             /* columns of indent for a wrapped continuation */
} TextLine;

typedef struct TextView {
	Widget base;
	char *title;
	char *owned;            /* text we own, or NULL */
	const char *text;       /* what is shown (owned or borrowed) */
	size_t text_len;
	int flags;
	int top;                /* first line shown */
	bool popup;             /* framed, centred, closes on Esc/q/Enter */
	/* wrapped lines for (text, text_len, width) */
	TextLine *lines;
	int n_lines, cap_lines;
	const char *lines_text;
	size_t lines_len;
	int lines_width;
	/* `/` search, as less: the query being typed, the last one (n, N) */
	bool find_on;
	char find[64];
	int find_line;          /* the line of the last match, -1: none */
} TextView;

/* textview_find: the first line at or after `from` (dir +1) or at or
 * before it (dir -1) containing `query`, case-insensitively, wrapping
 * around; -1 when no line does.  Lines as laid out at the last draw. */
int textview_find(TextView *tv, const char *query, int from, int dir);

/* textview_new: a text view; text copied. */
TextView *textview_new(const char *title, const char *text, int flags, bool popup);

/* textview_borrow: show text[len] owned by someone else (the output
 * buffer); call again when it changes. */
void textview_borrow(TextView *tv, const char *text, size_t len);

/* textview_popup_rect: where a popup of this text goes on a rows x cols
 * screen. */
Rect textview_popup_rect(TextView *tv, int rows, int cols);

extern const WidgetClass textview_class;

/* app_show_text: a scrollable text popup (explanations, check details)
 * as the modal widget. */
void app_show_text(App *a, const char *title, const char *text);

#endif
