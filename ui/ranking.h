/* ranking.h: the strategy search behind the ranking screen (`:search
 * [options]`, key r): the options `shardlab search` takes for the search
 * itself, the search run for the scenario on screen, and its result kept
 * beside the scenario it ran on.
 *
 * A small search (a few GPUs, one or two dtypes: a millisecond or so) runs
 * at once; a larger one runs in a child process, as `:run` does, so keys
 * stay live: the child writes the SearchResult, its arrays and the notes
 * of an infeasible search to a pipe the main loop polls (app_search_poll),
 * Esc or Ctrl-C kills it (app_search_cancel).  The result does not depend
 * on which way it ran. */
#ifndef SHARDLAB_UI_RANKING_H
#define SHARDLAB_UI_RANKING_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/disagg.h"
#include "core/search.h"

/* The App is the caller's (app.h includes this header's users, not the
 * other way round). */
typedef struct App App;
typedef struct Ranking Ranking;

/* Searches whose size (GPUs x weight dtypes x KV dtypes) is at most this
 * run in-process: h100x8 with every weight dtype is 32, about 5 ms; the
 * largest, an MoE model on 16 GPUs in two dtypes, about 25 ms. */
#define RANKING_INLINE_WORK 32
#define RANKING_ARGS_MAX 256

/* What `:search` asked for. */
typedef struct RankingQuery {
	SearchOptions so;
	int top;                        /* rows in the ranking */
	bool disagg;                    /* --disagg: also the disaggregated search (core/disagg.h) */
	char args[RANKING_ARGS_MAX];    /* the options as typed, for the title and `s` */
} RankingQuery;

struct Ranking {
	/* the last search that finished */
	bool done;
	RankingQuery q;
	Scenario *base;                 /* the scenario it ran on */
	SearchResult r;                 /* r.top and r.pareto point into top and front */
	SearchCandidate *top, *front;
	char **notes;                   /* nothing feasible: the smallest change (search_notes) */
	int n_notes;
	double elapsed_s;               /* the search itself */
	bool has_disagg;                /* q.disagg: disagg holds its result */
	DisaggSearchResult disagg;
	unsigned gen;                   /* bumped by every new result */
	char error[256];                /* the last search failed, or "" */

	/* the search running in a child process */
	pid_t pid;                      /* 0: none */
	int fd;                         /* read end of its pipe, -1 when closed */
	char *buf;                      /* what it wrote so far */
	size_t len, cap;
	double started_s;
	RankingQuery pending_q;
	Scenario *pending_base;

	int inline_work;                /* RANKING_INLINE_WORK; tests set 0 to fork always */
};

Ranking *ranking_new(void);
/* ranking_free: kills a running search first. */
void ranking_free(Ranking *rk);

/* ranking_query_init: the CLI's defaults: objective throughput per GPU,
 * SEARCH_DEFAULT_TOP rows, the scenario's dtypes. */
void ranking_query_init(RankingQuery *q);

/* ranking_synopsis: ":search [--objective ...] ..." from the search-option
 * table's TUI rows, into buf[n] (truncated to fit); returns buf. */
char *ranking_synopsis(char *buf, size_t n);

/* ranking_parse: `shardlab search`'s own options (argv[0..argc), without
 * the command's name) into *q, which ranking_query_init prepared; s is the
 * scenario to search (for --objective cost's price).  Returns 0, or -1
 * with *cause ("search: --top 0: must be a whole number in 1..1000"). */
int ranking_parse(int argc, char *const *argv, const Scenario *s, RankingQuery *q, char **cause);

/* RANKING_DISAGG_LINES: the lines ranking_disagg_text writes. */
#define RANKING_DISAGG_LINES 3

/* ranking_disagg_text: the disaggregated best of rk (has_disagg) in
 * RANKING_DISAGG_LINES lines for the Ranking screen under the table (about
 * 75 columns; the screen cuts a longer one at its edge): its P:D counts and
 * each pool's instance layout; its GPUs, rate within the SLOs (req/s) and
 * output tokens/s per GPU; then which wins per GPU against the aggregated
 * row with the most tokens/s per GPU (as `search --disagg` compares).
 * Writes buf[n], NUL-terminated, lines separated by '\n'. */
void ranking_disagg_text(const Ranking *rk, char *buf, size_t n);

/* ranking_stale: the scenario changed since rk's search in what the search
 * reads (model, cluster, runtime, workload lengths, SLOs and rate; the
 * dtypes when the search took the scenario's).  The strategy and batch it
 * ignores. */
bool ranking_stale(const Ranking *rk, const Scenario *s);

/* ranking_matches: candidate c is scenario s's own strategy. */
bool ranking_matches(const SearchCandidate *c, const Scenario *s);

/* app_search_start: search for the scenario on screen; in-process when
 * small (the result is there on return), else in a child process (a
 * running search is stopped first).  Returns 0, or -1 with *cause. */
int app_search_start(App *a, const RankingQuery *q, char **cause);

/* app_search_poll: read what the child wrote; take the result when it
 * ends.  timeout_ms < 0 waits until it ends.  Returns H_* flags. */
int app_search_poll(App *a, int timeout_ms);

/* app_search_cancel: stop a running search (the last result stays). */
void app_search_cancel(App *a);

/* app_search_fd: the pipe the main loop polls, or -1. */
int app_search_fd(const App *a);

/* app_search_running: a search runs in a child process. */
bool app_search_running(const App *a);

#endif
