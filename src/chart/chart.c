/* chart.c: SVG output and the drawing helpers the kinds share; see
 * chart.h and chart-internal.h. */
#include "chart-internal.h"

#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

/* ---- marks ------------------------------------------------------------------ */

void
chart_mark(ChartCanvas *cv, const char *cls, double x, double y, double w, double h,
    const char *fmt, ...)
{
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (cv->n_marks == cv->cap) {
		cv->cap = cv->cap ? cv->cap * 2 : 64;
		cv->marks = xrealloc(cv->marks, (size_t)cv->cap * sizeof *cv->marks);
	}
	cv->marks[cv->n_marks++] = (ChartMark){ cls, x, y, w, h, xstrdup(buf) };
}

/* ---- drawing helpers ------------------------------------------------------- */

void
chart_set_rgb(cairo_t *cr, ChartRgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void
set_font(cairo_t *cr, double size_pt, bool bold)
{
	cairo_select_font_face(cr, CHART_FONT_FAMILY, CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size_pt);
}

double
chart_text_width(ChartCanvas *cv, double size_pt, bool bold, const char *text)
{
	cairo_text_extents_t e;

	set_font(cv->cr, size_pt, bold);
	cairo_text_extents(cv->cr, text, &e);
	return e.x_advance;
}

double
chart_text(ChartCanvas *cv, double x, double y, ChartAlign align, double size_pt, bool bold,
    ChartRgb ink, const char *text)
{
	double w = chart_text_width(cv, size_pt, bold, text);
	double x0 = align == CHART_LEFT ? x : align == CHART_CENTRE ? x - w / 2 : x - w;

	if (!*text)
		return 0;
	chart_set_rgb(cv->cr, ink);
	cairo_move_to(cv->cr, x0, y);
	cairo_show_text(cv->cr, text);
	cairo_new_path(cv->cr);
	chart_mark(cv, "label", x0, y - CHART_ASCENT * size_pt, w, size_pt, "%s", text);
	return w;
}

/* Hatch lines over the clip (the rectangle x, y, w, h). */
static void
hatch(cairo_t *cr, ChartHatch kind, double x, double y, double w, double h)
{
	const double s = CHART_HATCH_STEP_PT;

	switch (kind) {
	case CHART_HATCH_NONE:
		return;
	case CHART_HATCH_DIAG: case CHART_HATCH_BACKDIAG: case CHART_HATCH_CROSS:
		for (double k = -h; k < w + h; k += s) {
			if (kind != CHART_HATCH_BACKDIAG) {
				cairo_move_to(cr, x + k, y + h);
				cairo_line_to(cr, x + k + h, y);
			}
			if (kind != CHART_HATCH_DIAG) {
				cairo_move_to(cr, x + k, y);
				cairo_line_to(cr, x + k + h, y + h);
			}
		}
		break;
	case CHART_HATCH_HORIZ:
		for (double k = s / 2; k < h; k += s) {
			cairo_move_to(cr, x, y + k);
			cairo_line_to(cr, x + w, y + k);
		}
		break;
	case CHART_HATCH_VERT:
		for (double k = s / 2; k < w; k += s) {
			cairo_move_to(cr, x + k, y);
			cairo_line_to(cr, x + k, y + h);
		}
		break;
	case CHART_HATCH_DOTS:
		for (double j = s / 2; j < h; j += s)
			for (double k = s / 2; k < w; k += s) {
				cairo_new_sub_path(cr);
				cairo_arc(cr, x + k, y + j, CHART_DOT_R_PT, 0, 2 * M_PI);
			}
		cairo_fill(cr);
		return;
	}
	cairo_stroke(cr);
}

void
chart_fill(ChartCanvas *cv, const ChartStyle *st, double x, double y, double w, double h)
{
	cairo_t *cr = cv->cr;

	if (w <= 0 || h <= 0)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	chart_set_rgb(cr, st->fill);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	chart_set_rgb(cr, st->ink);
	cairo_set_line_width(cr, CHART_LINE_PT);
	hatch(cr, st->hatch, x, y, w, h);
	cairo_restore(cr);
	cairo_rectangle(cr, x, y, w, h);
	chart_set_rgb(cr, st->ink);
	cairo_set_line_width(cr, CHART_LINE_PT);
	cairo_stroke(cr);
}

void
chart_page(ChartCanvas *cv, const Chart *c)
{
	chart_set_rgb(cv->cr, CHART_PAPER);
	cairo_paint(cv->cr);
	chart_text(cv, CHART_MARGIN_PT, CHART_MARGIN_PT + CHART_FONT_TITLE_PT * 0.5, CHART_LEFT,
	    CHART_FONT_TITLE_PT, true, CHART_INK, c->title);
	chart_text(cv, CHART_MARGIN_PT, CHART_MARGIN_PT + CHART_FONT_TITLE_PT * 0.5 + CHART_DESC_GAP_PT, CHART_LEFT,
	    CHART_FONT_LABEL_PT, false, CHART_GREY, c->desc);
}

double
chart_legend_item(ChartCanvas *cv, double x, double y, const ChartStyle *st, const char *name)
{
	const double sw = CHART_SWATCH_W_PT, sh = CHART_SWATCH_H_PT;

	chart_fill(cv, st, x, y - sh + 1, sw, sh);
	return sw + CHART_GAP_PT + chart_text(cv, x + sw + CHART_GAP_PT, y, CHART_LEFT, CHART_FONT_LABEL_PT,
	    false, CHART_INK, name) + CHART_LEGEND_GAP_PT;
}

double
chart_nice_step(double lo, double hi, int want, double *first)
{
	double span = hi - lo;

	if (!(span > 0))
		span = fabs(hi) > 0 ? fabs(hi) : 1;
	double raw = span / (want > 0 ? want : 1);
	double mag = pow(10, floor(log10(raw)));
	double f = raw / mag, step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
	*first = ceil(lo / step - 1e-9) * step;
	return step;
}

/* ---- SVG output ------------------------------------------------------------ */

typedef struct Buf {
	char *p;
	size_t len, cap;
} Buf;

static void
buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
buf_str(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* s with &, <, > and " as XML entities */
static void
buf_xml(Buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_str(b, "&amp;"); break;
		case '<': buf_str(b, "&lt;"); break;
		case '>': buf_str(b, "&gt;"); break;
		case '"': buf_str(b, "&quot;"); break;
		default: buf_add(b, s, 1); break;
		}
	}
}

