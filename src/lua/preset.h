/* preset.h: read GPU, fabric, cluster and runtime presets (Lua files
 * returning a table; docs/PRESET-FORMAT.md) into core structs. */
#ifndef SHARDLAB_LUA_PRESET_H
#define SHARDLAB_LUA_PRESET_H

#include "catalog/catalog.h"
#include "core/hardware.h"
#include "core/scenario.h"

/* Each: find `name` on the catalog's search path, run it in a sandboxed
 * state, check its fields.  Returns 0, or -1 with an allocated message in
 * *cause naming the file and field ("presets/gpus/x.lua: field
 * 'hbm_bytes_per_s' must be a positive number"). */
int preset_gpu(const Catalog *c, const char *name, Gpu *out, char **cause);
int preset_fabric(const Catalog *c, const char *name, Fabric *out, char **cause);
int preset_cluster(const Catalog *c, const char *name, Cluster *out, char **cause);
int preset_runtime(const Catalog *c, const char *name, Runtime *out, char **cause);

/* A calibration preset (docs/PRESET-FORMAT.md, written by `shardlab
 * calibrate`): its GPU and runtime and the parameters it sets, rows of
 * core/calib-params.h. */
typedef struct CalibPreset {
	char gpu[HW_NAME_MAX], runtime[HW_NAME_MAX];
	int n;
	int param[64];
	double value[64];
} CalibPreset;

/* preset_calibration: read the calibration preset at path (run sandboxed
 * like every preset), its params checked against the table's names and
 * bounds.  Returns 0, or -1 with "PATH: field 'params.x' ..." in *cause. */
int preset_calibration(const char *path, CalibPreset *out, char **cause);

/* preset_description: the `description` field of preset `name` of kind k
 * (allocated), or NULL. */
char *preset_description(const Catalog *c, PresetKind k, const char *name);

/* preset_unknown: an allocated "unknown KIND 'name' (known: a, b, ...)". */
char *preset_unknown(const Catalog *c, PresetKind k, const char *name);

#endif
