#!/usr/bin/env bash
# Leadflow's benchmark: builds the jar, then runs dev.leadflow.bench.Benchmark (src/test/java), which
# starts Leadflow from target/leadflow-*.jar on PostgreSQL + Redis (127.0.0.1), a fake Cloud API, and
# every phase of docs/performance.md. Writes bench/results/<run>-<mode>.json.
#
#   bench/run.sh            the full run (tens of minutes: run it on a quiet machine)
#   bench/run.sh --smoke    small sizes, a couple of minutes (CI: bench/ci-smoke.sh)
#   bench/run.sh --help     every parameter
set -euo pipefail
cd "$(dirname "$0")/.."

# With --jar the jar under test is given (a before/after comparison): no build, so the machine stays quiet.
if [[ " $* " != *" --jar "* ]]; then
  ./mvnw -q -B -DskipTests package
fi
classpath_file=target/bench.classpath
if [[ ! -s $classpath_file || pom.xml -nt $classpath_file ]]; then
  ./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
fi
exec java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$classpath_file")" \
  dev.leadflow.bench.Benchmark "$@"
