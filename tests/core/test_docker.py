"""Docker cannot run here, so the production-like stack is kept correct by reading it:
the compose file parses, its services hang together, and every environment variable it
gives the app is one the settings actually read (and every one production needs is set)."""

import re
from pathlib import Path

import yaml

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
