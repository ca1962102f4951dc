import logging
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k" * 20 + "a-long-random-production-secret-key-9f3c1e",
    "ALLOWED_HOSTS": "commons.example.org",
    "DATABASE_URL": "postgres://commons:commons@127.0.0.1:25432/commons",
    "REDIS_URL": "redis://127.0.0.1:26379/0",
    "ELASTICSEARCH_URL": "http://127.0.0.1:29200",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_demo_settings_need_no_environment():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); "
        "print(settings.CHANNEL_LAYERS['default']['BACKEND']); "
        "print(settings.SEARCH['ELASTICSEARCH_URL'] or 'database')"
    )
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    engine, layer, search = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert layer == "channels.layers.InMemoryChannelLayer"
    assert search == "database"


def test_demo_settings_take_the_address_from_demo_host_and_port_and_quiet_task_logs():
    script = (
        "import logging; from django.conf import settings; "
        "print(settings.SITE_URL, settings.EMAIL_BACKEND.rsplit('.', 2)[-2], "
        "logging.getLogger('django_tasks').getEffectiveLevel())"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEMO_HOST": "192.0.2.7",
        "DEMO_PORT": "8123",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    result = _manage("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://192.0.2.7:8123", "console", str(logging.WARNING)]
