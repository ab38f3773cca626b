/* search.c: search{...} of the `shardlab` module: every strategy of the
 * scenario's model on its cluster, ranked, as the tree of `shardlab search
 * --json` with the same options (luasearch_args.c reads them by the
 * search-option table) built from the same JSON text; the registered
 * custom checks are the search's filter, as `search --check` runs its
 * check files; disagg = true adds the disaggregated search as "disagg",
 * through disagg_json_add as `search --disagg --json`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bind/luaapi-internal.h"
#include "bind/luajson.h"
#include "bind/luasearch_args.h"
#include "core/searchopts.h"
#include "io/disagg_json.h"
#include "io/search_json.h"
#include "lua/luastate.h"
#include "scenario/search_notes.h"
#include "util/xmalloc.h"

/* What a search holds across calls into Lua (the checks): freed with its
 * box whether the search returns or raises. */
typedef struct LuaSearch {
	Scenario base;
	SearchWork w;
	SearchCandidate *top, *front;
	char *notes[SEARCH_MAX_NOTES];
	int n_notes;
	char *text;
	char *error;                    /* the checks could not run: raised after the search */
} LuaSearch;

static void
lua_search_free(void *p)
{
	LuaSearch *q = p;

	free(q->top);
	free(q->front);
	for (int i = 0; i < q->n_notes; i++)
		free(q->notes[i]);
	free(q->text);
	free(q->error);
	free(q);
}

/* The registered checks as the search's filter (SearchFilter), as `search
 * --check` runs its check files: a candidate failing a check of severity
 * error is rejected, with "id: message". */
typedef struct FilterCtx {
	LuaApi *api;
	LuaSearch *q;
	int model_idx;                  /* the model object, in l_search's frame */
	const Scenario *s;
	const Result *r;
	char *why;
	size_t n;
	bool ok;
} FilterCtx;

static int
filter_protected(lua_State *L)
{
	FilterCtx *x = lua_touserdata(L, 1);
	LuaApi *api = x->api;

	*api->sc = *x->s;
	*api->res = *x->r;
	LuaResult *lr = bind_result_push(L, api, 2, 0, CUSTOM_PENDING);     /* 3 */
	bind_custom_run(L, api, 3, lr);
	x->ok = lr->extra_errors == 0;
	if (x->ok || lua_getiuservalue(L, 3, UV_EXTRA) != LUA_TTABLE)
		return 0;
	lua_Integer n = luaL_len(L, 4);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 4, i);
		lua_getfield(L, -1, "severity");
		if (strcmp(lua_tostring(L, -1), "error") == 0) {
			lua_getfield(L, -2, "id");
			lua_getfield(L, -3, "message");
			snprintf(x->why, x->n, "%s: %s", lua_tostring(L, -2), lua_tostring(L, -1));
			break;
		}
		lua_pop(L, 2);
	}
	return 0;
}

static bool
search_filter(void *ud, const Scenario *s, const Result *r, char *why, size_t n)
{
	FilterCtx *x = ud;
	lua_State *L = x->api->L;

	if (x->q->error) {
		snprintf(why, n, "the checks could not run");
		return false;
	}
	x->s = s;
	x->r = r;
	x->why = why;
	x->n = n;
	x->ok = true;
	lua_pushcfunction(L, filter_protected);
	lua_pushlightuserdata(L, x);
	lua_pushvalue(L, x->model_idx);
	if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
		x->q->error = xstrdup(lua_tostring(L, -1) ? lua_tostring(L, -1) : "out of memory");
		lua_pop(L, 1);
		snprintf(why, n, "the checks could not run");
		return false;
	}
	return x->ok;
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* search{...}: every strategy of the scenario's model on its cluster,
 * ranked: the tree of `shardlab search --json` with the same options. */
static int
l_search(lua_State *L)
{
	LuaApi *api = api_up(L);
	SearchQuery sq;
	char *cause = NULL;

	api->L = L;
	search_query_init(&sq);
	if (lua_isnoneornil(L, 1)) {
		lua_settop(L, 0);
		lua_newtable(L);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	luasearch_args(L, &sq);                         /* 1: evaluate's keys */
	SearchOptions so = sq.so;
	int top = sq.top;
	bool use_checks = sq.checks, disagg = sq.disagg;
	char more[512];
	/* the model object at 2 */
	bind_scenario_args(L, api, "search", luasearch_keys_text(more, sizeof more));

	SearchOptId bad;
	char why[256];
	if (search_query_check(&sq, api->sc, SOPT_LUA, &bad, why, sizeof why) != 0)
		return bind_bad_arg(L, search_opt_def(bad)->lua, "search", why);

	LuaBox *box = luastate_box(L, lua_search_free);
	LuaSearch *q = box->p = xcalloc(1, sizeof *q);
	q->base = *api->sc;
	q->top = xcalloc((size_t)top, sizeof *q->top);
	q->front = xcalloc(SEARCH_PARETO_CAP, sizeof *q->front);
	FilterCtx fc = { .api = api, .q = q, .model_idx = 2 };
	if (use_checks && api->n_checks > 0 && api->in_check == 0) {
		so.filter = search_filter;
		so.filter_ud = &fc;
	}
	SearchResult r;
	search_result_init(&r, q->top, top, q->front, SEARCH_PARETO_CAP);
	double t0 = now_s();
	search_run(&q->base, &so, &q->w, &r);
	search_finish(&q->base, &so, &q->w, &r);
	double elapsed = now_s() - t0;
	if (q->error)
		return luaL_error(L, "search: the checks could not run: %s", q->error);
	if (r.n_top == 0)
		q->n_notes = search_notes(&q->base, &so, &q->w, q->notes, SEARCH_MAX_NOTES);
	q->text = search_json(&q->base, &so, &r, elapsed, (const char *const *)q->notes, q->n_notes, 0);
	if (disagg) {
		/* as cmd-search.c: the disaggregated search on the same scenario,
		 * its best beside the aggregated ranking's */
		DisaggSearchWork *dw = xmalloc(sizeof *dw);
		DisaggSearchResult *dr = xmalloc(sizeof *dr);
		disagg_search(&q->base, so.max_gpus, so.allow_tp_across_nodes, dw, dr);
		char *with = disagg_json_add(q->text, &r, dr, 0);
		free(dw);
		free(dr);
		if (with) {
			free(q->text);
			q->text = with;
		}
	}
	if (luajson_push_tree(L, q->text, &cause) != 0) {
		lua_pushfstring(L, "search: %s", cause);
		free(cause);
		return lua_error(L);
	}
	luastate_box_free(box);
	return 1;
}

const luaL_Reg bind_search_fns[] = {
	{ "search", l_search }, { NULL, NULL }
};
