"""Docker cannot run here, so the production-like stack is kept correct by reading it:
the compose file parses, its services hang together, and every environment variable it
gives the app is one the settings actually read (and every one production needs is set)."""

import re
from pathlib import Path

import yaml

from tests.settings_probe import run_python

ROOT = Path(__file__).resolve().parents[2]
APP_SERVICES = ("app", "worker", "migrate", "scheduler")
# Read by something other than config/settings: Django itself, or the image's CMD.
READ_ELSEWHERE = {"DJANGO_SETTINGS_MODULE", "WEB_CONCURRENCY"}
REQUIRED_IN_PRODUCTION = {
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "ELASTICSEARCH_URL",
}


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())


def _settings_env_names() -> set[str]:
    pattern = re.compile(r"env(?:\.\w+)?\(\s*\"([A-Z0-9_]+)\"")
    names: set[str] = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        names |= set(pattern.findall(path.read_text()))
    return names


def test_compose_file_has_the_production_like_services():
    services = _compose()["services"]
    for name in ("postgres", "redis", "es01", "es02", "es03", "app", "worker", "proxy"):
        assert name in services, name
    masters = services["es01"]["environment"]["cluster.initial_master_nodes"]
    assert masters == "es01,es02,es03"


def test_compose_dependencies_name_existing_services():
    services = _compose()["services"]
    for name, service in services.items():
        for dependency in service.get("depends_on", []) or []:
            assert dependency in services, f"{name} depends on unknown {dependency}"


def test_every_app_environment_variable_is_read_by_the_settings():
    known = _settings_env_names() | READ_ELSEWHERE
    services = _compose()["services"]
    for name in APP_SERVICES:
        environment = services[name]["environment"]
        unknown = set(environment) - known
        assert not unknown, f"{name} sets variables the app never reads: {unknown}"
        missing = REQUIRED_IN_PRODUCTION - set(environment)
        assert not missing, f"{name} lacks {missing}"


def test_settings_read_the_variables_the_readme_documents():
    readme = (ROOT / "README.md").read_text()
    for name in _settings_env_names():
        assert f"`{name}`" in readme, f"{name} is read by the settings but not documented"


def test_dockerfile_is_multi_stage_non_root_with_healthcheck():
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, re.MULTILINE)) >= 2
    assert re.search(r"^USER app$", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile
    assert "/healthz" in dockerfile


def test_proxy_passes_websocket_upgrades():
    nginx = (ROOT / "docker" / "nginx.conf").read_text()
    assert "proxy_set_header Upgrade $http_upgrade" in nginx
    assert "location /static/" in nginx
    assert "location /media/" in nginx


_COMPOSE_VARIABLE = re.compile(r"\$\{(\w+)(?::?[-?]([^}]*))?\}")


def _resolved_app_environment(service: str) -> dict[str, str]:
    """The app's environment as compose would give it: ``${X:-default}`` takes its
    default, ``${X:?message}`` (a value the operator must give) a stand-in."""

    def resolve(match: re.Match) -> str:
        name, default = match.group(1), match.group(2) or ""
        if "?" in match.group(0):
            return "k" * 40 if name == "SECRET_KEY" else f"stand-in-{name.lower()}"
        return default

    environment = _compose()["services"][service]["environment"]
    return {name: _COMPOSE_VARIABLE.sub(resolve, str(value)) for name, value in environment.items()}


def test_the_settings_built_from_the_compose_environment_reach_every_search_node():
    """A value the app cannot use (``ELASTICSEARCH_URL`` as a list of nodes, once)
    must fail here, not as a silent fall-back to the database in production."""
    import json
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith(("ELASTICSEARCH", "SEARCH_"))}
    env.update(_resolved_app_environment("app"))
    code = (
        "import django, json; django.setup()\n"
        "from elasticsearch import Elasticsearch\n"
        "from search import connection\n"
        "from search.documents import index_body\n"
        "client = Elasticsearch(**connection.client_options())\n"
        "print(json.dumps({'configured': connection.is_configured(),"
        " 'hosts': sorted(f'{n.host}:{n.port}' for n in client.transport.node_pool.all()),"
        " 'index': index_body()['settings']}))"
    )
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    assert answer["configured"] is True
    assert answer["hosts"] == ["es01:9200", "es02:9200", "es03:9200"]
    assert answer["index"]["auto_expand_replicas"] == "0-1"


