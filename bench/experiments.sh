#!/usr/bin/env bash
# The experiments simulation: a synthetic year of leads with a known truth (reply chance by hour and by
# variant), run through Leadflow's own assignment, verdict and best-hour code. No application, no database.
#
#   bench/experiments.sh                                   the full run, written to bench/simulations/<date>-experiments.json
#   bench/experiments.sh --experiments 40 --out FILE       smaller, elsewhere (CI: bench/ci-smoke.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

./mvnw -q -B -DskipTests test-compile
classpath_file=target/bench.classpath
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi
args=("$@")
if [[ " ${args[*]-} " != *" --out "* ]]; then
  args+=(--out "bench/simulations/$(date -u +%Y%m%d-%H%M%S)-experiments.json")
fi
exec java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  dev.leadflow.experiments.ExperimentSimulation "${args[@]}"
