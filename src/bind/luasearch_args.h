/* luasearch_args.h: shardlab.search{}'s own keys, the Lua rows of the
 * search-option table (core/searchopts.h), read through search_opt_apply
 * as the CLI's `search` options and the TUI's `:search` are. */
#ifndef SHARDLAB_BIND_LUASEARCH_ARGS_H
#define SHARDLAB_BIND_LUASEARCH_ARGS_H

#include <lua.h>
#include <stddef.h>

#include "core/searchopts.h"

/* luasearch_args: the options table at index 1 into q (flags as booleans,
 * dtype lists as "bf16,fp8" or {"bf16", "fp8"}, numbers as numbers or
 * text); the remaining keys (the scenario's) are left in a new table that
 * replaces it at 1.  Raises "bad argument 'KEY' to 'search' (WHY)". */
void luasearch_args(lua_State *L, SearchQuery *q);

/* luasearch_keys_text: "; and search's: objective, top, ..." into buf[n]
 * for the unknown-key message; returns buf. */
const char *luasearch_keys_text(char *buf, size_t n);

#endif
