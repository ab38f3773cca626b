return {
  kind = "cluster",
  name = "rtx5090x8",
  description = "1 node, 8x GeForce RTX 5090 over PCIe Gen5 (no NVLink)",
  gpu = "rtx-5090", nodes = 1, gpus_per_node = 8,
  intra_fabric = "pcie5", inter_fabric = "roce-400g",
}
