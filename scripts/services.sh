#!/usr/bin/env bash
# Local service harness for development and CI: PostgreSQL, Redis and
# Elasticsearch, each on loopback only, run as the unprivileged system user
# "pcommons" (PostgreSQL and Elasticsearch refuse to run as root).
#
#   scripts/services.sh install   install what is missing (apt packages, ES zip)
#   scripts/services.sh start     start whatever is not running; wait until ready
#   scripts/services.sh stop      stop all three (tolerates already-stopped)
#   scripts/services.sh status    up/down per service; non-zero if any is down
#   scripts/services.sh env       eval "$(scripts/services.sh env)"
#
# An Elasticsearch cluster of ES_NODES nodes (default 3) beside the single test node,
# from the same distribution, for the tests that lose a node (tests/cluster/):
#   scripts/services.sh es-cluster-start | es-cluster-stop | es-cluster-env
#   scripts/services.sh es-node-stop I    kill node I (SIGKILL: a lost machine)
#   scripts/services.sh es-node-start I   start node I again and wait until it joined
#
# Redis under Sentinel (a master, a replica, SENTINELS sentinels with quorum 2) and
# PgBouncer in transaction mode in front of the PostgreSQL above, for the same tests:
#   scripts/services.sh sentinel-start | sentinel-stop | sentinel-env
#   scripts/services.sh redis-master-kill   SIGKILL the Redis node Sentinel calls master
#   scripts/services.sh pgbouncer-start | pgbouncer-stop | pgbouncer-restart | pgbouncer-env
#
# Runtime state (PostgreSQL data, Redis pid/log, the unpacked Elasticsearch and
# its data) lives in $SERVICES_DIR, outside the repository, owned by pcommons:
# the repository may sit below a directory that pcommons cannot traverse.
# Only the downloaded Elasticsearch zip is cached in the repo, in
# .cache/elasticsearch/ (git-ignored).
#
# Environment overrides (defaults in brackets):
#   SERVICES_DIR [/tmp/practice-commons-services]   PG_PORT [25432]
#   REDIS_PORT [26379]   ES_PORT [29200]   ES_TRANSPORT_PORT [29300]
#   ES_VERSION [pinned below]   ES_JAVA_HOME [Temurin 25]
#   ES_JAVA_OPTS [-Xms1g -Xmx1g]   ES_START_TIMEOUT [180] (seconds)
#   ES_NODES [3]   ES_CLUSTER_PORT [29210] (node I listens on ES_CLUSTER_PORT+I-1)
#   ES_CLUSTER_TRANSPORT_PORT [29310]   ES_CLUSTER_JAVA_OPTS [-Xms512m -Xmx512m]
#   ES_SINGLE_NODE [1] (0: `start` starts no single Elasticsearch node)
#   REDIS_HA_PORT [26401] (node I on REDIS_HA_PORT+I-1; node 1 starts as master)
#   SENTINEL_PORT [26411] (sentinel I on SENTINEL_PORT+I-1)   SENTINELS [3]
#   SENTINEL_MASTER [pc-master]   SENTINEL_DOWN_AFTER_MS [1000]   PGBOUNCER_PORT [25632]
set -euo pipefail

# Newest 9.x integ-test-zip that Maven Central serves (checked 2026: 9.5.4;
# 9.5.5-9.5.9 and 9.6.x/9.7.x were not there).
readonly ES_VERSION_DEFAULT="9.5.4"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO
readonly SERVICES_DIR="${SERVICES_DIR:-/tmp/practice-commons-services}"
readonly SERVICE_USER="pcommons"
readonly PG_PORT="${PG_PORT:-25432}"
readonly REDIS_PORT="${REDIS_PORT:-26379}"
readonly ES_PORT="${ES_PORT:-29200}"
readonly ES_TRANSPORT_PORT="${ES_TRANSPORT_PORT:-29300}"
readonly ES_VERSION="${ES_VERSION:-$ES_VERSION_DEFAULT}"
readonly ES_JAVA_HOME="${ES_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
readonly ES_JAVA_OPTS="${ES_JAVA_OPTS:--Xms1g -Xmx1g}"
readonly ES_START_TIMEOUT="${ES_START_TIMEOUT:-180}"
readonly ES_CACHE="$REPO/.cache/elasticsearch"
readonly ES_ZIP="$ES_CACHE/elasticsearch-$ES_VERSION.zip"
readonly ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip"

readonly DB_NAME="commons" DB_USER="commons" DB_PASSWORD="commons"

