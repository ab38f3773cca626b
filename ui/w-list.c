/* w-list.c: pick lists; see w-list.h. */
#include "w-list.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "core/units.h"
#include "lua/preset.h"
#include "util/xmalloc.h"

static void
picklist_destroy(Widget *w)
{
	PickList *pl = (PickList *)w;
	for (int i = 0; i < pl->n; i++) {
		free(pl->names[i]);
		if (pl->descs)
			free(pl->descs[i]);
	}
	free(pl->names);
	free(pl->descs);
	free(pl->shown);
	free(pl->title);
	free(pl->key);
	free(pl);
}

int
fuzzy_score(const char *name, const char *filter)
{
	size_t fl = strlen(filter), nl = strlen(name);
	if (fl == 0)
		return 0;
	/* a substring first: earlier is better, at a word start better still */
	for (size_t at = 0; at + fl <= nl; at++)
		if (strncasecmp(name + at, filter, fl) == 0)
			return 3000 - (int)at + (at == 0 || !isalnum((unsigned char)name[at - 1]) ? 500 : 0);
	/* then the letters in order (fzf's subsequence), fewer gaps better */
	int gaps = 0, run = 0, score = 1000;
	size_t i = 0;
	for (size_t k = 0; k < nl && i < fl; k++) {
		if (tolower((unsigned char)name[k]) == tolower((unsigned char)filter[i])) {
			i++;
			score += 10 * ++run;
		} else if (i > 0) {
			gaps++;
			run = 0;
		}
	}
	return i == fl ? score - gaps : -1;
}

static void
refilter(PickList *pl)
{
	int keep = pl->n_shown > 0 && pl->sel < pl->n_shown ? pl->shown[pl->sel] : -1;
	int *score = xcalloc((size_t)(pl->n > 0 ? pl->n : 1), sizeof *score);
	pl->n_shown = 0;
	for (int i = 0; i < pl->n; i++) {
		score[i] = fuzzy_score(pl->names[i], pl->filter);
		if (score[i] >= 0)
			pl->shown[pl->n_shown++] = i;
	}
	/* best match first, the catalog's order among equals (insertion sort: stable) */
	for (int a = 1; a < pl->n_shown; a++) {
		int v = pl->shown[a], b = a;
		while (b > 0 && score[pl->shown[b - 1]] < score[v]) {
			pl->shown[b] = pl->shown[b - 1];
			b--;
		}
		pl->shown[b] = v;
	}
	free(score);
	pl->sel = 0;
	for (int i = 0; i < pl->n_shown && !pl->filter[0]; i++)
		if (pl->shown[i] == keep)
			pl->sel = i;
	pl->top = 0;
}

PickList *
picklist_new(const char *title, const char *key, char **names, char **descs, int n,
    const char *current)
{
	PickList *pl = xcalloc(1, sizeof *pl);
	pl->base.cls = &picklist_class;
	pl->title = xstrdup(title);
	pl->key = xstrdup(key);
	pl->names = names;
	pl->descs = descs;
	pl->n = n;
	pl->shown = xcalloc((size_t)(n > 0 ? n : 1), sizeof *pl->shown);
	refilter(pl);
	for (int i = 0; current && i < pl->n_shown; i++)
		if (strcmp(names[pl->shown[i]], current) == 0)
			pl->sel = i;
	return pl;
}

static const struct {
	const char *name, *desc;
} dtypes[] = {
	{ "fp32", "32-bit float (4 bytes)" },
	{ "bf16", "bfloat16 (2 bytes); Ampere and later" },
	{ "fp16", "float16 (2 bytes)" },
	{ "fp8", "8-bit float E4M3 (1 byte); Ada and Hopper tensor cores" },
	{ "int8", "8-bit integer weights, 16-bit compute (W8A16)" },
	{ "int4", "4-bit AWQ/GPTQ, group size 128 (0.52 bytes with scales)" },
};

static PresetKind
kind_of(const char *key)
{
	if (strcmp(key, "model") == 0) return PRESET_MODEL;
	if (strcmp(key, "cluster") == 0) return PRESET_CLUSTER;
	if (strcmp(key, "runtime") == 0) return PRESET_RUNTIME;
	if (strcmp(key, "gpu") == 0) return PRESET_GPU;
	if (strcmp(key, "fabric") == 0) return PRESET_FABRIC;
	return PRESET_SCENARIO;
}

