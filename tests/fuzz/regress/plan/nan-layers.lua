return { model = "llama-3-8b", cluster = "h100x8", strategy = { tp = 8 },
  placement = { { group = "stage", stage = 0, gpus = "0-7", layers = { 0, 0/0 } } },
  claims = { { metric = "memory.weights_bytes", value = 16, unit = "GB", text = "Weights: 16GB" } } }
