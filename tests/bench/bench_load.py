"""Load benchmark: the whole site under a mixed crowd, on its own production-like stack.

    .venv/bin/python tests/bench/bench_load.py      (or: make bench-load)

Starts a private PostgreSQL, Redis and Elasticsearch (``tests/bench/stack.py``, never the
shared services), seeds the demo content, builds the search index and serves the app
(production settings over HTTP) with ``BENCH_SERVER`` and ``BENCH_WORKERS`` workers. Then:

- **mix** (``BENCH_DURATION`` seconds, ``BENCH_USERS`` users): locust (headless, this same
  file is its locustfile) runs anonymous readers of the case-study listing, case-study
  pages, the search page and forum topics with 0.5–2 s of think time, plus a few signed-in
  members replying in public topics (each under the 12-posts-a-minute limit); alongside,
  WebSocket clients follow the topics being replied to and time each new post from its
  creation to its arrival.
- **capacity**: the same mix without think time, stepped up (``BENCH_CAPACITY_STEPS``
  readers, ``BENCH_STEP_DURATION`` seconds each) until p95 crosses 300 ms or more than
  1 % of requests fail; requests/s, p95/p99 per endpoint and the database connections in
  use are kept for every step, with the step where it breaks.

``BENCH_MODE`` is ``mix``, ``capacity`` or ``both`` (the default). ``BENCH_SERVER`` is one
server or a comma-separated list (``uvicorn``, ``daphne``, ``granian``, ``gunicorn+uvicorn``,
``granian-wsgi+uvicorn``; ``name:N`` overrides the workers), run one after the other on
the same database, ``BENCH_ROUNDS`` times interleaved, so a shared machine's load falls
on all of them alike. The first run is the headline; every run is under ``runs`` with
the load average at its start. Figures are printed and written to
``reports/bench-load.json``; ``BENCH_LABEL`` names the run (e.g. "before"/"after").
"""

from __future__ import annotations

import json
import os
import random

if __name__ != "__main__":
    # Loaded by locust as its locustfile: only the simulated users live here.
    from locust import HttpUser, between, constant, task

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

    class CapacityReader(Reader):
        """The same reader without think time: what the site serves flat out."""

        weight = 10
        wait_time = constant(0)

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


P95_LIMIT_MS = 300.0
ERROR_LIMIT = 0.01


