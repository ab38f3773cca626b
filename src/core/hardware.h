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
	int nvlink_domain;              /* GPUs in one NVLink domain; 0 = gpus_per_node
	                                   (GB200/GB300 NVL72: 72 over NVLink Switch trays) */
	char intra_fabric[HW_NAME_MAX]; /* usual fabrics, by catalog name */
	char inter_fabric[HW_NAME_MAX];
} Gpu;

typedef struct Cluster {
	char name[HW_NAME_MAX];
	Gpu gpu;
	int nodes;
	int gpus_per_node;
	int nvlink_domain;      /* GPUs sharing the intra fabric; 0 = gpus_per_node */
	Fabric intra;           /* within an NVLink domain: NVLink/NVSwitch, PCIe, Infinity Fabric */
	Fabric inter;           /* between domains: InfiniBand, RoCE, Ethernet */
	double gpu_hour_usd;    /* 0 when unknown */
} Cluster;

/* cluster_gpus: total GPUs in `c`. */
static inline int
cluster_gpus(const Cluster *c)
{
	return c->nodes * c->gpus_per_node;
}

/* cluster_nvlink_domain: GPUs that reach each other over the intra fabric
 * (one NVLink domain): the node unless the cluster names a wider domain, as
 * GB200 NVL72 does (72 GPUs on 18 compute trays joined by 9 NVLink Switch
 * trays: NVIDIA GB200 NVL72 datasheet, "72 Blackwell GPUs ... 130 TB/s
 * NVLink domain").  At least 1. */
static inline int
cluster_nvlink_domain(const Cluster *c)
{
	int d = c->nvlink_domain > 0 ? c->nvlink_domain : c->gpus_per_node;
	return d > 0 ? d : 1;
}

/* cluster_group_fabric: the fabric a group of n consecutive GPUs (a TP or
 * EP group, packed domain by domain) talks over: the intra fabric when it
 * fits one NVLink domain, else the inter-node one (whose links set the
 * pace of every collective spanning domains). */
static inline const Fabric *
cluster_group_fabric(const Cluster *c, int n)
{
	return n <= cluster_nvlink_domain(c) ? &c->intra : &c->inter;
}

/* cluster_same_domain: GPUs i and j (0-based ranks, packed domain by
 * domain) share an NVLink domain. */
static inline bool
cluster_same_domain(const Cluster *c, int i, int j)
{
	int d = cluster_nvlink_domain(c);
	return i / d == j / d;
}

#endif
