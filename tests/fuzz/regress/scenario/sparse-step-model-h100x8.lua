return { kind = "scenario", model = "tests/fuzz/regress/hfconfig/sparse-step-0.json", cluster = "h100x8" }
