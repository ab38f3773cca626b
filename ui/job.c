/* job.c: `:run SCRIPT.lua` in a child process, so a long or looping
 * script never freezes the UI: its print() output and its errors arrive
 * through a pipe the main loop polls; Ctrl-C or :stop kills it; the Lua
 * instruction budget bounds it on its own as well.  See app.h. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app.h"
#include "scenario/child.h"
#include "bind/luaapi.h"
#include "bind/run.h"
#include "util/xmalloc.h"

void
app_output_clear(App *a, const char *title)
{
	a->out_len = 0;
	if (a->out)
		a->out[0] = '\0';
	snprintf(a->out_title, sizeof a->out_title, "%s", title);
	a->out_gen++;
	a->out_from_top = false;
}

void
app_output_append(App *a, const char *text, size_t len)
{
	static const char cut[] = "\n[output truncated]\n";
	size_t room = APP_OUTPUT_MAX - sizeof cut;      /* text kept before the note */

	if (a->out_len >= room)
		return;         /* full: the note is already there */
	bool full = a->out_len + len >= room;
	if (full)
		len = room - a->out_len;
	a->out = xrealloc(a->out, a->out_len + len + sizeof cut);
	memcpy(a->out + a->out_len, text, len);
	a->out_len += len;
	if (full) {
		memcpy(a->out + a->out_len, cut, sizeof cut);  /* with its NUL */
		a->out_len += sizeof cut - 1;
	} else {
		a->out[a->out_len] = '\0';
	}
}

static void
child_output(void *ud, const char *text, size_t len)
{
	child_write_all(*(int *)ud, text, len);
}

/* What the child of `:run` gets. */
typedef struct RunArgs {
	App *a;
	const char *path;
	int argc;
	char *const *argv;
} RunArgs;

/* The child: run the script with its output on the pipe. */
static int
run_child(void *ud, int fd)
{
	const RunArgs *ra = ud;
	App *a = ra->a;
	int status = 1;
	char *cause = NULL;
	LuaLimits lim = a->lim;

	/* what-if scripts get the CLI's budget, not the checks' short one */
	lim.budget = a->run_budget;
	/* the scenario on screen is the script's base (what evaluate{} starts
	 * from), and the Lua check files load first, as with `shardlab run` */
	ScriptOptions opt = { .base = &a->setup, .checks = a->check_files,
		.n_checks = a->n_check_files };
	if (script_run_with(a->cat, &lim, ra->path, ra->argc, ra->argv, &opt, child_output, &fd,
	    &status, &cause) != 0) {
		char *line = xasprintf("shardlab: %s\n", cause);
		child_write_all(fd, line, strlen(line));
		status = 1;
	}
	return status;
}

int
app_job_start(App *a, const char *path, int argc, char *const *argv, char **cause)
{
	char title[256];
	RunArgs ra = { a, path, argc, argv };
	Child c;

	if (a->job.pid) {
		*cause = xasprintf("run: %s is still running (Ctrl-C or :stop stops it)", a->job.path);
		return -1;
	}
	if (access(path, R_OK) != 0) {
		*cause = xasprintf("run: %s: %s", path, strerror(errno));
		return -1;
	}
	if (child_start(&c, "run", true, run_child, &ra, cause) != 0)
		return -1;
	a->job.pid = c.pid;
	a->job.out_fd = c.fd;
	free(a->job.path);
	a->job.path = xstrdup(path);
	a->job.started_s = c.started_s;
	a->out_status = -1;
	snprintf(title, sizeof title, "run %s: running (Ctrl-C stops it)", path);
	app_output_clear(a, title);
	return 0;
}

/* The job as a Child (job.pid, job.out_fd). */
static Child
job_child(const App *a)
{
	return (Child){ a->job.pid, a->job.out_fd, a->job.started_s };
}

static void
reap(App *a, bool killed)
{
	int st = 0;
	char title[256];

	Child c = job_child(a);
	st = child_reap(&c);
	a->job.out_fd = -1;
	double took = child_now_s() - a->job.started_s;
	if (WIFEXITED(st)) {
		a->out_status = WEXITSTATUS(st);
		snprintf(title, sizeof title, "run %s: exit %d after %.2f s", a->job.path, a->out_status,
		    took);
		app_msg(a, a->out_status ? ROLE_ERROR : ROLE_OK, "%s%s", title,
		    a->out_status ? " (o shows the output)" : "");
	} else {
		a->out_status = 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		snprintf(title, sizeof title, "run %s: %s after %.2f s", a->job.path, killed ? "stopped" :
		    "killed by a signal", took);
		app_msg(a, ROLE_WARN, "%s", title);
	}
	snprintf(a->out_title, sizeof a->out_title, "%s", title);
	a->job.pid = 0;
}

int
app_job_poll(App *a, int timeout_ms)
{
	char buf[8192];
	int flags = H_NONE;

	while (a->job.pid && a->job.out_fd >= 0) {
		Child c = job_child(a);
		ssize_t k = child_read(&c, buf, sizeof buf, timeout_ms);
		if (k < 0)
			break;
		if (k == 0) {
			reap(a, false);
			return H_REDRAW;
		}
		app_output_append(a, buf, (size_t)k);
		flags = H_REDRAW;
		if (timeout_ms >= 0)
			timeout_ms = 0;         /* drain what is there, then return */
	}
	return flags;
}

void
app_job_cancel(App *a)
{
	if (!a->job.pid)
		return;
	kill(a->job.pid, SIGTERM);
	for (int i = 0; i < 50; i++) {
		if (waitpid(a->job.pid, NULL, WNOHANG) != 0) {
			/* reaped here: keep what it wrote, without reaping again */
			if (a->job.out_fd >= 0) {
				char buf[8192];
				ssize_t k;
				while ((k = read(a->job.out_fd, buf, sizeof buf)) > 0)
					app_output_append(a, buf, (size_t)k);
				close(a->job.out_fd);
			}
			a->job.out_fd = -1;
			a->out_status = 128 + SIGTERM;
			snprintf(a->out_title, sizeof a->out_title, "run %s: stopped", a->job.path);
			app_msg(a, ROLE_WARN, "stopped %s", a->job.path);
			a->job.pid = 0;
			return;
		}
		usleep(2000);
	}
	kill(a->job.pid, SIGKILL);
	reap(a, true);
}
