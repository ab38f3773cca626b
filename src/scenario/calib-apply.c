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
calibrate_find(const char *gpu, const char *runtime, CalibPreset *out, bool *found, char **cause)
{
	char *path = calibrate_preset_path(gpu, runtime);
	struct stat sb;
	int rc = 0;

	*found = false;
	if (stat(path, &sb) == 0) {
		rc = preset_calibration(path, out, cause);
		*found = rc == 0;
		if (rc == 0 && (strcmp(out->gpu, gpu) != 0 || strcmp(out->runtime, runtime) != 0)) {
			*cause = xasprintf("%s: fields 'gpu' and 'runtime' are %s and %s, the file's name says "
			    "%s and %s", path, out->gpu, out->runtime, gpu, runtime);
			*found = false;
			rc = -1;
		}
	}
	free(path);
	return rc;
}

int
calibrate_set(Scenario *s, const CalibPreset *cp, char **cause)
{
	char why[64];

	for (int i = 0; i < cp->n; i++)
		if (calib_param_set(s, cp->param[i], cp->value[i], why, sizeof why) != 0) {
			char *path = calibrate_preset_path(cp->gpu, cp->runtime);
			*cause = xasprintf("%s: field 'params.%s' %s", path, calib_param_def(cp->param[i])->name,
			    why);
			free(path);
			return -1;
		}
	snprintf(s->runtime.calibration, sizeof s->runtime.calibration, "%s-%s", cp->gpu, cp->runtime);
	return 0;
}

int
calibrate_apply(Scenario *s, char **cause)
{
	CalibPreset cp;
	bool found;

	s->runtime.calibration[0] = '\0';
	if (calibrate_find(s->cluster.gpu.name, s->runtime.name, &cp, &found, cause) != 0)
		return -1;
	return found ? calibrate_set(s, &cp, cause) : 0;
}
