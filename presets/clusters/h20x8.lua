return {
  kind = "cluster",
  name = "h20x8",
  description = "1 node, 8x H20 (HGX H20) over NVLink4/NVSwitch",
  gpu = "h20", nodes = 1, gpus_per_node = 8,
  intra_fabric = "nvlink4", inter_fabric = "ib-ndr",
}
