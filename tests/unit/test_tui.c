/* test_tui.c: the workbench on the in-memory grid: keys in, screen text
 * out, compared with the screens in tests/tui/expected/ (rewrite them with
 * SHARDLAB_UPDATE_EXPECTED=1 after a deliberate change, and read the diff).
 * Also the widgets alone: bars, sliders' valid values, the command line
 * with readline, completion, undo, files, popups, mouse.
 *
 * TUI_DUMP="keys" prints the screen after the keys (@ Enter, ^ Esc, >
 * Tab; TUI_SIZE=100x30): a debugging aid, not a test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdline.h"
#include "core/params.h"
#include "core/units.h"
#include "delta.h"
#include "test.h"
#include "helpers.h"
#include "tui_helpers.h"
#include "util/xmalloc.h"
#include "w-bar.h"
#include "w-list.h"

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/shardlab-tui-%ld-%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	    (long)getpid(), name);
}

TEST(tui_dump)
{
	const char *d = getenv("TUI_DUMP");
	if (!d)
		return;
	const char *size = getenv("TUI_SIZE");
	int rows = 24, cols = 80;
	if (size)
		sscanf(size, "%dx%d", &cols, &rows);
	App *a = tui_app(rows, cols, NULL);
	tui_keys(a, d);
	printf("%s", tui_screen(a));
	app_free(a);
}

/* ---- widgets ---------------------------------------------------------- */

static const char *
bar_text_of(int w, double wt, double kv, double act, double res, double cap, double budget,
    const char *text)
{
	static char buf[256];
	Grid g;
	Theme t;
	double parts[BAR_PARTS] = { wt, kv, 0, act, res };     /* no pool beyond the need */

	theme_init(&t, THEME_MONO, false);
	grid_init(&g);
	grid_resize(&g, 1, w);
	bar_draw(&g, &t, 0, 0, w, parts, BAR_PARTS, cap, budget, text);
	grid_row_text(&g, 0, buf, sizeof buf);
	grid_fini(&g);
	return buf;
}

TEST(tui_bar_components)
{
	/* 40 cells of 80 GB: 20 GB weights = 10 cells, 10 GB KV = 5, 2 GB
	 * activations = ceil(1) = 1, 4 GB reserve = 2; budget at 72 GB = cell 36 */
	const char *b = bar_text_of(40, 20e9, 10e9, 2e9, 4e9, 80e9, 72e9, NULL);
	EXPECT_TRUE(strcmp(b, "WWWWWWWWWWKKKKKARR..................|...") == 0);
	if (strcmp(b, "WWWWWWWWWWKKKKKARR..................|...") != 0)
		fprintf(stderr, "  got [%s]\n", b);
}

TEST(tui_bar_over_capacity_is_shown)
{
	/* 120 GB on 80 GB: the scale becomes 120 GB, capacity at cell 27 of
	 * 40, the cells past it are '!' and never clamped away */
	const char *b = bar_text_of(40, 100e9, 20e9, 0, 0, 80e9, 72e9, NULL);
	int over = 0;
	for (const char *p = b; *p; p++)
		over += *p == '!';
	EXPECT_EQ(over, 13);
	/* the budget (72 GB) line at cell 24 stays visible inside the used part */
	EXPECT_TRUE(strcmp(b, "WWWWWWWWWWWWWWWWWWWWWWWW|WW!!!!!!!!!!!!!") == 0);
}

TEST(tui_bar_text_inside_left_of_budget)
{
	const char *b = bar_text_of(40, 10e9, 0, 0, 0, 80e9, 72e9, "10/80 GB");
	EXPECT_STR_CONTAINS(b, "10/80 GB|");
	EXPECT_TRUE(b[0] == 'W');
}

TEST(tui_grid_text_and_fit)
{
	Grid g;
	Theme t;
	theme_init(&t, THEME_MONO, false);
	grid_init(&g);
	grid_resize(&g, 2, 10);
	grid_put(&g, 0, 0, -1, ROLE_DEFAULT, "hello world, too long");
	grid_put_fit(&g, &t, 1, 0, 6, ROLE_DEFAULT, "abcdefghij");
	char *text = grid_text(&g);
	EXPECT_TRUE(strcmp(text, "hello worl\nabcde~\n") == 0);
	free(text);
	grid_fini(&g);
}

TEST(tui_theme_no_color_env)
{
	setenv("NO_COLOR", "1", 1);
	EXPECT_TRUE(theme_mode_from_env(false) == THEME_MONO);
	setenv("NO_COLOR", "", 1);
	EXPECT_TRUE(theme_mode_from_env(false) == THEME_COLOR);
	EXPECT_TRUE(theme_mode_from_env(true) == THEME_MONO);
	unsetenv("NO_COLOR");
}

