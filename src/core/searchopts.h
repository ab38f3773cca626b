/* searchopts.h: the one table of strategy-search options (name, type,
 * bounds, default, help): `shardlab search`'s options, the TUI's
 * `:search`, Lua's search{} keys, the "query" of search --json and the
 * man page's SEARCH OPTIONS all walk it.  One parser per front end reads
 * a value with search_opt_apply (text) or search_opt_apply_bool (Lua's
 * booleans, a flag given on the command line). */
#ifndef SHARDLAB_CORE_SEARCHOPTS_H
#define SHARDLAB_CORE_SEARCHOPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "params.h"
#include "search.h"

#define SEARCH_QUERY_DEFAULT_TOP 10     /* rows in the ranking */
#define SEARCH_QUERY_MAX_TOP 1000
#define SEARCH_QUERY_MAX_THREADS 64
/* --spec K's largest K: the spec_tokens key's bound */
#define SEARCH_QUERY_MAX_SPEC PARAM_SPEC_TOKENS_MAX

typedef enum {
	SOPT_OBJECTIVE, SOPT_TOP, SOPT_CSV, SOPT_USD, SOPT_DTYPES, SOPT_KV_DTYPES, SOPT_MAX_GPUS,
	SOPT_MAX_BATCH, SOPT_TP_NODES, SOPT_NO_MICRO, SOPT_NO_CHUNKED, SOPT_INPUT_CV, SOPT_OUTPUT_CV,
	SOPT_THREADS, SOPT_NO_PLOT, SOPT_CHART, SOPT_CHECKS,
	SOPT_SPEC,
	SOPT_DISAGG,
	SOPT_COUNT
} SearchOptId;

typedef enum {
	SOPT_T_FLAG,            /* no value on the command line; a boolean in Lua */
	SOPT_T_INT, SOPT_T_REAL,
	SOPT_T_OBJECTIVE,       /* throughput, ttft, tpot, gpus, cost */
	SOPT_T_DTYPES,          /* "bf16,fp8" or "all" */
	SOPT_T_PATH             /* a file name, kept as given (borrowed) */
} SearchOptType;

/* The front ends an option belongs to. */
enum { SOPT_CLI = 1, SOPT_TUI = 2, SOPT_LUA = 4 };

typedef struct SearchOptDef {
	const char *name;       /* --name on the command line and in :search */
	const char *lua;        /* the Lua key; a flag's key names what true means */
	SearchOptType type;
	const char *arg;        /* "N", "X", "NAME", "LIST|all"; NULL for a flag */
	double min, max;        /* numeric options */
	unsigned fronts;        /* SOPT_CLI | SOPT_TUI | SOPT_LUA */
	bool lua_negates;       /* Lua's true means the flag is absent (chunked_prefill) */
	const char *json;       /* its field in search --json's "query", or NULL */
	const char *help;       /* one line */
} SearchOptDef;

/* Everything the search options set: the core's SearchOptions and what
 * the front ends do with the result. */
typedef struct SearchQuery {
	SearchOptions so;
	int top;                /* rows in the ranking */
	int threads;            /* 0 = the online CPUs */
	bool csv, no_plot;
	const char *chart;      /* --chart FILE.svg: the Pareto front drawn (borrowed), or NULL */
	bool checks;            /* Lua: run the registered checks as a filter */
	bool disagg;            /* also search disaggregated prefill/decode (core/disagg.h) */
} SearchQuery;

/* search_query_init: the defaults (search_options_init, top 10, checks on). */
void search_query_init(SearchQuery *q);

const SearchOptDef *search_opt_def(SearchOptId id);

/* search_opt_find: the option called `name` (CLI name or Lua key, dashes
 * and underscores alike) among those of front end `front`, or -1. */
int search_opt_find(const char *name, unsigned front);

/* search_opt_apply: set option id of q from text (a path option keeps the
 * pointer: text must outlive q; a flag: text NULL sets
 * it as the command line does).  Returns 0, or -1 with the reason ("must
 * be a whole number in 1..1000") in why[n]. */
int search_opt_apply(SearchQuery *q, SearchOptId id, const char *text, char *why, size_t n);

/* search_opt_take: argv[*i] as one option of `front` ("--name", "--name=V"
 * or "--name V", the value then read from argv[*i + 1] and *i advanced),
 * applied to q.  Returns 1 when applied (its id into *id, its value or NULL
 * into *value), 0 when argv[*i] is no option of the table (*id = -1: not
 * "--...", or an unknown name, for the caller to keep or refuse), or -1
 * with why ("--top: needs a value (N)", "--csv takes no value", "--top x:
 * must be ..."): the CLI and `:search` parse their words with it. */
int search_opt_take(SearchQuery *q, int argc, char *const *argv, int *i, unsigned front, int *id,
    const char **value, char *why, size_t n);

/* search_opt_apply_bool: a flag as a boolean, in Lua's sense (lua_negates). */
int search_opt_apply_bool(SearchQuery *q, SearchOptId id, bool on, char *why, size_t n);

/* search_query_check: what the options ask of the scenario s: the KV-cache
 * dtypes tried must be ones the runtime offers (Runtime.kv_dtypes), and the
 * cost objective needs a price (the option's or the cluster's).  `front`
 * (SOPT_CLI, SOPT_TUI or SOPT_LUA) spells the options as that front end
 * does.  Returns 0, or -1 with the option at fault in *bad and the reason
 * in why; the CLI, :search and Lua's search{} all ask it. */
int search_query_check(const SearchQuery *q, const Scenario *s, unsigned front, SearchOptId *bad,
    char *why, size_t n);

/* search_opt_value: the value of a SearchOptions option as JSON writes it:
 * a number (flags 0/1) into *num, or a string (the objective) into *str.
 * Returns 0 for a number, 1 for a string, 2 for a flag, -1 when the option
 * is not in SearchOptions or is a dtype list. */
int search_opt_value(const SearchOptions *o, SearchOptId id, double *num, const char **str);

#endif
