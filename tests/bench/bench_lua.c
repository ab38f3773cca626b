/* bench_lua.c: shardlab.evaluate called from a Lua loop (issue 3 target: a
 * million calls in a few seconds at most). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "catalog/catalog.h"
#include "bind/run.h"

static void
discard(void *ud, const char *text, size_t len)
{
	(void)ud;
	(void)text;
	(void)len;
}

/* Seconds to run `body` (a Lua loop over i = 1..n) in a fresh state. */
static double
lua_loop_s(const Catalog *c, const char *body, long n)
{
	char path[] = "/tmp/shardlab-bench-XXXXXX";
	int fd = mkstemp(path), status = 0;
	char *cause = NULL;
	char text[1024];
	LuaLimits lim = { .budget = 0 };
	FILE *f;

	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		perror("bench_lua: temporary script");
		exit(1);
	}
	snprintf(text, sizeof text, "local ev = shardlab.evaluate\nfor i = 1, %ld do\n%s\nend\n", n, body);
	fputs(text, f);
	fclose(f);
	double t0 = bench_now();
	if (script_run(c, &lim, path, 0, NULL, discard, NULL, &status, &cause) != 0) {
		fprintf(stderr, "bench_lua: %s\n", cause);
		exit(1);
	}
	double t = bench_now() - t0;
	unlink(path);
	return t;
}

BENCH(bench_lua)
{
	Catalog c;
	long n = 1000000;

	catalog_init(&c);
	double t = lua_loop_s(&c, "local r = ev{ tp = 8, batch = i % 64 + 1 }", n);
	bench_print("lua.eval.per_s", n / t, "evaluate{} calls/s from a Lua loop (llama-3-70b, TP 8)");
	bench_print("lua.eval.1m_s", t, "s for 1,000,000 evaluate{} calls");
	t = lua_loop_s(&c, "local r = ev{ tp = 8, batch = i % 64 + 1 }\nlocal x = r.latency.tpot_s", n);
	bench_print("lua.eval_read.per_s", n / t, "evaluate{} calls/s reading latency.tpot_s");
	t = lua_loop_s(&c, "local r = ev{ model = 'llama-3-70b', cluster = 'h100x8', tp = 2, pp = 4, "
	    "batch = i % 64 + 1, dtype = 'fp8' }\nlocal x = r.memory.per_gpu_bytes", n / 4);
	bench_print("lua.eval_pp4.per_s", n / 4 / t, "evaluate{} calls/s, 6 keys, TP 2 x PP 4");
	catalog_fini(&c);
}