readonly PG_DIR="$SERVICES_DIR/postgres"
readonly PG_DATA="$PG_DIR/data"
readonly PG_LOG="$PG_DIR/postgres.log"
readonly REDIS_DIR="$SERVICES_DIR/redis"
readonly REDIS_CONF="$REDIS_DIR/redis.conf"
readonly REDIS_PID="$REDIS_DIR/redis.pid"
readonly REDIS_LOG="$REDIS_DIR/redis.log"
readonly ES_DIR="$SERVICES_DIR/elasticsearch"
readonly ES_HOME="$ES_DIR/elasticsearch-$ES_VERSION"
readonly ES_DATA="$ES_DIR/data-$ES_VERSION"
readonly ES_LOGS="$ES_DIR/logs"
readonly ES_TMP="$ES_DIR/tmp"
readonly ES_PID="$ES_DIR/elasticsearch.pid"
readonly ES_STARTUP_LOG="$ES_DIR/startup.log"
readonly ES_CLUSTER="practice-commons"
readonly ES_NODES="${ES_NODES:-3}"
readonly ES_CLUSTER_PORT="${ES_CLUSTER_PORT:-29210}"
readonly ES_CLUSTER_TRANSPORT_PORT="${ES_CLUSTER_TRANSPORT_PORT:-29310}"
readonly ES_CLUSTER_JAVA_OPTS="${ES_CLUSTER_JAVA_OPTS:--Xms512m -Xmx512m}"
readonly ESC_DIR="$SERVICES_DIR/es-cluster"
readonly ESC_NAME="practice-commons-cluster"
readonly HA_DIR="$SERVICES_DIR/redis-ha"
readonly REDIS_HA_PORT="${REDIS_HA_PORT:-26401}"
readonly REDIS_HA_NODES=2
readonly SENTINEL_PORT="${SENTINEL_PORT:-26411}"
readonly SENTINELS="${SENTINELS:-3}"
readonly SENTINEL_MASTER="${SENTINEL_MASTER:-pc-master}"
readonly SENTINEL_DOWN_AFTER_MS="${SENTINEL_DOWN_AFTER_MS:-1000}"
readonly PGB_DIR="$SERVICES_DIR/pgbouncer"
readonly PGBOUNCER_PORT="${PGBOUNCER_PORT:-25632}"

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

show_log() { # show_log TITLE FILE...
    local title="$1" f
    shift
    for f in "$@"; do
        if [[ -s "$f" ]]; then
            printf -- '----- %s: last lines of %s -----\n' "$title" "$f" >&2
            tail -n 40 "$f" >&2 || true
        fi
    done
}

# Run a command as the service user, from a directory it can read. fd 9 (the
# lock, see with_lock) is closed so that daemons never inherit and hold it.
as_user() { (cd "$SERVICES_DIR" && runuser -u "$SERVICE_USER" -- "$@" 9>&-); }

require_root() { [[ $EUID -eq 0 ]] || die "must run as root (it creates a user and drops to it)"; }

# ---------------------------------------------------------------- install ---

pg_bindir() { # bin dir of the newest installed PostgreSQL major
    local d major best="" best_major=0
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/postgres" ]] || continue
        major="$(basename "$(dirname "$d")")"
        [[ "$major" =~ ^[0-9]+$ ]] || continue
        if ((major > best_major)); then best="$d" best_major="$major"; fi
    done
    [[ -n "$best" ]] || return 1
    printf '%s\n' "$best"
}

