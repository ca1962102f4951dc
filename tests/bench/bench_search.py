"""Search benchmark: 50,000 generated documents on the real Elasticsearch node and on
the database fallback.

Measures the bulk indexing rate (documents/second), search p50/p95 through the Django
view and through the API for 20 varied queries with facets, related-items p95, and the
same on the database backend (as a ratio). Prints the figures and writes
reports/bench-search.json.

    DATABASE_URL=postgres://…/commons_search ELASTICSEARCH_URL=http://127.0.0.1:29200 \
        .venv/bin/python tests/bench/bench_search.py [--docs 50000]

It runs on a fresh database (tests/bench/harness.py) and removes its indexes at the end.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:29200")

from tests.bench.harness import percentile, setup_django, write_report  # noqa: E402

setup_django(database="commons_bench_search")

from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from elasticsearch import helpers  # noqa: E402

from search import backends, indexing  # noqa: E402
from search.documents import alias_name, index_body, new_index_name  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.registry import SearchDocument  # noqa: E402

WORDS = (
    "remittances diaspora labour migration skills recognition return reintegration "
    "integration climate mobility policy coherence data research urbanization fair "
    "recruitment bilateral agreements training course toolkit handbook local authority "
    "municipality corridor savings investment financial literacy women youth health "
    "education pension portability social protection border governance trafficking "
    "smuggling refugees displacement resilience adaptation employment entrepreneurship "
    "circular seasonal workers consular services digital inclusion partnership"
).split()
THEMES = [
    "remittances",
    "labour-migration",
    "diaspora-engagement",
    "skills-recognition",
    "data-research",
    "urbanization",
    "return-reintegration",
    "integration",
    "climate-mobility",
    "policy-coherence",
]
SECTORS = ["finance", "employment", "education", "health", "justice", "agriculture"]
LANGS = ["en", "fr", "es", "ar", "pt"]
QUERIES = [
    ("remittances", {}),
    ("labour migration", {"country": "PH"}),
    ("diaspora investment", {"theme": "diaspora-engagement"}),
    ("skills recognition training", {"language": "fr"}),
    ("return reintegration", {"region": "002"}),
    ("climate mobility adaptation", {"year": "2021"}),
    ("fair recruitment", {"type": "inventoryitem"}),
    ("social protection pension", {}),
    ("women entrepreneurship", {"sector": "finance"}),
    ("municipality integration", {"region": "150"}),
    ("seasonal workers", {"country": "MX"}),
    ("data research", {"type": "recommendation"}),
    ("consular services digital", {}),
    ("trafficking border governance", {"theme": "policy-coherence"}),
    ("youth education", {"language": "es", "year": "2019"}),
    ("remitances", {}),  # a typo: exercises "did you mean"
    ('"financial literacy" -youth', {}),
    ("", {"theme": "remittances", "country": "SN"}),
    ("savings corridor", {"region": "142", "sector": "finance"}),
    ("partnership toolkit handbook course", {"type": "inventoryitem", "language": "en"}),
]


def generate(n, rng, places):
    codes = list(places)
    for i in range(1, n + 1):
        type_name = "inventoryitem" if i % 4 else "recommendation"
        countries = rng.sample(codes, rng.randint(0, 3))
        regions = sorted({r for c in countries for r in places[c]})
        group_id = rng.randint(1, 50) if i % 20 == 0 else None
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 8))).capitalize()
        year = rng.randint(2005, 2025)
        yield SearchDocument(
            type=type_name,
            id=i,
            title=title,
            summary=" ".join(rng.choices(WORDS, k=20)),
            body=" ".join(rng.choices(WORDS, k=rng.randint(60, 200))),
            meta="bench",
            date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
            year=year,
            languages=rng.sample(LANGS, rng.randint(1, 2)),
            countries=countries,
            regions=regions,
            sectors=rng.sample(SECTORS, rng.randint(0, 2)),
            themes=rng.sample(THEMES, rng.randint(1, 3)),
            group_id=group_id,
            group_public=group_id is None or group_id % 2 == 0,
        )


def timed(fn, repeat=1):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def run_queries(client, path, rounds):
    samples = []
    for _ in range(rounds):
        for q, filters in QUERIES:
            params = {"q": q, **filters}
            start = time.perf_counter()
            response = client.get(path, params)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, params, response.status_code)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    from inventory.models import InventoryItem
    from taxonomy.models import Country, Sector, Theme

    for slug in THEMES:  # facet values must exist: the API answers 400 to unknown ones
        Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})
    for slug in SECTORS:
        Sector.objects.get_or_create(slug=slug, defaults={"name": slug.title()})

    prefix = f"bench_search_{os.getpid()}"
    search_settings = {
        **settings.SEARCH,
        "ELASTICSEARCH_URL": os.environ["ELASTICSEARCH_URL"],
        "INDEX_PREFIX": prefix,
        "TIMEOUT": 10.0,
    }
    rng = random.Random(2026)
    places = {
        c.code: [r.code for r in c.regions]
        for c in Country.objects.select_related("region", "subregion", "intermediate_region")
    }
    figures = {"documents": args.docs, "queries": len(QUERIES), "rounds": args.rounds}
    client = Client()
    with override_settings(SEARCH=search_settings):
        backends.get_client.cache_clear()
        es = backends.get_client().options(request_timeout=120)
        SearchEntry.objects.filter(type__in=["inventoryitem", "recommendation"]).delete()
        try:
            # 1. Bulk indexing into fresh indexes (as --rebuild does), then alias.
            docs = list(generate(args.docs, rng, places))
            by_type = {}
            for doc in docs:
                by_type.setdefault(doc.type, []).append(doc)
            start = time.perf_counter()
            for type_name, type_docs in by_type.items():
                index = new_index_name(type_name)
                es.indices.create(index=index, **index_body())
                helpers.bulk(es, indexing._actions([index], type_docs, []), chunk_size=1000)
                es.indices.refresh(index=index)
                es.indices.put_alias(index=index, name=alias_name(type_name))
            es_seconds = time.perf_counter() - start
            figures["es_bulk_docs_per_second"] = round(args.docs / es_seconds)

            start = time.perf_counter()
            for type_name, type_docs in by_type.items():
                for i in range(0, len(type_docs), 1000):
                    indexing.entries_sync(type_name, type_docs[i : i + 1000], [])
            db_seconds = time.perf_counter() - start
            figures["database_entries_docs_per_second"] = round(args.docs / db_seconds)

            # Real items to ask related items for (their documents go to both backends).
            sources = []
            for i in range(20):
                item = InventoryItem.objects.create(
                    external_id=f"bench-{prefix}-{i}",
                    title=" ".join(rng.choices(WORDS, k=5)),
                    kind="course",
                    description=" ".join(rng.choices(WORDS, k=80)),
                    live=True,
                )
                sources.append(item)

            # 2. Search through the view and the API, Elasticsearch then database.
            for backend_name, url in (
                ("elasticsearch", search_settings["ELASTICSEARCH_URL"]),
                ("database", ""),
            ):
                with override_settings(SEARCH={**search_settings, "ELASTICSEARCH_URL": url}):
                    backends.get_client.cache_clear()
                    run_queries(client, "/search/", 1)  # warm up
                    view = run_queries(client, "/search/", args.rounds)
                    api = run_queries(client, "/api/v1/search/", args.rounds)
                    related = []
                    backend = backends.get_search_backend()
                    for _ in range(args.rounds):
                        for item in sources:
                            related += timed(
                                lambda item=item, b=backend: b.related(item, viewer=None)
                            )
                figures[backend_name] = {
                    "view_p50_ms": round(statistics.median(view), 1),
                    "view_p95_ms": round(percentile(view, 95), 1),
                    "api_p50_ms": round(statistics.median(api), 1),
                    "api_p95_ms": round(percentile(api, 95), 1),
                    "related_p50_ms": round(statistics.median(related), 1),
                    "related_p95_ms": round(percentile(related, 95), 1),
                }
            es_f, db_f = figures["elasticsearch"], figures["database"]
            figures["database_to_elasticsearch_ratio"] = {
                key: round(db_f[key] / es_f[key], 2) for key in es_f if es_f[key]
            }
        finally:
            backends.get_client.cache_clear()
            client_cleanup = backends.get_client().options(request_timeout=60)
            names = list(client_cleanup.indices.get(index=f"{prefix}-*", allow_no_indices=True))
            if names:
                client_cleanup.indices.delete(index=",".join(names))
            SearchEntry.objects.filter(type__in=["inventoryitem", "recommendation"]).delete()
            InventoryItem.objects.filter(external_id__startswith=f"bench-{prefix}").delete()
            backends.get_client.cache_clear()

    write_report("search", figures)


if __name__ == "__main__":
    main()
