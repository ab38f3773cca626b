/* term.c: the terminal: curses set-up and tear-down, colours, keys and
 * mouse as TK_* codes, signals, the one copy of the grid to the screen,
 * and the event loop.  The only file that includes curses.h.
 *
 * One loop driven by dirty flags (htop ScreenManager.c): signal handlers
 * only set volatile sig_atomic_t flags; keys typed ahead are all handled
 * before the next frame; Lua checks run when no key is waiting.  The
 * terminal is restored on every way out: quit, fatal() (fatal_hook),
 * exit (atexit), SIGTERM/SIGHUP/SIGQUIT (the loop ends and unsaved work is
 * written to a recovery file), and crashes (a handler that writes the
 * terminal's reset strings with write(2) and re-raises). */
#include <curses.h>
#include <errno.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

#include "cmdline.h"
#include "frame.h"
#include "ranking.h"
#include "tui.h"
#include "util/xmalloc.h"

/* While a search runs in the background, the screen is redrawn this often
 * (its elapsed time). */
#define SEARCH_TICK_MS 200

static volatile sig_atomic_t got_winch, got_int, got_term;

static SCREEN *screen;
static bool curses_on;
static struct termios saved_tio;
static bool tio_saved;
static char restore_seq[512];
static size_t restore_len;
/* No alternate screen (vt100 and others without smcup/rmcup): what was
 * drawn stays on the terminal after endwin, so stopping clears it. */
static bool no_alt_screen;
static attr_t role_attr[ROLE_COUNT];
static Cell *front;             /* what the terminal shows */
static int front_rows, front_cols;

/* ---- restoring the terminal ------------------------------------------ */

/* Async-signal-safe: the reset strings captured at start-up, then the
 * saved terminal modes. */
