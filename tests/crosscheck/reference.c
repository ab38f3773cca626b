/* reference.c: the reference set (see reference.h) and its evaluator.
 * GiB = 2^30 bytes (engines print "GB" for GiB).  Throughput tables quote
 * output tokens/s; a max-load row compares serving.capacity_rps (the
 * serving model's stability limit, whole deployment) with the published
 * rate divided by the output length, so the quoted figure stays in the
 * source as printed. */
#include "reference.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"
#include "core/explain.h"
#include "core/serving.h"
#include "core/units.h"
#include "scenario/setup.h"
#include "util/xmalloc.h"

#define GIB BYTES_PER_GIB

/* Engines, as the rows name them. */
#define VLLM "vLLM"
#define SGLANG "SGLang"
#define TRTLLM "TensorRT-LLM"
#define NIM "NIM"
#define LMDEPLOY "lmdeploy"

#define D REF_DENSE
#define M REF_MOE
#define HELD true
#define FIT false

/* Common option sets. */
#define TRT_H100_8B_FP8 "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8", "runtime=trtllm"
#define TRT_H100_70B_FP8_TP2 "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", "dtype=fp8", "runtime=trtllm"
#define A100_70B_TP4_FP16 "model=llama-2-70b", "gpu=a100-80gb", "gpus=4", "tp=4", "dtype=fp16", "runtime=trtllm"
#define SRV04 "model=llama-3-70b", "gpu=a100-40gb", "gpus=16", "tp=4", "pp=2", "dp=1", \
	"input_len=213", "output_len=214", "mem_util=0.9", "max_batched_tokens=2048", "batch=256", \
	"input_cv=1", "output_cv=1"

/* Mapping notes used by several rows. */
#define MAP_SGL_LEP_GB200 "SGLang PD disaggregation with large-scale EP on a GB200 NVL72 (14 trays " \
	"of 4 GPUs given; 12 trays = 48 GPUs decode, 2 prefill), the setup of the 96-H100 post ('the " \
	"experimental setup mirrors that of our previous blog post', no MTP): attention DP over the 48 " \
	"decode GPUs, EP 48 with the recipe's 32 redundant experts (288 slots, 6 per GPU), fp8, the " \
	"previous post's 256 sequences per rank and mem fraction 0.846. Mapped as SGL-LEP-96H100-decode: " \
	"one decode step of 256 per rank at 2,000 input tokens, 256 / (published tok/s per GPU); the " \
	"Blackwell DeepGEMM/DeepEP/CUTLASS-MLA kernels are the presets' (gb200, sglang) rates"
#define MAP_SGL_LEP "SGLang PD disaggregation with large-scale EP on 12 nodes of 8 H100 (Atlas Cloud, " \
	"InfiniBand between nodes): attention DP over every GPU of a pool, DeepEP, EPLB with 32 redundant " \
	"experts, DeepSeek-V3-0324 fp8; the decode pool is 9 nodes (--tp-size 72 --dp-size 72 " \
	"--enable-dp-attention --deepep-mode low_latency --max-running-requests 9*2048 --cuda-graph-bs 256 " \
	"--context-length 4096 --mem-fraction-static 0.846, sgl-project/sglang issue #6017), the prefill " \
	"pool 4 nodes (EP 32). Mapped: decode as one step of 256 sequences per rank (the command's batch " \
	"cap) at 2,000 input tokens (output 100 assumed, context 2,050), published tok/s per node / 8 GPUs " \
	"= 256 / TPOT; prefill as 8 prompts of 2,000 tokens per rank (16,000 tokens; the per-rank prefill " \
	"batch is not stated) per published input tok/s per GPU. Two-batch overlap " \
	"(--enable-two-batch-overlap), which hides part of the all-to-all, is not modelled, so shardlab " \
	"is expected slow here"
#define MAP_TRT_MAXLOAD "trtllm-bench at an infinite request rate, fixed ISL/OSL: the serving " \
	"model's capacity at the runtime's batch cap (max_num_seqs) vs published tok/s / OSL"
#define MAP_LMDEPLOY "lmdeploy TurboMind static batching mapped to the trtllm runtime preset " \
	"(no lmdeploy preset; both fuse attention and keep the KV pool static)"
#define MAP_T17 "trtllm-bench throughput (v0.17, TensorRT engine built with --quantization FP8, so the KV " \
	"cache is FP8 too), requests at an infinite rate, fixed ISL/OSL, kv_cache_free_gpu_mem_fraction 0.95 " \
	"('majority of cases'); the serving model's capacity at the runtime's batch cap vs published tok/s / OSL"
#define MAP_T17_FP16 "trtllm-bench throughput (v0.17, FP16 engine, FP16 KV cache), requests at an infinite " \
	"rate, fixed ISL/OSL, kv_cache_free_gpu_mem_fraction 0.95 ('majority of cases'); the serving model's " \
	"capacity at the runtime's batch cap vs published tok/s / OSL"
#define MAP_T10_MOE "trtllm-bench throughput (PyTorch backend) with the MoE llm_options " \
	"(enable_attention_dp: true): attention data-parallel over the 8 GPUs, experts EP 8 (ep_size not " \
	"stated); FP8 ModelOpt checkpoint, KV dtype not stated (16-bit); kv_cache_free_gpu_mem_fraction " \
	"0.95 ('in many cases'); capacity at the runtime's batch cap per replica vs published tok/s / OSL"
#define MAP_T14S "TensorRT-LLM v0.14 behind the Triton TensorRT-LLM backend, BF16, fixed lengths, 500 " \
	"requests at the QPS shown (arrival process not stated: Poisson assumed, the serving model's); mean " \
	"TTFT and mean ITL vs the serving point's means"
#define MAP_GS "vllm bench serve, all prompts at once (no request rate), random dataset with the lengths " \
	"from the published totals (tokens / requests; outputs end early at EOS); the burst's request " \
	"throughput vs the serving model's capacity with the running batch capped at the burst size; vLLM " \
	"defaults otherwise"
#define MAP_GS_C4_TTFT "vllm bench serve --max-concurrency 4, 100 ShareGPT prompts (mean input = total " \
	"input tokens / 100): the mean TTFT, each prompt's prefill beside up to 3 decoding sequences, vs " \
	"eval's TTFT (the prompt's prefill alone)"
#define MAP_SGL030 "sglang.bench_serving on ShareGPT at the request rate shown (Poisson), bf16, " \
	"--disable-radix-cache; lengths: 194 output tokens (the offline rows' output tok/s / req/s), 215 " \
	"input tokens (ShareGPT's mean in vllm bench serve's 1000-prompt sample, GPUStack B6; not " \
	"published here), spread cv 1 assumed as for SRV-04; SGLang's own rows only (the vLLM rows ran " \
	"--num-scheduler-steps 10, which shardlab cannot express)"
#define MAP_SRV04 "vLLM benchmark_serving, 200 ShareGPT prompts (mean 213 in / 214 out from the " \
	"published rates), Poisson arrivals; length spread cv 1 assumed; max_num_seqs 256 and " \
	"max_num_batched_tokens 2048 are vLLM's A100 defaults; Standard_ND96asr_v4 = 8x A100 40GB SXM"

