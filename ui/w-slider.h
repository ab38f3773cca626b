/* w-slider.h: one parameter as a slider (TP, PP, DP, EP, micro-batches,
 * batch, input and output length) and scenario fields (pick lists for
 * model, cluster, preset, runtime, dtypes; numbers edited in place).
 *
 * Sliders offer only valid values: layout parameters list the values the
 * core accepts given the others (app_param_options), lengths step through
 * powers of two within the model's context.  +/-, Left/Right and h/l step;
 * digits type a number (units as :set takes them: 2k, 500ms); Enter
 * commits, Esc cancels; a refused step says why on the message line. */
#ifndef SHARDLAB_UI_W_SLIDER_H
#define SHARDLAB_UI_W_SLIDER_H

#include "core/params.h"
#include "widget.h"

#define SLIDER_HITS 24

/* A number being typed. */
typedef struct NumEdit {
	bool on;
	char buf[32];
} NumEdit;

typedef struct SliderHit {
	int x, w;
	double v;
} SliderHit;

typedef struct Slider {
	Widget base;
	ParamId id;
	const char *label;
	NumEdit edit;
	int n_hits;             /* option values drawn, for clicks */
	SliderHit hits[SLIDER_HITS];
	int track_x, track_w;   /* the track, for clicks on it */
} Slider;

Slider *slider_new(ParamId id, const char *label);
extern const WidgetClass slider_class;

typedef struct Field {
	Widget base;
	const char *label;
	const char *key;        /* "model", "cluster", "preset", "runtime", "dtype", "kv_dtype" */
	int param;              /* ParamId for a number field, -1 for a pick list */
	NumEdit edit;
} Field;

Field *field_pick_new(const char *label, const char *key);
Field *field_number_new(const char *label, ParamId id);
extern const WidgetClass field_class;

/* numedit_key: a key while typing a number for id: H_* flags, H_NONE when
 * the key does not start or continue an edit. */
int numedit_key(NumEdit *e, App *app, ParamId id, int key);

/* param_value_text: a parameter's value as shown ("2,048", "500.0 ms",
 * "off", "auto"). */
char *param_value_text(const Session *ss, ParamId id, char *buf, size_t n);

#endif
