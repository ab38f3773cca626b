/* cmdline.c: the `:` command line through readline's callback interface;
 * see cmdline.h.  readline never touches the terminal: its input comes
 * from a queue we fill key by key (rl_getc_function), its output goes to
 * /dev/null, its redisplay hook only notes that the line changed, and
 * terminal preparation is left to curses. */
#include "cmdline.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "app.h"
#include "commands.h"
#include "core/explain.h"
#include "core/params.h"
#include "core/searchopts.h"
#include "ranking.h"
#include "util/xmalloc.h"
#include "w-list.h"

#define HISTORY_MAX 1000
#define QUEUE_MAX 64

static App *cur;                /* readline is global: the app whose line this is */
static bool inited;
static FILE *devnull;
static unsigned char queue[QUEUE_MAX];
static int q_len;
static char *line_done;         /* the line readline handed back */
static bool got_line;

static int
getc_cb(FILE *f)
{
	(void)f;
	if (q_len == 0)
		return EOF;
	int c = queue[0];
	memmove(queue, queue + 1, (size_t)--q_len);
	return c;
}

static int
input_available_cb(void)
{
	return q_len > 0;
}

/* readline's redisplay hook: the line into the command row of the grid
 * (app_render draws it again with everything else after each key). */
static void
redisplay_cb(void)
{
	if (cur && cur->cmd_active && cur->grid.rows == cur->rows && cur->rows > 0)
		cmdline_draw(cur, &cur->grid, cur->rows - 1);
}

static void
prep_term_cb(int meta)
{
	(void)meta;
}

static void
deprep_term_cb(void)
{
}

static void
line_cb(char *line)
{
	got_line = true;
	line_done = line;       /* NULL on Ctrl-D at an empty line */
}

/* ---- completion ------------------------------------------------------ */

static char **cands;
static int n_cands;
static bool want_files;

static void
cands_clear(void)
{
	for (int i = 0; i < n_cands; i++)
		free(cands[i]);
	free(cands);
	cands = NULL;
	n_cands = 0;
	want_files = false;
}

static void
cands_add(const char *s)
{
	cands = xrealloc(cands, (size_t)(n_cands + 1) * sizeof *cands);
	cands[n_cands++] = xstrdup(s);
}

static void
cands_catalog(App *a, const char *key)
{
	char **names = NULL;
	int n = picklist_names(a, key, &names);
	for (int i = 0; i < n; i++)
		cands_add(names[i]);
	catalog_list_free(names, n);
}

static void
cands_for(App *a, Completion c)
{
	switch (c) {
	case COMPLETE_MODEL: cands_catalog(a, "model"); want_files = true; break;
	case COMPLETE_CLUSTER: cands_catalog(a, "cluster"); break;
	case COMPLETE_GPU: cands_catalog(a, "gpu"); break;
	case COMPLETE_RUNTIME: cands_catalog(a, "runtime"); break;
	case COMPLETE_DTYPE: cands_catalog(a, "dtype"); break;
	case COMPLETE_PRESET: cands_catalog(a, "preset"); want_files = true; break;
	case COMPLETE_FILE: want_files = true; break;
	case COMPLETE_SCREEN:
		for (int i = 0; i < a->n_screens; i++)
			cands_add(a->screens[i]->cls->name);
		break;
	case COMPLETE_EXPLAIN:
		for (int k = 0; explain_path(k); k++)
			cands_add(explain_path(k));
		break;
	case COMPLETE_COMMAND:
		for (const TuiCommand *t = tui_commands; t->name; t++)
			cands_add(t->name);
		break;
	default: break;
	}
}

/* Fill the candidates for word number `word` of a line whose earlier
 * words are argv[0..word). */