const RefRow ref_rows[] = {
	/* ---- memory: engine logs (docs/measurements.md section A) ---------- */
	{ "MEM-01w", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "mem_util=0.9",
	    "batch=1" },
	  "memory.weights_bytes", 14.96 * GIB, D, REF_MEMORY, VLLM, FIT, 0.005,
	  "vllm-project/vllm PR #10511 (vLLM main, 2024-12-14), Meta-Llama-3-8B TP1",
	  "model weights take   14.96GiB", NULL },
	{ "MEM-01k", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "mem_util=0.9",
	    "batch=1" },
	  "memory.kv_pool_bytes", 53.29 * GIB, D, REF_MEMORY, VLLM, FIT, 0.03,
	  "vllm-project/vllm PR #10511 (vLLM main, 2024-12-14), Meta-Llama-3-8B TP1",
	  "available_kv_cache_memory    53.29GiB", NULL },
	{ "MEM-02w", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=2", "tp=2", "mem_util=0.9",
	    "batch=1" },
	  "memory.weights_bytes", 7.48 * GIB, D, REF_MEMORY, VLLM, HELD, 0.005,
	  "vllm-project/vllm PR #10511 (vLLM main, 2024-12-14), Meta-Llama-3-8B -tp 2",
	  "model weights take   7.48GiB", NULL },
	{ "MEM-02r", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=2", "tp=2", "mem_util=0.9",
	    "batch=1" },
	  "memory.reserved_bytes", 3.58 * GIB, D, REF_MEMORY, VLLM, FIT, 0.15,
	  "vllm-project/vllm PR #10511 (vLLM main, 2024-12-14), Meta-Llama-3-8B -tp 2",
	  "non_torch_memory     3.58GiB", NULL },
	{ "MEM-08", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8", "runtime=sglang",
	    "mem_util=0.93", "batch=1" },
	  "memory.max_kv_tokens", 367404, M, REF_MEMORY, SGLANG, FIT, 0.02,
	  "vllm-project/vllm issue #21348 (2025-07-22), Qwen3-235B-A22B-FP8, SGLang --tp 4 "
	      "--mem-fraction-static 0.93",
	  "KV Cache is allocated. #tokens: 367404, K size: 8.23 GB, V size: 8.23 GB", NULL },
	{ "MEM-10", { "model=tests/data/llama-2-7b", "gpu=a100-80gb", "gpus=1", "tp=1", "dtype=int8",
	    "runtime=trtllm", "max_batched_tokens=4096", "batch=1", "input_len=4096", "output_len=1024" },
	  "memory.kv_pool_bytes", 69524783104.0, D, REF_MEMORY, TRTLLM, FIT, 0.03,
	  "NVIDIA/TensorRT-LLM issue #1400 (v0.8, 2024-04-04), Llama-2-7B geometry, SmoothQuant W8A8, "
	      "A100 80GB",
	  "Allocate 69524783104 bytes for k/v cache", NULL },
	{ "MEM-11", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "runtime=trtllm", "batch=1" },
	  "memory.weights_bytes", 8.46 * GIB, D, REF_MEMORY, TRTLLM, HELD, 0.005,
	  "NVIDIA/TensorRT-LLM issue #6294 (0.20.0, 2025-07-24), nvidia/Llama-3.1-8B-Instruct-FP8, "
	      "H100",
	  "Rank 0 uses 8.46 GB for model weights", NULL },

	/* ---- batch-1 / fixed-batch latency (section B1) ------------------- */
	{ "LAT-04", { A100_70B_TP4_FP16, "batch=1", "input_len=2048", "output_len=1" },
	  "latency.ttft_s", 0.377, D, REF_PREFILL, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance.md@138f96d4, Low Latency (v0.5 data), A100 FP16",
	  "| LLaMA 70B | 1 | 4 | 2048 | 377 |", "gptSessionBenchmark static batch 1, output 1" },
	{ "LAT-03", { A100_70B_TP4_FP16, "batch=1", "input_len=128", "output_len=1" },
	  "latency.ttft_s", 0.047, D, REF_PREFILL, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance.md@138f96d4, Low Latency (v0.5 data), A100 FP16",
	  "| LLaMA 70B | 1 | 4 | 128 | 47 |", "gptSessionBenchmark static batch 1, output 1" },
	{ "LAT-02", { "model=llama-2-70b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8", "runtime=trtllm",
	    "batch=1", "input_len=2048", "output_len=1" },
	  "latency.ttft_s", 0.109, D, REF_PREFILL, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance.md@138f96d4, Low Latency (v0.5 data), H100 FP8",
	  "| LLaMA 70B | 1 | 4 | 2048 | 109 |", "gptSessionBenchmark static batch 1, output 1" },
	{ "LAT-05", { A100_70B_TP4_FP16, "batch=1", "input_len=128", "output_len=128" },
	  "latency.tpot_s", 0.029, D, REF_DECODE, LMDEPLOY, FIT, 0,
	  "InternLM/lmdeploy docs/en/benchmark/a100_fp16.md@3e391df4 (v0.1.0a1), llama2-70b TP4",
	  "| 1 | 4 | 128 | 128 | 33.63 | 73.72 | 0.074 | ... | 0.029 |", MAP_LMDEPLOY },
	{ "LAT-06", { A100_70B_TP4_FP16, "batch=1", "input_len=2048", "output_len=128" },
	  "latency.ttft_s", 0.402, D, REF_PREFILL, LMDEPLOY, FIT, 0,
	  "InternLM/lmdeploy docs/en/benchmark/a100_fp16.md@3e391df4 (v0.1.0a1), llama2-70b TP4",
	  "batch 1, 2048/128: first token latency ave 0.402 s", MAP_LMDEPLOY },
	{ "LMD-70B-b16-tpot", { A100_70B_TP4_FP16, "batch=16", "input_len=128", "output_len=128" },
	  "latency.tpot_s", 0.030, D, REF_DECODE, LMDEPLOY, FIT, 0,
	  "InternLM/lmdeploy docs/en/benchmark/a100_fp16.md@3e391df4 (v0.1.0a1), llama2-70b TP4",
	  "batch 16, 128/128: per-token p50 0.03 s", MAP_LMDEPLOY },
	{ "LMD-70B-b16-tput", { A100_70B_TP4_FP16, "batch=16", "input_len=128", "output_len=128" },
	  "throughput.tokens_per_s", 439.77, D, REF_THROUGHPUT, LMDEPLOY, FIT, 0,
	  "InternLM/lmdeploy docs/en/benchmark/a100_fp16.md@3e391df4 (v0.1.0a1), llama2-70b TP4",
	  "batch 16, 128/128: 439.77 output tok/s", MAP_LMDEPLOY },
	{ "LAT-09i", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", "dtype=fp8", "batch=1",
	    "input_len=5000", "output_len=500" },
	  "latency.tpot_s", 0.01858, D, REF_DECODE, NIM, HELD, 0,
	  "docs.nvidia.com NIM benchmarking guide for LLMs, Llama-3.3-70b-instruct, NIM 1.8.0, 2x "
	      "H100 80G fp8 TP2 (2025)",
	  "| 1 | 406.77 | 18.58 | 51.67 |",
	  "concurrency 1 = batch 1; Llama-3.3-70B has Llama-3-70B's geometry; NIM's backend not "
	      "stated, vllm preset" },
	{ "LAT-09t", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=2", "tp=2", "dtype=fp8", "batch=1",
	    "input_len=5000", "output_len=500" },
	  "latency.ttft_s", 0.40677, D, REF_PREFILL, NIM, FIT, 0,
	  "docs.nvidia.com NIM benchmarking guide for LLMs, Llama-3.3-70b-instruct, NIM 1.8.0, 2x "
	      "H100 80G fp8 TP2 (2025)",
	  "| 1 | 406.77 | 18.58 | 51.67 |",
	  "concurrency 1 = batch 1; Llama-3.3-70B has Llama-3-70B's geometry; NIM's backend not "
	      "stated, vllm preset" },
	{ "LAT-15", { "model=llama-3-70b", "gpu=a100-80gb", "gpus=4", "tp=4", "batch=8", "input_len=32",
	    "output_len=128" },
	  "latency.e2e_s", 3.99059, D, REF_E2E, VLLM, FIT, 0,
	  "vllm-project/vllm nightly benchmarks (.buildkite/nightly-benchmarks), "
	      "latency_llama70B_tp4, A100-SXM4-80GB, build 9523 (2024)",
	  "latency_llama70B_tp4 | A100-SXM4-80GB | 3990.59",
	  "benchmark_latency fixed batch 8, 32 in / 128 out, bf16, mean" },
	{ "LAT-12", { "model=llama-3-70b", "gpu=h200", "gpus=4", "tp=4", "batch=8", "input_len=32",
	    "output_len=128" },
	  "latency.e2e_s", 2.07753, D, REF_E2E, VLLM, FIT, 0,
	  "vllm-project/vllm nightly benchmarks (.buildkite/nightly-benchmarks), "
	      "latency_llama70B_tp4, H200, build 9515 (2024)",
	  "latency_llama70B_tp4 | H200 | 2077.53",
	  "benchmark_latency fixed batch 8, 32 in / 128 out, bf16, mean" },
	{ "LAT-16", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1", "batch=8", "input_len=32",
	    "output_len=128" },
	  "latency.e2e_s", 1.57927, D, REF_E2E, VLLM, HELD, 0,
	  "vllm-project/vllm nightly benchmarks (.buildkite/nightly-benchmarks), latency_llama8B_tp1, "
	      "A100-SXM4-80GB, build 9523 (2024)",
	  "latency_llama8B_tp1 | A100-SXM4-80GB | 1579.27",
	  "benchmark_latency fixed batch 8, 32 in / 128 out, bf16, mean" },

	/* ---- max-load throughput: TensorRT-LLM perf overview (B2) --------- */
	{ "THR-01", { TRT_H100_8B_FP8, "batch=runtime", "rps=0", "input_len=128", "output_len=128",
	    "max_model_len=256" },
	  "serving.capacity_rps", 28312.0 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.1 8B FP8 H100 TP1",
	  "| 128/128 | 27,911 | 28,312 |", MAP_TRT_MAXLOAD },
	{ "THR-02", { TRT_H100_8B_FP8, "batch=runtime", "rps=0", "input_len=128", "output_len=2048",
	    "max_model_len=2176" },
	  "serving.capacity_rps", 22714.0 / 2048, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.1 8B FP8 H100 TP1",
	  "| 128/2048 | 26,221 | 22,714 |", MAP_TRT_MAXLOAD },
	{ "THR-03", { TRT_H100_8B_FP8, "batch=runtime", "rps=0", "input_len=2048", "output_len=128",
	    "max_model_len=2176" },
	  "serving.capacity_rps", 3450.0 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.1 8B FP8 H100 TP1",
	  "| 2048/128 | 3,538 | 3,450 |", MAP_TRT_MAXLOAD },
	{ "THR-05", { TRT_H100_70B_FP8_TP2, "batch=runtime", "rps=0", "input_len=128", "output_len=128",
	    "max_model_len=256" },
	  "serving.capacity_rps", 6378.0 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.3 70B FP8 H100 TP2",
	  "| 128/128 | 6,378 |", MAP_TRT_MAXLOAD },
	{ "THR-06", { TRT_H100_70B_FP8_TP2, "batch=runtime", "rps=0", "input_len=128",
	    "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 6651.0 / 2048, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.3 70B FP8 H100 TP2",
	  "| 128/2048 | 6,651 |", MAP_TRT_MAXLOAD },
	{ "THR-07", { TRT_H100_70B_FP8_TP2, "batch=runtime", "rps=0", "input_len=2048",
	    "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 762.0 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.3 70B FP8 H100 TP2",
	  "| 2048/128 | 762 |", MAP_TRT_MAXLOAD },
	{ "THR-08", { "model=llama-3-70b", "gpu=h200", "gpus=1", "tp=1", "dtype=fp8", "runtime=trtllm",
	    "batch=runtime", "rps=0", "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 3803.0 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Llama 3.3 70B FP8 H200 TP1",
	  "| 128/128 | 3,803 |", MAP_TRT_MAXLOAD },

	/* ---- serving under load: vLLM benchmark_serving (section C) ------- */
	{ "SRV-04a-ttft50", { SRV04, "rps=1" }, "serving.at_target.ttft_p50_s", 0.0969817, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 1",
	  "qps_01 ... TTFT median 96.9817 ms", MAP_SRV04 },
	{ "SRV-04a-ttft99", { SRV04, "rps=1" }, "serving.at_target.ttft_p99_s", 0.230301, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 1",
	  "qps_01 ... TTFT P99 230.301 ms", MAP_SRV04 },
	{ "SRV-04a-tpot50", { SRV04, "rps=1" }, "serving.at_target.tpot_p50_s", 0.0435453, D, REF_SERVING, VLLM, HELD, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 1",
	  "qps_01 ... TPOT median 43.5453 ms", MAP_SRV04 },
	{ "SRV-04a-tpot99", { SRV04, "rps=1" }, "serving.at_target.tpot_p99_s", 0.0505137, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 1",
	  "qps_01 ... TPOT P99 50.5137 ms", MAP_SRV04 },
	{ "SRV-04b-ttft50", { SRV04, "rps=4" }, "serving.at_target.ttft_p50_s", 0.125156, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 4",
	  "qps_04 ... TTFT median 125.156 ms", MAP_SRV04 },
	{ "SRV-04b-ttft99", { SRV04, "rps=4" }, "serving.at_target.ttft_p99_s", 0.332965, D, REF_SERVING, VLLM, HELD, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 4",
	  "qps_04 ... TTFT P99 332.965 ms", MAP_SRV04 },
	{ "SRV-04b-tpot50", { SRV04, "rps=4" }, "serving.at_target.tpot_p50_s", 0.063497, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 4",
	  "qps_04 ... TPOT median 63.497 ms", MAP_SRV04 },
	{ "SRV-04b-tpot99", { SRV04, "rps=4" }, "serving.at_target.tpot_p99_s", 0.083148, D, REF_SERVING, VLLM, FIT, 0,
	  "gist surajssd/c8bbcb244b210a3607ad952a7bdda759 (vLLM nightly serving harness, 2025), "
	      "Llama-3.3-70B TP4 PP2, QPS 4",
	  "qps_04 ... TPOT P99 83.148 ms", MAP_SRV04 },
	/* ---- TensorRT-LLM perf overview, v0.17 tables (B3): the ISL/OSL rows
	 * 128/128, 128/2048, 2048/128, 1000/1000 and 5000/500 of each column
	 * used (chosen before any error was computed) ------------------------- */
	{ "T17-8B-A100-128/128", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1", "dtype=fp16",
	    "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=128",
	    "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 6627.27 / 128, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B A100-SXM4-80GB FP16",
	  "LLaMA v3.1 8B A100-SXM4-80GB FP16, TP 1, 128, 128: 6627.27 tokens/s", MAP_T17_FP16 },
	{ "T17-8B-A100-128/2048", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1", "dtype=fp16",
	    "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=128",
	    "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 5255.99 / 2048, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B A100-SXM4-80GB FP16",
	  "LLaMA v3.1 8B A100-SXM4-80GB FP16, TP 1, 128, 2048: 5255.99 tokens/s", MAP_T17_FP16 },
	{ "T17-8B-A100-2048/128", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1", "dtype=fp16",
	    "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=2048",
	    "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 799.61 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B A100-SXM4-80GB FP16",
	  "LLaMA v3.1 8B A100-SXM4-80GB FP16, TP 1, 2048, 128: 799.61 tokens/s", MAP_T17_FP16 },
	{ "T17-8B-A100-1000/1000", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=1000",
	    "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 3786.83 / 1000, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B A100-SXM4-80GB FP16",
	  "LLaMA v3.1 8B A100-SXM4-80GB FP16, TP 1, 1000, 1000: 3786.83 tokens/s", MAP_T17_FP16 },
	{ "T17-8B-A100-5000/500", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1", "dtype=fp16",
	    "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=5000",
	    "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 825.13 / 500, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B A100-SXM4-80GB FP16",
	  "LLaMA v3.1 8B A100-SXM4-80GB FP16, TP 1, 5000, 500: 825.13 tokens/s", MAP_T17_FP16 },
	{ "T17-8B-L40S-128/128", { "model=llama-3-8b", "gpu=l40s", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 9104.61 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B L40S FP8",
	  "LLaMA v3.1 8B L40S FP8, TP 1, 128, 128: 9104.61 tokens/s", MAP_T17 },
	{ "T17-8B-L40S-128/2048", { "model=llama-3-8b", "gpu=l40s", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 5365.81 / 2048, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B L40S FP8",
	  "LLaMA v3.1 8B L40S FP8, TP 1, 128, 2048: 5365.81 tokens/s", MAP_T17 },
	{ "T17-8B-L40S-2048/128", { "model=llama-3-8b", "gpu=l40s", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 1066.52 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B L40S FP8",
	  "LLaMA v3.1 8B L40S FP8, TP 1, 2048, 128: 1066.52 tokens/s", MAP_T17 },
	{ "T17-8B-L40S-1000/1000", { "model=llama-3-8b", "gpu=l40s", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 4054.71 / 1000, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B L40S FP8",
	  "LLaMA v3.1 8B L40S FP8, TP 1, 1000, 1000: 4054.71 tokens/s", MAP_T17 },
	{ "T17-8B-L40S-5000/500", { "model=llama-3-8b", "gpu=l40s", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 981.2 / 500, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 8B L40S FP8",
	  "LLaMA v3.1 8B L40S FP8, TP 1, 5000, 500: 981.2 tokens/s", MAP_T17 },
	{ "T17-70B-H100-128/128", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 11127.53 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 70B H100 80GB HBM3 FP8",
	  "LLaMA v3.1 70B H100 80GB HBM3 FP8, TP 4, 128, 128: 11127.53 tokens/s", MAP_T17 },
	{ "T17-70B-H100-128/2048", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 11511.93 / 2048, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 70B H100 80GB HBM3 FP8",
	  "LLaMA v3.1 70B H100 80GB HBM3 FP8, TP 4, 128, 2048: 11511.93 tokens/s", MAP_T17 },
	{ "T17-70B-H100-2048/128", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 1302.6 / 128, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 70B H100 80GB HBM3 FP8",
	  "LLaMA v3.1 70B H100 80GB HBM3 FP8, TP 4, 2048, 128: 1302.6 tokens/s", MAP_T17 },
	{ "T17-70B-H100-1000/1000", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 7430.99 / 1000, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 70B H100 80GB HBM3 FP8",
	  "LLaMA v3.1 70B H100 80GB HBM3 FP8, TP 4, 1000, 1000: 7430.99 tokens/s", MAP_T17 },
	{ "T17-70B-H100-5000/500", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 1602.78 / 500, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "LLaMA v3.1 70B H100 80GB HBM3 FP8",
	  "LLaMA v3.1 70B H100 80GB HBM3 FP8, TP 4, 5000, 500: 1602.78 tokens/s", MAP_T17 },
	{ "T17-M7B-H100-128/128", { "model=mistral-7b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 31674.49 / 128, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mistral 7B H100 80GB HBM3 FP8",
	  "Mistral 7B H100 80GB HBM3 FP8, TP 1, 128, 128: 31674.49 tokens/s", MAP_T17 },
	{ "T17-M7B-H100-128/2048", { "model=mistral-7b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 23496.42 / 2048, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mistral 7B H100 80GB HBM3 FP8",
	  "Mistral 7B H100 80GB HBM3 FP8, TP 1, 128, 2048: 23496.42 tokens/s", MAP_T17 },
	{ "T17-M7B-H100-2048/128", { "model=mistral-7b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 3642.48 / 128, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mistral 7B H100 80GB HBM3 FP8",
	  "Mistral 7B H100 80GB HBM3 FP8, TP 1, 2048, 128: 3642.48 tokens/s", MAP_T17 },
	{ "T17-M7B-H100-1000/1000", { "model=mistral-7b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 16035.66 / 1000, D, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mistral 7B H100 80GB HBM3 FP8",
	  "Mistral 7B H100 80GB HBM3 FP8, TP 1, 1000, 1000: 16035.66 tokens/s", MAP_T17 },
	{ "T17-M7B-H100-5000/500", { "model=mistral-7b", "gpu=h100-sxm", "gpus=1", "tp=1", "dtype=fp8",
	    "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 3591.33 / 500, D, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mistral 7B H100 80GB HBM3 FP8",
	  "Mistral 7B H100 80GB HBM3 FP8, TP 1, 5000, 500: 3591.33 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-1-128/128", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 15962.49 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 1, 128, 128: 15962.49 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-1-128/2048", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 8290.13 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 1, 128, 2048: 8290.13 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-1-2048/128", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 1892.81 / 128, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 1, 2048, 128: 1892.81 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-1-1000/1000", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 6868.52 / 1000, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 1, 1000, 1000: 6868.52 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-1-5000/500", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 1764.7 / 500, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 1, 5000, 500: 1764.7 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-2-128/128", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 27451.13 / 128, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 2, 128, 128: 27451.13 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-2-128/2048", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 22830.08 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 2, 128, 2048: 22830.08 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-2-2048/128", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 3333.68 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 2, 2048, 128: 3333.68 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-2-1000/1000", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 15770.89 / 1000, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 2, 1000, 1000: 15770.89 tokens/s", MAP_T17 },
	{ "T17-8x7B-H100-2-5000/500", { "model=mixtral-8x7b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 3646.09 / 500, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B H100 80GB HBM3 FP8",
	  "Mixtral 8x7B H100 80GB HBM3 FP8, TP 2, 5000, 500: 3646.09 tokens/s", MAP_T17 },
	{ "T17-8x7B-A100-2-128/128", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=128",
	    "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 5541.47 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B A100-SXM4-80GB FP16",
	  "Mixtral 8x7B A100-SXM4-80GB FP16, TP 2, 128, 128: 5541.47 tokens/s", MAP_T17_FP16 },
	{ "T17-8x7B-A100-2-128/2048", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=128",
	    "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 4169.78 / 2048, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B A100-SXM4-80GB FP16",
	  "Mixtral 8x7B A100-SXM4-80GB FP16, TP 2, 128, 2048: 4169.78 tokens/s", MAP_T17_FP16 },
	{ "T17-8x7B-A100-2-2048/128", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=2048",
	    "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 649.0 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B A100-SXM4-80GB FP16",
	  "Mixtral 8x7B A100-SXM4-80GB FP16, TP 2, 2048, 128: 649 tokens/s", MAP_T17_FP16 },
	{ "T17-8x7B-A100-2-1000/1000", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=1000",
	    "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 3154.52 / 1000, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B A100-SXM4-80GB FP16",
	  "Mixtral 8x7B A100-SXM4-80GB FP16, TP 2, 1000, 1000: 3154.52 tokens/s", MAP_T17_FP16 },
	{ "T17-8x7B-A100-2-5000/500", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2",
	    "dtype=fp16", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0", "input_len=5000",
	    "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 724.44 / 500, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x7B A100-SXM4-80GB FP16",
	  "Mixtral 8x7B A100-SXM4-80GB FP16, TP 2, 5000, 500: 724.44 tokens/s", MAP_T17_FP16 },
	{ "T17-8x22B-H100-128/128", { "model=mixtral-8x22b", "gpu=h100-sxm", "gpus=8", "tp=8",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 21876.08 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x22B H100 80GB HBM3 FP8",
	  "Mixtral 8x22B H100 80GB HBM3 FP8, TP 8, 128, 128: 21876.08 tokens/s", MAP_T17 },
	{ "T17-8x22B-H100-128/2048", { "model=mixtral-8x22b", "gpu=h100-sxm", "gpus=8", "tp=8",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 25150.03 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x22B H100 80GB HBM3 FP8",
	  "Mixtral 8x22B H100 80GB HBM3 FP8, TP 8, 128, 2048: 25150.03 tokens/s", MAP_T17 },
	{ "T17-8x22B-H100-2048/128", { "model=mixtral-8x22b", "gpu=h100-sxm", "gpus=8", "tp=8",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 2794.97 / 128, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x22B H100 80GB HBM3 FP8",
	  "Mixtral 8x22B H100 80GB HBM3 FP8, TP 8, 2048, 128: 2794.97 tokens/s", MAP_T17 },
	{ "T17-8x22B-H100-1000/1000", { "model=mixtral-8x22b", "gpu=h100-sxm", "gpus=8", "tp=8",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 16573.24 / 1000, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x22B H100 80GB HBM3 FP8",
	  "Mixtral 8x22B H100 80GB HBM3 FP8, TP 8, 1000, 1000: 16573.24 tokens/s", MAP_T17 },
	{ "T17-8x22B-H100-5000/500", { "model=mixtral-8x22b", "gpu=h100-sxm", "gpus=8", "tp=8",
	    "dtype=fp8", "kv_dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 3645.27 / 500, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540 (v0.17 data, 2025), "
	      "Mixtral 8x22B H100 80GB HBM3 FP8",
	  "Mixtral 8x22B H100 80GB HBM3 FP8, TP 8, 5000, 500: 3645.27 tokens/s", MAP_T17 },
	{ "T10-Q235-H200-128/128", { "model=qwen3-235b-a22b", "gpu=h200", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=128", "max_model_len=256" },
	  "serving.capacity_rps", 30429.0 / 128, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H200 TP8 (FP8)",
	  "| 128/128 | ... 30,429 |", MAP_T10_MOE },
	{ "T10-Q235-H200-128/2048", { "model=qwen3-235b-a22b", "gpu=h200", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 42821.0 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H200 TP8 (FP8)",
	  "| 128/2048 | ... 42,821 |", MAP_T10_MOE },
	{ "T10-Q235-H200-2048/128", { "model=qwen3-235b-a22b", "gpu=h200", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=2048", "output_len=128", "max_model_len=2176" },
	  "serving.capacity_rps", 3331.0 / 128, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H200 TP8 (FP8)",
	  "| 2048/128 | ... 3,331 |", MAP_T10_MOE },
	{ "T10-Q235-H200-1000/1000", { "model=qwen3-235b-a22b", "gpu=h200", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 23789.0 / 1000, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H200 TP8 (FP8)",
	  "| 1000/1000 | ... 23,789 |", MAP_T10_MOE },
	{ "T10-Q235-H200-5000/500", { "model=qwen3-235b-a22b", "gpu=h200", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 3623.0 / 500, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H200 TP8 (FP8)",
	  "| 5000/500 | ... 3,623 |", MAP_T10_MOE },
	{ "T10-Q235-H100-128/2048", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 19658.0 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H100 TP8 (FP8)",
	  "| 128/2048 | ... 19,658 |", MAP_T10_MOE },
	{ "T10-Q235-H100-1000/1000", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=8", "tp=1",
	    "dp=8", "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=1000", "output_len=1000", "max_model_len=2000" },
	  "serving.capacity_rps", 14898.0 / 1000, M, REF_THROUGHPUT, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H100 TP8 (FP8)",
	  "| 1000/1000 | ... 14,898 |", MAP_T10_MOE },
	{ "T10-Q235-H100-5000/500", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=8", "tp=1", "dp=8",
	    "ep=8", "dtype=fp8", "runtime=trtllm", "mem_util=0.95", "batch=runtime", "rps=0",
	    "input_len=5000", "output_len=500", "max_model_len=5500" },
	  "serving.capacity_rps", 3225.0 / 500, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@00f37686 (v1.0 era, 2025), "
	      "Qwen3-235B-A22B H100 TP8 (FP8)",
	  "| 5000/500 | ... 3,225 |", MAP_T10_MOE },
	{ "DSR1-H200-trtllm", { "model=deepseek-v3", "gpu=h200", "gpus=8", "tp=1", "dp=8", "ep=8",
	    "dtype=fp8", "runtime=trtllm", "mem_util=0.8", "batch=128", "max_batched_tokens=1151",
	    "rps=0", "input_len=1024", "output_len=2048", "max_model_len=3072" },
	  "serving.capacity_rps", 11489.2671 / 2048, M, REF_THROUGHPUT, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM "
	      "docs/source/blogs/Best_perf_practice_on_DeepSeek-R1_in_TensorRT-LLM.md@01c4ece9 "
	      "(2025), H200 max-throughput",
	  "Total Output Throughput (tokens/sec):             11489.2671",
	  "trtllm-bench --tp 8 --ep 8, enable_attention_dp (DP 8 attention, EP 8 experts), "
	      "--max_batch_size 128 per rank, --concurrency 1024, --max_num_tokens 1151, "
	      "--kv_cache_free_gpu_mem_fraction 0.8, ISL 1K (1024) / OSL 2K (2048) synthetic; "
	      "DeepSeek-R1 has DeepSeek-V3's geometry; capacity at batch 128 per replica vs tok/s / "
	      "OSL" },
	{ "LAT-14", { "model=mixtral-8x7b", "gpu=h200", "gpus=2", "tp=2", "batch=8", "input_len=32",
	    "output_len=128" },
	  "latency.e2e_s", 1.91744, M, REF_E2E, VLLM, FIT, 0,
	  "vllm-project/vllm nightly benchmarks (.buildkite/nightly-benchmarks), "
	      "latency_mixtral8x7B_tp2, H200, build 9515 (2024)",
	  "latency_mixtral8x7B_tp2 | H200 | 1917.44",
	  "benchmark_latency fixed batch 8, 32 in / 128 out, bf16, mean" },
	{ "LAT-17", { "model=mixtral-8x7b", "gpu=a100-80gb", "gpus=2", "tp=2", "batch=8",
	    "input_len=32", "output_len=128" },
	  "latency.e2e_s", 3.64384, M, REF_E2E, VLLM, FIT, 0,
	  "vllm-project/vllm nightly benchmarks (.buildkite/nightly-benchmarks), "
	      "latency_mixtral8x7B_tp2, A100-SXM4-80GB, build 9523 (2024)",
	  "latency_mixtral8x7B_tp2 | A100-SXM4-80GB | 3643.84",
	  "benchmark_latency fixed batch 8, 32 in / 128 out, bf16, mean" },
	{ "T14S-70B-467/256-q2-ttft", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.ttft_mean_s", 62e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 467/256, QPS 2: mean TTFT 62 ms, mean ITL 21 "
	      "ms", MAP_T14S },
	{ "T14S-70B-467/256-q2-itl", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.tpot_mean_s", 21e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 467/256, QPS 2: mean TTFT 62 ms, mean ITL 21 "
	      "ms", MAP_T14S },
	{ "T14S-70B-467/256-q8-ttft", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.ttft_mean_s", 92e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 467/256, QPS 8: mean TTFT 92 ms, mean ITL 32 "
	      "ms", MAP_T14S },
	{ "T14S-70B-467/256-q8-itl", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.tpot_mean_s", 32e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 467/256, QPS 8: mean TTFT 92 ms, mean ITL 32 "
	      "ms", MAP_T14S },
	{ "T14S-70B-202/214-q2-ttft", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.ttft_mean_s", 48e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 202/214, QPS 2: mean TTFT 48 ms, mean ITL 20 "
	      "ms", MAP_T14S },
	{ "T14S-70B-202/214-q2-itl", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.tpot_mean_s", 20e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 202/214, QPS 2: mean TTFT 48 ms, mean ITL 20 "
	      "ms", MAP_T14S },
	{ "T14S-70B-202/214-q8-ttft", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.ttft_mean_s", 57e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 202/214, QPS 8: mean TTFT 57 ms, mean ITL 25 "
	      "ms", MAP_T14S },
	{ "T14S-70B-202/214-q8-itl", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.tpot_mean_s", 25e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 70B H100 80GB HBM3 TP4",
	  "LLaMA 3.1 70B H100 80GB HBM3 TP4, 202/214, QPS 8: mean TTFT 57 ms, mean ITL 25 "
	      "ms", MAP_T14S },
	{ "T14S-8B-467/256-q2-ttft", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.ttft_mean_s", 23e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 467/256, QPS 2: mean TTFT 23 ms, mean ITL 8 ms", MAP_T14S },
	{ "T14S-8B-467/256-q2-itl", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.tpot_mean_s", 8e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 467/256, QPS 2: mean TTFT 23 ms, mean ITL 8 ms", MAP_T14S },
	{ "T14S-8B-467/256-q8-ttft", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.ttft_mean_s", 26e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 467/256, QPS 8: mean TTFT 26 ms, mean ITL 9 ms", MAP_T14S },
	{ "T14S-8B-467/256-q8-itl", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=467", "output_len=256",
	    "max_model_len=723" },
	  "serving.at_target.tpot_mean_s", 9e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 467/256, QPS 8: mean TTFT 26 ms, mean ITL 9 ms", MAP_T14S },
	{ "T14S-8B-202/214-q2-ttft", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.ttft_mean_s", 19e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 202/214, QPS 2: mean TTFT 19 ms, mean ITL 7 ms", MAP_T14S },
	{ "T14S-8B-202/214-q2-itl", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=2", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.tpot_mean_s", 7e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 202/214, QPS 2: mean TTFT 19 ms, mean ITL 7 ms", MAP_T14S },
	{ "T14S-8B-202/214-q8-ttft", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.ttft_mean_s", 21e-3, D, REF_SERVING, TRTLLM, FIT, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 202/214, QPS 8: mean TTFT 21 ms, mean ITL 9 ms", MAP_T14S },
	{ "T14S-8B-202/214-q8-itl", { "model=llama-3-8b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "dtype=bf16", "runtime=trtllm", "batch=runtime", "rps=8", "input_len=202", "output_len=214",
	    "max_model_len=416" },
	  "serving.at_target.tpot_mean_s", 9e-3, D, REF_SERVING, TRTLLM, HELD, 0,
	  "NVIDIA/TensorRT-LLM docs/source/performance/perf-overview.md@258c7540, Online Serving "
	      "Measurements (v0.14.0, BF16, 500 requests), LLaMA 3.1 8B H100 80GB HBM3 TP1",
	  "LLaMA 3.1 8B H100 80GB HBM3 TP1, 202/214, QPS 8: mean TTFT 21 ms, mean ITL 9 ms", MAP_T14S },
	{ "GS-goss20b-H100-4k", { "model=gpt-oss-20b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=500",
	    "rps=0", "input_len=3998", "output_len=105", "max_model_len=4103" },
	  "serving.capacity_rps", 8.10, M, REF_THROUGHPUT, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-20b/h100.md@7b50d506 (vLLM v0.11.0, 2025), "
	      "vllm serve openai/gpt-oss-20b, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1999249  Total generated tokens: 52309  "
	      "Request throughput (req/s): 8.10", MAP_GS },
	{ "GS-goss20b-H100-2k", { "model=gpt-oss-20b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=500",
	    "rps=0", "input_len=1998", "output_len=94", "max_model_len=2092" },
	  "serving.capacity_rps", 15.35, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-20b/h100.md@7b50d506 (vLLM v0.11.0, 2025), "
	      "vllm serve openai/gpt-oss-20b, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 999120  Total generated tokens: 47022  "
	      "Request throughput (req/s): 15.35", MAP_GS },
	{ "GS-Q235-H100-4k", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=8", "tp=8", "dtype=bf16",
	    "batch=500", "rps=0", "input_len=3996", "output_len=184", "max_model_len=4180" },
	  "serving.capacity_rps", 5.05, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/qwen3-235b-a22b/h100.md@10e9444a (vLLM v0.11.0, "
	      "2025), vllm serve Qwen/Qwen3-235B-A22B-Instruct-2507 -tp 8, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1997942  Total generated tokens: 92185  "
	      "Request throughput (req/s): 5.05", MAP_GS },
	{ "GS-Q235-H100-2k", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=8", "tp=8", "dtype=bf16",
	    "batch=500", "rps=0", "input_len=1996", "output_len=99", "max_model_len=2095" },
	  "serving.capacity_rps", 11.39, M, REF_THROUGHPUT, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/qwen3-235b-a22b/h100.md@10e9444a (vLLM v0.11.0, "
	      "2025), vllm serve Qwen/Qwen3-235B-A22B-Instruct-2507 -tp 8, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 998175  Total generated tokens: 49500  "
	      "Request throughput (req/s): 11.39", MAP_GS },
	{ "GS-Q235fp8-H100-4k", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=fp8", "max_batched_tokens=16384", "batch=500", "rps=0", "input_len=3996",
	    "output_len=182", "max_model_len=4178" },
	  "serving.capacity_rps", 3.94, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/qwen3-235b-a22b/h100.md@10e9444a (vLLM v0.11.0, "
	      "2025), vllm serve Qwen/Qwen3-235B-A22B-Instruct-2507-FP8 -tp 4 "
	      "--max-num-batched-tokens 16384, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1997942  Total generated tokens: 90966  "
	      "Request throughput (req/s): 3.94", MAP_GS },
	{ "GS-Q235fp8-H100-2k", { "model=qwen3-235b-a22b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "dtype=fp8", "max_batched_tokens=16384", "batch=500", "rps=0", "input_len=1996",
	    "output_len=99", "max_model_len=2095" },
	  "serving.capacity_rps", 9.04, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/qwen3-235b-a22b/h100.md@10e9444a (vLLM v0.11.0, "
	      "2025), vllm serve Qwen/Qwen3-235B-A22B-Instruct-2507-FP8 -tp 4 "
	      "--max-num-batched-tokens 16384, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 998175  Total generated tokens: 49471  "
	      "Request throughput (req/s): 9.04", MAP_GS },
	{ "GS-DSR1-H200-4k", { "model=deepseek-v3", "gpu=h200", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=500", "rps=0", "input_len=3995", "output_len=200", "max_model_len=4195" },
	  "serving.capacity_rps", 3.77, M, REF_THROUGHPUT, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/deepseek-r1/h200.md@a5c9fafc (vLLM v0.11.0, 2025), "
	      "vllm serve deepseek-ai/DeepSeek-R1-0528 -tp 8, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1997530  Total generated tokens: 100000  "
	      "Request throughput (req/s): 3.77", MAP_GS },
	{ "GS-DSR1-H200-2k", { "model=deepseek-v3", "gpu=h200", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=500", "rps=0", "input_len=1997", "output_len=100", "max_model_len=2097" },
	  "serving.capacity_rps", 8.44, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/deepseek-r1/h200.md@a5c9fafc (vLLM v0.11.0, 2025), "
	      "vllm serve deepseek-ai/DeepSeek-R1-0528 -tp 8, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 998393  Total generated tokens: 50000  "
	      "Request throughput (req/s): 8.44", MAP_GS },
	{ "GS-DSR1-H200-c4-tpot", { "model=deepseek-v3", "gpu=h200", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=4", "input_len=228", "output_len=213" },
	  "latency.tpot_s", 19.36e-3, M, REF_DECODE, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/deepseek-r1/h200.md@a5c9fafc (vLLM v0.11.0, 2025), "
	      "vllm serve deepseek-ai/DeepSeek-R1-0528 -tp 8, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22836  Total generated tokens: "
	      "21338 ... Mean TPOT (ms): 19.36",
	  "vllm bench serve --max-concurrency 4, 100 ShareGPT prompts: mean 228 in / 213 out "
	      "(published totals / 100) at batch 4; TPOT excludes the first token; DeepSeek-R1-0528 "
	      "has DeepSeek-V3's geometry" },

	/* ---- MI300X: OCI's Llama 3.1 405B blog and AMD's ROCm performance page --- */
	{ "OCI-405B-MI300X-b1", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=1", "input_len=128", "output_len=128" },
	  "latency.e2e_s", 3.530, D, REF_E2E, VLLM, FIT, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), latency measurements",
	  "| 1 | ... | 3.530 |",
	  "vLLM benchmark_latency.py, input 128, output 128, batch as published: average latency = "
	      "e2e; Llama 3.1 405B FP8 TP8 (KV dtype not stated: 16-bit)" },
	{ "OCI-405B-MI300X-b4", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=4", "input_len=128", "output_len=128" },
	  "latency.e2e_s", 3.734, D, REF_E2E, VLLM, FIT, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), latency measurements",
	  "| 4 | ... | 3.734 |",
	  "vLLM benchmark_latency.py, input 128, output 128, batch as published: average latency = "
	      "e2e; Llama 3.1 405B FP8 TP8 (KV dtype not stated: 16-bit)" },
	{ "OCI-405B-MI300X-b16", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=16", "input_len=128", "output_len=128" },
	  "latency.e2e_s", 4.375, D, REF_E2E, VLLM, HELD, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), latency measurements",
	  "| 16 | ... | 4.375 |",
	  "vLLM benchmark_latency.py, input 128, output 128, batch as published: average latency = "
	      "e2e; Llama 3.1 405B FP8 TP8 (KV dtype not stated: 16-bit)" },
	{ "OCI-405B-MI300X-b64", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=64", "input_len=128", "output_len=128" },
	  "latency.e2e_s", 6.919, D, REF_E2E, VLLM, FIT, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), latency measurements",
	  "| 64 | ... | 6.919 |",
	  "vLLM benchmark_latency.py, input 128, output 128, batch as published: average latency = "
	      "e2e; Llama 3.1 405B FP8 TP8 (KV dtype not stated: 16-bit)" },
	{ "OCI-405B-MI300X-b256", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=256", "input_len=128", "output_len=128" },
	  "latency.e2e_s", 17.750, D, REF_E2E, VLLM, FIT, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), latency measurements",
	  "| 256 | ... | 17.750 |",
	  "vLLM benchmark_latency.py, input 128, output 128, batch as published: average latency = "
	      "e2e; Llama 3.1 405B FP8 TP8 (KV dtype not stated: 16-bit)" },
	{ "OCI-405B-MI300X-128/128", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8",
	    "dtype=fp8", "batch=256", "rps=0", "input_len=128", "output_len=128" },
	  "serving.capacity_rps", 1993.0 / 128, D, REF_THROUGHPUT, VLLM, FIT, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), throughput measurements",
	  "| ... | 128 | 128 | 1993 |",
	  "vLLM benchmark_throughput.py (offline, all requests at once), output TPS / OSL vs capacity "
	      "at max_num_seqs 256 (vLLM's default of 2024 releases, EngineArgs.max_num_seqs)" },
	{ "OCI-405B-MI300X-128/2048", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8",
	    "dtype=fp8", "batch=256", "rps=0", "input_len=128", "output_len=2048" },
	  "serving.capacity_rps", 2794.0 / 2048, D, REF_THROUGHPUT, VLLM, HELD, 0,
	  "blogs.oracle.com/cloud-infrastructure/serving-llama-31-405b-model-with-amd-mi300x-gpus "
	      "(OCI BM.GPU.MI300X.8, vLLM; 2024), throughput measurements",
	  "| ... | 128 | 2048 | 2794 |",
	  "vLLM benchmark_throughput.py (offline, all requests at once), output TPS / OSL vs capacity "
	      "at max_num_seqs 256 (vLLM's default of 2024 releases, EngineArgs.max_num_seqs)" },
	{ "AMD-70B-MI300X-128/2048", { "model=llama-3-70b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=3200", "rps=0", "input_len=128", "output_len=2048", "max_model_len=2176" },
	  "serving.capacity_rps", 12638.9 / 2048, D, REF_THROUGHPUT, VLLM, FIT, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Throughput Measurements, "
	      "Llama 3.1 70B (amd/Llama-3.1-70B-Instruct-FP8-KV) FP8 TP8",
	  "128 | 2048 | 3200 | 3200 | 12638.9",
	  "requests at an infinite rate, Num Prompts = Max Num Seqs as published (the batch cap); "
	      "'Throughput (tokens/s)' read as output tokens/s (not stated; with 128 input tokens "
	      "total and output differ by 6% or less); KV dtype not stated (16-bit)" },
	{ "AMD-70B-MI300X-128/4096", { "model=llama-3-70b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=1500", "rps=0", "input_len=128", "output_len=4096", "max_model_len=4224" },
	  "serving.capacity_rps", 10756.8 / 4096, D, REF_THROUGHPUT, VLLM, FIT, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Throughput Measurements, "
	      "Llama 3.1 70B (amd/Llama-3.1-70B-Instruct-FP8-KV) FP8 TP8",
	  "128 | 4096 | 1500 | 1500 | 10756.8",
	  "requests at an infinite rate, Num Prompts = Max Num Seqs as published (the batch cap); "
	      "'Throughput (tokens/s)' read as output tokens/s (not stated; with 128 input tokens "
	      "total and output differ by 6% or less); KV dtype not stated (16-bit)" },
	{ "AMD-405B-MI300X-128/2048", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8",
	    "dtype=fp8", "batch=1500", "rps=0", "input_len=128", "output_len=2048",
	    "max_model_len=2176" },
	  "serving.capacity_rps", 3912.8 / 2048, D, REF_THROUGHPUT, VLLM, HELD, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Throughput Measurements, "
	      "Llama 3.1 405B (amd/Llama-3.1-405B-Instruct-FP8-KV) FP8 TP8",
	  "128 | 2048 | 1500 | 1500 | 3912.8",
	  "requests at an infinite rate, Num Prompts = Max Num Seqs as published (the batch cap); "
	      "'Throughput (tokens/s)' read as output tokens/s (not stated; with 128 input tokens "
	      "total and output differ by 6% or less); KV dtype not stated (16-bit)" },
	{ "AMD-405B-MI300X-128/4096", { "model=llama-3.1-405b", "gpu=mi300x", "gpus=8", "tp=8",
	    "dtype=fp8", "batch=1500", "rps=0", "input_len=128", "output_len=4096",
	    "max_model_len=4224" },
	  "serving.capacity_rps", 3084.7 / 4096, D, REF_THROUGHPUT, VLLM, FIT, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Throughput Measurements, "
	      "Llama 3.1 405B (amd/Llama-3.1-405B-Instruct-FP8-KV) FP8 TP8",
	  "128 | 4096 | 1500 | 1500 | 3084.7",
	  "requests at an infinite rate, Num Prompts = Max Num Seqs as published (the batch cap); "
	      "'Throughput (tokens/s)' read as output tokens/s (not stated; with 128 input tokens "
	      "total and output differ by 6% or less); KV dtype not stated (16-bit)" },
	{ "AMD-70B-MI300X-lat-b1", { "model=llama-3-70b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=1", "input_len=128", "output_len=2048" },
	  "latency.e2e_s", 17.236, D, REF_E2E, VLLM, HELD, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Latency Measurements, Llama "
	      "3.1 70B FP8 TP8",
	  "FP8 8 1 128 2048 17.236",
	  "vLLM latency benchmark, batch as published, 128 in / 2048 out: latency = e2e" },
	{ "AMD-70B-MI300X-lat-b2", { "model=llama-3-70b", "gpu=mi300x", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=2", "input_len=128", "output_len=2048" },
	  "latency.e2e_s", 18.057, D, REF_E2E, VLLM, FIT, 0,
	  "www.amd.com/en/developer/resources/rocm-hub/dev-ai/performance-results.html "
	      "(rocm/vllm:rocm6.4.1_vllm_0.9.1_20250715, July 16 2025), Latency Measurements, Llama "
	      "3.1 70B FP8 TP8",
	  "FP8 8 2 128 2048 18.057",
	  "vLLM latency benchmark, batch as published, 128 in / 2048 out: latency = e2e" },

	/* ---- gpt-oss-120b on H100, GPUStack performance lab (vLLM v0.10.2) ------ */
	{ "GS-goss120b-H100-4k", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=500",
	    "rps=0", "input_len=3998", "output_len=134", "max_model_len=32768" },
	  "serving.capacity_rps", 3.45, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --max-model-len 32768, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1999249  Total generated tokens: 67205  "
	      "Request throughput (req/s): 3.45", MAP_GS },
	{ "GS-goss120b-H100-2k", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=1", "tp=1", "batch=500",
	    "rps=0", "input_len=1998", "output_len=98", "max_model_len=32768" },
	  "serving.capacity_rps", 6.86, M, REF_THROUGHPUT, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --max-model-len 32768, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 999120  Total generated tokens: 49197  "
	      "Request throughput (req/s): 6.86", MAP_GS },
	{ "GS-goss120b-H100-c4-tpot", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "batch=4", "input_len=229", "output_len=217", "max_model_len=32768" },
	  "latency.tpot_s", 8.31e-3, M, REF_DECODE, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --max-model-len 32768, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22946  Total generated tokens: "
	      "21691 ... Mean TPOT (ms): 8.31",
	  "vllm bench serve --max-concurrency 4, 100 ShareGPT prompts: mean 229 in / 217 out "
	      "(published totals / 100) at batch 4; TPOT excludes the first token; MXFP4 experts as "
	      "int4" },
	{ "GS-goss120b-H100-tp2-4k", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "batch=500", "rps=0", "input_len=3998", "output_len=136", "max_model_len=131072" },
	  "serving.capacity_rps", 8.34, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --async-scheduling -tp 2, random 4K input",
	  "Successful requests: 500 ... Total input tokens: 1999249  Total generated tokens: 68046  "
	      "Request throughput (req/s): 8.34", MAP_GS },
	{ "GS-goss120b-H100-tp2-2k", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "batch=500", "rps=0", "input_len=1998", "output_len=98", "max_model_len=131072" },
	  "serving.capacity_rps", 16.26, M, REF_THROUGHPUT, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --async-scheduling -tp 2, random 2K input",
	  "Successful requests: 500 ... Total input tokens: 999120  Total generated tokens: 49059  "
	      "Request throughput (req/s): 16.26", MAP_GS },
	{ "GS-goss120b-H100-tp2-c4-tpot", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "batch=4", "input_len=229", "output_len=217", "max_model_len=131072" },
	  "latency.tpot_s", 5.75e-3, M, REF_DECODE, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --async-scheduling -tp 2, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22946  Total generated tokens: "
	      "21691 ... Mean TPOT (ms): 5.75",
	  "vllm bench serve --max-concurrency 4, 100 ShareGPT prompts: mean 229 in / 217 out "
	      "(published totals / 100) at batch 4; TPOT excludes the first token; MXFP4 experts as "
	      "int4" },

	/* ---- MoE prefill: TTFT at concurrency 4 (GPUStack, the runs above) ---- */
	{ "GS-DSR1-H200-c4-ttft", { "model=deepseek-v3", "gpu=h200", "gpus=8", "tp=8", "dtype=fp8",
	    "batch=4", "input_len=228", "output_len=213" },
	  "latency.ttft_s", 123.30e-3, M, REF_PREFILL, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/deepseek-r1/h200.md@a5c9fafc (vLLM v0.11.0, 2025), "
	      "vllm serve deepseek-ai/DeepSeek-R1-0528 -tp 8, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22836 ... Mean TTFT (ms): "
	      "123.30", MAP_GS_C4_TTFT },
	{ "GS-goss120b-H100-c4-ttft", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=1", "tp=1",
	    "batch=4", "input_len=229", "output_len=217", "max_model_len=32768" },
	  "latency.ttft_s", 49.00e-3, M, REF_PREFILL, VLLM, FIT, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --max-model-len 32768, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22946 ... Mean TTFT (ms): "
	      "49.00", MAP_GS_C4_TTFT },
	{ "GS-goss120b-H100-tp2-c4-ttft", { "model=gpt-oss-120b", "gpu=h100-sxm", "gpus=2", "tp=2",
	    "batch=4", "input_len=229", "output_len=217", "max_model_len=131072" },
	  "latency.ttft_s", 37.51e-3, M, REF_PREFILL, VLLM, HELD, 0,
	  "gpustack/gpustack docs/performance-lab/gpt-oss-120b/h100.md@72aee9dd (vLLM v0.10.2, 2025), "
	      "vllm serve openai/gpt-oss-120b --async-scheduling -tp 2, ShareGPT batch size 4",
	  "Maximum request concurrency: 4 ... Total input tokens: 22946 ... Mean TTFT (ms): "
	      "37.51", MAP_GS_C4_TTFT },
	/* ---- SGLang v0.3.0 online serving (its vLLM v0.6.0 comparison) ----------- */
	{ "SGL030-8B-A100-rps4-ttft50", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1",
	    "runtime=sglang", "batch=runtime", "rps=4", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.ttft_p50_s", 31.98e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 8B Instruct 1 x A100 80G, sglang.bench_serving ShareGPT, RPS 4",
	  "| 4 | 1200 | SGLang | ... | Median TTFT 31.98 | Median TPOT 13.17 |", MAP_SGL030 },
	{ "SGL030-8B-A100-rps4-tpot50", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1",
	    "runtime=sglang", "batch=runtime", "rps=4", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.tpot_p50_s", 13.17e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 8B Instruct 1 x A100 80G, sglang.bench_serving ShareGPT, RPS 4",
	  "| 4 | 1200 | SGLang | ... | Median TTFT 31.98 | Median TPOT 13.17 |", MAP_SGL030 },
	{ "SGL030-8B-A100-rps8-ttft50", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1",
	    "runtime=sglang", "batch=runtime", "rps=8", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.ttft_p50_s", 35.68e-3, D, REF_SERVING, SGLANG, HELD, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 8B Instruct 1 x A100 80G, sglang.bench_serving ShareGPT, RPS 8",
	  "| 8 | 2400 | SGLang | ... | Median TTFT 35.68 | Median TPOT 17.85 |", MAP_SGL030 },
	{ "SGL030-8B-A100-rps8-tpot50", { "model=llama-3-8b", "gpu=a100-80gb", "gpus=1", "tp=1",
	    "runtime=sglang", "batch=runtime", "rps=8", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.tpot_p50_s", 17.85e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 8B Instruct 1 x A100 80G, sglang.bench_serving ShareGPT, RPS 8",
	  "| 8 | 2400 | SGLang | ... | Median TTFT 35.68 | Median TPOT 17.85 |", MAP_SGL030 },
	{ "SGL030-70B-H100-rps4-ttft50", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "runtime=sglang", "batch=runtime", "rps=4", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.ttft_p50_s", 53.94e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 70B Instruct 4 x H100 80G, sglang.bench_serving ShareGPT, RPS 4",
	  "| 4 | 1200 | SGLang | ... | Median TTFT 53.94 | Median TPOT 25.03 |", MAP_SGL030 },
	{ "SGL030-70B-H100-rps4-tpot50", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "runtime=sglang", "batch=runtime", "rps=4", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.tpot_p50_s", 25.03e-3, D, REF_SERVING, SGLANG, HELD, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 70B Instruct 4 x H100 80G, sglang.bench_serving ShareGPT, RPS 4",
	  "| 4 | 1200 | SGLang | ... | Median TTFT 53.94 | Median TPOT 25.03 |", MAP_SGL030 },
	{ "SGL030-70B-H100-rps8-ttft50", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "runtime=sglang", "batch=runtime", "rps=8", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.ttft_p50_s", 58.11e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 70B Instruct 4 x H100 80G, sglang.bench_serving ShareGPT, RPS 8",
	  "| 8 | 2400 | SGLang | ... | Median TTFT 58.11 | Median TPOT 33.07 |", MAP_SGL030 },
	{ "SGL030-70B-H100-rps8-tpot50", { "model=llama-3-70b", "gpu=h100-sxm", "gpus=4", "tp=4",
	    "runtime=sglang", "batch=runtime", "rps=8", "input_len=215", "output_len=194", "input_cv=1",
	    "output_cv=1" },
	  "serving.at_target.tpot_p50_s", 33.07e-3, D, REF_SERVING, SGLANG, FIT, 0,
	  "sgl-project/sglang benchmark/benchmark_vllm_060/README.md@120affb9 (SGLang v0.3.0, "
	      "2024-09), Llama 3.1 70B Instruct 4 x H100 80G, sglang.bench_serving ShareGPT, RPS 8",
	  "| 8 | 2400 | SGLang | ... | Median TTFT 58.11 | Median TPOT 33.07 |", MAP_SGL030 },
	{ "SGL-LEP-96H100-decode", { "model=deepseek-v3", "gpu=h100-sxm", "gpus=72", "gpus_per_node=8",
	    "tp=1", "dp=72", "ep=72", "ep_redundant=32", "dtype=fp8", "runtime=sglang", "mem_util=0.846",
	    "batch=256", "input_len=2000", "output_len=100", "max_model_len=4096" },
	  "latency.tpot_s", 256 / (22.3e3 / 8), M, REF_DECODE, SGLANG, FIT, 0,
	  "LMSYS blog \"Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on "
	      "96 H100 GPUs\" (lmsys.org/blog/2025-05-05-large-scale-ep, SGLang, 2025-05), decode pool",
	  "52.3k input tokens per second and 22.3k output tokens per second per node for 2000-token "
	      "input sequences", MAP_SGL_LEP },
	{ "SGL-LEP-96H100-prefill", { "model=deepseek-v3", "gpu=h100-sxm", "gpus=32", "gpus_per_node=8",
	    "tp=1", "dp=32", "ep=32", "ep_redundant=32", "dtype=fp8", "runtime=sglang", "batch=8",
	    "input_len=2000", "output_len=1", "max_batched_tokens=16384" },
	  "latency.batch_prefill_s", 8 * 2000 / (52.3e3 / 8), M, REF_PREFILL, SGLANG, FIT, 0,
	  "LMSYS blog \"Deploying DeepSeek with PD Disaggregation and Large-scale Expert Parallelism on "
	      "96 H100 GPUs\" (lmsys.org/blog/2025-05-05-large-scale-ep, SGLang, 2025-05), prefill pool",
	  "52.3k input tokens per second and 22.3k output tokens per second per node for 2000-token "
	      "input sequences", MAP_SGL_LEP },
	/* NVL72: the decode pool inside one NVLink domain (issue 13's NVL72 figure) */
	{ "SGL-LEP-GB200-decode", { "model=deepseek-v3", "cluster=gb200-nvl72", "tp=1", "dp=48", "ep=48",
	    "ep_redundant=32", "dtype=fp8", "runtime=sglang", "mem_util=0.846", "batch=256",
	    "input_len=2000", "output_len=100", "max_model_len=4096" },
	  "latency.tpot_s", 256 / 7583.0, M, REF_DECODE, SGLANG, FIT, 0,
	  "LMSYS blog \"Deploying DeepSeek on GB200 NVL72 with PD and Large Scale EP (Part I)\" "
	      "(lmsys.org/blog/2025-06-16-gb200-part-1, SGLang, 2025-06), decode on 12 of 14 trays",
	  "SGLang achieved 7,583 tokens per second per GPU for decoding on the GB200 NVL72 ... for "
	      "2,000-token input lengths", MAP_SGL_LEP_GB200 },
};

const int ref_count = (int)(sizeof ref_rows / sizeof ref_rows[0]);

/* ---- evaluation ------------------------------------------------------- */

static int
fail(char **cause, const RefRow *row, const char *what, const char *detail)
{
	*cause = xasprintf("%s: %s%s%s", row->id, what, detail ? ": " : "", detail ? detail : "");
	return -1;
}

/* The serving section's figure `name` ("capacity_rps", "at_target.ttft_p50_s"). */
static int
serving_value(const Scenario *s, const ServingOptions *o, const char *name, double *out)
{
	Scenario *work = xmalloc(sizeof *work);
	Result *scratch = xmalloc(sizeof *scratch);
	ServingTail *tail = xcalloc(1, sizeof *tail);
	ServingReport sv;
	ServingField f[SERVING_MAX_FIELDS];
	bool meets;
	int rc = -1;

	if (serving_evaluate(s, o, work, scratch, tail, &sv) == 0) {
		const ServingPoint *p = sv.has_target ? &sv.at_target : &sv.at_max;
		int n = serving_fields(s, &sv, f, SERVING_MAX_FIELDS, &meets);
		for (int i = 0; i < n; i++)
			if (f[i].kind == SERVING_FIELD_NUM && strcmp(f[i].name, name) == 0) {
				*out = f[i].num;
				rc = 0;
			}
		/* the point's means, which eval's serving section does not print */
		if (strcmp(name, "at_target.ttft_mean_s") == 0)
			*out = p->ttft_mean_s, rc = 0;
		else if (strcmp(name, "at_target.tpot_mean_s") == 0)
			*out = p->tpot_mean_s, rc = 0;
		if (rc == 0 && !isfinite(*out))
			rc = -1;
	}
	free(tail);
	free(scratch);
	free(work);
	return rc;
}

int
ref_eval(const RefRow *row, double *model, char **cause)
{
	Catalog c;
	Setup st;
	ServingOptions so;
	Scenario *s;
	Result *r;
	char *why = NULL, *notes = NULL;
	bool batch_runtime = false;
	int rc = 0;

	serving_options_init(&so);
	catalog_init(&c);
	setup_init(&st);
	for (int i = 0; i < REF_MAX_OPTS && row->opts[i]; i++) {
		const char *kv = row->opts[i], *eq = strchr(kv, '=');
		char key[64];
		if (!eq || eq - kv >= (int)sizeof key) {
			rc = fail(cause, row, "option is not key=value", kv);
			goto out;
		}
		snprintf(key, sizeof key, "%.*s", (int)(eq - kv), kv);
		if (strcmp(key, "input_cv") == 0)
			so.input_cv = atof(eq + 1);
		else if (strcmp(key, "output_cv") == 0)
			so.output_cv = atof(eq + 1);
		else if (strcmp(kv, "batch=runtime") == 0)
			batch_runtime = true;
		else if (setup_set(&st, key, eq + 1, &why) != 0) {
			rc = fail(cause, row, "option", why);
			goto out;
		}
	}
	s = xmalloc(sizeof *s);
	r = xmalloc(sizeof *r);
	if (setup_build(&c, &st, s, &notes, &why) != 0) {
		rc = fail(cause, row, "setup", why);
	} else {
		if (batch_runtime)
			s->workload.batch = s->runtime.max_num_seqs;
		if (eval_run(s, r) != EVAL_OK)
			rc = fail(cause, row, "eval status is not EVAL_OK", NULL);
		else if (strncmp(row->path, "serving.", 8) == 0) {
			if (serving_value(s, &so, row->path + 8, model) != 0)
				rc = fail(cause, row, "no finite serving figure", row->path);
		} else if (explain_value(r, row->path, model) != 0) {
			rc = fail(cause, row, "no such figure", row->path);
		}
	}
	free(r);
	free(s);
out:
	free(why);
	free(notes);
	setup_fini(&st);
	catalog_fini(&c);
	return rc;
}

/* ---- names and statistics --------------------------------------------- */

RefGroup
ref_group(const RefRow *row)
{
	if (row->kind == REF_MEMORY)
		return REF_G_MEMORY;
	if (row->kind == REF_SERVING)
		return REF_G_SERVING;
	if (row->cls == REF_MOE)
		return REF_G_MOE;
	return row->kind == REF_THROUGHPUT ? REF_G_DENSE_THROUGHPUT : REF_G_DENSE_LATENCY;
}

const char *
ref_group_name(RefGroup g)
{
	static const char *const names[REF_GROUP_COUNT] = {
		"memory", "dense throughput", "dense latency", "MoE", "serving",
	};
	return g < REF_GROUP_COUNT ? names[g] : "?";
}

const char *
ref_kind_name(RefKind k)
{
	static const char *const names[REF_KIND_COUNT] = {
		"memory", "prefill", "decode", "e2e", "throughput", "serving",
	};
	return k < REF_KIND_COUNT ? names[k] : "?";
}

const char *
ref_class_name(RefClass c)
{
	return c == REF_MOE ? "MoE" : "dense";
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double
ref_quantile(double *v, int n, double q)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	double pos = q * (n - 1);
	int lo = (int)floor(pos);
	if (lo >= n - 1)
		return v[n - 1];
	return v[lo] + (pos - lo) * (v[lo + 1] - v[lo]);
}

void
ref_stats(const double *err, const int *idx, int n, RefStats *out)
{
	double *a = xmalloc(sizeof *a * (size_t)(n > 0 ? n : 1));
	double *ratio = xmalloc(sizeof *ratio * (size_t)(n > 0 ? n : 1));
	double *sgn = xmalloc(sizeof *sgn * (size_t)(n > 0 ? n : 1));
	double worst_log = -1;

	*out = (RefStats){ .n = n, .worst = -1 };
	for (int i = 0; i < n; i++) {
		double q = 1 + err[i], lg = fabs(log(q > 0 ? q : 1e-9));
		a[i] = fabs(err[i]);
		sgn[i] = err[i];
		ratio[i] = 1 / (q > 0 ? q : 1e-9);
		if (q > 2 || q < 0.5)
			out->beyond_2x++;
		if (lg > worst_log) {
			worst_log = lg;
			out->worst = idx[i];
			out->worst_err = err[i];
		}
	}
	if (n > 0) {
		out->median_abs = ref_quantile(a, n, 0.5);
		out->p90_abs = ref_quantile(a, n, 0.9);
		out->median_err = ref_quantile(sgn, n, 0.5);
		out->r_q10 = ref_quantile(ratio, n, 0.10);
		out->r_q25 = ref_quantile(ratio, n, 0.25);
		out->r_q50 = ref_quantile(ratio, n, 0.50);
		out->r_q75 = ref_quantile(ratio, n, 0.75);
		out->r_q90 = ref_quantile(ratio, n, 0.90);
	}
	free(a);
	free(ratio);
	free(sgn);
}
