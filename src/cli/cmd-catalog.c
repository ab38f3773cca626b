/* cmd-catalog.c: `shardlab models`, `gpus`, `presets` and `import`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "core/eval.h"
#include "core/explain.h"
#include "core/units.h"
#include "io/hfconfig.h"
#include "lua/preset.h"
#include "util/xmalloc.h"

static int
want_help(int argc, char **argv, const char *usage)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			fputs(usage, stdout);
			return 1;
		}
	}
	return 0;
}

int
cmd_models(const Catalog *c, int argc, char **argv)
{
	char **names;
	char a[32], b[32];

	if (want_help(argc, argv, "usage: shardlab models\n\nList the models in presets/models "
	    "(Hugging Face config.json files) with their parameter counts.\n"))
		return EXIT_OK;
	if (argc > 1) {
		cli_error("models: unexpected argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	int n = catalog_list(c, PRESET_MODEL, &names);
	printf("%-18s %-12s %12s %12s %7s %8s  %s\n", "name", "arch", "params", "active", "layers",
	    "context", "attention");
	for (int i = 0; i < n; i++) {
		Model m;
		ModelParams p;
		char *cause = NULL;
		if (setup_model(c, names[i], &m, &cause) != 0) {
			printf("%-18s (unreadable: %s)\n", names[i], cause);
			free(cause);
			continue;
		}
		model_params(&m, &p);
		char attn[64];
		if (model_is_mla(&m))
			snprintf(attn, sizeof attn, "MLA, %d heads", m.n_heads);
		else
			snprintf(attn, sizeof attn, "%d heads / %d KV%s", m.n_heads, m.n_kv_heads,
			    m.sliding_window ? ", sliding" : "");
		printf("%-18s %-12s %12s %12s %7d %8d  %s%s\n", names[i], m.arch,
		    fmt_count(p.total, a, sizeof a), model_is_moe(&m) ? fmt_count(p.active, b, sizeof b) : "-",
		    m.n_layers, m.max_position, attn, model_is_moe(&m) ? ", MoE" : "");
	}
	catalog_list_free(names, n);
	return EXIT_OK;
}

int
cmd_gpus(const Catalog *c, int argc, char **argv)
{
	char **names;
	char a[32], b[32];

	if (want_help(argc, argv, "usage: shardlab gpus\n\nList the GPUs in presets/gpus: memory the "
	    "driver exposes, HBM bandwidth, dense peak FLOP/s.\n"))
		return EXIT_OK;
	if (argc > 1) {
		cli_error("gpus: unexpected argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	int n = catalog_list(c, PRESET_GPU, &names);
	printf("%-12s %-10s %11s %10s %10s %10s %10s  %s\n", "name", "arch", "memory", "HBM", "bf16", "fp8",
	    "fp4", "description");
	for (int i = 0; i < n; i++) {
		Gpu g;
		char *cause = NULL;
		if (preset_gpu(c, names[i], &g, &cause) != 0) {
			printf("%-12s (unreadable: %s)\n", names[i], cause);
			free(cause);
			continue;
		}
		char *desc = preset_description(c, PRESET_GPU, names[i]);
		char bf[24], f8[24], f4[24];
		/* FP4: NVFP4 where the GPU has it, else MXFP4 (MI355X) */
		double fp4 = g.peak_flops[DTYPE_NVFP4] > 0 ? g.peak_flops[DTYPE_NVFP4] : g.peak_flops[DTYPE_MXFP4];
		snprintf(bf, sizeof bf, "%.0fT", g.peak_flops[DTYPE_BF16] / 1e12);
		snprintf(f8, sizeof f8, g.peak_flops[DTYPE_FP8] > 0 ? "%.0fT" : "-", g.peak_flops[DTYPE_FP8] / 1e12);
		snprintf(f4, sizeof f4, fp4 > 0 ? "%.0fT" : "-", fp4 / 1e12);
		snprintf(b, sizeof b, "%.2f TB/s", g.hbm_bytes_per_s / 1e12);
		printf("%-12s %-10s %11s %10s %10s %10s %10s  %s\n", names[i], g.arch,
		    fmt_gib(g.memory_bytes, a, sizeof a), b, g.peak_flops[DTYPE_BF16] > 0 ? bf : "-", f8, f4,
		    desc ? desc : "");
		free(desc);
	}
	catalog_list_free(names, n);
	printf("\nmemory: what the driver exposes (GiB = 2^30 bytes); FLOP/s: dense, no sparsity\n");
	return EXIT_OK;
}

