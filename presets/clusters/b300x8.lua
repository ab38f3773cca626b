return {
  kind = "cluster",
  name = "b300x8",
  description = "1 node, 8x B300 (HGX B300) over NVLink5/NVSwitch",
  gpu = "b300", nodes = 1, gpus_per_node = 8,
  intra_fabric = "nvlink5", inter_fabric = "ib-ndr",
}
