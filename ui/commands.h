/* commands.h: the `:` commands, one table (tmux cmd-*.c): name, alias,
 * arguments, help, what the arguments complete to, and the function.  To
 * add a command, write its function in commands.c (or its own file) and
 * add a row to tui_commands[]. */
#ifndef SHARDLAB_UI_COMMANDS_H
#define SHARDLAB_UI_COMMANDS_H

#include "widget.h"

typedef enum {
	COMPLETE_NONE,
	COMPLETE_SET,           /* a parameter or setup key, then its value */
	COMPLETE_MODEL,         /* catalog models and files */
	COMPLETE_CLUSTER,
	COMPLETE_GPU,
	COMPLETE_RUNTIME,
	COMPLETE_DTYPE,
	COMPLETE_PRESET,        /* scenario presets and files */
	COMPLETE_FILE,
	COMPLETE_SCREEN,
	COMPLETE_EXPLAIN,       /* figure paths */
	COMPLETE_COMMAND,
	COMPLETE_SEARCH         /* search options, objectives and dtypes after them */
} Completion;

/* A command returns H_* flags, or -1 with *cause. */
typedef int (*CommandFn)(App *a, int argc, char **argv, char **cause);

typedef struct TuiCommand {
	const char *name;
	const char *alias;      /* or NULL */
	const char *args;       /* "KEY VALUE" */
	const char *help;
	Completion complete;
	int min_args, max_args;
	CommandFn fn;
} TuiCommand;

/* The table, NULL-name terminated. */
extern const TuiCommand tui_commands[];

/* command_find: by name or alias, or NULL. */
const TuiCommand *command_find(const char *name);

/* app_command: run one command line (without the ':'); H_* flags.  Errors
 * go to the message line. */
int app_command(App *a, const char *line);

#endif