TEST(tui_slider_offers_only_valid_values)
{
	App *a = tui_app(24, 80, NULL);
	double v[64];
	/* llama-3-70b: 64 heads, 8 KV heads; h100x8 with PP 1 DP 1 */
	int n = app_param_options(a, PARAM_TP, v, 64);
	EXPECT_EQ(n, 4);
	EXPECT_TRUE(n == 4 && v[0] == 1 && v[1] == 2 && v[2] == 4 && v[3] == 8);
	/* TP 8 uses the 8 GPUs: PP 2 would need 16 */
	n = app_param_options(a, PARAM_PP, v, 64);
	EXPECT_EQ(n, 1);
	char *why = NULL;
	EXPECT_TRUE(app_step_param(a, PARAM_PP, +1, &why) != 0);
	EXPECT_STR_CONTAINS(why, "needs 16 GPUs");
	free(why);
	/* TP 3 does not divide the heads: the core's reason */
	char buf[256];
	EXPECT_STR_CONTAINS(app_param_invalid(a, PARAM_TP, 3, buf, sizeof buf), "64 attention heads");
	/* a dense model has no experts to spread */
	why = NULL;
	EXPECT_TRUE(app_step_param(a, PARAM_EP, +1, &why) != 0);
	EXPECT_STR_CONTAINS(why, "dense");
	free(why);
	/* - on TP skips nothing valid: 8 -> 4 */
	EXPECT_TRUE(app_step_param(a, PARAM_TP, -1, &why) == 0);
	EXPECT_EQ(a->s->strategy.tp, 4);
	EXPECT_EQ(a->s->strategy.dp, 2);        /* DP follows: 8 GPUs still used */
	n = app_param_options(a, PARAM_PP, v, 64);
	EXPECT_EQ(n, 1);                        /* PP 2 would need 16 */
	app_free(a);
}

TEST(tui_slider_lengths_stay_within_context)
{
	App *a = tui_app(24, 80, "input_len=4096", "output_len=4096", NULL);
	char *why = NULL;
	/* llama-3-70b has an 8,192-token context */
	EXPECT_TRUE(app_step_param(a, PARAM_INPUT_LEN, +1, &why) != 0);
	EXPECT_STR_CONTAINS(why, "max_position_embeddings");
	free(why);
	app_free(a);
}

TEST(tui_delta_summary)
{
	App *a = tui_app(24, 80, NULL);
	app_set_param(a, PARAM_TP, 4, &(char *){ NULL });
	char line[256];
	delta_summary(a->prev_s, a->prev_r, a->s, a->r, 3, line, sizeof line);
	/* lowering TP raises DP: the 8 GPUs stay in use (setup_edit_finish) */
	EXPECT_STR_CONTAINS(line, "TP 8 -> 4, DP 1 -> 2: KV per GPU +100%");
	EXPECT_EQ(a->s->strategy.dp, 2);
	EXPECT_STR_CONTAINS(a->msg, "TP 8 -> 4");
	app_free(a);
}

/* ---- screens ---------------------------------------------------------- */

TEST(tui_main_screen_80x24)
{
	App *a = tui_app(24, 80, NULL);
	EXPECT_SCREEN(a, "main-80x24");
	app_free(a);
}

TEST(tui_main_screen_120x40)
{
	App *a = tui_app(40, 120, "pp=2", "tp=4", NULL);
	EXPECT_SCREEN(a, "main-120x40");
	app_free(a);
}

TEST(tui_left_on_tp_changes_bars)
{
	App *a = tui_app(24, 80, NULL);
	char before[256];
	const char *scr = tui_screen(a);
	const char *bar = strstr(scr, "all GPUs");
	snprintf(before, sizeof before, "%.70s", bar ? bar : "");
	app_key(a, TK_LEFT);
	EXPECT_EQ(a->s->strategy.tp, 4);
	scr = tui_screen(a);
	bar = strstr(scr, "all GPUs");
	EXPECT_TRUE(bar && strncmp(before, bar, 70) != 0);
	EXPECT_SCREEN(a, "main-tp4-80x24");
	app_free(a);
}

TEST(tui_too_small_and_back)
{
	App *a = tui_app(24, 80, NULL);
	app_resize(a, 20, 60);
	EXPECT_SCREEN(a, "too-small");
	/* keys still work while small, and nothing is lost */
	app_key(a, TK_LEFT);
	app_resize(a, 24, 80);
	EXPECT_SCREEN_HAS(a, "Memory per GPU");
	app_free(a);
}

TEST(tui_invalid_layout_says_why)
{
	App *a = tui_app(24, 80, NULL);
	app_command(a, "set tp 3");
	EXPECT_TRUE(a->r->status == EVAL_INVALID);
	EXPECT_SCREEN_HAS(a, "INVALID LAYOUT");
	EXPECT_SCREEN_HAS(a, "does not divide the 64 attention heads");
	app_free(a);
}

/* defect 4: `:set dp 2` on TP 8 asks for 16 of 8 GPUs: INVALID with the
 * reason, no throughput for GPUs that do not exist. */
TEST(tui_set_dp_beyond_the_gpus_is_invalid)
{
	App *a = tui_app(30, 100, NULL);
	app_command(a, "set dp 2");
	EXPECT_TRUE(a->r->status == EVAL_INVALID);
	EXPECT_SCREEN_HAS(a, "INVALID LAYOUT");
	EXPECT_SCREEN_HAS(a, "layout needs 16 GPUs (TP 8 x PP 1 x DP 2), the cluster has 8");
	EXPECT_SCREEN_LACKS(a, "4,522");      /* the 16-GPU figure shown before */
	app_free(a);
}

TEST(tui_explain_popup)
{
	App *a = tui_app(24, 80, NULL);
	/* Tab from the strategy sliders: memory, then the figures; TTFT first */
	tui_keys(a, ">>@");
	EXPECT_TRUE(a->modal != NULL);
	EXPECT_SCREEN_HAS(a, "ttft_s = prefill of one 2048-token request");
	tui_keys(a, "^");
	EXPECT_TRUE(a->modal == NULL);
	/* Enter on a memory bar explains the stage's memory */
	tui_keys(a, "k@");
	EXPECT_SCREEN_HAS(a, "per_gpu_bytes (stage 0) = weights");
	app_free(a);
}