install_packages() {
    local missing=()
    pg_bindir >/dev/null || missing+=(postgresql)
    command -v redis-server >/dev/null && command -v redis-cli >/dev/null || missing+=(redis-server)
    # Beyond one machine (tests/cluster/): Redis Sentinel and PgBouncer in front of PostgreSQL.
    command -v redis-sentinel >/dev/null || missing+=(redis-sentinel)
    [[ -x /usr/sbin/pgbouncer ]] || missing+=(pgbouncer)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    command -v unzip >/dev/null || missing+=(unzip)
    command -v curl >/dev/null || missing+=(curl)
    command -v mvn >/dev/null || missing+=(maven)
    command -v msgfmt >/dev/null || missing+=(gettext)
    # SAML tests: pysaml2's test identity provider signs with the xmlsec1 binary.
    command -v xmlsec1 >/dev/null || missing+=(xmlsec1)
    # Browser checks: npm installs axe-core and the Nu HTML Checker, which runs on Java.
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    command -v java >/dev/null || missing+=(default-jre-headless)
    if ((${#missing[@]} == 0)); then
        log "apt packages: all present"
        return
    fi
    log "apt packages: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
    # We run our own instances on our own ports; never rely on the distro's.
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
        systemctl disable --now postgresql redis-server redis-sentinel pgbouncer >/dev/null 2>&1 || true
    fi
}

install_elasticsearch_zip() {
    if [[ -s "$ES_ZIP" ]] && unzip -qql "$ES_ZIP" >/dev/null 2>&1; then
        log "elasticsearch $ES_VERSION: zip cached at ${ES_ZIP#"$REPO"/}"
        return
    fi
    log "elasticsearch $ES_VERSION: fetching $ES_ARTIFACT from Maven Central"
    mkdir -p "$ES_CACHE"
    local tmp
    tmp="$(mktemp -d "$ES_CACHE/.download.XXXXXX")"
    # Run mvn outside the repo so no pom.xml there is picked up.
    if ! (cd "$tmp" && mvn -B -q -Dstyle.color=never dependency:copy \
        -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$tmp/out" >"$tmp/mvn.log" 2>&1); then
        show_log mvn "$tmp/mvn.log"
        rm -rf "$tmp"
        die "could not fetch $ES_ARTIFACT (does Maven Central serve this version?)"
    fi
    mv -f "$tmp/out/elasticsearch-$ES_VERSION.zip" "$ES_ZIP"
    rm -rf "$tmp"
    unzip -qql "$ES_ZIP" >/dev/null || die "downloaded zip is corrupt: $ES_ZIP"
}

cmd_install() {
    require_root
    install_packages
    install_elasticsearch_zip
    [[ -x "$ES_JAVA_HOME/bin/java" ]] || log "WARNING: no Java at ES_JAVA_HOME=$ES_JAVA_HOME (Elasticsearch 9 needs Java 21+)"
}

# ------------------------------------------------------------------ start ---

ensure_user_and_dirs() {
    if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
        log "creating system user $SERVICE_USER"
        useradd --system --user-group --no-create-home --home-dir "$SERVICES_DIR" \
            --shell /usr/sbin/nologin "$SERVICE_USER"
    fi
    mkdir -p "$SERVICES_DIR" "$PG_DIR" "$REDIS_DIR" "$ES_DIR" "$ES_LOGS" "$ES_TMP" "$ES_DATA"
    chown "$SERVICE_USER:$SERVICE_USER" "$SERVICES_DIR" "$PG_DIR" "$REDIS_DIR" "$ES_DIR" "$ES_LOGS" "$ES_TMP" "$ES_DATA"
    chmod 0755 "$SERVICES_DIR"
    chmod 0700 "$PG_DIR"
}

# True while PID exists and is not a zombie (PID 1 here may not reap orphans).
proc_running() {
    local state
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" || return 1
    [[ -n "$state" && "$state" != Z ]]
}

pid_alive() { # pid_alive PIDFILE [CMDLINE-SUBSTRING]
    local pid
    [[ -s "$1" ]] || return 1
    pid="$(head -n 1 "$1" 2>/dev/null)"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    proc_running "$pid" || return 1
    [[ -z "${2:-}" ]] || tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2"
}

# PostgreSQL ------------------------------------------------------------------

pg_up() {
    local bin
    bin="$(pg_bindir)" || return 1
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -t 2 >/dev/null 2>&1
}

start_postgres() {
    local bin major
    bin="$(pg_bindir)" || die "PostgreSQL is not installed (run: $0 install)"
    major="$(basename "$(dirname "$bin")")"
    if [[ -f "$PG_DATA/PG_VERSION" && "$(cat "$PG_DATA/PG_VERSION")" != "$major" ]]; then
        log "postgres: data dir is from major $(cat "$PG_DATA/PG_VERSION"), re-initialising for $major"
        rm -rf "$PG_DATA"
    fi
    if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
        log "postgres: initdb ($major) in $PG_DATA"
        rm -rf "$PG_DATA"
        as_user "$bin/initdb" -D "$PG_DATA" -U "$SERVICE_USER" -E UTF8 --locale=C.UTF-8 \
            --auth-local=trust --auth-host=scram-sha-256 >"$PG_DIR/initdb.log" 2>&1 \
            || { show_log postgres "$PG_DIR/initdb.log"; die "postgres: initdb failed"; }
    fi
    if pg_up; then
        log "postgres: already running on 127.0.0.1:$PG_PORT"
    elif as_user "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        die "postgres: a server is running on $PG_DATA but not answering on port $PG_PORT (stop it first)"
    else
        log "postgres: starting on 127.0.0.1:$PG_PORT"
        # Settings are passed on the command line so that PG_PORT overrides
        # always apply, even to an existing data dir. fsync & co. are off:
        # this is a throwaway test database and speed matters more.
        if ! as_user "$bin/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 start -o \
            "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            >/dev/null; then
            show_log postgres "$PG_LOG"
            die "postgres: failed to start"
        fi
    fi
    local i
    for ((i = 0; i < 60; i++)); do pg_up && break; sleep 1; done
    pg_up || { show_log postgres "$PG_LOG"; die "postgres: not ready after 60s"; }
    # Role and database, over the unix socket as the bootstrap superuser.
    as_user "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -d postgres <<SQL || { show_log postgres "$PG_LOG"; die "postgres: could not create role/database"; }
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$DB_PASSWORD';
  ELSE
    ALTER ROLE $DB_USER LOGIN SUPERUSER PASSWORD '$DB_PASSWORD';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$DB_NAME') \gexec
SQL
    log "postgres: ready"
}

stop_postgres() {
    local bin
    bin="$(pg_bindir)" || return 0
    [[ -f "$PG_DATA/PG_VERSION" ]] || return 0
    if as_user "$bin/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
        log "postgres: stopping"
        as_user "$bin/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
    else
        log "postgres: not running"
    fi
}

# Redis -----------------------------------------------------------------------

redis_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null)" == "PONG" ]]; }

start_redis() {
    command -v redis-server >/dev/null || die "redis-server is not installed (run: $0 install)"
    if redis_up; then
        log "redis: already running on 127.0.0.1:$REDIS_PORT"
        return
    fi
    log "redis: starting on 127.0.0.1:$REDIS_PORT"
    cat >"$REDIS_CONF" <<EOF
bind 127.0.0.1
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile $REDIS_PID
logfile $REDIS_LOG
dir $REDIS_DIR
save ""
appendonly no
EOF
    chown "$SERVICE_USER:$SERVICE_USER" "$REDIS_CONF"
    rm -f "$REDIS_PID"
    as_user redis-server "$REDIS_CONF" || { show_log redis "$REDIS_LOG"; die "redis: failed to start"; }
    local i
    for ((i = 0; i < 30; i++)); do redis_up && break; sleep 1; done
    redis_up || { show_log redis "$REDIS_LOG"; die "redis: not ready after 30s"; }
    log "redis: ready"
}

stop_redis() {
    if redis_up; then
        log "redis: stopping"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    elif pid_alive "$REDIS_PID" redis-server; then
        log "redis: not answering, killing pid $(cat "$REDIS_PID")"
        kill "$(cat "$REDIS_PID")" 2>/dev/null || true
    else
        log "redis: not running"
        return 0
    fi
    local i
    for ((i = 0; i < 30; i++)); do pid_alive "$REDIS_PID" redis-server || break; sleep 1; done
    ! pid_alive "$REDIS_PID" redis-server || die "redis: still running after 30s"
}

# Elasticsearch ---------------------------------------------------------------

es_health() { curl -fsS --max-time "${1:-5}" "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=${1:-5}s" 2>/dev/null; }
es_up() { es_health 2 | grep -Eq '"status":"(green|yellow)"'; }

es_unpack() {
    [[ -x "$ES_HOME/bin/elasticsearch" ]] && return
    [[ -s "$ES_ZIP" ]] || die "elasticsearch: $ES_ZIP missing (run: $0 install)"
    log "elasticsearch: unpacking $ES_VERSION into $ES_DIR"
    local tmp
    tmp="$(mktemp -d "$ES_DIR/.unpack.XXXXXX")"
    unzip -q "$ES_ZIP" -d "$tmp"
    rm -rf "$ES_HOME"
    mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME"
    rm -rf "$tmp"
    chown -R "$SERVICE_USER:$SERVICE_USER" "$ES_HOME"
}

es_write_config() {
    # Security: this integ-test distribution is the server core plus only the
    # x-pack-core and x-pack-security modules (no analysis-common, painless,
    # ingest, ...). With x-pack-security present, security defaults to ON
    # (every HTTP request then needs credentials, and there is no bundled
    # auto-configuration to create them). We bind to loopback only, so we turn
    # it off explicitly: plain HTTP, no auth. The setting is only written when
    # the module is there, because an unknown setting stops the node.
    local security=""
    if [[ -d "$ES_HOME/modules/x-pack-security" ]]; then
        security="xpack.security.enabled: false"
    fi
    cat >"$ES_HOME/config/elasticsearch.yml" <<EOF
# Written by scripts/services.sh on every start; edits are overwritten.
cluster.name: $ES_CLUSTER
node.name: $ES_CLUSTER-node
path.data: $ES_DATA
path.logs: $ES_LOGS
network.host: 127.0.0.1
http.port: $ES_PORT
transport.port: $ES_TRANSPORT_PORT
# One node, no discovery; with loopback + single-node the production
# bootstrap checks (vm.max_map_count, file descriptors, ...) only warn.
discovery.type: single-node
# A nearly full disk must not make test indices read-only.
cluster.routing.allocation.disk.threshold_enabled: false
# Tests may delete indices by wildcard.
action.destructive_requires_name: false
$security
EOF
    chown "$SERVICE_USER:$SERVICE_USER" "$ES_HOME/config/elasticsearch.yml"
}

start_elasticsearch() {
    if es_up; then
        log "elasticsearch: already running on 127.0.0.1:$ES_PORT"
        return
    fi
    [[ -x "$ES_JAVA_HOME/bin/java" ]] || die "elasticsearch: no Java at ES_JAVA_HOME=$ES_JAVA_HOME"
    local started=$SECONDS
    if pid_alive "$ES_PID" org.elasticsearch; then
        log "elasticsearch: pid $(cat "$ES_PID") already running, waiting for it"
    else
        es_unpack
        es_write_config
        rm -f "$ES_PID"
        log "elasticsearch: starting $ES_VERSION on 127.0.0.1:$ES_PORT (heap: $ES_JAVA_OPTS)"
        if ! as_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_JAVA_OPTS="$ES_JAVA_OPTS" ES_TMPDIR="$ES_TMP" \
            ES_PATH_CONF="$ES_HOME/config" timeout "$ES_START_TIMEOUT" \
            "$ES_HOME/bin/elasticsearch" -d -p "$ES_PID" >"$ES_STARTUP_LOG" 2>&1; then
            show_log elasticsearch "$ES_STARTUP_LOG" "$ES_LOGS/$ES_CLUSTER.log"
            die "elasticsearch: failed to start"
        fi
    fi
    until es_up; do
        if ! pid_alive "$ES_PID" org.elasticsearch; then
            show_log elasticsearch "$ES_STARTUP_LOG" "$ES_LOGS/$ES_CLUSTER.log"
            die "elasticsearch: process exited during startup"
        fi
        if ((SECONDS - started >= ES_START_TIMEOUT)); then
            show_log elasticsearch "$ES_STARTUP_LOG" "$ES_LOGS/$ES_CLUSTER.log"
            die "elasticsearch: not ready after ${ES_START_TIMEOUT}s"
        fi
        sleep 2
    done
    log "elasticsearch: ready ($((SECONDS - started))s)"
}

stop_elasticsearch() {
    if ! pid_alive "$ES_PID" org.elasticsearch; then
        log "elasticsearch: not running"
        return 0
    fi
    local pid i
    pid="$(cat "$ES_PID")"
    log "elasticsearch: stopping pid $pid"
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do proc_running "$pid" || break; sleep 1; done
    if proc_running "$pid"; then
        log "elasticsearch: still running after 60s, killing"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 1
    fi
    rm -f "$ES_PID"
}

# Elasticsearch cluster -------------------------------------------------------
# ES_NODES nodes of one cluster on loopback, each with its own configuration, data, logs
# and pid under $ESC_DIR/nodeI, sharing the unpacked distribution of the single node.

esc_port() { echo $((ES_CLUSTER_PORT + $1 - 1)); }
esc_transport() { echo $((ES_CLUSTER_TRANSPORT_PORT + $1 - 1)); }
esc_pid() { echo "$ESC_DIR/node$1/elasticsearch.pid"; }
esc_node_up() { curl -fsS --max-time 2 "http://127.0.0.1:$(esc_port "$1")/_cluster/health?local=true" >/dev/null 2>&1; }
esc_nodes_joined() { # how many nodes the cluster has, asked of the first live node
    local i
    for ((i = 1; i <= ES_NODES; i++)); do
        if esc_node_up "$i"; then
            curl -fsS --max-time 2 "http://127.0.0.1:$(esc_port "$i")/_cluster/health" 2>/dev/null |
                sed -n 's/.*"number_of_nodes":\([0-9]*\).*/\1/p'
            return
        fi
    done
    echo 0
}

esc_write_config() { # esc_write_config I
    local i="$1" dir="$ESC_DIR/node$1" seeds="" masters="" j security=""
    for ((j = 1; j <= ES_NODES; j++)); do
        seeds+="${seeds:+, }\"127.0.0.1:$(esc_transport "$j")\""
        masters+="${masters:+, }\"$ESC_NAME-$j\""
    done
    if [[ -d "$ES_HOME/modules/x-pack-security" ]]; then
        security="xpack.security.enabled: false"
    fi
    mkdir -p "$dir/config" "$dir/data" "$dir/logs" "$dir/tmp"
    cp -r "$ES_HOME/config/jvm.options" "$ES_HOME/config/log4j2.properties" "$dir/config/"
    if [[ -d "$ES_HOME/config/jvm.options.d" ]]; then
        cp -r "$ES_HOME/config/jvm.options.d" "$dir/config/"
    fi
    cat >"$dir/config/elasticsearch.yml" <<YAML
# Written by scripts/services.sh on every start; edits are overwritten.
cluster.name: $ESC_NAME
node.name: $ESC_NAME-$i
path.data: $dir/data
path.logs: $dir/logs
network.host: 127.0.0.1
http.port: $(esc_port "$i")
transport.port: $(esc_transport "$i")
discovery.seed_hosts: [$seeds]
cluster.initial_master_nodes: [$masters]
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
$security
YAML
    chown -R "$SERVICE_USER:$SERVICE_USER" "$dir"
}

esc_start_node() { # esc_start_node I: start node I unless it runs (does not wait)
    local i="$1" dir="$ESC_DIR/node$1"
    if pid_alive "$(esc_pid "$i")" org.elasticsearch; then
        return
    fi
    esc_write_config "$i"
    rm -f "$(esc_pid "$i")"
    log "elasticsearch cluster: starting node $i on 127.0.0.1:$(esc_port "$i") (heap: $ES_CLUSTER_JAVA_OPTS)"
    if ! as_user env ES_JAVA_HOME="$ES_JAVA_HOME" ES_JAVA_OPTS="$ES_CLUSTER_JAVA_OPTS" ES_TMPDIR="$dir/tmp" \
        ES_PATH_CONF="$dir/config" timeout "$ES_START_TIMEOUT" \
        "$ES_HOME/bin/elasticsearch" -d -p "$(esc_pid "$i")" >"$dir/startup.log" 2>&1; then
        show_log "elasticsearch node $i" "$dir/startup.log" "$dir/logs/$ESC_NAME.log"
        die "elasticsearch cluster: node $i failed to start"
    fi
}

esc_wait() { # esc_wait NODES: until NODES nodes have joined
    local want="$1" started=$SECONDS i
    until [[ "$(esc_nodes_joined)" == "$want" ]]; do
        if ((SECONDS - started >= ES_START_TIMEOUT)); then
            for ((i = 1; i <= ES_NODES; i++)); do
                show_log "elasticsearch node $i" "$ESC_DIR/node$i/startup.log" "$ESC_DIR/node$i/logs/$ESC_NAME.log"
            done
            die "elasticsearch cluster: $want nodes not joined after ${ES_START_TIMEOUT}s"
        fi
        sleep 2
    done
    log "elasticsearch cluster: $want nodes joined ($((SECONDS - started))s)"
}

esc_stop_node() { # esc_stop_node I [KILL]
    local pidfile pid i
    pidfile="$(esc_pid "$1")"
    pid_alive "$pidfile" org.elasticsearch || return 0
    pid="$(cat "$pidfile")"
    if [[ "${2:-}" == KILL ]]; then
        log "elasticsearch cluster: killing node $1 (pid $pid)"
        kill -KILL "$pid" 2>/dev/null || true
    else
        log "elasticsearch cluster: stopping node $1 (pid $pid)"
        kill "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < 60; i++)); do proc_running "$pid" || break; sleep 1; done
    if proc_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$pidfile"
}

cmd_es_cluster_start() {
    require_root
    with_lock
    ensure_user_and_dirs
    [[ -x "$ES_JAVA_HOME/bin/java" ]] || die "elasticsearch: no Java at ES_JAVA_HOME=$ES_JAVA_HOME"
    es_unpack
    mkdir -p "$ESC_DIR"
    chown "$SERVICE_USER:$SERVICE_USER" "$ESC_DIR"
    local i
    for ((i = 1; i <= ES_NODES; i++)); do esc_start_node "$i"; done
    esc_wait "$ES_NODES"
}

cmd_es_cluster_stop() {
    require_root
    with_lock
    local i
    for ((i = 1; i <= ES_NODES; i++)); do esc_stop_node "$i"; done
    # A cluster is bootstrapped once: the next start forms a new one from empty data.
    rm -rf "$ESC_DIR"
}

cmd_es_node() { # cmd_es_node stop|start I
    require_root
    [[ "$2" =~ ^[0-9]+$ ]] && (($2 >= 1 && $2 <= ES_NODES)) || die "no node '$2' (ES_NODES=$ES_NODES)"
    if [[ "$1" == stop ]]; then
        esc_stop_node "$2" KILL
    else
        esc_start_node "$2"
        esc_wait "$ES_NODES"
    fi
}

cmd_es_cluster_env() {
    local urls="" i
    for ((i = 1; i <= ES_NODES; i++)); do urls+="${urls:+,}http://127.0.0.1:$(esc_port "$i")"; done
    echo "export ELASTICSEARCH_CLUSTER_URL=$urls"
}

# Redis with Sentinel ---------------------------------------------------------
# Two Redis nodes (node 1 starts as master, node 2 replicates it) watched by SENTINELS
# sentinels with quorum 2, as a deployment runs them: clients ask a sentinel for the
# master, and when it dies the sentinels promote the replica within a few seconds.

ha_port() { echo $((REDIS_HA_PORT + $1 - 1)); }
sentinel_port() { echo $((SENTINEL_PORT + $1 - 1)); }
ha_pid() { echo "$HA_DIR/redis$1.pid"; }
ha_up() { [[ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" == "PONG" ]]; }

ha_master_port() { # the master's port as the first answering sentinel sees it
    local i addr
    for ((i = 1; i <= SENTINELS; i++)); do
        addr="$(redis-cli -h 127.0.0.1 -p "$(sentinel_port "$i")" sentinel get-master-addr-by-name "$SENTINEL_MASTER" 2>/dev/null | sed -n 2p)"
        if [[ "$addr" =~ ^[0-9]+$ ]]; then
            echo "$addr"
            return
        fi
    done
    return 1
}

ha_start_node() { # ha_start_node I MASTER_PORT: start node I (a replica unless it is the master)
    local i="$1" master="$2" port replicaof="" n
    port="$(ha_port "$i")"
    ha_up "$port" && return
    [[ "$port" == "$master" ]] || replicaof="replicaof 127.0.0.1 $master"
    log "redis-ha: starting node $i on 127.0.0.1:$port${replicaof:+ (replica of $master)}"
    cat >"$HA_DIR/redis$i.conf" <<CONF
bind 127.0.0.1
port $port
protected-mode yes
daemonize yes
pidfile $(ha_pid "$i")
logfile $HA_DIR/redis$i.log
dir $HA_DIR
dbfilename dump$i.rdb
save ""
appendonly no
$replicaof
CONF
    chown "$SERVICE_USER:$SERVICE_USER" "$HA_DIR/redis$i.conf"
    as_user redis-server "$HA_DIR/redis$i.conf" || { show_log "redis-ha $i" "$HA_DIR/redis$i.log"; die "redis-ha: node $i failed to start"; }
    for ((n = 0; n < 30; n++)); do ha_up "$port" && return; sleep 1; done
    show_log "redis-ha $i" "$HA_DIR/redis$i.log"
    die "redis-ha: node $i not ready after 30s"
}

sentinel_start_one() { # sentinel_start_one I MASTER_PORT
    local i="$1" master="$2" port conf
    port="$(sentinel_port "$i")"
    ha_up "$port" && return
    conf="$HA_DIR/sentinel$i.conf"
    log "redis-ha: starting sentinel $i on 127.0.0.1:$port"
    # Sentinel rewrites its own file (what it learnt), so it is the service user's.
    cat >"$conf" <<CONF
bind 127.0.0.1
port $port
daemonize yes
pidfile $HA_DIR/sentinel$i.pid
logfile $HA_DIR/sentinel$i.log
dir $HA_DIR
sentinel monitor $SENTINEL_MASTER 127.0.0.1 $master 2
sentinel down-after-milliseconds $SENTINEL_MASTER $SENTINEL_DOWN_AFTER_MS
sentinel failover-timeout $SENTINEL_MASTER 10000
sentinel parallel-syncs $SENTINEL_MASTER 1
CONF
    chown "$SERVICE_USER:$SERVICE_USER" "$conf"
    as_user redis-sentinel "$conf" || { show_log "sentinel $i" "$HA_DIR/sentinel$i.log"; die "redis-ha: sentinel $i failed to start"; }
}

sentinel_ready() { # every sentinel sees the master, its replica and the other sentinels
    local i info master
    for ((i = 1; i <= SENTINELS; i++)); do
        info=" $(redis-cli -h 127.0.0.1 -p "$(sentinel_port "$i")" sentinel master "$SENTINEL_MASTER" 2>/dev/null | paste -sd' ') "
        [[ "$info" == *" num-slaves $((REDIS_HA_NODES - 1)) "* ]] || return 1
        [[ "$info" == *" num-other-sentinels $((SENTINELS - 1)) "* ]] || return 1
        [[ "$info" == *" flags master "* ]] || return 1
    done
    # ... and the replica is in sync with the master.
    master="$(ha_master_port)" || return 1
    redis-cli -h 127.0.0.1 -p "$master" info replication 2>/dev/null | grep -q "state=online"
}

cmd_sentinel_start() {
    require_root
    with_lock
    ensure_user_and_dirs
    command -v redis-sentinel >/dev/null || die "redis-sentinel is not installed (run: $0 install)"
    mkdir -p "$HA_DIR"
    chown "$SERVICE_USER:$SERVICE_USER" "$HA_DIR"
    local master i started=$SECONDS
    # After a failover the sentinels know the master; a first start makes node 1 master.
    master="$(ha_master_port 2>/dev/null)" || master="$(ha_port 1)"
    ha_start_node $((master - REDIS_HA_PORT + 1)) "$master"
    for ((i = 1; i <= REDIS_HA_NODES; i++)); do ha_start_node "$i" "$master"; done
    for ((i = 1; i <= SENTINELS; i++)); do sentinel_start_one "$i" "$master"; done
    until sentinel_ready; do
        if ((SECONDS - started >= 60)); then
            for ((i = 1; i <= SENTINELS; i++)); do show_log "sentinel $i" "$HA_DIR/sentinel$i.log"; done
            die "redis-ha: sentinels not agreed after 60s"
        fi
        sleep 1
    done
    log "redis-ha: master on 127.0.0.1:$master, $SENTINELS sentinels ready ($((SECONDS - started))s)"
}

stop_pidfile() { # stop_pidfile FILE NAME: SIGTERM, then SIGKILL after 20 s
    local pid n
    pid_alive "$1" "$2" || return 0
    pid="$(cat "$1")"
    kill "$pid" 2>/dev/null || true
    for ((n = 0; n < 20; n++)); do proc_running "$pid" || break; sleep 1; done
    if proc_running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -f "$1"
}

cmd_sentinel_stop() {
    require_root
    with_lock
    [[ -d "$HA_DIR" ]] || { log "redis-ha: not running"; return 0; }
    local i
    # Sentinels first, so that stopping the master starts no failover.
    for ((i = 1; i <= SENTINELS; i++)); do stop_pidfile "$HA_DIR/sentinel$i.pid" redis; done
    for ((i = 1; i <= REDIS_HA_NODES; i++)); do stop_pidfile "$(ha_pid "$i")" redis; done
    log "redis-ha: stopped"
    rm -rf "$HA_DIR"
}

cmd_redis_master_kill() { # SIGKILL the current master (a lost machine); prints its port
    require_root
    local master i
    master="$(ha_master_port)" || die "redis-ha: no sentinel answers"
    i=$((master - REDIS_HA_PORT + 1))
    pid_alive "$(ha_pid "$i")" redis || die "redis-ha: master node $i is not running"
    log "redis-ha: killing master node $i (127.0.0.1:$master, pid $(cat "$(ha_pid "$i")"))"
    kill -KILL "$(cat "$(ha_pid "$i")")"
    rm -f "$(ha_pid "$i")"
    echo "$master"
}

cmd_sentinel_env() {
    local hosts="" i
    for ((i = 1; i <= SENTINELS; i++)); do hosts+="${hosts:+,}127.0.0.1:$(sentinel_port "$i")"; done
    echo "export REDIS_SENTINELS=$hosts"
    echo "export REDIS_SENTINEL_MASTER=$SENTINEL_MASTER"
}

# PgBouncer -------------------------------------------------------------------
# In transaction mode, in front of the PostgreSQL above: a server connection belongs to
# a client only for one transaction, as with a managed pooler.

pgb_up() {
    local bin
    bin="$(pg_bindir)" || return 1
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PGBOUNCER_PORT" -t 2 >/dev/null 2>&1
}

start_pgbouncer() {
    [[ -x /usr/sbin/pgbouncer ]] || die "pgbouncer is not installed (run: $0 install)"
    pg_up || die "pgbouncer: PostgreSQL is not running on 127.0.0.1:$PG_PORT (run: $0 start)"
    if pgb_up; then
        log "pgbouncer: already running on 127.0.0.1:$PGBOUNCER_PORT"
        return
    fi
    mkdir -p "$PGB_DIR"
    printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" >"$PGB_DIR/userlist.txt"
    cat >"$PGB_DIR/pgbouncer.ini" <<CONF
; Written by scripts/services.sh on every start; edits are overwritten.
[databases]
* = host=127.0.0.1 port=$PG_PORT

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PGBOUNCER_PORT
unix_socket_dir = $PGB_DIR
pidfile = $PGB_DIR/pgbouncer.pid
logfile = $PGB_DIR/pgbouncer.log
auth_type = scram-sha-256
auth_file = $PGB_DIR/userlist.txt
admin_users = $DB_USER
pool_mode = transaction
max_client_conn = 400
default_pool_size = 20
; Test databases are dropped while the pooler runs: idle server connections go quickly.
server_idle_timeout = 5
ignore_startup_parameters = extra_float_digits,options
CONF
    chmod 0600 "$PGB_DIR/userlist.txt"
    chown -R "$SERVICE_USER:$SERVICE_USER" "$PGB_DIR"
    log "pgbouncer: starting on 127.0.0.1:$PGBOUNCER_PORT (transaction mode, to 127.0.0.1:$PG_PORT)"
    as_user /usr/sbin/pgbouncer -d "$PGB_DIR/pgbouncer.ini" >/dev/null 2>&1 \
        || { show_log pgbouncer "$PGB_DIR/pgbouncer.log"; die "pgbouncer: failed to start"; }
    local i
    for ((i = 0; i < 30; i++)); do pgb_up && break; sleep 1; done
    pgb_up || { show_log pgbouncer "$PGB_DIR/pgbouncer.log"; die "pgbouncer: not ready after 30s"; }
    log "pgbouncer: ready"
}

stop_pgbouncer() {
    if pid_alive "$PGB_DIR/pgbouncer.pid" pgbouncer; then
        log "pgbouncer: stopping"
        stop_pidfile "$PGB_DIR/pgbouncer.pid" pgbouncer
    else
        log "pgbouncer: not running"
    fi
}

cmd_pgbouncer() { # cmd_pgbouncer start|stop|restart
    require_root
    with_lock
    ensure_user_and_dirs
    case "$1" in
        start) start_pgbouncer ;;
        stop) stop_pgbouncer ;;
        restart) stop_pgbouncer && start_pgbouncer ;;
    esac
}

cmd_pgbouncer_env() {
    echo "export PGBOUNCER_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PGBOUNCER_PORT"
}

# --------------------------------------------------------------- commands ---

with_lock() { # serialise concurrent start/stop calls
    exec 9>"$SERVICES_DIR.lock"
    flock -w 300 9 || die "could not take lock $SERVICES_DIR.lock"
}

cmd_start() {
    require_root
    with_lock
    ensure_user_and_dirs
    start_postgres
    start_redis
    # A stack on an Elasticsearch cluster (the fault benchmark's cluster phases) needs
    # no single node beside it.
    if [[ "${ES_SINGLE_NODE:-1}" == 1 ]]; then start_elasticsearch; fi
}

cmd_stop() {
    require_root
    with_lock
    [[ -d "$SERVICES_DIR" ]] || { log "nothing to stop ($SERVICES_DIR does not exist)"; return 0; }
    local rc=0
    stop_elasticsearch || rc=1
    stop_redis || rc=1
    stop_postgres || rc=1
    return "$rc"
}

cmd_status() {
    local down=0
    if pg_up; then echo "postgres       up   127.0.0.1:$PG_PORT"; else echo "postgres       down 127.0.0.1:$PG_PORT"; down=1; fi
    if redis_up; then echo "redis          up   127.0.0.1:$REDIS_PORT"; else echo "redis          down 127.0.0.1:$REDIS_PORT"; down=1; fi
    if es_up; then echo "elasticsearch  up   127.0.0.1:$ES_PORT"; else echo "elasticsearch  down 127.0.0.1:$ES_PORT"; down=1; fi
    return "$down"
}

cmd_env() {
    echo "export DATABASE_URL=postgres://$DB_USER:$DB_PASSWORD@127.0.0.1:$PG_PORT/$DB_NAME"
    echo "export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
    echo "export ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT"
}

usage() {
    echo "usage: $0 {install|start|stop|status|env|es-cluster-start|es-cluster-stop|es-cluster-env|es-node-stop I|es-node-start I|sentinel-start|sentinel-stop|sentinel-env|redis-master-kill|pgbouncer-start|pgbouncer-stop|pgbouncer-restart|pgbouncer-env}" >&2
    exit 2
}

main() {
    (($# >= 1)) || usage
    case "$1" in
        es-cluster-start) cmd_es_cluster_start ;;
        es-cluster-stop) cmd_es_cluster_stop ;;
        es-cluster-env) cmd_es_cluster_env ;;
        es-node-stop) cmd_es_node stop "${2:-}" ;;
        es-node-start) cmd_es_node start "${2:-}" ;;
        sentinel-start) cmd_sentinel_start ;;
        sentinel-stop) cmd_sentinel_stop ;;
        sentinel-env) cmd_sentinel_env ;;
        redis-master-kill) cmd_redis_master_kill ;;
        pgbouncer-start) cmd_pgbouncer start ;;
        pgbouncer-stop) cmd_pgbouncer stop ;;
        pgbouncer-restart) cmd_pgbouncer restart ;;
        pgbouncer-env) cmd_pgbouncer_env ;;
        install) cmd_install ;;
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        env) cmd_env ;;
        *) usage ;;
    esac
}

main "$@"
