"""The pieces of a deployment beyond one machine, as ``scripts/test-cluster.sh`` (``make
test-cluster``) starts them through ``scripts/services.sh``: Redis under Sentinel, and
two application hosts (uvicorn, production settings) that share PostgreSQL, Redis and
Elasticsearch. A piece that is not running fails the test that needs it, never skips it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.test import Client

from tests.bench.stack import WatchStats, stop_process_group, watch_topic
from tests.conftest import _reachable

ROOT = Path(__file__).resolve().parents[2]
SERVICES = str(ROOT / "scripts" / "services.sh")
# Below the ephemeral range and away from every other service of the harness.
APP_PORTS = (
    int(os.environ.get("CLUSTER_APP_PORT", "28701")),
    int(os.environ.get("CLUSTER_APP_PORT", "28701")) + 1,
)
SEARCH_RATE = "4/m"
SITE_HOST = "localhost"


def services(*args: str) -> str:
    result = subprocess.run(  # noqa: S603
        [SERVICES, *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    return result.stdout


# ---------------------------------------------------------------------------
# Redis under Sentinel
# ---------------------------------------------------------------------------
@dataclass
class RedisHA:
    """The sentinels the environment names, and what a test does to them."""

    sentinels: list[tuple[str, int]]
    master_name: str

    @property
    def env(self) -> dict[str, str]:
        return {
            "REDIS_SENTINELS": ",".join(f"{h}:{p}" for h, p in self.sentinels),
            "REDIS_SENTINEL_MASTER": self.master_name,
        }

    def _sentinel(self):
        from redis.sentinel import Sentinel

        return Sentinel(self.sentinels, socket_timeout=2)

    def master_port(self) -> int:
        return self._sentinel().discover_master(self.master_name)[1]

    def replicated(self) -> None:
        """Wait until the replica has every write the master acknowledged (``WAIT``),
        so what the test wrote before a failover is a write Redis promised to keep."""
        master = self._sentinel().master_for(self.master_name, socket_timeout=10)
        assert master.wait(1, 5000) >= 1, "the replica did not acknowledge the writes"

    def fail_over(self, timeout: float = 30.0) -> float:
        """SIGKILL the master (a lost machine) and wait until the sentinels have
        promoted the replica; returns the seconds that took."""
        old = self.master_port()
        started = time.monotonic()
        services("redis-master-kill")
        while time.monotonic() - started < timeout:
            with contextlib.suppress(Exception):
                if self.master_port() != old:
                    return time.monotonic() - started
            time.sleep(0.2)
        pytest.fail(f"Sentinel did not promote a new master within {timeout}s")

    def restore(self) -> None:
        """The lost node comes back as a replica of the new master."""
        services("sentinel-start")


@pytest.fixture(scope="session")
def redis_ha() -> RedisHA:
    value = os.environ.get("REDIS_SENTINELS", "")
    master = os.environ.get("REDIS_SENTINEL_MASTER", "")
    hosts = []
    for item in filter(None, value.split(",")):
        host, _sep, port = item.rpartition(":")
        hosts.append((host, int(port)))
    if not hosts or not master or not all(_reachable(f"redis://{h}:{p}") for h, p in hosts):
        pytest.fail(
            f"Redis Sentinel is not running (REDIS_SENTINELS={value!r}, "
            f"REDIS_SENTINEL_MASTER={master!r}): run `make test-cluster`, or "
            "`scripts/services.sh sentinel-start` and `eval $(scripts/services.sh sentinel-env)`."
        )
    return RedisHA(hosts, master)


@pytest.fixture
def failover(redis_ha):
    """A test that kills the master gets the lost node back afterwards."""
    yield redis_ha
    redis_ha.restore()


# ---------------------------------------------------------------------------
# Two application hosts
# ---------------------------------------------------------------------------
@dataclass
class AppHost:
    name: str
    port: int
    process: subprocess.Popen | None = None
    log: Path | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def session(self, user=None) -> requests.Session:
        """A browser on this host, signed in as ``user`` (a session row in the shared
        database, so it is valid on every host). Its requests carry the site's host
        name, as a load balancer in front of both hosts passes it."""
        browser = requests.Session()
        browser.headers["Host"] = SITE_HOST
        if user is not None:
            client = Client()
            client.force_login(user)
            name = settings.SESSION_COOKIE_NAME
            browser.cookies.set(name, client.cookies[name].value)
        return browser

    def get(self, browser: requests.Session, path: str) -> requests.Response:
        return browser.get(f"{self.base_url}{path}", allow_redirects=False, timeout=30)

    def post(
        self, browser: requests.Session, path: str, data: dict, *, form_page: str
    ) -> requests.Response:
        """A form POST with the CSRF token the form's page handed this browser."""
        if "csrftoken" not in browser.cookies:
            browser.get(f"{self.base_url}{form_page}", timeout=30)
        data = {**data, "csrfmiddlewaretoken": browser.cookies.get("csrftoken", "")}
        return browser.post(f"{self.base_url}{path}", data=data, allow_redirects=False, timeout=30)

    def reply(self, browser: requests.Session, topic_id: int, body: str) -> int:
        """Reply in a topic; the id of the acknowledged post (the 302 names it)."""
        response = self.post(
            browser,
            f"/forums/t/{topic_id}/reply/",
            {"body": body},
            form_page=f"/forums/t/{topic_id}/",
        )
        assert response.status_code == 302, (self.name, response.status_code, response.text[:500])
        return int(re.search(r"#post-(\d+)", response.headers["Location"]).group(1))

    def health(self) -> dict:
        with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=30) as response:  # noqa: S310
            return json.loads(response.read())

    def wait_until(self, check, what: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            with contextlib.suppress(Exception):
                last = self.health()
                if check(last):
                    return
            time.sleep(0.3)
        pytest.fail(f"{self.name}: {what} not within {timeout}s (last /healthz: {last})")

    def log_tail(self) -> str:
        if self.log is None or not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-40:])


