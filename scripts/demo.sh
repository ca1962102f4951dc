#!/usr/bin/env bash
# The one-command demo: SQLite, in-memory channel layer, database search, console email.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
export DJANGO_SETTINGS_MODULE=config.settings.dev
unset DATABASE_URL REDIS_URL ELASTICSEARCH_URL
PY=.venv/bin/python
mkdir -p var
HOST="${DEMO_HOST:-127.0.0.1}"
PORT="${DEMO_PORT:-8000}"

export DEMO_HOST="$HOST" DEMO_PORT="$PORT"
cat <<MSG

  Practice Commons will run at http://$HOST:$PORT/ (links in emails point there too)
  Editor admin:  http://$HOST:$PORT/admin/

  Demo log-ins (password for all: commons-demo-2026)
    admin   admin@practice-commons.test
    editor  editor@practice-commons.test
    member  member@practice-commons.test

  Emails (sign-up confirmation, password reset, notifications) are printed in this
  terminal; background tasks log only warnings.
  Stop with Ctrl-C.

MSG

echo "==> migrating the demo database (var/demo.sqlite3)"
$PY manage.py migrate --no-input -v 0
echo "==> loading demo content"
$PY manage.py seed_demo
if [ -f locale/fr/LC_MESSAGES/django.po ]; then
  $PY manage.py compilemessages -v 0 --ignore=.venv --ignore=.cache
fi

# Organisation sign-in: the test OpenID Provider, when npm has installed it.
OIDC_PORT="${DEMO_OIDC_PORT:-8010}"
if command -v node >/dev/null && [ -d tests/e2e/node_modules/oidc-provider ]; then
  export DEMO_OIDC_URL="http://127.0.0.1:$OIDC_PORT"
  OIDC_TEST_CONFIG=$(printf '{"port": %s, "clients": [{"client_id": "practice-commons-demo", "client_secret": "demo-oidc-secret", "redirect_uris": ["http://%s:%s/accounts/oidc/demo-ilo/login/callback/"], "post_logout_redirect_uris": ["http://%s:%s/"]}]}' \
    "$OIDC_PORT" "$HOST" "$PORT" "$HOST" "$PORT")
  OIDC_TEST_CONFIG="$OIDC_TEST_CONFIG" node tests/e2e/oidc_provider.mjs >var/demo-oidc.log 2>&1 &
  OIDC_PID=$!
  trap 'kill "$OIDC_PID" 2>/dev/null || true' EXIT
  echo "==> organisation sign-in: test OpenID Provider at $DEMO_OIDC_URL (any login works; try someone@ilo.demo)"
else
  echo "==> organisation sign-in is off: run 'npm ci --prefix tests/e2e' to get the test OpenID Provider"
fi

echo "==> Practice Commons is running at http://$HOST:$PORT/ (log-ins above; emails appear below, one after another)"
$PY manage.py runserver "$HOST:$PORT" --noreload
