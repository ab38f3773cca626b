vllm serve meta-llama/Llama-3.1-70B-Instruct \
  --tensor-parallel-size 8 --max-model-len 8192 \
  --gpu-memory-utilization 0.85 --enable-expert-parallel --kv-cache-dtype fp8 --quantization awq
