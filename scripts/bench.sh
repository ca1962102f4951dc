#!/usr/bin/env bash
# Run the benchmarks in tests/bench/ against the real services and write their figures
# to reports/bench-*.json. Arguments select benchmarks by name: scripts/bench.sh search
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
scripts/services.sh install
if [ "${KEEP_SERVICES:-0}" != "1" ]; then
  trap 'scripts/services.sh stop' EXIT
fi
scripts/services.sh start
eval "$(scripts/services.sh env)"
export DJANGO_SETTINGS_MODULE=config.settings.test
mkdir -p reports

shopt -s nullglob
selected=("$@")
status=0
for bench in tests/bench/bench_*.py; do
  name="$(basename "$bench" .py)"
  name="${name#bench_}"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " ${name} " ]]; then
    continue
  fi
  echo "==> benchmark: $name"
  if ! .venv/bin/python "$bench"; then
    echo "benchmark $name failed" >&2
    status=1
  fi
done
exit $status
