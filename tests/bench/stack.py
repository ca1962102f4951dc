"""A private, production-like stack for the load and fault benchmarks.

The shared services on the default ports are what seven other people run their tests
against, so a load test must never touch them: this module starts PostgreSQL, Redis
and Elasticsearch through ``scripts/services.sh`` with its own runtime directory and
ports, prepares a database (migrations, ``seed_demo``, bench members, static files,
the search index) and serves the app with uvicorn and several ASGI workers under
``tests.bench.settings`` (production over plain HTTP).

With ``cluster=True`` (the fault benchmark's cluster phases) the stack is the one the
README's "Scaling beyond one machine" describes: a three-node Elasticsearch cluster
instead of the single node, Redis behind Sentinel (a master, a replica, three sentinels)
and PgBouncer in transaction mode in front of PostgreSQL, every one on its own ports.

It also holds the WebSocket client the benchmarks share: it follows one topic, and on
any disconnect reconnects and resumes from the last post id it saw, as the page's
script does.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
SERVICES = str(ROOT / "scripts" / "services.sh")

logger = logging.getLogger("bench.stack")


def stop_process_group(process: subprocess.Popen | None, timeout: float = 20) -> None:
    """Stop a server started in its own process group (``start_new_session``): SIGTERM
    to the group, SIGKILL if it has not exited within ``timeout`` seconds."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# Ports away from the shared services (25432, 26379, 29200/29300) and the test cluster (29210+),
# all below the kernel's ephemeral range (32768+) so an outgoing connection can never hold them.
PG_PORT = int(os.environ.get("BENCH_PG_PORT", "25542"))
REDIS_PORT = int(os.environ.get("BENCH_REDIS_PORT", "26389"))
ES_PORT = int(os.environ.get("BENCH_ES_PORT", "29220"))
ES_TRANSPORT_PORT = int(os.environ.get("BENCH_ES_TRANSPORT_PORT", "29320"))
APP_PORT = int(os.environ.get("BENCH_APP_PORT", "8790"))
WS_PORT = int(os.environ.get("BENCH_WS_PORT", "8791"))
# Servers that run Django under WSGI for plain HTTP and one ASGI worker for the sockets.
SPLIT_SERVERS = ("gunicorn+uvicorn", "granian-wsgi+uvicorn")
WSGI_THREADS = int(os.environ.get("BENCH_WSGI_THREADS", "4"))
SERVICES_DIR = os.environ.get("BENCH_SERVICES_DIR", "/tmp/practice-commons-bench")  # noqa: S108
# The cluster stack, away from the test cluster's ports (29210+, 26401+, 26411+, 25632).
ES_CLUSTER_PORT = int(os.environ.get("BENCH_ES_CLUSTER_PORT", "29230"))
ES_CLUSTER_TRANSPORT_PORT = int(os.environ.get("BENCH_ES_CLUSTER_TRANSPORT_PORT", "29330"))
REDIS_HA_PORT = int(os.environ.get("BENCH_REDIS_HA_PORT", "26421"))
SENTINEL_PORT = int(os.environ.get("BENCH_SENTINEL_PORT", "26431"))
PGBOUNCER_PORT = int(os.environ.get("BENCH_PGBOUNCER_PORT", "25642"))
ES_NODES = 3
SENTINEL_MASTER = "bench-master"
POSTER_COUNT = 8
WATCHER_COUNT = 10
PASSWORD = "bench-password-2026"  # noqa: S105 - throwaway accounts on a throwaway database

