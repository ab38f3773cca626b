return { kind = "scenario", model = "llama-3-8b", cluster = "h100x8", tp = 0/0, batch = 1e308 }