static bool
is_dtype_key(const char *key)
{
	return strcmp(key, "dtype") == 0 || strcmp(key, "kv_dtype") == 0;
}

int
picklist_names(App *app, const char *key, char ***names)
{
	if (is_dtype_key(key)) {
		int n = (int)(sizeof dtypes / sizeof dtypes[0]);
		*names = xcalloc((size_t)n, sizeof **names);
		for (int i = 0; i < n; i++)
			(*names)[i] = xstrdup(dtypes[i].name);
		return n;
	}
	return catalog_list(app->cat, kind_of(key), names);
}

static char *
model_desc(App *app, const char *name)
{
	Model *m = xmalloc(sizeof *m);
	ModelParams p;
	char *cause = NULL, a[32], b[32], *d;

	if (setup_model(app->cat, name, m, &cause) != 0) {
		d = xasprintf("unreadable: %s", cause);
		free(cause);
		free(m);
		return d;
	}
	model_params(m, &p);
	if (model_is_moe(m))
		d = xasprintf("%s params, %s active; %d layers, %d experts top-%d%s",
		    fmt_count(p.total, a, sizeof a), fmt_count(p.active, b, sizeof b), m->n_layers,
		    m->n_experts, m->top_k, model_is_mla(m) ? ", MLA" : "");
	else
		d = xasprintf("%s params; %d layers, %d heads / %d KV heads, %d context",
		    fmt_count(p.total, a, sizeof a), m->n_layers, m->n_heads, m->n_kv_heads,
		    m->max_position);
	free(m);
	return d;
}

PickList *
picklist_for(App *app, const char *key)
{
	char **names = NULL, **descs;
	int n = picklist_names(app, key, &names);
	const char *current = NULL;
	char title[64];

	descs = xcalloc((size_t)(n > 0 ? n : 1), sizeof *descs);
	for (int i = 0; i < n; i++) {
		if (is_dtype_key(key))
			descs[i] = xstrdup(dtypes[i].desc);
		else if (strcmp(key, "model") == 0)
			descs[i] = model_desc(app, names[i]);
		else
			descs[i] = preset_description(app->cat, kind_of(key), names[i]);
	}
	if (strcmp(key, "model") == 0)
		current = app->setup.model ? app->setup.model : app->s->model.name;
	else if (strcmp(key, "cluster") == 0)
		current = app->s->cluster.name;
	else if (strcmp(key, "runtime") == 0)
		current = app->s->runtime.name;
	else if (strcmp(key, "dtype") == 0)
		current = dtype_name(app->s->strategy.weight_dtype);
	else if (strcmp(key, "kv_dtype") == 0)
		current = dtype_name(app->s->strategy.kv_dtype);
	else if (strcmp(key, "gpu") == 0)
		current = app->s->cluster.gpu.name;
	else
		current = app->label;
	snprintf(title, sizeof title, "%s%s", strcmp(key, "kv_dtype") == 0 ? "KV cache dtype" :
	    strcmp(key, "dtype") == 0 ? "weights dtype" : key,
	    strcmp(key, "preset") == 0 ? " (scenario presets)" : "");
	return picklist_new(title, key, names, descs, n, current);
}

static Rect
list_rect(PickList *pl, int rows, int cols)
{
	int w = cols - 8 < 96 ? cols - 8 : 96;
	int h = pl->n + 4;
	if (h > rows - 4)
		h = rows - 4;
	if (h < 6)
		h = 6;
	return (Rect){ (rows - h) / 2, (cols - w) / 2, h, w };
}

