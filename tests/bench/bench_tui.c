/* bench_tui.c: the workbench's frame: evaluate the scenario and render the
 * main screen into the in-memory grid, as after every keystroke (issue 4
 * target: keystroke to updated screen under 5 ms).  The copy to curses is
 * not included (it writes only the cells that changed). */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "frame.h"
#include "bench.h"
#include "catalog/catalog.h"
#include "core/params.h"

static double
frame_ms(App *a, int rows, int cols)
{
	int n = 0;
	double t0 = bench_now(), t;

	app_resize(a, rows, cols);
	do {
		for (int i = 0; i < 50; i++, n++) {
			/* a different scenario each frame, as a slider being turned */
			a->s->workload.batch = 64 + (n & 63);
			app_eval(a);
			app_render(a);
		}
		t = bench_now() - t0;
	} while (t < 1.0);
	return t / n * 1e3;
}

/* A redraw without a change (cursor moves, a timer, a resize): what the
 * screen costs when nothing is evaluated. */
static double
redraw_ms(App *a, int rows, int cols)
{
	int n = 0;
	double t0 = bench_now(), t;

	app_resize(a, rows, cols);
	app_eval(a);
	do {
		for (int i = 0; i < 50; i++, n++)
			app_render(a);
		t = bench_now() - t0;
	} while (t < 1.0);
	return t / n * 1e3;
}

BENCH(bench_tui)
{
	Catalog c;
	char *cause = NULL;

	catalog_init(&c);
	AppOptions o = { .label = "default", .no_color = true };
	App *a = app_new(&c, &o, &cause);
	if (!a) {
		fprintf(stderr, "bench_tui: %s\n", cause);
		free(cause);
		catalog_fini(&c);
		return;
	}
	bench_print("tui.frame_ms", frame_ms(a, 24, 80),
	    "ms per keystroke: evaluate + render the main screen (80x24, llama-3-70b TP 8)");
	bench_print("tui.frame_ms.200x60", frame_ms(a, 60, 200), "ms per frame at 200x60");
	app_free(a);

	/* a pipeline with many stages: more bars, more slider options probed */
	Setup st;
	setup_init(&st);
	setup_set(&st, "model", "deepseek-v3", &cause);
	setup_set(&st, "cluster", "h100x16", &cause);
	setup_set(&st, "dtype", "fp8", &cause);
	setup_set(&st, "tp", "8", &cause);
	setup_set(&st, "pp", "2", &cause);
	setup_set(&st, "ep", "8", &cause);
	o.setup = &st;
	if ((a = app_new(&c, &o, &cause))) {
		bench_print("tui.frame_ms.deepseek", frame_ms(a, 24, 80),
		    "ms per keystroke (deepseek-v3 fp8, TP 8 x PP 2, EP 8, 80x24)");
		app_free(a);
	} else {
		fprintf(stderr, "bench_tui: %s\n", cause);
		free(cause);
	}
	setup_fini(&st);

	/* errors with one-key fixes: the checks panel finds each fix by
	 * evaluating the fixed scenario on every redraw (core check_fix) */
	setup_init(&st);
	setup_set(&st, "tp", "2", &cause);
	setup_set(&st, "batch", "512", &cause);
	o.setup = &st;
	if ((a = app_new(&c, &o, &cause))) {
		int errs = 0;
		for (int i = 0; i < a->r->n_checks; i++)
			errs += a->r->checks[i].severity == SEV_ERROR;
		char what[128];
		snprintf(what, sizeof what, "ms per redraw with %d error%s and the fixes shown "
		    "(llama-3-70b TP 2, batch 512, 80x24)", errs, errs == 1 ? "" : "s");
		bench_print("tui.redraw_ms.fixes", redraw_ms(a, 24, 80), what);
		app_free(a);
	} else {
		fprintf(stderr, "bench_tui: %s\n", cause);
		free(cause);
	}
	setup_fini(&st);
	catalog_fini(&c);
}
