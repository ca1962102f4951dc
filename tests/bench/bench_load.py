"""Load benchmark: the whole site under a mixed crowd, on its own production-like stack.

    .venv/bin/python tests/bench/bench_load.py      (or: make bench-load)

Starts a private PostgreSQL, Redis and Elasticsearch (``tests/bench/stack.py``, never the
shared services), seeds the demo content, builds the search index and serves the app
with uvicorn (``BENCH_WORKERS`` ASGI workers, production settings over HTTP). Then, for
``BENCH_DURATION`` seconds:

- locust (headless, this same file is its locustfile) runs anonymous readers of the
  case-study listing, case-study pages, the search page and forum topics, plus a few
  signed-in members replying in public topics (each under the 12-posts-a-minute limit);
- alongside, WebSocket clients follow the topics being replied to and time each new
  post from its creation to its arrival.

Figures (requests/s, p50/p95/p99 and errors per endpoint, WebSocket delivery) are
printed and written to ``reports/bench-load.json``. The whole run stays under five
minutes; ``BENCH_LABEL`` names the run in the report (e.g. "before"/"after").
"""

from __future__ import annotations

import json
import os
import random

if __name__ != "__main__":
    # Loaded by locust as its locustfile: only the simulated users live here.
    from locust import HttpUser, between, task

    _TARGETS = json.loads(open(os.environ["BENCH_TARGETS"]).read())  # noqa: SIM115, PTH123
    _SEARCH_TERMS = [
        "migration",
        "remittances",
        "diaspora",
        "skills recognition",
        "labour mobility",
        "return and reintegration",
        "local authority",
        "climate",
    ]
    _posters = iter(_TARGETS["posters"])

    class Reader(HttpUser):
        """An anonymous visitor browsing good practice and the forums."""

        weight = 10
        wait_time = between(0.5, 2.0)

        @task(3)
        def listing(self) -> None:
            self.client.get(_TARGETS["listing"], name="case-study listing")

        @task(5)
        def detail(self) -> None:
            self.client.get(random.choice(_TARGETS["details"]), name="case-study page")

        @task(3)
        def search(self) -> None:
            term = random.choice(_SEARCH_TERMS)
            self.client.get("/search/", params={"q": term}, name="search page")

        @task(2)
        def topic(self) -> None:
            topic = random.choice(_TARGETS["topics"])
            self.client.get(topic["url"], name="forum topic")

    class Poster(HttpUser):
        """A signed-in member replying in public topics, under the posting limit."""

        fixed_count = min(4, len(_TARGETS["posters"]))
        wait_time = between(5.5, 8.0)

        def on_start(self) -> None:
            self.email = next(_posters)
            # A worker still warming up may time out: try a few times, as a person would.
            for _attempt in range(3):
                self.client.get("/accounts/login/", name="sign-in form")
                with self.client.post(
                    "/accounts/login/",
                    data={
                        "login": self.email,
                        "password": _TARGETS["password"],
                        "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                    },
                    name="sign in",
                    allow_redirects=False,
                    catch_response=True,
                ) as response:
                    if response.status_code == 302:
                        response.success()
                        return
                    response.failure(f"sign-in answered {response.status_code}")

        @task
        def reply(self) -> None:
            topic = random.choice(_TARGETS["topics"][:3])
            with self.client.post(
                f"/forums/t/{topic['id']}/reply/",
                data={
                    "body": f"Bench reply from {self.email}: what worked for us was "
                    "a joint training with the local authority.",
                    "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
                },
                name="forum reply",
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code == 302:
                    response.success()
                else:
                    response.failure(f"reply answered {response.status_code}")


def _locust_figures(csv_prefix: str) -> tuple[dict, dict]:
    import csv

    endpoints, total = {}, {}
    with open(f"{csv_prefix}_stats.csv", newline="") as fh:  # noqa: PTH123
        for row in csv.DictReader(fh):
            count = int(row["Request Count"])
            figures = {
                "requests": count,
                "failures": int(row["Failure Count"]),
                "error_rate": round(int(row["Failure Count"]) / count, 4) if count else 0.0,
                "rps": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"]) if count else None,
                "p95_ms": float(row["95%"]) if count else None,
                "p99_ms": float(row["99%"]) if count else None,
            }
            if row["Name"] == "Aggregated":
                total = figures
            else:
                endpoints[row["Name"]] = figures
    return endpoints, total


def main() -> int:
    import asyncio
    import subprocess
    import sys
    import tempfile
    import time
    from pathlib import Path

    from harness import summary_ms, write_report
    from stack import ROOT, Stack, WatchStats, watch_topic

    duration = int(os.environ.get("BENCH_DURATION", "60"))
    users = int(os.environ.get("BENCH_USERS", "24"))
    ws_clients = int(os.environ.get("BENCH_WS_CLIENTS", "20"))
    stack = Stack(workers=int(os.environ.get("BENCH_WORKERS", "3")))
    started = time.monotonic()
    try:
        stack.start_services()
        targets = stack.prepare()
        stack.serve()
        setup_s = time.monotonic() - started
        work = Path(tempfile.mkdtemp(prefix="bench-load-"))
        targets_file = work / "targets.json"
        targets_file.write_text(json.dumps(targets))
        csv_prefix = str(work / "locust")
        locust = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                "-f",
                __file__,
                "--headless",
                f"--users={users}",
                f"--spawn-rate={max(1, users // 4)}",
                f"--run-time={duration}s",
                f"--host={stack.base_url}",
                f"--csv={csv_prefix}",
                "--only-summary",
                "--stop-timeout=5",
                "--loglevel=WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_TARGETS": str(targets_file)},
        )

        async def follow() -> WatchStats:
            stats = WatchStats()
            stop = asyncio.Event()
            replied = targets["topics"][:3]
            clients = [
                asyncio.create_task(
                    watch_topic(
                        base_url=stack.base_url,
                        topic_id=replied[i % len(replied)]["id"],
                        session=targets["sessions"][i % len(targets["sessions"])],
                        stop=stop,
                        stats=stats,
                        client_id=i,
                    )
                )
                for i in range(ws_clients)
            ]
            await asyncio.to_thread(locust.wait)
            stop.set()
            await asyncio.gather(*clients)
            return stats

        ws = asyncio.run(follow())
        endpoints, total = _locust_figures(csv_prefix)
        figures = {
            "label": os.environ.get("BENCH_LABEL", ""),
            "setup": {
                "asgi_workers": stack.workers,
                "locust_users": users,
                "duration_s": duration,
                "websocket_clients": ws_clients,
                "demo_case_studies": len(targets["details"]),
                "stack_setup_s": round(setup_s, 1),
            },
            "total": total,
            "endpoints": endpoints,
            "websocket": {
                "connects": ws.connects,
                "failed_connects": ws.failed_connects,
                "drops": ws.drops,
                "posts_delivered_live": ws.live,
                "duplicates": ws.duplicates,
                "delivery": summary_ms(ws.latencies_s),
            },
            "locust_exit_code": locust.returncode,
        }
        write_report("load", figures)
        return 0 if total.get("requests") else 1
    finally:
        stack.shutdown()
        print(f"total wall time {time.monotonic() - started:.0f}s", file=sys.stderr)  # noqa: T201


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
