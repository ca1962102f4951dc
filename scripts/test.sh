#!/usr/bin/env bash
# The whole suite against the real services: PostgreSQL, Redis, Elasticsearch and Chromium
# are installed when missing, started on loopback, and stopped afterwards.
# Extra arguments go to pytest (e.g. scripts/test.sh tests/forums -x).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
scripts/services.sh install
# axe-core and vnu-jar for the browser checks and oidc-provider for the single sign-on
# tests (tests/e2e/package-lock.json), reinstalled
# whenever the lock file changes. Install scripts are ignored: vnu runs on the system Java.
if ! cmp -s tests/e2e/package-lock.json tests/e2e/node_modules/.installed-lock.json; then
  echo "==> npm ci --prefix tests/e2e"
  npm ci --prefix tests/e2e --ignore-scripts --no-audit --no-fund
  cp tests/e2e/package-lock.json tests/e2e/node_modules/.installed-lock.json
fi
if [ "${KEEP_SERVICES:-0}" != "1" ]; then
  trap 'scripts/services.sh stop' EXIT
fi
scripts/services.sh start
eval "$(scripts/services.sh env)"
export DJANGO_SETTINGS_MODULE=config.settings.test
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

PY=.venv/bin/python
echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "==> django checks"
$PY manage.py check
$PY manage.py makemigrations --check --dry-run
if [ -d locale ]; then
  $PY manage.py compilemessages -v 0 --ignore=.venv --ignore=.cache
fi
echo "==> pytest"
$PY -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