# Run inside ``manage.py shell``: bench members (verified emails, so they can sign in),
# a logged-in session per watcher for the WebSocket clients, and what to request.
_PREPARE = """
import json
from allauth.account.models import EmailAddress
from django.test import Client
from community.models import User
from casestudies.models import CaseStudyIndexPage, CaseStudyPage
from forums.models import Category, Topic

from django.contrib.auth.hashers import make_password

HASHED = make_password(PASSWORD)  # once: hashing costs a second or more here

def member(email, handle):
    user, _ = User.objects.get_or_create(email=email, defaults={"handle": handle})
    user.password = HASHED
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True})
    return user

posters = [member(f"poster{i}@bench.test", f"poster{i}").email for i in range(POSTERS)]
sessions = []
for i in range(WATCHERS):
    client = Client()
    client.force_login(member(f"watcher{i}@bench.test", f"watcher{i}"))
    sessions.append(client.cookies["sessionid"].value)
topics = [t for t in Topic.objects.filter(
    category__group__isnull=True, locked=False, closed=False).order_by("pk")]
print(json.dumps({
    "listing": CaseStudyIndexPage.objects.live().first().url,
    "details": [p.url for p in CaseStudyPage.objects.live().public()],
    "topics": [{"id": t.pk, "url": t.get_absolute_url()} for t in topics],
    "categories": list(Category.objects.filter(group__isnull=True).values_list("slug", flat=True)),
    "posters": posters,
    "password": PASSWORD,
    "sessions": sessions,
}))
"""


def _schema_fingerprint() -> str:
    """Changes whenever a migration or the demo content changes."""
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(
        [
            *ROOT.glob("*/migrations/*.py"),
            *ROOT.glob("*/demo/**/*"),
            ROOT / "core" / "management" / "commands" / "seed_demo.py",
        ]
    ):
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