TEST(tui_gpu_map_crossing_groups)
{
	App *a = tui_app(24, 80, "model=mixtral-8x7b", "cluster=h100x16", "tp=16", "pp=1", "dp=1",
	    "ep=8", NULL);
	tui_keys(a, "g");
	EXPECT_SCREEN_HAS(a, "TP groups of 16 cross NVLink domains");
	EXPECT_SCREEN(a, "gpumap-h100x16-tp16");
	app_free(a);
}

/* GB200 NVL72: TP 16 spans four trays of 4 GPUs but one NVLink domain */
TEST(tui_gpu_map_nvl72_domain)
{
	App *a = tui_app(24, 130, "model=mixtral-8x7b", "cluster=gb200-nvl72", "tp=16", "pp=1",
	    "dp=4", "ep=8", NULL);
	tui_keys(a, "g");
	EXPECT_SCREEN_HAS(a, "18 nodes x 4 GPUs in NVLink domains of 72");
	EXPECT_SCREEN_HAS(a, "TP groups of 16 stay inside the NVLink domain (nvlink5)");
	EXPECT_SCREEN_HAS(a, "EP groups stay inside an NVLink domain");
	app_free(a);
}

TEST(tui_pipeline_timeline)
{
	App *a = tui_app(24, 80, "tp=2", "pp=4", NULL);
	tui_keys(a, "t");
	EXPECT_SCREEN_HAS(a, "bubble");
	EXPECT_SCREEN_HAS(a, "GPipe (p-1)/(m+p-1) = 43%");
	/* the timeline shows eval's figures, host time included (it printed the
	 * GPU schedule alone: TPOT 19.3 ms against eval's 19.9 ms at TP 8) */
	char want[64], v[32];
	snprintf(want, sizeof want, "decode: TPOT %s = ", fmt_seconds(a->r->latency.tpot_s, v, sizeof v));
	EXPECT_SCREEN_HAS(a, want);
	snprintf(want, sizeof want, "batch prefill: %s = ", fmt_seconds(a->r->latency.batch_prefill_s, v,
	    sizeof v));
	EXPECT_SCREEN_HAS(a, want);
	EXPECT_SCREEN(a, "timeline-pp4");
	app_free(a);
	/* PP 1: the TPOT line is eval's 19.9 ms, not the GPU step 19.3 ms */
	a = tui_app(24, 80, NULL);
	tui_keys(a, "t");
	snprintf(want, sizeof want, "decode: TPOT %s = ", fmt_seconds(a->r->latency.tpot_s, v, sizeof v));
	EXPECT_SCREEN_HAS(a, want);
	EXPECT_SCREEN_HAS(a, "decode: TPOT 19.9 ms = max(path 19.3 ms + host 556.0 us, 1 x slowest 19.3 ms)");
	app_free(a);
}

TEST(tui_compare_pinned)
{
	App *a = tui_app(24, 80, NULL);
	tui_keys(a, "c");
	EXPECT_SCREEN_HAS(a, "Nothing is pinned yet");
	tui_keys(a, "mp");
	EXPECT_TRUE(a->pinned);
	app_key(a, TK_LEFT);    /* TP 8 -> 4 */
	tui_keys(a, "c");
	EXPECT_SCREEN_HAS(a, "TP 8 -> 4, DP 1 -> 2: KV per GPU +100%");
	EXPECT_SCREEN(a, "compare-tp8-tp4");
	/* x makes A the scenario again */
	tui_keys(a, "x");
	EXPECT_EQ(a->s->strategy.tp, 8);
	app_free(a);
}

TEST(tui_help_lists_commands_and_keys)
{
	App *a = tui_app(24, 80, NULL);
	tui_keys(a, "?");
	EXPECT_SCREEN(a, "help-top");
	app_key(a, TK_END);
	app_render(a);
	app_free(a);
}

/* ---- keys, the command line, files --------------------------------- */

TEST(tui_command_line_set_through_readline)
{
	App *a = tui_app(24, 80, NULL);
	tui_keys(a, ":set pp 2");
	EXPECT_TRUE(a->cmd_active);
	EXPECT_TRUE(strcmp(tui_row(a, 23), ":set pp 2") == 0);
	tui_keys(a, "@");
	EXPECT_TRUE(!a->cmd_active);
	EXPECT_EQ(a->s->strategy.pp, 2);
	EXPECT_STR_CONTAINS(a->msg, "PP 1 -> 2");
	/* readline editing: Home, then a correction */
	tui_keys(a, ":set pp 4");
	app_key(a, TK_BACKSPACE);
	tui_keys(a, "1@");
	EXPECT_EQ(a->s->strategy.pp, 1);
	/* `:tp 4` is `:set tp 4` */
	tui_keys(a, ":tp 4@");
	EXPECT_EQ(a->s->strategy.tp, 4);
	/* errors go to the message line */
	tui_keys(a, ":set tp 0@");
	EXPECT_STR_CONTAINS(a->msg, "must be >= 1");
	tui_keys(a, ":frobnicate@");
	EXPECT_STR_CONTAINS(a->msg, "unknown command");
	/* Esc cancels */
	tui_keys(a, ":set tp 1^");
	EXPECT_TRUE(!a->cmd_active);
	EXPECT_EQ(a->s->strategy.tp, 4);
	app_free(a);
}