def _host_env(db: dict, redis_ha: RedisHA, work: Path, prefix: str) -> dict[str, str]:
    search_url = os.environ.get("ELASTICSEARCH_CLUSTER_URL") or os.environ.get(
        "ELASTICSEARCH_URL", ""
    )
    origins = ",".join(f"http://127.0.0.1:{port}" for port in APP_PORTS)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "REDIS_", "PYTEST_", "RATE_LIMIT", "SEARCH_"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "tests.cluster.settings",
            "SECRET_KEY": settings.SECRET_KEY,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CSRF_TRUSTED_ORIGINS": origins,
            "SITE_URL": f"http://127.0.0.1:{APP_PORTS[0]}",
            # The pytest database, through the same address as the tests (PgBouncer
            # under make test-cluster); connections are not kept, so the database can
            # be dropped at the end.
            "DATABASE_URL": (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            ),
            "DB_POOL_MAX_SIZE": "0",
            "CONN_MAX_AGE": "0",
            **redis_ha.env,
            "CACHE_KEY_PREFIX": prefix,
            "CHANNEL_LAYER_PREFIX": prefix,
            "ELASTICSEARCH_URL": search_url,
            "SEARCH_INDEX_PREFIX": prefix,
            "RATE_LIMIT_SEARCH": SEARCH_RATE,
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_ROOT": str(work / "static"),
            "MEDIA_ROOT": str(work / "media"),
            "PRIVATE_MEDIA_ROOT": str(work / "private-media"),
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


@pytest.fixture(scope="session")
def app_hosts(django_db_setup, redis_ha):
    """Two uvicorn servers (one worker each) on their own ports, with production
    settings, sharing the test database, the Redis behind Sentinel and Elasticsearch."""
    from django.db import connection

    prefix = f"test_hosts_{os.getpid()}"
    work = Path(tempfile.mkdtemp(prefix="pc-cluster-hosts-"))
    env = _host_env(connection.settings_dict, redis_ha, work, prefix)
    hosts = [AppHost("host A", APP_PORTS[0]), AppHost("host B", APP_PORTS[1])]
    if env["ELASTICSEARCH_URL"]:
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", "search_index", "--rebuild", "--no-progress"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            timeout=300,
        )
    try:
        for host in hosts:
            if _reachable(host.base_url):
                pytest.fail(f"port {host.port} is taken; set CLUSTER_APP_PORT")
            host.log = work / f"{host.name.replace(' ', '-')}.log"
            host.process = subprocess.Popen(  # noqa: S603
                [
                    str(ROOT / ".venv" / "bin" / "uvicorn"),
                    "config.asgi:application",
                    "--host=127.0.0.1",
                    f"--port={host.port}",
                    "--workers=1",
                    "--no-access-log",
                    "--lifespan=off",
                ],
                cwd=ROOT,
                env=env,
                stdout=host.log.open("ab"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        for host in hosts:
            host.wait_until(lambda report: report["database"] == "ok", "ready", timeout=180)
        yield hosts
    finally:
        for host in hosts:
            stop_process_group(host.process)
        if env["ELASTICSEARCH_URL"]:
            from elasticsearch import Elasticsearch

            with contextlib.suppress(Exception):
                admin = Elasticsearch(env["ELASTICSEARCH_URL"].split(","), request_timeout=30)
                names = list(admin.indices.get(index=f"{prefix}*", allow_no_indices=True))
                if names:
                    admin.indices.delete(index=",".join(names), ignore_unavailable=True)
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def host_logs(app_hosts, request):
    """The hosts' last log lines, shown when a test fails."""
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for host in app_hosts:
            sys.stderr.write(f"----- {host.name} log -----\n{host.log_tail()}\n")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# ---------------------------------------------------------------------------
# A page's script that follows a topic
# ---------------------------------------------------------------------------
@dataclass
class Follower:
    """What ``forum-live.js`` does, in a thread: follow a topic on one host, reconnect
    after any close and resume from the last post id seen (``tests.bench.stack``)."""

    host: AppHost
    topic_id: int
    session: str
    stats: WatchStats = field(default_factory=WatchStats)

    def __post_init__(self) -> None:
        self._stop = asyncio.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.run_until_complete(
            watch_topic(
                base_url=self.host.base_url,
                topic_id=self.topic_id,
                session=self.session,
                stop=self._stop,
                stats=self.stats,
                client_id=0,
            )
        )

    def start(self) -> Follower:
        """Once the topic's opening post has been replayed to the socket, which the
        consumer does after joining the topic's groups."""
        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.seen and time.monotonic() < deadline:
            time.sleep(0.1)
        assert self.seen, f"the socket never caught up ({self.stats})"
        return self

    @property
    def seen(self) -> set[int]:
        return set(self.stats.seen.get(0, ()))

    def wait_for(self, ids: set[int], timeout: float = 30.0) -> set[int]:
        """The ids of ``ids`` still not received after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not ids <= self.seen:
            time.sleep(0.2)
        return ids - self.seen

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(timeout=15)


@pytest.fixture
def follow():
    followers: list[Follower] = []

    def start(host: AppHost, topic_id: int, browser: requests.Session) -> Follower:
        follower = Follower(host, topic_id, browser.cookies[settings.SESSION_COOKIE_NAME])
        followers.append(follower)
        return follower.start()

    yield start
    for follower in followers:
        follower.stop()