int
cmd_presets(const Catalog *c, int argc, char **argv)
{
	static const PresetKind kinds[] = { PRESET_SCENARIO, PRESET_CLUSTER, PRESET_RUNTIME, PRESET_FABRIC };
	static const char *const titles[] = { "scenarios", "clusters", "runtimes", "fabrics" };

	if (want_help(argc, argv, "usage: shardlab presets\n\nList scenario, cluster, runtime and "
	    "fabric presets on the search path\n($SHARDLAB_PATH, ~/.config/shardlab, the share "
	    "directory, the source tree).\n"))
		return EXIT_OK;
	if (argc > 1) {
		cli_error("presets: unexpected argument '%s'", argv[1]);
		return EXIT_USAGE;
	}
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		char **names;
		int n = catalog_list(c, kinds[k], &names);
		printf("%s%s:\n", k ? "\n" : "", titles[k]);
		for (int i = 0; i < n; i++) {
			char *desc = preset_description(c, kinds[k], names[i]);
			printf("  %-16s %s\n", names[i], desc ? desc : "");
			free(desc);
		}
		catalog_list_free(names, n);
	}
	printf("\nsearch path:");
	for (int i = 0; i < c->n_roots; i++)
		printf(" %s", c->roots[i]);
	printf("\n");
	return EXIT_OK;
}

int
cmd_import(const Catalog *c, int argc, char **argv)
{
	Model m;
	ModelParams p;
	char *cause = NULL;
	char a[32], b[32], d[32];

	if (want_help(argc, argv, "usage: shardlab import CONFIG.json|DIR\n\nRead a Hugging Face "
	    "config.json and show the architecture shardlab sees and its parameter\ncounts.  "
	    "Exit status 2 when the file is malformed or a required key is missing.\n"))
		return EXIT_OK;
	if (argc != 2) {
		cli_error("import: needs one CONFIG.json (or a directory holding one)");
		return EXIT_USAGE;
	}
	if (setup_model(c, argv[1], &m, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	model_params(&m, &p);
	printf("model        %s (model_type %s)\n", m.name, m.arch);
	printf("layers       %d (%d dense, %d MoE)\n", m.n_layers, p.dense_layers, p.moe_layers);
	printf("hidden       %d; heads %d, KV heads %d, head_dim %d\n", m.hidden, m.n_heads,
	    m.n_kv_heads, m.head_dim);
	if (model_is_mla(&m))
		printf("MLA          q_lora_rank %d, kv_lora_rank %d, qk_nope %d, qk_rope %d, v_head %d\n",
		    m.q_lora_rank, m.kv_lora_rank, m.qk_nope_head_dim, m.qk_rope_head_dim, m.v_head_dim);
	printf("MLP          %s, intermediate %d%s\n", m.gated_mlp ? "gated (SwiGLU)" : "plain",
	    m.intermediate, m.mlp_bias ? ", biases" : "");
	if (model_is_moe(&m))
		printf("MoE          %d experts, top-%d, expert intermediate %d, shared %d x %d + %d\n",
		    m.n_experts, m.top_k, m.expert_intermediate, m.n_shared_experts,
		    m.expert_intermediate, m.shared_intermediate);
	printf("vocab        %d, embeddings %s\n", m.vocab, m.tied_embeddings ? "tied" : "untied");
	printf("context      %d tokens%s", m.max_position, m.sliding_window ? "" : "\n");
	if (m.sliding_window) {
		int n = 0;
		for (int i = 0; i < m.n_layers; i++)
			n += (m.layer_kind[i] & LAYER_SLIDING) != 0;
		printf("; %s %d on %d of %d layers\n", m.chunked ? "chunked attention of" : "sliding window",
		    m.sliding_window, n, m.n_layers);
	}
	printf("biases       qkv %s, o %s; qk-norm %s; %d norms per layer\n", m.qkv_bias ? "yes" : "no",
	    m.o_bias ? "yes" : "no", m.qk_norm ? "yes" : "no", m.norms_per_layer > 0 ? m.norms_per_layer : 2);
	printf("not modelled %s\n", m.unmodelled[0] ? m.unmodelled : "nothing config.json names");
	/* the checkpoint's own storage: eval's default weight dtype (--dtype) */
	if (m.quant_method[0])
		printf("quantization %s (quant_method %s%s%s)", m.has_ckpt_dtype ?
		    dtype_name((Dtype)m.ckpt_dtype) : "not modelled", m.quant_method,
		    m.quant_detail[0] ? ", " : "", m.quant_detail);
	else
		printf("quantization none");
	printf("; torch_dtype %s; eval's default weights: %s\n", m.torch_dtype[0] ? m.torch_dtype : "not given",
	    m.has_ckpt_dtype ? dtype_name((Dtype)m.ckpt_dtype) : "bf16");
	printf("per layer    attention %s, norms %s, MLP %s", fmt_count(p.attn, a, sizeof a),
	    fmt_count(p.layer_norms, b, sizeof b), fmt_count(p.mlp, d, sizeof d));
	if (model_is_moe(&m))
		printf(", expert %s, shared %s, router %s", fmt_count(p.expert, a, sizeof a),
		    fmt_count(p.shared, b, sizeof b), fmt_count(p.router, d, sizeof d));
	printf("\nembedding    %s, LM head %s\n", fmt_count(p.embedding, a, sizeof a), fmt_count(p.head, b, sizeof b));
	printf("params       total %s (%.0f)", fmt_count(p.total, a, sizeof a), p.total);
	if (model_is_moe(&m))
		printf(", active %s (%.0f)", fmt_count(p.active, b, sizeof b), p.active);
	printf("\n");
	return EXIT_OK;
}
