// In-process micro-benchmarks (policy engine throughput); the end-to-end benchmark is scripts/bench.py.
print("iamconf-bench: nothing to measure yet")
