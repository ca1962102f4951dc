"""Shared set-up for the benchmarks: a fresh PostgreSQL database, Django configured with
the test settings, timing helpers and the JSON report.

Benchmarks are plain scripts (``.venv/bin/python tests/bench/bench_x.py``) run by
``make bench``; they are not collected by pytest.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "reports"


def load_average() -> dict[str, float]:
    """The machine's load average (1, 5, 15 minutes): figures from a busy two-core
    machine mean little without it."""
    one, five, fifteen = os.getloadavg()
    return {"1m": round(one, 2), "5m": round(five, 2), "15m": round(fifteen, 2)}


# Every benchmark imports this module first thing, so this is the load it started under.
LOAD_AT_START = load_average()


def setup_django(*, database: str = "commons_bench", migrate: bool = True) -> None:
    """Point Django at a fresh database on the loopback PostgreSQL and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    base = os.environ.get(
        "DATABASE_URL", "postgres://commons:commons@127.0.0.1:25432/commons"
    ).rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/{database}"
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def percentile(values: list[float], pct: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary_ms(samples_s: list[float]) -> dict:
    ms = [s * 1000 for s in samples_s]
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2),
    }


@contextmanager
def stopwatch():
    result = {}
    start = time.perf_counter()
    yield result
    result["seconds"] = time.perf_counter() - start


def write_report(name: str, figures: dict) -> Path:
    REPORTS.mkdir(exist_ok=True)
    path = REPORTS / f"bench-{name}.json"
    payload = {
        "benchmark": name,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_at_start": LOAD_AT_START,
        "load_average_at_end": load_average(),
        **figures,
    }
    path.write_text(json.dumps(payload, indent=2) + "\n")
    print(json.dumps(payload, indent=2))  # noqa: T201 - a benchmark prints its figures
    print(f"written to {path}")  # noqa: T201
    return path


def run_benchmark(script: Path) -> int:
    """Run one benchmark script and stamp the load average at its start into each report
    it wrote (``scripts/bench.sh`` runs every benchmark this way), so that a benchmark
    that writes its JSON itself carries the load too; ``write_report`` stamps its own."""
    import subprocess

    load, started = load_average(), time.time()
    status = subprocess.call([sys.executable, str(script)])  # noqa: S603
    for path in REPORTS.glob("bench-*.json"):
        if path.stat().st_mtime < started:
            continue
        try:
            report = json.loads(path.read_text())
        except json.JSONDecodeError:
            continue
        if isinstance(report, dict) and "load_average_at_start" not in report:
            path.write_text(json.dumps({"load_average_at_start": load, **report}, indent=2) + "\n")
    return status


if __name__ == "__main__":
    raise SystemExit(run_benchmark(Path(sys.argv[1])))
