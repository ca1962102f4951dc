"""Benchmark: import 10,000 inventory items, then query the API with 3 combined filters.

Run with the services up (PostgreSQL at least):

    DATABASE_URL=postgres://commons:commons@127.0.0.1:25432/commons_bench \\
        .venv/bin/python tests/bench/bench_inventory.py [--items 10000] [--requests 50]

It creates a throw-away test database (``test_<name>``), prints import rows/second, the
API's median and p95 latency, and the SQL queries per API page for two page sizes (which
must be equal: the count does not grow with the page size), and writes the figures to
``reports/bench-inventory.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)

FILTERS = {"country": "PH", "theme": "labour-migration", "kind": "course"}
DEFERRED_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def generate(n: int, rng: random.Random) -> list[dict]:
    from taxonomy.models import Audience, Country, Organisation, Region, Sector, Theme

    countries = list(Country.objects.values_list("code", flat=True))
    regions = list(Region.objects.values_list("code", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    sectors = list(Sector.objects.values_list("slug", flat=True))
    audiences = list(Audience.objects.values_list("slug", flat=True))
    providers = list(Organisation.objects.values_list("slug", flat=True))
    kinds = ["training_activity", "course", "tool", "handbook", "knowledge_product"]
    records = []
    for i in range(n):
        year = rng.randint(2015, 2028)
        records.append(
            {
                "external_id": f"bench-{i:05d}",
                "title": f"Generated training activity {i}",
                "kind": rng.choice(kinds),
                "status": rng.choice(["existing", "planned", "archived"]),
                "providers": rng.sample(providers, 1),
                "delivery_mode": rng.choice(["online", "face_to_face", "blended"]),
                "languages": rng.sample(["en", "fr", "es", "ar", "pt"], rng.randint(1, 2)),
                "target_countries": rng.sample(countries, rng.randint(0, 3)),
                "target_regions": rng.sample(regions, rng.randint(0, 1)),
                "sectors": rng.sample(sectors, 1),
                "themes": rng.sample(themes, rng.randint(1, 3)),
                "audiences": rng.sample(audiences, rng.randint(1, 2)),
                "start_date": f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                "end_date": None,
                "cohort_year": year,
                "certification": rng.random() < 0.4,
                "summary": "Generated for the benchmark.",
                "description": "",
                "replication_notes": "Reusable modules." if rng.random() < 0.5 else "",
                "replicable_components": ["module A"] if rng.random() < 0.5 else [],
                "cost_notes": "",
                "contact": "",
                "url": "",
            }
        )
    return records


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--explain", action="store_true", help="print the API query plan")
    args = parser.parse_args()

    from io import StringIO

    from tqdm import tqdm

    from inventory.services import inventory_import
    from taxonomy import demo as taxonomy_demo

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        taxonomy_demo.seed(stdout=StringIO())
        records = generate(args.items, random.Random(2026))  # noqa: S311 - test data
        payload = json.dumps(records).encode()

        def progress(iterable, total, desc):
            return tqdm(
                iterable, total=total, desc=str(desc), unit="row", file=sys.stderr, mininterval=5
            )

        # Indexing runs in the task worker in production (database task backend), not in
        # the import: record the enqueued tasks instead of running them, as there.
        load_at_start = os.getloadavg()[0]
        with override_settings(TASKS=DEFERRED_TASKS):
            started = time.perf_counter()
            result = inventory_import(fileobj=payload, fmt="json", progress=progress)
            import_seconds = time.perf_counter() - started
        rows_per_second = args.items / import_seconds

        client = Client()
        latencies = []
        params = {**FILTERS, "page_size": 20}
        first = client.get("/api/v1/inventory/", params)
        assert first.status_code == 200, first.content
        matches = first.json()["count"]
        for _ in range(args.requests):
            started = time.perf_counter()
            response = client.get("/api/v1/inventory/", params)
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        if args.explain:
            from inventory.selectors import item_filter

            filterset = item_filter(params=FILTERS)
            filterset.is_valid()
            print(filterset.qs.explain(analyze=True))
        queries = {}
        for size in (10, 100):
            reset_queries()
            with CaptureQueriesContext(connection) as ctx:
                client.get("/api/v1/inventory/", {**FILTERS, "page_size": size})
            queries[size] = len(ctx.captured_queries)

        figures = {
            "items": args.items,
            "import_seconds": round(import_seconds, 2),
            "import_rows_per_second": round(rows_per_second, 1),
            "import_result": result.summary(),
            "import_note": ("search indexing deferred to the task worker, as in production"),
            "load_average_at_start": load_at_start,
            "api_filters": FILTERS,
            "api_matches": matches,
            "api_requests": args.requests,
            "api_median_ms": round(statistics.median(latencies), 1),
            "api_p95_ms": round(percentile(latencies, 95), 1),
            "sql_queries_per_page": {str(k): v for k, v in queries.items()},
            "database": connection.vendor,
        }
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"Imported {args.items} items in {figures['import_seconds']} s: "
        f"{figures['import_rows_per_second']} rows/s"
    )
    print(
        f"API {FILTERS} ({matches} matches), {args.requests} requests: "
        f"median {figures['api_median_ms']} ms, p95 {figures['api_p95_ms']} ms"
    )
    print(f"SQL queries per API page: page_size=10 → {queries[10]}, page_size=100 → {queries[100]}")
    out = ROOT / "reports" / "bench-inventory.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print(f"Written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
