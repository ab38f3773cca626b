return {
  kind = "cluster",
  name = "gb200-nvl72",
  description = "GB200 NVL72 rack: 18 trays x 4 GB200 GPUs in one 72-GPU NVLink 5 domain (9 NVLink Switch trays)",
  gpu = "gb200", nodes = 18, gpus_per_node = 4,
  nvlink_domain = 72,                -- GB200 NVL72 datasheet: 72 GPUs, 130 TB/s NVLink domain
  intra_fabric = "nvlink5", inter_fabric = "ib-ndr",
}