def main() -> int:
    import asyncio
    import subprocess
    import sys
    import tempfile
    import threading
    import time
    from pathlib import Path

    from harness import load_average, summary_ms, write_report
    from stack import PG_PORT, ROOT, Stack, WatchStats, watch_topic

    mode = os.environ.get("BENCH_MODE", "both")
    duration = int(os.environ.get("BENCH_DURATION", "60"))
    users = int(os.environ.get("BENCH_USERS", "24"))
    ws_clients = int(os.environ.get("BENCH_WS_CLIENTS", "20"))
    steps = [
        int(n) for n in os.environ.get("BENCH_CAPACITY_STEPS", "1,2,4,8,16,32,48,64").split(",")
    ]
    step_duration = int(os.environ.get("BENCH_STEP_DURATION", "20"))
    servers = [s.strip() for s in os.environ.get("BENCH_SERVER", "uvicorn").split(",") if s]
    rounds = int(os.environ.get("BENCH_ROUNDS", "1"))
    default_workers = int(os.environ.get("BENCH_WORKERS", "3"))
    stack = Stack(workers=default_workers)
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    started = time.monotonic()

    def run_locust(
        *, name: str, classes: list[str], count: int, seconds: int, spawn_rate: int
    ) -> tuple:
        csv_prefix = str(work / name)
        locust = subprocess.Popen(  # noqa: S603
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                "-f",
                __file__,
                "--headless",
                f"--users={count}",
                f"--spawn-rate={spawn_rate}",
                f"--run-time={seconds}s",
                f"--host={stack.base_url}",
                f"--csv={csv_prefix}",
                "--only-summary",
                "--stop-timeout=5",
                "--loglevel=WARNING",
                *classes,
            ],
            cwd=ROOT,
            env={**os.environ, "BENCH_TARGETS": str(work / "targets.json")},
            stdout=subprocess.DEVNULL,
        )
        return locust, csv_prefix

    def warm_up() -> None:
        """Each worker renders each kind of page once before anything is timed."""
        import urllib.request

        urls = [
            targets["listing"],
            *targets["details"][:5],
            "/search/?q=migration",
            targets["topics"][0]["url"],
        ]
        for _ in range(stack.workers * 2):
            for url in urls:
                with urllib.request.urlopen(stack.base_url + url, timeout=60) as response:  # noqa: S310
                    response.read()

    def mix() -> dict:
        locust, csv_prefix = run_locust(
            name="mix",
            classes=["Reader", "Poster"],
            count=users,
            seconds=duration,
            spawn_rate=max(1, users // 4),
        )

        async def follow() -> WatchStats:
            stats = WatchStats()
            stop = asyncio.Event()
            replied = targets["topics"][:3]
            clients = [
                asyncio.create_task(
                    watch_topic(
                        base_url=stack.base_url,
                        ws_base_url=stack.ws_base_url,
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
        return {
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

    def db_connections(stop: threading.Event, peak: dict) -> None:
        """Sample the app's PostgreSQL connections: what the pool really needs."""
        import psycopg

        url = f"postgres://commons:commons@127.0.0.1:{PG_PORT}/postgres"
        query = (
            "SELECT count(*), count(*) FILTER (WHERE state = 'active') FROM pg_stat_activity "
            "WHERE datname = 'commons' AND pid <> pg_backend_pid()"
        )
        with psycopg.connect(url, autocommit=True) as conn:
            while not stop.wait(0.25):
                open_, active = conn.execute(query).fetchone()
                peak["open"] = max(peak.get("open", 0), open_)
                peak["active"] = max(peak.get("active", 0), active)

    def capacity() -> dict:
        posters = min(4, len(targets["posters"]))
        figures, last_good = [], None
        for readers in steps:
            stop, peak = threading.Event(), {}
            sampler = threading.Thread(target=db_connections, args=(stop, peak), daemon=True)
            sampler.start()
            load = load_average()
            locust, csv_prefix = run_locust(
                name=f"capacity-{readers}",
                classes=["CapacityReader", "Poster"],
                count=readers + posters,
                seconds=step_duration,
                spawn_rate=readers + posters,
            )
            locust.wait()
            stop.set()
            sampler.join()
            endpoints, total = _locust_figures(csv_prefix)
            step = {
                "readers": readers,
                "posters": posters,
                "load_average_at_start": load,
                "rps": total.get("rps"),
                "p50_ms": total.get("p50_ms"),
                "p95_ms": total.get("p95_ms"),
                "p99_ms": total.get("p99_ms"),
                "error_rate": total.get("error_rate"),
                "db_connections_peak": peak,
                "endpoints": endpoints,
            }
            figures.append(step)
            print(  # noqa: T201
                f"  capacity {readers:>3} readers: {step['rps']} req/s, p95 {step['p95_ms']} ms,"
                f" errors {step['error_rate']}, db {peak}, load {load['1m']}",
                file=sys.stderr,
            )
            broken = (total.get("p95_ms") or 0) > P95_LIMIT_MS or (
                total.get("error_rate") or 0
            ) > ERROR_LIMIT
            if broken:
                break
            last_good = step
        return {
            "step_duration_s": step_duration,
            "p95_limit_ms": P95_LIMIT_MS,
            "error_limit": ERROR_LIMIT,
            "steps": figures,
            "breaks_at_readers": figures[-1]["readers"] if figures[-1] is not last_good else None,
            "capacity_rps": last_good["rps"] if last_good else 0.0,
            "capacity_readers": last_good["readers"] if last_good else 0,
            "capacity_p95_ms": last_good["p95_ms"] if last_good else None,
        }

    runs, failed = [], []
    try:
        stack.start_services()
        targets = stack.prepare()
        (work / "targets.json").write_text(json.dumps(targets))
        setup_s = time.monotonic() - started
        for round_ in range(1, rounds + 1):
            for spec in servers:
                name, _, workers = spec.partition(":")
                stack.server_name = name
                stack.workers = int(workers) if workers else default_workers
                run = {"server": name, "workers": stack.workers, "round": round_}
                try:
                    stack.serve()
                    warm_up()
                    run["load_average_at_start"] = load_average()
                    print(  # noqa: T201
                        f"==> {spec}, round {round_}, load {run['load_average_at_start']}",
                        file=sys.stderr,
                    )
                    if mode in ("mix", "both"):
                        run["mix"] = mix()
                    if mode in ("capacity", "both"):
                        run["capacity"] = capacity()
                    runs.append(run)
                except (RuntimeError, OSError) as exc:
                    # One server that does not come up must not cost the others' figures.
                    print(f"==> {spec}, round {round_}: {exc}", file=sys.stderr)  # noqa: T201
                    failed.append({**run, "error": str(exc)})
                finally:
                    stack.stop_server()
        if not runs:
            print(f"no server ran: {failed}", file=sys.stderr)  # noqa: T201
            return 1
        headline = runs[0]
        figures = {
            "label": os.environ.get("BENCH_LABEL", ""),
            "setup": {
                "server": headline["server"],
                "workers": headline["workers"],
                "locust_users": users,
                "duration_s": duration,
                "websocket_clients": ws_clients,
                "demo_case_studies": len(targets["details"]),
                "stack_setup_s": round(setup_s, 1),
            },
            **headline.get("mix", {}),
            "capacity": headline.get("capacity"),
            "servers": _server_table(runs),
            "runs": runs,
            "failed_runs": failed,
        }
        write_report("load", figures)
        return 0 if runs else 1
    finally:
        stack.shutdown()
        print(f"total wall time {time.monotonic() - started:.0f}s", file=sys.stderr)  # noqa: T201


def _server_table(runs: list[dict]) -> list[dict]:
    """One line per run, the figures that choose a server side by side."""
    table = []
    for run in runs:
        mix, capacity = run.get("mix", {}), run.get("capacity") or {}
        table.append(
            {
                "server": run["server"],
                "workers": run["workers"],
                "round": run["round"],
                "load_1m_at_start": run["load_average_at_start"]["1m"],
                "mix_rps": mix.get("total", {}).get("rps"),
                "mix_p95_ms": mix.get("total", {}).get("p95_ms"),
                "mix_p99_ms": mix.get("total", {}).get("p99_ms"),
                "mix_errors": mix.get("total", {}).get("failures"),
                "ws_delivery_p95_ms": mix.get("websocket", {}).get("delivery", {}).get("p95_ms"),
                "capacity_rps": capacity.get("capacity_rps"),
                "capacity_readers": capacity.get("capacity_readers"),
                "breaks_at_readers": capacity.get("breaks_at_readers"),
                "db_connections_peak": max(
                    (s["db_connections_peak"].get("open", 0) for s in capacity.get("steps", [])),
                    default=None,
                ),
            }
        )
    return table


if __name__ == "__main__":
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
