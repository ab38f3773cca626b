/* jsonutil.h: small cJSON helpers shared by the io writers. */
#ifndef SHARDLAB_IO_JSONUTIL_H
#define SHARDLAB_IO_JSONUTIL_H

#include <cjson/cJSON.h>

/* json_add_num: o[k] = v, or null when v is not finite (JSON has no
 * Infinity or NaN). */
void json_add_num(cJSON *o, const char *k, double v);

/* json_print_delete: the text of `root` (pretty: indented, else on one
 * line), allocated (caller frees); deletes root.  Out of memory is fatal. */
char *json_print_delete(cJSON *root, int pretty);

#endif
