/* hardware.h: GPUs, fabrics and clusters as plain data.
 *
 * Figures come from presets/gpus and presets/fabrics, each with its
 * datasheet named there.  Units: bytes, bytes/s, FLOP/s, seconds.
 */
#ifndef SHARDLAB_CORE_HARDWARE_H
#define SHARDLAB_CORE_HARDWARE_H

#include <stdbool.h>

#include "dtype.h"

#define HW_NAME_MAX 48

typedef struct Fabric {
	char name[HW_NAME_MAX];
	double bytes_per_s;     /* per GPU, per direction (datasheet) */
	double latency_s;       /* per collective call or point-to-point transfer */
	double efficiency;      /* achievable fraction of bytes_per_s (nccl-tests busbw) */
	double nccl_latency_s;  /* per NCCL collective (ring/NVLS) call; 0 = latency_s */
	double nvls_efficiency; /* NVLink SHARP all-reduce busbw / bytes_per_s; 0 = no NVLS */
	bool custom_allreduce;  /* peer-to-peer one-/two-shot all-reduce kernels (NVLink) */
} Fabric;

typedef struct Gpu {
	char name[HW_NAME_MAX];
	char arch[24];                  /* "hopper" */
	int compute_capability;         /* SM x10: 70 V100 .. 100 B200; 0 for AMD */
	double memory_bytes;            /* what the driver exposes (cudaMemGetInfo total) */
	double datasheet_memory_bytes;  /* the marketing figure, for display */
	double hbm_bytes_per_s;         /* datasheet memory bandwidth */
	double peak_flops[DTYPE_COUNT]; /* dense tensor-core peak per dtype; 0 = unsupported
	                                   (fp32 entry: SIMT FP32) */
	double compute_fraction;        /* achievable fraction of peak for large 16-bit GEMMs */
	double dtype_fraction[DTYPE_COUNT]; /* fp8/int8 GEMMs (MAMF of that dtype); 0 = compute_fraction */
	double memory_fraction;         /* achievable fraction of HBM bandwidth */
	int sm_count;                   /* SMs (CUs on AMD), the whitepaper's figure; 0 = no wave model */
	int gemm_tile_m, gemm_tile_n;   /* output tile of the engines' default GEMM kernel */
	int gemm_tile_m_min;            /* smallest M tile of the MMA instruction (wgmma m64) */
	double roofline_sharpness;      /* p of (t_c^p + t_m^p)^(1/p) near the ridge; 0 = hard max */
	int gpus_per_node;              /* usual node size */
	char intra_fabric[HW_NAME_MAX]; /* usual fabrics, by catalog name */
	char inter_fabric[HW_NAME_MAX];
} Gpu;

typedef struct Cluster {
	char name[HW_NAME_MAX];
	Gpu gpu;
	int nodes;
	int gpus_per_node;
	Fabric intra;           /* within a node: NVLink/NVSwitch, PCIe, Infinity Fabric */
	Fabric inter;           /* between nodes: InfiniBand, RoCE, Ethernet */
	double gpu_hour_usd;    /* 0 when unknown */
} Cluster;

/* cluster_gpus: total GPUs in `c`. */
static inline int
cluster_gpus(const Cluster *c)
{
	return c->nodes * c->gpus_per_node;
}

#endif
