#!/usr/bin/env bash
# Lints BPMN files with bpmnlint's recommended rules and the Camunda 7.24 compatibility rules,
# the checks Camunda Modeler shows. Usage: .ci/bpmnlint.sh [folder with .bpmn files] (default: processes)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
folder=$(cd "${1:-$here/../processes}" && pwd)
cd "$here/bpmnlint"
if [ ! -x node_modules/.bin/bpmnlint ]; then
  npm ci --silent --no-audit --no-fund
fi
files=("$folder"/*.bpmn)
echo "bpmnlint: ${#files[@]} file(s) in $folder"
./node_modules/.bin/bpmnlint "${files[@]}"
