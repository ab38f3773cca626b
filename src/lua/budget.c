/* budget.c: the instruction budget; see budget.h. */
#include "budget.h"

#include <lauxlib.h>

/* Count hook granularity: every 10,000 instructions. */
#define HOOK_EVERY 10000

static const char budget_key = 0;       /* registry key: the LuaBudget */

static LuaBudget *
budget_of(lua_State *L)
{
	LuaBudget *b;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &budget_key);
	b = lua_touserdata(L, -1);
	lua_pop(L, 1);
	return b;
}

void
budget_attach(lua_State *L, LuaBudget *b)
{
	lua_pushlightuserdata(L, b);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &budget_key);
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* Raise the budget error at the running Lua line; level is luaL_where's. */
static int
raise_spent(lua_State *L, LuaBudget *b, int level)
{
	b->tripped = true;
	/* re-arm at every instruction: a pcall in the script that catches
	 * this error trips again at its next instruction, so `while true do
	 * pcall(f) end` cannot outlive the budget */
	b->left = 0;
	lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
	luaL_where(L, level);
	lua_pushfstring(L, "script exceeded its budget of %I instructions (--lua-budget)",
	    (lua_Integer)b->budget);
	lua_concat(L, 2);
	return lua_error(L);
}

static void
count_hook(lua_State *L, lua_Debug *ar)
{
	LuaBudget *b = budget_of(L);

	(void)ar;
	if (!b)
		return;
	b->left -= b->left > 0 ? HOOK_EVERY : 0;
	if (b->left <= 0)
		raise_spent(L, b, 0);   /* level 0 in a hook: the running Lua function */
}

/* Refuse every Lua instruction: outside a budgeted call only finalizers
 * and metamethods could run, and they must not loop. */
static void
refuse_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	luaL_error(L, "no budget: Lua code outside a script's call");
}

BudgetSaved
budget_arm(lua_State *L)
{
	LuaBudget *b = budget_of(L);
	BudgetSaved saved = { b->left, b->armed };

	b->tripped = false;
	b->left = b->budget;
	b->armed = true;
	if (b->budget > 0)
		lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	else
		lua_sethook(L, NULL, 0, 0);
	return saved;
}

void
budget_restore(lua_State *L, BudgetSaved saved)
{
	LuaBudget *b = budget_of(L);

	b->left = saved.left;
	b->armed = saved.armed;
	if (!saved.armed)
		lua_sethook(L, refuse_hook, LUA_MASKCOUNT, 1);
	else if (b->budget > 0)
		lua_sethook(L, count_hook, LUA_MASKCOUNT, b->left > 0 ? HOOK_EVERY : 1);
	else
		lua_sethook(L, NULL, 0, 0);
}

void
budget_refuse(lua_State *L)
{
	LuaBudget *b = budget_of(L);

	if (b)
		b->armed = false;
	lua_sethook(L, refuse_hook, LUA_MASKCOUNT, 1);
}

void
budget_charge(lua_State *L, double units)
{
	LuaBudget *b = budget_of(L);

	if (!b || b->budget <= 0 || !b->armed)
		return;
	if (units >= (double)b->left) {
		b->left = 0;
		raise_spent(L, b, 1);   /* level 1: the Lua code calling the C function */
	}
	b->left -= (long)units;
}

bool
budget_tripped(lua_State *L)
{
	LuaBudget *b = budget_of(L);
	return b && b->tripped;
}
