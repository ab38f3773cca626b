/* luastate.h: the one way shardlab creates and calls into Lua 5.4.
 *
 * A state has a capped allocator, the sandbox of src/lua/sandbox.h (the
 * safe libraries only, read-only; text chunks only; no __gc), and the
 * instruction budget of src/lua/budget.h, whose count hook re-arms itself
 * so a script's own pcall cannot swallow it (Redis script_lua.c
 * luaMaskCountHook; lua.c msghandler).  Scripts, check files, presets and
 * Lua plans all get exactly this. */
#ifndef SHARDLAB_LUA_LUASTATE_H
#define SHARDLAB_LUA_LUASTATE_H

#include <stdbool.h>
#include <stddef.h>

#include <lua.h>

/* Defaults: 64 MiB of Lua heap, 200 million VM instructions per call. */
#define LUA_DEFAULT_MEM_BYTES (64u << 20)
#define LUA_DEFAULT_BUDGET 200000000L

typedef struct LuaLimits {
	size_t mem_bytes;       /* allocator cap */
	long budget;            /* VM instructions per top-level call; 0 = none */
	bool unsafe;            /* open io and os too (--unsafe) */
	bool one_line;          /* errors without a traceback (plans, presets) */
} LuaLimits;

/* luastate_new: a fresh sandboxed state, or NULL with *cause.  Free with
 * luastate_free. */
lua_State *luastate_new(const LuaLimits *lim, char **cause);
void luastate_free(lua_State *L);

/* luastate_pcall: call the function below nargs arguments with the budget
 * armed (a fresh budget; the caller's again after, when calls nest) and the
 * message handler.  On error returns -1 with the message ("file:line:
 * what" + traceback, or one line when lim->one_line) in *cause and the
 * stack as it was before the function was pushed; on success the results
 * are on the stack. */
int luastate_pcall(lua_State *L, int nargs, int nresults, char **cause);

/* luastate_loadfile: load `path` (a regular text file) as a text chunk
 * named "@path" with its own _ENV (sandbox_new_env), push the function.
 * Returns 0, or -1 with *cause ("path:line: ..."). */
int luastate_loadfile(lua_State *L, const char *path, char **cause);

/* luastate_dofile: load and run `path`, leaving `nresults` results; an
 * error that names no file (out of memory) gets "path: " in front. */
int luastate_dofile(lua_State *L, const char *path, int nresults, char **cause);

/* luastate_oom / luastate_budget_tripped: why the last call failed. */
bool luastate_budget_tripped(lua_State *L);

/* A C resource held across calls that may raise (a Lua error longjmps past
 * the C code that would free it): luastate_box pushes a userdata box, at
 * first empty; the caller then creates the resource and stores it in
 * box->p.  free_fn(box->p) runs when the box is collected, or at once with
 * luastate_box_free.  May raise (out of memory) before owning anything. */
typedef struct LuaBox {
	void *p;
	void (*free_fn)(void *);
} LuaBox;

LuaBox *luastate_box(lua_State *L, void (*free_fn)(void *));
void luastate_box_free(LuaBox *box);

#endif
