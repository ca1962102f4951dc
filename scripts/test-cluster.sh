#!/usr/bin/env bash
# Beyond one machine, on real engines (make test-cluster; CI runs it after make test):
# a three-node Elasticsearch cluster, Redis behind Sentinel and PgBouncer in transaction
# mode are started on loopback beside the usual services, then
#   1. the tests marked `cluster` (tests/cluster/): nodes lost, Sentinel failing over,
#      two application hosts sharing everything;
#   2. the suites in CLUSTER_SUITE (default: forums and community), whose database
#      paths and live consumers then all go through PgBouncer;
# every database connection of both runs goes through PgBouncer, with server-side cursors
# off. The cluster pieces are stopped afterwards (the usual services too, unless
# KEEP_SERVICES=1). Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
scripts/services.sh install

cleanup() {
  scripts/services.sh pgbouncer-stop || true
  scripts/services.sh sentinel-stop || true
  scripts/services.sh es-cluster-stop || true
  if [ "${KEEP_SERVICES:-0}" != "1" ]; then
    scripts/services.sh stop || true
  fi
}
trap cleanup EXIT

started=$SECONDS
scripts/services.sh start
scripts/services.sh es-cluster-start
scripts/services.sh sentinel-start
scripts/services.sh pgbouncer-start
echo "==> services up in $((SECONDS - started))s"
eval "$(scripts/services.sh env)"
eval "$(scripts/services.sh es-cluster-env)"
eval "$(scripts/services.sh pgbouncer-env)"
export DJANGO_SETTINGS_MODULE=config.settings.test

PY=.venv/bin/python
if [ -d locale ]; then
  $PY manage.py compilemessages -v 0 --ignore=.venv --ignore=.cache
fi

# pytest-django would drop its test databases through the pooler, which may still hold
# an idle server connection to them; they are kept (--reuse-db) and dropped here, on
# PostgreSQL itself, before and after.
DB_NAME="${CLUSTER_DATABASE:-commons}"
POSTGRES_URL="${DATABASE_URL%/*}/postgres"
drop_test_databases() {
  $PY - "$POSTGRES_URL" "test_$DB_NAME" <<'PYTHON'
import sys

import psycopg

url, name = sys.argv[1:]
with psycopg.connect(url, autocommit=True) as conn:
    names = [row[0] for row in conn.execute(
        "SELECT datname FROM pg_database WHERE datname = %s OR datname LIKE %s",
        [name, name + "_gw%"],
    )]
    for db in names:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
PYTHON
}
drop_test_databases
trap 'drop_test_databases || true; cleanup' EXIT

export DATABASE_URL="$PGBOUNCER_URL/$DB_NAME" DB_DISABLE_SERVER_SIDE_CURSORS=true

phase=$SECONDS
echo "==> pytest -m cluster tests/cluster (through PgBouncer)"
(
  eval "$(scripts/services.sh sentinel-env)"
  $PY -m pytest -p no:xdist --reuse-db -m cluster tests/cluster "$@"
)
echo "==> cluster tests: $((SECONDS - phase))s"

phase=$SECONDS
read -r -a suite <<<"${CLUSTER_SUITE:-tests/forums tests/community}"
echo "==> pytest ${suite[*]} (through PgBouncer)"
$PY -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile --reuse-db "${suite[@]}" "$@"
echo "==> ${suite[*]} through PgBouncer: $((SECONDS - phase))s; everything: $((SECONDS - started))s"