static void
restore_raw(void)
{
	if (restore_len) {
		ssize_t k = write(STDOUT_FILENO, restore_seq, restore_len);
		(void)k;
	}
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

static void
term_stop(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	if (front) {
		free(front);
		front = NULL;
	}
	curs_set(1);
	mousemask(0, NULL);
	endwin();
	if (restore_len) {
		/* mouse reporting off, in case endwin left it on */
		static const char mouse_off[] = "\033[?1000l\033[?1002l\033[?1006l";
		ssize_t k = write(STDOUT_FILENO, mouse_off, sizeof mouse_off - 1);
		(void)k;
	}
	if (no_alt_screen) {
		/* the shell's prompt on a clean screen, as with rmcup (putp
		 * honours vt100's padding, "$<50>") */
		char *cl = tigetstr((char *)"clear");
		if (cl && cl != (char *)-1) {
			putp(cl);
			fflush(stdout);
		}
	}
	delscreen(screen);
	screen = NULL;
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

static void
fatal_signal(int sig)
{
	restore_raw();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* A second SIGINT, SIGTERM or SIGHUP before the loop has read the first
 * means the loop is stuck (in-process Lua is bounded, but a hang
 * elsewhere must not leave a raw terminal): restore it and exit at once,
 * async-signal-safely (htop CRT.c CRT_handleSIGTERM). */
static void
second_signal(int sig)
{
	static const char msg[] = "shardlab: interrupted twice; exiting without saving\n";
	ssize_t k;

	restore_raw();
	k = write(STDERR_FILENO, msg, sizeof msg - 1);
	(void)k;
	_exit(128 + sig);
}

static void
flag_signal(int sig)
{
	switch (sig) {
	case SIGWINCH: got_winch = 1; break;
	case SIGINT:
		if (got_int)
			second_signal(sig);
		got_int = 1;
		break;
	default:
		if (got_term)
			second_signal(sig);
		got_term = sig;
		break;
	}
}

static void
add_restore(const char *cap)
{
	char *s = tigetstr((char *)cap);
	if (!s || s == (char *)-1)
		return;
	/* without the padding delays ("$<2>" on vt100): written raw from a
	 * signal handler, they would show as text */
	for (; *s && restore_len + 1 < sizeof restore_seq; s++) {
		char *end;
		if (s[0] == '$' && s[1] == '<' && (end = strchr(s, '>'))) {
			s = end;
			continue;
		}
		restore_seq[restore_len++] = *s;
	}
}

static void
install_signals(void)
{
	struct sigaction sa;
	static const int flags_sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	static const int fatal_sigs[] = { SIGABRT,
#if !defined(__SANITIZE_ADDRESS__)
		SIGSEGV, SIGBUS, SIGFPE, SIGILL,
#endif
	};

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = flag_signal;
	sa.sa_flags = 0;        /* no SA_RESTART: poll returns EINTR and the loop looks */
	for (size_t i = 0; i < sizeof flags_sigs / sizeof flags_sigs[0]; i++)
		sigaction(flags_sigs[i], &sa, NULL);
	sa.sa_handler = fatal_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof fatal_sigs / sizeof fatal_sigs[0]; i++)
		sigaction(fatal_sigs[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
#if defined(__SANITIZE_ADDRESS__)
	__sanitizer_set_death_callback(restore_raw);
#endif
}

static void
reset_signals(void)
{
	static const int sigs[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGABRT, SIGSEGV,
		SIGBUS, SIGFPE, SIGILL };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
}

/* ---- colours ---------------------------------------------------------- */

static attr_t
ta_to_curses(int ta)
{
	attr_t a = A_NORMAL;
	if (ta & TA_BOLD) a |= A_BOLD;
	if (ta & TA_REVERSE) a |= A_REVERSE;
	if (ta & TA_UNDERLINE) a |= A_UNDERLINE;
	if (ta & TA_DIM) a |= A_DIM;
	return a;
}

static void
init_colours(App *a)
{
	bool colour = a->theme.mode == THEME_COLOR && has_colors();
	if (colour) {
		start_color();
		bool deflt = use_default_colors() == OK;
		if (COLORS < 8 || COLOR_PAIRS < ROLE_COUNT + 1)
			colour = false;
		for (int i = 0; colour && i < ROLE_COUNT; i++) {
			const RoleStyle *r = &a->theme.role[i];
			short fg = r->fg, bg = r->bg;
			if (!deflt) {
				fg = fg < 0 ? COLOR_WHITE : fg;
				bg = bg < 0 ? COLOR_BLACK : bg;
			}
			init_pair((short)(i + 1), fg, bg);
		}
	}
	if (!colour)
		a->theme.mode = THEME_MONO;
	for (int i = 0; i < ROLE_COUNT; i++) {
		const RoleStyle *r = &a->theme.role[i];
		role_attr[i] = colour ? (COLOR_PAIR(i + 1) | ta_to_curses(r->attr)) : ta_to_curses(r->mono);
	}
}

/* ---- the grid to the screen ------------------------------------------- */

static void
flush_grid(App *a, bool all)
{
	const Grid *g = &a->grid;

	if (!front || front_rows != g->rows || front_cols != g->cols) {
		free(front);
		front = xcalloc((size_t)g->rows * (size_t)g->cols, sizeof *front);
		front_rows = g->rows;
		front_cols = g->cols;
		all = true;
	}
	if (all)
		clearok(curscr, TRUE);
	for (int y = 0; y < g->rows; y++) {
		for (int x = 0; x < g->cols; x++) {
			size_t i = (size_t)y * (size_t)g->cols + (size_t)x;
			Cell c = g->cells[i];
			if (!all && front[i].ch == c.ch && front[i].role == c.role)
				continue;
			front[i] = c;
			attr_t at = role_attr[c.role < ROLE_COUNT ? c.role : 0];
			if (c.ch < 0x80) {
				mvaddch(y, x, (chtype)c.ch | at);
			} else {
				cchar_t cc;
				wchar_t w[2] = { (wchar_t)c.ch, 0 };
				setcchar(&cc, w, at & ~A_COLOR, (short)PAIR_NUMBER(at), NULL);
				mvadd_wch(y, x, &cc);
			}
		}
	}
	if (g->cursor) {
		curs_set(1);
		move(g->cur_y, g->cur_x);
	} else {
		curs_set(0);
	}
	refresh();
}

/* ---- keys ------------------------------------------------------------ */

static int
translate_code(App *a, int code)
{
	MEVENT ev;

	switch (code) {
	case KEY_UP: return TK_UP;
	case KEY_DOWN: return TK_DOWN;
	case KEY_LEFT: return TK_LEFT;
	case KEY_RIGHT: return TK_RIGHT;
	case KEY_HOME: return TK_HOME;
	case KEY_END: return TK_END;
	case KEY_PPAGE: return TK_PGUP;
	case KEY_NPAGE: return TK_PGDN;
	case KEY_BTAB: return TK_BTAB;
	case KEY_BACKSPACE: return TK_BACKSPACE;
	case KEY_DC: return TK_DEL;
	case KEY_ENTER: return TK_ENTER;
	case KEY_RESIZE: return TK_RESIZE;
	case KEY_MOUSE:
		if (getmouse(&ev) != OK)
			return -1;
		a->mouse_y = ev.y;
		a->mouse_x = ev.x;
		if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
			return TK_CLICK;
		if (ev.bstate & BUTTON4_PRESSED)
			return TK_WHEEL_UP;
#ifdef BUTTON5_PRESSED
		if (ev.bstate & BUTTON5_PRESSED)
			return TK_WHEEL_DOWN;
#endif
		return -1;
	default:
		if (code >= KEY_F(1) && code <= KEY_F(10))
			return TK_F1 + (code - KEY_F(1));
		return -1;
	}
}

/* Read what is waiting: keys into keys[] (a typed character may be several
 * UTF-8 bytes); returns the count, 0 when nothing waits. */
static int
read_keys(App *a, int *keys, int max)
{
	wint_t wc;
	int r = get_wch(&wc);

	if (r == ERR)
		return 0;
	if (r == KEY_CODE_YES) {
		int k = translate_code(a, (int)wc);
		if (k < 0)
			return -1;
		keys[0] = k;
		return 1;
	}
	switch (wc) {
	case 27: {
		/* ESC and a key at once is Alt+key for readline's word motions;
		 * elsewhere they are two keys (Esc, then the key) */
		wint_t w2;
		if (!a->cmd_active) {
			keys[0] = TK_ESC;
			return 1;
		}
		int r2 = get_wch(&w2);
		if (r2 == OK && w2 < 0x80 && w2 != 27) {
			keys[0] = TK_META((int)w2);
			return 1;
		}
		/* not Alt+key: leave the next key for the next read */
		if (r2 == KEY_CODE_YES)
			ungetch((int)w2);
		else if (r2 == OK)
			unget_wch(w2);
		keys[0] = TK_ESC;
		return 1;
	}
	case '\r': case '\n': keys[0] = TK_ENTER; return 1;
	case 127: case 8: keys[0] = TK_BACKSPACE; return 1;
	case 3: keys[0] = TK_INTERRUPT; return 1;
	default:
		break;
	}
	if (wc < 0x80) {
		keys[0] = (int)wc;
		return 1;
	}
	char u[4];
	int n = utf8_encode((uint32_t)wc, u);
	for (int i = 0; i < n && i < max; i++)
		keys[i] = (unsigned char)u[i];
	return n < max ? n : max;
}

static bool
input_waiting(void)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };
	return poll(&p, 1, 0) > 0;
}

/* ---- start, loop, stop ----------------------------------------------- */

static void
fatal_hook_fn(void)
{
	term_stop();
}

static void
atexit_fn(void)
{
	term_stop();
}

static int
term_start(App *a, char **cause)
{
	if (tcgetattr(STDIN_FILENO, &saved_tio) == 0)
		tio_saved = true;
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		const char *t = getenv("TERM");
		*cause = xasprintf("cannot use the terminal (TERM=%s); try TERM=xterm", t ? t : "");
		return -1;
	}
	set_term(screen);
	curses_on = true;
	char *cup = tigetstr((char *)"cup");
	if (!cup || cup == (char *)-1) {
		/* TERM=dumb and friends: no full-screen drawing possible */
		const char *t = getenv("TERM");
		term_stop();
		*cause = xasprintf("TERM=%s cannot move the cursor; the workbench needs a full-screen "
		    "terminal (use 'shardlab eval' or 'shardlab run SCRIPT.lua' here)", t ? t : "");
		return -1;
	}
	fatal_hook = fatal_hook_fn;
	static bool registered;
	if (!registered) {
		atexit(atexit_fn);
		registered = true;
	}
	restore_len = 0;
	add_restore("sgr0");
	add_restore("cnorm");
	add_restore("rmcup");
	char *rmcup = tigetstr((char *)"rmcup");
	no_alt_screen = !rmcup || rmcup == (char *)-1 || !*rmcup;
	if (no_alt_screen)
		add_restore("clear");   /* the fatal paths too */
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	init_colours(a);
	if (a->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
		mouseinterval(0);
	}
	install_signals();
	return 0;
}

/* Write the unsaved scenario where the user will find it. */
static char *
write_recovery(App *a)
{
	char *dir = catalog_user_dir(), *path, *cause = NULL;
	if (!dir)
		return NULL;
	path = xasprintf("%s/recover.lua", dir);
	char *mk = xasprintf("%s/", dir);
	for (char *s = mk + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(mk, 0700);
			*s = '/';
		}
	free(mk);
	free(dir);
	char *text = app_scenario_text(a, false);
	if (write_file_atomic(path, text, strlen(text), &cause) != 0) {
		free(cause);
		free(path);
		path = NULL;
	}
	free(text);
	return path;
}

static void
loop(App *a)
{
	bool dirty = true, all = true;
	int keys[8];

	while (!a->quit && !got_term) {
		if (got_winch) {
			struct winsize ws;
			got_winch = 0;
			if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
				resizeterm(ws.ws_row, ws.ws_col);
			app_resize(a, LINES, COLS);
			dirty = all = true;
		}
		if (got_int) {
			got_int = 0;
			app_key(a, TK_INTERRUPT);
			dirty = true;
			continue;
		}
		if (dirty) {
			app_render(a);
			flush_grid(a, all);
			dirty = all = false;
		}
		if (a->lua_dirty && !input_waiting()) {
			app_run_lua_checks(a);
			dirty = true;
			continue;
		}
		/* keys, a :run script's output, a search's result */
		struct pollfd fds[3] = { { STDIN_FILENO, POLLIN, 0 }, { -1, POLLIN, 0 }, { -1, POLLIN, 0 } };
		if (a->job.pid && a->job.out_fd >= 0)
			fds[1].fd = a->job.out_fd;
		fds[2].fd = app_search_fd(a);
		/* while a search runs, its elapsed time on screen ticks */
		int r = poll(fds, 3, fds[2].fd >= 0 ? SEARCH_TICK_MS : -1);
		if (r < 0)
			continue;       /* EINTR: a signal flag is set */
		if (r == 0) {
			dirty = true;
			continue;
		}
		if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
			got_term = SIGHUP;
			break;
		}
		if (fds[0].revents & POLLIN) {
			int n;
			while ((n = read_keys(a, keys, 8)) != 0) {
				for (int i = 0; i < n; i++) {
					int f = app_key(a, keys[i]);
					if (keys[i] == TK_RESIZE) {
						app_resize(a, LINES, COLS);
						all = true;
					}
					if (keys[i] == TK_CTRL('l'))
						all = true;
					if (f)
						dirty = true;
				}
				if (a->quit)
					break;
			}
		}
		if (fds[1].fd >= 0 && (fds[1].revents & (POLLIN | POLLHUP)))
			if (app_job_poll(a, 0))
				dirty = true;
		if (fds[2].fd >= 0 && (fds[2].revents & (POLLIN | POLLHUP)))
			if (app_search_poll(a, 0))
				dirty = true;
	}
}

int
tui_run(const Catalog *c, const AppOptions *o, char **cause)
{
	App *a;
	int status = 0;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the workbench needs a terminal: stdin and stdout must be a tty; use "
		    "'shardlab eval' for one evaluation or 'shardlab run SCRIPT.lua' for a script");
		return -1;
	}
	if (!(a = app_new(c, o, cause)))
		return -1;
	if (term_start(a, cause) != 0) {
		app_free(a);
		return -1;
	}
	app_resize(a, LINES, COLS);
	loop(a);
	int sig = got_term;
	bool unsaved = a->modified;
	app_job_cancel(a);
	app_search_cancel(a);
	cmdline_shutdown();
	term_stop();
	reset_signals();
	fatal_hook = NULL;
	if (sig) {
		status = 128 + sig;
		if (unsaved) {
			/* a second signal must not cut the write short (it would
			 * leave the temporary file behind) */
			signal(SIGTERM, SIG_IGN);
			signal(SIGHUP, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			char *path = write_recovery(a);
			if (path)
				fprintf(stderr, "shardlab: ended by signal %d; the unsaved scenario is in %s\n",
				    sig, path);
			free(path);
		}
	}
	app_free(a);
	got_term = 0;
	return status;
}
