"""Fault benchmark: Elasticsearch and Redis fail under a light load; nothing is lost.

    .venv/bin/python tests/bench/bench_faults.py      (or: make bench-faults)

On its own production-like stack (``tests/bench/stack.py``) a light load runs
throughout: anonymous readers of the case-study listing, case-study pages and the
search page; signed-in members who reply in a watched topic and open new topics (each
carrying a unique word, so search can find it later); WebSocket clients following the
watched topic, which reconnect and resume from the last post id they saw. The phases:

1. ``baseline``                 everything up;
2. ``elasticsearch_down``       the cluster is killed: search must fall back to the
                                database (200s), posting must still work;
3. ``elasticsearch_restarting`` it starts again (about a minute), then
                                ``manage.py search_index --catch-up`` replays the
                                updates it missed;
4. ``redis_down``               Redis is shut down: the cache and channel layer are gone;
                                posting must still work and no post may be lost;
5. ``redis_back``               Redis returns; WebSocket clients catch up.

With ``BENCH_CLUSTER=1`` (``make bench-faults-cluster``) the stack is the scaled-out one
(``Stack(cluster=True)``: three Elasticsearch nodes, Redis behind Sentinel, PgBouncer in
transaction mode) and the phases are those of a cluster losing a machine:

1. ``baseline``           everything up;
2. ``es_node_killed``     Elasticsearch node 1 is SIGKILLed: search must still answer
                          from the two others, posts must still be indexed;
3. ``es_node_back``       it starts again and rejoins (the phase lasts until it has);
4. ``redis_failover``     the Redis master is SIGKILLed: Sentinel promotes the replica,
                          the cache and the channel layer follow it, sockets resume;
5. ``redis_node_back``    the lost node returns as a replica;
6. ``pgbouncer_restart``  PgBouncer is stopped and started again under the load.

Figures go to ``reports/bench-faults-cluster.json``.

Counted at the end: posts acknowledged (302) vs posts stored vs new topics found by
Elasticsearch after catch-up, and posts each WebSocket client never received; errors
per phase. ``lost`` (acknowledged but not stored, or not found by search) must be 0.
Figures go to ``reports/bench-faults.json``; the exit status is non-zero if anything
was lost.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import sys
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import summary_ms, write_report  # noqa: E402
from stack import Stack, WatchStats, watch_topic  # noqa: E402

PHASE_SECONDS = int(os.environ.get("BENCH_PHASE_SECONDS", "20"))
CLUSTER = os.environ.get("BENCH_CLUSTER", "0") == "1"
POSTERS = 3
READERS = 2
WATCHERS = 6
SEARCH_TERMS = ["migration", "remittances", "diaspora", "skills"]

_COUNT = """
import json
from django.db.models import Q
from forums.models import Post, Topic
from search.backends import get_client
from search.indexing import alias_name

data = json.loads(DATA)
stored = Post.objects.filter(body__contains=data["run"]).count()
topics = Topic.objects.filter(title__contains=data["run"])
client = get_client()
client.indices.refresh(index=alias_name("topic"))
found = 0
for title in topics.values_list("title", flat=True):
    token = title.split()[-1]
    found += client.count(index=alias_name("topic"), query={"match": {"title": token}})["count"] > 0