_BACKENDS_PROBE = """
import django, json; django.setup()
from channels.layers import get_channel_layer
from channels_redis.utils import create_pool, decode_hosts
from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.utils.module_loading import import_string

pool = caches["default"]._cache._get_connection_pool(True)
layer = get_channel_layer()
layer_pool = create_pool(decode_hosts(settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"])[0])
for backend in (settings.TASKS["default"]["BACKEND"], *(
    s["BACKEND"] for s in settings.STORAGES.values()
)):
    import_string(backend)
params = connections["default"].get_connection_params()
database = settings.DATABASES["default"]
print(json.dumps({
    "database": [database["ENGINE"], params.get("host"), params.get("dbname")],
    "pool": database.get("OPTIONS", {}).get("pool"),
    "server_side_cursors_off": database["DISABLE_SERVER_SIDE_CURSORS"],
    "cache_pool": type(pool).__name__,
    "cache_pool_args": getattr(pool, "service_name", None)
        or pool.connection_kwargs.get("host"),
    "layer": type(layer).__name__,
    "layer_pool": type(layer_pool).__name__,
}))
"""


def _settings_from_compose(extra: dict[str, str] | None = None) -> dict:
    """Run Django with the app's compose environment (plus ``extra``) and report the
    backends it builds, without connecting to anything."""
    import json
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ELASTICSEARCH", "SEARCH_", "REDIS_", "DB_", "DATABASE_"))
    }
    env.update(_resolved_app_environment("app"))
    env.update(extra or {})
    result = run_python(_BACKENDS_PROBE, env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_settings_built_from_the_compose_environment_give_usable_backends():
    """Database, pool, cache, channel layer, tasks and storages as production builds
    them from the compose file: every backend imports and every pool can be built."""
    answer = _settings_from_compose()
    assert answer["database"] == ["django.db.backends.postgresql", "postgres", "commons"]
    assert answer["pool"]["max_size"] == 6
    assert answer["server_side_cursors_off"] is False
    assert answer["cache_pool"] == "ConnectionPool"
    assert answer["cache_pool_args"] == "redis"
    assert answer["layer"] == "LocalFanoutChannelLayer"


def test_the_compose_environment_with_sentinel_and_pgbouncer_builds_failover_backends():
    """The same environment moved to Redis Sentinel and a pooler, as the README's
    "Scaling beyond one machine" describes: both Redis clients ask the sentinels."""
    answer = _settings_from_compose(
        {
            "REDIS_URL": "",
            "REDIS_SENTINELS": "sentinel1:26379,sentinel2:26379,sentinel3:26379",
            "REDIS_SENTINEL_MASTER": "commons",
            "DATABASE_URL": "postgres://commons:secret@pgbouncer:6432/commons",
            "DB_DISABLE_SERVER_SIDE_CURSORS": "true",
            "DB_POOL_MAX_SIZE": "0",
        }
    )
    assert answer["database"] == ["django.db.backends.postgresql", "pgbouncer", "commons"]
    assert answer["pool"] is None
    assert answer["server_side_cursors_off"] is True
    assert answer["cache_pool"] == "SentinelConnectionPool"
    assert answer["cache_pool_args"] == "commons"
    assert answer["layer_pool"] == "SentinelConnectionPool"


def test_a_sentinel_list_the_app_cannot_use_stops_start_up():
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("REDIS_")}
    env.update(_resolved_app_environment("app"))
    env.update({"REDIS_SENTINELS": "sentinel1", "REDIS_SENTINEL_MASTER": "commons"})
    result = run_python("import django; django.setup()", env)
    assert result.returncode != 0
    assert "REDIS_SENTINELS: 'sentinel1' is not host:port" in result.stderr
