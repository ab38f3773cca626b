/* child.c: one fork + pipe helper; see child.h. */
#include "child.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <time.h>
#include <unistd.h>

#include "util/xmalloc.h"

double
child_now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void
child_write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t k = write(fd, p, len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return;
		p += k;
		len -= (size_t)k;
	}
}

static void __attribute__((noreturn))
child_main(int fd, bool output, ChildFn fn, void *ud, pid_t parent)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGPIPE, SIGSEGV,
		SIGBUS, SIGFPE, SIGILL, SIGABRT };

#ifdef __linux__
	/* the child dies with the workbench, even one killed with SIGKILL
	 * (issue 10 item 4: a :run child looping in a message handler outlived
	 * it); the getppid test closes the race with a parent already gone */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
	if (getppid() != parent)
		_exit(127);

	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	int null = open("/dev/null", O_RDWR);
	if (null >= 0)
		dup2(null, STDIN_FILENO);
	dup2(output ? fd : null, STDOUT_FILENO);
	dup2(output ? fd : null, STDERR_FILENO);
	int status = fn(ud, fd);
	_exit(status & 0xff);
}

int
child_start(Child *c, const char *what, bool output, ChildFn fn, void *ud, char **cause)
{
	int fds[2];

	if (pipe(fds) != 0) {
		*cause = xasprintf("%s: pipe: %s", what, strerror(errno));
		return -1;
	}
	fflush(NULL);
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		*cause = xasprintf("%s: fork: %s", what, strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child_main(fds[1], output, fn, ud, parent);
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	c->pid = pid;
	c->fd = fds[0];
	c->started_s = child_now_s();
	return 0;
}

ssize_t
child_read(Child *c, char *buf, size_t n, int timeout_ms)
{
	for (;;) {
		if (c->fd < 0)
			return 0;
		struct pollfd pfd = { c->fd, POLLIN, 0 };
		int r = poll(&pfd, 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		ssize_t k = read(c->fd, buf, n);
		if (k < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		return k < 0 ? 0 : k;
	}
}

int
child_reap(Child *c)
{
	int st = 0;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->pid > 0)
		while (waitpid(c->pid, &st, 0) < 0 && errno == EINTR)
			;
	c->pid = 0;
	return st;
}