static bool
has_word(char **w, const char *x)
{
	for (int i = 0; w && w[i]; i++)
		if (strcmp(w[i], x) == 0)
			return true;
	return false;
}

static void
free_words(char **w)
{
	for (int i = 0; w && w[i]; i++)
		free(w[i]);
	free(w);
}

TEST(tui_completion)
{
	App *a = tui_app(24, 80, NULL);
	char **w = cmdline_complete_words(a, "se");
	EXPECT_TRUE(has_word(w, "set"));
	free_words(w);
	w = cmdline_complete_words(a, "set tp");
	EXPECT_TRUE(has_word(w, "tp") && has_word(w, "tpot_p50"));
	free_words(w);
	w = cmdline_complete_words(a, "model mixtral");
	EXPECT_TRUE(has_word(w, "mixtral-8x7b") && has_word(w, "mixtral-8x22b"));
	free_words(w);
	w = cmdline_complete_words(a, "set cluster h100");
	EXPECT_TRUE(has_word(w, "h100x8") && has_word(w, "h100x16"));
	free_words(w);
	w = cmdline_complete_words(a, "preset def");
	EXPECT_TRUE(has_word(w, "default"));
	free_words(w);
	/* Tab through readline: a unique prefix completes, an ambiguous one
	 * lists the choices above the line */
	tui_keys(a, ":mod\t");
	EXPECT_TRUE(strcmp(tui_row(a, 23), ":model") == 0);
	tui_keys(a, "mixtral\t");
	EXPECT_TRUE(strcmp(tui_row(a, 23), ":model mixtral-8x") == 0);
	EXPECT_STR_CONTAINS(a->cmd_hint, "mixtral-8x22b  mixtral-8x7b");
	EXPECT_STR_CONTAINS(tui_row(a, 22), "mixtral-8x22b");
	tui_keys(a, "7b@");
	EXPECT_TRUE(strcmp(a->s->model.name, "mixtral-8x7b") == 0);
	app_free(a);
}

TEST(tui_typed_numbers_and_undo)
{
	App *a = tui_app(24, 80, NULL);
	/* the TP slider has the focus first: type 2, Enter */
	tui_keys(a, "2@");
	EXPECT_EQ(a->s->strategy.tp, 2);
	/* the input slider: 2k is 2048 tokens, 4k 4096 */
	tui_keys(a, "jjjjjj4k@");
	EXPECT_EQ(a->s->workload.input_len, 4096);
	tui_keys(a, "u");
	EXPECT_EQ(a->s->workload.input_len, 2048);
	tui_keys(a, "u");
	EXPECT_EQ(a->s->strategy.tp, 8);
	EXPECT_TRUE(!a->modified);
	tui_keys(a, "U");
	EXPECT_EQ(a->s->strategy.tp, 2);
	app_free(a);
}

TEST(tui_pick_list_model)
{
	App *a = tui_app(24, 80, NULL);
	/* Tab from the sliders to the memory panel...; BTab to the scenario */
	app_key(a, TK_BTAB);
	app_render(a);
	tui_keys(a, "j@");          /* preset -> model, Enter opens the list */
	EXPECT_TRUE(a->modal != NULL);
	EXPECT_SCREEN_HAS(a, "mixtral-8x7b");
	tui_keys(a, "mixtral-8x7");
	app_key(a, TK_ENTER);
	EXPECT_TRUE(a->modal == NULL);
	EXPECT_TRUE(strcmp(a->s->model.name, "mixtral-8x7b") == 0);
	/* the layout is filled afresh for the new model, and the message says so */
	EXPECT_STR_CONTAINS(a->msg, "filled");
	/* Right cycles the field through the catalog */
	app_key(a, TK_RIGHT);
	EXPECT_TRUE(strcmp(a->s->model.name, "mixtral-8x7b") != 0);
	app_free(a);
}

TEST(tui_mouse)
{
	App *a = tui_app(24, 80, NULL);
	/* a click on a tab */
	a->mouse_y = 0;
	a->mouse_x = a->tab_rect[1].x + 1;
	app_key(a, TK_CLICK);
	EXPECT_TRUE(a->screens[a->cur]->cls == &screen_gpumap);
	a->mouse_x = a->tab_rect[0].x + 1;
	app_key(a, TK_CLICK);
	app_render(a);
	/* a click on the value 4 of the TP slider (row 2) */
	const char *row = tui_row(a, 2);
	const char *four = strstr(row + 50, "4");
	a->mouse_y = 2;
	a->mouse_x = (int)(four - row);
	app_key(a, TK_CLICK);
	EXPECT_EQ(a->s->strategy.tp, 4);
	/* the wheel on the batch slider (row 7) turns it */
	app_render(a);
	a->mouse_y = 7;
	a->mouse_x = 60;
	app_key(a, TK_WHEEL_UP);
	EXPECT_EQ(a->s->workload.batch, 256);
	app_free(a);
}

