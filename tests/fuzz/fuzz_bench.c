/* fuzz_bench.c: benchmark result files in (src/io/benchfile.c): vLLM,
 * SGLang JSONL, trtllm-bench and genai-perf records, Python's Infinity
 * and NaN, and every field check. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "io/benchfile.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cause = NULL, *text = fuzz_text(data, size);
	BenchRun *runs = NULL;
	int n = 0;

	if (bench_parse("fuzz.json", text, strlen(text), &runs, &n, &cause) == 0)
		free(runs);
	else
		free(cause);
	free(text);
	return 0;
}
