"""Relevance benchmark: the judged queries of ``tests/bench/relevance/judgements.json``
(English, French and Spanish; single words, phrases, inflected forms, cross-language
concepts, typos, missing accents) against the demo content, on the real Elasticsearch
node and on the PostgreSQL backend.

For each backend it reports nDCG@10 (graded: 2 = centrally about it, 1 = substantially)
and recall@10 per language and per kind of query, the queries that found nothing, the
weakest queries, and search latency with the query expansion on. Recall@10 is capped:
found relevant items in the first ten ÷ min(10, relevant items), so a query with 20
relevant items can reach 1. Writes reports/bench-relevance.json.

    .venv/bin/python tests/bench/bench_relevance.py      (``make bench`` runs it)

The judgements were made by reading the demo content, not from any engine's results;
results are compared by item (a translation counts as its original), as an anonymous
reader in the query's language sees them.
"""

import io
import json
import math
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("ELASTICSEARCH_URL", "http://127.0.0.1:29200")
os.environ.setdefault("SEARCH_INDEX_PREFIX", "bench_relevance")

from tests.bench.harness import percentile, setup_django, write_report  # noqa: E402

setup_django(database="commons_bench_relevance")

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import translation  # noqa: E402

from search import backends  # noqa: E402
from search.models import SearchEntry  # noqa: E402
from search.results import SearchParams  # noqa: E402

JUDGEMENTS = Path(__file__).resolve().parent / "relevance" / "judgements.json"
K = 10
TIMED_ROUNDS = 3
GOALS = {"elasticsearch": 0.8, "database": 0.7}


def canonical_keys() -> dict[tuple[str, int], str]:
    """``(type, id)`` → ``"type:<title of the item's English version>"``."""
    entries = list(
        SearchEntry.objects.values("type", "object_id", "title", "language", "translation_key")
    )
    english: dict[str, str] = {}
    for entry in entries:
        if entry["language"] in ("en", "") and entry["translation_key"]:
            english.setdefault(entry["translation_key"], entry["title"])
    return {
        (entry["type"], entry["object_id"]): (
            f"{entry['type']}:{english.get(entry['translation_key'], entry['title'])}"
        )
        for entry in entries
    }


def dcg(gains: list[int]) -> float:
    return sum((2**gain - 1) / math.log2(rank + 2) for rank, gain in enumerate(gains[:K]))


def evaluate(backend, judged: list[dict], keys: dict) -> dict:
    per_query = []
    timings = []
    for query in judged:
        params = SearchParams(q=query["q"], language=query["language"], per_page=K)
        with translation.override(query["language"]):
            results = backend.search(params, None)
            for _ in range(TIMED_ROUNDS):
                started = time.perf_counter()
                backend.search(params, None)
                timings.append(time.perf_counter() - started)
        found = [keys.get((hit.type, hit.id), f"{hit.type}:?{hit.title}") for hit in results.hits]
        relevant = query["relevant"]
        gains = [relevant.get(key, 0) for key in found]
        ideal = dcg(sorted(relevant.values(), reverse=True))
        hits = sum(1 for key in found[:K] if key in relevant)
        per_query.append(
            {
                "q": query["q"],
                "language": query["language"],
                "kind": query["kind"],
                "ndcg": round(dcg(gains) / ideal, 4) if ideal else 0.0,
                "recall": round(hits / min(K, len(relevant)), 4),
                "total": results.total,
                "relaxed": results.relaxed,
                "corrected_from": results.corrected_from,
                "missed": [key for key in relevant if key not in found][:5],
            }
        )

    def mean(rows, name):
        return round(statistics.fmean(row[name] for row in rows), 3) if rows else None

    by = defaultdict(list)
    for row in per_query:
        by[("language", row["language"])].append(row)
        by[("kind", row["kind"])].append(row)
    ms = [t * 1000 for t in timings]
    return {
        "queries": len(per_query),
        "ndcg_at_10": mean(per_query, "ndcg"),
        "recall_at_10": mean(per_query, "recall"),
        "by_language": {
            language: {
                "queries": len(by[("language", language)]),
                "ndcg_at_10": mean(by[("language", language)], "ndcg"),
                "recall_at_10": mean(by[("language", language)], "recall"),
            }
            for language in ("en", "fr", "es")
        },
        "by_kind": {
            kind: {
                "queries": len(rows),
                "ndcg_at_10": mean(rows, "ndcg"),
                "recall_at_10": mean(rows, "recall"),
            }
            for (axis, kind), rows in sorted(by.items())
            if axis == "kind"
        },
        "zero_results": [row["q"] for row in per_query if row["total"] == 0],
        "weakest": sorted(per_query, key=lambda row: row["ndcg"])[:12],
        "latency": {
            "n": len(ms),
            "p50_ms": round(statistics.median(ms), 2),
            "p95_ms": round(percentile(ms, 95), 2),
        },
    }


def main() -> None:
    judged = json.loads(JUDGEMENTS.read_text(encoding="utf-8"))["queries"]
    print(f"seeding the demo content for {len(judged)} judged queries…")  # noqa: T201
    call_command("seed_demo", stdout=io.StringIO())
    keys = canonical_keys()
    conf = settings.SEARCH
    figures = {"judged_queries": len(judged), "documents": len(keys), "goals": GOALS}
    for name, backend in (
        ("elasticsearch", backends.ElasticsearchBackend(timeout=conf["TIMEOUT"], max_retries=0)),
        ("database", backends.DatabaseBackend()),
    ):
        figures[name] = evaluate(backend, judged, keys)
        per_language = figures[name]["by_language"]
        figures[name]["meets_goal"] = all(
            row["ndcg_at_10"] >= GOALS[name] for row in per_language.values()
        )
    try:
        backends.get_client().indices.delete(index=f"{conf['INDEX_PREFIX']}-*")
    except Exception as exc:  # noqa: BLE001 - cleaning up is best effort
        print(f"could not remove the benchmark's indexes: {exc}")  # noqa: T201
    write_report("relevance", figures)


if __name__ == "__main__":
    main()