TEST(tui_save_load_lua_and_json)
{
	char *lua = tmp_path("s.lua"), *json = tmp_path("s.json"), *cause = NULL;
	App *a = tui_app(24, 80, NULL);
	app_command(a, "set tp 4");
	app_command(a, "set ttft_p99 750ms");
	EXPECT_TRUE(a->modified);
	char *cmd = xasprintf("save %s", lua);
	app_command(a, cmd);
	free(cmd);
	EXPECT_TRUE(!a->modified);
	EXPECT_STR_CONTAINS(a->label, "s.lua");
	cmd = xasprintf("save %s", json);
	app_command(a, cmd);
	free(cmd);
	char *text = read_file(json, 1 << 20, &cause);
	EXPECT_STR_CONTAINS(text, "\"tp\":\t4");
	EXPECT_STR_CONTAINS(text, "\"ttft_p99_s\":\t0.75");
	free(text);
	app_free(a);

	/* a fresh app loads each back to the same scenario */
	const char *files[2] = { lua, json };
	for (int i = 0; i < 2; i++) {
		App *b = tui_app(24, 80, NULL);
		EXPECT_TRUE(app_load(b, files[i], &cause) == 0);
		EXPECT_EQ(b->s->strategy.tp, 4);
		EXPECT_NEAR(b->s->workload.slo.ttft_p99_s, 0.75, 1e-12, "saved above");
		EXPECT_TRUE(!b->modified);
		EXPECT_TRUE(b->file && strcmp(b->file, files[i]) == 0);
		app_free(b);
	}
	unlink(lua);
	unlink(json);
	free(lua);
	free(json);
}

TEST(tui_export_markdown)
{
	char *md = tmp_path("r.md"), *cause = NULL;
	App *a = tui_app(24, 80, NULL);
	char *cmd = xasprintf("export %s", md);
	app_command(a, cmd);
	free(cmd);
	char *text = read_file(md, 1 << 20, &cause);
	EXPECT_STR_CONTAINS(text, "# llama-3-70b on h100x8: TP 8 x PP 1 x DP 1");
	EXPECT_STR_CONTAINS(text, "[WWWW");
	free(text);
	unlink(md);
	free(md);
	app_free(a);
}

TEST(tui_quit_asks_about_unsaved_changes)
{
	App *a = tui_app(24, 80, NULL);
	EXPECT_TRUE(app_key(a, 'q') & H_QUIT);
	app_free(a);
	a = tui_app(24, 80, NULL);
	app_key(a, TK_LEFT);
	EXPECT_TRUE(!(app_key(a, 'q') & H_QUIT));
	EXPECT_SCREEN_HAS(a, "unsaved changes");
	tui_keys(a, "^");
	EXPECT_TRUE(!a->quit);
	app_key(a, 'q');
	/* s without a file: the command line asks for one */
	app_key(a, 's');
	EXPECT_TRUE(a->cmd_active);
	tui_screen(a);
	EXPECT_TRUE(strncmp(tui_row(a, 23), ":save", 5) == 0);
	if (strncmp(tui_row(a, 23), ":save", 5) != 0)
		fprintf(stderr, "  row 23: [%s]\n", tui_row(a, 23));
	tui_keys(a, "^q");
	EXPECT_TRUE(app_key(a, 'd') & H_QUIT);
	app_free(a);
}

TEST(tui_lua_checks_and_run)
{
	char *chk = tmp_path("check.lua"), *bad = tmp_path("bad.lua"), *scr = tmp_path("run.lua");
	char *cause = NULL;
	const char *check_src =
	    "shardlab.check{ id = 'team.tp-max-4', severity = 'warn', fn = function(r)\n"
	    "  if r.strategy.tp <= 4 then return true end\n"
	    "  return false, 'TP ' .. r.strategy.tp .. ': the team keeps TP <= 4' end }\n"
	    "shardlab.check{ id = 'team.loops', severity = 'error', fn = function(r)\n"
	    "  while true do end end }\n";
	write_file_atomic(chk, check_src, strlen(check_src), &cause);
	write_file_atomic(bad, "this is not lua\n", 16, &cause);
	const char *run_src = "print('hello from ' .. arg[0])\n"
	    "print(shardlab.evaluate{ tp = 4 }.strategy.tp)\n";
	write_file_atomic(scr, run_src, strlen(run_src), &cause);

	/* 26 rows: at 80x24 the checks panel has one row since the prefix and
	 * speculation fields (issue 13), and the error sorts first */
	App *a = tui_app(26, 80, NULL);
	char *cmd = xasprintf("check %s", chk);
	app_command(a, cmd);
	free(cmd);
	/* the check that loops becomes an error; the other still reports */
	EXPECT_EQ(a->n_extra, 2);
	EXPECT_SCREEN_HAS(a, "the team keeps TP <= 4");
	EXPECT_TRUE(a->n_extra == 2 && (strstr(a->extra[0].message, "budget") ||
	    strstr(a->extra[1].message, "budget")));
	EXPECT_SCREEN_HAS(a, "team.loops");
	EXPECT_SCREEN_HAS(a, "NOT FEASIBLE");
	/* after a change they run again when the loop is idle */
	app_key(a, TK_LEFT);
	EXPECT_TRUE(a->lua_dirty);
	app_run_lua_checks(a);
	EXPECT_EQ(a->n_extra, 1);
	/* a file that does not load is refused with its error */
	cmd = xasprintf("check %s", bad);
	app_command(a, cmd);
	free(cmd);
	EXPECT_STR_CONTAINS(a->msg, "bad.lua:1:");
	EXPECT_EQ(a->n_check_files, 1);
	app_command(a, "uncheck");
	EXPECT_EQ(a->n_check_files, 0);

	/* :run in a child process; its output on the output screen */
	cmd = xasprintf("run %s", scr);
	app_command(a, cmd);
	free(cmd);
	EXPECT_TRUE(a->screens[a->cur]->cls == &screen_output);
	app_job_poll(a, -1);
	EXPECT_EQ(a->job.pid, 0);
	EXPECT_EQ(a->out_status, 0);
	EXPECT_STR_CONTAINS(a->out, "hello from ");
	EXPECT_SCREEN_HAS(a, "exit 0");
	app_free(a);
	unlink(chk);
	unlink(bad);
	unlink(scr);
	free(chk);
	free(bad);
	free(scr);
}

