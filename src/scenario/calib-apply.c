/* calib-apply.c: calibration presets -> a scenario; see calib-apply.h. */
#include "scenario/calib-apply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog/catalog.h"
#include "core/calib-params.h"
#include "lua/preset.h"
#include "util/xmalloc.h"

char *
calibrate_preset_path(const char *gpu, const char *runtime)
{
	char *dir = catalog_user_dir();
	char *p = xasprintf("%s/calibrations/%s-%s.lua", dir, gpu, runtime);
	free(dir);
	return p;
}

int
calibrate_apply(Scenario *s, char **cause)
{
	char *path;
	struct stat sb;
	CalibPreset cp;
	char why[64];
	int rc = 0;

	s->runtime.calibration[0] = '\0';
	path = calibrate_preset_path(s->cluster.gpu.name, s->runtime.name);
	if (stat(path, &sb) != 0) {
		free(path);
		return 0;
	}
	if (preset_calibration(path, &cp, cause) != 0) {
		free(path);
		return -1;
	}
	if (strcmp(cp.gpu, s->cluster.gpu.name) != 0 || strcmp(cp.runtime, s->runtime.name) != 0) {
		*cause = xasprintf("%s: fields 'gpu' and 'runtime' are %s and %s, the file's name says %s "
		    "and %s", path, cp.gpu, cp.runtime, s->cluster.gpu.name, s->runtime.name);
		rc = -1;
	}
	for (int i = 0; rc == 0 && i < cp.n; i++)
		if (calib_param_set(s, cp.param[i], cp.value[i], why, sizeof why) != 0) {
			*cause = xasprintf("%s: field 'params.%s' %s", path, calib_param_def(cp.param[i])->name,
			    why);
			rc = -1;
		}
	if (rc == 0)
		snprintf(s->runtime.calibration, sizeof s->runtime.calibration, "%s-%s", cp.gpu, cp.runtime);
	free(path);
	return rc;
}
