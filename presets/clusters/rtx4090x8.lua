return {
  kind = "cluster",
  name = "rtx4090x8",
  description = "1 node, 8x GeForce RTX 4090 over PCIe Gen4 (no NVLink)",
  gpu = "rtx-4090", nodes = 1, gpus_per_node = 8,
  intra_fabric = "pcie4", inter_fabric = "roce-400g",
}
