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
import itertools
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

#: The field's words, placed among a Zipf-distributed vocabulary (below) at ranks like
#: those they have in the demo content: "migration" is everywhere, "trafficking" rare.
#: A corpus drawn uniformly from a 70-word list made 78–92 % of the documents match any
#: query, which no real collection does.
DOMAIN_WORDS = (
    "migration policy data training local workers labour development women youth "
    "remittances integration migrants skills health education employment support "
    "governance research return community services partnership diaspora mobility "
    "programme recognition countries climate protection savings investment course "
    "municipality corridor toolkit reintegration recruitment literacy consular digital "
    "adaptation agreements resilience entrepreneurship seasonal circular pension "
    "portability displacement refugees border smuggling trafficking handbook fair "
    "financial bilateral urbanization coherence inclusion"
).split()
VOCABULARY_SIZE = 20_000
#: The ranks of the most and least frequent of the field's words: with documents of
#: about 300 words, "migration" is in most of them, "inclusion" in a few in a thousand.
FIRST_RANK, LAST_RANK = 20, 8000
ZIPF_EXPONENT = 1.07
SYLLABLES = (
    "ka lo mi ne su ra te vo di pa ge li mo na ru se ta ve bi co du fa ho ja ku le "
    "ma no pe qui ri so tu va we xi yo za an el in or um ex al ber con dis pre tra"
).split()


def vocabulary(rng):
    """``VOCABULARY_SIZE`` words in rank order with their Zipf weights: pronounceable
    filler words, and the field's words spread from ``FIRST_RANK`` to ``LAST_RANK``
    (earlier in the list, more frequent)."""
    filler, seen = [], set(DOMAIN_WORDS)
    while len(filler) < VOCABULARY_SIZE - len(DOMAIN_WORDS):
        word = "".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            filler.append(word)
    words = list(filler)
    for position, word in enumerate(DOMAIN_WORDS):
        rank = int(FIRST_RANK * (LAST_RANK / FIRST_RANK) ** (position / (len(DOMAIN_WORDS) - 1)))
        words.insert(rank, word)
    weights = [1 / (rank**ZIPF_EXPONENT) for rank in range(1, len(words) + 1)]
    return words, weights


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


#: Share of items with a second version in French or Spanish (one result per item).
TRANSLATED_SHARE = 0.1


class Corpus:
    """Text drawn from the Zipf vocabulary, with lengths like the demo content's: titles
    of 4–12 words, summaries of 15–45, bodies log-normal around 250 words (40–2,500)."""

    def __init__(self, rng):
        self.rng = rng
        self.words, weights = vocabulary(rng)
        self.cumulative = list(itertools.accumulate(weights))

    def text(self, k: int) -> str:
        return " ".join(self.rng.choices(self.words, cum_weights=self.cumulative, k=k))

    def body_length(self) -> int:
        return min(max(int(self.rng.lognormvariate(5.5, 0.6)), 40), 2500)


def generate(n, rng, places):
    """``n`` items (three in four inventory items, one in four recommendations), about a
    tenth of them with a translation: ``n`` documents and their translations."""
    corpus = Corpus(rng)
    codes = list(places)
    for i in range(1, n + 1):
        type_name = "inventoryitem" if i % 4 else "recommendation"
        countries = rng.sample(codes, rng.randint(0, 3))
        regions = sorted({r for c in countries for r in places[c]})
        group_id = rng.randint(1, 50) if i % 20 == 0 else None
        year = rng.randint(2005, 2025)
        shared = {
            "type": type_name,
            "meta": "bench",
            "date": date(year, rng.randint(1, 12), rng.randint(1, 28)),
            "year": year,
            "languages": rng.sample(LANGS, rng.randint(1, 2)),
            "countries": countries,
            "regions": regions,
            "sectors": rng.sample(SECTORS, rng.randint(0, 2)),
            "themes": rng.sample(THEMES, rng.randint(1, 3)),
            "group_id": group_id,
            "group_public": group_id is None or group_id % 2 == 0,
            "translation_key": f"bench:{i}",
        }
        versions = ["en"]
        if rng.random() < TRANSLATED_SHARE:
            versions.append(rng.choice(["fr", "es"]))
        for number, language in enumerate(versions):
            yield SearchDocument(
                id=i + number * n,
                title=corpus.text(rng.randint(4, 12)).capitalize(),
                summary=corpus.text(rng.randint(15, 45)),
                body=corpus.text(corpus.body_length()),
                language=language,
                translated=len(versions) > 1,
                **shared,
            )


