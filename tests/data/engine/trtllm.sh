CUDA_VISIBLE_DEVICES=0,1 trtllm-serve 'meta-llama/Meta-Llama-3-8B' --tp_size 2 --port 8000
CUDA_VISIBLE_DEVICES=2,3 trtllm-serve meta-llama/Meta-Llama-3-8B --tp_size 2 --port 8001
mpirun -H node0:8,node1:8 -n 16 trtllm-llmapi-launch trtllm-serve deepseek-ai/DeepSeek-V3 --tp_size 16 --ep_size 16
trtllm-bench --model meta-llama/Meta-Llama-3-8B throughput --tp 2 --kv_cache_free_gpu_mem_fraction 0.9
