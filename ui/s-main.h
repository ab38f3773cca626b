/* s-main.h: the main screen's panels (s-main.c lays them out; p-scenario.c,
 * p-memory.c, p-figures.c, p-serving.c and p-checks.c draw them), private to
 * those files. */
#ifndef SHARDLAB_UI_S_MAIN_H
#define SHARDLAB_UI_S_MAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "w-slider.h"
#include "w-text.h"


enum { P_SCENARIO, P_STRATEGY, P_MEMORY, P_FIGURES, P_CHECKS, P_COUNT };

#define N_FIELDS 15
#define N_SLIDERS 10
#define N_FIG_ROWS 10    /* rows of two figures */
#define LABEL_W 19      /* "stage 12 L60-79" before a memory bar */

/* A panel: a titled block of selectable rows. */
typedef struct Panel {
	Widget base;
	const char *title;
	struct MainScreen *ms;
	int sel, top;           /* selected item, first item shown */
	int n;                  /* items (set while drawing) */
	int rows;               /* item rows shown */
} Panel;

typedef struct ScenarioPanel {
	Panel p;
	Field *fields[N_FIELDS];
	bool compact;           /* SLO p50 and p99 share a row (set while drawing) */
} ScenarioPanel;

typedef struct StrategyPanel {
	Panel p;
	Slider *sliders[N_SLIDERS];
} StrategyPanel;

/* Consecutive stages with the same memory, drawn as one bar. */
typedef struct StageGroup {
	int first, last;
} StageGroup;

typedef struct MemoryPanel {
	Panel p;
	StageGroup groups[MAX_STAGES];
	int bar_h;              /* rows per bar: 2 on tall terminals */
	int cols, col_rows;     /* bars in columns when stages outnumber rows */
} MemoryPanel;

#define MEM_COL_MIN_W 26        /* "st 12-15 [bar....] 33.7 GB" */

typedef struct FigurePos {
	int y, x, w;
} FigurePos;

typedef struct FiguresPanel {
	Panel p;
	FigurePos pos[2 * N_FIG_ROWS];
} FiguresPanel;

/* One row of the checks panel: a built-in check, a Lua check or a Lua
 * load error. */
typedef struct CheckRow {
	Severity sev;
	int builtin;            /* index into r->checks, or -1 */
	int extra;              /* index into app->extra, or -1 */
} CheckRow;

typedef struct ChecksPanel {
	Panel p;
	CheckRow rows[MAX_CHECKS + 64];
} ChecksPanel;

typedef struct MainScreen {
	Screen base;
	Panel *panels[P_COUNT];
	int focus;
	/* tall terminals: the selected item explained, without Enter */
	TextView *detail;
	char detail_text[8192];
	TextView *aside;        /* wide terminals: serving and memory beside the details */
	char aside_text[16384];
} MainScreen;


/* The figures' verdicts against their SLOs. */
enum { VERDICT_NONE, VERDICT_OK, VERDICT_FAIL };

/* ---- shared panel behaviour (s-main.c) ---- */

/* panel_title: the title, and extra dimmed beside it. */
void panel_title(Panel *p, const Session *ss, Grid *g, const char *extra);
/* panel_clamp: keep sel in [0, n) and in view. */
void panel_clamp(Panel *p);
/* panel_scroll_marks: the more-above/more-below marks. */
void panel_scroll_marks(Panel *p, const Session *ss, Grid *g);
/* panel_focused: p is the panel with the focus. */
bool panel_focused(const Panel *p);
/* move_focus: focus panel to, its first item (dir > 0) or last (dir < 0). */
int move_focus(MainScreen *ms, int to, int dir);
/* The panel above and below each panel. */
extern const int panel_up[P_COUNT];
extern const int panel_down[P_COUNT];
/* panel_move: up/down by d, on past the ends into the next panel; H_* flags. */
int panel_move(Panel *p, int d);
/* panel_hit: the item row under a click, or -1. */
int panel_hit(const Panel *p, const App *app);

/* ---- the panels ---- */

extern const WidgetClass scenario_class, strategy_class, memory_class, figures_class,
    checks_class;

/* memory_rows_wanted: rows the memory panel wants (p-memory.c). */
int memory_rows_wanted(const Session *ss);
/* stage_text: the memory figures of one stage explained, into text[cap]. */
void stage_text(App *app, int stage, char *text, size_t cap);
/* figure_explain: the explanation of figure slot i into buf[n] (p-figures.c). */
void figure_explain(App *app, int i, char *buf, size_t n);
/* serving_latency: TTFT (ttft) or TPOT at the target rate against its SLOs:
 * label, value into val[vn], the SLO into slo[sn]; a VERDICT_* (p-serving.c). */
int serving_latency(const Session *ss, bool ttft, const char **label, char *val, size_t vn, char *slo,
    size_t sn);
/* serving_summary: the serving line of the figures panel's title. */
void serving_summary(const Session *ss, char *buf, size_t n);
/* serving_text: serving at the target rate explained (Enter on its figures). */
void serving_text(const Session *ss, char *buf, size_t n);
/* collect_checks: the rows of the checks panel, errors first (p-checks.c). */
int collect_checks(const Session *ss, CheckRow *rows);
/* check_row_text: a row's id and message into msg[n]. */
void check_row_text(const Session *ss, const CheckRow *cr, const char **id, char *msg, size_t n);
/* checks_panel_layout: the rows the checks take wrapped in w columns; the id
 * column's width into *id_w_out (may be NULL). */
int checks_panel_layout(const Session *ss, const CheckRow *rows, int n, int w, int *id_w_out);

#endif