static void
candidates(App *a, int word, char **argv)
{
	cands_clear();
	if (word == 0) {
		for (const TuiCommand *t = tui_commands; t->name; t++)
			cands_add(t->name);
		return;
	}
	const TuiCommand *cmd = command_find(argv[0]);
	if (!cmd)
		return;
	if (cmd->complete == COMPLETE_SEARCH) {
		const char *prev = argv[word - 1];
		if (strcmp(prev, "--objective") == 0) {
			for (int o = 0; o < SEARCH_OBJ_COUNT; o++)
				cands_add(search_objective_name((SearchObjective)o));
		} else if (strcmp(prev, "--dtypes") == 0 || strcmp(prev, "--kv-dtypes") == 0) {
			cands_catalog(a, "dtype");
			cands_add("all");
		} else {
			for (int o = 0; o < SOPT_COUNT; o++) {
				const SearchOptDef *d = search_opt_def((SearchOptId)o);
				char opt[64];
				if (!(d->fronts & SOPT_TUI))
					continue;
				snprintf(opt, sizeof opt, "--%s", d->name);
				cands_add(opt);
			}
		}
		return;
	}
	if (cmd->complete != COMPLETE_SET) {
		if (word == 1 || cmd->complete == COMPLETE_FILE)
			cands_for(a, cmd->complete);
		return;
	}
	if (word == 1) {
		/* every row of the scenario-key table (core/params.h) */
		for (int p = 0; p < PARAM_KEY_COUNT; p++)
			cands_add(param_def((ParamId)p)->name);
		return;
	}
	if (word == 2) {
		int id = param_key_find(argv[1]);
		switch (id < 0 ? COMPLETE_VALUE_NONE : param_def((ParamId)id)->complete) {
		case COMPLETE_VALUE_MODEL: cands_for(a, COMPLETE_MODEL); break;
		case COMPLETE_VALUE_CLUSTER: cands_for(a, COMPLETE_CLUSTER); break;
		case COMPLETE_VALUE_GPU: cands_for(a, COMPLETE_GPU); break;
		case COMPLETE_VALUE_RUNTIME: cands_for(a, COMPLETE_RUNTIME); break;
		case COMPLETE_VALUE_DTYPE: case COMPLETE_VALUE_KV_DTYPE: cands_for(a, COMPLETE_DTYPE); break;
		case COMPLETE_VALUE_ACT_DTYPE:
			cands_add("fp32");
			cands_add("bf16");
			cands_add("fp16");
			break;
		case COMPLETE_VALUE_SPEC_METHOD:
			for (int m = 0; m < SPEC_METHOD_COUNT; m++)
				cands_add(spec_method_name((SpecMethod)m));
			break;
		case COMPLETE_VALUE_FABRIC: cands_catalog(a, "fabric"); break;
		case COMPLETE_VALUE_KV_XFER_MODE:
			for (int m = 0; m < KV_XFER_MODE_COUNT; m++)
				cands_add(kv_xfer_mode_name((KvXferMode)m));
			break;
		case COMPLETE_VALUE_EP_MODE:
			for (int m = 0; m < EP_MODE_COUNT; m++)
				cands_add(ep_mode_name((EpMode)m));
			break;
		default: break;
		}
	}
}

/* Split s[0..len) into words (no quoting: completion only). */
static int
split_words(const char *s, size_t len, char ***out)
{
	char **v = NULL;
	int n = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t b = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		if (i > b) {
			v = xrealloc(v, (size_t)(n + 1) * sizeof *v);
			v[n] = xmalloc(i - b + 1);
			memcpy(v[n], s + b, i - b);
			v[n][i - b] = '\0';
			n++;
		}
	}
	*out = v;
	return n;
}