TEST(tui_run_error_and_stop)
{
	char *scr = tmp_path("loop.lua"), *cause = NULL;
	const char *src = "print('looping')\nwhile true do end\n";
	write_file_atomic(scr, src, strlen(src), &cause);
	App *a = tui_app(24, 80, NULL);
	char *cmd = xasprintf("run %s", scr);
	app_command(a, cmd);
	free(cmd);
	EXPECT_TRUE(a->job.pid != 0);
	app_key(a, TK_INTERRUPT);       /* Ctrl-C stops it, the UI stays */
	EXPECT_EQ(a->job.pid, 0);
	EXPECT_TRUE(!a->quit);
	EXPECT_STR_CONTAINS(a->out_title, "stopped");
	/* a script that raises: its error on the output screen */
	src = "error('no such layout')\n";
	write_file_atomic(scr, src, strlen(src), &cause);
	cmd = xasprintf("run %s", scr);
	app_command(a, cmd);
	free(cmd);
	app_job_poll(a, -1);
	EXPECT_EQ(a->out_status, 1);
	EXPECT_STR_CONTAINS(a->out, "no such layout");
	EXPECT_SCREEN_HAS(a, "shardlab: ");
	app_free(a);
	unlink(scr);
	free(scr);
}

TEST(tui_output_is_bounded)
{
	App *a = tui_app(24, 80, NULL);
	char *chunk = xmalloc(1 << 16);
	memset(chunk, 'x', 1 << 16);
	app_output_clear(a, "test");
	for (size_t i = 0; i < APP_OUTPUT_MAX / (1 << 16) + 2; i++)
		app_output_append(a, chunk, 1 << 16);
	EXPECT_TRUE(a->out_len < APP_OUTPUT_MAX);
	EXPECT_EQ(strlen(a->out), a->out_len);
	EXPECT_STR_CONTAINS(a->out + a->out_len - 30, "[output truncated]");
	free(chunk);
	app_free(a);
}

/* Issue 14: a check's fix is data (keys to set, core/checks.c check_fix),
 * applied with one key and undone with u.  Each case: the scenario, the
 * check, the keys the fix sets. */
