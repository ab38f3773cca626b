return {
  kind = "cluster",
  name = "rtx-pro-6000x8",
  description = "1 node, 8x RTX PRO 6000 Blackwell Server over PCIe Gen5",
  gpu = "rtx-pro-6000", nodes = 1, gpus_per_node = 8,
  intra_fabric = "pcie5", inter_fabric = "roce-400g",
}
