#!/usr/bin/env bash
# The benchmark's smoke run, so the harness cannot rot: every phase at small sizes, failing on a
# duplicate send, a lost message, a broken channel limit or a refused request. Needs PostgreSQL and
# Redis on 127.0.0.1 (as .ci/run starts them). Its result goes to target/, not bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
bench/run.sh --smoke --database leadflow_bench_ci --results-dir target/bench-results "$@"
bash bench/experiments.sh --experiments 20 --leads-per-arm 2000 --leads 2000 --out target/bench-results/experiments-smoke.json
# The welcome flow's other shapes (docs/performance.md, "The nurturing flows' shape"): both derived, one run.
python3 bench/flow-shape.py inline target/flow-shape-inline > /dev/null
bench/run.sh --smoke --database leadflow_bench_ci --results-dir target/bench-results --label flow-shape-smoke \
  --jar "$(ls target/leadflow-*.jar)" \
  --paced-rate 0 --e2e-slow 0 --priority-welcomes 0 --analytics-attempts 0 \
  --app-env "$(python3 bench/flow-shape.py one-scope target/flow-shape)"
