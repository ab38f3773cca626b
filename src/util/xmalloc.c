/* xmalloc.c: see xmalloc.h. */
#include "xmalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void (*fatal_hook)(void);

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("shardlab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory (%zu bytes)", n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		fatal("out of memory (%zu bytes)", n);
	return q;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap, ap2;
	int n;
	char *s;

	va_start(ap, fmt);
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		fatal("bad format string");
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap2);
	va_end(ap2);
	return s;
}

const char *
path_file(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

char *
read_file(const char *path, size_t max_bytes, char **cause)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_NONBLOCK);
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	FILE *f;

	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*cause = fstat(fd, &st) != 0 ? xasprintf("%s: %s", path, strerror(errno)) :
		    S_ISDIR(st.st_mode) ? xasprintf("%s: is a directory", path) :
		    xasprintf("%s: not a regular file (a FIFO, socket or device)", path);
		close(fd);
		return NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (!(f = fdopen(fd, "rb"))) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	for (;;) {
		if (len + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (len > max_bytes) {
			*cause = xasprintf("%s: larger than %zu bytes", path, max_bytes);
			free(buf);
			fclose(f);
			return NULL;
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	const char *nul = memchr(buf, '\0', len);
	if (nul) {
		*cause = xasprintf("%s: not a text file (a NUL byte at byte %zu)", path, (size_t)(nul - buf));
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	return buf;
}

/* The file a path names: symbolic links followed (a dangling one to
 * where it points), so that saving through a link keeps the link. */
static char *
link_target(const char *path)
{
	char *cur = xstrdup(path);
	struct stat st;

	for (int hops = 0; hops < 16 && lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		char to[4096];
		ssize_t n = readlink(cur, to, sizeof to - 1);
		if (n <= 0)
			break;
		to[n] = '\0';
		char *slash = strrchr(cur, '/');
		char *next = to[0] == '/' || !slash ? xstrdup(to) :
		    xasprintf("%.*s/%s", (int)(slash - cur), cur, to);
		free(cur);
		cur = next;
	}
	return cur;
}

int
write_file_atomic(const char *path, const char *data, size_t len, char **cause)
{
	char *target = link_target(path);
	char *slash = strrchr(target, '/');
	/* a short temporary name: the user's may already be NAME_MAX long */
	char *tmp = slash ? xasprintf("%.*s/.shardlab-XXXXXX", (int)(slash - target), target) :
	    xstrdup(".shardlab-XXXXXX");
	struct stat st;
	bool existed = stat(target, &st) == 0;
	int fd = mkstemp(tmp), rc = -1;
	FILE *f = NULL;

	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto out;
	}
	/* keep the file's mode and owner; a new file gets 0666 less the umask */
	if (existed) {
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
			/* not ours to give away: keep our own */
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (!(f = fdopen(fd, "wb"))) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (fwrite(data, 1, len, f) != len || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, target) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	free(target);
	return rc;
}
