"""Live fan-out of forum posts: N WebSocket clients on one topic, Redis channel layer,
uvicorn on loopback.

Measures, for posts submitted over HTTP (the real reply form, session + CSRF):
- latency from the HTTP submit to the post's arrival at each client (p50/p95/p99) and
  to its arrival at *all* clients;
- sustained throughput: posts per second fully delivered and frames per second sent;
- the server's resident memory per open connection.

    .venv/bin/python tests/bench/bench_forums_ws.py [--clients 500] [--posts 30] [--burst 60]

Needs PostgreSQL and Redis (DATABASE_URL, REDIS_URL; defaults are the test services).
The benchmark uses its own database (created and migrated if missing) and Redis db 5.
Writes reports/bench-forums-ws.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://commons:commons@127.0.0.1:55432/commons_forums_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:56379/5")
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


def percentile(values: list[float], q: float) -> float:
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


def start_server(port: int) -> subprocess.Popen:
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
        env=ENV,
    )


async def run(args, topic_id: int, sessions: list[str], server, port: int) -> dict:
    import websockets

    base = f"http://127.0.0.1:{port}"
    loop = asyncio.get_running_loop()
    pool = ThreadPoolExecutor(max_workers=8)
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                await asyncio.sleep(0.2)
        poster = await loop.run_in_executor(pool, Poster, base, topic_id, sessions[:40])
        await asyncio.sleep(1)
        rss_before = rss(server.pid)

        arrivals: dict[str, list[float]] = {}
        frames_total = 0
        connected = asyncio.Event()
        ready = 0

        async def client(key: str) -> None:
            nonlocal frames_total, ready
            async with websockets.connect(
                f"ws://127.0.0.1:{port}/ws/forums/topics/{topic_id}/",
                additional_headers={"Cookie": f"sessionid={key}", "Origin": base},
                max_queue=None,
                open_timeout=120,
                ping_interval=None,
            ) as ws:
                ready += 1
                if ready == len(sessions):
                    connected.set()
                async for raw in ws:
                    frames_total += 1
                    frame = json.loads(raw)
                    if frame.get("type") == "post.created":
                        marker = re.search(r"bench-marker-\d+", frame["post"]["html"])
                        if marker:
                            arrivals.setdefault(marker.group(0), []).append(time.perf_counter())

        connect_started = time.perf_counter()
        tasks = []
        for key in sessions:
            tasks.append(asyncio.create_task(client(key)))
            await asyncio.sleep(0.002)
        await asyncio.wait_for(connected.wait(), timeout=300)
        connect_seconds = time.perf_counter() - connect_started
        await asyncio.sleep(3)  # let the presence storm of the joins settle
        rss_after = rss(server.pid)
        n = len(sessions)

        async def wait_all(marker: str, within: float = 60) -> None:
            deadline = time.perf_counter() + within
            while len(arrivals.get(marker, [])) < n:
                if time.perf_counter() > deadline:
                    raise TimeoutError(f"{marker}: {len(arrivals.get(marker, []))}/{n} clients")
                await asyncio.sleep(0.005)

        # 1. latency: one post at a time
        per_client, to_all = [], []
        for i in range(args.posts):
            marker = f"bench-marker-{i}"
            started = await loop.run_in_executor(pool, poster.post, marker)
            await wait_all(marker)
            times = arrivals[marker]
            per_client.extend((t - started) * 1000 for t in times)
            to_all.append((max(times) - started) * 1000)

        # 2. sustained: a burst of posts from several members at once
        frames_before = frames_total
        burst_started = time.perf_counter()
        markers = [f"bench-marker-{args.posts + i}" for i in range(args.burst)]
        await asyncio.gather(
            *(loop.run_in_executor(pool, poster.post, marker) for marker in markers)
        )
        for marker in markers:
            await wait_all(marker, within=120)
        burst_seconds = max(max(arrivals[m]) for m in markers) - burst_started
        burst_frames = frames_total - frames_before

        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        pool.shutdown(wait=False)

    return {
        "clients": n,
        "channel_layer": "channels_redis.core.RedisChannelLayer",
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
            "mean": round(statistics.mean(to_all), 1),
            "posts": len(to_all),
        },
        "sustained": {
            "posts": args.burst,
            "seconds": round(burst_seconds, 2),
            "posts_per_second_delivered_to_all": round(args.burst / burst_seconds, 1),
            "frames_per_second_to_clients": round(burst_frames / burst_seconds, 0),
        },
        "server_rss_mb": {
            "before_connections": round(rss_before / 2**20, 1),
            "with_connections": round(rss_after / 2**20, 1),
            "per_connection_kb": round((rss_after - rss_before) / n / 1024, 1),
        },
        "machine": {"cpus": os.cpu_count()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500)
    parser.add_argument("--posts", type=int, default=30)
    parser.add_argument("--burst", type=int, default=60)
    args = parser.parse_args()
    ensure_database()
    topic_id, sessions = prepare(args.clients)
    port = free_port()
    server = start_server(port)
    try:
        results = asyncio.run(run(args, topic_id, sessions, server, port))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps(results, indent=2))
    out = ROOT / "reports" / "bench-forums-ws.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
