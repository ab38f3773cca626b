return {
  kind = "cluster",
  name = "gh200x4",
  description = "1 node, 4x GH200 superchips joined by NVLink 4",
  gpu = "gh200", nodes = 1, gpus_per_node = 4,
  intra_fabric = "nvlink4", inter_fabric = "ib-ndr",
}
