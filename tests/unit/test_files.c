/* test_files.c: issue 10's file defects: atomic saves keep mode, links and
 * long names and name the user's file (item 13); FIFOs and NUL bytes are
 * refused with one line (items 8, 14). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"
#include "util/xmalloc.h"

static char *
tmp_dir(void)
{
	char *d = xstrdup("/tmp/shardlab-files-XXXXXX");
	if (!mkdtemp(d))
		abort();
	return d;
}

static void
rm_rf(const char *d)
{
	char *cmd = xasprintf("rm -rf '%s'", d);
	if (system(cmd) != 0)
		test_fail(__FILE__, __LINE__, "cannot remove %s", d);
	free(cmd);
}

TEST(files_save_keeps_mode)
{
	char *d = tmp_dir(), *p = xasprintf("%s/s.lua", d), *cause = NULL;
	struct stat st;

	EXPECT_EQ(write_file_atomic(p, "a\n", 2, &cause), 0);
	chmod(p, 0600);
	EXPECT_EQ(write_file_atomic(p, "b\n", 2, &cause), 0);
	EXPECT_EQ(stat(p, &st), 0);
	EXPECT_EQ(st.st_mode & 07777, 0600);
	free(p);
	rm_rf(d);
	free(d);
}

TEST(files_save_through_link)
{
	char *d = tmp_dir(), *target = xasprintf("%s/real.lua", d), *link = xasprintf("%s/link.lua", d);
	char *cause = NULL, *text;
	struct stat st;

	EXPECT_EQ(write_file_atomic(target, "old\n", 4, &cause), 0);
	EXPECT_EQ(symlink("real.lua", link), 0);
	EXPECT_EQ(write_file_atomic(link, "new\n", 4, &cause), 0);
	EXPECT_EQ(lstat(link, &st), 0);
	EXPECT_TRUE(S_ISLNK(st.st_mode));
	text = read_file(target, 100, &cause);
	EXPECT_TRUE(text && strcmp(text, "new\n") == 0);
	free(text);
	free(target);
	free(link);
	rm_rf(d);
	free(d);
}

TEST(files_save_long_name)
{
	char *d = tmp_dir(), name[256], *p, *cause = NULL;

	memset(name, 'n', 251);
	strcpy(name + 251, ".lua");     /* 255 bytes: NAME_MAX */
	p = xasprintf("%s/%s", d, name);
	EXPECT_EQ(write_file_atomic(p, "x\n", 2, &cause), 0);
	EXPECT_TRUE(cause == NULL);
	free(cause);
	EXPECT_EQ(access(p, F_OK), 0);
	free(p);
	rm_rf(d);
	free(d);
}

TEST(files_save_error_names_file)
{
	char *cause = NULL;

	EXPECT_EQ(write_file_atomic("/nonexistent-dir-shardlab/s.lua", "x", 1, &cause), -1);
	EXPECT_TRUE(cause && strncmp(cause, "/nonexistent-dir-shardlab/s.lua: ", 33) == 0);
	free(cause);
}

TEST(files_fifo_refused)
{
	char *d = tmp_dir(), *p = xasprintf("%s/f.json", d), *cause = NULL;

	EXPECT_EQ(mkfifo(p, 0600), 0);
	/* read_file used to block here for good, waiting for a writer */
	alarm(10);
	EXPECT_TRUE(read_file(p, 100, &cause) == NULL);
	alarm(0);
	EXPECT_STR_CONTAINS(cause, "f.json: not a regular file");
	free(cause);
	free(p);
	rm_rf(d);
	free(d);
}

TEST(files_nul_byte_refused)
{
	char *d = tmp_dir(), *p = xasprintf("%s/b.json", d), *cause = NULL;

	EXPECT_EQ(write_file_atomic(p, "{\"a\":\0 1}", 9, &cause), 0);
	EXPECT_TRUE(read_file(p, 100, &cause) == NULL);
	EXPECT_STR_CONTAINS(cause, "b.json: not a text file (a NUL byte at byte 5)");
	free(cause);
	free(p);
	rm_rf(d);
	free(d);
}