print(json.dumps({"stored": stored, "topics_stored": topics.count(), "topics_found": found}))
"""


class Load:
    """The light load, with every outcome counted against the phase it happened in."""

    def __init__(self, stack: Stack) -> None:
        self.stack = stack
        self.targets = stack.targets
        self.phase = "baseline"
        self.run = "fb" + uuid.uuid4().hex[:10]
        self.sequence = 0
        self.reads: dict[str, Counter] = defaultdict(Counter)
        self.read_times: dict[str, list[float]] = defaultdict(list)
        self.posts: dict[str, Counter] = defaultdict(Counter)
        self.acknowledged_replies: list[int] = []
        self.acknowledged_topics: list[int] = []
        self.stop = asyncio.Event()

    def _session(self, email: str):
        import requests

        session = requests.Session()
        session.get(f"{self.stack.base_url}/accounts/login/", timeout=30)
        response = session.post(
            f"{self.stack.base_url}/accounts/login/",
            data={
                "login": email,
                "password": self.targets["password"],
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302:
            raise RuntimeError(f"could not sign in {email}: {response.status_code}")
        return session

    def _read(self) -> None:
        import requests

        choice = random.random()
        if choice < 0.3:
            name, url = "listing", self.targets["listing"]
        elif choice < 0.6:
            name, url = "case-study page", random.choice(self.targets["details"])
        else:
            term = random.choice(SEARCH_TERMS)
            name, url = "search page", f"/search/?q={term}"
        phase, started = self.phase, time.perf_counter()
        try:
            status = requests.get(f"{self.stack.base_url}{url}", timeout=30).status_code
        except requests.RequestException:
            status = "no answer"
        self.read_times[name].append(time.perf_counter() - started)
        self.reads[phase]["ok" if status == 200 else f"{name}: {status}"] += 1

    def _post(self, session) -> None:
        import requests

        self.sequence += 1
        word = f"{self.run}n{self.sequence}"
        phase = self.phase
        topic = self.targets["topics"][0]
        new_topic = self.sequence % 2 == 0
        if new_topic:
            url = f"/forums/c/{self.targets['categories'][0]}/new/"
            data = {"title": f"Fault bench {word}", "body": f"Opening post {word}."}
        else:
            url = f"/forums/t/{topic['id']}/reply/"
            data = {"body": f"A reply under faults, {word}."}
        data["csrfmiddlewaretoken"] = session.cookies.get("csrftoken", "")
        try:
            response = session.post(
                f"{self.stack.base_url}{url}", data=data, allow_redirects=False, timeout=30
            )
        except requests.RequestException:
            self.posts[phase]["no answer"] += 1
            return
        if response.status_code != 302:
            self.posts[phase][f"status {response.status_code}"] += 1
            return
        self.posts[phase]["acknowledged"] += 1
        location = response.headers["Location"]
        if new_topic:
            self.acknowledged_topics.append(int(re.search(r"/t/(\d+)", location).group(1)))
        else:
            self.acknowledged_replies.append(int(re.search(r"#post-(\d+)", location).group(1)))

    async def reader(self) -> None:
        while not self.stop.is_set():
            await asyncio.to_thread(self._read)
            await asyncio.sleep(random.uniform(0.3, 1.0))

    async def poster(self, email: str) -> None:
        session = await asyncio.to_thread(self._session, email)
        while not self.stop.is_set():
            await asyncio.to_thread(self._post, session)
            # Six posts a minute: under the limit of 12, even with retries.
            await asyncio.sleep(random.uniform(8.0, 11.0))


async def drive(stack: Stack) -> tuple[Load, WatchStats, dict]:
    load = Load(stack)
    ws = WatchStats()
    watched = stack.targets["topics"][0]["id"]
    tasks = [asyncio.create_task(load.reader()) for _ in range(READERS)]
    tasks += [asyncio.create_task(load.poster(e)) for e in stack.targets["posters"][:POSTERS]]
    tasks += [
        asyncio.create_task(
            watch_topic(
                base_url=stack.base_url,
                topic_id=watched,
                session=stack.targets["sessions"][i],
                stop=load.stop,
                stats=ws,
                client_id=i,
            )
        )
        for i in range(WATCHERS)
    ]
    timings: dict[str, float] = {}

    async def phase(name: str, action=None, *, hold: int = PHASE_SECONDS) -> None:
        load.phase = name
        started = time.monotonic()
        if action is not None:
            await asyncio.to_thread(action)
        await asyncio.sleep(hold)
        timings[name] = round(time.monotonic() - started, 1)

    def catch_up() -> None:
        stack.start_services()
        stack.manage("search_index", "--catch-up", capture=True)

    await phase("baseline")
    if stack.cluster:
        await phase("es_node_killed", lambda: stack.services("es-node-stop", "1"))
        await phase("es_node_back", lambda: stack.services("es-node-start", "1"), hold=5)
        await phase("redis_failover", lambda: stack.services("redis-master-kill"))
        await phase("redis_node_back", lambda: stack.services("sentinel-start"), hold=5)
        await phase("pgbouncer_restart", lambda: stack.services("pgbouncer-restart"))
    else:
        await phase("elasticsearch_down", stack.stop_elasticsearch)
        await phase("elasticsearch_restarting", catch_up, hold=5)
        await phase("redis_down", stack.stop_redis)
        await phase("redis_back", stack.start_services)
    load.stop.set()
    await asyncio.gather(*tasks)
    return load, ws, timings


def main() -> int:
    stack = Stack(workers=int(os.environ.get("BENCH_WORKERS", "2")), cluster=CLUSTER)
    started = time.monotonic()
    try:
        stack.start_services()
        stack.prepare()
        stack.serve()
        load, ws, timings = asyncio.run(drive(stack))
        # Updates that failed while Redis was away (none expected) are replayed too.
        stack.manage("search_index", "--catch-up", capture=True)
        data = json.dumps({"run": load.run})
        counted = json.loads(
            stack.manage("shell", "-c", f"DATA={data!r}\n" + _COUNT, capture=True)
            .strip()
            .splitlines()[-1]
        )
        written = len(load.acknowledged_replies) + len(load.acknowledged_topics)
        missed_by_ws = {
            client: len(set(load.acknowledged_replies) - seen) for client, seen in ws.seen.items()
        }
        lost_posts = max(0, written - counted["stored"])
        lost_in_search = len(load.acknowledged_topics) - counted["topics_found"]
        figures = {
            "setup": {
                "stack": (
                    "3 Elasticsearch nodes, Redis master + replica + 3 sentinels, PgBouncer"
                    if stack.cluster
                    else "1 Elasticsearch node, 1 Redis"
                ),
                "asgi_workers": stack.workers,
                "readers": READERS,
                "posters": POSTERS,
                "websocket_clients": WATCHERS,
                "phase_seconds": timings,
            },
            "posts": {
                "acknowledged": written,
                "stored": counted["stored"],
                "topics_acknowledged": len(load.acknowledged_topics),
                "topics_found_by_search_after_catch_up": counted["topics_found"],
                "lost": lost_posts + lost_in_search,
                "posts_lost": lost_posts,
                "index_updates_lost": lost_in_search,
            },
            "errors_per_phase": {
                phase: {
                    "reads": dict(load.reads[phase]),
                    "posts": dict(load.posts[phase]),
                }
                for phase in timings
            },
            "read_latency": {name: summary_ms(t) for name, t in load.read_times.items()},
            "websocket": {
                "connects": ws.connects,
                "failed_connects": ws.failed_connects,
                "drops": ws.drops,
                "delivered_live": ws.live,
                "delivered_on_resume": ws.replayed,
                "duplicates": ws.duplicates,
                "replies_never_received_per_client": missed_by_ws,
            },
        }
        figures["posts"]["websocket_missed"] = sum(missed_by_ws.values())
        write_report("faults-cluster" if stack.cluster else "faults", figures)
        failed = figures["posts"]["lost"] or figures["posts"]["websocket_missed"]
        return 1 if failed else 0
    finally:
        stack.shutdown()
        print(f"total wall time {time.monotonic() - started:.0f}s", file=sys.stderr)  # noqa: T201


if __name__ == "__main__":
    raise SystemExit(main())
