/* benchfile.h: benchmark result files users already produce, read into
 * plain runs for `shardlab calibrate` (scenario/calibrate.h):
 *   - vLLM benchmarks/benchmark_serving.py --save-result and `vllm bench
 *     serve --save-result` JSON (one object; --append-result: one per
 *     line): model_id, max_concurrency, request_rate ("inf" or a number),
 *     total_input_tokens, total_output_tokens, completed, median/mean
 *     _ttft_ms, _tpot_ms, output_throughput; --metadata KEY=VALUE pairs
 *     are top-level keys (tp, gpu);
 *   - SGLang python/sglang/bench_serving.py --output-file JSONL (one
 *     object per run): the same metric names, random_input_len /
 *     random_output_len, server_info.model_path / tp_size / dp_size /
 *     ep_size (Python's json writes request_rate Infinity: read as inf);
 *   - trtllm-bench throughput --report_json (tensorrt_llm/bench/
 *     dataclasses/reporting.py get_statistics_dict): engine.model,
 *     world_info.tp_size / pp_size / ep_size / max_batch_size,
 *     request_info.avg_input_length / avg_output_length /
 *     avg_num_concurrent_requests, performance.
 *     system_output_throughput_tok_s, streaming_metrics.avg_ttft_ms /
 *     avg_tpot_ms;
 *   - genai-perf profile_export_genai_perf.json (genai_perf/export_data/
 *     json_exporter.py: the statistics, each {unit, avg, p50, ...}, and
 *     input_config, the arguments): time_to_first_token,
 *     inter_token_latency, output_token_throughput, input_sequence_length,
 *     output_sequence_length; input_config.model, concurrency,
 *     request_rate.
 * The tool is told apart by the keys each one writes. */
#ifndef SHARDLAB_IO_BENCHFILE_H
#define SHARDLAB_IO_BENCHFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { BENCH_VLLM, BENCH_SGLANG, BENCH_TRTLLM, BENCH_GENAI_PERF, BENCH_TOOLS } BenchTool;

#define BENCH_NAME_MAX 256

/* One measured run.  Unknown numbers are 0 (counts) or NAN (figures). */
typedef struct BenchRun {
	BenchTool tool;
	int line;                       /* line of the run's record in its file (1-based) */
	char model[BENCH_NAME_MAX];     /* as recorded: Hugging Face id or path; "" unknown */
	char gpu[64];                   /* a recorded GPU name (vLLM --metadata gpu=...), or "" */
	char dtype[16];                 /* weight dtype recorded (trtllm-bench engine.quantization
	                                   FP8 -> "fp8"), or "" */
	int tp, pp, dp, ep;             /* parallel degrees recorded; 0 unknown */
	double input_len, output_len;   /* mean tokens per request */
	double concurrency;             /* the client's concurrency cap, or the engine's batch
	                                   cap for an all-at-once run; 0 unknown */
	double request_rate;            /* requests/s offered; 0: all at once (inf) */
	int completed;                  /* requests that finished */
	double ttft_s, tpot_s;          /* measured TTFT and TPOT (median where the tool has it) */
	bool ttft_median, tpot_median;  /* which statistic they are */
	double tokens_per_s;            /* output tokens/s of the whole run */
} BenchRun;

/* bench_tool_name: "vllm", "sglang", "trtllm-bench", "genai-perf". */
const char *bench_tool_name(BenchTool t);

/* bench_parse: the runs in `text` (len bytes) of the file named `path`
 * (for messages) into *runs (allocated, *n of them; free() it).  Returns
 * 0, or -1 with an allocated one-line "PATH:LINE: field 'x' ..." in
 * *cause (nothing allocated in *runs). */
int bench_parse(const char *path, const char *text, size_t len, BenchRun **runs, int *n, char **cause);

/* bench_read: bench_parse of the file at path (at most 64 MiB). */
int bench_read(const char *path, BenchRun **runs, int *n, char **cause);

#endif
