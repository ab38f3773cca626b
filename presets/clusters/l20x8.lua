return {
  kind = "cluster",
  name = "l20x8",
  description = "1 node, 8x L20 over PCIe Gen4",
  gpu = "l20", nodes = 1, gpus_per_node = 8,
  intra_fabric = "pcie4", inter_fabric = "roce-400g",
}