static void
picklist_draw(Widget *w, const Session *ss, Grid *g)
{
	PickList *pl = (PickList *)w;
	const Theme *t = ss->theme;
	Rect r = pl->base.rect = list_rect(pl, ss->rows, ss->cols);
	int name_w = 0;
	char buf[256];

	grid_box(g, t, r, ROLE_POPUP, pl->title);
	for (int i = 0; i < pl->n; i++) {
		int l = utf8_width(pl->names[i]);
		name_w = l > name_w ? l : name_w;
	}
	if (name_w > r.w / 2)
		name_w = r.w / 2;
	pl->body_y = r.y + 1;
	pl->body_h = r.h - 3;
	if (pl->sel < pl->top)
		pl->top = pl->sel;
	if (pl->sel >= pl->top + pl->body_h)
		pl->top = pl->sel - pl->body_h + 1;
	for (int i = 0; i < pl->body_h && pl->top + i < pl->n_shown; i++) {
		int k = pl->shown[pl->top + i];
		bool sel = pl->top + i == pl->sel;
		Role role = sel ? ROLE_FOCUS : ROLE_POPUP;
		int y = pl->body_y + i;
		grid_fill(g, (Rect){ y, r.x + 1, 1, r.w - 2 }, ' ', role);
		grid_put_fit(g, t, y, r.x + 2, name_w, role, pl->names[k]);
		if (pl->descs && pl->descs[k])
			grid_put_fit(g, t, y, r.x + 4 + name_w, r.w - 6 - name_w, sel ? ROLE_FOCUS : ROLE_DIM,
			    pl->descs[k]);
	}
	if (pl->n_shown == 0)
		grid_put(g, pl->body_y, r.x + 2, r.w - 4, ROLE_DIM, "(nothing matches)");
	if (pl->top > 0)
		grid_put(g, r.y, r.x + r.w - 3, 1, ROLE_POPUP, t->g.more_up);
	if (pl->top + pl->body_h < pl->n_shown)
		grid_put(g, r.y + r.h - 1, r.x + r.w - 3, 1, ROLE_POPUP, t->g.more_down);
	snprintf(buf, sizeof buf, "filter: %s_   Enter chooses, Esc cancels", pl->filter);
	grid_put_fit(g, t, r.y + r.h - 2, r.x + 2, r.w - 4, *pl->filter ? ROLE_EDIT : ROLE_DIM, buf);
}

static int
choose(PickList *pl, App *app)
{
	char *cause = NULL;
	char *name, *key;
	int rc;

	if (pl->n_shown == 0)
		return H_HANDLED;
	name = xstrdup(pl->names[pl->shown[pl->sel]]);
	key = xstrdup(pl->key);
	app_set_modal(app, NULL);       /* frees pl */
	if (strcmp(key, "preset") == 0)
		rc = app_load(app, name, &cause);
	else
		rc = app_set(app, key, name, &cause);
	if (rc != 0) {
		app_msg(app, ROLE_ERROR, "%s", cause);
		free(cause);
	}
	free(name);
	free(key);
	return H_HANDLED | H_REDRAW | H_RECOMPUTE;
}

static int
picklist_key(Widget *w, App *app, int key)
{
	PickList *pl = (PickList *)w;
	size_t fl = strlen(pl->filter);

	switch (key) {
	case TK_UP: case TK_CTRL('p'): case TK_WHEEL_UP: pl->sel--; break;
	case TK_DOWN: case TK_CTRL('n'): case TK_WHEEL_DOWN: pl->sel++; break;
	case TK_PGUP: pl->sel -= pl->body_h; break;
	case TK_PGDN: pl->sel += pl->body_h; break;
	case TK_HOME: pl->sel = 0; break;
	case TK_END: pl->sel = pl->n_shown - 1; break;
	case TK_ENTER: return choose(pl, app);
	case TK_ESC:
		if (fl > 0) {
			pl->filter[0] = '\0';
			refilter(pl);
			break;
		}
		app_set_modal(app, NULL);
		return H_HANDLED | H_REDRAW;
	case TK_BACKSPACE: case 127: case 8:
		if (fl > 0) {
			pl->filter[fl - 1] = '\0';
			refilter(pl);
		}
		break;
	case TK_CLICK: {
		int row = app->mouse_y - pl->body_y;
		if (!rect_contains(pl->base.rect, app->mouse_y, app->mouse_x)) {
			app_set_modal(app, NULL);
			return H_HANDLED | H_REDRAW;
		}
		if (row >= 0 && row < pl->body_h && pl->top + row < pl->n_shown) {
			pl->sel = pl->top + row;
			return choose(pl, app);
		}
		break;
	}
	default:
		if (key >= 0x20 && key < 0x7f && fl + 1 < sizeof pl->filter) {
			pl->filter[fl] = (char)key;
			pl->filter[fl + 1] = '\0';
			refilter(pl);
		}
		break;
	}
	if (pl->sel >= pl->n_shown)
		pl->sel = pl->n_shown - 1;
	if (pl->sel < 0)
		pl->sel = 0;
	return H_HANDLED | H_REDRAW;
}

const WidgetClass picklist_class = {
	.name = "picklist",
	.draw = picklist_draw,
	.handle_key = picklist_key,
	.destroy = picklist_destroy,
};
