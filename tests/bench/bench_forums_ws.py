"""Live fan-out of forum posts: N WebSocket clients on one topic, Redis channel layer,
uvicorn on loopback.

Measures, for posts submitted over HTTP (the real reply form, session + CSRF):
- latency from the HTTP submit to the post's arrival at each client (p50/p95/p99) and
  to its arrival at *all* clients, with posts lost and delivered twice;
- sustained throughput: posts per second fully delivered and frames per second sent;
- the server's resident memory per open connection;
- what the disconnects leave behind: server errors (``MaxConnectionsError``) and
  channels still listed in the topic's Redis group.

The clients run in ``--client-procs`` processes of their own, apart from the process
that posts and measures, so client-side queueing is not in the figures (the clocks are
the system's monotonic clock, shared by all processes).

    .venv/bin/python tests/bench/bench_forums_ws.py [--clients 500] [--posts 30] [--burst 60]
        [--client-procs 4] [--layer local|pubsub|core]

Needs PostgreSQL and Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL; defaults are the test
services). The benchmark uses its own database (created and migrated if missing) and
Redis db 5. Writes reports/bench-forums-ws.json (``--out`` to change).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://commons:commons@127.0.0.1:25432/commons_forums_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:26379/5")
LAYERS = {
    "local": "forums.layers.LocalFanoutChannelLayer",
    "pubsub": "channels_redis.pubsub.RedisPubSubChannelLayer",
    "core": "channels_redis.core.RedisChannelLayer",
}
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DJANGO_DEBUG": "false",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CHANNEL_LAYER_PREFIX": "bench",
    "CACHE_KEY_PREFIX": "bench",
    "LOG_LEVEL": "WARNING",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "CONN_MAX_AGE": "60",
}
os.environ.update(ENV)
MARKER = re.compile(r"bench-marker-\d+")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def ensure_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def prepare(n_clients: int) -> tuple[int, list[str]]:
    """Migrate, create the members with sessions, and a topic; return the topic id and
    one session cookie value per member."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from community.models import User
    from forums.models import Category
    from forums.services import topic_create

    call_command("migrate", verbosity=0)
    users = []
    for i in range(n_clients):
        user, created = User.objects.get_or_create(
            email=f"bench{i}@bench.test", defaults={"handle": f"bench{i}"}
        )
        if created:
            user.set_unusable_password()
            user.save()
        users.append(user)
    sessions = []
    for user in users:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions.append(store.session_key)
    category, _ = Category.objects.get_or_create(slug="bench", defaults={"name": "Bench"})
    topic = topic_create(
        category=category,
        author=users[0],
        title=f"Bench {time.time():.0f}",
        body="Fan-out benchmark.",
        rate_limit=False,
    )
    return topic.pk, sessions


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss(pid: int) -> int:
    import psutil

    process = psutil.Process(pid)
    return process.memory_info().rss + sum(c.memory_info().rss for c in process.children())


class Poster:
    """Submits replies through the real HTTP form, as members (rotating, so the
    per-member posting limit is not what gets measured)."""

    def __init__(self, base: str, topic_id: int, sessions: list[str]):
        import requests

        self.base, self.topic_id = base, topic_id
        self.clients = []
        for key in sessions:
            http = requests.Session()
            http.cookies.set("sessionid", key)
            page = http.get(f"{base}/forums/t/{topic_id}/", timeout=30)
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
            self.clients.append((http, token))
        self.turn = 0
        self.lock = threading.Lock()

    def post(self, marker: str) -> float:
        with self.lock:
            http, token = self.clients[self.turn % len(self.clients)]
            self.turn += 1
        started = time.perf_counter()
        response = http.post(
            f"{self.base}/forums/t/{self.topic_id}/reply/",
            data={"csrfmiddlewaretoken": token, "body": marker},
            headers={"Referer": f"{self.base}/forums/", "Origin": self.base},
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302:
            raise RuntimeError(f"reply refused: {response.status_code} {response.text[:300]}")
        return started


def start_server(port: int, layer: str, log) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - fixed argv
        [
            sys.executable,
            "-m",
            "uvicorn",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--ws-max-queue",
            "256",
        ],
        cwd=ROOT,
        env={**ENV, "CHANNEL_LAYER_BACKEND": LAYERS[layer]},
        stdout=log,
        stderr=subprocess.STDOUT,
    )


