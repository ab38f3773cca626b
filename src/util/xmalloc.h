/* xmalloc.h: allocation and message helpers for the user-facing layers
 * (never used by src/core).  xmalloc and friends abort through fatal() on
 * exhaustion; xasprintf builds the `char **cause` messages (tmux xmalloc.c). */
#ifndef SHARDLAB_UTIL_XMALLOC_H
#define SHARDLAB_UTIL_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* xasprintf: printf into a new string; caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* path_file: the file-name part of path (after its last '/'), for messages
 * that must fit a line; path itself when it has no '/' or ends in one. */
const char *path_file(const char *path);

/* read_file: the whole file at path as a NUL-terminated string, caller
 * frees; NULL with *cause ("PATH: No such file or directory") on error.
 * Refuses files above max_bytes, what is not a regular file (a FIFO would
 * block the reader for good) and text holding a NUL byte. */
char *read_file(const char *path, size_t max_bytes, char **cause);

/* write_file_atomic: write data to path through a temporary file in the same
 * directory and rename(2) it into place, keeping the file's mode and owner;
 * through a symbolic link, the link's target is replaced and the link kept.
 * Returns 0 or -1 with *cause naming path (never the temporary file). */
int write_file_atomic(const char *path, const char *data, size_t len, char **cause);

/* fatal_hook: called by fatal() before exiting (the TUI restores the
 * terminal there). */
extern void (*fatal_hook)(void);
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