def timed(fn, repeat=1):
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


#: Queries that match a large share of the collection ("migration" is in most
#: documents of a migration platform): the goals hold for them too.
BROAD_QUERIES = [
    ("migration", {}),
    ("policy", {}),
    ("migration data", {}),
    ("training", {"type": "inventoryitem"}),
    ("labour workers", {}),
    ("migration", {"theme": "remittances"}),
    ("development", {"language": "fr"}),
    ("", {}),
]


class TookRecorder:
    """Elasticsearch's own ``took`` for each request the site makes, summed per page or
    API request (a search can take more than one pass): the server's share of the time,
    without the client, the network and the page around it."""

    def __init__(self):
        self.current = None

    def __enter__(self):
        from elasticsearch import Elasticsearch

        self.originals = {name: getattr(Elasticsearch, name) for name in ("search", "msearch")}
        recorder = self

        def wrap(method):
            def recorded(client, *args, **kwargs):
                response = method(client, *args, **kwargs)
                if recorder.current is not None:
                    recorder.current.append(response.body.get("took", 0))
                return response

            return recorded

        for name, method in self.originals.items():
            setattr(Elasticsearch, name, wrap(method))
        return self

    def __exit__(self, *exc):
        from elasticsearch import Elasticsearch

        for name, method in self.originals.items():
            setattr(Elasticsearch, name, method)


def run_queries(client, path, rounds, queries, recorder=None):
    """Each query ``rounds`` times: the request times (ms), ``took`` per request (ms) and
    the share of the collection each query matched."""
    samples, took, matched = [], [], {}
    for _ in range(rounds):
        for q, filters in queries:
            params = {"q": q, **filters}
            if recorder is not None:
                recorder.current = []
            start = time.perf_counter()
            response = client.get(path, params)
            samples.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (path, params, response.status_code)
            if recorder is not None:
                took.append(sum(recorder.current))
                recorder.current = None
            if path.startswith("/api/"):
                matched[(q, tuple(sorted(filters.items())))] = response.json()["total"]
    return samples, took, matched


def latency(samples):
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 95), 1),
    }


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
            corpus = Corpus(random.Random(7))
            for i in range(20):
                item = InventoryItem.objects.create(
                    external_id=f"bench-{prefix}-{i}",
                    title=corpus.text(5),
                    kind="course",
                    description=corpus.text(corpus.body_length()),
                    live=True,
                )
                sources.append(item)

            # 2. Search through the view and the API, Elasticsearch then database; the
            # field's typical queries and the broad ones, each with its own figures.
            items = args.docs
            for backend_name, url in (
                ("elasticsearch", search_settings["ELASTICSEARCH_URL"]),
                ("database", ""),
            ):
                figures[backend_name] = {}
                with (
                    override_settings(SEARCH={**search_settings, "ELASTICSEARCH_URL": url}),
                    TookRecorder() as recorder,
                ):
                    backends.get_client.cache_clear()
                    for set_name, queries in (("typical", QUERIES), ("broad", BROAD_QUERIES)):
                        run_queries(client, "/search/", 1, queries)  # warm up
                        view, _took, _matched = run_queries(
                            client, "/search/", args.rounds, queries
                        )
                        api, took, matched = run_queries(
                            client, "/api/v1/search/", args.rounds, queries, recorder
                        )
                        shares = [count / items for count in matched.values()]
                        row = {
                            "view": latency(view),
                            "api": latency(api),
                            "matched_share_median": round(statistics.median(shares), 3),
                            "matched_share_max": round(max(shares), 3),
                        }
                        if backend_name == "elasticsearch":
                            row["took"] = latency(took)
                        figures[backend_name][set_name] = row
                    related = []
                    backend = backends.get_search_backend()
                    for _ in range(args.rounds):
                        for item in sources:
                            related += timed(
                                lambda item=item, b=backend: b.related(item, viewer=None)
                            )
                    figures[backend_name]["related"] = latency(related)
                # The headline figures: the worse of the two query sets.
                sets = [figures[backend_name][name] for name in ("typical", "broad")]
                figures[backend_name].update(
                    {
                        "view_p95_ms": max(row["view"]["p95_ms"] for row in sets),
                        "api_p50_ms": max(row["api"]["p50_ms"] for row in sets),
                        "api_p95_ms": max(row["api"]["p95_ms"] for row in sets),
                    }
                )
                if backend_name == "elasticsearch":
                    figures[backend_name]["took_p95_ms"] = max(
                        row["took"]["p95_ms"] for row in sets
                    )
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