static cairo_status_t
stream_write(void *closure, const unsigned char *data, unsigned int length)
{
	buf_add(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's and fontconfig's caches, freed at exit so that LeakSanitizer
 * sees no leak (cairo_debug_reset_static_data, FcFini: both documented
 * for that); the process draws no chart after. */
static void
chart_atexit(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

int
chart_svg(const Chart *c, char **svg, size_t *len, char **cause)
{
	static bool registered;
	Buf raw = { 0 }, out = { 0 };
	ChartCanvas cv = { 0 };
	int rc = -1;

	if (!registered) {
		registered = true;
		atexit(chart_atexit);
	}
	c->klass->size(c, &cv.w, &cv.h);
	cairo_surface_t *surf = cairo_svg_surface_create_for_stream(stream_write, &raw, cv.w, cv.h);
	cv.cr = cairo_create(surf);
	c->klass->draw(c, &cv);
	cairo_status_t st = cairo_status(cv.cr);
	cairo_destroy(cv.cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	if (st != CAIRO_STATUS_SUCCESS) {
		*cause = xasprintf("%s chart: cairo: %s", c->klass->name, cairo_status_to_string(st));
		goto out;
	}
	/* the title and description after <svg ...>, the marks before </svg> */
	char *open = raw.p ? strstr(raw.p, "<svg") : NULL;
	char *open_end = open ? strchr(open, '>') : NULL;
	char *close = NULL;
	for (char *p = open_end; p && (p = strstr(p, "</svg>")); p++)
		close = p;
	if (!open_end || !close) {
		*cause = xasprintf("%s chart: cairo wrote no <svg> document", c->klass->name);
		goto out;
	}
	buf_add(&out, raw.p, (size_t)(open_end + 1 - raw.p));
	buf_str(&out, "\n<title>");
	buf_xml(&out, c->title);
	buf_str(&out, "</title>\n<desc>");
	buf_xml(&out, c->desc);
	buf_str(&out, "</desc>");
	buf_add(&out, open_end + 1, (size_t)(close - (open_end + 1)));
	char line[256];
	snprintf(line, sizeof line, "<g id=\"shardlab-marks\" class=\"%s\" fill=\"none\" stroke=\"none\" "
	    "pointer-events=\"all\">\n", c->klass->name);
	buf_str(&out, line);
	for (int i = 0; i < cv.n_marks; i++) {
		const ChartMark *m = &cv.marks[i];
		snprintf(line, sizeof line, "<rect class=\"%s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
		    "height=\"%.2f\"><title>", m->cls, m->x, m->y, m->w > 0 ? m->w : 0.01,
		    m->h > 0 ? m->h : 0.01);
		buf_str(&out, line);
		buf_xml(&out, m->title);
		buf_str(&out, "</title></rect>\n");
	}
	buf_str(&out, "</g>\n");
	buf_str(&out, close);
	*svg = out.p;
	*len = out.len;
	out.p = NULL;
	rc = 0;
out:
	for (int i = 0; i < cv.n_marks; i++)
		free(cv.marks[i].title);
	free(cv.marks);
	free(raw.p);
	free(out.p);
	return rc;
}

int
chart_write(const Chart *c, const char *path, char **cause)
{
	char *svg = NULL;
	size_t len = 0;

	if (chart_svg(c, &svg, &len, cause) != 0)
		return -1;
	int rc = write_file_atomic(path, svg, len, cause);
	free(svg);
	return rc;
}

char *
chart_path_beside(const char *md_path, const char *kind)
{
	size_t n = strlen(md_path);
	const char *slash = strrchr(md_path, '/');
	const char *base = slash ? slash + 1 : md_path;
	const char *dot = strrchr(base, '.');

	/* "report.md" -> "report"; a name without an extension (".report"
	 * included) is kept whole */
	if (dot && dot > base)
		n = (size_t)(dot - md_path);
	return xasprintf("%.*s-%s.svg", (int)n, md_path, kind);
}
