return {
  kind = "cluster",
  name = "mi355x8",
  description = "1 node, 8x AMD MI355X over an Infinity Fabric (xGMI) mesh",
  gpu = "mi355x", nodes = 1, gpus_per_node = 8,
  intra_fabric = "infinity-fabric", inter_fabric = "roce-400g",
}