static void
free_words(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *
gen_cb(const char *text, int state)
{
	static int i;
	static bool files_started;
	size_t len = strlen(text);

	if (!state) {
		i = 0;
		files_started = false;
	}
	while (i < n_cands) {
		const char *c = cands[i++];
		if (strncmp(c, text, len) == 0)
			return xstrdup(c);
	}
	if (want_files) {
		char *f = rl_filename_completion_function(text, files_started);
		files_started = true;
		return f;
	}
	return NULL;
}

static char **
complete_cb(const char *text, int start, int end)
{
	char **argv;
	(void)end;
	int n = split_words(rl_line_buffer, (size_t)start, &argv);
	candidates(cur, n, argv);
	free_words(argv, n);
	rl_attempted_completion_over = 1;
	return rl_completion_matches(text, gen_cb);
}

static void
display_matches_cb(char **matches, int num, int max)
{
	char buf[APP_MSG_MAX];
	size_t o = 0;
	(void)max;
	for (int i = 1; i <= num && o + 2 < sizeof buf; i++) {
		int k = snprintf(buf + o, sizeof buf - o, "%s%s", i > 1 ? "  " : "", matches[i]);
		if (k < 0)
			break;
		o += (size_t)k;
	}
	if (cur)
		snprintf(cur->cmd_hint, sizeof cur->cmd_hint, "%s", buf);
}

char **
cmdline_complete_words(App *a, const char *line)
{
	char **argv, **out = NULL;
	size_t len = strlen(line), start = len;
	int n_out = 0;

	while (start > 0 && line[start - 1] != ' ')
		start--;
	int n = split_words(line, start, &argv);
	candidates(a, n, argv);
	free_words(argv, n);
	for (int i = 0; i < n_cands; i++) {
		if (strncmp(cands[i], line + start, len - start) != 0)
			continue;
		out = xrealloc(out, (size_t)(n_out + 2) * sizeof *out);
		out[n_out++] = xstrdup(cands[i]);
		out[n_out] = NULL;
	}
	cands_clear();
	return out;
}

/* ---- history ---------------------------------------------------------- */

static void
mkdir_parents(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	free(p);
}

static void
history_save_line(App *a, const char *line)
{
	add_history(line);
	if (!a->history)
		return;
	if (access(a->history, F_OK) != 0) {
		mkdir_parents(a->history);
		write_history(a->history);
	} else {
		append_history(1, a->history);
	}
}

static char *history_file;

static void
init_readline(App *a)
{
	if (inited)
		return;
	inited = true;
	devnull = fopen("/dev/null", "w");
	rl_readline_name = "shardlab";
	rl_instream = stdin;
	rl_outstream = devnull ? devnull : stderr;
	rl_getc_function = getc_cb;
	rl_input_available_hook = input_available_cb;
	rl_redisplay_function = redisplay_cb;
	rl_prep_term_function = prep_term_cb;
	rl_deprep_term_function = deprep_term_cb;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_attempted_completion_function = complete_cb;
	rl_completion_display_matches_hook = display_matches_cb;
	rl_initialize();
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_variable_bind("bell-style", "none");
	rl_variable_bind("show-all-if-ambiguous", "on");
	rl_variable_bind("horizontal-scroll-mode", "on");
	using_history();
	stifle_history(HISTORY_MAX);
	if (a->history) {
		read_history(a->history);
		history_file = xstrdup(a->history);
	}
}

/* ---- the line ------------------------------------------------------- */

void
cmdline_open(App *a, const char *prefill)
{
	init_readline(a);
	cur = a;
	q_len = 0;
	got_line = false;
	line_done = NULL;
	a->cmd_active = true;
	a->cmd_hint[0] = '\0';
	rl_callback_handler_install(":", line_cb);
	if (prefill && *prefill) {
		rl_insert_text(prefill);
		rl_point = rl_end;
	}
}

void
cmdline_close(App *a)
{
	if (!a->cmd_active)
		return;
	rl_callback_handler_remove();
	a->cmd_active = false;
	a->quit_after_save = false;
	cur = NULL;
}

static void
feed(int c)
{
	if (q_len < QUEUE_MAX)
		queue[q_len++] = (unsigned char)c;
	while (q_len > 0 && !got_line)
		rl_callback_read_char();
}

/* Keys curses decoded: call the editing function directly. */
static bool
special(int key)
{
	switch (key) {
	case TK_LEFT: rl_backward_char(1, 0); return true;
	case TK_RIGHT: rl_forward_char(1, 0); return true;
	case TK_UP: rl_get_previous_history(1, 0); return true;
	case TK_DOWN: rl_get_next_history(1, 0); return true;
	case TK_HOME: rl_beg_of_line(1, 0); return true;
	case TK_END: rl_end_of_line(1, 0); return true;
	case TK_DEL: rl_delete(1, 0); return true;
	case TK_BACKSPACE: rl_rubout(1, 0); return true;
	default: return false;
	}
}

int
cmdline_key(App *a, int key)
{
	int flags = H_HANDLED | H_REDRAW;

	cur = a;
	a->cmd_hint[0] = '\0';
	if (key == TK_ESC || key == TK_INTERRUPT) {
		cmdline_close(a);
		app_msg(a, ROLE_MESSAGE, "cancelled");
		return flags;
	}
	if (key == TK_CLICK || key == TK_WHEEL_UP || key == TK_WHEEL_DOWN || key == TK_RESIZE)
		return flags;
	if (key & TK_META_BIT) {
		feed(27);
		if (!got_line)
			feed(key & 0xff);
	} else if (special(key)) {
		/* done */
	} else if (key == TK_ENTER) {
		feed('\r');
	} else if (key >= 0 && key < 256) {
		feed(key);
	}
	if (!got_line)
		return flags;
	char *line = line_done;
	bool quit_after = a->quit_after_save;
	got_line = false;
	line_done = NULL;
	rl_callback_handler_remove();
	a->cmd_active = false;
	a->quit_after_save = false;
	cur = NULL;
	if (!line) {
		app_msg(a, ROLE_MESSAGE, "cancelled");
		return flags;
	}
	char *p = line;
	while (*p == ' ' || *p == ':')
		p++;
	if (*p) {
		history_save_line(a, line);
		a->quit_after_save = quit_after;
		flags |= app_command(a, p);
		a->quit_after_save = false;
	}
	free(line);
	return flags;
}

void
cmdline_draw(App *a, Grid *g, int y)
{
	const char *buf = rl_line_buffer ? rl_line_buffer : "";
	int point = rl_point;
	int width = a->cols - 1;
	int cols_before = 0;

	grid_fill(g, (Rect){ y, 0, 1, a->cols }, ' ', ROLE_DEFAULT);
	grid_put(g, y, 0, 1, ROLE_TITLE, ":");
	for (int i = 0; i < point && buf[i]; i++)
		cols_before += ((unsigned char)buf[i] & 0xc0) != 0x80;
	/* scroll so the cursor stays in view */
	int skip = cols_before >= width - 1 ? cols_before - width + 2 : 0;
	const char *s = buf;
	for (int k = 0; k < skip && *s; k++) {
		uint32_t cp;
		s += utf8_decode(s, &cp);
	}
	grid_put(g, y, 1, width, ROLE_DEFAULT, s);
	g->cursor = true;
	g->cur_y = y;
	g->cur_x = 1 + cols_before - skip;
}

void
cmdline_shutdown(void)
{
	if (!inited)
		return;
	if (cur && cur->cmd_active)
		rl_callback_handler_remove();
	if (history_file)
		history_truncate_file(history_file, HISTORY_MAX);
	cands_clear();
	clear_history();
	if (devnull) {
		fclose(devnull);
		devnull = NULL;
		rl_outstream = stderr;
	}
	inited = false;
	free(history_file);
	history_file = NULL;
	cur = NULL;
}
