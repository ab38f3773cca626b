/* w-list.h: a pick list popup (models, clusters, presets, runtimes,
 * dtypes): arrows move, typing filters fuzzily (best match first), Enter chooses, Esc cancels, a
 * click chooses a row, the wheel scrolls. */
#ifndef SHARDLAB_UI_W_LIST_H
#define SHARDLAB_UI_W_LIST_H

#include "widget.h"

/* What choosing a row does: `:set KEY NAME`, or `:preset NAME` for key
 * "preset". */
typedef struct PickList {
	Widget base;
	char *title;
	char *key;
	char **names, **descs;  /* owned */
	int n;
	int *shown;             /* indices matching the filter */
	int n_shown;
	int sel, top;
	char filter[64];
	int body_y, body_h;     /* rows of items, for clicks */
} PickList;

/* picklist_new: takes ownership of names and descs (descs may be NULL or
 * hold NULLs); `current` is selected first. */
PickList *picklist_new(const char *title, const char *key, char **names, char **descs, int n,
    const char *current);

/* picklist_for: the list for a scenario key ("model", "cluster", "preset",
 * "runtime", "dtype", "kv_dtype", "gpu") from the catalog, with
 * descriptions. */
PickList *picklist_for(App *app, const char *key);

/* picklist_names: just the names for key (completion); returns the count,
 * *names allocated (free each, then the array). */
int picklist_names(App *app, const char *key, char ***names);

/* fuzzy_score: how well `filter` matches `name`, case-insensitively: a
 * substring scores highest (earlier, at a word start, higher), then the
 * filter's letters in order with gaps (fzf's subsequence: "mix7" finds
 * mixtral-8x7b), fewer gaps higher; -1 when no match; 0 for an empty
 * filter. */
int fuzzy_score(const char *name, const char *filter);

extern const WidgetClass picklist_class;

#endif
