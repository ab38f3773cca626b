# node 0
python3 -m sglang.launch_server --model-path "Qwen/Qwen3-30B-A3B" --tp 4 --dp-size=2 --ep 8 \
  --mem-fraction-static 0.8 --chunked-prefill-size -1 --nnodes 2 --node-rank 0 --dist-init-addr HEAD_IP:50000
# node 1
sglang serve --model-path Qwen/Qwen3-30B-A3B --tp 4