# ---------------------------------------------------------------------------
# Client processes
# ---------------------------------------------------------------------------
def client_process(index: int, url: str, origin: str, sessions: list[str], out, stop) -> None:
    """Hold one socket per session; report ``("arrived", index, marker, times)`` once
    every socket of this process has a post, and ``("done", index, stats)`` at the end."""
    asyncio.run(_clients(index, url, origin, sessions, out, stop))


async def _clients(index: int, url: str, origin: str, sessions: list[str], out, stop) -> None:
    import websockets

    n = len(sessions)
    seen: dict[str, list[float]] = {}
    stats = {"received": 0, "duplicated": 0, "frames": 0, "errors": 0}
    ready = 0

    async def client(key: str) -> None:
        nonlocal ready
        mine: set[str] = set()
        try:
            async with websockets.connect(
                url,
                additional_headers={"Cookie": f"sessionid={key}", "Origin": origin},
                max_queue=None,
                open_timeout=120,
                ping_interval=None,
            ) as ws:
                ready += 1
                if ready == n:
                    out.put(("ready", index))
                async for raw in ws:
                    stats["frames"] += 1
                    if '"post.created"' not in raw:
                        continue
                    found = MARKER.search(json.loads(raw)["post"]["html"])
                    if not found:
                        continue
                    marker = found.group(0)
                    if marker in mine:
                        stats["duplicated"] += 1
                        continue
                    mine.add(marker)
                    stats["received"] += 1
                    times = seen.setdefault(marker, [])
                    times.append(time.perf_counter())
                    if len(times) == n:
                        out.put(("arrived", index, marker, times))
        except asyncio.CancelledError:
            raise
        except Exception:  # noqa: BLE001 - counted and reported
            stats["errors"] += 1

    tasks = []
    for key in sessions:
        tasks.append(asyncio.create_task(client(key)))
        await asyncio.sleep(0.002)
    await asyncio.get_running_loop().run_in_executor(None, stop.wait)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    out.put(("done", index, stats))


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------
def group_members_left(layer: str, topic_id: int) -> int | None:
    """Channels still listed in the topic's group in Redis after every client left
    (only the core layer keeps groups in Redis; the pub/sub layers keep them in-process)."""
    if layer != "core":
        return None
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        return client.zcard(f"bench:group:forums.topic.{topic_id}")
    finally:
        client.close()


