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

/* preset_description: the `description` field of preset `name` of kind k
 * (allocated), or NULL. */
char *preset_description(const Catalog *c, PresetKind k, const char *name);

/* preset_unknown: an allocated "unknown KIND 'name' (known: a, b, ...)". */
char *preset_unknown(const Catalog *c, PresetKind k, const char *name);

#endif
