/* calib-apply.h: calibration presets applied to a scenario (written by
 * `shardlab calibrate`, scenario/calibrate.h; the format is in
 * docs/PRESET-FORMAT.md).  setup_build calls calibrate_apply for every
 * scenario it builds unless Setup.no_calibration. */
#ifndef SHARDLAB_SCENARIO_CALIB_APPLY_H
#define SHARDLAB_SCENARIO_CALIB_APPLY_H

#include <stdbool.h>

#include "core/scenario.h"
#include "lua/preset.h"

/* calibrate_preset_path: $XDG_CONFIG_HOME/shardlab/calibrations/GPU-RUNTIME.lua
 * (or ~/.config/shardlab/...; catalog_user_dir), allocated. */
char *calibrate_preset_path(const char *gpu, const char *runtime);

/* calibrate_find: the calibration preset of gpu with runtime into *out;
 * *found false when there is none.  Returns 0, or -1 with an allocated
 * *cause naming the file and field of a bad preset. */
int calibrate_find(const char *gpu, const char *runtime, CalibPreset *out, bool *found, char **cause);

/* calibrate_set: set cp's parameters in s (its GPU and runtime must be
 * cp's) and its name ("h100-sxm-vllm") in s->runtime.calibration.
 * Returns 0 or -1 with *cause. */
int calibrate_set(Scenario *s, const CalibPreset *cp, char **cause);

/* calibrate_apply: calibrate_find for s's GPU and runtime, then
 * calibrate_set when there is one (s->runtime.calibration is "" when
 * not).  Returns 0 (also when there is none), or -1 with *cause.  The
 * Lua module reads each preset once per state instead (SetupLoader
 * .calibration, bind/cache.c). */
int calibrate_apply(Scenario *s, char **cause);

#endif
