/* calib-apply.h: calibration presets applied to a scenario (written by
 * `shardlab calibrate`, scenario/calibrate.h; the format is in
 * docs/PRESET-FORMAT.md).  setup_build calls calibrate_apply for every
 * scenario it builds unless Setup.no_calibration. */
#ifndef SHARDLAB_SCENARIO_CALIB_APPLY_H
#define SHARDLAB_SCENARIO_CALIB_APPLY_H

#include "core/scenario.h"

/* calibrate_preset_path: $XDG_CONFIG_HOME/shardlab/calibrations/GPU-RUNTIME.lua
 * (or ~/.config/shardlab/...; catalog_user_dir), allocated. */
char *calibrate_preset_path(const char *gpu, const char *runtime);

/* calibrate_apply: when a calibration preset exists for s's GPU and
 * runtime, set its parameters in s and its name ("h100-sxm-vllm") in
 * s->runtime.calibration (else that is ""). Returns 0 (also when there is
 * none), or -1 with an allocated *cause naming the file and field of a
 * bad preset. */
int calibrate_apply(Scenario *s, char **cause);

#endif