TEST(tui_fix_with_one_key_and_undo)
{
	static const struct {
		const char *keys[5];
		CheckId id;
		const char *fix;
	} cases[] = {
		{ { "tp=4", "dp=1" }, CHECK_GPUS_IDLE, "dp 2" },
		{ { "tp=8", "dp=2" }, CHECK_GPU_COUNT, "dp 1" },
		/* PP 2 on TP 8 of 8 GPUs: TP 4 keeps the two stages */
		{ { "tp=8", "pp=2", "dp=1" }, CHECK_GPU_COUNT, "tp 4" },
		/* 64 heads: TP 2 is the nearest valid below 3 */
		{ { "tp=3", "dp=1" }, CHECK_HEADS_TP, "tp 2" },
		{ { "model=mixtral-8x7b", "tp=2", "dp=4", "ep=3" }, CHECK_EXPERTS_EP, "ep 2" },
		/* TP 8: a 55.7 GB pool holds 590 sequences of 2,304 tokens */
		{ { "batch=1024" }, CHECK_KV_ROOM, "batch 590" },
		{ { "model=llama-3-8b", "cluster=t4x1", "tp=1", "batch=1" }, CHECK_DTYPE_SUPPORT,
		  "dtype fp16, kv_dtype fp16" },
		/* 93.4 GB of Mixtral on one 15.6 GB T4: int4 does not fit either; 16
		 * T4s (4 per node, as g4dn.12xlarge) at TP 4 x PP 4 do */
		{ { "model=mixtral-8x7b", "cluster=t4x1", "dtype=fp16", "tp=1" }, CHECK_MEMORY_FIT,
		  "gpu t4, gpus 16, tp 4, pp 4" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *const *k = cases[i].keys;
		App *a = tui_app(24, 80, k[0], k[1] ? k[1] : NULL, k[1] && k[2] ? k[2] : NULL,
		    k[1] && k[2] && k[3] ? k[3] : NULL, NULL);
		const Check *c = check_find(a->r, cases[i].id);
		EXPECT_TRUE(c != NULL);
		if (!c) {
			app_free(a);
			continue;
		}
		CheckFix f;
		char text[128];
		int at = (int)(c - a->r->checks);
		EXPECT_TRUE(app_check_fix(a, at, &f));
		EXPECT_TRUE(strcmp(check_fix_text(&f, text, sizeof text), cases[i].fix) == 0);
		if (strcmp(text, cases[i].fix) != 0)
			fprintf(stderr, "  fix is \"%s\"\n", text);
		Strategy before = a->s->strategy;
		int batch = a->s->workload.batch;
		char *cause = NULL;
		int logged = a->n_log;
		EXPECT_TRUE(app_apply_fix(a, at, &cause) == 0);
		free(cause);
		EXPECT_TRUE(check_find(a->r, cases[i].id) == NULL);
		/* one :messages entry per fix: the fix with what the change did,
		 * not the change's message a second time before it */
		EXPECT_EQ(a->n_log, logged + 1);
		EXPECT_STR_CONTAINS(a->msg, "fixed ");
		EXPECT_STR_CONTAINS(a->msg, "(u undoes)");
		/* u restores the previous Setup, and the check with it */
		tui_keys(a, "u");
		EXPECT_TRUE(check_find(a->r, cases[i].id) != NULL);
		EXPECT_EQ(a->s->strategy.tp, before.tp);
		EXPECT_EQ(a->s->strategy.dp, before.dp);
		EXPECT_EQ(a->s->strategy.weight_dtype, before.weight_dtype);
		EXPECT_EQ(a->s->workload.batch, batch);
		app_free(a);
	}
	/* f with no fixable error says so */
	App *a = tui_app(24, 80, NULL);
	tui_keys(a, "f");
	EXPECT_STR_CONTAINS(a->msg, "no error has a one-key fix");
	app_free(a);
}

/* Issue 14: golden screens at 200x60 beside the 80x24 ones: no large
 * blank area (taller bars, serving and memory beside the details, A's and
 * B's bars under the comparison, memory meters in the GPU cells). */
TEST(tui_golden_200x60)
{
	App *a = tui_app(60, 200, NULL);
	EXPECT_SCREEN(a, "main-200x60");
	EXPECT_SCREEN_HAS(a, "Serving and memory");
	tui_keys(a, "p");
	app_key(a, TK_LEFT);    /* TP 8 -> 4, DP 1 -> 2 */
	tui_keys(a, "c");
	EXPECT_SCREEN_HAS(a, "TTFT p99 at rate");
	EXPECT_SCREEN_HAS(a, "Memory per GPU, A above B");
	EXPECT_SCREEN(a, "compare-200x60");
	tui_keys(a, "g");
	EXPECT_SCREEN_HAS(a, "64.5 GB 76%");   /* each cell's meter: TP 4's 64.5 GB of 85.0 */
	EXPECT_SCREEN(a, "gpumap-200x60");
	app_free(a);
}

/* The compare screen at 80x24 keeps the serving rows and the verdict,
 * dropping rows where A and B agree. */
TEST(tui_compare_80x24_keeps_serving)
{
	App *a = tui_app(24, 80, NULL);
	tui_keys(a, "p");
	app_key(a, TK_LEFT);
	tui_keys(a, "c");
	EXPECT_SCREEN_HAS(a, "TTFT p99 at rate       156.1 ms          195.8 ms");
	EXPECT_SCREEN_HAS(a, "max rate in SLOs       8.57 req/s        9.20 req/s");
	EXPECT_SCREEN_HAS(a, "verdict");
	EXPECT_SCREEN_LACKS(a, "batch x input+output");
	EXPECT_SCREEN(a, "compare-serving-80x24");
	app_free(a);
}

/* At 80x24 the main screen shows every scenario field (the SLO pairs),
 * and with PP 4 every stage's bar (in columns). */
TEST(tui_main_80x24_everything_shows)
{
	App *a = tui_app(24, 80, "tp=2", "pp=4", "dp=1", NULL);
	EXPECT_SCREEN_HAS(a, "TPOT p50 50.0 ms   TPOT p99 100.0 ms");
	EXPECT_SCREEN_HAS(a, "rate SLO 8.00/s");
	EXPECT_SCREEN_HAS(a, "st 0 ");
	EXPECT_SCREEN_HAS(a, "st 3 ");
	EXPECT_SCREEN_HAS(a, "Checks");
	EXPECT_SCREEN(a, "main-pp4-80x24");
	app_free(a);
}

/* Issue 14: pick lists filter fuzzily, best match first. */
TEST(tui_picklist_fuzzy)
{
	EXPECT_TRUE(fuzzy_score("mixtral-8x7b", "mix7") > 0);
	EXPECT_TRUE(fuzzy_score("mixtral-8x22b", "mix7") < 0);
	EXPECT_TRUE(fuzzy_score("llama-3-70b", "mix7") < 0);
	/* a substring beats letters in order; earlier beats later */
	EXPECT_TRUE(fuzzy_score("llama-3-8b", "8b") > fuzzy_score("llama-3-70b", "l7b"));
	EXPECT_EQ(fuzzy_score("anything", ""), 0);
	App *a = tui_app(24, 80, NULL);
	PickList *pl = picklist_for(a, "model");
	for (const char *k = "mix7"; *k; k++)
		widget_key(&pl->base, a, *k);
	EXPECT_TRUE(pl->n_shown >= 1);
	EXPECT_TRUE(pl->n_shown >= 1 && strcmp(pl->names[pl->shown[0]], "mixtral-8x7b") == 0);
	widget_destroy(&pl->base);
	app_free(a);
}

/* Issue 14: every message is kept whole (:messages) though the message
 * line cuts it, and / searches the help. */
TEST(tui_messages_and_search)
{
	App *a = tui_app(24, 80, NULL);
	app_command(a, "set model mixtral-8x7b");
	EXPECT_SCREEN_HAS(a, ":messages");     /* the cut line says where to read it */
	char *log = app_messages_text(a);
	EXPECT_STR_CONTAINS(log, "the pool holds 26.9 GB); set tp and pp to choose; model llama-3-70b "
	    "-> mixtral-8x7b, TP 8 -> 2, DP 1 -> 4");
	free(log);
	app_command(a, "messages");
	EXPECT_SCREEN_HAS(a, "messages, oldest first");
	tui_keys(a, "^");
	/* the help screen: / finds "fuzzily", n finds the next */
	tui_keys(a, "?/dtype@");
	EXPECT_SCREEN_HAS(a, "/dtype: line ");
	const char *at = strstr(tui_screen(a), "/dtype: line ");
	int first = at ? atoi(at + 13) : -1;
	tui_keys(a, "n");
	at = strstr(tui_screen(a), "/dtype: line ");
	EXPECT_TRUE(first > 0 && at && atoi(at + 13) > first);
	tui_keys(a, "/nosuchwordanywhere@");
	EXPECT_SCREEN_HAS(a, "not found");
	app_free(a);
}

/* Attention DP with wide EP: the GPU map names each GPU's experts and its
 * EPLB replica slots ("e0-7 +1r": 256 + 32 redundant over EP 32), `:set`
 * takes ep_redundant and ep_mode from the key table. */
TEST(tui_gpu_map_wide_ep_experts)
{
	App *a = tui_app(60, 200, "model=deepseek-v3", "gpu=h100-sxm", "gpus=32", "gpus_per_node=8",
	    "tp=1", "pp=1", "dp=32", "ep=32", "dtype=fp8", "batch=16", NULL);
	tui_keys(a, ":set ep_redundant 32@");
	EXPECT_EQ(a->s->strategy.ep_redundant, 32);
	tui_keys(a, "g");
	EXPECT_SCREEN_HAS(a, "e0-7 +1r");
	EXPECT_SCREEN_HAS(a, "e248-255 +1r");
	EXPECT_SCREEN_HAS(a, "EP groups cross NVLink domains: the all-to-all dispatch and combine run over ib-ndr "
	    "(prefill normal, decode low_latency); 9 expert slots per GPU, 32 redundant");
	EXPECT_SCREEN_HAS(a, "experts 0-7 (EP group leaves its NVLink domain) + 1 redundant replica");
	EXPECT_SCREEN_HAS(a, "9 expert slots per GPU ((256 experts + 32 redundant, EPLB) / EP 32)");
	tui_keys(a, ":set ep_mode a2a@");
	EXPECT_EQ(a->s->strategy.ep_mode, EP_MODE_A2A);
	EXPECT_SCREEN_HAS(a, "(prefill a2a, decode a2a)");
	tui_keys(a, ":set ep_mode fast@");
	EXPECT_STR_CONTAINS(a->msg, "unknown mode 'fast'");
	/* the main screen's EP row: the decode all-to-all and the slots */
	tui_keys(a, ":set ep_mode auto@m");
	EXPECT_SCREEN_HAS(a, "low_latency, 0% NVLink");
	EXPECT_SCREEN_HAS(a, "9/GPU");
	EXPECT_SCREEN_HAS(a, "+32 redundant");
	app_free(a);
}

/* ep_redundant without EP replicates nothing (strategy_redundant): TP 8
 * with the experts TP-sharded holds all 256 on every GPU, no "+32r" (the
 * map counted (256 + 32) / 1 = 288 slots, 32 of them redundant) */
TEST(tui_gpu_map_redundant_without_ep)
{
	App *a = tui_app(40, 120, "model=deepseek-v3", "cluster=h200x8", "tp=8", "dtype=fp8", "batch=16",
	    NULL);
	tui_keys(a, ":set ep_redundant 32@");
	EXPECT_EQ(a->s->strategy.ep_redundant, 32);
	tui_keys(a, "g");
	EXPECT_SCREEN_HAS(a, "EP groups stay inside an NVLink domain: 256 experts per GPU");
	EXPECT_SCREEN_LACKS(a, "288");
	EXPECT_SCREEN_LACKS(a, "+32r");
	/* the selected GPU 0's line numbers its expert-TP rank (it printed
	 * "expert-TP rank " and no number) */
	EXPECT_SCREEN_HAS(a, "experts 0-255, expert-TP rank 0 of 8");
	app_free(a);
}

/* The spec row's break-even is the core's (eval_spec_breakeven), found once
 * per evaluation by app_eval, not by every redraw; a change re-finds it. */
TEST(tui_spec_breakeven_once_per_evaluation)
{
	App *a = tui_app(60, 200, "model=llama-3-8b", "cluster=h100x8", "tp=1", "dp=1", "spec_tokens=3",
	    "spec_accept=0.5", "input_len=128", "output_len=128", NULL);
	int be = eval_spec_breakeven(a->s, a->r);
	EXPECT_EQ(a->spec_breakeven, be);
	char want[64];
	if (be > 0)
		snprintf(want, sizeof want, "<1x from batch %d", be);
	else
		snprintf(want, sizeof want, "pays to batch %d", a->r->spec.batch_limit);
	EXPECT_SCREEN_HAS(a, want);
	app_command(a, "set spec_tokens 0");
	EXPECT_EQ(a->spec_breakeven, 0);
	app_free(a);
}

/* At 80 columns the status line keeps the GPU count in the compact layout
 * notation (a two-digit DP dropped "= 72/72 GPUs" for the hints' room). */
TEST(tui_status_keeps_the_gpu_count_at_80)
{
	App *a = tui_app(24, 80, "model=deepseek-v3", "cluster=gb200-nvl72", "dtype=fp8", "tp=8", "dp=9",
	    NULL);
	app_command(a, "set batch 64");         /* [+] as after any change */
	EXPECT_SCREEN_HAS(a, "TP8 PP1 DP9 = 72/72");
	app_free(a);
}
