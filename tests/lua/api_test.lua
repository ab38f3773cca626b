-- api_test.lua: the `shardlab` module, function by function.  Prints
-- "ok NAME" or "not ok NAME: why" per case (tests/lua/api.sh counts them).
local units = require "shardlab.units"
local json = require "shardlab.json"
local sweep = require "shardlab.sweep"
local tabular = require "shardlab.tabular"

local failed = 0
local function case(name, fn)
  local ok, err = pcall(fn)
  if ok then
    print("ok " .. name)
  else
    failed = failed + 1
    print("not ok " .. name .. ": " .. tostring(err))
  end
end
local function eq(a, b, what)
  if a ~= b then error(string.format("%s: got %s, expected %s", what or "value", tostring(a), tostring(b)), 2) end
end
-- the error text of f(...), without its "file:line: " position
local function raises(f, ...)
  local ok, err = pcall(f, ...)
  if ok then error("expected an error", 2) end
  return (tostring(err):gsub("^[^:]+:%d+: ", ""))
end

case("module", function()
  eq(type(shardlab), "table")
  eq(type(shardlab.version), "string")
  for _, f in ipairs{ "model", "import", "gpu", "cluster", "runtime", "evaluate", "explain", "check",
    "models", "gpus", "presets", "params" } do
    eq(type(shardlab[f]), "function", f)
  end
end)

-- issue 9 defects 1, 2: serving runs at most the KV pool's sequences (DeepSeek-V3
-- bf16 on 8x B200: 5 sequences of 2,304) and names the limit an overload misses
case("evaluate-serving-kv-cap", function()
  local r = shardlab.evaluate{ model = "deepseek-v3", cluster = "b200x8", dtype = "bf16" }
  eq(r.memory.max_concurrent_seqs, 5, "pool")
  eq(r.serving.at_target.batch_mean <= 5, true, "batch_mean " .. tostring(r.serving.at_target.batch_mean))
  eq(r.serving.capacity_limit, "KV cache")
  eq(r.serving.missed, "KV cache")
  eq(r.serving.meets_slos, false)
  local q = shardlab.evaluate{ tp = 2, pp = 4, rps = 12 }
  eq(q.serving.capacity_limit, "max_num_seqs")
  eq(q.serving.missed, "max_num_seqs")
end)

