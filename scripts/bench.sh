#!/usr/bin/env bash
# Run the benchmarks in tests/bench/ and write their figures to reports/bench-*.json,
# each stamped with the load average at its start, then the table of figures beside
# their goals in reports/bench-summary.md (tests/bench/summary.py).
# Arguments select benchmarks by name: scripts/bench.sh search load
#
# Most benchmarks use the services on their default ports (scripts/services.sh). The
# load and fault benchmarks (bench_load.py, bench_faults.py) start a private stack of
# their own on other ports (tests/bench/stack.py), because they load it hard and stop
# parts of it; the peer benchmark (bench_peer.py) runs both sites on SQLite and needs
# none. The shared services are only started when another benchmark runs.
set -euo pipefail
cd "$(dirname "$0")/.."

OWN_STACK=" load faults peer "

shopt -s nullglob
selected=("$@")
benches=()
needs_services=0
for bench in tests/bench/bench_*.py; do
  name="$(basename "$bench" .py)"
  name="${name#bench_}"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " ${name} " ]]; then
    continue
  fi
  benches+=("$bench")
  [[ "$OWN_STACK" =~ " ${name} " ]] || needs_services=1
done

scripts/bootstrap.sh
scripts/services.sh install
if [ "$needs_services" = 1 ]; then
  if [ "${KEEP_SERVICES:-0}" != "1" ]; then
    trap 'scripts/services.sh stop' EXIT
  fi
  scripts/services.sh start
  eval "$(scripts/services.sh env)"
fi
export DJANGO_SETTINGS_MODULE=config.settings.test
mkdir -p reports

status=0
for bench in "${benches[@]}"; do
  name="$(basename "$bench" .py)"
  name="${name#bench_}"
  echo "==> benchmark: $name (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  if ! .venv/bin/python tests/bench/harness.py "$bench"; then
    echo "benchmark $name failed" >&2
    status=1
  fi
done
.venv/bin/python tests/bench/summary.py
exit $status