def run(args, topic_id: int, sessions: list[str], server, port: int, log_path: Path) -> dict:
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.2)
    pool = ThreadPoolExecutor(max_workers=8)
    poster = Poster(base, topic_id, sessions[:40])
    time.sleep(1)
    rss_before = rss(server.pid)
    load_start = os.getloadavg()

    ctx = multiprocessing.get_context("spawn")
    out, stop = ctx.Queue(), ctx.Event()
    procs = min(args.client_procs, len(sessions))
    shares = [sessions[i::procs] for i in range(procs)]
    url = f"ws://127.0.0.1:{port}/ws/forums/topics/{topic_id}/"
    children = [
        ctx.Process(target=client_process, args=(i, url, base, share, out, stop), daemon=True)
        for i, share in enumerate(shares)
    ]
    connect_started = time.perf_counter()
    for child in children:
        child.start()
    arrivals: dict[str, list[float]] = {}
    complete: dict[str, int] = {}
    done: dict[int, dict] = {}

    def take(timeout: float) -> None:
        item = out.get(timeout=timeout)
        if item[0] == "arrived":
            _, _, marker, times = item
            arrivals.setdefault(marker, []).extend(times)
            complete[marker] = complete.get(marker, 0) + 1
        elif item[0] == "done":
            done[item[1]] = item[2]
        elif item[0] == "ready":
            complete["ready"] = complete.get("ready", 0) + 1

    def wait_for(key: str, within: float) -> bool:
        deadline = time.perf_counter() + within
        while complete.get(key, 0) < procs:
            left = deadline - time.perf_counter()
            if left <= 0:
                return False
            try:
                take(left)
            except queue.Empty:
                return False
        return True

    if not wait_for("ready", 300):
        raise TimeoutError("not every client connected")
    connect_seconds = time.perf_counter() - connect_started
    time.sleep(3)  # let the presence storm of the joins settle
    rss_after = rss(server.pid)
    n = len(sessions)
    late = []

    # 1. latency: one post at a time
    per_client, to_all = [], []
    for i in range(args.posts):
        marker = f"bench-marker-{i}"
        started = poster.post(marker)
        if not wait_for(marker, 30):
            late.append(marker)
            continue
        times = arrivals[marker]
        per_client.extend((t - started) * 1000 for t in times)
        to_all.append((max(times) - started) * 1000)

    # 2. sustained: a burst of posts from several members at once
    burst_seconds = float("nan")
    if args.burst:
        burst_started = time.perf_counter()
        markers = [f"bench-marker-{args.posts + i}" for i in range(args.burst)]
        list(pool.map(poster.post, markers))
        for marker in markers:
            if not wait_for(marker, 120):
                late.append(marker)
        burst_seconds = max(max(arrivals[m]) for m in markers if m in arrivals) - burst_started
    load_end = os.getloadavg()

    # 3. everyone leaves
    stop.set()
    deadline = time.perf_counter() + 120
    while len(done) < procs and time.perf_counter() < deadline:
        try:
            take(5)
        except queue.Empty:
            continue
    for child in children:
        child.join(timeout=30)
    pool.shutdown(wait=False)
    time.sleep(3)
    server_log = log_path.read_text(errors="replace")
    sent = args.posts + args.burst
    received = sum(s["received"] for s in done.values())
    delivered = args.burst * n
    return {
        "clients": n,
        "client_processes": procs,
        "channel_layer": LAYERS[args.layer],
        "server": "uvicorn (1 worker) on loopback",
        "connect_all_seconds": round(connect_seconds, 2),
        "latency_submit_to_client_ms": {
            "p50": round(percentile(per_client, 50), 1),
            "p95": round(percentile(per_client, 95), 1),
            "p99": round(percentile(per_client, 99), 1),
            "samples": len(per_client),
        },
        "latency_submit_to_all_clients_ms": {
            "p50": round(percentile(to_all, 50), 1),
            "p95": round(percentile(to_all, 95), 1),
            "p99": round(percentile(to_all, 99), 1),
            "mean": round(statistics.mean(to_all), 1) if to_all else None,
            "posts": len(to_all),
        },
        "delivery": {
            "posts": sent,
            "expected": sent * n,
            "received": received,
            "lost": sent * n - received,
            "duplicated": sum(s["duplicated"] for s in done.values()),
            "posts_not_at_every_client_in_time": late,
            "client_errors": sum(s["errors"] for s in done.values()),
        },
        "sustained": {
            "posts": args.burst,
            "seconds": round(burst_seconds, 2),
            "posts_per_second_delivered_to_all": round(args.burst / burst_seconds, 1),
            "frames_per_second_to_clients": round(delivered / burst_seconds, 0),
        },
        "server_rss_mb": {
            "before_connections": round(rss_before / 2**20, 1),
            "with_connections": round(rss_after / 2**20, 1),
            "per_connection_kb": round((rss_after - rss_before) / n / 1024, 1),
        },
        "after_disconnect": {
            "server_errors": server_log.count("Traceback"),
            "max_connections_errors": server_log.count("MaxConnectionsError"),
            "channels_left_in_redis_group": group_members_left(args.layer, topic_id),
        },
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_at_start": [round(x, 2) for x in load_start],
            "load_average_at_end": [round(x, 2) for x in load_end],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--burst", type=int, default=60)
    parser.add_argument("--client-procs", type=int, default=4)
    parser.add_argument("--layer", choices=sorted(LAYERS), default="local")
    parser.add_argument("--out", default=str(ROOT / "reports" / "bench-forums-ws.json"))
    args = parser.parse_args()
    ensure_database()
    topic_id, sessions = prepare(args.clients)
    port = free_port()
    with tempfile.NamedTemporaryFile("w+b", suffix=".log", delete=False) as log:
        server = start_server(port, args.layer, log)
        try:
            results = run(args, topic_id, sessions, server, port, Path(log.name))
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(results, indent=2))
    out = Path(args.out)
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