-- evaluate: the tree, in base units
case("evaluate-tree", function()
  local r = shardlab.evaluate{ model = "llama-3-70b", cluster = "h100x8", tp = 8 }
  eq(r.model.name, "llama-3-70b")
  eq(r.model.params_total, 70553706496, "params_total")
  eq(r.memory.kv_bytes_per_token, 40960, "kv_bytes_per_token (2 x 80 x 1 x 128 x 2)")
  eq(math.type(r.strategy.tp), "integer", "tp is an integer")
  eq(r.strategy.tp, 8)
  eq(r.cluster.gpus, 8)
  eq(#r.stages, 1)
  eq(r.stages[1].stage, 0)
  assert(r.latency.ttft_s > 0.01 and r.latency.ttft_s < 1, "ttft_s in seconds")
  assert(r.memory.weights_bytes > 17.5e9 and r.memory.weights_bytes < 17.7e9, "weights in bytes")
  eq(r.memory, r.memory, "sections are kept")
end)
case("evaluate-pairs-order", function()
  local r = shardlab.evaluate{ tp = 8 }
  local keys = {}
  for k in pairs(r) do keys[#keys + 1] = k end
  eq(table.concat(keys, ","), "model,cluster,runtime,strategy,workload,memory,stages,latency,throughput,serving,feasible,checks")
end)
case("evaluate-default-is-the-default-preset", function()
  local r = shardlab.evaluate()
  eq(r.model.name, "llama-3-70b")
  eq(r.cluster.name, "h100x8")
  eq(r.strategy.tp, 8)
end)
case("evaluate-pp-stages", function()
  local r = shardlab.evaluate{ tp = 2, pp = 4 }
  eq(#r.stages, 4)
  eq(r.stages[4].first_layer, 60)
  eq(r.stages[1].embedding, true)
  eq(r.stages[4].lm_head, true)
end)
case("evaluate-text-values-as-cli", function()
  local r = shardlab.evaluate{ tp = "4", input_len = "4k", ttft_p99 = "500ms", ["output-len"] = 128 }
  eq(r.strategy.tp, 4)
  eq(r.workload.input_len, 4096)
  eq(r.workload.output_len, 128)
end)
case("evaluate-slo-table", function()
  local a = shardlab.evaluate{ tp = 8, slo = { ttft_p99_s = 1e-4 } }
  local found = false
  for _, c in ipairs(a.checks) do found = found or c.id == "slo.ttft" end
  assert(found, "slo.ttft fails at 0.1 ms")
end)
case("evaluate-objects", function()
  local m = assert(shardlab.model("llama-3-8b"))
  local cl = assert(shardlab.cluster{ gpu = "l4", gpus = 2 })
  local rt = assert(shardlab.runtime("sglang"))
  local r = shardlab.evaluate{ model = m, cluster = cl, runtime = rt, tp = 2, dtype = "fp8" }
  eq(r.model.name, "llama-3-8b")
  eq(r.cluster.gpu, "l4")
  eq(r.runtime.name, "sglang")
  eq(r.strategy.dtype, "fp8")
end)
case("evaluate-fills-layout-on-new-hardware", function()
  local r = shardlab.evaluate{ model = "llama-3-8b", gpu = "l4", gpus = 8, batch = 16 }
  eq(r.strategy.tp, 2, "filled TP, as eval --model llama-3-8b --gpu l4 --gpus 8")
  assert(r.notes and r.notes:match("filled TP 2"), "notes say what was filled")
end)
case("evaluate-invalid-layout-is-a-result", function()
  local r = shardlab.evaluate{ tp = 3 }
  eq(r.feasible, false)
  eq(r.memory, nil, "no memory for an invalid layout")
  eq(r.latency, nil)
  local heads
  for _, c in ipairs(r.checks) do
    if c.id == "layout.heads_tp" then heads = c end
  end
  assert(heads, "layout.heads_tp among the checks")
  eq(heads.severity, "error")
end)
-- issue 9 #4: 16 GPUs on an 8-GPU cluster is an invalid layout, not figures for GPUs that do not exist
case("evaluate-more-gpus-than-the-cluster-is-invalid", function()
  local r = shardlab.evaluate{ model = "llama-3-70b", cluster = "h100x8", tp = 8, dp = 2 }
  eq(r.feasible, false)
  eq(r.latency, nil)
  eq(r.throughput, nil)
  local g
  for _, c in ipairs(r.checks) do
    if c.id == "layout.gpu_count" then g = c end
  end
  assert(g, "layout.gpu_count among the checks")
  eq(g.severity, "error")
  assert(g.message:match("layout needs 16 GPUs %(TP 8 x PP 1 x DP 2%), the cluster has 8"), g.message)
end)
case("evaluate-does-not-fit-is-a-result", function()
  local r = shardlab.evaluate{ model = "llama-3-70b", cluster = "t4x1", tp = 1, dtype = "fp16" }
  eq(r.feasible, false)
  assert(sweep.failed(r):match("memory.fit"), "memory.fit fails")
end)
case("evaluate-stage-layers-list", function()
  local r = shardlab.evaluate{ tp = 2, pp = 4, stage_layers = { 21, 20, 20, 19 } }
  eq(r.stages[1].layers, 21)
  eq(r.stages[4].layers, 19)
end)
case("evaluate-preset-key", function()
  local r = shardlab.evaluate{ preset = "default", tp = 4 }
  eq(r.strategy.tp, 4)
end)

-- bad arguments raise "bad argument 'KEY' to 'evaluate' (why)"
case("bad-tp", function()
  eq(raises(shardlab.evaluate, { tp = 0 }), "bad argument 'tp' to 'evaluate' (must be >= 1)")
end)
case("bad-tp-fraction", function()
  eq(raises(shardlab.evaluate, { tp = 1.5 }), "bad argument 'tp' to 'evaluate' (must be a whole number)")
end)
case("bad-tp-type", function()
  eq(raises(shardlab.evaluate, { tp = true }), "bad argument 'tp' to 'evaluate' (must be a number, not boolean)")
end)
case("bad-tp-text", function()
  eq(raises(shardlab.evaluate, { tp = "eight" }), "bad argument 'tp' to 'evaluate' ('eight' is not a number)")
end)
case("bad-mem-util", function()
  eq(raises(shardlab.evaluate, { mem_util = 2 }), "bad argument 'mem_util' to 'evaluate' (must be <= 1)")
end)
case("bad-key", function()
  assert(raises(shardlab.evaluate, { tensor_parallel = 8 }):match("^bad argument 'tensor_parallel' to 'evaluate' %(unknown key; keys are the CLI options with underscores: model, cluster"))
end)
case("bad-model", function()
  assert(raises(shardlab.evaluate, { model = "nope" }):match("^bad argument 'model' to 'evaluate' %(unknown model 'nope' %(known: .*llama%-3%-70b"))
end)
case("bad-cluster", function()
  assert(raises(shardlab.evaluate, { cluster = "nope" }):match("^bad argument 'cluster' to 'evaluate' %(unknown cluster 'nope'"))
end)
case("bad-dtype", function()
  eq(raises(shardlab.evaluate, { dtype = "fp4" }), "bad argument 'dtype' to 'evaluate' (unknown dtype 'fp4' (fp32, bf16, fp16, fp8, int8, int4, nvfp4, mxfp4, w4a8))")
end)
case("bad-gpus", function()
  eq(raises(shardlab.evaluate, { gpu = "h100-sxm", gpus = 12 }), "bad argument 'gpus' to 'evaluate' (12 is not a whole number of 8-GPU nodes; set --gpus-per-node)")
end)
case("bad-model-type", function()
  eq(raises(shardlab.evaluate, { model = { hidden_size = 1 } }), "bad argument 'model' to 'evaluate' (a model name, a config.json path or a shardlab.model object)")
  eq(raises(shardlab.evaluate, { cluster = 8 }), "bad argument 'cluster' to 'evaluate' (a cluster preset name or a shardlab.cluster object)")
end)
case("bad-cluster-and-gpu", function()
  eq(raises(shardlab.evaluate, { cluster = "h100x8", gpu = "l4" }), "bad argument 'gpu' to 'evaluate' (give a cluster or a gpu, not both)")
end)
case("bad-stage-layers", function()
  eq(raises(shardlab.evaluate, { stage_layers = { 40, "x" } }), "bad argument 'stage_layers' to 'evaluate' (each stage needs a whole number of layers in 1..512)")
end)
case("bad-position", function()
  local ok, err = pcall(function() return shardlab.evaluate{ tp = 0 } end)
  assert(tostring(err):match("^tests/lua/api_test%.lua:%d+: bad argument 'tp'"), err)
end)

-- the catalog
case("model", function()
  local m = assert(shardlab.model("llama-3-70b"))
  eq(m.name, "llama-3-70b")
  eq(m.layers, 80)
  eq(m.kv_heads, 8)
  eq(m.params_total, 70553706496)
  eq(m.moe, false)
  eq(tostring(m), "shardlab.model: llama-3-70b")
  eq(shardlab.model("llama-3-70b"), m, "cached")
  local n = 0
  for _ in pairs(m) do n = n + 1 end
  assert(n >= 20, "pairs lists the fields")
  eq(raises(function() m.layers = 1 end), "shardlab.model objects are read-only (copy the fields you need into a table)")
end)
case("model-moe", function()
  local m = assert(shardlab.model("deepseek-v3"))
  eq(m.moe, true)
  eq(m.mla, true)
  eq(m.experts, 256)
end)
case("model-unknown", function()
  local m, err = shardlab.model("nope")
  eq(m, nil)
  assert(err:match("^unknown model 'nope' %(known: "), err)
end)
case("model-table", function()
  local m = shardlab.model{ name = "tiny", model_type = "llama", hidden_size = 1024, num_hidden_layers = 4,
    num_attention_heads = 8, num_key_value_heads = 2, intermediate_size = 4096, vocab_size = 32000 }
  eq(m.name, "tiny")
  eq(m.layers, 4)
  eq(m.head_dim, 128)
  -- 2*32000*1024 + 4*(1024*1024*2 + 2*1024*256 + 3*1024*4096 + 2*1024) + 1024
  eq(m.params_total, 2 * 32000 * 1024 + 4 * (1024 * 1024 * 2 + 2 * 1024 * 256 + 3 * 1024 * 4096 + 2 * 1024) + 1024)
  local r = shardlab.evaluate{ model = m, gpu = "l4", gpus = 1, tp = 1, pp = 1, dp = 1 }
  eq(r.model.name, "tiny")
  eq(r.memory.kv_bytes_per_token, 2 * 4 * 2 * 128 * 2)
end)
case("model-table-bad", function()
  eq(raises(shardlab.model, { model_type = "llama", hidden_size = 1024 }), "bad argument #1 to 'model' (missing key 'num_hidden_layers'; keys as in a Hugging Face config.json)")
end)
case("import", function()
  local m = assert(shardlab.import("tests/data/llama-2-7b"))
  eq(m.name, "llama-2-7b")
  eq(m.layers, 32)
  local none, err = shardlab.import("tests/data/none.json")
  eq(none, nil)
  eq(err, "cannot read 'tests/data/none.json': no such file or directory")
end)
case("gpu", function()
  local g = assert(shardlab.gpu("h100-sxm"))
  eq(g.name, "h100-sxm")
  eq(g.arch, "hopper")
  assert(g.memory_bytes > 80e9, "memory_bytes as the driver shows")
  assert(g.peak_flops.bf16 > 9e14, "dense bf16 peak")
  local none, err = shardlab.gpu("h1000")
  eq(none, nil)
  assert(err:match("^unknown gpu 'h1000'"), err)
end)
case("cluster", function()
  local c = assert(shardlab.cluster("h100x16"))
  eq(c.nodes, 2)
  eq(c.gpus, 16)
  eq(c.intra_fabric, "nvlink4")
  local d = assert(shardlab.cluster{ gpu = "h100-sxm", gpus = 16 })
  eq(d.name, "h100-sxmx16")
  eq(d.nodes, 2)
  local e = assert(shardlab.cluster{ "h100x8", nodes = 4, name = "four-nodes", inter_fabric = "roce-400g" })
  eq(e.gpus, 32)
  eq(e.name, "four-nodes")
  eq(e.inter_fabric, "roce-400g")
  local r = shardlab.evaluate{ cluster = e, tp = 8, pp = 4 }
  eq(r.cluster.inter_fabric, "roce-400g")
  eq(r.cluster.gpus, 32)
  eq(raises(shardlab.cluster, { gpu = "l4", nodes = 0 }), "bad argument 'nodes' to 'cluster' (must be >= 1)")
  local none, err = shardlab.cluster("nope")
  eq(none, nil)
  assert(err:match("^unknown cluster 'nope'"), err)
end)
case("runtime", function()
  local rt = assert(shardlab.runtime("sglang"))
  eq(rt.name, "sglang")
  eq(rt.memory_mode, "static")
  assert(rt.mem_fraction > 0 and rt.mem_fraction <= 1)
end)
case("catalog-lists", function()
  local models = shardlab.models()
  local found = false
  for _, m in ipairs(models) do found = found or m == "deepseek-v3" end
  assert(found, "models() lists deepseek-v3")
  local gpus = table.concat(shardlab.gpus(), ",")
  assert(gpus:match("h100%-sxm"), gpus)
  local p = shardlab.presets()
  assert(#p.scenario >= 1 and #p.cluster >= 1 and #p.runtime >= 1 and #p.fabric >= 1)
  eq(table.concat(shardlab.presets("runtime"), ","), "sglang,trtllm,trtllm-0.5,trtllm-bench,vllm,vllm-0.4")
  eq(raises(shardlab.presets, "nope"), "bad argument 'kind' to 'presets' (unknown kind 'nope'; one of: scenario, cluster, gpu, fabric, runtime, model)")
end)
case("params", function()
  local p = shardlab.params()
  eq(p[1].name, "tp")
  eq(p[1].min, 1)
  eq(p[1].integer, true)
end)

-- explain: the formula behind a figure
case("explain", function()
  local r = shardlab.evaluate{ tp = 8 }
  local text = shardlab.explain(r, "memory.kv_bytes_per_token")
  assert(text:match("^kv_bytes_per_token = 2 %(K and V%) x 80 layers x 1 KV head per GPU %(8 heads / TP 8%) x 128 head_dim x 2 bytes %(bf16%) = 40,960"), text)
  assert(shardlab.explain(r, "latency.tpot_s"):match("tpot_s ="))
  assert(raises(shardlab.explain, r, "memory.nope"):match("^bad argument 'path' to 'explain' %(unknown figure 'memory.nope'; one of: model.params_total, "))
  local pp = shardlab.evaluate{ tp = 2, pp = 4 }
  assert(shardlab.explain(pp, "memory.weights_bytes", 3):match("stage 3"))
  local bad = shardlab.evaluate{ tp = 3 }
  local none, why = shardlab.explain(bad, "memory.kv_bytes_per_token")
  eq(none, nil)
  eq(type(why), "string")
end)

-- the iterators pairs() hands out check what they are given
case("record-iterator-checks", function()
  local next_field = pairs(shardlab.model("llama-3-8b"))
  assert(raises(next_field, {}, nil):match("shardlab model, cluster or runtime expected, got table"))
  local next_section = pairs(shardlab.evaluate{ tp = 8 })
  assert(raises(next_section, {}, nil):match("shardlab.result expected, got table"))
end)

-- results are read-only
case("result-read-only", function()
  local r = shardlab.evaluate{ tp = 8 }
  eq(raises(function() r.feasible = true end), "shardlab.result objects are read-only (copy the fields you need into a table)")
  assert(tostring(r):match("^shardlab.result: llama%-3%-70b on h100x8, TP 8 x PP 1 x DP 1"))
end)

-- checks registered in a script run on its results
case("check-in-script", function()
  shardlab.check{ id = "test.tp-at-most-4", severity = "warn", fn = function(r)
    return r.strategy.tp <= 4, "TP " .. r.strategy.tp .. " > 4"
  end }
  local r = shardlab.evaluate{ tp = 8 }
  local last = r.checks[#r.checks]
  eq(last.id, "test.tp-at-most-4")
  eq(last.severity, "warn")
  eq(last.message, "TP 8 > 4")
  eq(r.feasible, true, "a warning keeps it feasible")
  shardlab.check("test.no-tp-16", function(r) return r.strategy.tp < 16, "TP 16" end)
  local big = shardlab.evaluate{ cluster = "h100x16", tp = 16 }
  eq(big.feasible, false, "an error check makes it infeasible")
  eq(big.checks[#big.checks].id, "test.no-tp-16")
  eq(raises(shardlab.check, { id = "test.no-tp-16", fn = print }):match("^bad argument 'id' to 'check' %(check 'test.no%-tp%-16' is already defined at tests/lua/api_test.lua:%d+%)$") ~= nil, true)
  eq(raises(shardlab.check, { id = "x", severity = "fatal", fn = print }), "bad argument 'severity' to 'check' (must be \"error\", \"warn\" or \"info\")")
  eq(raises(shardlab.check, { id = "y" }), "bad argument 'fn' to 'check' (must be a function(result) returning ok, message)")
end)

-- the Lua library
case("units", function()
  eq(units.bytes(17.6e9), "17.6 GB")
  eq(units.bytes(512), "512 B")
  eq(units.gib(2 ^ 30 * 79.19), "79.19 GiB")
  eq(units.seconds(0.0352), "35.2 ms")
  eq(units.seconds(1.5), "1.50 s")
  eq(units.seconds(12e-6), "12.0 us")
  eq(units.int(40960), "40,960")
  eq(units.int(-1234567), "-1,234,567")
  eq(units.count(70.55e9), "70.55e9")
  eq(units.rate(1234.4, "tok/s"), "1,234 tok/s")
  eq(units.rate(12.345, "req/s"), "12.35 req/s")
  eq(units.percent(0.2), "20.0%")
  eq(units.bytes(math.huge), "-")
end)
case("sweep", function()
  eq(table.concat(sweep.pow2(1, 8), ","), "1,2,4,8")
  eq(table.concat(sweep.range(1, 7, 3), ","), "1,4,7")
  local seen = {}
  for p in sweep.grid({ tp = { 1, 2 }, pp = { 1, 2, 4 } }, { "tp", "pp" }) do
    seen[#seen + 1] = p.tp .. "x" .. p.pp
  end
  eq(table.concat(seen, " "), "1x1 1x2 1x4 2x1 2x2 2x4")
  local rows = sweep.run({ model = "llama-3-8b", cluster = "h100x8" }, { tp = { 1, 2 } })
  eq(#rows, 2)
  eq(rows[2].result.strategy.tp, 2)
  eq(sweep.merge({ a = 1, b = 2 }, { b = 3 }).b, 3)
end)
case("tabular", function()
  local t = tabular.new{ "TP", "name" }
  t:add{ 8, "x" }:add{ 16, "long" }
  eq(t:render(), "TP  name\n 8  x\n16  long")
  eq(t:render("markdown"), "| TP | name |\n|---|---|\n| 8 | x |\n| 16 | long |")
end)
case("json", function()
  eq(json.encode{ b = { 1, 2.5, "x" }, a = true }, '{"a":true,"b":[1,2.5,"x"]}')
  eq(json.encode(math.huge), "null")
  local t = assert(json.decode('{"a": [1, -2.5e3, null, "\\u00e9\\n"], "b": {}}'))
  eq(t.a[2], -2500)
  eq(t.a[3], json.null)
  eq(t.a[4], "é\n")
  local none, err = json.decode("{")
  eq(none, nil)
  assert(err:match("^json.decode: "), err)
  local r = shardlab.evaluate{ tp = 8 }
  eq(json.diff(r, json.decode(json.encode(r))), nil)
end)

case("attention-dp-wide-ep", function()
  -- DeepSeek-V3 on 9 nodes: EP 72 with 32 redundant experts (288 slots, 4 per GPU);
  -- dispatch 7168 x 8 x (1 + 4/128) bytes under DeepEP
  local r = shardlab.evaluate{ model = "deepseek-v3", gpu = "h100-sxm", gpus = 72, gpus_per_node = 8,
    tp = 1, dp = 72, ep = 72, ep_redundant = 32, dtype = "fp8", batch = 64 }
  eq(r.strategy.ep_redundant, 32)
  eq(r.strategy.ep_mode, "auto")
  eq(r.latency.ep.experts_per_gpu, 4)
  eq(r.latency.ep.nodes, 9)
  eq(r.latency.ep.dispatch_bytes_per_token, 59136)
  eq(r.latency.ep.prefill_mode, "normal")
  eq(r.latency.ep.decode_mode, "low_latency")
  eq(r.latency.ep.decode_nvlink_bytes, 0)
  local ll = shardlab.evaluate{ model = "deepseek-v3", gpu = "h100-sxm", gpus = 72, gpus_per_node = 8,
    tp = 1, dp = 72, ep = 72, ep_redundant = 32, dtype = "fp8", batch = 64, ep_mode = "a2a" }
  eq(ll.latency.ep.decode_mode, "a2a")
  raises(shardlab.evaluate, { model = "deepseek-v3", ep_mode = "fast" })
end)

print(failed == 0 and "all ok" or (failed .. " failed"))
return failed == 0 and 0 or 1
