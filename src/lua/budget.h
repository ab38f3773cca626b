/* budget.h: the instruction budget of a Lua state (Redis script_lua.c
 * luaMaskCountHook).  A count hook charges the VM's instructions; C
 * functions that loop without running Lua code (the checked string.rep and
 * table.move of sandbox.c, json.encode's __pairs walk) charge their own
 * iterations with budget_charge.  Once spent, the hook re-arms at every
 * instruction, so a script's pcall that catches the error trips again at
 * its next instruction. */
#ifndef SHARDLAB_LUA_BUDGET_H
#define SHARDLAB_LUA_BUDGET_H

#include <stdbool.h>

#include <lua.h>

typedef struct LuaBudget {
	long budget;            /* VM instructions per top-level call; 0 = none */
	long left;              /* what the running call has left */
	bool tripped;           /* the running (or last) call ran out */
	bool armed;             /* a budgeted call is running */
} LuaBudget;

/* budget_attach: make b (owned by the caller, outliving L) the budget of
 * L.  Raises only on out of memory. */
void budget_attach(lua_State *L, LuaBudget *b);

/* What budget_arm replaced, for budget_restore. */
typedef struct BudgetSaved {
	long left;
	bool armed;
} BudgetSaved;

/* budget_arm / budget_restore: around one call (luastate_pcall): the full
 * budget and the count hook; then the caller's budget again when calls
 * nest (a check run inside a script's call), else every Lua instruction
 * refused (a finalizer or metamethod run outside a call must not loop). */
BudgetSaved budget_arm(lua_State *L);
void budget_restore(lua_State *L, BudgetSaved saved);

/* budget_refuse: refuse every Lua instruction from now on (before
 * lua_close: finalizers run with hooks off otherwise). */
void budget_refuse(lua_State *L);

/* budget_charge: count `units` instructions' worth of work done in C;
 * raises the budget error ("FILE:LINE: script exceeded its budget of N
 * instructions (--lua-budget)") when that spends the budget, before the
 * work is done.  No effect when the state has no budget. */
void budget_charge(lua_State *L, double units);

/* budget_tripped: whether the last call ran out of its budget. */
bool budget_tripped(lua_State *L);

#endif
