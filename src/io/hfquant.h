/* hfquant.h: the checkpoint's own storage from a config.json: torch_dtype
 * (or transformers' newer `dtype`) and quantization_config, into the
 * Model's torch_dtype, quant_method, quant_detail and ckpt_dtype. */
#ifndef SHARDLAB_IO_HFQUANT_H
#define SHARDLAB_IO_HFQUANT_H

#include <cjson/cJSON.h>

#include "core/model.h"

/* hfquant_read: fill m's checkpoint fields from the config object root.
 * Never fails: what it cannot map leaves has_ckpt_dtype false (or
 * the 16-bit torch_dtype) and says so in quant_detail. */
void hfquant_read(const cJSON *root, Model *m);

#endif
