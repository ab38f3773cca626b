return {
  kind = "cluster",
  name = "a10gx8",
  description = "AWS g5.48xlarge: 8x A10G over PCIe Gen4",
  gpu = "a10g", nodes = 1, gpus_per_node = 8,
  intra_fabric = "pcie4", inter_fabric = "roce-400g",
}
