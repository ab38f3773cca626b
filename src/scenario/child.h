/* child.h: work in a child process with its output on a pipe the parent
 * polls, so a long computation (a `:run` script, a large search) never
 * freezes the TUI.  One fork + pipe helper for every such child (ui/job.c,
 * ui/ranking.c). */
#ifndef SHARDLAB_SCENARIO_CHILD_H
#define SHARDLAB_SCENARIO_CHILD_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A running child: pid 0 when none; fd the read end (non-blocking,
 * close-on-exec), -1 when closed. */
typedef struct Child {
	pid_t pid;
	int fd;
	double started_s;       /* child_now_s() at the start */
} Child;

/* What the child runs: write to fd, return the exit status. */
typedef int (*ChildFn)(void *ud, int fd);

/* child_start: fork; the child restores the default signal dispositions,
 * reads /dev/null, writes stdout and stderr to the pipe (output) or to
 * /dev/null, runs fn(ud, fd) and _exits with its status (nothing of the
 * parent's curses, readline or atexit runs twice).  what names the caller
 * in errors ("run").  Returns 0, or -1 with *cause (allocated). */
int child_start(Child *c, const char *what, bool output, ChildFn fn, void *ud, char **cause);

/* child_read: wait up to timeout_ms (< 0: until something comes) and read
 * at most n bytes into buf.  Returns the bytes read, 0 at the end of the
 * output (the child closed its pipe), -1 when nothing came in time. */
ssize_t child_read(Child *c, char *buf, size_t n, int timeout_ms);

/* child_reap: close the pipe and wait for the child; returns its wait
 * status (as waitpid) and clears c. */
int child_reap(Child *c);

/* child_write_all: all of p[len] to fd (EINTR retried; a closed pipe ends
 * it). */
void child_write_all(int fd, const char *p, size_t len);

/* child_now_s: a monotonic clock in seconds. */
double child_now_s(void);

#endif