@dataclass
class Stack:
    """One private stack: services, database, app server."""

    workers: int = 3
    server_name: str = "uvicorn"
    es_heap: str = "512m"
    cluster: bool = False
    servers: list[subprocess.Popen] = field(default_factory=list)
    targets: dict = field(default_factory=dict)
    log_dir: Path = field(default_factory=lambda: Path(SERVICES_DIR + "-logs"))

    def __post_init__(self) -> None:
        # ``timeout`` and Ctrl-C must still stop the server and the services.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{APP_PORT}"

    def services_env(self) -> dict[str, str]:
        return {
            **os.environ,
            "SERVICES_DIR": SERVICES_DIR,
            "PG_PORT": str(PG_PORT),
            "REDIS_PORT": str(REDIS_PORT),
            "ES_PORT": str(ES_PORT),
            "ES_TRANSPORT_PORT": str(ES_TRANSPORT_PORT),
            "ES_JAVA_OPTS": f"-Xms{self.es_heap} -Xmx{self.es_heap}",
            "ES_SINGLE_NODE": "0" if self.cluster else "1",
            "ES_NODES": str(ES_NODES),
            "ES_CLUSTER_PORT": str(ES_CLUSTER_PORT),
            "ES_CLUSTER_TRANSPORT_PORT": str(ES_CLUSTER_TRANSPORT_PORT),
            "ES_CLUSTER_JAVA_OPTS": f"-Xms{self.es_heap} -Xmx{self.es_heap}",
            "REDIS_HA_PORT": str(REDIS_HA_PORT),
            "SENTINEL_PORT": str(SENTINEL_PORT),
            "SENTINEL_MASTER": SENTINEL_MASTER,
            "PGBOUNCER_PORT": str(PGBOUNCER_PORT),
        }

    def cluster_env(self) -> dict[str, str]:
        """Production settings on the cluster stack: nodes, sentinels, the pooler."""
        nodes = ",".join(f"http://127.0.0.1:{ES_CLUSTER_PORT + i}" for i in range(ES_NODES))
        return {
            "DATABASE_URL": f"postgres://commons:commons@127.0.0.1:{PGBOUNCER_PORT}/commons",
            "DB_DISABLE_SERVER_SIDE_CURSORS": "true",
            # Behind PgBouncer: no pool in the worker (README), connections checked
            # before reuse, so a restarted pooler costs at most the requests in flight.
            "DB_POOL_MAX_SIZE": "0",
            "CONN_MAX_AGE": "60",
            "REDIS_URL": "",
            "REDIS_SENTINELS": ",".join(f"127.0.0.1:{SENTINEL_PORT + i}" for i in range(3)),
            "REDIS_SENTINEL_MASTER": SENTINEL_MASTER,
            "ELASTICSEARCH_URL": nodes,
        }

    def app_env(self) -> dict[str, str]:
        """What production settings need, pointed at this stack."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.bench.settings",
            "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789abcdef",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://commons:commons@127.0.0.1:{PG_PORT}/commons",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "ELASTICSEARCH_URL": f"http://127.0.0.1:{ES_PORT}",
            "SEARCH_INDEX_PREFIX": "bench",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "STATIC_ROOT": str(self.log_dir / "static"),
            "MEDIA_ROOT": str(self.log_dir / "media"),
            "SITE_URL": self.base_url,
            # With sockets on their own port (WS_PORT) the handshake's Origin (the site)
            # differs from its Host, as behind a proxy: declared the way a deployment would.
            "CSRF_TRUSTED_ORIGINS": self.base_url,
            "LOG_LEVEL": "WARNING",
            **(self.cluster_env() if self.cluster else {}),
        }

    # -- services ------------------------------------------------------------
    def services(self, *args: str, check: bool = True) -> None:
        subprocess.run([SERVICES, *args], env=self.services_env(), check=check)  # noqa: S603

    def start_services(self) -> None:
        """Start (or start again) whatever of the three is not running."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.services("start")
        if self.cluster:
            self.services("es-cluster-start")
            self.services("sentinel-start")
            self.services("pgbouncer-start")

    def stop_services(self) -> None:
        if self.cluster:
            for command in ("pgbouncer-stop", "sentinel-stop", "es-cluster-stop"):
                self.services(command, check=False)
        self.services("stop", check=False)

    def stop_elasticsearch(self) -> None:
        """Kill this stack's Elasticsearch only (services.sh stops all three at once)."""
        pid_file = Path(SERVICES_DIR) / "elasticsearch" / "elasticsearch.pid"
        pid = int(pid_file.read_text().strip())
        os.kill(pid, signal.SIGTERM)
        for _ in range(60):
            if not Path(f"/proc/{pid}").exists():
                break
            time.sleep(1)
        pid_file.unlink(missing_ok=True)

    def stop_redis(self) -> None:
        subprocess.run(  # noqa: S603
            ["redis-cli", "-h", "127.0.0.1", "-p", str(REDIS_PORT), "shutdown", "nosave"],  # noqa: S607
            check=False,
            capture_output=True,
        )

    # -- database and app -----------------------------------------------------
    def manage(self, *args: str, capture: bool = False) -> str:
        result = subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.app_env(),
            check=True,
            capture_output=capture,
            text=True,
        )
        return result.stdout if capture else ""

    def prepare(self) -> dict:
        """A fresh database with the demo content, bench members and a full index."""
        import psycopg

        url = f"postgres://commons:commons@127.0.0.1:{PG_PORT}/postgres"
        template = f"bench_template_{_schema_fingerprint()}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "commons" WITH (FORCE)')
            have_template = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [template]
            ).fetchone()
            if have_template:
                conn.execute(f'CREATE DATABASE "commons" TEMPLATE "{template}" OWNER commons')
            else:
                conn.execute('CREATE DATABASE "commons" OWNER commons')
        if not have_template:
            # Migrating on a busy two-core machine takes minutes: do it once per schema
            # and clone the result (a PostgreSQL template) on later runs.
            self.manage("migrate", "-v0")
            self.manage("seed_demo", "-v0", capture=True)
            with psycopg.connect(url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{template}" TEMPLATE "commons" OWNER commons')
        self.manage("compilemessages", "-v0", "--ignore=.venv", "--ignore=.cache")
        self._collectstatic()
        self.manage("search_index", "--rebuild", "--no-progress", capture=True)
        code = (
            f"PASSWORD={PASSWORD!r}; POSTERS={POSTER_COUNT}; WATCHERS={WATCHER_COUNT}\n" + _PREPARE
        )
        out = self.manage("shell", "-c", code, capture=True)
        self.targets = json.loads(out.strip().splitlines()[-1])
        return self.targets

    def _collectstatic(self) -> None:
        """Hashing and compressing Wagtail's static files takes minutes here: only when
        the repository's static files or the locked dependencies changed."""
        digest = hashlib.sha1(usedforsecurity=False)
        for path in sorted([*ROOT.glob("static/**/*"), *ROOT.glob("*/static/**/*")]):
            if path.is_file() and ".venv" not in path.parts:
                digest.update(str(path.relative_to(ROOT)).encode())
                digest.update(path.read_bytes())
        digest.update((ROOT / "uv.lock").read_bytes())
        stamp = self.log_dir / "static" / ".bench-fingerprint"
        if stamp.exists() and stamp.read_text() == digest.hexdigest():
            return
        self.manage("collectstatic", "--noinput", "-v0")
        stamp.write_text(digest.hexdigest())

    @property
    def ws_base_url(self) -> str:
        """Where the WebSocket clients connect: the ASGI worker beside a WSGI server."""
        port = WS_PORT if self.server_name in SPLIT_SERVERS else APP_PORT
        return f"http://127.0.0.1:{port}"

    def server_commands(self) -> list[list[str]]:
        """The command lines of ``server_name``: one ASGI server for everything, or a
        WSGI server for plain HTTP plus one ASGI worker for the sockets (``WS_PORT``),
        which is how a proxy would split them (``/ws/`` to the ASGI service)."""
        bin_dir = ROOT / ".venv" / "bin"
        http = ["--host=127.0.0.1", f"--port={APP_PORT}"]
        uvicorn = [
            str(bin_dir / "uvicorn"),
            "config.asgi:application",
            "--no-access-log",
            "--lifespan=off",
            # A worker busy importing Django on a loaded machine is not dead.
            "--timeout-worker-healthcheck=60",
            "--timeout-graceful-shutdown=5",
        ]
        granian = [str(bin_dir / "granian"), "--log-level=warning", "--loop=uvloop"]
        socket_worker = [*uvicorn, "--host=127.0.0.1", f"--port={WS_PORT}", "--workers=1"]
        commands = {
            "uvicorn": [[*uvicorn, *http, f"--workers={self.workers}"]],
            "daphne": [
                [
                    str(bin_dir / "daphne"),
                    "-b",
                    "127.0.0.1",
                    "-p",
                    str(APP_PORT),
                    "--verbosity=0",
                    "config.asgi:application",
                ]
            ],
            "granian": [
                [
                    *granian,
                    "--interface=asgi",
                    *http,
                    f"--workers={self.workers}",
                    "config.asgi:application",
                ]
            ],
            "gunicorn+uvicorn": [
                [
                    str(bin_dir / "gunicorn"),
                    "config.wsgi:application",
                    f"--bind=127.0.0.1:{APP_PORT}",
                    f"--workers={self.workers}",
                    "--worker-class=gthread",
                    f"--threads={WSGI_THREADS}",
                    "--log-level=warning",
                ],
                socket_worker,
            ],
            "granian-wsgi+uvicorn": [
                [
                    *granian,
                    "--interface=wsgi",
                    *http,
                    f"--workers={self.workers}",
                    f"--blocking-threads={WSGI_THREADS}",
                    "config.wsgi:application",
                ],
                socket_worker,
            ],
        }
        if self.server_name not in commands:
            raise ValueError(f"BENCH_SERVER={self.server_name!r}: one of {sorted(commands)}")
        return commands[self.server_name]

    def serve(self) -> None:
        ports = [APP_PORT, WS_PORT] if self.server_name in SPLIT_SERVERS else [APP_PORT]
        for port in ports:
            if not _port_free(port):
                raise RuntimeError(f"port {port} is taken; set BENCH_APP_PORT/BENCH_WS_PORT")
        log = open(self.log_dir / "server.log", "ab")  # noqa: SIM115 - lives as long as the server
        self.servers = [
            subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=self.app_env(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for command in self.server_commands()
        ]
        deadline = time.monotonic() + 180
        pending = {self.base_url, self.ws_base_url}
        while pending and time.monotonic() < deadline:
            for url in list(pending):
                with contextlib.suppress(OSError):
                    with urllib.request.urlopen(f"{url}/healthz", timeout=5) as r:  # noqa: S310
                        if r.status == 200:
                            pending.discard(url)
            if pending:
                time.sleep(1)
        if pending:
            raise RuntimeError(f"{pending} did not answer /healthz; see {self.log_dir}/server.log")

    def stop_server(self) -> None:
        for server in self.servers:
            stop_process_group(server)
        self.servers = []

    def shutdown(self) -> None:
        self.stop_server()
        if os.environ.get("BENCH_KEEP_STACK") != "1":
            self.stop_services()


# -- WebSocket clients ------------------------------------------------------------
@dataclass
class WatchStats:
    connects: int = 0
    resyncs: int = 0
    failed_connects: int = 0
    drops: int = 0
    live: int = 0
    replayed: int = 0
    duplicates: int = 0
    latencies_s: list[float] = field(default_factory=list)
    seen: dict[int, set[int]] = field(default_factory=dict)


async def watch_topic(
    *,
    base_url: str,
    topic_id: int,
    session: str,
    stop: asyncio.Event,
    stats: WatchStats,
    client_id: int,
    ws_base_url: str | None = None,
) -> None:
    """Follow a topic until ``stop``; reconnect after any failure and resume from the
    last id seen, so every post reaches the client exactly once.

    ``ws_base_url`` is where the sockets are served when that is not the site itself (a
    WSGI server for HTTP beside an ASGI worker); the origin stays the site's."""
    import websockets

    url = (ws_base_url or base_url).replace("http://", "ws://") + f"/ws/forums/topics/{topic_id}/"
    seen = stats.seen.setdefault(client_id, set())
    last_id = 0
    while not stop.is_set():
        try:
            async with websockets.connect(
                url,
                origin=base_url,
                additional_headers={"Cookie": f"sessionid={session}"},
                open_timeout=10,
                ping_interval=None,
            ) as ws:
                stats.connects += 1
                await ws.send(json.dumps({"type": "resume", "last_id": last_id}))
                while not stop.is_set():
                    try:
                        raw = await asyncio.wait_for(ws.recv(), timeout=0.5)
                    except TimeoutError:
                        continue
                    frame = json.loads(raw)
                    if frame.get("type") == "resync":  # as the page does
                        stats.resyncs += 1
                        await ws.send(json.dumps({"type": "resume", "last_id": last_id}))
                        continue
                    if frame.get("type") != "post.created":
                        continue
                    post = frame["post"]
                    if post["id"] in seen:
                        stats.duplicates += 1
                        continue
                    seen.add(post["id"])
                    last_id = max(last_id, post["id"])
                    if frame.get("replay"):
                        stats.replayed += 1
                    else:
                        stats.live += 1
                        created = dt.datetime.fromisoformat(post["created_at"])
                        stats.latencies_s.append(
                            (dt.datetime.now(dt.UTC) - created).total_seconds()
                        )
            if not stop.is_set():
                stats.drops += 1
        except Exception as exc:  # noqa: BLE001 - any failure means: reconnect
            if stop.is_set():
                break
            stats.failed_connects += 1
            logger.debug("websocket %s: %s", client_id, exc)
            await asyncio.sleep(1)
